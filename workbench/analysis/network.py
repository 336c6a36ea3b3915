"""Network analysis: who holds the gang together, which sub-groups form, how two suspects connect.

:func:`case_graph` turns a case layer into an undirected networkx graph built from SQL
aggregates (calls, money, analyst links, or all of them); the measures, communities and
paths then run on that graph, written the networkx way: graph first, plain data back.
Betweenness and Louvain run in igraph, copied from the graph in key order; PageRank and
eigenvector centrality stay hand-written power iterations (see each for why).
Common contacts and the cross-region matrix read the case directly, with indexed queries.

Edge ``weight`` is the number of pieces of evidence between two entities: calls plus
transfers plus the links' own weights. Amounts are kept apart (``amount_fen``) because
adding yuan to call counts would mean nothing.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..layout.rng import seeded_igraph
from ..regions import province_code
from ..store import CaseStore
from ._common import AnalysisError, chunks, connection, entity_refs, placeholders

if TYPE_CHECKING:
    import networkx as nx

LAYERS = ("calls", "money", "links", "all")
MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector")

#: Exact betweenness up to this many nodes; sampled above it.
EXACT_BETWEENNESS_LIMIT = 5_000
#: Pivots of sampled betweenness: the error bound below shrinks as 1/sqrt(samples).
BETWEENNESS_SAMPLES = 500
#: Confidence of the stated error bound of sampled betweenness.
CONFIDENCE = 0.95

_HOLDING_LINKS = ("holds", "uses")


def case_graph(
    store: CaseStore,
    layer: str = "all",
    *,
    by_person: bool = False,
    exclude_kinds: Iterable[str] = ("organisation",),
) -> nx.Graph:
    """The case as an undirected graph of entity ids on one layer.

    ``calls``: phones that called or texted each other; ``money``: accounts that paid each
    other (exits have no counterpart and are left out); ``links``: the analysts' and the
    importers' links; ``all``: the three together. Nodes carry ``kind``, ``key`` and
    ``name``; edges ``weight`` (see the module docstring), ``calls``, ``txns``,
    ``amount_fen`` and ``links`` (link ids).

    ``by_person`` folds every card, phone and handset held or used by exactly one person
    into that person, so that measures rank people; the edge then keeps the underlying
    entity pairs in ``pairs``. Organisations are left out by default: membership is an
    annotation, and a gang node joined to all its members would top every measure.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "g.zlcase", "doc")
    ...     a, b = (store.add_entity("phone_card", n) for n in ("13800000001", "13800000002"))
    ...     _ = store.add_calls([{"caller_id": a, "callee_id": b, "ts": "2025-03-01 10:00:00"}] * 3)
    ...     g = case_graph(store, "calls")
    ...     store.close()
    >>> g.edges[a, b]["weight"], g.nodes[a]["key"]
    (3.0, '13800000001')
    """
    if layer not in LAYERS:
        raise AnalysisError("layer", layer, f"must be one of {', '.join(LAYERS)}")
    conn = connection(store)
    excluded = set(exclude_kinds)
    edges: dict[tuple[int, int], dict] = {}

    def edge(a: int, b: int) -> dict | None:
        if a == b:
            return None
        key = (a, b) if a < b else (b, a)
        e = edges.get(key)
        if e is None:
            e = edges[key] = {"weight": 0.0, "calls": 0, "txns": 0, "amount_fen": 0, "links": []}
        return e

    if layer in ("calls", "all"):
        for a, b, n in conn.execute(
            "SELECT caller_id, callee_id, count(*) FROM call GROUP BY caller_id, callee_id"
        ):
            if e := edge(a, b):
                e["calls"] += n
                e["weight"] += n
    if layer in ("money", "all"):
        for a, b, n, fen in conn.execute(
            "SELECT payer_id, payee_id, count(*), sum(amount_fen) FROM txn "
            "WHERE payer_id IS NOT NULL AND payee_id IS NOT NULL GROUP BY payer_id, payee_id"
        ):
            if e := edge(a, b):
                e["txns"] += n
                e["amount_fen"] += fen
                e["weight"] += n
    if layer in ("links", "all"):
        for lid, a, b, w in conn.execute("SELECT id, source_id, target_id, weight FROM link"):
            if e := edge(a, b):
                e["links"].append(lid)
                e["weight"] += w
    refs = entity_refs(conn, (n for pair in edges for n in pair))
    owner = _single_holders(conn) if by_person else {}
    import networkx as nx  # here, not at the top: the window starts without it

    g = nx.Graph(layer=layer, by_person=by_person)
    for (a, b), attrs in edges.items():
        u, v = owner.get(a, a), owner.get(b, b)
        if refs[a].kind in excluded or refs[b].kind in excluded or u == v:
            continue
        if g.has_edge(u, v):
            e = g.edges[u, v]
            for k in ("weight", "calls", "txns", "amount_fen"):
                e[k] += attrs[k]
            e["links"] += attrs["links"]
        else:
            g.add_edge(u, v, **attrs)
        if by_person:
            g.edges[u, v].setdefault("pairs", []).append((a, b))
    if owner:
        refs.update(entity_refs(conn, set(owner.values()) - set(refs)))
    for n in g.nodes:
        ref = refs[n]
        g.nodes[n].update(kind=ref.kind, key=ref.key, name=ref.name)
    return g


def _single_holders(conn: sqlite3.Connection) -> dict[int, int]:
    """Card, phone, handset, payment account or wallet id -> the one person who holds or
    uses it."""
    holders: dict[int, set[int]] = defaultdict(set)
    for thing, person in conn.execute(
        "SELECT l.target_id, l.source_id FROM link l "
        "JOIN entity p ON p.id = l.source_id AND p.kind = 'person' "
        "JOIN entity t ON t.id = l.target_id AND t.kind IN ('bank_card', 'phone_card', "
        "'device', 'payment_account', 'crypto_wallet') "
        f"WHERE l.type IN ({placeholders(len(_HOLDING_LINKS))})",
        _HOLDING_LINKS,
    ):
        holders[thing].add(person)
    return {thing: next(iter(ps)) for thing, ps in holders.items() if len(ps) == 1}


# ---------------------------------------------------------------------- ranking


def _order_key(g: nx.Graph, v) -> tuple:
    """Where ``v`` stands in key order: natural key, kind, name, then id (for entities
    without a key, the only thing left)."""
    d = g.nodes[v]
    key = d.get("key")
    return (key is None, key or "", d.get("kind", ""), d.get("name", ""), v)


def canonical(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` with its nodes, and each node's ties, in key order.

    Algorithms that visit nodes in graph order (the pivots of sampled betweenness,
    Louvain's shuffle, the sums of power iteration) then give the same answer however the
    case's rows were imported: the entity ids differ from one import to the next, the keys
    do not.

    >>> import networkx as nx
    >>> g = nx.Graph([(2, 1)])
    >>> g.nodes[1]["key"], g.nodes[2]["key"] = "b", "a"
    >>> list(canonical(g).nodes)
    [2, 1]
    """
    order = sorted(g.nodes, key=lambda v: _order_key(g, v))
    pos = {v: i for i, v in enumerate(order)}
    import networkx as nx

    h = nx.Graph()
    h.graph.update(g.graph)
    h.add_nodes_from((v, g.nodes[v]) for v in order)
    edges = ((u, v, d) if pos[u] < pos[v] else (v, u, d) for u, v, d in g.edges(data=True))
    h.add_edges_from(sorted(edges, key=lambda e: (pos[e[0]], pos[e[1]])))
    return h


