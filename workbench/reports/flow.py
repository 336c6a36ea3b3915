"""The fund-flow chart (资金流向图) of a trace: levels left to right, amounts and times on the
arrows, totals per level. :func:`build_flow_chart` lays it out in abstract units (mm at
100 %); ``ui/pdf/flow.py`` paints it.

A level with more cards than fit a page keeps its largest ones and folds the rest into one
"other cards" box that carries their count and amount, so the totals still add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis._common import connection, placeholders
from ..analysis.trace import (
    BACKWARD,
    EXIT_KINDS,
    FORWARD,
    TraceResult,
    find_card,
    level_name,
    trace_funds,
)
from ..errors import NotFoundError
from ..identifiers import mask_identifier, mask_text
from .report import victim_payments

NODE_W = 48.0
NODE_H = 17.0
COL_GAP = 36.0
ROW_GAP = 4.0
HEAD_H = 14.0
MAX_PER_LEVEL = 12
#: Height an arrow's label takes beside the box it points into (two lines: amount, time):
#: a box with many arrows into it (an exit) is made tall enough for each label to have its
#: own slot, so that no two labels print over each other.
LABEL_SLOT = 9.0


@dataclass
class FlowNode:
    """A box of the chart: a card, the trace's start, an exit, or the folded rest of a level."""

    key: str
    kind: str  # "source", "card", "more", "exit"
    level: int
    label: str  # card number (masked when asked), exit kind code, or ''
    holder: str = ""
    bank: str = ""
    amount_fen: int = 0
    count: int = 1  # cards folded into a "more" box
    exit_kind: str = ""
    x: float = 0.0
    y: float = 0.0
    w: float = NODE_W
    h: float = NODE_H


@dataclass
class FlowEdge:
    """Money from one box to another: traced amount, number of transfers, first and last time."""

    source: str
    target: str
    amount_fen: int
    count: int
    first_ts: str
    last_ts: str


@dataclass
class LevelTotal:
    """What reached one level: cards, amount, what left to exits, what may still be there."""

    level: int
    name: str
    cards: int
    amount_fen: int
    exited_fen: int
    remaining_fen: int
    x: float = 0.0


@dataclass
class FlowChart:
    """Nodes, edges and level totals of a fund-flow chart, with its extent in units."""

    direction: str
    start: str
    start_at: str
    traced_fen: int
    nodes: list[FlowNode]
    edges: list[FlowEdge]
    levels: list[LevelTotal]
    exit_totals: dict[str, int]
    width: float
    height: float
    masked: bool = False
    notes: list[str] = field(default_factory=list)

    def node(self, key: str) -> FlowNode:
        """The node with this key."""
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)


