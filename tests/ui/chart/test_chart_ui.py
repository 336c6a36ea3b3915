"""The link chart driven with the mouse, as an analyst would (section 8 of issue 4)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.app import make_application
from ui.browser import ENTITY_MIME
from ui.chart.canvas import HIDDEN, SHOWN
from ui.mainwindow import MainWindow
from workbench import layout as L
from workbench.model import Kind
from workbench.store import CaseStore

from ...factories import make_case


@pytest.fixture
def app(qapp):
    return make_application()


def open_window(qtbot, store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    w.centre_tabs.setCurrentWidget(w.chart)
    qtbot.waitExposed(w)
    QApplication.processEvents()
    return w


@pytest.fixture
def window(app, qtbot, tmp_path):
    store = make_case(tmp_path, people=12)
    w = open_window(qtbot, store)
    yield w
    if not w.document.store.closed:
        w.close()


def viewport_point(canvas, eid) -> QPoint:
    return canvas.node_widget_pos(eid)


def drag(qtbot, canvas, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier):
    """Press, move in steps (past pyqtgraph's drag distance), release: a real mouse drag."""
    vp = canvas.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modifier, start)
    steps = 6
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        qtbot.mouseMove(vp, p)
        QApplication.processEvents()
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, end)
    QApplication.processEvents()


def accept_chooser(link_type: str) -> QTimer:
    """Answer the link-type chooser as soon as it opens (it is modal)."""
    timer = QTimer()
    timer.setInterval(20)

    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "link_type_chooser":
            return
        timer.stop()
        dialog.type.setCurrentIndex(dialog.type.findData(link_type))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    timer.timeout.connect(run)
    timer.start()
    return timer


def test_the_case_opens_on_an_overview_chart_by_region(window):
    store = window.store
    [chart] = store.charts()
    assert chart.name == "Gang overview"
    items = {i.entity_id for i in store.chart_items(chart.id)}
    assert items == set(L.default_chart_members(store))
    assert chart.settings["layout"] == "regions" and chart.settings["areas"]
    assert len(window.chart.canvas.ids) == len(items)
    assert window.chart.summary.rowCount() == len(chart.settings["areas"])


