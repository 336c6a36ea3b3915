"""What call records say about people: switched phones, companions, places, contacts, routine.

A squad's call-record analyst (话单分析) reads the same handful of things off every dump:

- :func:`phone_switches` (换号): a number goes quiet and a new one takes over its contacts;
- :func:`companions` (伴随): two numbers in the same cell at the same times, day after day;
- :func:`places`: where a number has been, its likely home (night) and work (day) cells;
- :func:`contact_strength` (亲密联系人): how close two numbers are, one documented score;
- :func:`daily_routine` (作息规律): hour-of-day by weekday activity.

Cells come as the carrier wrote them: ``LAC:12345 CI:678`` (the importer's spelling of LAC
and CI columns), an ECI, ``460-00-22001-13021`` (MCC-MNC-LAC-CI), with or without the cell's
address after it. :func:`normalise_cell` turns each into one identifier so that the same
cell written two ways is one place.

A call's cell is the cell of the number whose record it came from (``reporter_id``; for
rows written without one, the caller, as in the rest of the analysis). Everything reads
with SQL aggregates and, over all calls, numpy, so that a million calls take seconds.

Cells, places and routine (:func:`normalise_cell`, :func:`places`, :func:`daily_routine`,
:func:`phones_of`) live in :mod:`.cells`; this module holds how numbers relate to each
other and exports those names too.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import numpy as np

from ..store import CaseStore
from ._common import AnalysisError, chunks, connection, entity_refs, placeholders, ts_seconds
from .cells import _SEEN, _calls_of, _check_hours
from .cells import CellRef as CellRef
from .cells import CellVisit as CellVisit
from .cells import Places as Places
from .cells import Routine as Routine
from .cells import daily_routine as daily_routine
from .cells import normalise_cell as normalise_cell
from .cells import phones_of as phones_of
from .cells import places as places

# The ``name as name`` imports above export from here what .cells now holds, as before the
# split (``workbench.analysis`` imports them from here).

_DAY = 86_400

#: A stored timestamp's wall-clock time as seconds since 1970, in SQL.
_SECONDS = "CAST(strftime('%s', substr(ts, 1, 19)) AS INTEGER)"


# ---------------------------------------------------------------------- contact strength


@dataclass
class ContactStrength:
    """How close two numbers are (亲密联系人), from the calls between them.

    ``a`` is the entity asked about (a number, or a person for their numbers; the lower id
    in a case-wide list), ``b`` its contact.
    ``outgoing`` counts calls from ``a`` to ``b``, ``incoming`` the other way.
    """

    a: int
    b: int
    a_key: str | None
    b_key: str | None
    b_name: str
    calls: int
    outgoing: int
    incoming: int
    duration_s: int
    night_calls: int
    days: int
    first: str
    last: str
    reciprocity: float
    score: float

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def strength_score(
    calls: int, duration_s: int, night_calls: int, days: int, outgoing: int, incoming: int
) -> float:
    """The contact-strength score of a pair, documented so an analyst can check it by hand.

    ``(ln(1 + calls) + ln(1 + minutes) + ln(1 + night calls) + 2 · ln(1 + days in contact))
    × (0.5 + 0.5 · reciprocity)``, where reciprocity is the smaller direction's calls over
    the larger's (1 when both call each other as often, 0 when only one side ever calls).

    Logarithms keep one very long call or one burst of messages from outweighing steady
    contact; days in contact weigh double because acquaintance over weeks is what tells a
    close contact from a one-off deal; night calls count again because people ring family
    and accomplices at night, not shops. One-way contact (a victim calling a fraud line,
    a bank sending texts) scores half.

    >>> strength_score(10, 600, 2, 5, 5, 5)
    9.4779
    >>> strength_score(10, 600, 2, 5, 10, 0)
    4.739
    """
    minutes = duration_s / 60
    recip = min(outgoing, incoming) / max(outgoing, incoming) if max(outgoing, incoming) else 0
    raw = math.log1p(calls) + math.log1p(minutes) + math.log1p(night_calls) + 2 * math.log1p(days)
    return round(raw * (0.5 + 0.5 * recip), 4)


def _night_sql(night: tuple[int, int]) -> str:
    hour = "CAST(substr(ts, 12, 2) AS INTEGER)"
    start, end = int(night[0]), int(night[1])
    if start > end:
        return f"({hour} >= {start} OR {hour} < {end})"
    return f"({hour} >= {start} AND {hour} < {end})"


def contact_strength(
    store: CaseStore,
    entity_id: int | None = None,
    *,
    top: int | None = None,
    night: tuple[int, int] = (22, 6),
) -> list[ContactStrength]:
    """亲密联系人: the contacts of a number ranked by :func:`strength_score`, strongest first.

    With ``entity_id`` (a phone card, or a person: their held phones together) each row is
    one contact of it; without, every pair of numbers in the case that ever called, ``a``
    the lower id. ``top`` keeps the first rows. Calls between a person's own numbers are
    left out. Over the whole case ``first`` and ``last`` are spelt ``YYYY-MM-DD HH:MM:SS``
    (the sums run on numbers there); for one entity they are the stored times. Night runs from ``night[0]`` to ``night[1]`` (wrapping midnight).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "c.zlcase", "doc")
    ...     a, b, c = (store.add_entity("phone_card", f"1380000000{i}") for i in range(3))
    ...     _ = store.add_calls(
    ...         [{"caller_id": a, "callee_id": b, "ts": f"2025-03-0{d} 23:00:00",
    ...           "duration_s": 300} for d in range(1, 6)]
    ...         + [{"caller_id": b, "callee_id": a, "ts": "2025-03-06 12:00:00"},
    ...            {"caller_id": c, "callee_id": a, "ts": "2025-03-06 12:00:00"}])
    ...     rows = contact_strength(store, a)
    ...     store.close()
    >>> [(r.b_key, r.calls, r.night_calls, r.days, r.reciprocity) for r in rows]
    [('13800000001', 6, 5, 6, 0.2), ('13800000002', 1, 0, 1, 0.0)]
    """
    _check_hours("night hours", night)
    conn = connection(store)
    night_sql = _night_sql(night)
    aggregates = (
        f"count(*), sum(duration_s), sum({night_sql}), count(DISTINCT substr(ts, 1, 10)), "
        "min(ts), max(ts)"
    )
    if entity_id is not None:
        numbers = phones_of(store, entity_id)
        own = set(numbers)
        per: dict[int, list] = {}
        for batch in chunks(numbers, 400):
            marks = placeholders(len(batch))
            # Two indexed passes (as caller, as callee), summed per contact below.
            for out_side, sql in (
                (True, f"SELECT callee_id, {aggregates}, group_concat(DISTINCT substr(ts, 1, 10)) "
                       f"FROM call WHERE caller_id IN ({marks}) GROUP BY callee_id"),
                (False, f"SELECT caller_id, {aggregates}, group_concat(DISTINCT substr(ts, 1, 10)) "
                        f"FROM call WHERE callee_id IN ({marks}) GROUP BY caller_id"),
            ):  # fmt: skip
                for other, n, dur, nights, _days, lo, hi, dates in conn.execute(sql, batch):
                    if other in own:
                        continue
                    p = per.setdefault(other, [0, 0, 0, 0, set(), lo, hi])
                    p[0 if out_side else 1] += n
                    p[2] += dur or 0
                    p[3] += nights or 0
                    p[4].update(dates.split(","))
                    p[5], p[6] = min(p[5], lo), max(p[6], hi)
        a = entity_id
        rows = [(a, b, p[0], p[1], p[2], p[3], len(p[4]), p[5], p[6]) for b, p in per.items()]
    else:
        rows = _all_pairs(conn, night)
    found = []
    for a, b, out_, in_, dur, nights, days, lo, hi in rows:
        calls = out_ + in_
        recip = round(min(out_, in_) / max(out_, in_), 4) if calls else 0.0
        score = strength_score(calls, dur, nights, days, out_, in_)
        found.append([a, b, calls, out_, in_, dur, nights, days, lo, hi, recip, score])
    found.sort(key=lambda r: (-r[11], r[0], r[1]))
    if top is not None:
        found = found[: max(0, top)]
    refs = entity_refs(conn, [x for r in found for x in r[:2]])
    return [
        ContactStrength(
            a,
            b,
            refs[a].key if a in refs else None,
            refs[b].key if b in refs else None,
            refs[b].name if b in refs else "",
            calls,
            out_,
            in_,
            dur,
            nights,
            days,
            lo,
            hi,
            recip,
            score,
        )
        for a, b, calls, out_, in_, dur, nights, days, lo, hi, recip, score in found
    ]


def _all_pairs(conn: sqlite3.Connection, night: tuple[int, int]) -> list[tuple]:
    """(a, b, a→b calls, b→a calls, seconds, night calls, days, first, last) of every pair,
    summed with numpy: one read of the call table, no per-row Python."""
    rows = conn.execute(
        f"SELECT caller_id, callee_id, duration_s, coalesce({_SECONDS}, -1) FROM call "
        "WHERE caller_id <> callee_id"
    ).fetchall()
    if not rows:
        return []
    caller, callee, duration, secs = (
        np.fromiter(col, dtype=np.int64, count=len(rows)) for col in zip(*rows, strict=True)
    )
    a, b = np.minimum(caller, callee), np.maximum(caller, callee)
    span = int(b.max()) + 1
    codes, inv = np.unique(a * span + b, return_inverse=True)
    n = len(codes)
    calls = np.bincount(inv, minlength=n)
    forward = np.bincount(inv, weights=caller < callee, minlength=n).astype(np.int64)
    seconds = np.bincount(inv, weights=duration, minlength=n).astype(np.int64)
    hour = (secs % _DAY) // 3600
    start, end = night
    at_night = (hour >= start) | (hour < end) if start > end else (hour >= start) & (hour < end)
    timed = secs >= 0
    nights = np.bincount(inv, weights=at_night & timed, minlength=n).astype(np.int64)
    day = np.where(timed, secs // _DAY, 0)
    day0 = int(day.min())
    ndays = int(day.max()) - day0 + 1
    pair_days = _distinct((inv.astype(np.int64) * ndays + (day - day0))[timed])
    days = np.bincount(pair_days // ndays, minlength=n)
    big = np.iinfo(np.int64).max
    first = np.full(n, big)
    np.minimum.at(first, inv[timed], secs[timed])
    last = np.full(n, -1)
    np.maximum.at(last, inv[timed], secs[timed])
    seen = last >= 0
    firsts, lasts = _stamps(np.where(seen, first, 0)), _stamps(np.where(seen, last, 0))
    return [
        (code // span, code % span, f, total - f, dur, nt, dy, lo if ok else "", hi if ok else "")
        for code, f, total, dur, nt, dy, lo, hi, ok in zip(
            codes.tolist(), forward.tolist(), calls.tolist(), seconds.tolist(), nights.tolist(),
            days.tolist(), firsts, lasts, seen.tolist(), strict=True,
        )
    ]  # fmt: skip


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort beats numpy's hashing on a million integers)."""
    if not values.size:
        return values
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _stamps(seconds: np.ndarray) -> list[str]:
    """'YYYY-MM-DD HH:MM:SS' of many wall-clock seconds at once."""
    text = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s")
    return np.char.replace(text, "T", " ").tolist()