def _tie_value(score: float) -> float:
    """The score as ranked and reported: nine significant digits, so that sums taken in
    another order (1e-16 apart) tie, as they should."""
    return float(f"{score:.9g}")


@dataclass
class RankEntry:
    """One entity's place in a ranking.

    ``rank`` is the standard competition rank ("1224"): entities with equal scores share
    it (``tied``) and the next score's rank counts them all.
    """

    rank: int
    entity_id: int
    key: str | None
    name: str
    kind: str
    score: float
    tied: bool = False


@dataclass
class Ranking:
    """Entities by a measure, best first, with how the measure was computed.

    Sampled betweenness states its error two ways. ``error_bound`` is guaranteed: with
    probability ``confidence`` each node's normalised betweenness lies within ±
    ``error_bound`` of the exact value (Hoeffding's inequality over ``samples`` pivots,
    Brandes & Pich 2007); it is loose. ``std_error`` is what the pivots themselves show:
    the largest standard error among the ranked entries, usually far smaller.

    ``distance`` says what betweenness counted as the length of a chain: ``hops`` (every
    tie one step) or ``inverse_weight`` (a tie of weight w is 1/w long, so chains run along
    strong ties); ``None`` for the other measures.
    """

    layer: str
    measure: str
    nodes: int
    edges: int
    exact: bool
    entries: list[RankEntry]
    samples: int | None = None
    error_bound: float | None = None
    confidence: float | None = None
    std_error: float | None = None
    distance: str | None = None

    def rows(self) -> list[dict]:
        """The entries as plain dicts, best first: what ``rank --json`` prints. Each row
        names the measure (and for betweenness the distance) it was ranked by."""
        extra = {"measure": self.measure}
        if self.distance is not None:
            extra["distance"] = self.distance
        return [{**asdict(e), **extra} for e in self.entries]

    def to_dict(self) -> dict:
        return asdict(self)


#: Distances betweenness can count chains in.
DISTANCES = ("hops", "inverse_weight")
#: Exact weighted betweenness up to this many nodes; sampled above it, from at most
#: :data:`WEIGHTED_BETWEENNESS_SAMPLES` pivots, with the error stated as for hops.
#: igraph's Dijkstra searches take two to three times its breadth-first searches: an
#: exact run at this size takes a few seconds, as the hop count's does at its limit (the
#: demo's 2,680-node ``all`` layer: 2.5 s; ``benchmarks/network.py``).
EXACT_WEIGHTED_BETWEENNESS_LIMIT = 2_500
WEIGHTED_BETWEENNESS_SAMPLES = 250