def test_drag_link_between_two_nodes_creates_the_link_and_undo_removes_it(window, qtbot):
    store, canvas = window.store, window.chart.canvas
    people = [e.id for e in store.entities(Kind.PERSON)]
    cards = [e.id for e in store.entities(Kind.BANK_CARD)]
    source, target = people[0], cards[5]  # the card belongs to someone else
    # Bring the two side by side so that both are on screen and apart.
    window.chart.canvas.set_positions({source: (0.0, 0.0), target: (300.0, 0.0)})
    canvas.vb.setRange(xRange=(-200, 500), yRange=(-300, 300), padding=0)
    QApplication.processEvents()
    before = {lk.id for lk in store.links_of(source)}
    answer = accept_chooser("holds")
    drag(qtbot, canvas, viewport_point(canvas, source), viewport_point(canvas, target),
         Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert not answer.isActive()
    new = [lk for lk in store.links_of(source) if lk.id not in before]
    assert [(lk.type, lk.source_id, lk.target_id) for lk in new] == [("holds", source, target)]
    assert window.document.undo_stack.count() == 1
    # The chart draws the new link.
    assert any(e.link_id == new[0].id for e in canvas.edges)
    window.document.undo_stack.undo()
    assert {lk.id for lk in store.links_of(source)} == before
    assert not any(e.link_id == new[0].id for e in canvas.edges)


def test_link_tool_drag_on_empty_space_creates_nothing(window, qtbot):
    store, canvas = window.store, window.chart.canvas
    window.chart.act_link_tool.setChecked(True)
    pid = store.entities(Kind.PERSON)[0].id
    canvas.set_positions({pid: (0.0, 0.0)})
    canvas.vb.setRange(xRange=(-200, 500), yRange=(-300, 300), padding=0)
    QApplication.processEvents()
    links = store.info().links
    start = viewport_point(canvas, pid)
    drag(qtbot, canvas, start, start + QPoint(150, 120))
    assert store.info().links == links
    assert window.document.undo_stack.count() == 0


def test_a_dragged_node_stays_where_it_was_put_after_reopening(app, qtbot, tmp_path):
    store = make_case(tmp_path, people=12)
    w = open_window(qtbot, store)
    canvas = w.chart.canvas
    pid = store.entities(Kind.PERSON)[3].id
    chart_id = w.chart.chart_id
    canvas.focus(pid)
    QApplication.processEvents()
    start = viewport_point(canvas, pid)
    before = canvas.pos[canvas.index[pid]].copy()
    drag(qtbot, canvas, start, start + QPoint(120, 80))
    after = canvas.pos[canvas.index[pid]].copy()
    assert np.linalg.norm(after - before) > 10
    # One undo step for the whole drag, saved in the case.
    assert w.document.undo_stack.count() == 1
    saved = {i.entity_id: (i.x, i.y) for i in store.chart_items(chart_id)}
    assert saved[pid] == pytest.approx(tuple(after))
    path = store.path
    w.close()

    again = CaseStore.open(path, "tester")
    w2 = open_window(qtbot, again)
    assert w2.chart.chart_id == chart_id
    assert tuple(w2.chart.canvas.pos[w2.chart.canvas.index[pid]]) == pytest.approx(tuple(after))
    # Undo in the new session has nothing to take back; the move is simply there.
    assert w2.document.undo_stack.count() == 0
    w2.close()


def test_undo_of_a_drag_puts_the_node_back(window, qtbot):
    store, canvas = window.store, window.chart.canvas
    pid = store.entities(Kind.PERSON)[2].id
    canvas.focus(pid)
    QApplication.processEvents()
    before = tuple(canvas.pos[canvas.index[pid]])
    start = viewport_point(canvas, pid)
    drag(qtbot, canvas, start, start + QPoint(60, -90))
    assert tuple(canvas.pos[canvas.index[pid]]) != pytest.approx(before)
    window.document.undo_stack.undo()
    assert tuple(canvas.pos[canvas.index[pid]]) == pytest.approx(before)
    saved = {i.entity_id: (i.x, i.y) for i in store.chart_items(window.chart.chart_id)}
    assert saved[pid] == pytest.approx(before)


def test_selection_follows_between_chart_and_browser(window, qtbot):
    store, canvas, browser = window.store, window.chart.canvas, window.browser
    people = [e.id for e in store.entities(Kind.PERSON)]
    # Chart -> browser: click a node.
    pid = people[4]
    canvas.focus(pid)
    QApplication.processEvents()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(canvas, pid))
    assert window.document.selected == pid
    view = browser.views[Kind.PERSON]
    assert browser.current_kind() is Kind.PERSON
    assert view.model().entity_id(view.currentIndex().row()) == pid
    assert window.inspector.title.text() and store.entity(pid).name in window.inspector.title.text()

    # Browser -> chart: pick another row, then two rows with Ctrl.
    other = people[7]
    row = view.model().find_row(other)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert canvas.selected == {other}
    third = people[8]
    rect3 = view.visualRect(view.model().index(view.model().find_row(third), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect3.center())  # fmt: skip
    assert canvas.selected == {other, third}
    assert set(window.document.selected_ids) == {other, third}

    # Rubber band on the chart selects what it covers, and the browser follows.
    a, b = people[1], people[2]
    canvas.set_positions({a: (1000.0, 1000.0), b: (1060.0, 1030.0)})
    canvas.vb.setRange(xRange=(900, 1200), yRange=(900, 1150), padding=0)
    QApplication.processEvents()
    pa, pb = viewport_point(canvas, a), viewport_point(canvas, b)
    drag(qtbot, canvas, pa - QPoint(30, 30), pb + QPoint(30, 30))
    assert set(window.document.selected_ids) == {a, b}
    selected_rows = {view.model().entity_id(i.row()) for i in view.selectionModel().selectedRows()}
    assert selected_rows == {a, b}


def test_a_region_filter_hides_the_others(window, qtbot):
    chart, canvas = window.chart, window.chart.canvas
    # The filters start hidden, out of the narrow chart's way; the analyst opens them.
    assert not chart.filter_scroll.isVisible()
    chart.act_filters.trigger()
    assert chart.filter_scroll.isVisible()
    # Guangxi (Nanning) is one of the factory's regions.
    item = chart.filters.region_item("450000")
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(chart.filters.hide, Qt.MouseButton.LeftButton)
    in_region = {e for e, c in chart.area_of.items() if c == "450000"}
    assert in_region and len(in_region) < len(canvas.ids)
    shown = {int(canvas.ids[i]) for i in np.flatnonzero(canvas.state == SHOWN)}
    hidden = {int(canvas.ids[i]) for i in np.flatnonzero(canvas.state == HIDDEN)}
    assert shown == in_region
    assert hidden == set(canvas.ids.tolist()) - in_region
    # Only the shown nodes are drawn, and the choice is kept with the chart.
    assert len(canvas.scatter.data) == len(in_region)
    settings = window.store.chart(chart.chart_id).settings
    assert settings["filters"]["regions"] == ["450000"] and settings["filters"]["hide"]
    # Clicking on a hidden node's spot hits nothing.
    out = next(iter(hidden))
    canvas.focus(out)
    QApplication.processEvents()
    assert canvas.node_at(canvas.node_scene_pos(out)) != out
    # Undo brings every node back.
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert (canvas.state == SHOWN).all()


def test_expanding_neighbours_adds_exactly_the_neighbours(window, qtbot):
    store, chart = window.store, window.chart
    people = store.entities(Kind.PERSON)
    boss = people[1].id  # reports to the organiser; people report to them; holds two cards
    chart.create_chart("Expand", [(boss, 0.0, 0.0)])
    assert chart.canvas.ids.tolist() == [boss]
    chart.canvas.fit()
    QApplication.processEvents()
    qtbot.mouseClick(chart.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=viewport_point(chart.canvas, boss))  # fmt: skip
    assert chart.canvas.selected == {boss}
    expected = {lk.target_id if lk.source_id == boss else lk.source_id
                for lk in store.links_of(boss)}  # fmt: skip
    chart.act_expand.trigger()
    on_chart = {i.entity_id for i in store.chart_items(chart.chart_id)}
    assert on_chart == expected | {boss}
    assert set(chart.canvas.ids.tolist()) == on_chart
    # The new entities come selected; undo takes exactly them off again.
    assert set(window.document.selected_ids) == expected
    window.document.undo_stack.undo()
    assert {i.entity_id for i in store.chart_items(chart.chart_id)} == {boss}


def test_delete_key_removes_from_the_chart_not_from_the_case(window, qtbot):
    store, canvas = window.store, window.chart.canvas
    pid = store.entities(Kind.PERSON)[5].id
    canvas.focus(pid)
    QApplication.processEvents()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(canvas, pid))
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert pid not in canvas.index
    assert store.has_entity(pid)
    window.document.undo_stack.undo()
    assert pid in canvas.index


