"""The case file's schema, created and upgraded by numbered migrations.

``PRAGMA user_version`` holds the schema version; ``PRAGMA application_id`` marks the file as
a Zhanlian case so that another program's SQLite file is told apart from ours. A migration
runs inside the caller's transaction: either the whole upgrade lands or none of it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

#: 'ZLCF' as a 32-bit integer, written to the SQLite header.
APPLICATION_ID = 0x5A4C4346


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the caller's transaction first; run statement by statement.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def _v1_core(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE case_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE region (
            code    TEXT PRIMARY KEY,
            name    TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            level   TEXT NOT NULL CHECK (level IN ('province','prefecture','county','overseas')),
            parent  TEXT REFERENCES region(code),
            lat     REAL,
            lon     REAL
        );
        CREATE INDEX region_parent ON region(parent);

        CREATE TABLE entity (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL CHECK (kind IN
                           ('person','phone_card','bank_card','device','organisation')),
            key          TEXT,
            name         TEXT NOT NULL DEFAULT '',
            key_valid    INTEGER NOT NULL DEFAULT 1,
            key_problem  TEXT NOT NULL DEFAULT '',
            culpability  TEXT NOT NULL DEFAULT '',
            legal_status TEXT NOT NULL DEFAULT '',
            notes        TEXT NOT NULL DEFAULT '',
            attrs        TEXT NOT NULL DEFAULT '{}',
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        );
        -- The natural key makes the same card entered twice one card; people may lack one.
        CREATE UNIQUE INDEX entity_kind_key ON entity(kind, key) WHERE key IS NOT NULL;
        CREATE INDEX entity_kind_name ON entity(kind, name);

        CREATE TABLE entity_role (
            entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            role      TEXT NOT NULL,
            PRIMARY KEY (entity_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX entity_role_role ON entity_role(role);

        CREATE TABLE entity_alias (
            entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            alias     TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias)
        ) WITHOUT ROWID;
        CREATE INDEX entity_alias_alias ON entity_alias(alias);

        CREATE TABLE entity_region (
            entity_id   INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            region_code TEXT NOT NULL REFERENCES region(code),
            reason      TEXT NOT NULL,
            PRIMARY KEY (entity_id, region_code, reason)
        ) WITHOUT ROWID;
        CREATE INDEX entity_region_region ON entity_region(region_code);

        CREATE TABLE link_type (
            code     TEXT PRIMARY KEY,
            en       TEXT NOT NULL,
            zh       TEXT NOT NULL,
            directed INTEGER NOT NULL DEFAULT 1,
            builtin  INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE link (
            id         INTEGER PRIMARY KEY,
            type       TEXT NOT NULL REFERENCES link_type(code),
            source_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            target_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            origin     TEXT NOT NULL DEFAULT 'manual',
            confidence REAL NOT NULL DEFAULT 1.0 CHECK (confidence BETWEEN 0 AND 1),
            weight     REAL NOT NULL DEFAULT 1.0,
            note       TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (source_id <> target_id)
        );
        CREATE INDEX link_source ON link(source_id, type);
        CREATE INDEX link_target ON link(target_id, type);

        CREATE TABLE audit (
            id        INTEGER PRIMARY KEY,
            ts        TEXT NOT NULL,
            analyst   TEXT NOT NULL,
            action    TEXT NOT NULL,
            tbl       TEXT NOT NULL,
            row_id    INTEGER,
            entity_id INTEGER,
            old_value TEXT,
            new_value TEXT
        );
        CREATE INDEX audit_entity ON audit(entity_id, id);
        """,
    )


