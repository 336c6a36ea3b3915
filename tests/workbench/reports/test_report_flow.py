"""Case report figures and the fund-flow chart model, on small cases with known answers."""

from __future__ import annotations

import pytest

from workbench.analysis import trace_funds
from workbench.reports.flow import build_flow_chart, busiest_card, flow_trace
from workbench.reports.report import build_case_report, victim_payments
from workbench.store import CaseStore


@pytest.fixture
def fraud(tmp_path):
    """Two victims pay a mule card; it splits the money over two second-level cards, one of
    which withdraws cash."""
    s = CaseStore.create(tmp_path / "r.zlcase", "tester")
    v1 = s.add_entity("person", None, "受害人一", roles=["victim"])
    v2 = s.add_entity("person", None, "受害人二", roles=["victim"])
    mule = s.add_entity("person", "11010519491231002X", "张三", roles=["car_handler"],
                        legal_status="arrested", culpability="accessory")  # fmt: skip
    boss = s.add_entity("person", None, "李四", roles=["organiser"], legal_status="at_large")
    s.add_entity("person", None, "王五", roles=["card_seller"], legal_status="prosecuted")
    s.add_entity("person", None, "赵六", roles=["score_runner"], legal_status="admin_penalty")
    cards = [s.add_entity("bank_card", n) for n in (
        "6222020000000000006", "6222020000000000014", "6222020000000000022",
        "6222020000000000030", "6222020000000000048")]  # fmt: skip
    vc1, vc2, l1, l2a, l2b = cards
    for person, card in ((v1, vc1), (v2, vc2), (mule, l1), (boss, l2a), (boss, l2b)):
        s.add_link("holds", person, card)
    s.add_transactions([
        {"payer_id": vc1, "payee_id": l1, "amount_fen": 600000, "ts": "2025-03-01 10:00:00"},
        {"payer_id": vc2, "payee_id": l1, "amount_fen": 400000, "ts": "2025-03-01 10:10:00"},
        {"payer_id": l1, "payee_id": l2a, "amount_fen": 700000, "ts": "2025-03-01 10:20:00"},
        {"payer_id": l1, "payee_id": l2b, "amount_fen": 300000, "ts": "2025-03-01 10:25:00"},
        {"payer_id": l2a, "amount_fen": 500000, "ts": "2025-03-01 23:00:00",
         "exit_kind": "cash"},
        {"payer_id": vc1, "payee_id": vc2, "amount_fen": 5000, "ts": "2025-03-02 10:00:00"},
    ])  # fmt: skip
    s.add_measure(l1, "stop", 200000, "2025-03-01T12:00:00+08:00")
    s.add_measure(l1, "freeze", 150000, "2025-03-02T12:00:00+08:00")
    s.add_measure(l2a, "freeze", 100000, "2025-03-02T12:00:00+08:00")
    s.add_measure(l1, "return", 250000, "2025-04-01T12:00:00+08:00")
    s.add_measure(mule, "seize", 30000, "2025-03-05T12:00:00+08:00")
    yield s, {"l1": l1, "l2a": l2a, "l2b": l2b, "vc1": vc1}
    s.close()


def test_report_figures(fraud):
    s, _ = fraud
    r = build_case_report(s)
    assert (r.suspects, r.caught, r.at_large, r.coercive, r.prosecuted) == (4, 3, 1, 2, 1)
    assert r.by_status["admin_penalty"] == 1
    assert r.victims == 2
    assert r.losses_fen == 1_000_000  # the payment between two victims is no loss
    assert r.accounts == {"stop": 1, "freeze": 2, "seize": 1, "return": 1}
    assert r.amounts == {"stop": 200000, "freeze": 250000, "seize": 30000, "return": 250000}
    assert r.return_rate == pytest.approx(0.25)


def test_report_suspects_and_stop_list(fraud):
    s, _ = fraud
    r = build_case_report(s, mask_ids=True)
    names = [row.name for row in r.suspect_rows]
    assert names[0] == "李四"  # organiser before car handler
    row = next(row for row in r.suspect_rows if row.name == "张三")
    assert row.id_number == "110105********002X" and row.roles == ["car_handler"]
    accounts = [(x["账号"], x["层级"], x["金额"]) for x in r.stop_list]
    assert accounts == [
        ("622202*********0022", "一级卡", "10000.00"),  # masked card numbers
        ("622202*********0030", "二级卡", "7000.00"),
        ("622202*********0048", "二级卡", "3000.00"),
    ]
    assert build_case_report(s).stop_list[0]["账号"] == "6222020000000000022"
    assert len(victim_payments(s)) == 2


def test_flow_chart_levels_edges_and_totals(fraud):
    s, ids = fraud
    assert busiest_card(s) == ids["l1"]
    result, start = flow_trace(s)  # from the busiest card
    assert start == "6222020000000000022"
    chart = build_flow_chart(result, start_label=start)
    levels = {t.level: (t.cards, t.amount_fen) for t in chart.levels}
    assert levels == {1: (2, 1_000_000)}
    edges = {(e.source, e.target): e.amount_fen for e in chart.edges}
    assert edges[("source", f"c{ids['l2a']}")] == 700000
    assert edges[(f"c{ids['l2a']}", "xcash")] == 500000
    assert chart.node("xcash").amount_fen == 500000
    assert all(n.x + n.w <= chart.width and n.y + n.h <= chart.height for n in chart.nodes)

    from_payments = trace_funds(s, victim_payments(s))
    chart = build_flow_chart(from_payments, mask_ids=True, start_label="victims")
    assert chart.node(f"c{ids['l1']}").label == "622202*********0022"
    assert {t.level: t.cards for t in chart.levels} == {1: 1, 2: 2}


def test_flow_chart_folds_a_crowded_level(fraud):
    s, ids = fraud
    result = trace_funds(s, card_id=ids["l1"])
    chart = build_flow_chart(result, max_per_level=1)
    more = chart.node("more1")
    assert more.count == 2 and more.amount_fen == 1_000_000
    assert sum(e.amount_fen for e in chart.edges if e.target == "more1") == 1_000_000
