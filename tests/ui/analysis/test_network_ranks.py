"""Network panel: tied ranks shown as 1=, betweenness by contact strength, Louvain stability."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.analysis.network import NetworkPanel
from ui.analysis.widgets import row_data
from workbench.analysis import case_graph, communities, rank


@pytest.fixture
def panel(qtbot, doc):
    p = NetworkPanel(doc)
    qtbot.addWidget(p)
    p.resize(1200, 600)
    p.show()
    return p


def run(qtbot, panel, button):
    with qtbot.waitSignal(panel.runner.finished, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_tied_scores_share_a_rank_marked_equal(qtbot, doc, panel):
    panel.layer.setCurrentIndex(panel.layer.findData("calls"))
    panel.by_person.setChecked(False)
    panel.measure.setCurrentIndex(panel.measure.findData("degree"))
    assert not panel.rank_weighted.isEnabled()
    run(qtbot, panel, panel.rank_button)
    expected = rank(case_graph(doc.store, "calls"), "degree", top=1000)
    t = panel.rank_table
    texts = [t.item(r, 0).text() for r in range(t.rowCount())]
    assert texts == [f"{e.rank}=" if e.tied else str(e.rank) for e in expected.entries]
    assert any(x.endswith("=") for x in texts)
    # Within a tie the rows stay in key order, also after sorting by another column and back.
    t.sortItems(4, Qt.SortOrder.AscendingOrder)
    t.sortItems(0, Qt.SortOrder.AscendingOrder)
    assert [row_data(t, r) for r in range(t.rowCount())] == [e.entity_id for e in expected.entries]
    assert "share a rank" in panel.rank_note.text()


def test_betweenness_by_contact_strength_is_an_option(qtbot, doc, panel):
    panel.layer.setCurrentIndex(panel.layer.findData("calls"))
    panel.by_person.setChecked(False)
    panel.measure.setCurrentIndex(panel.measure.findData("betweenness"))
    assert panel.rank_weighted.isEnabled() and not panel.rank_weighted.isChecked()
    run(qtbot, panel, panel.rank_button)
    assert panel.ranking.distance == "hops"
    assert "Distance: hop count." in panel.rank_note.text()
    panel.rank_weighted.setChecked(True)
    run(qtbot, panel, panel.rank_button)
    assert panel.ranking.distance == "inverse_weight"
    assert "Distance: 1/weight" in panel.rank_note.text()
    expected = rank(case_graph(doc.store, "calls"), "betweenness", distance="inverse_weight")
    assert [e.entity_id for e in panel.ranking.entries[:10]] == [
        e.entity_id for e in expected.entries[:10]
    ]


def test_sub_groups_show_their_stability(qtbot, doc, panel):
    panel.layer.setCurrentIndex(panel.layer.findData("calls"))
    panel.by_person.setChecked(False)
    panel.groups_runs.setValue(3)
    run(qtbot, panel, panel.groups_button)
    expected = communities(case_graph(doc.store, "calls"), runs=3)
    t = panel.groups_table
    assert t.rowCount() == len(expected.groups) > 0
    by_index = {g.index: g for g in expected.groups}
    for r in range(t.rowCount()):
        g = by_index[row_data(t, r)]
        assert t.item(r, 3).text() == f"{g.stability:.0%}"
        assert "runs" in t.item(r, 3).toolTip()
    assert "3 further runs" in panel.groups_note.text()
    # Without runs the column stays empty.
    panel.groups_runs.setValue(0)
    run(qtbot, panel, panel.groups_button)
    assert all(t.item(r, 3).text() == "" for r in range(t.rowCount()))