def rank(
    g: nx.Graph,
    measure: str = "degree",
    *,
    top: int | None = None,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
    seed: int = 0,
    distance: str = "hops",
) -> Ranking:
    """Rank the graph's entities by ``measure`` (one of :data:`MEASURES`), best first.

    ``degree`` counts distinct neighbours; ``weighted_degree`` sums edge weights;
    ``betweenness`` (normalised) is exact up to ``exact_limit`` nodes and estimated from
    ``samples`` pivots above it; ``pagerank`` (damping 0.85) and ``eigenvector`` use the
    weights. Betweenness counts a chain's length in ``distance``: ``hops`` by default (a
    call count is no distance), or ``inverse_weight``, where a tie's length is 1 / its
    weight (calls + transfers + links between the two), so that chains follow strong
    ties; weighted runs are exact up to :data:`EXACT_WEIGHTED_BETWEENNESS_LIMIT` nodes
    and take at most :data:`WEIGHTED_BETWEENNESS_SAMPLES` pivots above it.

    Ties share a rank (standard competition ranking: 1, 1, 1, 4) and are listed in key
    order, then by name and id for entities without a key: never in import order. The
    graph is taken in key order (:func:`canonical`), so the same case imported in another
    row order ranks the same.

    >>> import networkx as nx
    >>> g = nx.Graph([(1, 2), (2, 3), (3, 4), (2, 5)])
    >>> [(e.rank, e.entity_id, e.score) for e in rank(g, "degree", top=3).entries]
    [(1, 2, 3.0), (2, 3, 2.0), (3, 1, 1.0)]
    >>> [(e.rank, e.tied) for e in rank(g, "degree").entries][2:]
    [(3, True), (3, True), (3, True)]
    >>> round(rank(g, "betweenness").entries[0].score, 3)
    0.833
    """
    if measure not in MEASURES:
        raise AnalysisError("measure", measure, f"must be one of {', '.join(MEASURES)}")
    if distance not in DISTANCES:
        raise AnalysisError("distance", distance, f"must be one of {', '.join(DISTANCES)}")
    g = canonical(g)
    n = g.number_of_nodes()
    exact, k, bound, errors = True, None, None, {}
    if measure == "degree":
        scores = {v: float(d) for v, d in g.degree()}
    elif measure == "weighted_degree":
        scores = {v: float(d) for v, d in g.degree(weight="weight")}
    elif measure == "betweenness":
        weighted = distance == "inverse_weight"
        limit = min(exact_limit, EXACT_WEIGHTED_BETWEENNESS_LIMIT) if weighted else exact_limit
        if n > limit:
            exact, k = False, min(samples, n, WEIGHTED_BETWEENNESS_SAMPLES if weighted else n)
            bound = math.sqrt(math.log(2 / (1 - CONFIDENCE)) / (2 * k))
        scores, errors = _betweenness(g, k, seed, weighted=weighted)
    elif measure == "pagerank":
        scores = pagerank(g)
    else:
        scores = eigenvector(g)
    scores = {v: _tie_value(s) for v, s in scores.items()}
    position = {v: i for i, v in enumerate(g.nodes)}  # key order
    order = sorted(scores, key=lambda v: (-scores[v], position[v]))
    entries = []
    for i, v in enumerate(order):
        if top is not None and i >= top:
            break
        same_as_previous = i > 0 and scores[order[i - 1]] == scores[v]
        same_as_next = i + 1 < len(order) and scores[order[i + 1]] == scores[v]
        place = entries[-1].rank if same_as_previous else i + 1
        d = g.nodes[v]
        entries.append(
            RankEntry(place, v, d.get("key"), d.get("name", ""), d.get("kind", ""), scores[v],
                      same_as_previous or same_as_next)
        )  # fmt: skip
    return Ranking(
        layer=g.graph.get("layer", ""),
        measure=measure,
        nodes=n,
        edges=g.number_of_edges(),
        exact=exact,
        entries=entries,
        samples=k,
        error_bound=None if bound is None else round(bound, 4),
        confidence=None if exact else CONFIDENCE,
        std_error=None if exact else round(max(errors[e.entity_id] for e in entries), 6),
        distance=distance if measure == "betweenness" else None,
    )


