"""Between files and the server: push a case file up, pull a server case down, and find
leads across the server's cases (串并案线索).

A push copies every table row for row with COPY, in one transaction, so the server case
is the file's case exactly: same ids, same audit chain (which goes on verifying), plus one
audit row saying who pushed it from where. A pull writes a new owner-only case file the
same way, e.g. for a prosecutor's copy; ``zhanlian check`` then finds it sound.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import dbapi
from ..errors import ServerCaseError
from ..schema import SCHEMA_VERSION, migrate
from . import clock, dialect
from .server import (
    ServerConnection,
    _enter_case,
    _ident,
    _psycopg,
    connect,
    create_schema,
    ensure_register,
    is_server_url,
    parse_url,
    register_row,
)

#: Entity kinds whose key names one real thing everywhere: a card, a phone, an ID number...
LEAD_KINDS = ("bank_card", "phone_card", "person", "device", "payment_account", "crypto_wallet")


def push(path, url: str, analyst: str, *, key: str | None = None) -> dict[str, int]:
    """Upload a case file as a new server case; return the rows copied per table.

    The file is read as it stands (read-only, its lock respected by reading a consistent
    snapshot); the server case is created, filled and registered in one transaction, so a
    failure leaves no half case behind. ``analyst`` becomes the case lead."""
    from . import CaseStore

    case = parse_url(url)
    source = CaseStore.open(path, analyst, read_only=True, key=key)
    counts: dict[str, int] = {}
    raw = connect(case.conninfo)
    try:
        ensure_register(raw)
        columns = dialect.table_columns()
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(hashtext('zhanlian.register'))")
            if register_row(raw, case) is not None:
                raise ServerCaseError(f"{case.url}: the server holds this case already")
            create_schema(raw, case, analyst)
            src = source._conn
            for table in dialect.table_order():
                cols = ", ".join(columns[table])
                n = 0
                with raw.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in src.execute(f"SELECT {cols} FROM {table}"):
                        copy.write_row(row)
                        n += 1
                counts[table] = n
                if dialect.has_id_column(table):
                    ServerConnection(raw, case).follow_identity(table)
            _audit_transfer(raw, case, analyst, "push", {"from": str(Path(path).resolve()),
                                                         "rows": sum(counts.values())})  # fmt: skip
    finally:
        raw.close()
        source.close()
    return counts


def pull(url: str, path, analyst: str) -> dict[str, int]:
    """Write a server case to a new case file (which must not exist); return the rows per
    table. The file gets the case's rows exactly, and one audit row for the pull."""
    case = parse_url(url)
    path = Path(path)
    raw = connect(case.conninfo)
    counts: dict[str, int] = {}
    created = False
    try:
        if register_row(raw, case) is None:
            raise ServerCaseError(
                f"{case.url}: no such case on this server, or you may not read it"
            )
        _enter_case(raw, case)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        created = True
        conn = dbapi.connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = OFF")  # parents first anyway; checked below
            columns = dialect.table_columns()
            with conn:
                migrate(conn, 0, SCHEMA_VERSION)
                # Read in one snapshot: a pull during others' edits is still one state.
                with raw.transaction():
                    raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    for table in dialect.table_order():
                        cols = columns[table]
                        marks = ", ".join("?" * len(cols))
                        types = _types(raw, table, cols)  # before the COPY holds the line
                        with raw.cursor().copy(
                            f"COPY (SELECT {', '.join(cols)} FROM {table} ORDER BY 1) TO STDOUT"
                        ) as copy:
                            copy.set_types(types)
                            rows = list(copy.rows())
                        conn.executemany(
                            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows
                        )
                        counts[table] = len(rows)
                problems = list(conn.execute("PRAGMA foreign_key_check"))
                if problems:
                    raise ServerCaseError(f"{case.url}: the copy breaks references: {problems[:3]}")
            conn.execute("PRAGMA foreign_keys = ON")
        finally:
            conn.close()
    except BaseException:
        if created:  # ours, made just now under O_EXCL
            for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                side.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    from . import CaseStore

    with CaseStore.open(path, analyst) as store, store._write("pull", {"case_meta"}):
        store._audit("pull", "case", None, None, None, {"from": case.url,
                                                        "rows": sum(counts.values())})  # fmt: skip
    return counts


