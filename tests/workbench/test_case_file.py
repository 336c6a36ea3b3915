"""Opening case files: migrations, newer versions, files that are not cases, and the lock."""

from __future__ import annotations

import json
import os
import socket
import sqlite3

import pytest

from workbench.errors import CorruptCaseError, NewerCaseError, NotACaseError
from workbench.lock import holder_path
from workbench.schema import SCHEMA_VERSION
from workbench.store import CaseStore


def test_older_case_is_upgraded_with_a_backup(tmp_path):
    path = tmp_path / "old.zlcase"
    CaseStore.create(path, "li", _schema_version=1).close()
    # Written as version 1 of the program wrote it.
    conn = sqlite3.connect(path)
    with conn:
        pid = conn.execute(
            "INSERT INTO entity (kind, name, created_at, updated_at) "
            "VALUES ('person', '张三', '2025-01-01', '2025-01-01')"
        ).lastrowid
        conn.execute("INSERT INTO entity_role VALUES (?, 'organiser')", (pid,))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with CaseStore.open(path, "wang") as store:
        assert store.upgraded_from == 1
        assert store.backup_path.exists()
        assert store.entity(pid).roles == ["organiser"]
        assert store.info().schema_version == SCHEMA_VERSION
        store.add_transactions([{"payer_id": pid, "amount_fen": 1, "ts": "2025-01-01 00:00:00"}])
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT name FROM entity").fetchall() == [("张三",)]
    with CaseStore.open(path, "wang") as again:
        assert again.upgraded_from is None


def test_newer_case_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "new.zlcase"
    CaseStore.create(path, "li").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerCaseError) as err:
        CaseStore.open(path, "wang")
    assert err.value.file_version == SCHEMA_VERSION + 1
    assert "newer version" in str(err.value)
    assert path.read_bytes() == before
    assert not holder_path(path).exists()


def test_text_file_is_not_a_case(tmp_path):
    path = tmp_path / "statement.csv"
    path.write_text("交易卡号,交易时间,交易金额\n6222,2025-01-01,100\n", encoding="gbk")
    with pytest.raises(NotACaseError):
        CaseStore.open(path, "li")
    assert not holder_path(path).exists()


def test_other_sqlite_database_is_not_a_case(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotACaseError):
        CaseStore.open(path, "li")


def test_empty_and_truncated_files(tmp_path):
    empty = tmp_path / "empty.zlcase"
    empty.write_bytes(b"")
    with pytest.raises(NotACaseError):
        CaseStore.open(empty, "li")
    good = tmp_path / "good.zlcase"
    CaseStore.create(good, "li").close()
    truncated = tmp_path / "truncated.zlcase"
    truncated.write_bytes(good.read_bytes()[:60])
    with pytest.raises(CorruptCaseError):
        CaseStore.open(truncated, "li")


def test_corrupt_case_gets_a_clear_error(tmp_path):
    path = tmp_path / "bad.zlcase"
    with CaseStore.create(path, "li") as store:
        for i in range(200):
            store.add_entity("person", None, f"人{i}")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    # Overwrite the header's page size and the first pages: SQLite can no longer read it.
    data[16:18] = b"\x00\x03"
    data[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(data))
    with pytest.raises((CorruptCaseError, NotACaseError)) as err:
        CaseStore.open(path, "li")
    assert str(path) in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        CaseStore.open(tmp_path / "nope.zlcase", "li")


def test_second_opener_gets_read_only(tmp_path):
    path = tmp_path / "c.zlcase"
    first = CaseStore.create(path, "li")
    assert holder_path(path).exists()
    second = CaseStore.open(path, "wang")
    assert second.read_only and not first.read_only
    assert second.lock_holder.analyst == "li"
    assert second.lock_holder.pid == os.getpid()
    # The reader sees the writer's committed work.
    first.add_entity("person", None, "张三")
    assert second.info().people == 1
    second.close()
    assert holder_path(path).exists(), "a reader must not remove the writer's lock"
    first.close()
    assert not holder_path(path).exists()
    with CaseStore.open(path, "wang") as third:
        assert not third.read_only


def test_lock_of_another_workstation_is_respected(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    holder_path(path).write_text(json.dumps({
        "host": "ws-other-" + socket.gethostname(), "pid": 1, "analyst": "zhao",
        "since": "2026-11-26T08:00:00+08:00", "token": "t"}))  # fmt: skip
    with CaseStore.open(path, "wang") as store:
        assert store.read_only
        assert store.lock_holder.host.startswith("ws-other-")


def test_stale_lock_of_a_crashed_session_is_taken_over(tmp_path):
    path = tmp_path / "c.zlcase"
    CaseStore.create(path, "li").close()
    # A process id that cannot be alive on this host.
    holder_path(path).write_text(json.dumps({
        "host": socket.gethostname(), "pid": 2**22 + 12345, "analyst": "zhao",
        "since": "2026-11-26T08:00:00+08:00", "token": "t"}))  # fmt: skip
    with CaseStore.open(path, "wang") as store:
        assert not store.read_only
        assert json.loads(holder_path(path).read_text())["analyst"] == "wang"


def test_create_refuses_existing_file(tmp_path):
    path = tmp_path / "c.zlcase"
    path.write_text("keep me")
    with pytest.raises(FileExistsError):
        CaseStore.create(path, "li")
    assert path.read_text() == "keep me"


def test_case_cut_in_half_gets_a_clear_error(tmp_path):
    good = tmp_path / "good.zlcase"
    with CaseStore.create(good, "li") as store:
        for i in range(300):
            store.add_entity("person", None, f"人{i}", notes="备注" * 50)
    conn = sqlite3.connect(good)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    half = tmp_path / "half.zlcase"
    data = good.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptCaseError):
        CaseStore.open(half, "li")


def test_v4_case_is_upgraded_to_hold_payment_accounts_and_wallets(tmp_path):
    path = tmp_path / "v4.zlcase"
    with CaseStore.create(path, "li", _schema_version=4) as store:
        card = store.add_entity("bank_card", "6222021234567890128", attrs={"bank": "工行"})
        pid = store.add_entity("person", None, "张三", aliases=["三哥"])
        store.add_link("holds", pid, card)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    with pytest.raises(sqlite3.IntegrityError):  # the v4 CHECK knows five kinds
        conn.execute(
            "INSERT INTO entity (kind, key, created_at, updated_at) "
            "VALUES ('payment_account', 'alipay:x', 'a', 'a')"
        )
    conn.close()
    with CaseStore.open(path, "wang") as store:
        assert store.upgraded_from == 4 and store.backup_path.exists()
        assert store.info().schema_version == SCHEMA_VERSION
        assert store.check_integrity() == []
        assert store.entity(pid).aliases == ["三哥"] and store.links_of(card)
        account = store.add_entity("payment_account", "支付宝:zhang@163.com", "张三")
        wallet = store.add_entity("crypto_wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
        assert store.entity(account).key == "alipay:zhang@163.com"
        assert store.entity(wallet).attrs == {"chain": "tron"}
        assert store.info().payment_accounts == 1 and store.info().crypto_wallets == 1
    conn = sqlite3.connect(path)
    # The CHECK is widened, not dropped; indexes and foreign keys still hold.
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO entity (kind, created_at, updated_at) VALUES ('spaceship', 'a', 'a')"
        )
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"entity_kind_key", "entity_kind_name"} <= indexes
    conn.close()
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
    assert (
        "payment_account"
        not in backup.execute("SELECT sql FROM sqlite_master WHERE name = 'entity'").fetchone()[0]
    )
    backup.close()
