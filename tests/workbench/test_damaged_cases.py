"""The damaged-file corpus: every variant of a real case gives a typed error or opens
read-only; no traceback, no hang, and the files on disk are exactly as they were."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_case
from workbench.casefile import check_case, recover_case
from workbench.errors import (
    CaseError,
    CorruptCaseError,
    DamagedCaseError,
    NewerCaseError,
    NotACaseError,
    SpecialFileError,
)
from workbench.schema import SCHEMA_VERSION
from workbench.store import READ_ONLY_DAMAGED, CaseStore, backups_of

ROOT = Path(__file__).resolve().parents[2]


def _checkpointed(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _page_of(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return page[0], size


def _crashed_copy(src_store: CaseStore, dst: Path) -> None:
    """The case as a crash would leave it: its file and a -wal with committed frames."""
    shutil.copyfile(src_store.path, dst)
    shutil.copyfile(src_store.path.with_name(src_store.path.name + "-wal"),
                    dst.with_name(dst.name + "-wal"))  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """name -> path of each variant, built from one real case."""
    base = tmp_path_factory.mktemp("corpus")
    good_dir = base / "good"
    good_dir.mkdir()
    store = make_case(good_dir, people=60, name="good.zlcase")
    store.add_transactions([{"payer_id": 2, "payee_id": 5, "amount_fen": 100 + i,
                             "ts": f"2025-01-01 00:{i % 60:02d}:00", "summary": "转账" * 20}
                            for i in range(3000)])  # fmt: skip
    store.close()
    good = good_dir / "good.zlcase"
    _checkpointed(good)
    data = good.read_bytes()
    out = {}

    def variant(name: str, content: bytes) -> Path:
        d = base / name
        d.mkdir()
        p = d / "case.zlcase"
        p.write_bytes(content)
        out[name] = p
        return p

    variant("truncated_half", data[: len(data) // 2])
    variant("truncated_header", data[:60])
    variant("empty", b"")
    for table in ("entity", "txn", "link"):
        page, size = _page_of(good, table)
        flipped = bytearray(data)
        start = (page - 1) * size + (100 if page == 1 else 0)
        for i in range(start, start + 12):  # the b-tree page header and first cell pointers
            flipped[i] ^= 0xA5
        variant(f"flipped_{table}_root", bytes(flipped))
    flipped = bytearray(data)
    for i in range(len(data) // 3, len(data) // 3 + 4096, 7):
        flipped[i] ^= 0xFF
    variant("flipped_middle_page", bytes(flipped))
    # A table gone: the "no such table: txn" traceback of the old code.
    p = variant("missing_table", data)
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE txn_source") if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name='txn_source'").fetchone() else None  # fmt: skip
    conn.execute("DROP TABLE txn")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    # Another program's SQLite database.
    d = base / "foreign_sqlite"
    d.mkdir()
    p = d / "case.zlcase"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE entity (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    out["foreign_sqlite"] = p
    # A case of a future schema.
    p = variant("future_version", data)
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    # A FIFO and a folder named like a case.
    if hasattr(os, "mkfifo"):
        d = base / "fifo"
        d.mkdir()
        os.mkfifo(d / "case.zlcase")
        out["fifo"] = d / "case.zlcase"
    d = base / "folder"
    (d / "case.zlcase").mkdir(parents=True)
    out["folder"] = d / "case.zlcase"
    # A WAL of another case, written by a session that crashed, beside this case.
    other_dir = base / "other_src"
    other_dir.mkdir()
    other = make_case(other_dir, people=30, name="other.zlcase", seed=99)
    other.set_meta("name", "另一案")
    other._conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(50):
        other.add_entity("person", None, f"外{i}", notes="x" * 500)
    p = variant("foreign_wal", data)
    shutil.copyfile(other.path.with_name(other.path.name + "-wal"),
                    p.with_name(p.name + "-wal"))  # fmt: skip
    other.close()
    # A backup copied over a crashed case, whose WAL stayed behind.
    live_dir = base / "live_src"
    live_dir.mkdir()
    shutil.copyfile(good, live_dir / "live.zlcase")
    live = CaseStore.open(live_dir / "live.zlcase", "li")
    for i in range(400):  # work the backup does not have, merged into the file...
        live.add_entity("person", None, f"新{i}", notes="y" * 300)
    live._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    live._conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(200):  # ...and more, still in the WAL when the session crashed
        live.update_entity(60 * 3 + 1 + i, notes="z" * 400)
        live.add_entity("person", None, f"后{i}", notes="w" * 300)
    p = variant("stale_wal_over_backup", data)
    crashed = base / "crashed.zlcase"
    _crashed_copy(live, crashed)
    live.close()
    shutil.copyfile(crashed.with_name(crashed.name + "-wal"), p.with_name(p.name + "-wal"))
    # The same crash without the backup: the WAL is the case's own and must be kept.
    d = base / "own_wal_after_crash"
    d.mkdir()
    shutil.copyfile(crashed, d / "case.zlcase")
    shutil.copyfile(crashed.with_name(crashed.name + "-wal"), d / "case.zlcase-wal")
    out["own_wal_after_crash"] = d / "case.zlcase"
    return out


def _hashes(folder: Path) -> dict[str, str]:
    """Content hash -> name of every regular file in the folder (renames keep content)."""
    found = {}
    for p in folder.iterdir():
        # SQLite's empty -wal and -shm, and our lock, come and go with any session.
        side = p.name.endswith(("-shm", ".lock", ".lock.json"))
        if p.is_file() and not side and not (p.name.endswith("-wal") and not p.stat().st_size):
            found[hashlib.sha256(p.read_bytes()).hexdigest()] = p.name
    return found


def _content(folder: Path) -> set[str]:
    return set(_hashes(folder))


TYPED = (CaseError, FileNotFoundError)


def _fresh(corpus, name: str, tmp_path: Path) -> Path:
    """A copy of the variant's folder (opening for writing may set a WAL aside or merge it)."""
    path = corpus[name]
    if not path.is_file():
        return path  # a FIFO or a folder: nothing can change them
    shutil.copytree(path.parent, tmp_path / name)
    return tmp_path / name / path.name


