"""What a link chart draws, read from the case as plain data: nodes, edges, regions.

The chart canvas gets these records and hands plain copies to the layout functions, so a
layout can run on a worker thread without touching the case.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Kind
from ..store import CaseStore
from .algorithms import UNPLACED, region_key

#: Which of an entity's regions places it on the chart, by preference: where it acts, then
#: where its account was opened or number attributed, then household, then arrest.
REGION_PREFERENCE = ("activity", "account_opening", "phone_attribution", "household", "arrest")

#: Link types that tie a card, phone or handset to the person behind it.
HOLDING = ("holds", "uses")


@dataclass(slots=True)
class ChartNode:
    """An entity as the chart draws and filters it."""

    id: int
    kind: Kind
    key: str | None
    name: str
    roles: tuple[str, ...] = ()
    legal_status: str = ""
    #: the region placing it (finest code, by REGION_PREFERENCE; a holder's for its cards)
    region: str = ""
    #: the person holding or using it (cards, phones, handsets)
    holder: int | None = None

    @property
    def display(self) -> str:
        return self.name or self.key or f"#{self.id}"

    @property
    def suspect(self) -> bool:
        return any(r != "victim" for r in self.roles)

    @property
    def victim(self) -> bool:
        return "victim" in self.roles


@dataclass(slots=True)
class ChartEdge:
    """A tie the chart draws: a link (``type`` is its link type), or facts aggregated per
    ordered pair (``type`` is ``"calls"`` or ``"money"``, ``count`` calls or transfers)."""

    source: int
    target: int
    type: str
    count: int = 1
    amount_fen: int = 0
    link_id: int | None = None
    weight: float = 1.0


@dataclass
class RegionSummary:
    """What one region area of a chart holds, and the money crossing its border."""

    code: str
    name: str
    people: int = 0
    suspects: int = 0
    victims: int = 0
    bank_cards: int = 0
    phone_cards: int = 0
    others: int = 0
    #: paid into the area's entities from entities outside it (on the chart or not)
    money_in_fen: int = 0
    #: paid out of the area's entities to entities outside it
    money_out_fen: int = 0
    #: paid between entities of the area
    internal_fen: int = 0
    lon: float | None = None
    extra: dict = field(default_factory=dict)


def _conn(store: CaseStore) -> sqlite3.Connection:
    return store._conn


def _ids_json(ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(i) for i in ids}))


def chart_nodes(store: CaseStore, entity_ids: Iterable[int]) -> dict[int, ChartNode]:
    """The entities of a chart with roles, legal status, region and holder, by id.

    Ids that are not in the case are left out.
    """
    c = _conn(store)
    ids = _ids_json(entity_ids)
    member = "SELECT value FROM json_each(:ids)"
    roles: dict[int, list[str]] = defaultdict(list)
    for eid, role in c.execute(
        f"SELECT entity_id, role FROM entity_role WHERE entity_id IN ({member}) "
        "ORDER BY entity_id, role",
        {"ids": ids},
    ):
        roles[eid].append(role)
    rank = {r: i for i, r in enumerate(REGION_PREFERENCE)}
    best: dict[int, tuple[int, str]] = {}
    for eid, code, reason in c.execute(
        f"SELECT entity_id, region_code, reason FROM entity_region WHERE entity_id IN ({member})",
        {"ids": ids},
    ):
        cand = (rank.get(reason, len(rank)), code)
        if eid not in best or cand < best[eid]:
            best[eid] = cand
    holder: dict[int, int] = {}
    for thing, person in c.execute(
        f"SELECT target_id, source_id FROM link WHERE type IN ('holds', 'uses') "
        f"AND target_id IN ({member}) ORDER BY type, id",
        {"ids": ids},
    ):
        holder.setdefault(thing, person)
    out: dict[int, ChartNode] = {}
    rows = c.execute(
        f"SELECT id, kind, key, name, legal_status FROM entity WHERE id IN ({member})",
        {"ids": ids},
    ).fetchall()
    kinds = {k.value: k for k in Kind}
    for eid, kind, key, name, status in rows:
        region = best[eid][1] if eid in best else ""
        h = holder.get(eid)
        if not region and h is not None and h in best:
            region = best[h][1]
        out[eid] = ChartNode(eid, kinds[kind], key, name or "", tuple(roles.get(eid, ())),
                             status or "", region, h)  # fmt: skip
    return out


def chart_edges(
    store: CaseStore,
    entity_ids: Iterable[int],
    window: tuple[str, str] | None = None,
) -> list[ChartEdge]:
    """Links between the chart's entities, plus calls and money between them aggregated
    per ordered pair; with ``window`` (ISO start, end; inclusive) only calls and transfers
    inside it count."""
    c = _conn(store)
    params: dict = {"ids": _ids_json(entity_ids)}
    member = "SELECT value FROM json_each(:ids)"
    out = [
        ChartEdge(a, b, t, 1, 0, lid, w)
        for lid, t, a, b, w in c.execute(
            f"SELECT id, type, source_id, target_id, weight FROM link "
            f"WHERE source_id IN ({member}) AND target_id IN ({member}) ORDER BY id",
            params,
        )
    ]
    when = ""
    if window is not None:
        when = " AND ts >= :lo AND ts <= :hi"
        params.update(lo=window[0], hi=window[1])
    for a, b, n in c.execute(
        f"SELECT caller_id, callee_id, count(*) FROM call WHERE caller_id IN ({member}) "
        f"AND callee_id IN ({member}){when} GROUP BY caller_id, callee_id",
        params,
    ):
        if a != b:
            out.append(ChartEdge(a, b, "calls", n, 0, None, float(n)))
    for a, b, n, fen in c.execute(
        f"SELECT payer_id, payee_id, count(*), sum(amount_fen) FROM txn "
        f"WHERE payer_id IN ({member}) AND payee_id IN ({member}){when} "
        "GROUP BY payer_id, payee_id",
        params,
    ):
        if a != b:
            out.append(ChartEdge(a, b, "money", n, fen or 0, None, float(n)))
    return out


def fact_time_range(store: CaseStore) -> tuple[str, str] | None:
    """The first and last timestamp of the case's transactions and calls (None: no facts)."""
    c = _conn(store)
    lo_hi = [
        c.execute(f"SELECT min(ts), max(ts) FROM {table}").fetchone() for table in ("txn", "call")
    ]
    los = [r[0] for r in lo_hi if r[0]]
    his = [r[1] for r in lo_hi if r[1]]
    if not los:
        return None
    return min(los), max(his)


