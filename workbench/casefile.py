"""The case file as a file: is it one, is it sound, is its WAL its own, and what can be saved.

``CaseStore.open`` calls the quick helpers here before it writes anything; ``check_case``
(``zhanlian check``, File → Check case…) runs the full checks without changing a byte; and
``recover_case`` copies what can still be read from a damaged case into a new one. Standard
library only; the ``sqlite3`` command-line shell is used for recovery when it is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import tempfile
import time
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from . import dbapi
from .errors import (
    CorruptCaseError,
    KeyRequiredError,
    NotACaseError,
    RecoveryError,
    SpecialFileError,
    UnreadableCaseError,
)
from .lock import read_holder
from .schema import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
_WAL_MAGIC = (0x377F0682, 0x377F0683)
#: The sqlite3 shell gets this long to recover a case before recovery gives up on it.
RECOVER_TIMEOUT_S = 1800
#: How many problems a check lists at most.
MAX_PROBLEMS = 20


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: Path) -> os.stat_result:
    """Refuse at once anything that is not a regular file; return its ``stat``.

    A FIFO or a device named ``.zlcase`` would block the first read for ever.
    """
    try:
        st = os.stat(path)
    except PermissionError as e:
        raise UnreadableCaseError(path, e.strerror or "") from e
    if stat.S_ISDIR(st.st_mode):
        raise NotACaseError(path, "this is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise SpecialFileError(path, _file_type(st.st_mode))
    return st


def read_header(path: Path, encrypted: bool = False) -> bytes:
    """The first 100 bytes of a case, read without ever blocking.

    Raises ``FileNotFoundError``, ``NotACaseError`` (``KeyRequiredError`` for a file that
    may be an encrypted case: whole pages of what looks like random bytes),
    ``SpecialFileError`` or ``CorruptCaseError`` (a file cut short inside its header).
    ``encrypted``: the caller has a passphrase, so the header is ciphertext.
    """
    check_regular(path)
    # O_NONBLOCK: should the path be swapped for a FIFO after the stat, open() still returns.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError as e:
        raise UnreadableCaseError(path, e.strerror or "") from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SpecialFileError(path, _file_type(st.st_mode))
        head = os.read(fd, 100)
    finally:
        os.close(fd)
    if not head:
        raise NotACaseError(path, "the file is empty")
    if encrypted:
        if len(head) < 100:
            raise CorruptCaseError(path, "the file is truncated")
        return head
    if not head.startswith(SQLITE_MAGIC[: min(len(head), len(SQLITE_MAGIC))]):
        if st.st_size >= 4096 and st.st_size % 4096 == 0 and _looks_random(head):
            raise KeyRequiredError(path)
        raise NotACaseError(path, "the file is not an SQLite database")
    if len(head) < 100:
        raise CorruptCaseError(path, "the file is truncated")
    return head


def _looks_random(head: bytes) -> bool:
    """Whether a header looks like ciphertext (an SQLCipher file starts with its random
    salt) rather than text or another format's magic: most byte values distinct."""
    return len(set(head[:64])) >= 40


def page_size(header: bytes) -> int:
    """The page size an SQLite header states (1 means 65536).

    >>> page_size(SQLITE_MAGIC + bytes([0x10, 0x00]) + bytes(82))
    4096
    """
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