@pytest.mark.parametrize(
    "name",
    ["truncated_half", "truncated_header", "empty", "flipped_entity_root", "flipped_txn_root",
     "flipped_link_root", "flipped_middle_page", "missing_table", "foreign_sqlite",
     "future_version", "fifo", "folder", "foreign_wal", "stale_wal_over_backup",
     "own_wal_after_crash"],
)  # fmt: skip
def test_variant_gives_a_typed_error_or_opens_safely(corpus, name, tmp_path):
    if name not in corpus:
        pytest.skip("no FIFOs on this platform")
    path = _fresh(corpus, name, tmp_path)
    folder = path.parent
    aside = []
    before = _content(folder) if path.is_file() or not path.exists() else None
    for kwargs in ({}, {"read_only": True}, {"allow_damaged": True}):
        try:
            store = CaseStore.open(path, "tester", **kwargs)
        except TYPED as e:
            assert str(path) in str(e) or isinstance(e, NotACaseError | SpecialFileError)
            continue
        with store:
            if not store.read_only:
                # Writable only when sound: the check before the first write passed.
                assert not store.damage and store.check_integrity() == []
                aside += store.set_aside
                if name in ("foreign_wal", "stale_wal_over_backup"):
                    assert aside, "the WAL that is not the case's own is set aside"
                    assert store.info().people == 60
                if name == "own_wal_after_crash":
                    assert not store.set_aside and store.info().people == 660
            else:
                assert store.read_only_reason in (READ_ONLY_DAMAGED, "requested")
                if store.read_only_reason == READ_ONLY_DAMAGED:
                    assert store.damage and kwargs.get("allow_damaged")
    if name in ("foreign_wal", "stale_wal_over_backup"):
        # Set aside, every byte kept under its new name; the case itself was sound and
        # writable, so its own file may have been written (PRAGMA optimize at close).
        case_hash = hashlib.sha256(corpus[name].read_bytes()).hexdigest()
        assert before - _content(folder) <= {case_hash}
    elif before is not None and name != "own_wal_after_crash":
        # Nothing rewritten by a damaged, foreign or newer file's open.
        assert _content(folder) == before
    if name in ("foreign_wal", "stale_wal_over_backup"):
        assert not (folder / "case.zlcase-wal").exists()
        assert any(".set-aside-" in p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["truncated_half", "flipped_txn_root", "missing_table"])
def test_damaged_case_refuses_every_write(corpus, name):
    with pytest.raises((DamagedCaseError, CorruptCaseError)):
        CaseStore.open(corpus[name], "tester")
    try:
        store = CaseStore.open(corpus[name], "tester", allow_damaged=True)
    except CorruptCaseError:
        return  # not even its table list can be read: only recovery helps
    with store:
        assert store.read_only and store.read_only_reason == READ_ONLY_DAMAGED
        assert store.damage


def test_specific_errors(corpus):
    with pytest.raises(NewerCaseError):
        CaseStore.open(corpus["future_version"], "t")
    with pytest.raises(NotACaseError):
        CaseStore.open(corpus["foreign_sqlite"], "t")
    if "fifo" in corpus:
        with pytest.raises(SpecialFileError):
            CaseStore.open(corpus["fifo"], "t")


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=30, cwd=ROOT,
                          stdin=subprocess.DEVNULL)  # fmt: skip