def build_flow_chart(
    result: TraceResult, *, mask_ids: bool = False, max_per_level: int = MAX_PER_LEVEL,
    start_label: str = "",
) -> FlowChart:  # fmt: skip
    """Lay out the fund-flow chart of a trace (see the module docstring).

    ``start_label`` names the start box (a card number, "victims' payments"); by default
    it is the start card's number. ``mask_ids`` masks card numbers, and every identifier in
    the holders' names and banks.
    """
    # Masked, a card's key loses its middle and every other text (holder, bank, a label
    # typed by hand) goes through the one scrubber.
    mask = mask_identifier if mask_ids else (lambda s: s)
    text = mask_text if mask_ids else (lambda s: s)
    source_id = result.source.get("card_id")
    start = start_label or str(result.source.get("card") or "")
    nodes: dict[str, FlowNode] = {
        "source": FlowNode(
            "source",
            "source",
            0,
            mask(start),
            amount_fen=result.traced_fen,
        )  # fmt: skip
    }
    shown: dict[int, str] = {}
    by_level: dict[int, list] = {}
    for c in result.cards:
        by_level.setdefault(c.level, []).append(c)
    totals = []
    for level in sorted(by_level):
        cards = sorted(by_level[level], key=lambda c: (-c.amount_fen, c.entity_id))
        totals.append(
            LevelTotal(
                level,
                level_name(level),
                len(cards),
                sum(c.amount_fen for c in cards),
                sum(c.exited_fen for c in cards),
                sum(c.remaining_fen for c in cards),
            )
        )
        keep = cards if len(cards) <= max_per_level else cards[: max_per_level - 1]
        for c in keep:
            key = f"c{c.entity_id}"
            nodes[key] = FlowNode(key, "card", level, mask(c.card or f"#{c.entity_id}"),
                                  text(c.holder or c.account_name), text(c.bank),
                                  c.amount_fen)  # fmt: skip
            shown[c.entity_id] = key
        rest = cards[len(keep) :]
        if rest:
            key = f"more{level}"
            nodes[key] = FlowNode(key, "more", level, "", amount_fen=sum(c.amount_fen for c in rest),
                                  count=len(rest))  # fmt: skip
            for c in rest:
                shown[c.entity_id] = key
    last = max(by_level, default=0) + 1
    for kind in EXIT_KINDS:
        fen = result.exit_totals.get(kind, 0)
        if fen:
            nodes[f"x{kind}"] = FlowNode(f"x{kind}", "exit", last, kind, amount_fen=fen,
                                         exit_kind=kind)  # fmt: skip

    edges: dict[tuple[str, str], FlowEdge] = {}

    def add(src: str, dst: str, fen: int, ts: str, n: int = 1) -> None:
        e = edges.get((src, dst))
        if e is None:
            edges[(src, dst)] = FlowEdge(src, dst, fen, n, ts, ts)
        else:
            e.amount_fen += fen
            e.count += n
            e.first_ts, e.last_ts = min(e.first_ts, ts), max(e.last_ts, ts)

    reached: set[int] = set()
    for f in result.flows:
        if f.returning or f.payee_id not in shown and f.payer_id not in shown:
            continue
        if result.direction == FORWARD:
            src_card, dst_card = f.payer_id, f.payee_id
        else:
            src_card, dst_card = f.payee_id, f.payer_id
        dst = shown.get(dst_card)
        if dst is None:
            continue
        src = shown.get(src_card, "source" if src_card == source_id or f.level == 1 else None)
        if src is None:
            continue
        reached.add(dst_card)
        add(src, dst, f.traced_fen, f.ts)
    # Level-1 cards reached straight from the start payments (no hop recorded for those).
    for c in by_level.get(1, []):
        if c.entity_id not in reached:
            add("source", shown[c.entity_id], c.amount_fen, c.first_arrival)
    for ex in result.exits:
        src = shown.get(ex.card_id)
        if src is not None and f"x{ex.kind}" in nodes:
            add(src, f"x{ex.kind}", ex.traced_fen, ex.ts)

    # A box is tall enough for a slot per arrow label pointing into it.
    arrows: dict[str, int] = {}
    for e in edges.values():
        arrows[e.target] = arrows.get(e.target, 0) + 1
    for key, n in nodes.items():
        n.h = max(NODE_H, arrows.get(key, 0) * LABEL_SLOT)
    # Columns: the start, then each level, then exits; each column centred vertically.
    columns: dict[int, list[FlowNode]] = {}
    for n in nodes.values():
        columns.setdefault(n.level, []).append(n)
    tallest = max(sum(n.h + ROW_GAP for n in col) for col in columns.values())
    height = HEAD_H + tallest
    for level, col in columns.items():
        col_h = sum(n.h + ROW_GAP for n in col) - ROW_GAP
        y = HEAD_H + (height - HEAD_H - col_h) / 2
        for n in col:
            n.x = level * (NODE_W + COL_GAP)
            n.y = y
            y += n.h + ROW_GAP
    for t in totals:
        t.x = t.level * (NODE_W + COL_GAP)
    width = (max(columns) + 1) * (NODE_W + COL_GAP) - COL_GAP
    return FlowChart(
        direction=result.direction,
        start=nodes["source"].label,
        start_at=str(result.source.get("at") or ""),
        traced_fen=result.traced_fen,
        nodes=list(nodes.values()),
        edges=sorted(edges.values(), key=lambda e: -e.amount_fen),
        levels=totals,
        exit_totals={k: v for k, v in result.exit_totals.items() if v},
        width=width,
        height=height,
        masked=mask_ids,
    )


def busiest_card(store) -> int:
    """The card that received the most victims' payments (the first card a case squad
    traces); raises :class:`NotFoundError` when the case has no such payment."""
    ids = victim_payments(store)
    if not ids:
        raise NotFoundError("victim payment", "in this case")
    conn = connection(store)
    counts: dict[int, int] = {}
    for i in range(0, len(ids), 900):
        batch = ids[i : i + 900]
        for card, n in conn.execute(
            f"SELECT payee_id, count(*) FROM txn WHERE id IN ({placeholders(len(batch))}) "
            "GROUP BY payee_id",
            batch,
        ):
            counts[card] = counts.get(card, 0) + n
    return max(sorted(counts), key=lambda c: counts[c])


def flow_trace(
    store, card: str | int | None = None, *, at: str | None = None, levels: int = 4,
    backward: bool = False,
) -> tuple[TraceResult, str]:  # fmt: skip
    """The trace a flow chart shows and the start card's number: from ``card`` (a number,
    or an entity id as int) at ``at``; without a card, from :func:`busiest_card`."""
    if card is None:
        card_id = busiest_card(store)
    elif isinstance(card, int):
        card_id = card
    else:
        card_id = find_card(store, card)
    result = trace_funds(
        store, card_id=card_id, at=at, levels=levels, direction=BACKWARD if backward else FORWARD
    )
    e = store.entity(card_id)
    return result, e.key or e.name or f"#{card_id}"
