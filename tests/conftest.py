"""Test setup: Qt offscreen, settings and data in a throwaway folder, case factories."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import tempfile
from pathlib import Path

# Before anything imports Qt: no screen needed, and never the analyst's real settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
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
def pg_server(tmp_path_factory) -> str:
    """A PostgreSQL server for the server-case tests: ``ZHANLIAN_TEST_PG`` (``.ci/run``
    starts a throw-away one), else a throw-away cluster started here from Debian's
    postgresql package. On CI a missing server fails the run; elsewhere it skips."""
    url = os.environ.get("ZHANLIAN_TEST_PG", "")
    if url:
        return url
    folder = tmp_path_factory.mktemp("pg")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    try:
        out = subprocess.run(
            [str(ROOT / "tools" / "throwaway-postgres"), "start", str(folder), str(port)],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError) as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server: install Debian's postgresql package ({e})")
    _PG_FOLDERS.append(folder)
    return out.strip().split("=", 1)[1]


_PG_FOLDERS: list[Path] = []
_CASE_NUMBER = itertools.count(1)


def pytest_sessionfinish(session, exitstatus):
    for folder in _PG_FOLDERS:
        subprocess.run([str(ROOT / "tools" / "throwaway-postgres"), "stop", str(folder)],
                       capture_output=True, timeout=60)  # fmt: skip


@pytest.fixture
def server_case_url(pg_server) -> str:
    """The URL of a new, not yet created, case on the test server (removed afterwards)."""
    url = f"{pg_server}?case=t{os.getpid()}_{next(_CASE_NUMBER)}"
    yield url
    from workbench.store.server import drop_case

    drop_case(url)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    """The demo case, built once for the session (tests copy it before writing)."""
    from workbench.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.zlcase"
    build_demo(path, analyst="demo")
    return path


__all__ = ["Kind"]
