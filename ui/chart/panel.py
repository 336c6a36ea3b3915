"""The chart panel: the canvas with its charts, layouts, filters, region summary and export.

It turns the canvas's intents into commands on the document's undo stack and re-reads the
case on the document's ``changed`` signal, so undo and redo take the same road as the edit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench import layout as L
from workbench.errors import CaseError
from workbench.model import ACCOUNT_KINDS, Kind
from workbench.store import Changed

from .. import labels
from ..dialogs import ok_cancel
from ..document import CaseDocument, ChartOverlay
from ..errors import describe_case_error
from . import worker
from .canvas import HIDDEN, ChartCanvas, Flow
from .commands import (
    AddToChart,
    CreateChart,
    DeleteChart,
    MoveOnChart,
    RemoveFromChart,
    RenameChart,
    SetChartSettings,
)
from .filters import DEFAULT_FILTERS, ChartFilterPanel, filter_state

#: Expanding neighbours asks first when it would add more than this many entities.
EXPAND_ASK = 300
#: Layout codes, in menu order.
LAYOUTS = ("regions", "force", "hierarchy", "circle", "grid")


def _yuan(fen: int) -> str:
    return f"¥{fen / 100:,.0f}"


class LinkTypeChooser(QDialog):
    """Which link the analyst means when dragging from one entity onto another."""

    def __init__(self, types: list[tuple], source: str, target: str, default: str, parent=None):
        super().__init__(parent)
        self.setObjectName("link_type_chooser")
        self.setWindowTitle(self.tr("New link"))
        self.type = QComboBox()
        self.type.setObjectName("chooser_type")
        for t in types:
            self.type.addItem(labels.link_type_label(t[0], types), t[0])
        i = self.type.findData(default)
        self.type.setCurrentIndex(max(i, 0))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(QLabel(self.tr("From {a} to {b}").format(a=source, b=target)))
        form.addRow(self.tr("Type:"), self.type)
        form.addRow(self.tr("Note:"), self.note)
        self.buttons = ok_cancel(self, form)

    def value(self) -> str:
        return self.type.currentData()


_HELD = (Kind.BANK_CARD, Kind.PHONE_CARD, Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET)


def default_link_type(source: L.ChartNode, target: L.ChartNode) -> str:
    """The likeliest link between two kinds: a person holds cards and phones, uses handsets."""
    if source.kind is Kind.PERSON and target.kind in _HELD:
        return "holds"
    if source.kind is Kind.PERSON and target.kind is Kind.DEVICE:
        return "uses"
    if target.kind is Kind.ORGANISATION:
        return "member_of"
    if source.kind.value in ACCOUNT_KINDS and target.kind.value in ACCOUNT_KINDS:
        return "pays"
    if source.kind is Kind.PHONE_CARD and target.kind is Kind.PHONE_CARD:
        return "calls"
    if source.kind is Kind.PERSON and target.kind is Kind.PERSON:
        return "reports_to"
    return "related"


class ChartPanel(QWidget):
    """Named charts of the case on one canvas, with the chart's tools around it."""

    layout_finished = Signal(str)
    chart_opened = Signal(object)  # chart id or None

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("chart_panel")
        self.document = document
        self.store = document.store
        self.chart_id: int | None = None
        self.settings: dict = {}
        self.nodes: dict[int, L.ChartNode] = {}
        self.edges: L.ChartEdges | list[L.ChartEdge] = []
        self.positions: dict[int, tuple[float, float]] = {}
        self.area_of: dict[int, str] = {}
        self._jobs: dict[int, worker.LayoutJob] = {}
        self._job_seq = 0
        self._pending_layout: str | None = None

        self.canvas = ChartCanvas()
        self.filters = ChartFilterPanel()
        self.chart_combo = QComboBox()
        self.chart_combo.setObjectName("chart_combo")
        self.chart_combo.setMinimumWidth(180)
        self.chart_combo.activated.connect(self._on_chart_combo_activated)
        self.caption = QLabel()
        self.caption.setObjectName("chart_caption")
        self.summary = QTableWidget(0, 8)
        self.summary.setObjectName("region_summary")
        self.summary.verticalHeader().hide()
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.summary.horizontalHeader().setStretchLastSection(True)
        self.summary.cellDoubleClicked.connect(self._on_summary_cell_double_clicked)
        self._build_actions()
        self.toolbar = self._build_toolbar()

        filter_scroll = QScrollArea()
        filter_scroll.setWidget(self.filters)
        filter_scroll.setWidgetResizable(True)
        filter_scroll.setMinimumWidth(230)
        self.filter_scroll = filter_scroll
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.canvas)
        left.addWidget(self.summary)
        # The summary is there to consult, not to read all the time: the canvas gets the room.
        left.setStretchFactor(0, 6)
        left.setStretchFactor(1, 1)
        left.setSizes([800, 110])
        self.summary_splitter = left
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(filter_scroll)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 0)
        split.setSizes([900, 240])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        layout.addWidget(self.caption)

        self.canvas.selection_changed.connect(self._on_canvas_selection_changed)
        self.canvas.nodes_moved.connect(self._on_canvas_nodes_moved)
        self.canvas.nodes_nudged.connect(self._on_canvas_nodes_nudged)
        self.canvas.link_requested.connect(self._on_canvas_link_requested)
        self.canvas.entities_dropped.connect(self._on_canvas_entities_dropped)
        self.canvas.context_requested.connect(self._on_canvas_context_requested)
        self.canvas.node_activated.connect(self.document.select)
        self.canvas.delete_requested.connect(self.remove_selection)
        self.filters.filters_changed.connect(self._on_filters_filters_changed)
        self.filters.window_changed.connect(self._on_filters_window_changed)
        # The filters take a narrow chart's room: hidden until the analyst asks for them.
        for action, key, default in ((self.act_legend, "chart/legend", True),
                                     (self.act_filters, "chart/filters", False)):  # fmt: skip
            action.setChecked(QSettings().value(key, default, type=bool))
            action.toggled.emit(action.isChecked())  # also when it stays unchecked
        self.filters.set_time_range(L.fact_time_range(self.store))
        self.filters.set_window(document.time_window)
        self._open_initial_chart()

        document.changed.connect(self._on_document_changed)
        document.selection_set_changed.connect(self._on_document_selection_set_changed)
        document.overlay_changed.connect(self._on_document_overlay_changed)
        document.time_window_changed.connect(self._on_document_time_window_changed)

    # ------------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        def act(text, slot, shortcut=None, name=None, checkable=False):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            if name:
                a.setObjectName(name)
            a.setCheckable(checkable)
            (a.toggled if checkable else a.triggered).connect(slot)
            return a

        self.act_new_chart = act(self.tr("&New chart…"), self.new_chart, None, "act_new_chart")
        self.act_rename_chart = act(self.tr("&Rename chart…"), self.rename_chart)
        self.act_delete_chart = act(self.tr("&Delete chart"), self.delete_chart)
        self.act_open_chart = act(self.tr("&Open chart…"), self.choose_chart, "Ctrl+Shift+O")
        self.act_fit = act(self.tr("&Fit view"), self.canvas.fit, "Ctrl+0", "act_fit")
        self.act_link_tool = act(self.tr("&Link tool"), self._on_act_link_tool_toggled, "Ctrl+K",
                                 "act_link_tool", checkable=True)  # fmt: skip
        self.act_link_labels = act(self.tr("Link &labels"), self.canvas.set_link_labels, None,
                                   "act_link_labels", checkable=True)  # fmt: skip
        self.act_expand = act(self.tr("&Expand neighbours"), self.expand_selection, "Ctrl+Shift+N",
                              "act_expand")  # fmt: skip
        self.act_remove = act(self.tr("&Remove from chart"), self.remove_selection, None,
                              "act_remove")  # fmt: skip
        self.act_add_selected = act(self.tr("&Add selected entities"), self.add_document_selection,
                                    "Ctrl+Shift+A")  # fmt: skip
        self.act_focus = act(self.tr("Find on &chart…"), self.find_on_chart, "Ctrl+Shift+F")
        self.act_export_png = act(self.tr("Export as &PNG…"), self.export_png)
        self.act_export_svg = act(self.tr("Export as &SVG…"), self.export_svg)
        self.act_clear_overlay = act(self.tr("&Clear analysis overlay"), self.clear_overlay)
        self.act_clear_overlay.setEnabled(False)
        self.act_legend = act(self.tr("Le&gend"), self.canvas.set_legend_visible, None,
                              "act_legend", checkable=True)  # fmt: skip
        self.act_filters = act(self.tr("&Filters"), self._on_act_filters_toggled, None,
                               "act_filters", checkable=True)  # fmt: skip
        names = {
            "regions": self.tr("By &region"),
            "force": self.tr("&Force-directed"),
            "hierarchy": self.tr("&Hierarchy"),
            "circle": self.tr("&Circle (selection)"),
            "grid": self.tr("&Grid (selection)"),
        }
        keys = {"regions": "Ctrl+Alt+R", "force": "Ctrl+Alt+F", "hierarchy": "Ctrl+Alt+H"}
        self.layout_actions = {}
        for code in LAYOUTS:
            a = QAction(names[code], self)
            a.setObjectName(f"act_layout_{code}")
            if code in keys:
                a.setShortcut(QKeySequence(keys[code]))
            a.triggered.connect(lambda _=False, c=code: self.run_layout(c))
            self.layout_actions[code] = a
        self.level_group = QActionGroup(self)
        self.level_actions = {}
        for code, text in (("province", self.tr("Regions by province")),
                           ("prefecture", self.tr("Regions by city or county"))):  # fmt: skip
            a = QAction(text, self, checkable=True)
            a.setData(code)
            a.triggered.connect(lambda _=False, c=code: self._set_region_level(c))
            self.level_group.addAction(a)
            self.level_actions[code] = a
        for a in self.actions_for_shortcuts():
            self.addAction(a)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def actions_for_shortcuts(self) -> list[QAction]:
        return [a for a in (self.act_open_chart, self.act_fit, self.act_link_tool,
                            self.act_expand, self.act_add_selected, self.act_focus,
                            *self.layout_actions.values()) if not a.shortcut().isEmpty()]  # fmt: skip

    def fill_menu(self, menu: QMenu) -> None:
        """The Chart menu of the main window."""
        for a in (self.act_new_chart, self.act_open_chart, self.act_rename_chart,
                  self.act_delete_chart):  # fmt: skip
            menu.addAction(a)
        menu.addSeparator()
        layouts = menu.addMenu(self.tr("&Layout"))
        layouts.setObjectName("layout_menu")
        for a in self.layout_actions.values():
            layouts.addAction(a)
        layouts.addSeparator()
        for a in self.level_actions.values():
            layouts.addAction(a)
        menu.addSeparator()
        for a in (self.act_add_selected, self.act_expand, self.act_remove, self.act_focus):
            menu.addAction(a)
        menu.addSeparator()
        for a in (self.act_link_tool, self.act_link_labels, self.act_legend, self.act_filters,
                  self.act_fit, self.act_clear_overlay):  # fmt: skip
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.act_export_png)
        menu.addAction(self.act_export_svg)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("chart_toolbar")
        bar.addWidget(QLabel(self.tr("Chart:") + " "))
        bar.addWidget(self.chart_combo)
        bar.addAction(self.act_new_chart)
        bar.addSeparator()
        layout_button = QToolButton()
        layout_button.setText(self.tr("Layout"))
        layout_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(layout_button)
        for a in self.layout_actions.values():
            menu.addAction(a)
        menu.addSeparator()
        for a in self.level_actions.values():
            menu.addAction(a)
        layout_button.setMenu(menu)
        bar.addWidget(layout_button)
        bar.addAction(self.act_fit)
        bar.addAction(self.act_filters)
        bar.addAction(self.act_link_tool)
        bar.addAction(self.act_expand)
        bar.addAction(self.act_link_labels)
        bar.addSeparator()
        bar.addAction(self.act_export_png)
        bar.addAction(self.act_clear_overlay)
        return bar

    def _update_actions(self) -> None:
        writable = not self.store.read_only
        has_chart = self.chart_id is not None
        for a in (self.act_new_chart,):
            a.setEnabled(writable)
        for a in (self.act_rename_chart, self.act_delete_chart, self.act_remove,
                  self.act_expand, self.act_add_selected, *self.layout_actions.values()):  # fmt: skip
            a.setEnabled(writable and has_chart)
        self.act_link_tool.setEnabled(writable)
        for a in (self.act_export_png, self.act_export_svg, self.act_fit, self.act_focus):
            a.setEnabled(has_chart)
        level = self.settings.get("level", "province")
        if level in self.level_actions:
            self.level_actions[level].setChecked(True)

    # ------------------------------------------------------------------ charts

    def _open_initial_chart(self) -> None:
        charts = self.store.charts()
        if not charts and not self.store.read_only:
            members = L.default_chart_members(self.store)
            if members:
                self._create_default_chart(members)
                charts = self.store.charts()
        last = QSettings().value(f"chart/last/{self.store.location}", None)
        ids = [c.id for c in charts]
        try:
            wanted = int(last) if last is not None else None
        except (TypeError, ValueError):
            wanted = None
        self.open_chart(wanted if wanted in ids else (ids[0] if ids else None))

    def _create_default_chart(self, members: list[int]) -> None:
        """The overview a case opens with: suspects and their cards and phones by region.

        Written straight to the case, not as an undo step: it is how the case first looks,
        not an edit of the analyst's."""
        nodes = L.chart_nodes(self.store, members)
        settings = {"layout": "regions", "level": "province", "filters": dict(DEFAULT_FILTERS)}
        result = self._regions_layout_sync(nodes, "province")
        settings["areas"] = [a.__dict__ for a in result.areas]
        items = [(eid, *result.positions[eid]) for eid in nodes]
        name = self.tr("Gang overview")
        if name not in {c.name for c in self.store.charts()}:
            self.store.create_chart(name, settings, items)

    def _regions_layout_sync(self, nodes, level: str) -> L.RegionLayout:
        args = self._regions_args(nodes, level)
        return L.region_layout(*args[0], **args[1])

    def _regions_args(self, nodes: dict[int, L.ChartNode], level: str):
        area_of = L.area_codes(nodes, level)
        table = L.regions_table(self.store, set(area_of.values()), not labels.chinese_ui())
        order = {
            eid: (0 if n.kind is Kind.PERSON else 1, _role_rank(n.roles),
                  n.holder if n.holder is not None else eid, eid)
            for eid, n in nodes.items()
        }  # fmt: skip
        kwargs = {"order_key": order, "holder_of": L.holders(nodes),
                  "unplaced_name": self.tr("no region")}  # fmt: skip
        return (list(nodes), area_of, table), kwargs

    def refresh_chart_list(self) -> None:
        self.chart_combo.blockSignals(True)
        self.chart_combo.clear()
        for c in self.store.charts():
            self.chart_combo.addItem(c.name, c.id)
        i = self.chart_combo.findData(self.chart_id)
        self.chart_combo.setCurrentIndex(i)
        self.chart_combo.blockSignals(False)

    def open_chart(self, chart_id: int | None) -> None:
        """Show a chart (None: none)."""
        self.chart_id = chart_id
        if chart_id is not None:
            QSettings().setValue(f"chart/last/{self.store.location}", chart_id)
        self.refresh_chart_list()
        self._reload(full=True, fit=True)
        self.chart_opened.emit(chart_id)

    def _reload(self, full: bool = True, fit: bool = False) -> None:
        if self.chart_id is None or self.chart_id not in {c.id for c in self.store.charts()}:
            self.chart_id = None
            self.settings = {}
            self.nodes, self.edges, self.positions, self.area_of = {}, [], {}, {}
            self.canvas.set_areas([], {})
            self.canvas.set_chart({}, {}, [])
            self.summary.setRowCount(0)
            self.caption.setText(
                self.tr("No chart yet: Chart → New chart, then drag entities from the browser.")
            )
            self._update_actions()
            return
        chart = self.store.chart(self.chart_id)
        old_settings, self.settings = self.settings, chart.settings
        self.positions = self.store.chart_positions(self.chart_id)
        same_items = set(self.positions) == set(self.nodes) == set(self.canvas.index)
        if not full and not fit and same_items and old_settings == self.settings:
            # Only positions changed (a drag, its undo): no need to re-read or restyle.
            self.canvas.set_positions(self.positions)
            self._update_caption()
            return
        if full or not same_items:
            self.nodes = L.chart_nodes(self.store, self.positions)
            self.edges = L.chart_edges(self.store, self.positions, self.document.time_window)
        self.area_of = L.area_codes(self.nodes, self.settings.get("level", "province"))
        areas = [L.RegionArea(**a) for a in self.settings.get("areas", [])]
        # Area names in the interface's language, whichever language laid them out.
        shown = L.regions_table(self.store, {a.code for a in areas}, not labels.chinese_ui())
        for a in areas:
            a.name = shown[a.code][2] if a.code in shown else ""
        with self.canvas.batch():
            self.canvas.set_areas(areas, self.area_of if areas else {})
            self.canvas.set_chart(self.nodes, self.positions, self.edges)
            self._apply_filters()
        names = {a.code: a.name for a in areas}
        regions = sorted({c for c in self.area_of.values()})
        table = L.regions_table(self.store, regions, not labels.chinese_ui())
        entries = [(c, names.get(c) or (table[c][2] if c in table else self.tr("no region")))
                   for c in sorted(regions, key=lambda c: (table.get(c, (999,))[0] or 999, c))]  # fmt: skip
        self.filters.set_regions(entries)
        self.filters.set_filters(self.settings.get("filters", {}))
        self._fill_summary(dict(entries))
        if fit:
            self.canvas.fit()
        self._update_caption()
        self._update_actions()

    def _apply_filters(self) -> None:
        f = self.settings.get("filters", {})
        ids = self.canvas.ids.tolist()
        state, passes = filter_state(ids, self.nodes, self.area_of, self.canvas.edges, f)
        self.canvas.set_filter_state(state, passes, bool(f.get("hide")))

    def _fill_summary(self, names: dict[str, str]) -> None:
        if not self.settings.get("areas"):
            self.summary.setRowCount(0)
            self.summary.hide()  # the summary belongs to the regions layout
            return
        rows = L.region_summary(self.store, self.area_of, self.nodes, names,
                                self.document.time_window)  # fmt: skip
        table = L.regions_table(self.store, [r.code for r in rows])
        rows.sort(key=lambda r: (table.get(r.code, (None,))[0] is None,
                                 table.get(r.code, (0,))[0] or 0))  # fmt: skip
        headers = [self.tr("Region"), self.tr("People"), self.tr("Suspects"),
                   self.tr("Bank cards"), self.tr("Phone cards"), self.tr("Money in"),
                   self.tr("Money out"), self.tr("Within")]  # fmt: skip
        self.summary.setHorizontalHeaderLabels(headers)
        self.summary.setRowCount(len(rows))
        for r, s in enumerate(rows):
            values = [s.name or self.tr("no region"), s.people, s.suspects, s.bank_cards,
                      s.phone_cards, _yuan(s.money_in_fen), _yuan(s.money_out_fen),
                      _yuan(s.internal_fen)]  # fmt: skip
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setData(Qt.ItemDataRole.UserRole, s.code)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.summary.setItem(r, c, item)
        self.summary.resizeColumnsToContents()
        self.summary.setVisible(bool(self.settings.get("areas")))

    def _update_caption(self) -> None:
        shown = int((self.canvas.state != HIDDEN).sum()) if len(self.canvas.state) else 0
        text = self.tr("{n} entities · {m} links").format(n=f"{len(self.nodes):,}",
                                                          m=f"{len(self.edges):,}")  # fmt: skip
        if shown != len(self.nodes):
            text += " · " + self.tr("{k} shown").format(k=f"{shown:,}")
        if self.document.time_window:
            w = self.document.time_window
            text += " · " + self.tr("window {a} to {b}").format(a=w[0][:10], b=w[1][:10])
        self.caption.setText(
            text
            + " · "
            + self.tr(
                "Drag to move, Shift-drag onto another entity to link, "
                "drag on empty space to select."
            )  # fmt: skip
        )

    def new_chart(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New chart"), self.tr("Name:"))
        if ok and name.strip():
            self.create_chart(name.strip())

    def create_chart(self, name: str, items=()) -> int | None:
        command = CreateChart(self.store, name, {"filters": dict(DEFAULT_FILTERS)}, items)
        if self._push(command):
            self.open_chart(command.chart_id)
            return command.chart_id
        return None

    def rename_chart(self) -> None:
        if self.chart_id is None:
            return
        old = self.store.chart(self.chart_id).name
        name, ok = QInputDialog.getText(self, self.tr("Rename chart"), self.tr("Name:"), text=old)
        if ok and name.strip() and name.strip() != old:
            self._push(RenameChart(self.store, self.chart_id, name.strip()))

    def delete_chart(self) -> None:
        if self.chart_id is None:
            return
        name = self.store.chart(self.chart_id).name
        answer = QMessageBox.question(
            self, self.tr("Delete chart"),
            self.tr("Delete the chart {name}? The entities stay in the case. You can undo "
                    "this.").format(name=name),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._push(DeleteChart(self.store, self.chart_id))

    def choose_chart(self) -> None:
        names = [c.name for c in self.store.charts()]
        if not names:
            return
        current = self.chart_combo.currentText()
        name, ok = QInputDialog.getItem(self, self.tr("Open chart"), self.tr("Chart:"), names,
                                        max(0, names.index(current)) if current in names else 0,
                                        False)  # fmt: skip
        if ok:
            chart = next(c for c in self.store.charts() if c.name == name)
            self.open_chart(chart.id)

    def _on_chart_combo_activated(self, index: int) -> None:
        self.open_chart(self.chart_combo.itemData(index))

    # ------------------------------------------------------------------ editing

    def _push(self, command) -> bool:
        try:
            self.document.push(command)
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))
            return False
        return True

    def _on_canvas_nodes_moved(self, new: dict, old: dict) -> None:
        if self.chart_id is None or self.store.read_only:
            self.canvas.set_positions(old)
            return
        self._push(MoveOnChart(self.store, self.chart_id, new, old))

    def _on_canvas_nodes_nudged(self, new: dict, old: dict) -> None:
        if self.chart_id is None or self.store.read_only:
            self.canvas.set_positions(old)
            return
        self._push(MoveOnChart(self.store, self.chart_id, new, old, mergeable=True))

    def _on_canvas_link_requested(self, source: int, target: int) -> None:
        if self.store.read_only:
            return
        a, b = self.nodes.get(source), self.nodes.get(target)
        if a is None or b is None:
            return
        types = self.store.link_types()
        chooser = LinkTypeChooser(types, a.display, b.display, default_link_type(a, b), self)
        if not chooser.exec():
            return
        values = {"type": chooser.value(), "source_id": source, "target_id": target}
        if chooser.note.text().strip():
            values["note"] = chooser.note.text().strip()
        try:
            self.document.add_link(values)
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))

    def _on_canvas_entities_dropped(self, ids: list[int], at: tuple[float, float]) -> None:
        self.add_entities(ids, at)

    def add_entities(self, ids, at: tuple[float, float] | None = None, text: str = "") -> None:
        """Put entities on the current chart (a new one when there is none) near ``at``."""
        if self.store.read_only:
            return
        ids = [i for i in dict.fromkeys(ids) if i not in self.positions]
        if not ids:
            return
        if self.chart_id is None:
            self.create_chart(self.tr("Chart 1") if not self.store.charts() else
                              self.tr("Chart {n}").format(n=len(self.store.charts()) + 1))  # fmt: skip
            if self.chart_id is None:
                return
        if at is None:
            at = self._free_spot()
        pos = L.grid_layout(ids, center=at) if len(ids) > 1 else {ids[0]: at}
        self._push(AddToChart(self.store, self.chart_id,
                              [(i, *pos[i]) for i in ids], text))  # fmt: skip

    def _free_spot(self) -> tuple[float, float]:
        """Right of what is on the chart, or the middle of the view when it is empty."""
        if not self.positions:
            (x0, x1), (y0, y1) = self.canvas.vb.viewRange()
            return (x0 + x1) / 2, (y0 + y1) / 2
        pts = np.asarray(list(self.positions.values()))
        return float(pts[:, 0].max() + L.SPACING * 4), float(pts[:, 1].mean())

    def add_document_selection(self) -> None:
        ids = list(self.document.selected_ids) or (
            [self.document.selected] if self.document.selected is not None else []
        )
        self.add_entities(ids)

    def remove_selection(self) -> None:
        ids = sorted(self.canvas.selected)
        if ids and self.chart_id is not None and not self.store.read_only:
            self._push(RemoveFromChart(self.store, self.chart_id, ids))

    def expand_selection(self) -> None:
        """Put the neighbours of the selected entities on the chart, around each of them."""
        ids = sorted(self.canvas.selected)
        if not ids or self.chart_id is None or self.store.read_only:
            return
        found = sorted(L.neighbours(self.store, ids) - set(self.positions))
        if not found:
            self.caption.setText(self.tr("No neighbours that are not on the chart already."))
            return
        if len(found) > EXPAND_ASK:
            answer = QMessageBox.question(
                self, self.tr("Expand neighbours"),
                self.tr("This adds {n} entities to the chart. Go on?").format(n=f"{len(found):,}"),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        pts = np.asarray([self.positions[i] for i in ids])
        centre = tuple(pts.mean(axis=0))
        ring = L.circle_layout(found, center=centre, spacing=L.SPACING)
        items = [(i, *ring[i]) for i in found]
        if self._push(AddToChart(self.store, self.chart_id, items,
                                 self.tr("Expand %n neighbour(s)", "", len(found)))):  # fmt: skip
            self.document.select_many(found)

    def find_on_chart(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Find on chart"),
                                        self.tr("Name or number:"))  # fmt: skip
        if ok and text.strip():
            self.focus_text(text.strip())

    def focus_text(self, text: str) -> int | None:
        """Select and centre the first entity on the chart whose name or key holds ``text``."""
        t = text.lower()
        for eid, n in self.nodes.items():
            if t in (n.name or "").lower() or t in (n.key or "").lower():
                self.document.select_many([eid])
                self.canvas.focus(eid)
                return eid
        self.caption.setText(self.tr("Not on this chart: {text}").format(text=text))
        return None

    def _on_act_filters_toggled(self, on: bool) -> None:
        self.filter_scroll.setVisible(on)
        QSettings().setValue("chart/filters", on)

    def _on_act_link_tool_toggled(self, on: bool) -> None:
        self.canvas.link_tool = on

    # ------------------------------------------------------------------ layouts

    def run_layout(self, code: str) -> None:
        """Lay the chart out; force, hierarchy and regions run on a worker thread."""
        if self.chart_id is None or self.store.read_only or not self.positions:
            return
        if code in ("circle", "grid"):
            ids = sorted(self.canvas.selected) or list(self.positions)
            pts = np.asarray([self.positions[i] for i in ids])
            centre = tuple(pts.mean(axis=0))
            fn = L.circle_layout if code == "circle" else L.grid_layout
            self._apply_layout(code, fn(ids, center=centre), None)
            return
        self._job_seq += 1
        token = (self._job_seq, self.chart_id, code)
        nodes = dict(self.nodes)
        if code == "force":
            ties = L.ChartEdges.of(self.edges)  # columns: no object per tie
            edges = list(zip(ties.source.tolist(), ties.target.tolist(), ties.weight.tolist(),
                             strict=True))  # fmt: skip
            job = worker.LayoutJob(token, L.force_layout, list(nodes), edges)
        elif code == "hierarchy":
            reports = [(e.source, e.target) for e in self.edges if e.type == "reports_to"]
            attached = [(e.source, e.target) for e in self.edges if e.type in L.HOLDING]
            roles = {eid: n.roles for eid, n in nodes.items()}
            job = worker.LayoutJob(token, L.hierarchy_layout, list(nodes), reports,
                                   roles=roles, attached=attached)  # fmt: skip
        else:
            args, kwargs = self._regions_args(nodes, self.settings.get("level", "province"))
            job = worker.LayoutJob(token, L.region_layout, *args, **kwargs)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._jobs[self._job_seq] = job
        self.caption.setText(self.tr("Laying out {n} entities…").format(n=f"{len(nodes):,}"))
        worker.start(job)

    def _on_job_finished(self, token, result) -> None:
        seq, chart_id, code = token
        self._jobs.pop(seq, None)
        if seq != self._job_seq or chart_id != self.chart_id:
            return  # a newer layout or another chart since
        if isinstance(result, L.RegionLayout):
            self._apply_layout(code, result.positions, result.areas)
        else:
            self._apply_layout(code, result, [])

    def _on_job_failed(self, token, message: str) -> None:
        self._jobs.pop(token[0], None)
        QMessageBox.warning(self, self.tr("Layout failed"), message)

    def _apply_layout(self, code: str, positions: dict, areas) -> None:
        old = {i: self.positions[i] for i in positions if i in self.positions}
        new = {i: positions[i] for i in old}
        settings = dict(self.settings)
        settings["layout"] = code
        if areas is not None:
            settings["areas"] = [a.__dict__ for a in areas]
        stack = self.document.undo_stack
        stack.beginMacro(self.tr("Layout: {name}").format(
            name=self.layout_actions[code].text().replace("&", "")))  # fmt: skip
        try:
            self._push(MoveOnChart(self.store, self.chart_id, new, old))
            if settings != self.settings:
                self._push(SetChartSettings(self.store, self.chart_id, settings,
                                            self.tr("Chart layout")))  # fmt: skip
        finally:
            stack.endMacro()
        self.canvas.fit()
        self.layout_finished.emit(code)

    def _set_region_level(self, level: str) -> None:
        if self.chart_id is None or self.store.read_only:
            return
        settings = {**self.settings, "level": level}
        self._push(SetChartSettings(self.store, self.chart_id, settings, self.tr("Region level")))
        self.run_layout("regions")

    # ------------------------------------------------------------------ filters, window

    def _on_filters_filters_changed(self, filters: dict) -> None:
        if self.chart_id is None:
            return
        settings = {**self.settings, "filters": filters}
        if self.store.read_only:
            self.settings = settings
            self._apply_filters()
            self._update_caption()
            return
        self._push(SetChartSettings(self.store, self.chart_id, settings))

    def _on_filters_window_changed(self, window) -> None:
        self.document.set_time_window(window)

    def _on_document_time_window_changed(self, window) -> None:
        self.filters.set_window(window)
        if self.chart_id is not None:
            self._reload(full=True)  # calls and money inside the window only

    # ------------------------------------------------------------------ document

    def _on_document_changed(self, event: Changed) -> None:
        tables = event.tables
        if tables & {"entity", "link", "txn", "call", "entity_role", "import_batch"}:
            if tables & {"txn", "call", "import_batch"}:
                self.filters.set_time_range(L.fact_time_range(self.store))
                self.filters.set_window(self.document.time_window)
            self.refresh_chart_list()
            self._reload(full=True)
        elif tables & {"chart", "chart_item"}:
            if self.chart_id not in {c.id for c in self.store.charts()}:
                charts = self.store.charts()
                self.open_chart(charts[0].id if charts else None)
                return
            self.refresh_chart_list()
            self._reload(full=False)
        self.canvas.set_selection(self.document.selected_ids)

    def _on_canvas_selection_changed(self, ids) -> None:
        if ids:
            self.document.select_many(ids)
        else:
            self.document.select(None)

    def _on_document_selection_set_changed(self, ids) -> None:
        self.canvas.set_selection(ids)

    def _on_document_overlay_changed(self, overlay: ChartOverlay | None) -> None:
        if overlay is None:
            self.canvas.set_overlay({}, [])
            self.act_clear_overlay.setEnabled(False)
            return
        wanted = list(overlay.entity_ids)
        for f in overlay.flows:
            wanted += [f[0], f[1]]
        wanted = [i for i in dict.fromkeys(wanted) if self.store.has_entity(i)]
        missing = [i for i in wanted if i not in self.positions]
        if missing and not self.store.read_only:
            if self.chart_id is None:
                self.create_chart(overlay.title or self.tr("Analysis"))
            near = self._free_spot()
            pos = L.circle_layout(missing, center=near) if len(missing) > 1 else {
                missing[0]: near}  # fmt: skip
            self._push(AddToChart(self.store, self.chart_id, [(i, *pos[i]) for i in missing],
                                  self.tr("Show {title} on the chart").format(
                                      title=overlay.title)))  # fmt: skip
        flows = [Flow(a, b, fen, text) for a, b, fen, text in overlay.flows]
        self.canvas.set_overlay(overlay.scores, flows)
        self.act_clear_overlay.setEnabled(True)
        if overlay.entity_ids:
            self.document.select_many(overlay.entity_ids)
        self.caption.setText(self.tr("Showing: {title}").format(title=overlay.title))

    def clear_overlay(self) -> None:
        self.document.show_overlay(None)

    # ------------------------------------------------------------------ context menu

    def _on_canvas_context_requested(self, entity_id, global_pos) -> None:
        menu = QMenu(self)
        menu.setObjectName("chart_context_menu")
        if entity_id is not None:
            menu.addAction(self.act_expand)
            menu.addAction(self.act_remove)
            link = menu.addAction(self.tr("New link from here…"))
            link.triggered.connect(lambda: self._link_from(entity_id))
            focus = menu.addAction(self.tr("Centre on it"))
            focus.triggered.connect(lambda: self.canvas.focus(entity_id))
            menu.addSeparator()
            layouts = menu.addMenu(self.tr("Arrange selection"))
            layouts.addAction(self.layout_actions["circle"])
            layouts.addAction(self.layout_actions["grid"])
        else:
            menu.addAction(self.act_add_selected)
            layouts = menu.addMenu(self.tr("Layout"))
            for a in self.layout_actions.values():
                layouts.addAction(a)
            menu.addAction(self.act_fit)
        menu.addSeparator()
        menu.addAction(self.act_export_png)
        menu.addAction(self.act_export_svg)
        menu.popup(global_pos)
        self._menu = menu

    def _link_from(self, entity_id: int) -> None:
        from ..dialogs import LinkDialog

        dialog = LinkDialog(self.store, entity_id, self)
        if dialog.exec() and dialog.values():
            try:
                self.document.add_link(dialog.values(), dialog.new_type)
            except CaseError as e:
                QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))

    def _on_summary_cell_double_clicked(self, row: int, _col: int) -> None:
        item = self.summary.item(row, 0)
        if item is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        ids = [e for e, c in self.area_of.items() if c == code]
        if ids:
            self.document.select_many(ids)

    # ------------------------------------------------------------------ export

    def _export(self, kind: str) -> None:
        from .export import export_png, export_svg

        name = self.chart_combo.currentText() or "chart"
        pattern = (
            self.tr("PNG images (*.png)") if kind == "png" else self.tr("SVG drawings (*.svg)")
        )
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"),
                                              str(Path.home() / f"{name}.{kind}"), pattern)  # fmt: skip
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        self.canvas.update_detail()  # labels as they are in view, without waiting
        try:
            if kind == "png":
                export_png(self.canvas, path)
            else:
                export_svg(self.canvas, path, name)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not exported"), str(e))

    def export_png(self) -> None:
        self._export("png")

    def export_svg(self) -> None:
        self._export("svg")

    def set_mask(self, mask: bool) -> None:
        self.canvas.set_mask(mask)

    def dispose(self) -> None:
        self.canvas.dispose()


def _role_rank(roles) -> int:
    return min((L.ROLE_RANK.get(r, 5) for r in roles), default=7)


__all__ = ["ChartPanel", "LinkTypeChooser", "default_link_type"]
