"""The network measures as igraph computes them: exact arithmetic on weighted chains, sampled
betweenness with an honest standard error, runs cut into short calls, and seeded runs that
repeat even while another thread seeds igraph too."""

from __future__ import annotations

import math
import statistics
import threading

import networkx as nx
import numpy as np
import pytest

from workbench.analysis import network
from workbench.analysis.network import (
    _betweenness,
    betweenness,
    canonical,
    communities,
    rank,
    weighted_betweenness,
)
from workbench.layout import force_layout

# Exact arithmetic on random graphs: tests/.../test_rankings.py compares with networkx on
# integer lengths; here the case where float sums disagree.


def test_equal_chains_share_the_credit_however_floating_point_rounds():
    # From s to t: one strong tie (weight 1, length 1), or s-x-y-t with weights 2, 3, 6:
    # 1/2 + 1/3 + 1/6 = 1 exactly, but 0.9999999999999999 summed from s and 1.0 from t.
    g = nx.Graph()
    g.add_weighted_edges_from([("s", "t", 1), ("s", "x", 2), ("x", "y", 3), ("y", "t", 6)])
    b = weighted_betweenness(g)
    # x: half of (s, t) and all of (s, y); y: half of (s, t) and all of (x, t); over the
    # three pairs either could lie between: (1/2 + 1) / 3.
    assert b == pytest.approx({"s": 0.0, "t": 0.0, "x": 0.5, "y": 0.5}, abs=1e-12)
    # Ties with no positive weight carry no chain.
    g.add_edge("s", "y", weight=0)
    assert weighted_betweenness(g) == pytest.approx(b, abs=1e-12)


def test_a_run_cut_into_many_calls_gives_the_same_numbers(monkeypatch):
    g = canonical(nx.connected_watts_strogatz_graph(120, 6, 0.3, seed=4))
    for u, v in g.edges:
        g.edges[u, v]["weight"] = (u + v) % 4 + 1
    whole = [_betweenness(g, k, 1, weighted=w) for k in (None, 40) for w in (False, True)]
    monkeypatch.setattr(network, "VISITS_PER_CALL", 100)  # one or two sources a call
    cut = [_betweenness(g, k, 1, weighted=w) for k in (None, 40) for w in (False, True)]
    for (a, a_err), (b, b_err) in zip(whole, cut, strict=True):
        assert all(math.isclose(a[v], b[v], abs_tol=1e-12) for v in g)
        # One pivot a call: the error is the pivots' own spread; twenty groups of two
        # by default: the spread of the groups' means, which says about the same.
        if max(b_err.values()):
            assert 0.5 < max(a_err.values()) / max(b_err.values()) < 2
    # Exact runs state no error.
    assert set(whole[0][1].values()) == {0.0}


def test_standard_error_of_sampled_betweenness_is_the_spread_of_the_estimates():
    g = nx.connected_watts_strogatz_graph(400, 6, 0.2, seed=7)
    exact = betweenness(g)
    leaders = sorted(exact, key=exact.get, reverse=True)[:5]
    estimates = {v: [] for v in leaders}
    stated = {v: [] for v in leaders}
    for seed in range(40):
        scores, errors = _betweenness(canonical(g), 60, seed)
        for v in leaders:
            estimates[v].append(scores[v])
            stated[v].append(errors[v])
    for v in leaders:
        spread = statistics.stdev(estimates[v])
        # The mean of the estimates is the exact value (unbiased), and what each run
        # states as its standard error is about the spread of the runs.
        assert abs(statistics.mean(estimates[v]) - exact[v]) < 3 * spread / math.sqrt(40)
        assert 0.6 < statistics.mean(stated[v]) / spread < 1.6


def test_sampled_ranking_states_its_error_from_igraph_runs():
    g = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=1)
    sampled = rank(
        g, "betweenness", exact_limit=100, samples=150, seed=2, distance="inverse_weight"
    )
    assert not sampled.exact and sampled.samples == 150 and sampled.std_error > 0
    assert rank(g, "betweenness", exact_limit=100, samples=150, seed=2,
                distance="inverse_weight") == sampled  # fmt: skip


def test_louvain_finds_the_karate_club_split():
    """Zachary's karate club (1977), weighted by the interactions he counted: each group
    Louvain finds lies (almost) wholly on one side of the club's split."""
    g = nx.karate_club_graph()
    found = communities(g, seed=0, min_size=1)
    assert found.modularity > 0.42
    assert 3 <= len(found.groups) <= 4
    side = {v: g.nodes[v]["club"] for v in g}
    mixed = sum(
        min(sum(side[m.entity_id] == "Mr. Hi" for m in c.members),
            sum(side[m.entity_id] != "Mr. Hi" for m in c.members))
        for c in found.groups
    )  # fmt: skip
    assert mixed <= 2
    assert sum(c.size for c in found.groups) == 34


def test_communities_of_a_graph_without_ties():
    g = nx.Graph()
    g.add_nodes_from(range(4))
    found = communities(g, min_size=1)
    assert found.modularity == 0.0 and [c.size for c in found.groups] == [1, 1, 1, 1]


def test_seeded_runs_repeat_while_another_thread_seeds_igraph():
    g = nx.connected_watts_strogatz_graph(300, 6, 0.3, seed=3)
    alone = communities(g, runs=6)
    nodes = list(range(3000))
    edges = [(a, (a * 7 + 1) % 3000, 1.0) for a in nodes] + [(a, a + 1, 1.0) for a in nodes[:-1]]
    layout_alone = force_layout(nodes, edges, seed=5)
    results = {}

    def lay_out():
        results["layouts"] = [force_layout(nodes, edges, seed=5) for _ in range(3)]

    worker = threading.Thread(target=lay_out)
    worker.start()
    together = [communities(g, runs=6) for _ in range(5)]
    worker.join()
    assert all(t == alone for t in together)
    assert all(p == layout_alone for p in results["layouts"])


def test_igraph_and_networkx_numbers_agree_on_hops():
    g = nx.les_miserables_graph()  # Knuth's co-appearance network, 77 characters
    ours, theirs = betweenness(g), nx.betweenness_centrality(g)
    assert max(abs(ours[v] - theirs[v]) for v in g) < 1e-12
    assert max(ours, key=ours.get) == "Valjean"
    assert np.isclose(sum(ours.values()), sum(theirs.values()))
