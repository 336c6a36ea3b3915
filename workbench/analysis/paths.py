"""Paths and common contacts: how two suspects connect, and whom a selection shares.

:func:`find_path` walks a graph from :func:`~.network.case_graph` and lists the evidence
behind each hop; :func:`common_contacts` reads the case directly, with indexed queries. Split
from :mod:`.network` (which re-exports every public name here) to keep each module to one
concern.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ..store import CaseStore
from ._common import AnalysisError, chunks, connection, entity_refs, placeholders
from .community import Member, _member

if TYPE_CHECKING:
    import networkx as nx

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
    from .network import case_graph  # not at the top: network.py imports this module

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
    from .network import LAYERS  # not at the top: network.py imports this module

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


__all__ = ["CommonContact", "Hop", "Path", "common_contacts", "find_path"]
