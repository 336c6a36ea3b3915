"""Charts in the case file: named, with items, positions, settings; one audited write each."""

from __future__ import annotations

import pytest

from workbench.errors import NotFoundError, ValidationError
from workbench.store import CaseStore


def people(store):
    return [e.id for e in store.entities("person")]


def test_create_list_rename_delete_restore(case):
    ids = people(case)[:3]
    audit = case.audit_count()
    cid = case.create_chart("团伙总览", {"layout": "regions"}, [(ids[0], 1, 2), (ids[1], 3, 4)])
    assert case.audit_count() == audit + 1
    assert [c.name for c in case.charts()] == ["团伙总览"]
    assert case.chart(cid).settings == {"layout": "regions"}
    assert case.chart(cid).created_by == "tester"
    assert [(i.entity_id, i.x, i.y) for i in case.chart_items(cid)] == [
        (ids[0], 1.0, 2.0), (ids[1], 3.0, 4.0)]  # fmt: skip

    with pytest.raises(ValidationError):
        case.create_chart("团伙总览")
    with pytest.raises(ValidationError):
        case.create_chart("  ")
    other = case.create_chart("Money")
    with pytest.raises(ValidationError):
        case.rename_chart(other, "团伙总览")
    assert case.rename_chart(cid, "Overview") == "团伙总览"
    assert case.chart(cid).name == "Overview"

    snap = case.delete_chart(cid)
    with pytest.raises(NotFoundError):
        case.chart(cid)
    assert case.chart_items(cid) == []
    assert case.has_entity(ids[0])  # the chart goes, the case's entities stay
    case.restore_chart(snap)
    assert case.chart(cid).name == "Overview"
    assert len(case.chart_items(cid)) == 2


def test_items_add_remove_positions_styles(case):
    ids = people(case)[:4]
    cid = case.create_chart("c")
    assert case.add_chart_items(cid, [(ids[0], 0, 0), (ids[1], 5, 5)]) == [ids[0], ids[1]]
    # Already on the chart: stays where it is and is not reported as added.
    assert case.add_chart_items(cid, [(ids[0], 9, 9), (ids[2], 1, 1, {"size": 2})]) == [ids[2]]
    items = {i.entity_id: i for i in case.chart_items(cid)}
    assert (items[ids[0]].x, items[ids[0]].y) == (0.0, 0.0)
    assert items[ids[2]].style == {"size": 2}
    with pytest.raises(NotFoundError):
        case.add_chart_items(cid, [(999_999, 0, 0)])
    assert {i.entity_id for i in case.chart_items(cid)} == set(ids[:3])

    old = case.set_chart_positions(cid, {ids[0]: (10, 20), ids[1]: (30, 40), ids[3]: (1, 1)})
    assert case.chart_positions(cid) == {ids[0]: (10.0, 20.0), ids[1]: (30.0, 40.0),
                                         ids[2]: (1.0, 1.0)}  # fmt: skip
    assert old == {ids[0]: (0.0, 0.0), ids[1]: (5.0, 5.0)}  # ids[3] is not on the chart
    items = {i.entity_id: i for i in case.chart_items(cid)}
    assert (items[ids[1]].x, items[ids[1]].y) == (30.0, 40.0)

    removed = case.remove_chart_items(cid, [ids[1], ids[3]])
    assert [i.entity_id for i in removed] == [ids[1]]
    assert ids[1] not in {i.entity_id for i in case.chart_items(cid)}
    case.restore_chart_items(removed)
    items = {i.entity_id: i for i in case.chart_items(cid)}
    assert (items[ids[1]].x, items[ids[1]].y) == (30.0, 40.0)

    assert case.set_chart_styles(cid, {ids[0]: {"pinned": True}}) == {ids[0]: {}}
    assert {i.entity_id: i.style for i in case.chart_items(cid)}[ids[0]] == {"pinned": True}
    assert case.set_chart_settings(cid, {"hidden": True}) == {}
    assert case.chart(cid).settings == {"hidden": True}


def test_positions_survive_reopening(tmp_path, case):
    pid = people(case)[0]
    cid = case.create_chart("c", items=[(pid, 0, 0)])
    case.set_chart_positions(cid, {pid: (123.5, -7.25)})
    path = case.location
    case.close()
    again = CaseStore.open(path, "tester")
    try:
        item = again.chart_items(cid)[0]
        assert (item.x, item.y) == (123.5, -7.25)
    finally:
        again.close()


def test_deleting_an_entity_takes_its_chart_items_and_restoring_brings_them_back(case):
    pid = people(case)[-1]  # the last person: nobody reports to them, no facts
    a = case.create_chart("a", items=[(pid, 1, 2)])
    b = case.create_chart("b", items=[(pid, 3, 4)])
    snap = case.delete_entity(pid)
    assert case.chart_items(a) == [] and case.chart_items(b) == []
    case.delete_chart(b)
    case.restore_entity(snap)
    assert [(i.entity_id, i.x, i.y) for i in case.chart_items(a)] == [(pid, 1.0, 2.0)]


def test_a_failed_write_leaves_the_chart_as_it_was(case):
    ids = people(case)[:2]
    cid = case.create_chart("c", items=[(ids[0], 0, 0)])
    audit = case.audit_count()
    with pytest.raises(NotFoundError):
        case.add_chart_items(cid, [(ids[1], 1, 1), (424242, 2, 2)])
    assert [i.entity_id for i in case.chart_items(cid)] == [ids[0]]
    assert case.audit_count() == audit