@dataclass(frozen=True)
class WalInfo:
    """The ``-wal`` beside a case as found on disk."""

    exists: bool
    size: int = 0
    page_size: int = 0
    valid_header: bool = False

    @property
    def frames(self) -> int:
        """Frames the file has room for (committed or not)."""
        if not self.valid_header or not self.page_size:
            return 0
        return max(0, (self.size - 32) // (24 + self.page_size))


def wal_info(path: Path) -> WalInfo:
    """What lies in the case's ``-wal``, read without opening it through SQLite."""
    wal = wal_path(path)
    try:
        st = os.stat(wal)
    except FileNotFoundError:
        return WalInfo(False)
    if not stat.S_ISREG(st.st_mode):
        return WalInfo(True, 0, 0, False)
    try:
        with open(wal, "rb") as f:
            head = f.read(32)
    except OSError:
        return WalInfo(True, st.st_size, 0, False)
    if len(head) < 32:
        return WalInfo(True, st.st_size, 0, False)
    magic = int.from_bytes(head[0:4], "big")
    size = int.from_bytes(head[8:12], "big")
    return WalInfo(True, st.st_size, size, magic in _WAL_MAGIC and size >= 512)


@cache
def expected_tables(version: int) -> frozenset[str]:
    """The tables a case of schema ``version`` has, built from the migrations themselves."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn, 0, version)
        return frozenset(
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        )
    finally:
        conn.close()


def _problem_lines(rows) -> list[str]:
    """SQLite's check output as one problem a line, without its "*** in database main ***"."""
    out = []
    for (text,) in rows:
        out += [line for line in str(text).splitlines()
                if line.strip() and line != "ok" and not line.startswith("*** in database")]  # fmt: skip
    return out[:MAX_PROBLEMS]


def quick_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """``PRAGMA quick_check`` and the tables the schema version needs: what is wrong.

    Any error reading the file is itself a problem. An empty list means the file can be used.
    """
    try:
        problems = _problem_lines(conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except dbapi.DatabaseError as e:
        return [str(e)]
    if version <= SCHEMA_VERSION:
        missing = sorted(expected_tables(version) - tables)
        if missing:
            problems.append("tables missing: " + ", ".join(missing))
    return problems


def _identity(conn: sqlite3.Connection) -> tuple:
    """What tells one case from another: its creation, as case_meta and the first audit row
    (never edited) record it."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    meta = conn.execute(
        "SELECT key, value FROM case_meta WHERE key IN ('created_at', 'created_by') ORDER BY key"
    ).fetchall()
    first = conn.execute(
        "SELECT id, ts, analyst, action, new_value FROM audit ORDER BY id LIMIT 1"
    ).fetchone()
    return app_id, tuple(meta), first


def _ro_uri(path: Path, immutable: bool = False) -> str:
    return f"{path.resolve().as_uri()}?" + ("immutable=1" if immutable else "mode=ro")


def foreign_wal_reason(path: Path, header: bytes) -> str:
    """Why the ``-wal`` left beside a case does not belong to it, or ``""`` when it does (or
    there is none).

    Called by the writer, before its first write, so no other writer can be adding frames.
    The WAL's view is read through a read-only connection, which never merges it; the case
    file alone through an immutable one, which ignores it. The WAL is foreign when its page
    size differs from the case's, when the case with it fails the quick check while the case
    alone passes, or when it turns the case into another one (another name or creation).
    """
    info = wal_info(path)
    if not info.exists or info.size < 32:
        return ""
    if not info.valid_header:
        return "the WAL file has no valid header"
    if info.page_size != page_size(header):
        return f"the WAL's page size {info.page_size} is not the case's {page_size(header)}"
    if info.frames == 0:
        return ""
    try:
        alone = sqlite3.connect(_ro_uri(path, immutable=True), uri=True)
    except dbapi.DatabaseError:
        return ""
    try:
        version = alone.execute("PRAGMA user_version").fetchone()[0]
        alone_ok = not quick_problems(alone, version)
        alone_id = _identity(alone) if alone_ok else None
    except dbapi.DatabaseError:
        alone_ok, alone_id = False, None
    finally:
        alone.close()
    if not alone_ok:
        return ""  # the case needs its WAL (or is damaged either way): leave it to the check
    try:
        both = sqlite3.connect(_ro_uri(path), uri=True)
    except dbapi.DatabaseError as e:
        return f"the case with its WAL cannot be opened ({e})"
    try:
        problems = quick_problems(both, both.execute("PRAGMA user_version").fetchone()[0])
        if problems:
            return f"the case with its WAL fails the check ({problems[0]})"
        if _identity(both) != alone_id:
            return "the WAL belongs to another case"
    except dbapi.DatabaseError as e:
        return f"the case with its WAL cannot be read ({e})"
    finally:
        both.close()
    return ""


def set_aside_wal(path: Path) -> list[Path]:
    """Rename the case's ``-wal`` and ``-shm`` out of SQLite's sight, never merging them;
    return their new names (``case.zlcase-wal.set-aside-20260301T101500-4242``)."""
    stamp = f"{datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}"
    moved = []
    for side in (wal_path(path), shm_path(path)):
        if not side.exists():
            continue
        target = side.with_name(f"{side.name}.set-aside-{stamp}")
        n = 1
        while target.exists():  # unique by time and process; the counter is belt and braces
            n += 1
            target = side.with_name(f"{side.name}.set-aside-{stamp}-{n}")
        os.replace(side, target)
        moved.append(target)
    return moved


# ---------------------------------------------------------------------- zhanlian check


@dataclass
class CaseCheck:
    """Everything ``zhanlian check`` finds out about a case file, without changing it."""

    path: str
    ok: bool = False
    #: 'case', 'missing', 'folder', 'special', 'not_a_case', 'damaged', 'newer',
    #: 'encrypted' (no passphrase given), 'wrong_key'
    verdict: str = ""
    #: whether the case is encrypted at rest (known only when it was opened with its key)
    encrypted: bool = False
    size: int = 0
    mode: str = ""
    owner_only: bool | None = None
    schema_version: int | None = None
    supported_version: int = SCHEMA_VERSION
    integrity: list[str] = field(default_factory=list)
    foreign_keys: int = 0
    missing_tables: list[str] = field(default_factory=list)
    wal: dict = field(default_factory=dict)
    lock: dict | None = None
    audit_chain_ok: bool | None = None
    audit_first_bad_row: int | None = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def check_server_case(store) -> CaseCheck:
    """Check an open server case: the server enforces every constraint on each write, so
    what is left to verify is the audit chain."""
    started = time.perf_counter()
    problems = store.check_integrity()
    return CaseCheck(
        str(store.location), ok=not problems, verdict="damaged" if problems else "case",
        schema_version=store.info().schema_version, audit_chain_ok=not problems,
        seconds=round(time.perf_counter() - started, 2), problems=problems,
    )  # fmt: skip


def check_case(path, full: bool = True, key: str | None = None) -> CaseCheck:
    """Check a case file thoroughly and report; never raises for a bad file, never writes.

    ``full`` runs ``PRAGMA integrity_check`` (seconds on a large case) instead of the
    quick check, plus the foreign-key check and the audit chain. ``key`` opens an
    encrypted case; without it such a case is reported as ``encrypted``.
    """
    path = Path(path)
    started = time.perf_counter()
    out = CaseCheck(str(path))
    try:
        st = check_regular(path)
        header = read_header(path, encrypted=key is not None)
    except FileNotFoundError:
        out.verdict, out.problems = "missing", ["no such file"]
        return out
    except SpecialFileError as e:
        out.verdict, out.problems = "special", [f"not a regular file: {e.file_type}"]
        return out
    except KeyRequiredError as e:
        out.verdict, out.problems = "encrypted", [e.detail]
        return out
    except NotACaseError as e:
        out.verdict = "folder" if "folder" in e.detail else "not_a_case"
        out.problems = [e.detail or e.reason]
        return out
    except CorruptCaseError as e:
        out.verdict, out.problems = "damaged", [e.detail or e.reason]
        return out
    except (UnreadableCaseError, OSError) as e:
        out.verdict, out.problems = "unreadable", [str(e)]
        return out
    out.size = st.st_size
    out.mode = stat.filemode(st.st_mode)
    if os.name == "posix":
        out.owner_only = not st.st_mode & 0o077
    info = wal_info(path)
    out.wal = {"exists": info.exists, "bytes": info.size, "frames": info.frames,
               "valid_header": info.valid_header}  # fmt: skip
    why = foreign_wal_reason(path, header) if key is None else ""
    if why:
        out.wal["foreign"] = why
        out.problems.append(f"the WAL beside the case is not its own: {why}; opening the "
                            "case for writing sets it aside unmerged")  # fmt: skip
        out.verdict = "foreign_wal"
    holder = read_holder(path)
    if holder is not None:
        out.lock = {**asdict(holder), "readable": holder.known,
                    "this_host": holder.host == socket.gethostname()}  # fmt: skip
    try:
        # With a foreign WAL, the rest of the check looks at the case file alone.
        conn = dbapi.connect(_ro_uri(path, immutable=bool(why)), uri=True, key=key)
    except dbapi.DatabaseError as e:
        out.verdict, out.problems = "damaged", [*out.problems, str(e)]
        return out
    try:
        if key is not None:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except dbapi.DatabaseError:
                out.verdict, out.problems = "wrong_key", ["the passphrase does not open it"]
                return out
            out.encrypted = True
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        out.schema_version = version
        if app_id != APPLICATION_ID:
            out.verdict = "not_a_case"
            out.problems.append("an SQLite database of another program")
            return out
        if version > SCHEMA_VERSION:
            out.verdict = "newer"
            out.problems.append(f"case schema {version}; this program reads up to "
                                f"{SCHEMA_VERSION}")  # fmt: skip
            return out
        pragma = "integrity_check" if full else "quick_check"
        out.integrity = _problem_lines(conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        out.missing_tables = sorted(expected_tables(version) - tables)
        if full and not out.integrity:
            out.foreign_keys = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            if "audit" in tables:
                from .audit import verify_audit_chain

                out.audit_chain_ok, out.audit_first_bad_row = verify_audit_chain(conn)
    except dbapi.DatabaseError as e:
        out.integrity.append(str(e))
    finally:
        conn.close()
    out.problems += out.integrity
    if out.missing_tables:
        out.problems.append("tables missing: " + ", ".join(out.missing_tables))
    if out.foreign_keys:
        out.problems.append(f"{out.foreign_keys} rows refer to rows that do not exist")
    if out.audit_chain_ok is False:
        out.problems.append(f"the audit log's hash chain breaks at row {out.audit_first_bad_row}")
    out.verdict = out.verdict or ("damaged" if out.problems else "case")
    out.ok = not out.problems
    out.seconds = round(time.perf_counter() - started, 3)
    return out


# ---------------------------------------------------------------------- recovery


@dataclass
class TableRecovery:
    table: str
    read: int = 0
    saved: int = 0
    dropped: int = 0  # rows that referred to rows lost with the damage


@dataclass
class RecoveryReport:
    """What ``recover_case`` saved: per table, rows read from the damaged case and saved."""

    source: str
    target: str
    method: str  # 'sqlite3 .recover' or 'row by row'
    tables: list[TableRecovery] = field(default_factory=list)
    audit_rows: int = 0
    #: rows SQLite's recovery found but could not place in a table (its lost_and_found)
    unplaced: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def saved(self) -> int:
        return sum(t.saved for t in self.tables) + self.audit_rows

    def to_dict(self) -> dict:
        return {**asdict(self), "saved": self.saved}


def _shell_recover(src: Path, out_db: Path, workdir: Path) -> str:
    """Run the sqlite3 shell's ``.recover`` into a fresh database; "" or what went wrong."""
    shell = shutil.which("sqlite3")
    if shell is None:
        return "the sqlite3 shell is not installed"
    sql = workdir / "recovered.sql"
    try:
        with open(sql, "wb") as f:
            done = subprocess.run([shell, str(src), ".recover"], stdout=f,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                  timeout=RECOVER_TIMEOUT_S, check=False)  # fmt: skip
        if done.returncode != 0 and sql.stat().st_size == 0:
            return done.stderr.decode(errors="replace").strip() or "sqlite3 .recover failed"
        with open(sql, "rb") as f:
            subprocess.run([shell, str(out_db)], stdin=f, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=RECOVER_TIMEOUT_S,
                           check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as e:
        return str(e)
    return "" if out_db.exists() and out_db.stat().st_size else "sqlite3 .recover saved nothing"


def _rows(conn: sqlite3.Connection, table: str, cols: list[str], rowid: bool, problems: list):
    """Every row of ``table`` that can still be read, stepping over damaged stretches."""
    names = ", ".join(f'"{c}"' for c in cols)
    if not rowid:
        try:
            yield from conn.execute(f'SELECT {names} FROM "{table}"')
        except dbapi.DatabaseError as e:
            problems.append(f"{table}: {e}")
        return
    last, step, failures = None, 1, 0
    while failures < 64:
        query = f'SELECT rowid, {names} FROM "{table}"' + (
            "" if last is None else " WHERE rowid > ?") + " ORDER BY rowid"  # fmt: skip
        try:
            for row in conn.execute(query, () if last is None else (last,)):
                last = row[0]
                step = 1
                yield row[1:]
            return
        except dbapi.DatabaseError as e:
            failures += 1
            if failures == 1:
                problems.append(f"{table}: {e}")
            # Skip ahead past the damaged stretch, further each time.
            last = (last or 0) + step
            step *= 4


def recover_case(source, target, analyst: str) -> RecoveryReport:
    """Copy what can be read from a damaged case into a new case at ``target``.

    The damaged file and its WAL are copied to a temporary folder first and only the copy is
    read, so the original stays exactly as it was. SQLite's own recovery (the sqlite3
    shell's ``.recover``) runs when the shell is installed; otherwise rows are read table by
    table, stepping over damaged pages. Each table's rows go into a fresh case of the current
    schema; audit rows are appended to its (new) chain with their original time and analyst;
    rows that name an entity or batch that was lost are dropped and counted.
    """
    from .store import CaseStore  # the store imports this module

    source, target = Path(source), Path(target)
    read_header(source)
    if target.exists():
        raise FileExistsError(str(target))
    with tempfile.TemporaryDirectory(prefix="zhanlian-recover-") as tmp:
        work = Path(tmp)
        copy = work / "damaged.db"
        try:
            shutil.copyfile(source, copy)
            if wal_path(source).is_file():
                shutil.copyfile(wal_path(source), wal_path(copy))
        except OSError as e:
            raise RecoveryError(source, f"cannot read the damaged case ({e.strerror or e})") from e
        salvage = work / "salvage.db"
        why = _shell_recover(copy, salvage, work)
        method = "sqlite3 .recover" if not why else "row by row"
        report = RecoveryReport(str(source), str(target), method)
        if why:
            report.problems.append(f"SQLite's recovery was not used: {why}")
            salvage = copy
        try:
            src = sqlite3.connect(salvage)
        except dbapi.DatabaseError as e:
            raise RecoveryError(source, f"nothing can be read ({e})") from e
        try:
            _recover_into(src, target, analyst, report, CaseStore)
        finally:
            src.close()
    return report


def _recover_into(src, target: Path, analyst: str, report: RecoveryReport, store_cls) -> None:
    from .audit import append_audit

    try:
        name = dict(src.execute("SELECT key, value FROM case_meta").fetchall()).get("name", "")
    except dbapi.DatabaseError:
        name = ""
    try:
        src_tables = {r[0]: r[1] or "" for r in src.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
    except dbapi.DatabaseError as e:
        raise RecoveryError(report.source, f"the table list cannot be read ({e})") from e
    if "lost_and_found" in src_tables:
        with suppress(dbapi.DatabaseError):
            report.unplaced = src.execute("SELECT count(*) FROM lost_and_found").fetchone()[0]
    store = store_cls.create(target, analyst, name=f"{name or target.stem} (recovered)")
    try:
        conn = store._conn
        dst_tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid")]  # fmt: skip
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in dst_tables:
                if table == "audit" or table not in src_tables:
                    if table not in src_tables and table != "audit":
                        report.tables.append(TableRecovery(table))
                    continue
                dst_cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
                try:
                    src_cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
                except dbapi.DatabaseError:
                    src_cols = []
                cols = [c for c in dst_cols if c in src_cols]
                entry = TableRecovery(table)
                report.tables.append(entry)
                if not cols:
                    continue
                rowid = "WITHOUT ROWID" not in src_tables[table].upper()
                insert = (f'INSERT OR IGNORE INTO "{table}" ({", ".join(cols)}) '
                          f'VALUES ({", ".join("?" * len(cols))})')  # fmt: skip
                for row in _rows(src, table, cols, rowid, report.problems):
                    entry.read += 1
                    # A value that breaks a CHECK is skipped: it stays in the original file.
                    with suppress(dbapi.DatabaseError):
                        entry.saved += conn.execute(insert, row).rowcount
            report.audit_rows = _recover_audit(src, conn, src_tables, report)
            _drop_orphans(conn, report)
            append_audit(conn, ts=datetime.now().astimezone().isoformat(timespec="seconds"),
                         analyst=analyst, action="recover", tbl="case",
                         new_value=json.dumps({"from": report.source, "method": report.method,
                                               "saved": report.saved},
                                              ensure_ascii=False))  # fmt: skip
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
    finally:
        store.close()


def _recover_audit(src, conn, src_tables: dict, report: RecoveryReport) -> int:
    from .audit import append_audit

    if "audit" not in src_tables:
        return 0
    cols = ("ts", "analyst", "action", "tbl", "row_id", "entity_id", "old_value", "new_value")
    try:
        have = {r[1] for r in src.execute('PRAGMA table_info("audit")')}
    except dbapi.DatabaseError:
        return 0
    if not set(cols) <= have:
        return 0
    n = 0
    for row in _rows(src, "audit", list(cols), True, report.problems):
        values = dict(zip(cols, row, strict=True))
        if values["action"] == "create" and values["tbl"] == "case_meta":
            continue  # the new case has its own first row
        for k in ("ts", "analyst", "action", "tbl"):  # NOT NULL in the new case
            values[k] = "" if values[k] is None else str(values[k])
        append_audit(conn, **values)
        n += 1
    return n


def _drop_orphans(conn, report: RecoveryReport) -> None:
    by_table = {t.table: t for t in report.tables}
    for _ in range(8):  # dropping a row can orphan rows that refer to it
        tables = sorted({r[0] for r in conn.execute("PRAGMA foreign_key_check")})
        if not tables:
            return
        for table in tables:
            for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                parent, col, to = fk[2], fk[3], fk[4] or "rowid"
                gone = conn.execute(
                    f'DELETE FROM "{table}" WHERE "{col}" IS NOT NULL AND "{col}" NOT IN '
                    f'(SELECT "{to}" FROM "{parent}")'
                ).rowcount
                if gone and table in by_table:
                    by_table[table].dropped += gone
                    by_table[table].saved -= gone
    remaining = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    if remaining:
        report.problems.append(f"{remaining} rows still refer to rows that were lost")