def test_rows_dropped_from_the_browser_land_on_the_chart(window, qtbot):
    store, chart, browser = window.store, window.chart, window.browser
    chart.create_chart("Drops")
    cards = [e.id for e in store.entities(Kind.BANK_CARD)][:3]
    model = browser.models[Kind.BANK_CARD]
    rows = [model.find_row(c) if model.find_row(c) is not None else None for c in cards]
    if None in rows:
        for n in range(model.rowCount()):
            model.row(n)
        rows = [model.find_row(c) for c in cards]
    mime: QMimeData = model.mimeData([model.index(r, 0) for r in rows])
    # The events Qt's drag and drop sends the widget under the cursor: enter, move, drop.
    at = chart.canvas.viewport().rect().center()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(chart.canvas.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(chart.canvas.viewport(), move)
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(chart.canvas.viewport(), drop)
    assert drop.isAccepted()
    assert {i.entity_id for i in store.chart_items(chart.chart_id)} == set(cards)
    assert mime.hasFormat(ENTITY_MIME)
    # They land where they were dropped.
    x, y = chart.canvas.view_pos(at)
    pts = np.array([chart.canvas.pos[chart.canvas.index[c]] for c in cards])
    assert np.linalg.norm(pts.mean(axis=0) - (x, y)) < 3 * L.SPACING


def test_arrow_keys_nudge_the_selection_as_one_undo_step(window, qtbot):
    store, canvas = window.store, window.chart.canvas
    pid = store.entities(Kind.PERSON)[6].id
    canvas.focus(pid)
    QApplication.processEvents()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(canvas, pid))
    before = canvas.node_widget_pos(pid)
    start = tuple(canvas.pos[canvas.index[pid]])
    canvas.setFocus()
    for _ in range(3):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    after = canvas.node_widget_pos(pid)
    assert after.x() - before.x() == pytest.approx(30, abs=2)
    assert after.y() - before.y() == pytest.approx(10, abs=2)
    assert window.document.undo_stack.count() == 1
    saved = {i.entity_id: (i.x, i.y) for i in store.chart_items(window.chart.chart_id)}
    assert saved[pid] == pytest.approx(tuple(canvas.pos[canvas.index[pid]]))
    window.document.undo_stack.undo()
    assert tuple(canvas.pos[canvas.index[pid]]) == pytest.approx(start)


