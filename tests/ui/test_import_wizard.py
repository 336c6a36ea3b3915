"""The import wizard driven as an analyst would: files, mapping with preview, run, summary,
undo; and Cancel leaving the case as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDropEvent
from PySide6.QtWidgets import QMessageBox

from ui import importwizard
from ui.importwizard import ImportDialog
from ui.mainwindow import MainWindow
from workbench.store import CaseStore

from ..workbench.test_import import LI_CARD, ZHANG_CARD, ccb_statement, icbc_statement


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    w = MainWindow(CaseStore.create(tmp_path / "case.zlcase", "分析员甲"))
    qtbot.addWidget(w)
    w.show()
    yield w
    if not w.store.closed:
        w.close()


def run_wizard(qtbot, dialog: ImportDialog) -> None:
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=30_000)


def test_files_mapping_preview_import_summary_undo(window, qtbot, tmp_path):
    files = [str(icbc_statement(tmp_path / "icbc.csv")), str(ccb_statement(tmp_path / "ccb.csv"))]
    dialog = ImportDialog(window.document, [str(tmp_path)])
    qtbot.addWidget(dialog)
    assert sorted(dialog.files()) == sorted(files)
    dialog.kind.setCurrentIndex(dialog.kind.findData("bank"))
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert len(dialog.plans) == 2 and all(p.mapping.is_complete() for p in dialog.plans)

    # The ICBC statement: the title rows' facts are shown, the bad amount is red in preview.
    icbc = next(i for i, p in enumerate(dialog.plans) if p.path.name == "icbc.csv")
    dialog.plan_list.setCurrentRow(icbc)
    assert "卡号" in dialog.facts.text()
    preview = dialog.preview
    bad_rows = [r for r in range(preview.rowCount()) if preview.item(r, 0).text().startswith("✖")]
    assert [preview.verticalHeaderItem(r).text() for r in bad_rows] == ["7"]
    amount_col = 1 + dialog.plans[icbc].header.index("交易金额")
    cell = preview.item(bad_rows[0], amount_col)
    assert cell.background() == QBrush(QColor("#ffcdd2"))

    # Unmapping the amount makes the plan incomplete; mapping it back completes it.
    row = dialog.plans[icbc].header.index("交易金额")
    combo = dialog.mapping_table.cellWidget(row, 1)
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert not dialog.plans[icbc].mapping.is_complete()
    assert "交易金额" in dialog.missing.text() or "amount" in dialog.missing.text()
    combo = dialog.mapping_table.cellWidget(row, 1)
    combo.setCurrentIndex(combo.findData("amount"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.plans[icbc].mapping.is_complete()

    dialog.save_profile.setChecked(True)
    dialog.profile_name.setText("工行个人流水")
    run_wizard(qtbot, dialog)
    assert dialog.counts["transactions_duplicate"].text() == "1"
    assert dialog.counts["rejected"].text() == "1"
    assert dialog.rejected_table.rowCount() == 1
    assert dialog.rejected_table.item(0, 1).text() == "7"
    assert "工行个人流水" in window.store.mapping_profiles()

    store = window.store
    card = store.find_entity("bank_card", ZHANG_CARD)
    assert card is not None and store.find_entity("bank_card", LI_CARD) is not None
    assert window.document.undo_stack.undoText().startswith("Import")
    # The browser re-read the case after the import.
    assert window.browser.models[card.kind].rowCount() == store.info().bank_cards
    window.act_undo.trigger()
    assert store.info().transactions == 0 and store.find_entity("bank_card", ZHANG_CARD) is None
    window.act_redo.trigger()
    assert store.info().transactions == 5


def test_cancel_leaves_the_case_unchanged(window, qtbot, tmp_path, monkeypatch):
    original = importwizard.ImportWorker.__init__

    def cancelled_at_once(self, *args):
        original(self, *args)
        self.cancel_requested = True

    monkeypatch.setattr(importwizard.ImportWorker, "__init__", cancelled_at_once)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[1]))
    before = window.store.info()
    dialog = ImportDialog(window.document, [str(icbc_statement(tmp_path / "icbc.csv"))])
    qtbot.addWidget(dialog)
    dialog.plan()
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=30_000)
    assert told and window.store.info() == before
    assert window.document.undo_stack.count() == 0


def test_files_dropped_on_the_window_open_the_wizard(window, qtbot, tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: seen.append(self.files()) or 0)
    path = icbc_statement(tmp_path / "icbc.csv")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    assert seen == [[str(path)]]


def test_every_field_has_a_translatable_label():
    from ui import labels
    from workbench.intake.columns import FIELD_LABELS

    assert {en for _, en in FIELD_LABELS.values()} <= labels.marked_fields()


def test_rejection_reasons_are_shown_in_chinese(qapp):
    from ui import i18n
    from ui.errors import describe_rejection

    i18n.install_language("zh_CN")
    try:
        assert describe_rejection("amount: not a number") == "金额：不是数字"
        assert describe_rejection("missing card number") == "缺少卡号"
        assert describe_rejection("ID number: bad_check_digit") == "证件号码：校验位不符"
        assert (
            describe_rejection("too few cells (3, header has 7)")
            == "单元格过少（3 个，表头有 7 个）"
        )
        assert describe_rejection("something new") == "something new"
    finally:
        i18n.install_language("en")
    assert describe_rejection("amount: not a number") == "amount: not a number"


def test_import_history_lists_batches_and_exports_rejected_rows(window, qtbot, tmp_path,
                                                               monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    from ui.importhistory import ImportHistoryDialog
    from workbench.intake.importer import import_files

    import_files(window.store, [icbc_statement(tmp_path / "icbc.csv"),
                                ccb_statement(tmp_path / "ccb.csv")], "bank")  # fmt: skip
    dialog = ImportHistoryDialog(window.store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    files = {dialog.table.item(r, 2).text(): r for r in range(2)}
    dialog.table.setCurrentCell(files["icbc.csv"], 0)
    assert dialog.rejected.rowCount() == 1
    assert dialog.rejected.item(0, 1).text() == "7"
    out = tmp_path / "rejected.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    assert "icbc.csv,7,交易金额,not money" in out.read_text(encoding="utf-8-sig")
    dialog.table.setCurrentCell(files["ccb.csv"], 0)
    assert dialog.rejected.rowCount() == 0 and not dialog.export.isEnabled()


def test_inferred_regions_are_marked_in_the_inspector(window, tmp_path):
    import re
    from pathlib import Path

    from ui import labels
    from workbench.intake import importer
    from workbench.intake.importer import import_files

    from ..workbench.test_import import ZHANG

    import_files(window.store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    window.document.select(window.store.find_entity("person", ZHANG).id)
    cell = window.inspector.regions.item(0, 1)
    assert cell.text().endswith(" *")
    assert cell.toolTip() == "inferred from the ID number"
    # Every note the importer writes has a translatable label.
    notes = set(re.findall(r'"(inferred from [^"]+)"', Path(importer.__file__).read_text()))
    assert notes and all(labels.region_note_label(n) == n for n in notes)
    assert notes <= {*labels._REGION_NOTES}