def test_command_line_never_shows_a_traceback(corpus, tmp_path):
    for name in corpus:
        path = _fresh(corpus, name, tmp_path)
        folder = path.parent
        before = _content(folder) if path.is_file() else None
        for args in (("info", path), ("check", path, "--json")):
            done = _cli(*args)
            assert "Traceback" not in done.stderr, (name, args, done.stderr)
            assert done.returncode in (0, 1, 2), (name, args, done.returncode)
        report = json.loads(_cli("check", path, "--json").stdout)
        sound = name == "own_wal_after_crash"
        assert report["ok"] is sound, (name, report["problems"])
        if before is not None:
            assert _content(folder) == before, name  # info and check only read


def test_check_reports_a_foreign_wal_without_touching_it(corpus, tmp_path):
    # check and read-only opens never set anything aside.
    d = tmp_path / "w"
    d.mkdir()
    src = _fresh(corpus, "own_wal_after_crash", tmp_path)
    shutil.copyfile(src, d / "case.zlcase")
    shutil.copyfile(src.with_name(src.name + "-wal"), d / "case.zlcase-wal")
    before = _content(d)
    report = check_case(d / "case.zlcase")
    assert report.ok and report.wal["frames"] > 0
    assert _content(d) == before
    foreign = _fresh(corpus, "foreign_wal", tmp_path)
    before = _content(foreign.parent)
    report = check_case(foreign)
    assert not report.ok and report.verdict == "foreign_wal"
    with CaseStore.open(foreign, "t", read_only=True) as store:
        assert store.wal_ignored and store.info().people == 60
    assert _content(foreign.parent) == before


def test_recover_damaged_case_into_a_new_one(corpus, tmp_path):
    src = corpus["flipped_middle_page"]
    before = _content(src.parent)
    target = tmp_path / "recovered.zlcase"
    report = recover_case(src, target, "wang")
    assert _content(src.parent) == before
    assert report.saved > 0
    saved = {t.table: t.saved for t in report.tables}
    assert saved["entity"] > 0
    with CaseStore.open(target, "wang") as store:
        assert not store.read_only and store.check_integrity() == []
        assert "(recovered)" in store.meta()["name"]
        assert store.info().people > 0
    assert check_case(target).ok


def test_recover_without_the_sqlite3_shell(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no sqlite3 shell to be found
    report = recover_case(corpus["flipped_middle_page"], tmp_path / "r.zlcase", "wang")
    assert report.method == "row by row" and report.saved > 0
    assert check_case(tmp_path / "r.zlcase").ok


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_are_owner_only_and_backups_are_kept_to_five(tmp_path):
    path = tmp_path / "c.zlcase"
    with CaseStore.create(path, "li", _schema_version=SCHEMA_VERSION - 1) as store:
        store.add_entity("person", None, "张三")
    for side in (path, path.with_name(path.name + ".lock")):
        assert side.stat().st_mode & 0o777 == 0o600, side
    with CaseStore.open(path, "li", _upgrade=False) as store:
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_mode & 0o777 == 0o600
        assert (path.with_name(path.name + ".lock.json").stat().st_mode & 0o777) == 0o600
        made = [store.write_backup("manual") for _ in range(7)]
    kept = backups_of(path)
    assert len(kept) == 5 and kept == made[-5:]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in kept)
    with CaseStore.open(path, "li") as store:  # the upgrade writes one more, still five
        assert store.upgraded_from == SCHEMA_VERSION - 1
    assert len(backups_of(path)) == 5 and store.backup_path in backups_of(path)
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    backup.close()


NOT_WRITABLE = """
import os, sys
from workbench.store import CaseStore
import sqlite_utils
sqlite_utils.Database(":memory:")  # loads its plugins (importlib.metadata) before setuid
os.setgid(65534); os.setuid(65534)
with CaseStore.open(sys.argv[1], "nobody") as store:
    print(store.read_only, store.read_only_reason, store.read_only_detail, store.info().people)
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_case_the_user_cannot_write_opens_read_only_saying_why(tmp_path):
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="zl-ro-"))
    try:
        path = folder / "c.zlcase"
        with CaseStore.create(path, "li") as store:
            store.add_entity("person", None, "张三")
        if os.geteuid() == 0:
            # root writes anything: run the opener as nobody, who may read but not write.
            os.chmod(folder, 0o755)
            os.chmod(path, 0o644)
            done = subprocess.run([sys.executable, "-c", NOT_WRITABLE, str(path)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=30)  # fmt: skip
            assert "Traceback" not in done.stderr, done.stderr
            out = done.stdout.split()
        else:
            os.chmod(path, 0o444)
            os.chmod(folder, 0o555)
            with CaseStore.open(path, "me") as store:
                out = [str(store.read_only), store.read_only_reason, store.read_only_detail,
                       str(store.info().people)]  # fmt: skip
        assert out[0] == "True" and out[1] == "not_writable" and out[-1] == "1"
        assert "permission" in " ".join(out[2:-1])
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)
