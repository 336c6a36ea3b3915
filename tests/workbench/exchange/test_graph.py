"""GraphML and GEXF: round trips through networkx with Chinese text and typed attributes."""

from __future__ import annotations

import networkx as nx
import pytest

from workbench.exchange import EXPORTERS, ExportError, export_gexf, export_graphml
from workbench.exchange.graph import node_id

from .cases import case_with_facts

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def _export(tmp_path, fmt, **kw):
    facts = case_with_facts(tmp_path)
    out = tmp_path / f"case.{fmt}"
    summary = EXPORTERS[fmt](facts.store, out, **kw)
    return facts, summary, READERS[fmt](out)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_nodes_attributes_and_chinese(tmp_path, fmt):
    facts, summary, g = _export(tmp_path, fmt)
    store = facts.store
    info = store.info()
    entities = info.people + info.bank_cards + info.phone_cards + info.devices + 1
    assert g.number_of_nodes() == entities == summary.entities
    boss = g.nodes[node_id(facts.boss)]
    entity = store.entity(facts.boss)
    assert boss["label"] == boss["name"] == "测试000"
    assert boss["kind"] == "person" and boss["kind_zh"] == "人员"
    assert boss["key"] == entity.key and boss["key_valid"] is True
    assert boss["roles"] == "organiser" and boss["roles_zh"] == "金主/组织者"
    assert boss["legal_status"] == "at_large" and boss["legal_status_zh"] == "在逃"
    assert boss["culpability_zh"] == "首要分子"
    assert boss["region_code"] == "500240" and boss["region"] == "石柱土家族自治县"
    assert boss["entity_id"] == facts.boss and isinstance(boss["entity_id"], int)
    mule = g.nodes[node_id(facts.mule)]
    assert mule["aliases"] == "阿强" and mule["legal_status_zh"] == "刑事拘留"
    gang = g.nodes[node_id(facts.gang)]
    assert gang["name"] == "缅北“金三角”诈骗集团" and gang["region"] == "缅北"
    assert gang["region_full"] == "缅甸·缅北" and boss["region_full"] == "重庆市石柱土家族自治县"
    assert gang["org_type_zh"] == "团伙"
    card = g.nodes[node_id(facts.mule_card)]
    assert card["holder"] == "测试001" and card["bank"] == "中国工商银行"
    assert card["exit_fen"] == 80000 and card["exit_kinds_zh"] == "现金取现"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_the_three_layers(tmp_path, fmt):
    facts, summary, g = _export(tmp_path, fmt)
    by_layer = {}
    for u, v, key, d in g.edges(keys=True, data=True):
        by_layer.setdefault(d["layer"], []).append((u, v, key, d))
    assert len(by_layer["links"]) == facts.store.info().links == summary.links
    # Two transfers boss card -> mule card fold into one edge; the cash exit has no edge.
    money = {(u, v): d for u, v, _, d in by_layer["money"]}
    assert len(money) == 2 == summary.money_edges
    pair = money[(node_id(facts.boss_card), node_id(facts.mule_card))]
    assert pair["total_fen"] == 150005 and pair["count"] == 2
    assert pair["total_yuan"] == pytest.approx(1500.05)
    assert pair["first_ts"] == "2025-03-01 10:00:00" and pair["last_ts"] == "2025-03-02 11:00:00"
    assert pair["link_type"] == "pays" and pair["link_type_zh"] == "转账"
    assert pair["weight"] == 2.0 and pair["label"] == "¥1500.05 ×2"
    calls = {(u, v): d for u, v, _, d in by_layer["calls"]}
    there = calls[(node_id(facts.boss_phone), node_id(facts.mule_phone))]
    assert there["count"] == 2 and there["duration_s"] == 90
    assert calls[(node_id(facts.mule_phone), node_id(facts.boss_phone))]["count"] == 1
    assert summary.transactions == 3 and summary.calls == 3
    member = [d for u, v, _, d in by_layer["links"] if d["link_type"] == "member_of"]
    assert len(member) == 2 and member[0]["link_type_zh"] == "成员"
    assert member[0]["directed"] is True and isinstance(member[0]["link_id"], int)
    # The analyst's 'calls' link and the call facts are two edges between the same phones.
    keys = g[node_id(facts.boss_phone)][node_id(facts.mule_phone)]
    assert sorted(d["layer"] for d in keys.values()) == ["calls", "links"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_text_that_needs_escaping_comes_back_exact(tmp_path, fmt):
    facts = case_with_facts(tmp_path)
    odd = 'A&B <"老板"> 的\n第二行\t制表'
    facts.store.update_entity(facts.boss, name=odd, notes="x")
    link = facts.store.add_link("related", facts.boss, facts.gang, note="注：<b>&amp;\r\n")
    out = tmp_path / f"odd.{fmt}"
    EXPORTERS[fmt](facts.store, out)
    g = READERS[fmt](out)
    assert g.nodes[node_id(facts.boss)]["name"] == odd
    (edge,) = [d for *_, d in g.edges(data=True) if d.get("link_id") == link]
    assert edge["note"] == "注：<b>&amp;\r\n" and edge["directed"] is False


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_selection_keeps_only_its_entities_and_the_facts_among_them(tmp_path, fmt):
    facts = case_with_facts(tmp_path)
    chosen = [facts.boss, facts.boss_card, facts.mule_card, facts.mule_phone]
    out = tmp_path / f"sel.{fmt}"
    summary = EXPORTERS[fmt](facts.store, out, entity_ids=chosen)
    g = READERS[fmt](out)
    assert set(g.nodes) == {node_id(i) for i in chosen}
    layers = sorted(d["layer"] for *_, d in g.edges(data=True))
    # boss holds boss_card; boss card pays mule card; no calls (boss phone not chosen).
    assert layers == ["links", "money"]
    assert len(layers) == 2
    assert summary.entities == 4 and summary.money_edges == 1 and summary.call_edges == 0
    # The mule card's holder is outside the selection, so the card names no holder.
    assert "holder" not in g.nodes[node_id(facts.mule_card)]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_masked_export_hides_id_and_card_numbers(tmp_path, fmt):
    facts = case_with_facts(tmp_path)
    store = facts.store
    store.update_entity(facts.mule, notes=f"另持卡 {store.entity(facts.outsider_card).key}")
    out = tmp_path / f"masked.{fmt}"
    EXPORTERS[fmt](store, out, mask_ids=True)
    text = out.read_text(encoding="utf-8")
    g = READERS[fmt](out)
    for eid in (facts.boss, facts.boss_card, facts.outsider_card):
        key = store.entity(eid).key
        assert key not in text
        assert g.nodes[node_id(eid)]["key"] == key[:6] + "*" * (len(key) - 10) + key[-4:]
    # Mobile numbers are personal numbers too: their middle is hidden.
    phone = store.entity(facts.boss_phone).key
    assert phone not in text
    assert g.nodes[node_id(facts.boss_phone)]["key"] == phone[:3] + "****" + phone[-4:]
    # A card without a name is labelled by its key, masked too.
    assert g.nodes[node_id(facts.outsider_card)]["label"].count("*") == 9


def test_unknown_selection_and_missing_folder_are_refused(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "keep.graphml"
    out.write_text("before", encoding="utf-8")
    with pytest.raises(ExportError):
        export_graphml(facts.store, out, entity_ids=[facts.boss, 99_999])
    assert out.read_text(encoding="utf-8") == "before"
    with pytest.raises(ExportError):
        export_gexf(facts.store, tmp_path / "no" / "such" / "case.gexf")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_empty_selection_writes_an_empty_graph(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "empty.graphml"
    summary = export_graphml(facts.store, out, entity_ids=[])
    assert summary.entities == 0 and nx.read_graphml(out).number_of_nodes() == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_files_hold_exactly_the_in_memory_graph(tmp_path, fmt):
    from workbench.exchange._case import CaseView
    from workbench.exchange.graph import VIZ, case_graph

    facts, _, read = _export(tmp_path, fmt)
    built = case_graph(CaseView(facts.store))
    assert set(read.nodes) == set(built.nodes)
    for n, data in built.nodes(data=True):
        got = dict(read.nodes[n])
        if fmt == "gexf":  # Gephi's colour and size by kind come back as networkx's 'viz'
            viz = got.pop("viz")
            (r, g, b), size = VIZ[data["kind"]]
            assert viz["color"] == {"r": r, "g": g, "b": b, "a": 1.0}
            assert viz["size"] == size
        assert got == data
    built_edges = {k: d for *_, k, d in built.edges(keys=True, data=True)}
    read_edges = {k: d for *_, k, d in read.edges(keys=True, data=True)}
    assert set(read_edges) == set(built_edges)
    for k, data in built_edges.items():
        # networkx's GEXF reader keeps the edge id it used as key in the data too.
        got = {a: v for a, v in read_edges[k].items() if a != "id"}
        assert got == data, k
