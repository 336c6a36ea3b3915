"""The case browser: one searchable, sortable table per entity kind, paged from the case file.

The model never holds more than a few pages: rows are fetched 200 at a time as the view
asks for them, so 20,000 cards scroll as smoothly as 20.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.identifiers import mask_card_number, mask_id_number
from workbench.model import Kind
from workbench.store import BROWSE_COLUMNS, CaseStore, Changed

from . import labels
from .style import role_color

PAGE = 200
ENTITY_MIME = "application/x-zhanlian-entities"
_EXTEND = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class EntityTableModel(QAbstractTableModel):
    """Entities of one kind, in pages of 200 rows read on demand."""

    def __init__(self, store: CaseStore, kind: Kind, parent=None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.columns = BROWSE_COLUMNS[kind]
        self.search = ""
        self.sort_code = ""
        self.descending = False
        self.mask = False
        self._count = store.count_entities(kind)
        self._pages: dict[int, list[tuple]] = {}

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return labels.column_label(self.kind, self.columns[section][0])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        code = self.columns[index.column()][0]
        value = row[index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(code, value)
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        if role == Qt.ItemDataRole.ForegroundRole and code == "roles" and value:
            return QBrush(role_color(value.split(",")[0]).darker(130))
        if role == Qt.ItemDataRole.ToolTipRole and code == "key" and value:
            return value if not self.mask else None
        if role == Qt.ItemDataRole.TextAlignmentRole and code in (
            "links",
            "txns",
            "calls",
            "members",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and code == "roles"
            and value
            and "victim" in value.split(",")
        ):
            return QBrush(QColor("#eef6ff"))
        return None

    def _display(self, code: str, value):
        if value is None:
            return ""
        if code == "roles":
            return ", ".join(labels.role_label(r) for r in sorted(value.split(",")))
        if code in ("name", "holder"):
            return labels.stored_name_label(str(value))
        if code == "legal_status":
            return labels.status_label(value)
        if code == "org_type":
            return labels.org_type_label(value)
        if code == "platform":
            return labels.platform_label(value)
        if code == "chain":
            return labels.chain_label(value)
        if code == "key" and self.kind in (Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET):
            return labels.key_display(self.kind, value)
        if code == "key" and self.mask:
            if self.kind is Kind.PERSON:
                return mask_id_number(value)
            if self.kind is Kind.BANK_CARD:
                return mask_card_number(value)
        return str(value)

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self):
        return [ENTITY_MIME]

    def mimeData(self, indexes):
        ids = sorted({self.entity_id(i.row()) for i in indexes if i.isValid()} - {None})
        mime = QMimeData()
        mime.setData(ENTITY_MIME, ",".join(map(str, ids)).encode())
        mime.setText("\n".join(map(str, ids)))
        return mime

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.sort_code = self.columns[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- paging
    def row(self, n: int) -> tuple | None:
        page = n // PAGE
        if page not in self._pages:
            if len(self._pages) > 20:  # keep memory flat while scrolling a long list
                self._pages.clear()
            self._pages[page] = self._all_holders(
                self.store.browse(
                    self.kind, self.search, self.sort_code, self.descending, page * PAGE, PAGE
                )
            )
        rows = self._pages[page]
        i = n - page * PAGE
        return rows[i] if i < len(rows) else None

    def _all_holders(self, rows: list[tuple]) -> list[tuple]:
        """The page's rows with every holder of a card held by several people (the case
        lists one per row; a shared card is exactly what the analyst must not miss)."""
        codes = [c for c, _ in self.columns]
        if "holder" not in codes:
            return rows
        col = codes.index("holder") + 1
        out = []
        for row in rows:
            if row[col]:
                holders = [lk.source_id for lk in self.store.links_of(row[0])
                           if lk.type == "holds" and lk.target_id == row[0]]  # fmt: skip
                if len(holders) > 1:
                    names = dict.fromkeys(self.store.entity(h).display for h in holders)
                    row = (*row[:col], "、".join(names), *row[col + 1 :])
            out.append(row)
        return out

    def entity_id(self, n: int) -> int | None:
        r = self.row(n)
        return r[0] if r else None

    def find_row(self, entity_id: int) -> int | None:
        """The row of an entity among the pages already read (None when not read yet)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r[0] == entity_id:
                    return page * PAGE + i
        return None

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self.reload()

    def set_mask(self, mask: bool) -> None:
        self.mask = mask
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self.store.count_entities(self.kind, self.search)
        self.endResetModel()


