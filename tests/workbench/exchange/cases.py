"""A small real case with every kind of entity and fact the exchange formats carry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.model import Kind
from workbench.store import CaseStore

from ...factories import make_case


@dataclass
class Facts:
    """Ids of the entities the tests look at, with the facts written between them."""

    store: CaseStore
    boss: int
    boss_card: int
    boss_phone: int
    mule: int
    mule_card: int
    mule_phone: int
    gang: int
    handset: int
    outsider_card: int


def holdings(store: CaseStore, person: int) -> tuple[int, int]:
    """(bank card, phone card) a make_case person holds."""
    card = phone = None
    for link in store.links_of(person):
        if link.type == "holds" and link.source_id == person:
            kind = store.entity(link.target_id).kind
            if kind is Kind.BANK_CARD:
                card = link.target_id
            elif kind is Kind.PHONE_CARD:
                phone = link.target_id
    return card, phone


def case_with_facts(tmp_path: Path, name: str = "facts.zlcase") -> Facts:
    """make_case's 8 people plus a gang, a handset, an outside card, transfers and calls.

    Transfers: boss card -> mule card twice (1,500.00 and 0.05 yuan), mule card -> cash
    (exit, 800.00), mule card -> outsider card (200.00, account named 外部户名). Calls: boss
    phone -> mule phone twice (60 s, 30 s), mule phone -> boss phone once (SMS).
    """
    store = make_case(tmp_path, people=8, name=name)
    people = [e.id for e in store.entities("person")]
    boss, mule = people[0], people[1]
    store.update_entity(boss, legal_status="at_large", culpability="principal")
    store.update_entity(mule, legal_status="detained", aliases=["阿强"])
    boss_card, boss_phone = holdings(store, boss)
    mule_card, mule_phone = holdings(store, mule)
    gang = store.add_entity(
        "organisation", None, "缅北“金三角”诈骗集团", attrs={"org_type": "gang"},
        regions=[("XMM-N", "activity")],
    )  # fmt: skip
    store.add_link("member_of", boss, gang)
    store.add_link("member_of", mule, gang)
    handset = store.add_entity("device", "490154203237518", attrs={"model": "小米 13"})
    store.add_link("uses", mule, handset)
    # The analyst's own 'calls' link runs parallel to the call facts: a multigraph.
    store.add_link("calls", boss_phone, mule_phone, note="据供述")
    outsider_card = store.add_entity(
        "bank_card",
        "6222020200112233445",
        attrs={"account_name": "外部户名", "bank": "中国工商银行"},
    )
    store.add_transactions(
        [
            {"payer_id": boss_card, "payee_id": mule_card, "amount_fen": 150000,
             "ts": "2025-03-01 10:00:00", "summary": "跨行转出", "serial": "S1", "channel": "网银"},
            {"payer_id": boss_card, "payee_id": mule_card, "amount_fen": 5,
             "ts": "2025-03-02 11:00:00", "summary": "=HYPERLINK(\"x\")"},
            {"payer_id": mule_card, "payee_id": None, "exit_kind": "cash", "amount_fen": 80000,
             "ts": "2025-03-02 23:40:00", "summary": "ATM取款", "place": "瑞丽市ATM"},
            {"payer_id": mule_card, "payee_id": outsider_card, "amount_fen": 20000,
             "ts": "2025-03-03 09:00:00", "counterpart": "外部户名"},
        ]
    )  # fmt: skip
    store.add_calls(
        [
            {"caller_id": boss_phone, "callee_id": mule_phone, "ts": "2025-03-01 09:00:00",
             "duration_s": 60, "device_id": handset},
            {"caller_id": boss_phone, "callee_id": mule_phone, "ts": "2025-03-01 09:30:00",
             "duration_s": 30},
            {"caller_id": mule_phone, "callee_id": boss_phone, "ts": "2025-03-01 10:00:00",
             "duration_s": 0, "call_type": "sms"},
        ]
    )  # fmt: skip
    return Facts(
        store, boss, boss_card, boss_phone, mule, mule_card, mule_phone, gang, handset,
        outsider_card,
    )  # fmt: skip
