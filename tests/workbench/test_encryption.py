"""Encryption at rest: an encrypted case round-trips, nothing of it can be read without the
passphrase, and a wrong or missing passphrase is a clear, typed error."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import dbapi
from workbench.casefile import check_case
from workbench.errors import KeyRequiredError, NotACaseError, WrongKeyError
from workbench.intake.importer import import_files
from workbench.store import CaseStore, backups_of

PASS = "长城 long-passphrase 'quoted' 2026"
CARD = "6222021234567890128"
NAME = "欧阳明轩"


def _statement(folder: Path) -> Path:
    path = folder / "statement.csv"
    rows = ["交易卡号,户名,交易时间,借贷标志,交易金额,对方账号,对方户名,摘要"]
    for n in range(40):
        rows.append(f"{CARD},{NAME},2024-03-{n % 28 + 1:02d} 10:00:{n % 60:02d},出,"
                    f"{100 + n}.00,6217001234567890125,司马懿,转账")  # fmt: skip
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    return path


def _plain_bytes_in(path: Path) -> bytes:
    found = b""
    for side in (path, path.with_name(path.name + "-wal")):
        if side.exists():
            found += side.read_bytes()
    return found


def _leaks(blob: bytes) -> list[str]:
    needles = {"card": CARD.encode(), "name utf-8": NAME.encode(), "name gbk": NAME.encode("gbk"),
               "table name": b"CREATE TABLE", "magic": b"SQLite format 3"}  # fmt: skip
    return [what for what, needle in needles.items() if needle in blob]


def test_an_encrypted_case_round_trips_and_reads_as_noise(tmp_path):
    case = tmp_path / "加密.zlcase"
    with CaseStore.create(case, "analyst", key=PASS) as store:
        summary = import_files(store, [_statement(tmp_path)])
        assert summary.transactions_new == 40
        backup = store.write_backup("manual")
        assert _leaks(_plain_bytes_in(case)) == []
    assert _leaks(case.read_bytes()) == []
    assert _leaks(backup.read_bytes()) == []
    with CaseStore.open(case, "analyst", key=PASS) as store:
        assert store.info().transactions == 40
        assert store.find_entity("bank_card", CARD).name == ""
        holder = store._conn.execute("SELECT name FROM entity WHERE kind='person'").fetchall()
        assert (NAME,) in holder
    # the backup is as strong as the case
    with pytest.raises(KeyRequiredError):
        CaseStore.open(backup, "analyst", read_only=True)
    with CaseStore.open(backup, "analyst", read_only=True, key=PASS) as store:
        assert store.info().transactions == 40


def test_without_its_passphrase_an_encrypted_case_says_so(tmp_path, capfd):
    case = tmp_path / "c.zlcase"
    CaseStore.create(case, "analyst", key=PASS).close()
    with pytest.raises(KeyRequiredError) as missing:
        CaseStore.open(case, "analyst")
    assert isinstance(missing.value, NotACaseError)
    assert "passphrase" in str(missing.value)
    with pytest.raises(WrongKeyError) as wrong:
        CaseStore.open(case, "analyst", key="not it")
    assert "wrong passphrase" in str(wrong.value)
    with pytest.raises(WrongKeyError):
        CaseStore.open(case, "analyst", key="not it", read_only=True)
    assert check_case(case).verdict == "encrypted"
    assert check_case(case, key="not it").verdict == "wrong_key"
    good = check_case(case, key=PASS)
    assert good.ok and good.encrypted and good.audit_chain_ok
    out, err = capfd.readouterr()
    assert "ERROR" not in out + err  # no library noise on the user's terminal


def test_random_bytes_are_still_not_a_case(tmp_path):
    junk = tmp_path / "junk.zlcase"
    junk.write_bytes(b"hello, this is a text file\n" * 10)
    with pytest.raises(NotACaseError) as err:
        CaseStore.open(junk, "analyst")
    assert not isinstance(err.value, KeyRequiredError)


def test_a_plain_case_is_encrypted_rekeyed_and_decrypted_in_place(tmp_path):
    case = tmp_path / "c.zlcase"
    with CaseStore.create(case, "analyst") as store:
        import_files(store, [_statement(tmp_path)])
        store.write_backup("before")
    assert backups_of(case)
    assert _leaks(_plain_bytes_in(case))  # a plain case is plain

    removed = CaseStore.change_key(case, "analyst", None, PASS)
    assert removed and not any(p.exists() for p in removed)  # plaintext copies gone
    assert _leaks(_plain_bytes_in(case)) == []
    with pytest.raises(KeyRequiredError):
        CaseStore.open(case, "analyst")

    CaseStore.change_key(case, "analyst", PASS, "second passphrase")
    with pytest.raises(WrongKeyError):
        CaseStore.open(case, "analyst", key=PASS)

    CaseStore.change_key(case, "analyst", "second passphrase", None)
    with CaseStore.open(case, "analyst") as store:
        assert store.info().transactions == 40
        actions = [a for (a,) in store._conn.execute("SELECT action FROM audit ORDER BY id")]
        assert actions[-3:] == ["encrypt", "rekey", "decrypt"]
        assert check_case(case).audit_chain_ok
    assert not list(tmp_path.glob(".*.rekey*"))


def test_a_wrong_old_passphrase_changes_nothing(tmp_path):
    case = tmp_path / "c.zlcase"
    CaseStore.create(case, "analyst", key=PASS).close()
    before = case.read_bytes()
    with pytest.raises(WrongKeyError):
        CaseStore.change_key(case, "analyst", "guess", None)
    assert case.read_bytes() == before


def test_passphrases_are_text_without_nul():
    with pytest.raises(ValueError):
        dbapi.connect(":memory:", key="")
    with pytest.raises(ValueError):
        dbapi.connect(":memory:", key="a\x00b")
