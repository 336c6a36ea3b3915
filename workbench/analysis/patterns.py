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
"""

from __future__ import annotations

import inspect
import json
import math
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import numpy as np

from ..model import ACCOUNT_KINDS
from ..store import CaseStore
from . import calls as calls_analysis
from ._common import AnalysisError, connection, entity_refs, shift_ts, strength
from .columns import _CASH, _read_columns

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


# ---------------------------------------------------------------------- columns

#: Bits of a sort key that hold the seconds since the case's first transaction (544 years);
#: the entity id sits above them, so one int64 orders rows by entity, then time.
_TIME_BITS = 34
_SPAN = 1 << _TIME_BITS
_TIME_MASK = _SPAN - 1
#: Entity ids must leave the sign bit of a key alone.
_MAX_ENTITY = 1 << (63 - _TIME_BITS)
#: A transfer between two accounts, as SQL.
_TRANSFER = "payer_id IS NOT NULL AND payee_id IS NOT NULL AND payer_id <> payee_id"
#: Accounts money moves through (bank cards, payment accounts, wallets) as an SQL list.
_ACCOUNT_KINDS_SQL = "(" + ", ".join(f"'{k}'" for k in ACCOUNT_KINDS) + ")"


class _Side:
    """The transactions ordered by one party (payer or payee), then time, then id.

    ``key`` packs party and time (``party << _TIME_BITS | seconds since the first``), so
    that one binary search of numpy answers "this card's rows between t1 and t2" for a
    million cards at once; ``cum`` (the running total of amounts in that order) sums them.
    """

    def __init__(self, ledger: _Ledger, key: np.ndarray, other: np.ndarray, fen: np.ndarray):
        import polars as pl

        # polars sorts and gathers on all cores; equal keys keep their (id) order.
        ordered = (
            pl.DataFrame({"key": key, "other": other, "fen": fen})
            .with_row_index("row")
            .sort("key", maintain_order=True)
        )
        self.ledger = ledger
        self.key = ordered["key"].to_numpy()
        #: The ledger row (id order) at each position.
        self.row = ordered["row"].to_numpy()
        #: The counterpart at each position (the payee on the payer side).
        self.other = ordered["other"].to_numpy()
        self.cum = np.zeros(len(self.key) + 1, dtype=np.int64)
        np.cumsum(ordered["fen"].to_numpy(), out=self.cum[1:])
        del ordered
        self.party = (self.key >> _TIME_BITS).astype(np.int32)
        # Transfers from a card to itself, which some sums leave out: few, kept apart.
        self._own_at = np.flatnonzero(self.other == self.party)
        self._own_cum = np.r_[0, np.cumsum(self.fen_at(self._own_at))]
        self._transfers: dict[float, np.ndarray] = {}

    @property
    def fen(self) -> np.ndarray:
        """The amount at each position."""
        return np.diff(self.cum)

    def transfers(self, min_amount: float) -> np.ndarray:
        """Positions of the transfers of ``min_amount`` or more between two accounts (not
        from a card to itself), kept for the next detector that asks the same (fast in,
        fast out and fan-in both look at the inflows of 500 yuan or more)."""
        at = self._transfers.get(min_amount)
        if at is None:
            party, other = self.party, self.other
            at = np.flatnonzero(
                (party > 0) & (other > 0) & (other != party) & (self.fen >= min_amount)
            )
            self._transfers[min_amount] = at
        return at

    def fen_at(self, positions) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64)
        return self.cum[positions + 1] - self.cum[positions]

    def rel_at(self, positions) -> np.ndarray:
        """Seconds since the case's first transaction at ``positions``."""
        return self.key[positions] & _TIME_MASK

    def ids(self, positions) -> np.ndarray:
        """Transaction ids at ``positions``."""
        return self.ledger.ids_at(self.row[positions])

    def between(self, party, lo, hi) -> tuple[np.ndarray, np.ndarray]:
        """Position ranges [a, b) of each party's rows from ``lo`` to ``hi`` seconds
        (inclusive, relative to the case's first transaction). Searches are fastest when
        (party, lo) comes in ascending order."""
        party = np.asarray(party, dtype=np.int64) << _TIME_BITS
        a = np.searchsorted(self.key, party + np.clip(lo, 0, _SPAN))
        b = np.searchsorted(self.key, party + np.clip(np.asarray(hi) + 1, 0, _SPAN))
        return a, np.maximum(a, b)

    def total(self, a, b) -> np.ndarray:
        """What the rows in position ranges [a, b) amount to."""
        return self.cum[b] - self.cum[a]

    def total_apart(self, a, b) -> np.ndarray:
        """The same, leaving out transfers from a card to itself."""
        own = self._own_cum
        within = own[np.searchsorted(self._own_at, b)] - own[np.searchsorted(self._own_at, a)]
        return self.total(a, b) - within


