"""Fraud patterns: the signs case squads and banks look for, each with a score and evidence.

Every detector takes the store and its parameters (defaults suit Chinese telecom-fraud
cases), reads with SQL aggregates and indexed range queries so that it stays usable on a
million transactions, and returns :class:`Finding` objects: which entity, how strongly
(``score``), the measures behind it (``metrics``), the parameters used, and the ids of the
transaction, call and link rows that show it (``evidence``, capped).

A finding's ``identity`` (pattern + the entity's natural key) is stable across runs, so an
analyst's verdict (confirmed / dismissed) stored against it still applies after the case
grows.

Scores lie in (0, 1]. For a detector with a count as its main measure (payers, SIMs,
withdrawals...) the score is :func:`strength`: 0.5 when the count just meets its threshold,
0.75 at twice the threshold, 0.9 at five times; the detectors' docstrings name the measure.
"""

from __future__ import annotations

import math
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from ..model import ACCOUNT_KINDS
from ..store import CaseStore
from . import calls as calls_analysis
from ._common import (
    AnalysisError,
    connection,
    entity_refs,
    hour_of,
    shift_ts,
    sql_shift,
    strength,
)

#: The patterns ``find_patterns`` runs, in the order findings are listed.
PATTERNS = (
    "fast_in_fast_out",
    "fan_in",
    "fan_out",
    "late_night_cash",
    "new_account_burst",
    "handset_many_sims",
    "sim_many_handsets",
    "card_hoarder",
    "hot_number",
    "phone_switch",
    "companion",
)

#: Evidence rows kept per table and finding; enough to show, small enough to store.
EVIDENCE_CAP = 50

_DAY = 86_400


@dataclass
class Finding:
    """One entity showing one pattern."""

    pattern: str
    entity_id: int
    key: str | None
    kind: str
    name: str
    score: float
    metrics: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    #: Row ids behind the finding: {"txn": [...], "call": [...], "link": [...]}.
    evidence: dict[str, list[int]] = field(default_factory=dict)
    #: Stable across runs: ``pattern:key`` (``pattern:#id`` for an entity without a key).
    identity: str = ""
    #: The other entity of a finding about a pair (``phone_switch``: the new number;
    #: ``companion``: the second number); ``None`` for findings about one entity.
    counterpart_id: int | None = None
    counterpart_key: str | None = None

    def __post_init__(self) -> None:
        if not self.identity:
            self.identity = f"{self.pattern}:{self.key or f'#{self.entity_id}'}"
            if self.counterpart_id is not None:
                other = self.counterpart_key or f"#{self.counterpart_id}"
                self.identity += f">{other}"

    def to_dict(self) -> dict:
        """Plain data for JSON (the counterpart only for findings about a pair)."""
        out = asdict(self)
        if self.counterpart_id is None:
            del out["counterpart_id"], out["counterpart_key"]
        return out


def _findings(
    conn: sqlite3.Connection,
    pattern: str,
    hits: Iterable[tuple[int, float, dict, dict[str, list[int]]]],
    params: dict,
) -> list[Finding]:
    """Findings from (entity id, score, metrics, evidence), strongest first."""
    hits = list(hits)
    refs = entity_refs(conn, (h[0] for h in hits))
    out = []
    for eid, score, metrics, evidence in hits:
        ref = refs[eid]
        capped = {t: sorted(ids)[:EVIDENCE_CAP] for t, ids in evidence.items() if ids}
        out.append(
            Finding(pattern, eid, ref.key, ref.kind, ref.name, score, metrics, params, capped)
        )
    out.sort(key=lambda f: (-f.score, f.entity_id))
    return out


def _check_positive(**values) -> None:
    for name, value in values.items():
        if value is None or value <= 0:
            raise AnalysisError(name.replace("_", " "), value, "must be positive")


# ---------------------------------------------------------------------- money


