"""The demo case: big enough, deterministic, well-formed keys, and the planted patterns findable."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from workbench import identifiers as ids
from workbench.demo import CASE_NAME, build_demo
from workbench.store import CaseStore

SUSPECT_CARD_ROLES = ("card_supplier", "score_runner", "card_seller", "operator")


@pytest.fixture(scope="module")
def built(demo_path):
    """(path, info) of the session's demo build (timed in benchmarks/demo.py, not here)."""
    with CaseStore.open(demo_path, "pytest", read_only=True) as s:
        info = s.info()
    return demo_path, info


@pytest.fixture(scope="module")
def store(built):
    with CaseStore.open(built[0], "pytest", read_only=True) as s:
        yield s


def rows(store: CaseStore, sql: str, params=()) -> list[tuple]:
    return store.db.execute(sql, params).fetchall()


def fingerprint(path: Path) -> tuple:
    with CaseStore.open(path, "pytest", read_only=True) as s:
        keys = sorted(rows(s, "SELECT kind, coalesce(key, name) FROM entity"))
        links = sorted(rows(s, "SELECT type, source_id, target_id, note FROM link"))
        money = rows(s, "SELECT count(*), sum(amount_fen), max(ts) FROM txn")[0]
        calls = rows(s, "SELECT count(*), sum(duration_s) FROM call")[0]
    return keys, links, money, calls


def test_counts_meet_the_minimums(built):
    _, info = built
    assert info.people >= 300
    assert info.bank_cards >= 1_500
    assert info.phone_cards >= 600
    assert info.devices >= 100
    assert info.organisations >= 10
    assert info.transactions >= 50_000
    assert info.calls >= 20_000
    assert info.links >= 1_000
    assert info.name == CASE_NAME


def test_case_meta_and_integrity(store):
    meta = store.meta()
    assert meta["name"] == CASE_NAME
    assert "立字" in meta["number"] and "公安局" in meta["unit"]
    assert store.check_integrity() == []


def test_same_seed_same_case_other_seed_other_case(built, tmp_path):
    again, other = tmp_path / "again.zlcase", tmp_path / "other.zlcase"
    build_demo(again, analyst="someone else")
    build_demo(other, seed=7)
    first = fingerprint(built[0])
    assert fingerprint(again) == first
    different = fingerprint(other)
    assert different[0] != first[0]
    assert different[2] != first[2]


def test_an_existing_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "taken.zlcase"
    path.write_bytes(b"not mine")
    with pytest.raises(FileExistsError):
        build_demo(path)
    assert path.read_bytes() == b"not mine"


def test_people_have_valid_id_numbers_from_known_counties(store):
    people = rows(store, "SELECT id, key FROM entity WHERE kind = 'person'")
    household = dict(
        rows(store, "SELECT entity_id, region_code FROM entity_region WHERE reason = 'household'")
    )
    unidentified = [pid for pid, key in people if key is None]
    assert 1 <= len(unidentified) <= 10
    aliased = {r[0] for r in rows(store, "SELECT entity_id FROM entity_alias")}
    assert set(unidentified) <= aliased
    for pid, key in people:
        if key is None:
            continue
        info = ids.parse_id_number(key)
        assert info.number == key
        assert 1965 <= info.birth_date.year <= 2004
        region = store.region(info.region_code)
        assert region is not None and region.level == "county", key
        assert household[pid] == info.region_code


def test_card_numbers_pass_luhn_unless_flagged(store):
    cards = rows(
        store, "SELECT key, key_valid, key_problem, attrs FROM entity WHERE kind = 'bank_card'"
    )
    flagged = 0
    for key, valid, problem, _ in cards:
        assert 16 <= len(key) <= 19 and key.isdigit()
        if valid:
            assert ids.luhn_ok(key) and problem == ""
        else:
            flagged += 1
            assert not ids.luhn_ok(key) and problem == "luhn"
    assert 0 < flagged < len(cards) * 0.03
    opened = rows(
        store,
        "SELECT count(DISTINCT entity_id) FROM entity_region WHERE reason = 'account_opening'",
    )[0][0]
    assert opened == len(cards)


