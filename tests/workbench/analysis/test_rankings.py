"""Rankings an analyst can trust: shared ranks for ties, the same answer whatever the row
order of the import, betweenness by contact strength, Louvain stability; and the two
findings reworded or widened with them (hot number, fast-in-fast-out from one inflow)."""

from __future__ import annotations

import json
import math
import random

import networkx as nx
import pytest

import main
from workbench.analysis import (
    MEASURES,
    AnalysisError,
    case_graph,
    communities,
    fast_in_fast_out,
    hot_number,
    rank,
)
from workbench.analysis._common import connection
from workbench.analysis.network import canonical, weighted_betweenness
from workbench.intake.importer import import_files
from workbench.store import CaseStore

from .builders import CaseBuilder, at

YUAN = 100

# Two gangs of five that all call each other, a go-between, and a boss with four runners:
# symmetric positions (the gang members, the runners) must tie.
GANG_A = [f"1380000{i:04d}" for i in range(1, 6)]
GANG_B = [f"1390000{i:04d}" for i in range(1, 6)]
GO_BETWEEN = "13700000001"
BOSS = "13600000001"
RUNNERS = [f"1360000{i:04d}" for i in range(2, 6)]


def call_rows() -> list[str]:
    rows = []
    minute = 0

    def call(a: str, b: str, times: int) -> None:
        nonlocal minute
        for _ in range(times):
            minute += 7
            ts = f"2025-04-{1 + minute // 1440:02d} {minute // 60 % 24:02d}:{minute % 60:02d}:00"
            rows.append(f"{a},{b},主叫,{ts},60")

    for gang in (GANG_A, GANG_B):
        for i, a in enumerate(gang):
            for b in gang[i + 1 :]:
                call(a, b, 2)
    call(GANG_A[0], GO_BETWEEN, 1)
    call(GO_BETWEEN, GANG_B[0], 1)
    call(BOSS, GO_BETWEEN, 3)
    for r in RUNNERS:
        call(BOSS, r, 2)
    return rows


def import_in_order(path, rows: list[str]) -> CaseStore:
    csv = path.with_suffix(".csv")
    csv.write_text("本机号码,对方号码,呼叫类型,开始时间,通话时长(秒)\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")  # fmt: skip
    store = CaseStore.create(path, "tester")
    summary = import_files(store, [csv], "calls")
    assert not summary.rejected and summary.calls_new == len(rows)
    return store


@pytest.fixture(scope="module")
def three_orders(tmp_path_factory):
    """The same calls imported as written, reversed, and shuffled."""
    tmp = tmp_path_factory.mktemp("orders")
    rows = call_rows()
    shuffled = rows[:]
    random.Random(5).shuffle(shuffled)
    stores = [import_in_order(tmp / f"{name}.zlcase", r)
              for name, r in (("as_written", rows), ("reversed", rows[::-1]),
                              ("shuffled", shuffled))]  # fmt: skip
    yield stores
    for s in stores:
        s.close()


def ids_of(store: CaseStore) -> dict[str, int]:
    return dict(connection(store).execute("SELECT key, id FROM entity WHERE kind = 'phone_card'"))


def test_three_row_orders_give_identical_ranks_and_groups(three_orders):
    # The orders really give the entities other ids: only the keys are the same.
    assert len({tuple(sorted(ids_of(s).items())) for s in three_orders}) == 3
    for measure in MEASURES:
        seen = set()
        for store in three_orders:
            r = rank(case_graph(store, "calls"), measure)
            seen.add(tuple((e.rank, e.tied, e.key, e.score) for e in r.entries))
        assert len(seen) == 1, measure
    for distance in ("hops", "inverse_weight"):
        seen = {
            tuple((e.rank, e.key, e.score) for e in rank(
                case_graph(s, "calls"), "betweenness", distance=distance).entries)
            for s in three_orders
        }  # fmt: skip
        assert len(seen) == 1, distance
    # Sampled betweenness draws the same pivots too.
    seen = {
        tuple((e.key, e.score) for e in rank(
            case_graph(s, "calls"), "betweenness", exact_limit=5, samples=6).entries)
        for s in three_orders
    }  # fmt: skip
    assert len(seen) == 1
    groups = set()
    for store in three_orders:
        found = communities(case_graph(store, "calls"), min_size=2, runs=4)
        keys = {m.entity_id: m.key for g in found.groups for m in g.members}
        groups.add(tuple(
            (g.index, tuple(m.key for m in g.members), keys[g.hub], g.stability,
             tuple(g.member_stability)) for g in found.groups
        ) + (found.modularity,))  # fmt: skip
    assert len(groups) == 1
    (found,) = groups
    assert {tuple(sorted(GANG_A)), tuple(sorted(GANG_B))} <= {g[1] for g in found[:-1]}


