"""Time to the first window on the demo case, and memory at rest, against an empty Qt window.

Each run is a fresh process, started the way the app starts (the xcb library check, the
QApplication with fonts and language, the case opened, the main window shown); the clock
runs from just before the process is spawned to the window's first exposed frame. The
baseline is a process that shows an empty QMainWindow of the same size, measured in the
same run, alternating with the app so that a busy machine slows both alike. Memory at rest
is the resident set after the chart is drawn and the event loop has idled for a second.
Byte code is compiled once, by the unmeasured first runs, into a cache in the temporary
folder (also where PYTHONDONTWRITEBYTECODE is set, which would otherwise make every run
compile the sources it imports again), as an installed program has it compiled.

    python benchmarks/start.py [CASE] [--json] [--repeat 5] [--platform offscreen|xcb]

Prints ``{"first_window_s", "rss_mb", "baseline": {"empty_window_s", "empty_rss_mb", ...},
"first_window_cpu_s", "first_window_main_cpu_s", "chart_drawn_s", "ratio", "heavy_modules",
...}`` with ``--json`` (medians over the runs; the CPU seconds are the figure a busy machine
inflates least; the main thread's leave out helper threads, such as OpenBLAS's, which spin
for a while after numpy loads).
Settings and recent files go to a temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Modules the first window should not need: their presence at start is reported.
HEAVY = ("pandas", "polars", "pyarrow", "networkx", "igraph", "workbench.analysis",
         "workbench.reports", "workbench.exchange", "workbench.intake", "ui.pdf",
         "xlsxwriter", "phonenumbers", "pypdfium2", "fontTools", "python_calamine")  # fmt: skip


def _rss_mb() -> tuple[float, float]:
    """(resident now, peak resident) in MB, from /proc; (0, 0) where there is none."""
    now = peak = 0.0
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    now = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return round(now, 1), round(peak, 1)


def _wait_exposed(app, widget, deadline: float = 30.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        app.processEvents()
        handle = widget.windowHandle()
        # Qt paints a widget window while it handles the expose event, so the first frame
        # is on screen when isExposed() turns true; one more processEvents() would already
        # run work the window posted for after its first frame.
        if widget.isVisible() and handle is not None and handle.isExposed():
            return
    raise TimeoutError("the window was never exposed")


def _idle(app, seconds: float) -> None:
    # A local loop: QApplication.quit() would close (and delete) the window first.
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def child_empty() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1500, 900)
    window.show()
    _wait_exposed(app, window)
    shown = time.time()
    cpu, main_cpu = time.process_time(), time.thread_time()
    _idle(app, 1.0)
    now, peak = _rss_mb()
    return {"shown_at": shown, "cpu_s": cpu, "main_cpu_s": main_cpu, "rss_mb": now,
            "peak_mb": peak}  # fmt: skip


def child_app(case: str) -> dict:
    sys.path.insert(0, str(ROOT))
    import main

    bench = main.start_gui([case, "--analyst", "bench", "--lang", "en"])  # `zhanlian CASE`
    if isinstance(bench, int):
        raise SystemExit(f"the GUI did not start (exit status {bench})")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    window = bench.window
    _wait_exposed(app, window)
    shown = time.time()
    cpu, main_cpu = time.process_time(), time.thread_time()
    at_start = [m for m in HEAVY if m in sys.modules]
    # The chart may be drawn after the window shows: wait for its nodes.
    end = time.monotonic() + 60
    while not window.chart.nodes and time.monotonic() < end:
        app.processEvents()
    app.processEvents()
    drawn = time.time()
    _idle(app, 1.0)
    import gc

    gc.collect()
    now, peak = _rss_mb()
    out = {"shown_at": shown, "cpu_s": cpu, "main_cpu_s": main_cpu, "chart_at": drawn, "rss_mb": now, "peak_mb": peak,
           "heavy_modules": at_start, "heavy_at_rest": [m for m in HEAVY if m in sys.modules]}  # fmt: skip
    window.close()
    app.processEvents()
    return out


def _spawn(kind: str, case: str, env: dict) -> dict:
    started = time.time()
    run = subprocess.run(
        [sys.executable, __file__, "--child", kind, case],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if run.returncode != 0:
        raise RuntimeError(f"{kind} run failed ({run.returncode}):\n{run.stderr[-3000:]}")
    out = json.loads(run.stdout.strip().splitlines()[-1])
    out["first_window_s"] = out["shown_at"] - started
    if "chart_at" in out:
        out["chart_drawn_s"] = out["chart_at"] - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", help="case file (default: a fresh demo case)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--platform", choices=("offscreen", "xcb"),
                        help="Qt platform (default: xcb where DISPLAY is set, else offscreen)")  # fmt: skip
    parser.add_argument("--child", choices=("empty", "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child_empty() if args.child == "empty" else child_app(args.case)
        print(json.dumps(result))
        return
    platform = args.platform or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "XDG_CONFIG_HOME": tmp,
               "XDG_DATA_HOME": tmp, "ZHANLIAN_DATA_DIR": tmp,
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}  # fmt: skip
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        case = args.case
        if not case:
            case = str(Path(tmp) / "demo.zlcase")
            subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", case],
                           env=env, check=True, capture_output=True)  # fmt: skip
        # One unmeasured run of each first: byte-code caches and the OS file cache warm.
        _spawn("empty", case, env)
        _spawn("app", case, env)
        empty, app = [], []
        for _ in range(args.repeat):
            empty.append(_spawn("empty", case, env))
            app.append(_spawn("app", case, env))

    def median(runs, key):
        return round(statistics.median(r[key] for r in runs), 3)

    result = {
        "first_window_s": median(app, "first_window_s"),
        "rss_mb": median(app, "rss_mb"),
        "peak_mb": median(app, "peak_mb"),
        "chart_drawn_s": median(app, "chart_drawn_s"),
        # CPU seconds of the process up to its first frame: what a busy machine inflates least.
        "first_window_cpu_s": median(app, "cpu_s"),
        "first_window_main_cpu_s": median(app, "main_cpu_s"),
        "baseline": {
            "empty_window_s": median(empty, "first_window_s"),
            "empty_window_cpu_s": median(empty, "cpu_s"),
            "empty_window_main_cpu_s": median(empty, "main_cpu_s"),
            "empty_rss_mb": median(empty, "rss_mb"),
        },
        "ratio": round(median(app, "first_window_s") / median(empty, "first_window_s"), 1),
        "heavy_modules": app[-1]["heavy_modules"],
        "heavy_at_rest": app[-1]["heavy_at_rest"],
        "platform": platform,
        "runs": args.repeat,
        "first_window_all_s": [round(r["first_window_s"], 3) for r in app],
    }
    if args.json:
        print(json.dumps(result))
        return
    b = result["baseline"]
    print(f"platform {platform}, median of {args.repeat} runs")
    print(f"first window   {result['first_window_s']:.2f} s   (empty Qt window "
          f"{b['empty_window_s']:.2f} s, {result['ratio']}x)")  # fmt: skip
    print(f"  cpu seconds  {result['first_window_cpu_s']:.2f} s   (empty Qt window "
          f"{b['empty_window_cpu_s']:.2f} s; main thread {result['first_window_main_cpu_s']:.2f} s"
          f" and {b['empty_window_main_cpu_s']:.2f} s)")  # fmt: skip
    print(f"chart drawn    {result['chart_drawn_s']:.2f} s")
    print(f"memory at rest {result['rss_mb']:.0f} MB (peak {result['peak_mb']:.0f} MB; "
          f"empty window {b['empty_rss_mb']:.0f} MB)")  # fmt: skip
    print(f"heavy modules at the first window: {', '.join(result['heavy_modules']) or 'none'}")


if __name__ == "__main__":
    main()
