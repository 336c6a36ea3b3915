"""i2 Analyst's Notebook ANX: well-formed XML, consistent references, counts that match."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from workbench.exchange import export_anx
from workbench.exchange.anx import ENTITY_TYPES

from .cases import case_with_facts

#: An XML name without a colon (NCName), as xs:ID and xs:IDREF values must be.
NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def parse(path):
    root = ET.parse(path).getroot()
    assert root.tag == "Chart" and root.get("IdReferenceLinking") == "false"
    return root


def check_structure(root) -> tuple[dict, list]:
    """Every reference resolves; returns (entities by EntityId, link chart items)."""
    order = [c.tag for c in root]
    for before, after in [
        ("StrengthCollection", "AttributeClassCollection"),
        ("AttributeClassCollection", "EntityTypeCollection"),
        ("EntityTypeCollection", "LinkTypeCollection"),
        ("LinkTypeCollection", "ChartItemCollection"),
    ]:
        assert order.index(before) < order.index(after)
    strengths = {s.get("Name") for s in root.find("StrengthCollection")}
    classes = {a.get("Id"): a.get("Name") for a in root.find("AttributeClassCollection")}
    etypes = {t.get("Id"): t.get("Name") for t in root.find("EntityTypeCollection")}
    ltypes = {t.get("Id"): t.get("Name") for t in root.find("LinkTypeCollection")}
    ids = list(classes) + list(etypes) + list(ltypes)
    items = list(root.find("ChartItemCollection"))
    ids += [i.get("Id") for i in items]
    assert len(ids) == len(set(ids)), "ids must be unique across the document"
    assert all(NAME.match(i) for i in ids), "ids must be XML names"
    entities, links, identities = {}, [], set()
    for item in items:
        for attr in item.iter("Attribute"):
            assert classes[attr.get("AttributeClassReference")] == attr.get("AttributeClass")
        entity = item.find("End/Entity")
        if entity is not None:
            style = entity.find("Icon/IconStyle")
            assert etypes[style.get("EntityTypeReference")] == style.get("Type")
            assert NAME.match(entity.get("EntityId")), entity.get("EntityId")
            assert entity.get("Identity") not in identities
            identities.add(entity.get("Identity"))
            entities[entity.get("EntityId")] = item
            continue
        link = item.find("Link")
        assert link is not None
        style = link.find("LinkStyle")
        assert ltypes[style.get("LinkTypeReference")] == style.get("Type")
        assert style.get("Strength") in strengths
        links.append(item)
    for item in links:
        link = item.find("Link")
        assert link.get("End1Id") in entities and link.get("End2Id") in entities
    return entities, links


def attributes(item) -> dict:
    return {a.get("AttributeClass"): a.get("Value") for a in item.iter("Attribute")}


def test_chart_is_well_formed_and_consistent(tmp_path):
    facts = case_with_facts(tmp_path)
    out = tmp_path / "case.anx"
    summary = export_anx(facts.store, out)
    entities, links = check_structure(parse(out))
    info = facts.store.info()
    total = info.people + info.bank_cards + info.phone_cards + info.devices + info.organisations
    assert len(entities) == total == summary.entities
    assert len(links) == info.links + summary.money_edges + summary.call_edges
    assert summary.money_edges == 2 and summary.call_edges == 2
    boss = entities[f"E{facts.boss}"]
    assert boss.get("Label") == "测试000"
    assert boss.find("End/Entity").get("Identity") == facts.store.entity(facts.boss).key
    assert boss.find("End/Entity/Icon/IconStyle").get("Type") == "Person"
    a = attributes(boss)
    assert a["身份证号 ID number"] == facts.store.entity(facts.boss).key
    assert a["角色 Roles"] == "金主/组织者" and a["法律状态 Legal status"] == "在逃"
    assert a["地区 Region"] == "重庆市石柱土家族自治县" and a["罪责 Culpability"] == "首要分子"
    icons = {
        entities[f"E{i}"].find("End/Entity/Icon/IconStyle").get("Type")
        for i in (facts.boss_card, facts.boss_phone, facts.handset, facts.gang)
    }
    assert icons == {"Bank Account", "Phone", "Mobile Handset", "Organisation"}
    assert {t for t, _ in ENTITY_TYPES.values()} >= icons
    money = [
        i for i in links
        if i.find("Link").get("End1Id") == f"E{facts.boss_card}"
        and i.find("Link").get("End2Id") == f"E{facts.mule_card}"
    ]  # fmt: skip
    assert len(money) == 1
    m = attributes(money[0])
    assert m["金额(元) Amount (yuan)"] == "1500.05" and m["笔数 Transfers"] == "2"
    assert m["首次 First"] == "2025-03-01T10:00:00" and m["末次 Last"] == "2025-03-02T11:00:00"
    assert money[0].get("DateTime") == "2025-03-01T10:00:00"
    assert money[0].find("Link/LinkStyle").get("ArrowStyle") == "ArrowOnHead"
    member = [i for i in links if i.find("Link/LinkStyle").get("Type") == "成员 member of"]
    assert len(member) == 2


def test_undirected_and_tentative_links(tmp_path):
    facts = case_with_facts(tmp_path)
    facts.store.add_link("related", facts.boss, facts.mule, confidence=0.5, note="<同乡>&")
    out = tmp_path / "case.anx"
    export_anx(facts.store, out)
    _, links = check_structure(parse(out))
    (related,) = [i for i in links if i.find("Link/LinkStyle").get("Type") == "关联 related"]
    style = related.find("Link/LinkStyle")
    assert style.get("ArrowStyle") is None and style.get("Strength") == "Tentative"
    assert attributes(related)["备注 Notes"] == "<同乡>&"


def test_masked_selection_keeps_identities_unique(tmp_path):
    facts = case_with_facts(tmp_path)
    store = facts.store
    # A second card with the same first six and last four digits masks to the same text.
    twin = store.entity(facts.outsider_card).key
    other = twin[:6] + "9" * (len(twin) - 10) + twin[-4:]
    twin_id = store.add_entity("bank_card", other)  # Luhn-invalid: stored, flagged
    out = tmp_path / "masked.anx"
    chosen = [facts.outsider_card, twin_id, facts.mule, facts.mule_card]
    summary = export_anx(store, out, mask_ids=True, entity_ids=chosen)
    text = out.read_text(encoding="utf-8")
    assert twin not in text and other not in text
    entities, links = check_structure(parse(out))
    assert sorted(entities) == sorted(f"E{i}" for i in chosen) and summary.entities == 4
    identities = [e.find("End/Entity").get("Identity") for e in entities.values()]
    assert len(set(identities)) == 4
    assert summary.money_edges == 1  # mule card -> outside card
