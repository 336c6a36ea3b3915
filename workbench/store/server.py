"""The PostgreSQL back end: a case on a server, shared live by the squad's analysts.

A server case is named by a libpq URL and the case: ``postgresql://[user@]host[:port]/db
?case=NAME`` (``?host=/socket/folder&case=NAME`` works too). Credentials come from libpq's
usual places (``PGPASSFILE``, the service file, ``PGPASSWORD``); TLS is used when the
server offers it (``sslmode=prefer``, libpq's default) and can be required in the URL.

Each case is a schema (``zl_<name>``) holding the very tables of a case file, made from the
one schema by :mod:`workbench.store.dialect`. The schema ``zhanlian`` holds the register of
cases (their lead and schema version) and who may open which. The same store code runs on
both back ends: this session replaces the SQLite one's opening, transactions and listeners.

- Every write is a short transaction with its audit row. Writers of one case take turns
  (a transaction-scoped advisory lock), so the audit chain stays one chain; readers never
  wait.
- A committed write is announced with ``NOTIFY`` on the case's channel; another session
  hears it through :meth:`ServerSession.poll_changes` (the GUI polls four times a second).
- Roles (analyst, reviewer, lead) are PostgreSQL roles, granted per case; row-level
  security on the register shows each user only the cases they may open.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import dbapi
from ..errors import CaseBusyError, NewerCaseError, ReadOnlyError, ServerCaseError
from ..schema import SCHEMA_VERSION
from . import clock, dialect
from .records import READ_ONLY_NOT_WRITABLE, READ_ONLY_REQUESTED, Changed

if TYPE_CHECKING:
    from . import CaseStore

SCHEMES = ("postgresql://", "postgres://")
#: Case names: letters (any script), digits, '_' and '-'; they name a schema and roles.
_CASE_NAME = re.compile(r"[\w-]{1,40}")
CASE_ROLES = ("analyst", "reviewer", "lead")
#: A batch of plain inserts this long goes to the server as one COPY.
COPY_FROM_ROWS = 64
_PLAIN_INSERT = re.compile(
    r"\s*INSERT\s+INTO\s+(\w+)\s*\(([\w\s,]+)\)\s*VALUES\s*\(\s*\?(?:\s*,\s*\?)*\s*\)\s*$", re.I
)

_REGISTER = (
    "CREATE SCHEMA IF NOT EXISTS zhanlian",
    "CREATE TABLE IF NOT EXISTS zhanlian.cases (name TEXT PRIMARY KEY, "
    "schema_name TEXT NOT NULL UNIQUE, lead TEXT NOT NULL, created_by TEXT NOT NULL, "
    "created_at TEXT NOT NULL, schema_version INTEGER NOT NULL)",
    "ALTER TABLE zhanlian.cases ENABLE ROW LEVEL SECURITY",
)


def is_server_url(target) -> bool:
    """True when ``target`` names a case on a server rather than a case file."""
    return isinstance(target, str) and target.startswith(SCHEMES)


@dataclass(frozen=True)
class ServerCase:
    """Where a server case lives: libpq connection string and case name."""

    conninfo: str
    name: str

    @property
    def schema(self) -> str:
        return f"zl_{self.name}"

    @property
    def url(self) -> str:
        parts = urlsplit(self.conninfo)
        query = parse_qsl(parts.query) + [("case", self.name)]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def role(self, case_role: str) -> str:
        return f"zl_{self.name}_{case_role}"


def parse_url(url: str, case: str | None = None) -> ServerCase:
    """Split ``postgresql://...?case=NAME`` into the libpq URL and the case name.

    >>> parse_url("postgresql://li@10.0.0.5:5432/squad?case=dianzha_2026&sslmode=require")
    ServerCase(conninfo='postgresql://li@10.0.0.5:5432/squad?sslmode=require', name='dianzha_2026')
    """
    if not is_server_url(url):
        raise ServerCaseError(f"{url}: not a server case (postgresql://host/db?case=NAME)")
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [v for k, v in query if k == "case"]
    name = case or (names[0] if names else "")
    if not name:
        raise ServerCaseError(f"{url}: which case? Add ?case=NAME to the URL")
    if not _CASE_NAME.fullmatch(name):
        raise ServerCaseError(f"{name!r}: a case name is 1 to 40 letters, digits, '_' or '-'")
    rest = urlencode([(k, v) for k, v in query if k != "case"])
    return ServerCase(urlunsplit(parts._replace(query=rest)), name)


def _psycopg():
    try:
        import psycopg
    except ImportError as e:  # pragma: no cover - a dependency, installed with the package
        raise ServerCaseError("server cases need psycopg: pip install 'psycopg[binary]'") from e
    return psycopg


def connect(conninfo: str, *, autocommit: bool = True, name: str = "zhanlian"):
    """A psycopg connection with numbers loaded as the SQLite road gives them (sums of
    integers as int, not Decimal). ``name`` is what the server shows for it (who holds
    the case's writing turn: ``zhanlian import li``)."""
    psycopg = _psycopg()
    try:
        raw = psycopg.connect(conninfo, autocommit=autocommit, application_name=name[:63])
    except psycopg.OperationalError as e:
        raise ServerCaseError(f"cannot reach the server: {str(e).strip()}") from e
    raw.adapters.register_loader("numeric", _numeric_loader())
    return raw


@lru_cache(maxsize=1)
def _numeric_loader():
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data):
            text = bytes(data).decode()
            return int(text) if text.lstrip("-").isdigit() else float(text)

    return NumericLoader