def betweenness(g: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """Normalised betweenness on hop distance, as ``nx.betweenness_centrality`` gives it.

    Brandes' algorithm in igraph (the tests hold it to networkx's numbers to 1e-9). With
    ``k``, only ``k`` pivots (drawn with ``seed``) are searched and the sum scaled by n / k.

    >>> import networkx as nx
    >>> b = betweenness(nx.path_graph(4))
    >>> [round(b[v], 4) for v in range(4)]
    [0.0, 0.6667, 0.6667, 0.0]
    """
    return _betweenness(g, k, seed)[0]


def weighted_betweenness(g: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """Normalised betweenness where a tie of weight w is 1/w long: strong ties are short.

    Brandes' algorithm on Dijkstra's searches, in igraph. Chains of equal length share the
    credit, also where their lengths are sums of fractions that floating point rounds
    apart (1/2 + 1/3 + 1/6 against 1), as exact arithmetic would; ties with no
    positive weight carry no chain. With ``k``, ``k`` pivots (drawn with ``seed``) are
    searched and scaled by n / k.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([(0, 1, 1), (1, 2, 1), (0, 3, 10), (3, 2, 10)])
    >>> b = weighted_betweenness(g)
    >>> b[3] > b[1]
    True
    """
    return _betweenness(g, k, seed, weighted=True)[0]


#: Edge visits per igraph call of a betweenness run. igraph holds Python's GIL for the
#: whole of a call, so a run on the analysis worker is cut into calls of about 0.1 s
#: (some 7 ns a visit) between which the window gets to repaint.
VISITS_PER_CALL = 15_000_000
#: At least this many groups of pivots for the standard error of sampled betweenness.
ERROR_BATCHES = 20


def _betweenness(
    g: nx.Graph, k: int | None, seed: int, *, weighted: bool = False
) -> tuple[dict, dict]:
    """Betweenness and, when sampled, each node's standard error (else zeros).

    igraph counts each pair once on an undirected graph; Brandes' dependency of every node
    on a source, which the pivots' statistics are about, is twice igraph's count for that
    source. The standard error comes from the spread between groups of pivots searched in
    one call each (batch means): one call per pivot would rebuild igraph's adjacency every
    time and cost more than the searches on large graphs.
    """
    nodes = list(g.nodes)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0), dict.fromkeys(nodes, 0.0)
    h, lengths = _igraph(g, "weight", lengths=True) if weighted else (_igraph(g), None)
    per_call = max(1, math.ceil(VISITS_PER_CALL / (n + 2 * h.ecount())))
    norm = 1.0 / ((n - 1) * (n - 2))
    error = np.zeros(n)

    def dependencies(sources: list[int]) -> np.ndarray:
        return 2.0 * np.asarray(h.betweenness(directed=False, weights=lengths, sources=sources))

    if k is None or k >= n:
        total = np.zeros(n)
        for start in range(0, n, per_call):
            total += dependencies(list(range(start, min(n, start + per_call))))
        total *= norm
    else:
        index = {v: i for i, v in enumerate(nodes)}
        pivots = [index[v] for v in random.Random(seed).sample(nodes, k)]
        groups = min(k, max(ERROR_BATCHES, math.ceil(k / per_call)))
        batches = np.array_split(np.asarray(pivots), groups)
        sums = np.array([dependencies(b.tolist()) for b in batches])
        sizes = np.array([len(b) for b in batches], dtype=float)[:, None]
        mean = sums.sum(axis=0) / k
        # One pivot's variance from the batch means (with one pivot a batch this is the
        # plain sample variance); the estimate is the mean of k draws without replacement
        # from the n possible pivots, hence the finite-population factor.
        variance = (sizes * (sums / sizes - mean) ** 2).sum(axis=0) / max(groups - 1, 1)
        error = n * norm * np.sqrt(variance / k * (n - k) / (n - 1))
        total = mean * n * norm
    return (
        dict(zip(nodes, total.tolist(), strict=True)),
        dict(zip(nodes, error.tolist(), strict=True)),
    )


def _igraph(g: nx.Graph, weight: str | None = None, *, lengths: bool = False):
    """``g`` as an igraph graph, vertex i being ``g``'s i-th node, edges in ``g``'s order.

    Returns the graph alone, or with ``weight`` the graph and its edges' weights (missing
    weights count 1); with ``lengths`` too, the lengths 1 / weight instead, leaving out the
    edges with no positive weight.
    """
    import igraph

    index = {v: i for i, v in enumerate(g.nodes)}
    pairs, values = [], []
    for a, b, w in g.edges(data=weight or "weight", default=1.0):
        if lengths:
            if not w or w <= 0:
                continue
            w = 1.0 / w
        pairs.append((index[a], index[b]))
        values.append(float(w))
    h = igraph.Graph(n=len(index), edges=pairs)
    return h if weight is None else (h, values)


def _arrays(g: nx.Graph, weight: str | None):
    nodes = list(g.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    src, dst, w = [], [], []
    for a, b, d in g.edges(data=True):
        x = float(d.get(weight, 1.0)) if weight else 1.0
        src += [index[a], index[b]]
        dst += [index[b], index[a]]
        w += [x, x]
    return nodes, np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), np.array(w)


def pagerank(
    g: nx.Graph, alpha: float = 0.85, weight: str | None = "weight", tol: float = 1e-10
) -> dict:
    """PageRank of an undirected graph, by power iteration on edge arrays (numpy only).

    Matches networkx's ``pagerank`` (which needs SciPy): uniform teleport, dangling
    nodes' rank spread evenly. Kept by hand rather than igraph's (PRPACK): on a quiet
    2-core machine the two take about as long on a case's graphs (the demo: 0.05 to
    0.06 s), but igraph's spins OpenMP threads that, with other work running, take it to
    0.5 s and more where this takes 0.09 s (``benchmarks/network.py``).

    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(3))
    >>> round(pr[0], 4), round(sum(pr.values()), 6)
    (0.4797, 1.0)
    """
    nodes, src, dst, w = _arrays(g, weight)
    n = len(nodes)
    if n == 0:
        return {}
    strength = np.bincount(src, weights=w, minlength=n)
    dangling = strength == 0
    share = np.divide(w, strength[src], out=np.zeros_like(w), where=strength[src] > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(1000):
        prev = x
        x = alpha * np.bincount(dst, weights=prev[src] * share, minlength=n)
        x += (alpha * prev[dangling].sum() + 1 - alpha) / n
        if np.abs(x - prev).sum() < n * tol:
            break
    return dict(zip(nodes, x.tolist(), strict=True))


def eigenvector(g: nx.Graph, weight: str | None = "weight", tol: float = 1e-10) -> dict:
    """Eigenvector centrality (unit Euclidean norm), by power iteration on A + I.

    Iterating A + I instead of A, as networkx does, converges on bipartite graphs too (cards
    and their holders make many); the eigenvector is the same. igraph's (ARPACK) is faster
    but, on a graph of several components of the same leading eigenvalue, returns some
    vector of that eigenspace: nodes in symmetric positions no longer tie, which the
    ranking promises they do. Power iteration from the uniform vector keeps them equal.

    >>> import networkx as nx
    >>> ev = eigenvector(nx.path_graph(3))
    >>> [round(ev[v], 4) for v in range(3)]
    [0.5, 0.7071, 0.5]
    """
    nodes, src, dst, w = _arrays(g, weight)
    n = len(nodes)
    if n == 0:
        return {}
    x = np.full(n, 1.0 / n)
    for _ in range(1000):
        prev = x
        x = prev + np.bincount(dst, weights=prev[src] * w, minlength=n)
        x /= np.linalg.norm(x)
        if np.abs(x - prev).sum() < n * tol:
            break
    return dict(zip(nodes, x.tolist(), strict=True))


# ---------------------------------------------------------------------- communities


@dataclass
class Member:
    """An entity as results name it."""

    entity_id: int
    key: str | None
    name: str
    kind: str


@dataclass
class Community:
    """A sub-group: members most of whose ties stay inside it."""

    index: int
    size: int
    members: list[Member]
    #: The member with the most ties inside the group.
    hub: int
    internal_weight: float
    external_weight: float
    #: With ``runs``: the mean of ``member_stability`` over the members.
    stability: float | None = None
    #: With ``runs``: for each member (in ``members`` order), the share of the runs in
    #: which it landed with the group's core: the group of that run holding most of the
    #: members (on a tie, the one holding the hub or else the first member in key order).
    member_stability: list[float] | None = None


@dataclass
class Communities:
    """Louvain communities of a layer: suggestions the analyst may accept as organisations."""

    layer: str
    modularity: float
    seed: int
    resolution: float
    groups: list[Community]
    #: Entities in groups smaller than ``min_size`` (not listed).
    ungrouped: int = 0
    #: Further Louvain runs (seeds ``seed + 1`` ...) the stability was measured on.
    runs: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def communities(
    g: nx.Graph, *, seed: int = 0, resolution: float = 1.0, min_size: int = 3, runs: int = 0
) -> Communities:
    """Louvain communities (igraph's multilevel, weighted, fixed ``seed``), largest first.

    Deterministic for a given case: the graph is taken in key order (:func:`canonical`)
    before Louvain visits its nodes in an order shuffled with ``seed``, so the same case
    imported in another row order gives the same groups, numbered the same (largest first,
    then by the first member's key). ``modularity`` is that of the whole partition, small
    groups included; groups smaller than ``min_size`` are counted in ``ungrouped`` rather
    than listed.

    Louvain is a heuristic: another seed can draw the borders elsewhere. With ``runs``,
    Louvain runs again with seeds ``seed + 1`` … ``seed + runs``, and each group states how
    often each member landed with the group's core, the run's group that took most of its
    members (``member_stability``), and the mean of that over the members
    (``stability``): 1 for a group every run finds whole, lower where runs split it or
    draw its border elsewhere.

    >>> import networkx as nx
    >>> g = nx.barbell_graph(5, 0)
    >>> found = communities(g, runs=5)
    >>> [c.size for c in found.groups], round(found.modularity, 3), found.groups[0].stability
    ([5, 5], 0.452, 1.0)
    """
    if runs < 0:
        raise AnalysisError("runs", runs, "must be zero or more")
    if g.number_of_nodes() == 0:
        return Communities(g.graph.get("layer", ""), 0.0, seed, resolution, [], 0, runs)
    g = canonical(g)
    nodes = list(g.nodes)
    h, weights = _igraph(g, "weight")

    def louvain(s: int) -> np.ndarray:
        with seeded_igraph(s):
            found = h.community_multilevel(weights=weights, resolution=resolution)
        return np.asarray(found.membership)

    label = louvain(seed)
    modularity = h.modularity(label.tolist(), weights=weights, resolution=resolution,
                              directed=False) if h.ecount() else 0.0  # fmt: skip
    if math.isnan(modularity):  # no weight at all: nothing to be modular about
        modularity = 0.0
    # Node indices are key order: parts list their members in key order.
    parts = [np.flatnonzero(label == c) for c in np.unique(label)]
    parts.sort(key=lambda p: (-len(p), p[0]))
    src, dst = np.asarray(h.get_edgelist(), dtype=np.int64).reshape(-1, 2).T
    w = np.asarray(weights, dtype=float)
    n = len(nodes)
    strength = np.bincount(src, w, n) + np.bincount(dst, w, n)
    inside = label[src] == label[dst]
    # Each node's weight of ties inside its own group.
    inner = np.bincount(src[inside], w[inside], n) + np.bincount(dst[inside], w[inside], n)
    internal = np.bincount(label[src[inside]], w[inside], int(label.max()) + 1)
    labels = [louvain(seed + r) for r in range(1, runs + 1)]
    groups = []
    ungrouped = 0
    for part in parts:
        if len(part) < min_size:
            ungrouped += len(part)
            continue
        hub = int(part[np.argmax(inner[part])])  # the first in key order on a tie
        weight_in = float(internal[label[hub]])
        total = float(strength[part].sum())
        members = [_member(g, nodes[i]) for i in part]
        group = Community(len(groups) + 1, len(part), members, nodes[hub], weight_in,
                          total - 2 * weight_in)  # fmt: skip
        if runs:
            together = np.zeros(len(part))
            for lab in labels:
                counts = Counter(lab[part].tolist())
                # The core: most members; on a tie the hub's group, then key order.
                core = max(counts, key=lambda c, lab=lab: (counts[c], c == lab[hub]))
                together += lab[part] == core
            group.member_stability = [round(float(t) / runs, 4) for t in together]
            group.stability = round(float(together.sum()) / (runs * len(part)), 4)
        groups.append(group)
    return Communities(
        g.graph.get("layer", ""), round(modularity, 6), seed, resolution, groups, ungrouped, runs
    )


def _member(g: nx.Graph, v: int) -> Member:
    d = g.nodes[v]
    return Member(v, d.get("key"), d.get("name", ""), d.get("kind", ""))


# ---------------------------------------------------------------------- paths


@dataclass
class Hop:
    """One step of a path and the facts behind it (ids capped at ``evidence_cap``)."""

    source: int
    target: int
    calls: int
    txns: int
    amount_fen: int
    link_ids: list[int]
    link_types: list[str]
    call_ids: list[int] = field(default_factory=list)
    txn_ids: list[int] = field(default_factory=list)


@dataclass
class Path:
    """The shortest chain between two entities on a layer, if there is one."""

    source: int
    target: int
    layer: str
    found: bool
    length: int
    nodes: list[Member]
    hops: list[Hop]

    def to_dict(self) -> dict:
        return asdict(self)


def find_path(
    store: CaseStore,
    source: int,
    target: int,
    *,
    layer: str = "all",
    graph: nx.Graph | None = None,
    evidence_cap: int = 20,
) -> Path:
    """The shortest chain (fewest hops) from ``source`` to ``target`` with its evidence.

    ``graph`` (from :func:`case_graph`, e.g. ``by_person=True``) is reused when given;
    otherwise the layer's graph is built. Each hop lists its link ids and types and the ids
    of the calls and transactions between the two (for a folded graph: between the cards
    and phones they hold).
    """
    g = graph if graph is not None else case_graph(store, layer)
    for v in (source, target):
        if not store.has_entity(v):
            raise AnalysisError("entity", v, "not in the case")
    if source not in g or target not in g:
        return Path(source, target, g.graph.get("layer", layer), False, 0, [], [])
    import networkx as nx

    try:
        nodes = nx.shortest_path(g, source, target)
    except nx.NetworkXNoPath:
        return Path(source, target, g.graph.get("layer", layer), False, 0, [], [])
    conn = connection(store)
    hops = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        e = g.edges[a, b]
        types = _link_types(conn, e["links"])
        hop = Hop(a, b, e["calls"], e["txns"], e["amount_fen"], sorted(e["links"]), types)
        for x, y in e.get("pairs", [(a, b)]):
            hop.call_ids += _between(conn, "call", "caller_id", "callee_id", x, y, evidence_cap)
            hop.txn_ids += _between(conn, "txn", "payer_id", "payee_id", x, y, evidence_cap)
        hop.call_ids = sorted(hop.call_ids)[:evidence_cap]
        hop.txn_ids = sorted(hop.txn_ids)[:evidence_cap]
        hops.append(hop)
    return Path(
        source,
        target,
        g.graph.get("layer", layer),
        True,
        len(nodes) - 1,
        [_member(g, v) for v in nodes],
        hops,
    )


def _link_types(conn: sqlite3.Connection, link_ids: list[int]) -> list[str]:
    types: set[str] = set()
    for batch in chunks(link_ids):
        types.update(
            r[0]
            for r in conn.execute(
                f"SELECT type FROM link WHERE id IN ({placeholders(len(batch))})", batch
            )
        )
    return sorted(types)


def _between(conn, table: str, a_col: str, b_col: str, x: int, y: int, cap: int) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM {table} WHERE {a_col} = :x AND {b_col} = :y UNION "
            f"SELECT id FROM {table} WHERE {a_col} = :y AND {b_col} = :x ORDER BY 1 LIMIT :n",
            {"x": x, "y": y, "n": cap},
        )
    ]


