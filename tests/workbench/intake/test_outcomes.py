"""What an import makes of the world's files beyond the layouts: counterparties that never
leak from row to row, an honest status per file, owners nobody named, footers, orders that
moved no money, repeated sheets, every bad cell of a row."""

from __future__ import annotations

import itertools
import json

import pytest

import main
from workbench.intake.importer import import_files, parse_owner
from workbench.store import CaseStore

from .files import CARD_16, CARD_A, CARD_B, write_text, write_xlsx


@pytest.fixture
def store(tmp_path, case_target):
    s = CaseStore.create(case_target or tmp_path / "case.zlcase", "analyst")
    yield s
    s.close()


def q(store, sql, *params):
    return store._conn.execute(sql, params).fetchall()


HEADER = ["交易卡号", "交易时间", "借贷标志", "交易金额", "对方账号", "摘要"]
WITH = ("对方账号", CARD_B)
ROWS = {
    # (counterpart account, summary): what each kind of row holds
    "card": (CARD_B, "转账"),
    "text": ("财付通", "快捷支付"),
    "masked": ("6217****1234", "转账"),
    "none": ("", "ATM取款"),
}


@pytest.mark.parametrize("order", list(itertools.permutations(ROWS)))
def test_no_counterpart_leaks_into_the_next_row(store, tmp_path, order):
    """A counterpart-account column mapped without a counterpart-name column: each row keeps
    its own counterparty, whatever the rows before it held."""
    rows = [HEADER]
    for i, kind in enumerate(order):
        account, summary = ROWS[kind]
        rows.append([CARD_A, f"2025-03-27 10:0{i}:00", "借", "100.00", account, summary])
    summary = import_files(store, [write_text(tmp_path / "s.csv", rows)], "bank")
    assert summary.files[0].status == "imported"
    got = dict(
        q(
            store,
            "SELECT t.summary || t.ts, t.counterpart || '|' || coalesce(e.key, '') FROM txn t "
            "LEFT JOIN entity e ON e.id = t.payee_id",
        )
    )
    for i, kind in enumerate(order):
        account, summary = ROWS[kind]
        text, key = got[f"{summary}2025-03-27 10:0{i}:00"].split("|")
        if kind == "card":
            assert (text, key) == ("", CARD_B)
        elif kind == "text":
            assert (text, key) == ("财付通", "")
        elif kind == "masked":
            assert (text, key) == ("", "6217****1234")  # a partial card, not text
        else:
            assert (text, key) == ("", "")


def test_a_file_that_imports_nothing_fails_and_is_not_recorded(store, tmp_path, capsys):
    rows = [HEADER] + [[CARD_A, "yesterday", "借", "x", "", ""] for _ in range(3)]
    path = write_text(tmp_path / "bad.csv", rows)
    summary = import_files(store, [path], "bank")
    [result] = summary.files
    assert result.status == "failed" and summary.any_failed
    assert result.batch_id is None and len(summary.rejected) == 3
    assert "nothing imported" in result.notes[-1]
    assert q(store, "SELECT count(*) FROM import_batch") == [(0,)]
    # ...so once fixed it imports, instead of being refused as "already imported".
    rows = [HEADER] + [[CARD_A, "2025-03-27 10:00:00", "借", "1.00", "", ""]]
    write_text(path, rows)
    assert import_files(store, [path], "bank").files[0].status == "imported"


