"""Helpers the analysis modules share: the connection, timestamps, entity references.

Timestamps are stored as text (``2025-03-01 14:02:11``; the ``T`` spelling and a suffix such
as ``+08:00`` are tolerated) and compared as text, which is what lets the
``txn_payer_ts`` / ``txn_payee_ts`` indexes answer "what left this card between t and t+w"
(the money patterns read them as seconds instead, see ``columns._read_columns``).
That holds only while a case spells all its timestamps one way, which the importers and the
demo builder do; bounds computed here therefore copy the spelling of the timestamp they start
from instead of imposing one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import CaseError, NotFoundError
from ..identifiers import IdentifierError
from ..model import Kind
from ..store import CaseStore

_EPOCH = datetime(1970, 1, 1)

#: SQLite's default limit on ``?`` parameters is 32,766; stay well below it.
_CHUNK = 900


class AnalysisError(CaseError):
    """An analysis was asked something it cannot answer (a bad parameter, a missing start)."""

    def __init__(self, what: str, value, reason: str):
        self.what = what
        self.value = value
        self.reason = reason
        super().__init__(f"{what} {value!r}: {reason}")


def connection(store: CaseStore) -> sqlite3.Connection:
    """The store's SQLite connection; analysis reads through it and never writes."""
    if store.closed:
        raise AnalysisError("case", str(store.path), "the case is closed")
    return store._conn


def entity_by_key(store: CaseStore, text: str) -> int:
    """The id of the entity a command line names: ``#id``, or a natural key of any kind.

    Tries the text as a phone number, card or account number, ID number, IMEI, payment
    account (``alipay:...``) and wallet address (each in any spelling the store accepts). Raises ``NotFoundError`` when nothing matches and
    ``AnalysisError`` when keys of two kinds match (say, an 11-digit account number that is
    also a mobile number); ``#id`` then says which.
    """
    text = str(text).strip()
    if text.startswith("#") and text[1:].isdigit():
        if not store.has_entity(int(text[1:])):
            raise NotFoundError("entity", text)
        return int(text[1:])
    found = {}
    for kind in (Kind.PHONE_CARD, Kind.BANK_CARD, Kind.PERSON, Kind.DEVICE,
                 Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET):  # fmt: skip
        try:
            entity = store.find_entity(kind, text)
        except IdentifierError:
            continue
        if entity is not None:
            found[kind.value] = entity.id
    if not found:
        raise NotFoundError("entity", text)
    if len(found) > 1:
        raise AnalysisError("key", text, f"names several entities: {found}; give #id")
    return next(iter(found.values()))


def _parse(ts: str) -> datetime:
    # The first 19 characters carry the wall-clock time; fractions and offsets are ignored,
    # since statements from Chinese banks are all in Beijing time.
    core = ts[:19]
    if len(core) == 10:
        return datetime.fromisoformat(core)
    return datetime.fromisoformat(core[:10] + "T" + core[11:])


def shift_ts(ts: str, seconds: float) -> str:
    """Move a stored timestamp by ``seconds``, keeping its spelling.

    >>> shift_ts("2025-03-01 23:50:00", 900)
    '2025-03-02 00:05:00'
    >>> shift_ts("2025-03-01T10:00:00+08:00", -60)
    '2025-03-01T09:59:00+08:00'
    """
    sep = ts[10] if len(ts) > 10 else " "
    moved = _parse(ts) + timedelta(seconds=seconds)
    return moved.strftime(f"%Y-%m-%d{sep}%H:%M:%S") + ts[19:]


def ts_seconds(ts: str) -> float:
    """Seconds since 1970 of a stored timestamp's wall-clock time (for ordering and gaps).

    >>> ts_seconds("1970-01-02 00:00:01")
    86401.0
    """
    return (_parse(ts) - _EPOCH).total_seconds()


def case_time(conn: sqlite3.Connection, value: str | datetime) -> str:
    """A time given by the analyst, spelt the way the case spells its transaction times.

    Accepts a ``datetime`` or any ISO form (``2025-03-01``, ``2025-03-01 14:02``,
    ``2025-03-01T14:02:11``). Raises ``AnalysisError`` when it is not a time.
    """
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None)
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError as e:
            raise AnalysisError("time", value, "not a date and time (YYYY-MM-DD HH:MM:SS)") from e
    row = conn.execute("SELECT ts FROM txn LIMIT 1").fetchone()
    sep = row[0][10] if row and len(row[0]) > 10 else " "
    return moment.strftime(f"%Y-%m-%d{sep}%H:%M:%S")


def chunks(values: Iterable, size: int = _CHUNK) -> Iterator[list]:
    """``values`` in lists of at most ``size``: for ``IN (?, ?, ...)`` queries."""
    batch: list = []
    for v in values:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def placeholders(n: int) -> str:
    """``?, ?, ?`` for ``n`` parameters.

    >>> placeholders(3)
    '?, ?, ?'
    """
    return ", ".join("?" * n)


@dataclass(frozen=True)
class EntityRef:
    """Who an id is, as results name it: kind, natural key and name."""

    entity_id: int
    kind: str
    key: str | None
    name: str

    @property
    def label(self) -> str:
        """Name if known, else the natural key, else ``#id`` (as ``Entity.display``)."""
        return self.name or self.key or f"#{self.entity_id}"


def entity_refs(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, EntityRef]:
    """Kind, key and name of each id that exists."""
    out: dict[int, EntityRef] = {}
    for batch in chunks(sorted(set(ids))):
        for eid, kind, key, name in conn.execute(
            f"SELECT id, kind, key, name FROM entity WHERE id IN ({placeholders(len(batch))})",
            batch,
        ):
            out[eid] = EntityRef(eid, kind, key, name)
    return out


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals, the way bank forms write amounts.

    >>> yuan(1234567)
    '12345.67'
    >>> yuan(5)
    '0.05'
    """
    return f"{fen // 100}.{fen % 100:02d}"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """A small positive integer in Chinese numerals, as level names use them.

    >>> chinese_number(1), chinese_number(10), chinese_number(12), chinese_number(20)
    ('一', '十', '十二', '二十')
    """
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def strength(measure: float, threshold: float) -> float:
    """A finding's score from its main measure: 0.5 at the threshold, towards 1 beyond it.

    ``1 - threshold / (2 * measure)``: twice the threshold scores 0.75, five times 0.9.

    >>> strength(5, 5), strength(10, 5), strength(25, 5)
    (0.5, 0.75, 0.9)
    """
    if measure <= 0:
        return 0.0
    return round(max(0.0, 1 - threshold / (2 * measure)), 4)