def neighbours(store: CaseStore, entity_ids: Iterable[int]) -> set[int]:
    """Entities one step from the given ones (links, calls, money), the given ones excluded."""
    c = _conn(store)
    ids = set(entity_ids)
    params = {"ids": _ids_json(ids)}
    member = "SELECT value FROM json_each(:ids)"
    found: set[int] = set()
    queries = (
        f"SELECT target_id FROM link WHERE source_id IN ({member})",
        f"SELECT source_id FROM link WHERE target_id IN ({member})",
        f"SELECT DISTINCT callee_id FROM call WHERE caller_id IN ({member})",
        f"SELECT DISTINCT caller_id FROM call WHERE callee_id IN ({member})",
        f"SELECT DISTINCT payee_id FROM txn WHERE payer_id IN ({member}) AND payee_id IS NOT NULL",
        f"SELECT DISTINCT payer_id FROM txn WHERE payee_id IN ({member}) AND payer_id IS NOT NULL",
    )
    for q in queries:
        found.update(r[0] for r in c.execute(q, params))
    return found - ids


def regions_table(
    store: CaseStore, codes: Iterable[str], english: bool = False
) -> dict[str, tuple[float | None, float | None, str, bool]]:
    """``code -> (lon, lat, name, overseas)`` for region codes, as ``region_layout`` takes it.

    Names are Chinese, or English where the case has an English name and ``english``."""
    c = _conn(store)
    out = {}
    for code, name, name_en, level, lat, lon in c.execute(
        "SELECT code, name, name_en, level, lat, lon FROM region WHERE code IN "
        "(SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(codes))),),
    ):
        shown = name_en if english and name_en else name
        out[code] = (lon, lat, shown, level == "overseas")
    return out


