"""Facts: transactions and calls, written in bulk."""

from __future__ import annotations

from collections.abc import Iterable


class FactsMixin:
    """The facts part of :class:`workbench.store.CaseStore`."""

    def add_transactions(self, rows: Iterable[dict], batch_id: int | None = None) -> int:
        """Insert transactions (dicts with payer_id, payee_id, amount_fen, ts, ...) at once."""
        cols = (
            "payer_id",
            "payee_id",
            "exit_kind",
            "amount_fen",
            "ts",
            "channel",
            "summary",
            "counterpart",
            "serial",
            "place",
            "source_row",
        )
        defaults = {"exit_kind": "", "channel": "", "summary": "", "counterpart": "",
                    "serial": "", "place": "", "source_row": None, "payer_id": None,
                    "payee_id": None}  # fmt: skip
        data = [tuple({**defaults, **r}[c] for c in cols) + (batch_id,) for r in rows]
        with self._write("add transactions", {"txn"}):
            self._conn.executemany(
                f"INSERT INTO txn ({', '.join(cols)}, batch_id) VALUES "
                f"({', '.join('?' * (len(cols) + 1))})",
                data,
            )
            self._audit("import", "txn", None, None, None, {"rows": len(data), "batch": batch_id})
        return len(data)

    def add_calls(self, rows: Iterable[dict], batch_id: int | None = None) -> int:
        """Insert calls (dicts with caller_id, callee_id, ts, duration_s, ...) at once."""
        cols = ("caller_id", "callee_id", "ts", "duration_s", "call_type", "cell", "device_id",
                "source_row")  # fmt: skip
        defaults = {"duration_s": 0, "call_type": "voice", "cell": "", "device_id": None,
                    "source_row": None}  # fmt: skip
        data = [tuple({**defaults, **r}[c] for c in cols) + (batch_id,) for r in rows]
        with self._write("add calls", {"call"}):
            self._conn.executemany(
                f"INSERT INTO call ({', '.join(cols)}, batch_id) VALUES "
                f"({', '.join('?' * (len(cols) + 1))})",
                data,
            )
            self._audit("import", "call", None, None, None, {"rows": len(data), "batch": batch_id})
        return len(data)

    def fact_counts(self, entity_id: int) -> tuple[int, int]:
        """(transactions, calls) that refer to an entity."""
        return self._fact_counts(entity_id)
