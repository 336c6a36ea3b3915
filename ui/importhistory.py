"""File → Import history: every import batch of the case, and the rows it could not read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.intake.rejected import write_rejected_csv
from workbench.store import CaseStore

from .errors import describe_rejection


class ImportHistoryDialog(QDialog):
    """Batches newest first; selecting one lists its rejected rows, which can be exported."""

    def __init__(self, store: CaseStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Import history"))
        self.resize(1000, 620)
        self.batches = store.import_batches()
        self.table = QTableWidget(len(self.batches), 8)
        self.table.setObjectName("history_batches")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Imported"), self.tr("Analyst"), self.tr("File"), self.tr("Kind"),
             self.tr("Rows"), self.tr("New facts"), self.tr("Already in the case"),
             self.tr("Rejected")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        kinds = {"bank": self.tr("bank statement"), "calls": self.tr("call records"),
                 "register": self.tr("register")}  # fmt: skip
        for row, b in enumerate(self.batches):
            c = b["counts"]
            new = c.get("transactions_new", 0) + c.get("calls_new", 0)
            dup = c.get("transactions_duplicate", 0) + c.get("calls_duplicate", 0)
            cells = [b["imported_at"].replace("T", " ")[:19], b["analyst"], b["file_name"],
                     kinds.get(b["kind"], b["kind"]), f"{c.get('rows_read', 0):,}", f"{new:,}",
                     f"{dup:,}", f"{c.get('rejected', 0):,}"]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(b["sha256"] if col == 2 else "")
                self.table.setItem(row, col, item)
        self.rejected = QTableWidget(0, 5)
        self.rejected.setObjectName("history_rejected")
        self.rejected.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Row"), self.tr("Column"), self.tr("Value"),
             self.tr("Reason")]
        )  # fmt: skip
        self.rejected.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.rejected.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.export = QPushButton(self.tr("Export rejected rows…"))
        self.export.setObjectName("history_export")
        self.export.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("Rows this import could not read:")))
        lv.addWidget(self.rejected, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        if not self.batches:
            layout.addWidget(QLabel(self.tr("Nothing has been imported into this case yet.")))
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.export.clicked.connect(self._on_export_clicked)
        close.clicked.connect(self.accept)
        if self.batches:
            self.table.selectRow(0)

    def selected_batch(self) -> int | None:
        row = self.table.currentRow()
        return self.batches[row]["id"] if 0 <= row < len(self.batches) else None

    def _on_table_current_cell_changed(self, *_args) -> None:
        batch = self.selected_batch()
        rows = self.store.rejected_rows(batch) if batch is not None else []
        self.rejected.setRowCount(len(rows))
        for r, (_batch, file, line, column, value, reason) in enumerate(rows):
            for c, text in enumerate((file, str(line), column, value, describe_rejection(reason))):
                self.rejected.setItem(r, c, QTableWidgetItem(text))
        self.export.setEnabled(bool(rows))

    def _on_export_clicked(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export rejected rows"), "rejected.csv", self.tr("CSV (*.csv)")
        )
        if path:
            write_rejected_csv([r[1:] for r in self.store.rejected_rows(batch)], path)