class ServerCursor:
    """What the store reads from a statement: rows, ``lastrowid``, ``rowcount``,
    ``description``, as a sqlite3 cursor gives them."""

    def __init__(self, cur, lastrowid=None, rows=None):
        self._cur = cur
        self.lastrowid = lastrowid
        self._rows = rows

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self):
        return self._cur.description

    def fetchone(self):
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self):
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        return self._cur.fetchall() if self._cur.description else []

    def __iter__(self):
        return iter(self.fetchall())


class ServerConnection:
    """A server connection that takes the store's statements as written for SQLite and
    runs them in PostgreSQL's dialect (:mod:`dialect`)."""

    def __init__(self, raw, case: ServerCase):
        self.raw = raw
        self.case = case
        self.schema_version = SCHEMA_VERSION

    @contextmanager
    def _errors(self, sql: str):
        """The server's errors as the store catches them (see ``dbapi``)."""
        psycopg = _psycopg()
        try:
            yield
        except psycopg.IntegrityError as e:
            raise dbapi.ServerIntegrityError(str(e).strip()) from e
        except psycopg.errors.InsufficientPrivilege as e:
            raise ReadOnlyError(f"{self.case.url}: {str(e).strip()}") from e
        except psycopg.DatabaseError as e:
            raise dbapi.ServerDatabaseError(f"{str(e).strip()} [{sql}]") from e

    def execute(self, sql: str, params=()):
        cur = self.raw.cursor()
        head = sql.lstrip()[:40].upper()
        if head.startswith("PRAGMA"):
            if "USER_VERSION" in head:
                return ServerCursor(cur, rows=[(self.schema_version,)])
            if "TABLE_INFO" not in head:
                return ServerCursor(cur, rows=[])  # foreign_keys, busy_timeout, optimize...
        sql, params = dialect.unnumber(sql, params)
        sql, params = dialect.drop_null_id(sql, params)
        params = params if params else None
        pg = dialect.to_postgres(sql, params is not None)
        table = dialect.insert_table(sql)
        returning = table is not None and dialect.has_id_column(table)
        if returning:
            pg += " RETURNING id"
        with self._errors(pg):
            cur.execute(pg, params)
        lastrowid = None
        if returning:
            row = cur.fetchone()
            lastrowid = row[0] if row else None
            explicit = dialect.explicit_id(sql, params)
            if explicit:
                self.follow_identity(explicit)
        return ServerCursor(cur, lastrowid)

    def copy_out(self, select: str, params: tuple = ()) -> Iterator[bytes]:
        """The rows of one SELECT (written for SQLite, as every store statement) in
        PostgreSQL's binary COPY format, as the server sends them: for readers that turn
        millions of rows into columns (the money patterns)."""
        pg = dialect.to_postgres(select, bool(params))
        if params:  # COPY takes no bound parameters: they are quoted in by the client
            pg = _psycopg().ClientCursor(self.raw).mogrify(pg, tuple(params))
        cur = self.raw.cursor()
        statement = f"COPY ({pg}) TO STDOUT (FORMAT binary)"
        with self._errors(statement), cur.copy(statement) as copy:
            yield from copy

    def executemany(self, sql: str, seq: Iterable):
        rows = [tuple(r) if not isinstance(r, dict) else r for r in seq]
        cur = self.raw.cursor()
        if not rows:
            return ServerCursor(cur)
        if all(isinstance(r, tuple) and r and r[0] is None for r in rows):
            sql2, _ = dialect.drop_null_id(sql, rows[0])
            if sql2 != sql:
                sql, rows = sql2, [r[1:] for r in rows]
        pg = dialect.to_postgres(sql, True)
        plain = _PLAIN_INSERT.match(sql)
        with self._errors(pg):
            if plain and len(rows) >= COPY_FROM_ROWS and isinstance(rows[0], tuple):
                # Imports stream in with COPY, inside the caller's transaction.
                with cur.copy(f"COPY {plain.group(1)} ({plain.group(2)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cur.executemany(pg, rows)
        table = dialect.explicit_id(sql, rows[0])
        if table:
            self.follow_identity(table)
        return ServerCursor(cur)

    def follow_identity(self, table: str) -> None:
        """After rows were written with their own ids (an undo puts an entity back under
        its old id), the identity continues after the largest."""
        self.raw.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {table}), 1))"
        )

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _enter_case(raw, case: ServerCase) -> None:
    raw.execute(f"SET search_path TO {_ident(case.schema)}")


