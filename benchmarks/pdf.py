"""Time to write each PDF kind of the demo case, and to build the export font.

python benchmarks/pdf.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from ui import i18n  # noqa: E402
from ui.pdf import fonts  # noqa: E402
from ui.pdf.export import ExportOptions, export  # noqa: E402
from workbench.demo import build_demo  # noqa: E402
from workbench.store import CaseStore  # noqa: E402


def level1() -> set[str]:
    return {
        bytes((hi, lo)).decode("gb2312")
        for hi in range(0xB0, 0xD8)
        for lo in range(0xA1, 0xFF)
        if not (hi == 0xD7 and lo > 0xF9)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    i18n.register_fonts(app)
    out: dict[str, object] = {}
    t = time.perf_counter()
    fonts.build_font(fonts.font_characters(level1()), "Bench Font")
    out["font_3755_chars_s"] = round(time.perf_counter() - t, 2)
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "demo.zlcase"
        build_demo(case)
        with CaseStore.open(case, "bench", read_only=True) as store:
            for name, kind, opts in (
                ("orgchart_a4_tiled", "orgchart-pdf", ExportOptions()),
                ("orgchart_a3_fit", "orgchart-pdf", ExportOptions(paper="A3", fit=True)),
                ("flow", "flow-pdf", ExportOptions()),
                ("report", "report-pdf", ExportOptions(mask_ids=True)),
            ):
                t = time.perf_counter()
                r = export(store, kind, Path(tmp) / f"{name}.pdf", opts)
                out[f"{name}_s"] = round(time.perf_counter() - t, 2)
                out[f"{name}_pages"] = r["pages"]
                out[f"{name}_kb"] = round(r["bytes"] / 1024)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:<26}{v:>10}")


if __name__ == "__main__":
    main()
