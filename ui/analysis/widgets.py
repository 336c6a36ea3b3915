"""Pieces the analysis panels share: sortable tables and a progress row with Cancel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .worker import JobRunner

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DATA_ROLE = Qt.ItemDataRole.UserRole


class Cell(QTableWidgetItem):
    """A read-only cell that sorts by its own key (numbers as numbers)."""

    def __init__(self, text: str, sort=None, data=None):
        super().__init__(text)
        self.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        self.setData(SORT_ROLE, text if sort is None else sort)
        if data is not None:
            self.setData(DATA_ROLE, data)
        if isinstance(sort, int | float) and not isinstance(sort, bool):
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def make_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    # Qt starts with a descending indicator; lists read best first from their first column.
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[Cell]]) -> None:
    """Replace the rows; sorting stays as the analyst left it."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.clearContents()
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            table.setItem(r, c, cell)
    table.setSortingEnabled(sorting)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        if table.columnWidth(c) > 320:
            table.setColumnWidth(c, 320)


def row_data(table: QTableWidget, row: int | None = None):
    """The data kept on the first cell of ``row`` (the current row by default)."""
    row = table.currentRow() if row is None else row
    if row < 0:
        return None
    item = table.item(row, 0)
    return None if item is None else item.data(DATA_ROLE)


def selected_data(table: QTableWidget) -> list:
    rows = sorted({i.row() for i in table.selectedItems()})
    return [d for d in (row_data(table, r) for r in rows) if d is not None]


class ElidedLabel(QLabel):
    """One line of text that gives way: elided with "…" when the panel is narrow, whole in
    the tooltip. A plain QLabel asks for its whole text's width, and a long heading would
    push the docks beside the panel aside."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)


class ProgressRow(QWidget):
    """A progress bar, what is running, and Cancel, shown while a job runs."""

    def __init__(self, runner: JobRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.label = QLabel()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("analysis_cancel")
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel)
        self.cancel.clicked.connect(runner.cancel)
        runner.progressed.connect(self._on_runner_progressed)
        runner.busy_changed.connect(self._on_runner_busy_changed)
        self.hide()

    def _on_runner_progressed(self, done: int, total: int, label: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.label.setText(label)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)
            self.label.setText(self.tr("Working…"))
