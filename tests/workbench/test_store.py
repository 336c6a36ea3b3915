"""The case store on real SQLite files: keys, edits, audit, links, transactions, reopening."""

from __future__ import annotations

import sqlite3

import pytest

from workbench import dbapi
from workbench import identifiers as ids
from workbench.errors import (
    DuplicateKeyError,
    EditConflictError,
    EntityInUseError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
)
from workbench.model import Kind, RegionTag
from workbench.schema import SCHEMA_VERSION
from workbench.store import CaseStore

from ..factories import make_case

ID_A = "11010519491231002X"
CARD = "6222021234567890128"


def test_create_and_reopen_keeps_everything(tmp_path):
    path = tmp_path / "c.zlcase"
    with CaseStore.create(path, "li", name="专案") as store:
        pid = store.add_entity(
            "person", ID_A, "张三", roles=["organiser", "car_handler"], aliases=["阿龙"],
            regions=[("500240", "household"), ("XMM-N", "activity")], legal_status="at_large",
            culpability="principal", notes="缅北园区负责人",
        )  # fmt: skip
        cid = store.add_entity("bank_card", CARD, attrs={"bank": "中国工商银行"})
        store.add_link("holds", pid, cid, note="开户本人")
    with CaseStore.open(path, "wang") as store:
        e = store.entity(pid)
        assert (e.name, e.key, e.legal_status, e.culpability) == (
            "张三", ID_A, "at_large", "principal")  # fmt: skip
        assert e.roles == ["car_handler", "organiser"]
        assert e.aliases == ["阿龙"]
        assert {(t.code, t.reason) for t in e.regions} == {
            ("500240", "household"), ("XMM-N", "activity")}  # fmt: skip
        assert store.entity(cid).attrs == {"bank": "中国工商银行"}
        [link] = store.links_of(pid)
        assert (link.type, link.source_id, link.target_id, link.note) == (
            "holds", pid, cid, "开户本人")  # fmt: skip
        assert store.meta()["name"] == "专案"


