"""Test setup: Qt offscreen, settings and data in a throwaway folder, case factories."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt: no screen needed, and never the analyst's real settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="zhanlian-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["ZHANLIAN_DATA_DIR"] = str(_SANDBOX / "data")

import pytest  # noqa: E402

from workbench.model import Kind  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

from .factories import make_case  # noqa: E402,F401


@pytest.fixture
def case(tmp_path) -> CaseStore:
    """A small case with people, cards, phones and links, open for writing."""
    store = make_case(tmp_path, people=20)
    yield store
    store.close()


@pytest.fixture
def empty_case(tmp_path) -> CaseStore:
    store = CaseStore.create(tmp_path / "empty.zlcase", "tester")
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    """The demo case, built once for the session (tests copy it before writing)."""
    from workbench.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.zlcase"
    build_demo(path, analyst="demo")
    return path


__all__ = ["Kind"]
