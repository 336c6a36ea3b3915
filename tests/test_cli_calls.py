"""The call-record commands and patterns on a carrier dump with the answers planted."""

from __future__ import annotations

import json

import pytest

import main
from tests.workbench.analysis import callcase as cc


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return str(cc.make_call_case(tmp_path_factory.mktemp("cli_calls")))


def run_json(capsys, *argv):
    assert main.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_patterns_list_the_switch_and_the_companions(case, capsys):
    out = run_json(capsys, "patterns", case, "--json")
    switch = [f for f in out if f["pattern"] == "phone_switch"]
    assert [(f["key"], f["counterpart_key"]) for f in switch] == [(cc.OLD, cc.NEW)]
    assert switch[0]["evidence"]["call"] and switch[0]["score"] > 0.8
    assert set(switch[0]["metrics"]["shared_keys"]) == set(cc.FRIENDS)
    pairs = [f for f in out if f["pattern"] == "companion"]
    assert [{f["key"], f["counterpart_key"]} for f in pairs] == [{cc.C1, cc.C2}]
    assert pairs[0]["metrics"]["days"] == len(cc.COMPANION_DAYS)
    assert len(pairs[0]["evidence"]["call"]) == 2 * len(cc.COMPANION_DAYS)


def test_contacts(case, capsys):
    out = run_json(capsys, "contacts", case, cc.HOME_OWNER, "--top", "2", "--json")
    assert [r["b_key"] for r in out] == [cc.WIFE, cc.NOISE[2]]
    assert out[0]["night_calls"] == 26 and out[0]["reciprocity"] == 1.0
    assert main.main(["contacts", case, cc.HOME_OWNER]) == 0
    assert cc.WIFE in capsys.readouterr().out


def test_routine(case, capsys):
    out = run_json(capsys, "routine", case, cc.HOME_OWNER, "--json")
    assert len(out["matrix"]) == 7 and all(len(d) == 24 for d in out["matrix"])
    assert sum(d[23] for d in out["matrix"]) == 26
    assert main.main(["routine", case, cc.HOME_OWNER]) == 0
    assert "Mon" in capsys.readouterr().out


def test_places(case, capsys):
    out = run_json(capsys, "places", case, cc.HOME_OWNER, "--json")
    assert (out["home"], out["work"]) == (cc.HOME_CELL, cc.WORK_CELL)
    assert out["cells"][0]["address"] == "重庆市石柱县南宾镇家园小区基站"
    assert main.main(["places", case, cc.HOME_OWNER]) == 0
    assert cc.HOME_CELL in capsys.readouterr().out


def test_an_unknown_number_fails_cleanly(case, capsys):
    assert main.main(["places", case, "13999999999"]) == 2
    assert "13999999999" in capsys.readouterr().err
