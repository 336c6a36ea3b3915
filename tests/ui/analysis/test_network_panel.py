"""Network panel on the demo case: ranking, sub-groups accepted as organisations (one undo
step), shortest path, common contacts and the cross-region matrix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.analysis.network import NetworkPanel
from ui.analysis.widgets import SORT_ROLE, row_data
from workbench.analysis import case_graph, communities, rank
from workbench.model import Kind


@pytest.fixture
def panel(qtbot, doc):
    p = NetworkPanel(doc)
    qtbot.addWidget(p)
    p.resize(1200, 600)
    p.show()
    return p


def click(qtbot, button, runner=None):
    if runner is None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_rank_table_sorted_and_overlay_with_scores(qtbot, doc, panel):
    panel.layer.setCurrentIndex(panel.layer.findData("calls"))
    panel.by_person.setChecked(False)
    panel.measure.setCurrentIndex(panel.measure.findData("pagerank"))
    click(qtbot, panel.rank_button, panel.runner)
    expected = rank(case_graph(doc.store, "calls"), "pagerank", top=1000)
    t = panel.rank_table
    assert t.rowCount() == len(expected.entries) > 0
    scores = [t.item(r, 4).data(SORT_ROLE) for r in range(t.rowCount())]
    assert scores == sorted(scores, reverse=True)
    assert [row_data(t, r) for r in range(10)] == [e.entity_id for e in expected.entries[:10]]
    # Sorting by another column and back works on numbers, not text.
    t.sortItems(4, Qt.SortOrder.AscendingOrder)
    assert t.item(0, 4).data(SORT_ROLE) == min(scores)

    overlays = []
    doc.overlay_changed.connect(overlays.append)
    click(qtbot, panel.rank_overlay)
    ov = overlays[-1]
    top = expected.entries[:50]
    assert ov.entity_ids == tuple(e.entity_id for e in top)
    assert ov.scores == {e.entity_id: e.score for e in top}


def test_sampled_betweenness_states_its_error(qtbot, doc, panel):
    import ui.analysis.network as net

    panel.measure.setCurrentIndex(panel.measure.findData("betweenness"))
    panel.layer.setCurrentIndex(panel.layer.findData("money"))
    panel.by_person.setChecked(False)
    # The demo's money layer is below the exact limit; rank exactly, then force sampling.
    click(qtbot, panel.rank_button, panel.runner)
    assert "Exact" in panel.rank_note.text()
    g = case_graph(doc.store, "money")
    panel._show_rank(net.rank(g, "betweenness", exact_limit=10, samples=50))
    assert "Sampled from 50 pivots" in panel.rank_note.text()
    assert "±" in panel.rank_note.text()


def test_accept_sub_group_as_organisation_and_undo(qtbot, doc, panel):
    click(qtbot, panel.groups_button, panel.runner)
    expected = communities(case_graph(doc.store, "all", by_person=True))
    assert panel.groups_table.rowCount() == len(expected.groups) > 0
    panel.groups_table.selectRow(0)
    group = panel.current_group()
    assert set(doc.selected_ids) == {m.entity_id for m in group.members}
    orgs_before = {e.id for e in doc.store.entities(Kind.ORGANISATION)}
    count = doc.undo_stack.count()
    panel.org_name.setText("测试小组")
    click(qtbot, panel.accept_group)
    assert doc.undo_stack.count() == count + 1  # one step
    (org,) = [e for e in doc.store.entities(Kind.ORGANISATION) if e.id not in orgs_before]
    assert org.name == "测试小组" and org.attrs.get("org_type") == "team"
    members = {lk.source_id for lk in doc.store.links_of(org.id) if lk.type == "member_of"}
    assert members == {m.entity_id for m in group.members}
    doc.undo_stack.undo()
    assert not doc.store.has_entity(org.id)
    assert {e.id for e in doc.store.entities(Kind.ORGANISATION)} == orgs_before
    doc.undo_stack.redo()
    assert doc.store.entity(org.id).name == "测试小组"
    assert len([lk for lk in doc.store.links_of(org.id) if lk.type == "member_of"]) == len(members)


def test_shortest_path_from_selection_is_shown(qtbot, doc, panel):
    g = case_graph(doc.store, "all", by_person=True)
    hub = max(g.degree, key=lambda x: x[1])[0]
    far = next(v for v in g.nodes if v != hub and not g.has_edge(hub, v) and
               __import__("networkx").has_path(g, hub, v))  # fmt: skip
    doc.select_many([hub, far])
    click(qtbot, panel.path_use_selection)
    assert panel.path_from.text() == f"#{hub}"
    overlays = []
    doc.overlay_changed.connect(overlays.append)
    click(qtbot, panel.path_button, panel.runner)
    assert panel.path.found and panel.path.length >= 2
    assert panel.path_table.rowCount() == panel.path.length
    assert overlays[-1].entity_ids[0] == hub and overlays[-1].entity_ids[-1] == far
    assert len(overlays[-1].flows) == panel.path.length


def test_path_with_an_unknown_key_says_so(qtbot, panel):
    panel.path_from.setText("13800000000")
    panel.path_to.setText("#1")
    click(qtbot, panel.path_button)
    assert not panel.runner.busy
    assert "13800000000" in panel.path_note.text()


def test_common_contacts_and_region_matrix(qtbot, doc, panel):
    from workbench.analysis import common_contacts

    people = doc.store.entity_ids_with_role("car_handler")[:4]
    doc.select_many(people)
    click(qtbot, panel.common_button, panel.runner)
    expected = common_contacts(doc.store, people, layer="all")
    assert panel.common_table.rowCount() == len(expected)
    click(qtbot, panel.regions_button, panel.runner)
    t = panel.regions_table
    assert t.rowCount() == t.columnCount() == min(12, len(panel.matrix.regions)) > 1
    total = sum(c.amount_fen for c in panel.matrix.cells
                if {c.source, c.target} <= {r["code"] for r in panel.matrix.regions[:12]})  # fmt: skip
    shown = sum(t.item(r, c).data(SORT_ROLE) for r in range(t.rowCount())
                for c in range(t.columnCount()))  # fmt: skip
    assert shown == total > 0
