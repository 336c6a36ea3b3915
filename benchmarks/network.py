"""Network analysis with igraph against the hand-written routines it replaced, in one run.

Two cases: the demo case (its ``all`` layer: every call, payment and link) and a synthetic
call case of 5,000 phones (each calls a circle of about 24 contacts, and one call in ten
goes to any number; 100,000 calls), written through ``store.bulk``. On each case's graph
it times, for igraph (what
``workbench.analysis`` runs) and for the routine it replaced (kept below as the baseline,
measured in the same process on the same graph):

- ``betweenness``: exact hop-count betweenness (igraph against Brandes vectorised in numpy);
- ``betweenness_sampled``: the same from 500 pivots with its standard error;
- ``weighted_betweenness_sampled``: 1/weight distances from 250 pivots (igraph against
  Dijkstra in Python); ``weighted_betweenness`` exact, igraph only where the baseline
  would take minutes (above ``--weighted-baseline-limit`` nodes);
- ``communities``: Louvain, the whole :func:`communities` (igraph's multilevel against
  networkx's ``louvain_communities``), with the modularity each finds;
- ``force_layout``: the chart's layout (igraph's grid Fruchterman-Reingold from igraph's
  own seeded start against the previous start spread over ±sqrt(n));
- ``pagerank`` and ``eigenvector``: the hand-written power iterations the analysis keeps,
  against igraph's. PageRank: about even on a quiet machine, but igraph's PRPACK spins
  OpenMP threads that make it several times slower when other work shares the cores.
  Eigenvector: igraph's (ARPACK) is faster but breaks the ties of symmetric positions on
  graphs of several components, which the ranking must keep.

Each entry gives ``igraph_s``, ``baseline_s``, ``speedup`` (baseline over igraph) and the
largest difference between the two results (``max_diff``; for Louvain both modularities
and numbers of groups, and igraph's Leiden for the record). Weighted betweenness differs
where chains of equal length sum to lengths that floating point rounds apart: the
baseline splits such ties by rounding, igraph counts them as ties.

    python benchmarks/network.py [--json] [--repeat 1] [--demo PATH]

Figures for a 2-core machine are in the README's performance table.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.analysis import network as N  # noqa: E402
from workbench.layout import force_layout  # noqa: E402
from workbench.layout.rng import seeded_igraph  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

PHONES = 5_000
CALLS = 100_000


# ---------------------------------------------------------------------- the cases


def build_phones(path: Path, phones: int = PHONES, calls: int = CALLS, seed: int = 1) -> None:
    """A call case: numbers near each other in a shuffled order call each other."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(phones)
    position = np.empty(phones, dtype=np.int64)
    position[order] = np.arange(phones)
    callers = rng.integers(0, phones, calls)
    offsets = rng.integers(-12, 13, calls)
    offsets[offsets == 0] = 1
    callees = order[(position[callers] + offsets) % phones]
    # One call in ten goes to anyone (a courier, a shop, a wrong number): a small world.
    anyone = rng.random(calls) < 0.1
    callees[anyone] = rng.integers(0, phones, int(anyone.sum()))
    keep = callees != callers
    callers, callees = callers[keep], callees[keep]
    calls = int(keep.sum())
    seconds = rng.integers(0, 90 * 86_400, calls)
    stamps = np.datetime_as_string(
        np.datetime64("2025-03-01T00:00:00") + seconds.astype("timedelta64[s]"), unit="s"
    )
    now = "2025-06-01T00:00:00+08:00"
    store = CaseStore.create(path, "bench")
    with store.bulk("benchmark phones") as conn:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
            "VALUES (?, 'phone_card', ?, '', '{}', ?, ?)",
            [(i + 1, f"139{i:08d}", now, now) for i in range(phones)],
        )
        conn.executemany(
            "INSERT INTO call (caller_id, callee_id, ts, duration_s, call_type) "
            "VALUES (?, ?, ?, 60, 'voice')",
            zip((callers + 1).tolist(), (callees + 1).tolist(),
                np.char.replace(stamps, "T", " ").tolist(), strict=True),
        )  # fmt: skip
    store.close()


