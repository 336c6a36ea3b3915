"""A window on a server case sees another analyst's change within a second."""

from __future__ import annotations

import time

from tests.factories import make_case
from ui.app import make_application
from ui.mainwindow import MainWindow
from workbench.store import CaseStore


def _window(qtbot, url: str, people: int) -> tuple[MainWindow, CaseStore]:
    """A window on a new server case, as analyst wang."""
    make_application()
    make_case(None, people=people, target=url).close()
    mine = CaseStore.open(url, "wang")
    w = MainWindow(mine)
    qtbot.addWidget(w)
    w.show()
    return w, mine


def test_a_second_window_updates_within_a_second(qapp, qtbot, server_case_url):
    w, mine = _window(qtbot, server_case_url, 6)
    w.browser.tabs.setCurrentIndex(0)  # people
    qtbot.waitUntil(lambda: "6" in w.browser.count_label.text(), timeout=5000)
    assert w.document.live_timer is not None and w.document.live_timer.isActive()
    qtbot.waitUntil(w.views_built, timeout=5000)
    heard = []
    w.document.changed.connect(heard.append)
    other = CaseStore.open(server_case_url, "li")  # another analyst's workstation
    try:
        start = time.monotonic()
        pid = other.add_entity("person", None, "阿强")
        qtbot.waitUntil(lambda: any(pid in e.entity_ids for e in heard), timeout=1000)
        assert time.monotonic() - start < 1.0
        qtbot.waitUntil(lambda: "7" in w.browser.count_label.text(), timeout=1000)
        other.update_entity(pid, name="阿强哥")
        qtbot.waitUntil(lambda: mine.entity(pid).name == "阿强哥", timeout=1000)
    finally:
        other.close()
        w.close()


def test_undo_is_refused_when_another_analyst_changed_the_same_thing(qapp, qtbot, server_case_url):
    from ui.commands import EditEntity

    w, mine = _window(qtbot, server_case_url, 4)
    pid = mine.entity_ids_with_role("organiser")[0]
    other = CaseStore.open(server_case_url, "li")
    try:
        w.document.push(EditEntity(mine, pid, name="王某"))
        other.update_entity(pid, name="李某")  # another analyst, after my edit
        w.act_undo.trigger()
        assert mine.entity(pid).name == "李某"  # not overwritten by my undo
        assert w.document.undo_stack.index() == 1
        assert "li" in w.statusBar().currentMessage()
        # Once the other change is gone again, my undo goes through.
        other.update_entity(pid, name="王某")
        w.act_undo.trigger()
        assert w.document.undo_stack.index() == 0
        assert mine.entity(pid).name != "王某"
    finally:
        other.close()
        w.close()