@pytest.mark.sqlite_only
def test_case_file_settings(case):
    conn = sqlite3.connect(case.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert case.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert case.check_integrity() == []


def test_natural_key_makes_one_entity(empty_case):
    a = empty_case.add_entity("phone_card", "+86 138-1234-5678")
    with pytest.raises(DuplicateKeyError) as err:
        empty_case.add_entity("phone_card", "0086 13812345678")
    assert err.value.existing_id == a
    assert empty_case.ensure_entity("phone_card", "138 1234 5678") == a
    assert empty_case.find_entity("phone_card", "13812345678").id == a
    assert empty_case.info().phone_cards == 1


def test_people_without_id_number_are_allowed(empty_case):
    a = empty_case.add_entity("person", None, "阿强")
    b = empty_case.add_entity("person", "", "阿强")
    assert a != b and empty_case.entity(a).key is None


def test_card_failing_luhn_is_kept_and_flagged(empty_case):
    bad = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    eid = empty_case.add_entity("bank_card", bad)
    e = empty_case.entity(eid)
    assert (e.key, e.key_valid, e.key_problem) == (bad, False, "luhn")


def test_invalid_identifiers_are_typed_errors(empty_case):
    with pytest.raises(ids.IdNumberError) as err:
        empty_case.add_entity("person", "110105194912310021", "x")
    assert err.value.reason == "bad_check_digit"
    with pytest.raises(ids.MobileError):
        empty_case.add_entity("phone_card", "12345678901")
    with pytest.raises(ids.ImeiError):
        empty_case.add_entity("device", "490154203237519")
    assert empty_case.info().people == 0


def test_vocabulary_is_enforced(empty_case):
    with pytest.raises(ValidationError):
        empty_case.add_entity("person", None, "x", roles=["wizard"])
    with pytest.raises(ValidationError):
        empty_case.add_entity("person", None, "x", legal_status="gone")
    with pytest.raises(ValidationError):
        empty_case.add_entity("person", None, "x", regions=[("999999", "household")])
    with pytest.raises(ValidationError):
        empty_case.add_entity("person", None, "")
    assert empty_case.info().people == 0


def test_every_change_is_audited_with_old_and_new(case):
    pid = case.entity_ids_with_role("organiser")[0]
    case.update_entity(pid, legal_status="detained", roles=["organiser", "money_launderer"])
    entry = case.audit_for(pid)[0]
    assert entry.analyst == "tester" and entry.action == "edit"
    assert entry.old == {"legal_status": "", "roles": ["organiser"]}
    assert entry.new == {"legal_status": "detained", "roles": ["money_launderer", "organiser"]}


def test_update_without_change_writes_nothing(case):
    pid = case.entity_ids_with_role("organiser")[0]
    before = case.audit_count()
    case.update_entity(pid, roles=["organiser"])
    assert case.audit_count() == before


def test_an_edit_based_on_an_old_version_is_refused(case):
    pid = case.entity_ids_with_role("organiser")[0]
    shown = case.entity(pid)
    case.update_entity(pid, expected_version=shown.version, notes="first")
    after = case.entity(pid)
    assert after.version == shown.version + 1
    audit = case.audit_count()
    with pytest.raises(EditConflictError) as e:  # still based on what was shown before
        case.update_entity(pid, expected_version=shown.version, notes="second")
    assert e.value.by == "tester" and e.value.current.notes == "first"
    assert case.entity(pid) == after and case.audit_count() == audit


def test_failed_write_leaves_case_and_audit_unchanged(case):
    pid = case.entity_ids_with_role("organiser")[0]
    before = (case.audit_count(), case.entity(pid))
    other_key = next(e.key for e in case.entities("person") if e.id != pid)
    with pytest.raises(DuplicateKeyError):
        case.update_entity(pid, key=other_key, legal_status="detained")
    assert (case.audit_count(), case.entity(pid)) == before


def test_write_is_one_transaction_even_when_it_fails_midway(case):
    # A region that fails validation after the entity row was written: nothing remains.
    before = case.info()
    with pytest.raises(ValidationError):
        case.update_entity(case.entity_ids_with_role("organiser")[0],
                           regions=[RegionTag("500240", "household"), RegionTag("nope", "arrest")])  # fmt: skip
    with pytest.raises(dbapi.IntegrityError):
        case.add_transactions(
            [{"payer_id": 1, "payee_id": 2, "amount_fen": 100, "ts": "2025-01-01 00:00:00"},
             {"payer_id": 1, "payee_id": 2, "amount_fen": -5, "ts": "2025-01-01 00:00:01"}]
        )  # fmt: skip
    assert case.info() == before


def test_delete_and_restore_entity_with_links(case):
    pid = case.entity_ids_with_role("organiser")[0]
    links_before = case.links_of(pid)
    snapshot = case.delete_entity(pid)
    assert not case.has_entity(pid)
    assert case.info().links == 20 * 2 + 19 - len(links_before)
    case.restore_entity(snapshot)
    assert case.entity(pid) == snapshot.entity
    assert case.links_of(pid) == links_before
    actions = [a.action for a in case.audit_for(pid)[:2]]
    assert actions == ["restore", "delete"]


def test_evidence_blocks_deleting_its_card(case):
    cards = [e.id for e in case.entities("bank_card")]
    case.add_transactions(
        [{"payer_id": cards[0], "payee_id": cards[1], "amount_fen": 500000,
          "ts": "2025-03-27 23:41:05", "channel": "手机银行"}]
    )  # fmt: skip
    with pytest.raises(EntityInUseError) as err:
        case.delete_entity(cards[0])
    assert err.value.transactions == 1
    assert case.has_entity(cards[0])


def test_links_validate_and_restore(case):
    people = [e.id for e in case.entities("person")]
    with pytest.raises(ValidationError):
        case.add_link("holds", people[0], people[0])
    with pytest.raises(ValidationError):
        case.add_link("teleports", people[0], people[1])
    with pytest.raises(NotFoundError):
        case.add_link("related", people[0], 99999)
    lid = case.add_link("recruited", people[1], people[2], confidence=0.6, note="同乡")
    case.update_link(lid, confidence=0.8)
    assert case.link(lid).confidence == 0.8
    old = case.delete_link(lid)
    case.restore_link(old)
    assert case.link(lid) == old


def test_analyst_defined_link_type(case):
    case.add_link_type("rents_card_to", "rents card to", "出租卡给")
    people = [e.id for e in case.entities("person")]
    lid = case.add_link("rents_card_to", people[3], people[4])
    assert case.link(lid).type == "rents_card_to"
    assert ("rents_card_to", "rents card to", "出租卡给", True, False) in case.link_types()


def test_browse_pages_sorts_and_searches(tmp_path):
    store = make_case(tmp_path, people=30)
    assert store.count_entities("person") == 30
    page1 = store.browse("person", limit=10)
    page2 = store.browse("person", offset=10, limit=10)
    assert len(page1) == 10 and not {r[0] for r in page1} & {r[0] for r in page2}
    names = [r[1] for r in store.browse("person", sort="name", descending=True, limit=30)]
    assert names == sorted(names, reverse=True)
    assert [r[1] for r in store.browse("person", search="测试007")] == ["测试007"]
    assert store.count_entities("person", "测试00") == 10
    holder = store.browse("bank_card", limit=1)[0][3]
    assert holder.startswith("测试")
    store.update_entity(store.entities("person")[5].id, aliases=["老K"])
    assert store.count_entities("person", "老K") == 1
    store.close()


def test_neighbourhood_aggregates_money_and_calls(case):
    cards = [e.id for e in case.entities("bank_card")]
    phones = [e.id for e in case.entities("phone_card")]
    case.add_transactions(
        [{"payer_id": cards[0], "payee_id": cards[1], "amount_fen": 100_00 * i,
          "ts": f"2025-03-27 10:0{i}:00"} for i in range(1, 4)]
    )  # fmt: skip
    case.add_calls(
        [{"caller_id": phones[0], "callee_id": phones[1], "ts": "2025-03-27 10:00:00",
          "duration_s": 60}] * 5
    )  # fmt: skip
    money = [n for n in case.neighbourhood(cards[0]) if n.type == "money"]
    assert [(n.other.id, n.count, n.amount_fen, n.outgoing) for n in money] == [
        (cards[1], 3, 600_00, True)]  # fmt: skip
    calls = [n for n in case.neighbourhood(phones[1]) if n.type == "calls"]
    assert [(n.other.id, n.count, n.outgoing) for n in calls] == [(phones[0], 5, False)]
    holds = [n for n in case.neighbourhood(cards[0]) if n.type == "holds"]
    assert len(holds) == 1 and not holds[0].outgoing


@pytest.mark.sqlite_only  # the server's planner is PostgreSQL's; the indexes are the same
def test_tracing_indexes_are_used(case):
    plan = " ".join(
        str(r) for r in case.db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM txn WHERE payer_id = 1 AND ts >= '2025'"
        )
    )  # fmt: skip
    assert "txn_payer_ts" in plan


