"""The header dictionary: automatic mapping of real headers, kinds, profiles."""

from __future__ import annotations

import json

import pytest

from workbench.intake.columns import (
    BANK_FIELDS,
    CALL_FIELDS,
    FIELD_LABELS,
    REGISTER_FIELDS,
    REQUIREMENTS,
    SYNONYMS,
    auto_map,
    guess_kind,
    header_signature,
    mapping_from_dict,
    mapping_to_dict,
    normalize_header,
)

from .files import (
    CARD_A,
    CDR_HEADER,
    ENGLISH_HEADER,
    PERSONAL_HEADER,
    REGISTER_HEADER,
    SPLIT_HEADER,
    TEMPLATE_HEADER,
)


def named(mapping) -> dict[str, str]:
    """field -> header name, for readable assertions."""
    return {f: mapping.header[i] for f, i in mapping.columns.items()}


def test_bank_inquiry_template():
    m = auto_map(TEMPLATE_HEADER, "bank")
    assert named(m) == {
        "card": "本方卡号",  # the transaction's own card, not the card asked about
        "time": "交易时间",
        "direction": "借贷标志",
        "amount": "交易金额",
        "balance": "账户余额",
        "serial": "交易流水号",
        "counterpart_name": "交易对方姓名",
        "counterpart_card": "交易对方卡号/账户",
        "counterpart_id": "交易对方证件号码",
        "counterpart_bank": "交易对方账号开户行",
        "summary": "交易摘要",
        "place": "交易网点名称",
        "cash_flag": "现金标志",
        "ip": "IP地址",
        "mac": "MAC",
    }
    assert m.is_complete() and m.missing == []
    assert m.confidence == 1.0
    assert set(m.field_confidence.values()) == {1.0}


def test_template_without_own_card_uses_the_queried_card():
    header = [h for h in TEMPLATE_HEADER if h != "本方卡号"]
    assert named(auto_map(header, "bank"))["card"] == "查询卡号"


def test_personal_export_with_signed_amount_and_card_in_title():
    m = auto_map(PERSONAL_HEADER, "bank")
    assert named(m) == {
        "date": "交易日期",
        "amount": "交易金额",
        "counterpart_card": "对方账号",
        "counterpart_name": "对方户名",
        "summary": "摘要",
        "channel": "渠道",
    }
    # Complete without an owner (its rows go under a placeholder account), but not known.
    assert m.missing == [] and m.is_complete() and not m.owner_known
    m = auto_map(PERSONAL_HEADER, "bank", {"卡号": CARD_A, "户名": "张三", "打印时间": "x"})
    assert m.constants == {"card": CARD_A, "account_name": "张三"}
    assert m.is_complete() and m.owner_known
    assert m.field_confidence["card"] == 0.9


def test_card_fact_prefers_the_card_over_the_account():
    facts = {"账号": "11001019400053006789", "卡号": CARD_A}
    assert auto_map(PERSONAL_HEADER, "bank", facts).constants["card"] == CARD_A


def test_split_date_time_and_in_out_columns():
    m = auto_map(SPLIT_HEADER, "bank")
    assert named(m) == {
        "card": "账号",
        "date": "记账日期",
        "clock": "记账时间",
        "amount_in": "收入金额",
        "amount_out": "支出金额",
        "balance": "余额",
        "counterpart_card": "对方账号",
        "counterpart_name": "对方户名",
        "summary": "摘要",
    }
    assert m.is_complete()


def test_transaction_time_beside_a_date_is_the_time_of_day():
    m = auto_map(["交易卡号", "交易日期", "交易时间", "交易金额", "借贷标志"], "bank")
    assert named(m)["date"] == "交易日期"
    assert named(m)["clock"] == "交易时间"
    assert "time" not in m.columns
    m = auto_map(["交易卡号", "记账时间", "交易金额"], "bank")
    assert named(m)["time"] == "记账时间"  # alone, it holds the date too


