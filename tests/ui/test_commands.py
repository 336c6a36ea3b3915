"""Every edit command through the undo stack: push, undo (the case is back), redo."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ui.commands import AddEntity, AddLink, DeleteEntity, DeleteLink, EditEntity, EditLink
from ui.document import CaseDocument
from workbench.errors import DuplicateKeyError, EntityInUseError


@pytest.fixture(autouse=True)
def ticking_clock(monkeypatch):
    """Every store timestamp a second later than the one before, so an undo that fails to
    put a timestamp back shows up every time, not only when the wall clock ticks."""
    import itertools
    from datetime import datetime, timedelta

    start = datetime(2026, 11, 26, 9, 0, 0)
    seconds = itertools.count()
    monkeypatch.setattr(
        "workbench.store.clock.now",
        lambda: (start + timedelta(seconds=next(seconds))).isoformat() + "+08:00",
    )


@pytest.fixture
def doc(qapp, case):
    document = CaseDocument(case)
    yield document
    document.undo_stack.clear()


def snapshot(store):
    """Everything an edit could touch: entities with their sets, links, counts.

    ``updated_at`` and ``version`` are left out: an undo is itself a change, made at its
    own time, and raises the version like any edit.
    """
    return (
        [replace(store.entity(e.id), updated_at="", version=0) for e in store.entities()],
        sorted((lk.id, lk.type, lk.source_id, lk.target_id, lk.confidence, lk.note)
               for e in store.entities() for lk in store.links_of(e.id)),
        store.info(),
    )  # fmt: skip


def roundtrip(doc, command):
    """Push, undo, redo; return the states before, after and after redo."""
    store = doc.store
    before = snapshot(store)
    doc.push(command)
    after = snapshot(store)
    assert after != before
    doc.undo_stack.undo()
    assert snapshot(store) == before
    doc.undo_stack.redo()
    assert snapshot(store) == after
    return before, after


def test_add_entity(doc):
    cmd = AddEntity(doc.store, "person", "11010519491231002X", "新嫌疑人", roles=["car_handler"])
    roundtrip(doc, cmd)
    assert doc.store.entity(cmd.entity_id).roles == ["car_handler"]
    assert doc.undo_stack.undoText() == "Add 新嫌疑人"


def test_edit_entity_roles_status_notes_regions(doc):
    pid = doc.store.entity_ids_with_role("organiser")[0]
    cmd = EditEntity(
        doc.store, pid, roles=["organiser", "money_launderer"], legal_status="arrested",
        notes="已抓获", regions=[("XMM-N", "activity")], aliases=["老板"],
    )  # fmt: skip
    roundtrip(doc, cmd)
    e = doc.store.entity(pid)
    assert e.legal_status == "arrested" and e.aliases == ["老板"]
    assert [(t.code, t.reason) for t in e.regions] == [("XMM-N", "activity")]


def test_delete_entity_restores_links(doc):
    pid = doc.store.entity_ids_with_role("organiser")[0]
    n_links = len(doc.store.links_of(pid))
    roundtrip(doc, DeleteEntity(doc.store, pid))
    assert not doc.store.has_entity(pid)
    doc.undo_stack.undo()
    assert len(doc.store.links_of(pid)) == n_links


def test_add_edit_delete_link(doc):
    people = [e.id for e in doc.store.entities("person")]
    add = AddLink(doc.store, "recruited", people[2], people[3], confidence=0.7, note="同村")
    roundtrip(doc, add)
    roundtrip(doc, EditLink(doc.store, add.link_id, confidence=0.9, note="同村，已核实"))
    roundtrip(doc, DeleteLink(doc.store, add.link_id))


def test_refused_edit_never_reaches_the_stack(doc):
    people = doc.store.entities("person")
    with pytest.raises(DuplicateKeyError):
        doc.push(AddEntity(doc.store, "person", people[0].key, "重复"))
    cards = [e.id for e in doc.store.entities("bank_card")]
    doc.store.add_transactions(
        [{"payer_id": cards[0], "payee_id": cards[1], "amount_fen": 1, "ts": "2025-01-01 01:00:00"}]
    )
    with pytest.raises(EntityInUseError):
        doc.push(DeleteEntity(doc.store, cards[0]))
    assert doc.undo_stack.count() == 0


def test_undo_and_redo_are_audited(doc):
    pid = doc.store.entity_ids_with_role("organiser")[0]
    doc.push(EditEntity(doc.store, pid, legal_status="detained"))
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    history = [(a.old, a.new) for a in doc.store.audit_for(pid)[:3]]
    assert history == [
        ({"legal_status": ""}, {"legal_status": "detained"}),
        ({"legal_status": "detained"}, {"legal_status": ""}),
        ({"legal_status": ""}, {"legal_status": "detained"}),
    ]
