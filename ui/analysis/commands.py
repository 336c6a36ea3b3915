"""Undoable edits the analysis panels make: verdicts on findings, measures on accounts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench.model import Measure, Verdict
from workbench.store import CaseStore

from ..commands import StoreCommand, changed_since
from .labels import action_label


class SetVerdict(StoreCommand):
    """Mark a finding confirmed or dismissed (``None`` clears the mark); undo puts back the
    verdict it replaced."""

    def __init__(self, store: CaseStore, pattern: str, key: str, verdict: str | None, label=""):
        text = {
            "confirmed": QCoreApplication.translate("AnalysisCommands", "Confirm finding {name}"),
            "dismissed": QCoreApplication.translate("AnalysisCommands", "Dismiss finding {name}"),
        }.get(
            verdict or "", QCoreApplication.translate("AnalysisCommands", "Clear verdict on {name}")
        )
        super().__init__(store, text.format(name=label or key))
        self.pattern, self.key, self.verdict = pattern, key, verdict
        self.old: Verdict | None = store.verdicts().get((pattern, key))

    def apply(self) -> None:
        self.store.set_verdict(self.pattern, self.key, self.verdict)
        self.after = self.store.verdicts().get((self.pattern, self.key))

    def revert(self) -> None:
        self.store.restore_verdict(self.pattern, self.key, self.old)

    def conflict(self) -> str:
        now = self.store.verdicts().get((self.pattern, self.key))
        if now == self.after:
            return ""
        return changed_since(
            now.analyst if now is not None else "",
            QCoreApplication.translate("AnalysisCommands", "the verdict on {name}").format(
                name=self.key
            ),
        )


class RecordMeasure(StoreCommand):
    """Record a stop-payment, freeze, seizure or return on an account; undo deletes it and
    redo puts it back under the same id."""

    def __init__(self, store: CaseStore, entity_id: int, action: str, amount_fen: int,
                 note: str = "", label: str = ""):  # fmt: skip
        super().__init__(
            store,
            QCoreApplication.translate("AnalysisCommands", "Record {action} on {name}").format(
                action=action_label(action), name=label or entity_id
            ),
        )
        self.entity_id, self.action, self.amount_fen, self.note = (
            entity_id, action, int(amount_fen), note,
        )  # fmt: skip
        self.measure_id: int | None = None
        self.taken_at = ""

    def apply(self) -> None:
        self.measure_id = self.store.add_measure(
            self.entity_id, self.action, self.amount_fen, taken_at=self.taken_at,
            note=self.note, measure_id=self.measure_id,
        )  # fmt: skip
        if not self.taken_at:
            self.taken_at = next(
                m.taken_at for m in self.store.measures(self.entity_id) if m.id == self.measure_id
            )

    def revert(self) -> None:
        self.store.delete_measure(self.measure_id)


class DeleteMeasure(StoreCommand):
    """Remove a measure; undo restores it with its id, time and note."""

    def __init__(self, store: CaseStore, measure_id: int, label: str = ""):
        super().__init__(
            store,
            QCoreApplication.translate("AnalysisCommands", "Delete measure on {name}").format(
                name=label or measure_id
            ),
        )
        self.measure_id = measure_id
        self._measure: Measure | None = None

    def apply(self) -> None:
        self._measure = self.store.delete_measure(self.measure_id)

    def revert(self) -> None:
        m = self._measure
        self.store.add_measure(m.entity_id, m.action, m.amount_fen, taken_at=m.taken_at,
                               note=m.note, measure_id=m.id)  # fmt: skip
