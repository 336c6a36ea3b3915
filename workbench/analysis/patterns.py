"""Fraud patterns: the signs case squads and banks look for, each with a score and evidence.

Every detector takes the store and its parameters (defaults suit Chinese telecom-fraud
cases) and returns :class:`Finding` objects: which entity, how strongly (``score``), the
measures behind it (``metrics``), the parameters used, and the ids of the transaction, call
and link rows that show it (``evidence``, capped).

The money detectors read the transactions once as numpy columns and sort them by payer and
by payee, then time (:class:`_Ledger`, shared by :func:`find_patterns`): each question ("what
left this card in the hour after each inflow") is then a binary search and a difference of
running totals for all cards at once, so the cost grows with the number of transactions
and not faster (ten million in seconds, about 60 bytes each). SQLite is asked again only
for what the findings show: their evidence rows and stored times. The phone and people
detectors are SQL aggregates over calls and links.

A finding's ``identity`` (pattern + the entity's natural key) is stable across runs, so an
analyst's verdict (confirmed / dismissed) stored against it still applies after the case
grows.

Scores lie in (0, 1]. For a detector with a count as its main measure (payers, SIMs,
withdrawals...) the score is :func:`strength`: 0.5 when the count just meets its threshold,
0.75 at twice the threshold, 0.9 at five times; the detectors' docstrings name the measure.

The detectors live by concern: the money detectors here, on the columns of :mod:`.ledger`;
the phone, people and call-record detectors in :mod:`.phones`; the loops of
:func:`money_cycles` in :mod:`.loops`; :class:`Finding` and the helpers all of them share in
:mod:`.findings_base`. This module runs them (:func:`find_patterns`, :class:`PatternRun`) and
exports them all.
"""

from __future__ import annotations

import inspect
import json
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np

from ..store import CaseStore
from ._common import AnalysisError, connection, shift_ts, strength
from .columns import _CASH
from .findings_base import EVIDENCE_CAP, Finding, _check_positive, _findings
from .findings_base import _defaults as _defaults
from .ledger import (
    _ACCOUNT_KINDS_SQL,
    _DAY,
    _SPAN,
    _TIME_BITS,
    _busiest_windows,
    _date,
    _day_number,
    _group_starts,
    _Ledger,
    _sums,
    _ts_of,
)
from .ledger import _best_window as _best_window
from .loops import money_cycles as money_cycles
from .phones import card_hoarder as card_hoarder
from .phones import companion as companion
from .phones import handset_many_sims as handset_many_sims
from .phones import hot_number as hot_number
from .phones import phone_switch as phone_switch
from .phones import sim_many_handsets as sim_many_handsets

# The ``name as name`` imports above export from here what the other modules now hold,
# as before the split (``workbench.analysis`` and the benchmarks import them from here).

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
    return _fast_in_fast_out(
        store, None, window_minutes=window_minutes, min_inflow_fen=min_inflow_fen,
        pass_ratio=pass_ratio, min_events=min_events, whole_ratio=whole_ratio,
        whole_minutes=whole_minutes,
    )  # fmt: skip