def fast_in_fast_out(
    store: CaseStore,
    *,
    window_minutes: float = 60,
    min_inflow_fen: int = 50_000,
    pass_ratio: float = 0.8,
    min_events: int = 3,
    whole_ratio: float = 0.95,
    whole_minutes: float = 10,
) -> list[Finding]:
    """快进快出: cards where most of each sizeable inflow leaves again within minutes.

    For every inflow of at least ``min_inflow_fen`` (a transfer from another account), the
    card's outflows (transfers and exits) from its arrival until ``window_minutes`` later,
    or until the next sizeable inflow if that comes first, are its pass-through (capped at
    the inflow; cutting at the next inflow keeps one outflow from counting twice). An inflow
    is *fast* when its pass-through is at least ``pass_ratio`` of it, and *whole* when at
    least ``whole_ratio`` of it left within ``whole_minutes`` (at most ``window_minutes``).
    A card is flagged when it has ``min_events`` fast inflows, or a single whole one (a
    first-level card that passed one victim's payment on within two minutes is a transit
    card too), and its pass-through share over all its sizeable inflows reaches
    ``pass_ratio``: the balance hovers near zero.

    Score: :func:`strength` of the fast inflows weighted by the share passed on,
    ``strength(fast_inflows * pass_share / pass_ratio, 1)``: 0.5 for one inflow passed on
    at the least share, growing with the number of events and with the share (five inflows
    99% passed on: 0.92). Evidence: the fast inflows and the outflows that carried them on.
    """
    _check_positive(
        window_minutes=window_minutes, min_inflow_fen=min_inflow_fen, min_events=min_events,
        whole_ratio=whole_ratio, whole_minutes=whole_minutes,
    )  # fmt: skip
    if whole_minutes > window_minutes:
        raise AnalysisError("whole minutes", whole_minutes, "must not exceed the window")
    if whole_ratio < pass_ratio:
        raise AnalysisError("whole ratio", whole_ratio, "must not be below the pass ratio")
    conn = connection(store)
    window_s = int(window_minutes * 60)
    # One indexed range sum per sizeable inflow (txn_payer_ts); lead() finds the next one.
    rows = conn.execute(
        "WITH big AS (SELECT id, payee_id AS card, amount_fen AS fen, ts, "
        " lead(ts) OVER (PARTITION BY payee_id ORDER BY ts, id) AS next_ts "
        " FROM txn WHERE payee_id IS NOT NULL AND payer_id IS NOT NULL "
        " AND payer_id <> payee_id AND amount_fen >= :min) "
        "SELECT card, id, fen, ts, next_ts, (SELECT coalesce(sum(o.amount_fen), 0) FROM txn o "
        f" WHERE o.payer_id = big.card AND o.ts >= big.ts AND o.ts <= {sql_shift('big.ts', window_s)} "
        " AND (big.next_ts IS NULL OR o.ts < big.next_ts)) "
        "FROM big ORDER BY card, ts",
        {"min": min_inflow_fen},
    ).fetchall()
    per_card: dict[int, list[tuple]] = defaultdict(list)
    for card, tid, fen, ts, next_ts, out in rows:
        per_card[card].append((tid, fen, ts, next_ts, out))
    hits = []
    whole_s = int(whole_minutes * 60)
    for card, inflows in per_card.items():
        fast = [r for r in inflows if r[4] >= pass_ratio * r[1]]
        if not fast:
            continue
        total = sum(r[1] for r in inflows)
        passed = sum(min(r[4], r[1]) for r in inflows)
        if passed < pass_ratio * total:
            continue
        # A whole inflow passed on quickly is enough on its own; looked for only where the
        # count falls short, one indexed range sum per candidate.
        whole = []
        if len(fast) < min_events:
            whole = [
                r for r in fast
                if r[4] >= whole_ratio * r[1]
                and _passed_within(conn, card, r[2], r[3], whole_s) >= whole_ratio * r[1]
            ]  # fmt: skip
            if not whole:
                continue
        evidence_out: list[int] = []
        for _, _, ts, next_ts, _ in fast[:EVIDENCE_CAP]:
            evidence_out += [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM txn WHERE payer_id = :card AND ts >= :ts "
                    f"AND ts <= {sql_shift(':ts', window_s)} AND (:next IS NULL OR ts < :next) "
                    "ORDER BY ts LIMIT :cap",
                    {"card": card, "ts": ts, "next": next_ts, "cap": EVIDENCE_CAP},
                )
            ]
        metrics = {
            "inflows": len(inflows),
            "fast_inflows": len(fast),
            "inflow_fen": total,
            "passed_fen": passed,
            "pass_share": round(passed / total, 4),
        }
        if whole:
            metrics["whole_inflows"] = len(whole)
        evidence = {"txn": [r[0] for r in fast] + evidence_out}
        score = strength(len(fast) * (passed / total) / pass_ratio, 1)
        hits.append((card, score, metrics, evidence))
    params = {
        "window_minutes": window_minutes,
        "min_inflow_fen": min_inflow_fen,
        "pass_ratio": pass_ratio,
        "min_events": min_events,
        "whole_ratio": whole_ratio,
        "whole_minutes": whole_minutes,
    }
    return _findings(conn, "fast_in_fast_out", hits, params)


def _passed_within(conn, card: int, ts: str, next_ts: str | None, seconds: int) -> int:
    """What left ``card`` within ``seconds`` of ``ts`` (and before ``next_ts``)."""
    return conn.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE payer_id = :card AND ts >= :ts "
        f"AND ts <= {sql_shift(':ts', seconds)} AND (:next IS NULL OR ts < :next)",
        {"card": card, "ts": ts, "next": next_ts},
    ).fetchone()[0]


def _best_window(events: list[tuple], window_s: float, min_count: int) -> tuple[int, int, int]:
    """The window of ``window_s`` with the most distinct counterparts among those holding
    at least ``min_count`` events (ties: more events): (counterparts, first, last index).

    ``events`` are (seconds, counterpart, ...) in time order. Returns (0, 0, -1) when no
    window holds ``min_count`` events.
    """
    seen: Counter = Counter()
    best = (0, 0, 0, -1)
    j = 0
    for i, ev in enumerate(events):
        seen[ev[1]] += 1
        while ev[0] - events[j][0] > window_s:
            seen[events[j][1]] -= 1
            if not seen[events[j][1]]:
                del seen[events[j][1]]
            j += 1
        count = i - j + 1
        if count >= min_count and (len(seen), count) > best[:2]:
            best = (len(seen), count, j, i)
    return best[0], best[2], best[3]


#: Accounts money moves through (bank cards, payment accounts, wallets) as an SQL list.
_ACCOUNT_KINDS_SQL = "(" + ", ".join(f"'{k}'" for k in ACCOUNT_KINDS) + ")"

_TRANSFER = "payer_id IS NOT NULL AND payee_id IS NOT NULL AND payer_id <> payee_id"


_SECONDS = "CAST(strftime('%s', substr(ts, 1, 19)) AS INTEGER)"