def test_an_inspector_edit_on_a_stale_value_is_refused_and_shows_the_new_one(
    qapp, qtbot, server_case_url, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    w, mine = _window(qtbot, server_case_url, 4)
    w.document.live_timer.stop()  # the other analyst's change has not reached this window
    pid = mine.entity_ids_with_role("organiser")[0]
    w.inspector.show_entity(pid)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    other = CaseStore.open(server_case_url, "li")
    try:
        other.update_entity(pid, notes="李: 已抓获")
        w.inspector.notes.setPlainText("王: 在逃")
        w.inspector._on_save_text_clicked()
        assert mine.entity(pid).notes == "李: 已抓获"  # not written over
        assert warned and "li" in warned[0]
        assert w.inspector.notes.toPlainText() == "李: 已抓获"  # the new value is shown
        assert w.document.undo_stack.count() == 0
        w.inspector.notes.setPlainText("李: 已抓获; 王: 同意")  # the edit made again, on it
        w.inspector._on_save_text_clicked()
        assert mine.entity(pid).notes == "李: 已抓获; 王: 同意"
    finally:
        other.close()
        w.close()


def test_a_card_added_to_a_case_that_another_case_holds_is_announced_as_a_lead(
    qapp, qtbot, server_case_url
):
    from ui.analysis.leads import LeadsPanel
    from workbench.store.server import drop_case, parse_url

    card = "6222020200112233446"  # passes the Luhn check
    case = parse_url(server_case_url)
    other = f"{case.conninfo}?case={case.name}_b"
    theirs = f"{case.name}_b"
    with CaseStore.create(other, "zhao") as store:  # another county's case, led by zhao
        seller = store.add_entity("person", None, "卡商甲", roles=["card_seller"])
        cid = store.add_entity("bank_card", card, "", roles=["card_seller"])
        store.add_link("holds", seller, cid)
    try:
        w, mine = _window(qtbot, server_case_url, 4)
        qtbot.waitUntil(w.views_built, timeout=5000)
        panel = w.analysis_docks["leads"].widget()
        assert isinstance(panel, LeadsPanel)
        qtbot.waitUntil(
            lambda: panel._known is not None or "could not" in panel.summary.text(), timeout=20000
        )
        assert panel._known is not None, panel.summary.text()

        def rows_of_card():
            t = panel.table
            return [[t.item(r, c).text() for c in range(6)] for r in range(t.rowCount())
                    if t.item(r, 1).text() == card and t.item(r, 3).text() == theirs]  # fmt: skip

        # (the test server's other cases share the factory's keys: those are leads too)
        assert rows_of_card() == []
        mine.add_entity("bank_card", card, "")  # came in with a statement, say
        qtbot.waitUntil(lambda: len(rows_of_card()) == 1, timeout=20000)
        cells = rows_of_card()[0]
        assert cells[5] == "zhao"
        assert "卡商" in cells[4] or "card seller" in cells[4]
        message = w.statusBar().currentMessage()
        assert card in message and "zhao" in message
        w.close()
    finally:
        drop_case(other)


def test_undo_of_links_places_verdicts_and_additions_refuses_over_another_analysts_change(
    qapp, server_case_url
):
    """Every kind of undo checks first: a link edited, entities moved on a chart, a verdict
    changed or an added entity edited by another analyst since stays as they left it."""
    from ui.analysis.commands import SetVerdict
    from ui.chart.commands import MoveOnChart
    from ui.commands import AddEntity, AddLink, EditLink
    from ui.document import CaseDocument

    make_case(None, people=4, target=server_case_url).close()
    mine = CaseStore.open(server_case_url, "wang")
    other = CaseStore.open(server_case_url, "li")
    doc = CaseDocument(mine)
    try:
        a, b = mine.entity_ids_with_role("organiser")[0], mine.entities("bank_card")[0].id
        chart = mine.create_chart("总图")
        mine.add_chart_items(chart, [(a, 0.0, 0.0), (b, 10.0, 0.0)])
        steps = [
            (AddLink(mine, "holds", a, b, note="王: 持卡"),
             lambda c: other.update_link(c.link_id, note="李: 借用")),
            (EditLink(mine, mine.links_of(a)[0].id, note="王: 核实"),
             lambda c: other.update_link(c.link_id, note="李: 存疑")),
            (MoveOnChart(mine, chart, {a: (5.0, 5.0)}, {a: (0.0, 0.0)}),
             lambda c: other.set_chart_positions(chart, {a: (50.0, 50.0)})),
            (SetVerdict(mine, "fan_in", "6222", "confirmed"),
             lambda c: other.set_verdict("fan_in", "6222", "dismissed")),
            (AddEntity(mine, "person", None, "阿豪"),
             lambda c: other.update_entity(c.entity_id, notes="李: 在逃")),
        ]  # fmt: skip
        for command, by_li in steps:
            doc.push(command)
            assert command.conflict() == ""  # nobody else has touched it: undo may go
            by_li(command)
            before = doc.undo_stack.index()
            why = doc.undo()
            assert "li" in why, type(command).__name__
            assert doc.undo_stack.index() == before  # nothing undone
        assert other.verdicts()[("fan_in", "6222")].verdict == "dismissed"
        assert other.chart_positions(chart)[a] == (50.0, 50.0)
    finally:
        doc.close()
        other.close()


def test_typing_in_the_inspector_survives_another_analysts_change_and_is_not_saved_over_it(
    qapp, qtbot, server_case_url, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    w, mine = _window(qtbot, server_case_url, 4)
    pid = mine.entity_ids_with_role("organiser")[0]
    w.inspector.show_entity(pid)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    other = CaseStore.open(server_case_url, "li")
    try:
        w.inspector.notes.setPlainText("王: 正在核实")  # typing, not saved yet
        other.update_entity(pid, notes="李: 已抓获")
        label = w.inspector.changed_meanwhile
        qtbot.waitUntil(label.isVisible, timeout=3000)  # the live poll brought the change
        assert "li" in label.text()
        assert w.inspector.notes.toPlainText() == "王: 正在核实"  # the typing is kept
        w.inspector._on_save_text_clicked()
        assert mine.entity(pid).notes == "李: 已抓获" and warned
        assert w.inspector.notes.toPlainText() == "李: 已抓获" and not label.isVisible()
    finally:
        other.close()
        w.close()


def test_chart_places_and_verdicts_of_another_analyst_reach_the_window_within_a_second(
    qapp, qtbot, server_case_url
):
    w, mine = _window(qtbot, server_case_url, 6)
    qtbot.waitUntil(w.views_built, timeout=5000)
    chart = w.chart.chart_id
    if chart is None:  # a case without a chart yet: one made by this window's analyst
        chart = mine.create_chart("总图", items=[(e.id, 0.0, 0.0) for e in mine.entities()])
        w.chart.open_chart(chart)
    canvas = w.chart.canvas
    eid = int(canvas.ids[0])
    findings = w.analysis_docks["findings"].widget()
    other = CaseStore.open(server_case_url, "li")
    try:
        start = time.monotonic()
        other.set_chart_positions(chart, {eid: (123.0, -45.0)})
        qtbot.waitUntil(lambda: tuple(canvas.pos[canvas.index[eid]]) == (123.0, -45.0),
                        timeout=2000)  # fmt: skip
        assert time.monotonic() - start < 1.0
        start = time.monotonic()
        other.set_verdict("fan_in", "6222020200112233446", "confirmed")
        qtbot.waitUntil(lambda: ("fan_in", "6222020200112233446") in findings.verdicts,
                        timeout=2000)  # fmt: skip
        assert time.monotonic() - start < 1.0
    finally:
        other.close()
        w.close()
