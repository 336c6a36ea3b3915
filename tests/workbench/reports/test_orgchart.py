"""The organisation chart model: who is in it, who hangs under whom, where boxes go, pages."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import make_case
from workbench.errors import NotFoundError, ValidationError
from workbench.reports.orgchart import (
    MIN_PAGE_USE,
    OrgBox,
    OrgChart,
    build_orgchart,
    find_gang,
    gang_members,
    layout,
    paginate,
    relayout,
    tile_pages,
)
from workbench.store import CaseStore


@pytest.fixture
def gang_case(tmp_path):
    """Two gangs: 'A团伙' (a boss, two leaders with three members each, a sub-team) and 'B团伙'."""
    s = CaseStore.create(tmp_path / "g.zlcase", "tester")
    a = s.add_entity("organisation", None, "A团伙", attrs={"org_type": "gang"})
    sub = s.add_entity("organisation", None, "A团伙·车手组", attrs={"org_type": "team"})
    b = s.add_entity("organisation", None, "B团伙")
    s.add_link("member_of", sub, a)
    boss = s.add_entity("person", "11010519491231002X", "老板", roles=["organiser"],
                        legal_status="at_large", culpability="principal")  # fmt: skip
    ids = {"boss": boss}
    s.add_link("member_of", boss, a)
    for n in range(2):
        lead = s.add_entity("person", None, f"组长{n}", roles=["core_member"])
        s.add_link("member_of", lead, a)
        s.add_link("reports_to", lead, boss)
        ids[f"lead{n}"] = lead
        for m in range(3):
            p = s.add_entity("person", None, f"话务员{n}{m}", roles=["operator"])
            s.add_link("reports_to", p, lead)
            ids[f"op{n}{m}"] = p
    mule = s.add_entity("person", None, "车手甲", roles=["car_handler"], legal_status="arrested")
    s.add_link("member_of", mule, sub)
    card = s.add_entity("bank_card", "6222020000000000006")
    s.add_link("holds", mule, card)
    other = s.add_entity("person", None, "乙老板", roles=["organiser"])
    s.add_link("member_of", other, b)
    victim = s.add_entity("bank_card", "6222020000000000014")
    s.add_transactions([{"payer_id": victim, "payee_id": card, "amount_fen": 123456,
                         "ts": "2025-03-01 10:00:00"}])  # fmt: skip
    ids.update(a=a, sub=sub, b=b, mule=mule, card=card, other=other)
    yield s, ids
    s.close()


def test_gang_chart_hangs_people_under_their_superiors(gang_case):
    s, ids = gang_case
    chart = build_orgchart(s, gang="A团伙")
    by = {b.entity_id: b for b in chart.boxes}
    assert chart.title == "A团伙"
    assert by[ids["a"]].depth == 0 and by[ids["a"]].parent is None
    assert by[ids["boss"]].parent == f"e{ids['a']}"
    assert by[ids["lead0"]].parent == f"e{ids['boss']}"
    assert by[ids["op12"]].parent == f"e{ids['lead1']}" and by[ids["op12"]].depth == 3
    # The mule has no superior: under his team, which sits under the gang.
    assert by[ids["mule"]].parent == f"e{ids['sub']}"
    assert by[ids["sub"]].parent == f"e{ids['a']}"
    assert ids["other"] not in by  # another gang
    assert by[ids["mule"]].amount_fen == 123456
    assert by[ids["boss"]].roles == ["organiser"] and by[ids["boss"]].legal_status == "at_large"


def test_boxes_never_overlap_and_children_sit_below(gang_case, demo_path):
    s, _ = gang_case
    with CaseStore.open(demo_path, "pytest", read_only=True) as demo:
        charts = [build_orgchart(s, gang="A团伙"), build_orgchart(s), build_orgchart(demo)]
    for chart in charts:
        for a, b in itertools.combinations(chart.boxes, 2):
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
            assert apart, (a.name, b.name)
        keyed = {b.key: b for b in chart.boxes}
        for b in chart.boxes:
            if b.parent:
                assert keyed[b.parent].y + keyed[b.parent].h < b.y
        assert chart.width >= max(b.x + b.w for b in chart.boxes)


def test_masked_ids_keep_region_and_last_four(gang_case):
    s, ids = gang_case
    full = build_orgchart(s, gang=ids["a"])
    masked = build_orgchart(s, gang=ids["a"], mask_ids=True)
    assert full.box(f"e{ids['boss']}").id_number == "11010519491231002X"
    assert masked.box(f"e{ids['boss']}").id_number == "110105********002X"
    assert masked.masked


def test_whole_case_groups_loose_suspects_and_cuts_loops(tmp_path):
    s = make_case(tmp_path, people=9)
    people = [e.id for e in s.entities("person")]
    # A loop: the organiser now reports to one of his own subordinates.
    s.add_link("reports_to", people[0], people[4])
    loose = [s.add_entity("person", None, f"卡农{i}", roles=["card_supplier"]) for i in range(3)]
    chart = build_orgchart(s)
    keyed = {b.key: b for b in chart.boxes}
    for b in chart.boxes:  # every walk up ends at a root
        seen = set()
        while b.parent:
            assert b.key not in seen
            seen.add(b.key)
            b = keyed[b.parent]
    assert {keyed[f"e{i}"].parent for i in loose} == {"others"}
    assert len(chart.people()) == 12
    s.close()


def test_selection_limits_the_chart(gang_case):
    s, ids = gang_case
    chart = build_orgchart(s, entity_ids={ids["boss"], ids["lead0"], ids["op00"]})
    assert sorted(b.name for b in chart.people()) == ["组长0", "老板", "话务员00"]
    assert chart.box(f"e{ids['op00']}").parent == f"e{ids['lead0']}"


def test_find_gang_by_id_name_or_part(gang_case):
    s, ids = gang_case
    assert find_gang(s, str(ids["b"])).name == "B团伙"
    assert find_gang(s, f"#{ids['a']}").name == "A团伙"
    assert find_gang(s, "车手组").id == ids["sub"]
    with pytest.raises(NotFoundError):
        find_gang(s, "C团伙")
    with pytest.raises(ValidationError):
        find_gang(s, "团伙")  # three organisations match
    with pytest.raises(ValidationError):
        find_gang(s, str(ids["boss"]))  # a person


def test_gang_members_are_people_organisations_and_their_cards(gang_case):
    s, ids = gang_case
    members = gang_members(s, "A团伙")
    assert {ids["a"], ids["sub"], ids["boss"], ids["mule"], ids["card"], ids["op11"]} <= members
    assert ids["other"] not in members and ids["b"] not in members


def test_tiles_cover_every_box_and_skip_empty_pages():
    boxes = [OrgBox("a", "person", 1, "A", x=0, y=0), OrgBox("b", "person", 2, "B", x=500, y=300)]
    chart = OrgChart("t", boxes, [], 558, 331)
    tiles = tile_pages(chart, 200, 150, overlap=10)
    assert [t.number for t in tiles] == list(range(1, len(tiles) + 1))
    # 3 columns x 3 rows in the grid, only the two corners hold boxes.
    assert [(t.row, t.col) for t in tiles] == [(0, 0), (2, 2)]
    for b in boxes:
        assert any(t.x <= b.x and b.x + b.w <= t.x + t.w for t in tiles)
    # Neighbouring tiles overlap by the overlap.
    assert tile_pages(chart, 200, 150, overlap=10, scale=0.5)[0].w == 400
    with pytest.raises(ValueError):
        tile_pages(chart, 10, 150, overlap=10)


def test_layout_stacks_many_leaves_in_columns():
    boxes = {"p": OrgBox("p", "person", 1, "P")}
    kids = [f"k{i}" for i in range(20)]
    for i, k in enumerate(kids):
        boxes[k] = OrgBox(k, "person", 10 + i, f"K{i:02d}")
    chart = layout("t", boxes, {"p": kids}, ["p"])
    xs = {round(b.x) for b in chart.boxes if b.key != "p"}
    assert len(xs) == 3  # 20 leaves in columns of at most 8
    assert chart.width < 20 * 58


def test_pages_pack_subtrees_with_cross_references(demo_path):
    # The demo case on A4 landscape at 75 %: 273 x 155 mm of body is 364 x 207 units.
    with CaseStore.open(demo_path, "pytest", read_only=True) as demo:
        chart = build_orgchart(demo)
    page_w, page_h = 273 / 0.75, 155 / 0.75
    pages = paginate(chart, page_w, page_h)
    assert 1 < len(pages) < 20
    people = [b.entity_id for p in pages for b in p.boxes if b.kind == "person"]
    assert sorted(people) == sorted(b.entity_id for b in chart.people())  # each once
    where: dict[str, int] = {}
    for p in pages:
        for b in p.boxes:
            if b.kind != "stub":
                where.setdefault(b.key, p.number)
    for page in pages:
        w, h = page.extent()
        assert w <= page_w + 0.01 and h <= page_h + 0.01
        # Never a sliver: every page is used to at least a quarter.
        assert w * h / (page_w * page_h) >= MIN_PAGE_USE, page.number
        boxes = page.boxes
        for a, b in itertools.combinations(boxes, 2):
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
            assert apart, (page.number, a.name, b.name)
        for b in boxes:
            if b.kind == "stub":
                assert b.ref_page == where[b.ref] and b.count >= 1
            if b.up_page and not b.repeated:
                assert b.up_name and where[chart.box(b.key).parent] == b.up_page
    # Gangs first, the suspects attached to no gang last.
    first = pages[0].parts[0]
    assert next(b for b in first.boxes if b.key == first.root).kind == "organisation"
    others = [p.number for p in pages for part in p.parts if part.root == "others"]
    assert others and min(others) >= max(p.number for p in pages) - len(set(others)) + 1


def test_a_chart_that_fits_prints_whole_on_one_page(gang_case):
    s, _ = gang_case
    chart = build_orgchart(s, gang="A团伙")
    pages = paginate(chart, 400, 300)
    assert len(pages) == 1 and len(pages[0].parts) == 1
    assert not any(b.kind == "stub" or b.up_page for b in pages[0].boxes)


def test_relayout_gives_boxes_room_for_wrapped_text(gang_case):
    s, _ = gang_case
    chart = relayout(build_orgchart(s, gang="A团伙"), box_h=40.0)
    assert {b.h for b in chart.people()} == {40.0}
    keyed = {b.key: b for b in chart.boxes}
    for b in chart.boxes:
        if b.parent:
            assert keyed[b.parent].y + keyed[b.parent].h < b.y
