"""Rows into records: real files of each layout, and every bad row reported, once, in order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.intake import (
    BankRecord,
    CallRecord,
    RegisterRecord,
    RejectedRow,
    auto_map,
    bank_records,
    call_records,
    open_tables,
    register_records,
    row_problems,
)
from workbench.intake.records import FooterRow

from .files import (
    CARD_16,
    CARD_A,
    CARD_B,
    CDR_HEADER,
    ID_A,
    ID_B,
    REGISTER_HEADER,
    SPLIT_HEADER,
    TEMPLATE_HEADER,
    personal_statement,
    write_text,
    write_xlsx,
)


def read(path, kind="bank", sheet=0):
    table = open_tables(path)[sheet]
    mapping = auto_map(table.header, kind, table.title_facts)
    reader = {"bank": bank_records, "calls": call_records, "register": register_records}[kind]
    return table, mapping, list(reader(table, mapping))


def template_row(**values) -> list[str]:
    row = dict.fromkeys(TEMPLATE_HEADER, "")
    row.update(
        {
            "查询卡号": CARD_A,
            "本方卡号": CARD_A,
            "交易时间": "2023-03-27 23:41:05",
            "借贷标志": "借",
            "交易金额": "1200.00",
            "账户余额": "8800.00",
            "交易流水号": "T0001",
        }
    )
    row.update({k.replace("_", "/"): v for k, v in values.items()})
    return [row[h] for h in TEMPLATE_HEADER]


# --- bank statements ---------------------------------------------------------------------------


def test_bank_inquiry_template_rows(tmp_path):
    rows = [
        TEMPLATE_HEADER,
        template_row(
            交易对方姓名="李四",
            交易对方卡号_账户=f"'{CARD_B}",
            交易对方证件号码=ID_B,
            交易对方账号开户行="中国农业银行石柱支行",
            交易摘要="网银转账",
            交易网点名称="重庆分行营业部",
            现金标志="转",
            IP地址="10.1.2.3",
            MAC="00-1A-2B-3C-4D-5E",
        ),
        template_row(
            交易时间="2023-03-28 02:10:00",
            交易金额="3,000.00",
            借贷标志="借",
            交易摘要="ATM取款",
            现金标志="现",
            交易对方证件号码="123",  # a bad counterpart ID never costs the transaction
        ),
        template_row(
            借贷标志="贷",
            交易金额="500",
            交易对方卡号_账户="支付宝（中国）网络技术有限公司",
            账户余额="-",
            交易流水号='="00012"',
        ),
    ]
    _table, mapping, out = read(write_text(tmp_path / "t.csv", rows, encoding="gbk"))
    assert mapping.is_complete()
    first, cash, platform = out
    assert first == BankRecord(
        line=2,
        card=CARD_A,
        card_valid=True,
        account_name="",
        account_id_number="",
        time="2023-03-27 23:41:05",
        amount_fen=120000,
        direction=-1,
        balance_fen=880000,
        currency="",
        serial="T0001",
        counterpart_card=CARD_B,
        counterpart_card_valid=True,
        counterpart_name="李四",
        counterpart_id_number=ID_B,
        counterpart_bank="中国农业银行石柱支行",
        summary="网银转账",
        channel="",
        place="重庆分行营业部",
        ip="10.1.2.3",
        mac="00-1A-2B-3C-4D-5E",
        cash=False,
        bank="",
    )
    assert (cash.amount_fen, cash.direction, cash.cash) == (300000, -1, True)
    assert cash.counterpart_id_number == ""
    assert (platform.direction, platform.amount_fen, platform.balance_fen) == (1, 50000, None)
    assert platform.counterpart_card == ""
    assert platform.counterpart_name == "支付宝（中国）网络技术有限公司"
    assert platform.serial == "00012"
    assert platform.cash is False


def test_personal_statement_with_the_card_in_the_title(tmp_path):
    table, mapping, out = read(personal_statement(tmp_path / "p.csv"))
    assert mapping.constants["card"] == CARD_A
    records = [o for o in out if isinstance(o, BankRecord)]
    assert [(r.line, r.card, r.account_name, r.direction, r.amount_fen) for r in records] == [
        (5, CARD_A, "张三", -1, 120000),
        (6, CARD_A, "张三", 1, 5000000),
        (7, CARD_A, "张三", -1, 300000),
    ]
    assert records[0].time == "2023-03-27 23:41:05"
    assert records[0].counterpart_card == CARD_B
    assert records[1].counterpart_name == "财付通"
    assert (records[2].cash, records[1].cash) == (True, False)  # ATM取款, no counterpart
    # The 合计 line under the table is a footer: skipped and counted, not a bad row.
    assert not [o for o in out if isinstance(o, RejectedRow)]
    [total] = [o for o in out if isinstance(o, FooterRow)]
    assert total.line == 9 and total.value.startswith("合计")
    assert total.file == "p.csv"


def test_split_date_time_and_in_out_columns(tmp_path):
    rows = [
        SPLIT_HEADER,
        [CARD_A, "20230327", "094105", "", "1,200.00", "8,800.00", CARD_B, "李四", "转账"],
        [CARD_A, "2023-03-28", "9:05", "50,000.00", "0.00", "58,800.00", "", "", "工资"],
        [CARD_A, "2023/3/29", "", "", "", "58,800.00", "", "", "查询"],
        [CARD_A, "2023/3/30", "10:00:00", "1.00", "2.00", "", "", "", "冲正"],
    ]
    _t, mapping, out = read(write_text(tmp_path / "s.txt", rows, delimiter="\t"))
    assert mapping.is_complete()
    a, b, c, d = out
    assert (a.time, a.direction, a.amount_fen, a.balance_fen) == (
        "2023-03-27 09:41:05",
        -1,
        120000,
        880000,
    )
    assert (b.time, b.direction, b.amount_fen) == ("2023-03-28 09:05:00", 1, 5000000)
    assert isinstance(c, RejectedRow) and (c.column, c.reason) == ("收入金额", "missing amount")
    assert isinstance(d, RejectedRow)
    assert (d.line, d.column, d.reason) == (5, "支出金额", "amount: both in and out given")


def test_xlsx_statement_with_numeric_cards(tmp_path):
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "Sheet1": [
                ["交易卡号", "交易时间", "收付标志", "交易金额", "对方卡号"],
                [int(CARD_16), dt.datetime(2023, 3, 27, 23, 41, 5), "付", 1200, CARD_B],
                [CARD_A, dt.datetime(2023, 3, 28, 8, 0), "收", 0.29, int(CARD_16)],
                [6.217e18, dt.datetime(2023, 3, 28, 8, 0), "收", 1, ""],
            ]
        },
    )
    _t, _m, out = read(path)
    assert (out[0].card, out[0].amount_fen, out[0].direction) == (CARD_16, 120000, -1)
    assert (out[1].card, out[1].amount_fen, out[1].counterpart_card) == (CARD_A, 29, CARD_16)
    # A 19-digit card Excel stored as a number has lost its last digits: kept, but flagged.
    assert out[2].card == "6217000000000000000" and out[2].card_valid is False


def test_bad_rows_are_reported_and_the_rest_parses(tmp_path):
    rows = [
        TEMPLATE_HEADER,
        template_row(),
        template_row(交易金额="abc"),
        template_row(本方卡号="", 交易时间="2023-02-30 10:00:00"),  # two problems: both named
        template_row(交易时间="yesterday"),
        template_row(借贷标志="1"),
        template_row(本方卡号="6.2220212345678E+18"),
        template_row(本方卡号="12345"),
        TEMPLATE_HEADER,  # a page header repeated mid-file
        template_row()[:3],
        template_row() + ["extra"],
        template_row(本方卡号="6222021234567890124"),  # fails Luhn: kept, flagged
        template_row(),
    ]
    _t, _m, out = read(write_text(tmp_path / "bad.csv", rows, encoding="gbk"))
    assert len(out) == len(rows) - 1
    assert [o.line for o in out] == list(range(2, len(rows) + 1))
    got = [(o.line, o.column, o.value, o.reason) for o in out if isinstance(o, RejectedRow)]
    assert got == [
        (3, "交易金额", "abc", "amount: not a number"),
        (
            4,
            "本方卡号",
            "",
            "missing card number; time: not a date (交易时间='2023-02-30 10:00:00')",
        ),
        (5, "交易时间", "yesterday", "time: not a date"),
        (6, "借贷标志", "1", "direction: unknown debit/credit mark"),
        (7, "本方卡号", "6.2220212345678E+18", "card number: scientific notation (digits lost)"),
        (8, "本方卡号", "12345", "card number: bad_length"),
        (9, "", " | ".join(TEMPLATE_HEADER), "repeated header row"),
        (10, "", f"{CARD_A} | {CARD_A} | 2023-03-27 23:41:05", "too few cells (3, header has 16)"),
        (11, "", got[-1][2], "too many cells (17, header has 16)"),
    ]
    assert all(o.file == "bad.csv" and o.sheet == "" for o in out if isinstance(o, RejectedRow))
    flagged = out[-2]
    assert isinstance(flagged, BankRecord) and flagged.card_valid is False
    assert isinstance(out[-1], BankRecord)


def test_short_rows_missing_only_optional_cells_are_padded(tmp_path):
    header = ["交易卡号", "交易时间", "交易金额", "摘要", "备注"]
    path = tmp_path / "short.csv"
    path.write_text(
        ",".join(header) + "\n" + f"{CARD_A},2023-03-27 10:00:00,-5.00\n", encoding="utf-8"
    )
    [record] = read(path)[2]
    assert (record.amount_fen, record.direction, record.summary) == (500, -1, "")


def test_rejected_row_in_a_workbook_names_the_sheet(tmp_path):
    path = write_xlsx(
        tmp_path / "w.xlsx", {"卡2": [["卡号", "交易时间", "交易金额"], [CARD_A, "x", 1]]}
    )
    [bad] = read(path)[2]
    assert (bad.file, bad.sheet, bad.line, bad.column) == ("w.xlsx", "卡2", 2, "交易时间")


def test_mapping_of_another_kind_is_refused(tmp_path):
    table = open_tables(write_text(tmp_path / "a.csv", [CDR_HEADER]))[0]
    with pytest.raises(ValueError):
        bank_records(table, auto_map(table.header, "calls"))


def test_row_problems_lists_every_failing_cell(tmp_path):
    table = open_tables(write_text(tmp_path / "a.csv", [TEMPLATE_HEADER]))[0]
    mapping = auto_map(table.header, "bank")
    cells = template_row(本方卡号="12", 交易时间="2023-13-01", 交易金额="1.000,00", 借贷标志="?")
    assert row_problems(table, mapping, cells) == {
        1: "card number: bad_length",
        2: "time: not a date",
        3: "direction: unknown debit/credit mark",
        4: "amount: not a number",
    }
    assert row_problems(table, mapping, template_row()) == {}
    assert row_problems(table, mapping, ["x"]) == {-1: "too few cells (1, header has 16)"}


# --- call records ------------------------------------------------------------------------------


def test_carrier_cdr(tmp_path):
    imei = "490154203237518"
    rows = [
        CDR_HEADER,
        [
            "13812345678",
            "023-12345678",
            "主叫",
            "2023-03-27 23:41:05",
            "125",
            "12345-678",
            imei,
            "460001234567890",
        ],
        [
            "138 1234 5678",
            "+86 139 0000 1111",
            "短信接收",
            "2023/3/28 9:05",
            "",
            "",
            "49015420323751-0",
            "",
        ],
        ["13812345678", "95588", "呼转", "2023-03-28 10:00:00", "0:30", "", "490154203237510", ""],
        ["13812345678", "10086", "上网", "2023-03-28 11:00:00", "60", "", "", ""],
        ["13812345678", "", "被叫", "2023-03-28 12:00:00", "1分", "", "", ""],
        ["13812345678", "10086", "被叫", "2023-03-28 12:00:00", "abc", "", "", ""],
    ]
    _t, mapping, out = read(write_text(tmp_path / "cdr.csv", rows, encoding="gbk"), "calls")
    assert mapping.is_complete()
    a, b, c, data, no_other, bad_duration = out
    assert a == CallRecord(
        line=2,
        own_number="13812345678",
        other_number="02312345678",
        time="2023-03-27 23:41:05",
        duration_s=125,
        call_type="voice_out",
        cell="12345-678",
        cell_address="",
        imei=imei,
        imsi="460001234567890",
        roaming="",
    )
    assert (b.own_number, b.other_number, b.call_type, b.duration_s) == (
        "13812345678",
        "13900001111",
        "sms_in",
        0,
    )
    assert b.imei == imei  # the spare digit carriers zero is recomputed as the check digit
    assert (c.other_number, c.call_type, c.duration_s, c.imei) == ("95588", "voice_fwd", 30, imei)
    assert (data.column, data.reason) == ("呼叫类型", "call type: unknown call type")
    assert (no_other.column, no_other.reason) == ("对方号码", "missing other number")
    assert (bad_duration.column, bad_duration.reason) == ("通话时长", "duration: not a duration")


def test_caller_callee_layout_finds_the_subject(tmp_path):
    rows = [
        ["主叫号码", "被叫号码", "话单类型", "通话日期", "通话时间", "时长(秒)", "LAC", "CI"],
        ["13812345678", "13900001111", "语音", "20230327", "234105", "60", "12345", "678"],
        ["13900002222", "13812345678", "短信", "20230327", "234200", "", "", ""],
        ["13900001111", "13900002222", "语音", "20230327", "234300", "5", "", ""],
        ["13812345678", "13900003333", "语音", "20230327", "234400", "8", "", ""],
        ["13812345678", "13900003333", "语音", "20230327", "234400", "8", "", ""],
    ]
    _t, mapping, out = read(write_text(tmp_path / "cc.csv", rows), "calls")
    assert mapping.is_complete()
    a, b, stray, d, e = out
    assert (a.own_number, a.other_number, a.call_type, a.time, a.cell) == (
        "13812345678", "13900001111", "voice_out", "2023-03-27 23:41:05", "LAC:12345 CI:678"
    )  # fmt: skip
    assert (b.own_number, b.other_number, b.call_type, b.duration_s) == (
        "13812345678",
        "13900002222",
        "sms_in",
        0,
    )
    assert isinstance(stray, RejectedRow)
    assert stray.reason.startswith("neither caller nor callee is 13812345678")
    assert isinstance(d, CallRecord) and isinstance(e, CallRecord)


def test_caller_callee_layout_with_the_subject_in_the_title(tmp_path):
    rows = [
        ["主叫号码", "被叫号码", "开始时间"],
        ["13900001111", "13900002222", "2023-03-27 10:00:00"],
    ]
    path = write_text(tmp_path / "t.csv", rows, title=["本机号码：13900002222"])
    [record] = read(path, "calls")[2]
    assert (record.own_number, record.other_number, record.call_type) == (
        "13900002222",
        "13900001111",
        "voice_in",
    )


# --- registers ---------------------------------------------------------------------------------


def test_register_rows(tmp_path):
    rows = [
        REGISTER_HEADER,
        ["张三", ID_A.lower(), "138-1234-5678", CARD_A, "中国工商银行", "重庆市石柱县", "卡农"],
        ["李四", "", "023-12345678", "", "", "", ""],
        ["王五", "110105194912310021", "13900001111", "", "", "", ""],
        ["赵六", "", "", "6222 0212 3456 7890 124", "", "", ""],
        ["钱七", "", "", "", "", "", "只有名字"],
        ["孙八", "", "手机号未知", "", "", "", ""],
    ]
    _t, mapping, out = read(write_text(tmp_path / "r.csv", rows, encoding="gb18030"), "register")
    assert mapping.is_complete()
    a, b, bad_id, unchecked, nothing, bad_phone = out
    assert a == RegisterRecord(
        line=2,
        name="张三",
        id_number=ID_A,
        phone="13812345678",
        card=CARD_A,
        card_valid=True,
        bank="中国工商银行",
        imei="",
        region_text="重庆市石柱县",
        note="卡农",
    )
    assert (b.name, b.phone) == ("李四", "02312345678")
    assert (bad_id.column, bad_id.value, bad_id.reason) == (
        "身份证号",
        "110105194912310021",
        "ID number: bad_check_digit",
    )
    assert (unchecked.card, unchecked.card_valid) == ("6222021234567890124", False)
    assert (nothing.column, nothing.reason) == (
        "",
        "no identifier (ID number, phone, card or IMEI)",
    )
    assert (bad_phone.column, bad_phone.reason) == ("手机号", "phone: not a phone number")


# --- the fast loop and the detailed check agree ------------------------------------------------

POOLS = {
    "本方卡号": [CARD_A, CARD_16, f"'{CARD_B}", "", "12345", "6.2E+18", "6222-0212-3456-7890-123"],
    "交易时间": [
        "2023-03-27 23:41:05",
        "2023/3/27 9:05",
        "2023-02-30 10:00:00",
        "",
        "x",
        "20230327",
    ],
    "借贷标志": ["借", "贷", "D", "1", "", "?"],
    "交易金额": ["1200.00", "-5.00", "1,234.5", "abc", "", "0.125", "(3.00)", "1_0.00"],
    "账户余额": ["100.00", "-", "", "x"],
    "交易对方卡号/账户": [CARD_B, "支付宝", "", "0", "6222****1234"],
    "交易对方姓名": ["李四", "", "-"],
    "交易对方证件号码": [ID_B, "123", ""],
    "交易摘要": ["ATM取款", "转账", ""],
}
SPLIT_POOLS = {
    "记账日期": ["20230327", "2023-03-27", "2023-13-01", ""],
    "记账时间": ["094105", "9:05", "25:00", ""],
    "收入金额": ["", "0.00", "100.00", "x", "-"],
    "支出金额": ["", "0.00", "50.00", "y"],
    "借贷标志": ["借", "贷", "", "?"],
}


def table_of(header, rows):
    from pathlib import Path

    from workbench.intake import Table

    return Table(Path("mem.csv"), None, "utf-8", ",", header, 1, {}, iter(rows))


def agree(header, row):
    mapping = auto_map(header, "bank")
    [out] = list(bank_records(table_of(header, [(2, list(row))]), mapping))
    problems = row_problems(table_of(header, []), mapping, list(row))
    assert isinstance(out, RejectedRow) == bool(problems), (row, out, problems)
    if problems:
        first = min(problems)
        assert (out.column, out.reason.split("; ")[0]) == (header[first], problems[first])
        assert out.value == row[first]
        # Every failing cell is named, not only the first.
        assert out.reason.count("; ") == len(problems) - 1


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in POOLS.items()}))
def test_fast_loop_and_detailed_check_agree(values):
    header = list(POOLS)
    agree(header, [values[h] for h in header])


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in SPLIT_POOLS.items()}))
def test_fast_loop_and_detailed_check_agree_on_split_layouts(values):
    header = ["账号", *SPLIT_POOLS]
    agree(header, [CARD_A] + [values[h] for h in SPLIT_POOLS])