def test_phone_numbers_and_imeis_are_well_formed(store):
    for (key,) in rows(store, "SELECT key FROM entity WHERE kind = 'phone_card'"):
        assert ids.normalize_mobile(key) == key
    for (key,) in rows(store, "SELECT key FROM entity WHERE kind = 'device'"):
        assert ids.normalize_imei(key) == key


def test_a_card_seller_holds_twenty_or_more_phone_cards(store):
    holders = rows(
        store,
        "SELECT l.source_id, count(*) FROM link l JOIN entity t ON t.id = l.target_id "
        "WHERE l.type = 'holds' AND t.kind = 'phone_card' GROUP BY l.source_id "
        "HAVING count(*) >= 20",
    )
    sellers = set(store.entity_ids_with_role("card_seller"))
    assert any(pid in sellers for pid, _ in holders)


def test_victims_are_spread_and_carry_no_culpability(store):
    victims = store.entity_ids_with_role("victim")
    assert 100 <= len(victims) <= 160
    marks = rows(
        store,
        f"SELECT culpability, legal_status FROM entity WHERE id IN ({','.join(map(str, victims))})",
    )
    assert set(marks) == {("", "")}
    provinces = rows(
        store,
        "SELECT count(DISTINCT substr(region_code, 1, 2)) FROM entity_region "
        f"WHERE reason = 'household' AND entity_id IN ({','.join(map(str, victims))})",
    )[0][0]
    assert provinces >= 15


def _level1_cards(store) -> set[int]:
    """Cards that took money from a victim's card and are held by a suspect."""
    victim_cards = rows(
        store,
        "SELECT l.target_id FROM link l JOIN entity_role r ON r.entity_id = l.source_id "
        "WHERE l.type = 'holds' AND r.role = 'victim'",
    )
    suspect_cards = rows(
        store,
        "SELECT l.target_id FROM link l JOIN entity_role r ON r.entity_id = l.source_id "
        f"WHERE l.type = 'holds' AND r.role IN {SUSPECT_CARD_ROLES}",
    )
    suspect = {c for (c,) in suspect_cards}
    payees = rows(
        store,
        "SELECT DISTINCT payee_id FROM txn WHERE payee_id IS NOT NULL AND payer_id IN "
        f"({','.join(str(c) for (c,) in victim_cards)})",
    )
    return {p for (p,) in payees if p in suspect}


def test_level1_cards_send_only_after_receiving(store):
    level1 = _level1_cards(store)
    assert len(level1) >= 50
    for card in level1:
        first_in, first_out = rows(
            store,
            "SELECT (SELECT min(ts) FROM txn WHERE payee_id = :c), "
            "(SELECT min(ts) FROM txn WHERE payer_id = :c)",
            {"c": card},
        )[0]
        assert first_out is not None and first_in < first_out


def test_fast_in_fast_out_cards_exist(store):
    # Share of a card's inflow followed by an outgoing transfer within 30 minutes.
    quick = rows(
        store,
        "SELECT i.payee_id, count(*), sum(i.amount_fen), sum(CASE WHEN EXISTS ("
        "  SELECT 1 FROM txn o WHERE o.payer_id = i.payee_id AND o.ts > i.ts"
        "  AND o.ts <= datetime(i.ts, '+30 minutes')) THEN i.amount_fen ELSE 0 END) "
        "FROM txn i WHERE i.payee_id IS NOT NULL GROUP BY i.payee_id HAVING count(*) >= 5",
    )
    fast = [card for card, _, total, forwarded in quick if forwarded >= 0.8 * total]
    assert len(fast) >= 20
    # ... and a chain of them: level 1 -> level 2 within minutes.
    level1 = _level1_cards(store) & set(fast)
    onward = rows(
        store,
        f"SELECT DISTINCT payee_id FROM txn WHERE payer_id IN ({','.join(map(str, level1))}) "
        "AND payee_id IS NOT NULL",
    )
    assert {p for (p,) in onward} & set(fast)