def test_a_read_only_case_shows_its_charts_but_changes_nothing(app, qtbot, tmp_path):
    store = make_case(tmp_path, people=6)
    path = store.path
    store.close()
    # Opened read-only before anyone opened it for writing: no overview chart is written.
    ro = CaseStore.open(path, "viewer", read_only=True)
    w = open_window(qtbot, ro)
    assert ro.charts() == [] and w.chart.chart_id is None
    assert not w.chart.act_new_chart.isEnabled()
    w.close()
    # Once a writer made the overview, a read-only window shows it; a drag snaps back.
    writer = CaseStore.open(path, "tester")
    w = open_window(qtbot, writer)
    w.close()
    ro = CaseStore.open(path, "viewer", read_only=True)
    w = open_window(qtbot, ro)
    canvas = w.chart.canvas
    assert w.chart.chart_id is not None and len(canvas.ids)
    pid = ro.entities(Kind.PERSON)[0].id
    canvas.focus(pid)
    QApplication.processEvents()
    before = tuple(canvas.pos[canvas.index[pid]])
    start = viewport_point(canvas, pid)
    drag(qtbot, canvas, start, start + QPoint(80, 40))
    assert tuple(canvas.pos[canvas.index[pid]]) == pytest.approx(before)
    assert w.document.undo_stack.count() == 0
    w.close()


def test_the_browser_context_menu_puts_rows_on_the_chart(window, qtbot):
    store, chart, browser = window.store, window.chart, window.browser
    chart.create_chart("From the browser")
    view = browser.views[Kind.PERSON]
    first, second = view.model().entity_id(0), view.model().entity_id(1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(0, 0)).center())  # fmt: skip
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier,
                     view.visualRect(view.model().index(1, 0)).center())  # fmt: skip
    # A right-click's context-menu event, as the platform sends it.
    at = view.visualRect(view.model().index(1, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    menu = browser._menu
    [action] = menu.actions()
    action.trigger()
    assert {i.entity_id for i in store.chart_items(chart.chart_id)} == {first, second}


@pytest.fixture
def demo_window(app, qtbot, tmp_path, demo_path):
    import shutil

    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    w = open_window(qtbot, CaseStore.open(path, "tester"))
    yield w
    if not w.document.store.closed:
        w.close()


def _shown_text_items(canvas):
    items = [label for label, *_ in canvas._area_labels + canvas._bundle_labels]
    items += canvas._label_items
    return [i for i in items if i.isVisible()]


def test_overview_areas_and_labels_do_not_overlap(demo_window, qtbot):
    canvas = demo_window.chart.canvas
    canvas.update_detail()
    areas = canvas.areas
    assert len(areas) >= 6
    for i, a in enumerate(areas):
        for b in areas[i + 1 :]:
            apart_x = abs(a.x - b.x) >= (a.width + b.width) / 2 - 1e-6
            apart_y = abs(a.y - b.y) >= (a.height + b.height) / 2 - 1e-6
            assert apart_x or apart_y, (a.name, b.name)
    # Every label drawn (area titles, bundle counts, names) is clear of every other, as
    # painted on the screen.
    items = _shown_text_items(canvas)
    rects = [i.sceneBoundingRect() for i in items]
    kinds = [k for k, _ in canvas.label_boxes]
    assert kinds.count("area") >= len(areas) - 2 and "bundle" in kinds
    for i, r in enumerate(rects):
        for j in range(i + 1, len(rects)):
            inter = r.intersected(rects[j])
            assert inter.width() < 1 or inter.height() < 1, (
                items[i].textItem.toPlainText(),
                items[j].textItem.toPlainText(),
            )
    # At the overview zoom the organisers are named.
    texts = {i.textItem.toPlainText() for i in canvas._label_items if i.isVisible()}
    organisers = {n.name for n in canvas.nodes.values() if "organiser" in n.roles}
    assert organisers and texts & organisers
    # Zoomed out further, labels that no longer fit wait, and still none overlap.
    canvas.vb.scaleBy((3, 3))
    canvas.update_detail()
    rects = [i.sceneBoundingRect() for i in _shown_text_items(canvas)]
    for i, r in enumerate(rects):
        for q in rects[i + 1 :]:
            inter = r.intersected(q)
            assert inter.width() < 1 or inter.height() < 1


def test_overview_puts_held_cards_in_their_holders_area(demo_window):
    chart = demo_window.chart
    held = {e: n.holder for e, n in chart.nodes.items() if n.holder in chart.nodes}
    assert held
    areas = {a.code: a for a in chart.canvas.areas}
    for thing, holder in held.items():
        if chart.nodes[holder].region:
            assert chart.area_of[thing] == chart.area_of[holder]
            a = areas[chart.area_of[thing]]
            x, y = chart.canvas.pos[chart.canvas.index[thing]]
            assert abs(x - a.x) <= a.width / 2 and abs(y - a.y) <= a.height / 2
    # The summary counts the cards where their holders are: Chongqing's dealers' cards.
    rows = {chart.summary.item(r, 0).data(Qt.ItemDataRole.UserRole): r
            for r in range(chart.summary.rowCount())}  # fmt: skip
    assert "500000" in rows and int(chart.summary.item(rows["500000"], 4).text()) > 100