def test_ties_share_a_rank_in_key_order(three_orders):
    r = rank(case_graph(three_orders[0], "calls"), "degree")
    by_key = {e.key: e for e in r.entries}
    # Every runner has one tie (the boss): all share one rank, listed by number.
    runners = [e for e in r.entries if e.key in RUNNERS]
    assert len({e.rank for e in runners}) == 1 and all(e.tied for e in runners)
    assert [e.key for e in runners] == sorted(RUNNERS)
    # Standard competition ranking: after k tied entries the next rank is k further on.
    for i, e in enumerate(r.entries):
        previous = r.entries[i - 1] if i else None
        if previous is not None and previous.score == e.score:
            assert e.rank == previous.rank
        else:
            assert e.rank == i + 1
    # The boss and the two gang members who call the go-between have five ties each:
    # 1=, 1=, 1= in key order, and the next rank is 4.
    assert [(e.rank, e.tied, e.key) for e in r.entries[:3]] == [
        (1, True, BOSS), (1, True, GANG_A[0]), (1, True, GANG_B[0])
    ]  # fmt: skip
    assert by_key[GANG_A[1]].rank == 4 and by_key[GANG_A[1]].tied  # the other gang members


def test_rank_rows_say_the_measure_and_distance():
    g = nx.Graph([(1, 2), (2, 3)], layer="calls")
    rows = rank(g, "betweenness").rows()
    assert rows[0]["measure"] == "betweenness" and rows[0]["distance"] == "hops"
    assert rank(g, "betweenness", distance="inverse_weight").distance == "inverse_weight"
    assert "distance" not in rank(g, "degree").rows()[0]
    assert [(r["rank"], r["tied"]) for r in rank(g, "degree").rows()] == [
        (1, False), (2, True), (2, True)
    ]  # fmt: skip
    with pytest.raises(AnalysisError):
        rank(g, "betweenness", distance="miles")


@pytest.mark.parametrize("seed", range(8))
def test_weighted_betweenness_matches_networkx(seed):
    g = nx.gnm_random_graph(30, 70, seed=seed)
    g.add_node(99)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = (u * v + seed) % 5 + 1
        # Lengths 1/w in exact sixtieths: with float 1/w, networkx counts two equally short
        # chains as equal only when their sums round alike (2+3+6 against 1), igraph with a
        # tolerance, which is the exact answer.
        g.edges[u, v]["sixtieths"] = 60 // g.edges[u, v]["weight"]
    ours = weighted_betweenness(g)
    theirs = nx.betweenness_centrality(g, weight="sixtieths")
    assert all(math.isclose(ours[v], theirs[v], abs_tol=1e-12) for v in g)


def test_strong_ties_carry_the_weighted_chains():
    # 1 and 3 are joined through 2 by single calls and through 4 by many: by hops the two
    # middlemen are equal, by contact strength the chain runs through 4.
    g = nx.Graph(layer="calls")
    g.add_weighted_edges_from([(1, 2, 1), (2, 3, 1), (1, 4, 20), (4, 3, 20)])
    hops = {e.entity_id: e.score for e in rank(g, "betweenness").entries}
    strong = {
        e.entity_id: e.score for e in rank(g, "betweenness", distance="inverse_weight").entries
    }
    assert hops[2] == hops[4] > 0
    assert strong[4] > 0 == strong[2]


def test_louvain_stability_shows_a_border_drawn_by_chance():
    # Two solid cliques, and a node hanging equally between them.
    g = nx.Graph()
    a, b = list(range(6)), list(range(10, 16))
    g.add_edges_from((x, y, {"weight": 5}) for c in (a, b) for x in c for y in c if x < y)
    g.add_edge(0, 10, weight=1)
    g.add_edges_from([(99, 1, {"weight": 3}), (99, 11, {"weight": 3})])
    found = communities(g, runs=20)
    assert found.runs == 20
    for group in found.groups:
        shares = dict(zip((m.entity_id for m in group.members), group.member_stability,
                          strict=True))  # fmt: skip
        assert shares[group.hub] == 1.0
        assert all(shares[v] == 1.0 for v in shares if v != 99)
        assert 0 < group.stability <= 1
    assert communities(g).groups[0].stability is None
    assert communities(g, runs=20) == found  # deterministic
    with pytest.raises(AnalysisError):
        communities(g, runs=-1)


