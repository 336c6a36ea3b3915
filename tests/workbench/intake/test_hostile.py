"""Hostile evidence contained, nothing lost quietly (issue #11, parts 3 and 4).

Real files in tmp_path: workbooks that abort calamine, zip bombs, 10,000 columns, FIFOs,
symlink loops, oversized cells and amounts; a bad file next to a good one must leave the
good one imported and the case as it would be without the bad one.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from workbench.intake.importer import import_files
from workbench.intake.read import UnreadableFileError, detect_encoding, open_tables
from workbench.store import CaseStore

from .files import CARD_A, REGISTER_HEADER, TEMPLATE_HEADER, card, id_number, write_text
from .hostile import (
    bomb_xlsx,
    check_import,
    damage_zip_data,
    good_statement,
    huge_allocation_xlsx,
    row_sum,
    set_zip_version,
    statement_rows,
    wide_xlsx,
    write_raw_xlsx,
)
from .layouts import all_layouts

POSIX = sys.platform != "win32"


@pytest.fixture
def store(tmp_path):
    s = CaseStore.create(tmp_path / "case.zlcase", "analyst")
    yield s
    s.close()


def counts(store: CaseStore) -> tuple[int, ...]:
    c = store._conn
    return tuple(
        c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("entity", "link", "txn", "txn_source", "call", "import_batch", "rejected_row")
    )


def refused(path: Path) -> UnreadableFileError:
    """The error opening ``path`` or reading its rows raises (rows are read lazily)."""
    with pytest.raises(UnreadableFileError) as info:
        for table in open_tables(path):
            for _row in table.rows:
                pass
    return info.value


# --- workbooks -----------------------------------------------------------------------------------


def test_a_workbook_that_aborts_calamine_is_refused_not_fatal(tmp_path):
    err = refused(huge_allocation_xlsx(tmp_path / "huge.xlsx"))
    assert err.reason in ("reader_crashed", "too_large")
    assert "huge.xlsx" in str(err)


def test_ten_thousand_columns_are_refused_quickly(tmp_path):
    path = wide_xlsx(tmp_path / "wide.xlsx")
    start = time.perf_counter()
    err = refused(path)
    assert err.reason == "too_large" and "10,000 columns" in err.detail
    assert time.perf_counter() - start < 5


def test_a_declared_dimension_beyond_the_column_limit_is_refused(tmp_path):
    path = write_raw_xlsx(tmp_path / "dim.xlsx", '<row r="1"><c><v>1</v></c></row>', "A1:NTP5")
    assert refused(path).reason == "too_large"


def test_a_zip_bomb_is_refused_from_its_declared_sizes(tmp_path):
    path = bomb_xlsx(tmp_path / "bomb.xlsx", megabytes=64)
    start = time.perf_counter()
    err = refused(path)
    assert err.reason == "too_large" and "zip bomb" in err.detail
    assert time.perf_counter() - start < 2


def test_damaged_zip_data_and_a_future_zip_version_are_typed(tmp_path):
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>交易时间{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>{r}00.00</t></is></c></row>'
        for r in range(1, 400)
    )
    damaged = damage_zip_data(write_raw_xlsx(tmp_path / "damaged.xlsx", rows))
    assert refused(damaged).reason in ("truncated", "not_a_table")
    future = set_zip_version(write_raw_xlsx(tmp_path / "future.xlsx", rows))
    assert refused(future).reason in ("unsupported_format", "truncated", "not_a_table")


# --- text files ----------------------------------------------------------------------------------


def test_an_oversized_cell_is_typed(tmp_path):
    rows = [TEMPLATE_HEADER, *statement_rows(3)]
    rows[2][11] = "摘" * (1 << 20 | 5)
    err = refused(write_text(tmp_path / "cell.csv", rows))
    assert err.reason == "too_large"


def test_an_oversized_cell_further_in_fails_that_file_only(tmp_path, store):
    rows = [TEMPLATE_HEADER, *statement_rows(5, day=2)]
    filler = [[*rows[1][:6], f"F{i}", *rows[1][7:]] for i in range(3000)]  # past the sample
    rows += filler + [[*rows[1][:11], "x" * (1 << 21), *rows[1][12:]]]
    bad = write_text(tmp_path / "bad.csv", rows)
    before = counts(store)
    problems = check_import(store, good_statement(tmp_path), bad)
    assert problems == []
    summary = store._conn.execute("SELECT file_name FROM import_batch").fetchall()
    assert summary == [("good.csv",)]
    assert counts(store)[2] == before[2] + 5  # only the good file's transactions


def test_ten_thousand_columns_in_a_csv_are_refused(tmp_path):
    rows = [[f"c{i}" for i in range(10_000)], ["1"] * 10_000]
    assert refused(write_text(tmp_path / "wide.csv", rows)).reason == "too_large"


def test_an_endless_line_is_refused(tmp_path):
    path = tmp_path / "line.csv"
    path.write_bytes(",".join(TEMPLATE_HEADER).encode() + b"\r\n" + b"1" * (5 << 20))
    assert refused(path).reason == "too_large"


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
def test_a_fifo_is_refused_at_once_and_the_other_file_goes_in(tmp_path, store):
    fifo = tmp_path / "statement.csv"
    os.mkfifo(fifo)
    start = time.perf_counter()
    assert refused(fifo).reason == "not_a_file"
    summary = import_files(store, [fifo, good_statement(tmp_path)])
    assert time.perf_counter() - start < 5
    status = {f.file: f.status for f in summary.files}
    assert status == {"statement.csv": "failed", "good.csv": "imported"}


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_a_symlink_loop_and_a_device_are_refused(tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    assert refused(loop).reason == "not_a_file"
    if Path("/dev/zero").exists():
        assert refused(Path("/dev/zero")).reason == "not_a_file"


def test_a_folder_is_still_not_a_table(tmp_path):
    assert refused(tmp_path).reason == "not_a_table"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_holding_u_xx00_characters(tmp_path, codec):
    # 开 (U+5F00) and 倀 (U+5000) put NUL bytes on the "wrong" side.
    header = ["交易卡号", "交易时间", "交易金额", "借贷标志", "对方开户行", "对方户名"]
    rows = [header] + [[CARD_A, f"2023-03-01 10:0{i}:00", "100.00", "出", "开户行", "倀开"]
                       for i in range(5)]  # fmt: skip
    path = write_text(tmp_path / "u16.csv", rows, encoding=codec)
    assert detect_encoding(path.read_bytes()) == codec
    [table] = open_tables(path)
    assert table.header == header
    assert [cells[4] for _line, cells in table.rows] == ["开户行"] * 5


def test_binary_with_nuls_is_still_binary(tmp_path):
    path = tmp_path / "blob.csv"
    path.write_bytes(bytes(range(256)) * 64)
    assert refused(path).reason == "not_a_table"


# --- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [16, 20, 5000])
def test_an_amount_beyond_any_real_figure_is_a_rejected_cell(tmp_path, store, digits):
    rows = [TEMPLATE_HEADER, *statement_rows(4)]
    rows[2][4] = "9" * digits + ".00"  # the fast path's form
    rows[3][5] = "1" * digits + ".50"  # the balance
    summary = import_files(store, [write_text(tmp_path / "big.csv", rows)])
    [result] = summary.files
    assert (result.rows_read, result.transactions_new, result.rejected) == (4, 2, 2)
    reasons = sorted(r.reason for r in summary.rejected)
    assert reasons == ["amount: too_large", "balance: too_large"]
    assert {r.line for r in summary.rejected} == {3, 4}


# --- one bad file among good ones ---------------------------------------------------------------


def test_a_file_failing_mid_import_leaves_the_others_and_nothing_of_itself(tmp_path, store):
    good = good_statement(tmp_path, "good.csv", day=1)
    later = good_statement(tmp_path, "later.csv", day=3)
    rows = [TEMPLATE_HEADER, *statement_rows(5, day=2)]
    filler = [[*rows[1][:6], f"F{i}", *rows[1][7:]] for i in range(3000)]
    bad = write_text(tmp_path / "bad.csv", rows + filler)
    with bad.open("ab") as f:
        f.write(b"x" * (5 << 20))  # an endless last line, far past the sample
    summary = import_files(store, [good, bad, later])
    status = {f.file: f.status for f in summary.files}
    assert status == {"good.csv": "imported", "bad.csv": "failed", "later.csv": "imported"}
    failed = next(f for f in summary.files if f.file == "bad.csv")
    assert failed.skipped.startswith("unreadable:") and "internal error" not in failed.skipped
    names = [n for (n,) in store._conn.execute("SELECT file_name FROM import_batch ORDER BY id")]
    assert names == ["good.csv", "later.csv"]
    assert store._conn.execute("SELECT count(*) FROM txn").fetchone()[0] == 10
    ok = store._conn.execute("PRAGMA foreign_key_check").fetchall()
    assert ok == []
    # the failed file's entities are gone: every counterparty card is of a good file
    keys = {k for (k,) in store._conn.execute("SELECT key FROM entity WHERE kind='bank_card'")}
    assert not any(k.startswith("621700001002") for k in keys)


def test_a_file_swapped_for_a_fifo_after_planning_fails_alone(tmp_path, store):
    from workbench.intake.importer import Importer, plan_files

    good, other = good_statement(tmp_path, "a.csv", 1), good_statement(tmp_path, "b.csv", 2)
    plans, failed = plan_files(store, [good, other])
    other.unlink()
    if POSIX:
        os.mkfifo(other)
    summary = Importer(store).run(plans, False, failed)
    assert {f.file: f.status for f in summary.files} == {"a.csv": "imported", "b.csv": "failed"}


# --- every row accounted for ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", all_layouts(), ids=lambda lay: lay.name)
def test_every_row_of_every_layout_is_accounted_for(tmp_path, store, layout):
    path = layout.build(tmp_path)
    owner = layout.given_owner if layout.owner is None else None
    summary = import_files(store, [path], owner=owner)
    for result in summary.files:
        assert row_sum(result) == result.rows_read, result
    assert sum(f.footer_rows for f in summary.files) == layout.footer_rows
    assert sum(f.rejected for f in summary.files) == layout.rejected
    links = store._conn.execute("SELECT count(*) FROM link").fetchone()[0]
    assert summary.links_new == links
    # --force: the same rows again, folded onto the facts stored the first time
    facts = counts(store)[2:5]
    again = import_files(store, [path], owner=owner, force=True)
    assert counts(store)[2] == facts[0] and counts(store)[4] == facts[2]
    for result in again.files:
        assert row_sum(result) == result.rows_read, result
        assert result.transactions_new == result.calls_new == 0, result
        assert result.status == "imported", result
    assert again.links_new == 0


def test_links_new_counts_register_and_holder_links(tmp_path, store):
    rows = [TEMPLATE_HEADER, *statement_rows(6)]
    summary = import_files(store, [write_text(tmp_path / "s.csv", rows)])
    holds = store._conn.execute("SELECT count(*) FROM link WHERE type='holds'").fetchone()[0]
    assert holds == 6 and summary.links_new == 6
    register = [REGISTER_HEADER,
                ["张三", id_number("11010519491231002"), "13812345678", card("6222021234567890"),
                 "工商银行", "", ""],
                ["李四", id_number("50024019900101123"), "13912345678", "", "", "", ""]]  # fmt: skip
    before = store._conn.execute("SELECT count(*) FROM link").fetchone()[0]
    summary = import_files(store, [write_text(tmp_path / "r.csv", register)], "register")
    after = store._conn.execute("SELECT count(*) FROM link").fetchone()[0]
    assert summary.links_new == after - before == 3
    [result] = summary.files
    assert result.rows_read == 2 and result.rejected == 0


def test_force_keeps_the_case_as_one_import_of_the_file(tmp_path, store):
    path = write_text(tmp_path / "s.csv", [TEMPLATE_HEADER, *statement_rows(5)])
    import_files(store, [path])
    first = counts(store)
    summary = import_files(store, [path], force=True)
    [result] = summary.files
    assert (result.transactions_new, result.transactions_duplicate) == (0, 5)
    assert counts(store)[:3] == first[:3]  # entities, links, transactions
    assert counts(store)[3] == first[3] + 5  # the second import is a second source
    import_files(store, [path], force=True)
    assert counts(store)[:3] == first[:3]