def _fan_candidates(
    conn, side: str, other: str, min_amount: int, min_distinct: int, window_days: float
) -> list[int]:
    """Cards that may have ``min_distinct`` counterparts within ``window_days``.

    Any such window lies within two adjacent buckets of ``window_days``, so the distinct
    counterparts of two neighbouring buckets, added, bound it from above: one aggregate
    over the table rules out most cards before any is read on its own.
    """
    per_card: dict[int, dict[int, int]] = defaultdict(dict)
    for card, bucket, n in conn.execute(
        f"SELECT {side}, CAST(julianday(substr(ts, 1, 19)) / ? AS INTEGER) AS bucket, "
        f"count(DISTINCT {other}) FROM txn WHERE {_TRANSFER} AND amount_fen >= ? "
        f"GROUP BY {side}, bucket",
        (window_days, min_amount),
    ):
        per_card[card][bucket] = n
    return [
        card
        for card, buckets in per_card.items()
        if any(n + buckets.get(b + 1, 0) >= min_distinct for b, n in buckets.items())
    ]


def _fan_events(conn, card: int, side: str, other: str, min_amount: int) -> list[tuple]:
    """(seconds, counterpart, id, fen, ts) of a card's transfers on one side, in time order."""
    return conn.execute(
        f"SELECT {_SECONDS}, {other}, id, amount_fen, ts FROM txn WHERE {side} = ? "
        f"AND {_TRANSFER} AND amount_fen >= ? ORDER BY ts, id",
        (card, min_amount),
    ).fetchall()


def _movements(conn, card: int, side: str, lo: str, hi: str) -> list[tuple]:
    """(id, counterpart or None, amount, exit kind) of a card's rows on one side in [lo, hi]."""
    other = "payee_id" if side == "payer_id" else "payer_id"
    return conn.execute(
        f"SELECT id, {other}, amount_fen, exit_kind FROM txn WHERE {side} = ? "
        f"AND ts >= ? AND ts <= ? AND ({other} IS NULL OR {other} <> {side})",
        (card, lo, hi),
    ).fetchall()


def fan_in(
    store: CaseStore,
    *,
    window_days: float = 7,
    min_payers: int = 5,
    min_inflows: int | None = None,
    min_amount_fen: int = 50_000,
    pass_ratio: float = 0.7,
    out_days: float = 1,
) -> list[Finding]:
    """分散转入、集中转出: many payers pay one card, and the money moves on.

    Looks for the ``window_days`` window in which a card received transfers of at least
    ``min_amount_fen`` from the most distinct payers, among windows of at least
    ``min_inflows`` such transfers (by default ``min_payers``); flags it when there are
    ``min_payers`` payers and at least ``pass_ratio`` of what came in left the card
    (transfers and exits) by ``out_days`` after the window. The outflow test is what separates a collecting card from a shop's
    till; set ``pass_ratio=0`` to flag collection alone.

    Score: :func:`strength` of the distinct payers. Evidence: the window's inflows and the
    outflows after them.
    """
    _check_positive(window_days=window_days, min_payers=min_payers, out_days=out_days)
    min_inflows = min_payers if min_inflows is None else min_inflows
    conn = connection(store)
    hits = []
    candidates = _fan_candidates(
        conn, "payee_id", "payer_id", min_amount_fen, min_payers, window_days
    )
    for card in candidates:
        events = _fan_events(conn, card, "payee_id", "payer_id", min_amount_fen)
        payers, j, i = _best_window(events, window_days * _DAY, min_inflows)
        window = events[j : i + 1]
        if payers < min_payers:
            continue
        inflow = sum(e[3] for e in window)
        outs = _movements(conn, card, "payer_id", window[0][4], _end(window[-1][4], out_days))
        outflow = sum(r[2] for r in outs)
        if outflow < pass_ratio * inflow:
            continue
        metrics = {
            "payers": payers,
            "inflows": len(window),
            "inflow_fen": inflow,
            "outflow_fen": outflow,
            "payees": len({r[1] if r[1] is not None else r[3] for r in outs}),
            "first": window[0][4],
            "last": window[-1][4],
        }
        evidence = {"txn": [e[2] for e in window] + [r[0] for r in outs]}
        hits.append((card, strength(payers, min_payers), metrics, evidence))
    params = {
        "window_days": window_days,
        "min_payers": min_payers,
        "min_inflows": min_inflows,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "out_days": out_days,
    }
    return _findings(conn, "fan_in", hits, params)


def _end(ts: str, days: float) -> str:
    return shift_ts(ts, days * _DAY)


