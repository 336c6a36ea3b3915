"""The command line: demo, info, --help, and clear errors instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from workbench.store import CaseStore

from .factories import make_case

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("people", "bank_cards", "phone_cards", "devices", "organisations", "links",
        "transactions", "calls")  # fmt: skip


def test_info_json_counts(tmp_path, capsys):
    make_case(tmp_path, people=12).close()
    assert main.main(["info", str(tmp_path / "test.zlcase"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert all(isinstance(info[k], int) for k in KEYS)
    assert (info["people"], info["bank_cards"], info["phone_cards"], info["links"]) == (
        12, 12, 12, 35)  # fmt: skip


def test_info_text(tmp_path, capsys):
    make_case(tmp_path, people=3).close()
    assert main.main(["info", str(tmp_path / "test.zlcase")]) == 0
    out = capsys.readouterr().out
    assert "people" in out and "transactions" in out


def test_info_works_while_the_case_is_open_in_the_gui(tmp_path, capsys):
    store = make_case(tmp_path, people=3)
    assert main.main(["info", str(store.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == 3
    store.close()


def test_demo_command_writes_the_demo_case(tmp_path, capsys):
    path = tmp_path / "demo.zlcase"
    assert main.main(["demo", str(path), "--analyst", "li"]) == 0
    assert "Demo case written" in capsys.readouterr().out
    with CaseStore.open(path, "li", read_only=True) as store:
        info = store.info()
    assert info.people >= 300 and info.transactions >= 50_000
    assert main.main(["demo", str(path)]) == 2
    assert "exists already" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [(b"", "not a Zhanlian case"), (b"name,amount\n1,2\n", "not a Zhanlian case")],
)
def test_bad_files_give_a_message_not_a_traceback(tmp_path, capsys, content, message):
    path = tmp_path / "x.zlcase"
    path.write_bytes(content)
    assert main.main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_case(tmp_path, capsys):
    assert main.main(["info", str(tmp_path / "none.zlcase")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"], ["info", "--help"]])
def test_help_on_every_command(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main.main(argv)
    assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_entry_point_runs_as_a_program(tmp_path):
    make_case(tmp_path, people=2).close()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "info", str(tmp_path / "test.zlcase"), "--json"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["people"] == 2