# ---------------------------------------------------------------------- the baselines
# The routines workbench.analysis ran before it called igraph, unchanged.


def baseline_betweenness(g: nx.Graph, k: int | None = None, seed: int = 0):
    """Brandes' algorithm, each breadth-first search vectorised over numpy arrays."""
    nodes = list(g.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in g.edges():
        adjacency[index[a]].append(index[b])
        adjacency[index[b]].append(index[a])
    degree = np.array([len(x) for x in adjacency], dtype=np.int64)
    indptr = np.concatenate(([0], np.cumsum(degree)))
    indices = np.fromiter((y for x in adjacency for y in x), dtype=np.int64, count=indptr[-1])
    if k is None or k >= n:
        sources, scale = list(range(n)), 1.0
    else:
        sources, scale = [index[v] for v in random.Random(seed).sample(nodes, k)], n / k
    total = np.zeros(n)
    squares = np.zeros(n)
    for s in sources:
        delta = _dependencies(s, indptr, degree, indices)
        total += delta
        squares += delta * delta
    return _finish(nodes, total, squares, len(sources), scale)


def _finish(nodes, total, squares, k, scale):
    n = len(nodes)
    norm = 1.0 / ((n - 1) * (n - 2))
    error = np.zeros(n)
    if scale != 1.0:
        mean = total / k
        variance = np.maximum(squares / k - mean * mean, 0.0) * k / max(k - 1, 1)
        error = n * norm * np.sqrt(variance / k * (n - k) / (n - 1))
    total = total * scale * norm
    return dict(zip(nodes, total.tolist(), strict=True)), dict(
        zip(nodes, error.tolist(), strict=True)
    )


def _dependencies(s, indptr, degree, indices):
    n = len(degree)
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    dist[s], sigma[s] = 0, 1.0
    frontier = np.array([s], dtype=np.int64)
    steps = []
    depth = 0
    while frontier.size:
        counts = degree[frontier]
        reach = int(counts.sum())
        if not reach:
            break
        starts = indptr[frontier] - (np.cumsum(counts) - counts)
        child = indices[np.repeat(starts, counts) + np.arange(reach)]
        parent = np.repeat(frontier, counts)
        seen = dist[child]
        new = seen == -1
        dist[child[new]] = depth + 1
        down = new | (seen == depth + 1)
        parent, child = parent[down], child[down]
        sigma += np.bincount(child, weights=sigma[parent], minlength=n)
        steps.append((parent, child))
        depth += 1
        frontier = np.flatnonzero(dist == depth)
    delta = np.zeros(n)
    for parent, child in reversed(steps):
        delta += np.bincount(
            parent, weights=sigma[parent] / sigma[child] * (1.0 + delta[child]), minlength=n
        )
    delta[s] = 0.0
    return delta


def baseline_weighted_betweenness(g: nx.Graph, k: int | None = None, seed: int = 0):
    """Brandes' algorithm on Dijkstra's searches in Python (1/weight lengths)."""
    nodes = list(g.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adjacency: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, w in g.edges(data="weight", default=1.0):
        if w and w > 0:
            adjacency[index[a]].append((index[b], 1.0 / w))
            adjacency[index[b]].append((index[a], 1.0 / w))
    if k is None or k >= n:
        sources, scale = list(range(n)), 1.0
    else:
        sources, scale = [index[v] for v in random.Random(seed).sample(nodes, k)], n / k
    total = np.zeros(n)
    squares = np.zeros(n)
    for s in sources:
        delta = _weighted_dependencies(s, adjacency, n)
        total += delta
        squares += delta * delta
    return _finish(nodes, total, squares, len(sources), scale)


def _weighted_dependencies(s, adjacency, n):
    sigma = [0.0] * n
    preds: list[list[int]] = [[] for _ in range(n)]
    sigma[s] = 1.0
    best = {s: 0.0}
    done: set[int] = set()
    order: list[int] = []
    heap = [(0.0, s)]
    while heap:
        d, v = heapq.heappop(heap)
        if v in done:
            continue
        done.add(v)
        order.append(v)
        for w, length in adjacency[v]:
            if w in done:
                continue
            dw = d + length
            known = best.get(w)
            if known is None or dw < known:
                best[w] = dw
                sigma[w] = sigma[v]
                preds[w] = [v]
                heapq.heappush(heap, (dw, w))
            elif dw == known:
                sigma[w] += sigma[v]
                preds[w].append(v)
    delta = [0.0] * n
    for w in reversed(order):
        coefficient = (1.0 + delta[w]) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coefficient
    delta[s] = 0.0
    return np.array(delta)


def baseline_communities(g: nx.Graph, seed: int = 0, resolution: float = 1.0, min_size=3):
    """networkx's Louvain and the groups' figures from networkx subgraphs."""
    g = N.canonical(g)
    position = {v: i for i, v in enumerate(g.nodes)}
    parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution,
                                             seed=seed)  # fmt: skip
    modularity = nx.community.modularity(g, parts, weight="weight", resolution=resolution)
    parts = [sorted(p, key=position.__getitem__) for p in parts]
    parts.sort(key=lambda p: (-len(p), position[p[0]]))
    groups = []
    for part in parts:
        if len(part) < min_size:
            continue
        inside = g.subgraph(part)
        internal = inside.size(weight="weight")
        total = sum(d for _, d in g.degree(part, weight="weight"))
        hub = max(part, key=lambda v: inside.degree(v, weight="weight"))
        groups.append((len(part), hub, internal, total - 2 * internal))
    return modularity, groups


def baseline_force_layout(nodes, edges, seed: int = 0) -> dict:
    """igraph's grid Fruchterman-Reingold from a seeded start spread over ±sqrt(n)."""
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    pairs, weights = [], []
    for a, b, w in edges:
        ia, ib = index.get(a), index.get(b)
        if ia is None or ib is None or ia == ib:
            continue
        pairs.append((ia, ib))
        weights.append(max(float(w), 0.1))
    g = igraph.Graph(n=len(nodes), edges=pairs)
    iterations = int(min(500, max(100, 500_000 / len(nodes))))
    start = np.random.default_rng(seed).uniform(-1, 1, size=(len(nodes), 2))
    start *= math.sqrt(len(nodes))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = g.layout_fruchterman_reingold(weights=np.log1p(weights).tolist(),
                                               niter=iterations, seed=start.tolist(),
                                               grid=len(nodes) > 1000).coords  # fmt: skip
    finally:
        igraph.set_random_number_generator(random)
    return dict(zip(nodes, map(tuple, coords), strict=True))


# ---------------------------------------------------------------------- igraph, for the kept


def igraph_pagerank(g: nx.Graph) -> dict:
    h, w = N._igraph(g, "weight")
    return dict(zip(g.nodes, h.pagerank(weights=w, directed=False), strict=True))


def igraph_eigenvector(g: nx.Graph) -> dict:
    h, w = N._igraph(g, "weight")
    x = np.asarray(h.eigenvector_centrality(weights=w))
    return dict(zip(g.nodes, (x / np.linalg.norm(x)).tolist(), strict=True))


# ---------------------------------------------------------------------- timing


def timed(fn: Callable, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def diff(a: dict, b: dict) -> float:
    return max((abs(a[v] - b[v]) for v in a), default=0.0)


def compare(ours: Callable, theirs: Callable | None, repeat: int, measure=diff) -> dict:
    mine, t_mine = timed(ours, repeat)
    row = {"igraph_s": round(t_mine, 3)}
    if theirs is None:
        row.update(baseline_s=None, speedup=None)
        return row
    base, t_base = timed(theirs, repeat)
    row.update(baseline_s=round(t_base, 3), speedup=round(t_base / t_mine, 2))
    row.update(measure(mine, base))
    return row


def measure_case(g: nx.Graph, repeat: int, weighted_limit: int) -> dict:
    g = N.canonical(g)
    n = g.number_of_nodes()

    def scores(a, b):
        return {"max_diff": float(f"{diff(a[0], b[0]):.3g}")}

    out: dict = {"nodes": n, "edges": g.number_of_edges()}
    out["betweenness"] = compare(lambda: N._betweenness(g, None, 0),
                                 lambda: baseline_betweenness(g), repeat, scores)  # fmt: skip
    out["betweenness_sampled"] = compare(
        lambda: N._betweenness(g, 500, 0), lambda: baseline_betweenness(g, 500, 0), repeat,
        lambda a, b: {**scores(a, b),
                      "std_error": [round(max(a[1].values()), 6), round(max(b[1].values()), 6)]},
    )  # fmt: skip
    out["weighted_betweenness_sampled"] = compare(
        lambda: N._betweenness(g, 250, 0, weighted=True),
        lambda: baseline_weighted_betweenness(g, 250, 0), repeat, scores,
    )  # fmt: skip
    out["weighted_betweenness"] = compare(
        lambda: N._betweenness(g, None, 0, weighted=True),
        (lambda: baseline_weighted_betweenness(g)) if n <= weighted_limit else None,
        repeat, scores,
    )  # fmt: skip

    def modularities(a, b):
        return {"modularity": [a.modularity, round(b[0], 6)],
                "groups": [len(a.groups), len(b[1])]}  # fmt: skip

    def leiden():
        h, w = N._igraph(g, "weight")
        with seeded_igraph(0):
            found = h.community_leiden("modularity", weights=w, n_iterations=-1)
        return h.modularity(found.membership, weights=w)

    out["communities"] = compare(lambda: N.communities(g), lambda: baseline_communities(g),
                                 repeat, modularities)  # fmt: skip
    # For the record: igraph's Leiden on the same graph (the analysis runs Louvain).
    found, seconds = timed(leiden, repeat)
    out["communities"].update(leiden_s=round(seconds, 3), leiden_modularity=round(found, 6))
    nodes = list(g.nodes)
    edges = [(a, b, w) for a, b, w in g.edges(data="weight", default=1.0)]
    out["force_layout"] = compare(lambda: force_layout(nodes, edges),
                                  lambda: baseline_force_layout(nodes, edges), repeat,
                                  lambda a, b: {})  # fmt: skip
    # The kept routines: here the "baseline" is igraph and igraph_s the hand-written one.
    for name, ours, theirs in (("pagerank", N.pagerank, igraph_pagerank),
                               ("eigenvector", N.eigenvector, igraph_eigenvector)):  # fmt: skip
        row = compare(lambda f=ours: f(g), lambda f=theirs: f(g), repeat, lambda a, b: {
            "max_diff": float(f"{diff(a, b):.3g}")})  # fmt: skip
        out[name] = {"hand_written_s": row["igraph_s"], "igraph_s": row["baseline_s"],
                     "hand_written_speedup": row["speedup"], "max_diff": row["max_diff"]}  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--repeat", type=int, default=1, help="median of this many runs")
    parser.add_argument("--demo", type=Path, help="an existing demo case (else built here)")
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--weighted-baseline-limit", type=int, default=1_000,
                        help="exact weighted baseline only up to this many nodes")  # fmt: skip
    args = parser.parse_args(argv)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        demo = args.demo
        if demo is None:
            from workbench.demo import build_demo

            demo = Path(tmp) / "demo.zlcase"
            build_demo(demo, analyst="bench")
        phones = Path(tmp) / "phones.zlcase"
        build_phones(phones, args.phones, args.phones * CALLS // PHONES)
        for name, path, layer in (("demo", demo, "all"), (f"phones_{args.phones}", phones,
                                                          "calls")):  # fmt: skip
            with CaseStore.open(path, "bench", read_only=True) as store:
                g = N.case_graph(store, layer)
            out[name] = {"layer": layer,
                         **measure_case(g, args.repeat, args.weighted_baseline_limit)}  # fmt: skip
    # Other work on the machine slows every figure: say how busy it was.
    out["load_avg_1m"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(out))
    else:
        for case, rows in out.items():
            if not isinstance(rows, dict):
                print(f"{case}: {rows}")
                continue
            print(f"{case}: {rows['nodes']:,} nodes, {rows['edges']:,} edges ({rows['layer']})")
            for k, v in rows.items():
                if isinstance(v, dict):
                    print(f"  {k:>30}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