def fan_out(
    store: CaseStore,
    *,
    window_days: float = 7,
    min_payees: int = 5,
    min_amount_fen: int = 50_000,
    pass_ratio: float = 0.7,
    in_days: float = 1,
) -> list[Finding]:
    """集中转入、分散转出: money from few payers spread over many cards.

    Looks for the ``window_days`` window in which a card paid the most distinct cards
    (transfers of at least ``min_amount_fen``); flags it when there are ``min_payees`` of
    them, at least twice as many as the cards that paid it from ``in_days`` before the
    window to its end, and what went out matches what came in (between ``pass_ratio`` and
    ``1 / pass_ratio`` of it). The matching test sets a layering card apart from a payroll
    account or a family paying its bills from savings.

    Score: :func:`strength` of the distinct payees. Evidence: the window's outflows and the
    inflows that funded them.
    """
    _check_positive(
        window_days=window_days, min_payees=min_payees, pass_ratio=pass_ratio, in_days=in_days
    )
    conn = connection(store)
    hits = []
    candidates = _fan_candidates(
        conn, "payer_id", "payee_id", min_amount_fen, min_payees, window_days
    )
    for card in candidates:
        events = _fan_events(conn, card, "payer_id", "payee_id", min_amount_fen)
        payees, j, i = _best_window(events, window_days * _DAY, min_payees)
        window = events[j : i + 1]
        if payees < min_payees:
            continue
        outflow = sum(e[3] for e in window)
        ins = _movements(conn, card, "payee_id", _end(window[0][4], -in_days), window[-1][4])
        inflow = sum(r[2] for r in ins)
        payers = len({r[1] if r[1] is not None else r[3] for r in ins})
        if not inflow or not pass_ratio <= outflow / inflow <= 1 / pass_ratio:
            continue
        if 2 * payers > payees:
            continue
        metrics = {
            "payees": payees,
            "outflows": len(window),
            "outflow_fen": outflow,
            "inflow_fen": inflow,
            "payers": payers,
            "first": window[0][4],
            "last": window[-1][4],
        }
        evidence = {"txn": [e[2] for e in window] + [r[0] for r in ins]}
        hits.append((card, strength(payees, min_payees), metrics, evidence))
    params = {
        "window_days": window_days,
        "min_payees": min_payees,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "in_days": in_days,
    }
    return _findings(conn, "fan_out", hits, params)


def late_night_cash(
    store: CaseStore,
    *,
    start_hour: int = 0,
    end_hour: int = 5,
    min_withdrawals: int = 3,
) -> list[Finding]:
    """深夜取现: cards that withdraw cash late at night, time and again.

    Counts cash exits between ``start_hour`` and ``end_hour`` (a range may wrap midnight,
    e.g. 23 to 5) per card and flags cards with ``min_withdrawals`` of them. ``metrics``
    also names the nights, the places, and ``companions``: the most other cards that
    withdrew at the same place on the same night (car handlers go out in crews).

    Score: :func:`strength` of the night withdrawals. Evidence: those withdrawals.
    """
    if not (0 <= start_hour <= 23 and 0 <= end_hour <= 24 and start_hour != end_hour):
        raise AnalysisError("night hours", (start_hour, end_hour), "must be two different hours")
    _check_positive(min_withdrawals=min_withdrawals)
    conn = connection(store)
    wraps = start_hour > end_hour

    def at_night(hour: int) -> bool:
        if wraps:
            return hour >= start_hour or hour < end_hour
        return start_hour <= hour < end_hour

    per_card: dict[int, list[tuple]] = defaultdict(list)
    crews: dict[tuple[str, str], set[int]] = defaultdict(set)
    # Exits have no payee: txn_payee_ts finds them without a scan of the table.
    for tid, card, fen, ts, place in conn.execute(
        "SELECT id, payer_id, amount_fen, ts, place FROM txn "
        "WHERE payee_id IS NULL AND payer_id IS NOT NULL AND exit_kind = 'cash'"
    ):
        hour = hour_of(ts)
        if not at_night(hour):
            continue
        # The night a withdrawal belongs to: after midnight it is the previous evening's.
        night = _end(ts, -_DAY)[:10] if wraps and hour < end_hour else ts[:10]
        per_card[card].append((tid, fen, night, place))
        if place:
            crews[(place, night)].add(card)
    hits = []
    for card, rows in per_card.items():
        if len(rows) < min_withdrawals:
            continue
        places = Counter(r[3] for r in rows if r[3])
        companions = max((len(crews[(r[3], r[2])]) - 1 for r in rows if r[3]), default=0)
        metrics = {
            "withdrawals": len(rows),
            "amount_fen": sum(r[1] for r in rows),
            "nights": len({r[2] for r in rows}),
            "places": [p for p, _ in places.most_common(5)],
            "companions": companions,
        }
        hits.append(
            (card, strength(len(rows), min_withdrawals), metrics, {"txn": [r[0] for r in rows]})
        )
    params = {"start_hour": start_hour, "end_hour": end_hour, "min_withdrawals": min_withdrawals}
    return _findings(conn, "late_night_cash", hits, params)


