"""Chart layouts: geography for regions, top-down hierarchy, force layout, circle and grid."""

from __future__ import annotations

import math
import random
import statistics

import numpy as np
import pytest

from workbench import layout as L
from workbench.layout.data import _holds_much_of_links

from ..factories import make_case


def test_region_areas_run_west_to_east_with_overseas_outside(demo_path):
    from workbench.store import CaseStore

    store = CaseStore.open(demo_path, "tester")
    try:
        ids = L.default_chart_members(store)
        nodes = L.chart_nodes(store, ids)
        area_of = L.area_codes(nodes)
        table = L.regions_table(store, set(area_of.values()))
        lay = L.region_layout(list(nodes), area_of, table)
    finally:
        store.close()
    areas = {a.code: a for a in lay.areas}
    # The demo's groups: the northern-Myanmar compound, Chongqing, Guangxi (Nanning).
    assert {"XMM-N", "500000", "450000", "370000"} <= set(areas)
    mainland = [a for a in lay.areas if not a.overseas and a.lon is not None]
    by_x = [a.code for a in sorted(mainland, key=lambda a: (a.x, a.lon))]
    by_lon = [a.code for a in sorted(mainland, key=lambda a: (a.lon, a.x))]
    assert by_x == by_lon
    # Overseas areas overlap no mainland area and sit outside the mainland's extent on the
    # side they lie (Myanmar is south-west of China).
    for code in ("XMM-N", "XMM-MWD"):
        o = areas[code]
        for m in mainland:
            assert abs(o.x - m.x) >= (o.width + m.width) / 2 or abs(o.y - m.y) >= (
                o.height + m.height) / 2  # fmt: skip
    west = min(m.x - m.width / 2 for m in mainland)
    south = max(m.y + m.height / 2 for m in mainland)
    assert areas["XMM-N"].x < west or areas["XMM-N"].y > south
    # Every entity sits inside its area.
    for eid, (x, y) in lay.positions.items():
        a = areas[lay.area_of[eid]]
        assert abs(x - a.x) <= a.width / 2 and abs(y - a.y) <= a.height / 2
    # Areas do not overlap one another.
    placed = list(lay.areas)
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert abs(a.x - b.x) >= (a.width + b.width) / 2 - 1e-6 or abs(a.y - b.y) >= (
                a.height + b.height) / 2 - 1e-6, (a.code, b.code)  # fmt: skip


def test_region_layout_north_above_south_and_unplaced_apart():
    regions = {
        "N": (110.0, 45.0, "north", False),
        "S": (110.5, 22.0, "south", False),
        "X": (97.8, 23.8, "abroad", True),
    }
    region_of = {1: "N", 2: "S", 3: "X", 4: ""}
    lay = L.region_layout([1, 2, 3, 4], region_of, regions, unplaced_name="?")
    areas = {a.code: a for a in lay.areas}
    assert areas["N"].y < areas["S"].y
    assert areas[L.UNPLACED].count == 1 and lay.area_of[4] == L.UNPLACED


def test_hierarchy_is_top_down_from_organisers():
    # 1 organiser; 2, 3 report to 1; 4 reports to 2; 10 is 2's card; 5 is loose.
    pos = L.hierarchy_layout(
        [5, 4, 3, 2, 1, 10],
        [(2, 1), (3, 1), (4, 2)],
        roles={1: ["organiser"], 2: ["core_member"], 3: ["operator"], 4: ["car_handler"]},
        attached=[(2, 10)],
    )
    assert pos[1][1] < pos[2][1] == pos[3][1] < pos[4][1]
    assert min(pos[2][0], pos[3][0]) <= pos[1][0] <= max(pos[2][0], pos[3][0])
    assert pos[2][1] < pos[10][1] < pos[4][1]  # the card hangs just under its holder
    assert pos[5][1] > pos[4][1]  # people in no tree go under the trees
    assert len(set(pos.values())) == 6


def test_hierarchy_survives_a_reporting_cycle():
    pos = L.hierarchy_layout([1, 2, 3], [(1, 2), (2, 3), (3, 1)])
    assert set(pos) == {1, 2, 3}


