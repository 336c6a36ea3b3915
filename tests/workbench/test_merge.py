"""Merging a placeholder owner or a masked card into the real account, and taking it back."""

from __future__ import annotations

import pytest

from workbench.errors import CaseError
from workbench.identity import merge_candidates, proposals
from workbench.intake.importer import import_files
from workbench.store import CaseStore

from .intake.files import CARD_A, CARD_B, write_text


@pytest.fixture
def store(tmp_path, case_target):
    s = CaseStore.create(case_target or tmp_path / "case.zlcase", "analyst")
    yield s
    s.close()


def q(store, sql, *params):
    return store._conn.execute(sql, params).fetchall()


def snapshot(store):
    """Everything a merge touches, to compare before and after an undo."""
    return {
        t: q(store, f"SELECT * FROM {t} ORDER BY 1, 2")
        for t in (
            "entity",
            "entity_alias",
            "entity_region",
            "entity_role",
            "txn",
            "txn_unmoved",
            "txn_source",
            "call",
            "measure",
            "chart_item",
        )  # fmt: skip
    } | {"link": q(store, "SELECT type, source_id, target_id, origin FROM link ORDER BY 1, 2, 3")}


def nobody_statement(tmp_path):
    header = ["交易日期", "交易金额", "对方账号", "对方户名", "摘要", "交易状态"]
    rows = [header, ["2025-03-27", "-100.00", CARD_B, "李四", "转账", "成功"],
            ["2025-03-28", "50.00", "", "", "结息", "成功"],
            ["2025-03-29", "-9.00", "", "", "消费", "交易关闭"]]  # fmt: skip
    return write_text(tmp_path / "nobody.csv", rows, encoding="gbk")


def test_placeholder_merges_into_the_real_card_and_back(store, tmp_path):
    import_files(store, [nobody_statement(tmp_path)])
    [(placeholder,)] = q(store, "SELECT id FROM entity WHERE key_problem = 'owner_unknown'")
    real = store.add_entity("bank_card", CARD_A, "")
    before = snapshot(store)
    record = store.merge_entities(real, placeholder)
    assert not store.has_entity(placeholder)
    assert q(store, "SELECT count(*) FROM txn WHERE reporter_id = ?", real) == [(2,)]
    assert q(store, "SELECT count(*) FROM txn WHERE ? IN (payer_id, payee_id)", real) == [(2,)]
    assert q(store, "SELECT count(*) FROM txn_unmoved WHERE account_id = ?", real) == [(1,)]
    assert "owner unknown (nobody.csv)" in store.entity(real).aliases
    assert q(store, "SELECT action FROM audit ORDER BY id DESC LIMIT 1") == [("merge",)]
    store.unmerge_entities(record)
    assert snapshot(store) == before


def test_merge_of_an_entity_into_itself_is_refused(store):
    card = store.add_entity("bank_card", CARD_A, "")
    with pytest.raises(CaseError):
        store.merge_entities(card, card)


def test_masked_card_proposes_the_full_number_that_fits(store, tmp_path):
    """A statement names its counterpart masked; another names it whole: the case proposes
    the whole card (same first and last digits, same holder) and nothing else."""
    masked = f"{CARD_B[:4]}****{CARD_B[-4:]}"
    header = ["交易卡号", "交易时间", "借贷标志", "交易金额", "对方账号", "对方户名"]
    first = write_text(
        tmp_path / "a.csv", [header, [CARD_A, "2025-03-27 10:00:00", "借", "1.00", masked, "李四"]]
    )
    other_full = CARD_B[:4] + "0" * (len(CARD_B) - 8) + CARD_B[-4:]
    second = write_text(tmp_path / "b.csv", [header,
        [CARD_A, "2025-03-28 10:00:00", "借", "2.00", CARD_B, "李四"],
        [CARD_A, "2025-03-28 11:00:00", "借", "3.00", other_full, "王五"]])  # fmt: skip
    import_files(store, [first, second], "bank")
    partial = store.find_entity("bank_card", masked)
    assert partial is not None and partial.key_problem == "partial"
    found = merge_candidates(store, partial.id)
    assert [c.key for c in found][0] == CARD_B
    assert "same holder" in found[0].reasons and "same holder" not in found[1].reasons
    assert [p for p, _c in proposals(store)] == [partial.id]
    # Undo of the merge, through the record, puts every row back on the masked card.
    before = snapshot(store)
    record = store.merge_entities(found[0].entity_id, partial.id)
    assert masked in store.entity(found[0].entity_id).aliases
    store.unmerge_entities(record)
    assert snapshot(store) == before


def test_undoing_the_import_after_an_unmerge_removes_the_placeholder(store, tmp_path):
    summary = import_files(store, [nobody_statement(tmp_path)])
    [(placeholder,)] = q(store, "SELECT id FROM entity WHERE key_problem = 'owner_unknown'")
    real = store.add_entity("bank_card", CARD_A, "")
    store.unmerge_entities(store.merge_entities(real, placeholder))
    store.remove_batches([summary.files[0].batch_id])
    assert not store.has_entity(placeholder) and store.has_entity(real)