def ensure_register(raw) -> None:
    """Create the register of cases (once per database), with its row-level security: a
    user sees the cases whose schema they may use."""
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(hashtext('zhanlian.register'))")
        for statement in _REGISTER:
            raw.execute(statement)
        exists = raw.execute(
            "SELECT 1 FROM pg_policies WHERE schemaname = 'zhanlian' AND tablename = 'cases'"
        ).fetchone()
        if not exists:
            raw.execute(
                "CREATE POLICY members_see_their_cases ON zhanlian.cases FOR SELECT "
                "USING (has_schema_privilege(schema_name, 'USAGE'))"
            )
            raw.execute("GRANT USAGE ON SCHEMA zhanlian TO PUBLIC")
            raw.execute("GRANT SELECT ON zhanlian.cases TO PUBLIC")


def register_row(raw, case: ServerCase):
    return raw.execute(
        "SELECT name, schema_name, lead, created_by, created_at, schema_version "
        "FROM zhanlian.cases WHERE name = %s",
        (case.name,),
    ).fetchone()


def _register_exists(raw) -> bool:
    return raw.execute("SELECT to_regclass('zhanlian.cases')").fetchone()[0] is not None


def create_schema(raw, case: ServerCase, analyst: str) -> None:
    """The case's schema with every table and index, its roles and grants, and its row
    in the register; inside the caller's transaction."""
    raw.execute(f"CREATE SCHEMA {_ident(case.schema)}")
    _enter_case(raw, case)
    for statement in dialect.postgres_schema():
        raw.execute(statement)
    raw.execute(
        "INSERT INTO zhanlian.cases (name, schema_name, lead, created_by, created_at, "
        "schema_version) VALUES (%s, %s, %s, %s, %s, %s)",
        (case.name, case.schema, analyst, analyst, clock.now(), SCHEMA_VERSION),
    )
    grant_roles(raw, case)


