"""Whose statement it is, as an analyst sets it in the import wizard; the placeholder owner
and a masked card merged into the real account from the inspector, one undo step each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.importwizard import ImportDialog
from ui.inspector import Inspector
from ui.mainwindow import MainWindow
from workbench.store import CaseStore

from ..workbench.intake.files import CARD_16, CARD_A, CARD_B, write_text


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    w = MainWindow(CaseStore.create(tmp_path / "case.zlcase", "分析员甲"))
    qtbot.addWidget(w)
    w.show()
    yield w
    if not w.store.closed:
        w.close()


def q(store, sql, *params):
    return store._conn.execute(sql, params).fetchall()


def nobody(tmp_path):
    header = ["交易日期", "交易金额", "对方账号", "对方户名", "摘要"]
    rows = [header, ["2025-03-27", "-100.00", CARD_B, "李四", "转账"],
            ["2025-03-28", "50.00", "", "", "结息"]]  # fmt: skip
    return write_text(tmp_path / "nobody.csv", rows, encoding="gbk")


def run(qtbot, dialog):
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=30_000)


def test_wizard_sets_whose_statement_and_saves_it_with_the_profile(window, qtbot, tmp_path):
    dialog = ImportDialog(window.document, [str(nobody(tmp_path))])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    assert dialog.owner_group.isVisibleTo(dialog) and dialog.owner_key.isEnabled()
    assert "placeholder" in dialog.owner_state.text()
    dialog.owner_key.setText(CARD_16)
    dialog.owner_name.setText("王五")
    dialog.owner_name.editingFinished.emit()
    plan = dialog.current_plan()
    assert plan.mapping.constants["card"] == CARD_16
    assert plan.mapping.constants["account_name"] == "王五"
    assert "Every row" in dialog.owner_state.text() or "所有行" in dialog.owner_state.text()
    dialog.save_profile.setChecked(True)
    dialog.profile_name.setText("某行个人流水")
    run(qtbot, dialog)
    store = window.store
    owner = store.find_entity("bank_card", CARD_16)
    assert q(store, "SELECT count(*) FROM txn WHERE reporter_id = ?", owner.id) == [(2,)]
    assert store.mapping_profiles()["某行个人流水"]["mapping"]["constants"]["card"] == CARD_16
    assert not q(store, "SELECT id FROM entity WHERE key_problem = 'owner_unknown'")


def test_platform_account_as_the_owner(window, qtbot, tmp_path):
    dialog = ImportDialog(window.document, [str(nobody(tmp_path))])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    dialog.owner_kind.setCurrentIndex(dialog.owner_kind.findData("payment_account:alipay"))
    dialog.owner_key.setText("Zhang@163.com")
    dialog.owner_key.editingFinished.emit()
    run(qtbot, dialog)
    assert window.store.find_entity("payment_account", "alipay:zhang@163.com") is not None


def test_placeholder_merged_into_the_real_card_from_the_inspector(window, qtbot, tmp_path):
    dialog = ImportDialog(window.document, [str(nobody(tmp_path))])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    run(qtbot, dialog)
    assert "owner unknown" in dialog.file_results.text() or "归属不明" in dialog.file_results.text()
    store = window.store
    [(placeholder,)] = q(store, "SELECT id FROM entity WHERE key_problem = 'owner_unknown'")
    real = store.add_entity("bank_card", CARD_A, "")
    inspector = window.findChild(Inspector)
    window.document.select(placeholder)
    assert inspector.same_as.isVisibleTo(inspector)
    inspector.same_as_key.setText(CARD_A)
    qtbot.mouseClick(inspector.merge, Qt.MouseButton.LeftButton)
    assert not store.has_entity(placeholder)
    assert q(store, "SELECT count(*) FROM txn WHERE reporter_id = ?", real) == [(2,)]
    assert inspector.entity.id == real
    window.document.undo_stack.undo()
    assert store.has_entity(placeholder)
    assert q(store, "SELECT count(*) FROM txn WHERE reporter_id = ?", placeholder) == [(2,)]
    window.document.undo_stack.redo()
    assert not store.has_entity(placeholder)


def test_masked_card_shows_the_full_card_that_fits(window, qtbot, tmp_path):
    masked = f"{CARD_B[:4]}****{CARD_B[-4:]}"
    header = ["交易卡号", "交易时间", "借贷标志", "交易金额", "对方账号", "对方户名"]
    path = write_text(tmp_path / "a.csv", [header,
        [CARD_A, "2025-03-27 10:00:00", "借", "1.00", masked, "李四"],
        [CARD_A, "2025-03-28 10:00:00", "借", "2.00", CARD_B, "李四"]])  # fmt: skip
    dialog = ImportDialog(window.document, [str(path)])
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    run(qtbot, dialog)
    store = window.store
    partial = store.find_entity("bank_card", masked)
    inspector = window.findChild(Inspector)
    window.document.select(partial.id)
    assert inspector.same_as_list.count() == 1
    assert inspector.same_as_list.item(0).text().startswith(CARD_B)
    qtbot.mouseClick(inspector.merge, Qt.MouseButton.LeftButton)
    full = store.find_entity("bank_card", CARD_B)
    assert q(store, "SELECT count(*) FROM txn WHERE payee_id = ?", full.id) == [(2,)]
    assert masked in store.entity(full.id).aliases
    window.grab().save(str(tmp_path / "merged.png"))
