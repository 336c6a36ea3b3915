"""One writer per case: a lock file beside the case file.

SQLite's own locks protect a single transaction, not a working session, and do not hold over
many network shares. A lock file names who has the case open (host, process, analyst, since
when), so a second opener, in this program or on another workstation through a shared
folder, gets read-only access and can be told who holds the case.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class LockInfo:
    """Who holds a case."""

    host: str
    pid: int
    analyst: str
    since: str
    token: str = ""

    def describe(self) -> str:
        """One line for a banner.

        >>> LockInfo("ws-07", 4242, "Li Wei", "2026-11-26T09:00:00").describe()
        'Li Wei on ws-07 (process 4242) since 2026-11-26T09:00:00'
        """
        return f"{self.analyst} on {self.host} (process {self.pid}) since {self.since}"


def lock_path(case_path: Path) -> Path:
    """The lock file of a case: ``case.zlcase`` -> ``case.zlcase.lock``."""
    return case_path.with_name(case_path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class CaseLock:
    """The lock of one case, held by this process or observed as held by another."""

    def __init__(self, case_path: Path, analyst: str):
        self.path = lock_path(Path(case_path))
        self.analyst = analyst
        self.held = False
        self.holder: LockInfo | None = None
        self._token = uuid.uuid4().hex

    def acquire(self) -> bool:
        """Take the lock. Returns False, with ``holder`` set, when someone else has it.

        A lock left by a crashed process on this host is taken over.
        """
        for _ in range(3):
            mine = LockInfo(
                socket.gethostname(),
                os.getpid(),
                self.analyst,
                datetime.now().astimezone().isoformat(timespec="seconds"),
                self._token,
            )
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                other = self.read()
                if other is not None and not self._stale(other):
                    self.holder = other
                    return False
                # Stale (crashed on this host) or unreadable: remove and try again.
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(mine.__dict__, f)
            self.held = True
            self.holder = mine
            return True
        return False

    def read(self) -> LockInfo | None:
        """The lock as written in the file, or None when missing or unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockInfo(**data)
        except (OSError, ValueError, TypeError):
            return None

    @staticmethod
    def _stale(info: LockInfo) -> bool:
        # Another host's process cannot be checked from here: its lock stands.
        return info.host == socket.gethostname() and not _pid_alive(info.pid)

    def release(self) -> None:
        """Give the lock up if this object holds it."""
        if not self.held:
            return
        info = self.read()
        if info is not None and info.token == self._token:
            self.path.unlink(missing_ok=True)
        self.held = False