def test_canonical_puts_nodes_in_key_order():
    g = nx.Graph([(3, 1), (1, 2)])
    for v, key in ((1, "c"), (2, None), (3, "a")):
        g.nodes[v]["key"] = key
    assert list(canonical(g).nodes) == [3, 1, 2]  # no key last
    assert sorted(canonical(g).edges) == sorted(g.edges)


# ---------------------------------------------------------------------- the CLI


def run_json(capsys, *argv):
    assert main.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_rank_json_carries_the_shared_rank(three_orders, capsys):
    path = str(three_orders[0].location)
    rows = run_json(capsys, "rank", path, "--layer", "calls", "--measure", "degree",
                    "--top", "50", "--json")  # fmt: skip
    runners = [r for r in rows if r["key"] in RUNNERS]
    assert len({r["rank"] for r in runners}) == 1 and all(r["tied"] for r in runners)
    assert [r["key"] for r in runners] == sorted(RUNNERS)
    assert [(r["rank"], r["key"], r["tied"]) for r in rows[:4]] == [
        (1, BOSS, True), (1, GANG_A[0], True), (1, GANG_B[0], True), (4, GANG_A[1], True)
    ]  # fmt: skip
    assert rows[0]["measure"] == "degree"
    weighted = run_json(capsys, "rank", path, "--layer", "calls", "--measure", "betweenness",
                        "--weighted", "--json")  # fmt: skip
    assert {r["distance"] for r in weighted} == {"inverse_weight"}
    assert main.main(["rank", path, "--layer", "calls", "--measure", "degree", "--weighted"]) == 2
    assert main.main(["rank", path, "--layer", "calls", "--measure", "betweenness"]) == 0
    out = capsys.readouterr().out
    assert "distance: hop count" in out
    assert main.main(["rank", path, "--layer", "calls", "--measure", "degree"]) == 0
    assert f"1=  {BOSS}" in capsys.readouterr().out


def test_communities_runs(three_orders, capsys):
    out = run_json(capsys, "communities", str(three_orders[0].location), "--layer", "calls",
                   "--runs", "3", "--json")  # fmt: skip
    assert out["runs"] == 3 and all(g["stability"] is not None for g in out["groups"])


def test_common_contacts_command(three_orders, capsys):
    path = str(three_orders[0].location)
    # The go-between and the boss share nobody; two gang members share the other three.
    out = run_json(capsys, "common", path, GANG_A[0], GANG_A[1], "--layer", "calls", "--json")
    assert [c["key"] for c in out] == sorted(GANG_A[2:])
    assert all(c["shared_with_keys"] == sorted(GANG_A[:2]) for c in out)
    assert out[0]["calls"] == 4 and out[0]["kind"] == "phone_card"
    three = run_json(capsys, "common", path, GANG_A[0], GANG_B[0], BOSS, "--json")
    assert [(c["key"], len(c["shared_with"])) for c in three] == [(GO_BETWEEN, 3)]
    assert run_json(capsys, "common", path, GANG_A[0], GANG_B[0], BOSS, "--min-shared",
                    "4", "--json") == []  # fmt: skip
    assert main.main(["common", path, GANG_A[0], GANG_A[1]]) == 0
    assert GANG_A[2] in capsys.readouterr().out
    assert main.main(["common", path, GANG_A[0], GANG_A[0]]) == 2
    assert main.main(["common", path, GANG_A[0], "13999999999"]) == 2


# ---------------------------------------------------------------------- findings