def test_fan_in_and_fan_out(store):
    fan_in = rows(
        store,
        "SELECT payee_id, count(DISTINCT payer_id) FROM txn WHERE payee_id IN "
        f"({','.join(map(str, _level1_cards(store)))}) GROUP BY payee_id ORDER BY 2 DESC LIMIT 1",
    )[0][1]
    assert fan_in >= 10
    fan_out = rows(
        store,
        "SELECT max(n) FROM (SELECT count(DISTINCT payee_id) AS n FROM txn "
        "WHERE payee_id IS NOT NULL AND summary IN ('转账', '跨行转出') GROUP BY payer_id)",
    )[0][0]
    assert fan_out >= 10


def test_late_night_cash_withdrawals_and_other_exits(store):
    night = rows(
        store,
        "SELECT count(*), count(DISTINCT payer_id) FROM txn WHERE exit_kind = 'cash' "
        "AND channel = 'ATM' AND substr(ts, 12, 5) < '05:00'",
    )[0]
    assert night[0] >= 200 and night[1] >= 20
    kinds = {k for (k,) in rows(store, "SELECT DISTINCT exit_kind FROM txn")}
    assert {"cash", "platform", "crypto"} <= kinds
    exits_with_payee = "SELECT count(*) FROM txn WHERE exit_kind <> '' AND payee_id IS NOT NULL"
    assert rows(store, exits_with_payee) == [(0,)]


def test_new_accounts_used_heavily_right_after_opening(store):
    burst = 0
    for card_id, opened in rows(
        store,
        "SELECT id, json_extract(attrs, '$.opened_on') FROM entity "
        "WHERE kind = 'bank_card' AND json_extract(attrs, '$.opened_on') >= '2025-03-01'",
    ):
        n = rows(
            store,
            "SELECT count(*) FROM txn WHERE (payer_id = :c OR payee_id = :c) "
            "AND ts < date(:d, '+10 days')",
            {"c": card_id, "d": opened},
        )[0][0]
        burst += n >= 30
    assert burst >= 2


def test_one_device_carries_many_sims(store):
    by_device = rows(
        store,
        "SELECT device_id, count(DISTINCT caller_id) FROM call WHERE device_id IS NOT NULL "
        "GROUP BY device_id ORDER BY 2 DESC LIMIT 1",
    )
    device, sims = by_device[0]
    assert sims >= 10
    linked = rows(
        store,
        "SELECT count(*) FROM link l JOIN entity p ON p.id = l.source_id "
        "WHERE l.type = 'uses' AND l.target_id = ? AND p.kind = 'phone_card'",
        (device,),
    )[0][0]
    assert linked >= 10


def test_hot_number_called_by_many_victims(store):
    victims_phones = rows(
        store,
        "SELECT l.target_id FROM link l JOIN entity_role r ON r.entity_id = l.source_id "
        "JOIN entity t ON t.id = l.target_id WHERE l.type = 'holds' AND r.role = 'victim' "
        "AND t.kind = 'phone_card'",
    )
    hottest = rows(
        store,
        "SELECT callee_id, count(DISTINCT caller_id) FROM call WHERE caller_id IN "
        f"({','.join(str(p) for (p,) in victims_phones)}) GROUP BY callee_id "
        "ORDER BY 2 DESC LIMIT 1",
    )[0][1]
    assert hottest >= 20
    timed_sms = "SELECT count(*) FROM call WHERE call_type = 'sms' AND duration_s > 0"
    assert rows(store, timed_sms) == [(0,)]


