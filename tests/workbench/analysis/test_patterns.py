"""Fraud patterns: each detector finds what was planted among ordinary noise, and only that."""

from __future__ import annotations

import json

import pytest

from workbench.analysis import (
    DETECTORS,
    PATTERNS,
    AnalysisError,
    card_hoarder,
    fan_in,
    fan_out,
    fast_in_fast_out,
    find_patterns,
    handset_many_sims,
    hot_number,
    late_night_cash,
    money_cycles,
    new_account_burst,
    sim_many_handsets,
)
from workbench.analysis._common import connection
from workbench.analysis.patterns import EVIDENCE_CAP
from workbench.store import CaseStore

from .builders import CaseBuilder, at, ordinary_life, stamp

YUAN = 100
OLD = {"opened_on": "2019-06-01"}  # planted cards are old accounts unless said otherwise


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """Ordinary life for 60 people, and one instance of every pattern among it."""
    b = CaseBuilder(tmp_path_factory.mktemp("patterns") / "planted.zlcase", seed=3)
    noise = ordinary_life(b, people=60, days=180)
    rng = b.rng
    plant: dict[str, set[int]] = {}
    victims = [b.card(None, **OLD) for _ in range(12)]

    # 快进快出: five sizeable inflows, each gone again within ten minutes.
    transit, onward = b.card(None, **OLD), b.card(None, **OLD)
    for k in range(5):
        b.pay(victims[k], transit, 5_000 * YUAN, at(20 + 3 * k, 14))
        b.pay(transit, onward, 4_950 * YUAN, at(20 + 3 * k, 14, 8))
    b.pay(onward, None, 24_000 * YUAN, at(40, 2), "platform")
    plant["fast_in_fast_out"] = {transit}

    # 分散转入、集中转出: seven payers in three days, moved on in one sum the next day.
    collector, sink = b.card(None, **OLD), b.card(None, **OLD)
    for k in range(7):
        b.pay(victims[5 + k], collector, (800 + 100 * k) * YUAN, at(60 + k // 3, 9 + k))
    b.pay(collector, sink, 7_600 * YUAN, at(63, 10))
    b.pay(sink, None, 7_600 * YUAN, at(64, 10), "crypto")
    plant["fan_in"] = {collector}

    # 集中转入、分散转出: one payer, eight payees over two days.
    source, spreader = b.card(None, **OLD), b.card(None, **OLD)
    b.pay(source, spreader, 50_000 * YUAN, at(80, 10))
    for k in range(8):
        b.pay(spreader, b.card(None, **OLD), 6_000 * YUAN, at(80 + k // 4, 11 + k))
    plant["fan_out"] = {spreader}

    # 深夜取现: a car handler out on four nights, once with a mate at the same ATM.
    handler, mate = b.card(None, **OLD), b.card(None, **OLD)
    b.pay(source, handler, 40_000 * YUAN, at(99, 15))
    b.pay(source, mate, 10_000 * YUAN, at(99, 15))
    atm = "石柱县南宾街道工行ATM"
    for night in range(4):
        b.pay(handler, None, 5_000 * YUAN, at(100 + night, 1, 30), "cash", atm)
    b.pay(mate, None, 3_000 * YUAN, at(100, 2, 10), "cash", atm)
    b.pay(mate, None, 3_000 * YUAN, at(101, 23, 30), "cash", atm)  # before midnight
    plant["late_night_cash"] = {handler}
    near_miss = {"night_mate": mate}

    # 新开户: a card opened on day 120 and used 12 times in its first five days.
    fresh = b.card(None, opened_on="2025-06-29")
    for k in range(6):
        b.pay(victims[k % 2], fresh, 3_000 * YUAN, at(120 + k // 2, 10 + k))
        b.pay(fresh, onward, 2_900 * YUAN, at(120 + k // 2, 16 + k))
    busy_old = b.card(None, opened_on="2015-01-01")  # heavy use, but an old account
    for k in range(12):
        b.pay(busy_old, noise["shops"][0], 100 * YUAN, at(121, 8 + k))
    plant["new_account_burst"] = {fresh}

    # 一机多卡 / 一卡多机: a work phone with five SIMs; a SIM tried in three handsets.
    work = b.device()
    sims = [b.phone(None) for _ in range(5)]
    for sim in sims[:3]:
        b.link("uses", sim, work)
    for sim in sims:
        b.call(sim, rng.choice(noise["phones"]), at(30, 11), device=work)
    dual = b.device()  # an ordinary dual-SIM phone with a replaced card
    for phone in noise["phones"][:3]:
        b.call(phone, noise["phones"][10], at(31, 12), device=dual)
    roaming = b.phone(None)
    for _ in range(3):
        b.call(roaming, rng.choice(noise["phones"]), at(32, 12), device=b.device())
    b.call(noise["phones"][20], noise["phones"][21], at(33, 9), device=b.device())
    plant["handset_many_sims"] = {work}
    near_miss["dual_sim"] = dual
    plant["sim_many_handsets"] = {roaming}

    # 卡商: a dealer holding six bank cards and eight SIMs in other people's names.
    dealer = b.person("马某")
    for k in range(6):
        b.card(dealer, account_name=f"卡农{k}", **OLD)
    for k in range(8):
        b.phone(dealer, registered_name=f"卡农{k}")
    modest = b.person("普通人")  # three cards: not a dealer
    for _ in range(3):
        b.card(modest, **OLD)
    plant["card_hoarder"] = {dealer}

    # Many people calling one number: twelve victims ring the "customer service" line.
    line = b.phone(None)
    for k in range(12):
        caller = b.phone(None)
        for _ in range(1 + k % 3):
            b.call(caller, line, at(50 + k, 15))
    plant["hot_number"] = {line}

    store = b.write()
    plant.update(_plant_calls(store))
    yield store, plant, near_miss
    store.close()


def _plant_calls(store: CaseStore) -> dict[str, set[int]]:
    """换号 and 伴随, written with cells through the store (the builder writes no cells)."""
    old, new, *friends = (store.add_entity("phone_card", f"1770000{k:04d}") for k in range(6))
    rows = []
    # A number phones four friends (and they it) until day 59; a new one from day 62 on.
    for day in [*range(40, 60), *range(62, 100)]:
        talker = old if day < 60 else new
        for f in friends:
            rows.append({"caller_id": talker, "callee_id": f, "ts": stamp(at(day, 10))})
            rows.append({"caller_id": f, "callee_id": talker, "ts": stamp(at(day, 18))})
    # Two numbers in one cell five minutes apart on four days, each phoning someone else.
    c1, c2, x1, x2 = (store.add_entity("phone_card", f"1771000{k:04d}") for k in range(4))
    for day in (10, 20, 30, 40):
        rows.append({"caller_id": c1, "callee_id": x1, "ts": stamp(at(day, 10)),
                     "cell": "LAC:4001 CI:501"})  # fmt: skip
        rows.append({"caller_id": c2, "callee_id": x2, "ts": stamp(at(day, 10, 5)),
                     "cell": "4001-501 云南省临沧市耿马县孟定镇"})  # fmt: skip
    store.add_calls(rows)
    return {"phone_switch": {old}, "companion": {c1}}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_detector_finds_what_was_planted_and_nothing_else(planted, pattern):
    store, plant, _ = planted
    found = DETECTORS[pattern](store)
    assert {f.entity_id for f in found} == plant[pattern]
    f = found[0]
    assert f.pattern == pattern and 0.5 <= f.score <= 1
    assert f.key == store.entity(f.entity_id).key
    if f.counterpart_id is None:
        assert f.identity == f"{pattern}:{f.key}"
    else:  # a finding about a pair names both numbers
        assert f.identity == f"{pattern}:{f.key}>{f.counterpart_key}"
    assert f.params and f.metrics and any(f.evidence.values())
    for table, ids in f.evidence.items():
        assert len(ids) <= EVIDENCE_CAP
        n = (
            connection(store)
            .execute(f"SELECT count(*) FROM {table} WHERE id IN ({', '.join('?' * len(ids))})", ids)
            .fetchone()[0]
        )
        assert n == len(set(ids)), f"{pattern} cites {table} rows that do not exist"


def test_findings_carry_their_measures(planted):
    store, plant, _ = planted
    (fifo,) = fast_in_fast_out(store)
    assert fifo.metrics["fast_inflows"] == 5 and fifo.metrics["pass_share"] == 0.99
    # strength(5 inflows * 0.99 passed on / 0.8 pass ratio, 1); was strength(5, 3) = 0.7
    # before the score counted the share passed on.
    assert fifo.score == 0.9192 and len(fifo.evidence["txn"]) == 10
    assert fifo.metrics.get("whole_inflows") is None  # five fast inflows need no whole one
    (fan,) = fan_in(store)
    assert fan.metrics["payers"] == 7 and fan.metrics["payees"] == 1
    (spread,) = fan_out(store)
    assert spread.metrics["payees"] == 8 and spread.metrics["payers"] == 1
    (night,) = late_night_cash(store)
    assert night.metrics["withdrawals"] == 4 and night.metrics["nights"] == 4
    assert night.metrics["amount_fen"] == 2_000_000 and night.metrics["companions"] == 1
    (burst,) = new_account_burst(store)
    assert burst.metrics["txns"] == 12 and burst.metrics["opening_from"] == "account record"
    (hoard,) = card_hoarder(store)
    assert hoard.metrics == {"bank_cards": 6, "phone_cards": 8, "in_other_names": 14}
    (hot,) = hot_number(store)
    assert hot.metrics["one_way_callers"] == 12 and hot.metrics["calls"] == 24
    (box,) = handset_many_sims(store)
    assert box.metrics["count"] == 5 and len(box.evidence["link"]) == 3


def test_thresholds_are_parameters(planted):
    store, plant, near_miss = planted
    # Five fast inflows fall short of six; each passed on 99% within eight minutes, which
    # is a whole inflow (at least 95% within ten) unless the bar is raised above 99%.
    assert fast_in_fast_out(store, min_events=6, whole_ratio=0.995) == []
    assert fast_in_fast_out(store, min_events=6, whole_minutes=5) == []
    (whole,) = fast_in_fast_out(store, min_events=6)
    assert whole.metrics["whole_inflows"] == 5
    assert fan_in(store, min_payers=8) == []
    assert hot_number(store, min_callers=13) == []
    assert sim_many_handsets(store, min_devices=4) == []
    # Lowered thresholds let the near misses in, as they should.
    assert {f.entity_id for f in handset_many_sims(store, min_sims=3)} == (
        plant["handset_many_sims"] | {near_miss["dual_sim"]}
    )
    # From 23:00 the mate's second withdrawal counts too, and both of his are one night's.
    late = late_night_cash(store, start_hour=23, end_hour=5, min_withdrawals=2)
    assert {f.entity_id for f in late} == plant["late_night_cash"] | {near_miss["night_mate"]}
    mate = next(f for f in late if f.entity_id == near_miss["night_mate"])
    assert mate.metrics["nights"] == 2 and mate.metrics["companions"] == 1
    with pytest.raises(AnalysisError):
        fan_in(store, window_days=0)
    with pytest.raises(AnalysisError):
        late_night_cash(store, start_hour=3, end_hour=3)


def test_find_patterns_runs_them_all_in_order(planted):
    store, plant, _ = planted
    found = find_patterns(store)
    assert [f.pattern for f in found] == list(PATTERNS)
    assert {f.identity for f in found} == {f.identity for f in find_patterns(store)}
    only = find_patterns(store, ["hot_number"], params={"hot_number": {"min_callers": 5}})
    assert [f.pattern for f in only] == ["hot_number"] and only[0].params["min_callers"] == 5
    with pytest.raises(AnalysisError):
        find_patterns(store, ["no_such_pattern"])
    out = json.loads(json.dumps([f.to_dict() for f in found], ensure_ascii=False))
    assert {"pattern", "key", "entity_id", "score", "params", "evidence", "identity"} <= set(out[0])


# ---------------------------------------------------------------------- loops


@pytest.fixture(scope="module")
def loops(tmp_path_factory):
    b = CaseBuilder(tmp_path_factory.mktemp("loops") / "loops.zlcase", seed=5)
    noise = ordinary_life(b, people=30, days=60)
    a, c, d, x, y = (b.card(None) for _ in range(5))
    # A -> C -> D -> A, about 20,000 yuan each time, a few hours apart: money back home.
    b.pay(a, c, 20_000 * YUAN, at(10, 10))
    b.pay(c, d, 19_800 * YUAN, at(10, 14))
    b.pay(d, a, 19_500 * YUAN, at(11, 9))
    # A loan and its repayment: two cards, every day of the week.
    b.pay(x, y, 30_000 * YUAN, at(12, 10))
    b.pay(y, x, 30_000 * YUAN, at(20, 10))
    # A loop run backwards in time, each leg before the one it should follow: no money
    # can have gone round it.
    p, q, r = (b.card(None) for _ in range(3))
    b.pay(p, q, 15_000 * YUAN, at(30, 14))
    b.pay(q, r, 15_000 * YUAN, at(30, 12))
    b.pay(r, p, 15_000 * YUAN, at(30, 10))
    store = b.write()
    yield store, (a, c, d), (p, q, r), noise
    store.close()


def test_money_cycles_finds_the_loop_not_loans_or_noise(loops):
    store, loop, unordered, _ = loops
    found = money_cycles(store, min_amount_fen=1_000_000)
    assert [f.metrics["members"] for f in found] == [list(loop)]
    f = found[0]
    assert f.pattern == "money_cycle" and f.entity_id == min(loop)
    assert f.metrics["amount_fen"] == 2_000_000 and f.metrics["returned_fen"] == 1_950_000
    keys = [store.entity(m).key for m in loop]
    assert f.identity == "money_cycle:" + ">".join(keys) and len(f.evidence["txn"]) == 3
    loose = money_cycles(store, min_amount_fen=1_000_000, time_ordered=False)
    assert sorted(tuple(f.metrics["members"]) for f in loose) == sorted([loop, unordered])
    assert money_cycles(store, min_amount_fen=1_000_000, tolerance=0.001) == []


# ---------------------------------------------------------------------- the demo case


def test_demo_findings_spare_victims_and_bystanders(demo_path):
    """On the demo, money patterns point at suspects' cards only, and the planted devices,
    dealer and hot lines are found."""
    with CaseStore.open(demo_path, "pytest", read_only=True) as store:
        found = find_patterns(store)
        roles: dict[int, set[str]] = {}
        for thing, role in connection(store).execute(
            "SELECT l.target_id, r.role FROM link l JOIN entity_role r "
            "ON r.entity_id = l.source_id WHERE l.type = 'holds' "
            "UNION SELECT entity_id, role FROM entity_role"
        ):
            roles.setdefault(thing, set()).add(role)
        dealer = (
            connection(store)
            .execute("SELECT entity_id FROM entity_alias WHERE alias = '小马'")
            .fetchone()[0]
        )
    by_pattern: dict[str, list] = {}
    for f in found:
        by_pattern.setdefault(f.pattern, []).append(f)
    # The demo plants no phone switch and no companions; anything else is found.
    assert set(PATTERNS) - {"phone_switch", "companion"} <= set(by_pattern) <= set(PATTERNS)
    money = ("fast_in_fast_out", "fan_in", "fan_out", "late_night_cash", "new_account_burst")
    for pattern in money:
        for f in by_pattern[pattern]:
            held = roles.get(f.entity_id, set())
            assert held and "victim" not in held, (pattern, f.key, held)
    assert by_pattern["card_hoarder"][0].entity_id == dealer
    assert by_pattern["handset_many_sims"][0].metrics["count"] == 16  # the GOIP box
