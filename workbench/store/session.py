"""The SQLite back end: opening, checking, locking, upgrading, backing up and
re-keying a case file; one transaction per write with its audit row; listeners."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .. import dbapi
from ..audit import append_audit
from ..casefile import (
    foreign_wal_reason,
    quick_problems,
    read_header,
    set_aside_wal,
    shm_path,
    wal_path,
)
from ..errors import (
    CorruptCaseError,
    DamagedCaseError,
    NewerCaseError,
    NotACaseError,
    ReadOnlyError,
    WrongKeyError,
)
from ..lock import CaseLock, LockInfo
from ..model import (
    LINK_TYPES,
    AuditEntry,
    CaseInfo,
)
from ..regions import all_regions
from ..schema import APPLICATION_ID, SCHEMA_VERSION, migrate
from . import clock
from .records import (
    KEEP_BACKUPS,
    READ_ONLY_DAMAGED,
    READ_ONLY_LOCKED,
    READ_ONLY_NOT_WRITABLE,
    READ_ONLY_REQUESTED,
    Changed,
)
from .server import is_server_url

if TYPE_CHECKING:
    from . import CaseStore

# The store's library, without the pandas it would import for nothing (see dbapi).
sqlite_utils = dbapi.import_sqlite_utils()


def _connect(
    path: Path, read_only: bool, ignore_wal: bool = False, key: str | None = None
) -> sqlite3.Connection:
    if ignore_wal:
        # The case file as it stands, without the -wal beside it (not its own).
        conn = dbapi.connect(
            f"{path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False, key=key
        )
    elif read_only:
        uri = path.resolve().as_uri()
        try:
            conn = dbapi.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False, key=key)
            conn.execute("PRAGMA schema_version").fetchone()
        except dbapi.OperationalError:
            # A WAL case in a folder the user cannot write (read-only media, another user's
            # share): SQLite cannot create its -shm there. Read the file as it stands.
            if os.access(path.parent, os.W_OK):
                raise
            conn = dbapi.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False, key=key)
        except dbapi.DatabaseError as e:
            if key is not None and "not a database" in str(e):
                raise WrongKeyError(path) from e
            raise
    else:
        conn = dbapi.connect(path, check_same_thread=False, key=key)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _not_writable(path: Path) -> str:
    """Why this user cannot write the case, or "" when they can.

    SQLite needs the file itself and, for its -wal, -shm and our lock, the folder.
    """
    if not os.access(path, os.W_OK):
        return f"{path}: no permission to write the file"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"{path.parent}: no permission to write the folder"
    for side in (wal_path(path), shm_path(path)):
        if side.exists() and not os.access(side, os.R_OK | os.W_OK):
            return f"{side}: no permission to write SQLite's file beside the case"
    return ""


def backups_of(path: Path) -> list[Path]:
    """The backups ``write_backup`` left beside a case, oldest first."""
    path = Path(path)
    name = re.compile(rf"{re.escape(path.stem)}\.[\w-]+\.bak\d*{re.escape(path.suffix)}")
    found = [p for p in path.parent.iterdir() if name.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def prune_backups(path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the newest ``keep`` backups of a case; return those removed."""
    old = backups_of(path)[:-keep] if keep else backups_of(path)
    for p in old:
        p.unlink(missing_ok=True)
    return old


def _seed(conn: sqlite3.Connection, name: str, analyst: str) -> None:
    conn.executemany(
        "INSERT INTO region (code, name, name_en, level, parent, lat, lon) VALUES (?,?,?,?,?,?,?)",
        [(r.code, r.name, r.name_en, r.level, r.parent, r.lat, r.lon) for r in all_regions()],
    )
    conn.executemany(
        "INSERT INTO link_type (code, en, zh, directed, builtin) VALUES (?,?,?,?,1)",
        [(t.code, t.en, t.zh, int(t.directed)) for t in LINK_TYPES],
    )
    ts = clock.now()
    conn.executemany(
        "INSERT INTO case_meta (key, value) VALUES (?, ?)",
        [("name", name), ("created_at", ts), ("created_by", analyst)],
    )
    append_audit(conn, ts=ts, analyst=analyst, action="create", tbl="case_meta",
                 new_value=json.dumps({"name": name}, ensure_ascii=False))  # fmt: skip


