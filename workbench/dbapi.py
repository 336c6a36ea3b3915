"""Connections to case files, plain or encrypted at rest.

A plain case is opened with Python's own ``sqlite3``. An encrypted case is an SQLCipher 4
database (AES-256 page encryption, the key derived from the passphrase by PBKDF2-HMAC-SHA512
with a per-file salt), opened through ``sqlcipher3`` (the ``sqlcipher3-wheels`` build, with
wheels for Linux, Windows and macOS). Without its passphrase the file is indistinguishable
from random bytes: no table, no name, no number can be read from it.

The two libraries raise different exception classes; code that catches SQLite errors on a
case connection catches the tuples here (``OperationalError``, ``DatabaseError``...), which
hold both. A process never opens one file with both libraries (SQLite's locks are per library
copy), since an encrypted file is unreadable to the plain one and a plain file is opened with
the plain one only.
"""

from __future__ import annotations

import sqlite3

from .errors import CaseFileError

try:  # the encrypted road; without it a plain case still works and encryption says why not
    from sqlcipher3 import dbapi2 as _cipher
except ImportError:  # pragma: no cover - a dependency, installed with the package
    _cipher = None


class ServerDatabaseError(Exception):
    """An error of the PostgreSQL server behind a server case (workbench.store.server),
    raised as the SQLite errors are, so that the store catches both in one place."""


class ServerIntegrityError(ServerDatabaseError):
    """A constraint of a server case refused a write."""


_LIBS = (sqlite3,) if _cipher is None else (sqlite3, _cipher)
Error = tuple(lib.Error for lib in _LIBS) + (ServerDatabaseError,)
DatabaseError = tuple(lib.DatabaseError for lib in _LIBS) + (ServerDatabaseError,)
OperationalError = tuple(lib.OperationalError for lib in _LIBS)
IntegrityError = tuple(lib.IntegrityError for lib in _LIBS) + (ServerIntegrityError,)
#: a case file's connection, plain or encrypted
Connection = tuple(lib.Connection for lib in _LIBS)
InternalError = tuple(lib.InternalError for lib in _LIBS)
NotSupportedError = tuple(lib.NotSupportedError for lib in _LIBS)
InterfaceError = tuple(lib.InterfaceError for lib in _LIBS)


class EncryptionUnavailableError(CaseFileError):
    """The SQLCipher library is not installed."""

    def __init__(self):
        super().__init__("encryption needs the sqlcipher3-wheels package: pip install it")


def _literal(passphrase: str) -> str:
    if not passphrase or "\x00" in passphrase:
        raise ValueError("a passphrase must be non-empty text without NUL characters")
    return "'" + passphrase.replace("'", "''") + "'"


def connect(database, *, key: str | None = None, uri: bool = False, check_same_thread=True):
    """A connection to ``database``: plain ``sqlite3`` without ``key``, SQLCipher keyed
    with it otherwise. The key is set before anything is read; a wrong key shows only at
    the first read (``DatabaseError``: file is not a database)."""
    if key is None:
        return sqlite3.connect(database, uri=uri, check_same_thread=check_same_thread)
    if _cipher is None:
        raise EncryptionUnavailableError()
    conn = _cipher.connect(database, uri=uri, check_same_thread=check_same_thread)
    _quiet(conn)
    conn.execute(f"PRAGMA key = {_literal(key)}")
    return conn


def _quiet(conn) -> None:
    # SQLCipher logs a wrong key's failed page check to stderr; the caller raises a typed
    # error for it instead (a user's terminal shows no library noise).
    conn.execute("PRAGMA cipher_log_level = NONE").fetchall()


def cipher_connect(database, *, key: str | None = None):
    """An SQLCipher connection, keyed when ``key`` is given; without a key it reads and
    writes plain SQLite files, which is how a plain case is converted (``sqlcipher_export``
    exists only in SQLCipher)."""
    if _cipher is None:
        raise EncryptionUnavailableError()
    conn = _cipher.connect(database)
    _quiet(conn)
    if key is not None:
        conn.execute(f"PRAGMA key = {_literal(key)}")
    return conn


def attach_key(passphrase: str | None) -> str:
    """The ``KEY`` clause of an ``ATTACH`` for a database with this passphrase (a plain
    database: the empty key)."""
    return "''" if passphrase is None else _literal(passphrase)


def encryption_available() -> bool:
    return _cipher is not None


def is_cipher_connection(conn) -> bool:
    return _cipher is not None and isinstance(conn, _cipher.Connection)


def import_sqlite_utils():
    """sqlite-utils (the case store's library), imported with pandas kept out of the process.

    sqlite_utils.db runs ``importlib.import_module("pandas")`` when it is first imported,
    only to map ``pandas.Timestamp`` to a column type, and pandas is there wherever the
    ``[bench]`` extra is installed: 0.35 s and 120 MB at every start for nothing Zhanlian
    uses. A ``None`` entry in ``sys.modules`` makes that one import raise ImportError, which
    sqlite-utils expects and handles; the entry goes again at once, so code that really
    asks for pandas later still gets it.
    """
    import sys

    if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils  # noqa: F401
        finally:
            if "pandas" in sys.modules and sys.modules["pandas"] is None:
                del sys.modules["pandas"]
    import sqlite_utils

    return sqlite_utils