def test_normalised_and_loose_matches():
    header = [
        "交易金额（元）",
        "对方帐号",
        "交易卡号 ",
        "交易 时间",
        "对方账号开户行名称",
        "余额(元)",
    ]
    m = auto_map(header, "bank")
    assert named(m) == {
        "amount": "交易金额（元）",
        "counterpart_card": "对方帐号",
        "card": "交易卡号 ",
        "time": "交易 时间",
        "counterpart_bank": "对方账号开户行名称",  # the head noun is last: a bank, not an account
        "balance": "余额(元)",
    }
    assert m.field_confidence["amount"] == 0.9
    assert m.field_confidence["card"] == 1.0  # trailing space is not a difference
    assert 0.4 <= m.field_confidence["counterpart_bank"] <= 0.6


def test_signed_amount_is_assumed_unless_a_sample_says_otherwise():
    header = ["交易卡号", "交易时间", "交易金额"]
    assert auto_map(header, "bank").is_complete()
    unsigned = [[CARD_A, "2023-03-27 10:00:00", "100.00"]] * 3
    m = auto_map(header, "bank", sample=unsigned)
    assert m.amount_unsigned and m.missing == ["direction"]
    m.set_constant("direction", "出")
    assert m.is_complete()
    signed = unsigned + [[CARD_A, "2023-03-27 10:00:00", "-5.00"]]
    assert auto_map(header, "bank", sample=signed).is_complete()


def test_carrier_cdr():
    m = auto_map(CDR_HEADER, "calls")
    assert named(m) == {
        "own_number": "本机号码",
        "other_number": "对方号码",
        "call_type": "呼叫类型",
        "start_time": "开始时间",
        "duration": "通话时长",
        "cell": "基站",
        "imei": "IMEI",
        "imsi": "IMSI",
    }
    assert m.is_complete()


def test_cdr_variants():
    m = auto_map(
        ["主叫号码", "被叫号码", "通话日期", "通话时间", "时长(秒)", "LAC", "CI", "基站地址"],
        "calls",
    )
    assert named(m) == {
        "caller": "主叫号码",
        "callee": "被叫号码",
        "date": "通话日期",
        "clock": "通话时间",
        "duration": "时长(秒)",
        "lac": "LAC",
        "ci": "CI",
        "cell_address": "基站地址",
    }
    assert m.is_complete()
    m = auto_map(["本机号码", "对方号码", "开始时间", "LAC", "小区"], "calls")
    assert named(m)["ci"] == "小区"  # beside LAC, the cell column is the cell identity
    assert m.missing == ["call_type"]  # own/other without a type: direction unknown
    m.set_constant("call_type", "主叫")
    assert m.is_complete()


def test_cdr_subject_from_title():
    m = auto_map(["主叫号码", "被叫号码", "开始时间"], "calls", {"号码": "13812345678"})
    assert m.constants == {"own_number": "13812345678"}


def test_english_headers():
    m = auto_map(ENGLISH_HEADER, "bank")
    assert named(m) == {
        "card": "Card No.",
        "time": "Transaction Time",
        "direction": "Debit/Credit",
        "amount": "Amount",
        "balance": "Balance",
        "counterpart_card": "Counterparty Account",
        "counterpart_name": "Counterparty Name",
        "summary": "Description",
        "channel": "Channel",
    }
    assert m.is_complete()
    calls = auto_map(
        ["Calling Number", "Called Number", "Start Time", "Duration", "Cell ID"], "calls"
    )
    assert set(calls.columns) == {"caller", "callee", "start_time", "duration", "cell"}
    assert calls.is_complete()


def test_register():
    m = auto_map(REGISTER_HEADER, "register")
    assert named(m) == {
        "name": "持卡人",
        "id_number": "身份证号",
        "phone": "手机号",
        "card": "银行卡号",
        "bank": "开户行",
        "region": "户籍地",
        "note": "备注",
    }
    assert m.is_complete()
    assert auto_map(["姓名", "备注"], "register").missing == ["id_number"]


