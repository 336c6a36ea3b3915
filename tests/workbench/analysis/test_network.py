"""Network analysis: measures against networkx, communities and paths on small known graphs,
layers built from real case files, common contacts, the region matrix, and the demo case."""

from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis import (
    AnalysisError,
    betweenness,
    case_graph,
    common_contacts,
    communities,
    eigenvector,
    entity_by_key,
    find_path,
    pagerank,
    rank,
    region_matrix,
)
from workbench.analysis._common import connection
from workbench.errors import NotFoundError
from workbench.store import CaseStore

from .builders import CaseBuilder, at

YUAN = 100


# ---------------------------------------------------------------------- measures


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), max_size=80),
    st.integers(0, 5),
)
def test_betweenness_matches_networkx(edges, isolated):
    g = nx.Graph([(a, b) for a, b in edges if a != b])
    g.add_nodes_from(range(100, 100 + isolated))
    ours, theirs = betweenness(g), nx.betweenness_centrality(g)
    assert set(ours) == set(theirs)
    assert all(math.isclose(ours[v], theirs[v], abs_tol=1e-9) for v in g)


def test_sampled_betweenness_is_scaled_and_stated():
    g = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=1)
    exact = rank(g, "betweenness")
    assert exact.exact and exact.samples is None and exact.error_bound is None
    sampled = rank(g, "betweenness", exact_limit=100, samples=150, seed=2)
    assert not sampled.exact and sampled.samples == 150 and sampled.confidence == 0.95
    assert sampled.error_bound == round(math.sqrt(math.log(40) / 300), 4)
    truth = {e.entity_id: e.score for e in exact.entries}
    assert all(abs(e.score - truth[e.entity_id]) <= sampled.error_bound for e in sampled.entries)
    # The pivots' own spread is a far tighter statement, and holds for the leaders.
    assert 0 < sampled.std_error < sampled.error_bound / 5
    top = sampled.entries[:10]
    assert all(abs(e.score - truth[e.entity_id]) <= 4 * sampled.std_error for e in top)
    assert rank(g, "betweenness", exact_limit=100, samples=150, seed=2) == sampled  # seeded


def test_pagerank_is_the_google_matrix_eigenvector():
    g = nx.gnm_random_graph(40, 90, seed=3)
    g.add_node(99)  # a dangling node
    for u, v in g.edges:
        g.edges[u, v]["weight"] = (u + v) % 5 + 1
    m = nx.google_matrix(g, alpha=0.85, weight="weight")
    values, vectors = np.linalg.eig(m.T)
    x = np.abs(vectors[:, np.argmax(values.real)].real)
    truth = dict(zip(g.nodes, x / x.sum(), strict=True))
    ours = pagerank(g)
    assert all(math.isclose(ours[v], truth[v], abs_tol=1e-8) for v in g)


def test_eigenvector_matches_networkx():
    g = nx.karate_club_graph()
    ours = eigenvector(g)
    theirs = nx.eigenvector_centrality(g, weight="weight", tol=1e-12, max_iter=10_000)
    assert all(math.isclose(ours[v], theirs[v], abs_tol=1e-7) for v in g)
    bipartite = nx.complete_bipartite_graph(2, 5)  # plain power iteration oscillates here
    assert eigenvector(bipartite)[0] > eigenvector(bipartite)[3]


def test_rank_orders_best_first_with_ties_by_id():
    g = nx.Graph([(1, 2), (2, 3), (3, 4), (2, 5), (6, 7)], layer="calls")
    g.nodes[2].update(key="13800000002", name="甲", kind="phone_card")
    r = rank(g, "degree")
    assert [(e.rank, e.entity_id, e.score) for e in r.entries[:3]] == [
        (1, 2, 3.0),
        (2, 3, 2.0),
        (3, 1, 1.0),
    ]
    assert (r.entries[0].key, r.entries[0].name, r.layer) == ("13800000002", "甲", "calls")
    assert [e.entity_id for e in rank(g, "weighted_degree", top=1).entries] == [2]
    assert len(rank(g, "pagerank", top=2).rows()) == 2
    assert json.dumps(r.to_dict()) and r.rows()[0]["score"] == 3.0
    with pytest.raises(AnalysisError):
        rank(g, "charisma")


# ---------------------------------------------------------------------- communities, paths


