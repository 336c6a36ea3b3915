"""Chart commands against the store and through the undo stack; layouts, overlay, time
window and export through the panel."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.app import make_application
from ui.chart.canvas import DIMMED, SHOWN
from ui.chart.commands import (
    AddToChart,
    CreateChart,
    DeleteChart,
    MoveOnChart,
    RemoveFromChart,
    RenameChart,
    SetChartSettings,
)
from ui.chart.export import export_png, export_svg
from ui.chart.panel import ChartPanel
from ui.commands import DeleteEntity
from ui.document import CaseDocument, ChartOverlay
from workbench.model import Kind

from ...factories import make_case


@pytest.fixture
def doc(qapp, tmp_path):
    make_application()
    store = make_case(tmp_path, people=12)
    document = CaseDocument(store)
    yield document
    document.close()


@pytest.fixture
def panel(doc, qtbot):
    p = ChartPanel(doc)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.dispose()


def people(store):
    return [e.id for e in store.entities(Kind.PERSON)]


def items(store, chart_id):
    return {i.entity_id: (i.x, i.y) for i in store.chart_items(chart_id)}


def test_create_rename_delete_chart_undo_redo(doc):
    store, stack = doc.store, doc.undo_stack
    pid = people(store)[0]
    create = CreateChart(store, "Money", {"layout": "grid"}, [(pid, 1, 2)])
    doc.push(create)
    cid = create.chart_id
    assert store.chart(cid).name == "Money" and items(store, cid) == {pid: (1.0, 2.0)}
    doc.push(RenameChart(store, cid, "Money trail"))
    doc.push(DeleteChart(store, cid))
    assert cid not in {c.id for c in store.charts()}
    stack.undo()
    assert store.chart(cid).name == "Money trail" and items(store, cid) == {pid: (1.0, 2.0)}
    stack.undo()
    assert store.chart(cid).name == "Money"
    stack.undo()
    assert cid not in {c.id for c in store.charts()}
    stack.redo()
    assert store.chart(cid).name == "Money" and items(store, cid) == {pid: (1.0, 2.0)}
    stack.redo()
    stack.redo()
    assert cid not in {c.id for c in store.charts()}


def test_add_remove_move_and_settings_undo(doc):
    store, stack = doc.store, doc.undo_stack
    a, b, c = people(store)[:3]
    cid = store.create_chart("c", items=[(a, 0, 0)])
    # Adding what is there already adds nothing, and undo takes off only what was added.
    doc.push(AddToChart(store, cid, [(a, 5, 5), (b, 1, 1), (c, 2, 2)]))
    assert items(store, cid) == {a: (0.0, 0.0), b: (1.0, 1.0), c: (2.0, 2.0)}
    stack.undo()
    assert items(store, cid) == {a: (0.0, 0.0)}
    stack.redo()
    doc.push(RemoveFromChart(store, cid, [b]))
    assert b not in items(store, cid) and store.has_entity(b)
    stack.undo()
    assert items(store, cid)[b] == (1.0, 1.0)

    doc.push(MoveOnChart(store, cid, {a: (10, 10)}, {a: (0, 0)}))
    doc.push(MoveOnChart(store, cid, {a: (20, 20)}, {a: (10, 10)}))
    assert stack.count() == 3  # add, and the two drags as a step each (the undone remove went)
    # Nudges of the same entities merge into one step.
    doc.push(MoveOnChart(store, cid, {c: (3, 3)}, {c: (2, 2)}, mergeable=True))
    doc.push(MoveOnChart(store, cid, {c: (4, 4)}, {c: (3, 3)}, mergeable=True))
    assert stack.count() == 4 and items(store, cid)[c] == (4.0, 4.0)
    stack.undo()
    assert items(store, cid)[c] == (2.0, 2.0)
    stack.undo()
    assert items(store, cid)[a] == (10.0, 10.0)

    doc.push(SetChartSettings(store, cid, {"filters": {"min_calls": 1}}))
    doc.push(SetChartSettings(store, cid, {"filters": {"min_calls": 2}}))
    assert store.chart(cid).settings == {"filters": {"min_calls": 2}}
    stack.undo()  # the two filter changes are one step
    assert store.chart(cid).settings == {}


def test_deleting_an_entity_and_undoing_keeps_its_place_on_charts(doc):
    store, stack = doc.store, doc.undo_stack
    pid = people(store)[-1]  # nobody reports to the last person
    cid = store.create_chart("c", items=[(pid, 7, 8)])
    doc.push(DeleteEntity(store, pid))
    assert items(store, cid) == {}
    stack.undo()
    assert items(store, cid) == {pid: (7.0, 8.0)}
    stack.redo()
    assert items(store, cid) == {}


def test_layouts_run_off_the_gui_thread_and_undo_as_one_step(panel, qtbot):
    store, doc = panel.store, panel.document
    before = dict(panel.positions)
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.run_layout("hierarchy")
    after = items(store, panel.chart_id)
    assert after != before
    organiser = people(store)[0]
    subordinate = people(store)[1]  # reports to the organiser
    assert after[organiser][1] < after[subordinate][1]
    assert store.chart(panel.chart_id).settings["layout"] == "hierarchy"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    restored = items(store, panel.chart_id)
    assert set(restored) == set(before)
    assert all(restored[k] == pytest.approx(before[k]) for k in before)
    assert store.chart(panel.chart_id).settings["layout"] == "regions"

    with qtbot.waitSignal(panel.layout_finished, timeout=20_000):
        panel.run_layout("force")
    assert items(store, panel.chart_id) != before
    # Circle for a selection moves only the selection.
    chosen = people(store)[:4]
    doc.select_many(chosen)
    rest = {k: v for k, v in items(store, panel.chart_id).items() if k not in chosen}
    panel.layout_actions["circle"].trigger()
    now = items(store, panel.chart_id)
    assert {k: v for k, v in now.items() if k not in chosen} == rest
    pts = np.array([now[k] for k in chosen])
    radii = np.linalg.norm(pts - pts.mean(axis=0), axis=1)
    assert np.ptp(radii) < 1e-6


def test_overlay_adds_selects_sizes_and_clears(panel, qtbot):
    store, doc = panel.store, panel.document
    cid = panel.create_chart("Trace")
    cards = [e.id for e in store.entities(Kind.BANK_CARD)][:3]
    overlay = ChartOverlay("Trace 6222…", tuple(cards), {cards[0]: 2.0, cards[1]: 1.0},
                           ((cards[0], cards[1], 500_000, "一级卡"),))  # fmt: skip
    doc.show_overlay(overlay)
    assert set(items(store, cid)) == set(cards)
    assert set(doc.selected_ids) == set(cards)
    sizes = panel.canvas._styles()[1]
    i0, i1 = panel.canvas.index[cards[0]], panel.canvas.index[cards[1]]
    assert sizes[i0] > sizes[i1] > 0
    assert len(panel.canvas._flow_items) == 2  # the arrow and its amount
    assert panel.act_clear_overlay.isEnabled()
    panel.act_clear_overlay.trigger()
    assert panel.canvas._flow_items == [] and not panel.act_clear_overlay.isEnabled()
    assert set(items(store, cid)) == set(cards)  # what was brought stays on the chart


def test_time_window_slider_drives_the_document_and_follows_it(tmp_path, qapp, qtbot):
    make_application()
    store = make_case(tmp_path, people=6)
    cards = [e.id for e in store.entities(Kind.BANK_CARD)]
    store.add_transactions([
        {"payer_id": cards[0], "payee_id": cards[1], "amount_fen": 100_00,
         "ts": "2025-03-01 10:00:00"},
        {"payer_id": cards[1], "payee_id": cards[2], "amount_fen": 900_000_00,
         "ts": "2025-03-20 10:00:00"},
    ])  # fmt: skip
    doc = CaseDocument(store)
    panel = ChartPanel(doc)
    qtbot.addWidget(panel)
    panel.show()

    def money():
        return {(e.source, e.target) for e in panel.canvas.edges if e.type == "money"}

    assert money() == {(cards[0], cards[1]), (cards[1], cards[2])}
    with qtbot.waitSignal(doc.time_window_changed, timeout=3000):
        panel.filters.time_from.setValue(10)
    assert doc.time_window is not None and doc.time_window[0].startswith("2025-03-11")
    assert money() == {(cards[1], cards[2])}
    # The timeline (or anyone) sets the window: the slider follows.
    doc.set_time_window(("2025-03-01 00:00:00", "2025-03-05 23:59:59"))
    assert panel.filters.time_from.value() == 0 and panel.filters.time_to.value() == 5
    assert money() == {(cards[0], cards[1])}
    # Minimum amount: the small transfer's link fails and is dimmed.
    doc.set_time_window(None)
    panel.filters.min_amount.setValue(1000)
    k = next(i for i, e in enumerate(panel.canvas.edges) if e.type == "money"
             and e.source == cards[0])  # fmt: skip
    assert not panel.canvas.edge_pass[k]
    assert panel.canvas.state[panel.canvas.index[cards[0]]] == DIMMED
    assert panel.canvas.state[panel.canvas.index[cards[2]]] == SHOWN
    panel.dispose()
    doc.close()


def test_export_png_and_svg_of_the_visible_chart(panel, tmp_path):
    pid = people(panel.store)[0]
    panel.canvas.focus(pid)
    QApplication.processEvents()
    panel.canvas.update_detail()
    png = export_png(panel.canvas, tmp_path / "chart.png")
    image = QImage(str(png))
    vp = panel.canvas.viewport().size()
    assert (image.width(), image.height()) == (vp.width() * 2, vp.height() * 2)
    # Not a blank page: some pixels are not white.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}  # fmt: skip
    assert len(colours) > 3
    svg = export_svg(panel.canvas, tmp_path / "chart.svg", "Gang overview")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = ET.tostring(root, encoding="unicode")
    assert panel.store.entity(pid).name in text  # labels stay text


def test_regions_by_city_or_county_split_chongqing(panel, qtbot):
    store = panel.store
    areas = {a["code"] for a in store.chart(panel.chart_id).settings["areas"]}
    assert "500000" in areas and "500240" not in areas  # the factory's Shizhu is in Chongqing
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.level_actions["prefecture"].trigger()
    settings = store.chart(panel.chart_id).settings
    areas = {a["code"] for a in settings["areas"]}
    assert settings["level"] == "prefecture"
    assert {"500240", "500243"} <= areas and "500000" not in areas  # Shizhu, Pengshui
    assert "450100" in areas  # Nanning, a prefecture
    assert len(panel.canvas.areas) == len(areas)


def test_search_and_focus(panel):
    store = panel.store
    person = store.entities(Kind.PERSON)[3]
    assert panel.focus_text(person.name) == person.id
    assert panel.document.selected == person.id
    (x0, x1), (y0, y1) = panel.canvas.vb.viewRange()
    x, y = panel.positions[person.id]
    assert x0 < x < x1 and y0 < y < y1 and x1 - x0 < 1000
    card = store.entities(Kind.BANK_CARD)[0]
    assert panel.focus_text(card.key[-8:]) == card.id
    assert panel.focus_text("no such name") is None


def test_links_are_thinned_when_zoomed_out_and_all_drawn_close_up(panel, monkeypatch):
    from ui.chart import canvas as canvas_module

    # The thresholds are sized for 60,000 links; a small chart shows the same behaviour.
    monkeypatch.setattr(canvas_module, "CULL_LINKS", 10)
    monkeypatch.setattr(canvas_module, "MAX_DRAWN_LINKS", 20)
    canvas = panel.canvas
    canvas.redraw()
    canvas.fit()
    QApplication.processEvents()
    drawn = sum(len(c.xData) // 2 for c in canvas._curves)
    assert canvas.thinned is not None and drawn == canvas.thinned[0] <= 20
    assert canvas.detail_note.isVisible()
    # Close up on one person: every link near them is drawn, nothing thinned.
    pid = people(panel.store)[1]
    canvas.focus(pid)
    x, y = panel.positions[pid]
    canvas.vb.setRange(xRange=(x - 30, x + 30), yRange=(y - 30, y + 30), padding=0)
    QApplication.processEvents()
    assert canvas.thinned is None and not canvas.detail_note.isVisible()
    near = [e for e in canvas.edges if pid in (e.source, e.target)]
    drawn_pairs = set()
    for c in canvas._curves:
        pts = list(zip(c.xData.tolist(), c.yData.tolist(), strict=True))
        drawn_pairs |= {(pts[k], pts[k + 1]) for k in range(0, len(pts), 2)}
    for e in near:
        a = tuple(canvas.pos[canvas.index[e.source]].tolist())
        b = tuple(canvas.pos[canvas.index[e.target]].tolist())
        assert (a, b) in drawn_pairs
