"""Payment accounts and crypto wallets in every exchange format."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from workbench.exchange import export_anx, export_csv, export_ftm, export_gexf, export_graphml

from .cases import case_with_facts
from .test_anx import attributes, check_structure, parse
from .test_ftm import one, read_lines, validate

USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


@pytest.fixture
def rails(tmp_path):
    """case_with_facts plus the boss's Alipay account (with aliases), an unheld WeChat
    account and a TRON wallet, with money boss card -> Alipay -> WeChat -> wallet -> out."""
    facts = case_with_facts(tmp_path)
    store = facts.store
    alipay = store.add_entity(
        "payment_account", "支付宝:13912345678", "测试000",
        aliases=["boss@example.com", "老大"], attrs={"account_name": "测试000"},
    )  # fmt: skip
    store.add_link("holds", facts.boss, alipay)
    wechat = store.add_entity("payment_account", "财付通:wxid_abc123", "顺风车队")
    wallet = store.add_entity("crypto_wallet", USDT_TRON, attrs={"currency": "USDT"})
    store.add_link("holds", facts.boss, wallet)
    store.add_transactions([
        {"payer_id": facts.boss_card, "payee_id": alipay, "amount_fen": 300_000,
         "ts": "2025-03-02 10:00:00"},
        {"payer_id": alipay, "payee_id": wechat, "amount_fen": 290_000,
         "ts": "2025-03-02 10:05:00"},
        {"payer_id": wechat, "payee_id": wallet, "amount_fen": 290_000,
         "ts": "2025-03-02 10:09:00"},
        {"payer_id": wallet, "payee_id": None, "exit_kind": "crypto", "amount_fen": 290_000,
         "ts": "2025-03-02 11:00:00"},
    ])  # fmt: skip
    return facts, {"alipay": alipay, "wechat": wechat, "wallet": wallet}


def test_ftm_user_accounts_and_crypto_wallet_validate(rails, tmp_path):
    facts, ids = rails
    out = tmp_path / "case.ftm.jsonl"
    summary = export_ftm(facts.store, out)
    lines = read_lines(out)
    validate(lines)
    boss = one(lines, "Person", idNumber=facts.store.entity(facts.boss).key)
    alipay = one(lines, "UserAccount", username="13912345678")
    p = alipay["properties"]
    assert p["service"] == ["支付宝 Alipay"] and p["owner"] == [boss["id"]]
    assert p["email"] == ["boss@example.com"] and p["phone"] == ["+8613912345678"]
    assert sorted(p["alias"]) == ["boss@example.com", "老大"]
    wechat = one(lines, "UserAccount", username="wxid_abc123")
    assert wechat["properties"]["service"] == ["微信支付 WeChat Pay"]
    holder = wechat["properties"]["owner"][0]
    assert one(lines, "LegalEntity", description="账户持有人（未确认） account holder as reported")[
        "id"] == holder  # fmt: skip
    wallet = one(lines, "CryptoWallet", publicKey=USDT_TRON)
    assert wallet["properties"]["blockchain"] == ["波场 TRON"]
    assert wallet["properties"]["currency"] == ["USDT"]
    assert wallet["properties"]["holder"] == [boss["id"]]
    payments = [d for d in lines if d["schema"] == "Payment"]
    assert len(payments) == summary.transactions == facts.store.info().transactions
    via = one(lines, "Payment", amount="2900.00", payer=boss["id"], beneficiary=holder)
    assert "付款 alipay:13912345678" in via["properties"]["description"][0]
    assert "收款 wechat:wxid_abc123" in via["properties"]["description"][0]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_type_and_colour_the_new_kinds(rails, tmp_path, fmt):
    facts, ids = rails
    out = tmp_path / f"case.{fmt}"
    (export_graphml if fmt == "graphml" else export_gexf)(facts.store, out)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    a = g.nodes[f"n{ids['alipay']}"]
    w = g.nodes[f"n{ids['wallet']}"]
    assert (a["kind"], a["kind_zh"], a["platform"], a["platform_zh"]) == (
        "payment_account", "支付账户", "alipay", "支付宝")  # fmt: skip
    assert (w["kind"], w["kind_zh"], w["chain"], w["currency"]) == (
        "crypto_wallet", "加密钱包", "tron", "USDT")  # fmt: skip
    if fmt == "gexf":
        colours = {(n["viz"]["color"]["r"], n["viz"]["color"]["g"]) for n in (a, w)}
        assert len(colours) == 2


def test_anx_and_tables(rails, tmp_path):
    facts, ids = rails
    out = tmp_path / "case.anx"
    export_anx(facts.store, out)
    entities, _ = check_structure(parse(out))
    wallet = attributes(entities[f"E{ids['wallet']}"])
    assert wallet["钱包地址 Wallet address"] == USDT_TRON and wallet["区块链 Chain"] == "波场"
    alipay = entities[f"E{ids['alipay']}"]
    assert alipay.find("End/Entity/Icon/IconStyle").get("Type") == "Payment Account"
    assert attributes(alipay)["支付平台 Platform"] == "支付宝"
    assert ET.tostring(alipay, encoding="unicode")
    folder = tmp_path / "tables"
    export_csv(facts.store, folder)
    with open(folder / "entities.csv", encoding="utf-8-sig") as f:
        rows = {r["entity_id"]: r for r in csv.DictReader(f)}
    assert rows[str(ids["wechat"])]["platform_zh"] == "微信支付"
    assert rows[str(ids["wallet"])]["chain_zh"] == "波场"
