"""The audit log as a hash chain: a row edited, deleted or slipped in by hand is caught.

Each row of ``audit`` carries ``prev_hash``, the ``row_hash`` of the row before it (64 zeros
for the first row), and ``row_hash``, the SHA-256 of the row's canonical serialisation: the
JSON array ``[prev_hash, id, ts, analyst, action, tbl, row_id, entity_id, old_value,
new_value]`` with values as SQLite stores them, no spaces, UTF-8, non-ASCII kept. Changing any
field of a row breaks its own hash; deleting a row breaks the next row's link; inserting one
breaks the link of the row itself or of the one after it. :func:`verify_audit_chain` walks
the chain and names the first row that does not fit.

Anyone who can write the file can also recompute every hash after a forgery. What the chain
adds is that one short value, the hash of the last row (the *head*, which the case report
prints), pins down the whole history before it: a printed report proves later what the log
said then (``verify_audit_chain(conn, head=(row, hash))``).

Every writer of an audit row goes through :func:`append_audit`: the case store, the
importer's worker connection, the case's first row. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

#: ``prev_hash`` of the first row.
GENESIS = "0" * 64

#: The columns a row's hash covers, in this order (after ``prev_hash``).
HASHED_COLUMNS = (
    "id",
    "ts",
    "analyst",
    "action",
    "tbl",
    "row_id",
    "entity_id",
    "old_value",
    "new_value",
)
_SELECT = f"SELECT {', '.join(HASHED_COLUMNS)}, prev_hash, row_hash FROM audit"
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(frozen=True)
class ChainHead:
    """The end of the chain: how many rows, the last row's id and its hash."""

    rows: int
    row_id: int | None
    row_hash: str


def row_hash(prev_hash: str, row) -> str:
    """SHA-256 (hex) of one audit row: ``row`` holds the values of :data:`HASHED_COLUMNS`.

    >>> row_hash(GENESIS, (1, "2025-03-01T10:00:00+08:00", "李", "create", "case_meta",
    ...                    None, None, None, '{"name": "案"}'))[:16]
    '7d2c8e87dc273eae'
    """
    payload = _ENCODER.encode([prev_hash, *row])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_chained(conn: sqlite3.Connection) -> bool:
    """True when the case's audit table has the chain's columns (schema 7 and later)."""
    return any(r[1] == "row_hash" for r in conn.execute("PRAGMA table_info(audit)"))


def _last(conn: sqlite3.Connection, before: int | None = None) -> str:
    if before is None:
        row = conn.execute("SELECT row_hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    else:
        row = conn.execute(
            "SELECT row_hash FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1", (before,)
        ).fetchone()
    # A row without a hash leaves its successor unlinkable: the verifier names that row.
    return GENESIS if row is None else (row[0] or "")


def _seal(conn: sqlite3.Connection, audit_id: int, prev: str) -> str:
    """Write ``prev_hash`` and ``row_hash`` of one row from its stored values."""
    values = conn.execute(
        f"SELECT {', '.join(HASHED_COLUMNS)} FROM audit WHERE id = ?", (audit_id,)
    ).fetchone()
    digest = row_hash(prev, values)
    conn.execute(
        "UPDATE audit SET prev_hash = ?, row_hash = ? WHERE id = ?", (prev, digest, audit_id)
    )
    return digest


def append_audit(
    conn: sqlite3.Connection,
    *,
    ts: str,
    analyst: str,
    action: str,
    tbl: str,
    row_id: int | None = None,
    entity_id: int | None = None,
    old_value: str | None = None,
    new_value: str | None = None,
) -> int:
    """Insert one audit row, chained to the row before it; return its id.

    Runs inside the caller's write transaction (the store's, or an importer's worker
    connection), so the previous row read here is the one the new row follows. The hash is
    taken from the values as SQLite stored them (read back), so that type affinity can never
    make a later verification disagree. A case whose schema predates the chain gets the
    plain row; the migration to schema 7 chains it with the rest.
    """
    cur = conn.execute(
        "INSERT INTO audit (ts, analyst, action, tbl, row_id, entity_id, old_value, "
        "new_value) VALUES (?,?,?,?,?,?,?,?)",
        (ts, analyst, action, tbl, row_id, entity_id, old_value, new_value),
    )
    audit_id = cur.lastrowid
    if is_chained(conn):
        _seal(conn, audit_id, _last(conn, before=audit_id))
    return audit_id


def chain_all(conn: sqlite3.Connection) -> int:
    """Compute the chain over every row in id order (the schema 7 migration); return the
    number of rows chained."""
    prev = GENESIS
    ids = [r[0] for r in conn.execute("SELECT id FROM audit ORDER BY id")]
    for audit_id in ids:
        prev = _seal(conn, audit_id, prev)
    return len(ids)


def audit_chain_head(conn: sqlite3.Connection) -> ChainHead:
    """The number of audit rows, the last row's id and its hash (64 zeros for none)."""
    if not is_chained(conn):
        return ChainHead(0, None, GENESIS)
    rows = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    last = conn.execute("SELECT id, row_hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        return ChainHead(0, None, GENESIS)
    return ChainHead(rows, last[0], last[1] or "")


def verify_audit_chain(
    conn: sqlite3.Connection, head: tuple[int, str] | None = None
) -> tuple[bool, int | None]:
    """``(ok, first_bad_row_id)``: walk the audit log in id order and check every link.

    A row is bad when its ``prev_hash`` is not the hash of the row before it (a row before
    it was deleted or slipped in) or its ``row_hash`` is not the hash of its own values and
    that link (it was edited, or inserted). ``head``, a ``(row id, hash)`` printed earlier
    (the case report's chain head), must still be in the chain: if that row is gone or
    differs, it is named (the log was cut back or rewritten since). A case older than the
    chain has nothing to verify: ``(True, None)``.

    >>> conn = sqlite3.connect(":memory:")
    >>> _ = conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, ts TEXT, analyst TEXT, "
    ...     "action TEXT, tbl TEXT, row_id INTEGER, entity_id INTEGER, old_value TEXT, "
    ...     "new_value TEXT, prev_hash TEXT, row_hash TEXT)")
    >>> for n in range(3):
    ...     _ = append_audit(conn, ts=f"t{n}", analyst="li", action="edit", tbl="entity")
    >>> verify_audit_chain(conn)
    (True, None)
    >>> _ = conn.execute("UPDATE audit SET analyst = 'wang' WHERE id = 2")
    >>> verify_audit_chain(conn)
    (False, 2)
    """
    if not is_chained(conn):
        return True, None
    if head is not None:
        # As printed: grouped by spaces, perhaps in capitals.
        head = (int(head[0]), "".join(str(head[1]).split()).lower())
    prev = GENESIS
    seen_head = head is None
    n = len(HASHED_COLUMNS)
    for row in conn.execute(_SELECT + " ORDER BY id"):
        values, stored_prev, stored_hash = row[:n], row[n], row[n + 1]
        if stored_prev != prev or stored_hash != row_hash(prev, values):
            return False, row[0]
        if head is not None and row[0] == head[0]:
            if stored_hash != head[1]:
                return False, row[0]
            seen_head = True
        prev = stored_hash
    if not seen_head:
        return False, head[0]
    return True, None


__all__ = [
    "GENESIS",
    "HASHED_COLUMNS",
    "ChainHead",
    "append_audit",
    "audit_chain_head",
    "chain_all",
    "is_chained",
    "row_hash",
    "verify_audit_chain",
]
