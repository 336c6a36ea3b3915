"""Communities: the sub-groups Louvain finds in a case graph, suggestions for organisations.

:func:`communities` runs on a graph from :func:`~.network.case_graph` and returns plain data
(:class:`Communities` of :class:`Community` groups of :class:`Member` entities). Split from
:mod:`.network` (which re-exports every public name here) to keep each module to one concern.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..layout.rng import seeded_igraph
from ._common import AnalysisError

if TYPE_CHECKING:
    import networkx as nx

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
    from .network import _igraph, canonical  # not at the top: network.py imports this module

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


__all__ = ["Communities", "Community", "Member", "communities"]
