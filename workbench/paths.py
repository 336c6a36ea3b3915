"""Where case files live by default, following each platform's convention for user data."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

APP_DIR = "Zhanlian"
DEMO_CASE = "demo.zlcase"


def data_dir() -> Path:
    """The user's data folder for Zhanlian (created on demand by callers).

    ``ZHANLIAN_DATA_DIR`` overrides it (tests, portable installs on a USB stick).
    """
    override = os.environ.get("ZHANLIAN_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR.lower()


def demo_case_path() -> Path:
    """The built-in demo case, written on first run."""
    return data_dir() / DEMO_CASE


def os_user() -> str:
    """The operating-system user: the analyst when none is named."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises several types when no user can be found
        return "unknown"
