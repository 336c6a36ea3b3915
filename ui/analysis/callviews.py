"""What a number's call records say: its strongest contacts, its daily routine, its places.

Each view takes the case document and a phone card (or a person: their phones together),
reads through :mod:`workbench.analysis.calls` and re-reads when calls or links change. The
module-level ``open_*`` functions show a view in a window of its own; :func:`open_view`
shows all three as tabs. The menus that call them live in the main window.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis import contact_strength, daily_routine, places
from workbench.analysis.evidence import holder_names
from workbench.errors import CaseError

from ..document import CaseDocument
from ..errors import describe_case_error
from .maptiles import TileLayer, set_tile_server, tile_server
from .widgets import Cell, fill_table, make_table, row_data

#: Tables whose change may change what a view shows.
_WATCHED = frozenset({"call", "link", "entity"})


def _entity_title(document: CaseDocument, entity_id: int) -> str:
    entity = document.store.entity(entity_id)
    if entity.name and entity.key:
        return f"{entity.key} ({entity.name})"
    return entity.display


class _CallView(QWidget):
    """A view of one entity's calls that re-reads when the case changes."""

    def __init__(self, document: CaseDocument, entity_id: int, parent=None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.entity_id = entity_id
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        document.changed.connect(self._on_document_changed)

    def _on_document_changed(self, event) -> None:
        if event.tables & _WATCHED and self.store.has_entity(self.entity_id):
            self.refresh()

    def refresh(self) -> None:
        try:
            self._read()
        except CaseError as e:
            self.error.setText(describe_case_error(e))
            self.error.show()
        else:
            self.error.hide()

    def _read(self) -> None:
        """Read the case and fill the view (each view has its own)."""


# ---------------------------------------------------------------------- contacts


class ContactStrengthView(_CallView):
    """亲密联系人: the strongest contacts of a number, with the measures behind the score."""

    def __init__(self, document: CaseDocument, entity_id: int, parent=None):
        super().__init__(document, entity_id, parent)
        self.setObjectName("contact_strength_view")
        self.top = QSpinBox()
        self.top.setObjectName("contact_strength_top")
        self.top.setRange(1, 1000)
        self.top.setValue(20)
        self.top.valueChanged.connect(self.refresh)
        self.table = make_table(
            [self.tr("Contact"), self.tr("Name / holder"), self.tr("Score"), self.tr("Calls"),
             self.tr("Outgoing"), self.tr("Incoming"), self.tr("Minutes"),
             self.tr("Night calls"), self.tr("Days in contact"), self.tr("Reciprocity"),
             self.tr("First"), self.tr("Last")],
            "contact_strength_table",
        )  # fmt: skip
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.setToolTip(
            self.tr(
                "Score = (ln(1 + calls) + ln(1 + minutes) + ln(1 + night calls) + "
                "2 × ln(1 + days in contact)) × (0.5 + 0.5 × reciprocity). "
                "Double-click a contact to select it."
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("Show top:")))
        top.addWidget(self.top)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.table)
        self.rows: list = []
        self.refresh()

    def _read(self) -> None:
        self.rows = contact_strength(self.store, self.entity_id, top=self.top.value())
        self.title.setText(
            self.tr("Strongest contacts of {who}").format(
                who=_entity_title(self.document, self.entity_id)
            )
        )
        holders = holder_names(self.store, [r.b for r in self.rows])
        table_rows = []
        for r in self.rows:
            table_rows.append(
                [
                    Cell(r.b_key or f"#{r.b}", data=r.b),
                    Cell(r.b_name or holders.get(r.b, "")),
                    Cell(f"{r.score:.2f}", r.score),
                    Cell(str(r.calls), r.calls),
                    Cell(str(r.outgoing), r.outgoing),
                    Cell(str(r.incoming), r.incoming),
                    Cell(f"{r.duration_s / 60:.1f}", r.duration_s),
                    Cell(str(r.night_calls), r.night_calls),
                    Cell(str(r.days), r.days),
                    Cell(f"{r.reciprocity:.2f}", r.reciprocity),
                    Cell(r.first),
                    Cell(r.last),
                ]
            )
        fill_table(self.table, table_rows)
        self.table.sortItems(2, Qt.SortOrder.DescendingOrder)

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        contact = row_data(self.table, row)
        if contact is not None:
            self.document.select(contact)


# ---------------------------------------------------------------------- routine