@pytest.fixture(scope="module")
def single_inflows(tmp_path_factory):
    b = CaseBuilder(tmp_path_factory.mktemp("fifo") / "single.zlcase", seed=2)
    victim, onward = b.card(None), b.card(None)
    cards = {}
    # The case: one victim payment, 99.98% of it gone within two minutes.
    cards["first_level"] = card = b.card(None)
    b.pay(victim, card, 10_000 * YUAN, at(10, 14))
    b.pay(card, onward, 9_998 * YUAN, at(10, 14, 1, 30))
    # One inflow, 96% passed on in five minutes: a finding, scored lower.
    cards["most"] = card = b.card(None)
    b.pay(victim, card, 10_000 * YUAN, at(11, 14))
    b.pay(card, onward, 9_600 * YUAN, at(11, 14, 5))
    # Three inflows each passed on whole: more events, a higher score.
    cards["three"] = card = b.card(None)
    for k in range(3):
        b.pay(victim, card, 10_000 * YUAN, at(12 + k, 14))
        b.pay(card, onward, 9_998 * YUAN, at(12 + k, 14, 1, 30))
    # Near misses: 85% within minutes (fast, not whole); whole but after twenty minutes;
    # passed on whole, but a salary of the same size stays on the card.
    cards["partial"] = card = b.card(None)
    b.pay(victim, card, 10_000 * YUAN, at(20, 14))
    b.pay(card, onward, 8_500 * YUAN, at(20, 14, 2))
    cards["slow"] = card = b.card(None)
    b.pay(victim, card, 10_000 * YUAN, at(21, 14))
    b.pay(card, onward, 9_998 * YUAN, at(21, 14, 20))
    cards["saver"] = card = b.card(None)
    employer = b.card(None)
    b.pay(employer, card, 10_000 * YUAN, at(22, 9))
    b.pay(victim, card, 10_000 * YUAN, at(23, 14))
    b.pay(card, onward, 9_998 * YUAN, at(23, 14, 1))
    store = b.write()
    yield store, cards
    store.close()


def test_fast_in_fast_out_from_a_single_inflow(single_inflows):
    store, cards = single_inflows
    found = {f.entity_id: f for f in fast_in_fast_out(store)}
    assert set(found) == {cards["first_level"], cards["most"], cards["three"]}
    first = found[cards["first_level"]]
    assert first.metrics == {"inflows": 1, "fast_inflows": 1, "inflow_fen": 1_000_000,
                             "passed_fen": 999_800, "pass_share": 0.9998,
                             "whole_inflows": 1}  # fmt: skip
    assert first.score == round(1 - 0.8 / (2 * 0.9998), 4) and first.score > 0.5
    assert len(first.evidence["txn"]) == 2
    # The score grows with the share passed on and with the number of events.
    assert found[cards["most"]].score < first.score < found[cards["three"]].score
    # Three fast inflows are enough by count (min_events); one alone needs to be whole.
    assert "whole_inflows" not in found[cards["three"]].metrics
    assert found[cards["three"]].metrics["fast_inflows"] == 3
    # A whole inflow must leave within whole_minutes: twenty minutes is slow, unless allowed.
    slow = fast_in_fast_out(store, whole_minutes=30)
    assert cards["slow"] in {f.entity_id for f in slow}
    strict = fast_in_fast_out(store, whole_ratio=0.99999)
    assert [f.entity_id for f in strict] == [cards["three"]]  # flagged by count alone
    with pytest.raises(AnalysisError):
        fast_in_fast_out(store, whole_minutes=90)
    with pytest.raises(AnalysisError):
        fast_in_fast_out(store, whole_ratio=0.5)


def test_hot_number_says_what_it_counted_and_the_case_says_what_it_is(tmp_path):
    b = CaseBuilder(tmp_path / "hot.zlcase")
    line, shop = b.phone(None), b.phone(None)
    friend = b.phone(None)
    for k in range(12):
        caller = b.phone(None)
        b.call(caller, line, at(5 + k, 10))
        b.call(caller, shop, at(5 + k, 11))
    b.call(friend, shop, at(30, 9))
    b.call(shop, friend, at(30, 10))  # the shop calls one back
    operator = b.person("话务员甲")
    b.link("uses", operator, line)
    store = b.write()
    with store:
        store.update_entity(operator, roles=["operator"])
        found = {f.entity_id: f for f in hot_number(store)}
    assert set(found) == {line, shop}
    assert found[shop].metrics == {"callers": 13, "one_way_callers": 12, "called_back": 1,
                                   "calls": 13}  # fmt: skip
    assert found[line].metrics["roles"] == ["operator"]
    assert "roles" not in found[shop].metrics
    assert "fraud" not in (hot_number.__doc__ or "").split("\n")[0].lower()