def _types(raw, table: str, cols: list[str]) -> list[str]:
    found = dict(raw.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s", (table,)).fetchall())  # fmt: skip
    return [found[c] for c in cols]


def _audit_transfer(raw, case, analyst: str, action: str, new: dict) -> None:
    from ..audit import append_audit

    append_audit(ServerConnection(raw, case), ts=clock.now(), analyst=analyst, action=action,
                 tbl="case", new_value=json.dumps(new, ensure_ascii=False))  # fmt: skip


@dataclass
class Lead:
    """A key of this case that other cases on the server hold too."""

    key: str
    kind: str
    name: str
    #: one entry per other case: {"case", "lead", "name", "roles"}
    found_in: list[dict] = field(default_factory=list)

    @property
    def cases(self) -> list[str]:
        return [f["case"] for f in self.found_in]

    def to_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "name": self.name, "cases": self.cases,
                "found_in": self.found_in}  # fmt: skip


def _lead_rows(raw, schema: str) -> list[tuple]:
    """(kind, key, name here, name there, roles there) of the keys one other case holds."""
    return raw.execute(
        f"SELECT k.kind, k.key, k.name, o.name, "
        f"(SELECT string_agg(r.role, ',' ORDER BY r.role) FROM {schema}.entity_role r "
        f"WHERE r.entity_id = o.id) FROM lead_key k JOIN {schema}.entity o "
        "ON o.kind = k.kind AND o.key = k.key ORDER BY k.kind, k.key"
    ).fetchall()


def leads(target, analyst: str = "", *, server: str | None = None,
          key: str | None = None) -> list[Lead]:  # fmt: skip
    """Cards, phones, ID numbers, IMEIs, payment accounts and wallets of a case that other
    cases on the server hold too, with their role there and that case's lead.

    ``target`` is a server case (its URL), or a case file compared against the cases on
    ``server``. Only cases the user may open are searched: the server decides (roles)."""
    if is_server_url(target):
        case = parse_url(target)
        raw = connect(case.conninfo)
        mine = None
    else:
        if not server:
            raise ServerCaseError(
                "a case file is compared with a server's cases: give --server URL"
            )
        from . import CaseStore

        case = None
        raw = connect(parse_url(server, case="x").conninfo)
        with CaseStore.open(target, analyst, read_only=True, key=key) as store:
            mine = store._conn.execute(
                "SELECT kind, key, name FROM entity WHERE key IS NOT NULL AND key_problem = '' "
                f"AND kind IN ({', '.join('?' * len(LEAD_KINDS))})", LEAD_KINDS).fetchall()  # fmt: skip
    try:
        others = (
            raw.execute(
                "SELECT name, schema_name, lead FROM zhanlian.cases "
                "WHERE has_schema_privilege(schema_name, 'USAGE') ORDER BY name"
            ).fetchall()
            if raw.execute("SELECT to_regclass('zhanlian.cases')").fetchone()[0]
            else []
        )
        with raw.transaction():
            raw.execute(
                "CREATE TEMP TABLE lead_key (kind TEXT, key TEXT, name TEXT) ON COMMIT DROP"
            )
            if mine is None:
                if not any(o[0] == case.name for o in others):
                    raise ServerCaseError(f"{case.url}: no such case, or you may not read it")
                raw.execute(
                    f"INSERT INTO lead_key SELECT kind, key, name FROM {_ident(case.schema)}.entity "
                    "WHERE key IS NOT NULL AND key_problem = '' AND kind = ANY(%s)",
                    (list(LEAD_KINDS),),
                )
            else:
                with raw.cursor().copy("COPY lead_key (kind, key, name) FROM STDIN") as copy:
                    for row in mine:
                        copy.write_row(row)
            found: dict[tuple[str, str], Lead] = {}
            for name, schema, lead in others:
                if case is not None and name == case.name:
                    continue
                s = _ident(schema)
                try:
                    with raw.transaction():  # a savepoint: a case going away is skipped
                        rows = _lead_rows(raw, s)
                except _psycopg().errors.UndefinedTable:
                    continue  # registered, but being created or dropped right now
                for kind, k, own_name, their_name, roles in rows:
                    lead_row = found.setdefault((kind, k), Lead(k, kind, own_name or their_name))
                    lead_row.found_in.append({"case": name, "lead": lead, "name": their_name,
                                              "roles": roles.split(",") if roles else []})  # fmt: skip
    finally:
        raw.close()
    return sorted(found.values(), key=lambda x: (-len(x.found_in), x.kind, x.key))
