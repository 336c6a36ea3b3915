"""Findings panel: patterns found off the GUI thread, verdicts as undoable commands that
persist in the case."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.analysis.commands import SetVerdict
from ui.analysis.findings import FindingsPanel
from ui.analysis.widgets import row_data
from ui.document import CaseDocument
from workbench.analysis import find_patterns
from workbench.store import CaseStore


def run_panel(qtbot, doc) -> FindingsPanel:
    panel = FindingsPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(1200, 600)
    panel.show()
    with qtbot.waitSignal(panel.runner.finished, timeout=30_000):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    return panel


def visible_rows(panel) -> list[int]:
    return [r for r in range(panel.table.rowCount()) if not panel.table.isRowHidden(r)]


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualItemRect(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_the_findings_of_find_patterns(qtbot, doc):
    expected = find_patterns(doc.store)
    panel = run_panel(qtbot, doc)
    assert panel.table.rowCount() == len(expected) > 0
    listed = {(panel.findings[row_data(panel.table, r)].identity) for r in range(len(expected))}
    assert listed == {f.identity for f in expected}
    # Sorted by score, strongest first.
    scores = [
        panel.table.item(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in visible_rows(panel)
    ]
    assert scores == sorted(scores, reverse=True)
    # Filter by pattern: only card hoarders remain.
    panel.pattern_filter.setCurrentIndex(panel.pattern_filter.findData("card_hoarder"))
    shown = [panel.findings[row_data(panel.table, r)] for r in visible_rows(panel)]
    assert shown and {f.pattern for f in shown} == {"card_hoarder"}
    assert len(shown) == sum(f.pattern == "card_hoarder" for f in expected)


def test_selecting_a_finding_selects_its_entity_and_shows_evidence(qtbot, doc):
    panel = run_panel(qtbot, doc)
    overlays = []
    doc.overlay_changed.connect(overlays.append)
    row = visible_rows(panel)[0]
    click_row(qtbot, panel.table, row)
    f = panel.findings[row_data(panel.table, row)]
    assert doc.selected == f.entity_id and doc.selected_ids == (f.entity_id,)
    assert overlays and overlays[-1].entity_ids[0] == f.entity_id
    assert panel.evidence.rowCount() == min(sum(len(v) for v in f.evidence.values()), 150)
    assert panel.evidence.rowCount() > 0


def test_confirm_pushes_a_command_persists_and_undo_removes_it(qtbot, doc, demo_copy):
    panel = run_panel(qtbot, doc)
    row = visible_rows(panel)[0]
    click_row(qtbot, panel.table, row)
    f = panel.findings[row_data(panel.table, row)]
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 1
    assert doc.store.verdicts()[(f.pattern, f.key)].verdict == "confirmed"
    # The panel shows it, and the "not reviewed" filter hides it.
    r = next(
        r for r in range(panel.table.rowCount()) if panel.findings[row_data(panel.table, r)] is f
    )
    assert panel.table.item(r, 7).data(Qt.ItemDataRole.UserRole + 1) == "confirmed"
    panel.verdict_filter.setCurrentIndex(panel.verdict_filter.findData("unreviewed"))
    assert panel.table.isRowHidden(r)
    panel.verdict_filter.setCurrentIndex(panel.verdict_filter.findData("confirmed"))
    assert visible_rows(panel) == [r]

    # Kept in the case: a fresh session sees it.
    doc.close()
    reopened = CaseStore.open(demo_copy, "other")
    try:
        assert reopened.verdicts()[(f.pattern, f.key)].verdict == "confirmed"
        doc2 = CaseDocument(reopened)
        # Dismiss replaces it; undo brings the confirmation back; undo again clears it.
        doc2.push(SetVerdict(reopened, f.pattern, f.key, "dismissed"))
        assert reopened.verdicts()[(f.pattern, f.key)].verdict == "dismissed"
        doc2.undo_stack.undo()
        assert reopened.verdicts()[(f.pattern, f.key)].verdict == "confirmed"
        doc2.push(SetVerdict(reopened, f.pattern, f.key, None))
        assert (f.pattern, f.key) not in reopened.verdicts()
        doc2.undo_stack.undo()
        doc2.undo_stack.undo()
        assert reopened.verdicts()[(f.pattern, f.key)].verdict == "confirmed"
        doc2.undo_stack.clear()
    finally:
        reopened.close()


def test_undo_of_confirm_in_the_panel(qtbot, doc):
    panel = run_panel(qtbot, doc)
    row = visible_rows(panel)[0]
    click_row(qtbot, panel.table, row)
    f = panel.findings[row_data(panel.table, row)]
    qtbot.mouseClick(panel.dismiss, Qt.MouseButton.LeftButton)
    assert doc.store.verdicts()[(f.pattern, f.key)].verdict == "dismissed"
    doc.undo_stack.undo()
    assert (f.pattern, f.key) not in doc.store.verdicts()
    r = next(
        r for r in range(panel.table.rowCount()) if panel.findings[row_data(panel.table, r)] is f
    )
    assert panel.table.item(r, 7).text() == ""
    doc.undo_stack.redo()
    assert doc.store.verdicts()[(f.pattern, f.key)].verdict == "dismissed"


def test_cancel_keeps_the_previous_findings(qtbot, doc):
    panel = run_panel(qtbot, doc)
    before = len(panel.findings)
    with qtbot.waitSignal(panel.runner.failed, timeout=30_000):
        panel.run()
        panel.runner.cancel()
    assert len(panel.findings) == before
    assert not panel.runner.busy and panel.run_button.isEnabled()


def test_phone_switch_links_the_two_numbers_as_one_person(qtbot, tmp_path):
    from tests.workbench.analysis.callcase import NEW, OLD, make_call_case

    path = make_call_case(tmp_path)
    store = path if isinstance(path, CaseStore) else CaseStore.open(path, "analyst")
    doc = CaseDocument(store)
    panel = run_panel(qtbot, doc)
    panel.pattern_filter.setCurrentIndex(panel.pattern_filter.findData("phone_switch"))
    row = visible_rows(panel)[0]
    click_row(qtbot, panel.table, row)
    f = panel.findings[row_data(panel.table, row)]
    assert (f.key, f.counterpart_key) == (OLD, NEW)
    # Both numbers selected: the timeline draws the old one's last and the new one's first.
    assert doc.selected_ids == (f.entity_id, f.counterpart_id)
    assert panel.same_person.isVisible() and panel.same_person.isEnabled()
    qtbot.mouseClick(panel.same_person, Qt.MouseButton.LeftButton)
    links = [lk for lk in store.links_of(f.entity_id) if lk.type == "related"]
    assert len(links) == 1 and {links[0].source_id, links[0].target_id} == {
        f.entity_id, f.counterpart_id}  # fmt: skip
    assert not panel.same_person.isEnabled()  # once is enough
    doc.undo_stack.undo()
    assert not [lk for lk in store.links_of(f.entity_id) if lk.type == "related"]
    doc.close()
