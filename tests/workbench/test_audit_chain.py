"""The audit log as a hash chain: an edited, a deleted and an inserted row are each caught,
naming the first row that no longer fits; old cases are chained by the migration."""

from __future__ import annotations

import json
import sqlite3

import pytest

from workbench.audit import GENESIS, audit_chain_head, row_hash, verify_audit_chain
from workbench.intake.importer import import_files
from workbench.schema import SCHEMA_VERSION
from workbench.store import CaseStore


@pytest.fixture
def audited(tmp_path):
    """A case with a dozen audited edits, closed: the tests tamper with the file itself."""
    path = tmp_path / "audited.zlcase"
    with CaseStore.create(path, "李警官") as store:
        people = [store.add_entity("person", None, f"嫌疑人{i}") for i in range(4)]
        for i, pid in enumerate(people):
            store.update_entity(pid, notes=f"第{i}次讯问")
        store.add_link("reports_to", people[1], people[0])
        store.set_meta("unit", "某县反诈中心")
    return path


def ids_of(conn) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM audit ORDER BY id")]


def test_a_case_is_chained_from_its_first_row(audited):
    conn = sqlite3.connect(audited)
    rows = conn.execute("SELECT id, prev_hash, row_hash FROM audit ORDER BY id").fetchall()
    assert len(rows) >= 10
    assert rows[0][1] == GENESIS
    for before, row in zip(rows, rows[1:], strict=False):
        assert row[1] == before[2] and len(row[2]) == 64
    assert verify_audit_chain(conn) == (True, None)
    head = audit_chain_head(conn)
    assert (head.rows, head.row_id, head.row_hash) == (len(rows), rows[-1][0], rows[-1][2])


def test_an_edited_row_is_named(audited):
    conn = sqlite3.connect(audited)
    ids = ids_of(conn)
    victim = ids[4]
    conn.execute("UPDATE audit SET analyst = '王某' WHERE id = ?", (victim,))
    conn.commit()
    assert verify_audit_chain(conn) == (False, victim)


def test_an_edit_that_recomputes_its_own_hash_breaks_the_next_link(audited):
    conn = sqlite3.connect(audited)
    ids = ids_of(conn)
    target = ids[3]
    conn.execute("UPDATE audit SET new_value = '{}' WHERE id = ?", (target,))
    values = conn.execute(
        "SELECT id, ts, analyst, action, tbl, row_id, entity_id, old_value, new_value, "
        "prev_hash FROM audit WHERE id = ?",
        (target,),
    ).fetchone()
    conn.execute("UPDATE audit SET row_hash = ? WHERE id = ?",
                 (row_hash(values[9], values[:9]), target))  # fmt: skip
    assert verify_audit_chain(conn) == (False, ids[4])


def test_a_deleted_row_is_named_by_the_row_after_it(audited):
    conn = sqlite3.connect(audited)
    ids = ids_of(conn)
    conn.execute("DELETE FROM audit WHERE id = ?", (ids[5],))
    conn.commit()
    assert verify_audit_chain(conn) == (False, ids[6])


def test_an_inserted_row_is_named(audited):
    conn = sqlite3.connect(audited)
    ids = ids_of(conn)
    # Slipped in at the end, copying the previous row's hash as its link.
    last = conn.execute("SELECT row_hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.execute(
        "INSERT INTO audit (ts, analyst, action, tbl, new_value, prev_hash, row_hash) "
        "VALUES ('2025-01-01T00:00:00+08:00', '李警官', 'edit', 'entity', '{}', ?, ?)",
        (last, "0" * 64),
    )
    assert verify_audit_chain(conn) == (False, ids[-1] + 1)
    conn.rollback()
    # Slipped in between two rows, with a correctly computed hash of its own: the row
    # after it no longer links to the row before.
    gap = ids[2]
    conn.execute("UPDATE audit SET id = id + 1000 WHERE id > ?", (gap,))
    prev = conn.execute("SELECT row_hash FROM audit WHERE id = ?", (gap,)).fetchone()[0]
    forged = (gap + 1, "2025-01-01T00:00:00+08:00", "李警官", "delete", "entity", 1, 1,
              None, None)  # fmt: skip
    conn.execute(
        "INSERT INTO audit (id, ts, analyst, action, tbl, row_id, entity_id, old_value, "
        "new_value, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (*forged, prev, row_hash(prev, forged)),
    )
    assert verify_audit_chain(conn) == (False, ids[3] + 1000)


def test_a_printed_head_catches_a_log_cut_back(audited):
    conn = sqlite3.connect(audited)
    head = audit_chain_head(conn)
    printed = (head.row_id, " ".join(head.row_hash[i : i + 8] for i in range(0, 64, 8)))
    assert verify_audit_chain(conn, head=printed) == (True, None)
    # The last row removed: the chain itself still fits, the printed head does not.
    conn.execute("DELETE FROM audit WHERE id = ?", (head.row_id,))
    assert verify_audit_chain(conn) == (True, None)
    assert verify_audit_chain(conn, head=printed) == (False, head.row_id)


def test_writes_keep_the_chain_whole(tmp_path):
    """The store's writes, an import on the worker connection and an undo of it all chain."""
    path = tmp_path / "case.zlcase"
    statement = tmp_path / "bank.csv"
    statement.write_text(
        "交易卡号,交易时间,借贷标志,交易金额,对方账号,对方户名\n"
        "6222021234567890128,2025-03-01 10:00:00,出,100.00,6222029876543210982,李四\n",
        encoding="utf-8",
    )
    with CaseStore.create(path, "li") as store:
        store.add_entity("person", None, "甲")
        import_files(store, [statement], kind="bank")
        batches = [b["id"] for b in store.import_batches()]
        store.remove_batches(batches)
        conn = store._conn
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY id")]
        assert "import" in actions and "undo import" in actions
        assert verify_audit_chain(conn) == (True, None)


def test_the_migration_chains_an_old_case(tmp_path):
    path = tmp_path / "old.zlcase"
    with CaseStore.create(path, "li", _schema_version=6) as store:
        store.add_entity("person", None, "甲", notes="旧版本写下的")
        conn = store._conn
        columns = {r[1] for r in conn.execute("PRAGMA table_info(audit)")}
        assert "row_hash" not in columns
        old = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with CaseStore.open(path, "li") as store:
        assert store.upgraded_from == 6 and store.info().schema_version == SCHEMA_VERSION
        conn = store._conn
        rows = conn.execute("SELECT action, row_hash FROM audit ORDER BY id").fetchall()
        assert len(rows) == old + 1 and rows[-1][0] == "upgrade"
        assert all(h and len(h) == 64 for _, h in rows)
        assert verify_audit_chain(conn) == (True, None)
        assert json.loads(conn.execute("SELECT new_value FROM audit ORDER BY id LIMIT 1")
                          .fetchone()[0])  # fmt: skip
