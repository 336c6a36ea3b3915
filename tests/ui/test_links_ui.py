"""Links from the GUI: the link dialog (with a new link type), editing, deleting, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ui.commands import AddLinkType
from ui.dialogs import LinkDialog, LinkEditDialog, LinkTypeDialog
from ui.document import CaseDocument
from ui.mainwindow import MainWindow

from ..factories import make_case


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    w = MainWindow(make_case(tmp_path, people=8))
    qtbot.addWidget(w)
    w.show()
    yield w
    if not w.store.closed:
        w.close()


def test_link_type_command_round_trip(qapp, case):
    doc = CaseDocument(case)
    doc.push(AddLinkType(case, "rents_card_to", "rents card to", "出租卡给"))
    assert "rents_card_to" in {t[0] for t in case.link_types()}
    doc.undo_stack.undo()
    assert "rents_card_to" not in {t[0] for t in case.link_types()}
    doc.undo_stack.redo()
    assert "rents_card_to" in {t[0] for t in case.link_types()}


def test_link_dialog_finds_the_other_entity_and_links(window, qtbot, monkeypatch):
    store = window.store
    people = store.entities("person")
    source, target = people[5], people[6]
    window.document.select(source.id)

    def fill(dialog: LinkDialog):
        dialog.type.setCurrentIndex(dialog.type.findData("recruited"))
        qtbot.keyClicks(dialog.search, target.key[-8:])
        assert dialog.results.count() == 1
        dialog.note.setText("同乡介绍")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", fill)
    window.act_new_link.trigger()
    [link] = [lk for lk in store.links_of(source.id) if lk.type == "recruited"]
    assert (link.source_id, link.target_id, link.note) == (source.id, target.id, "同乡介绍")
    assert window.inspector.links.rowCount() == len(store.links_of(source.id))
    window.act_undo.trigger()
    assert not [lk for lk in store.links_of(source.id) if lk.type == "recruited"]


def test_new_link_type_and_link_undo_as_one_step(window, qtbot, monkeypatch):
    store = window.store
    people = store.entities("person")
    window.document.select(people[1].id)

    def new_type(dialog: LinkTypeDialog):
        dialog.en.setText("rents card to")
        dialog.zh.setText("出租卡给")
        return QDialog.DialogCode.Accepted

    def fill(dialog: LinkDialog):
        dialog._on_new_type_button_clicked()
        assert dialog.type.currentData() == "rents_card_to"
        dialog.reverse.setChecked(True)
        qtbot.keyClicks(dialog.search, people[2].key[-8:])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkTypeDialog, "exec", new_type)
    monkeypatch.setattr(LinkDialog, "exec", fill)
    window.act_new_link.trigger()
    [link] = [lk for lk in store.links_of(people[1].id) if lk.type == "rents_card_to"]
    assert (link.source_id, link.target_id) == (people[2].id, people[1].id)
    assert window.document.undo_stack.count() == 1
    window.act_undo.trigger()
    assert "rents_card_to" not in {t[0] for t in store.link_types()}
    assert not [lk for lk in store.links_of(people[1].id) if lk.type == "rents_card_to"]


def test_edit_and_delete_link_in_inspector(window, qtbot, monkeypatch):
    store = window.store
    pid = store.entity_ids_with_role("organiser")[0]
    window.document.select(pid)
    window.inspector.tabs.setCurrentIndex(1)
    table = window.inspector.links
    table.selectRow(0)
    link_id = table.item(0, 0).data(Qt.ItemDataRole.UserRole)[0]

    def edit(dialog: LinkEditDialog):
        dialog.confidence.setValue(0.6)
        dialog.note.setText("供述确认")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkEditDialog, "exec", edit)
    qtbot.mouseClick(window.inspector.edit_link, Qt.MouseButton.LeftButton)
    assert (store.link(link_id).confidence, store.link(link_id).note) == (0.6, "供述确认")
    assert "60%" in table.item(0, 4).text()

    n = len(store.links_of(pid))
    table.selectRow(0)
    qtbot.mouseClick(window.inspector.delete_link, Qt.MouseButton.LeftButton)
    assert len(store.links_of(pid)) == n - 1
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert len(store.links_of(pid)) == n
    assert store.link(link_id).confidence == 1.0


def test_analyst_link_type_shows_its_name_in_the_interface_language(qapp, case):
    from ui import i18n, labels

    case.add_link_type("rents_card_to", "rents card to", "出租卡给")
    types = case.link_types()
    assert labels.link_type_label("rents_card_to", types) == "rents card to"
    i18n.install_language("zh_CN")
    try:
        assert labels.link_type_label("rents_card_to", types) == "出租卡给"
        assert labels.link_type_label("holds", types) == "持有"
    finally:
        i18n.install_language("en")
