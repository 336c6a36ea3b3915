"""Every real layout in ``layouts/`` imported end to end into a real case file, with no flags
except where the file truly names no owner, and checked against the values its builder
wrote: rows, directions, in and out sums, owner and counterparties.

The files are built the way banks, platforms and carriers hand them over (encodings,
preambles, footers, masked numbers, sheet names); see ``layouts/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from workbench.intake.importer import import_files
from workbench.store import CaseStore

from .layouts import Layout, all_layouts

LAYOUTS = all_layouts()
BANK = [lay for lay in LAYOUTS if lay.kind == "bank"]
CALLS = [lay for lay in LAYOUTS if lay.kind == "calls"]


def q(store: CaseStore, sql: str, *args) -> list[tuple]:
    return store._conn.execute(sql, args).fetchall()


def _import(store: CaseStore, layout: Layout, folder: Path):
    path = layout.build(folder)
    owner = layout.given_owner if layout.owner is None else None
    return import_files(store, [path], owner=owner)


def _batches(store: CaseStore) -> list[int]:
    return [b for (b,) in q(store, "SELECT id FROM import_batch")]


def stored_transactions(store: CaseStore) -> list[tuple]:
    """(when, fen, direction seen from the reporter, counterpart text, counterpart key,
    reversal, reporter kind, reporter key) of every transaction, sorted."""
    # A transfer between two accounts of one file (a bank's reply on several cards) is
    # reported twice and stored once: its second report is a source row of the fact.
    rows = q(
        store,
        """
        WITH reports(txn_id, reporter_id) AS (
            SELECT id, reporter_id FROM txn
            UNION ALL SELECT txn_id, reporter_id FROM txn_source
        )
        SELECT t.ts, t.amount_fen,
               CASE WHEN t.payee_id = s.reporter_id THEN 'in' ELSE 'out' END,
               -- what the row says of the counterparty, and who the case knows holds it
               t.counterpart || ' ' || coalesce(c.name, '') || ' ' || coalesce((
                   SELECT group_concat(p.name, ' ') FROM link l JOIN entity p
                   ON p.id = l.source_id WHERE l.type = 'holds' AND l.target_id = c.id), '')
               || ' ' || coalesce((SELECT group_concat(alias, ' ') FROM entity_alias
                                   WHERE entity_id = c.id), ''),
               coalesce(c.key, ''), t.reversal, r.kind, r.key
        FROM reports s JOIN txn t ON t.id = s.txn_id JOIN entity r ON r.id = s.reporter_id
        LEFT JOIN entity c ON c.id = CASE WHEN t.payee_id = s.reporter_id
                                          THEN t.payer_id ELSE t.payee_id END
        """,
    )
    return sorted(rows)


def stored_unmoved(store: CaseStore) -> list[tuple]:
    return sorted(q(store, "SELECT ts, amount_fen FROM txn_unmoved"))


def _seconds(ts: str) -> float:
    return dt.datetime.fromisoformat(ts).timestamp()


def match_rows(moved: list, stored: list[tuple]) -> list[tuple]:
    """Pair every expected row with one stored report: same amount and direction, the
    closest time within three minutes (the twin tolerance). Fails when a row has none or
    a report is left over."""
    left = list(stored)
    pairs = []
    for t in sorted(moved, key=lambda t: t.when):
        options = [
            s for s in left
            if s[1] == t.fen and s[2] == t.direction and abs(_seconds(s[0]) - _seconds(t.when)) <= 180
        ]  # fmt: skip
        assert options, (t, [s[:3] for s in left])
        best = min(options, key=lambda s: (abs(_seconds(s[0]) - _seconds(t.when)), s[0] != t.when))
        left.remove(best)
        pairs.append((t, best))
    assert not left, left
    return pairs


@pytest.mark.parametrize("layout", BANK, ids=[lay.name for lay in BANK])
def test_statement_layout(layout: Layout, tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "case.zlcase", "tester") as store:
        summary = _import(store, layout, tmp_path)
        [result] = [f for f in summary.files if f.status != "skipped"] or summary.files
        assert result.status in ("imported", "partial"), (result, summary.rejected[:5])
        assert result.rejected == layout.rejected, summary.rejected[:5]
        assert result.footer_rows == layout.footer_rows, result
        moved = [t for t in layout.txns if t.direction != "none"]
        unmoved = [t for t in layout.txns if t.direction == "none"]
        stored = stored_transactions(store)
        assert len(stored) == len(moved), stored
        assert len(stored_unmoved(store)) == len(unmoved)
        assert sorted(stored_unmoved(store)) == sorted((t.when, t.fen) for t in unmoved)
        # Directions and sums, as the builder wrote them. Each row is matched to one stored
        # report of the same amount and direction; a transfer both parties of the file
        # reported keeps the first report's time, the other bank's clock a little apart.
        pairs = match_rows(moved, stored)
        assert sum(s[1] for s in stored if s[2] == "in") == layout.sum_in
        assert sum(s[1] for s in stored if s[2] == "out") == layout.sum_out
        assert sum(s[5] for s in stored) == sum(t.reversal for t in moved)
        # Whose statement it is.
        owner = layout.owner or layout.given_owner
        if owner is not None:
            assert {(s[6], s[7]) for s in stored} == {owner}
            if layout.owner_name:
                # A card's holder is a person; a payment account's name is its alias.
                holder = q(
                    store,
                    "SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
                    "JOIN entity c ON c.id = l.target_id "
                    "WHERE l.type = 'holds' AND c.kind = ? AND c.key = ? UNION "
                    "SELECT a.alias FROM entity_alias a JOIN entity c ON c.id = a.entity_id "
                    "WHERE c.kind = ? AND c.key = ?",
                    *owner,
                    *owner,
                )
                assert (layout.owner_name,) in holder
        # Counterparties: each row's name and account, and none inherited from another row.
        for t, (_ts, _fen, _way, text, key, *_) in pairs:
            if t.counterpart:
                assert t.counterpart in text, (t, text, key)
            if t.counterpart_account:
                assert t.counterpart_account in key or t.counterpart_account in text, (t, key)
            if not t.counterpart and not t.counterpart_account:
                assert not text.strip() and not key, (t, text, key)


@pytest.mark.parametrize("layout", CALLS, ids=[lay.name for lay in CALLS])
def test_call_layout(layout: Layout, tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "case.zlcase", "tester") as store:
        summary = _import(store, layout, tmp_path)
        [result] = summary.files
        assert result.status in ("imported", "partial"), (result, summary.rejected[:5])
        assert result.rejected == layout.rejected, summary.rejected[:5]
        assert result.footer_rows == layout.footer_rows, result
        stored = q(
            store,
            "SELECT a.key, b.key, c.ts, c.duration_s, c.call_type LIKE 'sms%' "
            "FROM call c JOIN entity a ON a.id = c.caller_id JOIN entity b ON b.id = c.callee_id",
        )
        want = [(c.own, c.other) if c.outgoing else (c.other, c.own) for c in layout.calls]
        want = Counter(
            (a, b, c.when, c.duration_s, int(c.sms))
            for (a, b), c in zip(want, layout.calls, strict=True)
        )
        assert Counter(stored) == want
        if layout.owner is not None:
            reporters = q(
                store,
                "SELECT DISTINCT e.kind, e.key FROM call c JOIN entity e ON e.id = c.reporter_id",
            )
            assert reporters == [layout.owner]


def test_all_layouts_in_one_run(tmp_path, case_target):
    """The whole corpus in one import: every file imports, none fails, and the case holds
    every layout's transactions and calls."""
    paths, owners = [], {}
    for i, layout in enumerate(LAYOUTS):
        folder = tmp_path / f"{i:02d}"
        folder.mkdir()
        path = layout.build(folder)
        paths.append(path)
        owners[path] = layout
    with CaseStore.create(case_target or tmp_path / "case.zlcase", "tester") as store:
        needing = [p for p, lay in owners.items() if lay.owner is None and lay.given_owner]
        plain = [p for p in paths if p not in needing]
        summary = import_files(store, plain)
        for path in needing:
            more = import_files(store, [path], owner=owners[path].given_owner)
            summary.files.extend(more.files)
        assert not summary.any_failed, [(f.file, f.status, f.notes) for f in summary.files]
        txns = q(store, "SELECT count(*) FROM txn")[0][0]
        unmoved = q(store, "SELECT count(*) FROM txn_unmoved")[0][0]
        calls = q(store, "SELECT count(*) FROM call")[0][0]
        # A transfer two files of the corpus both report is stored once, with two sources.
        folded = sum(f.transactions_duplicate for f in summary.files)
        sources = q(store, "SELECT count(*) FROM txn_source")[0][0]
        assert folded == sources
        assert txns + unmoved + folded == sum(len(lay.txns) for lay in LAYOUTS)
        # Calls between two subscribers of different files may fold into one fact.
        assert calls <= sum(len(lay.calls) for lay in LAYOUTS)
        assert calls >= max([len(lay.calls) for lay in CALLS] or [0])