def test_reports_to_chain_reaches_an_organiser_from_an_operator(store):
    boss_of = defaultdict(list)
    for src, dst in rows(store, "SELECT source_id, target_id FROM link WHERE type = 'reports_to'"):
        boss_of[src].append(dst)
    organisers = set(store.entity_ids_with_role("organiser"))
    operators = store.entity_ids_with_role("operator")
    reached = 0
    for op in operators:
        seen, frontier = {op}, [op]
        while frontier:
            frontier = [b for p in frontier for b in boss_of[p] if b not in seen]
            seen.update(frontier)
        reached += bool(seen & organisers - {op})
    assert reached >= 40


def test_suspects_have_plausible_roles_statuses_and_places(store):
    statuses = dict(
        rows(
            store,
            "SELECT legal_status, count(*) FROM entity WHERE kind = 'person' "
            "AND culpability <> '' GROUP BY legal_status",
        )
    )
    assert {"at_large", "detained", "arrested", "prosecuted", "bail"} <= set(statuses)
    roles = {r for (r,) in rows(store, "SELECT DISTINCT role FROM entity_role")}
    assert len(roles) == 12
    at_large_bosses = rows(
        store,
        "SELECT count(*) FROM entity e JOIN entity_region g ON g.entity_id = e.id "
        "WHERE e.culpability = 'principal' AND e.legal_status = 'at_large' "
        "AND g.reason = 'activity' AND g.region_code LIKE 'XMM%'",
    )[0][0]
    assert at_large_bosses >= 1
    orgs = {
        t: n
        for t, n in rows(
            store,
            "SELECT json_extract(attrs, '$.org_type'), count(*) FROM entity "
            "WHERE kind = 'organisation' GROUP BY 1",
        )
    }
    assert set(orgs) == {"gang", "team", "company"}


def test_statement_balances_follow_the_money(store):
    # Walking every card's transfers in statement order, each balance a statement shows is
    # the one before it plus what arrived minus what left, and none is negative.
    running: dict[int, int] = {}
    checked = 0
    for rid, payer, payee, fen, bal in rows(
        store,
        "SELECT reporter_id, payer_id, payee_id, amount_fen, balance_fen FROM txn ORDER BY id",
    ):
        assert rid in (payer, payee) and bal is not None and bal >= 0
        for card, delta in ((payer, -fen), (payee, fen)):
            if card in running:
                running[card] += delta
        if rid in running:
            assert running[rid] == bal
            checked += 1
        running[rid] = bal
    assert checked > 40_000


def test_payment_accounts_and_a_usdt_wallet_relay_victims_money(built, store):
    info = built[1]
    assert info.payment_accounts >= 3 and info.crypto_wallets == 1
    platforms = rows(store, "SELECT json_extract(attrs, '$.platform'), key_valid FROM entity "
                            "WHERE kind = 'payment_account'")  # fmt: skip
    assert {p for p, _ in platforms} == {"alipay", "wechat"} and all(v for _, v in platforms)
    wallet = rows(store, "SELECT key, key_valid FROM entity WHERE kind = 'crypto_wallet'")[0]
    chain, _, address = wallet[0].partition(":")
    assert chain == "tron" and wallet[1] == 1
    assert ids.normalize_crypto_address(address) == ("tron", address, True)
    # Victims' cards pay the 跑分 Alipay accounts, which pass it on within minutes.
    relayed = rows(
        store,
        "SELECT count(*) FROM txn t JOIN entity a ON a.id = t.payee_id "
        "AND a.kind = 'payment_account' JOIN link l ON l.target_id = t.payer_id "
        "AND l.type = 'holds' JOIN entity_role r ON r.entity_id = l.source_id "
        "AND r.role = 'victim'",
    )[0][0]
    assert relayed >= 10
    held = rows(store, "SELECT count(*) FROM link l JOIN entity e ON e.id = l.target_id "
                       "WHERE l.type = 'holds' AND e.kind IN ('payment_account', 'crypto_wallet')")  # fmt: skip
    assert held[0][0] == 4