def new_account_burst(
    store: CaseStore,
    *,
    days: int = 7,
    min_txns: int = 10,
    min_amount_fen: int = 5_000_000,
    settle_days: int = 31,
) -> list[Finding]:
    """新开户: accounts (bank cards, payment accounts, wallets) heavily used right after they were opened (or first appeared).

    The opening date is the card's ``opened_on`` attribute (from the bank's account
    record) when known, else the day of its first transaction in the case. A card only
    first seen within ``settle_days`` of the case's earliest transaction is then skipped:
    its history may simply start before the evidence does (a monthly payroll account first
    shows on its first payday). A card is flagged when, in the ``days`` whole days from its
    opening day, it has ``min_txns`` transactions or receives ``min_amount_fen``.

    Score: the higher :func:`strength` of the transactions and of the amount received.
    Evidence: the transactions of those first days.
    """
    _check_positive(days=days, min_txns=min_txns, min_amount_fen=min_amount_fen)
    if settle_days < 0:
        raise AnalysisError("settle days", settle_days, "must not be negative")
    conn = connection(store)
    case_start = conn.execute("SELECT min(ts) FROM txn").fetchone()[0]
    if case_start is None:
        return []
    settled = shift_ts(case_start[:10], settle_days * _DAY)[:10]
    # Bounds are dates ('2025-03-08'), which compare correctly with either spelling of ts.
    end = f"date(start, '+{int(days)} days')"
    rows = conn.execute(
        "WITH cards AS (SELECT e.id, json_extract(e.attrs, '$.opened_on') AS opened, "
        " min(coalesce((SELECT min(ts) FROM txn WHERE payer_id = e.id), '9'), "
        "     coalesce((SELECT min(ts) FROM txn WHERE payee_id = e.id), '9')) AS first "
        f" FROM entity e WHERE e.kind IN {_ACCOUNT_KINDS_SQL}), "
        "dated AS (SELECT id, substr(coalesce(opened, first), 1, 10) AS start, "
        " opened IS NOT NULL AS known FROM cards WHERE opened IS NOT NULL OR first < '9') "
        "SELECT id, start, known, "
        f" (SELECT count(*) FROM txn WHERE payer_id = dated.id AND ts >= start AND ts < {end}), "
        f" (SELECT count(*) FROM txn WHERE payee_id = dated.id AND ts >= start AND ts < {end}), "
        " (SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE payee_id = dated.id "
        f"  AND ts >= start AND ts < {end}) "
        "FROM dated"
    ).fetchall()
    hits = []
    for card, start, known, n_out, n_in, received in rows:
        n = n_out + n_in
        if not known and start < settled:
            continue
        if n < min_txns and received < min_amount_fen:
            continue
        score = max(strength(n, min_txns), strength(received, min_amount_fen))
        evidence = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM txn WHERE payer_id = :c AND ts >= :s AND ts < date(:s, :d) "
                f"UNION SELECT id FROM txn WHERE payee_id = :c AND ts >= :s AND ts < date(:s, :d) "
                f"ORDER BY 1 LIMIT {EVIDENCE_CAP}",
                {"c": card, "s": start, "d": f"+{int(days)} days"},
            )
        ]
        metrics = {
            "opened_on": start,
            "opening_from": "account record" if known else "first transaction",
            "txns": n,
            "received_fen": received,
        }
        hits.append((card, score, metrics, {"txn": evidence}))
    params = {
        "days": days,
        "min_txns": min_txns,
        "min_amount_fen": min_amount_fen,
        "settle_days": settle_days,
    }
    return _findings(conn, "new_account_burst", hits, params)


# ---------------------------------------------------------------------- phones and people


def _sim_device_pairs(conn: sqlite3.Connection) -> list[tuple[int, int, str, int]]:
    """(SIM, handset, 'link' or 'call', row id) for every sign of a SIM in a handset.

    A ``uses`` link from a phone card to a device says it outright; a call record's IMEI
    is the handset the calling number was in (the importer files each call under its
    caller). One call per SIM and handset is enough as evidence.
    """
    pairs = [
        (sim, dev, "link", lid)
        for lid, sim, dev in conn.execute(
            "SELECT l.id, l.source_id, l.target_id FROM link l "
            "JOIN entity s ON s.id = l.source_id AND s.kind = 'phone_card' "
            "JOIN entity d ON d.id = l.target_id AND d.kind = 'device' WHERE l.type = 'uses'"
        )
    ]
    pairs += [
        (sim, dev, "call", cid)
        for sim, dev, cid in conn.execute(
            "SELECT caller_id, device_id, min(id) FROM call WHERE device_id IS NOT NULL "
            "GROUP BY caller_id, device_id"
        )
    ]
    return pairs


def _many_to_one(
    conn, pattern: str, pairs, group: int, member: int, threshold: int, params: dict
) -> list[Finding]:
    members: dict[int, set[int]] = defaultdict(set)
    evidence: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"link": [], "call": []})
    for pair in pairs:
        members[pair[group]].add(pair[member])
        evidence[pair[group]][pair[2]].append(pair[3])
    hits = [
        (eid, strength(len(ms), threshold), {"count": len(ms), "members": sorted(ms)[:100]},
         evidence[eid])
        for eid, ms in members.items()
        if len(ms) >= threshold
    ]  # fmt: skip
    return _findings(conn, pattern, hits, params)


def handset_many_sims(store: CaseStore, *, min_sims: int = 4) -> list[Finding]:
    """一机多卡: a handset (IMEI) that ``min_sims`` or more phone cards were used in.

    A dual-SIM phone with a replaced card shows three; GOIP boxes and fraud work phones show
    dozens. Score: :func:`strength` of the SIMs (``metrics['count']``; ``members`` lists
    them). Evidence: the ``uses`` links and one call per SIM.
    """
    _check_positive(min_sims=min_sims)
    conn = connection(store)
    pairs = _sim_device_pairs(conn)
    return _many_to_one(conn, "handset_many_sims", pairs, 1, 0, min_sims, {"min_sims": min_sims})


def sim_many_handsets(store: CaseStore, *, min_devices: int = 3) -> list[Finding]:
    """一卡多机: a phone card used in ``min_devices`` or more handsets.

    Card dealers test stock SIMs in several phones; operators move a number between work
    phones. Score: :func:`strength` of the handsets. Evidence: ``uses`` links and one call
    per handset.
    """
    _check_positive(min_devices=min_devices)
    conn = connection(store)
    pairs = _sim_device_pairs(conn)
    params = {"min_devices": min_devices}
    return _many_to_one(conn, "sim_many_handsets", pairs, 0, 1, min_devices, params)


