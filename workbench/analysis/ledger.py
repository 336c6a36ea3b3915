"""The transactions of a case as numpy columns, for the money detectors.

:class:`_Ledger` reads every transaction once and holds it ordered by payer and by payee,
then time (:class:`_Side`), so that the money detectors of :mod:`.patterns` answer their
questions with binary searches and running totals for all cards at once. Also here: the
small numpy and date helpers those detectors share (:func:`_sums`, :func:`_group_starts`,
:func:`_busiest_windows`...), and the SQL fragments for transfers and account kinds.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..model import ACCOUNT_KINDS
from ._common import AnalysisError
from .columns import _read_columns

_DAY = 86_400

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


# ---------------------------------------------------------------------- money helpers


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
