"""Findings panel: fraud patterns found in the case, with evidence and the analyst's verdict."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis import PATTERNS
from workbench.analysis.evidence import evidence_rows, holder_names
from workbench.analysis.patterns import PatternRun
from workbench.store import Changed

from ..document import CaseDocument, ChartOverlay
from ..errors import describe_case_error
from .commands import SetVerdict
from .labels import exit_label, field_label, pattern_label, verdict_label, yuan
from .widgets import Cell, ElidedLabel, ProgressRow, fill_table, make_table, row_data
from .worker import JobCancelled, JobRunner

UNREVIEWED = "unreviewed"


def _compact(values: dict) -> str:
    parts = []
    for k, v in values.items():
        if isinstance(v, float):
            v = f"{v:.3g}"
        elif isinstance(v, int) and not isinstance(v, bool) and k.endswith("_fen"):
            v = yuan(v)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            v = "/".join(v[:3]) + ("…" if len(v) > 3 else "")
        elif isinstance(v, list):
            v = len(v)
        parts.append(f"{field_label(k)} {v}")
    return ", ".join(parts)


class FindingsPanel(QWidget):
    """Runs the pattern detectors off the GUI thread and lists what they found."""

    #: the findings of a run are in the table (the window gives the panel room to show them)
    result_arrived = Signal()

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("findings_panel")
        self.document = document
        self.store = document.store
        self.findings: list = []
        self.holders: dict[int, str] = {}
        self.verdicts = self.store.verdicts()
        self.runner = JobRunner(self.store, self)
        # The run last started (:meth:`run`); its steps share one reading of the case.
        self.last_run: PatternRun | None = None

        self.run_button = QPushButton(self.tr("Find patterns"))
        self.run_button.setObjectName("findings_run")
        self.pattern_filter = QComboBox()
        self.pattern_filter.setObjectName("findings_pattern_filter")
        self.pattern_filter.addItem(self.tr("All patterns"), "")
        for code in PATTERNS:
            self.pattern_filter.addItem(pattern_label(code), code)
        self.verdict_filter = QComboBox()
        self.verdict_filter.setObjectName("findings_verdict_filter")
        for text, code in (
            (self.tr("Any verdict"), ""),
            (self.tr("Not reviewed"), UNREVIEWED),
            (verdict_label("confirmed"), "confirmed"),
            (verdict_label("dismissed"), "dismissed"),
        ):
            self.verdict_filter.addItem(text, code)
        self.summary = ElidedLabel(self.tr("Press Find patterns to search the case."))
        self.summary.setObjectName("findings_summary")
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(QLabel(self.tr("Pattern:")))
        top.addWidget(self.pattern_filter)
        top.addWidget(QLabel(self.tr("Verdict:")))
        top.addWidget(self.verdict_filter)
        top.addWidget(self.summary, 1)
        self.progress = ProgressRow(self.runner)

        self.table = make_table(
            [self.tr("Pattern"), self.tr("Key"), self.tr("Name / holder"), self.tr("Score"),
             self.tr("Measures"), self.tr("Parameters"), self.tr("Evidence"),
             self.tr("Verdict")],
            "findings_table",
        )  # fmt: skip
        self.table.sortItems(3, Qt.SortOrder.DescendingOrder)
        self.confirm = QPushButton(self.tr("Confirm"))
        self.confirm.setObjectName("findings_confirm")
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setObjectName("findings_dismiss")
        self.clear = QPushButton(self.tr("Clear verdict"))
        self.clear.setObjectName("findings_clear")
        # A phone switch found: the analyst says the two numbers are one person's.
        self.same_person = QPushButton(self.tr("Same person"))
        self.same_person.setObjectName("findings_same_person")
        self.same_person.setToolTip(
            self.tr(
                "Link the number that went quiet and the new one as the same person's "
                "(an analyst's link, undoable)."
            )  # fmt: skip
        )
        buttons = QHBoxLayout()
        for b in (self.confirm, self.dismiss, self.clear, self.same_person):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.evidence_label = QLabel()
        buttons.addWidget(self.evidence_label)
        self.evidence = make_table(
            [self.tr("Table"), self.tr("Time"), self.tr("From"), self.tr("To"),
             self.tr("Amount (yuan)"), self.tr("Duration (s)"), self.tr("Kind"),
             self.tr("Place")],
            "findings_evidence",
        )  # fmt: skip

        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.table, 1)
        ul.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.evidence)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(split, 1)

        self.run_button.clicked.connect(self.run)
        self.pattern_filter.currentIndexChanged.connect(self._apply_filter)
        self.verdict_filter.currentIndexChanged.connect(self._apply_filter)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.confirm.clicked.connect(partial(self._set_verdict, "confirmed"))
        self.dismiss.clicked.connect(partial(self._set_verdict, "dismissed"))
        self.clear.clicked.connect(partial(self._set_verdict, None))
        self.same_person.clicked.connect(self._on_same_person_clicked)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        document.changed.connect(self._on_document_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ running

    def run(self) -> None:
        """Run every detector, one step each, on the worker thread.

        The steps are one :class:`PatternRun`: the money detectors share one reading of the
        transactions, and progress and Cancel still go pattern by pattern.
        """
        if self.runner.busy:
            return
        self.last_run = PatternRun(PATTERNS)
        steps = [(pattern_label(p), partial(self._find, self.last_run, p))
                 for p in self.last_run.patterns]  # fmt: skip
        self.runner.start(steps)

    @staticmethod
    def _find(run: PatternRun, pattern: str, store):
        # On the worker thread, with the job's read-only store.
        return run.find(store, pattern)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)

    def _on_runner_finished(self, results) -> None:
        if self.last_run is not None:
            self.last_run.release()
        self.findings = [f for found in results for f in found]
        self.holders = holder_names(self.store, [f.entity_id for f in self.findings])
        self.verdicts = self.store.verdicts()
        self._fill()
        self.result_arrived.emit()

    def _on_runner_failed(self, error) -> None:
        # Stopped between two money patterns, the run still holds the case's transactions.
        if self.last_run is not None:
            self.last_run.release()
        if isinstance(error, JobCancelled):
            self.summary.setText(self.tr("Cancelled; the previous findings are kept."))
            return
        QMessageBox.warning(self, self.tr("Patterns"), describe_case_error(error))

    # ------------------------------------------------------------------ showing

    def _verdict_of(self, f) -> str | None:
        v = self.verdicts.get((f.pattern, f.key or f"#{f.entity_id}"))
        return v.verdict if v else None

    def _fill(self) -> None:
        rows = []
        for i, f in enumerate(self.findings):
            n = sum(len(v) for v in f.evidence.values())
            holder = self.holders.get(f.entity_id, "")
            name = f.name or holder
            if f.name and holder and holder != f.name:
                name = f"{f.name} ({holder})"
            verdict = self._verdict_of(f)
            pattern = Cell(pattern_label(f.pattern), f.pattern, data=i)
            pattern.setToolTip(f.identity)
            params = Cell(_compact(f.params))
            params.setToolTip(_compact(f.params))
            measures = Cell(_compact(f.metrics))
            measures.setToolTip(_compact(f.metrics))
            rows.append([
                pattern, Cell(f.key or f"#{f.entity_id}"), Cell(name),
                Cell(f"{f.score:.2f}", f.score), measures, params,
                Cell(str(n), n), Cell(verdict_label(verdict), verdict or ""),
            ])  # fmt: skip
        current = row_data(self.table)
        fill_table(self.table, rows)
        self._apply_filter()
        if current is not None:
            self._select_index(current)
        self._update_summary()

    def _update_summary(self) -> None:
        shown = sum(not self.table.isRowHidden(r) for r in range(self.table.rowCount()))
        confirmed = sum(self._verdict_of(f) == "confirmed" for f in self.findings)
        dismissed = sum(self._verdict_of(f) == "dismissed" for f in self.findings)
        self.summary.setText(
            self.tr("{n} findings ({shown} shown), {c} confirmed, {d} dismissed").format(
                n=len(self.findings), shown=shown, c=confirmed, d=dismissed
            )
        )

    def _apply_filter(self) -> None:
        pattern = self.pattern_filter.currentData()
        verdict = self.verdict_filter.currentData()
        for r in range(self.table.rowCount()):
            f = self.findings[row_data(self.table, r)]
            v = self._verdict_of(f)
            hide = bool(pattern) and f.pattern != pattern
            if verdict == UNREVIEWED:
                hide = hide or v is not None
            elif verdict:
                hide = hide or v != verdict
            self.table.setRowHidden(r, hide)
        if self.findings:
            self._update_summary()

    def _select_index(self, index: int) -> None:
        for r in range(self.table.rowCount()):
            if row_data(self.table, r) == index:
                self.table.selectRow(r)
                return

    def current_finding(self):
        i = row_data(self.table)
        return None if i is None else self.findings[i]

    def _update_buttons(self) -> None:
        f = self.current_finding()
        ok = f is not None and not self.store.read_only
        for b in (self.confirm, self.dismiss, self.clear):
            b.setEnabled(ok)
        switch = ok and f.pattern == "phone_switch" and f.counterpart_id is not None
        self.same_person.setVisible(bool(switch))
        self.same_person.setEnabled(bool(switch) and not self._linked(f))

    def _linked(self, f) -> bool:
        pair = {f.entity_id, f.counterpart_id}
        return any(
            lk.type == "related" and {lk.source_id, lk.target_id} == pair
            for lk in self.store.links_of(f.entity_id)
        )

    def _on_same_person_clicked(self) -> None:
        f = self.current_finding()
        if f is None or f.counterpart_id is None or self._linked(f):
            return
        from ..commands import AddLink

        note = self.tr("same person: phone switch (换号) from {old} to {new}").format(
            old=f.key, new=f.counterpart_key
        )
        self.document.push(
            AddLink(
                self.store,
                "related",
                f.entity_id,
                f.counterpart_id,
                note=note,
                confidence=round(min(1.0, max(0.0, f.score)), 3),
            )  # fmt: skip
        )
        self._update_buttons()

    def _on_table_item_selection_changed(self) -> None:
        self._update_buttons()
        f = self.current_finding()
        if f is None:
            fill_table(self.evidence, [])
            return
        rows = evidence_rows(self.store, f.evidence)
        others = [x for r in rows for x in (r.source, r.target) if x not in (None, f.entity_id)]
        # A pair (a switch, companions): both numbers, so the timeline shows them side by side.
        pair = [f.counterpart_id] if f.counterpart_id is not None else []
        self.document.select_many([f.entity_id, *pair])
        self.document.show_overlay(
            ChartOverlay(
                title=f"{pattern_label(f.pattern)}: {f.key or f.name}",
                entity_ids=tuple(dict.fromkeys([f.entity_id, *others[:40]])),
                scores={f.entity_id: f.score},
            )
        )
        fill_table(self.evidence, [self._evidence_cells(r) for r in rows])
        total = sum(len(v) for v in f.evidence.values())
        self.evidence_label.setText(self.tr("{n} evidence rows").format(n=total))

    def _evidence_cells(self, r) -> list[Cell]:
        table = {"txn": self.tr("transaction"), "call": self.tr("call"),
                 "link": self.tr("link")}[r.table]  # fmt: skip
        detail = r.detail
        if r.table == "txn" and detail:
            detail = exit_label(detail)
        elif r.table == "txn":
            detail = self.tr("transfer")
        return [
            Cell(table, r.table, data=(r.table, r.row_id)), Cell(r.ts),
            Cell(r.source_label or self.tr("(none)")), Cell(r.target_label or self.tr("(none)")),
            Cell(yuan(r.amount_fen) if r.table == "txn" else "", r.amount_fen),
            Cell(str(r.duration_s) if r.table == "call" else "", r.duration_s),
            Cell(detail), Cell(r.place),
        ]  # fmt: skip

    # ------------------------------------------------------------------ verdicts

    def _set_verdict(self, verdict: str | None) -> None:
        f = self.current_finding()
        if f is None:
            return
        key = f.key or f"#{f.entity_id}"
        label = f"{pattern_label(f.pattern)} {f.key or f.name}"
        try:
            self.document.push(SetVerdict(self.store, f.pattern, key, verdict, label))
        except Exception as e:  # a refused write becomes a message
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))

    def _on_document_changed(self, event: Changed) -> None:
        if "finding_verdict" in event.tables:
            self.verdicts = self.store.verdicts()  # also before any run (another analyst's)
            if self.findings:
                self._fill()