def grant_roles(raw, case: ServerCase) -> None:
    """Three roles per case, enforced by the server whatever program connects:

    - reviewer: reads everything, writes nothing;
    - analyst: reads and edits; the audit only grows (rows are added and sealed, never
      changed or removed);
    - lead: everything an analyst may, and may delete the case's evidence wholesale
      (``TRUNCATE``) and grant the roles to others.
    """
    s = _ident(case.schema)
    for case_role in CASE_ROLES:
        role = case.role(case_role)
        exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            raw.execute(f"CREATE ROLE {_ident(role)} NOLOGIN")
        raw.execute(f"GRANT USAGE ON SCHEMA {s} TO {_ident(role)}")
        raw.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {_ident(role)}")
    analyst, lead = _ident(case.role("analyst")), _ident(case.role("lead"))
    for role in (analyst, lead):
        raw.execute(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {role}")
        raw.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {role}")
        raw.execute(f"REVOKE UPDATE, DELETE ON {s}.audit FROM {role}")
        raw.execute(f"GRANT UPDATE (prev_hash, row_hash) ON {s}.audit TO {role}")
    raw.execute(f"GRANT TRUNCATE ON ALL TABLES IN SCHEMA {s} TO {lead}")
    raw.execute(f"GRANT {analyst} TO {lead} WITH ADMIN OPTION")
    raw.execute(f"GRANT {_ident(case.role('reviewer'))} TO {lead} WITH ADMIN OPTION")
    # The audit table: rows may be sealed once (their hash written), never rewritten.
    raw.execute(f"ALTER TABLE {s}.audit ENABLE ROW LEVEL SECURITY")
    raw.execute(f"CREATE POLICY audit_read ON {s}.audit FOR SELECT USING (true)")
    raw.execute(f"CREATE POLICY audit_add ON {s}.audit FOR INSERT WITH CHECK (true)")
    raw.execute(
        f"CREATE POLICY audit_seal ON {s}.audit FOR UPDATE USING (row_hash IS NULL) "
        "WITH CHECK (row_hash IS NOT NULL)"
    )


def grant(url: str, member: str, case_role: str) -> None:
    """Give a server login one of the case's roles (run by its lead or an administrator)."""
    if case_role not in CASE_ROLES:
        raise ServerCaseError(f"{case_role!r}: a role is one of {', '.join(CASE_ROLES)}")
    case = parse_url(url)
    raw = connect(case.conninfo)
    try:
        raw.execute(f"GRANT {_ident(case.role(case_role))} TO {_ident(member)}")
    finally:
        raw.close()


class ServerSession:
    """The session of a case on a PostgreSQL server, behind :class:`CaseStore`."""

    backend = "postgresql"

    def _server_init(self, case: ServerCase, raw, analyst: str, read_only: bool) -> None:
        from .session import SqliteSession

        SqliteSession.__init__(self, PurePosixPath(case.name), ServerConnection(raw, case),
                               analyst, read_only)  # fmt: skip
        self.case = case
        self.url = case.url
        self._channel = case.schema
        self._pid = raw.info.backend_pid

    # ------------------------------------------------------------------ opening

    @classmethod
    def create(cls, url, analyst: str, name: str = "", *, key: str | None = None,
               **_ignored) -> CaseStore:  # fmt: skip
        """Create an empty case on the server and open it; ``analyst`` becomes its lead."""
        if key is not None:
            raise ServerCaseError(
                "a server case is protected by the server (roles, TLS, disk encryption), "
                "not by a passphrase"
            )
        case = parse_url(url)
        raw = connect(case.conninfo, name=f"zhanlian edit {analyst}")
        try:
            ensure_register(raw)
            with raw.transaction():
                raw.execute("SELECT pg_advisory_xact_lock(hashtext('zhanlian.register'))")
                if register_row(raw, case) is not None:
                    raise ServerCaseError(f"{case.url}: the server holds this case already")
                create_schema(raw, case, analyst)
                from .session import _seed

                _seed(ServerConnection(raw, case), name or case.name, analyst)
        finally:
            raw.close()
        return cls.open(url, analyst)

    @classmethod
    def open(cls, url, analyst: str, *, read_only: bool = False, key: str | None = None,
             **_ignored) -> CaseStore:  # fmt: skip
        """Open a server case. Read-only when asked, or when the user's server role may
        not write it (a reviewer): ``read_only_reason`` says which."""
        case = parse_url(str(url))
        raw = connect(case.conninfo, name=f"zhanlian edit {analyst}")
        try:
            if not _register_exists(raw):
                raise ServerCaseError(
                    f"{case.url}: this database holds no Zhanlian cases "
                    "(push one with 'zhanlian push CASE.zlcase URL')"
                )
            row = register_row(raw, case)
            if row is None:
                raise ServerCaseError(
                    f"{case.url}: no case {case.name!r} on this server, or you may not open it"
                )
            version = row[5]
            if version > SCHEMA_VERSION:
                raise NewerCaseError(case.url, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                raise ServerCaseError(
                    f"{case.url}: the case has schema {version}; upgrade it with "
                    "'zhanlian pull', then push the upgraded file under a new name"
                )
            _enter_case(raw, case)
            writable = raw.execute("SELECT has_table_privilege('entity', 'INSERT')").fetchone()[0]
        except BaseException:
            raw.close()
            raise
        store = cls.__new__(cls)
        store._server_init(case, raw, analyst, read_only or not writable)
        if read_only:
            store.read_only_reason = READ_ONLY_REQUESTED
        elif not writable:
            store.read_only_reason = READ_ONLY_NOT_WRITABLE
            store.read_only_detail = f"{case.url}: your server role may read this case only"
        raw.execute(f"LISTEN {_ident(store._channel)}")
        return store

    @property
    def location(self) -> str:
        return self.url

    @property
    def lead(self) -> str:
        return register_row(self._conn.raw, self.case)[2]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def write_backup(self, label: str):
        raise ServerCaseError(
            f"{self.url}: a server case is backed up by the server (pg_dump), or copied "
            "to a file with 'zhanlian pull'"
        )

    @classmethod
    def change_key(cls, path, analyst, old_key, new_key):
        raise ServerCaseError("a server case has no passphrase (see docs/server.md)")

    def break_lock(self):
        raise ReadOnlyError(f"{self.url}: a server case has no lock to break")

    # ------------------------------------------------------------------ writing

    @contextmanager
    def _write(self, action: str, tables: set[str], entity_ids: Iterable[int] = ()):
        if self.read_only:
            raise ReadOnlyError(f"{self.url} is open read-only")
        touched = set(entity_ids)
        raw = self._conn.raw
        outermost = raw.info.transaction_status == 0  # idle: not inside a transaction
        with raw.transaction():
            if outermost:
                # Writers of one case take turns: the audit chain stays one chain.
                self._take_turn(raw)
            yield touched
            if outermost:
                self._announce(raw, action, tables, touched)
        if not outermost:
            return
        event = Changed(action, frozenset(tables), frozenset(touched))
        for listener in list(self._listeners):
            listener(event)

    #: How long an edit waits for the case's writing turn (an import holds it to its end).
    WRITE_WAIT_S = 5.0

    def _take_turn(self, raw) -> None:
        """The case's writing turn for this transaction, waited for at most
        ``WRITE_WAIT_S``; then ``CaseBusyError`` names who holds it."""
        psycopg = _psycopg()
        raw.execute(f"SET LOCAL lock_timeout = '{int(self.WRITE_WAIT_S * 1000)}ms'")
        try:
            with raw.transaction():  # a savepoint: the timeout leaves the transaction usable
                raw.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
        except psycopg.errors.LockNotAvailable:
            holder = raw.execute(
                "SELECT a.application_name FROM pg_locks l "
                "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                "AND l.granted AND l.pid <> pg_backend_pid() AND l.database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database()) AND "
                "l.objid::bigint = (hashtext(current_schema())::bigint & 4294967295) LIMIT 1"
            ).fetchone()
            name = (holder[0] if holder else "").split(" ", 2)
            action = name[1] if len(name) > 2 else ""
            by = name[2] if len(name) > 2 else ""
            raise CaseBusyError(self.url, by, action, self.WRITE_WAIT_S) from None
        raw.execute("SET LOCAL lock_timeout = 0")

    def _announce(self, raw, action: str, tables, entities) -> None:
        """NOTIFY the case's channel, delivered to the other sessions at the commit."""
        payload = {"action": action, "tables": sorted(tables),
                   "entities": sorted(entities)[:500], "analyst": self.analyst,
                   "pid": self._pid}  # fmt: skip
        raw.execute("SELECT pg_notify(%s, %s)", (self._channel, json.dumps(payload)))

    @contextmanager
    def worker_transaction(self, action: str, *, foreign_keys: bool = True) -> Iterator:
        """One write transaction on a connection of its own (an import): other analysts
        keep reading meanwhile and see it all at the commit. It holds the case's writing
        turn to the end, so its reading of the case stays true: an edit meanwhile waits
        ``WRITE_WAIT_S`` for it, then is refused naming the importer."""
        if self.read_only:
            raise ReadOnlyError(f"{self.url} is open read-only")
        raw = connect(self.case.conninfo, autocommit=True,
                      name=f"zhanlian {action.replace(' ', '_')} {self.analyst}")  # fmt: skip
        try:
            _enter_case(raw, self.case)
            with raw.transaction():
                raw.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                conn = ServerConnection(raw, self.case)
                yield conn
                self._announce(raw, action, {"entity", "link", "txn", "call"}, ())
            # After a bulk load, statistics for the planner and the visibility map that
            # lets counts read the indexes alone (the browser's transaction counts: 0.8 s
            # -> 0.12 s at 300,000 rows). Only the tables' owner may; others leave it to
            # autovacuum (the server just warns).
            raw.execute("VACUUM (ANALYZE) txn, call, entity, link")
        finally:
            raw.close()
        event = Changed(action, frozenset({"entity", "link", "txn", "call", "import_batch"}))
        for listener in list(self._listeners):
            listener(event)

    def check_integrity(self) -> list[str]:
        """The server enforces every constraint on each write; the audit chain is the one
        thing to verify."""
        from ..audit import verify_audit_chain

        ok, bad = verify_audit_chain(self._conn)
        return [] if ok else [f"audit row {bad} does not follow the chain"]

    # ------------------------------------------------------------------ other sessions

    def poll_changes(self, timeout: float = 0.0) -> list[Changed]:
        """Changes other sessions committed since the last poll, each told to the
        listeners as if it were this session's own. Waits up to ``timeout`` seconds for
        the first."""
        raw = self._conn.raw
        if raw.info.transaction_status != 0:
            return []
        events = []
        for note in raw.notifies(timeout=timeout, stop_after=None if timeout == 0 else 1):
            try:
                data = json.loads(note.payload)
            except ValueError:
                continue
            if data.get("pid") == self._pid:
                continue
            events.append(Changed(data.get("action", ""), frozenset(data.get("tables", ())),
                                  frozenset(data.get("entities", ()))))  # fmt: skip
        for event in events:
            for listener in list(self._listeners):
                listener(event)
        return events


def drop_case(url: str) -> None:
    """Remove a server case with everything in it, its roles and its register row (its
    lead or an administrator; the server refuses anyone else)."""
    case = parse_url(url)
    raw = connect(case.conninfo)
    try:
        with raw.transaction():
            raw.execute(f"DROP SCHEMA IF EXISTS {_ident(case.schema)} CASCADE")
            raw.execute("DELETE FROM zhanlian.cases WHERE name = %s", (case.name,))
            for case_role in CASE_ROLES:
                raw.execute(f"DROP ROLE IF EXISTS {_ident(case.role(case_role))}")
    finally:
        raw.close()


def list_cases(conninfo: str) -> list[dict]:
    """The cases this user may open on a server: name, lead, created."""
    if not is_server_url(conninfo):
        raise ServerCaseError(f"{conninfo}: not a server URL")
    parts = urlsplit(conninfo)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "case"]
    raw = connect(urlunsplit(parts._replace(query=urlencode(query))))
    try:
        if not _register_exists(raw):
            return []
        rows = raw.execute(
            "SELECT name, lead, created_by, created_at FROM zhanlian.cases ORDER BY name"
        ).fetchall()
    finally:
        raw.close()
    return [dict(zip(("name", "lead", "created_by", "created_at"), r, strict=True)) for r in rows]