def _fast_in_fast_out(
    store, ledger, *, window_minutes, min_inflow_fen, pass_ratio, min_events, whole_ratio,
    whole_minutes,
) -> list[Finding]:  # fmt: skip
    _check_positive(
        window_minutes=window_minutes, min_inflow_fen=min_inflow_fen, min_events=min_events,
        whole_ratio=whole_ratio, whole_minutes=whole_minutes,
    )  # fmt: skip
    if whole_minutes > window_minutes:
        raise AnalysisError("whole minutes", whole_minutes, "must not exceed the window")
    if whole_ratio < pass_ratio:
        raise AnalysisError("whole ratio", whole_ratio, "must not be below the pass ratio")
    params = {
        "window_minutes": window_minutes,
        "min_inflow_fen": min_inflow_fen,
        "pass_ratio": pass_ratio,
        "min_events": min_events,
        "whole_ratio": whole_ratio,
        "whole_minutes": whole_minutes,
    }
    conn = connection(store)
    ledger = _Ledger.read(conn) if ledger is None else ledger
    ins, outs = ledger.by_payee, ledger.by_payer
    # The sizeable inflows, by card and time: each one's window ends before the next.
    at = ins.transfers(min_inflow_fen)
    card, t, fen = ins.party[at].astype(np.int64), ins.rel_at(at), ins.fen_at(at)
    following = np.full(len(at), _SPAN, dtype=np.int64)
    same = np.flatnonzero(card[1:] == card[:-1])
    following[same] = t[same + 1]

    def windows(minutes: float, which=slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """Each inflow's outflows from its arrival for ``minutes``, before the next one."""
        end = np.minimum(t[which] + int(minutes * 60), following[which] - 1)
        return outs.between(card[which], t[which], end)

    a, b = windows(window_minutes)
    out = outs.total(a, b)
    fast = out >= pass_ratio * fen
    starts = _group_starts(card)
    sizes = np.diff(np.r_[starts, len(at)]).astype(np.int64)
    total, passed = _sums(fen, starts), _sums(np.minimum(out, fen), starts)
    n_fast = _sums(fast, starts)
    keep = (n_fast > 0) & ~(passed < pass_ratio * total)
    # A whole inflow passed on quickly is enough on its own; looked for only where the
    # count falls short.
    ask = np.flatnonzero(
        np.repeat(keep & (n_fast < min_events), sizes) & fast & (out >= whole_ratio * fen)
    )
    whole = np.zeros(len(at), dtype=bool)
    whole[ask] = outs.total(*windows(whole_minutes, ask)) >= whole_ratio * fen[ask]
    n_whole = _sums(whole, starts)
    hits = []
    for g in np.flatnonzero(keep & ((n_fast >= min_events) | (n_whole > 0))).tolist():
        first = int(starts[g])
        fast_at = first + np.flatnonzero(fast[first : first + sizes[g]])
        evidence_out: list[int] = []
        for k in fast_at[:EVIDENCE_CAP].tolist():
            evidence_out += outs.ids(np.arange(a[k], min(b[k], a[k] + EVIDENCE_CAP))).tolist()
        total_g, passed_g = int(total[g]), int(passed[g])
        metrics = {
            "inflows": int(sizes[g]),
            "fast_inflows": len(fast_at),
            "inflow_fen": total_g,
            "passed_fen": passed_g,
            "pass_share": round(passed_g / total_g, 4),
        }
        if n_fast[g] < min_events:
            metrics["whole_inflows"] = int(n_whole[g])
        evidence = {"txn": ins.ids(at[fast_at]).tolist() + evidence_out}
        score = strength(len(fast_at) * (passed_g / total_g) / pass_ratio, 1)
        hits.append((int(card[first]), score, metrics, evidence))
    return _findings(conn, "fast_in_fast_out", hits, params)


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
    return _fan_in(
        store, None, window_days=window_days, min_payers=min_payers, min_inflows=min_inflows,
        min_amount_fen=min_amount_fen, pass_ratio=pass_ratio, out_days=out_days,
    )  # fmt: skip


def _fan_in(
    store, ledger, *, window_days, min_payers, min_inflows, min_amount_fen, pass_ratio, out_days
) -> list[Finding]:
    _check_positive(window_days=window_days, min_payers=min_payers, out_days=out_days)
    params = {
        "window_days": window_days,
        "min_payers": min_payers,
        "min_inflows": min_payers if min_inflows is None else min_inflows,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "out_days": out_days,
    }
    conn = connection(store)
    ledger = _Ledger.read(conn) if ledger is None else ledger
    ins, outs = ledger.by_payee, ledger.by_payer
    found = _busiest_windows(ins, min_amount_fen, window_days, params["min_inflows"], min_payers)
    # What left each card by out_days after its window, all cards at once; SQLite then
    # gives the evidence of those that pass.
    a, b = outs.between(
        found.card,
        ins.rel_at(found.at[found.first]),
        ins.rel_at(found.at[found.last]) + math.floor(out_days * _DAY),
    )
    passed = ~(outs.total_apart(a, b) < pass_ratio * found.flow)
    hits = []
    for k in np.flatnonzero(passed).tolist():
        card, payers, inflow = int(found.card[k]), int(found.counterparts[k]), int(found.flow[k])
        ids = ins.ids(found.positions(k)).tolist()
        ts = _ts_of(conn, (ids[0], ids[-1]))
        moved = _movements(conn, card, "payer_id", ts[ids[0]], _end(ts[ids[-1]], out_days))
        outflow = sum(r[2] for r in moved)
        if outflow < pass_ratio * inflow:
            continue
        metrics = {
            "payers": payers,
            "inflows": len(ids),
            "inflow_fen": inflow,
            "outflow_fen": outflow,
            "payees": len({r[1] if r[1] is not None else r[3] for r in moved}),
            "first": ts[ids[0]],
            "last": ts[ids[-1]],
        }
        evidence = {"txn": ids + [r[0] for r in moved]}
        hits.append((card, strength(payers, min_payers), metrics, evidence))
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
    return _fan_out(
        store, None, window_days=window_days, min_payees=min_payees,
        min_amount_fen=min_amount_fen, pass_ratio=pass_ratio, in_days=in_days,
    )  # fmt: skip


def _fan_out(
    store, ledger, *, window_days, min_payees, min_amount_fen, pass_ratio, in_days
) -> list[Finding]:
    _check_positive(
        window_days=window_days, min_payees=min_payees, pass_ratio=pass_ratio, in_days=in_days
    )
    params = {
        "window_days": window_days,
        "min_payees": min_payees,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "in_days": in_days,
    }
    conn = connection(store)
    ledger = _Ledger.read(conn) if ledger is None else ledger
    ins, outs = ledger.by_payee, ledger.by_payer

    def matches(outflow, inflow) -> np.ndarray:
        """Whether what went out is within pass_ratio of what came in (arrays)."""
        outflow, inflow = np.asarray(outflow), np.asarray(inflow)
        ratio = outflow / np.where(inflow == 0, 1, inflow)
        return (inflow != 0) & (pass_ratio <= ratio) & (ratio <= 1 / pass_ratio)

    found = _busiest_windows(outs, min_amount_fen, window_days, min_payees, min_payees)
    # What came in from in_days before each card's window to its end, all cards at once
    # (the fraction of a second dropped, as when the stored time is moved back).
    a, b = ins.between(
        found.card,
        outs.rel_at(found.at[found.first]) + math.floor(-in_days * _DAY),
        outs.rel_at(found.at[found.last]),
    )
    hits = []
    for k in np.flatnonzero(matches(found.flow, ins.total_apart(a, b))).tolist():
        card, payees, outflow = int(found.card[k]), int(found.counterparts[k]), int(found.flow[k])
        ids = outs.ids(found.positions(k)).tolist()
        ts = _ts_of(conn, (ids[0], ids[-1]))
        moved = _movements(conn, card, "payee_id", _end(ts[ids[0]], -in_days), ts[ids[-1]])
        inflow = sum(r[2] for r in moved)
        payers = len({r[1] if r[1] is not None else r[3] for r in moved})
        if not matches(outflow, inflow) or 2 * payers > payees:
            continue
        metrics = {
            "payees": payees,
            "outflows": len(ids),
            "outflow_fen": outflow,
            "inflow_fen": inflow,
            "payers": payers,
            "first": ts[ids[0]],
            "last": ts[ids[-1]],
        }
        evidence = {"txn": ids + [r[0] for r in moved]}
        hits.append((card, strength(payees, min_payees), metrics, evidence))
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
    return _late_night_cash(
        store, None, start_hour=start_hour, end_hour=end_hour, min_withdrawals=min_withdrawals
    )


def _late_night_cash(store, ledger, *, start_hour, end_hour, min_withdrawals) -> list[Finding]:
    if not (0 <= start_hour <= 23 and 0 <= end_hour <= 24 and start_hour != end_hour):
        raise AnalysisError("night hours", (start_hour, end_hour), "must be two different hours")
    _check_positive(min_withdrawals=min_withdrawals)
    params = {"start_hour": start_hour, "end_hour": end_hour, "min_withdrawals": min_withdrawals}
    conn = connection(store)
    ledger = _Ledger.read(conn) if ledger is None else ledger
    wraps = start_hour > end_hour
    # Cash withdrawals by card, then time: each card's list comes out in time order.
    outs = ledger.by_payer
    cash = np.flatnonzero((outs.other == _CASH) & (outs.party > 0))
    secs = outs.rel_at(cash) + ledger.base
    hour = secs % _DAY // 3_600
    if wraps:
        at_night = (hour >= start_hour) | (hour < end_hour)
    else:
        at_night = (hour >= start_hour) & (hour < end_hour)
    # The night a withdrawal belongs to: after midnight it is the previous evening's.
    at, secs, hour = cash[at_night], secs[at_night], hour[at_night]
    night = secs // _DAY - (wraps & (hour < end_hour))
    ids = outs.ids(at)
    place = _night_places(conn, ids)
    card = outs.party[at].astype(np.int64)
    crew = _crews(place, night, card) - 1
    # Per card (the rows are by card, then time).
    starts = _group_starts(card)
    count = np.diff(np.r_[starts, len(at)])
    first_night = np.r_[True, (card[1:] != card[:-1]) | (night[1:] != night[:-1])]
    fen = outs.fen_at(at)
    # What each card's rows add up to, all cards at once; Python only for the places.
    flagged = np.flatnonzero(count >= min_withdrawals)
    first, last = starts[flagged], starts[flagged] + count[flagged]
    amount = _sums(fen, starts)[flagged].tolist()
    nights = _sums(first_night, starts)[flagged].tolist()
    companions = np.maximum.reduceat(crew, starts)[flagged].tolist() if len(starts) else []
    hits = []
    for k, (a, b) in enumerate(zip(first.tolist(), last.tolist(), strict=True)):
        seen = Counter(p for p in place[a:b] if p)
        metrics = {
            "withdrawals": b - a,
            "amount_fen": amount[k],
            "nights": nights[k],
            "places": [p.decode() for p, _ in seen.most_common(5)],
            "companions": companions[k],
        }
        score = strength(b - a, min_withdrawals)
        hits.append((int(card[a]), score, metrics, {"txn": ids[a:b].tolist()}))
    return _findings(conn, "late_night_cash", hits, params)


def _crews(place: np.ndarray, night: np.ndarray, card: np.ndarray) -> np.ndarray:
    """For each withdrawal, the cards that withdrew at its place on its night (1 where
    the place is not known); ``place`` as :func:`_night_places` gives them."""
    if not len(place):
        return np.ones(0, dtype=np.int64)
    # Fixed-width bytes sort as numpy strings: one number per place.
    _, code = np.unique(place.astype(np.bytes_), return_inverse=True)
    spot = code.reshape(-1).astype(np.int64)
    first = int(night.min(initial=0))
    spot = spot * (int(night.max(initial=0)) - first + 1) + night - first
    crew = np.ones(len(place), dtype=np.int64)
    known = np.flatnonzero(place != b"")
    order = known[np.lexsort((card[known], spot[known]))]
    new_spot = np.r_[True, spot[order][1:] != spot[order][:-1]]
    new_card = new_spot | np.r_[True, card[order][1:] != card[order][:-1]]
    starts = np.flatnonzero(new_spot)
    sizes = np.add.reduceat(new_card.astype(np.int64), starts) if len(starts) else starts
    crew[order] = np.repeat(sizes, np.diff(np.r_[starts, len(order)]))
    return crew


def _night_places(conn, ids: np.ndarray) -> np.ndarray:
    """The places of the transactions ``ids``, as UTF-8 bytes (``b""`` where not known) in
    an array of objects.

    One query looks the rows up by id (a few hundred thousand at ten million transactions:
    faster than walking the exits of the payee index for the night's hours).
    """
    out = np.full(len(ids), b"", dtype=object)
    if not len(ids):
        return out
    if hasattr(conn, "copy_out"):  # a server case: plain rows, no text to cast
        rows = conn.execute(
            "SELECT id, place FROM txn WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids.tolist()),),
        ).fetchall()
        found = np.array([r[0] for r in rows], dtype=np.int64)
        text = b"\xff".join((r[1] or "").encode() for r in rows)
    else:
        found, text = conn.execute(
            "SELECT CAST(group_concat(id) AS BLOB), CAST(group_concat(place, X'FF') AS BLOB) "
            "FROM txn WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids.tolist()),),
        ).fetchone()
        found = np.fromstring(found or b"", dtype=np.int64, sep=",")
    if len(found) != len(ids):  # rows deleted since the case was read
        raise AnalysisError("transactions", len(ids), "changed while being read; run again")
    # 0xFF never occurs in UTF-8 text: a separator no place can contain.
    places = np.empty(len(found), dtype=object)
    places[:] = text.split(b"\xff")
    order = np.argsort(found)
    out[:] = places[order[np.searchsorted(found, ids, sorter=order)]]
    return out


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
    return _new_account_burst(
        store, None, days=days, min_txns=min_txns, min_amount_fen=min_amount_fen,
        settle_days=settle_days,
    )  # fmt: skip


def _new_account_burst(
    store, ledger, *, days, min_txns, min_amount_fen, settle_days
) -> list[Finding]:
    _check_positive(days=days, min_txns=min_txns, min_amount_fen=min_amount_fen)
    if settle_days < 0:
        raise AnalysisError("settle days", settle_days, "must not be negative")
    params = {
        "days": days,
        "min_txns": min_txns,
        "min_amount_fen": min_amount_fen,
        "settle_days": settle_days,
    }
    conn = connection(store)
    ledger = _Ledger.read(conn) if ledger is None else ledger
    if not len(ledger):
        return []
    days = int(days)
    outs, ins = ledger.by_payer, ledger.by_payee
    # Accounts with an opening date on record: the first days' bounds (an unreadable date
    # gives none, so no transaction counts).
    on_record = []
    for eid, opened in conn.execute(
        "SELECT id, json_extract(attrs, '$.opened_on') FROM entity "
        f"WHERE kind IN {_ACCOUNT_KINDS_SQL} AND json_extract(attrs, '$.opened_on') IS NOT NULL"
    ).fetchall():
        start = str(opened)[:10]
        day = _day_number(start)
        on_record.append((eid, start, *((None, None) if day is None else
                                        (day * _DAY, (day + days) * _DAY))))  # fmt: skip
    known = {r[0]: r for r in on_record}
    accounts = np.sort(np.array(
        [r[0] for r in conn.execute(f"SELECT id FROM entity WHERE kind IN {_ACCOUNT_KINDS_SQL}")],
        dtype=np.int64,
    ))  # fmt: skip
    # The others open on the day of their first transaction, unless that is too close to
    # the start of the evidence.
    seen_at = np.full(len(accounts), np.iinfo(np.int64).max)
    for side in (outs, ins):
        first = np.searchsorted(side.key, accounts << _TIME_BITS)
        there = first < len(side.key)
        there[there] = side.party[first[there]] == accounts[there]
        seen_at[there] = np.minimum(seen_at[there], side.rel_at(first[there]))
    settled = (ledger.base // _DAY) + math.floor(settle_days)
    first_day = (seen_at + ledger.base) // _DAY
    unknown = ~np.isin(accounts, np.fromiter(known, dtype=np.int64, count=len(known)))
    counted = unknown & (seen_at < np.iinfo(np.int64).max) & (first_day >= settled)
    cards = [accounts[counted]]
    lo = [first_day[counted] * _DAY - ledger.base]
    hi = [(first_day[counted] + days) * _DAY - ledger.base]
    starts = [_date(d) for d in first_day[counted].tolist()]
    readable = [r for r in on_record if r[3] is not None and r[2] is not None]
    cards.append(np.array([r[0] for r in readable], dtype=np.int64))
    lo.append(np.array([r[2] for r in readable], dtype=np.int64) - ledger.base)
    hi.append(np.array([r[3] for r in readable], dtype=np.int64) - ledger.base)
    starts += [r[1] for r in readable]
    card, lo, hi = (np.concatenate(x) for x in (cards, lo, hi))
    order = np.lexsort((lo, card))
    card, lo, hi = card[order], lo[order], hi[order]
    starts = [starts[k] for k in order.tolist()]
    a, b = outs.between(card, lo, hi - 1)
    n = b - a  # a transfer from a card to itself counts out and in, as it shows twice
    a, b = ins.between(card, lo, hi - 1)
    n, received = n + b - a, ins.total(a, b)
    hits = []
    flagged = np.flatnonzero((n >= min_txns) | (received >= min_amount_fen))
    for k in flagged.tolist():
        c, start = int(card[k]), starts[k]
        score = max(strength(int(n[k]), min_txns), strength(int(received[k]), min_amount_fen))
        evidence = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM txn WHERE payer_id = :c AND ts >= :s AND ts < :e "
                f"UNION SELECT id FROM txn WHERE payee_id = :c AND ts >= :s AND ts < :e "
                f"ORDER BY 1 LIMIT {EVIDENCE_CAP}",
                {"c": c, "s": start, "e": _date(_day_number(start) + days)},
            )
        ]
        metrics = {
            "opened_on": start,
            "opening_from": "account record" if c in known else "first transaction",
            "txns": int(n[k]),
            "received_fen": int(received[k]),
        }
        hits.append((c, score, metrics, {"txn": evidence}))
    return _findings(conn, "new_account_burst", hits, params)


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

