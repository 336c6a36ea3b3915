"""The store's clock: local time with offset, to the second (tests set it)."""

from __future__ import annotations

from datetime import datetime


def now() -> str:
    """Local time with offset, to the second: what the audit log records."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
