"""The chart canvas owns one legend, the folding ChartLegend: a canvas made anywhere (a
test, an export) has it, and the window's install_chart_legend only hands it back."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui import labels
from ui.chart.canvas import ChartCanvas
from ui.legend import ChartLegend, install_chart_legend
from workbench.layout import ChartNode
from workbench.model import Kind


def test_a_bare_canvas_has_one_legend_and_installing_changes_nothing(qapp, qtbot, tmp_path):
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 600)
    canvas.show()
    nodes = {
        1: ChartNode(1, Kind.PERSON, None, "Li Si", ("organiser",), "arrested"),
        2: ChartNode(2, Kind.PERSON, None, "Wang Wu", ("core_member",)),
        3: ChartNode(3, Kind.BANK_CARD, "6222020200112233446", "", holder=1),
    }
    canvas.set_chart(nodes, {1: (0.0, 0.0), 2: (80.0, 0.0), 3: (20.0, 30.0)}, [])
    for _ in range(5):
        QApplication.processEvents()
    legend = canvas.legend
    assert isinstance(legend, ChartLegend)
    texts = [label.text for _, label in legend.items]
    wanted = {labels.role_label("organiser"), labels.role_label("core_member"),
              labels.kind_label(Kind.BANK_CARD), labels.status_label("arrested")}  # fmt: skip
    assert wanted <= set(texts)
    assert legend.scene() is canvas.scene() and legend.isVisible()
    # The only legend in the scene: pyqtgraph's is gone.
    assert not [i for i in canvas.scene().items() if isinstance(i, pg.LegendItem)]
    assert [i for i in canvas.scene().items() if isinstance(i, ChartLegend)] == [legend]
    # The window's call hands the same legend back, as often as it is made.
    assert install_chart_legend(canvas) is legend
    assert install_chart_legend(canvas) is legend
    assert [label.text for _, label in legend.items] == texts
    # A redraw refills it, never doubles it.
    canvas.redraw()
    assert [label.text for _, label in legend.items] == texts
    # The Legend action hides it and brings it back.
    try:
        canvas.set_legend_visible(False)
        assert not legend.isVisible()
        canvas.set_legend_visible(True)
        assert legend.isVisible() and [label.text for _, label in legend.items] == texts
    finally:
        QSettings().remove("chart/legend")
    canvas.dispose()
