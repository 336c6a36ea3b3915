"""One writer per case: an operating-system lock beside the case file, and a note of who has it.

SQLite's own locks protect a single transaction, not a working session. A session that may
write holds an OS lock (``flock`` on Linux and macOS, ``LockFileEx``/``msvcrt`` on Windows,
through the ``filelock`` package) on ``case.zlcase.lock`` for as long as the case is open.
The OS lets go of it when the process ends, however it ends, so a crash never leaves a lock
that has to be cleaned up by guessing, and two processes can never both hold it: there is no
"is it stale? then delete it" anywhere. The lock file itself is never deleted (a process
waiting on the old file and one creating a new file could otherwise both win).

Beside it, ``case.zlcase.lock.json`` names the holder (analyst, host, process, since when),
written whole or not at all (a temporary file, then ``os.replace``), so a second opener, in
this program or on another workstation, can be told who has the case. OS locks do not reach
across every network share; a note left by another workstation is therefore respected even
when the OS lock is free, until an analyst breaks it (File → Break lock…). A note that cannot
be read is never taken for a stale one.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import filelock

#: The holder note, when it exists but cannot be read, names nobody: ``host`` is empty.
_UNKNOWN = ""


@dataclass(frozen=True)
class LockInfo:
    """Who holds a case."""

    host: str
    pid: int
    analyst: str
    since: str
    token: str = ""

    @classmethod
    def unknown(cls) -> LockInfo:
        """A holder whose note is missing or cannot be read."""
        return cls(_UNKNOWN, 0, _UNKNOWN, _UNKNOWN)

    @property
    def known(self) -> bool:
        return bool(self.host)

    @property
    def this_host(self) -> bool:
        """True when the holder runs on this workstation."""
        return self.host == socket.gethostname()

    def describe(self) -> str:
        """One line for a banner or a message.

        >>> LockInfo("ws-07", 4242, "Li Wei", "2026-11-26T09:00:00").describe()
        'Li Wei on ws-07 (process 4242) since 2026-11-26T09:00:00'
        >>> LockInfo.unknown().describe()
        'an unknown session (its lock note cannot be read)'
        """
        if not self.known:
            return "an unknown session (its lock note cannot be read)"
        return f"{self.analyst} on {self.host} (process {self.pid}) since {self.since}"


def lock_path(case_path: Path) -> Path:
    """The OS lock of a case: ``case.zlcase`` -> ``case.zlcase.lock`` (kept in place)."""
    case_path = Path(case_path)
    return case_path.with_name(case_path.name + ".lock")


def holder_path(case_path: Path) -> Path:
    """The note naming the holder: ``case.zlcase`` -> ``case.zlcase.lock.json``."""
    case_path = Path(case_path)
    return case_path.with_name(case_path.name + ".lock.json")


def read_holder(case_path: Path) -> LockInfo | None:
    """The holder note of a case: None when there is none, ``LockInfo.unknown()`` when it
    exists but cannot be read (damaged, foreign, no permission)."""
    path = holder_path(case_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return LockInfo.unknown()
    try:
        info = LockInfo(
            host=str(data["host"]),
            pid=int(data["pid"]),
            analyst=str(data["analyst"]),
            since=str(data["since"]),
            token=str(data.get("token", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return LockInfo.unknown()
    return info if info.host else LockInfo.unknown()


def _replace(src: Path, dst: Path) -> None:
    # On Windows a reader that has the target open for a moment makes os.replace fail.
    for attempt in range(20):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 19:
                raise
            time.sleep(0.025)


class CaseLock:
    """The lock of one case, held by this object or observed as held by another session."""

    def __init__(self, case_path: Path, analyst: str):
        self.case_path = Path(case_path)
        self.path = lock_path(self.case_path)
        self.note_path = holder_path(self.case_path)
        self.analyst = analyst
        self.held = False
        #: who holds the case when ``acquire`` returned False; this session when it holds it
        self.holder: LockInfo | None = None
        #: the note of the session this one took over (a crashed one, or a broken lock)
        self.taken_over: LockInfo | None = None
        self._token = uuid.uuid4().hex
        # Not thread-local: the GUI thread takes it, any thread may release it at exit.
        # No soft fallback: a lock by file existence is exactly the check-then-delete this
        # module exists to avoid.
        self._os_lock = filelock.FileLock(
            self.path,
            timeout=0,
            mode=0o600,
            thread_local=False,
            fallback_to_soft=False,
            preserve_lock_file=True,
        )

    def acquire(self) -> bool:
        """Take the lock. Returns False, with ``holder`` set, when someone else has it.

        A note left by a session of this host that has ended is taken over: the OS lock
        proves that it is gone. Raises ``OSError`` when the lock file cannot be created
        (a folder the user cannot write).
        """
        if not self._try_os_lock():
            self.holder = self._holder_of_busy_lock()
            return False
        other = read_holder(self.case_path)
        if other is not None and (not other.known or not other.this_host):
            # Another workstation's note (its OS lock may not reach us through the share),
            # or a note nobody can read: neither counts as stale. Only Break lock takes it.
            self._os_lock.release()
            self.holder = other
            return False
        self.taken_over = other
        self._take()
        return True

    def break_lock(self) -> LockInfo | None:
        """Take the case from a session that left its note on another workstation (or a note
        that cannot be read), and return that note.

        Raises ``LockHeldError`` when a running session holds the OS lock: that one is not
        left over, and breaking it would make two writers.
        """
        from .errors import LockHeldError

        if not self.held and not self._try_os_lock():
            raise LockHeldError(self.case_path, self._holder_of_busy_lock())
        self.taken_over = read_holder(self.case_path)
        self._take()
        return self.taken_over

    def release(self) -> None:
        """Give the lock up if this object holds it."""
        if not self.held:
            return
        try:
            # The OS lock is still ours, so no other session of this program can be writing
            # the note now; it is removed only if it is still the one this session wrote.
            info = read_holder(self.case_path)
            if info is not None and info.token == self._token:
                self.note_path.unlink(missing_ok=True)
        finally:
            self.held = False
            self._os_lock.release(force=True)

    # ------------------------------------------------------------------ helpers

    def _try_os_lock(self) -> bool:
        try:
            self._os_lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        return True

    def _take(self) -> None:
        mine = LockInfo(
            socket.gethostname(),
            os.getpid(),
            self.analyst,
            datetime.now().astimezone().isoformat(timespec="seconds"),
            self._token,
        )
        try:
            self._write_note(mine)
        except BaseException:
            self._os_lock.release(force=True)
            raise
        self.held = True
        self.holder = mine

    def _write_note(self, info: LockInfo) -> None:
        tmp = self.note_path.with_name(f"{self.note_path.name}.{self._token}.tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(asdict(info), f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            _replace(tmp, self.note_path)
        except BaseException:
            tmp.unlink(missing_ok=True)  # our own temporary file: nobody else knows its name
            raise

    def _holder_of_busy_lock(self) -> LockInfo:
        # The holder writes its note just after taking the OS lock: wait a moment for it.
        deadline = time.monotonic() + 0.5
        while True:
            info = read_holder(self.case_path)
            if info is not None or time.monotonic() > deadline:
                return info or LockInfo.unknown()
            time.sleep(0.02)
