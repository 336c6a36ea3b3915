"""What a link chart draws, read from the case as plain data: nodes, edges, regions.

The chart canvas gets these records and hands plain copies to the layout functions, so a
layout can run on a worker thread without touching the case.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import DamagedCaseError
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


class ChartEdges(Sequence):
    """A chart's ties as columns (numpy arrays), each tie a :class:`ChartEdge` on demand.

    The canvas reads the columns whole: 300,000 links are filtered, culled and grouped as
    arrays, never as 300,000 objects. Everything else indexes and iterates it as a list of
    ``ChartEdge`` (made once, on the first pass over all of them). ``kind`` indexes
    ``types``, the type names; ``link_id`` is -1 for calls and money.
    """

    def __init__(self, source, target, kind, types, count, amount_fen, link_id, weight):
        self.source = np.asarray(source, dtype=np.int64)
        self.target = np.asarray(target, dtype=np.int64)
        self.kind = np.asarray(kind, dtype=np.int64)
        self.types: tuple[str, ...] = tuple(types)
        self.count = np.asarray(count, dtype=np.int64)
        self.amount_fen = np.asarray(amount_fen, dtype=np.int64)
        self.link_id = np.asarray(link_id, dtype=np.int64)
        self.weight = np.asarray(weight, dtype=float)
        self._objects: list[ChartEdge] | None = None

    @classmethod
    def of(cls, edges: Iterable[ChartEdge]) -> ChartEdges:
        """``edges`` as columns (the same object when they are columns already).

        >>> e = ChartEdges.of([ChartEdge(1, 2, "calls", 3), ChartEdge(2, 4, "holds")])
        >>> len(e), e[1].type, e[0].count, e.types[e.kind[1]]
        (2, 'holds', 3, 'holds')
        """
        if isinstance(edges, ChartEdges):
            return edges
        edges = list(edges)
        types = sorted({e.type for e in edges})
        code = {t: k for k, t in enumerate(types)}
        out = cls([e.source for e in edges], [e.target for e in edges],
                  [code[e.type] for e in edges], types, [e.count for e in edges],
                  [e.amount_fen for e in edges],
                  [-1 if e.link_id is None else e.link_id for e in edges],
                  [e.weight for e in edges])  # fmt: skip
        out._objects = edges
        return out

    def __len__(self) -> int:
        return len(self.source)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.take(np.arange(len(self))[i])
        if self._objects is not None:
            return self._objects[i]
        i = range(len(self))[i]
        lid = int(self.link_id[i])
        return ChartEdge(int(self.source[i]), int(self.target[i]), self.types[self.kind[i]],
                         int(self.count[i]), int(self.amount_fen[i]), None if lid < 0 else lid,
                         float(self.weight[i]))  # fmt: skip

    def __iter__(self):
        if self._objects is None:
            names = [self.types[k] for k in self.kind.tolist()]
            self._objects = [
                ChartEdge(a, b, t, n, fen, None if lid < 0 else lid, w)
                for a, b, t, n, fen, lid, w in zip(
                    self.source.tolist(), self.target.tolist(), names, self.count.tolist(),
                    self.amount_fen.tolist(), self.link_id.tolist(), self.weight.tolist(),
                    strict=True,
                )
            ]  # fmt: skip
        return iter(self._objects)

    def take(self, keep: np.ndarray) -> ChartEdges:
        """The ties a boolean mask or an index array picks, in their order."""
        keep = np.asarray(keep)
        out = ChartEdges(self.source[keep], self.target[keep], self.kind[keep], self.types,
                         self.count[keep], self.amount_fen[keep], self.link_id[keep],
                         self.weight[keep])  # fmt: skip
        if self._objects is not None:
            picked = np.flatnonzero(keep) if keep.dtype == bool else keep
            out._objects = [self._objects[k] for k in picked.tolist()]
        return out

    def __repr__(self) -> str:
        return f"ChartEdges({len(self)} ties)"


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


def _holds_much_of_links(c: sqlite3.Connection, members: int) -> bool:
    """Whether a chart of ``members`` entities holds a good share of the case's links.

    For a few entities SQLite looks each one up in the link indexes. For a chart holding a
    good share of the case those are random reads, and testing every link against a
    ``json_each`` list costs more still: reading all links and keeping the chart's in
    Python takes a third of either (100,000 entities, 300,000 links: 0.35 s against 1.0 s
    by the indexes and 0.8 s by one pass in SQL).
    """
    links = c.execute("SELECT max(id) FROM link").fetchone()[0] or 0
    return members * 16 >= links


def _members(ids: list[int], values: np.ndarray) -> np.ndarray:
    """Which ``values`` (numbers) are among ``ids`` (sorted): a look-up table when the ids
    are dense enough (entity ids are), else a binary search.

    >>> _members([2, 5, 9], np.array([5.0, 6.0, 9.0, 0.0, 10.0])).tolist()
    [True, False, True, False, False]
    """
    if not ids:
        return np.zeros(len(values), dtype=bool)
    values = values.astype(np.int64)
    if ids[-1] <= 20 * len(ids) + 1_000_000 and ids[0] >= 0:
        table = np.zeros(ids[-1] + 2, dtype=bool)
        table[ids] = True
        return table[values.clip(0, ids[-1] + 1)]
    known = np.asarray(ids, dtype=np.int64)
    at = np.searchsorted(known, values).clip(max=len(known) - 1)
    return known[at] == values


def chart_nodes(store: CaseStore, entity_ids: Iterable[int]) -> dict[int, ChartNode]:
    """The entities of a chart with roles, legal status, region and holder, by id.

    Ids that are not in the case are left out.
    """
    c = _conn(store)
    ids_list = sorted({int(i) for i in entity_ids})
    ids = json.dumps(ids_list)
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
    holding = "SELECT target_id, source_id FROM link WHERE type IN ('holds', 'uses')"
    if _holds_much_of_links(c, len(ids_list)):
        on_chart = set(ids_list)
        for thing, person in c.execute(f"{holding} ORDER BY type, id"):
            if thing in on_chart:
                holder.setdefault(thing, person)
    else:
        for thing, person in c.execute(
            f"{holding} AND target_id IN ({member}) ORDER BY type, id", {"ids": ids}
        ):
            holder.setdefault(thing, person)
    out: dict[int, ChartNode] = {}
    rows = c.execute(
        f"SELECT id, kind, key, name, legal_status FROM entity WHERE id IN ({member})",
        {"ids": ids},
    ).fetchall()
    kinds = {k.value: k for k in Kind}
    region_of = {eid: code for eid, (_, code) in best.items()}.get
    roles_of = {eid: tuple(r) for eid, r in roles.items()}.get
    holder_of = holder.get
    for eid, kind, key, name, status in rows:
        h = holder_of(eid)
        # A thing with no region of its own is placed where its holder is.
        region = region_of(eid) or (region_of(h) or "" if h is not None else "")
        out[eid] = ChartNode(eid, kinds[kind], key, name or "", roles_of(eid, ()), status or "",
                             region, h)  # fmt: skip
    return out


def chart_edges(
    store: CaseStore,
    entity_ids: Iterable[int],
    window: tuple[str, str] | None = None,
) -> ChartEdges:
    """Links between the chart's entities, plus calls and money between them aggregated
    per ordered pair; with ``window`` (ISO start, end; inclusive) only calls and transfers
    inside it count. Links come in id order, then calls, then money.

    The links are read as numbers (their type as its index in the case's link types), a
    third of the time reading them as rows of Python objects took for a large chart.
    """
    c = _conn(store)
    ids = sorted({int(i) for i in entity_ids})
    params: dict = {"ids": json.dumps(ids)}
    member = "SELECT value FROM json_each(:ids)"
    whole = _holds_much_of_links(c, len(ids))
    types = [r[0] for r in c.execute("SELECT code FROM link_type ORDER BY code")]
    while True:
        kind = " ".join(f"WHEN :t{k} THEN {k}" for k in range(len(types)))
        params.update({f"t{k}": t for k, t in enumerate(types)})
        links = f"SELECT id, source_id, target_id, weight, CASE type {kind} ELSE -1 END FROM link"
        if not types:
            links = "SELECT id, source_id, target_id, weight, -1 FROM link"
        if not whole:
            links += f" WHERE source_id IN ({member}) AND target_id IN ({member})"
        rows = c.execute(f"{links} ORDER BY id", params)
        cols = np.fromiter(itertools.chain.from_iterable(rows), dtype=float).reshape(-1, 5)
        if whole:
            cols = cols[_members(ids, cols[:, 1]) & _members(ids, cols[:, 2])]
        if not (cols[:, 4] < 0).any():
            break
        # A type the case does not declare (a damaged case): every type the links use.
        used = {r[0] for r in c.execute("SELECT DISTINCT type FROM link")}
        if used <= set(types):  # nothing more to learn: a NULL type, which the schema bars
            raise DamagedCaseError(store.path, ["a link without a type"])
        types = sorted(set(types) | used)
    code = {t: k for k, t in enumerate(types)}
    when = ""
    if window is not None:
        when = " AND ts >= :lo AND ts <= :hi"
        params.update(lo=window[0], hi=window[1])
    facts = (
        ("calls", f"SELECT caller_id, callee_id, count(*), 0 FROM call WHERE caller_id IN "
                  f"({member}) AND callee_id IN ({member}){when} GROUP BY caller_id, callee_id"),
        ("money", f"SELECT payer_id, payee_id, count(*), sum(amount_fen) FROM txn WHERE payer_id "
                  f"IN ({member}) AND payee_id IN ({member}){when} GROUP BY payer_id, payee_id"),
    )  # fmt: skip
    rows, kinds = [], []
    for name, query in facts:
        found = [(a, b, n, fen or 0) for a, b, n, fen in c.execute(query, params) if a != b]
        if found and name not in code:
            code[name] = len(types)
            types.append(name)
        rows += found
        kinds += [code.get(name, -1)] * len(found)
    fact = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
    source = np.concatenate([cols[:, 1].astype(np.int64), fact[:, 0]])
    target = np.concatenate([cols[:, 2].astype(np.int64), fact[:, 1]])
    kinds = np.concatenate([cols[:, 4].astype(np.int64), np.asarray(kinds, dtype=np.int64)])
    count = np.concatenate([np.ones(len(cols), dtype=np.int64), fact[:, 2]])
    amount = np.concatenate([np.zeros(len(cols), dtype=np.int64), fact[:, 3]])
    link_id = np.concatenate([cols[:, 0].astype(np.int64), np.full(len(fact), -1)])
    weight = np.concatenate([cols[:, 3], fact[:, 2].astype(float)])
    return ChartEdges(source, target, kinds, types, count, amount, link_id, weight)


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
    area: dict[str, str] = {}  # a chart's 100,000 entities sit in a few hundred regions
    for eid, n in nodes.items():
        region = n.region
        h = n.holder
        if h is not None and h != eid and h in nodes and nodes[h].region:
            region = nodes[h].region
        code = area.get(region)
        if code is None:
            code = area[region] = region_key(region, level) or UNPLACED
        out[eid] = code
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