def test_force_layout_keeps_linked_nodes_closer_than_strangers():
    rng = random.Random(3)
    # Two dense clusters joined by one edge.
    edges = [(a, b, 1.0) for a in range(10) for b in range(a + 1, 10) if rng.random() < 0.6]
    edges += [(a, b, 1.0) for a in range(10, 20) for b in range(a + 1, 20) if rng.random() < 0.6]
    edges.append((0, 10, 1.0))
    pos = L.force_layout(list(range(20)), edges, seed=1)

    def dist(a, b):
        return math.dist(pos[a], pos[b])

    inside = sum(dist(a, b) for a in range(1, 10) for b in range(a + 1, 10)) / 36
    across = sum(dist(a, b) for a in range(1, 10) for b in range(11, 20)) / 81
    assert inside < across
    assert L.force_layout(list(range(20)), edges, seed=1) == pos  # same seed, same chart


def test_circle_and_grid():
    c = L.circle_layout([1, 2, 3, 4, 5, 6], center=(100, 50))
    radii = {round(math.dist(p, (100, 50)), 6) for p in c.values()}
    assert len(radii) == 1
    g = L.grid_layout(list(range(7)), center=(0, 0), spacing=10)
    assert len({p[1] for p in g.values()}) == 3 and len(set(g.values())) == 7


def _overview(store):
    ids = L.default_chart_members(store)
    nodes = L.chart_nodes(store, ids)
    area_of = L.area_codes(nodes)
    table = L.regions_table(store, set(area_of.values()))
    lay = L.region_layout(list(nodes), area_of, table, holder_of=L.holders(nodes))
    return nodes, lay


def test_held_cards_sit_in_their_holders_area_next_to_the_holder(demo_path):
    from workbench.store import CaseStore

    store = CaseStore.open(demo_path, "tester")
    try:
        nodes, lay = _overview(store)
    finally:
        store.close()
    held = {eid: n.holder for eid, n in nodes.items() if n.holder in nodes}
    assert len(held) > 500
    areas = {a.code: a for a in lay.areas}
    moved = 0
    for thing, holder in held.items():
        if nodes[holder].region:
            assert lay.area_of[thing] == lay.area_of[holder]
        moved += L.region_key(nodes[thing].region) != lay.area_of[thing]
    # Many cards were opened elsewhere (their own region stays on the node, for the
    # inspector), yet no area is made of stray cards alone.
    assert moved > 0
    assert all(nodes[t].region for t in held)
    people_in = {lay.area_of[e] for e, n in nodes.items() if n.kind.value == "person"}
    assert set(areas) == people_in
    # Each thing is near its holder: within its holder's cluster, closer to it than the
    # spacing of people in a row times the cluster's size allows.
    per_holder: dict[int, int] = {}
    for h in held.values():
        per_holder[h] = per_holder.get(h, 0) + 1
    for thing, holder in held.items():
        (x, y), (hx, hy) = lay.positions[thing], lay.positions[holder]
        k = per_holder[holder]
        reach = L.SPACING * 0.36 * 0.95 * math.sqrt(k + 2.2) + 1e-6
        assert math.hypot(x - hx, y - hy) <= reach


def test_region_areas_grow_with_the_square_root_of_their_members():
    regions = {"A": (100.0, 30.0, "A", False), "B": (120.0, 30.0, "B", False)}
    region_of = {i: "A" for i in range(400)} | {i: "B" for i in range(400, 404)}
    lay = L.region_layout(list(region_of), region_of, regions)
    a, b = sorted(lay.areas, key=lambda r: r.code)
    # 100 times the members: about 10 times the side, not one giant disc beside a dot.
    assert 4 < a.width / b.width < 14 and a.width * a.height > 20 * b.width * b.height
    for eid, (x, y) in lay.positions.items():
        r = a if eid < 400 else b
        assert abs(x - r.x) <= r.width / 2 and abs(y - r.y) <= r.height / 2