def card_hoarder(
    store: CaseStore, *, min_bank_cards: int = 5, min_phone_cards: int = 5
) -> list[Finding]:
    """卡商 / 一人多卡: a person who holds many bank cards or many phone cards.

    Counts ``holds`` links from people to cards; payment accounts and wallets count with the
    bank cards (``metrics`` adds ``payment_accounts`` and ``crypto_wallets`` when there are
    any). ``metrics['in_other_names']`` counts held
    cards registered to someone else (account name or SIM registration differs from the
    holder's name), the mark of bought cards. Score: :func:`strength` of the larger of the
    two counts relative to its threshold. Evidence: the ``holds`` links.
    """
    _check_positive(min_bank_cards=min_bank_cards, min_phone_cards=min_phone_cards)
    conn = connection(store)
    held: dict[int, Counter] = defaultdict(Counter)
    links: dict[int, list[int]] = defaultdict(list)
    for lid, person, kind, holder, registered in conn.execute(
        "SELECT l.id, l.source_id, c.kind, p.name, coalesce("
        " json_extract(c.attrs, '$.account_name'), json_extract(c.attrs, '$.registered_name')) "
        "FROM link l JOIN entity p ON p.id = l.source_id AND p.kind = 'person' "
        "JOIN entity c ON c.id = l.target_id "
        f"AND c.kind IN ('phone_card', {_ACCOUNT_KINDS_SQL[1:-1]}) "
        "WHERE l.type = 'holds'"
    ):
        held[person][kind] += 1
        if registered and holder and registered != holder:
            held[person]["other"] += 1
        links[person].append(lid)
    hits = []
    for person, n in held.items():
        # A 跑分 runner's Alipay and WeChat accounts and wallets carry money like cards do.
        accounts = sum(n[k] for k in ACCOUNT_KINDS)
        ratio = max(accounts / min_bank_cards, n["phone_card"] / min_phone_cards)
        if ratio < 1:
            continue
        metrics = {
            "bank_cards": n["bank_card"],
            "phone_cards": n["phone_card"],
            "in_other_names": n["other"],
        }
        for kind, metric in (("payment_account", "payment_accounts"),
                             ("crypto_wallet", "crypto_wallets")):  # fmt: skip
            if n[kind]:
                metrics[metric] = n[kind]
        hits.append((person, strength(ratio, 1), metrics, {"link": links[person]}))
    params = {"min_bank_cards": min_bank_cards, "min_phone_cards": min_phone_cards}
    return _findings(conn, "card_hoarder", hits, params)


def hot_number(
    store: CaseStore, *, min_callers: int = 10, include_sms: bool = False
) -> list[Finding]:
    """Many numbers calling one number that never calls them back.

    What is measured, per number: the distinct numbers that called it (``callers``), those
    it never called back (``one_way_callers``), those it did (``called_back``) and the
    calls (``calls``). Flags numbers with ``min_callers`` one-way callers. Text messages
    are left out unless ``include_sms``.

    Family and friends call each other both ways; victims ringing the "customer service"
    number they were given call one way, but so do a shop's customers or a taxi firm's.
    The finding therefore says what it counted and no more: it names no fraud line. What
    the case says about the number is in ``roles``: the roles the case gives the number
    itself or the people holding or using it (absent when it gives none).

    Score: :func:`strength` of the one-way callers. Evidence: one call from each.
    """
    _check_positive(min_callers=min_callers)
    conn = connection(store)
    kinds = "" if include_sms else "WHERE call_type <> 'sms'"
    rows = conn.execute(
        f"WITH pairs AS (SELECT caller_id, callee_id, count(*) AS n, min(id) AS first "
        f" FROM call {kinds} GROUP BY caller_id, callee_id) "
        "SELECT p.callee_id, count(*), sum(p.n), "
        " sum(back.caller_id IS NULL), group_concat(CASE WHEN back.caller_id IS NULL "
        " THEN p.first END) "
        "FROM pairs p LEFT JOIN pairs back "
        " ON back.caller_id = p.callee_id AND back.callee_id = p.caller_id "
        "GROUP BY p.callee_id HAVING sum(back.caller_id IS NULL) >= ?",
        (min_callers,),
    ).fetchall()
    roles = _roles_of(conn, [r[0] for r in rows])
    hits = []
    for number, callers, calls, one_way, firsts in rows:
        metrics = {"callers": callers, "one_way_callers": one_way,
                   "called_back": callers - one_way, "calls": calls}  # fmt: skip
        if roles.get(number):
            metrics["roles"] = roles[number]
        evidence = {"call": [int(x) for x in firsts.split(",")]}
        hits.append((number, strength(one_way, min_callers), metrics, evidence))
    params = {"min_callers": min_callers, "include_sms": include_sms}
    return _findings(conn, "hot_number", hits, params)


def _roles_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    """Roles the case gives each entity or the people holding or using it."""
    out: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        marks = ", ".join("?" * len(batch))
        for eid, role in conn.execute(
            f"SELECT entity_id, role FROM entity_role WHERE entity_id IN ({marks}) "
            "UNION SELECT l.target_id, r.role FROM link l "
            "JOIN entity_role r ON r.entity_id = l.source_id "
            f"WHERE l.type IN ('holds', 'uses') AND l.target_id IN ({marks})",
            batch + batch,
        ):
            out[eid].add(role)
    return {eid: sorted(r) for eid, r in out.items()}


# ---------------------------------------------------------------------- call records


def _pair_findings(conn, pattern: str, hits, params: dict) -> list[Finding]:
    """Findings about pairs from (entity, counterpart, score, metrics, evidence)."""
    hits = list(hits)
    refs = entity_refs(conn, (x for h in hits for x in h[:2]))
    out = []
    for eid, other, score, metrics, evidence in hits:
        ref, oref = refs[eid], refs[other]
        capped = {t: sorted(ids)[:EVIDENCE_CAP] for t, ids in evidence.items() if ids}
        out.append(
            Finding(
                pattern,
                eid,
                ref.key,
                ref.kind,
                ref.name,
                score,
                metrics,
                params,
                capped,
                counterpart_id=other,
                counterpart_key=oref.key,
            )
        )
    out.sort(key=lambda f: (-f.score, f.entity_id, f.counterpart_id))
    return out


