"""The case file: one SQLite database per case, read and written only through ``CaseStore``.

Every write runs in one transaction that also writes its audit rows; listeners hear about
the change only after the commit, so no view ever shows what was rolled back.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from . import dbapi
from . import identifiers as ids
from .audit import append_audit
from .casefile import (
    foreign_wal_reason,
    quick_problems,
    read_header,
    set_aside_wal,
    shm_path,
    wal_path,
)
from .errors import (
    CorruptCaseError,
    DamagedCaseError,
    DuplicateKeyError,
    EntityInUseError,
    NewerCaseError,
    NotACaseError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
    WrongKeyError,
)
from .lock import CaseLock, LockInfo
from .model import (
    CULPABILITY,
    LEGAL_STATUS,
    LINK_TYPES,
    MANUAL,
    MEASURES,
    ORGANISATION_TYPES,
    REGION_REASONS,
    ROLES,
    VERDICTS,
    AuditEntry,
    CaseInfo,
    Entity,
    Kind,
    Link,
    Measure,
    Region,
    RegionTag,
    Verdict,
    codes,
)
from .regions import all_regions
from .schema import APPLICATION_ID, SCHEMA_VERSION, migrate

# The store's library, without the pandas it would import for nothing (see dbapi).
sqlite_utils = dbapi.import_sqlite_utils()

CASE_SUFFIX = ".zlcase"
#: Backups of a case (before a schema upgrade) kept beside it; older ones are removed.
KEEP_BACKUPS = 5

#: Why a session is read-only (``CaseStore.read_only_reason``).
READ_ONLY_REQUESTED = "requested"
READ_ONLY_LOCKED = "locked"
READ_ONLY_NOT_WRITABLE = "not_writable"
READ_ONLY_DAMAGED = "damaged"

#: Fields of an entity that ``update_entity`` accepts.
EDITABLE = (
    "name",
    "key",
    "culpability",
    "legal_status",
    "notes",
    "attrs",
    "roles",
    "aliases",
    "regions",
)


def now() -> str:
    """Local time with offset, to the second: what the audit log records."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Changed:
    """What a committed write changed. Views re-read what concerns them."""

    action: str
    tables: frozenset[str]
    entity_ids: frozenset[int] = frozenset()


@dataclass
class EntitySnapshot:
    """Everything needed to put a deleted entity back exactly as it was (same id)."""

    entity: Entity
    links: list[Link] = field(default_factory=list)
    #: where it sat on the case's charts (chart items go with the entity)
    chart_items: list = field(default_factory=list)


@dataclass
class MergeRecord:
    """What :meth:`CaseStore.merge_entities` changed, for :meth:`CaseStore.unmerge_entities`
    to take back exactly."""

    keep: Entity  # as it was before the merge
    absorbed: EntitySnapshot
    #: (table, column) -> the rows (rowid, or primary key of a WITHOUT ROWID table) whose
    #: column named the absorbed entity and now names the kept one
    repointed: dict[tuple[str, str], list] = field(default_factory=dict)
    links_added: list[int] = field(default_factory=list)
    chart_items_added: list[tuple[int, int]] = field(default_factory=list)
    #: the import batch that created the absorbed entity (undoing that import removes it)
    absorbed_batch: int | None = None


#: Every column naming an entity in evidence and measures; a merge points them at the kept
#: entity. WITHOUT ROWID tables list their primary key.
_ENTITY_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("txn", "payer_id", ("rowid",)),
    ("txn", "payee_id", ("rowid",)),
    ("txn", "reporter_id", ("rowid",)),
    ("txn_source", "reporter_id", ("txn_id", "batch_id", "source_row")),
    ("txn_unmoved", "account_id", ("rowid",)),
    ("txn_unmoved", "counterpart_id", ("rowid",)),
    ("call", "caller_id", ("rowid",)),
    ("call", "callee_id", ("rowid",)),
    ("call", "device_id", ("rowid",)),
    ("call", "reporter_id", ("rowid",)),
    ("call_source", "reporter_id", ("call_id", "batch_id", "source_row")),
    ("measure", "entity_id", ("rowid",)),
)


@dataclass(frozen=True)
class Neighbour:
    """One edge of an entity's neighbourhood: a link, or facts (money, calls) aggregated."""

    other: Entity
    type: str  # a link type code, or 'money' / 'calls' for aggregated facts
    outgoing: bool
    link_id: int | None = None
    count: int = 1
    amount_fen: int = 0


@dataclass
class Chart:
    """A named link chart of the case; ``settings`` holds its filters, layout and view."""

    id: int
    name: str
    settings: dict = field(default_factory=dict)
    created_by: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class ChartItem:
    """One entity placed on a chart, with its position and style."""

    chart_id: int
    entity_id: int
    x: float
    y: float
    style: dict = field(default_factory=dict, hash=False, compare=True)


@dataclass
class ChartSnapshot:
    """A deleted chart with its items, for ``restore_chart``."""

    chart: Chart
    items: list[ChartItem] = field(default_factory=list)


#: Columns the case browser shows per kind: (code, English header).
BROWSE_COLUMNS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.PERSON: (
        ("name", "Name"),
        ("key", "ID number"),
        ("roles", "Roles"),
        ("legal_status", "Legal status"),
        ("region", "Household region"),
        ("links", "Links"),
    ),
    Kind.BANK_CARD: (
        ("key", "Card number"),
        ("bank", "Bank"),
        ("holder", "Holder"),
        ("region", "Opened in"),
        ("txns", "Transactions"),
    ),
    Kind.PHONE_CARD: (
        ("key", "Number"),
        ("carrier", "Carrier"),
        ("holder", "Holder"),
        ("region", "Attribution"),
        ("calls", "Calls"),
    ),
    Kind.DEVICE: (
        ("key", "IMEI"),
        ("model", "Model"),
        ("holder", "Holder"),
        ("links", "Links"),
    ),
    Kind.ORGANISATION: (
        ("name", "Organisation"),
        ("org_type", "Type"),
        ("region", "Region"),
        ("members", "Members"),
    ),
    Kind.PAYMENT_ACCOUNT: (
        ("key", "Account"),
        ("platform", "Platform"),
        ("name", "Name"),
        ("holder", "Holder"),
        ("txns", "Transactions"),
    ),
    Kind.CRYPTO_WALLET: (
        ("key", "Address"),
        ("chain", "Chain"),
        ("holder", "Holder"),
        ("txns", "Transactions"),
    ),
}

# SQL expression of each browse column; `e` is the entity row.
_HOLDER = (
    "(SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
    "WHERE l.target_id = e.id AND l.type = 'holds' ORDER BY l.id LIMIT 1)"
)
_REGION = (
    "(SELECT r.name FROM entity_region er JOIN region r ON r.code = er.region_code "
    "WHERE er.entity_id = e.id ORDER BY er.reason = '{reason}' DESC LIMIT 1)"
)
_COLUMN_SQL = {
    "name": "e.name",
    "key": "e.key",
    "roles": "(SELECT group_concat(role, ',') FROM entity_role WHERE entity_id = e.id)",
    "legal_status": "e.legal_status",
    "links": "((SELECT count(*) FROM link WHERE source_id = e.id)"
    " + (SELECT count(*) FROM link WHERE target_id = e.id))",
    "bank": "json_extract(e.attrs, '$.bank')",
    "carrier": "json_extract(e.attrs, '$.carrier')",
    "model": "json_extract(e.attrs, '$.model')",
    "org_type": "json_extract(e.attrs, '$.org_type')",
    "platform": "json_extract(e.attrs, '$.platform')",
    "chain": "json_extract(e.attrs, '$.chain')",
    "holder": _HOLDER,
    "txns": "((SELECT count(*) FROM txn WHERE payer_id = e.id)"
    " + (SELECT count(*) FROM txn WHERE payee_id = e.id))",
    "calls": "((SELECT count(*) FROM call WHERE caller_id = e.id)"
    " + (SELECT count(*) FROM call WHERE callee_id = e.id))",
    "members": "(SELECT count(*) FROM link WHERE target_id = e.id AND type = 'member_of')",
}
_REGION_REASON_BY_KIND = {
    Kind.PERSON: "household",
    Kind.BANK_CARD: "account_opening",
    Kind.PHONE_CARD: "phone_attribution",
    Kind.ORGANISATION: "activity",
    Kind.DEVICE: "activity",
    Kind.PAYMENT_ACCOUNT: "account_opening",
    Kind.CRYPTO_WALLET: "activity",
}

