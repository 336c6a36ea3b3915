"""File -> Export…: choose what to export and how, look at the PDF pages, then save.

The preview is the real PDF: the bytes that Save writes are rendered back to images with
pypdfium2, so what the analyst sees is what the prosecutor gets.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import CaseError
from workbench.exchange import EXPORTERS
from workbench.model import Kind

from .errors import describe_case_error
from .pdf.export import PDF_FORMATS, ExportOptions, export, make_document
from .pdf.orgchart import MIN_TEXT_PT

PREVIEW_WIDTH = 300  # pixels of one page image in the list


@contextmanager
def busy():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def page_images(data: bytes, width: int = PREVIEW_WIDTH) -> list[QImage]:
    """The pages of a PDF as images ``width`` pixels wide."""
    pdf = pdfium.PdfDocument(data)
    images = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            scale = width / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888).copy()  # fmt: skip
            images.append(image)
            page.close()
    finally:
        pdf.close()
    return images


def export_folder(case_path: Path) -> Path:
    """Where an export goes by default: beside the case, unless the case lives in a hidden
    folder (the demo case in the data folder): then the user's Documents, else home."""
    from PySide6.QtCore import QStandardPaths

    from workbench.paths import data_dir

    folder = Path(case_path).resolve().parent
    home = Path.home()
    hidden = any(part.startswith(".") for part in folder.parts[1:])
    try:
        in_data = folder.is_relative_to(data_dir().resolve())
    except OSError:
        in_data = False
    if not (hidden or in_data):
        return folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return home