def phone_switch(store: CaseStore, **params) -> list[Finding]:
    """换号: a number that went quiet (``key``) and the new number that took over its
    contacts (``counterpart_key``); see :func:`.calls.phone_switches` for the parameters
    and the score. ``metrics`` name the shared contacts (``shared_keys``), both numbers'
    first and last calls and the gap. Evidence: the old number's last and the new number's
    first calls with the shared contacts.
    """
    conn = connection(store)
    switches = calls_analysis.phone_switches(store, **params)
    refs = entity_refs(conn, (c for s in switches for c in s.shared[:20]))
    hits = []
    for s in switches:
        metrics = {**s.metrics, "shared_keys": [refs[c].key or f"#{c}" for c in s.shared[:20]]}
        hits.append((s.old, s.new, s.score, metrics, {"call": s.evidence}))
    return _pair_findings(
        conn, "phone_switch", hits, _defaults(calls_analysis.phone_switches, params)
    )


def companion(store: CaseStore, **params) -> list[Finding]:
    """伴随: two numbers (``key`` and ``counterpart_key``, the lower id first) seen in the same
    cell within minutes on several days; see :func:`.calls.companions` for the parameters.

    Score: :func:`strength` of the distinct days against ``min_days``. ``metrics`` name
    the days, co-sightings, cells and first and last co-sighting. Evidence: both calls of
    each co-sighting.
    """
    conn = connection(store)
    used = _defaults(calls_analysis.companions, params)
    hits = []
    for p in calls_analysis.companions(store, **params):
        metrics = {
            "days": p.days,
            "co_sightings": p.co_sightings,
            "cells": p.cells,
            "first": p.first,
            "last": p.last,
        }
        evidence = {"call": [x for s in p.sightings for x in s[1:3]]}
        hits.append((p.a, p.b, strength(p.days, used["min_days"]), metrics, evidence))
    return _pair_findings(conn, "companion", hits, used)


def _defaults(function: Callable, given: dict) -> dict:
    """The keyword parameters a detector ran with: its defaults, overridden by ``given``."""
    defaults = function.__kwdefaults__ or {}
    return {k: given.get(k, v) for k, v in defaults.items() if k != "cap"}


# ---------------------------------------------------------------------- all of them

#: Each pattern's detector.
DETECTORS: dict[str, Callable[..., list[Finding]]] = {
    "fast_in_fast_out": fast_in_fast_out,
    "fan_in": fan_in,
    "fan_out": fan_out,
    "late_night_cash": late_night_cash,
    "new_account_burst": new_account_burst,
    "handset_many_sims": handset_many_sims,
    "sim_many_handsets": sim_many_handsets,
    "card_hoarder": card_hoarder,
    "hot_number": hot_number,
    "phone_switch": phone_switch,
    "companion": companion,
}


def find_patterns(
    store: CaseStore,
    patterns: Iterable[str] = PATTERNS,
    params: dict[str, dict] | None = None,
) -> list[Finding]:
    """Run detectors and return their findings: by pattern (in ``PATTERNS`` order), then
    strongest first. ``params`` maps a pattern to keyword arguments of its detector.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "p.zlcase", "doc")
    ...     hub = store.add_entity("phone_card", "13800000000")
    ...     callers = [store.add_entity("phone_card", f"1390000{i:04d}") for i in range(12)]
    ...     _ = store.add_calls([{"caller_id": c, "callee_id": hub, "ts": "2025-03-01 10:00:00"}
    ...                          for c in callers])
    ...     found = find_patterns(store, ["hot_number"])
    ...     store.close()
    >>> [(f.pattern, f.key, f.score, f.metrics["one_way_callers"]) for f in found]
    [('hot_number', '13800000000', 0.5833, 12)]
    """
    params = params or {}
    unknown = set(params) - set(DETECTORS) | set(patterns) - set(DETECTORS)
    if unknown:
        raise AnalysisError("pattern", sorted(unknown)[0], "not a known pattern")
    wanted = set(patterns)
    out: list[Finding] = []
    for name in PATTERNS:
        if name in wanted:
            out += DETECTORS[name](store, **params.get(name, {}))
    return out


# ---------------------------------------------------------------------- loops