def _v2_facts(conn: sqlite3.Connection) -> None:
    # Evidence tables. Facts refer to cards and phones by entity id; deleting an entity that
    # evidence refers to is refused (RESTRICT), since the evidence outranks the annotation.
    _run(
        conn,
        """
        CREATE TABLE import_batch (
            id          INTEGER PRIMARY KEY,
            file_name   TEXT NOT NULL,
            file_size   INTEGER NOT NULL DEFAULT 0,
            sha256      TEXT NOT NULL DEFAULT '',
            kind        TEXT NOT NULL,
            profile     TEXT NOT NULL DEFAULT '',
            analyst     TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            counts      TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX import_batch_sha ON import_batch(sha256);

        CREATE TABLE txn (
            id          INTEGER PRIMARY KEY,
            payer_id    INTEGER REFERENCES entity(id) ON DELETE RESTRICT,
            payee_id    INTEGER REFERENCES entity(id) ON DELETE RESTRICT,
            -- where money left the traceable world: cash, platform, crypto, unknown
            exit_kind   TEXT NOT NULL DEFAULT '',
            amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
            ts          TEXT NOT NULL,
            channel     TEXT NOT NULL DEFAULT '',
            summary     TEXT NOT NULL DEFAULT '',
            counterpart TEXT NOT NULL DEFAULT '',
            serial      TEXT NOT NULL DEFAULT '',
            place       TEXT NOT NULL DEFAULT '',
            batch_id    INTEGER REFERENCES import_batch(id),
            source_row  INTEGER,
            CHECK (payer_id IS NOT NULL OR payee_id IS NOT NULL)
        );
        -- Tracing walks "what left this card after time t" and "what arrived before t".
        CREATE INDEX txn_payer_ts ON txn(payer_id, ts);
        CREATE INDEX txn_payee_ts ON txn(payee_id, ts);
        CREATE INDEX txn_ts ON txn(ts);

        CREATE TABLE call (
            id         INTEGER PRIMARY KEY,
            caller_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE RESTRICT,
            callee_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE RESTRICT,
            ts         TEXT NOT NULL,
            duration_s INTEGER NOT NULL DEFAULT 0 CHECK (duration_s >= 0),
            call_type  TEXT NOT NULL DEFAULT 'voice',
            cell       TEXT NOT NULL DEFAULT '',
            device_id  INTEGER REFERENCES entity(id) ON DELETE RESTRICT,
            batch_id   INTEGER REFERENCES import_batch(id),
            source_row INTEGER
        );
        CREATE INDEX call_caller_ts ON call(caller_id, ts);
        CREATE INDEX call_callee_ts ON call(callee_id, ts);
        CREATE INDEX call_device ON call(device_id) WHERE device_id IS NOT NULL;
        """,
    )


def _v3_intake(conn: sqlite3.Connection) -> None:
    # Provenance of imported facts. A fact keeps the batch and row it was first read from and
    # the statement's own card or number that reported it (``reporter_id``); the other
    # party's report of the same transfer or call becomes a row of txn_source/call_source.
    # Also: rows that could not be read, mapping profiles, where an inferred region came from.
    _run(
        conn,
        """
        CREATE TABLE txn_source (
            txn_id      INTEGER NOT NULL REFERENCES txn(id) ON DELETE CASCADE,
            batch_id    INTEGER NOT NULL REFERENCES import_batch(id),
            source_row  INTEGER NOT NULL,
            reporter_id INTEGER REFERENCES entity(id),
            PRIMARY KEY (txn_id, batch_id, source_row)
        ) WITHOUT ROWID;
        CREATE INDEX txn_source_batch ON txn_source(batch_id, source_row);
        CREATE TABLE call_source (
            call_id     INTEGER NOT NULL REFERENCES call(id) ON DELETE CASCADE,
            batch_id    INTEGER NOT NULL REFERENCES import_batch(id),
            source_row  INTEGER NOT NULL,
            reporter_id INTEGER REFERENCES entity(id),
            PRIMARY KEY (call_id, batch_id, source_row)
        ) WITHOUT ROWID;
        CREATE INDEX call_source_batch ON call_source(batch_id, source_row);
        CREATE INDEX txn_serial ON txn(serial) WHERE serial <> '';
        ALTER TABLE txn ADD COLUMN reporter_id INTEGER;
        ALTER TABLE call ADD COLUMN reporter_id INTEGER;
        CREATE TABLE rejected_row (
            id       INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES import_batch(id),
            file     TEXT NOT NULL,
            line     INTEGER NOT NULL,
            col      TEXT NOT NULL DEFAULT '',
            value    TEXT NOT NULL DEFAULT '',
            reason   TEXT NOT NULL
        );
        CREATE INDEX rejected_row_batch ON rejected_row(batch_id, line);
        CREATE TABLE mapping_profile (
            name       TEXT PRIMARY KEY,
            kind       TEXT NOT NULL,
            signature  TEXT NOT NULL,
            mapping    TEXT NOT NULL,
            analyst    TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX mapping_profile_signature ON mapping_profile(signature);
        ALTER TABLE entity ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
        ALTER TABLE entity_region ADD COLUMN note TEXT NOT NULL DEFAULT '';
        """,
    )


