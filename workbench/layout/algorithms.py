"""Chart layouts as pure functions: plain ids and edges in, ``{entity_id: (x, y)}`` out.

Coordinates are screen-like: x grows to the east (right), y grows downwards, so north and
the top of a hierarchy have the smaller y. One node takes about :data:`SPACING` units.
None of these functions reads the case; the chart passes them plain data, so they can run
on a worker thread.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .rng import seeded_igraph

#: Distance between neighbouring nodes in layout units.
SPACING = 40.0
#: Distance between the cards and phones around their holder, in SPACINGs.
SATELLITE_GAP = 0.36

Positions = dict[int, tuple[float, float]]


def force_layout(
    nodes: Sequence[int],
    edges: Iterable[tuple[int, int, float]],
    *,
    seed: int = 0,
    iterations: int | None = None,
) -> Positions:
    """Force-directed layout (igraph's Fruchterman-Reingold, grid variant above 1,000 nodes).

    The grid variant lays out 20,000 nodes and 60,000 edges in about 0.4 s on a 2-core
    machine and 100,000 nodes and 300,000 edges in about 2 s, where networkx's spring
    layout takes minutes: the iteration count shrinks as the graph grows (500 for small
    charts, 100 from 5,000 nodes). ``edges`` are ``(source, target, weight)``; pairs with
    an unknown end are ignored. The same nodes, edges and ``seed`` give the same positions:
    igraph draws its random start from a generator seeded with ``seed``.

    >>> pos = force_layout([1, 2, 3], [(1, 2, 1.0), (2, 3, 1.0)])
    >>> sorted(pos) == [1, 2, 3] and all(len(p) == 2 for p in pos.values())
    True
    """
    import igraph

    nodes = list(nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    pairs, weights = _index_pairs(nodes, edges)
    g = igraph.Graph(n=len(nodes), edges=pairs.tolist())
    if iterations is None:
        iterations = int(min(500, max(100, 500_000 / len(nodes))))
    # igraph's own start (uniform over a square of side sqrt(n)), drawn from a seeded
    # generator, makes the same chart lay out the same way twice. A start spread twice as
    # wide made the grid variant ten times slower, for no better a picture.
    with seeded_igraph(seed):
        coords = g.layout_fruchterman_reingold(
            weights=np.log1p(weights).tolist() if len(pairs) else None,
            niter=iterations,
            grid=len(nodes) > 1000,
        ).coords
    arr = np.asarray(coords, dtype=float)
    arr -= arr.mean(axis=0)
    # Scale so that linked nodes sit about SPACING apart.
    if len(pairs):
        ia, ib = pairs.T
        typical = float(np.median(np.linalg.norm(arr[ia] - arr[ib], axis=1))) or 1.0
    else:
        typical = 1.0
    arr *= SPACING * 1.5 / typical
    return dict(zip(nodes, map(tuple, arr.tolist()), strict=True))


def _index_pairs(
    nodes: list[int], edges: Iterable[tuple[int, int, float]]
) -> tuple[np.ndarray, np.ndarray]:
    """``edges`` as ``(k, 2)`` positions in ``nodes`` and their weights (at least 0.1),
    without self-loops and edges with an end not in ``nodes``: a chart's 300,000 links
    in a tenth of the time a dictionary look-up per end takes."""
    edges = list(edges)
    if not edges:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    ids = np.asarray(nodes, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    known = ids[order]
    k = len(edges)
    ends = np.array([np.fromiter((e[0] for e in edges), np.int64, k),
                     np.fromiter((e[1] for e in edges), np.int64, k)])  # fmt: skip
    w = np.fromiter((e[2] for e in edges), float, k)
    at = np.searchsorted(known, ends).clip(max=len(known) - 1)
    keep = (known[at] == ends).all(axis=0)
    pairs = order[at].T
    keep &= pairs[:, 0] != pairs[:, 1]
    return pairs[keep], np.maximum(w[keep], 0.1)


def circle_layout(
    nodes: Sequence[int], center: tuple[float, float] = (0.0, 0.0), *, spacing: float = SPACING
) -> Positions:
    """Nodes on a circle around ``center``, in the order given, starting at the top.

    >>> pos = circle_layout([1, 2, 3, 4], spacing=10)
    >>> round(pos[1][1], 6) < 0 and round(pos[3][1], 6) > 0
    True
    """
    nodes = list(nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: center}
    radius = max(spacing, spacing * len(nodes) / (2 * math.pi))
    out = {}
    for i, n in enumerate(nodes):
        a = -math.pi / 2 + 2 * math.pi * i / len(nodes)
        out[n] = (center[0] + radius * math.cos(a), center[1] + radius * math.sin(a))
    return out


def grid_layout(
    nodes: Sequence[int], center: tuple[float, float] = (0.0, 0.0), *, spacing: float = SPACING
) -> Positions:
    """Nodes in rows of a square grid centred on ``center``, in the order given.

    >>> grid_layout([1, 2, 3, 4], spacing=10)
    {1: (-5.0, -5.0), 2: (5.0, -5.0), 3: (-5.0, 5.0), 4: (5.0, 5.0)}
    """
    nodes = list(nodes)
    if not nodes:
        return {}
    cols = math.ceil(math.sqrt(len(nodes)))
    rows = math.ceil(len(nodes) / cols)
    x0 = center[0] - spacing * (cols - 1) / 2
    y0 = center[1] - spacing * (rows - 1) / 2
    return {n: (x0 + spacing * (i % cols), y0 + spacing * (i // cols)) for i, n in enumerate(nodes)}


#: Rank of roles for the hierarchy: organisers on top, victims last.
ROLE_RANK = {
    "organiser": 0,
    "border_organiser": 1,
    "core_member": 1,
    "money_launderer": 2,
    "tech_support": 2,
    "card_seller": 2,
    "operator": 3,
    "traffic_driver": 3,
    "car_handler": 3,
    "score_runner": 3,
    "card_supplier": 4,
    "victim": 6,
}


def hierarchy_layout(
    nodes: Sequence[int],
    reports_to: Iterable[tuple[int, int]],
    *,
    roles: Mapping[int, Iterable[str]] | None = None,
    attached: Iterable[tuple[int, int]] = (),
    spacing: float = SPACING,
) -> Positions:
    """Top-down tree: organisers on top, each person under the one they report to.

    ``reports_to`` holds ``(subordinate, superior)`` pairs; ``attached`` holds
    ``(holder, thing)`` pairs (cards, phones, handsets), drawn just under their holder.
    People nobody is placed above start their own tree; trees are ordered by their top
    person's role (organisers first, then core members ...). Anything else goes in a row
    under the trees. Returns screen-like coordinates (the top has the smaller y).

    >>> pos = hierarchy_layout([1, 2, 3], [(2, 1), (3, 2)], spacing=10)
    >>> pos[1][1] < pos[2][1] < pos[3][1]
    True
    """
    nodes = list(nodes)
    present = set(nodes)
    roles = roles or {}

    def rank(n: int) -> int:
        return min((ROLE_RANK.get(r, 5) for r in roles.get(n, ())), default=5)

    boss: dict[int, int] = {}
    for sub, sup in reports_to:
        if sub in present and sup in present and sub != sup and sub not in boss:
            boss[sub] = sup
    # Break cycles: a person whose chain of superiors comes back to them starts a tree.
    for n in list(boss):
        seen, cur = {n}, boss.get(n)
        while cur is not None:
            if cur in seen:
                boss.pop(n, None)
                break
            seen.add(cur)
            cur = boss.get(cur)
    things: dict[int, list[int]] = defaultdict(list)
    held = set()
    for holder, thing in attached:
        if holder in present and thing in present and thing not in held and thing not in boss:
            if thing == holder:
                continue
            things[holder].append(thing)
            held.add(thing)
    children: dict[int, list[int]] = defaultdict(list)
    for sub, sup in boss.items():
        children[sup].append(sub)
    order = {n: i for i, n in enumerate(nodes)}
    for kids in children.values():
        kids.sort(key=lambda n: (rank(n), order[n]))
    in_tree = set(boss) | set(children)
    roots = sorted((n for n in in_tree if n not in boss), key=lambda n: (rank(n), order[n]))
    out: Positions = {}
    cursor = [0.0]

    def width_of_things(n: int) -> int:
        return len(things.get(n, ()))

    def place(n: int, depth: int) -> float:
        kids = children.get(n, [])
        if not kids:
            span = max(1, width_of_things(n))
            x = cursor[0] + spacing * (span - 1) / 2
            cursor[0] += spacing * span + spacing * 0.5
        else:
            xs = [place(k, depth + 1) for k in kids]
            x = (xs[0] + xs[-1]) / 2
        y = depth * spacing * 3
        out[n] = (x, y)
        for j, t in enumerate(things.get(n, ())):
            k = width_of_things(n)
            out[t] = (x + spacing * (j - (k - 1) / 2), y + spacing * 1.2)
        return x

    for r in roots:
        place(r, 0)
        cursor[0] += spacing
    rest = [n for n in nodes if n not in out and n not in held]
    # Loose people and their things: one row under the deepest tree.
    depth = max((y for _, y in out.values()), default=-spacing * 3) + spacing * 3
    rest.sort(key=lambda n: (rank(n), order[n]))
    x = 0.0
    for n in rest:
        out[n] = (x, depth)
        for j, t in enumerate(things.get(n, ())):
            out[t] = (x + spacing * j, depth + spacing * 1.2)
        x += spacing * max(1, width_of_things(n)) + spacing * 0.5
    for n in nodes:  # things whose holder is off the chart never reach here; be safe
        out.setdefault(n, (x, depth))
    return out


@dataclass
class RegionArea:
    """One labelled region area of the regions layout (screen-like coordinates)."""

    code: str
    name: str
    x: float  # centre
    y: float
    width: float
    height: float
    count: int
    overseas: bool = False
    lon: float | None = None
    lat: float | None = None


@dataclass
class RegionLayout:
    """Positions by entity plus the areas they sit in and which area holds which entity."""

    positions: Positions
    areas: list[RegionArea] = field(default_factory=list)
    area_of: dict[int, str] = field(default_factory=dict)


#: The code of the area for entities the case does not place anywhere.
UNPLACED = ""

# China's rough centre: overseas areas are pushed away from it, outside the border.
_CHINA_CENTRE = (104.0, 35.0)


def region_layout(
    nodes: Sequence[int],
    region_of: Mapping[int, str],
    regions: Mapping[str, tuple[float | None, float | None, str, bool]],
    *,
    order_key: Mapping[int, tuple] | None = None,
    holder_of: Mapping[int, int] | None = None,
    spacing: float = SPACING,
    unplaced_name: str = "",
) -> RegionLayout:
    """Group entities in areas placed by their region's real geography.

    ``region_of`` maps entity id -> region code (entities without one go to an area of
    their own); ``regions`` maps code -> ``(lon, lat, name, overseas)``. Areas are placed at
    their longitude (west to east) and latitude (north at the top), pushed apart until they
    no longer overlap, keeping the west-to-east order; overseas areas are pushed outward
    from China's centre until they clear every mainland area.

    Inside an area the people (and anything nobody holds) are laid out in rows in
    ``order_key`` order (say: role rank), each with the cards, phones and handsets it holds
    (``holder_of``: thing -> holder, when the holder is in the same area) as a small cluster
    around it, so a dealer with thirty cards reads as one person with a cluster. An area's
    side grows with the square root of what it holds.

    >>> regions = {"A": (100.0, 30.0, "West", False), "B": (120.0, 30.0, "East", False)}
    >>> lay = region_layout([1, 2], {1: "B", 2: "A"}, regions)
    >>> lay.positions[2][0] < lay.positions[1][0]
    True
    """
    nodes = list(nodes)
    order_key = order_key or {}
    holder_of = holder_of or {}
    groups: dict[str, list[int]] = defaultdict(list)
    code_of: dict[int, str] = {}
    for n in nodes:
        code = region_of.get(n) or UNPLACED
        if code != UNPLACED and code not in regions:
            code = UNPLACED
        groups[code].append(n)
        code_of[n] = code
    areas: list[RegionArea] = []
    inner: dict[str, Positions] = {}
    for code, members in groups.items():
        rel, w, h = _pack_area(members, code_of, holder_of, order_key, spacing)
        inner[code] = rel
        # Small areas still get room for their label; a strip on top stays free for it.
        width = max(spacing * 4.0, w + spacing)
        height = max(spacing * 3.0, h + spacing) + spacing * 0.6
        if code == UNPLACED:
            lon, lat, name, overseas = None, None, unplaced_name, False
        else:
            lon, lat, name, overseas = regions[code]
        areas.append(RegionArea(code, name, 0.0, 0.0, width, height, len(members),
                                overseas, lon, lat))  # fmt: skip
    _place_areas(areas, spacing * 2.0)
    positions: Positions = {}
    area_of: dict[int, str] = {}
    for a in areas:
        for n, (dx, dy) in inner[a.code].items():
            positions[n] = (a.x + dx, a.y + spacing * 0.3 + dy)
            area_of[n] = a.code
    return RegionLayout(positions, areas, area_of)


def _pack_area(
    members: list[int],
    code_of: Mapping[int, str],
    holder_of: Mapping[int, int],
    order_key: Mapping[int, tuple],
    spacing: float,
) -> tuple[Positions, float, float]:
    """One area's inside: ``(positions around (0, 0), width, height)``.

    Holders and loose entities in rows; what a holder holds on a spiral around it."""
    members = sorted(members, key=lambda n: order_key.get(n, (n,)))
    present = set(members)
    satellites: dict[int, list[int]] = defaultdict(list)
    for n in members:
        h = holder_of.get(n)
        if h is not None and h != n and h in present and code_of.get(h) == code_of.get(n):
            satellites[h].append(n)
    held = {t for ts in satellites.values() for t in ts}
    # A holder held by someone else (a phone "holding" a card) keeps its own cluster.
    units = [n for n in members if n not in held or n in satellites]
    for n in units:
        held.discard(n)
    gap = spacing * SATELLITE_GAP
    golden = math.pi * (3 - math.sqrt(5))
    local: dict[int, Positions] = {}
    radius: dict[int, float] = {}
    for u in units:
        things = [t for t in satellites.get(u, ()) if t in held]
        pts = {u: (0.0, 0.0)}
        r = 0.0
        # A sunflower around the holder, leaving a hole in the middle for the holder.
        for j, t in enumerate(things):
            r = gap * 0.95 * math.sqrt(j + 2.2)
            a = j * golden - math.pi / 2
            pts[t] = (r * math.cos(a), r * math.sin(a))
        local[u] = pts
        radius[u] = max(spacing * 0.5, r + gap * 0.6)
    total = sum((2 * radius[u]) ** 2 for u in units)
    row_width = max(max((2 * radius[u] for u in units), default=0.0), math.sqrt(total) * 1.15)
    rows: list[list[int]] = [[]]
    used = 0.0
    for u in units:
        d = 2 * radius[u]
        if rows[-1] and used + d > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append(u)
        used += d
    out: Positions = {}
    y = 0.0
    width = 0.0
    for row in rows:
        h = max(2 * radius[u] for u in row)
        row_w = sum(2 * radius[u] for u in row)
        x = -row_w / 2
        for u in row:
            cx, cy = x + radius[u], y + h / 2
            for n, (dx, dy) in local[u].items():
                out[n] = (cx + dx, cy + dy)
            x += 2 * radius[u]
        width = max(width, row_w)
        y += h
    for n in out:
        out[n] = (out[n][0], out[n][1] - y / 2)
    return out, width, y


def _place_areas(areas: list[RegionArea], spacing: float) -> None:
    located = [a for a in areas if a.lon is not None and a.lat is not None]
    if located:
        lons = np.array([a.lon for a in located])
        lats = np.array([a.lat for a in located])
        sides = np.array([max(a.width, a.height) for a in located])
        # Degrees to units: neighbouring regions about one area apart before untangling.
        if len(located) > 1:
            pts = np.c_[lons, lats]
            d = np.linalg.norm(pts[:, None] - pts[None], axis=2)
            np.fill_diagonal(d, np.inf)
            nearest = float(np.median(d.min(axis=1))) or 1.0
            scale = float(np.median(sides)) * 0.9 / max(nearest, 0.3)
        else:
            scale = 1.0
        for a in located:
            a.x = (a.lon - _CHINA_CENTRE[0]) * scale
            a.y = -(a.lat - _CHINA_CENTRE[1]) * scale
    mainland = [a for a in located if not a.overseas]
    overseas = [a for a in located if a.overseas]
    # West-to-east order is the map's promise: untangle, restore the order, until both hold.
    ordered = sorted(mainland, key=lambda a: (a.lon, a.code))
    for _ in range(20):
        _separate(mainland, spacing)
        shifted = False
        for prev, cur in zip(ordered, ordered[1:], strict=False):
            if cur.x < prev.x:
                cur.x = prev.x
                shifted = True
        if not shifted:
            break
    for a in overseas:
        _push_outside(a, mainland + [o for o in overseas if o is not a and o.x != 0], spacing)
    _separate(overseas, spacing, fixed=mainland)
    unplaced = [a for a in areas if a.lon is None or a.lat is None]
    if unplaced:
        placed = [a for a in areas if a not in unplaced]
        left = min((a.x - a.width / 2 for a in placed), default=0.0)
        bottom = max((a.y + a.height / 2 for a in placed), default=0.0)
        for i, a in enumerate(unplaced):
            a.x = left + a.width / 2 + i * (a.width + spacing)
            a.y = bottom + spacing * 2 + a.height / 2


def _overlap(a: RegionArea, b: RegionArea, gap: float) -> tuple[float, float]:
    ox = (a.width + b.width) / 2 + gap - abs(a.x - b.x)
    oy = (a.height + b.height) / 2 + gap - abs(a.y - b.y)
    return ox, oy


def _separate(areas: list[RegionArea], gap: float, fixed: Sequence[RegionArea] = ()) -> None:
    """Push overlapping areas apart along the axis where they overlap least, each pair in the
    direction of its geography (the western one goes west, the northern one north).

    All overlapping pairs move at once per round (numpy): a hundred county areas settle in
    a fraction of a second, where moving one pair at a time took minutes."""
    every = list(areas) + list(fixed)
    n, m = len(areas), len(every)
    if n == 0 or m < 2:
        return
    x = np.array([a.x for a in every], dtype=float)
    y = np.array([a.y for a in every], dtype=float)
    half_w = np.array([a.width for a in every], dtype=float) / 2
    half_h = np.array([a.height for a in every], dtype=float) / 2
    movable = np.arange(m) < n

    def rank(key) -> np.ndarray:
        out = np.empty(m)
        out[sorted(range(m), key=lambda k: key(every[k]))] = np.arange(m)
        return out

    west = rank(lambda a: (a.lon if a.lon is not None else 0.0, a.code))
    north = rank(lambda a: (-(a.lat or 0.0), a.code))
    # -1: the first of the pair lies west (north) of the second and goes west (north).
    sx = np.where(west[:, None] < west[None, :], -1.0, 1.0)
    sy = np.where(north[:, None] < north[None, :], -1.0, 1.0)
    pairs = np.triu(np.ones((m, m), dtype=bool), 1) & (movable[:, None] | movable[None, :])
    both = movable[:, None] & movable[None, :]
    share_i = np.where(both, 0.5, movable[:, None] * 1.0)
    share_j = np.where(both, 0.5, movable[None, :] * 1.0)
    for _ in range(2000):
        ox = half_w[:, None] + half_w[None, :] + gap - np.abs(x[:, None] - x[None, :])
        oy = half_h[:, None] + half_h[None, :] + gap - np.abs(y[:, None] - y[None, :])
        hit = pairs & (ox > 1e-6) & (oy > 1e-6)
        if not hit.any():
            break
        i, j = np.nonzero(hit)
        along_x = ox[i, j] <= oy[i, j]
        # A hair more than the overlap, so that pairs do not creep towards each other.
        push_x = np.where(along_x, sx[i, j] * (ox[i, j] + 1e-3), 0.0)
        push_y = np.where(along_x, 0.0, sy[i, j] * (oy[i, j] + 1e-3))
        dx, dy = np.zeros(m), np.zeros(m)
        np.add.at(dx, i, push_x * share_i[i, j])
        np.add.at(dx, j, -push_x * share_j[i, j])
        np.add.at(dy, i, push_y * share_i[i, j])
        np.add.at(dy, j, -push_y * share_j[i, j])
        # Several pairs pushing one area at once would overshoot: move by the strongest.
        count = np.bincount(np.r_[i, j], minlength=m).clip(min=1)
        x += dx / np.sqrt(count)
        y += dy / np.sqrt(count)
    for k, a in enumerate(areas):
        a.x, a.y = float(x[k]), float(y[k])


def _push_outside(a: RegionArea, others: Sequence[RegionArea], gap: float) -> None:
    """Move an overseas area outward from China's centre until it overlaps no other area."""
    dx, dy = a.x, a.y
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    step = max(a.width, a.height) * 0.25
    for _ in range(400):
        if not any(min(_overlap(a, o, gap * 2)) > 0 for o in others):
            return
        a.x += ux * step
        a.y += uy * step


def region_key(code: str | None, level: str = "province") -> str | None:
    """The area a region code falls in: its province (``"province"``), its prefecture
    (``"prefecture"``; counties of Chongqing and other municipalities stay counties), or the
    code itself (``"county"``). Overseas places stay as they are.

    >>> region_key("500240"), region_key("500240", "prefecture"), region_key("450103", "prefecture")
    ('500000', '500240', '450100')
    >>> region_key("XMM-N")
    'XMM-N'
    """
    if not code:
        return None
    if len(code) == 6 and code.isdigit():
        if level == "province":
            return code[:2] + "0000"
        if level == "prefecture" and code[:2] not in ("11", "12", "31", "50"):
            # Municipalities (Chongqing's Shizhu, Pengshui) have no prefectures: counties stay.
            return code if code[2:] == "0000" else code[:4] + "00"
    return code
