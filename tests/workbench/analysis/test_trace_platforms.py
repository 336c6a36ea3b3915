"""Money followed through payment accounts and crypto wallets as through cards."""

from __future__ import annotations

import json

from workbench.analysis import fast_in_fast_out, find_card, stop_list_rows, trace_funds

from .builders import CaseBuilder, at

USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _platform_case(tmp_path):
    b = CaseBuilder(tmp_path / "rails.zlcase")
    victim = b.card(b.person("受害人"))
    runner = b.person("跑分人")
    alipay = b._entity("payment_account", "alipay:13812345678", "跑分人",
                       {"platform": "alipay"})  # fmt: skip
    b.link("holds", runner, alipay)
    launder = b.card(b.person("洗钱人"))
    wallet = b._entity("crypto_wallet", f"tron:{USDT_TRON}", "", {"chain": "tron"})
    # Victim card -> Alipay (跑分) -> launderer's card -> USDT wallet -> exchange abroad.
    b.pay(victim, alipay, 5_000_000, at(10, 9, 0))
    b.pay(alipay, launder, 4_990_000, at(10, 9, 6))
    b.pay(launder, wallet, 2_000_000, at(10, 9, 20))
    b.pay(wallet, None, 2_000_000, at(10, 9, 50), "crypto")
    for day in (11, 12, 13):  # more of the same, so the account reads as a transit account
        b.pay(victim, alipay, 1_000_000, at(day, 10, 0))
        b.pay(alipay, launder, 990_000, at(day, 10, 4))
    return b.write(), {"victim": victim, "alipay": alipay, "launder": launder, "wallet": wallet}


def test_trace_follows_card_to_payment_account_to_card_to_wallet(tmp_path):
    store, ids = _platform_case(tmp_path)
    with store:
        r = trace_funds(store, card_id=ids["victim"], at="2025-03-11 08:00", levels=5)
        levels = {c.entity_id: (c.level, c.kind, c.amount_fen) for c in r.cards}
        assert levels[ids["alipay"]] == (1, "payment_account", 5_000_000)
        assert levels[ids["launder"]] == (2, "bank_card", 4_990_000)
        assert levels[ids["wallet"]] == (3, "crypto_wallet", 2_000_000)
        assert r.exit_totals["crypto"] == 2_000_000
        rows = {row["账号"]: row for row in stop_list_rows(r)}
        assert rows["13812345678"]["开户行"] == "支付宝" and rows["13812345678"]["层级"] == "一级卡"
        assert rows[USDT_TRON]["开户行"] == "波场链"
        json.dumps(r.to_dict(), ensure_ascii=False)
        # The command line and the trace panel name a start account in any of these ways.
        assert find_card(store, "支付宝:13812345678") == ids["alipay"]
        assert find_card(store, USDT_TRON) == ids["wallet"]


def test_a_payment_account_can_be_a_fast_in_fast_out_account(tmp_path):
    store, ids = _platform_case(tmp_path)
    with store:
        found = {f.entity_id: f for f in fast_in_fast_out(store)}
        assert ids["alipay"] in found
        assert found[ids["alipay"]].key == "alipay:13812345678"
