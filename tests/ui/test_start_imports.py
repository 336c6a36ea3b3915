"""A fast start: building the main window loads none of the heavy modules it does not show.

Each check runs in a fresh interpreter (this test process has imported everything already):
it takes the app's start path (main.start_gui, what ``zhanlian CASE`` runs: the checks,
QApplication, language, the case opened in a MainWindow and shown, offscreen) and reports which modules are loaded once the window is up.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..factories import make_case

ROOT = Path(__file__).resolve().parents[2]

START = """
import json, sys
sys.path.insert(0, {root!r})
import main
from PySide6.QtWidgets import QApplication

bench = main.start_gui([{case!r}, "--analyst", "tester", "--lang", "en"])  # `zhanlian CASE`
assert not isinstance(bench, int), bench
app = QApplication.instance()
for _ in range(20):  # the first frame, and what the window posts for after it
    app.processEvents()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {roots!r} or m in {names!r})
bench.window.close()
app.processEvents()
later = None
if {pandas_installed!r}:
    import pandas  # the guard that kept it out at start must not keep it out for good
    later = pandas.__name__
print(json.dumps({{"loaded": loaded, "pandas_later": later}}))
"""

#: Loaded by nothing the first window shows: data frames, PDF and report painting, the
#: exchange formats, the import machinery, spreadsheets.
NEVER_AT_START = ("pandas", "polars", "pyarrow", "workbench.reports", "workbench.exchange",
                  "workbench.intake", "ui.pdf", "pypdfium2", "xlsxwriter", "phonenumbers",
                  "python_calamine", "igraph")  # fmt: skip
#: The graph engine: needed when a network analysis runs, not to show the window (the
#: analysis modules themselves are plain Python and numpy, 0.05 s together).
ANALYSIS = ("networkx",)


@pytest.fixture(scope="module")
def loaded_at_start(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("start")
    store = make_case(tmp, people=12)
    case = str(store.path)
    store.close()
    names = (*NEVER_AT_START, *ANALYSIS)
    roots = sorted({n.split(".")[0] for n in names if "." not in n})
    script = START.format(root=str(ROOT), case=case, roots=roots, names=names,
                          pandas_installed=importlib.util.find_spec("pandas") is not None)  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "cfg"),
           "ZHANLIAN_DATA_DIR": str(tmp / "data")}  # fmt: skip
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=240, cwd=tmp)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_window_builds_without_pandas_reports_exchange_or_intake(loaded_at_start):
    loaded = set(loaded_at_start["loaded"])
    assert not loaded & set(NEVER_AT_START), sorted(loaded & set(NEVER_AT_START))


def test_pandas_still_imports_later_when_installed(loaded_at_start):
    if importlib.util.find_spec("pandas") is None:
        pytest.skip("pandas is not installed here (only the [bench] extra brings it)")
    assert loaded_at_start["pandas_later"] == "pandas"


def test_window_builds_without_the_analysis_engines(loaded_at_start):
    loaded = set(loaded_at_start["loaded"])
    assert not loaded & set(ANALYSIS), sorted(loaded & set(ANALYSIS))