class SqliteSession:
    """The SQLite session behind :class:`CaseStore`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, analyst: str, read_only: bool):
        self.path = Path(path)
        self.analyst = analyst
        self.read_only = read_only
        self.lock_holder: LockInfo | None = None
        self.upgraded_from: int | None = None
        self.backup_path: Path | None = None
        self._conn = conn
        #: sqlite-utils' view of the connection (None on a server case)
        self.db = sqlite_utils.Database(conn) if isinstance(conn, dbapi.Connection) else None
        #: where the case lives: "sqlite" (a file) or "postgresql" (a server)
        self.backend = "sqlite" if self.db is not None else "postgresql"
        #: why the session is read-only: '' (it is not), READ_ONLY_REQUESTED, _LOCKED,
        #: _NOT_WRITABLE or _DAMAGED; ``read_only_detail`` gives the facts
        self.read_only_reason = READ_ONLY_REQUESTED if read_only else ""
        self.read_only_detail = ""
        #: what the open check found wrong (a case opened with ``allow_damaged``)
        self.damage: list[str] = []
        #: the passphrase of an encrypted case (None: a plain case)
        self.key: str | None = None
        #: the ``-wal``/``-shm`` found beside the case, not its own, renamed unmerged
        self.set_aside: list[Path] = []
        #: why a read-only session ignores the -wal beside the case ("" when it does not)
        self.wal_ignored = ""
        #: the lock note of a session this one took over (crashed here, or broken)
        self.took_over: LockInfo | None = None
        self._lock: CaseLock | None = None
        self._listeners: list[Callable[[Changed], None]] = []
        self._pending: list[tuple] = []

    @classmethod
    def create(
        cls,
        path,
        analyst: str,
        name: str = "",
        *,
        key: str | None = None,
        _schema_version: int = SCHEMA_VERSION,
    ) -> CaseStore:
        """Create a new, empty case at ``path`` (which must not exist) and open it.

        The file is created owner-only (0600 on POSIX); SQLite gives its ``-wal`` and
        ``-shm`` the case file's permissions. With ``key`` (a passphrase) the case is
        encrypted at rest (:mod:`dbapi`) and opens only with it.
        """
        if is_server_url(path):
            from . import ServerCaseStore

            return ServerCaseStore.create(path, analyst, name, key=key)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two creators of one path cannot both go on (no exists-then-create).
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            conn = _connect(path, read_only=False, key=key)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            with sqlite_utils.Database(conn).atomic():
                migrate(conn, 0, _schema_version)
                _seed(conn, name or path.stem, analyst)
        except BaseException:
            conn.close()
            for side in (path, wal_path(path), shm_path(path)):
                side.unlink(missing_ok=True)  # all ours: created just now, under O_EXCL
            raise
        conn.close()
        # Tests build older cases this way; they stay at the version asked for.
        return cls.open(path, analyst, key=key, _upgrade=_schema_version == SCHEMA_VERSION)

    @classmethod
    def open(
        cls,
        path,
        analyst: str,
        *,
        read_only: bool = False,
        allow_damaged: bool = False,
        key: str | None = None,
        _upgrade: bool = True,
    ) -> CaseStore:
        """Open an existing case.

        Raises ``FileNotFoundError``, ``NotACaseError`` (``SpecialFileError`` for a pipe or
        device), ``CorruptCaseError`` or ``NewerCaseError``; nothing is written before the
        file passes ``PRAGMA quick_check``. A case that fails it raises ``DamagedCaseError``,
        or with ``allow_damaged`` opens read-only with ``damage`` listing the problems.

        Opened for writing, the case is read-only instead, with ``read_only_reason`` saying
        why, when another session holds it (``lock_holder`` says who) or the user cannot
        write it (``read_only_detail``). A ``-wal`` left beside the case that is not its own
        is set aside unmerged (``set_aside``). An older case is upgraded after a backup.

        An encrypted case needs ``key``, its passphrase: without it ``KeyRequiredError``,
        with a wrong one ``WrongKeyError``.
        """
        if is_server_url(path):
            from . import ServerCaseStore

            return ServerCaseStore.open(path, analyst, read_only=read_only, key=key)
        path = Path(path)
        header = read_header(path, encrypted=key is not None)
        reason = READ_ONLY_REQUESTED if read_only else ""
        detail = ""
        lock = None
        if not read_only:
            detail = _not_writable(path)
            if not detail:
                lock = CaseLock(path, analyst)
                try:
                    if not lock.acquire():
                        reason = READ_ONLY_LOCKED
                except OSError as e:
                    detail = f"{lock.path}: {e.strerror or e}"
            if detail:
                reason = READ_ONLY_NOT_WRITABLE
            read_only = bool(reason)
        try:
            set_aside, ignored = [], ""
            # An encrypted case's header is ciphertext: its WAL cannot be matched to it.
            why = foreign_wal_reason(path, header) if key is None else ""
            if why and not read_only:
                set_aside = set_aside_wal(path)
            elif why:
                ignored = why  # a reader leaves it in place but does not read it either
            store = cls._open_checked(path, analyst, read_only, _upgrade, allow_damaged,
                                      ignore_wal=bool(ignored), key=key)  # fmt: skip
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store.set_aside = set_aside
        store.wal_ignored = ignored
        if store.damage:
            if lock is not None:
                lock.release()  # a damaged file gets no writer
            store.read_only_reason = READ_ONLY_DAMAGED
            store.read_only_detail = store.damage[0]
            return store
        store.read_only_reason = reason
        store.read_only_detail = detail
        if lock is not None and lock.held:
            store._lock = lock
            store.took_over = lock.taken_over
        elif lock is not None:
            store.lock_holder = lock.holder
        return store

    @classmethod
    def _open_checked(
        cls,
        path: Path,
        analyst: str,
        read_only: bool,
        upgrade: bool = True,
        allow_damaged: bool = False,
        ignore_wal: bool = False,
        key: str | None = None,
    ) -> CaseStore:
        try:
            conn = _connect(path, read_only=read_only, ignore_wal=ignore_wal, key=key)
        except dbapi.DatabaseError as e:
            raise CorruptCaseError(path, str(e)) from e
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except dbapi.DatabaseError as e:
            conn.close()
            if key is not None and "not a database" in str(e):
                raise WrongKeyError(path) from e
            raise CorruptCaseError(path, str(e)) from e
        if app_id != APPLICATION_ID:
            conn.close()
            reason = "the file is an SQLite database of another program"
            raise NotACaseError(path, reason if tables else "an empty SQLite database")
        if version > SCHEMA_VERSION:
            conn.close()
            raise NewerCaseError(path, version, SCHEMA_VERSION)
        # Before the first write (an upgrade, an edit): damage must not spread.
        problems = quick_problems(conn, version)
        if problems:
            if not allow_damaged:
                conn.close()
                raise DamagedCaseError(path, problems)
            if not read_only:
                conn.close()
                conn = _connect(path, read_only=True, key=key)
            store = cls(path, conn, analyst, True)
            store.key = key
            store.damage = problems
            return store
        store = cls(path, conn, analyst, read_only)
        store.key = key
        if version < SCHEMA_VERSION and upgrade:
            if read_only:
                conn.close()
                raise ReadOnlyError(
                    f"{path}: case schema {version} needs an upgrade, which a read-only "
                    "session cannot do"
                )
            store._upgrade(version)
        return store

    def _upgrade(self, version: int) -> None:
        backup = self.write_backup(f"schema{version}")
        with self._write("upgrade schema", {"case_meta"}):
            migrate(self._conn, version)
            self._audit("upgrade", "case_meta", None, None, version, SCHEMA_VERSION)
        self.upgraded_from = version
        self.backup_path = backup

    def write_backup(self, label: str) -> Path:
        """Write a backup of the case beside it through SQLite's backup API (a consistent
        snapshot, WAL included; never a file copy) and keep the last ``KEEP_BACKUPS``.

        The backup is ``<case>.<label>.bak<n>.zlcase``, owner-only.
        """
        n = 0
        while True:
            n += 1
            backup = self.path.with_name(
                f"{self.path.stem}.{label}.bak{'' if n == 1 else n}{self.path.suffix}"
            )
            try:
                fd = os.open(backup, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                continue
            os.close(fd)
            break
        try:
            # Encrypted with the case's own key: a backup is no weaker than the case.
            target = dbapi.connect(backup, key=self.key)
            try:
                with target:
                    self._conn.backup(target)
            finally:
                target.close()
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
        prune_backups(self.path)
        return backup

    @classmethod
    def change_key(cls, path, analyst: str, old_key: str | None, new_key: str | None) -> list[Path]:
        """Encrypt a plain case (``old_key`` None), decrypt one (``new_key`` None) or change
        its passphrase, in place, holding the case's lock throughout.

        SQLCipher's ``sqlcipher_export`` writes every page under the new key into a new
        owner-only file beside the case; that file must open with the new key and pass its
        quick check before it replaces the case (one rename: a crash leaves either the old
        case or the new one). The backups beside the case are in the old form (plain, or
        under the old key): when a key is set they are removed, and returned.
        """
        path = Path(path)
        store = cls.open(path, analyst, key=old_key)
        try:
            if store.read_only:
                why = store.read_only_detail or store.read_only_reason
                raise ReadOnlyError(f"{path} is read-only ({why}): its key cannot be changed")
            version = store._conn.execute("PRAGMA user_version").fetchone()[0]
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store._conn.close()  # one library at a time on the file (see dbapi)
            store._conn = None
            fresh = path.with_name(f".{path.name}.rekey")
            for side in (fresh, wal_path(fresh), shm_path(fresh)):
                side.unlink(missing_ok=True)  # ours: a conversion that died before
            os.close(os.open(fresh, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            try:
                conn = dbapi.cipher_connect(str(path), key=old_key)
                try:
                    conn.execute(f"ATTACH DATABASE ? AS fresh KEY {dbapi.attach_key(new_key)}",
                                 (str(fresh),))  # fmt: skip
                    conn.execute("SELECT sqlcipher_export('fresh')")
                    conn.execute(f"PRAGMA fresh.user_version = {int(version)}")
                    conn.execute(f"PRAGMA fresh.application_id = {APPLICATION_ID}")
                    conn.execute("DETACH DATABASE fresh")
                finally:
                    conn.close()
                check = _connect(fresh, read_only=False, key=new_key)
                try:
                    check.execute("PRAGMA journal_mode = WAL")
                    problems = quick_problems(check, version)
                finally:
                    check.close()
                if problems:
                    raise CorruptCaseError(fresh, "; ".join(problems))
                with open(fresh, "rb+") as f:
                    os.fsync(f.fileno())
                for side in (wal_path(path), shm_path(path)):
                    side.unlink(missing_ok=True)  # checkpointed above, nothing in them
                os.replace(fresh, path)
            except BaseException:
                for side in (fresh, wal_path(fresh), shm_path(fresh)):
                    side.unlink(missing_ok=True)
                raise
            removed = prune_backups(path, keep=0) if new_key is not None else []
            store._conn = _connect(path, read_only=False, key=new_key)
            store.db = sqlite_utils.Database(store._conn)
            store.key = new_key
            action = "encrypt" if old_key is None else ("decrypt" if new_key is None else "rekey")
            with store._write(f"{action} case", {"case_meta"}):
                store._audit(action, "case", None, None, None,
                             {"backups_removed": len(removed)})  # fmt: skip
            return removed
        finally:
            store.close()

    def break_lock(self) -> LockInfo | None:
        """Take over a case whose lock was left on another workstation (or cannot be read):
        the session becomes writable, and an audit row records whose lock was broken.

        Raises ``LockHeldError`` when a running session holds the case, ``ReadOnlyError``
        when the case is read-only for another reason than the lock.
        """
        if self.read_only_reason != READ_ONLY_LOCKED:
            raise ReadOnlyError(f"{self.path} is read-only: {self.read_only_reason or 'open'}")
        lock = CaseLock(self.path, self.analyst)
        previous = lock.break_lock()
        try:
            conn = _connect(self.path, read_only=False, key=self.key)
            if quick_problems(conn, conn.execute("PRAGMA user_version").fetchone()[0]):
                conn.close()
                raise DamagedCaseError(self.path, ["the case failed its check on break"])
        except BaseException:
            lock.release()
            raise
        self._conn.close()
        self._conn = conn
        self.db = sqlite_utils.Database(conn)
        self._lock = lock
        self.read_only = False
        self.read_only_reason = ""
        self.read_only_detail = ""
        self.lock_holder = None
        self.took_over = previous
        old = None if previous is None else {
            "analyst": previous.analyst, "host": previous.host, "pid": previous.pid,
            "since": previous.since}  # fmt: skip
        with self._write("break lock", {"case_meta"}):
            self._audit("break_lock", "case", None, None, old, {"host": lock.holder.host,
                        "pid": lock.holder.pid})  # fmt: skip
        return previous

    def close(self) -> None:
        """Close the file and release the lock. Safe to call twice."""
        if self._conn is not None:
            try:
                if not self.read_only:
                    self._conn.execute("PRAGMA optimize")
            finally:
                self._conn.close()
                self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def location(self) -> str | Path:
        """What names the case for :meth:`open`: its file (a server case: its URL)."""
        return self.path

    @property
    def closed(self) -> bool:
        return self._conn is None

    def subscribe(self, listener: Callable[[Changed], None]) -> None:
        """Call ``listener(Changed)`` after each committed write."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changed], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @contextmanager
    def _write(self, action: str, tables: set[str], entity_ids: Iterable[int] = ()):
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only")
        touched = set(entity_ids)
        with self.db.atomic():
            yield touched
        event = Changed(action, frozenset(tables), frozenset(touched))
        for listener in list(self._listeners):
            listener(event)

    def _audit(self, action, table, row_id, entity_id, old, new) -> None:
        # Chained to the row before it (workbench/audit.py), in the caller's transaction.
        append_audit(
            self._conn,
            ts=clock.now(),
            analyst=self.analyst,
            action=action,
            tbl=table,
            row_id=row_id,
            entity_id=entity_id,
            old_value=None if old is None else json.dumps(old, ensure_ascii=False),
            new_value=None if new is None else json.dumps(new, ensure_ascii=False),
        )

    def set_meta(self, key: str, value: str) -> None:
        """Set a case property (name, number, unit)."""
        old = self.meta().get(key)
        with self._write("edit case", {"case_meta"}):
            self._conn.execute(
                "INSERT INTO case_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._audit("edit", "case_meta", None, None, {key: old}, {key: value})

    def audit_for(self, entity_id: int, limit: int = 200) -> list[AuditEntry]:
        """The entity's audit history, newest first."""
        return [
            AuditEntry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                json.loads(r[7]) if r[7] else None,
                json.loads(r[8]) if r[8] else None,
            )  # fmt: skip
            for r in self._conn.execute(
                "SELECT id, ts, analyst, action, tbl, row_id, entity_id, old_value, new_value "
                "FROM audit WHERE entity_id = ? OR (tbl = 'link' AND row_id IN "
                "(SELECT id FROM link WHERE target_id = ?)) ORDER BY id DESC LIMIT ?",
                (entity_id, entity_id, limit),
            )
        ]

    def audit_count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM audit").fetchone()[0]

    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM case_meta"))

    def info(self) -> CaseInfo:
        """Counts of everything in the case."""
        c = self._conn
        by_kind = dict(c.execute("SELECT kind, count(*) FROM entity GROUP BY kind"))
        return CaseInfo(
            people=by_kind.get("person", 0),
            bank_cards=by_kind.get("bank_card", 0),
            phone_cards=by_kind.get("phone_card", 0),
            devices=by_kind.get("device", 0),
            organisations=by_kind.get("organisation", 0),
            links=c.execute("SELECT count(*) FROM link").fetchone()[0],
            transactions=c.execute("SELECT count(*) FROM txn").fetchone()[0],
            calls=c.execute("SELECT count(*) FROM call").fetchone()[0],
            name=self.meta().get("name", ""),
            schema_version=c.execute("PRAGMA user_version").fetchone()[0],
            payment_accounts=by_kind.get("payment_account", 0),
            crypto_wallets=by_kind.get("crypto_wallet", 0),
        )

    def check_integrity(self) -> list[str]:
        """SQLite's integrity check and foreign-key check; an empty list means sound."""
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [str(tuple(r)) for r in self._conn.execute("PRAGMA foreign_key_check")]
        return problems

    @contextmanager
    def bulk(self, action: str) -> Iterator[sqlite3.Connection]:
        """One transaction for a bulk writer in workbench (importers, the demo case).

        The caller writes with the connection it is given; one audit row records the action.
        """
        with self._write(action, {"entity", "link", "txn", "call"}):
            yield self._conn
            self._audit("bulk", "case", None, None, None, {"action": action})

    @contextmanager
    def worker_transaction(
        self, action: str, *, foreign_keys: bool = True
    ) -> Iterator[sqlite3.Connection]:
        """One write transaction on a connection of its own, for long writes off the GUI
        thread (imports): the GUI's connection keeps reading the last committed state
        meanwhile (WAL). Commits at the end, rolls back on any exception (a cancel
        included), and only then tells the listeners, from the calling thread.

        ``foreign_keys=False`` lets a bulk writer that allocates its own ids skip the
        per-row checks; it must then run ``PRAGMA foreign_key_check`` itself before the end.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only")
        conn = _connect(self.path, read_only=False, key=self.key)
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys = OFF")  # set before BEGIN: no-op inside one
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            conn.close()
        event = Changed(action, frozenset({"entity", "link", "txn", "call", "import_batch"}))
        for listener in list(self._listeners):
            listener(event)
