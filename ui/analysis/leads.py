"""Leads across cases (串并案线索): the cards, phones, ID numbers, IMEIs, payment accounts
and wallets of a server case that other cases on the same server hold too.

Shown only for a case on a server. The panel asks again a moment after anything in the
case changes (an import, an edit, another analyst's change): a key that is new to the
list is announced in the status bar, naming the other case, the entity's role there and
that case's lead. Which other cases are searched is the server's decision (its roles).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.store import Changed
from workbench.store.transfer import Lead, leads

from .. import labels
from ..document import CaseDocument
from ..errors import describe_case_error
from .worker import JobRunner

#: How long after the last change the leads are asked for again.
SETTLE_MS = 1500
#: Tables whose changes can add or take away a lead.
_LEAD_TABLES = {"entity", "entity_role", "txn", "call", "import_batch"}


class LeadsPanel(QWidget):
    """The leads of the case, one row per key and other case."""

    result_arrived = Signal()
    #: Leads new since the last look: list of (Lead, one of its ``found_in``).
    new_leads = Signal(object)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.leads: list[Lead] = []
        self._known: set[tuple[str, str, str]] | None = None
        self.runner = JobRunner(self.store, self)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.refresh)

        self.summary = QLabel()
        self.summary.setObjectName("leads_summary")
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Look again"))
        self.refresh_button.setObjectName("leads_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("leads_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Kind"), self.tr("Number"), self.tr("Name here"), self.tr("Other case"),
            self.tr("Role there"), self.tr("Case lead to contact"),
        ])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        document.changed.connect(self._on_document_changed)
        self.refresh()

    # ------------------------------------------------------------------ asking

    def refresh(self) -> None:
        """Ask the server for the leads again (off the GUI thread)."""
        if self.runner.busy:
            self.settle.start()  # asked while a look is running: look again after it
            return
        self.summary.setText(self.tr("Looking for these numbers in the server's other cases…"))
        self.runner.start([("leads", lambda store: leads(store.location, store.analyst))])

    def _on_document_changed(self, event: Changed) -> None:
        if not event.tables or event.tables & _LEAD_TABLES:
            self.settle.start()

    def _on_runner_failed(self, error) -> None:
        self.summary.setText(
            self.tr("Leads could not be looked up: {why}").format(why=describe_case_error(error))
        )

    def _on_runner_finished(self, results) -> None:
        found: list[Lead] = results[0]
        self.leads = found
        # Keys with a role noted in another case first (the ones to call about), then keys
        # held by more cases; within a key, the cases with a role first.
        rows = sorted(
            ((lead, where) for lead in found for where in lead.found_in),
            key=lambda x: (
                not any(w["roles"] for w in x[0].found_in), -len(x[0].found_in), x[0].kind,
                x[0].key, not x[1]["roles"], x[1]["case"],
            ),
        )  # fmt: skip
        seen = {(lead.kind, lead.key, where["case"]) for lead, where in rows}
        fresh = [] if self._known is None else [
            (lead, where) for lead, where in rows
            if (lead.kind, lead.key, where["case"]) not in self._known
        ]  # fmt: skip
        self._known = seen
        self._fill(rows)
        if fresh:
            # A role noted there (a card seller, an organiser) first: the one to call about.
            fresh.sort(key=lambda x: (not x[1]["roles"], x[1]["case"]))
            self.new_leads.emit(fresh)
            self.result_arrived.emit()

    def _fill(self, rows: list[tuple[Lead, dict]]) -> None:
        cases = {where["case"] for _, where in rows}
        if rows:
            self.summary.setText(
                self.tr("{keys} numbers of this case are also in {cases} other cases.").format(
                    keys=len(self.leads), cases=len(cases)
                )
            )
        else:
            self.summary.setText(self.tr("No number of this case is in another case you may see."))
        self.table.setRowCount(len(rows))
        for r, (lead, where) in enumerate(rows):
            roles = ", ".join(labels.role_label(x) for x in where["roles"])
            cells = (labels.kind_label(lead.kind), lead.key, lead.name, where["case"],
                     roles or self.tr("no role noted"), where["lead"])  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (lead.kind, lead.key))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        kind, key = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        entity = self.store.find_entity(kind, key)
        if entity is not None:
            self.document.select(entity.id)


def describe_lead(lead: Lead, where: dict) -> str:
    """One lead as a sentence for the status bar."""
    from PySide6.QtCore import QCoreApplication

    roles = ", ".join(labels.role_label(x) for x in where["roles"])
    return QCoreApplication.translate(
        "LeadsPanel", "Lead: {kind} {key} is also in case {case} ({roles}); its lead: {lead}."
    ).format(
        kind=labels.kind_label(lead.kind), key=lead.key, case=where["case"],
        roles=roles or QCoreApplication.translate("LeadsPanel", "no role noted"),
        lead=where["lead"],
    )  # fmt: skip
