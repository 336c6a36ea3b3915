"""FollowTheMoney JSON lines: every line is a valid entity that the library reads unchanged.

The lines are checked against ``ftm_schema`` (FtM's model for what the export writes, in
plain Python), and also by the followthemoney library itself where it is installed; the
test extra leaves it out, since it needs PyICU, which has no wheels.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from workbench.exchange import export_ftm
from workbench.exchange.ftm import e164

from .cases import case_with_facts
from .ftm_schema import COUNTRIES, SCHEMATA, check_lines

HAVE_FTM = importlib.util.find_spec("followthemoney") is not None
needs_ftm = pytest.mark.skipif(
    not HAVE_FTM,
    reason="followthemoney is not installed (it needs PyICU, which has no wheels); "
    "ftm_schema.py checks the export without it",
)


def read_lines(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def validate(lines: list[dict]) -> dict[str, dict]:
    """Check every line against FtM's model; return the entities by id.

    ``ftm_schema.check_lines`` always; where followthemoney is installed, also the library's
    own reading: a line parses into a proxy of a known, non-abstract schema, and every value
    comes back unchanged from FtM's cleaning (so nothing is silently dropped on import).
    """
    by_id = check_lines(lines)
    if HAVE_FTM:
        _validate_with_followthemoney(lines)
    return by_id


def _validate_with_followthemoney(lines: list[dict]) -> None:
    from followthemoney import model

    by_id = {d["id"]: d for d in lines}
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)
        assert not proxy.schema.abstract, data
        cleaned = proxy.to_dict()["properties"]
        for prop, values in data["properties"].items():
            assert proxy.schema.get(prop) is not None, (data["schema"], prop)
            assert sorted(cleaned.get(prop, [])) == sorted(values), (data["schema"], prop)
        for prop in proxy.schema.required:
            assert proxy.get(prop), (data, prop)
        for prop in proxy.iterprops():
            if prop.type.name != "entity":
                continue
            for ref in proxy.get(prop):
                target = model.get(by_id[ref]["schema"])
                assert target.is_a(prop.range), (data["schema"], prop.name, target.name)


@needs_ftm
def test_schema_table_matches_followthemoney():
    """ftm_schema's table says what FtM's model says, for every schema and property in it."""
    from followthemoney import model
    from followthemoney.types import registry

    for name, schema in SCHEMATA.items():
        real = model.get(name)
        assert real is not None and not real.abstract, name
        assert set(schema.parents) == {s.name for s in real.schemata} - {name}, name
        assert set(schema.required) == set(real.required), name
        for prop, (kind, target) in schema.properties.items():
            real_prop = real.get(prop)
            assert real_prop is not None, (name, prop)
            assert real_prop.type.name == kind, (name, prop)
            assert (real_prop.range.name if real_prop.range else None) == target, (name, prop)
    assert set(registry.country.names) >= COUNTRIES


@pytest.mark.parametrize(
    ("schema", "prop", "value"),
    [
        ("Person", "phone", "13812345678"),  # not E.164
        ("Person", "phone", "+8615412345678"),  # no carrier was given 154
        ("Person", "birthDate", "2025/03/01"),
        ("Person", "country", "xx"),
        ("Person", "name", " 张三"),
        ("Person", "name", "张  三"),
        ("Person", "notes", "bell\x07"),
        ("Payment", "amount", "1,500.00"),
        ("Person", "favouriteColour", "red"),  # not a property of the schema
    ],
)
def test_schema_check_refuses_what_ftm_would_change(schema, prop, value):
    def line(extra):
        base = {"Person": {"name": ["甲"]}, "Payment": {"payer": ["b2"], "beneficiary": ["b2"]}}
        return {"id": "a1", "schema": schema, "properties": {**base[schema], **extra}}

    other = {"id": "b2", "schema": "Person", "properties": {"name": ["乙"]}}
    check_lines([line({}), other])  # the same line without the bad value passes
    with pytest.raises(AssertionError):
        check_lines([line({prop: [value]}), other])


def test_schema_check_refuses_dangling_and_wrong_references():
    person = {"id": "p1", "schema": "Person", "properties": {"name": ["甲"]}}
    account = {"id": "a1", "schema": "BankAccount", "properties": {"accountNumber": ["62"]}}
    own = {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["a1"]}}
    check_lines([person, account, own])
    with pytest.raises(AssertionError):  # the asset is missing from the file
        check_lines([person, own])
    swapped = {**own, "properties": {"owner": ["a1"], "asset": ["p1"]}}
    with pytest.raises(AssertionError):  # a bank account owns nothing; a person is no asset
        check_lines([person, account, swapped])
    with pytest.raises(AssertionError):  # Ownership needs its owner
        check_lines([person, account, {**own, "properties": {"asset": ["a1"]}}])


def one(lines, schema, **match):
    found = [
        d for d in lines
        if d["schema"] == schema
        and all(v in d["properties"].get(k, []) for k, v in match.items())
    ]  # fmt: skip
    assert len(found) == 1, (schema, match, found)
    return found[0]


@pytest.fixture
def exported(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "case.ftm.jsonl"
    summary = export_ftm(facts.store, out)
    return facts, summary, read_lines(out)


def test_every_line_is_a_valid_ftm_entity(exported):
    facts, summary, lines = exported
    by_id = validate(lines)
    counts = {}
    for d in lines:
        counts[d["schema"]] = counts.get(d["schema"], 0) + 1
    info = facts.store.info()
    assert counts["Person"] == info.people
    assert counts["BankAccount"] == info.bank_cards
    assert counts["UserAccount"] == info.phone_cards
    assert counts["Organization"] == 1
    assert counts["Payment"] == info.transactions == summary.transactions
    assert counts["Call"] == info.calls == summary.calls
    # The handset has no FtM schema: it and the 'uses' link to it are skipped and counted.
    assert summary.skipped == 2
    assert summary.entities == info.people + info.bank_cards + info.phone_cards + 1
    assert len(by_id) == len(lines)


def test_people_accounts_and_ownership(exported):
    facts, _, lines = exported
    store = facts.store
    boss = store.entity(facts.boss)
    person = one(lines, "Person", idNumber=boss.key)
    p = person["properties"]
    assert p["name"] == ["测试000"]
    assert p["birthDate"] == [f"{boss.key[6:10]}-{boss.key[10:12]}-{boss.key[12:14]}"]
    assert p["nationality"] == ["cn"] and p["country"] == ["cn"]
    assert p["position"] == ["金主/组织者"] and p["status"] == ["在逃"]
    assert p["classification"] == ["首要分子"]
    assert p["phone"] == ["+86" + store.entity(facts.boss_phone).key]
    # The mule's 154 number is not one FtM accepts (see test_payments_and_calls).
    assert "phone" not in one(lines, "Person", alias="阿强")["properties"]
    assert one(lines, "Person", alias="阿强")["properties"]["status"] == ["刑事拘留"]
    card = store.entity(facts.boss_card)
    account = one(lines, "BankAccount", accountNumber=card.key)
    assert account["properties"]["bankName"] == ["中国工商银行"]
    own = one(lines, "Ownership", asset=account["id"])
    assert own["properties"]["owner"] == [person["id"]]
    phone = one(lines, "UserAccount", username=store.entity(facts.boss_phone).key)
    assert phone["properties"]["owner"] == [person["id"]]
    assert phone["properties"]["service"] == ["中国移动"]
    # Nobody holds the outside card: its account name becomes the owning legal entity.
    outside = one(lines, "BankAccount", accountNumber=store.entity(facts.outsider_card).key)
    holder = one(lines, "LegalEntity", name="外部户名")
    assert one(lines, "Ownership", asset=outside["id"])["properties"]["owner"] == [holder["id"]]
    gang = one(lines, "Organization", name="缅北“金三角”诈骗集团")
    assert gang["properties"]["country"] == ["mm"]
    assert gang["properties"]["address"] == ["缅甸·缅北"]
    assert p["address"] == ["重庆市石柱土家族自治县"]
    member = one(lines, "Membership", member=person["id"])
    assert member["properties"]["organization"] == [gang["id"]]
    assert member["properties"]["role"] == ["金主/组织者"]
    report = [d for d in lines if d["schema"] == "Associate"]
    assert report and all("上级 reports to" in d["properties"]["relationship"] for d in report)


def test_payments_and_calls(exported):
    facts, _, lines = exported
    store = facts.store
    boss = one(lines, "Person", idNumber=store.entity(facts.boss).key)
    mule = one(lines, "Person", alias="阿强")
    boss_acc = one(lines, "BankAccount", accountNumber=store.entity(facts.boss_card).key)
    mule_acc = one(lines, "BankAccount", accountNumber=store.entity(facts.mule_card).key)
    pay = one(lines, "Payment", transactionNumber="S1")["properties"]
    assert pay["amount"] == ["1500.00"] and pay["currency"] == ["CNY"]
    assert pay["date"] == ["2025-03-01T10:00:00"] and pay["purpose"] == ["跨行转出"]
    assert pay["payer"] == [boss["id"]] and pay["beneficiary"] == [mule["id"]]
    assert pay["payerAccount"] == [boss_acc["id"]] and pay["beneficiaryAccount"] == [mule_acc["id"]]
    assert one(lines, "Payment", amount="0.05")["properties"]["purpose"] == ['=HYPERLINK("x")']
    cash = one(lines, "Payment", amount="800.00")["properties"]
    exit_party = [d for d in lines if d["id"] == cash["beneficiary"][0]][0]
    assert exit_party["properties"]["name"] == ["现金取现 (cash)"]
    assert "beneficiaryAccount" not in cash and cash["description"] == ["瑞丽市ATM"]
    calls = [d["properties"] for d in lines if d["schema"] == "Call"]
    boss_no = store.entity(facts.boss_phone).key
    mule_no = store.entity(facts.mule_phone).key
    # make_case's seed gives the mule a 154 number, a range no carrier was allocated: FtM's
    # phone type refuses it, so it travels in the summary instead of being dropped.
    assert mule_no.startswith("154") and e164(mule_no) is None
    assert e164(boss_no) == "+86" + boss_no
    out = [c for c in calls if c.get("callerNumber") == ["+86" + boss_no]]
    assert sorted(c["duration"][0] for c in out) == ["30", "60"]
    assert all(c["caller"] == [boss["id"]] and c["receiver"] == [mule["id"]] for c in out)
    assert all(c["summary"] == [f"被叫 {mule_no}"] and "receiverNumber" not in c for c in out)
    sms = [c for c in calls if c.get("receiverNumber") == ["+86" + boss_no]]
    assert len(sms) == 1 and sms[0]["description"] == ["短信 SMS"]
    assert sms[0]["summary"] == [f"主叫 {mule_no}"]
    assert sms[0]["date"] == ["2025-03-01T10:00:00"] and sms[0]["duration"] == ["0"]


def test_ids_are_natural_not_per_case(tmp_path):
    # The same people and cards in two case files (different paths, different row order
    # of creation stamps) get the same ids: Aleph merges them.
    a = case_with_facts(tmp_path, "a.zlcase")
    b = case_with_facts(tmp_path, "b.zlcase")
    export_ftm(a.store, tmp_path / "a.jsonl")
    export_ftm(b.store, tmp_path / "b.jsonl")
    ids_a = {d["id"] for d in read_lines(tmp_path / "a.jsonl")}
    ids_b = {d["id"] for d in read_lines(tmp_path / "b.jsonl")}
    assert ids_a == ids_b
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_masked_export_hides_numbers_and_birth_dates(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "masked.jsonl"
    export_ftm(facts.store, out, mask_ids=True)
    text = out.read_text(encoding="utf-8")
    lines = read_lines(out)
    validate(lines)
    for eid in (facts.boss, facts.boss_card, facts.outsider_card):
        assert facts.store.entity(eid).key not in text
    assert "birthDate" not in text
    plain = tmp_path / "plain.jsonl"
    export_ftm(facts.store, plain)
    # Masked ids are keyed differently, so they cannot be matched against hashed numbers.
    assert not {d["id"] for d in lines} & {d["id"] for d in read_lines(plain)}


def test_selection_carries_only_facts_among_the_chosen(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "sel.jsonl"
    chosen = [facts.mule, facts.mule_card, facts.mule_phone]
    summary = export_ftm(facts.store, out, entity_ids=chosen)
    lines = read_lines(out)
    validate(lines)
    schemas = sorted(d["schema"] for d in lines)
    # The cash withdrawal has only the mule card as a party; transfers and calls with the
    # boss's cards and phones stay out.
    assert schemas.count("Payment") == 1 == summary.transactions
    assert "Call" not in schemas and schemas.count("Person") == 1


def test_namesakes_and_repeated_facts_stay_distinct_entities(tmp_path):
    facts = case_with_facts(tmp_path)
    store = facts.store
    # Two organisations and two people without ID numbers share names; a link and a
    # holding are entered twice; the same transfer is listed twice without a serial.
    store.add_entity("organisation", None, "缅北“金三角”诈骗集团")
    store.add_entity("person", None, "阿龙")
    store.add_entity("person", None, "阿龙")
    store.add_link("reports_to", facts.mule, facts.boss)
    store.add_link("holds", facts.boss, facts.boss_card)
    twice = {"payer_id": facts.mule_card, "payee_id": facts.boss_card, "amount_fen": 999,
             "ts": "2025-03-04 08:00:00"}  # fmt: skip
    store.add_transactions([twice, dict(twice)])
    out = tmp_path / "dupes.jsonl"
    summary = export_ftm(store, out)
    lines = read_lines(out)
    validate(lines)  # ids unique, references resolve
    assert sum(d["schema"] == "Organization" for d in lines) == 2
    assert sum(d["properties"]["name"] == ["阿龙"] for d in lines if d["schema"] == "Person") == 2
    assert sum(d["properties"].get("amount") == ["9.99"] for d in lines) == 2
    boss_card = one(lines, "BankAccount", accountNumber=store.entity(facts.boss_card).key)
    assert sum(d["properties"].get("asset") == [boss_card["id"]] for d in lines) == 1
    assert summary.transactions == store.info().transactions
