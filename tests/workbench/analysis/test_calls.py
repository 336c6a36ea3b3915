"""Call-record analysis on a carrier dump with the answers planted (see callcase.py)."""

from __future__ import annotations

import pytest

from workbench.analysis import (
    AnalysisError,
    companions,
    contact_strength,
    daily_routine,
    entity_by_key,
    find_patterns,
    normalise_cell,
    phone_switches,
    phones_of,
    places,
    strength_score,
)
from workbench.store import CaseStore

from . import callcase as cc


@pytest.fixture(scope="module")
def case_path(tmp_path_factory):
    return cc.make_call_case(tmp_path_factory.mktemp("calls"))


@pytest.fixture
def store(case_path):
    with CaseStore.open(case_path, "tester", read_only=True) as s:
        yield s


def key_of(store, eid):
    return store._conn.execute("SELECT key FROM entity WHERE id = ?", (eid,)).fetchone()[0]


# ---------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("text", "cell", "address"),
    [
        ("LAC:22001 CI:13021", "22001-13021", ""),
        ("LAC:22001 CI:13021 重庆市石柱县南宾镇城南基站", "22001-13021", "重庆市石柱县南宾镇城南基站"),
        ("460-00-22001-13021", "22001-13021", ""),
        ("404-96-290-128686112", "290-128686112", ""),
        ("22001/13021 城南", "22001-13021", "城南"),
        ("LAC=5A3B CI=1C2D", "23099-7213", ""),
        ("123456789", "ECI:123456789", ""),
        ("ECI:123456789", "ECI:123456789", ""),
        ("123456789 广西南宁市西乡塘区安吉客运站基站", "ECI:123456789", "广西南宁市西乡塘区安吉客运站基站"),
        ("国际漫游（缅甸）", "", "国际漫游（缅甸）"),
        ("", "", ""),
    ],
)  # fmt: skip
def test_cells_written_any_way_become_one_identifier(text, cell, address):
    ref = normalise_cell(text)
    assert (ref.cell, ref.address) == (cell, address)


def test_coordinates_in_either_order():
    a = normalise_cell("LAC:1 CI:2 29.5630,106.5512 解放碑")
    b = normalise_cell("ECI:77 106.5512/29.5630")
    assert (a.lat, a.lon, a.address) == (29.563, 106.5512, "解放碑")
    assert (b.lat, b.lon) == (29.563, 106.5512)


def test_importer_cells_read_back(store):
    stored = {r[0] for r in store._conn.execute("SELECT cell FROM call WHERE cell <> ''")}
    assert "LAC:5001 CI:601 重庆市石柱县南宾镇家园小区基站" in stored
    assert {normalise_cell(c).cell for c in stored} >= {cc.HOME_CELL, cc.WORK_CELL}


# ---------------------------------------------------------------------- switch


def test_the_planted_switch_is_found_and_nothing_else(store):
    found = phone_switches(store)
    assert [(key_of(store, s.old), key_of(store, s.new)) for s in found] == [(cc.OLD, cc.NEW)]
    s = found[0]
    assert {key_of(store, c) for c in s.shared} == set(cc.FRIENDS)
    assert s.metrics["jaccard"] == 1.0
    assert 1 < s.metrics["gap_days"] < 3
    assert s.metrics["shared_handsets"], "both numbers were in one handset"
    assert s.score > 0.8
    rows = store._conn.execute(
        f"SELECT caller_id FROM call WHERE id IN ({','.join('?' * len(s.evidence))})", s.evidence
    ).fetchall()
    assert {r[0] for r in rows} == {s.old, s.new}


def test_a_switch_needs_overlapping_contacts(store):
    assert phone_switches(store, min_shared=7) == []
    assert phone_switches(store, max_gap_days=1) == []


def test_switch_parameters_are_checked(store):
    with pytest.raises(AnalysisError):
        phone_switches(store, quiet_days=0)


# ---------------------------------------------------------------------- companions


def test_the_planted_companions_are_found(store):
    found = companions(store)
    pairs = {(key_of(store, p.a), key_of(store, p.b)) for p in found}
    assert pairs == {(cc.C1, cc.C2)}
    p = found[0]
    assert p.days == len(cc.COMPANION_DAYS) == p.co_sightings
    assert p.cells == [cc.COMPANION_CELL]
    assert [s[3][:10] for s in p.sightings] == [cc.when(d, 0)[:10] for d in cc.COMPANION_DAYS]


def test_companions_need_k_days_and_the_window(store):
    assert companions(store, min_days=5) == []
    assert companions(store, window_minutes=4) == []
    with pytest.raises(AnalysisError):
        companions(store, window_minutes=0)


