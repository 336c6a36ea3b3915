"""The store's tests run on both back ends: a case file (SQLite) and a case on a
PostgreSQL server. ``case`` and ``empty_case`` here are made on each; a test that is about
the file itself (its header, its lock, its WAL) is marked ``sqlite_only``."""

from __future__ import annotations

import pytest

from workbench.store import CaseStore

from ..factories import make_case

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", ["sqlite"] if only else list(BACKENDS))


@pytest.fixture
def case_target(backend, tmp_path, request):
    """Where a test's case lives: a file in ``tmp_path``, or a new server case."""
    if backend == "sqlite":
        return None
    return request.getfixturevalue("server_case_url")


@pytest.fixture
def case(tmp_path, case_target) -> CaseStore:
    """A small case with people, cards, phones and links, open for writing."""
    store = make_case(tmp_path, people=20, target=case_target)
    yield store
    store.close()


@pytest.fixture
def empty_case(tmp_path, case_target) -> CaseStore:
    store = CaseStore.create(case_target or tmp_path / "empty.zlcase", "tester")
    yield store
    store.close()