def test_two_gangs_and_a_go_between_make_two_communities():
    g = nx.Graph()
    g.add_edges_from((a, b) for a in range(1, 6) for b in range(a + 1, 6))
    g.add_edges_from((a, b) for a in range(11, 16) for b in range(a + 1, 16))
    g.add_edges_from([(5, 20), (20, 11)])  # the go-between
    g.add_edge(30, 31)  # a pair on their own
    found = communities(g, seed=1)
    groups = [sorted(m.entity_id for m in c.members) for c in found.groups]
    assert sorted(groups) == [[1, 2, 3, 4, 5], [11, 12, 13, 14, 15, 20]] or sorted(groups) == [
        [1, 2, 3, 4, 5, 20],
        [11, 12, 13, 14, 15],
    ]
    assert found.ungrouped == 2 and found.modularity > 0.4
    assert communities(g, seed=1) == found
    assert all(c.internal_weight > c.external_weight for c in found.groups)
    assert found.groups[0].hub in {m.entity_id for m in found.groups[0].members}
    assert betweenness(g)[20] == max(betweenness(g).values())


@pytest.fixture
def small_case(tmp_path):
    """Two people whose phones call a broker's phone, whose cards pay a shared card; an
    organisation; entities placed in Chongqing, Shandong and northern Myanmar."""
    b = CaseBuilder(tmp_path / "small.zlcase")
    zhang, li = b.person("张三", "500240"), b.person("李四", "371302")
    broker = b.person("中间人", "500243")
    zp, lp = b.phone(zhang, region="500000"), b.phone(li, region="370000")
    bp = b.phone(broker, region="XMM-N")
    zc, lc = b.card(zhang, "500240"), b.card(li, "371302")
    shared, loner = b.card(broker, "500243"), b.card(None, "500240")
    gang = b.org("某团伙")
    b.link("member_of", zhang, gang)
    b.link("member_of", li, gang)
    for k in range(3):
        b.call(zp, bp, at(1, 10 + k))
    b.call(bp, lp, at(2, 10))
    b.pay(zc, shared, 1_000 * YUAN, at(3, 10))
    b.pay(lc, shared, 2_000 * YUAN, at(3, 11))
    b.pay(shared, None, 3_000 * YUAN, at(4, 2), "cash")
    store = b.write()
    ids = dict(zhang=zhang, li=li, broker=broker, zp=zp, lp=lp, bp=bp, zc=zc, lc=lc)
    ids.update(shared=shared, loner=loner, gang=gang)
    yield store, ids
    store.close()


def test_case_graph_layers(small_case):
    store, i = small_case
    calls = case_graph(store, "calls")
    assert {frozenset(e) for e in calls.edges} == {
        frozenset((i["zp"], i["bp"])),
        frozenset((i["bp"], i["lp"])),
    }
    assert calls.edges[i["zp"], i["bp"]]["weight"] == 3
    money = case_graph(store, "money")
    assert money.edges[i["lc"], i["shared"]]["amount_fen"] == 200_000
    assert money.number_of_edges() == 2  # the cash exit has no counterpart
    links = case_graph(store, "links")
    assert i["gang"] not in links  # organisations are left out by default
    assert i["gang"] in case_graph(store, "links", exclude_kinds=())
    everything = case_graph(store, "all")
    assert everything.number_of_edges() == 4 + 6  # calls and money, plus six holds links
    assert everything.nodes[i["zp"]]["key"] == store.entity(i["zp"]).key
    people = case_graph(store, "all", by_person=True)
    assert set(people.nodes) == {i["zhang"], i["li"], i["broker"]}
    hop = people.edges[i["zhang"], i["broker"]]
    assert (hop["calls"], hop["txns"]) == (3, 1)
    assert sorted(hop["pairs"]) == sorted([(i["zp"], i["bp"]), (i["zc"], i["shared"])])
    with pytest.raises(AnalysisError):
        case_graph(store, "gossip")


def test_command_line_names_resolve_to_entities(small_case):
    store, i = small_case
    for name in ("zp", "zc", "zhang"):
        assert entity_by_key(store, store.entity(i[name]).key) == i[name]
    phone = store.entity(i["zp"]).key
    assert entity_by_key(store, f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}") == i["zp"]
    assert entity_by_key(store, f"#{i['gang']}") == i["gang"]
    for unknown in ("13999999999", "#99999", "nobody"):
        with pytest.raises(NotFoundError):
            entity_by_key(store, unknown)