_VOCAB = {
    "roles": codes(ROLES),
    "culpability": codes(CULPABILITY) | {""},
    "legal_status": codes(LEGAL_STATUS) | {""},
    "reason": codes(REGION_REASONS),
    "org_type": codes(ORGANISATION_TYPES) | {""},
}


def normalize_key(kind: Kind | str, raw: str | None) -> tuple[str | None, bool, str]:
    """Normalise an entity's natural key: (key, valid, problem).

    Bank cards that fail the Luhn check and wallet addresses that fail their checksum are
    kept and flagged (``'luhn'``, ``'bad_checksum'``), since real statements hold them;
    every other malformed key raises ``identifiers.IdentifierError``. A payment account is
    ``"<platform>:<account>"`` (any spelling of the platform); a masked one (``138****5678``)
    is flagged ``'partial'``. A wallet is ``"<chain>:<address>"`` or the bare address.

    >>> normalize_key("phone_card", "+86 138-1234-5678")
    ('13812345678', True, '')
    >>> normalize_key("bank_card", "6222 0212 3456 7890 13")
    ('622202123456789013', False, 'luhn')
    >>> normalize_key("person", "")
    (None, True, '')
    >>> normalize_key("phone_card", "023-6789 1234")
    ('02367891234', False, 'not_mobile')
    >>> normalize_key("payment_account", "支付宝:Zhang.San@163.com")
    ('alipay:zhang.san@163.com', True, '')
    >>> normalize_key("crypto_wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    ('tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', True, '')
    """
    kind = Kind(kind)
    if raw is None or not str(raw).strip():
        return None, True, ""
    raw = str(raw)
    if kind is Kind.PERSON:
        return ids.normalize_id_number(raw), True, ""
    if kind is Kind.PHONE_CARD:
        try:
            return ids.normalize_mobile(raw), True, ""
        except ids.MobileError:
            # Landlines (023-12345678) and service numbers (95588) call victims too; a number
            # that looks like a mobile but is not one is a typing error, though.
            digits = "".join(ch for ch in raw if ch.isdigit())
            if digits.startswith("1") and len(digits) == 11 or not 3 <= len(digits) <= 20:
                raise
            return digits, False, "not_mobile"
    if kind is Kind.DEVICE:
        return ids.normalize_imei(raw), True, ""
    if kind is Kind.BANK_CARD:
        try:
            card = ids.normalize_card_number(raw)
        except ids.IdentifierError:
            try:
                card = ids.normalize_account_number(raw)
            except ids.IdentifierError:
                masked = ids.masked_number(raw)
                if masked is None:
                    raise
                return masked, False, "partial"  # 6222****1234, as a statement prints it
            return card.number, True, ""
        return card.number, card.luhn_ok, "" if card.luhn_ok else "luhn"
    if kind is Kind.PAYMENT_ACCOUNT:
        platform, sep, account = raw.strip().partition(":")
        if not sep:
            raise ids.PaymentAccountError(raw, "unknown_platform", "write it as PLATFORM:ACCOUNT",
                                          kind="payment_account")  # fmt: skip
        key = ids.payment_account_key(platform, account)
        return key, True, "partial" if "*" in account else ""
    if kind is Kind.CRYPTO_WALLET:
        chain, sep, address = raw.strip().partition(":")
        if not sep:
            chain, address = None, raw
        chain, address, ok = ids.normalize_crypto_address(address, chain)
        return f"{chain}:{address}", ok, "" if ok else "bad_checksum"
    return raw.strip(), True, ""


def derived_attrs(kind: Kind | str, key: str | None) -> dict:
    """Attributes a normalised key implies: a payment account's platform, a wallet's chain.

    >>> derived_attrs("crypto_wallet", "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    {'chain': 'tron'}
    """
    kind = Kind(kind)
    if not key:
        return {}
    if kind is Kind.PAYMENT_ACCOUNT:
        return {"platform": key.partition(":")[0]}
    if kind is Kind.CRYPTO_WALLET:
        return {"chain": key.partition(":")[0]}
    return {}