class CaseBrowser(QWidget):
    """Tabs of entity tables with one search field. Emits the entity the analyst picks."""

    entity_selected = Signal(object)  # entity id
    entity_activated = Signal(object)  # double-click
    #: several rows selected (Ctrl/Shift-click): the current one first
    entities_selected = Signal(object)  # list[int]
    #: the row's context menu asks to put the selected entities on the current chart
    add_to_chart_requested = Signal(object)  # list[int]

    def __init__(self, store: CaseStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, numbers, aliases…"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("browser_search")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.models: dict[Kind, EntityTableModel] = {}
        self.views: dict[Kind, QTableView] = {}
        for kind in Kind:
            model = EntityTableModel(store, kind, self)
            view = QTableView()
            view.setObjectName(f"browser_{kind.value}")
            view.setModel(model)
            view.setSortingEnabled(True)
            view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setDragEnabled(True)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.verticalHeader().setDefaultSectionSize(22)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for col, width in enumerate((150, 160, 140, 110, 120)):
                if col < model.columnCount():
                    view.setColumnWidth(col, width)
            view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
            view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
            view.doubleClicked.connect(self._on_view_double_clicked)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
            self.models[kind] = model
            self.views[kind] = view
            self.tabs.addTab(view, "")
        self.count_label = QLabel()
        self.count_label.setObjectName("browser_count")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.count_label)
        # Search as the analyst types, but not one query per keystroke.
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        self.tabs.currentChanged.connect(lambda _: self._update_counts())
        self._update_counts()

    def current_kind(self) -> Kind:
        return list(Kind)[self.tabs.currentIndex()]

    def selected_ids(self) -> list[int]:
        view = self.views[self.current_kind()]
        model = self.models[self.current_kind()]
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return [eid for eid in (model.entity_id(r) for r in rows) if eid is not None]

    def _apply_search(self) -> None:
        text = self.search.text()
        for model in self.models.values():
            model.set_search(text)
        self._update_counts()
        # Jump to the first tab that has hits, so a search for a card number lands on it.
        if text and self.models[self.current_kind()].rowCount() == 0:
            for i, kind in enumerate(Kind):
                if self.models[kind].rowCount():
                    self.tabs.setCurrentIndex(i)
                    break

    def _update_counts(self) -> None:
        for i, kind in enumerate(Kind):
            n = self.models[kind].rowCount()
            self.tabs.setTabText(i, f"{labels.kind_label(kind, plural=True)} ({n:,})")
        model = self.models[self.current_kind()]
        self.count_label.setText(self.tr("%n row(s)", "", model.rowCount()))

    def _on_view_current_changed(self, current: QModelIndex, _previous) -> None:
        # Several rows are reported by _on_view_selection_changed; one row is the current.
        # While Ctrl or Shift extends the selection, the selection itself is what counts.
        if QApplication.keyboardModifiers() & _EXTEND:
            return
        view = self.views[self.current_kind()]
        if current.isValid() and len(view.selectionModel().selectedRows()) <= 1:
            self.entity_selected.emit(current.model().entity_id(current.row()))

    def _on_view_selection_changed(self, _selected, _deselected) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and QApplication.keyboardModifiers() & _EXTEND:
            self.entity_selected.emit(ids[0])
        elif len(ids) > 1:
            view = self.views[self.current_kind()]
            current = view.currentIndex()
            first = view.model().entity_id(current.row()) if current.isValid() else None
            if first in ids:
                ids.remove(first)
                ids.insert(0, first)
            self.entities_selected.emit(ids)

    def _on_view_context_menu_requested(self, pos) -> None:
        view = self.views[self.current_kind()]
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.setObjectName("browser_context_menu")
        act = menu.addAction(self.tr("Add %n to the chart", "", len(ids)))
        act.triggered.connect(lambda: self.add_to_chart_requested.emit(ids))
        menu.popup(view.viewport().mapToGlobal(pos))
        self._menu = menu

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entity_activated.emit(index.model().entity_id(index.row()))

    def on_case_changed(self, event: Changed) -> None:
        """Re-read the tables after a committed change, keeping the current row."""
        if not event.tables & {"entity", "link", "txn", "call"}:
            return
        for kind, model in self.models.items():
            view = self.views[kind]
            current = view.currentIndex()
            keep = model.entity_id(current.row()) if current.isValid() else None
            model.reload()
            if keep is not None:
                self._select_row(kind, keep, emit=False)
        self._update_counts()

    def show_entity(self, entity_id: int, kind: Kind) -> None:
        """Bring an entity's row into view when it is among the rows read."""
        self.tabs.setCurrentIndex(list(Kind).index(kind))
        self._select_row(kind, entity_id, emit=False)

    def _select_row(self, kind: Kind, entity_id: int, emit: bool) -> None:
        model, view = self.models[kind], self.views[kind]
        row = model.find_row(entity_id)
        if row is None:
            return
        index = model.index(row, 0)
        view.blockSignals(not emit)
        view.selectionModel().blockSignals(not emit)
        view.selectionModel().setCurrentIndex(
            index,
            view.selectionModel().SelectionFlag.ClearAndSelect
            | view.selectionModel().SelectionFlag.Rows,
        )
        view.selectionModel().blockSignals(False)
        view.blockSignals(False)
        view.scrollTo(index)

    def show_entities(self, entity_ids) -> None:
        """Select the rows of several entities (the chart's rubber band) among the rows read
        of the current table, without echoing the selection back."""
        ids = set(entity_ids)
        if len(ids) < 2:
            return
        kind = self.current_kind()
        model, view = self.models[kind], self.views[kind]
        sm = view.selectionModel()
        if set(self.selected_ids()) == ids:
            return
        rows = [r for r in (model.find_row(i) for i in ids) if r is not None]
        view.blockSignals(True)
        sm.blockSignals(True)
        try:
            sm.clearSelection()
            flags = sm.SelectionFlag.Select | sm.SelectionFlag.Rows
            for r in rows:
                sm.select(model.index(r, 0), flags)
        finally:
            sm.blockSignals(False)
            view.blockSignals(False)
        view.viewport().update()

    def set_mask(self, mask: bool) -> None:
        for model in self.models.values():
            model.set_mask(mask)

    def retranslate(self) -> None:
        self._update_counts()
