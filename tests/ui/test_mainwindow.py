"""The main window driven as an analyst would: search, select, edit, undo, open elsewhere."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui import i18n
from ui.app import Workbench, analyst_name, make_application
from ui.dialogs import EntityDialog
from ui.mainwindow import MainWindow
from workbench.store import CaseStore

from ..factories import make_case


@pytest.fixture
def app(qapp):
    return make_application()


@pytest.fixture
def window(app, qtbot, tmp_path):
    store = make_case(tmp_path, people=20)
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    yield w
    if not w.document.store.closed:
        w.close()


def select_row(view, row):
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def search(qtbot, w, text):
    w.browser.search.clear()
    qtbot.keyClicks(w.browser.search, text)
    qtbot.keyClick(w.browser.search, Qt.Key.Key_Return)


def test_demo_search_edit_role_undo_and_audit(app, qtbot, demo_path, tmp_path):
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    store = CaseStore.open(path, "侦查员李")
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    victim = next(e for e in reversed(store.entities("person")) if e.key)
    roles_before = store.entity(victim.id).roles

    # Analysts search by ID number (typed: Qt's key simulation takes ASCII only).
    search(qtbot, w, victim.key)
    view = w.browser.views[w.browser.current_kind()]
    assert view.model().rowCount() >= 1
    rows = [view.model().entity_id(r) for r in range(view.model().rowCount())]
    select_row(view, rows.index(victim.id))
    assert w.document.selected == victim.id
    assert victim.name in w.inspector.title.text()

    # Tick "car handler" in the inspector's role list.
    roles = w.inspector.roles
    item = next(roles.item(i) for i in range(roles.count())
                if roles.item(i).data(Qt.ItemDataRole.UserRole) == "car_handler")  # fmt: skip
    assert item.checkState() == Qt.CheckState.Unchecked
    roles.scrollToItem(item)
    rect = roles.visualItemRect(item)
    roles.setFocus()
    # Click the row (selects it), then Space toggles its check box, as an analyst would.
    qtbot.mouseClick(roles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(roles, Qt.Key.Key_Space)
    assert "car_handler" in store.entity(victim.id).roles
    assert w.act_undo.text().startswith("Undo Set roles of")
    assert w.isWindowModified()
    audit = store.audit_for(victim.id)[0]
    assert audit.analyst == "侦查员李" and "car_handler" in audit.new["roles"]

    w.act_undo.trigger()
    assert store.entity(victim.id).roles == roles_before
    assert not w.isWindowModified()
    # The inspector re-read the case: the box is clear again, and history shows both rows.
    assert item.checkState() == Qt.CheckState.Unchecked
    history = w.inspector.history
    assert history.rowCount() >= 2
    assert history.item(0, 1).text() == "侦查员李"
    undo_row = store.audit_for(victim.id)[0]
    assert "car_handler" in undo_row.old["roles"] and "car_handler" not in undo_row.new["roles"]
    w.close()


def test_status_combo_edits_and_undoes(window, qtbot):
    store = window.store
    pid = store.entity_ids_with_role("organiser")[0]
    window.document.select(pid)
    combo = window.inspector.status
    combo.setCurrentIndex(combo.findData("arrested"))
    combo.activated.emit(combo.currentIndex())
    assert store.entity(pid).legal_status == "arrested"
    window.act_undo.trigger()
    assert store.entity(pid).legal_status == ""
    assert combo.currentData() == ""
    window.act_redo.trigger()
    assert store.entity(pid).legal_status == "arrested"


def test_notes_and_aliases_save_as_one_command(window, qtbot):
    store = window.store
    pid = store.entity_ids_with_role("organiser")[0]
    window.document.select(pid)
    window.inspector.notes.setPlainText("绰号阿龙，缅北园区老板")
    window.inspector.aliases.setText("阿龙， 龙哥")
    qtbot.mouseClick(window.inspector.save_text, Qt.MouseButton.LeftButton)
    e = store.entity(pid)
    assert e.notes == "绰号阿龙，缅北园区老板" and e.aliases == ["阿龙", "龙哥"]
    assert window.document.undo_stack.count() == 1


def test_neighbourhood_click_moves_selection(window, qtbot):
    store = window.store
    pid = store.entity_ids_with_role("organiser")[0]
    window.document.select(pid)
    nb = window.neighbourhood
    assert nb.node_ids[0] == pid and len(nb.node_ids) == len(store.links_of(pid)) + 1
    target = nb.node_ids[1]
    qtbot.waitExposed(window)
    pos = nb.node_view_pos(target)
    qtbot.mouseClick(nb.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.document.selected == target
    assert nb.node_ids[0] == target


def test_browser_selection_follows_neighbourhood(window, qtbot):
    store = window.store
    people = store.entities("person")
    window.document.select(people[3].id)
    view = window.browser.views[window.browser.current_kind()]
    assert view.model().entity_id(view.currentIndex().row()) == people[3].id


def test_new_entity_from_menu_is_undoable(window, qtbot, monkeypatch):
    def fill_and_accept(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("bank_card"))
        dialog.key.setText("6222 0212 3456 7890 128")
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntityDialog, "exec", fill_and_accept)
    before = window.store.info().bank_cards
    window.act_new_entity.trigger()
    assert window.store.info().bank_cards == before + 1
    assert window.store.entity(window.document.selected).key == "6222021234567890128"
    window.act_undo.trigger()
    assert window.store.info().bank_cards == before
    assert window.document.selected is None


def test_entity_dialog_explains_bad_keys(app, qtbot):
    dialog = EntityDialog()
    qtbot.addWidget(dialog)
    dialog.key.setText("110105194912310021")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "check digit" in dialog.check.text()
    dialog.key.setText("11010519491231002x")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_second_window_is_read_only_with_banner(window, qtbot):
    other = CaseStore.open(window.store.path, "王警官")
    w2 = MainWindow(other)
    qtbot.addWidget(w2)
    w2.show()
    assert other.read_only
    assert w2.banner.isVisible() and "Read-only" in w2.banner.text()
    assert "tester" in w2.banner.text()
    assert not w2.act_new_entity.isEnabled()
    pid = other.entity_ids_with_role("organiser")[0]
    w2.document.select(pid)
    assert not w2.inspector.roles.isEnabled()
    assert "(read-only)" in w2.windowTitle()
    w2.close()
    assert not window.banner.isVisible()


def test_counts_in_status_bar(window):
    assert "20 people" in window.status_counts.text()


def test_chinese_font_is_registered_and_covers_case_vocabulary(app):
    assert i18n.CJK_FAMILY in QFontDatabase.families()
    metrics = QFontMetrics(app.font())
    for ch in "车手卡商跑分洗钱缅北石柱彭水":
        assert metrics.inFontUcs4(ord(ch)) or QFontMetrics(
            QFontDatabase.font(i18n.CJK_FAMILY, "Regular", 10)
        ).inFontUcs4(ord(ch))
    assert i18n.CJK_FAMILY in app.font().families()


def test_language_switch_rebuilds_window_in_chinese(app, qtbot, tmp_path):
    store_path = make_case(tmp_path, people=5)
    store_path.close()
    bench = Workbench("tester", i18n.install_language("en"))
    assert bench.open_case(store_path.path)
    assert bench.window.menuBar().actions()[0].text() == "&File"
    bench._on_window_language_requested("zh_CN")
    try:
        assert bench.window.menuBar().actions()[0].text().startswith("文件")
        assert not bench.window.store.read_only, "the old window released the lock"
        tabs = bench.window.browser.tabs
        assert tabs.tabText(0).startswith("人员")
    finally:
        i18n.install_language("en")
        QSettings().remove("language")
        bench.window.close()


def test_analyst_name_is_asked_once(app, monkeypatch):
    QSettings().remove("analyst")
    from ui.dialogs import AnalystDialog

    asked = []

    def answer(dialog):
        asked.append(True)
        dialog.name.setText("刘警官")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AnalystDialog, "exec", answer)
    assert analyst_name() == "刘警官"
    assert analyst_name() == "刘警官"
    assert len(asked) == 1
    QSettings().remove("analyst")


def test_first_start_builds_the_demo_case_and_opens_it(app, qtbot, tmp_path, monkeypatch):
    # What `zhanlian` with no argument does on a fresh machine.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import run
    from workbench.paths import demo_case_path

    monkeypatch.setenv("ZHANLIAN_DATA_DIR", str(tmp_path / "data"))
    seen = {}

    def look_and_close():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]  # fmt: skip
        if not windows:
            QTimer.singleShot(50, look_and_close)
            return
        seen["title"] = windows[0].windowTitle()
        seen["people"] = windows[0].store.info().people
        windows[0].close()

    QTimer.singleShot(0, look_and_close)
    assert run(None, analyst="tester", language="en") == 0
    assert demo_case_path().exists()
    assert seen["people"] >= 300
    assert "demo.zlcase" in seen["title"]
