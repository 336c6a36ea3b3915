"""The first frame comes before the chart: the window shows with its browser, inspector and
menus, and the chart, the neighbourhood and the analysis panels (pyqtgraph under them) are
built right after it, or at once when something asks for one of them earlier.

The first check runs the app's start path in a fresh interpreter (this test process has
imported everything already) and looks at the moment the window is first on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.app import make_application
from ui.mainwindow import MainWindow

from ..factories import make_case

ROOT = Path(__file__).resolve().parents[2]

FIRST_FRAME = """
import json, sys
sys.path.insert(0, {root!r})
import main
from PySide6.QtWidgets import QApplication

bench = main.start_gui([{case!r}, "--analyst", "tester", "--lang", "en"])
assert not isinstance(bench, int), bench
app = QApplication.instance()
window = bench.window
while not (window.isVisible() and window.windowHandle().isExposed()):
    app.processEvents()
first = {{"built": window.views_built(),
          "loaded": sorted(m for m in {watched!r} if m in sys.modules),
          "tab": type(window.centre_tabs.widget(0)).__name__}}
for _ in range(50):  # what the window posted for after its first frame
    app.processEvents()
    if window.views_built():
        break
after = {{"built": window.views_built(), "nodes": len(window.__dict__["chart"].nodes),
          "tab_is_chart": window.centre_tabs.widget(0) is window.chart,
          "loaded": sorted(m for m in {watched!r} if m in sys.modules)}}
window.close()
app.processEvents()
print(json.dumps({{"first": first, "after": after}}))
"""

#: What the first frame does without: the chart's drawing library, the chart and the
#: analysis panels, the analysis package and its graph engine.
WATCHED = ("pyqtgraph", "ui.chart", "ui.neighbourhood", "ui.analysis", "workbench.analysis",
           "networkx", "igraph")  # fmt: skip


@pytest.fixture(scope="module")
def start_run(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("first_frame")
    store = make_case(tmp, people=12)
    case = str(store.path)
    store.close()
    script = FIRST_FRAME.format(root=str(ROOT), case=case, watched=WATCHED)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "cfg"),
           "ZHANLIAN_DATA_DIR": str(tmp / "data")}  # fmt: skip
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=240, cwd=tmp)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_first_frame_shows_before_the_chart_and_its_libraries_load(start_run):
    first = start_run["first"]
    assert not first["built"]
    assert first["loaded"] == [], first["loaded"]
    assert first["tab"] == "QLabel"  # "Opening the chart…" holds the chart's place


def test_the_chart_is_drawn_right_after_the_first_frame(start_run):
    after = start_run["after"]
    assert after["built"] and after["tab_is_chart"]
    assert after["nodes"] > 0  # the gang overview, drawn
    # The analysis panels are built now, the graph engine still waits for an analysis.
    assert "ui.analysis" in after["loaded"] and "pyqtgraph" in after["loaded"]
    assert "networkx" not in after["loaded"] and "igraph" not in after["loaded"]


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    make_application()
    store = make_case(tmp_path, people=12)
    w = MainWindow(store)
    qtbot.addWidget(w)
    yield w
    if not store.closed:
        w.close()


def test_asking_for_a_view_before_the_first_frame_builds_them_all(window):
    assert not window.views_built()
    chart = window.chart  # a test, a slot or a command asking early
    assert window.views_built()
    assert window.centre_tabs.widget(0) is chart
    assert window.centre_tabs.widget(1) is window.neighbourhood
    assert set(window.analysis_docks) == {"findings", "network", "trace", "timeline"}
    assert chart.chart_id is not None and chart.nodes
    assert window.chart_menu.actions()  # the Chart menu is the chart panel's


def test_what_happened_before_the_build_reaches_the_views(window):
    person = window.store.entities("person")[0].id
    window.document.select(person)
    window.act_mask.setChecked(True)
    window.centre_tabs.setCurrentIndex(1)
    assert not window.views_built()
    assert window.neighbourhood.center.id == person
    assert window.chart.canvas.mask  # numbers masked on the chart too
    assert window.centre_tabs.currentIndex() == 1
    assert window.centre_tabs.currentWidget() is window.neighbourhood


def test_shown_window_builds_its_views_after_painting(window):
    window.show()
    assert not window.views_built()  # show() paints nothing yet
    for _ in range(50):
        QApplication.processEvents()
        if window.views_built():
            break
    assert window.views_built()
    assert window.chart.nodes and window.analysis_area.folded


def test_closed_before_its_first_frame_builds_nothing(window):
    store = window.store
    window.close()
    assert store.closed and not window.views_built()
    QApplication.processEvents()
    assert not window.views_built()
