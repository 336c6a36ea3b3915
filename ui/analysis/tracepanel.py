"""Trace panel: follow the money from a card, level by level; stop list and measures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
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
    AnalysisError,
    find_card,
    stop_list_rows,
    trace_funds,
    write_stop_list_csv,
    write_stop_list_xlsx,
)
from workbench.errors import CaseError, NotFoundError
from workbench.model import ACCOUNT_KINDS, MEASURES
from workbench.store import Changed

from ..document import CaseDocument, ChartOverlay
from ..errors import describe_case_error
from .commands import RecordMeasure
from .labels import action_label, exit_label, level_label, yuan
from .widgets import Cell, fill_table, make_table, row_data


class MeasureDialog(QDialog):
    """Stop-payment, freeze, seizure or return on one account, with its amount."""

    def __init__(self, card_label: str, amount_fen: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record measure"))
        self.action = QComboBox()
        for t in MEASURES:
            self.action.addItem(action_label(t.code), t.code)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1e12)
        self.amount.setDecimals(2)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setValue(amount_fen / 100)
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Account:"), QLabel(card_label))
        form.addRow(self.tr("Measure:"), self.action)
        form.addRow(self.tr("Amount (yuan):"), self.amount)
        form.addRow(self.tr("Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, int, str]:
        return self.action.currentData(), round(self.amount.value() * 100), self.note.text()


class TracePanel(QWidget):
    """From a bank card and a time: every card the money reached, with how much of it."""

    #: a trace is in the tables (the window gives the panel room to show it)
    result_arrived = Signal()

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("trace_panel")
        self.document = document
        self.store = document.store
        self.result = None
        self._picking = False

        self.card = QLineEdit()
        self.card.setObjectName("trace_card")
        self.card.setPlaceholderText(self.tr("card or account number"))
        self.at = QLineEdit()
        self.at.setObjectName("trace_at")
        self.at.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM:SS (empty: first movement)"))
        self.levels = QSpinBox()
        self.levels.setObjectName("trace_levels")
        self.levels.setRange(1, 10)
        self.levels.setValue(5)
        self.window_minutes = QSpinBox()
        self.window_minutes.setObjectName("trace_window")
        self.window_minutes.setRange(1, 60 * 24 * 90)
        self.window_minutes.setValue(1440)
        self.window_minutes.setSuffix(self.tr(" min"))
        self.direction = QComboBox()
        self.direction.setObjectName("trace_direction")
        self.direction.addItem(self.tr("forward: where it went"), "forward")
        self.direction.addItem(self.tr("backward: where it came from"), "backward")
        self.run_button = QPushButton(self.tr("Trace"))
        self.run_button.setObjectName("trace_run")
        row = QHBoxLayout()
        for label, w in (
            (self.tr("Card:"), self.card), (self.tr("From:"), self.at),
            (self.tr("Levels:"), self.levels), (self.tr("Window:"), self.window_minutes),
        ):  # fmt: skip
            row.addWidget(QLabel(label))
            row.addWidget(w, 2 if w in (self.card, self.at) else 0)
        row.addWidget(self.direction)
        row.addWidget(self.run_button)

        self.summary = QLabel(self.tr("Select a bank card or type its number, then Trace."))
        self.summary.setObjectName("trace_summary")
        self.summary.setWordWrap(True)
        self.cards = make_table(
            [self.tr("Level"), self.tr("Card"), self.tr("Holder"), self.tr("Bank"),
             self.tr("Region"), self.tr("Traced amount"), self.tr("First arrival"),
             self.tr("Last known balance"), self.tr("Not seen moving"), self.tr("Measures")],
            "trace_cards",
        )  # fmt: skip
        self.exits = make_table(
            [self.tr("Exit"), self.tr("From card"), self.tr("Level"), self.tr("Time"),
             self.tr("Traced amount"), self.tr("Channel"), self.tr("Place / counterpart")],
            "trace_exits",
        )  # fmt: skip
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cards, self.tr("Cards"))
        self.tabs.addTab(self.exits, self.tr("Exits"))
        self.show_flow = QPushButton(self.tr("Show flow on chart"))
        self.show_flow.setObjectName("trace_show_flow")
        self.export = QPushButton(self.tr("Export stop list…"))
        self.export.setObjectName("trace_export")
        self.record = QPushButton(self.tr("Record measure…"))
        self.record.setObjectName("trace_record_measure")
        buttons = QHBoxLayout()
        for b in (self.show_flow, self.export, self.record):
            buttons.addWidget(b)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.run_button.clicked.connect(self.run)
        self.card.returnPressed.connect(self.run)
        self.show_flow.clicked.connect(self._on_show_flow_clicked)
        self.export.clicked.connect(self._on_export_clicked)
        self.record.clicked.connect(self._on_record_clicked)
        self.cards.itemSelectionChanged.connect(self._on_cards_selection_changed)
        document.selection_changed.connect(self._on_document_selection_changed)
        document.changed.connect(self._on_document_changed)
        self._on_document_selection_changed(document.selected)
        self._update_buttons()

    # ------------------------------------------------------------------ running

    def _on_document_selection_changed(self, entity_id) -> None:
        # A card picked in the result table keeps the card the trace started from.
        if entity_id is not None and not self._picking:
            self.use_card(entity_id)

    def use_card(self, entity_id: int) -> None:
        """Start from this account (the browser's or chart's current bank card, payment
        account or wallet)."""
        e = self.store.entity(entity_id)
        if e.kind.value in ACCOUNT_KINDS and e.key:
            self.card.setText(e.key)

    def run(self) -> None:
        """Trace on the GUI thread: a trace reads a few hundred index ranges (milliseconds)."""
        number = self.card.text().strip()
        if not number:
            self.summary.setText(self.tr("Give a card number."))
            return
        try:
            card = find_card(self.store, number)
            self.result = trace_funds(
                self.store, card_id=card, at=self.at.text().strip() or None,
                levels=self.levels.value(), window_minutes=self.window_minutes.value(),
                direction=self.direction.currentData(),
            )  # fmt: skip
        except NotFoundError:
            self.summary.setText(
                self.tr("No card or account {card} in the case.").format(card=number)
            )
            return
        except AnalysisError as e:
            self.summary.setText(self._analysis_error(e))
            return
        self._fill()
        self.result_arrived.emit()

    def _analysis_error(self, e: AnalysisError) -> str:
        if e.what == "time":
            return self.tr("{value} is not a time (YYYY-MM-DD HH:MM:SS).").format(value=e.value)
        if e.what == "card":
            return self.tr("The card has no transactions to trace.")
        return f"{e.what} {e.value}: {e.reason}"

    # ------------------------------------------------------------------ showing

    def _fill(self) -> None:
        r = self.result
        measures: dict[int, list] = {}
        for m in self.store.measures():
            measures.setdefault(m.entity_id, []).append(m)
        rows = []
        for c in r.cards:
            done = "; ".join(f"{action_label(m.action)} {yuan(m.amount_fen)}"
                             for m in measures.get(c.entity_id, []))  # fmt: skip
            holder = c.holder or c.account_name
            if c.last_balance_fen is None:
                balance = Cell("—", -1)
                balance.setToolTip(self.tr("No statement of this card gave a balance."))
            else:
                balance = Cell(yuan(c.last_balance_fen), c.last_balance_fen)
                balance.setToolTip(self.tr("after the transaction at {ts}").format(
                    ts=c.last_balance_at))  # fmt: skip
            rows.append([
                Cell(level_label(c.level), c.level, data=c.entity_id),
                Cell(c.card or f"#{c.entity_id}"), Cell(holder), Cell(c.branch or c.bank),
                Cell(c.region), Cell(yuan(c.amount_fen), c.amount_fen), Cell(c.first_arrival),
                balance, Cell(yuan(c.remaining_fen), c.remaining_fen), Cell(done),
            ])  # fmt: skip
        fill_table(self.cards, rows)
        self.cards.sortItems(0, Qt.SortOrder.AscendingOrder)
        numbers = {c.entity_id: c.card for c in r.cards}
        fill_table(self.exits, [
            [Cell(exit_label(x.kind), x.kind, data=x.card_id),
             Cell(numbers.get(x.card_id) or x.card or ""), Cell(str(x.level), x.level),
             Cell(x.ts), Cell(yuan(x.traced_fen), x.traced_fen), Cell(x.channel),
             Cell(x.place or x.counterpart)]
            for x in r.exits
        ])  # fmt: skip
        self.tabs.setTabText(0, self.tr("Cards ({n})").format(n=len(r.cards)))
        self.tabs.setTabText(1, self.tr("Exits ({n})").format(n=len(r.exits)))
        exits = ", ".join(f"{exit_label(k)} {yuan(v)}" for k, v in r.exit_totals.items() if v)
        text = self.tr(
            "{amount} yuan traced from {card} ({at}); {n} cards over {levels} levels."
        ).format(amount=yuan(r.traced_fen), card=r.source.get("card") or "",
                 at=r.source.get("at") or "", n=len(r.cards), levels=r.levels_reached)  # fmt: skip
        if exits:
            text += " " + self.tr("Exits: {exits}.").format(exits=exits)
        if r.truncated:
            text += " " + self.tr("Stopped early: too many transfers (a payment hub?).")
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.result is not None and bool(self.result.cards)
        self.show_flow.setEnabled(has)
        self.export.setEnabled(has and self.result.direction == "forward")
        self.record.setEnabled(
            has and row_data(self.cards) is not None and not self.store.read_only
        )

    def _on_cards_selection_changed(self) -> None:
        self._update_buttons()
        eid = row_data(self.cards)
        if eid is not None:
            self._picking = True
            try:
                self.document.select(eid)
            finally:
                self._picking = False

    def flow_overlay(self) -> ChartOverlay:
        r = self.result
        levels = {c.entity_id: c.level for c in r.cards}
        flows = tuple(
            (f.payer_id, f.payee_id, f.traced_fen, f"{level_label(f.level)} {f.ts[11:16]}")
            for f in r.flows
        )
        start = r.source.get("card_id")
        ids = ([start] if start is not None else []) + sorted(levels, key=levels.get)
        return ChartOverlay(
            title=self.tr("Money from {card}").format(card=r.source.get("card") or ""),
            entity_ids=tuple(dict.fromkeys(ids)),
            flows=flows,
        )

    def _on_show_flow_clicked(self) -> None:
        if self.result is not None:
            self.document.show_overlay(self.flow_overlay())

    # ------------------------------------------------------------------ stop list, measures

    def export_stop_list(self, path: str | Path) -> Path:
        """Write the stop list: XLSX for a .xlsx path, else CSV (UTF-8 with BOM)."""
        rows = stop_list_rows(self.result)
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            return write_stop_list_xlsx(rows, path)
        return write_stop_list_csv(rows, path)

    def _on_export_clicked(self) -> None:
        if self.result is None:
            return
        xlsx, csv_ = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export stop list"),
            str(self.store.path.parent / f"止付冻结名单_{self.result.source.get('card')}.xlsx"),
            f"{xlsx};;{csv_}",
        )  # fmt: skip
        if not path:
            return
        if chosen == csv_ and not path.lower().endswith(".csv"):
            path += ".csv"
        elif chosen == xlsx and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            self.export_stop_list(path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not exported"), str(e))

    def _on_record_clicked(self) -> None:
        eid = row_data(self.cards)
        if eid is None:
            return
        c = self.result.card(eid)
        dialog = MeasureDialog(c.card or f"#{eid}", c.remaining_fen or c.amount_fen, self)
        if dialog.exec():
            self.record_measure(eid, *dialog.values())

    def record_measure(self, entity_id: int, action: str, amount_fen: int, note: str = ""):
        """Push the measure as an undoable command; a refused write becomes a message."""
        c = self.result.card(entity_id) if self.result else None
        label = (c.card if c else None) or f"#{entity_id}"
        try:
            self.document.push(
                RecordMeasure(self.store, entity_id, action, amount_fen, note, label)
            )
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))

    def _on_document_changed(self, event: Changed) -> None:
        if "measure" in event.tables and self.result is not None:
            current = row_data(self.cards)
            self._fill()
            if current is not None:
                for r in range(self.cards.rowCount()):
                    if row_data(self.cards, r) == current:
                        self.cards.selectRow(r)
