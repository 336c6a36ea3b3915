"""The transactions as numpy columns, read from either back end.

The money detectors (:mod:`.patterns`) and the loop search take every transaction as five
arrays: id, payer, payee, amount in fen, and the wall-clock seconds of its time. From a case
file, SQLite writes each column of a range of ids as one text and numpy parses it, the next
range read on a second thread meanwhile; from a server case, PostgreSQL streams the rows out
with COPY in its binary format, which numpy reads as fixed-width records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .. import dbapi
from ._common import AnalysisError

_DAY = 86_400
#: Ids read from SQLite per query: a chunk's text stays within tens of megabytes.
_READ_IDS = 1 << 19
#: Where the digits of ``YYYY-MM-DD HH:MM:SS`` are.
_DIGIT_AT = np.array([0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
#: Pads a short timestamp (a date, or minutes without seconds) to 19 characters.
_PADDED_TS = "substr(ts || substr('0000-01-01 00:00:00', length(ts) + 1), 1, 19)"
#: A payee that marks a cash withdrawal (no payee, ``exit_kind`` 'cash'); 0 is no payee.
_CASH = -1


def _parse_seconds(raw: bytes, n: int) -> np.ndarray | None:
    """Seconds since 1970 of ``n`` timestamps of one length laid end to end (each
    ``YYYY-MM-DD HH:MM:SS`` and whatever follows), or None when they are not that."""
    if not n or len(raw) % n or len(raw) // n < 19:
        return None
    # One row per character position: the arithmetic below then runs along memory.
    chars = np.frombuffer(raw, dtype=np.uint8).reshape(n, len(raw) // n)[:, :19].T.copy()
    if ((chars[4] != 45) | (chars[7] != 45) | (chars[13] != 58) | (chars[16] != 58)).any():
        return None  # "-" and ":" out of place: a time spelt otherwise, or lengths that vary
    chars -= 48
    if (chars[_DIGIT_AT] > 9).any():  # below '0' wraps round above 9
        return None
    d = chars.astype(np.int16)

    def field(at: int) -> np.ndarray:
        return d[at] * 10 + d[at + 1]

    year = (field(0) * 100 + field(2)).astype(np.int32)
    month, day, hour, minute, second = field(5), field(8), field(11), field(14), field(17)
    out_of_range = (month < 1) | (month > 12) | (day < 1) | (day > 31) | (hour > 23)
    if (out_of_range | (minute > 59) | (second > 59)).any():
        return None
    # Days since 1970 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    month = month.astype(np.int32)
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    days = (era * 146_097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719_468).astype(np.int64)
    return days * _DAY + (hour.astype(np.int32) * 3_600 + minute * 60 + second)


def _read_columns(conn: sqlite3.Connection, where: str = "", params: tuple = ()):
    """(ids, payer, payee, fen, secs) of the transactions matching ``where``, in id order.

    SQLite writes each column of a range of ids as one text (``group_concat``) and numpy
    parses it: about a fifth of what fetching a Python tuple per row costs. While numpy
    parses one range, SQLite (which lets go of the GIL) already reads the next on a second
    thread: the connection is only ever used by one thread at a time. A missing payer or
    payee is 0, a cash withdrawal's payee :data:`_CASH`; ``secs`` are the wall-clock
    seconds of ``ts`` (its first 19 characters, as :func:`._common.ts_seconds`).
    """
    if hasattr(conn, "copy_out"):  # a server case
        return _read_columns_server(conn, where, params)
    lo, hi = conn.execute("SELECT min(id), max(id) FROM txn").fetchone()
    cond = f"AND ({where})" if where else ""
    starts = list(range(lo, hi + 1, _READ_IDS)) if lo is not None else []
    capacity = hi - lo + 1 if starts else 0
    ids, fen, secs = (np.empty(capacity, dtype=np.int64) for _ in range(3))
    payer, payee = (np.empty(capacity, dtype=np.int32) for _ in range(2))

    # Without a condition ids are usually dense (1, 2, 3 ...): asked for only when a range
    # of them has gaps.
    id_text = "NULL" if not where else "CAST(group_concat(id) AS BLOB)"

    def fetch(start: int) -> tuple:
        return conn.execute(
            f"SELECT {id_text}, CAST(group_concat(ifnull(payer_id, 0)) AS BLOB), "
            f"CAST(group_concat(coalesce(payee_id, -(exit_kind = 'cash') * {-_CASH})) "
            "AS BLOB), CAST(group_concat(amount_fen) AS BLOB), "
            f"CAST(group_concat(ts, '') AS BLOB) FROM txn WHERE id >= ? AND id < ? {cond}",
            (start, start + _READ_IDS, *params),
        ).fetchone()

    filled = 0
    ranges = _Prefetch(fetch, starts)
    for start, (*texts, ts) in zip(starts, ranges, strict=True):
        if texts[1] is None:  # no rows in the range
            continue
        n = texts[1].count(b",") + 1
        at = slice(filled, filled + n)
        if texts[0] is None and n == min(start + _READ_IDS, hi + 1) - start:
            ids[at] = np.arange(start, start + n)
            texts, columns = texts[1:], (payer, payee, fen)
        else:
            columns = (ids, payer, payee, fen)
            if texts[0] is None:  # ids with gaps
                ranges.idle()
                texts[0] = _range_text(conn, "id", start, cond, params)
        for column, text in zip(columns, texts, strict=True):
            column[at] = np.fromstring(text, dtype=column.dtype, sep=",")
        seconds = _parse_seconds(ts, n)
        if seconds is None:  # spellings of several lengths: cut or pad each to 19
            ranges.idle()
            seconds = _parse_seconds(_range_text(conn, _PADDED_TS, start, cond, params), n)
        if seconds is None:
            raise _bad_time(conn, (start, start + _READ_IDS), cond, params)
        secs[at] = seconds
        filled += n
    if filled < capacity:  # ids missing or left out: what was read (callers gather anyway)
        ids, payer, payee, fen, secs = (c[:filled] for c in (ids, payer, payee, fen, secs))
    return ids, payer, payee, fen, secs


class _Prefetch:
    """``fetch(item)`` for each item in turn, the next one fetched on a second thread while
    the caller works on the last (SQLite lets go of the GIL while it steps).

    One thread at a time uses the connection; :meth:`idle` waits for the fetch in flight
    before the caller uses it. A connection tied to its thread is read on that thread.
    """

    def __init__(self, fetch: Callable, items: list):
        self.fetch = fetch
        self.items = items
        self._pending: Future | None = None

    def __iter__(self):
        with ThreadPoolExecutor(max_workers=1) as pool:
            threaded = True
            for k, item in enumerate(self.items):
                try:
                    result = self._pending.result() if self._pending else self.fetch(item)
                except dbapi.DatabaseError:
                    # A connection tied to the thread that made it refuses the second one
                    # (ProgrammingError); any other error comes back when asked again here.
                    threaded, result = False, self.fetch(item)
                self._pending = None
                if threaded and k + 1 < len(self.items):
                    self._pending = pool.submit(self.fetch, self.items[k + 1])
                yield result

    def idle(self) -> None:
        """Wait for the fetch in flight (its result is kept for the next turn)."""
        if self._pending is not None:
            self._pending.exception()


def _range_text(conn, column: str, start: int, cond: str, params: tuple) -> bytes:
    """One column of a range of ids as text: ids comma-separated, times end to end."""
    sep = "''" if column == _PADDED_TS else "','"
    return conn.execute(
        f"SELECT CAST(group_concat({column}, {sep}) AS BLOB) FROM txn "
        f"WHERE id >= ? AND id < ? {cond}",
        (start, start + _READ_IDS, *params),
    ).fetchone()[0]


def _bad_time(conn, rng: tuple[int, int], cond: str, params: tuple) -> AnalysisError:
    """The error naming the first transaction in a range of ids whose time is no time."""
    for tid, ts in conn.execute(
        f"SELECT id, ts FROM txn WHERE id >= ? AND id < ? {cond} ORDER BY id", (*rng, *params)
    ):
        padded = (ts + "0000-01-01 00:00:00"[len(ts) :])[:19]
        if not padded.isascii() or _parse_seconds(padded.encode(), 1) is None:
            return AnalysisError("transaction time", f"#{tid} {ts}", "not a date and time")
    return AnalysisError("transaction times", rng, "not dates and times")


#: One row of the server's binary COPY of five bigint columns: a field count, then a
#: length and a big-endian value per field.
_COPY_ROW = np.dtype(
    [("fields", ">i2")] + [(f"{part}{k}", t) for k in range(5) for part, t in
                           (("len", ">i4"), ("value", ">i8"))]
)  # fmt: skip
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
#: Bytes gathered before they are parsed: the parsed columns, not the stream, are kept.
_COPY_CHUNK = 1 << 25


def _read_columns_server(conn, where: str, params: tuple):
    """:func:`_read_columns` of a server case: PostgreSQL computes the same five columns
    (the time as seconds since 1970 of its first 19 characters, padded as SQLite's are)
    and streams them with COPY in binary; numpy reads each row as a fixed-width record."""
    seconds = f"CAST(extract(epoch FROM CAST({_PADDED_TS} AS timestamp)) AS bigint)"
    select = (
        "SELECT CAST(id AS bigint), CAST(coalesce(payer_id, 0) AS bigint), "
        f"CAST(coalesce(payee_id, CASE WHEN exit_kind = 'cash' THEN {_CASH} ELSE 0 END) "
        f"AS bigint), CAST(amount_fen AS bigint), {seconds} FROM txn "
        f"{'WHERE ' + where if where else ''} ORDER BY id"
    )
    parts: list[np.ndarray] = []
    pending = bytearray()
    header = True

    def parse() -> None:
        whole = len(pending) // _COPY_ROW.itemsize * _COPY_ROW.itemsize
        rows = np.frombuffer(bytes(pending[:whole]), dtype=_COPY_ROW)
        if len(rows) and ((rows["fields"] != 5).any() or (rows["len4"] != 8).any()):
            raise AnalysisError("transaction times", "server copy", "not dates and times")
        parts.append(rows)
        del pending[:whole]

    try:
        for chunk in conn.copy_out(select, params):
            pending += chunk
            if header and len(pending) >= 19:
                if bytes(pending[:11]) != _COPY_SIGNATURE:
                    raise AnalysisError("transactions", "server copy", "not PostgreSQL's format")
                extension = int.from_bytes(pending[15:19], "big")
                del pending[: 19 + extension]
                header = False
            if not header and len(pending) >= _COPY_CHUNK:
                parse()
    except dbapi.ServerDatabaseError as e:
        if "timestamp" not in str(e) and "date/time" not in str(e):
            raise
        raise _bad_time(conn, (0, 1 << 62), f"AND ({where})" if where else "", params) from e
    parse()
    if bytes(pending) != b"\xff\xff":  # what is left is the trailer: a field count of -1
        raise AnalysisError("transactions", "server copy", "ends unexpectedly")
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=_COPY_ROW)
    return (
        rows["value0"].astype(np.int64),
        rows["value1"].astype(np.int32),
        rows["value2"].astype(np.int32),
        rows["value3"].astype(np.int64),
        rows["value4"].astype(np.int64),
    )