# ---------------------------------------------------------------------- common contacts


@dataclass
class CommonContact:
    """An entity in touch with several of the selected ones."""

    entity_id: int
    key: str | None
    name: str
    kind: str
    #: Selected entities it is in touch with (directly or through what they hold).
    shared_with: list[int]
    calls: int = 0
    txns: int = 0
    amount_fen: int = 0
    links: int = 0
    #: Name of the person holding it, when it is a card or phone with a known holder.
    holder: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def common_contacts(
    store: CaseStore,
    selection: Iterable[int],
    *,
    layer: str = "all",
    min_shared: int = 2,
) -> list[CommonContact]:
    """Contacts and counterparties shared by at least ``min_shared`` selected entities.

    A selected person counts with what they hold or use: their cards' counterparties and
    their phones' contacts are theirs. Results are sorted by how many selected entities
    they share, then by the amount of evidence, then by key (never by import order); the
    selected entities and what they hold are not listed.
    """
    if layer not in LAYERS:
        raise AnalysisError("layer", layer, f"must be one of {', '.join(LAYERS)}")
    conn = connection(store)
    chosen = list(dict.fromkeys(selection))
    if min_shared < 1:
        raise AnalysisError("min shared", min_shared, "must be at least 1")
    own: dict[int, set[int]] = {}
    for s in chosen:
        own[s] = {s} | {
            r[0]
            for r in conn.execute(
                "SELECT target_id FROM link WHERE source_id = ? AND type IN ('holds', 'uses')",
                (s,),
            )
        }
    everything_selected = set().union(*own.values()) if own else set()
    tally: dict[int, dict] = defaultdict(
        lambda: {"with": set(), "calls": 0, "txns": 0, "amount_fen": 0, "links": 0}
    )
    for s, ids in own.items():
        for eid in ids:
            for other, calls, txns, fen, links in _contacts(conn, eid, layer):
                if other in everything_selected:
                    continue
                t = tally[other]
                t["with"].add(s)
                t["calls"] += calls
                t["txns"] += txns
                t["amount_fen"] += fen
                t["links"] += links
    shared = {e: t for e, t in tally.items() if len(t["with"]) >= min_shared}
    refs = entity_refs(conn, shared)
    holders = _holder_names(conn, shared)
    out = [
        CommonContact(
            e,
            refs[e].key,
            refs[e].name,
            refs[e].kind,
            sorted(t["with"]),
            t["calls"],
            t["txns"],
            t["amount_fen"],
            t["links"],
            holders.get(e, ""),
        )  # fmt: skip
        for e, t in shared.items()
    ]
    # Equal evidence in key order, never in import order.
    out.sort(key=lambda c: (-len(c.shared_with), -(c.calls + c.txns + c.links),
                            c.key is None, c.key or "", c.kind, c.name, c.entity_id))  # fmt: skip
    return out


