"""Trace panel: rows matching trace_funds, the flow overlay, stop lists read back, measures
as undoable commands."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from ui.analysis.commands import DeleteMeasure, RecordMeasure
from ui.analysis.tracepanel import TracePanel
from ui.analysis.widgets import SORT_ROLE, row_data
from workbench.analysis import STOP_LIST_COLUMNS, find_card, find_patterns, trace_funds


@pytest.fixture
def transit_card(doc):
    return next(f for f in find_patterns(doc.store, ["fast_in_fast_out"])).key


@pytest.fixture
def panel(qtbot, doc):
    p = TracePanel(doc)
    qtbot.addWidget(p)
    p.resize(1300, 600)
    p.show()
    return p


def run_trace(qtbot, panel, card: str, levels: int = 3, window: int = 120):
    panel.card.clear()
    qtbot.keyClicks(panel.card, card)
    panel.levels.setValue(levels)
    panel.window_minutes.setValue(window)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)


def test_table_rows_match_trace_funds(qtbot, doc, panel, transit_card):
    run_trace(qtbot, panel, transit_card)
    expected = trace_funds(doc.store, card_id=find_card(doc.store, transit_card), levels=3,
                           window_minutes=120)  # fmt: skip
    assert expected.cards
    t = panel.cards
    assert t.rowCount() == len(expected.cards)
    got = {
        row_data(t, r): (t.item(r, 0).data(SORT_ROLE), t.item(r, 5).data(SORT_ROLE),
                         t.item(r, 6).text())
        for r in range(t.rowCount())
    }  # fmt: skip
    assert got == {c.entity_id: (c.level, c.amount_fen, c.first_arrival) for c in expected.cards}
    levels = [t.item(r, 0).data(SORT_ROLE) for r in range(t.rowCount())]
    assert levels == sorted(levels)
    assert panel.exits.rowCount() == len(expected.exits)


def test_selected_bank_card_fills_the_card_field(qtbot, doc, panel, transit_card):
    doc.select(find_card(doc.store, transit_card))
    assert panel.card.text() == transit_card
    person = doc.store.entity_ids_with_role("organiser")[0]
    doc.select(person)
    assert panel.card.text() == transit_card


def test_flow_overlay(qtbot, doc, panel, transit_card):
    run_trace(qtbot, panel, transit_card)
    overlays = []
    doc.overlay_changed.connect(overlays.append)
    qtbot.mouseClick(panel.show_flow, Qt.MouseButton.LeftButton)
    ov = overlays[-1]
    r = panel.result
    assert ov.entity_ids[0] == find_card(doc.store, transit_card)
    assert set(ov.entity_ids[1:]) == {c.entity_id for c in r.cards}
    assert [(a, b, fen) for a, b, fen, _ in ov.flows] == [
        (f.payer_id, f.payee_id, f.traced_fen) for f in r.flows
    ]
    assert all(label.split()[0] for *_, label in ov.flows)


def test_stop_list_exports_read_back(qtbot, doc, panel, transit_card, tmp_path):
    run_trace(qtbot, panel, transit_card)
    xlsx = panel.export_stop_list(tmp_path / "stop.xlsx")
    sheet = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    assert tuple(sheet[0]) == STOP_LIST_COLUMNS
    assert [row[0] for row in sheet[1:]] == [c.card for c in panel.result.cards]
    assert [row[3] for row in sheet[1:]] == [c.amount_fen / 100 for c in panel.result.cards]
    path = panel.export_stop_list(tmp_path / "stop.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == STOP_LIST_COLUMNS and len(rows) == len(sheet)


def test_record_measure_is_undoable_and_shown(qtbot, doc, panel, transit_card):
    run_trace(qtbot, panel, transit_card)
    panel.cards.selectRow(0)
    eid = row_data(panel.cards)
    assert doc.selected == eid
    c = panel.result.card(eid)
    panel.record_measure(eid, "freeze", c.amount_fen, "test")
    (m,) = doc.store.measures(eid)
    assert (m.action, m.amount_fen, m.note) == ("freeze", c.amount_fen, "test")
    row = next(r for r in range(panel.cards.rowCount()) if row_data(panel.cards, r) == eid)
    assert panel.cards.item(row, 9).text().endswith(f"{c.amount_fen / 100:,.2f}")
    doc.undo_stack.undo()
    assert doc.store.measures(eid) == []
    assert panel.cards.item(row, 9).text() == ""
    doc.undo_stack.redo()
    (again,) = doc.store.measures(eid)
    assert again == m  # same id, time and note

    doc.push(DeleteMeasure(doc.store, m.id))
    assert doc.store.measures(eid) == []
    doc.undo_stack.undo()
    assert doc.store.measures(eid) == [m]


def test_record_measure_command_against_the_store(doc):
    card = doc.store.entities()[0].id
    cmd = RecordMeasure(doc.store, card, "stop", 12_300)
    cmd.apply()
    assert [x.action for x in doc.store.measures(card)] == ["stop"]
    cmd.revert()
    assert doc.store.measures(card) == []


def test_unknown_card_and_bad_time_are_messages(qtbot, panel, transit_card):
    run_trace(qtbot, panel, "6222000000000000000")
    assert "6222000000000000000" in panel.summary.text() and panel.result is None
    panel.at.setText("yesterday")
    run_trace(qtbot, panel, transit_card)
    assert "yesterday" in panel.summary.text()
