"""The organisation chart (组织架构图): who belongs to a gang, who answers to whom, laid out.

:func:`build_orgchart` turns the case into an :class:`OrgChart`: boxes with what a
prosecutor reads in them (name, aliases, ID number masked or full, roles, culpability, legal
status, region, amount involved) and their positions in abstract units (one unit prints as
one millimetre at 100 %), plus the connector lines. :func:`tile_pages` cuts a large chart
into overlapping page tiles. Nothing here paints; ``ui/pdf`` does.

The hierarchy comes from ``reports_to`` links (source reports to target). A person with no
superior in the chart hangs under the organisation they are a member of; organisations
hang under the organisation they are members of; what is left hangs from the top. Siblings
are ordered by rank (organiser first, then core members, ... victims last), then by name.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..analysis._common import connection, placeholders
from ..errors import NotFoundError, ValidationError
from ..identifiers import mask_identifier, mask_text
from ..model import Entity, Kind
from ..store import CaseStore

#: Order of roles from the top of a gang down; siblings sort by their best role.
ROLE_RANK = (
    "organiser",
    "border_organiser",
    "core_member",
    "tech_support",
    "money_launderer",
    "traffic_driver",
    "operator",
    "card_seller",
    "car_handler",
    "score_runner",
    "card_supplier",
    "victim",
)

# Box geometry in units (mm at 100 %). A person's box holds six lines of small print.
BOX_W = 58.0
BOX_H = 31.0
ORG_H = 14.0
H_GAP = 6.0
V_GAP = 14.0
STACK_GAP = 4.0
STACK_INDENT = 6.0
#: A parent whose children are all leaves lists them in columns once there are this many.
STACK_FROM = 7
STACK_ROWS = 8


@dataclass
class OrgBox:
    """One box of the chart: a person, an organisation, or the group of unattached people."""

    key: str  # "e<id>" for entities, "others" for the group of unattached suspects
    kind: str  # "person", "organisation" or "others"
    entity_id: int | None
    name: str
    aliases: list[str] = field(default_factory=list)
    id_number: str = ""  # masked when the chart was built with mask_ids
    roles: list[str] = field(default_factory=list)
    culpability: str = ""
    legal_status: str = ""
    region: str = ""
    amount_fen: int = 0
    org_type: str = ""
    parent: str | None = None
    depth: int = 0
    x: float = 0.0
    y: float = 0.0
    w: float = BOX_W
    h: float = BOX_H
    #: On a paginated chart (:func:`paginate`): a "stub" box stands for the subtree of the
    #: box ``ref`` printed on page ``ref_page`` (``count`` people in it); a box whose part
    #: continues from another page names the box above it (``up_name``) and its page
    #: (``up_page``); ``repeated`` marks a box printed again over the rest of its people.
    ref: str = ""
    ref_page: int = 0
    count: int = 0
    up_name: str = ""
    up_page: int = 0
    repeated: bool = False


@dataclass
class OrgChart:
    """Boxes and connectors of an organisation chart, in units; ``width``/``height`` bound it."""

    title: str
    boxes: list[OrgBox]
    lines: list[list[tuple[float, float]]]
    width: float
    height: float
    masked: bool = False

    def box(self, key: str) -> OrgBox:
        """The box with this key."""
        for b in self.boxes:
            if b.key == key:
                return b
        raise KeyError(key)

    def people(self) -> list[OrgBox]:
        """The boxes that stand for people."""
        return [b for b in self.boxes if b.kind == Kind.PERSON.value]


@dataclass(frozen=True)
class Tile:
    """One printed page of a tiled chart: its number and the chart area it shows (units)."""

    number: int
    row: int
    col: int
    x: float
    y: float
    w: float
    h: float


# ------------------------------------------------------------------ who is in the chart


def find_gang(store: CaseStore, gang: int | str) -> Entity:
    """The organisation named by ``gang``: an entity id (``12`` or ``#12``) or its name.

    A name matches exactly, else as the only organisation whose name contains it.
    Raises :class:`NotFoundError` when nothing matches and :class:`ValidationError` when
    the id is not an organisation or the name is ambiguous.
    """
    text = str(gang).strip()
    digits = text[1:] if text.startswith("#") else text
    if digits.isdigit():
        e = store.entity(int(digits))
        if e.kind != Kind.ORGANISATION:
            raise ValidationError("gang", text, "not an organisation")
        return e
    orgs = store.entities(Kind.ORGANISATION)
    exact = [o for o in orgs if o.name == text]
    if exact:
        return store.entity(exact[0].id)
    partial = [o for o in orgs if text and text in o.name]
    if len(partial) == 1:
        return store.entity(partial[0].id)
    if not partial:
        raise NotFoundError("organisation", text)
    names = ", ".join(o.name for o in partial[:5])
    raise ValidationError("gang", text, f"matches several organisations: {names}")


def _links(store: CaseStore, types: tuple[str, ...]) -> list[tuple[str, int, int, float]]:
    conn = connection(store)
    return conn.execute(
        f"SELECT type, source_id, target_id, confidence FROM link "
        f"WHERE type IN ({placeholders(len(types))}) ORDER BY id",
        types,
    ).fetchall()


def gang_people(store: CaseStore, gang: int | str) -> tuple[int, set[int], set[int]]:
    """(gang id, its organisations, its people) of the gang named by ``gang``.

    Organisations are the gang and those member of it (recursively); people are members of
    any of them, and whoever reports to one of those people (recursively).
    """
    root = find_gang(store, gang).id
    member_of: dict[int, set[int]] = defaultdict(set)  # org -> members
    subordinates: dict[int, set[int]] = defaultdict(set)
    kinds = dict(connection(store).execute("SELECT id, kind FROM entity WHERE kind IN (?, ?)",
                                           (Kind.PERSON.value, Kind.ORGANISATION.value)))  # fmt: skip
    for type_, src, dst, _ in _links(store, ("member_of", "reports_to")):
        if type_ == "member_of":
            member_of[dst].add(src)
        else:
            subordinates[dst].add(src)
    orgs, people = {root}, set()
    todo = [root]
    while todo:
        for m in member_of[todo.pop()]:
            kind = kinds.get(m)
            if kind == Kind.ORGANISATION.value and m not in orgs:
                orgs.add(m)
                todo.append(m)
            elif kind == Kind.PERSON.value:
                people.add(m)
    todo = list(people)
    while todo:
        for s in subordinates[todo.pop()]:
            if kinds.get(s) == Kind.PERSON.value and s not in people:
                people.add(s)
                todo.append(s)
    return root, orgs, people


def gang_members(store: CaseStore, gang: int | str) -> set[int]:
    """Entity ids of a gang for export: its organisations, people and their cards and phones.

    Cards, phones and handsets are those the people hold or use (``holds``/``uses`` links).
    The command line's ``--gang`` passes this set to every exporter.
    """
    _, orgs, people = gang_people(store, gang)
    out = orgs | people
    for _, src, dst, _ in _links(store, ("holds", "uses")):
        if src in people:
            out.add(dst)
    return out


def _suspects(store: CaseStore) -> tuple[set[int], set[int]]:
    """All organisations, and every person who is a suspect: a role other than victim, a
    culpability, or a place in a gang's structure."""
    conn = connection(store)
    orgs = {r[0] for r in conn.execute("SELECT id FROM entity WHERE kind = 'organisation'")}
    people = {
        r[0]
        for r in conn.execute(
            "SELECT id FROM entity WHERE kind = 'person' AND (culpability != '' OR id IN "
            "(SELECT entity_id FROM entity_role WHERE role != 'victim'))"
        )
    }
    person_ids = {r[0] for r in conn.execute("SELECT id FROM entity WHERE kind = 'person'")}
    for type_, src, dst, _ in _links(store, ("member_of", "reports_to")):
        people |= {e for e in (src, dst) if e in person_ids and (type_ == "reports_to" or e == src)}
    return orgs, people


# ------------------------------------------------------------------ boxes


def _amounts(store: CaseStore, people: set[int]) -> dict[int, int]:
    """Money that reached the bank cards each person holds (their cards' total inflow)."""
    conn = connection(store)
    cards: dict[int, list[int]] = defaultdict(list)
    for _, src, dst, _ in _links(store, ("holds",)):
        if src in people:
            cards[src].append(dst)
    out: dict[int, int] = {}
    for person, ids in cards.items():
        row = conn.execute(
            f"SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE payee_id IN "
            f"({placeholders(len(ids))})",
            ids,
        ).fetchone()
        out[person] = row[0]
    return out


def _region_name(store: CaseStore, e: Entity) -> str:
    tags = sorted(e.regions, key=lambda t: (t.reason != "household", t.reason != "activity"))
    for t in tags:
        name = t.name or getattr(store.region(t.code), "name", "")
        if name:
            return name
    return ""


def _rank(roles: list[str]) -> int:
    return min((ROLE_RANK.index(r) for r in roles if r in ROLE_RANK), default=len(ROLE_RANK))


def build_orgchart(
    store: CaseStore,
    gang: int | str | None = None,
    entity_ids: set[int] | None = None,
    *,
    mask_ids: bool = False,
    title: str = "",
    exclude: set[int] | None = None,
) -> OrgChart:
    """The organisation chart of a gang, of a selection of entities, or of the whole case.

    ``gang`` names an organisation (id or name, see :func:`find_gang`); ``entity_ids``
    restricts the chart to a selection (people and organisations among them); with
    neither, every suspect of the case is charted under the organisations they belong to.
    ``mask_ids`` hides the middle of ID numbers, and of any number in names and aliases. ``exclude`` leaves entities out of this
    chart only (the hierarchy view's "leave out"): whoever reported to a person left out
    hangs under that person's own superior. The result is laid out (see :func:`layout`).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     s = CaseStore.create(pathlib.Path(tmp) / "t.zlcase", "doc")
    ...     g = s.add_entity("organisation", None, "某诈骗团伙")
    ...     boss = s.add_entity("person", None, "张三", roles=["organiser"])
    ...     mule = s.add_entity("person", None, "李四", roles=["car_handler"])
    ...     _ = [s.add_link("member_of", p, g) for p in (boss, mule)]
    ...     _ = s.add_link("reports_to", mule, boss)
    ...     chart = build_orgchart(s, gang="某诈骗团伙")
    ...     s.close()
    >>> [(b.name, b.depth) for b in chart.boxes]
    [('某诈骗团伙', 0), ('张三', 1), ('李四', 2)]
    """
    root_org: int | None = None
    if gang is not None:
        root_org, orgs, people = gang_people(store, gang)
        title = title or store.entity(root_org).name
    else:
        orgs, people = _suspects(store)
    # Masked, every text the chart prints goes through the one scrubber: a number typed
    # into a name, an alias or an organisation's name is hidden as the ID number is.
    text = mask_text if mask_ids else (lambda s: s)
    title = text(title)
    if entity_ids is not None:
        orgs &= entity_ids
        people &= entity_ids
        if gang is None:
            conn = connection(store)
            people |= {
                r[0]
                for r in conn.execute("SELECT id FROM entity WHERE kind = 'person'")
                if r[0] in entity_ids
            }
    left_out = set(exclude or ())
    # People left out still pass their subordinates on to their own superior.
    bridged = people & left_out
    entities = {eid: store.entity(eid) for eid in sorted((orgs | people) - left_out)}
    people -= left_out
    amounts = _amounts(store, people)

    boxes: dict[str, OrgBox] = {}
    for eid, e in entities.items():
        if e.kind == Kind.PERSON:
            id_number = (mask_identifier(e.key, "person") if mask_ids else e.key) or ""
            boxes[f"e{eid}"] = OrgBox(
                key=f"e{eid}",
                kind=Kind.PERSON.value,
                entity_id=eid,
                name=text(e.name) or id_number or f"#{eid}",
                aliases=[text(a) for a in e.aliases],
                id_number=id_number,
                roles=sorted(e.roles, key=lambda r: ROLE_RANK.index(r) if r in ROLE_RANK else 99),
                culpability=e.culpability,
                legal_status=e.legal_status,
                region=text(_region_name(store, e)),
                amount_fen=amounts.get(eid, 0),
            )
        else:
            boxes[f"e{eid}"] = OrgBox(
                key=f"e{eid}",
                kind=Kind.ORGANISATION.value,
                entity_id=eid,
                name=text(e.name) or f"#{eid}",
                org_type=str(e.attrs.get("org_type", "")),
                region=text(_region_name(store, e)),
                h=ORG_H,
            )

    # Superiors: the most confident reports_to link to someone in the chart, without cycles.
    boss: dict[int, tuple[float, int]] = {}
    org_of: dict[int, int] = {}
    charted = people | bridged
    for type_, src, dst, conf in _links(store, ("reports_to", "member_of")):
        if src == dst:
            continue
        if type_ == "reports_to" and src in charted and dst in charted:
            if src not in boss or conf > boss[src][0]:
                boss[src] = (conf, dst)
        elif src not in entities or dst not in entities:
            continue
        elif type_ == "member_of" and dst in orgs and src not in org_of:
            org_of[src] = dst

    def parent_of(eid: int) -> int | None:
        up, seen = eid, {eid}
        while up in boss:
            up = boss[up][1]
            if up not in bridged:
                return up
            if up in seen:
                break
            seen.add(up)
        if eid == root_org:
            return None
        return org_of.get(eid)

    parent: dict[int, int | None] = {}
    for eid in entities:
        p = parent_of(eid)
        parent[eid] = p if p in entities else None
    # A loop (A reports to B reports to A) is cut where the walk comes back to its start.
    for eid in sorted(entities):
        seen, q = {eid}, parent[eid]
        while q is not None:
            if q == eid:
                parent[eid] = None
                break
            if q in seen:
                break
            seen.add(q)
            q = parent.get(q)

    children: dict[str, list[str]] = defaultdict(list)
    for eid, p in parent.items():
        if p is not None:
            children[f"e{p}"].append(f"e{eid}")
    # Organisations with nobody under them say nothing on a chart (a team whose leader
    # reports to the boss): leave them out, except the gang at the top.
    for eid in sorted(orgs, key=lambda o: -_depth_of(o, parent)):
        k = f"e{eid}"
        if eid != root_org and not children.get(k):
            del boxes[k]
            if parent.get(eid) is not None:
                children[f"e{parent[eid]}"].remove(k)
            parent.pop(eid, None)
    roots = [f"e{eid}" for eid, p in parent.items() if p is None and f"e{eid}" in boxes]
    if root_org is not None:
        top = f"e{root_org}"
        for r in roots:
            if r != top:
                children[top].append(r)
                boxes[r].parent = top
        roots = [top]
    else:
        # Suspects attached to nobody (card suppliers who sold to several dealers...) would
        # stretch the chart across metres: they are listed together under one box.
        loose = [r for r in roots if boxes[r].kind == Kind.PERSON.value and not children.get(r)]
        if len(loose) > 1:
            boxes["others"] = OrgBox("others", "others", None, "", h=ORG_H)
            children["others"] = loose
            roots = [r for r in roots if r not in loose] + ["others"]
    for k, kids in children.items():
        for c in kids:
            boxes[c].parent = k
    return layout(title, boxes, children, roots, masked=mask_ids)


def _depth_of(eid: int, parent: dict[int, int | None]) -> int:
    d, seen = 0, {eid}
    while (eid := parent.get(eid)) is not None and eid not in seen:
        seen.add(eid)
        d += 1
    return d


# ------------------------------------------------------------------ layout

#: Top-level trees print gangs first, then people heading no gang, the unattached last.
_ROOT_ORDER = {Kind.ORGANISATION.value: 0, Kind.PERSON.value: 1, "others": 2}


def _subtree_rank(key: str, boxes, children, memo) -> tuple[int, int]:
    if key not in memo:
        b = boxes[key]
        if b.kind == "others":
            memo[key] = (len(ROLE_RANK) + 1, len(ROLE_RANK) + 1)
            return memo[key]
        own = _rank(b.roles) if b.kind == Kind.PERSON.value else -1
        memo[key] = (
            min(
                [own] + [_subtree_rank(c, boxes, children, memo)[0] for c in children.get(key, [])]
            ),
            own,
        )
    return memo[key]


def layout(
    title: str,
    boxes: dict[str, OrgBox],
    children: dict[str, list[str]],
    roots: list[str],
    *,
    masked: bool = False,
    box_h: float = BOX_H,
    stack_rows: int = STACK_ROWS,
    stack_from: int = STACK_FROM,
) -> OrgChart:
    """Place the boxes top-down: parents centred over their children, subtrees side by side
    without overlap, and a parent's many leaf children listed in columns under it.

    ``box_h`` is the height of a row of boxes (the tallest person box), ``stack_rows`` how
    many leaves a column under a parent lists, ``stack_from`` from how many leaves on. Top-level trees go gangs first, the
    unattached suspects last, in rows about as wide as a landscape page.
    Pure: reads the hierarchy given, returns the :class:`OrgChart`.
    """
    memo: dict[str, tuple[int, int]] = {}

    def order(keys: list[str], top: bool = False) -> list[str]:
        return sorted(
            keys,
            key=lambda k: (
                _ROOT_ORDER.get(boxes[k].kind, 1) if top else 0,
                _subtree_rank(k, boxes, children, memo),
                -len(children.get(k, [])),
                boxes[k].name,
            ),
        )

    lines: list[list[tuple[float, float]]] = []
    row_h = box_h + V_GAP

    col_w = BOX_W + STACK_INDENT + H_GAP

    def segments(key: str) -> list[tuple[str, list[str]]]:
        """Children as placed side by side: subtrees one by one, and the leaves together in
        columns (a "stack") once there are many of them."""
        kids = children.get(key, [])
        leaves = [c for c in kids if not children.get(c)]
        if len(leaves) < stack_from:
            return [("tree", [c]) for c in kids]
        trees = [("tree", [c]) for c in kids if children.get(c)]
        return trees + [("stack", leaves)]

    def stack_cols(n: int) -> int:
        return math.ceil(n / max(stack_rows, 1))

    def seg_width(seg: tuple[str, list[str]]) -> float:
        kind, keys = seg
        if kind == "stack":
            return stack_cols(len(keys)) * col_w - H_GAP
        return width(keys[0])

    def width(key: str) -> float:
        segs = segments(key)
        if not segs:
            return boxes[key].w
        return max(boxes[key].w, sum(seg_width(g) for g in segs) + H_GAP * (len(segs) - 1))

    def place(key: str, left: float, depth: int) -> None:
        b = boxes[key]
        b.depth = depth
        b.y = depth * row_h
        children[key] = order(children.get(key, []))
        segs = segments(key)
        span = width(key)
        if not segs:
            b.x = left + (span - b.w) / 2
            return
        bus = b.y + box_h + V_GAP / 2
        used = sum(seg_width(g) for g in segs) + H_GAP * (len(segs) - 1)
        x = left + (span - used) / 2
        drops: list[float] = []  # where the bus meets each child or stack spine
        for kind, keys in segs:
            if kind == "tree":
                place(keys[0], x, depth + 1)
                cb = boxes[keys[0]]
                drops.append(cb.x + cb.w / 2)
                lines.append([(cb.x + cb.w / 2, bus), (cb.x + cb.w / 2, cb.y)])
            else:
                rows = math.ceil(len(keys) / stack_cols(len(keys)))
                slot = max(boxes[c].h for c in keys) + STACK_GAP
                ends: dict[float, float] = {}
                for i, c in enumerate(keys):
                    col, row = divmod(i, rows)
                    cb = boxes[c]
                    cb.depth = depth + 1
                    spine = x + col * col_w
                    cb.x = spine + STACK_INDENT
                    cb.y = (depth + 1) * row_h + row * slot
                    mid = cb.y + cb.h / 2
                    lines.append([(spine, mid), (cb.x, mid)])
                    ends[spine] = max(ends.get(spine, mid), mid)
                for spine, end in ends.items():
                    lines.append([(spine, bus), (spine, end)])
                    drops.append(spine)
            x += seg_width((kind, keys)) + H_GAP
        tree_drops = [boxes[k[0]] for kind, k in segs if kind == "tree"]
        if tree_drops:
            first, last = tree_drops[0], tree_drops[-1]
            b.x = (first.x + first.w / 2 + last.x + last.w / 2) / 2 - b.w / 2
        else:
            b.x = left + (span - b.w) / 2
        cx = b.x + b.w / 2
        lines.append([(cx, b.y + b.h), (cx, bus)])
        lines.append([(min(drops + [cx]), bus), (max(drops + [cx]), bus)])

    # Each top-level tree is laid out on its own, then the trees are packed in rows
    # (shelves) so that a whole case prints about as wide as a landscape page is.
    trees = []
    for r in order(roots, top=True):
        start = len(lines)
        place(r, 0.0, 0)
        members, todo = [], [r]
        while todo:
            k = todo.pop()
            members.append(boxes[k])
            todo.extend(children.get(k, []))
        tw = max(b.x + b.w for b in members)
        th = max(b.y + b.h for b in members)
        trees.append((members, start, len(lines), tw, th))
    _pack(trees, lines)
    placed = list(boxes.values())
    w = max((b.x + b.w for b in placed), default=0.0)
    h = max((b.y + b.h for b in placed), default=0.0)
    ordered = sorted(placed, key=lambda b: (b.depth, b.x))
    return OrgChart(title, ordered, lines, w, h, masked)


def _pack(trees, lines, aspect: float = 1.6) -> None:
    """Move laid-out trees into shelves, trying each shelf width and keeping the one whose
    overall shape is nearest ``aspect`` (width / height)."""
    if len(trees) < 2:
        return
    gap = H_GAP * 3

    def shelves(limit: float):
        rows, row, used = [], [], 0.0
        for t in trees:
            if row and used + gap + t[3] > limit:
                rows.append(row)
                row, used = [], 0.0
            used += (gap if row else 0.0) + t[3]
            row.append(t)
        rows.append(row)
        w = max(sum(t[3] for t in r) + gap * (len(r) - 1) for r in rows)
        h = sum(max(t[4] for t in r) for r in rows) + V_GAP * 2 * (len(rows) - 1)
        return rows, w, h

    widest = max(t[3] for t in trees)
    total = sum(t[3] for t in trees) + gap * (len(trees) - 1)
    candidates = [widest + (total - widest) * i / 20 for i in range(21)]
    best = min((shelves(c) for c in candidates), key=lambda r: abs(math.log(r[1] / r[2] / aspect)))
    y = 0.0
    for row in best[0]:
        x = 0.0
        for members, start, end, tw, _ in row:
            for b in members:
                b.x += x
                b.y += y
            for i in range(start, end):
                lines[i] = [(px + x, py + y) for px, py in lines[i]]
            x += tw + gap
        y += max(t[4] for t in row) + V_GAP * 2


# ------------------------------------------------------------------ re-laying out


def hierarchy(chart: OrgChart) -> tuple[dict[str, OrgBox], dict[str, list[str]], list[str]]:
    """(boxes by key, children by parent key, roots) of a laid-out chart, in its order."""
    boxes = {b.key: b for b in chart.boxes}
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for b in sorted(chart.boxes, key=lambda b: (b.x, b.y)):
        if b.parent in boxes:
            children[b.parent].append(b.key)
        else:
            roots.append(b.key)
    roots.sort(key=lambda k: (boxes[k].y, boxes[k].x))
    return boxes, dict(children), roots


def relayout(
    chart: OrgChart,
    box_h: float = BOX_H,
    stack_rows: int = STACK_ROWS,
    stack_from: int = STACK_FROM,
) -> OrgChart:
    """The chart laid out again with person boxes ``box_h`` high (room for text that wraps)
    and leaves listed ``stack_rows`` to a column from ``stack_from`` leaves on."""
    boxes, children, roots = hierarchy(chart)
    copies = {k: replace(b, h=box_h if b.kind == Kind.PERSON.value else b.h)
              for k, b in boxes.items()}  # fmt: skip
    return layout(chart.title, copies, children, roots, masked=chart.masked, box_h=box_h,
                  stack_rows=stack_rows, stack_from=stack_from)  # fmt: skip


# ------------------------------------------------------------------ pages

#: Height of a stub: a box standing for a subtree printed on another page.
STUB_H = 16.0
#: Room over a part's top box for the line that says where it continues from.
NOTE_H = 6.0
#: Gaps between the parts sharing a page.
PART_GAP = 12.0
#: On pages, a parent's leaves are listed in columns from this many on (they take less
#: of the page's width than side by side).
STACK_FROM_PAGED = 2
#: A page is filled to at least this share of its area (the last pages are balanced).
MIN_PAGE_USE = 0.25


@dataclass
class OrgPart:
    """A piece of the chart printed in one block: a subtree, or the top of one with stubs
    for the subtrees printed elsewhere. Boxes and lines are in the part's own units."""

    root: str
    boxes: list[OrgBox]
    lines: list[list[tuple[float, float]]]
    width: float
    height: float
    page: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass
class OrgPage:
    """One page of a paginated chart: its parts, placed in page units from (0, 0)."""

    number: int
    parts: list[OrgPart]

    @property
    def boxes(self) -> list[OrgBox]:
        """Every box of the page, at its place on the page."""
        return [replace(b, x=b.x + p.x, y=b.y + p.y) for p in self.parts for b in p.boxes]

    @property
    def lines(self) -> list[list[tuple[float, float]]]:
        return [[(x + p.x, y + p.y) for x, y in line] for p in self.parts for line in p.lines]

    def extent(self) -> tuple[float, float]:
        """Width and height the parts take on the page."""
        return (max((p.x + p.width for p in self.parts), default=0.0),
                max((p.y + p.height for p in self.parts), default=0.0))  # fmt: skip


def paginate(
    chart: OrgChart,
    page_w: float,
    page_h: float,
    *,
    box_h: float = BOX_H,
) -> list[OrgPage]:
    """Cut a chart into parts that each fit a page of ``page_w`` x ``page_h`` units and
    pack the parts onto as few pages as they go on.

    A subtree that fits a page prints whole; one that does not prints its top with its
    children, and each child's subtree that does not fit beside it becomes a stub box naming
    the page it continues on (whose part names the box above it and its page again). A
    parent with more children than a page holds is printed again over the rest of them.
    Parts keep the chart's order (gangs first, unattached suspects last) and fill the
    pages first come, first placed; the last pages are balanced so that none is used less
    than :data:`MIN_PAGE_USE`. Pure: the chart is not changed.

    >>> chart = relayout(OrgChart("t", [OrgBox("a", "person", 1, "A")], [], BOX_W, BOX_H))
    >>> [(p.number, [b.name for b in p.boxes]) for p in paginate(chart, 200, 150)]
    [(1, ['A'])]
    """
    boxes, children, roots = hierarchy(chart)
    stack_rows = max(1, int((page_h - NOTE_H - box_h - V_GAP) // (box_h + STACK_GAP)))

    def people(key: str) -> int:
        todo, n = [key], 0
        while todo:
            k = todo.pop()
            n += boxes[k].kind == Kind.PERSON.value
            todo.extend(children.get(k, []))
        return n

    def subtree(key: str) -> list[str]:
        out, todo = [], [key]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(children.get(k, []))
        return out

    def make(root: str, kids: list[str], opened: set[str], repeated: bool) -> OrgPart:
        """The part of ``root`` over ``kids``: every box in ``opened`` with its children,
        a leaf as it is, any other box with children as a stub."""
        copies: dict[str, OrgBox] = {root: replace(boxes[root], parent=None, repeated=repeated)}
        kids_of: dict[str, list[str]] = {}
        todo = [(root, kids)]
        while todo:
            key, under = todo.pop()
            kids_of[key] = list(under)
            for k in under:
                if k in opened or not children.get(k):
                    copies[k] = replace(boxes[k], parent=key)
                    if children.get(k):
                        todo.append((k, children[k]))
                else:
                    src = boxes[k]
                    copies[k] = OrgBox(k, "stub", src.entity_id, src.name, roles=list(src.roles),
                                       parent=key, h=STUB_H, ref=k, count=people(k))  # fmt: skip
        note = NOTE_H if repeated or boxes[root].parent is not None else 0.0
        # Columns of leaves as long as the page allows; shorter ones when they sit deeper.
        for rows in range(stack_rows, 0, -1):
            laid = layout("", {k: replace(b) for k, b in copies.items()}, kids_of, [root],
                          box_h=box_h, stack_rows=rows, stack_from=STACK_FROM_PAGED)  # fmt: skip
            if laid.height + note <= page_h or laid.width > page_w:
                break
        part = OrgPart(root, laid.boxes, laid.lines, laid.width, laid.height)
        if note:
            # Room over the top box for the line saying where the part continues from.
            for b in part.boxes:
                b.y += note
            part.lines = [[(x, y + note) for x, y in line] for line in part.lines]
            part.height += note
        return part

    def fits(part: OrgPart) -> bool:
        return part.width <= page_w and part.height <= page_h

    def cut(root: str) -> list[OrgPart]:
        kids = children.get(root, [])
        inner = {k for k in subtree(root) if children.get(k)}
        whole_part = make(root, kids, inner, False)
        if fits(whole_part):
            return [whole_part]
        # The children in groups that fit a page under their parent, as stubs (a parent
        # with more children than a page holds is printed again over the rest) ...
        groups: list[list[str]] = [[]]
        for k in kids:
            if groups[-1] and not fits(make(root, groups[-1] + [k], set(), True)):
                groups.append([])
            groups[-1].append(k)
        if len(groups) > 1:
            # As many groups, evenly filled: no last group of one or two.
            size = -(-len(kids) // len(groups))
            even = [kids[i : i + size] for i in range(0, len(kids), size)]
            if all(fits(make(root, g, set(), True)) for g in even):
                groups = even
        out: list[OrgPart] = []
        for i, group in enumerate(groups):
            # ... then the stubs opened level by level, as long as the part still fits.
            opened: set[str] = set()
            frontier = [k for k in group if children.get(k)]
            while frontier:
                k = frontier.pop(0)
                if fits(make(root, group, opened | {k}, i > 0)):
                    opened.add(k)
                    frontier.extend(c for c in children[k] if children.get(c))
            out.append(make(root, group, opened, i > 0))
            closed = [b.ref for b in out[-1].boxes if b.kind == "stub"]
            for k in closed:
                out.extend(cut(k))
        return out

    # The largest gangs first, then people heading no gang, the unattached suspects last.
    roots = sorted(roots, key=lambda r: (_ROOT_ORDER.get(boxes[r].kind, 1), -people(r)))
    parts = [p for r in roots for p in cut(r)]
    pages = _fill_pages(parts, page_w, page_h)
    _number(pages, boxes)
    return pages


def _fill_pages(parts: list[OrgPart], page_w: float, page_h: float) -> list[OrgPage]:
    """Shelves of parts on pages, each part on the first page with room for it; then the
    last pages are balanced so that none is used less than MIN_PAGE_USE."""

    def height_of(_n: int) -> float:
        return page_h

    pages: list[list[list]] = []  # page -> shelves -> [y, height, used width, parts]

    def place(part: OrgPart, start: int = 0) -> None:
        h = part.height
        for n in range(start, len(pages)):
            shelves = pages[n]
            for i, shelf in enumerate(shelves):
                last = i == len(shelves) - 1
                if shelf[2] + PART_GAP + part.width <= page_w and (
                    h <= shelf[1] or (last and shelf[0] + h <= height_of(n))
                ):
                    part.page, part.x, part.y = n, shelf[2] + PART_GAP, shelf[0]
                    shelf[1] = max(shelf[1], h)
                    shelf[2] += PART_GAP + part.width
                    shelf[3].append(part)
                    return
            top = shelves[-1][0] + shelves[-1][1] + PART_GAP if shelves else 0.0
            if top + h <= height_of(n):
                part.page, part.x, part.y = n, 0.0, top
                shelves.append([top, h, part.width, [part]])
                return
        pages.append([[0.0, h, part.width, [part]]])
        part.page, part.x, part.y = len(pages) - 1, 0.0, 0.0

    for part in parts:
        place(part)
    # A last page used too little takes parts from the page before it, as long as that
    # one stays used enough.
    for n in range(len(pages) - 1, 0, -1):
        if _use(pages[n], page_w, height_of(n)) >= MIN_PAGE_USE:
            continue
        before = [p for shelf in pages[n - 1] for p in shelf[3]]
        moved = pages[n - 1][-1][3][-1:] if len(before) > 1 else []
        while moved:
            keep = [p for p in before if p not in moved]
            trial_prev = _shelve(keep, page_w, height_of(n - 1))
            rest = moved + [p for shelf in pages[n] for p in shelf[3]]
            trial = _shelve(rest, page_w, height_of(n))
            if trial_prev is None or trial is None:
                break
            if (_use(trial, page_w, height_of(n)) >= MIN_PAGE_USE
                    and _use(trial_prev, page_w, height_of(n - 1)) >= MIN_PAGE_USE):  # fmt: skip
                pages[n - 1], pages[n] = trial_prev, trial
                break
            if len(moved) + 1 >= len(before):
                break
            moved = before[-(len(moved) + 1) :]
    out = []
    for n, shelves in enumerate(pages):
        page_parts = []
        for shelf in shelves:
            for p in shelf[3]:
                p.page = n
                page_parts.append(p)
        out.append(OrgPage(n + 1, page_parts))
    return out


def _shelve(parts: list[OrgPart], page_w: float, page_h: float) -> list[list] | None:
    """The parts in shelves on one page (moving them there), or None if they do not fit."""
    shelves: list[list] = []
    for part in parts:
        h = part.height
        shelf = shelves[-1] if shelves else None
        if (
            shelf is not None
            and shelf[2] + PART_GAP + part.width <= page_w
            and (shelf[0] + h <= page_h)
        ):
            part.x, part.y = shelf[2] + PART_GAP, shelf[0]
            shelf[1] = max(shelf[1], h)
            shelf[2] += PART_GAP + part.width
            shelf[3].append(part)
            continue
        top = shelf[0] + shelf[1] + PART_GAP if shelf is not None else 0.0
        if top + h > page_h or part.width > page_w:
            return None
        part.x, part.y = 0.0, top
        shelves.append([top, h, part.width, [part]])
    return shelves


def _use(shelves: list[list], page_w: float, page_h: float) -> float:
    """Share of the page the shelves' parts take (their bounding box)."""
    if not shelves:
        return 0.0
    w = max(shelf[2] for shelf in shelves)
    h = max(shelf[0] + shelf[1] for shelf in shelves)
    return w * h / (page_w * page_h)


def _number(pages: list[OrgPage], boxes: dict[str, OrgBox]) -> None:
    """Fill in the cross references: stubs name the page their subtree continues on, and a
    part's top box the page and name of the box above it."""
    first_page: dict[str, int] = {}
    for page in pages:
        for part in page.parts:
            first_page.setdefault(part.root, page.number)
    where: dict[str, int] = {}
    for page in pages:
        for part in page.parts:
            for b in part.boxes:
                if b.kind != "stub":
                    where.setdefault(b.key, page.number)
    for page in pages:
        for part in page.parts:
            for b in part.boxes:
                if b.kind == "stub":
                    b.ref_page = first_page.get(b.ref, 0)
            top = next(b for b in part.boxes if b.key == part.root)
            up = boxes[part.root].parent
            if top.repeated:
                top.up_page = where.get(part.root, 0)
                top.up_name = top.name
            elif up is not None:
                top.up_page = where.get(up, 0)
                top.up_name = boxes[up].name


def tile_pages(
    chart: OrgChart, page_w: float, page_h: float, overlap: float = 10.0, scale: float = 1.0
) -> list[Tile]:
    """Cut the chart (drawn at ``scale``) into pages of ``page_w`` x ``page_h`` units that
    overlap by ``overlap``; pages on which no box falls are left out.

    Tiles are numbered from 1 in reading order (rows top to bottom, left to right); the
    area of each is given in chart units.

    >>> chart = OrgChart("t", [OrgBox("a", "person", 1, "A", x=0, y=0),
    ...                        OrgBox("b", "person", 2, "B", x=300, y=0)], [], 358, 31)
    >>> [(t.number, t.col) for t in tile_pages(chart, 100, 100)]
    [(1, 0), (2, 3)]
    """
    if page_w <= overlap or page_h <= overlap:
        raise ValueError("a page must be larger than the overlap")
    step_w, step_h = (page_w - overlap) / scale, (page_h - overlap) / scale
    tw, th = page_w / scale, page_h / scale
    cols = max(1, math.ceil((chart.width - overlap / scale) / step_w))
    rows = max(1, math.ceil((chart.height - overlap / scale) / step_h))
    tiles = []
    for r in range(rows):
        for c in range(cols):
            x, y = c * step_w, r * step_h
            if any(
                b.x < x + tw and b.x + b.w > x and b.y < y + th and b.y + b.h > y
                for b in chart.boxes
            ):
                tiles.append(Tile(len(tiles) + 1, r, c, x, y, tw, th))
    return tiles