def _contacts(conn: sqlite3.Connection, eid: int, layer: str) -> list[tuple]:
    """(other, calls, txns, amount, links) of one entity, from indexed queries."""
    rows: list[tuple] = []
    if layer in ("calls", "all"):
        rows += conn.execute(
            "SELECT callee_id, count(*), 0, 0, 0 FROM call WHERE caller_id = :e GROUP BY 1 "
            "UNION ALL SELECT caller_id, count(*), 0, 0, 0 FROM call WHERE callee_id = :e "
            "GROUP BY 1",
            {"e": eid},
        ).fetchall()
    if layer in ("money", "all"):
        rows += conn.execute(
            "SELECT payee_id, 0, count(*), sum(amount_fen), 0 FROM txn "
            "WHERE payer_id = :e AND payee_id IS NOT NULL GROUP BY 1 "
            "UNION ALL SELECT payer_id, 0, count(*), sum(amount_fen), 0 FROM txn "
            "WHERE payee_id = :e AND payer_id IS NOT NULL GROUP BY 1",
            {"e": eid},
        ).fetchall()
    if layer in ("links", "all"):
        rows += conn.execute(
            "SELECT target_id, 0, 0, 0, count(*) FROM link WHERE source_id = :e GROUP BY 1 "
            "UNION ALL SELECT source_id, 0, 0, 0, count(*) FROM link WHERE target_id = :e "
            "GROUP BY 1",
            {"e": eid},
        ).fetchall()
    return rows