def test_path_between_two_suspects_with_its_evidence(small_case):
    store, i = small_case
    p = find_path(store, i["zhang"], i["li"])
    assert p.found and p.length == 4
    assert [m.entity_id for m in p.nodes][1] in (i["zp"], i["zc"])
    assert p.hops[0].link_types == ["holds"]
    middle = p.hops[1]
    assert middle.call_ids or middle.txn_ids
    folded = case_graph(store, "all", by_person=True)
    q = find_path(store, i["zhang"], i["li"], graph=folded)
    assert [m.name for m in q.nodes] == ["张三", "中间人", "李四"]
    assert len(q.hops[0].call_ids) == 3 and len(q.hops[0].txn_ids) == 1
    assert json.dumps(q.to_dict(), ensure_ascii=False)
    calls_only = find_path(store, i["zc"], i["lc"], layer="calls")
    assert not calls_only.found and calls_only.hops == []
    assert not find_path(store, i["zhang"], i["loner"]).found


def test_common_contacts_of_a_selection(small_case):
    store, i = small_case
    found = common_contacts(store, [i["zhang"], i["li"]])
    by_id = {c.entity_id: c for c in found}
    # Both phone the broker's number and both cards pay the broker's card.
    assert set(by_id) >= {i["bp"], i["shared"]}
    assert by_id[i["bp"]].shared_with == sorted([i["zhang"], i["li"]])
    assert by_id[i["bp"]].calls == 4 and by_id[i["bp"]].holder == "中间人"
    assert by_id[i["shared"]].amount_fen == 300_000
    assert i["gang"] in by_id  # both are linked to the gang
    assert [c.entity_id for c in common_contacts(store, [i["zhang"], i["li"]], layer="calls")] == [
        i["bp"]
    ]
    assert common_contacts(store, [i["zhang"], i["li"]], min_shared=3) == []


def test_region_matrix_lifts_to_provinces_and_keeps_overseas(small_case):
    store, i = small_case
    m = region_matrix(store)
    cells = {(c.source, c.target): c for c in m.cells}
    # Zhang's phone (Chongqing) calls the broker's phone, placed in northern Myanmar.
    assert cells[("500000", "XMM-N")].calls == 3
    assert cells[("XMM-N", "370000")].calls == 1
    # Li's card (opened in Linyi, Shandong) pays the broker's card (Pengshui, Chongqing).
    assert cells[("370000", "500000")].amount_fen == 200_000
    assert cells[("500000", "500000")].txns == 1 and cells[("500000", "500000")].links >= 2
    names = {r["code"]: r["name"] for r in m.regions}
    assert names["500000"] == "重庆市" and names["XMM-N"] == "缅北"
    assert m.unplaced == 1  # the organisation has no region
    assert json.dumps(m.to_dict(), ensure_ascii=False)


# ---------------------------------------------------------------------- the demo case


@pytest.fixture(scope="module")
def demo(demo_path):
    with CaseStore.open(demo_path, "pytest", read_only=True) as store:
        yield store


def test_demo_card_dealer_tops_the_call_network(demo):
    """马某 (小马) holds the GOIP SIMs and the numbers victims call back: with phones folded
    into their holders he leads the call layer on every measure."""
    ma = (
        connection(demo)
        .execute("SELECT entity_id FROM entity_alias WHERE alias = '小马'")
        .fetchone()[0]
    )
    g = case_graph(demo, "calls", by_person=True)
    for measure in ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"):
        r = rank(g, measure, top=3)
        assert r.entries[0].entity_id == ma, measure
        assert r.entries[0].kind == "person" and r.exact
    assert rank(g, "degree").nodes == g.number_of_nodes()


def test_demo_communities_follow_the_gangs(demo):
    """On the analysts' links, folded to people, each of the demo's gangs falls (mostly)
    into a community of its own: the suggestions an analyst would accept."""
    g = case_graph(demo, "links", by_person=True)
    found = communities(g, seed=0)
    assert len(found.groups) >= 5 and found.modularity > 0.5
    where = {m.entity_id: c.index for c in found.groups for m in c.members}
    homes = []
    for org in ("临沂洗钱团伙", "彭水跑分团伙", "石柱车手团伙", "泉州籍虚假贷款诈骗团伙"):
        people = [
            r[0]
            for r in connection(demo).execute(
                "SELECT l.source_id FROM link l JOIN entity o ON o.id = l.target_id "
                "JOIN entity p ON p.id = l.source_id AND p.kind = 'person' "
                "WHERE l.type = 'member_of' AND o.name = ?",
                (org,),
            )
        ]
        places = [where.get(p) for p in people]
        home = max(set(places), key=places.count)
        assert home is not None and places.count(home) >= 0.8 * len(people), org
        homes.append(home)
    assert len(set(homes)) == len(homes)