# ---------------------------------------------------------------------- companions


@dataclass
class CompanionPair:
    """Two numbers seen in the same cell within minutes of each other on several days.

    ``sightings`` are (cell, first call id, second call id, time of the first) for each
    co-sighting, in time order (capped at ``cap`` by :func:`companions`).
    """

    a: int
    b: int
    days: int
    co_sightings: int
    cells: list[str]
    first: str
    last: str
    sightings: list[tuple[str, int, int, str]] = field(default_factory=list)


def _sightings(conn: sqlite3.Connection):
    """(call ids, numbers, cell codes, seconds) of every call with a cell id, and the cells.

    Records naming only a place (an address or a roaming note such as 国际漫游) are left out:
    a whole country is no cell.
    """
    rows = conn.execute(
        f"SELECT id, {_SEEN}, cell, coalesce({_SECONDS}, -1) FROM call WHERE cell <> ''"
    ).fetchall()
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, empty, []
    # Columns at once: a loop over a million rows in Python would cost seconds.
    ids, nums, texts, secs = zip(*rows, strict=True)
    names: dict[str, int] = {}
    code_of: dict[str, int] = {}
    for text in set(texts):
        cell = normalise_cell(text).cell
        code_of[text] = names.setdefault(cell, len(names)) if cell else -1
    cells = np.fromiter(map(code_of.__getitem__, texts), dtype=np.int64, count=len(texts))
    seconds = np.fromiter(secs, dtype=np.int64, count=len(secs))
    keep = (cells >= 0) & (seconds >= 0)  # a time SQLite cannot read places nobody
    cell_names = [""] * len(names)
    for name, code in names.items():
        cell_names[code] = name

    def column(values) -> np.ndarray:
        return np.fromiter(values, dtype=np.int64, count=len(values))[keep]

    return column(ids), column(nums), cells[keep], seconds[keep], cell_names