def _holder_names(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for batch in chunks(list(ids)):
        for thing, name in conn.execute(
            "SELECT l.target_id, p.name FROM link l JOIN entity p ON p.id = l.source_id "
            f"AND p.kind = 'person' WHERE l.type = 'holds' AND l.target_id IN "
            f"({placeholders(len(batch))}) ORDER BY l.confidence, l.id",
            batch,
        ):
            out[thing] = name  # the most confident holder wins (ordered last)
    return out


# ---------------------------------------------------------------------- regions

#: Which of an entity's regions places it, by preference: where it acts, then where its
#: account was opened or number attributed, then household registration, then arrest.
REGION_PREFERENCE = ("activity", "account_opening", "phone_attribution", "household", "arrest")


@dataclass
class RegionCell:
    """Ties from entities placed in ``source`` to entities placed in ``target``."""

    source: str
    target: str
    links: int = 0
    calls: int = 0
    txns: int = 0
    amount_fen: int = 0


@dataclass
class RegionMatrix:
    """Links, calls and money between regions (province level; overseas places as they are)."""

    regions: list[dict]
    cells: list[RegionCell]
    #: Entities with ties but no region, whose ties the matrix leaves out.
    unplaced: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def region_of(conn: sqlite3.Connection, preference: Iterable[str] = REGION_PREFERENCE):
    """Entity id -> the code placing it: province level for mainland codes, else as is."""
    rank_of = {r: i for i, r in enumerate(preference)}
    best: dict[int, tuple[int, str]] = {}
    for eid, code, reason in conn.execute(
        "SELECT entity_id, region_code, reason FROM entity_region"
    ):
        if reason not in rank_of:
            continue
        cand = (rank_of[reason], code)
        if eid not in best or cand < best[eid]:
            best[eid] = cand
    return {eid: province_code(code) or code for eid, (_, code) in best.items()}


def region_matrix(
    store: CaseStore, *, preference: Iterable[str] = REGION_PREFERENCE
) -> RegionMatrix:
    """Cross-region matrix of links, calls and money (directed: source region -> target).

    Each entity is placed by its most preferred region reason (``preference``), lifted to
    the province for mainland codes (:func:`workbench.regions.province_code`); overseas
    codes (``XMM-N``...) stay as they are. Same-region ties are the diagonal cells.
    """
    conn = connection(store)
    place = region_of(conn, preference)
    cells: dict[tuple[str, str], RegionCell] = {}
    unplaced: set[int] = set()

    def add(a: int, b: int, field_: str, n: int, fen: int = 0) -> None:
        ra, rb = place.get(a), place.get(b)
        if ra is None or rb is None:
            unplaced.update(x for x, r in ((a, ra), (b, rb)) if r is None)
            return
        cell = cells.get((ra, rb))
        if cell is None:
            cell = cells[(ra, rb)] = RegionCell(ra, rb)
        setattr(cell, field_, getattr(cell, field_) + n)
        cell.amount_fen += fen

    for a, b, n in conn.execute("SELECT source_id, target_id, count(*) FROM link GROUP BY 1, 2"):
        add(a, b, "links", n)
    for a, b, n in conn.execute("SELECT caller_id, callee_id, count(*) FROM call GROUP BY 1, 2"):
        add(a, b, "calls", n)
    for a, b, n, fen in conn.execute(
        "SELECT payer_id, payee_id, count(*), sum(amount_fen) FROM txn "
        "WHERE payer_id IS NOT NULL AND payee_id IS NOT NULL GROUP BY 1, 2"
    ):
        add(a, b, "txns", n, fen)
    codes = sorted({c for pair in cells for c in pair})
    names = {}
    for batch in chunks(codes):
        names.update(
            conn.execute(
                f"SELECT code, name FROM region WHERE code IN ({placeholders(len(batch))})", batch
            ).fetchall()
        )
    weight: dict[str, int] = defaultdict(int)
    for (ra, rb), cell in cells.items():
        total = cell.links + cell.calls + cell.txns
        weight[ra] += total
        weight[rb] += total
    regions = [
        {"code": c, "name": names.get(c, c)} for c in sorted(codes, key=lambda c: (-weight[c], c))
    ]
    ordered = sorted(
        cells.values(), key=lambda c: (-(c.links + c.calls + c.txns), c.source, c.target)
    )
    return RegionMatrix(regions, ordered, len(unplaced))


__all__ = [
    "DISTANCES",
    "LAYERS",
    "MEASURES",
    "CommonContact",
    "Communities",
    "Community",
    "Hop",
    "Path",
    "RankEntry",
    "Ranking",
    "RegionCell",
    "RegionMatrix",
    "canonical",
    "case_graph",
    "common_contacts",
    "communities",
    "betweenness",
    "eigenvector",
    "find_path",
    "pagerank",
    "rank",
    "region_matrix",
    "region_of",
    "weighted_betweenness",
]
