"""The analysis commands on the demo case: JSON shapes the README promises."""

from __future__ import annotations

import json

import pytest

import main
from workbench.analysis import PATTERNS


def run_json(capsys, *argv):
    assert main.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def found(demo_path):
    from workbench.analysis import find_patterns
    from workbench.store import CaseStore

    with CaseStore.open(demo_path, "t", read_only=True) as store:
        return [f.to_dict() for f in find_patterns(store)]


def test_patterns(demo_path, capsys, found):
    out = run_json(capsys, "patterns", str(demo_path), "--json")
    assert out == found
    assert {f["pattern"] for f in out} <= set(PATTERNS)
    assert {"fast_in_fast_out", "card_hoarder"} <= {f["pattern"] for f in out}
    assert all(isinstance(f["key"], str) and 0 < f["score"] <= 1 for f in out)


def test_trace_from_a_transit_card(demo_path, capsys, found, tmp_path):
    start = next(f["key"] for f in found if f["pattern"] == "fast_in_fast_out")
    stop = tmp_path / "stop.csv"
    out = run_json(capsys, "trace", str(demo_path), "--card", start, "--levels", "3",
                   "--window", "120", "--json", "--stop-list", str(stop))  # fmt: skip
    assert out["cards"], out
    assert all({"card", "level", "amount_fen"} <= set(c) for c in out["cards"])
    assert {c["level"] for c in out["cards"]} <= {1, 2, 3}
    assert stop.read_text(encoding="utf-8-sig").startswith("账号,户名,开户行,金额,层级,理由")
    assert all("last_balance_fen" in c for c in out["cards"])


def test_trace_stop_list_as_xlsx(demo_path, capsys, found, tmp_path):
    from python_calamine import CalamineWorkbook

    start = next(f["key"] for f in found if f["pattern"] == "fast_in_fast_out")
    stop = tmp_path / "stop.xlsx"
    out = run_json(capsys, "trace", str(demo_path), "--card", start, "--levels", "3",
                   "--window", "120", "--json", "--stop-list", str(stop))  # fmt: skip
    sheet = CalamineWorkbook.from_path(str(stop)).get_sheet_by_index(0).to_python()
    assert sheet[0] == ["账号", "户名", "开户行", "金额", "层级", "理由"]
    assert [r[0] for r in sheet[1:]] == [r["账号"] for r in out["stop_list"]]


def test_rank_and_communities_and_path(demo_path, capsys):
    ranked = run_json(capsys, "rank", str(demo_path), "--layer", "calls", "--measure",
                      "degree", "--top", "5", "--json")  # fmt: skip
    assert len(ranked) == 5 and all({"key", "score"} <= set(r) for r in ranked)
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)
    groups = run_json(capsys, "communities", str(demo_path), "--layer", "calls", "--json")
    assert groups["groups"] and groups["modularity"] > 0
    a, b = ranked[0]["key"], ranked[1]["key"]
    path = run_json(capsys, "path", str(demo_path), a, b, "--layer", "calls", "--json")
    assert path


def test_unknown_card_is_a_message(demo_path, capsys):
    assert main.main(["trace", str(demo_path), "--card", "6222020000000000006"]) == 2
    assert "Traceback" not in capsys.readouterr().err