def _between(conn: sqlite3.Connection, call_ids: list[int]) -> dict[int, frozenset[int]]:
    """The two parties of each call."""
    out: dict[int, frozenset[int]] = {}
    for batch in chunks(sorted(set(call_ids))):
        for cid, a, b in conn.execute(
            f"SELECT id, caller_id, callee_id FROM call WHERE id IN ({placeholders(len(batch))})",
            batch,
        ):
            out[cid] = frozenset((a, b))
    return out


def companions(
    store: CaseStore,
    *,
    window_minutes: float = 15,
    min_days: int = 3,
    cap: int = 50,
) -> list[CompanionPair]:
    """伴随: pairs of numbers seen in the same cell within ``window_minutes`` of each other
    on at least ``min_days`` distinct days, most days first.

    Each call with a cell id is a sighting of the number whose record it is. All sightings
    are sorted by cell and time once; neighbours in that order within the window are the
    co-sightings, found with array operations a step of neighbours at a time, so that a
    million calls take seconds. A call between the two numbers themselves places neither
    near the other (people together do not phone each other) and does not count.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "c.zlcase", "doc")
    ...     a, b, x = (store.add_entity("phone_card", f"1380000000{i}") for i in range(3))
    ...     _ = store.add_calls(
    ...         [{"caller_id": a, "callee_id": x, "ts": f"2025-03-0{d} 08:00:00", "cell": "LAC:1 CI:2"}
    ...          for d in range(1, 5)]
    ...         + [{"caller_id": b, "callee_id": x, "ts": f"2025-03-0{d} 08:05:00", "cell": "1-2"}
    ...            for d in range(1, 5)])
    ...     pairs = companions(store)
    ...     store.close()
    >>> [(p.a, p.b, p.days, p.cells) for p in pairs]
    [(1, 2, 4, ['1-2'])]
    """
    if window_minutes is None or window_minutes <= 0:
        raise AnalysisError("window minutes", window_minutes, "must be positive")
    if min_days is None or min_days < 1:
        raise AnalysisError("min days", min_days, "must be at least 1")
    conn = connection(store)
    ids, nums, cells, secs, cell_names = _sightings(conn)
    if len(ids) < 2:
        return []
    order = np.lexsort((secs, cells))
    ids, nums, cells, secs = ids[order], nums[order], cells[order], secs[order]
    window = int(window_minutes * 60)
    n = len(ids)
    firsts, seconds = [], []
    alive = np.arange(n - 1)
    step = 1
    while alive.size:
        other = alive + step
        keep = other < n
        alive, other = alive[keep], other[keep]
        keep = (cells[other] == cells[alive]) & (secs[other] - secs[alive] <= window)
        alive, other = alive[keep], other[keep]
        apart = nums[other] != nums[alive]
        firsts.append(alive[apart])
        seconds.append(other[apart])
        step += 1
    i = np.concatenate(firsts) if firsts else np.empty(0, np.int64)
    j = np.concatenate(seconds) if seconds else np.empty(0, np.int64)
    if not i.size:
        return []
    lo = np.minimum(nums[i], nums[j])
    hi = np.maximum(nums[i], nums[j])
    span = int(max(nums.max(), 0)) + 1
    pair = lo * span + hi
    day = secs[i] // _DAY
    day0 = int(day.min())
    ndays = int(day.max()) - day0 + 1
    pair_day = _distinct(pair * ndays + (day - day0))
    pairs, day_counts = np.unique(pair_day // ndays, return_counts=True)
    wanted = pairs[day_counts >= min_days]
    if not wanted.size:
        return []
    sel = np.flatnonzero(np.isin(pair, wanted))
    sel = sel[np.lexsort((secs[i[sel]], pair[sel]))]
    parties = _between(conn, ids[i[sel]].tolist() + ids[j[sel]].tolist())
    by_pair: dict[int, list[int]] = defaultdict(list)
    for k in sel.tolist():
        code = int(pair[k])
        both = frozenset(divmod(code, span))
        # Two people phoning each other are apart; only calls with others place them.
        if parties[int(ids[i[k]])] == both or parties[int(ids[j[k]])] == both:
            continue
        by_pair[code].append(k)
    out = []
    for code, ks in by_pair.items():
        a, b = divmod(code, span)
        days = len({int(secs[i[k]]) // _DAY for k in ks})
        if days < min_days:
            continue
        seen = [(cell_names[cells[i[k]]], int(ids[i[k]]), int(ids[j[k]]), int(secs[i[k]]))
                for k in ks]  # fmt: skip
        names = Counter(s[0] for s in seen)
        sightings = [(c, x, y, _stamp(t)) for c, x, y, t in seen[:cap]]
        out.append(
            CompanionPair(
                a,
                b,
                days,
                len(seen),
                [c for c, _ in names.most_common(5)],
                _stamp(seen[0][3]),
                _stamp(seen[-1][3]),
                sightings,
            )
        )
    out.sort(key=lambda p: (-p.days, -p.co_sightings, p.a, p.b))
    return out


def _stamp(seconds: int) -> str:
    return f"{datetime(1970, 1, 1) + timedelta(seconds=int(seconds)):%Y-%m-%d %H:%M:%S}"


# ---------------------------------------------------------------------- phone switch


@dataclass
class PhoneSwitch:
    """A number that went quiet (``old``) and the one that took over its contacts (``new``).

    ``metrics`` hold the measures behind ``score`` (see :func:`phone_switches`);
    ``evidence`` the ids of the calls that show it: the old number's last calls and the new
    one's first calls with the contacts they share.
    """

    old: int
    new: int
    score: float
    shared: list[int]
    metrics: dict
    evidence: list[int]


def _activity(conn: sqlite3.Connection) -> dict[int, list]:
    """number -> [first ts, last ts, calls] over both sides (two covering index scans)."""
    act: dict[int, list] = {}
    for side in ("caller_id", "callee_id"):
        for num, lo, hi, n in conn.execute(
            f"SELECT {side}, min(ts), max(ts), count(*) FROM call GROUP BY {side}"
        ):
            a = act.get(num)
            if a is None:
                act[num] = [lo, hi, n]
            else:
                a[0], a[1], a[2] = min(a[0], lo), max(a[1], hi), a[2] + n
    return act


def phone_switches(
    store: CaseStore,
    *,
    quiet_days: float = 7,
    max_gap_days: float = 30,
    max_overlap_days: float = 3,
    min_calls: int = 5,
    min_shared: int = 3,
    min_jaccard: float = 0.3,
    max_contact_degree: int = 200,
    cap: int = 50,
) -> list[PhoneSwitch]:
    """换号: a number goes quiet and a new number carries on with the same contacts.

    The *old* number's last call is at least ``quiet_days`` before the case's last call; the
    *new* number's first call falls between ``max_overlap_days`` before that last call (a
    member carries both phones for a day or two) and ``max_gap_days`` after it. Both have
    ``min_calls`` calls. Their contacts (numbers they called or were called by, without each
    other) must share ``min_shared`` numbers and overlap by ``min_jaccard`` (Jaccard:
    shared / all). Contacts with more than ``max_contact_degree`` partners (service lines,
    hot numbers) say nothing about who holds a phone and are left out.

    Score in [0, 1]: ``0.45 · jaccard + 0.2 · timing + 0.1 · volume + 0.15 · handset +
    0.1 · cell``, where timing is 1 when the new number starts within a day of the old
    one's last call and falls linearly to 0 at ``max_gap_days``; volume is the smaller of
    the two numbers' calls per active day over the larger; handset is 1 when both were in
    one handset (IMEI, from calls or ``uses`` links); cell is the overlap (Jaccard) of their
    three most used cells.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "s.zlcase", "doc")
    ...     old, new, *friends = (store.add_entity("phone_card", f"138000000{i:02d}")
    ...                           for i in range(6))
    ...     rows = [{"caller_id": old, "callee_id": f, "ts": f"2025-03-{d:02d} 10:00:00"}
    ...             for d in range(1, 11) for f in friends]
    ...     rows += [{"caller_id": new, "callee_id": f, "ts": f"2025-03-{d:02d} 10:00:00"}
    ...              for d in range(12, 29) for f in friends]
    ...     _ = store.add_calls(rows)
    ...     found = phone_switches(store)
    ...     store.close()
    >>> [(s.old, s.new, s.metrics["shared_contacts"], s.metrics["gap_days"]) for s in found]
    [(1, 2, 4, 2.0)]
    """
    for name, value in (("quiet days", quiet_days), ("max gap days", max_gap_days),
                        ("min calls", min_calls), ("min shared", min_shared),
                        ("max contact degree", max_contact_degree)):  # fmt: skip
        if value is None or value <= 0:
            raise AnalysisError(name, value, "must be positive")
    if max_overlap_days is None or max_overlap_days < 0:
        raise AnalysisError("max overlap days", max_overlap_days, "must not be negative")
    conn = connection(store)
    act = _activity(conn)
    if not act:
        return []
    secs = {n: (_secs(a[0]), _secs(a[1]), a[2]) for n, a in act.items() if a[2] >= min_calls}
    end = max(_secs(a[1]) for a in act.values())
    start = min(_secs(a[0]) for a in act.values())
    quiet = {n for n, (lo, hi, _) in secs.items() if hi <= end - quiet_days * _DAY}
    if not quiet:
        return []
    earliest_new = min(secs[n][1] for n in quiet) - max_overlap_days * _DAY
    fresh = {n for n, (lo, _, _) in secs.items() if lo >= max(earliest_new, start + 1)}
    if not fresh:
        return []
    contacts, degree = _contacts(conn, quiet | fresh)
    useful = {n: {c for c in cs if degree.get(c, 0) <= max_contact_degree}
              for n, cs in contacts.items()}  # fmt: skip
    new_by_contact: dict[int, list[int]] = defaultdict(list)
    for n in fresh:
        for c in useful.get(n, ()):
            new_by_contact[c].append(n)
    candidates = []
    for old in quiet:
        o_lo, o_hi, o_n = secs[old]
        shared_count: Counter = Counter()
        for c in useful.get(old, ()):
            for new in new_by_contact.get(c, ()):
                shared_count[new] += 1
        for new, k in shared_count.items():
            if new == old or k < min_shared:
                continue
            n_lo, n_hi, n_n = secs[new]
            if not (o_hi - max_overlap_days * _DAY <= n_lo <= o_hi + max_gap_days * _DAY):
                continue
            if n_lo <= o_lo:
                continue
            a, b = useful[old] - {new}, useful[new] - {old}
            shared = a & b
            union = a | b
            jac = len(shared) / len(union) if union else 0.0
            if len(shared) < min_shared or jac < min_jaccard:
                continue
            candidates.append((old, new, shared, jac))
    if not candidates:
        return []
    involved = {x for c in candidates for x in c[:2]}
    devices = _devices(conn, involved)
    top_cells = {n: _top_cells(conn, n) for n in involved}
    out = []
    for old, new, shared, jac in candidates:
        o_lo, o_hi, o_n = secs[old]
        n_lo, n_hi, n_n = secs[new]
        gap_days = (n_lo - o_hi) / _DAY
        timing = 1.0 if gap_days <= 1 else max(0.0, 1 - (gap_days - 1) / max_gap_days)
        rate_o = o_n / max(1.0, (o_hi - o_lo) / _DAY)
        rate_n = n_n / max(1.0, (n_hi - n_lo) / _DAY)
        volume = min(rate_o, rate_n) / max(rate_o, rate_n)
        handsets = sorted(devices.get(old, set()) & devices.get(new, set()))
        co, cn = top_cells[old], top_cells[new]
        cell_overlap = len(co & cn) / len(co | cn) if co | cn else 0.0
        score = round(
            0.45 * jac + 0.2 * timing + 0.1 * volume + 0.15 * bool(handsets) + 0.1 * cell_overlap,
            4,
        )
        metrics = {
            "shared_contacts": len(shared),
            "jaccard": round(jac, 4),
            "old_contacts": len(useful[old] - {new}),
            "new_contacts": len(useful[new] - {old}),
            "old_calls": o_n,
            "new_calls": n_n,
            "old_first": act[old][0],
            "old_last": act[old][1],
            "new_first": act[new][0],
            "new_last": act[new][1],
            "gap_days": round(gap_days, 2),
            "shared_handsets": handsets,
            "shared_cells": sorted(co & cn),
        }
        evidence = _switch_evidence(conn, old, new, sorted(shared), cap)
        out.append(PhoneSwitch(old, new, score, sorted(shared), metrics, evidence))
    out.sort(key=lambda s: (-s.score, s.old, s.new))
    return out


def _secs(ts: str) -> float:
    return ts_seconds(ts)


def _contacts(conn: sqlite3.Connection, numbers: set[int]):
    """Contacts of ``numbers`` and the number of distinct partners of every number."""
    pairs = np.asarray(
        conn.execute(
            "SELECT min(caller_id, callee_id), max(caller_id, callee_id) FROM call "
            "WHERE caller_id <> callee_id GROUP BY 1, 2"
        ).fetchall(),
        dtype=np.int64,
    ).reshape(-1, 2)
    ends = pairs.ravel()
    counts = np.bincount(ends) if ends.size else np.zeros(0, np.int64)
    degree = {int(k): int(counts[k]) for k in np.flatnonzero(counts)}
    wanted = np.asarray(sorted(numbers), dtype=np.int64)
    contacts: dict[int, set[int]] = defaultdict(set)
    for x, y in (0, 1), (1, 0):
        sel = np.isin(pairs[:, x], wanted)
        for a, b in pairs[sel][:, [x, y]].tolist():
            contacts[a].add(b)
    return contacts, degree


def _devices(conn: sqlite3.Connection, numbers: set[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for batch in chunks(sorted(numbers)):
        marks = placeholders(len(batch))
        for num, dev in conn.execute(
            f"SELECT DISTINCT {_SEEN}, device_id FROM call WHERE device_id IS NOT NULL "
            f"AND {_SEEN} IN ({marks}) "
            "UNION SELECT source_id, target_id FROM link WHERE type = 'uses' "
            f"AND source_id IN ({marks})",
            batch + batch,
        ):
            out[num].add(dev)
    return out


def _top_cells(conn: sqlite3.Connection, number: int, n: int = 3) -> set[str]:
    counts: Counter = Counter()
    rows = _calls_of(conn, [number], f"id, {_SEEN}, cell")
    for _, seen, cell in rows:
        if seen == number and cell:
            c = normalise_cell(cell).cell
            if c:
                counts[c] += 1
    return {c for c, _ in counts.most_common(n)}


def _switch_evidence(conn, old: int, new: int, shared: list[int], cap: int) -> list[int]:
    """The old number's last and the new number's first calls with the shared contacts."""
    out: list[int] = []
    half = max(1, cap // 2)
    for num, order in ((old, "DESC"), (new, "ASC")):
        for batch in chunks(shared, 400):
            marks = placeholders(len(batch))
            out += [
                r[0]
                for r in conn.execute(
                    f"SELECT id FROM (SELECT id, ts FROM call WHERE caller_id = ? AND callee_id "
                    f"IN ({marks}) UNION ALL SELECT id, ts FROM call WHERE callee_id = ? AND "
                    f"caller_id IN ({marks})) ORDER BY ts {order}, id LIMIT ?",
                    [num, *batch, num, *batch, half],
                )
            ]
    return sorted(set(out))