def _v4_charts_findings(conn: sqlite3.Connection) -> None:
    # Link charts (named views of the case with positions and styles), the analyst's verdicts
    # on pattern findings, measures taken on accounts (stop-payment, freeze, seizure, return)
    # and the balance a statement reported after each transaction.
    _run(
        conn,
        """
        CREATE TABLE chart (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE,
            settings   TEXT NOT NULL DEFAULT '{}',
            created_by TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE chart_item (
            chart_id  INTEGER NOT NULL REFERENCES chart(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            x         REAL NOT NULL DEFAULT 0,
            y         REAL NOT NULL DEFAULT 0,
            style     TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (chart_id, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX chart_item_entity ON chart_item(entity_id);

        CREATE TABLE finding_verdict (
            pattern    TEXT NOT NULL,
            key        TEXT NOT NULL,
            verdict    TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
            note       TEXT NOT NULL DEFAULT '',
            analyst    TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (pattern, key)
        ) WITHOUT ROWID;

        CREATE TABLE measure (
            id         INTEGER PRIMARY KEY,
            entity_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            action     TEXT NOT NULL CHECK (action IN ('stop', 'freeze', 'seize', 'return')),
            amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
            taken_at   TEXT NOT NULL,
            analyst    TEXT NOT NULL,
            note       TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX measure_entity ON measure(entity_id);

        ALTER TABLE txn ADD COLUMN balance_fen INTEGER;
        ALTER TABLE txn_source ADD COLUMN balance_fen INTEGER;
        -- A card's last known balance: its own statement's latest reported balance.
        CREATE INDEX txn_reporter_balance ON txn(reporter_id, ts)
            WHERE balance_fen IS NOT NULL;
        CREATE INDEX txn_source_reporter_balance ON txn_source(reporter_id)
            WHERE balance_fen IS NOT NULL;
        """,
    )


#: Entity kinds the v5 migration allows on top of v1's five.
_V5_KINDS = ("payment_account", "crypto_wallet")
_KIND_CHECK = re.compile(r"kind\s+IN\s*\(([^)]*)\)", re.IGNORECASE)


def _v5_payment_crypto_kinds(conn: sqlite3.Connection) -> None:
    # Payment-platform accounts (支付宝/微信 ...) and crypto wallets become entity kinds.
    # SQLite cannot ALTER a CHECK constraint. Widening one changes no stored row, so the
    # documented writable_schema procedure (sqlite.org/lang_altertable.html, "other kinds
    # of table schema changes") edits the CREATE TABLE text in place instead of copying
    # every entity and the tables that refer to it: rewrite sqlite_schema's sql for
    # `entity`, bump schema_version so every connection re-reads the schema, then check
    # the file. All of it runs inside the caller's transaction.
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entity'"
    ).fetchone()
    matches = list(_KIND_CHECK.finditer(row[0]))
    if len(matches) != 1:
        raise sqlite3.DatabaseError("entity table: expected one CHECK (kind IN (...))")
    m = matches[0]
    kinds = [k.strip().strip("'") for k in m.group(1).split(",") if k.strip()]
    kinds += [k for k in _V5_KINDS if k not in kinds]
    check = "kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")"
    sql = row[0][: m.start()] + check + row[0][m.end() :]
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'entity'", (sql,)
        )
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError(
            "integrity check after the v5 migration: " + "; ".join(problems)
        )