#: The detectors that read the transactions as columns, each taking a shared ledger.
_ON_LEDGER = {
    "fast_in_fast_out": _fast_in_fast_out,
    "fan_in": _fan_in,
    "fan_out": _fan_out,
    "late_night_cash": _late_night_cash,
    "new_account_burst": _new_account_burst,
}


def find_patterns(
    store: CaseStore,
    patterns: Iterable[str] = PATTERNS,
    params: dict[str, dict] | None = None,
) -> list[Finding]:
    """Run detectors and return their findings: by pattern (in ``PATTERNS`` order), then
    strongest first. ``params`` maps a pattern to keyword arguments of its detector. The
    money detectors share one reading of the transactions (see :class:`PatternRun`, which
    runs the same a pattern at a time).

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
    run = PatternRun(patterns, params)
    return [f for name in run.patterns for f in run.find(store, name)]


class PatternRun:
    """:func:`find_patterns` a pattern at a time, for a caller that reports progress or
    may stop between patterns (the findings panel): ``find(store, name)`` for each name in
    ``patterns`` gives, in turn, what :func:`find_patterns` returns in one list.

    The money detectors of one run share one reading of the transactions: the first of
    them reads it, the last lets it go (at ten million transactions it holds about 600 MB).
    ``ledger_reads`` counts the readings; ``seconds`` holds what each pattern took, the
    reading apart (under ``"ledger"``).

    >>> run = PatternRun(["hot_number", "fan_in", "fast_in_fast_out"])
    >>> run.patterns
    ['fast_in_fast_out', 'fan_in', 'hot_number']
    """

    def __init__(self, patterns: Iterable[str] = PATTERNS, params: dict[str, dict] | None = None):
        patterns = list(patterns)
        self.params = dict(params or {})
        unknown = set(self.params) - set(DETECTORS) | set(patterns) - set(DETECTORS)
        if unknown:
            raise AnalysisError("pattern", sorted(unknown)[0], "not a known pattern")
        #: The patterns to run, in ``PATTERNS`` order.
        self.patterns = [name for name in PATTERNS if name in set(patterns)]
        self._on_ledger = [name for name in self.patterns if name in _ON_LEDGER]
        self._ledger: _Ledger | None = None
        self._read_from: sqlite3.Connection | None = None
        self.ledger_reads = 0
        self.seconds: dict[str, float] = {}

    @property
    def holds_ledger(self) -> bool:
        """Whether the run holds a reading of the transactions (between its first and its
        last money pattern)."""
        return self._ledger is not None

    def release(self) -> None:
        """Let go of the reading of the transactions (a run stopped half-way holds it)."""
        self._ledger, self._read_from = None, None

    def find(self, store: CaseStore, name: str) -> list[Finding]:
        """The findings of one pattern of the run, strongest first."""
        if name not in self.patterns:
            raise AnalysisError("pattern", name, "not in this run")
        given = self.params.get(name, {})
        if name not in _ON_LEDGER:
            t0 = time.perf_counter()
            found = DETECTORS[name](store, **given)
            self.seconds[name] = round(time.perf_counter() - t0, 3)
            return found
        # Parameters are checked as the detector's own signature does, before reading.
        bound = inspect.signature(DETECTORS[name]).bind(store, **given)
        bound.apply_defaults()
        conn = connection(store)
        if self._ledger is None or self._read_from is not conn:
            self._ledger, self._read_from = None, None  # the old one goes before the new
            t0 = time.perf_counter()
            self._ledger, self._read_from = _Ledger.read(conn), conn
            self.seconds["ledger"] = round(time.perf_counter() - t0, 3)
            self.ledger_reads += 1
        ledger = self._ledger
        if name == self._on_ledger[-1]:
            self._ledger, self._read_from = None, None
        t0 = time.perf_counter()
        found = _ON_LEDGER[name](store, ledger, **bound.kwargs)
        self.seconds[name] = round(time.perf_counter() - t0, 3)
        return found