def test_cli_exits_non_zero_when_any_file_imported_nothing(tmp_path, capsys):
    good = write_text(
        tmp_path / "good.csv", [HEADER, [CARD_A, "2025-03-27 10:00:00", "借", "1.00", "", ""]]
    )
    bad = write_text(tmp_path / "bad.csv", [HEADER, [CARD_A, "never", "借", "1.00", "", ""]])
    case = tmp_path / "c.zlcase"
    assert main.main(["import", str(case), str(good), str(bad), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["status"] for f in out["files"]] == ["imported", "failed"]
    # Importing the good file again is no failure: it is skipped.
    assert main.main(["import", str(case), str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["status"] == "skipped"


def test_every_bad_cell_of_a_row_is_named(store, tmp_path):
    rows = [HEADER, [CARD_A, "2025-02-30 10:00:00", "上", "abc", "", ""]]
    summary = import_files(store, [write_text(tmp_path / "s.csv", rows)], "bank")
    [bad] = summary.rejected
    assert bad.column == "交易时间"
    for part in ("time: not a date", "direction", "交易金额='abc'"):
        assert part in bad.reason


def test_statement_without_owner_imports_under_a_placeholder(store, tmp_path):
    header = ["交易日期", "交易金额", "对方账号", "对方户名", "摘要"]
    rows = [
        header,
        ["2025-03-27", "-100.00", CARD_B, "李四", "转账"],
        ["2025-03-28", "50.00", "", "", "结息"],
    ]
    path = write_text(tmp_path / "nobody.csv", rows, encoding="gbk")
    summary = import_files(store, [path])
    [result] = summary.files
    assert result.status == "imported" and result.transactions_new == 2
    assert any("no owner account found" in n and "--owner" in n for n in result.notes)
    [(key, name, problem, attrs)] = q(
        store,
        "SELECT key, name, key_problem, attrs FROM entity WHERE key_problem = 'owner_unknown'",
    )
    assert key.startswith("owner-unknown:") and name == "owner unknown (nobody.csv)"
    assert json.loads(attrs)["owner_unknown"] == "nobody.csv"


def test_owner_given_on_the_command_line(tmp_path, capsys):
    header = ["交易日期", "交易金额", "对方账号", "摘要"]
    path = write_text(tmp_path / "s.csv", [header, ["2025-03-27", "-100.00", CARD_B, "转账"]])
    case = tmp_path / "c.zlcase"
    assert main.main(["import", str(case), str(path), "--owner", f"bank_card:{CARD_16}",
                      "--owner-name", "王五", "--json"]) == 0  # fmt: skip
    with CaseStore.open(case, "x", read_only=True) as s:
        owner = s.find_entity("bank_card", CARD_16)
        assert owner is not None
        holders = q(s, "SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
                       "WHERE l.type = 'holds' AND l.target_id = ?", owner.id)  # fmt: skip
        assert holders == [("王五",)]
        assert q(s, "SELECT count(*) FROM txn WHERE payer_id = ?", owner.id) == [(1,)]


def test_owner_syntax():
    assert parse_owner("payment_account:wechat:夜航船") == ("payment_account", "wechat:夜航船")
    with pytest.raises(Exception, match="unknown owner kind"):
        parse_owner("phone:123")


def test_footer_lines_are_skipped_not_rejected(store, tmp_path):
    rows = [HEADER, [CARD_A, "2025-03-27 10:00:00", "借", "1.00", "", ""],
            ["合计", "", "", "1.00", "", ""], ["----------------"], ["导出时间：2025-04-01 10:00:00"],
            ["共1笔记录"], ["人民币合计", "", "", "1.00", "", ""]]  # fmt: skip
    summary = import_files(store, [write_text(tmp_path / "s.csv", rows)], "bank")
    [result] = summary.files
    assert (result.status, result.footer_rows, result.rejected) == ("imported", 5, 0)


def test_closed_orders_are_kept_but_never_counted(store, tmp_path):
    header = ["交易卡号", "交易时间", "借贷标志", "交易金额", "交易状态", "摘要"]
    rows = [header, [CARD_A, "2025-03-27 10:00:00", "借", "100.00", "交易成功", "转账"],
            [CARD_A, "2025-03-27 11:00:00", "借", "999.00", "交易关闭", "转账"],
            [CARD_A, "2025-03-27 12:00:00", "借", "888.00", "支付失败", "转账"]]  # fmt: skip
    summary = import_files(store, [write_text(tmp_path / "s.csv", rows)], "bank")
    [result] = summary.files
    assert (result.transactions_new, result.transactions_unmoved) == (1, 2)
    assert q(store, "SELECT sum(amount_fen) FROM txn") == [(10000,)]
    assert q(store, "SELECT status, amount_fen FROM txn_unmoved ORDER BY ts") == [
        ("交易关闭", 99900), ("支付失败", 88800)]  # fmt: skip
    # Taking the import back takes them too.
    store.remove_batches([result.batch_id])
    assert q(store, "SELECT count(*) FROM txn_unmoved") == [(0,)]


def test_explicit_plus_signs_and_negative_out_amounts(store, tmp_path):
    """A merchant's '+768.43元' rows are signed; a negative 支出 is a refund coming back."""
    header = ["交易卡号", "交易时间", "交易金额"]
    rows = [
        header,
        [CARD_A, "2025-03-27 10:00:00", "+768.43元"],
        [CARD_A, "2025-03-27 11:00:00", "+1.00元"],
    ]
    summary = import_files(store, [write_text(tmp_path / "m.csv", rows)], "bank")
    assert summary.files[0].status == "imported"
    assert q(store, "SELECT count(*) FROM txn WHERE payee_id IS NOT NULL") == [(2,)]
    header = ["交易卡号", "交易时间", "收/支", "金额"]
    rows = [header, [CARD_B, "2025-03-27 10:00:00", "支出", "-20.00"]]
    import_files(store, [write_text(tmp_path / "r.csv", rows)], "bank")
    own = store.find_entity("bank_card", CARD_B)
    assert q(
        store, "SELECT payee_id = ?, reversal FROM txn WHERE reporter_id = ?", own.id, own.id
    ) == [(1, 1)]


def test_day_first_dates_are_read_from_the_column(store, tmp_path):
    header = ["Card No.", "Date", "Amount"]
    rows = [header, [CARD_A, "28/03/2024", "-1.00"], [CARD_A, "03/04/2024", "2.00"]]
    summary = import_files(store, [write_text(tmp_path / "hk.csv", rows)], "bank")
    assert summary.files[0].status == "imported"
    assert q(store, "SELECT ts FROM txn ORDER BY ts") == [
        ("2024-03-28 00:00:00",),
        ("2024-04-03 00:00:00",),
    ]


def test_identical_sheets_fold_into_second_sources(store, tmp_path):
    table = [HEADER, [CARD_A, "2025-03-27 10:00:00", "借", "1.00", CARD_B, "转账"],
             [CARD_A, "2025-03-27 11:00:00", "贷", "2.00", "", "结息"]]  # fmt: skip
    path = write_xlsx(tmp_path / "twice.xlsx", {"明细": table, "明细(2)": table})
    summary = import_files(store, [path], "bank")
    assert [f.status for f in summary.files] == ["imported", "skipped"]
    assert "identical to sheet 明细" in summary.files[1].notes[0]
    assert q(store, "SELECT count(*) FROM txn") == [(2,)]
    assert q(store, "SELECT count(*) FROM txn_source") == [(2,)]


def test_call_dump_of_many_subscribers(store, tmp_path, capsys):
    """Caller/callee rows for several numbers, no call type: every call is kept, direction
    from the sides; and the command says so (exit 0), and the file is recorded."""
    a, b, c = "13800000001", "13900000002", "13700000003"
    header = ["主叫号码", "被叫号码", "开始时间", "通话时长"]
    rows = [header] + [
        [a, "13600000009", "2025-03-01 10:00:00", "60"],
        ["13600000009", b, "2025-03-01 11:00:00", "30"],
        [c, "13600000008", "2025-03-01 12:00:00", "10"],
        [a, b, "2025-03-01 13:00:00", "5"],
        [b, "13600000007", "2025-03-01 14:00:00", "20"],
        ["13600000006", c, "2025-03-01 15:00:00", "20"],
        [a, "13600000005", "2025-03-01 16:00:00", "20"],
    ]
    path = write_text(tmp_path / "dump.csv", rows)
    case = tmp_path / "d.zlcase"
    assert main.main(["import", str(case), str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["files"][0]["status"] == "imported" and out["calls_new"] == 7
    with CaseStore.open(case, "x", read_only=True) as s:
        calls = q(s, "SELECT a.key, b.key FROM call JOIN entity a ON a.id = caller_id "
                     "JOIN entity b ON b.id = callee_id ORDER BY ts")  # fmt: skip
        assert calls == [(r[0], r[1]) for r in rows[1:]]


def test_payment_account_names_are_aliases_not_people(store, tmp_path):
    """An Alipay bill's 交易对方 (李**) and the owner's 姓名 are names of accounts: aliases,
    never a person of their own for every masked name."""
    from .layouts import all_layouts

    [alipay] = [lay for lay in all_layouts() if lay.name == "alipay_app_2024"]
    import_files(store, [alipay.build(tmp_path)])
    assert q(store, "SELECT count(*) FROM entity WHERE kind = 'person'") == [(0,)]
    owner = store.find_entity("payment_account", "alipay:138****5678")
    assert "张伟" in owner.aliases
    other = store.find_entity("payment_account", "alipay:lia***@qq.com")
    assert other.aliases == ["李**"]


def test_cell_coordinates_reach_the_places_analysis(store, tmp_path):
    """经度/纬度 columns of a call record are kept with the cell, so the places view can
    draw the cells where the number has been."""
    from workbench.analysis import places

    from .layouts import all_layouts

    [police] = [lay for lay in all_layouts() if lay.name == "police_platform_xlsx_bad_durations"]
    import_files(store, [police.build(tmp_path)])
    phone = store.find_entity(*police.owner)
    located = [c for c in places(store, phone.id).cells if c.lat is not None]
    assert located and all(73 < c.lon < 136 and 3 < c.lat < 54 for c in located)
