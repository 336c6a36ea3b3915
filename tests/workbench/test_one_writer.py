"""One writer per case, whatever the timing: real processes race to open the same case."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from workbench.errors import LockHeldError, ReadOnlyError
from workbench.lock import holder_path, lock_path, read_holder
from workbench.store import READ_ONLY_LOCKED, CaseStore

PROCESSES = 6
ROUNDS = 40


def _racer(path, name, rounds, barrier, writers, peak, wrote):
    """Open the case at the same instant as the others, every round."""
    for r in range(rounds):
        barrier.wait()
        store = CaseStore.open(path, name)
        try:
            if not store.read_only:
                with writers.get_lock():
                    writers.value += 1
                    peak.value = max(peak.value, writers.value)
                store.add_entity("person", None, f"{name}-{r}")
                time.sleep(0.002)  # hold it while the others are still opening
                with writers.get_lock():
                    writers.value -= 1
                with wrote.get_lock():
                    wrote.value += 1
        finally:
            store.close()


def test_racing_processes_never_make_two_writers(tmp_path):
    path = tmp_path / "race.zlcase"
    CaseStore.create(path, "setup").close()
    ctx = multiprocessing.get_context("spawn")  # no fork of a process that may hold Qt
    barrier = ctx.Barrier(PROCESSES)
    writers, peak, wrote = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Value("i", 0)
    procs = [
        ctx.Process(target=_racer, args=(path, f"p{i}", ROUNDS, barrier, writers, peak, wrote))
        for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]
    assert peak.value == 1, f"{peak.value} writers at once"
    # Someone won nearly every round, and every win wrote.
    assert wrote.value >= ROUNDS // 2
    with CaseStore.open(path, "check", read_only=True) as store:
        assert store.info().people == wrote.value
        assert store.check_integrity() == []
    assert read_holder(path) is None, "every writer removed its note"


HOLD = """
import sys, time
from workbench.store import CaseStore
store = CaseStore.open(sys.argv[1], "holder")
print("writable" if not store.read_only else "read-only", flush=True)
time.sleep(60)
"""


def _holder_process(path):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                            text=True, cwd=os.getcwd())  # fmt: skip
    assert proc.stdout.readline().strip() == "writable"
    return proc


def test_lock_dies_with_its_process(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    proc = _holder_process(path)
    try:
        with CaseStore.open(path, "wang") as store:
            assert store.read_only and store.read_only_reason == READ_ONLY_LOCKED
            assert store.lock_holder.pid == proc.pid and store.lock_holder.analyst == "holder"
            with pytest.raises(LockHeldError):
                store.break_lock()  # a running session is not left over
            assert store.read_only
    finally:
        proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        proc.wait(10)
    # Killed: its note is still there, but the OS dropped its lock with the process.
    assert read_holder(path).pid == proc.pid
    with CaseStore.open(path, "wang") as store:
        assert not store.read_only
        assert store.took_over.pid == proc.pid
        assert read_holder(path).analyst == "wang"


def test_unreadable_note_is_never_stale(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    holder_path(path).write_bytes(b"\x00{garbage")
    with CaseStore.open(path, "wang") as store:
        assert store.read_only and store.read_only_reason == READ_ONLY_LOCKED
        assert not store.lock_holder.known
        assert "unknown session" in store.lock_holder.describe()
    assert holder_path(path).read_bytes() == b"\x00{garbage"


def test_break_lock_of_another_workstation_writes_an_audit_row(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    holder_path(path).write_text(json.dumps({
        "host": "ws-other-" + socket.gethostname(), "pid": 77, "analyst": "zhao",
        "since": "2026-11-26T08:00:00+08:00", "token": "t"}))  # fmt: skip
    with CaseStore.open(path, "wang") as store:
        assert store.read_only and store.lock_holder.analyst == "zhao"
        with pytest.raises(ReadOnlyError):
            store.add_entity("person", None, "x")
        previous = store.break_lock()
        assert previous.analyst == "zhao" and not store.read_only
        assert read_holder(path).analyst == "wang"
        store.add_entity("person", None, "张三")
        rows = store._conn.execute(
            "SELECT analyst, action, old_value FROM audit WHERE action = 'break_lock'"
        ).fetchall()
        assert len(rows) == 1 and rows[0][0] == "wang"
        assert json.loads(rows[0][2])["analyst"] == "zhao"
        # Meanwhile another opener of this host finds a live writer.
        with CaseStore.open(path, "sun") as other:
            assert other.read_only and other.lock_holder.analyst == "wang"
    assert read_holder(path) is None
    assert lock_path(path).exists()  # the OS lock file stays: see workbench/lock.py


def test_break_lock_needs_a_locked_session(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    with CaseStore.open(path, "wang", read_only=True) as store, pytest.raises(ReadOnlyError):
        store.break_lock()