def test_info_counts(case):
    info = case.info()
    assert (info.people, info.bank_cards, info.phone_cards, info.links) == (20, 20, 20, 59)
    assert info.transactions == 0 and info.schema_version == SCHEMA_VERSION


def test_regions_cover_the_country_and_overseas(empty_case):
    assert empty_case.region("500240").name == "石柱土家族自治县"
    assert [r.name for r in empty_case.region_path("500243")] == ["重庆市", "彭水苗族土家族自治县"]
    assert [r.code for r in empty_case.region_path("350521")][:2] == ["350000", "350500"]
    assert empty_case.region("XMM-N").name_en == "northern Myanmar"
    n = empty_case._conn.execute(
        "SELECT level, count(*) FROM region GROUP BY level"
    ).fetchall()  # fmt: skip
    counts = dict(n)
    assert counts["province"] == 34 and counts["prefecture"] > 330 and counts["county"] > 2800
    assert {r.code for r in empty_case.regions("缅")} >= {"XMM", "XMM-N"}


def test_kind_enum_round_trip(case):
    assert {e.kind for e in case.entities()} == {Kind.PERSON, Kind.BANK_CARD, Kind.PHONE_CARD}


def test_read_only_store_refuses_writes(case):
    path = case.location
    case.close()
    with CaseStore.open(path, "x", read_only=True) as ro:
        assert ro.read_only
        with pytest.raises(ReadOnlyError):
            ro.add_entity("person", None, "x")
        assert ro.info().people == 20


def test_link_type_in_use_cannot_be_deleted(case):
    case.add_link_type("shares_address", "shares address with", "同住", directed=False)
    people = [e.id for e in case.entities("person")]
    lid = case.add_link("shares_address", people[1], people[2])
    with pytest.raises(ValidationError):
        case.delete_link_type("shares_address")
    with pytest.raises(ValidationError):
        case.delete_link_type("holds")
    case.delete_link(lid)
    case.delete_link_type("shares_address")
    assert "shares_address" not in {t[0] for t in case.link_types()}


def test_restore_puts_timestamps_back(case, monkeypatch):
    pid = case.entity_ids_with_role("organiser")[0]
    snapshot = case.delete_entity(pid)
    monkeypatch.setattr("workbench.store.clock.now", lambda: "2099-01-01T00:00:00+08:00")
    case.restore_entity(snapshot)
    e = case.entity(pid)
    assert (e.created_at, e.updated_at) == (snapshot.entity.created_at, snapshot.entity.updated_at)
    assert case.audit_for(pid)[0].ts == "2099-01-01T00:00:00+08:00"