def _v6_intake_outcomes(conn: sqlite3.Connection) -> None:
    # What the world's statements hold beyond transfers: orders that moved no money (closed,
    # failed, 不计收支) are kept apart from txn, so no sum, trace or pattern ever counts them;
    # refunds and reversals are marked on the transaction; calls keep what is odd about them
    # (a negative or empty duration) instead of being refused.
    _run(
        conn,
        """
        CREATE TABLE txn_unmoved (
            id             INTEGER PRIMARY KEY,
            account_id     INTEGER NOT NULL REFERENCES entity(id) ON DELETE RESTRICT,
            counterpart_id INTEGER REFERENCES entity(id) ON DELETE RESTRICT,
            -- as printed: +1 in, -1 out, 0 neither (不计收支)
            direction      INTEGER NOT NULL DEFAULT 0,
            amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
            ts             TEXT NOT NULL,
            status         TEXT NOT NULL DEFAULT '',
            summary        TEXT NOT NULL DEFAULT '',
            counterpart    TEXT NOT NULL DEFAULT '',
            serial         TEXT NOT NULL DEFAULT '',
            channel        TEXT NOT NULL DEFAULT '',
            batch_id       INTEGER REFERENCES import_batch(id),
            source_row     INTEGER
        );
        CREATE INDEX txn_unmoved_account ON txn_unmoved(account_id, ts);
        CREATE INDEX txn_unmoved_batch ON txn_unmoved(batch_id);
        ALTER TABLE txn ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE call ADD COLUMN note TEXT NOT NULL DEFAULT '';
        """,
    )


def _v7_audit_chain(conn: sqlite3.Connection) -> None:
    # The audit log becomes a hash chain (workbench/audit.py): each row carries the hash of
    # the row before it and its own, so a row edited, deleted or inserted by hand is caught.
    # The rows written before this version are chained here, in id order.
    from .audit import chain_all  # the chain's format lives in one place

    _run(
        conn,
        """
        ALTER TABLE audit ADD COLUMN prev_hash TEXT;
        ALTER TABLE audit ADD COLUMN row_hash TEXT;
        """,
    )
    chain_all(conn)


def _v8_entity_version(conn: sqlite3.Connection) -> None:
    # A version per entity row, raised by every edit: an edit made against version n is
    # refused when the row has since become n+1 (another analyst of a server case wrote
    # it in between), so nothing is overwritten silently.
    _run(conn, "ALTER TABLE entity ADD COLUMN version INTEGER NOT NULL DEFAULT 1;")


#: (version reached, migration). Append only; never edit a released migration.
MIGRATIONS: tuple[tuple[int, Callable[[sqlite3.Connection], None]], ...] = (
    (1, _v1_core),
    (2, _v2_facts),
    (3, _v3_intake),
    (4, _v4_charts_findings),
    (5, _v5_payment_crypto_kinds),
    (6, _v6_intake_outcomes),
    (7, _v7_audit_chain),
    (8, _v8_entity_version),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]


def migrate(conn: sqlite3.Connection, current: int, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the migrations after ``current`` up to ``target``; return the versions applied.

    The caller holds the transaction. ``PRAGMA user_version`` is set inside it, so a failed
    upgrade leaves the old version number with the old schema.
    """
    applied = []
    for version, step in MIGRATIONS:
        if current < version <= target:
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            applied.append(version)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return applied
