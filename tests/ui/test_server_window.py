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