class RoutineView(_CallView):
    """作息规律: calls by weekday and hour of day, as a heat grid."""

    def __init__(self, document: CaseDocument, entity_id: int, parent=None):
        super().__init__(document, entity_id, parent)
        self.setObjectName("routine_view")
        self.grid = QTableWidget(7, 24)
        self.grid.setObjectName("routine_grid")
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setVerticalHeaderLabels(
            [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
             self.tr("Sat"), self.tr("Sun")]
        )  # fmt: skip
        self.grid.setHorizontalHeaderLabels([f"{h:02d}" for h in range(24)])
        self.grid.horizontalHeader().setMinimumSectionSize(24)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setToolTip(self.tr("Calls and messages by weekday and hour of day"))
        self.summary = QLabel()
        self.summary.setObjectName("routine_summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary)
        self.routine = None
        self.refresh()

    def _read(self) -> None:
        r = self.routine = daily_routine(self.store, self.entity_id)
        self.title.setText(
            self.tr("Daily routine of {who}").format(
                who=_entity_title(self.document, self.entity_id)
            )
        )
        peak = max((n for row in r.matrix for n in row), default=0)
        for d, row in enumerate(r.matrix):
            for h, n in enumerate(row):
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setData(Qt.ItemDataRole.UserRole, n)
                item.setBackground(QBrush(heat_colour(n, peak)))
                if peak and n > peak * 0.6:
                    item.setForeground(QBrush(QColor("white")))
                self.grid.setItem(d, h, item)
        quiet = [h for h, n in enumerate(r.by_hour) if n == 0]
        if r.calls:
            self.summary.setText(
                self.tr("{calls} calls from {first} to {last}; busiest hour {hour:02d}:00; "
                        "silent hours: {quiet}").format(
                    calls=r.calls, first=r.first, last=r.last,
                    hour=max(range(24), key=lambda h: r.by_hour[h]),
                    quiet=_hour_ranges(quiet) or "-",
                )
            )  # fmt: skip
        else:
            self.summary.setText(self.tr("No calls."))


def heat_colour(n: int, peak: int) -> QColor:
    """White for none, through amber to deep red at the busiest hour."""
    if not n or not peak:
        return QColor(255, 255, 255)
    x = n / peak
    return QColor(int(255 - 75 * x), int(235 - 205 * x), int(190 - 170 * x))


def _hour_ranges(hours: list[int]) -> str:
    """``[0, 1, 2, 5]`` as ``00-03, 05-06``: the hours as spans."""
    spans: list[list[int]] = []
    for h in hours:
        if spans and spans[-1][1] == h:
            spans[-1][1] = h + 1
        else:
            spans.append([h, h + 1])
    return ", ".join(f"{a:02d}-{b:02d}" for a, b in spans)


# ---------------------------------------------------------------------- places


class PlacesView(_CallView):
    """Where a number has been: its cells by day and night, first and last seen, and a map
    of the cells whose records carry coordinates beside the number's regions."""

    def __init__(self, document: CaseDocument, entity_id: int, parent=None):
        super().__init__(document, entity_id, parent)
        self.setObjectName("places_view")
        self.summary = QLabel()
        self.summary.setObjectName("places_summary")
        self.summary.setWordWrap(True)
        self.table = make_table(
            [self.tr("Cell"), self.tr("Address"), self.tr("Likely"), self.tr("Calls"),
             self.tr("Daytime calls"), self.tr("Night calls"), self.tr("Days"),
             self.tr("First seen"), self.tr("Last seen")],
            "places_table",
        )  # fmt: skip
        self.map = pg.PlotWidget()
        self.map.setObjectName("places_map")
        self.map.setBackground("w")
        self.map.setAspectLocked(True)
        self.map.showGrid(x=True, y=True, alpha=0.2)
        self.map.setLabel("bottom", self.tr("Longitude"))
        self.map.setLabel("left", self.tr("Latitude"))
        self.map_note = QLabel()
        self.map_note.setObjectName("places_map_note")
        # Map tiles from the force's own server: off unless the analyst names one.
        self.tiles_on = QCheckBox(self.tr("Map tiles from"))
        self.tiles_on.setObjectName("places_tiles_on")
        self.tiles_url = QLineEdit(tile_server())
        self.tiles_url.setObjectName("places_tiles_url")
        self.tiles_url.setPlaceholderText(
            self.tr("the force's map server, e.g. http://maps.local/{z}/{x}/{y}.png")
        )
        self.tile_layer: TileLayer | None = None
        tiles_row = QHBoxLayout()
        tiles_row.addWidget(self.tiles_on)
        tiles_row.addWidget(self.tiles_url, 1)
        map_box = QWidget()
        ml = QVBoxLayout(map_box)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.map, 1)
        ml.addWidget(self.map_note)
        ml.addLayout(tiles_row)
        self.tiles_on.toggled.connect(self._on_tiles_on_toggled)
        self.tiles_url.editingFinished.connect(self._on_tiles_url_editing_finished)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(map_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.places = None
        self.refresh()

    def _read(self) -> None:
        p = self.places = places(self.store, self.entity_id)
        self.title.setText(
            self.tr("Places of {who}").format(who=_entity_title(self.document, self.entity_id))
        )
        by_cell = {c.cell: c for c in p.cells}

        def named(cell: str | None) -> str:
            if cell is None:
                return self.tr("unknown")
            c = by_cell[cell]
            return f"{cell} {c.address}".strip()

        self.summary.setText(
            self.tr("Likely home (most calls at night): {home}. Likely work (most calls in "
                    "working hours on weekdays): {work}. {n} cells.").format(
                home=named(p.home), work=named(p.work), n=len(p.cells))
        )  # fmt: skip
        rows = []
        for c in p.cells:
            likely = []
            if c.cell == p.home:
                likely.append(self.tr("home"))
            if c.cell == p.work:
                likely.append(self.tr("work"))
            rows.append(
                [
                    Cell(c.cell),
                    Cell(c.address),
                    Cell(", ".join(likely)),
                    Cell(str(c.calls), c.calls),
                    Cell(str(c.day_calls), c.day_calls),
                    Cell(str(c.night_calls), c.night_calls),
                    Cell(str(c.days), c.days),
                    Cell(c.first),
                    Cell(c.last),
                ]
            )
        fill_table(self.table, rows)
        self.table.sortItems(3, Qt.SortOrder.DescendingOrder)
        self._draw_map()
        if self.tile_layer is not None:
            self.tile_layer.refresh()

    def _on_tiles_on_toggled(self, on: bool) -> None:
        if self.tile_layer is not None:
            self.tile_layer.clear()
            self.tile_layer.deleteLater()
            self.tile_layer = None
        template = self.tiles_url.text().strip()
        if on and template:
            set_tile_server(template)
            self.tile_layer = TileLayer(self.map, template, self)

    def _on_tiles_url_editing_finished(self) -> None:
        if self.tiles_on.isChecked():
            self._on_tiles_on_toggled(True)

    def _draw_map(self) -> None:
        if self.tile_layer is not None:
            self.tile_layer.clear()
        self.map.clear()
        p = self.places
        located = [c for c in p.cells if c.lat is not None and c.lon is not None]
        regions = []
        for eid in p.numbers:
            for tag in self.store.entity(eid).regions:
                region = self.store.region(tag.code)
                if region is not None and region.lat is not None:
                    regions.append(region)
        if regions:
            self.map.addItem(
                pg.ScatterPlotItem(
                    [r.lon for r in regions], [r.lat for r in regions], size=14, symbol="s",
                    brush=pg.mkBrush(200, 200, 200), pen=pg.mkPen(120, 120, 120),
                )
            )  # fmt: skip
            for r in regions:
                label = pg.TextItem(r.name, color=(90, 90, 90), anchor=(0, 1))
                label.setPos(r.lon, r.lat)
                self.map.addItem(label)
        if located:
            peak = max(c.calls for c in located)
            brushes = [
                pg.mkBrush(40, 90, 200)
                if c.cell == p.home
                else pg.mkBrush(230, 120, 20)
                if c.cell == p.work
                else pg.mkBrush(120, 120, 120, 180)
                for c in located
            ]
            self.map.addItem(
                pg.ScatterPlotItem(
                    [c.lon for c in located], [c.lat for c in located],
                    size=[8 + 16 * c.calls / peak for c in located], brush=brushes,
                    pen=pg.mkPen("k"),
                )
            )  # fmt: skip
            self.map_note.setText(
                self.tr("{n} of {total} cells with coordinates; blue: home, orange: work; "
                        "grey squares: the number's regions.").format(
                    n=len(located), total=len(p.cells))
            )  # fmt: skip
        else:
            self.map_note.setText(
                self.tr("These records carry no cell coordinates; grey squares: the number's "
                        "regions.")
            )  # fmt: skip


# ---------------------------------------------------------------------- opening them


class CallAnalysisDialog(QDialog):
    """The three views of one number as tabs, in a window of its own."""

    def __init__(self, document: CaseDocument, entity_id: int, parent=None, tab: int = 0):
        super().__init__(parent)
        self.setObjectName("call_analysis_dialog")
        self.setWindowTitle(
            self.tr("Call records: {who}").format(who=_entity_title(document, entity_id))
        )
        self.tabs = QTabWidget()
        self.contacts = ContactStrengthView(document, entity_id)
        self.routine = RoutineView(document, entity_id)
        self.places = PlacesView(document, entity_id)
        self.tabs.addTab(self.contacts, self.tr("Strongest contacts"))
        self.tabs.addTab(self.routine, self.tr("Daily routine"))
        self.tabs.addTab(self.places, self.tr("Places"))
        self.tabs.setCurrentIndex(tab)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1000, 560)


def _open(document: CaseDocument, entity_id: int, parent, tab: int) -> CallAnalysisDialog:
    dialog = CallAnalysisDialog(document, entity_id, parent, tab)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_view(document: CaseDocument, entity_id: int, parent=None) -> CallAnalysisDialog:
    """Show contacts, routine and places of a phone card (or a person's phones) as tabs."""
    return _open(document, entity_id, parent, 0)


def open_contacts_view(document: CaseDocument, entity_id: int, parent=None) -> CallAnalysisDialog:
    """Show the strongest contacts tab."""
    return _open(document, entity_id, parent, 0)


def open_routine_view(document: CaseDocument, entity_id: int, parent=None) -> CallAnalysisDialog:
    """Show the daily routine tab."""
    return _open(document, entity_id, parent, 1)


def open_places_view(document: CaseDocument, entity_id: int, parent=None) -> CallAnalysisDialog:
    """Show the places tab."""
    return _open(document, entity_id, parent, 2)
