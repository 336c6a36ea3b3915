"""Measures on accounts and verdicts on findings: kept in the case, audited, undoable."""

import pytest

from workbench.errors import NotFoundError, ValidationError
from workbench.store import CaseStore


@pytest.fixture
def store(tmp_path, case_target):
    s = CaseStore.create(case_target or tmp_path / "c.zlcase", "Li", "Case")
    yield s
    s.close()


def test_measure_round_trip(store, tmp_path):
    card = store.add_entity("bank_card", key="6222021234567890123")
    mid = store.add_measure(card, "freeze", 123_456, "2024-03-01T10:00:00", note="冻结令")
    store.close()
    again = CaseStore.open(store.location, analyst="Wang")
    try:
        [m] = again.measures(card)
        assert (m.id, m.action, m.amount_fen, m.analyst, m.note) == (
            mid,
            "freeze",
            123_456,
            "Li",
            "冻结令",
        )
        old = again.delete_measure(mid)
        assert again.measures() == []
        again.add_measure(
            old.entity_id, old.action, old.amount_fen, old.taken_at, old.note, measure_id=old.id
        )
        assert [x.id for x in again.measures()] == [mid]
        actions = [a.action for a in again.audit_for(card)]
        assert "add measure" in actions and "delete measure" in actions
    finally:
        again.close()


def test_measure_refuses_bad_values(store):
    card = store.add_entity("bank_card", key="6222021234567890123")
    with pytest.raises(ValidationError):
        store.add_measure(card, "confiscate", 1)
    with pytest.raises(ValidationError):
        store.add_measure(card, "stop", -5)
    with pytest.raises(NotFoundError):
        store.add_measure(9999, "stop", 5)
    assert store.measures() == []


def test_verdict_set_replace_clear(store):
    store.add_entity("bank_card", key="6222021234567890123")
    assert store.set_verdict("fan_in", "6222021234567890123", "confirmed", "车手卡") is None
    old = store.set_verdict("fan_in", "6222021234567890123", "dismissed")
    assert old.verdict == "confirmed" and old.note == "车手卡"
    assert store.verdicts()[("fan_in", "6222021234567890123")].verdict == "dismissed"
    store.restore_verdict("fan_in", "6222021234567890123", old)
    assert store.verdicts()[("fan_in", "6222021234567890123")].note == "车手卡"
    store.set_verdict("fan_in", "6222021234567890123", None)
    assert store.verdicts() == {}
    with pytest.raises(ValidationError):
        store.set_verdict("fan_in", "x", "maybe")
