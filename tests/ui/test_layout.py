"""The chart dominates the window: narrow side docks, the analysis panel folded to its tabs
and unfolding for a result, a legend that covers no node, no dock squeezed by an action,
and the layout kept from one session to the next (View → Reset layout brings it back)."""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QTabBar

from ui import i18n
from ui.app import make_application
from ui.legend import ChartLegend, chart_node_pixels
from ui.mainwindow import MainWindow
from workbench.reports.flow import busiest_card
from workbench.store import CaseStore

W, H = 1600, 1000


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


@pytest.fixture
def fresh_settings(qapp):
    make_application()
    i18n.install_language("en")  # an earlier test may have left the interface in Chinese
    settings = QSettings()
    # Earlier tests may have opened the chart's filters or folded its legend.
    keys = ("window", "chart/legend_folded", "chart/filters", "chart/legend")
    for key in keys:
        settings.remove(key)
    yield settings
    for key in keys:
        settings.remove(key)


def open_window(qtbot, path, size=(W, H)) -> MainWindow:
    w = MainWindow(CaseStore.open(path, "analyst"))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    settle()
    return w


@pytest.fixture
def demo_copy(demo_path, tmp_path):
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    return path


def side_widths(w: MainWindow) -> tuple[int, int]:
    return w.browser_dock.width(), w.inspector_dock.width()


def test_default_layout_gives_the_chart_most_of_the_window(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    canvas = w.chart.canvas
    share = canvas.width() * canvas.height() / (w.width() * w.height())
    assert share > 0.5, share
    browser, inspector = side_widths(w)
    assert browser <= 0.2 * W and inspector <= 0.2 * W
    area = w.analysis_area
    assert area.folded
    # Folded to its title and Qt's tab bar: a few dozen pixels, the whole width of the chart.
    assert area.panel_height() < 60
    findings = w.analysis_docks["findings"]
    assert findings.width() >= canvas.width() - 2
    w.close()


def test_the_panel_unfolds_from_its_tabs_and_folds_again(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    area = w.analysis_area
    bars = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible()]
    assert bars
    bar = bars[0]
    tab = next(i for i in range(bar.count()) if bar.tabText(i) == w.tr("Timeline") or
               bar.tabText(i) == "Timeline")  # fmt: skip
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    settle()
    assert not area.folded
    assert area.panel_height() >= 0.25 * H
    fold = area.bars["timeline"].fold
    qtbot.mouseClick(fold, Qt.MouseButton.LeftButton)
    settle()
    assert area.folded and area.panel_height() < 60
    w.close()


def test_a_trace_unfolds_the_panel_and_show_flow_shrinks_no_dock(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    before = side_widths(w)
    trace = w.analysis_docks["trace"].widget()
    trace.use_card(busiest_card(w.store))
    trace.run()
    settle()
    area = w.analysis_area
    assert not area.folded
    assert area.current() is w.analysis_docks["trace"]
    assert area.panel_height() >= 0.35 * H
    panel = area.panel_height()
    qtbot.mouseClick(trace.show_flow, Qt.MouseButton.LeftButton)
    settle(0.8)
    assert w.chart.canvas.flows
    after = side_widths(w)
    assert abs(after[0] - before[0]) <= 2 and abs(after[1] - before[1]) <= 2, (before, after)
    assert abs(area.panel_height() - panel) <= 2
    assert w.width() == W
    w.close()


def test_long_timeline_heading_does_not_widen_the_panel(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    before = side_widths(w)
    cards = [e.id for e in w.store.entities("bank_card")[:40]]
    w.document.select_many(cards)
    settle()
    timeline = w.analysis_docks["timeline"].widget()
    assert "more" in timeline.heading.text()
    assert timeline.minimumSizeHint().width() < 700
    assert side_widths(w) == before
    w.close()


def test_legend_covers_no_node_and_folds_on_click(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    canvas = w.chart.canvas
    legend = canvas.legend
    assert isinstance(legend, ChartLegend)
    assert legend.items, "the canvas fills the legend as it filled pyqtgraph's"
    legend.place()
    rect = legend.mapRectToParent(legend.boundingRect())
    assert legend._covered(rect, chart_node_pixels(canvas)) == 0
    # Inside the view, sized to its text (not a third of the chart).
    assert canvas.vb.boundingRect().contains(rect)
    assert rect.width() < 0.5 * canvas.width()
    was_folded = legend.folded
    centre = canvas.mapFromScene(legend.mapToScene(legend.boundingRect().center()))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre))
    settle()
    assert legend.folded != was_folded
    if legend.folded:
        assert legend.boundingRect().height() < 30
    # Open by hand and zoomed so that every corner has nodes: it stays where the analyst
    # opened it; folded by hand it stays folded across sessions.
    if not legend.folded:
        legend.toggle()
    assert QSettings().value("chart/legend_folded", type=bool)
    w.close()


def test_layout_is_restored_and_reset(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy)
    w.analysis_area.set_folded(False, 420)
    w.resizeDocks([w.browser_dock], [330], Qt.Orientation.Horizontal)
    settle()
    browser, panel = w.browser_dock.width(), w.analysis_area.panel_height()
    assert abs(panel - 420) <= 3
    w.close()
    w2 = open_window(qtbot, demo_copy)
    assert not w2.analysis_area.folded
    assert abs(w2.browser_dock.width() - browser) <= 3
    assert abs(w2.analysis_area.panel_height() - panel) <= 3
    w2.act_reset_layout.trigger()
    settle()
    assert w2.analysis_area.folded
    assert w2.browser_dock.width() == int(min(max(W * 0.18, 220), 360))
    w2.close()


def test_small_screen_keeps_docks_usable(qtbot, fresh_settings, demo_copy):
    w = open_window(qtbot, demo_copy, (1366, 768))
    assert w.width() == 1366
    browser, inspector = side_widths(w)
    assert browser >= 220 and inspector >= 220
    canvas = w.chart.canvas
    assert canvas.width() >= 760 and canvas.height() >= 500
    w.close()