def test_a_card_dealer_reads_as_one_person_with_a_cluster():
    regions = {"CQ": (106.5, 29.5, "Chongqing", False), "HL": (127.0, 46.0, "Hlj", False)}
    dealer, others = 1, [2, 3, 4]
    cards = list(range(100, 133))  # 33 phone cards, opened in Heilongjiang
    region_of = {dealer: "CQ", 2: "CQ", 3: "CQ", 4: "CQ"} | {c: "CQ" for c in cards}
    lay = L.region_layout([dealer, *others, *cards], region_of, regions,
                          holder_of={c: dealer for c in cards})  # fmt: skip
    assert [a.code for a in lay.areas] == ["CQ"]
    dx, dy = lay.positions[dealer]
    dist = sorted(math.hypot(lay.positions[c][0] - dx, lay.positions[c][1] - dy) for c in cards)
    others_dist = [math.hypot(lay.positions[o][0] - dx, lay.positions[o][1] - dy) for o in others]
    # The cards crowd round the dealer, closer than any other person is.
    assert dist[-1] < min(others_dist)
    assert dist[0] > 0  # none of them on top of the dealer
    pts = [lay.positions[c] for c in cards]
    for i, p in enumerate(pts):
        for q in pts[i + 1 :]:
            assert math.hypot(p[0] - q[0], p[1] - q[1]) > L.SPACING * 0.2


def test_many_small_areas_are_untangled_without_overlaps(demo_path):
    from workbench.store import CaseStore

    store = CaseStore.open(demo_path, "tester")
    try:
        nodes = L.chart_nodes(store, L.default_chart_members(store))
        # Every entity by its own county: over a hundred areas, many close together.
        area_of = {e: L.region_key(n.region, "county") or L.UNPLACED for e, n in nodes.items()}
        table = L.regions_table(store, set(area_of.values()))
    finally:
        store.close()
    lay = L.region_layout(list(nodes), area_of, table)
    areas = lay.areas
    assert len(areas) > 100
    for i, a in enumerate(areas):
        for b in areas[i + 1 :]:
            assert abs(a.x - b.x) >= (a.width + b.width) / 2 - 1e-6 or abs(a.y - b.y) >= (
                a.height + b.height) / 2 - 1e-6, (a.code, b.code)  # fmt: skip
    mainland = sorted((a for a in areas if a.lon is not None and not a.overseas),
                      key=lambda a: (a.lon, a.code))  # fmt: skip
    assert all(p.x <= q.x + 1e-6 for p, q in zip(mainland, mainland[1:], strict=False))


def _ring_with_chords(n: int) -> list[tuple[int, int, float]]:
    return [(a, (a + 1) % n, 1.0) for a in range(n)] + [(a, (a * 7 + 3) % n, 2.0) for a in range(n)]


def test_force_layout_on_the_grid_repeats_for_a_seed_and_changes_with_it():
    nodes = list(range(100, 2600))  # above 1,000 nodes: igraph's grid variant
    edges = [(a + 100, b + 100, w) for a, b, w in _ring_with_chords(2500)]
    pos = L.force_layout(nodes, edges, seed=3)
    assert L.force_layout(nodes, edges, seed=3) == pos
    other = L.force_layout(nodes, edges, seed=4)
    assert other != pos and set(other) == set(pos) == set(nodes)
    # Linked nodes sit about 1.5 SPACING apart (the median link), centred on (0, 0).
    median = statistics.median(math.dist(pos[a], pos[b]) for a, b, _ in edges)
    assert math.isclose(median, L.SPACING * 1.5, rel_tol=1e-6)
    assert abs(sum(x for x, _ in pos.values()) / len(pos)) < 1e-6


def test_force_layout_ignores_self_ties_and_ends_off_the_chart():
    nodes = [5, 3, 9, 1]
    edges = [(5, 3, 1.0), (3, 9, 0.0), (9, 9, 4.0), (1, 42, 1.0), (42, 5, 1.0)]
    pos = L.force_layout(nodes, edges, seed=1)
    assert set(pos) == {5, 3, 9, 1}
    assert pos == L.force_layout(nodes, [(5, 3, 1.0), (3, 9, 0.0)], seed=1)
    assert L.force_layout([], edges) == {} and L.force_layout([7], edges) == {7: (0.0, 0.0)}


