"""The analyst's verdicts on findings and the measures taken on accounts."""

from __future__ import annotations

from ..errors import (
    NotFoundError,
    ValidationError,
)
from ..model import (
    MEASURES,
    VERDICTS,
    Measure,
    Verdict,
    codes,
)
from . import clock


class FindingsMixin:
    """The findings part of :class:`workbench.store.CaseStore`."""

    def verdicts(self) -> dict[tuple[str, str], Verdict]:
        """The analyst's verdicts on findings, by (pattern, key)."""
        return {
            (r[0], r[1]): Verdict(*r)
            for r in self._conn.execute(
                "SELECT pattern, key, verdict, note, analyst, decided_at FROM finding_verdict"
            )
        }

    def set_verdict(
        self, pattern: str, key: str, verdict: str | None, note: str = ""
    ) -> Verdict | None:
        """Mark a finding confirmed or dismissed (``None`` clears the mark); return the
        verdict it replaces, so an undo can put it back."""
        if verdict is not None and verdict not in codes(VERDICTS):
            raise ValidationError("verdict", verdict, "not a verdict")
        old = self.verdicts().get((pattern, key))
        entity = self._conn.execute(
            "SELECT id FROM entity WHERE key = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        eid = entity[0] if entity else None
        with self._write("set verdict", {"finding_verdict"}, [eid] if eid else ()):
            self._conn.execute(
                "DELETE FROM finding_verdict WHERE pattern = ? AND key = ?", (pattern, key)
            )
            new = None
            if verdict is not None:
                new = Verdict(pattern, key, verdict, note, self.analyst, clock.now())
                self._conn.execute(
                    "INSERT INTO finding_verdict VALUES (?,?,?,?,?,?)",
                    (new.pattern, new.key, new.verdict, new.note, new.analyst, new.decided_at),
                )
            self._audit(
                "set verdict", "finding_verdict", None, eid,
                old and old.__dict__, new and new.__dict__,
            )  # fmt: skip
        return old

    def restore_verdict(self, pattern: str, key: str, old: Verdict | None) -> None:
        """Put back a verdict as ``set_verdict`` returned it (``None``: no verdict)."""
        if old is None:
            self.set_verdict(pattern, key, None)
        else:
            self.set_verdict(pattern, key, old.verdict, old.note)

    def measures(self, entity_id: int | None = None) -> list[Measure]:
        """Measures taken on accounts (all, or one entity's), oldest first."""
        where, params = ("WHERE entity_id = ?", (entity_id,)) if entity_id is not None else ("", ())
        return [
            Measure(*r)
            for r in self._conn.execute(
                "SELECT id, entity_id, action, amount_fen, taken_at, analyst, note FROM measure "
                f"{where} ORDER BY taken_at, id",
                params,
            )
        ]

    def add_measure(
        self, entity_id: int, action: str, amount_fen: int = 0, taken_at: str = "",
        note: str = "", measure_id: int | None = None,
    ) -> int:  # fmt: skip
        """Record a stop-payment, freeze, seizure or return on an account; return its id.

        ``measure_id`` re-creates a deleted measure under its old id (redo)."""
        if action not in codes(MEASURES):
            raise ValidationError("action", action, "not a measure")
        if int(amount_fen) < 0:
            raise ValidationError("amount_fen", str(amount_fen), "negative amount")
        if not self.has_entity(entity_id):
            raise NotFoundError("entity", entity_id)
        taken_at = taken_at or clock.now()
        with self._write("add measure", {"measure"}, [entity_id]):
            cur = self._conn.execute(
                "INSERT INTO measure (id, entity_id, action, amount_fen, taken_at, analyst, note) "
                "VALUES (?,?,?,?,?,?,?)",
                (measure_id, entity_id, action, int(amount_fen), taken_at, self.analyst, note),
            )
            mid = cur.lastrowid
            self._audit("add measure", "measure", mid, entity_id, None,
                        {"action": action, "amount_fen": int(amount_fen), "taken_at": taken_at,
                         "note": note})  # fmt: skip
        return mid

    def delete_measure(self, measure_id: int) -> Measure:
        """Remove a measure; return it so an undo can put it back."""
        row = self._conn.execute(
            "SELECT id, entity_id, action, amount_fen, taken_at, analyst, note FROM measure "
            "WHERE id = ?",
            (measure_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("measure", measure_id)
        m = Measure(*row)
        with self._write("delete measure", {"measure"}, [m.entity_id]):
            self._conn.execute("DELETE FROM measure WHERE id = ?", (measure_id,))
            self._audit("delete measure", "measure", measure_id, m.entity_id, m.__dict__, None)
        return m
