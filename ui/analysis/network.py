"""Network panel: key figures, sub-groups, shortest paths, common contacts, regions."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis import (
    LAYERS,
    MEASURES,
    AnalysisError,
    case_graph,
    common_contacts,
    communities,
    entity_by_key,
    find_path,
    rank,
    region_matrix,
)
from workbench.errors import CaseError, NotFoundError
from workbench.model import Kind

from .. import labels
from ..commands import AddEntity, AddLink
from ..document import CaseDocument, ChartOverlay
from ..errors import describe_case_error
from .labels import layer_label, measure_label, yuan
from .widgets import Cell, ProgressRow, fill_table, make_table, row_data, selected_data
from .worker import JobCancelled, JobRunner

#: Rows of a ranking the table lists; the chart overlay takes the top of it.
RANK_ROWS = 1000
OVERLAY_TOP = 50


def _graph(layer: str, by_person: bool, store):
    return case_graph(store, layer, by_person=by_person)


def _rank(measure: str, distance: str, results: list, store):
    return rank(results[0], measure, top=RANK_ROWS, distance=distance)


def rank_text(entry) -> str:
    """A rank as the table shows it: tied entities share it, marked "=" (1=, 1=, 3)."""
    return f"{entry.rank}=" if entry.tied else str(entry.rank)


class NetworkPanel(QWidget):
    """Network measures of one layer of the case; every computation runs off the GUI
    thread on the worker's own connection."""

    #: a computation's result is shown (the window gives the panel room to show it)
    result_arrived = Signal()

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("network_panel")
        self.document = document
        self.store = document.store
        self.runner = JobRunner(self.store, self)
        self.ranking = None
        self.groups = None
        self.path = None
        self._pending = None  # what the running job will fill

        self.layer = QComboBox()
        self.layer.setObjectName("network_layer")
        for code in LAYERS:
            self.layer.addItem(layer_label(code), code)
        self.layer.setCurrentIndex(self.layer.findData("all"))
        self.by_person = QCheckBox(self.tr("Fold cards and phones into their holders"))
        self.by_person.setObjectName("network_by_person")
        self.by_person.setChecked(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Layer:")))
        top.addWidget(self.layer)
        top.addWidget(self.by_person)
        top.addStretch(1)
        self.progress = ProgressRow(self.runner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_rank_tab(), self.tr("Key figures"))
        self.tabs.addTab(self._build_groups_tab(), self.tr("Sub-groups"))
        self.tabs.addTab(self._build_path_tab(), self.tr("Shortest path"))
        self.tabs.addTab(self._build_common_tab(), self.tr("Common contacts"))
        self.tabs.addTab(self._build_regions_tab(), self.tr("Regions"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.tabs, 1)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        document.selection_set_changed.connect(self._on_document_selection_set_changed)
        self._on_document_selection_set_changed(document.selected_ids)

    # ------------------------------------------------------------------ tabs

    def _build_rank_tab(self) -> QWidget:
        w = QWidget()
        self.measure = QComboBox()
        self.measure.setObjectName("network_measure")
        for code in MEASURES:
            self.measure.addItem(measure_label(code), code)
        self.rank_button = QPushButton(self.tr("Rank"))
        self.rank_button.setObjectName("network_rank")
        self.rank_overlay = QPushButton(self.tr("Show on chart, size by score"))
        self.rank_overlay.setObjectName("network_rank_overlay")
        self.rank_overlay.setEnabled(False)
        self.rank_weighted = QCheckBox(self.tr("Strong ties are short (distance = 1/weight)"))
        self.rank_weighted.setObjectName("network_rank_weighted")
        self.rank_weighted.setToolTip(
            self.tr("Betweenness counts every tie as one hop by default. Checked, a tie's "
                    "length is 1 / its weight (calls + transfers + links between the two), "
                    "so the chains it counts run along strong ties.")
        )  # fmt: skip
        self.rank_weighted.setEnabled(False)
        self.rank_note = QLabel()
        self.rank_note.setObjectName("network_rank_note")
        self.rank_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Measure:")))
        row.addWidget(self.measure)
        row.addWidget(self.rank_weighted)
        row.addWidget(self.rank_button)
        row.addWidget(self.rank_overlay)
        row.addStretch(1)
        self.rank_table = make_table(
            [self.tr("Rank"), self.tr("Key"), self.tr("Name"), self.tr("Kind"), self.tr("Score")],
            "network_rank_table",
        )
        lay = QVBoxLayout(w)
        lay.addLayout(row)
        lay.addWidget(self.rank_note)
        lay.addWidget(self.rank_table, 1)
        self.rank_button.clicked.connect(self.run_rank)
        self.measure.currentIndexChanged.connect(self._on_measure_current_index_changed)
        self.rank_overlay.clicked.connect(self._on_rank_overlay_clicked)
        self.rank_table.itemSelectionChanged.connect(partial(self._select_rows, self.rank_table))
        return w

    def _build_groups_tab(self) -> QWidget:
        w = QWidget()
        self.groups_button = QPushButton(self.tr("Find sub-groups"))
        self.groups_button.setObjectName("network_groups")
        self.groups_note = QLabel()
        self.groups_runs = QSpinBox()
        self.groups_runs.setObjectName("network_groups_runs")
        self.groups_runs.setRange(0, 50)
        self.groups_runs.setValue(0)
        self.groups_runs.setSpecialValueText(self.tr("off"))
        self.groups_runs.setToolTip(
            self.tr("Run Louvain this many more times with other seeds and show, for each "
                    "group, how often its members land together with its core.")
        )  # fmt: skip
        self.org_name = QLineEdit()
        self.org_name.setObjectName("network_org_name")
        self.org_name.setPlaceholderText(self.tr("Name of the new organisation"))
        self.org_name.setMinimumWidth(280)
        self.accept_group = QPushButton(self.tr("Accept as organisation"))
        self.accept_group.setObjectName("network_accept_group")
        self.accept_group.setEnabled(False)
        self.groups_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Stability runs:")))
        row.addWidget(self.groups_runs)
        row.addWidget(self.groups_button)
        row.addStretch(1)
        row.addWidget(self.org_name)
        row.addWidget(self.accept_group)
        self.groups_table = make_table(
            [self.tr("Group"), self.tr("Size"), self.tr("Hub"), self.tr("Stability"),
             self.tr("Ties inside"), self.tr("Ties outside"), self.tr("Members")],
            "network_groups_table",
        )  # fmt: skip
        lay = QVBoxLayout(w)
        lay.addLayout(row)
        lay.addWidget(self.groups_note)
        lay.addWidget(self.groups_table, 1)
        self.groups_button.clicked.connect(self.run_groups)
        self.groups_table.itemSelectionChanged.connect(self._on_groups_table_selection_changed)
        self.accept_group.clicked.connect(self._on_accept_group_clicked)
        return w

    def _build_path_tab(self) -> QWidget:
        w = QWidget()
        self.path_from = QLineEdit()
        self.path_from.setObjectName("network_path_from")
        self.path_to = QLineEdit()
        self.path_to.setObjectName("network_path_to")
        for edit in (self.path_from, self.path_to):
            edit.setPlaceholderText(self.tr("card, phone, ID number, IMEI or #id"))
        self.path_use_selection = QPushButton(self.tr("From selection"))
        self.path_button = QPushButton(self.tr("Find path"))
        self.path_button.setObjectName("network_path_run")
        self.path_note = QLabel()
        self.path_note.setObjectName("network_path_note")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From:")))
        row.addWidget(self.path_from, 1)
        row.addWidget(QLabel(self.tr("To:")))
        row.addWidget(self.path_to, 1)
        row.addWidget(self.path_use_selection)
        row.addWidget(self.path_button)
        self.path_table = make_table(
            [self.tr("Step"), self.tr("From"), self.tr("To"), self.tr("Links"),
             self.tr("Calls"), self.tr("Transfers"), self.tr("Amount (yuan)")],
            "network_path_table",
        )  # fmt: skip
        self.path_table.setSortingEnabled(False)
        lay = QVBoxLayout(w)
        lay.addLayout(row)
        lay.addWidget(self.path_note)
        lay.addWidget(self.path_table, 1)
        self.path_use_selection.clicked.connect(self._on_path_use_selection_clicked)
        self.path_button.clicked.connect(self.run_path)
        return w

    def _build_common_tab(self) -> QWidget:
        w = QWidget()
        self.common_button = QPushButton(self.tr("Common contacts of the selection"))
        self.common_button.setObjectName("network_common")
        self.common_note = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.common_button)
        row.addWidget(self.common_note, 1)
        self.common_table = make_table(
            [self.tr("Key"), self.tr("Name"), self.tr("Kind"), self.tr("Holder"),
             self.tr("Shared by"), self.tr("Calls"), self.tr("Transfers"),
             self.tr("Amount (yuan)"), self.tr("Links")],
            "network_common_table",
        )  # fmt: skip
        lay = QVBoxLayout(w)
        lay.addLayout(row)
        lay.addWidget(self.common_table, 1)
        self.common_button.clicked.connect(self.run_common)
        self.common_table.itemSelectionChanged.connect(
            partial(self._select_rows, self.common_table)
        )
        return w

    def _build_regions_tab(self) -> QWidget:
        w = QWidget()
        self.regions_button = QPushButton(self.tr("Cross-region matrix"))
        self.regions_button.setObjectName("network_regions")
        self.regions_value = QComboBox()
        for text, code in ((self.tr("amount (yuan)"), "amount_fen"),
                           (self.tr("transfers"), "txns"), (self.tr("calls"), "calls"),
                           (self.tr("links"), "links")):  # fmt: skip
            self.regions_value.addItem(text, code)
        self.regions_size = QSpinBox()
        self.regions_size.setRange(2, 60)
        self.regions_size.setValue(12)
        self.regions_note = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.regions_button)
        row.addWidget(QLabel(self.tr("Show:")))
        row.addWidget(self.regions_value)
        row.addWidget(QLabel(self.tr("Regions:")))
        row.addWidget(self.regions_size)
        row.addWidget(self.regions_note, 1)
        self.regions_table = make_table([], "network_regions_table")
        self.regions_table.setSortingEnabled(False)
        lay = QVBoxLayout(w)
        lay.addLayout(row)
        lay.addWidget(self.regions_table, 1)
        self.regions_button.clicked.connect(self.run_regions)
        self.regions_value.currentIndexChanged.connect(self._fill_regions)
        self.regions_size.valueChanged.connect(self._fill_regions)
        self.matrix = None
        return w

    # ------------------------------------------------------------------ running

    def _start(self, what: str, steps) -> None:
        self._pending = what
        self.runner.start(steps)

    def _graph_step(self):
        layer, fold = self.layer.currentData(), self.by_person.isChecked()
        return (self.tr("Building the {layer} graph…").format(layer=layer_label(layer)),
                partial(_graph, layer, fold))  # fmt: skip

    def _on_measure_current_index_changed(self, _index: int) -> None:
        self.rank_weighted.setEnabled(self.measure.currentData() == "betweenness")

    def run_rank(self) -> None:
        measure = self.measure.currentData()
        weighted = measure == "betweenness" and self.rank_weighted.isChecked()
        distance = "inverse_weight" if weighted else "hops"
        results: list = []
        graph_label, graph_fn = self._graph_step()

        def build(store):
            results.append(graph_fn(store))
            return results[0]

        label = self.tr("Computing {measure}…").format(measure=measure_label(measure))
        self._start(
            "rank", [(graph_label, build), (label, partial(_rank, measure, distance, results))]
        )

    def run_groups(self) -> None:
        graph_label, graph_fn = self._graph_step()
        runs = self.groups_runs.value()
        self._start("groups", [(graph_label, lambda s: communities(graph_fn(s), runs=runs))])

    def run_path(self) -> None:
        a, b = self.path_from.text().strip(), self.path_to.text().strip()
        if not a or not b:
            self.path_note.setText(self.tr("Give two entities."))
            return
        ids = []
        for text in (a, b):
            try:
                ids.append(entity_by_key(self.store, text))
            except NotFoundError:
                self.path_note.setText(self.tr("Nothing in the case is {key}.").format(key=text))
                return
            except AnalysisError:
                self.path_note.setText(
                    self.tr("{key} names several entities; give #id.").format(key=text)
                )
                return
        graph_label, graph_fn = self._graph_step()

        def path(store):
            return find_path(store, *ids, graph=graph_fn(store))

        self._start("path", [(graph_label, path)])

    def run_common(self) -> None:
        chosen = self.document.selected_ids
        if len(chosen) < 2:
            self.common_note.setText(self.tr("Select at least two entities first."))
            return
        layer = self.layer.currentData()
        self._start("common", [(self.tr("Looking for common contacts…"),
                                lambda s: common_contacts(s, chosen, layer=layer))])  # fmt: skip

    def run_regions(self) -> None:
        self._start("regions", [(self.tr("Counting ties between regions…"), region_matrix)])

    def _on_runner_busy_changed(self, busy: bool) -> None:
        for b in (self.rank_button, self.groups_button, self.path_button, self.common_button,
                  self.regions_button):  # fmt: skip
            b.setEnabled(not busy)

    def _on_runner_failed(self, error) -> None:
        if isinstance(error, JobCancelled):
            return
        QMessageBox.warning(self, self.tr("Network"), describe_case_error(error))

    def _on_runner_finished(self, results) -> None:
        result = results[-1]
        {"rank": self._show_rank, "groups": self._show_groups, "path": self._show_path,
         "common": self._show_common, "regions": self._show_regions}[self._pending](result)  # fmt: skip
        self.result_arrived.emit()

    # ------------------------------------------------------------------ results

    def _entity_cells(self, eid: int, key, name: str, kind: str) -> list[Cell]:
        return [Cell(key or f"#{eid}", data=eid), Cell(name),
                Cell(labels.kind_label(kind) if kind else "")]  # fmt: skip

    def _show_rank(self, ranking) -> None:
        self.ranking = ranking
        rows = []
        for i, e in enumerate(ranking.entries):
            key, name, kind = self._entity_cells(e.entity_id, e.key, e.name, e.kind)
            # Sorted by place in the ranking, so that ties stay in key order.
            rank_cell = Cell(rank_text(e), i, data=e.entity_id)
            if e.tied:
                rank_cell.setToolTip(self.tr("Tied: the same score as the others ranked {n}=")
                                     .format(n=e.rank))  # fmt: skip
            rows.append([rank_cell, key, name, kind, Cell(f"{e.score:.6g}", e.score)])
        fill_table(self.rank_table, rows)
        self.rank_table.sortItems(0, Qt.SortOrder.AscendingOrder)
        note = self.tr("{measure} on the {layer} layer: {n} entities, {m} ties.").format(
            measure=measure_label(ranking.measure), layer=layer_label(ranking.layer),
            n=f"{ranking.nodes:,}", m=f"{ranking.edges:,}",
        )  # fmt: skip
        if ranking.measure == "betweenness":
            if ranking.distance == "inverse_weight":
                note += " " + self.tr("Distance: 1/weight (strong ties are short).")
            else:
                note += " " + self.tr("Distance: hop count.")
            if ranking.exact:
                note += " " + self.tr("Exact.")
            else:
                note += " " + self.tr(
                    "Sampled from {k} pivots (the graph is too large for an exact run): "
                    "standard error {se}; with {conf} confidence every score is within "
                    "±{bound} of the exact value."
                ).format(k=ranking.samples, se=f"{ranking.std_error:.2g}",
                         conf=f"{ranking.confidence:.0%}", bound=ranking.error_bound)  # fmt: skip
        tied = sum(e.tied for e in ranking.entries)
        if tied:
            note += " " + self.tr("{n} entities share a rank with another (marked =); "
                                  "ties are listed by key.").format(n=tied)  # fmt: skip
        if len(ranking.entries) >= RANK_ROWS:
            note += " " + self.tr("The first {n} are listed.").format(n=RANK_ROWS)
        self.rank_note.setText(note)
        self.rank_overlay.setEnabled(bool(ranking.entries))

    def _on_rank_overlay_clicked(self) -> None:
        if not self.ranking:
            return
        top = self.ranking.entries[:OVERLAY_TOP]
        self.document.show_overlay(
            ChartOverlay(
                title=self.tr("{measure} ({layer})").format(
                    measure=measure_label(self.ranking.measure),
                    layer=layer_label(self.ranking.layer),
                ),
                entity_ids=tuple(e.entity_id for e in top),
                scores={e.entity_id: e.score for e in top},
            )
        )

    def _select_rows(self, table) -> None:
        ids = selected_data(table)
        if ids:
            self.document.select_many(ids)

    def _show_groups(self, found) -> None:
        self.groups = found
        rows = []
        for g in found.groups:
            hub = next((m for m in g.members if m.entity_id == g.hub), None)
            names = ", ".join(m.name or m.key or f"#{m.entity_id}" for m in g.members[:12])
            if g.size > 12:
                names += " …"
            members = Cell(names)
            if g.stability is None:
                stability = Cell("", -1.0)
            else:
                stability = Cell(f"{g.stability:.0%}", g.stability)
                stability.setToolTip(self._stability_tip(g, found.runs))
                members.setToolTip(stability.toolTip())
            rows.append([
                Cell(str(g.index), g.index, data=g.index), Cell(str(g.size), g.size),
                Cell((hub.name or hub.key or "") if hub else ""), stability,
                Cell(f"{g.internal_weight:,.0f}", g.internal_weight),
                Cell(f"{g.external_weight:,.0f}", g.external_weight), members,
            ])  # fmt: skip
        fill_table(self.groups_table, rows)
        note = self.tr("{n} sub-groups, modularity {q}; {u} entities in no group.").format(
            n=len(found.groups), q=f"{found.modularity:.3f}", u=found.ungrouped
        )
        if found.runs:
            note += " " + self.tr(
                "Stability: in {runs} further runs, the share of members landing together "
                "with the group's core (the run's group that takes most of them)."
            ).format(runs=found.runs)
        self.groups_note.setText(note)

    def _stability_tip(self, group, runs: int) -> str:
        """The members least often with the core first: where the border is uncertain."""
        pairs = sorted(zip(group.member_stability, group.members, strict=True),
                       key=lambda p: p[0])  # fmt: skip
        lines = [self.tr("With the core in how many of {runs} runs:").format(runs=runs)]
        lines += [f"{m.name or m.key or f'#{m.entity_id}'}: {x:.0%}" for x, m in pairs[:15]]
        if len(pairs) > 15:
            lines.append("…")
        return "\n".join(lines)

    def current_group(self):
        index = row_data(self.groups_table)
        if index is None or self.groups is None:
            return None
        return next(g for g in self.groups.groups if g.index == index)

    def _on_groups_table_selection_changed(self) -> None:
        g = self.current_group()
        self.accept_group.setEnabled(g is not None and not self.store.read_only)
        if g is None:
            return
        ids = [m.entity_id for m in g.members]
        hub = next((m for m in g.members if m.entity_id == g.hub), g.members[0])
        self.org_name.setText(
            self.tr("Sub-group {n} around {hub}").format(n=g.index, hub=hub.name or hub.key)
        )
        self.document.select_many([g.hub, *ids])
        self.document.show_overlay(
            ChartOverlay(title=self.org_name.text(), entity_ids=tuple(dict.fromkeys([g.hub, *ids])))
        )

    def _on_accept_group_clicked(self) -> None:
        g = self.current_group()
        if g is not None:
            self.accept_as_organisation(g, self.org_name.text().strip())

    def accept_as_organisation(self, group, name: str) -> int | None:
        """One undo step: a new organisation and a member-of link from each member."""
        name = name or self.tr("Sub-group {n}").format(n=group.index)
        stack = self.document.undo_stack
        before = stack.index()
        stack.beginMacro(self.tr("Accept sub-group as {name}").format(name=name))
        try:
            org = AddEntity(self.store, Kind.ORGANISATION, None, name,
                            attrs={"org_type": "team"},
                            notes=self.tr("Suggested by community detection ({layer} layer)")
                            .format(layer=layer_label(self.groups.layer or "all")))  # fmt: skip
            self.document.push(org)
            for m in group.members:
                self.document.push(AddLink(self.store, "member_of", m.entity_id, org.entity_id))
        except CaseError as e:
            stack.endMacro()
            if stack.index() > before:
                stack.undo()
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))
            return None
        stack.endMacro()
        self.document.select(org.entity_id)
        return org.entity_id

    def _on_document_selection_set_changed(self, ids) -> None:
        self.common_note.setText(self.tr("{n} selected.").format(n=len(ids)))

    def _on_path_use_selection_clicked(self) -> None:
        ids = self.document.selected_ids
        if len(ids) >= 1:
            self.path_from.setText(f"#{ids[0]}")
        if len(ids) >= 2:
            self.path_to.setText(f"#{ids[1]}")

    def _show_path(self, path) -> None:
        self.path = path
        if not path.found:
            fill_table(self.path_table, [])
            self.path_note.setText(self.tr("No chain joins them on this layer."))
            return
        names = {m.entity_id: m.name or m.key or f"#{m.entity_id}" for m in path.nodes}
        rows = []
        for i, h in enumerate(path.hops, start=1):
            rows.append([
                Cell(str(i), i, data=h.source), Cell(names.get(h.source, "")),
                Cell(names.get(h.target, "")), Cell(", ".join(
                    labels.link_type_label(t) for t in h.link_types)),
                Cell(str(h.calls), h.calls), Cell(str(h.txns), h.txns),
                Cell(yuan(h.amount_fen), h.amount_fen),
            ])  # fmt: skip
        fill_table(self.path_table, rows)
        self.path_note.setText(self.tr("{n} steps.").format(n=path.length))
        self.document.select_many([m.entity_id for m in path.nodes])
        self.document.show_overlay(
            ChartOverlay(
                title=self.tr("Path {a} → {b}").format(
                    a=names.get(path.source, ""), b=names.get(path.target, "")
                ),
                entity_ids=tuple(m.entity_id for m in path.nodes),
                flows=tuple(
                    (h.source, h.target, h.amount_fen, str(i))
                    for i, h in enumerate(path.hops, start=1)
                ),
            )
        )

    def _show_common(self, found) -> None:
        rows = []
        for c in found:
            key, name, kind = self._entity_cells(c.entity_id, c.key, c.name, c.kind)
            rows.append([
                key, name, kind, Cell(c.holder), Cell(str(len(c.shared_with)),
                                                      len(c.shared_with)),
                Cell(str(c.calls), c.calls), Cell(str(c.txns), c.txns),
                Cell(yuan(c.amount_fen), c.amount_fen), Cell(str(c.links), c.links),
            ])  # fmt: skip
        fill_table(self.common_table, rows)
        self.common_table.sortItems(4, Qt.SortOrder.DescendingOrder)
        self.common_note.setText(self.tr("{n} common contacts.").format(n=len(found)))

    def _show_regions(self, matrix) -> None:
        self.matrix = matrix
        self._fill_regions()

    def _fill_regions(self) -> None:
        m = self.matrix
        if m is None:
            return
        field = self.regions_value.currentData()
        regions = m.regions[: self.regions_size.value()]
        codes = [r["code"] for r in regions]
        index = {c: i for i, c in enumerate(codes)}
        t = self.regions_table
        t.clear()
        t.setRowCount(len(codes))
        t.setColumnCount(len(codes))
        heads = [r["name"] for r in regions]
        t.setHorizontalHeaderLabels(heads)
        t.setVerticalHeaderLabels(heads)
        t.verticalHeader().setVisible(True)
        for r in range(len(codes)):
            for c in range(len(codes)):
                t.setItem(r, c, Cell("", 0))
        for cell in m.cells:
            if cell.source in index and cell.target in index:
                value = getattr(cell, field)
                text = yuan(value) if field == "amount_fen" else f"{value:,}"
                item = Cell(text if value else "", value)
                item.setToolTip(
                    self.tr("{a} → {b}: {links} links, {calls} calls, {txns} transfers, "
                            "{amount} yuan").format(
                        a=cell.source, b=cell.target, links=cell.links, calls=cell.calls,
                        txns=cell.txns, amount=yuan(cell.amount_fen))
                )  # fmt: skip
                t.setItem(index[cell.source], index[cell.target], item)
        t.resizeColumnsToContents()
        self.regions_note.setText(
            self.tr("Rows pay or call columns. {n} entities have no region.").format(n=m.unplaced)
        )
