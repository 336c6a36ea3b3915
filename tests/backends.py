"""Test suites that run on both back ends (the analysis and intake tests).

A folder's conftest takes ``pytest_generate_tests`` and the fixtures from here. Each module
then runs once on case files (SQLite) and once on a PostgreSQL server: there, every case a
test creates by path is created on the server instead, and every case file it opens (the
demo, a case built before) is pushed to the server first and opened there. The tests
themselves are the same code; a test about the case file itself is marked ``sqlite_only``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import pytest

from workbench.schema import SCHEMA_VERSION
from workbench.store import CaseStore, ServerCaseStore
from workbench.store.server import is_server_url

BACKENDS = ("sqlite", "postgresql")

#: The case-file back end's own create and open, whatever a module has patched since.
real_create = CaseStore.create.__func__
real_open = CaseStore.open.__func__
#: Server cases made for case files in this module: (path, size, mtime) -> URL.
_PUSHED: dict[tuple, str] = {}
#: Set while a case file is pushed.
_PUSHING: list[str] = []
#: Server cases created in place of a path: path -> URL.
_CREATED: dict[str, str] = {}


def pytest_generate_tests(metafunc):
    if "analysis_backend" not in metafunc.fixturenames:
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    # A test with the store's own ``backend`` parameter already runs on both.
    both = not only and "backend" not in metafunc.fixturenames
    metafunc.parametrize("analysis_backend", list(BACKENDS) if both else ["sqlite"], scope="module")


def _name(*parts) -> str:
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:12]
    return f"a{os.getpid()}_{digest}"


def _drop_all() -> None:
    """Drop the module's server cases: a server full of other tests' cases would make
    every lookup across cases (the leads) slower for the tests that follow."""
    from workbench.store.server import drop_case

    for url in [*_PUSHED.values(), *_CREATED.values()]:
        with contextlib.suppress(Exception):  # the throw-away server goes anyway
            drop_case(url)
    _PUSHED.clear()
    _CREATED.clear()


@pytest.fixture(scope="module", autouse=True)
def _cases_on_backend(analysis_backend, request):
    """On the server back end, case paths stand for server cases."""
    if analysis_backend == "sqlite":
        yield "sqlite"
        return
    pg = request.getfixturevalue("pg_server")
    from workbench.store.server import drop_case
    from workbench.store.transfer import push

    real_create = CaseStore.create.__func__
    real_open = CaseStore.open.__func__

    def create(cls, path, analyst, name="", *, key=None, _schema_version=SCHEMA_VERSION):
        if is_server_url(path) or key is not None or _schema_version != SCHEMA_VERSION:
            return real_create(cls, path, analyst, name, key=key, _schema_version=_schema_version)
        where = str(Path(path).resolve())
        url = f"{pg}?case={_name(where)}"
        if where in _CREATED:
            drop_case(_CREATED.pop(where))
        _CREATED[where] = url
        store = ServerCaseStore.create(url, analyst, name)
        # The path stays taken, as a case file's would: the command line, which creates a
        # case only where there is none, opens this one next time.
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).touch()
        return store

    def open_(cls, path, analyst, *, read_only=False, allow_damaged=False, key=None,
              _upgrade=True):  # fmt: skip
        if is_server_url(path) or key is not None or _PUSHING:
            return real_open(cls, path, analyst, read_only=read_only,
                             allow_damaged=allow_damaged, key=key, _upgrade=_upgrade)  # fmt: skip
        where = str(Path(path).resolve())
        if where in _CREATED:
            url = _CREATED[where]
        else:
            stat = Path(path).stat()
            made = (where, stat.st_size, stat.st_mtime_ns)
            if made not in _PUSHED:
                url = f"{pg}?case={_name(*made)}"
                _PUSHING.append(url)  # push reads the file with the case-file back end
                try:
                    push(path, url, analyst)
                finally:
                    _PUSHING.clear()
                _PUSHED[made] = url
            url = _PUSHED[made]
        return ServerCaseStore.open(url, analyst, read_only=read_only)

    mp = pytest.MonkeyPatch()
    mp.setattr(CaseStore, "create", classmethod(create))
    mp.setattr(CaseStore, "open", classmethod(open_))
    try:
        yield "postgresql"
    finally:
        mp.undo()
        _drop_all()
