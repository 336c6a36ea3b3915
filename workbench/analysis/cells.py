"""Where and when a number is: cells as one identifier, a number's places and its routine.

- :func:`normalise_cell` turns a cell as the carrier wrote it into one identifier;
- :func:`places`: where a number has been, its likely home (night) and work (day) cells;
- :func:`daily_routine` (作息规律): hour-of-day by weekday activity;
- :func:`phones_of`: the phone cards an entity stands for, which every call analysis reads.

Split from :mod:`.calls`, which imports the helpers here (never the other way round) and
exports every public name here as before.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

from ..store import CaseStore
from ._common import AnalysisError, chunks, connection, placeholders

#: The number a call's cell belongs to: the one whose record it is.
_SEEN = "coalesce(reporter_id, caller_id)"


# ---------------------------------------------------------------------- cells


@dataclass(frozen=True)
class CellRef:
    """A cell as one identifier: ``LAC-CI`` (``22001-13021``) or ``ECI:123456789``.

    ``cell`` is empty when the record names no cell, only a place (an address, a roaming
    note); ``address`` is what the carrier wrote about the place; ``lat``/``lon`` are the
    cell's coordinates when the record carries them.
    """

    cell: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None

    @property
    def place(self) -> str:
        """The cell if known, else the address: what places and tables group by."""
        return self.cell or self.address


_LAC_CI = re.compile(
    r"LAC\s*[:：=]?\s*([0-9A-Fa-f]+)\s*[,，;/ ]*\s*C(?:I|ID)\s*[:：=]?\s*([0-9A-Fa-f]+)", re.I
)
_ECI = re.compile(r"E(?:CI|CGI)\s*[:：=]?\s*(?:460-?\d{2}-?)?(\d+)", re.I)
_DASHED = re.compile(r"^(?:(\d{3})[-_/:](\d{2,3})[-_/:])?(\d{1,5})[-_/:](\d{1,9})(?=\s|$)")
_PLAIN = re.compile(r"^(\d{5,10})(?=\s|$)")
_COORDS = re.compile(r"(-?\d{1,3}\.\d{3,})\s*[,，/ ]\s*(-?\d{1,3}\.\d{3,})")


def normalise_cell(text: str) -> CellRef:
    """One identifier for a cell however the carrier wrote it, with its address and
    coordinates when the text carries them.

    LAC and CI are read as decimal; MCC-MNC prefixes are dropped (every cell of a Chinese
    case is 460); a lone number of five or more digits is an ECI (4G/5G). Coordinates are a
    pair of decimals such as ``106.551,29.563`` in either order (China lies between
    longitudes 73 and 136 and latitudes 3 and 54).

    >>> normalise_cell("LAC:22001 CI:13021 重庆市石柱县南宾镇城南基站")
    CellRef(cell='22001-13021', address='重庆市石柱县南宾镇城南基站', lat=None, lon=None)
    >>> normalise_cell("460-00-22001-13021").cell, normalise_cell("22001/13021").cell
    ('22001-13021', '22001-13021')
    >>> normalise_cell("123456789 广西南宁市西乡塘区").cell
    'ECI:123456789'
    >>> normalise_cell("国际漫游（缅甸）")
    CellRef(cell='', address='国际漫游（缅甸）', lat=None, lon=None)
    >>> c = normalise_cell("LAC:1 CI:2 106.5512,29.5630")
    >>> (c.cell, c.lon, c.lat)
    ('1-2', 106.5512, 29.563)
    """
    text = (text or "").strip()
    cell = ""
    rest = text
    m = _LAC_CI.search(text)
    if m:
        cell = f"{_decimal(m.group(1))}-{_decimal(m.group(2))}"
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    elif m := _ECI.search(text):
        cell = f"ECI:{int(m.group(1))}"
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    elif m := _DASHED.match(text):
        cell = f"{int(m.group(3))}-{int(m.group(4))}"
        rest = text[m.end() :].strip()
    elif m := _PLAIN.match(text):
        cell = f"ECI:{int(m.group(1))}"
        rest = text[m.end() :].strip()
    lat = lon = None
    m = _COORDS.search(rest)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        if 73 <= a <= 136 and 3 <= b <= 54:
            lon, lat = a, b
        elif 73 <= b <= 136 and 3 <= a <= 54:
            lon, lat = b, a
        if lat is not None:
            rest = (rest[: m.start()] + " " + rest[m.end() :]).strip()
    return CellRef(cell, rest.strip(" ,，;；"), lat, lon)


def _decimal(text: str) -> int:
    # Carriers write LAC/CI in decimal; a hex spelling shows itself by its letters.
    return int(text) if text.isdigit() else int(text, 16)


def _cell_refs(raw: list[str]) -> dict[str, CellRef]:
    return {r: normalise_cell(r) for r in raw}


# ---------------------------------------------------------------------- numbers


def phones_of(store: CaseStore, entity_id: int) -> list[int]:
    """The phone cards an entity stands for: itself, or the ones a person holds."""
    conn = connection(store)
    row = conn.execute("SELECT kind FROM entity WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise AnalysisError("entity", f"#{entity_id}", "not in the case")
    if row[0] != "person":
        return [entity_id]
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT l.target_id FROM link l JOIN entity e ON e.id = l.target_id "
            "AND e.kind = 'phone_card' WHERE l.type = 'holds' AND l.source_id = ? ORDER BY 1",
            (entity_id,),
        )
    ]


def _calls_of(conn: sqlite3.Connection, numbers: list[int], columns: str) -> list[tuple]:
    """Rows of the calls in which any of ``numbers`` took part (indexed, no table scan)."""
    out: list[tuple] = []
    for batch in chunks(numbers, 400):
        marks = placeholders(len(batch))
        out += conn.execute(
            f"SELECT {columns} FROM call WHERE caller_id IN ({marks}) UNION "
            f"SELECT {columns} FROM call WHERE callee_id IN ({marks})",
            batch + batch,
        ).fetchall()
    return out


def _is_night(hour: int, night: tuple[int, int]) -> bool:
    start, end = night
    if start > end:
        return hour >= start or hour < end
    return start <= hour < end


def _check_hours(name: str, hours: tuple[int, int]) -> None:
    if not (0 <= hours[0] <= 23 and 0 <= hours[1] <= 24 and hours[0] != hours[1]):
        raise AnalysisError(name, hours, "must be two different hours")


# ---------------------------------------------------------------------- routine


@dataclass
class Routine:
    """Activity of a number (or a person's numbers) by weekday and hour.

    ``matrix[d][h]`` counts calls and messages on weekday ``d`` (0 = Monday) in hour ``h``.
    """

    entity_id: int
    numbers: list[int]
    matrix: list[list[int]]
    calls: int
    first: str | None
    last: str | None

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)

    @property
    def by_hour(self) -> list[int]:
        """Calls per hour of the day over all weekdays."""
        return [sum(day[h] for day in self.matrix) for h in range(24)]


def daily_routine(store: CaseStore, entity_id: int) -> Routine:
    """作息规律: when a number is active, as a 7 × 24 matrix (weekday, hour of day).

    ``entity_id`` is a phone card, or a person, whose held phone cards are counted together.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "r.zlcase", "doc")
    ...     a = store.add_entity("phone_card", "13800000001")
    ...     b = store.add_entity("phone_card", "13800000002")
    ...     _ = store.add_calls([{"caller_id": a, "callee_id": b, "ts": "2025-03-03 09:15:00"},
    ...                          {"caller_id": b, "callee_id": a, "ts": "2025-03-03 09:40:00"}])
    ...     r = daily_routine(store, a)
    ...     store.close()
    >>> r.calls, r.matrix[0][9], r.by_hour[9]
    (2, 2, 2)
    """
    conn = connection(store)
    numbers = phones_of(store, entity_id)
    matrix = [[0] * 24 for _ in range(7)]
    first = last = None
    rows = _calls_of(conn, numbers, "id, ts")
    for _, ts in rows:
        d = _weekday(ts)
        matrix[d][int(ts[11:13]) if len(ts) >= 13 else 0] += 1
        if first is None or ts < first:
            first = ts
        if last is None or ts > last:
            last = ts
    return Routine(entity_id, numbers, matrix, len(rows), first, last)


def _weekday(ts: str) -> int:
    return date(int(ts[0:4]), int(ts[5:7]), int(ts[8:10])).weekday()


# ---------------------------------------------------------------------- places


@dataclass
class CellVisit:
    """One cell a number was seen in: how often, by day and by night, first and last seen."""

    cell: str
    address: str
    lat: float | None
    lon: float | None
    calls: int
    day_calls: int
    night_calls: int
    days: int
    first: str
    last: str
    #: The spellings of the cell in the records (capped at five).
    raw: list[str] = field(default_factory=list)


@dataclass
class Places:
    """Where a number has been: its cells, most used first, and its likely home and work.

    ``home`` is the cell with the most night calls, ``work`` the cell with the most calls in
    working hours on weekdays (``None`` when no call fell in those hours).
    """

    entity_id: int
    numbers: list[int]
    cells: list[CellVisit]
    home: str | None
    work: str | None
    params: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def places(
    store: CaseStore,
    entity_id: int,
    *,
    night: tuple[int, int] = (22, 6),
    work_hours: tuple[int, int] = (9, 18),
) -> Places:
    """Where a number has been: per cell, calls by day and by night, first and last seen.

    Counts the calls whose cell is the number's own (the calls of its record). The cell with
    the most calls between ``night[0]`` and ``night[1]`` (wrapping midnight) is its likely
    home; the one with the most calls in ``work_hours`` Monday to Friday its likely work.
    Records naming only a place (an address, a roaming note) count under that place.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "p.zlcase", "doc")
    ...     a = store.add_entity("phone_card", "13800000001")
    ...     b = store.add_entity("phone_card", "13800000002")
    ...     _ = store.add_calls([
    ...         {"caller_id": a, "callee_id": b, "ts": "2025-03-03 23:10:00", "cell": "LAC:1 CI:7 家"},
    ...         {"caller_id": a, "callee_id": b, "ts": "2025-03-04 10:10:00", "cell": "1-9"}])
    ...     p = places(store, a)
    ...     store.close()
    >>> p.home, p.work, [(c.cell, c.address, c.calls) for c in p.cells]
    ('1-7', '1-9', [('1-7', '家', 1), ('1-9', '', 1)])
    """
    _check_hours("night hours", night)
    _check_hours("working hours", work_hours)
    conn = connection(store)
    numbers = phones_of(store, entity_id)
    own = set(numbers)
    rows = [
        (ts, cell)
        for _, seen, ts, cell in _calls_of(conn, numbers, f"id, {_SEEN}, ts, cell")
        if seen in own and cell
    ]
    refs = _cell_refs(sorted({r[1] for r in rows}))
    acc: dict[str, dict] = {}
    for ts, raw in rows:
        ref = refs[raw]
        key = ref.place
        if not key:
            continue
        v = acc.get(key)
        if v is None:
            v = acc[key] = {"ref": ref, "calls": 0, "day": 0, "night": 0, "days": set(),
                            "first": ts, "last": ts, "raw": Counter()}  # fmt: skip
        hour = int(ts[11:13]) if len(ts) >= 13 else 0
        v["calls"] += 1
        v["days"].add(ts[:10])
        v["raw"][raw] += 1
        if _is_night(hour, night):
            v["night"] += 1
        elif work_hours[0] <= hour < work_hours[1] and _weekday(ts) < 5:
            v["day"] += 1
        v["first"] = min(v["first"], ts)
        v["last"] = max(v["last"], ts)
        if not v["ref"].address and ref.address:
            v["ref"] = ref
        if v["ref"].lat is None and ref.lat is not None:
            v["ref"] = ref
    cells = [
        CellVisit(
            key,
            v["ref"].address,
            v["ref"].lat,
            v["ref"].lon,
            v["calls"],
            v["day"],
            v["night"],
            len(v["days"]),
            v["first"],
            v["last"],
            [r for r, _ in v["raw"].most_common(5)],
        )  # fmt: skip
        for key, v in acc.items()
    ]
    cells.sort(key=lambda c: (-c.calls, c.cell))

    def best(attr: str) -> str | None:
        top = max(cells, key=lambda c: (getattr(c, attr), c.calls), default=None)
        return top.cell if top is not None and getattr(top, attr) > 0 else None

    params = {"night": list(night), "work_hours": list(work_hours)}
    return Places(entity_id, numbers, cells, best("night_calls"), best("day_calls"), params)
