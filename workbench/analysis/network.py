"""Network analysis: who holds the gang together, which sub-groups form, how two suspects connect.

:func:`case_graph` turns a case layer into an undirected networkx graph built from SQL
aggregates (calls, money, analyst links, or all of them); the measures, communities and
paths then run on that graph, written the networkx way: graph first, plain data back.
Betweenness and Louvain run in igraph, copied from the graph in key order; PageRank and
eigenvector centrality stay hand-written power iterations (see each for why).
Common contacts and the cross-region matrix read the case directly, with indexed queries.
Louvain communities live in :mod:`.community`, paths and common contacts in
:mod:`.paths`; this module re-exports their public names.

Edge ``weight`` is the number of pieces of evidence between two entities: calls plus
transfers plus the links' own weights. Amounts are kept apart (``amount_fen``) because
adding yuan to call counts would mean nothing.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..regions import province_code
from ..store import CaseStore
from ._common import AnalysisError, chunks, connection, entity_refs, placeholders

# Communities, paths and common contacts moved to their own modules; callers, tests and
# benchmarks import them from here, so they are re-exported under their own names.
from .community import Communities as Communities
from .community import Community as Community
from .community import Member as Member
from .community import communities as communities
from .paths import CommonContact as CommonContact
from .paths import Hop as Hop
from .paths import Path as Path
from .paths import common_contacts as common_contacts
from .paths import find_path as find_path

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
