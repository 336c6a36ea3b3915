"""File -> Export…: the preview shows the document's pages; Save writes the file."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPoint, Qt

from ui import i18n
from ui.document import CaseDocument
from ui.exportdialog import ExportDialog
from ui.pdf.export import ExportOptions, make_document
from workbench.store import CaseStore


@pytest.fixture
def dialog(qapp, qtbot, demo_path):
    i18n.register_fonts(qapp)
    store = CaseStore.open(demo_path, "pytest", read_only=True)
    document = CaseDocument(store)
    d = ExportDialog(document)
    qtbot.addWidget(d)
    d.show()
    yield d
    d.close()
    store.close()


def choose(d: ExportDialog, code: str) -> None:
    d.kind.setCurrentIndex(d.kind.findData(code))


def test_preview_shows_every_page_of_the_org_chart(dialog, qtbot):
    choose(dialog, "orgchart-pdf")
    # The compound's gang is too big for one readable page, so it prints on pages (a small
    # gang prints whole: below).
    dialog.gang.setCurrentIndex(dialog.gang.findText("缅北", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(dialog.preview_button, Qt.LeftButton)
    expected = make_document(
        dialog.store, "orgchart-pdf", ExportOptions(gang=dialog.gang.currentData())
    )
    assert dialog.pages.count() == len(expected.pages()) > 1
    icon = dialog.pages.item(0).icon().pixmap(200, 200)
    assert not icon.isNull() and icon.toImage().pixelColor(5, 5).lightness() > 200  # white paper
    # One page asked for: the compound's gang would print too small to read on A4, so it
    # stays on pages and the dialog says why (no 30 % fits any more) ...
    # On the radio's circle: the widget is wider than its label, and only those take clicks.
    qtbot.mouseClick(dialog.fit, Qt.LeftButton, pos=QPoint(8, dialog.fit.height() // 2))
    assert dialog.fit.isChecked()
    qtbot.mouseClick(dialog.preview_button, Qt.LeftButton)
    assert dialog.pages.count() == len(expected.pages())
    assert "too small to read" in dialog.status.text()
    # ... while a gang that fits one page readably prints on one.
    dialog.gang.setCurrentIndex(dialog.gang.findText("泉州", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(dialog.preview_button, Qt.LeftButton)
    assert dialog.pages.count() == 1
    assert "too small" not in dialog.status.text()


def test_export_of_a_case_in_a_hidden_folder_defaults_to_documents(qapp, qtbot, tmp_path,
                                                                    monkeypatch):  # fmt: skip
    import shutil

    from PySide6.QtCore import QStandardPaths

    from tests.factories import make_case
    from ui.exportdialog import export_folder

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    hidden = tmp_path / "home" / ".local" / "share" / "zhanlian"
    hidden.mkdir(parents=True)
    store = make_case(tmp_path, people=3)
    store.close()
    shutil.copy(store.path, hidden / "demo.zlcase")
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    case = CaseStore.open(hidden / "demo.zlcase", "pytest", read_only=True)
    try:
        d = ExportDialog(CaseDocument(case))
        qtbot.addWidget(d)
        suggested = d.path.text()
        assert ".local" not in suggested
        assert suggested.startswith(docs if docs else str(tmp_path / "home"))
        # A case in an ordinary folder exports beside itself.
        assert export_folder(tmp_path / "cases" / "x.zlcase") == (tmp_path / "cases").resolve()
        d.close()
    finally:
        case.close()


def test_save_writes_the_report(dialog, qtbot, tmp_path):
    choose(dialog, "report-pdf")
    assert not dialog.fit.isEnabled() and not dialog.gang.isEnabled()
    target = tmp_path / "报告.pdf"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.mask, Qt.LeftButton)
    qtbot.mouseClick(dialog.preview_button, Qt.LeftButton)
    previewed = dialog.pages.count()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    data = target.read_bytes()
    assert len(pdfium.PdfDocument(data)) == previewed >= 3
    text = pdfium.PdfDocument(data)[1].get_textpage().get_text_range()
    assert "********" in text  # masked ID numbers
    assert str(target) in dialog.status.text()


def test_flow_chart_follows_the_selected_card(dialog, qtbot, tmp_path):
    card = next(
        e for e in dialog.store.entities("bank_card") if dialog.store.fact_counts(e.id)[0] > 20
    )
    dialog.document.select(card.id)
    choose(dialog, "flow-pdf")
    assert card.key in dialog.card_note.text()
    target = tmp_path / "flow.pdf"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    text = pdfium.PdfDocument(target.read_bytes())[0].get_textpage().get_text_range()
    assert card.key in text


def test_file_menu_opens_the_export_dialog(qapp, qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.factories import make_case
    from ui.mainwindow import MainWindow

    store = make_case(tmp_path, people=6)
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    file_menu = w.menuBar().actions()[0].menu()
    assert w.act_export in file_menu.actions()
    seen = []

    def look_and_close():
        d = QApplication.activeModalWidget()
        if not isinstance(d, ExportDialog):
            QTimer.singleShot(20, look_and_close)
            return
        seen.append(d.kind.count())
        d.reject()

    QTimer.singleShot(0, look_and_close)
    w.act_export.trigger()
    assert seen and seen[0] >= 3  # the three PDF kinds at least
    w.close()