def money_cycles(
    store: CaseStore,
    *,
    min_length: int = 3,
    max_length: int = 6,
    tolerance: float = 0.1,
    window_days: float = 30,
    time_ordered: bool = True,
    min_amount_fen: int = 10_000,
) -> list[Finding]:
    """资金回流: money that goes round a loop of cards and comes back, amount nearly intact.

    Finds loops of ``min_length`` to ``max_length`` cards where every transfer is within
    ``tolerance`` of the first one's amount and within ``window_days`` of it; with
    ``time_ordered`` (the default) each transfer must also follow the previous one, as money
    going round must. Simulated data (AMLSim) draws loop transfers at random times; pass
    ``time_ordered=False`` there. Two-card loops are left out by default: lending and
    repaying make them every day.

    The search starts from every transfer and only ever steps along transfers that fit the
    amount and time of the start, which on real statements leaves almost nothing to
    explore; transfers are taken in bands of amount so that only a slice of the case is in
    memory at a time. Not in :data:`PATTERNS`: a loop is a finding about several cards; its
    ``entity_id`` is the loop's lowest-numbered card, ``metrics['members']`` all of them
    from there in the money's direction, and its ``identity`` names the whole loop.

    Score: :func:`strength` of the loop's length against ``min_length``, times the share of
    the amount that came back.
    """
    _check_positive(
        min_length=min_length, max_length=max_length, tolerance=tolerance,
        window_days=window_days, min_amount_fen=min_amount_fen,
    )  # fmt: skip
    conn = connection(store)
    step = math.log1p(tolerance)
    bands: dict[int, list[tuple]] = defaultdict(list)
    # SQLite turns the times into seconds, faster than parsing a million strings here; a
    # table scan and a sort here beat reading in index order (random page reads).
    for tid, payer, payee, fen, t in conn.execute(
        "SELECT id, payer_id, payee_id, amount_fen, CAST(strftime('%s', substr(ts, 1, 19)) "
        f"AS INTEGER) FROM txn WHERE {_TRANSFER} AND amount_fen >= ?",
        (min_amount_fen,),
    ):
        bands[int(math.log(fen) / step)].append((t, fen, payer, payee, tid))
    for transfers in bands.values():
        transfers.sort()  # by time: each card's list in a band is then sorted as filled
    search = _LoopSearch(min_length, max_length, tolerance, window_days * _DAY, time_ordered)
    loops: dict[tuple[int, ...], list[tuple]] = {}
    indexed: dict[int, dict[int, tuple[list[int], list[tuple]]]] = {}
    for band in sorted(bands):
        # A start in this band only meets transfers within the tolerance: the neighbours.
        for b in (band - 1, band, band + 1):
            if b not in indexed:
                indexed[b] = _by_payer(bands.get(b, []))
        indexed.pop(band - 2, None)
        search.slices = [indexed[band - 1], indexed[band], indexed[band + 1]]
        for start in bands[band]:
            for legs in search.from_transfer(start):
                members = [leg[2] for leg in legs]
                first = members.index(min(members))
                loop = tuple(members[first:] + members[:first])
                if loop not in loops:
                    loops[loop] = legs
    hits = []
    for loop, legs in loops.items():
        times = [leg[0] for leg in legs]
        metrics = {
            "members": list(loop),
            "length": len(loop),
            "amount_fen": legs[0][1],
            "returned_fen": legs[-1][1],
            "span_days": round((max(times) - min(times)) / _DAY, 2),
        }
        back = min(1.0, legs[-1][1] / legs[0][1])
        score = round(strength(len(loop), min_length) * back, 4)
        hits.append((loop[0], score, metrics, {"txn": [leg[4] for leg in legs]}))
    params = {
        "min_length": min_length,
        "max_length": max_length,
        "tolerance": tolerance,
        "window_days": window_days,
        "time_ordered": time_ordered,
        "min_amount_fen": min_amount_fen,
    }
    findings = _findings(conn, "money_cycle", hits, params)
    refs = entity_refs(conn, (m for f in findings for m in f.metrics["members"]))
    for f in findings:
        keys = [refs[m].key or f"#{m}" for m in f.metrics["members"]]
        f.metrics["member_keys"] = keys
        f.identity = "money_cycle:" + ">".join(keys)
    return findings


def _by_payer(transfers: list[tuple]) -> dict[int, tuple[list[int], list[tuple]]]:
    """Time-ordered transfers by payer: payer -> (their times, the transfers)."""
    out: dict[int, tuple[list[int], list[tuple]]] = {}
    for tr in transfers:
        entry = out.get(tr[2])
        if entry is None:
            entry = out[tr[2]] = ([], [])
        entry[0].append(tr[0])
        entry[1].append(tr)
    return out


class _LoopSearch:
    """Depth-first search for loops of fitting transfers through slices of the case."""

    def __init__(self, min_length, max_length, tolerance, window_s, time_ordered):
        self.min_length = min_length
        self.max_length = max_length
        self.tolerance = tolerance
        self.window_s = window_s
        self.time_ordered = time_ordered
        #: Transfers by payer, one mapping per band of amount (see :func:`_by_payer`).
        self.slices: list[dict[int, tuple[list[int], list[tuple]]]] = []

    def from_transfer(self, start: tuple) -> list[list[tuple]]:
        """Loops (their transfers, in order) that begin with ``start``."""
        t0, fen0, home, first_payee = start[0], start[1], start[2], start[3]
        lo, hi = fen0 / (1 + self.tolerance), fen0 * (1 + self.tolerance)
        earliest = t0 if self.time_ordered else t0 - self.window_s
        latest = t0 + self.window_s
        ordered, min_length, max_length = self.time_ordered, self.min_length, self.max_length
        slices = self.slices
        legs = [start]
        visited = {home, first_payee}
        found: list[list[tuple]] = []

        def step(card: int, after: int) -> None:
            for by_payer in slices:
                entry = by_payer.get(card)
                if entry is None:
                    continue
                times, trs = entry
                for i in range(bisect_left(times, after if ordered else earliest), len(trs)):
                    tr = trs[i]
                    if tr[0] > latest:
                        break
                    if not lo <= tr[1] <= hi:
                        continue
                    nxt = tr[3]
                    if nxt == home:
                        if len(legs) + 1 >= min_length:
                            found.append([*legs, tr])
                    elif nxt not in visited and len(legs) + 1 < max_length:
                        legs.append(tr)
                        visited.add(nxt)
                        step(nxt, tr[0])
                        legs.pop()
                        visited.discard(nxt)

        step(first_payee, t0)
        return found