class ExportDialog(QDialog):
    """Kind, options, preview and Save."""

    def __init__(self, document, parent=None, preset: tuple[str, ExportOptions] | None = None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.setWindowTitle(self.tr("Export"))
        self.resize(980, 680)
        self._data: bytes | None = None
        self._note = ""
        self._data_key: tuple | None = None
        self._suggested = ""
        # The hierarchy view's selection and the people left out (org chart only).
        self._preset_kind = preset[0] if preset else None
        self._preset = preset[1] if preset else ExportOptions()

        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        names = {
            "orgchart-pdf": self.tr("Organisation chart (PDF)"),
            "flow-pdf": self.tr("Fund-flow chart of the selected card (PDF)"),
            "report-pdf": self.tr("Case report (PDF)"),
            "graphml": self.tr("GraphML for Gephi"),
            "gexf": self.tr("GEXF for Gephi"),
            "ftm": self.tr("FollowTheMoney JSON lines for Aleph"),
            "anx": self.tr("i2 Analyst's Notebook (ANX)"),
            "csv": self.tr("CSV tables"),
            "xlsx": self.tr("Excel workbook (XLSX)"),
        }
        self._suffix = {"orgchart-pdf": "pdf", "flow-pdf": "pdf", "report-pdf": "pdf",
                        "graphml": "graphml", "gexf": "gexf", "ftm": "ftm.json", "anx": "anx",
                        "csv": "zip", "xlsx": "xlsx"}  # fmt: skip
        available = set(EXPORTERS)
        for code, label in names.items():
            if code in PDF_FORMATS or code in available:
                self.kind.addItem(label, code)

        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem("A3", "A3")
        self.orientation = QComboBox()
        self.orientation.addItem(self.tr("Usual for this document"), None)
        self.orientation.addItem(self.tr("Portrait"), False)
        self.orientation.addItem(self.tr("Landscape"), True)
        self.tile = QRadioButton(self.tr("On pages, readable: parts continued by page number"))
        self.fit = QRadioButton(self.tr("On one page, if it stays readable"))
        self.fit.setToolTip(self.tr(
            "A chart whose text would print smaller than {pt} pt on one page is printed on "
            "pages instead; A3 paper fits more on one page.").format(pt=MIN_TEXT_PT))  # fmt: skip
        self.tile.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.tile)
        group.addButton(self.fit)
        layout_row = QWidget()
        lr = QVBoxLayout(layout_row)
        lr.setContentsMargins(0, 0, 0, 0)
        lr.addWidget(self.tile)
        lr.addWidget(self.fit)
        self.mask = QCheckBox(self.tr("Mask ID and card numbers"))
        self.mask.setToolTip(self.tr(
            "Hides the middle digits of every ID, card, account and mobile number in every "
            "field, free text included, however it is written (full-width digits, spaces, "
            "dashes). The case number prints whole."))  # fmt: skip
        self.gang = QComboBox()
        self.gang.setObjectName("gang")
        self.gang.addItem(self.tr("Whole case"), None)
        for org in sorted(self.store.entities(Kind.ORGANISATION), key=lambda o: o.name):
            self.gang.addItem(org.name, str(org.id))
        self.card_note = QLabel()
        self.card_note.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QWidget()
        pr = QHBoxLayout(path_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.path, 1)
        pr.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Export"), self.kind)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Orientation"), self.orientation)
        form.addRow(self.tr("Large charts"), layout_row)
        form.addRow(self.tr("Organisation"), self.gang)
        form.addRow("", self.mask)
        form.addRow("", self.card_note)
        form.addRow(self.tr("Save to"), path_row)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        self.pages = QListWidget()
        self.pages.setObjectName("pages")
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setFlow(QListView.Flow.LeftToRight)
        self.pages.setWrapping(True)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setIconSize(QSize(PREVIEW_WIDTH, PREVIEW_WIDTH))
        self.pages.setSpacing(8)
        self.pages.setMovement(QListView.Movement.Static)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        left.addLayout(buttons)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(400)
        main = QHBoxLayout(self)
        main.addWidget(side)
        main.addWidget(self.pages, 1)

        self.kind.currentIndexChanged.connect(self._on_kind_currentIndexChanged)
        if preset is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(self._preset_kind)))
            self.gang.setCurrentIndex(max(0, self.gang.findData(self._preset.gang)))
            self.mask.setChecked(self._preset.mask_ids)
        self._on_kind_currentIndexChanged()

    # ------------------------------------------------------------------ state

    def format(self) -> str:
        return self.kind.currentData()

    def options(self) -> ExportOptions:
        card = None
        if self.format() == "flow-pdf":
            card = self._selected_card()
        return ExportOptions(
            paper=self.paper.currentData(),
            landscape=self.orientation.currentData(),
            fit=self.fit.isChecked(),
            mask_ids=self.mask.isChecked(),
            gang=self.gang.currentData(),
            card=card,
            **self._preset_scope(),
        )

    def _preset_scope(self) -> dict:
        if self.format() != self._preset_kind:
            return {}
        return {"entity_ids": self._preset.entity_ids, "exclude": self._preset.exclude}

    def _selected_card(self) -> int | None:
        sel = self.document.selected
        ok = sel is not None and self.store.has_entity(sel)
        return sel if ok and self.store.entity(sel).kind == Kind.BANK_CARD else None

    def _key(self) -> tuple:
        o = self.options()
        return (self.format(), o.paper, o.landscape, o.fit, o.mask_ids, o.gang, o.card,
                frozenset(o.entity_ids or ()), frozenset(o.exclude or ()))  # fmt: skip

    def _on_kind_currentIndexChanged(self, *_):
        code = self.format()
        pdf = code in PDF_FORMATS
        for w in (self.paper, self.orientation, self.preview_button):
            w.setEnabled(pdf)
        self.tile.setEnabled(code == "orgchart-pdf")
        self.fit.setEnabled(code == "orgchart-pdf")
        self.gang.setEnabled(code not in ("flow-pdf", "report-pdf"))
        if code == "flow-pdf":
            card = self._selected_card()
            self.card_note.setText(
                self.tr("Traces the selected card {card}.").format(
                    card=self.store.entity(card).display)
                if card is not None
                else self.tr("No bank card is selected: the card that received most victims' "
                             "payments is traced.")
            )  # fmt: skip
        elif code == self._preset_kind:
            notes = []
            if self._preset.entity_ids is not None:
                notes.append(self.tr("Limited to the %n selected entities of the hierarchy "
                                     "view.", "", len(self._preset.entity_ids)))  # fmt: skip
            if self._preset.exclude:
                notes.append(self.tr("%n person(s) left out in the hierarchy view.", "",
                                     len(self._preset.exclude)))  # fmt: skip
            self.card_note.setText(" ".join(notes))
        else:
            self.card_note.setText("")
        self.pages.clear()
        self._data = None
        # Suggest a file beside the case (in Documents for a case in a hidden folder, as the
        # demo case is) until the analyst picks one.
        if self.path.text() in ("", self._suggested):
            folder = export_folder(self.store.path)
            base = folder / f"{self.store.path.stem}-{code.removesuffix('-pdf')}"
            self._suggested = f"{base}.{self._suffix[code]}"
            self.path.setText(self._suggested)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text())
        if path:
            self.path.setText(path)

    # ------------------------------------------------------------------ actions

    def _render(self) -> bytes | None:
        key = self._key()
        if self._data is not None and self._data_key == key:
            return self._data
        try:
            with busy():
                doc = make_document(self.store, self.format(), self.options())
                self._data = doc.render()
                self._note = getattr(doc, "note", "")
        except CaseError as e:
            self._show_error(describe_case_error(e))
            return None
        self._data_key = key
        return self._data

    def _on_preview_button_clicked(self) -> None:
        data = self._render()
        if data is None:
            return
        with busy():
            images = page_images(data)
        self.pages.clear()
        for i, image in enumerate(images):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), self.tr("Page {n}").format(
                n=i + 1))  # fmt: skip
            self.pages.addItem(item)
        text = self.tr("%n page(s)", "", len(images))
        if self._note:
            text += " · " + self._note  # why one page was not readable
        self.status.setText(text)

    def _on_save_button_clicked(self) -> None:
        target = self.path.text().strip()
        if not target:
            self._on_browse_clicked()
            target = self.path.text().strip()
            if not target:
                return
        path = Path(target)
        try:
            if self.format() in PDF_FORMATS:
                data = self._render()
                if data is None:
                    return
                path.write_bytes(data)
            else:
                with busy():
                    export(self.store, self.format(), path, self.options())
        except (CaseError, OSError) as e:
            if isinstance(e, CaseError):
                self._show_error(describe_case_error(e))
            else:
                self._show_error(self.tr("Could not write {path}: {reason}").format(
                    path=str(path), reason=e.strerror or str(e)))  # fmt: skip
            return
        self.status.setText(self.tr("Saved {path}").format(path=str(path)))

    def _show_error(self, text: str) -> None:
        self.status.setText(text)
        QMessageBox.warning(self, self.tr("Export"), text)