def test_each_column_serves_one_field_and_each_field_one_column():
    m = auto_map(["卡号", "账号", "交易时间", "时间", "金额", "交易金额"], "bank")
    assert len(set(m.columns.values())) == len(m.columns)
    assert named(m)["amount"] == "交易金额"  # the earlier synonym wins the tie
    assert named(m)["time"] == "交易时间"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (TEMPLATE_HEADER, "bank"),
        (PERSONAL_HEADER, "bank"),
        (SPLIT_HEADER, "bank"),
        (ENGLISH_HEADER, "bank"),
        (CDR_HEADER, "calls"),
        (["主叫号码", "被叫号码", "开始时间", "时长"], "calls"),
        (REGISTER_HEADER, "register"),
        (["姓名", "身份证号", "手机号码"], "register"),
    ],
)
def test_guess_kind(header, kind):
    guessed, confidence = guess_kind(header)
    assert guessed == kind
    assert 0.5 < confidence <= 1.0


def test_a_header_that_is_no_statement_maps_nothing_useful():
    m = auto_map(["Foo", "Bar", "Baz"], "bank")
    assert m.columns == {}
    # No owner is no longer missing: such rows import under a placeholder account.
    assert m.missing == ["time", "amount"] and not m.owner_known
    assert m.confidence == 0.0
    assert guess_kind(["Foo", "Bar"])[1] < 0.3


def test_signature_is_stable_and_ignores_formatting():
    a = header_signature(["交易金额(元)", "卡号", "Card No."])
    assert a == header_signature([" 交易金额（元） ", "卡号", "card no"])
    assert a != header_signature(["卡号", "交易金额(元)", "Card No."])
    assert len(a) == 16 and int(a, 16) >= 0


def test_profile_survives_json_and_reordered_columns():
    m = auto_map(TEMPLATE_HEADER, "bank", {"户名": "张三"})
    m.set_column("summary", TEMPLATE_HEADER.index("交易网点名称"))  # the analyst's choice
    data = json.loads(json.dumps(mapping_to_dict(m), ensure_ascii=False))
    assert data["signature"] == header_signature(TEMPLATE_HEADER)
    reordered = list(reversed(TEMPLATE_HEADER)) + ["新增列"]
    back = mapping_from_dict(data, reordered)
    assert named(back) == named(m)
    assert back.constants == {"account_name": "张三"}
    assert back.is_complete()
    assert set(back.field_confidence.values()) == {1.0}
    assert mapping_from_dict(data).columns == m.columns


def test_profile_with_a_vanished_column_reports_it_missing():
    data = mapping_to_dict(auto_map(["卡号", "交易时间", "交易金额", "借贷标志"], "bank"))
    back = mapping_from_dict(data, ["卡号", "交易金额", "借贷标志"])
    assert back.missing == ["time"]


def test_profile_with_duplicate_names_keeps_positions():
    header = ["账号", "交易时间", "交易金额", "账号"]
    m = auto_map(header, "bank")
    m.set_column("counterpart_card", 3)
    back = mapping_from_dict(mapping_to_dict(m), header)
    assert back.columns["card"] == 0 and back.columns["counterpart_card"] == 3


def test_set_column_moves_a_column_between_fields():
    m = auto_map(["卡号", "交易时间", "交易金额", "备注"], "bank")
    m.set_column("counterpart_name", 3)
    assert "summary" not in m.columns
    assert m.columns["counterpart_name"] == 3
    m.set_column("time", None)
    assert m.missing == ["time"]
    with pytest.raises(ValueError):
        m.set_column("no_such_field", 0)
    with pytest.raises(ValueError):
        m.set_column("summary", 9)


def test_vocabularies_are_consistent():
    assert set(BANK_FIELDS) == set(SYNONYMS["bank"])
    assert set(CALL_FIELDS) == set(SYNONYMS["calls"])
    assert set(REGISTER_FIELDS) == set(SYNONYMS["register"])
    for kind, requirements in REQUIREMENTS.items():
        for requirement in requirements:
            for alternative in requirement:
                assert set(alternative) <= set(SYNONYMS[kind])
    for kind in SYNONYMS.values():
        for fld, synonyms in kind.items():
            assert fld in FIELD_LABELS
            assert all(normalize_header(s) for s in synonyms)
