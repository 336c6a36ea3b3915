"""What happened to a few entities over time: their calls, transactions and case events.

The timeline dock plots what :func:`timeline` returns. A person stands for the cards and
phones the case says they hold (``holds`` links), since people have no facts of their own;
an organisation for its members' cards and phones.

Events are the case's own record of things that happened: the first transaction of each
account (when it appears in the evidence), legal-status changes and arrest places recorded
in the audit log (dated when the analyst recorded them), and measures taken on accounts
(stop-payment, freeze, ...), dated when they were taken.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from ..store import CaseStore
from ._common import chunks, connection, entity_refs, placeholders

#: Rows of each table a timeline holds at most; plots stay responsive below it.
ROW_CAP = 20_000


@dataclass(frozen=True)
class TimelineCall:
    """A call of one of the entities: ``own`` is the entity whose call it is."""

    call_id: int
    ts: str
    own: int
    other: int
    outgoing: bool
    duration_s: int
    call_type: str


@dataclass(frozen=True)
class TimelineTxn:
    """A transaction of one of the entities; ``other`` is ``None`` for an exit or a deposit
    without a counterpart card."""

    txn_id: int
    ts: str
    own: int
    other: int | None
    outgoing: bool
    amount_fen: int
    exit_kind: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    """A case event: ``kind`` is ``first_txn``, ``legal_status``, ``arrest`` or ``measure``;
    ``value`` the code (status, measure action) or amount it concerns."""

    ts: str
    entity_id: int
    kind: str
    value: str = ""
    amount_fen: int = 0


@dataclass
class Timeline:
    """Facts and events of the entities asked for (``entity_ids``) and the cards and phones
    standing for them (``fact_ids``), oldest first. ``truncated`` says a cap was reached."""

    entity_ids: list[int]
    fact_ids: list[int]
    calls: list[TimelineCall] = field(default_factory=list)
    txns: list[TimelineTxn] = field(default_factory=list)
    events: list[TimelineEvent] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    truncated: bool = False

    @property
    def span(self) -> tuple[str, str] | None:
        """(earliest, latest) timestamp of anything on the timeline."""
        stamps = [r.ts for r in (*self.calls, *self.txns, *self.events)]
        return (min(stamps), max(stamps)) if stamps else None

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def _fact_entities(conn: sqlite3.Connection, ids: list[int]) -> list[int]:
    """The ids themselves, plus cards and phones held by the people among them and by the
    members of the organisations among them."""
    out = dict.fromkeys(ids)
    kinds = dict(
        conn.execute(
            f"SELECT id, kind FROM entity WHERE id IN ({placeholders(len(ids))})", ids
        ).fetchall()
    ) if ids else {}  # fmt: skip
    people = [i for i in ids if kinds.get(i) == "person"]
    orgs = [i for i in ids if kinds.get(i) == "organisation"]
    if orgs:
        people += [
            r[0]
            for r in conn.execute(
                "SELECT source_id FROM link WHERE type = 'member_of' "
                f"AND target_id IN ({placeholders(len(orgs))})",
                orgs,
            )
        ]
    for batch in chunks(sorted(set(people))):
        for (held,) in conn.execute(
            "SELECT l.target_id FROM link l JOIN entity e ON e.id = l.target_id "
            f"WHERE l.type IN ('holds', 'uses') AND l.source_id IN ({placeholders(len(batch))}) "
            "AND e.kind IN ('bank_card', 'phone_card', 'payment_account', 'crypto_wallet')",
            batch,
        ):
            out.setdefault(held)
    return [i for i in out if kinds.get(i) not in ("person", "organisation") or i not in ids]


def timeline(
    store: CaseStore,
    entity_ids: Iterable[int],
    *,
    start: str | None = None,
    end: str | None = None,
    cap: int = ROW_CAP,
) -> Timeline:
    """Calls, transactions and events of ``entity_ids`` between ``start`` and ``end``
    (stored-timestamp text, inclusive; ``None`` leaves that side open), oldest first.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "t.zlcase", "doc")
    ...     a, b = (store.add_entity("bank_card", n)
    ...             for n in ("6222020000000000006", "6222020000000000014"))
    ...     _ = store.add_transactions([
    ...         {"payer_id": a, "payee_id": b, "amount_fen": 500000, "ts": "2025-03-01 10:00:00"},
    ...         {"payer_id": b, "amount_fen": 300000, "ts": "2025-03-02 01:00:00",
    ...          "exit_kind": "cash"}])
    ...     t = timeline(store, [b])
    ...     store.close()
    >>> [(x.ts[:10], x.outgoing, x.amount_fen) for x in t.txns]
    [('2025-03-01', False, 500000), ('2025-03-02', True, 300000)]
    >>> [(e.kind, e.ts) for e in t.events]
    [('first_txn', '2025-03-01 10:00:00')]
    """
    conn = connection(store)
    asked = list(dict.fromkeys(int(i) for i in entity_ids))
    facts = _fact_entities(conn, asked)
    out = Timeline(asked, facts)
    if not facts:
        return out
    lo, hi = start or "", end or "\uffff"
    seen_calls: set[int] = set()
    seen_txns: set[int] = set()
    for batch in chunks(facts):
        marks = placeholders(len(batch))
        for side, other_side, outgoing in (("caller_id", "callee_id", True),
                                           ("callee_id", "caller_id", False)):  # fmt: skip
            for cid, ts, own, other, dur, ctype in conn.execute(
                f"SELECT id, ts, {side}, {other_side}, duration_s, call_type FROM call "
                f"WHERE {side} IN ({marks}) AND ts >= ? AND ts <= ? ORDER BY ts LIMIT ?",
                (*batch, lo, hi, cap + 1),
            ):
                # A call between two entities of the timeline shows once, on the caller.
                if cid in seen_calls:
                    continue
                seen_calls.add(cid)
                out.calls.append(TimelineCall(cid, ts, own, other, outgoing, dur, ctype))
        for side, other_side, outgoing in (("payer_id", "payee_id", True),
                                           ("payee_id", "payer_id", False)):  # fmt: skip
            for tid, ts, own, other, amount, exit_kind in conn.execute(
                f"SELECT id, ts, {side}, {other_side}, amount_fen, exit_kind FROM txn "
                f"WHERE {side} IN ({marks}) AND ts >= ? AND ts <= ? ORDER BY ts LIMIT ?",
                (*batch, lo, hi, cap + 1),
            ):
                if tid in seen_txns:
                    continue
                seen_txns.add(tid)
                out.txns.append(TimelineTxn(tid, ts, own, other, outgoing, amount, exit_kind))
    out.calls.sort(key=lambda r: (r.ts, r.call_id))
    out.txns.sort(key=lambda r: (r.ts, r.txn_id))
    if len(out.calls) > cap or len(out.txns) > cap:
        out.truncated = True
        del out.calls[cap:]
        del out.txns[cap:]
    out.events = _events(conn, asked, facts, lo, hi)
    refs = entity_refs(conn, [*asked, *facts])
    out.labels = {eid: ref.label for eid, ref in refs.items()}
    return out


def _events(conn, asked, facts, lo, hi) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    for batch in chunks(facts):
        marks = placeholders(len(batch))
        # The first appearance of each account: its earliest transaction either way.
        for eid in batch:
            first = conn.execute(
                "SELECT min(ts) FROM (SELECT min(ts) AS ts FROM txn WHERE payer_id = ?1 "
                "UNION ALL SELECT min(ts) FROM txn WHERE payee_id = ?1)",
                (eid,),
            ).fetchone()[0]
            if first is not None and lo <= first <= hi:
                events.append(TimelineEvent(first, eid, "first_txn"))
        for eid, action, amount, taken in conn.execute(
            f"SELECT entity_id, action, amount_fen, taken_at FROM measure WHERE entity_id IN "
            f"({marks})",
            batch,
        ):
            if lo <= taken <= hi:
                events.append(TimelineEvent(taken, eid, "measure", action, amount))
    people = list(dict.fromkeys([*asked, *facts]))
    for batch in chunks(people):
        for eid, ts, old, new in conn.execute(
            "SELECT entity_id, ts, old_value, new_value FROM audit WHERE tbl = 'entity' AND "
            f"new_value IS NOT NULL AND entity_id IN ({placeholders(len(batch))}) ORDER BY id",
            batch,
        ):
            value, before = _json_dict(new), _json_dict(old)
            # Audit times carry a T and an offset; compare wall-clock date and time.
            when = _wall(ts)
            if not _wall(lo) <= when <= _wall(hi):
                continue
            if value.get("legal_status"):
                events.append(TimelineEvent(when, eid, "legal_status", value["legal_status"]))
            had = {_code(r) for r in before.get("regions") or () if _reason(r) == "arrest"}
            for region in value.get("regions") or ():
                if _reason(region) == "arrest" and _code(region) not in had:
                    events.append(TimelineEvent(when, eid, "arrest", _code(region)))
    events.sort(key=lambda e: (e.ts, e.entity_id, e.kind))
    return events


def _json_dict(text: str | None) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _wall(ts: str) -> str:
    return ts[:10] + " " + ts[11:19] if len(ts) >= 19 else ts


def _reason(region) -> str:
    return region.get("reason", "") if isinstance(region, dict) else (region[1:2] or [""])[0]


def _code(region) -> str:
    return region.get("code", "") if isinstance(region, dict) else (region[:1] or [""])[0]