def test_people_calling_each_other_are_not_companions(tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "c.zlcase", "t") as store:
        a, b = (store.add_entity("phone_card", f"1380000000{i}") for i in range(2))
        store.add_calls(
            [{"caller_id": a, "callee_id": b, "ts": f"2025-03-0{d} 08:00:00", "cell": "1-2"}
             for d in range(1, 6)]
            + [{"caller_id": b, "callee_id": a, "ts": f"2025-03-0{d} 08:03:00", "cell": "1-2"}
               for d in range(1, 6)]
        )  # fmt: skip
        assert companions(store) == []


# ---------------------------------------------------------------------- places, routine


def test_home_by_night_and_work_by_day(store):
    owner = entity_by_key(store, cc.HOME_OWNER)
    p = places(store, owner)
    assert (p.home, p.work) == (cc.HOME_CELL, cc.WORK_CELL)
    home = next(c for c in p.cells if c.cell == cc.HOME_CELL)
    assert home.address == "重庆市石柱县南宾镇家园小区基站"
    assert home.night_calls == home.calls == 26 and home.days == 13
    assert (home.first[:10], home.last[:10]) == (cc.when(0, 0)[:10], cc.when(60, 0)[:10])
    assert [c.cell for c in p.cells][:2] == [cc.HOME_CELL, cc.WORK_CELL]


def test_places_of_a_number_without_cells_is_empty(store):
    p = places(store, entity_by_key(store, cc.OLD))
    assert (p.cells, p.home, p.work) == ([], None, None)


def test_routine_matrix(store):
    owner = entity_by_key(store, cc.HOME_OWNER)
    r = daily_routine(store, owner)
    assert r.calls == 26 + 15 + 1
    assert r.by_hour[23] == 26 and r.by_hour[10] == 15
    assert sum(r.matrix[5]) + sum(r.matrix[6]) <= 26 + 1  # no work at weekends
    assert all(r.matrix[d][10] for d in range(5) if any(r.matrix[d]))


def test_a_persons_numbers_together(tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "p.zlcase", "t") as store:
        person = store.add_entity("person", "500240199001010018", "张三")
        a, b, friend = (store.add_entity("phone_card", f"1380000000{i}") for i in range(3))
        store.add_link("holds", person, a)
        store.add_link("holds", person, b)
        store.add_calls([
            {"caller_id": a, "callee_id": friend, "ts": "2025-03-03 09:00:00"},
            {"caller_id": friend, "callee_id": b, "ts": "2025-03-04 21:00:00"},
            {"caller_id": a, "callee_id": b, "ts": "2025-03-04 21:30:00"},
        ])  # fmt: skip
        assert phones_of(store, person) == [a, b]
        assert daily_routine(store, person).calls == 3
        rows = contact_strength(store, person)
        assert [(r.b, r.calls, r.outgoing, r.incoming) for r in rows] == [(friend, 2, 1, 1)]


# ---------------------------------------------------------------------- contact strength


def test_wife_is_the_strongest_contact(store):
    owner = entity_by_key(store, cc.HOME_OWNER)
    rows = contact_strength(store, owner, top=3)
    assert [r.b_key for r in rows] == [cc.WIFE, cc.NOISE[2], cc.SHOP]
    wife = rows[0]
    assert (wife.calls, wife.night_calls, wife.days, wife.reciprocity) == (26, 26, 13, 1.0)
    assert wife.score == strength_score(26, wife.duration_s, 26, 13, 13, 13)


def test_case_wide_strength_agrees_with_per_number(store):
    owner = entity_by_key(store, cc.HOME_OWNER)
    wife = entity_by_key(store, cc.WIFE)
    every = contact_strength(store)
    pair = next(r for r in every if {r.a, r.b} == {owner, wife})
    mine = contact_strength(store, owner, top=1)[0]
    assert (pair.calls, pair.duration_s, pair.night_calls, pair.days, pair.score) == (
        mine.calls, mine.duration_s, mine.night_calls, mine.days, mine.score)  # fmt: skip
    assert every == sorted(every, key=lambda r: (-r.score, r.a, r.b))


# ---------------------------------------------------------------------- as patterns


def test_patterns_carry_the_pair_and_the_evidence(store):
    found = find_patterns(store, ["phone_switch", "companion"])
    by = {f.pattern: f for f in found}
    switch = by["phone_switch"].to_dict()
    assert (switch["key"], switch["counterpart_key"]) == (cc.OLD, cc.NEW)
    assert switch["identity"] == f"phone_switch:{cc.OLD}>{cc.NEW}"
    assert set(switch["metrics"]["shared_keys"]) == set(cc.FRIENDS)
    assert switch["evidence"]["call"]
    comp = by["companion"].to_dict()
    assert {comp["key"], comp["counterpart_key"]} == {cc.C1, cc.C2}
    assert len(comp["evidence"]["call"]) == 2 * len(cc.COMPANION_DAYS)
    assert comp["params"] == {"window_minutes": 15, "min_days": 3}


def test_single_entity_findings_keep_their_shape(store):
    for f in find_patterns(store, ["hot_number", "sim_many_handsets"]):
        assert "counterpart_key" not in f.to_dict()