class CaseStore:
    """An open case. Create with :meth:`create` or :meth:`open`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, analyst: str, read_only: bool):
        self.path = Path(path)
        self.analyst = analyst
        self.read_only = read_only
        self.lock_holder: LockInfo | None = None
        self.upgraded_from: int | None = None
        self.backup_path: Path | None = None
        self._conn = conn
        self.db = sqlite_utils.Database(conn)
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

    # ------------------------------------------------------------------ opening

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
    def closed(self) -> bool:
        return self._conn is None

    # ------------------------------------------------------------------ events

    def subscribe(self, listener: Callable[[Changed], None]) -> None:
        """Call ``listener(Changed)`` after each committed write."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changed], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # ------------------------------------------------------------------ writing

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
            ts=now(),
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

    # ------------------------------------------------------------------ entities

    def add_entity(
        self,
        kind: Kind | str,
        key: str | None = None,
        name: str = "",
        *,
        attrs: dict | None = None,
        roles: Iterable[str] = (),
        aliases: Iterable[str] = (),
        regions: Iterable[RegionTag | tuple[str, str]] = (),
        culpability: str = "",
        legal_status: str = "",
        notes: str = "",
    ) -> int:
        """Add an entity and return its id. Raises ``DuplicateKeyError`` for a known key."""
        kind = Kind(kind)
        norm, valid, problem = normalize_key(kind, key)
        if kind is Kind.ORGANISATION and norm is None and name:
            norm = None  # organisations are told apart by id; names may repeat
        if not norm and not name.strip():
            raise ValidationError("name", name, "an entity needs a name or a key")
        values = {
            "kind": kind.value,
            "key": norm,
            "name": name.strip(),
            "key_valid": int(valid),
            "key_problem": problem,
            "culpability": culpability,
            "legal_status": legal_status,
            "notes": notes,
            "attrs": {**derived_attrs(kind, norm), **dict(attrs or {})},
            "roles": list(roles),
            "aliases": list(aliases),
            "regions": [_tag(r) for r in regions],
        }
        _validate(values)
        with self._write("add entity", {"entity"}) as touched:
            if norm is not None:
                existing = self._find_id(kind, norm)
                if existing is not None:
                    raise DuplicateKeyError(kind.value, norm, existing)
            entity_id = self._insert_entity(None, values)
            touched.add(entity_id)
            self._audit("create", "entity", entity_id, entity_id, None, _public(values))
        return entity_id

    def ensure_entity(self, kind: Kind | str, key: str, name: str = "", **fields) -> int:
        """The id of the entity with this natural key, created if the case lacks it."""
        kind = Kind(kind)
        norm, _, _ = normalize_key(kind, key)
        existing = self._find_id(kind, norm) if norm else None
        if existing is not None:
            return existing
        return self.add_entity(kind, key, name, **fields)

    def _insert_entity(self, entity_id: int | None, v: dict, ts: str | None = None) -> int:
        ts = ts or now()
        cur = self._conn.execute(
            "INSERT INTO entity (id, kind, key, name, key_valid, key_problem, culpability, "
            "legal_status, notes, attrs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entity_id,
                v["kind"],
                v["key"],
                v["name"],
                v["key_valid"],
                v["key_problem"],
                v["culpability"],
                v["legal_status"],
                v["notes"],
                json.dumps(v["attrs"], ensure_ascii=False),
                v.get("created_at") or ts,
                v.get("updated_at") or ts,
            ),
        )
        eid = cur.lastrowid if entity_id is None else entity_id
        self._replace_sets(eid, v)
        return eid

    def _replace_sets(self, eid: int, v: dict) -> None:
        c = self._conn
        if "roles" in v:
            c.execute("DELETE FROM entity_role WHERE entity_id = ?", (eid,))
            c.executemany(
                "INSERT OR IGNORE INTO entity_role VALUES (?, ?)", [(eid, r) for r in v["roles"]]
            )
        if "aliases" in v:
            c.execute("DELETE FROM entity_alias WHERE entity_id = ?", (eid,))
            c.executemany(
                "INSERT OR IGNORE INTO entity_alias VALUES (?, ?)",
                [(eid, a.strip()) for a in v["aliases"] if a.strip()],
            )
        if "regions" in v:
            c.execute("DELETE FROM entity_region WHERE entity_id = ?", (eid,))
            for t in v["regions"]:
                if self.region(t.code) is None:
                    raise ValidationError("region", t.code, "unknown region code")
            c.executemany(
                "INSERT OR IGNORE INTO entity_region (entity_id, region_code, reason, note) "
                "VALUES (?, ?, ?, ?)",
                [(eid, t.code, t.reason, t.note) for t in v["regions"]],
            )

    def update_entity(self, entity_id: int, **changes) -> None:
        """Change fields of an entity (see ``EDITABLE``); each change is audited old -> new."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError("field", sorted(unknown), "not an editable field")
        current = self.entity(entity_id)
        values: dict = {}
        if "key" in changes:
            norm, valid, problem = normalize_key(current.kind, changes.pop("key"))
            values.update(key=norm, key_valid=int(valid), key_problem=problem)
            implied = derived_attrs(current.kind, norm)
            if implied:
                # The platform or chain follows the key, unless the same edit sets attrs.
                changes["attrs"] = {**current.attrs, **implied, **changes.get("attrs", {})}
        if "regions" in changes:
            changes["regions"] = [_tag(r) for r in changes["regions"]]
        if "name" in changes:
            changes["name"] = changes["name"].strip()
        values.update(changes)
        _validate(values)
        old_public = _public(_as_values(current))
        new_public = {**old_public, **_public(values)}
        diff_old = {k: old_public[k] for k in _public(values) if old_public.get(k) != new_public[k]}
        diff_new = {k: new_public[k] for k in diff_old}
        if not diff_old:
            return
        with self._write("edit entity", {"entity"}, [entity_id]):
            if values.get("key") is not None and values["key"] != current.key:
                other = self._find_id(current.kind, values["key"])
                if other is not None and other != entity_id:
                    raise DuplicateKeyError(current.kind.value, values["key"], other)
            scalar = {
                k: (json.dumps(v, ensure_ascii=False) if k == "attrs" else v)
                for k, v in values.items()
                if k not in ("roles", "aliases", "regions")
            }
            scalar["updated_at"] = now()
            assignments = ", ".join(f"{k} = ?" for k in scalar)
            self._conn.execute(
                f"UPDATE entity SET {assignments} WHERE id = ?", (*scalar.values(), entity_id)
            )
            self._replace_sets(entity_id, values)
            self._audit("edit", "entity", entity_id, entity_id, diff_old, diff_new)

    def delete_entity(self, entity_id: int) -> EntitySnapshot:
        """Delete an entity and its links; return a snapshot that ``restore_entity`` takes.

        Refused with ``EntityInUseError`` while transactions or calls refer to it.
        """
        entity = self.entity(entity_id)
        txns, calls = self._fact_counts(entity_id)
        if txns or calls:
            raise EntityInUseError(entity_id, txns, calls)
        links = self.links_of(entity_id)
        snapshot = EntitySnapshot(entity, links, self.entity_chart_items(entity_id))
        touched = {entity_id} | {lk.source_id for lk in links} | {lk.target_id for lk in links}
        with self._write("delete entity", {"entity", "link", "chart_item"}, touched):
            self._conn.execute("DELETE FROM entity WHERE id = ?", (entity_id,))
            self._audit("delete", "entity", entity_id, entity_id, _public(_as_values(entity)), None)
        return snapshot

    def restore_entity(self, snapshot: EntitySnapshot) -> None:
        """Put a deleted entity back with its id, sets and links."""
        e = snapshot.entity
        values = _as_values(e)
        touched = {e.id} | {lk.source_id for lk in snapshot.links}
        touched |= {lk.target_id for lk in snapshot.links}
        with self._write("restore entity", {"entity", "link", "chart_item"}, touched):
            # Back exactly as it was, timestamps included; the audit row says when.
            self._insert_entity(
                e.id, {**values, "created_at": e.created_at, "updated_at": e.updated_at}
            )
            for lk in snapshot.links:
                self._insert_link(lk)
            charts = {r[0] for r in self._conn.execute("SELECT id FROM chart")}
            self._insert_chart_items(it for it in snapshot.chart_items if it.chart_id in charts)
            self._audit("restore", "entity", e.id, e.id, None, _public(values))

    def unmoved_orders(self, entity_id: int, limit: int = 200) -> list[dict]:
        """Rows of an account's statements that moved no money (closed or failed orders,
        不计收支 between the owner's own funds), newest first: kept as evidence, counted in
        no sum, trace or pattern."""
        rows = self._conn.execute(
            "SELECT id, ts, direction, amount_fen, status, summary, counterpart, serial "
            "FROM txn_unmoved WHERE account_id = ? ORDER BY ts DESC LIMIT ?",
            (entity_id, limit),
        )
        names = (
            "id",
            "ts",
            "direction",
            "amount_fen",
            "status",
            "summary",
            "counterpart",
            "serial",
        )
        return [dict(zip(names, r, strict=True)) for r in rows]

    def merge_entities(self, keep_id: int, absorb_id: int) -> MergeRecord:
        """Make two entities one: everything that names ``absorb_id`` (transactions, calls,
        orders, measures, links, chart places, regions, roles, aliases) names ``keep_id``,
        and ``absorb_id`` is deleted; its key and name stay as aliases of the kept one.

        For the placeholder account of a statement nobody could name (owner unknown), and
        for a masked card (6222****1234) once its full number is in the case. One
        transaction; :meth:`unmerge_entities` takes it back.
        """
        if keep_id == absorb_id:
            raise ValidationError("entity", absorb_id, "cannot merge an entity into itself")
        keep, absorbed = self.entity(keep_id), self.entity(absorb_id)
        c = self._conn
        links = self.links_of(absorb_id)
        record = MergeRecord(
            keep, EntitySnapshot(absorbed, links, self.entity_chart_items(absorb_id))
        )
        record.absorbed_batch = c.execute(
            "SELECT batch_id FROM entity WHERE id = ?", (absorb_id,)
        ).fetchone()[0]
        touched = (
            {keep_id, absorb_id} | {lk.source_id for lk in links} | {lk.target_id for lk in links}
        )
        with self._write(
            "merge entities", {"entity", "link", "chart_item", "txn", "call"}, touched
        ):
            for table, column, key in _ENTITY_COLUMNS:
                cols = ", ".join(key)
                rows = c.execute(f"SELECT {cols} FROM {table} WHERE {column} = ?", (absorb_id,))
                found = [tuple(r) for r in rows]
                if not found:
                    continue
                record.repointed[(table, column)] = found
                c.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep_id, absorb_id)
                )
            existing = {(lk.type, lk.source_id, lk.target_id) for lk in self.links_of(keep_id)}
            for lk in links:
                src = keep_id if lk.source_id == absorb_id else lk.source_id
                dst = keep_id if lk.target_id == absorb_id else lk.target_id
                if src == dst or (lk.type, src, dst) in existing:
                    continue
                existing.add((lk.type, src, dst))
                moved = replace(lk, id=None, source_id=src, target_id=dst)
                record.links_added.append(self._insert_link(moved, new=True))
            charted = {it.chart_id for it in self.entity_chart_items(keep_id)}
            for it in record.absorbed.chart_items:
                if it.chart_id not in charted:
                    self._insert_chart_items([replace(it, entity_id=keep_id)])
                    record.chart_items_added.append((it.chart_id, keep_id))
            aliases = list(keep.aliases)
            for extra in (absorbed.key or "", absorbed.name, *absorbed.aliases):
                if extra and extra not in aliases and extra not in (keep.key, keep.name):
                    aliases.append(extra)
            merged = {
                "roles": sorted(set(keep.roles) | set(absorbed.roles)),
                "aliases": aliases,
                "regions": list(keep.regions)
                + [r for r in absorbed.regions if r.code not in {k.code for k in keep.regions}],
            }
            self._replace_sets(keep_id, merged)
            c.execute("DELETE FROM entity WHERE id = ?", (absorb_id,))
            self._audit(
                "merge", "entity", keep_id, keep_id,
                {"absorbed": _public(_as_values(absorbed)), "id": absorb_id},
                {"into": keep_id, "repointed": sum(len(v) for v in record.repointed.values())},
            )  # fmt: skip
        return record

    def unmerge_entities(self, record: MergeRecord) -> None:
        """Take back a merge: the absorbed entity returns with its id, links and chart
        places, and every row the merge re-pointed names it again."""
        keep, absorbed = record.keep, record.absorbed.entity
        c = self._conn
        touched = {keep.id, absorbed.id}
        with self._write(
            "unmerge entities", {"entity", "link", "chart_item", "txn", "call"}, touched
        ):
            for link_id in record.links_added:
                c.execute("DELETE FROM link WHERE id = ?", (link_id,))
            for chart_id, entity_id in record.chart_items_added:
                c.execute(
                    "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                    (chart_id, entity_id),
                )
            values = _as_values(absorbed)
            self._insert_entity(
                absorbed.id,
                {**values, "created_at": absorbed.created_at, "updated_at": absorbed.updated_at},
            )
            c.execute(
                "UPDATE entity SET batch_id = ? WHERE id = ?", (record.absorbed_batch, absorbed.id)
            )
            for lk in record.absorbed.links:
                self._insert_link(lk)
            charts = {r[0] for r in c.execute("SELECT id FROM chart")}
            self._insert_chart_items(
                it for it in record.absorbed.chart_items if it.chart_id in charts
            )
            for (table, column), rows in record.repointed.items():
                key = next(k for t, col, k in _ENTITY_COLUMNS if (t, col) == (table, column))
                where = " AND ".join(f"{k} = ?" for k in key)
                c.executemany(
                    f"UPDATE {table} SET {column} = ? WHERE {where}",
                    [(absorbed.id, *r) for r in rows],
                )
            self._replace_sets(keep.id, _as_values(keep))
            self._audit(
                "unmerge", "entity", keep.id, keep.id, {"into": keep.id}, {"restored": absorbed.id}
            )

    def _find_id(self, kind: Kind, key: str | None) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM entity WHERE kind = ? AND key = ?", (kind.value, key)
        ).fetchone()
        return row[0] if row else None

    def _fact_counts(self, entity_id: int) -> tuple[int, int]:
        c = self._conn
        txns = c.execute(
            "SELECT (SELECT count(*) FROM txn WHERE payer_id = :e)"
            " + (SELECT count(*) FROM txn WHERE payee_id = :e)",
            {"e": entity_id},
        ).fetchone()[0]
        calls = c.execute(
            "SELECT (SELECT count(*) FROM call WHERE caller_id = :e)"
            " + (SELECT count(*) FROM call WHERE callee_id = :e)"
            " + (SELECT count(*) FROM call WHERE device_id = :e)",
            {"e": entity_id},
        ).fetchone()[0]
        return txns, calls

    # ------------------------------------------------------------------ reading entities

    def entity(self, entity_id: int) -> Entity:
        """The entity with this id, with roles, aliases and regions."""
        row = self._conn.execute("SELECT * FROM entity WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFoundError("entity", entity_id)
        return self._entity_from_row(row, full=True)

    def has_entity(self, entity_id: int) -> bool:
        return (
            self._conn.execute("SELECT 1 FROM entity WHERE id = ?", (entity_id,)).fetchone()
            is not None
        )

    def find_entity(self, kind: Kind | str, key: str) -> Entity | None:
        """The entity with this natural key (given in any accepted spelling), if any."""
        kind = Kind(kind)
        norm, _, _ = normalize_key(kind, key)
        found = self._find_id(kind, norm) if norm else None
        return self.entity(found) if found is not None else None

    def _entity_from_row(self, row, full: bool) -> Entity:
        d = dict(zip([c[0] for c in self._entity_columns()], row, strict=True))
        e = Entity(
            id=d["id"],
            kind=Kind(d["kind"]),
            key=d["key"],
            name=d["name"],
            key_valid=bool(d["key_valid"]),
            key_problem=d["key_problem"],
            culpability=d["culpability"],
            legal_status=d["legal_status"],
            notes=d["notes"],
            attrs=json.loads(d["attrs"] or "{}"),
            created_at=d["created_at"],
            updated_at=d["updated_at"],
        )
        if full:
            c = self._conn
            e.roles = [
                r[0]
                for r in c.execute(
                    "SELECT role FROM entity_role WHERE entity_id = ? ORDER BY role", (e.id,)
                )
            ]
            e.aliases = [
                r[0]
                for r in c.execute(
                    "SELECT alias FROM entity_alias WHERE entity_id = ? ORDER BY alias", (e.id,)
                )
            ]
            e.regions = [
                RegionTag(code, reason, name, note)
                for code, reason, name, note in c.execute(
                    "SELECT er.region_code, er.reason, r.name, er.note FROM entity_region er "
                    "JOIN region r ON r.code = er.region_code WHERE er.entity_id = ? "
                    "ORDER BY er.reason, er.region_code",
                    (e.id,),
                )
            ]
        return e

    def _entity_columns(self):
        if not hasattr(self, "_ecols"):
            self._ecols = self._conn.execute("SELECT * FROM entity LIMIT 0").description
        return self._ecols

    def count_entities(self, kind: Kind | str, search: str = "") -> int:
        """How many entities of a kind match ``search`` (name, key or alias, substring)."""
        where, params = _search_clause(Kind(kind), search)
        return self._conn.execute(
            f"SELECT count(*) FROM entity e WHERE {where}", params
        ).fetchone()[0]

    def browse(
        self,
        kind: Kind | str,
        search: str = "",
        sort: str = "",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[tuple]:
        """One page of the case browser: rows of (id, *BROWSE_COLUMNS[kind] values)."""
        kind = Kind(kind)
        columns = BROWSE_COLUMNS[kind]
        exprs = []
        for code, _ in columns:
            if code == "region":
                exprs.append(_REGION.format(reason=_REGION_REASON_BY_KIND[kind]))
            else:
                exprs.append(_COLUMN_SQL[code])
        where, params = _search_clause(kind, search)
        order_codes = [c for c, _ in columns]
        order = "e.id"
        if sort in order_codes:
            # Sort on the indexed column directly where there is one.
            order = {"name": "e.name", "key": "e.key"}.get(sort, exprs[order_codes.index(sort)])
            order = f"{order} {'DESC' if descending else 'ASC'}, e.id"
        # Find the page's ids first: the display columns are then computed for 200 rows,
        # not for every row that OFFSET skips.
        page_ids = [
            r[0]
            for r in self._conn.execute(
                f"SELECT e.id FROM entity e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]
        if not page_ids:
            return []
        select = ", ".join(exprs)
        rows = {
            r[0]: tuple(r)
            for r in self._conn.execute(
                f"SELECT e.id, {select} FROM entity e WHERE e.id IN "
                f"({', '.join('?' * len(page_ids))})",
                page_ids,
            )
        }
        return [rows[i] for i in page_ids]

    def entities(self, kind: Kind | str | None = None) -> list[Entity]:
        """All entities (of a kind), without their sets: for exports and analysis."""
        if kind is None:
            rows = self._conn.execute("SELECT * FROM entity ORDER BY id")
        else:
            rows = self._conn.execute(
                "SELECT * FROM entity WHERE kind = ? ORDER BY id", (Kind(kind).value,)
            )
        return [self._entity_from_row(r, full=False) for r in rows]

    def entity_ids_with_role(self, role: str) -> list[int]:
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT entity_id FROM entity_role WHERE role = ? ORDER BY entity_id", (role,)
            )
        ]

    # ------------------------------------------------------------------ links

    def link_types(self) -> list[tuple[str, str, str, bool, bool]]:
        """(code, English, Chinese, directed, builtin) of every link type in the case."""
        return [
            (r[0], r[1], r[2], bool(r[3]), bool(r[4]))
            for r in self._conn.execute(
                "SELECT code, en, zh, directed, builtin FROM link_type ORDER BY builtin DESC, code"
            )
        ]

    def add_link_type(self, code: str, en: str, zh: str = "", directed: bool = True) -> None:
        """Define an analyst's own link type."""
        code = code.strip()
        if not code or not en.strip():
            raise ValidationError("link type", code, "a link type needs a code and a name")
        if any(t[0] == code for t in self.link_types()):
            raise ValidationError("link type", code, "exists already")
        with self._write("add link type", {"link_type"}):
            self._conn.execute(
                "INSERT INTO link_type (code, en, zh, directed, builtin) VALUES (?,?,?,?,0)",
                (code, en.strip(), zh.strip() or en.strip(), int(directed)),
            )
            self._audit("create", "link_type", None, None, None, {"code": code, "en": en})

    def delete_link_type(self, code: str) -> None:
        """Remove an analyst-defined link type that no link uses (undo of ``add_link_type``)."""
        row = self._conn.execute(
            "SELECT builtin, (SELECT count(*) FROM link WHERE type = :c) FROM link_type "
            "WHERE code = :c",
            {"c": code},
        ).fetchone()
        if row is None:
            raise NotFoundError("link type", code)
        if row[0] or row[1]:
            raise ValidationError("link type", code, "built in or in use")
        with self._write("delete link type", {"link_type"}):
            self._conn.execute("DELETE FROM link_type WHERE code = ?", (code,))
            self._audit("delete", "link_type", None, None, {"code": code}, None)

    def add_link(
        self,
        type: str,
        source_id: int,
        target_id: int,
        *,
        origin: str = MANUAL,
        confidence: float = 1.0,
        note: str = "",
        weight: float = 1.0,
    ) -> int:
        """Link two entities; returns the link id."""
        if source_id == target_id:
            raise ValidationError("link", (source_id, target_id), "an entity cannot link to itself")
        if not 0.0 <= confidence <= 1.0:
            raise ValidationError("confidence", confidence, "must be between 0 and 1")
        if type not in {t[0] for t in self.link_types()}:
            raise ValidationError("link type", type, "unknown link type")
        for eid in (source_id, target_id):
            if not self.has_entity(eid):
                raise NotFoundError("entity", eid)
        link = Link(0, type, source_id, target_id, origin, confidence, note, weight, now())
        with self._write("add link", {"link"}, [source_id, target_id]):
            link.id = self._insert_link(link, new=True)
            self._audit("link", "link", link.id, source_id, None, _link_public(link))
        return link.id

    def _insert_link(self, link: Link, new: bool = False) -> int:
        cur = self._conn.execute(
            "INSERT INTO link (id, type, source_id, target_id, origin, confidence, weight, note, "
            "created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                None if new else link.id,
                link.type,
                link.source_id,
                link.target_id,
                link.origin,
                link.confidence,
                link.weight,
                link.note,
                link.created_at or now(),
            ),
        )
        return cur.lastrowid

    def link(self, link_id: int) -> Link:
        row = self._conn.execute(
            "SELECT id, type, source_id, target_id, origin, confidence, note, weight, created_at "
            "FROM link WHERE id = ?",
            (link_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("link", link_id)
        return Link(*row)

    def update_link(self, link_id: int, **changes) -> None:
        """Change a link's type, confidence, note or weight."""
        allowed = {"type", "confidence", "note", "weight"}
        if set(changes) - allowed:
            raise ValidationError("field", sorted(set(changes) - allowed), "not editable")
        old = self.link(link_id)
        if "confidence" in changes and not 0.0 <= changes["confidence"] <= 1.0:
            raise ValidationError("confidence", changes["confidence"], "must be between 0 and 1")
        diff_old = {k: getattr(old, k) for k in changes if getattr(old, k) != changes[k]}
        if not diff_old:
            return
        diff_new = {k: changes[k] for k in diff_old}
        with self._write("edit link", {"link"}, [old.source_id, old.target_id]):
            sets = ", ".join(f"{k} = ?" for k in diff_new)
            self._conn.execute(
                f"UPDATE link SET {sets} WHERE id = ?", (*diff_new.values(), link_id)
            )
            self._audit("edit", "link", link_id, old.source_id, diff_old, diff_new)

    def delete_link(self, link_id: int) -> Link:
        """Delete a link and return it, for ``restore_link``."""
        old = self.link(link_id)
        with self._write("delete link", {"link"}, [old.source_id, old.target_id]):
            self._conn.execute("DELETE FROM link WHERE id = ?", (link_id,))
            self._audit("unlink", "link", link_id, old.source_id, _link_public(old), None)
        return old

    def restore_link(self, link: Link) -> None:
        """Put a deleted link back with its id."""
        with self._write("restore link", {"link"}, [link.source_id, link.target_id]):
            self._insert_link(link)
            self._audit("link", "link", link.id, link.source_id, None, _link_public(link))

    def links_of(self, entity_id: int) -> list[Link]:
        """Every link that starts or ends at an entity."""
        return [
            Link(*r)
            for r in self._conn.execute(
                "SELECT id, type, source_id, target_id, origin, confidence, note, weight, "
                "created_at FROM link WHERE source_id = :e UNION ALL "
                "SELECT id, type, source_id, target_id, origin, confidence, note, weight, "
                "created_at FROM link WHERE target_id = :e ORDER BY id",
                {"e": entity_id},
            )
        ]

    def neighbourhood(self, entity_id: int, max_facts: int = 12) -> list[Neighbour]:
        """The entity's direct links, plus its strongest money and call counterparts.

        Money and calls are facts, not links; they are aggregated per counterpart and the
        ``max_facts`` largest of each are returned.
        """
        out: list[Neighbour] = []
        others: dict[int, Entity] = {}

        def other(eid: int) -> Entity:
            if eid not in others:
                others[eid] = self.entity(eid)
            return others[eid]

        for lk in self.links_of(entity_id):
            outgoing = lk.source_id == entity_id
            out.append(
                Neighbour(
                    other(lk.target_id if outgoing else lk.source_id), lk.type, outgoing, lk.id
                )
            )
        c = self._conn
        money = c.execute(
            "SELECT payee_id, 1, count(*), sum(amount_fen) FROM txn "
            "WHERE payer_id = :e AND payee_id IS NOT NULL GROUP BY payee_id "
            "UNION ALL SELECT payer_id, 0, count(*), sum(amount_fen) FROM txn "
            "WHERE payee_id = :e AND payer_id IS NOT NULL GROUP BY payer_id "
            "ORDER BY 4 DESC LIMIT :n",
            {"e": entity_id, "n": max_facts},
        ).fetchall()
        for oid, outgoing, n, total in money:
            out.append(Neighbour(other(oid), "money", bool(outgoing), None, n, total))
        calls = c.execute(
            "SELECT callee_id, 1, count(*) FROM call WHERE caller_id = :e GROUP BY callee_id "
            "UNION ALL SELECT caller_id, 0, count(*) FROM call WHERE callee_id = :e "
            "GROUP BY caller_id ORDER BY 3 DESC LIMIT :n",
            {"e": entity_id, "n": max_facts},
        ).fetchall()
        for oid, outgoing, n in calls:
            out.append(Neighbour(other(oid), "calls", bool(outgoing), None, n))
        return out

    # ------------------------------------------------------------------ facts

    def add_transactions(self, rows: Iterable[dict], batch_id: int | None = None) -> int:
        """Insert transactions (dicts with payer_id, payee_id, amount_fen, ts, ...) at once."""
        cols = (
            "payer_id",
            "payee_id",
            "exit_kind",
            "amount_fen",
            "ts",
            "channel",
            "summary",
            "counterpart",
            "serial",
            "place",
            "source_row",
        )
        defaults = {"exit_kind": "", "channel": "", "summary": "", "counterpart": "",
                    "serial": "", "place": "", "source_row": None, "payer_id": None,
                    "payee_id": None}  # fmt: skip
        data = [tuple({**defaults, **r}[c] for c in cols) + (batch_id,) for r in rows]
        with self._write("add transactions", {"txn"}):
            self._conn.executemany(
                f"INSERT INTO txn ({', '.join(cols)}, batch_id) VALUES "
                f"({', '.join('?' * (len(cols) + 1))})",
                data,
            )
            self._audit("import", "txn", None, None, None, {"rows": len(data), "batch": batch_id})
        return len(data)

    def add_calls(self, rows: Iterable[dict], batch_id: int | None = None) -> int:
        """Insert calls (dicts with caller_id, callee_id, ts, duration_s, ...) at once."""
        cols = ("caller_id", "callee_id", "ts", "duration_s", "call_type", "cell", "device_id",
                "source_row")  # fmt: skip
        defaults = {"duration_s": 0, "call_type": "voice", "cell": "", "device_id": None,
                    "source_row": None}  # fmt: skip
        data = [tuple({**defaults, **r}[c] for c in cols) + (batch_id,) for r in rows]
        with self._write("add calls", {"call"}):
            self._conn.executemany(
                f"INSERT INTO call ({', '.join(cols)}, batch_id) VALUES "
                f"({', '.join('?' * (len(cols) + 1))})",
                data,
            )
            self._audit("import", "call", None, None, None, {"rows": len(data), "batch": batch_id})
        return len(data)

    def fact_counts(self, entity_id: int) -> tuple[int, int]:
        """(transactions, calls) that refer to an entity."""
        return self._fact_counts(entity_id)

    # ------------------------------------------------------------------ regions

    def region(self, code: str) -> Region | None:
        row = self._conn.execute(
            "SELECT code, name, level, parent, lat, lon, name_en FROM region WHERE code = ?",
            (code,),
        ).fetchone()
        return Region(*row) if row else None

    def regions(self, search: str = "", limit: int = 50) -> list[Region]:
        """Regions whose name, English name or code contains ``search``: provinces first."""
        like = f"%{search.strip()}%"
        return [
            Region(*r)
            for r in self._conn.execute(
                "SELECT code, name, level, parent, lat, lon, name_en FROM region "
                "WHERE name LIKE :q OR name_en LIKE :q OR code LIKE :q "
                "ORDER BY CASE level WHEN 'overseas' THEN 0 WHEN 'province' THEN 1 "
                "WHEN 'prefecture' THEN 2 ELSE 3 END, code LIMIT :n",
                {"q": like, "n": limit},
            )
        ]

    def region_path(self, code: str) -> list[Region]:
        """The region and its parents, outermost first (province, prefecture, county)."""
        path = []
        r = self.region(code)
        while r is not None:
            path.insert(0, r)
            r = self.region(r.parent) if r.parent else None
        return path

    # ------------------------------------------------------------------ imports

    def mapping_profiles(self) -> dict[str, dict]:
        """Saved column mappings by name: {'kind', 'signature', 'mapping', 'analyst', ...}."""
        return {
            name: {"kind": kind, "signature": sig, "mapping": json.loads(mapping),
                   "analyst": analyst, "created_at": created}
            for name, kind, sig, mapping, analyst, created in self._conn.execute(
                "SELECT name, kind, signature, mapping, analyst, created_at "
                "FROM mapping_profile ORDER BY name"
            )
        }  # fmt: skip

    def save_mapping_profile(self, name: str, kind: str, signature: str, mapping: dict) -> None:
        """Save (or replace) a named mapping; it applies when the same header returns."""
        name = name.strip()
        if not name:
            raise ValidationError("profile", name, "a profile needs a name")
        old = self.mapping_profiles().get(name)
        with self._write("save mapping profile", {"mapping_profile"}):
            self._conn.execute(
                "INSERT INTO mapping_profile (name, kind, signature, mapping, analyst, "
                "created_at) VALUES (?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
                "kind = excluded.kind, signature = excluded.signature, "
                "mapping = excluded.mapping, analyst = excluded.analyst",
                (name, kind, signature, json.dumps(mapping, ensure_ascii=False), self.analyst,
                 now()),
            )  # fmt: skip
            self._audit("edit" if old else "create", "mapping_profile", None, None,
                        old and old["mapping"], mapping)  # fmt: skip

    def import_batches(self) -> list[dict]:
        """Every import batch, newest first, with its counts."""
        cols = ("id", "file_name", "file_size", "sha256", "kind", "profile", "analyst",
                "imported_at", "counts")  # fmt: skip
        rows = self._conn.execute(
            f"SELECT {', '.join(cols)} FROM import_batch ORDER BY id DESC"
        ).fetchall()
        return [{**dict(zip(cols, r, strict=True)), "counts": json.loads(r[-1])} for r in rows]

    def rejected_rows(self, batch_id: int | None = None) -> list[tuple]:
        """Rows imports could not read: (batch, file, line, column, value, reason)."""
        where, params = ("WHERE batch_id = ?", (batch_id,)) if batch_id is not None else ("", ())
        return [
            tuple(r)
            for r in self._conn.execute(
                f"SELECT batch_id, file, line, col, value, reason FROM rejected_row {where} "
                "ORDER BY batch_id, line",
                params,
            )
        ]

    def remove_batches(self, batch_ids: list[int]) -> dict[str, int]:
        """Take back everything imports wrote: their facts, the source rows they added to
        facts stored before, rejected rows, links and the entities they created (with what
        was inferred about them), and the batches themselves. Used to undo an import.

        Refused (nothing changes) when later evidence refers to an entity they created.
        """
        if not batch_ids:
            return {}
        marks = ", ".join("?" * len(batch_ids))
        origins = [f"import:{b}" for b in batch_ids]
        c = self._conn
        new_entities = [
            r[0] for r in c.execute(f"SELECT id FROM entity WHERE batch_id IN ({marks})", batch_ids)
        ]
        counts: dict[str, int] = {}
        with self._write("undo import", {"entity", "link", "txn", "call", "import_batch"}) as t:
            t.update(new_entities)
            for table, column in (("txn_source", "batch_id"), ("call_source", "batch_id"),
                                  ("rejected_row", "batch_id"),
                                  ("txn_unmoved", "batch_id")):  # fmt: skip
                counts[table] = c.execute(
                    f"DELETE FROM {table} WHERE {column} IN ({marks})", batch_ids
                ).rowcount
            counts["txn"] = c.execute(
                f"DELETE FROM txn WHERE batch_id IN ({marks})", batch_ids
            ).rowcount
            counts["call"] = c.execute(
                f"DELETE FROM call WHERE batch_id IN ({marks})", batch_ids
            ).rowcount
            counts["link"] = c.execute(
                f"DELETE FROM link WHERE origin IN ({', '.join('?' * len(origins))})", origins
            ).rowcount
            try:
                counts["entity"] = c.execute(
                    f"DELETE FROM entity WHERE batch_id IN ({marks})", batch_ids
                ).rowcount
            except dbapi.IntegrityError as e:
                raise EntityInUseError(new_entities[0] if new_entities else 0, 0, 0) from e
            c.execute(f"DELETE FROM import_batch WHERE id IN ({marks})", batch_ids)
            self._audit("undo import", "import_batch", None, None, {"batches": batch_ids}, counts)
        return counts

    def sources_of_transaction(self, txn_id: int) -> list[tuple[str, int]]:
        """(file name, line) of every statement row that reported a transaction: the row it
        was first read from, then the other party's statement rows."""
        return [
            tuple(r)
            for r in self._conn.execute(
                "SELECT b.file_name, t.source_row FROM txn t JOIN import_batch b "
                "ON b.id = t.batch_id WHERE t.id = :t UNION ALL "
                "SELECT b.file_name, s.source_row FROM txn_source s JOIN import_batch b "
                "ON b.id = s.batch_id WHERE s.txn_id = :t",
                {"t": txn_id},
            )
        ]

    # ------------------------------------------------------------------ findings, measures

    def verdicts(self) -> dict[tuple[str, str], Verdict]:
        """The analyst's verdicts on findings, by (pattern, key)."""
        return {
            (r[0], r[1]): Verdict(*r)
            for r in self._conn.execute(
                "SELECT pattern, key, verdict, note, analyst, decided_at FROM finding_verdict"
            )
        }

    def set_verdict(
        self, pattern: str, key: str, verdict: str | None, note: str = ""
    ) -> Verdict | None:
        """Mark a finding confirmed or dismissed (``None`` clears the mark); return the
        verdict it replaces, so an undo can put it back."""
        if verdict is not None and verdict not in codes(VERDICTS):
            raise ValidationError("verdict", verdict, "not a verdict")
        old = self.verdicts().get((pattern, key))
        entity = self._conn.execute(
            "SELECT id FROM entity WHERE key = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        eid = entity[0] if entity else None
        with self._write("set verdict", {"finding_verdict"}, [eid] if eid else ()):
            self._conn.execute(
                "DELETE FROM finding_verdict WHERE pattern = ? AND key = ?", (pattern, key)
            )
            new = None
            if verdict is not None:
                new = Verdict(pattern, key, verdict, note, self.analyst, now())
                self._conn.execute(
                    "INSERT INTO finding_verdict VALUES (?,?,?,?,?,?)",
                    (new.pattern, new.key, new.verdict, new.note, new.analyst, new.decided_at),
                )
            self._audit(
                "set verdict", "finding_verdict", None, eid,
                old and old.__dict__, new and new.__dict__,
            )  # fmt: skip
        return old

    def restore_verdict(self, pattern: str, key: str, old: Verdict | None) -> None:
        """Put back a verdict as ``set_verdict`` returned it (``None``: no verdict)."""
        if old is None:
            self.set_verdict(pattern, key, None)
        else:
            self.set_verdict(pattern, key, old.verdict, old.note)

    def measures(self, entity_id: int | None = None) -> list[Measure]:
        """Measures taken on accounts (all, or one entity's), oldest first."""
        where, params = ("WHERE entity_id = ?", (entity_id,)) if entity_id is not None else ("", ())
        return [
            Measure(*r)
            for r in self._conn.execute(
                "SELECT id, entity_id, action, amount_fen, taken_at, analyst, note FROM measure "
                f"{where} ORDER BY taken_at, id",
                params,
            )
        ]

    def add_measure(
        self, entity_id: int, action: str, amount_fen: int = 0, taken_at: str = "",
        note: str = "", measure_id: int | None = None,
    ) -> int:  # fmt: skip
        """Record a stop-payment, freeze, seizure or return on an account; return its id.

        ``measure_id`` re-creates a deleted measure under its old id (redo)."""
        if action not in codes(MEASURES):
            raise ValidationError("action", action, "not a measure")
        if int(amount_fen) < 0:
            raise ValidationError("amount_fen", str(amount_fen), "negative amount")
        if not self.has_entity(entity_id):
            raise NotFoundError("entity", entity_id)
        taken_at = taken_at or now()
        with self._write("add measure", {"measure"}, [entity_id]):
            cur = self._conn.execute(
                "INSERT INTO measure (id, entity_id, action, amount_fen, taken_at, analyst, note) "
                "VALUES (?,?,?,?,?,?,?)",
                (measure_id, entity_id, action, int(amount_fen), taken_at, self.analyst, note),
            )
            mid = cur.lastrowid
            self._audit("add measure", "measure", mid, entity_id, None,
                        {"action": action, "amount_fen": int(amount_fen), "taken_at": taken_at,
                         "note": note})  # fmt: skip
        return mid

    def delete_measure(self, measure_id: int) -> Measure:
        """Remove a measure; return it so an undo can put it back."""
        row = self._conn.execute(
            "SELECT id, entity_id, action, amount_fen, taken_at, analyst, note FROM measure "
            "WHERE id = ?",
            (measure_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("measure", measure_id)
        m = Measure(*row)
        with self._write("delete measure", {"measure"}, [m.entity_id]):
            self._conn.execute("DELETE FROM measure WHERE id = ?", (measure_id,))
            self._audit("delete measure", "measure", measure_id, m.entity_id, m.__dict__, None)
        return m

    # ------------------------------------------------------------------ charts

    def charts(self) -> list[Chart]:
        """Every chart of the case, by name."""
        return [
            Chart(r[0], r[1], json.loads(r[2] or "{}"), r[3], r[4], r[5])
            for r in self._conn.execute(
                "SELECT id, name, settings, created_by, created_at, updated_at FROM chart "
                "ORDER BY name COLLATE NOCASE, id"
            )
        ]

    def chart(self, chart_id: int) -> Chart:
        """The chart with this id."""
        row = self._conn.execute(
            "SELECT id, name, settings, created_by, created_at, updated_at FROM chart WHERE id = ?",
            (chart_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("chart", chart_id)
        return Chart(row[0], row[1], json.loads(row[2] or "{}"), row[3], row[4], row[5])

    def _check_chart_name(self, name: str, chart_id: int | None = None) -> str:
        name = name.strip()
        if not name:
            raise ValidationError("chart name", name, "a chart needs a name")
        row = self._conn.execute("SELECT id FROM chart WHERE name = ?", (name,)).fetchone()
        if row is not None and row[0] != chart_id:
            raise ValidationError("chart name", name, "exists already")
        return name

    def create_chart(
        self,
        name: str,
        settings: dict | None = None,
        items: Iterable[tuple] = (),
        *,
        chart_id: int | None = None,
    ) -> int:
        """Create a chart, optionally with items ``(entity_id, x, y[, style])``; return its id.

        ``chart_id`` re-creates a deleted chart under its old id (redo)."""
        name = self._check_chart_name(name)
        ts = now()
        rows = [_chart_item_row(0, it) for it in items]
        with self._write("create chart", {"chart", "chart_item"}):
            cur = self._conn.execute(
                "INSERT INTO chart (id, name, settings, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?)",
                (chart_id, name, json.dumps(settings or {}, ensure_ascii=False), self.analyst,
                 ts, ts),
            )  # fmt: skip
            cid = cur.lastrowid
            self._conn.executemany(
                "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
                [(cid, *r[1:]) for r in rows],
            )
            self._audit("create chart", "chart", cid, None, None,
                        {"name": name, "items": len(rows)})  # fmt: skip
        return cid

    def rename_chart(self, chart_id: int, name: str) -> str:
        """Rename a chart; return the old name."""
        old = self.chart(chart_id).name
        name = self._check_chart_name(name, chart_id)
        with self._write("rename chart", {"chart"}):
            self._conn.execute(
                "UPDATE chart SET name = ?, updated_at = ? WHERE id = ?", (name, now(), chart_id)
            )
            self._audit("rename chart", "chart", chart_id, None, {"name": old}, {"name": name})
        return old

    def set_chart_settings(self, chart_id: int, settings: dict) -> dict:
        """Replace a chart's settings (filters, layout, view); return the old settings."""
        old = self.chart(chart_id).settings
        if old == settings:
            return old
        with self._write("chart settings", {"chart"}):
            self._conn.execute(
                "UPDATE chart SET settings = ?, updated_at = ? WHERE id = ?",
                (json.dumps(settings, ensure_ascii=False), now(), chart_id),
            )
            changed = sorted(k for k in set(old) | set(settings) if old.get(k) != settings.get(k))
            self._audit("chart settings", "chart", chart_id, None,
                        {k: old.get(k) for k in changed},
                        {k: settings.get(k) for k in changed})  # fmt: skip
        return old

    def delete_chart(self, chart_id: int) -> ChartSnapshot:
        """Delete a chart with its items (never the entities); return what ``restore_chart``
        takes."""
        snapshot = ChartSnapshot(self.chart(chart_id), self.chart_items(chart_id))
        with self._write("delete chart", {"chart", "chart_item"}):
            self._conn.execute("DELETE FROM chart WHERE id = ?", (chart_id,))
            self._audit("delete chart", "chart", chart_id, None,
                        {"name": snapshot.chart.name, "items": len(snapshot.items)}, None)  # fmt: skip
        return snapshot

    def restore_chart(self, snapshot: ChartSnapshot) -> None:
        """Put a deleted chart back with its id, settings and items."""
        c = snapshot.chart
        with self._write("restore chart", {"chart", "chart_item"}):
            self._conn.execute(
                "INSERT INTO chart (id, name, settings, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?)",
                (c.id, c.name, json.dumps(c.settings, ensure_ascii=False), c.created_by,
                 c.created_at, c.updated_at),
            )  # fmt: skip
            self._insert_chart_items(snapshot.items)
            self._audit("restore chart", "chart", c.id, None, None,
                        {"name": c.name, "items": len(snapshot.items)})  # fmt: skip

    def chart_items(self, chart_id: int) -> list[ChartItem]:
        """The entities on a chart with their positions and styles, by entity id."""
        return [
            ChartItem(chart_id, r[0], r[1], r[2], json.loads(r[3]) if r[3] != "{}" else {})
            for r in self._conn.execute(
                "SELECT entity_id, x, y, style FROM chart_item WHERE chart_id = ? "
                "ORDER BY entity_id",
                (chart_id,),
            )
        ]

    def chart_positions(self, chart_id: int) -> dict[int, tuple[float, float]]:
        """Entity id -> (x, y) of everything on a chart: what opening a chart needs, without
        building 20,000 records."""
        return {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT entity_id, x, y FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
        }

    def entity_chart_items(self, entity_id: int) -> list[ChartItem]:
        """Where an entity sits on every chart (kept with a deleted entity for its undo)."""
        return [
            ChartItem(r[0], entity_id, r[1], r[2], json.loads(r[3]) if r[3] != "{}" else {})
            for r in self._conn.execute(
                "SELECT chart_id, x, y, style FROM chart_item WHERE entity_id = ? "
                "ORDER BY chart_id",
                (entity_id,),
            )
        ]

    def _insert_chart_items(self, items: Iterable[ChartItem]) -> None:
        self._conn.executemany(
            "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
            [
                (it.chart_id, it.entity_id, float(it.x), float(it.y),
                 json.dumps(it.style, ensure_ascii=False) if it.style else "{}")
                for it in items
            ],
        )  # fmt: skip

    def add_chart_items(self, chart_id: int, items: Iterable[tuple]) -> list[int]:
        """Put entities on a chart: ``(entity_id, x, y[, style])``. Entities already there
        stay where they are; returns the ids actually added (what an undo removes)."""
        self.chart(chart_id)
        present = {
            r[0]
            for r in self._conn.execute(
                "SELECT entity_id FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
        }
        rows, seen = [], set()
        for it in items:
            row = _chart_item_row(chart_id, it)
            if row[1] in present or row[1] in seen:
                continue
            seen.add(row[1])
            rows.append(row)
        if not rows:
            return []
        with self._write("add to chart", {"chart_item"}):
            try:
                self._conn.executemany(
                    "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
                    rows,
                )
            except dbapi.IntegrityError as e:
                raise NotFoundError("entity", [r[1] for r in rows]) from e
            self._touch_chart(chart_id)
            self._audit("add to chart", "chart_item", chart_id, None, None,
                        {"entities": [r[1] for r in rows]})  # fmt: skip
        return [r[1] for r in rows]

    def remove_chart_items(self, chart_id: int, entity_ids: Iterable[int]) -> list[ChartItem]:
        """Take entities off a chart (not out of the case); return the removed items so an
        undo can put them back with ``restore_chart_items``."""
        wanted = set(entity_ids)
        removed = [it for it in self.chart_items(chart_id) if it.entity_id in wanted]
        if not removed:
            return []
        with self._write("remove from chart", {"chart_item"}):
            self._conn.executemany(
                "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                [(chart_id, it.entity_id) for it in removed],
            )
            self._touch_chart(chart_id)
            self._audit("remove from chart", "chart_item", chart_id, None,
                        {"entities": [it.entity_id for it in removed]}, None)  # fmt: skip
        return removed

    def restore_chart_items(self, items: Iterable[ChartItem]) -> None:
        """Put chart items back as ``remove_chart_items`` or ``entity_chart_items`` gave
        them; items of charts deleted meanwhile are skipped."""
        items = list(items)
        charts = {r[0] for r in self._conn.execute("SELECT id FROM chart")}
        items = [it for it in items if it.chart_id in charts]
        if not items:
            return
        with self._write("restore chart items", {"chart_item"}):
            self._conn.executemany(
                "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                [(it.chart_id, it.entity_id) for it in items],
            )
            self._insert_chart_items(items)
            self._audit("restore chart items", "chart_item", items[0].chart_id, None, None,
                        {"entities": [it.entity_id for it in items]})  # fmt: skip

    def set_chart_positions(
        self, chart_id: int, positions: dict[int, tuple[float, float]]
    ) -> dict[int, tuple[float, float]]:
        """Move entities on a chart, all in one transaction; return their old positions.

        Entities not on the chart are ignored."""
        old = {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT entity_id, x, y FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
            if r[0] in positions
        }
        if not old:
            return {}
        with self._write("move on chart", {"chart_item"}):
            self._conn.executemany(
                "UPDATE chart_item SET x = ?, y = ? WHERE chart_id = ? AND entity_id = ?",
                [(float(positions[e][0]), float(positions[e][1]), chart_id, e) for e in old],
            )
            self._touch_chart(chart_id)
            # One row for a whole layout: the positions themselves are the chart's business.
            self._audit("move on chart", "chart_item", chart_id, None, None,
                        {"moved": len(old)} if len(old) > 20 else
                        {str(e): list(positions[e]) for e in old})  # fmt: skip
        return old

    def set_chart_styles(self, chart_id: int, styles: dict[int, dict]) -> dict[int, dict]:
        """Set the style of entities on a chart; return the old styles."""
        old = {
            it.entity_id: it.style for it in self.chart_items(chart_id) if it.entity_id in styles
        }
        if not old:
            return {}
        with self._write("style on chart", {"chart_item"}):
            self._conn.executemany(
                "UPDATE chart_item SET style = ? WHERE chart_id = ? AND entity_id = ?",
                [(json.dumps(styles[e], ensure_ascii=False), chart_id, e) for e in old],
            )
            self._touch_chart(chart_id)
            self._audit("style on chart", "chart_item", chart_id, None,
                        {str(e): v for e, v in old.items()},
                        {str(e): styles[e] for e in old})  # fmt: skip
        return old

    def _touch_chart(self, chart_id: int) -> None:
        self._conn.execute("UPDATE chart SET updated_at = ? WHERE id = ?", (now(), chart_id))

    # ------------------------------------------------------------------ audit, info

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


# ---------------------------------------------------------------------- helpers


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
    ts = now()
    conn.executemany(
        "INSERT INTO case_meta (key, value) VALUES (?, ?)",
        [("name", name), ("created_at", ts), ("created_by", analyst)],
    )
    append_audit(conn, ts=ts, analyst=analyst, action="create", tbl="case_meta",
                 new_value=json.dumps({"name": name}, ensure_ascii=False))  # fmt: skip


def _chart_item_row(chart_id: int, item: tuple) -> tuple:
    eid, x, y, *rest = item
    style = rest[0] if rest else None
    return (chart_id, int(eid), float(x), float(y),
            json.dumps(style, ensure_ascii=False) if style else "{}")  # fmt: skip


def _tag(r: RegionTag | tuple[str, str]) -> RegionTag:
    return r if isinstance(r, RegionTag) else RegionTag(r[0], r[1])


def _validate(v: dict) -> None:
    for role in v.get("roles", ()):
        if role not in _VOCAB["roles"]:
            raise ValidationError("role", role, "not a known role")
    for fld in ("culpability", "legal_status"):
        if fld in v and v[fld] not in _VOCAB[fld]:
            raise ValidationError(fld, v[fld], f"not a known {fld.replace('_', ' ')}")
    for t in v.get("regions", ()):
        if t.reason not in _VOCAB["reason"]:
            raise ValidationError("region reason", t.reason, "not a known reason")
    if "attrs" in v:
        if not isinstance(v["attrs"], dict):
            raise ValidationError("attrs", v["attrs"], "must be a mapping")
        if v["attrs"].get("org_type", "") not in _VOCAB["org_type"]:
            raise ValidationError("organisation type", v["attrs"]["org_type"], "unknown type")
        if v["attrs"].get("platform", "other") not in ids.PLATFORM_CODES:
            raise ValidationError("platform", v["attrs"]["platform"], "unknown platform")
        if v["attrs"].get("chain", "tron") not in ids.CHAINS:
            raise ValidationError("chain", v["attrs"]["chain"], "unknown chain")


def _as_values(e: Entity) -> dict:
    return {
        "kind": e.kind.value,
        "key": e.key,
        "name": e.name,
        "key_valid": int(e.key_valid),
        "key_problem": e.key_problem,
        "culpability": e.culpability,
        "legal_status": e.legal_status,
        "notes": e.notes,
        "attrs": dict(e.attrs),
        "roles": list(e.roles),
        "aliases": list(e.aliases),
        "regions": list(e.regions),
    }


def _public(v: dict) -> dict:
    """The audit's view of entity values: JSON-ready, sets sorted."""
    out = {}
    for k, val in v.items():
        if k in ("key_valid", "key_problem", "created_at"):
            continue
        if k == "regions":
            val = sorted([t.code, t.reason] + ([t.note] if t.note else []) for t in val)
        elif k in ("roles", "aliases"):
            val = sorted(val)
        out[k] = val
    return out


def _link_public(link: Link) -> dict:
    return {
        "type": link.type,
        "source_id": link.source_id,
        "target_id": link.target_id,
        "origin": link.origin,
        "confidence": link.confidence,
        "note": link.note,
    }


def _like_pattern(text: str) -> str:
    r"""A LIKE pattern (``ESCAPE '\'``) matching ``text`` anywhere, its ``%``, ``_`` and
    ``\`` taken literally.

    >>> print(_like_pattern(r"100%_a\b"))
    %100\%\_a\\b%
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_clause(kind: Kind, search: str) -> tuple[str, tuple]:
    search = search.strip()
    if not search:
        return "e.kind = ?", (kind.value,)
    # The analyst types text, not a pattern: 100% or wxid_ab match only themselves.
    like = _like_pattern(search)
    return (
        "e.kind = ? AND (e.name LIKE ? ESCAPE '\\' OR e.key LIKE ? ESCAPE '\\' OR e.id IN "
        "(SELECT entity_id FROM entity_alias WHERE alias LIKE ? ESCAPE '\\'))",
        (kind.value, like, like, like),
    )
