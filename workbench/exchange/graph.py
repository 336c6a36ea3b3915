"""GraphML and GEXF for Gephi: one node per entity, three layers of edges.

The graph is a directed multigraph. Between two entities there can be an analyst's link of
each type (``layer="links"``), one money edge folding every transfer from payer to payee
(``layer="money"``: ``total_fen``, ``count``, ``first_ts``, ``last_ts``) and one call edge
folding every call from caller to callee (``layer="calls"``: ``count``, ``duration_s``).
Gephi filters on ``layer`` and sizes by ``weight`` (links: the link's weight; money and
calls: the number of facts). Undirected link types carry ``directed=False``; GEXF's per-edge
``type="undirected"`` is not used because networkx refuses it in a directed graph on read.

Both files are streamed by hand rather than through networkx's writers: those build an
ElementTree of the whole graph and took 7-10 s for the demo case's 38,000 edges. The
attribute declarations are fixed (``ATTRIBUTES``): integers are ``long`` (fen totals pass
2^31 in large cases), decimals ``double``, flags ``boolean``, the rest ``string``, which
both Gephi and ``networkx.read_graphml`` / ``read_gexf`` read back to the same Python types.
In GEXF ``label`` and ``weight`` are the element's own label and weight attributes, and
each node carries a ``viz`` colour and size by kind (``VIZ``).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..model import PAYMENT_PLATFORMS, Kind
from ..store import CaseStore
from ._case import (
    EXIT_KINDS,
    CaseView,
    ExportSummary,
    atomic_path,
    culpability_zh,
    fen_to_yuan,
    org_type_zh,
    status_zh,
    vocab_zh,
    xml_attr,
    xml_text,
)

KIND_ZH = {
    Kind.PERSON: "人员",
    Kind.PHONE_CARD: "电话卡",
    Kind.BANK_CARD: "银行卡",
    Kind.DEVICE: "设备",
    Kind.ORGANISATION: "组织",
    Kind.PAYMENT_ACCOUNT: "支付账户",
    Kind.CRYPTO_WALLET: "加密钱包",
}


#: GEXF colour and size of each kind, so that Gephi opens the graph readable before any
#: partition or ranking is applied: people red, organisations purple, phone cards blue,
#: bank cards green, handsets grey, payment accounts cyan, crypto wallets orange.
VIZ: dict[str, tuple[tuple[int, int, int], float]] = {
    Kind.PERSON: ((214, 39, 40), 10.0),
    Kind.ORGANISATION: ((148, 103, 189), 16.0),
    Kind.PHONE_CARD: ((31, 119, 180), 6.0),
    Kind.BANK_CARD: ((44, 160, 44), 6.0),
    Kind.DEVICE: ((127, 127, 127), 5.0),
    Kind.PAYMENT_ACCOUNT: ((23, 190, 207), 6.0),
    Kind.CRYPTO_WALLET: ((255, 127, 14), 7.0),
}


def node_id(entity_id: int) -> str:
    """The node id of an entity in the graph files.

    >>> node_id(42)
    'n42'
    """
    return f"n{entity_id}"


#: (name, type) of every node attribute and every edge attribute the graph files declare.
ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "node": (
        ("label", "string"),
        ("entity_id", "long"),
        ("kind", "string"),
        ("kind_zh", "string"),
        ("name", "string"),
        ("key", "string"),
        ("key_valid", "boolean"),
        ("roles", "string"),
        ("roles_zh", "string"),
        ("culpability", "string"),
        ("culpability_zh", "string"),
        ("legal_status", "string"),
        ("legal_status_zh", "string"),
        ("aliases", "string"),
        ("region_code", "string"),
        ("region", "string"),
        ("region_full", "string"),
        ("region_en", "string"),
        ("region_reason", "string"),
        ("bank", "string"),
        ("carrier", "string"),
        ("model", "string"),
        ("org_type", "string"),
        ("org_type_zh", "string"),
        ("platform", "string"),
        ("platform_zh", "string"),
        ("chain", "string"),
        ("currency", "string"),
        ("holder", "string"),
        ("exit_fen", "long"),
        ("exit_kinds", "string"),
        ("exit_kinds_zh", "string"),
    ),
    "edge": (
        ("label", "string"),
        ("layer", "string"),
        ("link_type", "string"),
        ("link_type_zh", "string"),
        ("link_type_en", "string"),
        ("directed", "boolean"),
        ("weight", "double"),
        ("link_id", "long"),
        ("origin", "string"),
        ("confidence", "double"),
        ("note", "string"),
        ("total_fen", "long"),
        ("total_yuan", "double"),
        ("count", "long"),
        ("duration_s", "long"),
        ("first_ts", "string"),
        ("last_ts", "string"),
    ),
}


class GraphItems:
    """The nodes and edges of the case graph as plain data, before any file format."""

    def __init__(self, view: CaseView):
        meta = view.meta_text
        self.meta = {"name": meta.get("name", "")}
        for key in ("number", "unit"):
            if meta.get(key):
                self.meta[key] = meta[key]
        self.nodes: list[tuple[str, dict]] = []
        self.edges: list[tuple[str, str, str, dict]] = []
        self.links = self.money_edges = self.call_edges = 0
        self.transactions = self.calls = 0
        self._read(view)

    def _read(self, view: CaseView) -> None:
        exits = view.money_exits()
        for e in view.entities.values():
            attrs = {
                "label": e.label,
                "entity_id": e.id,
                "kind": e.kind,
                "kind_zh": KIND_ZH.get(Kind(e.kind), e.kind),
                "name": e.name,
                "key": e.key or "",
                "key_valid": e.key_valid,
                "roles": ",".join(e.roles),
                "roles_zh": e.roles_zh(),
                "culpability": e.culpability,
                "culpability_zh": culpability_zh(e.culpability),
                "legal_status": e.legal_status,
                "legal_status_zh": status_zh(e.legal_status),
                "aliases": "; ".join(e.aliases),
            }
            if e.region:
                r = e.region
                attrs.update(
                    region_code=r.code,
                    region=r.name,
                    region_full=r.full,
                    region_en=r.name_en,
                    region_reason=r.reason,
                )
            for attr in ("bank", "carrier", "model"):
                if e.attrs.get(attr):
                    attrs[attr] = str(e.attrs[attr])
            if e.attrs.get("platform"):
                attrs["platform"] = str(e.attrs["platform"])
                attrs["platform_zh"] = vocab_zh(PAYMENT_PLATFORMS, attrs["platform"])
            for attr in ("chain", "currency"):
                if e.attrs.get(attr):
                    attrs[attr] = str(e.attrs[attr])
            if e.attrs.get("org_type"):
                attrs["org_type"] = e.attrs["org_type"]
                attrs["org_type_zh"] = org_type_zh(e.attrs["org_type"])
            if e.holder_id is not None:
                attrs["holder"] = view.entities[e.holder_id].label
            out = exits.get(e.id)
            if out:
                kinds = sorted(out)
                attrs["exit_fen"] = sum(total for total, _ in out.values())
                attrs["exit_kinds"] = ",".join(kinds)
                attrs["exit_kinds_zh"] = "、".join(EXIT_KINDS.get(k, (k,))[0] for k in kinds)
            self.nodes.append((node_id(e.id), attrs))

        links = view.links()
        for link in links:
            self.edges.append(
                (
                    f"L{link.id}",
                    node_id(link.source_id),
                    node_id(link.target_id),
                    {
                        "label": link.type_zh,
                        "layer": "links",
                        "link_type": link.type,
                        "link_type_zh": link.type_zh,
                        "link_type_en": link.type_en,
                        "directed": link.directed,
                        "weight": float(link.weight),
                        "link_id": link.id,
                        "origin": link.origin,
                        "confidence": float(link.confidence),
                        "note": link.note,
                    },
                )
            )
        money = view.money_edges()
        for i, (payer, payee, total, count, first, last) in enumerate(money, 1):
            self.edges.append(
                (
                    f"M{i}",
                    node_id(payer),
                    node_id(payee),
                    {
                        "label": f"¥{fen_to_yuan(total)} ×{count}",
                        "layer": "money",
                        "link_type": "pays",
                        "link_type_zh": "转账",
                        "link_type_en": "pays",
                        "directed": True,
                        "weight": float(count),
                        "total_fen": int(total),
                        "total_yuan": total / 100,
                        "count": int(count),
                        "first_ts": first,
                        "last_ts": last,
                    },
                )
            )
            self.transactions += count
        calls = view.call_edges()
        for i, (caller, callee, count, duration, first, last) in enumerate(calls, 1):
            self.edges.append(
                (
                    f"C{i}",
                    node_id(caller),
                    node_id(callee),
                    {
                        "label": f"{count}次",
                        "layer": "calls",
                        "link_type": "calls",
                        "link_type_zh": "通话",
                        "link_type_en": "calls",
                        "directed": True,
                        "weight": float(count),
                        "count": int(count),
                        "duration_s": int(duration or 0),
                        "first_ts": first,
                        "last_ts": last,
                    },
                )
            )
            self.calls += count
        self.links, self.money_edges, self.call_edges = len(links), len(money), len(calls)

    def summary(self, path: Path, fmt: str) -> ExportSummary:
        return ExportSummary(
            path=Path(path),
            format=fmt,
            entities=len(self.nodes),
            links=self.links,
            transactions=self.transactions,
            calls=self.calls,
            money_edges=self.money_edges,
            call_edges=self.call_edges,
        )


def case_graph(view: CaseView):
    """The case (or selection) as a ``networkx.MultiDiGraph`` with the files' attributes.

    Edge keys are the edge ids of the files (``L<link id>``, ``M<n>``, ``C<n>``).
    """
    import networkx as nx  # only here: the exporters stream the files without it

    items = GraphItems(view)
    g = nx.MultiDiGraph(**items.meta)
    g.add_nodes_from(items.nodes)
    for eid, source, target, attrs in items.edges:
        g.add_edge(source, target, key=eid, **attrs)
    return g


def _value(value) -> str:
    # The declared type follows the Python type: bool, int, float or str (see ATTRIBUTES).
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_graphml(items: GraphItems, f) -> None:
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    keys: dict[str, dict[str, str]] = {}
    for scope, prefix in (("node", "d"), ("edge", "e")):
        keys[scope] = {}
        for i, (name, kind) in enumerate(ATTRIBUTES[scope]):
            keys[scope][name] = f"{prefix}{i}"
            w(f'<key id="{prefix}{i}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
    for i, name in enumerate(items.meta):
        w(f'<key id="g{i}" for="graph" attr.name="{name}" attr.type="string"/>\n')
    w('<graph id="G" edgedefault="directed">\n')
    for i, value in enumerate(items.meta.values()):
        w(f'<data key="g{i}">{xml_text(value)}</data>\n')
    node_keys = keys["node"]
    for nid, attrs in items.nodes:
        data = "".join(
            f'<data key="{node_keys[k]}">{xml_text(v) if v.__class__ is str else _value(v)}</data>'
            for k, v in attrs.items()
        )
        w(f'<node id="{nid}">{data}</node>\n')
    edge_keys = keys["edge"]
    for eid, source, target, attrs in items.edges:
        data = "".join(
            f'<data key="{edge_keys[k]}">{xml_text(v) if v.__class__ is str else _value(v)}</data>'
            for k, v in attrs.items()
        )
        w(f'<edge id="{eid}" source="{source}" target="{target}">{data}</edge>\n')
    w("</graph>\n</graphml>\n")


def _write_gexf(items: GraphItems, f) -> None:
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w(
        '<gexf xmlns="http://www.gexf.net/1.2draft" '
        'xmlns:viz="http://www.gexf.net/1.2draft/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft '
        'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    )
    description = " ".join(items.meta.values())
    w(f"<meta><creator>Zhanlian</creator><description>{xml_text(description)}</description>")
    w("</meta>\n")
    w('<graph defaultedgetype="directed" mode="static">\n')
    ids: dict[str, dict[str, str]] = {}
    for scope, prefix in (("node", "n"), ("edge", "e")):
        w(f'<attributes class="{scope}" mode="static">\n')
        ids[scope] = {}
        for i, (name, kind) in enumerate(ATTRIBUTES[scope]):
            if name in ("label", "weight"):
                continue  # GEXF's own attributes of the element
            ids[scope][name] = f"{prefix}{i}"
            w(f'<attribute id="{prefix}{i}" title="{name}" type="{kind}"/>\n')
        w("</attributes>\n")

    def attvalues(scope: str, attrs: dict) -> str:
        table = ids[scope]
        return "".join(
            f'<attvalue for="{table[k]}" value="{xml_attr(v) if v.__class__ is str else _value(v)}"/>'
            for k, v in attrs.items()
            if k in table
        )

    w("<nodes>\n")
    for nid, attrs in items.nodes:
        (r, g, b), size = VIZ.get(attrs["kind"], ((128, 128, 128), 5.0))
        w(
            f'<node id="{nid}" label="{xml_attr(attrs["label"])}">'
            f"<attvalues>{attvalues('node', attrs)}</attvalues>"
            f'<viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{size!r}"/></node>\n'
        )
    w("</nodes>\n<edges>\n")
    for eid, source, target, attrs in items.edges:
        w(
            f'<edge id="{eid}" source="{source}" target="{target}" '
            f'label="{xml_attr(attrs["label"])}" weight="{attrs["weight"]!r}">'
            f"<attvalues>{attvalues('edge', attrs)}</attvalues></edge>\n"
        )
    w("</edges>\n</graph>\n</gexf>\n")


def export_graphml(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the case (or ``entity_ids`` and the facts among them) as GraphML for Gephi.

    Node and edge attributes are listed in ``ATTRIBUTES``; ``mask_ids`` masks the middle of
    ID, card, account and mobile numbers in keys, labels and free text.
    """
    items = GraphItems(CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids))
    with atomic_path(out_path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        _write_graphml(items, f)
    return items.summary(out_path, "graphml")


def export_gexf(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the case (or ``entity_ids`` and the facts among them) as GEXF 1.2 for Gephi."""
    items = GraphItems(CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids))
    with atomic_path(out_path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        _write_gexf(items, f)
    return items.summary(out_path, "gexf")