def test_chart_edges_and_nodes_read_the_same_for_a_whole_case_and_a_part(tmp_path):
    """A chart of the whole case reads every link and keeps the chart's; a small one looks
    its entities up in the indexes: both give what the case holds."""
    store = make_case(tmp_path, people=60)
    try:
        everyone = [e.id for kind in ("person", "bank_card", "phone_card")
                    for e in store.entities(kind)]  # fmt: skip
        links = store.db.execute("SELECT id, type, source_id, target_id FROM link").fetchall()
        for chart, whole in ((everyone, True), (everyone[:6], False)):
            assert _holds_much_of_links(store.db.conn, len(chart)) is whole
            inside = set(chart)
            expected = sorted((lid, t, a, b) for lid, t, a, b in links
                              if a in inside and b in inside)  # fmt: skip
            got = L.chart_edges(store, chart)
            assert [(e.link_id, e.type, e.source, e.target) for e in got] == expected
            nodes = L.chart_nodes(store, chart)
            assert set(nodes) == inside
            holders = {b: a for _, t, a, b in links if t == "holds"}
            assert all(n.holder == holders.get(eid) for eid, n in nodes.items())
    finally:
        store.close()


def test_chart_edges_of_the_demo_with_calls_money_and_a_time_window(demo_path):
    from workbench.store import CaseStore

    with CaseStore.open(demo_path, "tester", read_only=True) as store:
        db = store.db
        everyone = [r[0] for r in db.execute("SELECT id FROM entity")]
        for chart in (everyone, everyone[::9]):
            inside = set(chart)
            for window in (None, ("2025-01-01 00:00:00", "2025-03-31 23:59:59")):
                when = "" if window is None else " AND ts >= ? AND ts <= ?"
                expected = [(a, b, t, 1, 0, lid, w) for lid, t, a, b, w in db.execute(
                    "SELECT id, type, source_id, target_id, weight FROM link ORDER BY id")
                    if a in inside and b in inside]  # fmt: skip
                for name, q in (
                    ("calls", "SELECT caller_id, callee_id, count(*), 0 FROM call WHERE 1"),
                    ("money", "SELECT payer_id, payee_id, count(*), sum(amount_fen) FROM txn "
                              "WHERE payer_id IS NOT NULL AND payee_id IS NOT NULL"),
                ):  # fmt: skip
                    rows = db.execute(q + when + " GROUP BY 1, 2", window or ()).fetchall()
                    expected += sorted((a, b, name, n, fen, None, float(n)) for a, b, n, fen in rows
                                       if a in inside and b in inside and a != b)  # fmt: skip
                got = L.chart_edges(store, chart, window)
                assert isinstance(got, L.ChartEdges)
                listed = [(e.source, e.target, e.type, e.count, e.amount_fen, e.link_id, e.weight)
                          for e in got]  # fmt: skip
                facts = [e for e in listed if e[5] is None]
                assert listed[: len(listed) - len(facts)] == expected[: len(expected) - len(facts)]
                assert sorted(facts) == sorted(e for e in expected if e[5] is None)
                assert {e[2] for e in facts} == {"calls", "money"}


def test_chart_edges_are_columns_and_ties_alike():
    ties = [L.ChartEdge(1, 2, "money", 3, 500_000, None, 3.0), L.ChartEdge(2, 3, "holds", 1, 0, 7),
            L.ChartEdge(3, 1, "calls", 12, 0, None, 12.0)]  # fmt: skip
    cols = L.ChartEdges.of(ties)
    assert L.ChartEdges.of(cols) is cols and len(cols) == 3 and list(cols) == ties
    assert cols[-1] == ties[-1] and cols[1:] is not None and list(cols[1:]) == ties[1:]
    assert [cols.types[k] for k in cols.kind] == ["money", "holds", "calls"]
    # Ties made from the columns alone are the same ties.
    fresh = L.ChartEdges(cols.source, cols.target, cols.kind, cols.types, cols.count,
                         cols.amount_fen, cols.link_id, cols.weight)  # fmt: skip
    assert [fresh[k] for k in range(3)] == ties and list(fresh) == ties
    picked = fresh.take(np.array([True, False, True]))
    assert list(picked) == [ties[0], ties[2]] and list(fresh.take(np.array([2, 0]))) == [
        ties[2], ties[0]]  # fmt: skip
    with pytest.raises(IndexError):
        fresh[3]