class _Ledger:
    """Every transaction of a case as numpy columns, ordered by payer and by payee.

    Read once (:func:`_read_columns`) and shared by the money detectors that
    :func:`find_patterns` runs. Only the ids stay in id order; the rest lives in the two
    orders (:class:`_Side`), about 60 bytes a transaction in all.
    """

    def __init__(self, columns: list[np.ndarray]):
        # The columns of _read_columns, taken over: each is let go once used.
        ids, payer, payee, fen, secs = columns
        columns.clear()
        self.base = int(secs.min()) if len(secs) else 0
        if len(secs) and int(secs.max()) - self.base >= _SPAN:
            raise AnalysisError(
                "transaction times", (_date(self.base // _DAY), _date(int(secs.max()) // _DAY)),
                "span more than 500 years",
            )  # fmt: skip
        parties = max(int(payer.max(initial=0)), int(payee.max(initial=0)))
        if parties >= _MAX_ENTITY:
            raise AnalysisError("entity id", parties, "too large for the money detectors")
        self._n = len(ids)
        # Ids without gaps (as imports write them) are the first id plus the row.
        dense = self._n and int(ids[-1]) - int(ids[0]) + 1 == self._n
        self._first_id = int(ids[0]) if dense else None
        self._ids = None if dense else ids
        del ids
        secs -= self.base
        #: A card's outflows (exits included) in time order.
        self.by_payer = _Side(self, (payer.astype(np.int64) << _TIME_BITS) | secs, payee, fen)
        # The payee side's key takes the place of the seconds, used for the last time.
        np.bitwise_or(payee.astype(np.int64) << _TIME_BITS, secs, out=secs)
        #: A card's inflows in time order.
        self.by_payee = _Side(self, secs, payer, fen)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> _Ledger:
        return cls(list(_read_columns(conn)))

    def __len__(self) -> int:
        return self._n

    def ids_at(self, rows) -> np.ndarray:
        """Transaction ids of ledger rows (id order)."""
        if self._ids is None:
            return np.asarray(rows, dtype=np.int64) + self._first_id
        return self._ids[rows]


def _argsort(key: np.ndarray) -> np.ndarray:
    """Positions that sort ``key``, equal keys in their original order (polars sorts on all
    cores, about twice as fast as numpy's stable sort)."""
    import polars as pl

    return (
        pl.DataFrame({"key": key})
        .with_row_index()
        .sort("key", maintain_order=True)["index"]
        .to_numpy()
    )


def _date(day: int) -> str:
    """``YYYY-MM-DD`` of a day counted from 1970-01-01."""
    return (date(1970, 1, 1) + timedelta(days=int(day))).isoformat()


def _day_number(text: str) -> int | None:
    """Days since 1970-01-01 of ``YYYY-MM-DD``, None when it is no date. A day past the
    month's end runs on into the next month, as SQLite's date functions count it."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    except ValueError:
        return None
    if not (text[:4] + text[5:7] + text[8:10]).isdigit() or not (1 <= month <= 12):
        return None
    if not 1 <= day <= 31 or year < 1:
        return None
    return (date(year, month, 1) - date(1970, 1, 1)).days + day - 1


def _group_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins in ``values``."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


def _ts_of(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    """Stored timestamps of some transactions."""
    ids = sorted({int(i) for i in ids})
    return dict(
        conn.execute(
            "SELECT id, ts FROM txn WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
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


def _sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of each run of ``values`` that begins at one of ``starts``."""
    if not len(starts):
        return np.zeros(0, dtype=np.int64)
    return np.add.reduceat(values.astype(np.int64, copy=False), starts)


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


@dataclass
class _Windows:
    """Each card's busiest window (:func:`_busiest_windows`), as arrays in card order."""

    #: The transfers looked at, as positions of the side.
    at: np.ndarray
    card: np.ndarray
    counterparts: np.ndarray
    #: Indexes into ``at`` of each window's first and last transfer.
    first: np.ndarray
    last: np.ndarray
    #: What each window's transfers amount to.
    flow: np.ndarray

    def positions(self, k: int) -> np.ndarray:
        """The side positions of window ``k``'s transfers."""
        return self.at[self.first[k] : self.last[k] + 1]


def _busiest_windows(
    side: _Side, min_amount: int, window_days: float, min_count: int, min_distinct: int
) -> _Windows:
    """Each card's busiest window (:func:`_best_window`) of transfers of ``min_amount`` or
    more, for the cards where it has ``min_distinct`` counterparts.

    A window cannot have more counterparts than transfers: a binary search per transfer
    counts those in the window it closes, and only the span of each card's transfers from
    the first window holding enough of them to the last is walked one transfer at a time
    (a window outside that span cannot be the busiest of a card that qualifies).
    """
    at = side.transfers(min_amount)
    key = side.key[at]
    window_s = window_days * _DAY
    # t - window_s <= t' for whole seconds t' exactly when t - floor(window_s) <= t'.
    opens = np.searchsorted(key, key - np.minimum(math.floor(window_s), key & _TIME_MASK))
    hot = np.flatnonzero(np.arange(len(at)) - opens + 1 >= max(min_count, min_distinct))
    runs = _group_starts(key[hot] >> _TIME_BITS)  # each card's windows that hold enough
    ends = np.r_[runs[1:], len(hot)] - 1 if len(hot) else runs
    found = []
    for start, end in zip(opens[hot[runs]].tolist(), hot[ends].tolist(), strict=True):
        times = (key[start : end + 1] & _TIME_MASK).tolist()
        events = list(zip(times, side.other[at[start : end + 1]].tolist(), strict=True))
        distinct, j, i = _best_window(events, window_s, min_count)
        if distinct >= min_distinct:
            found.append((distinct, start + j, start + i))
    distinct, first, last = np.array(found, dtype=np.int64).reshape(-1, 3).T
    running = np.r_[0, np.cumsum(side.fen_at(at))]
    return _Windows(
        at, key[first] >> _TIME_BITS, distinct, first, last, running[last + 1] - running[first]
    )


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
    explore; it takes all starts a step at a time, with numpy (see :class:`_LoopSearch`).
    Not in :data:`PATTERNS`: a loop is a finding about several cards; its ``entity_id`` is
    the loop's lowest-numbered card, ``metrics['members']`` all of them from there in the
    money's direction, and its ``identity`` names the whole loop. A loop found from several
    of its transfers is reported from the one in the lowest band of amount, then the
    earliest.

    Score: :func:`strength` of the loop's length against ``min_length``, times the share of
    the amount that came back.
    """
    _check_positive(
        min_length=min_length, max_length=max_length, tolerance=tolerance,
        window_days=window_days, min_amount_fen=min_amount_fen,
    )  # fmt: skip
    conn = connection(store)
    transfers = list(_read_columns(conn, f"{_TRANSFER} AND amount_fen >= ?", (min_amount_fen,)))
    search = _LoopSearch(min_length, max_length, tolerance, window_days * _DAY, time_ordered)
    loops: dict[tuple[int, ...], list[tuple]] = {}
    for legs in search.run(transfers):  # the first path found round each loop
        members = [leg[2] for leg in legs]
        first = members.index(min(members))
        loops[tuple(members[first:] + members[:first])] = legs
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


def _bands(fen: np.ndarray, step: float) -> np.ndarray:
    """``int(math.log(fen) / step)`` of each amount (fen >= 1), exactly as Python says it:
    numpy's logarithm may differ in the last bit, which matters only next to a boundary."""
    x = np.log(fen) / step
    band = np.floor(x).astype(np.int64)
    near = np.flatnonzero(np.abs(x - np.rint(x)) < 1e-6)
    band[near] = [int(math.log(f) / step) for f in fen[near].tolist()]
    return band


def _search_sorted(key: np.ndarray, queries: list[np.ndarray], ascending: bool) -> list:
    """``np.searchsorted(key, q)`` for each of ``queries`` (arrays in the same order),
    asked in ascending order: numpy's binary search is many times faster that way."""
    if ascending:
        return [np.searchsorted(key, q) for q in queries]
    order = np.argsort(queries[0])
    out = []
    for q in queries:
        found = np.empty(len(q), dtype=np.int64)
        found[order] = np.searchsorted(key, q[order])
        out.append(found)
    return out


class _LoopSearch:
    """Every loop of fitting transfers, found a step at a time for many paths at once.

    The transfers are sorted by payer, band of amount (the logarithm of the amount in steps
    of ``tolerance``) and time, under one int64 key, so the transfers a path may take next
    (from its last card, in the start's band or the two beside it, in its time window) are
    three ranges found by binary search. A path is one start and the transfers taken since;
    each step turns every path into the paths one transfer longer, closing the loops that
    come home. Starts are taken by payee, band and time, so that their first searches come
    in ascending order, and paths in slices, so that memory stays bounded however many
    there are. What the old depth-first search reported (the first path it found round each
    loop) is then picked by sorting the paths on where that search would have met them.
    """

    #: Candidate transfers examined in one slice of paths.
    SLICE = 1 << 18

    def __init__(self, min_length, max_length, tolerance, window_s, time_ordered):
        self.min_length = min_length
        self.max_length = max_length
        self.tolerance = tolerance
        self.reach = math.floor(window_s)
        self.time_ordered = time_ordered

    def run(self, columns: list[np.ndarray]) -> list[list[tuple]]:
        """The loops among the transfers ``columns`` (ids, payer, payee, fen, seconds, as
        :func:`_read_columns` gives them; taken over), each as the first path round it
        (transfers as (seconds, fen, payer, payee, id) from the start) that a depth-first
        search from each start in turn finds, in that order: starts by band, then (time,
        amount, payer, payee, id); at each step the band below the start's first, then its
        own, then the one above, each in time order."""
        tid, payer, payee, fen, t = columns
        columns.clear()
        payer, payee = payer.astype(np.int64), payee.astype(np.int64)
        if not len(tid):
            return []
        band = _bands(fen, math.log1p(self.tolerance))
        first_t = int(t.min())
        t -= first_t
        self.time_bits = (int(t.max()) + 1).bit_length()
        low = int(band.min())
        self.bands = int(band.max()) - low + 3  # room for the bands beside the outermost
        cards = max(int(payer.max()), int(payee.max())) + 1
        if cards * self.bands >= 1 << (62 - self.time_bits):
            raise AnalysisError(
                "tolerance", self.tolerance, "too fine for a case with this many cards"
            )
        band -= low - 1
        key = ((payer * self.bands + band) << self.time_bits) | t
        order = _argsort(key)
        # Within a second, a payer's transfers in a band go by (amount, payee, id), as the
        # search takes them: then a position here ranks a step among its alternatives.
        tied = key[order][1:] == key[order][:-1]
        if tied.any():
            run = np.flatnonzero(np.r_[tied, False] | np.r_[False, tied])
            order, at = order.copy(), order[run]
            order[run] = at[np.lexsort((tid[at], payee[at], fen[at], key[at]))]
        del key
        self.t, self.fen, self.tid = t[order], fen[order], tid[order]
        self.payer, self.payee, self.band = payer[order], payee[order], band[order]
        del t, fen, tid, payer, payee, band, order
        self.key = ((self.payer * self.bands + self.band) << self.time_bits) | self.t
        #: Paths that came home, by length: (legs, band offsets of the legs after the first).
        self.found: dict[int, list[tuple[np.ndarray, np.ndarray]]] = defaultdict(list)
        self._held, self._limit = 0, self.SLICE
        self._start_rank: np.ndarray | None = None
        starts = _argsort(((self.payee * self.bands + self.band) << self.time_bits) | self.t)
        for k in range(0, len(starts), self.SLICE):
            s = starts[k : k + self.SLICE].astype(np.int64)
            after = self.t[s] if self.time_ordered else self.t[s] - self.reach
            self._step(s, self.payee[s], after, s[:, None], np.c_[self.payer[s], self.payee[s]],
                       np.zeros((len(s), 0), dtype=np.int64), ascending=True)  # fmt: skip
        return self._in_search_order(first_t)

    def _step(self, s, card, after, legs, visited, sides, ascending=False) -> None:
        """Extend the paths (start, last card, earliest next time, legs so far, cards
        visited, band offset of each leg after the first) by one transfer."""
        span = 1 << self.time_bits
        base = (card * self.bands + self.band[s] - 1) << self.time_bits
        lo = base + np.clip(after, 0, span)
        hi = base + np.clip(self.t[s] + self.reach + 1, 0, span)
        shift = [d << self.time_bits for d in range(3)]
        firsts = _search_sorted(self.key, [lo + d for d in shift], ascending)
        lasts = _search_sorted(self.key, [hi + d for d in shift], ascending)
        counts = np.stack([np.maximum(b - a, 0) for a, b in zip(firsts, lasts, strict=True)], 1)
        firsts = np.stack(firsts, 1)
        per_path = counts.sum(axis=1)
        bounds = np.cumsum(per_path)
        begin = 0
        while begin < len(s):
            end = int(np.searchsorted(bounds, bounds[begin] - per_path[begin] + self.SLICE))
            end = max(end, begin + 1)
            self._take(s[begin:end], after[begin:end], legs[begin:end], visited[begin:end],
                       sides[begin:end], firsts[begin:end], counts[begin:end])  # fmt: skip
            begin = end

    def _take(self, s, after, legs, visited, sides, firsts, counts) -> None:
        """Take each path's candidate transfers (``counts`` of them from ``firsts`` in each
        band): keep those that fit the start's amount, close the paths that come home,
        and step on with the others."""
        flat = counts.ravel()
        total = int(flat.sum())
        if not total:
            return
        which = np.repeat(np.arange(len(flat)), flat)  # (path, side) of each candidate
        offset = np.arange(total) - np.repeat(np.cumsum(flat) - flat, flat)
        cand = firsts.ravel()[which] + offset
        path, side = which // 3, which % 3
        start = s[path]
        fen, fen0 = self.fen[cand], self.fen[start]
        fits = (fen0 / (1 + self.tolerance) <= fen) & (fen <= fen0 * (1 + self.tolerance))
        cand, path, side, start = cand[fits], path[fits], side[fits], start[fits]
        nxt = self.payee[cand]
        length = legs.shape[1] + 1
        home = nxt == self.payer[start]
        if length >= self.min_length and home.any():
            self.found[length].append(
                (np.c_[legs[path[home]], cand[home]], np.c_[sides[path[home]], side[home]])
            )
            self._held += int(home.sum())
            if self._held > self._limit:  # many paths round the same loops: keep the first
                self._held = sum(len(self._first_of_each(n)[0]) for n in list(self.found))
                self._limit = max(self.SLICE, 2 * self._held)
        if length >= self.max_length:
            return
        onward = ~home & ~(visited[path] == nxt[:, None]).any(axis=1)
        cand, path, side, start, nxt = (x[onward] for x in (cand, path, side, start, nxt))
        if not len(cand):
            return
        after = self.t[cand] if self.time_ordered else after[path]
        self._step(start, nxt, after, np.c_[legs[path], cand], np.c_[visited[path], nxt],
                   np.c_[sides[path], side])  # fmt: skip

    def _order_key(self, legs: np.ndarray, sides: np.ndarray) -> list[np.ndarray]:
        """Columns that sort paths in the order the depth-first search finds them: the
        start's place among the starts (by band, time, amount, payer, payee, id), then each
        step's band offset and place among its payer's transfers in that band."""
        if self._start_rank is None:  # once, and only when some loop was found
            by = (self.tid, self.payee, self.payer, self.fen, self.t, self.band)
            self._start_rank = np.empty(len(self.t), dtype=np.int64)
            self._start_rank[np.lexsort(by)] = np.arange(len(self.t))
        key = [self._start_rank[legs[:, 0]]]
        return key + [sides[:, j] * len(self.t) + legs[:, j + 1] for j in range(sides.shape[1])]

    def _first_of_each(self, length: int) -> tuple[np.ndarray, np.ndarray]:
        """The paths of ``length`` kept to the first found of each loop (its rotations are
        the same loop), merged into one block."""
        legs = np.concatenate([x[0] for x in self.found[length]])
        sides = np.concatenate([x[1] for x in self.found[length]])
        # The loop as its members from the lowest-numbered card on.
        members = self.payer[legs]
        turn = (members.argmin(axis=1)[:, None] + np.arange(length)) % length
        loop = np.take_along_axis(members, turn, axis=1)
        key = self._order_key(legs, sides)
        order = np.lexsort((*key[::-1], *loop.T[::-1]))
        first = order[np.r_[True, (loop[order][1:] != loop[order][:-1]).any(axis=1)]]
        self.found[length] = [(legs[first], sides[first])]
        return self.found[length][0]

    def _in_search_order(self, first_t: int) -> list[list[tuple]]:
        """The first found path of each loop, in the order a depth-first search finds
        them; only those become Python tuples."""
        if not self.found:
            return []
        blocks = [self._first_of_each(n) for n in sorted(self.found)]
        width = max(legs.shape[1] for legs, _ in blocks)
        key = np.concatenate([
            np.pad(np.stack(self._order_key(legs, sides), axis=1),
                   ((0, 0), (0, width - legs.shape[1])), constant_values=-1)
            for legs, sides in blocks
        ])  # fmt: skip
        out = []
        paths = [legs for legs, _ in blocks]
        flat = [(n, row) for n, legs in enumerate(paths) for row in range(len(legs))]
        for k in np.lexsort(key.T[::-1]).tolist():
            legs = paths[flat[k][0]][flat[k][1]]
            out.append(
                list(
                    zip(
                        (self.t[legs] + first_t).tolist(), self.fen[legs].tolist(),
                        self.payer[legs].tolist(), self.payee[legs].tolist(),
                        self.tid[legs].tolist(), strict=True,
                    )
                )
            )  # fmt: skip
        return out