def area_codes(nodes: Mapping[int, ChartNode], level: str = "province") -> dict[int, str]:
    """Entity id -> the region area it belongs to at ``level`` (see ``region_key``).

    A card, phone or handset whose holder is on the chart goes in its holder's area: the
    overview groups a gang where its people act, not where each card was opened (that
    region stays on the entity, for the inspector). Only unheld things use their own.
    """
    out: dict[int, str] = {}
    for eid, n in nodes.items():
        region = n.region
        h = n.holder
        if h is not None and h != eid and h in nodes and nodes[h].region:
            region = nodes[h].region
        out[eid] = region_key(region, level) or UNPLACED
    return out


def holders(nodes: Mapping[int, ChartNode]) -> dict[int, int]:
    """Thing -> the person holding or using it, for the chart's things whose holder is on
    the chart (what ``region_layout`` takes as ``holder_of``)."""
    return {
        eid: n.holder
        for eid, n in nodes.items()
        if n.holder is not None and n.holder != eid and n.holder in nodes
    }


def region_summary(
    store: CaseStore,
    area_of: Mapping[int, str],
    nodes: Mapping[int, ChartNode],
    names: Mapping[str, str] | None = None,
    window: tuple[str, str] | None = None,
) -> list[RegionSummary]:
    """People, cards, phones and money in and out per region area of a chart, west to east.

    ``area_of`` maps each chart entity to its area code; money counts every transfer of the
    case that touches the area's entities (within ``window`` if given): paid in from outside
    the area, paid out to outside it, or moved inside it.
    """
    names = names or {}
    out: dict[str, RegionSummary] = {}
    for eid, code in area_of.items():
        s = out.get(code)
        if s is None:
            s = out[code] = RegionSummary(code, names.get(code, code))
        n = nodes.get(eid)
        if n is None:
            continue
        if n.kind is Kind.PERSON:
            s.people += 1
            s.suspects += n.suspect
            s.victims += n.victim and not n.suspect
        elif n.kind is Kind.BANK_CARD:
            s.bank_cards += 1
        elif n.kind is Kind.PHONE_CARD:
            s.phone_cards += 1
        else:
            s.others += 1
    c = _conn(store)
    params: dict = {"ids": _ids_json(area_of)}
    when = ""
    if window is not None:
        when = " AND ts >= :lo AND ts <= :hi"
        params.update(lo=window[0], hi=window[1])
    member = "SELECT value FROM json_each(:ids)"
    rows = c.execute(
        f"SELECT payer_id, payee_id, sum(amount_fen) FROM txn WHERE (payer_id IN ({member}) "
        f"OR payee_id IN ({member})){when} GROUP BY payer_id, payee_id",
        params,
    )
    for payer, payee, fen in rows:
        fen = fen or 0
        a, b = area_of.get(payer), area_of.get(payee)
        if a is not None and a == b:
            out[a].internal_fen += fen
            continue
        if a is not None:
            out[a].money_out_fen += fen
        if b is not None:
            out[b].money_in_fen += fen
    return list(out.values())


def default_chart_members(store: CaseStore) -> list[int]:
    """What a new case's overview chart shows: every suspect (a person with a role other
    than victim), the cards, phones and handsets they hold or use, and the gangs they
    belong to."""
    c = _conn(store)
    suspects = {
        r[0]
        for r in c.execute(
            "SELECT DISTINCT r.entity_id FROM entity_role r JOIN entity e ON e.id = r.entity_id "
            "WHERE r.role <> 'victim' AND e.kind = 'person'"
        )
    }
    params = {"ids": _ids_json(suspects)}
    member = "SELECT value FROM json_each(:ids)"
    things = {
        r[0]
        for r in c.execute(
            f"SELECT target_id FROM link WHERE type IN ('holds', 'uses', 'member_of') "
            f"AND source_id IN ({member})",
            params,
        )
    }
    return sorted(suspects | things)
