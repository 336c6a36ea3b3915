"""The command line with encrypted cases: encrypt, use, check, rekey and decrypt one, with
the passphrase from the environment, and a clear error without it."""

from __future__ import annotations

import json

import main
from workbench.errors import KeyRequiredError
from workbench.store import CaseStore

from .factories import make_case


def _key_file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_encrypt_use_rekey_and_decrypt_a_case(tmp_path, capsys, monkeypatch):
    store = make_case(tmp_path, people=5)
    case = str(store.path)
    store.write_backup("plain")
    store.close()
    first = _key_file(tmp_path, "k1", "第一个口令 first")
    second = _key_file(tmp_path, "k2", "second passphrase")

    monkeypatch.setenv("ZHANLIAN_NEW_PASSPHRASE_FILE", first)
    assert main.main(["encrypt", case]) == 0
    assert "encrypted; 1 backup(s) in the old form removed" in capsys.readouterr().out
    monkeypatch.delenv("ZHANLIAN_NEW_PASSPHRASE_FILE")

    # without the passphrase: refused, saying how to give it
    assert main.main(["info", case, "--json"]) == 2
    err = capsys.readouterr().err
    assert "give its passphrase" in err and "ZHANLIAN_PASSPHRASE_FILE" in err

    monkeypatch.setenv("ZHANLIAN_PASSPHRASE_FILE", first)
    assert main.main(["info", case, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == 5
    assert main.main(["check", case]) == 0
    assert "encrypted at rest" in capsys.readouterr().out
    assert main.main(["check", case, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["encrypted"] and report["ok"]

    monkeypatch.setenv("ZHANLIAN_NEW_PASSPHRASE_FILE", second)
    assert main.main(["rekey", case]) == 0
    capsys.readouterr()
    assert main.main(["info", case]) == 2  # the old passphrase no longer opens it
    assert "wrong passphrase" in capsys.readouterr().err

    monkeypatch.setenv("ZHANLIAN_PASSPHRASE_FILE", second)
    assert main.main(["decrypt", case]) == 0
    monkeypatch.delenv("ZHANLIAN_PASSPHRASE_FILE")
    monkeypatch.delenv("ZHANLIAN_NEW_PASSPHRASE_FILE")
    capsys.readouterr()
    assert main.main(["info", case, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == 5


def test_import_creates_an_encrypted_case_when_a_passphrase_is_given(tmp_path, monkeypatch):
    statement = tmp_path / "s.csv"
    statement.write_bytes(
        "交易卡号,交易时间,借贷标志,交易金额,对方账号,对方户名\r\n"
        "6222021234567890128,2024-03-01 10:00:00,出,100.00,6217001234567890125,李四\r\n"
        .encode("gbk")
    )  # fmt: skip
    case = tmp_path / "new.zlcase"
    monkeypatch.setenv("ZHANLIAN_PASSPHRASE", "a passphrase for a new case")
    assert main.main(["import", str(case), str(statement)]) == 0
    monkeypatch.delenv("ZHANLIAN_PASSPHRASE")
    try:
        CaseStore.open(case, "t")
    except KeyRequiredError:
        pass
    else:
        raise AssertionError("the new case opened without its passphrase")
    with CaseStore.open(case, "t", key="a passphrase for a new case") as store:
        assert store.info().transactions == 1


def test_encrypting_an_encrypted_case_is_refused(tmp_path, capsys, monkeypatch):
    case = tmp_path / "c.zlcase"
    CaseStore.create(case, "t", key="already secret").close()
    monkeypatch.setenv("ZHANLIAN_NEW_PASSPHRASE", "another one")
    assert main.main(["encrypt", str(case)]) == 2
    assert "encrypted already" in capsys.readouterr().err
