"""资金回流: money that goes round a loop of cards and comes back (:func:`money_cycles`).

The search for loops (:class:`_LoopSearch`) takes every transfer as a start and steps along
the transfers that fit its amount and time, all starts at once, with numpy. Not one of
:data:`.patterns.PATTERNS`: a loop is a finding about several cards.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from ..store import CaseStore
from ._common import AnalysisError, connection, entity_refs, strength
from .columns import _read_columns
from .findings_base import Finding, _check_positive, _findings
from .ledger import _DAY, _TRANSFER, _argsort

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
