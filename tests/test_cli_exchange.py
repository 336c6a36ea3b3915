"""`zhanlian export CASE --format graphml|gexf|ftm|anx|csv|xlsx -o OUT`, end to end."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from python_calamine import CalamineWorkbook

import main
from workbench.store import CaseStore

from .workbench.exchange.cases import case_with_facts
from .workbench.exchange.test_ftm import read_lines, validate


def export_json(capsys, *argv) -> dict:
    assert main.main(["export", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def small_case(tmp_path):
    facts = case_with_facts(tmp_path)
    info = facts.store.info()
    path = facts.store.path
    facts.store.close()
    return path, info, facts


def _entities(info) -> int:
    return (info.people + info.bank_cards + info.phone_cards + info.devices + info.organisations
            + info.payment_accounts + info.crypto_wallets)  # fmt: skip


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats(tmp_path, capsys, small_case, fmt):
    path, info, _ = small_case
    out = tmp_path / f"case.{fmt}"
    summary = export_json(capsys, str(path), "--format", fmt, "-o", str(out))
    assert summary["format"] == fmt and summary["path"] == str(out)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.number_of_nodes() == _entities(info) == summary["entities"]
    assert summary["links"] == info.links
    assert g.number_of_edges() == info.links + summary["money_edges"] + summary["call_edges"]
    assert "测试000" in {d["label"] for _, d in g.nodes(data=True)}


def test_ftm(tmp_path, capsys, small_case):
    path, info, _ = small_case
    out = tmp_path / "case.ftm.json"
    summary = export_json(capsys, str(path), "--format", "ftm", "-o", str(out))
    lines = read_lines(out)
    validate(lines)
    assert sum(d["schema"] == "Payment" for d in lines) == info.transactions
    assert summary["transactions"] == info.transactions and summary["calls"] == info.calls


def test_anx(tmp_path, capsys, small_case):
    path, info, _ = small_case
    out = tmp_path / "case.anx"
    summary = export_json(capsys, str(path), "--format", "anx", "-o", str(out))
    root = ET.parse(out).getroot()
    items = list(root.find("ChartItemCollection"))
    assert sum(i.find("End") is not None for i in items) == _entities(info)
    assert (
        len(items) == _entities(info) + info.links + summary["money_edges"] + summary["call_edges"]
    )


def test_csv_and_xlsx(tmp_path, capsys, small_case):
    path, info, _ = small_case
    folder = tmp_path / "tables"
    summary = export_json(capsys, str(path), "--format", "csv", "-o", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == [
        "calls.csv", "entities.csv", "links.csv", "transactions.csv",
    ]  # fmt: skip
    assert summary["entities"] == _entities(info)
    book_path = tmp_path / "case.xlsx"
    export_json(capsys, str(path), "--format", "xlsx", "-o", str(book_path))
    book = CalamineWorkbook.from_path(str(book_path))
    assert book.sheet_names == ["entities", "links", "transactions", "calls"]
    rows = book.get_sheet_by_name("transactions").to_python()
    assert len(rows) == 1 + info.transactions


def test_mask_ids_and_gang(tmp_path, capsys, small_case):
    path, _, facts = small_case
    out = tmp_path / "gang.graphml"
    export_json(capsys, str(path), "--format", "graphml", "-o", str(out), "--mask-ids",
                "--gang", str(facts.gang))  # fmt: skip
    from workbench.reports.orgchart import gang_members

    with CaseStore.open(path, "t", read_only=True) as store:
        members = gang_members(store, facts.gang)
        keys = [store.entity(i).key for i in (facts.boss, facts.boss_card)]
    g = nx.read_graphml(out)
    assert {d["entity_id"] for _, d in g.nodes(data=True)} == members
    text = out.read_text(encoding="utf-8")
    assert all(k not in text for k in keys)


def test_plain_output_names_the_counts(tmp_path, capsys, small_case):
    path, _, _ = small_case
    out = tmp_path / "case.gexf"
    assert main.main(["export", str(path), "--format", "gexf", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("gexf: ") and "entities" in printed


def test_demo_case_exports_to_gephi(tmp_path, capsys, demo_path):
    out = tmp_path / "demo.graphml"
    summary = export_json(capsys, str(demo_path), "--format", "graphml", "-o", str(out))
    with CaseStore.open(demo_path, "t", read_only=True) as store:
        info = store.info()
    assert summary["entities"] == _entities(info) and summary["links"] == info.links
    assert summary["calls"] == info.calls
    # Reading 38,000 edges back through networkx takes seconds; the small-case tests do that.
    text = out.read_text(encoding="utf-8")
    assert text.count("<node ") == _entities(info)
    assert text.count("<edge ") == info.links + summary["money_edges"] + summary["call_edges"]


def test_exchange_formats_run_without_qt(tmp_path, small_case):
    # A headless server exporting GraphML must not need (or pay for loading) Qt.
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "case.graphml"
    script = (
        "import sys, main; code = main.main(['export', sys.argv[1], '--format', 'graphml', "
        "'-o', sys.argv[2]]); print('qt' if 'PySide6' in sys.modules else 'no qt'); "
        "sys.exit(code)"
    )
    root = Path(main.__file__).resolve().parent
    done = subprocess.run(
        [sys.executable, "-c", script, str(small_case[0]), str(out)],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("no qt")
    assert nx.read_graphml(out).number_of_nodes() > 0
