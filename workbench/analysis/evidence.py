"""The rows behind a finding, and who holds the entities results name: what panels show.

:class:`~.patterns.Finding` keeps only row ids (``evidence``); :func:`evidence_rows` reads
those rows back as plain records with both parties named, and :func:`holder_names` says
which person holds each card or phone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..store import CaseStore
from ._common import chunks, connection, entity_refs, placeholders


@dataclass(frozen=True)
class EvidenceRow:
    """One transaction, call or link behind a finding.

    ``table`` is ``txn``, ``call`` or ``link``; ``source``/``target`` are the payer and
    payee, caller and callee, or link ends (``None`` for the missing side of a cash
    withdrawal or deposit); ``detail`` is the exit kind, call type or link type; ``amount_fen``
    the transfer's amount and ``duration_s`` the call's length.
    """

    table: str
    row_id: int
    ts: str
    source: int | None
    target: int | None
    source_label: str
    target_label: str
    amount_fen: int = 0
    duration_s: int = 0
    detail: str = ""
    place: str = ""


_QUERIES = {
    "txn": "SELECT id, ts, payer_id, payee_id, amount_fen, 0, exit_kind, "
    "coalesce(nullif(place, ''), channel) FROM txn WHERE id IN ({})",
    "call": "SELECT id, ts, caller_id, callee_id, 0, duration_s, call_type, cell FROM call "
    "WHERE id IN ({})",
    "link": "SELECT id, created_at, source_id, target_id, 0, 0, type, note FROM link "
    "WHERE id IN ({})",
}


def evidence_rows(store: CaseStore, evidence: dict[str, list[int]]) -> list[EvidenceRow]:
    """The rows a finding's ``evidence`` names, by table (txn, call, link) then time.

    Rows deleted since the finding was made are left out.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "e.zlcase", "doc")
    ...     a = store.add_entity("bank_card", "6222020000000000006")
    ...     _ = store.add_transactions([{"payer_id": a, "amount_fen": 80000,
    ...                                  "ts": "2025-03-01 02:00:00", "exit_kind": "cash"}])
    ...     rows = evidence_rows(store, {"txn": [1]})
    ...     store.close()
    >>> [(r.table, r.source_label[-4:], r.target, r.amount_fen, r.detail) for r in rows]
    [('txn', '0006', None, 80000, 'cash')]
    """
    conn = connection(store)
    raw = []
    for table in ("txn", "call", "link"):
        ids = evidence.get(table) or []
        found = []
        for batch in chunks(ids):
            found += conn.execute(
                _QUERIES[table].format(placeholders(len(batch))), batch
            ).fetchall()
        found.sort(key=lambda r: (r[1] or "", r[0]))
        raw += [(table, *r) for r in found]
    refs = entity_refs(conn, [x for r in raw for x in (r[3], r[4]) if x is not None])

    def label(eid):
        return "" if eid is None or eid not in refs else refs[eid].label

    return [
        EvidenceRow(
            t,
            rid,
            ts or "",
            a,
            b,
            label(a),
            label(b),
            fen or 0,
            dur or 0,
            detail or "",
            place or "",
        )  # fmt: skip
        for t, rid, ts, a, b, fen, dur, detail, place in raw
    ]


def holder_names(store: CaseStore, entity_ids: Iterable[int]) -> dict[int, str]:
    """The name of the person holding each card, phone or device (``holds`` links; the most
    confident holder when several), for the ids that have one."""
    conn = connection(store)
    out: dict[int, str] = {}
    for batch in chunks(sorted(set(entity_ids))):
        for thing, name in conn.execute(
            "SELECT l.target_id, p.name FROM link l JOIN entity p ON p.id = l.source_id "
            f"AND p.kind = 'person' WHERE l.type = 'holds' AND l.target_id IN "
            f"({placeholders(len(batch))}) ORDER BY l.confidence, l.id",
            batch,
        ):
            out[thing] = name
    return out
