"""Values as banks and carriers write them: amounts, debit/credit marks, times, durations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.intake.values import (
    CALL_TYPES,
    REASONS,
    ValueParseError,
    format_amount,
    parse_amount,
    parse_call_type,
    parse_datetime,
    parse_direction,
    parse_duration,
)

# --- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1234.56", 123456),
        ("0.29", 29),  # 0.29 * 100 is 28.999999999999996 in floating point
        ("1234.5", 123450),
        ("1234", 123400),
        ("-500.00", -50000),
        ("+500", 50000),
        ("¥1,234.50", 123450),
        ("￥1,234.50", 123450),
        ("1234.5元", 123450),
        ("1,234,567.89 元", 123456789),
        ("(1,234.00)", -123400),
        ("（1,234.00）", -123400),
        ("１２３．４５", 12345),
        ("RMB 100", 10000),
        ("CNY100.00", 10000),
        ("人民币100.00", 10000),
        ("100.00人民币元", 10000),
        ("-¥12.00", -1200),
        ("¥-12.00", -1200),
        ("12.00-", -1200),  # mainframe listings put the sign last
        ("\u221212.00", -1200),  # the Unicode minus sign
        (" 7.1 ", 710),
        (".5", 50),
        ("5.", 500),
        ("100.0000", 10000),
        ("0.125", 13),  # rounded half up
        ("0.124", 12),
        ("-0.125", -13),  # half up on the magnitude
        ("1234.4999999999998", 123450),  # a float artefact of a spreadsheet formula
        ("0", 0),
    ],
)
def test_amounts(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "bad_amount"),
        ("1 234,00", "bad_amount"),  # space grouping with a decimal comma: ambiguous
        ("1.234,56", "bad_amount"),
        ("1234,5", "bad_amount"),
        ("12,34.00", "bad_amount"),
        ("1e5", "bad_amount"),
        ("6.217E+18", "bad_amount"),
        ("--5", "bad_amount"),
        ("-(5)", "bad_amount"),
        ("+5-", "bad_amount"),
        ("1.2.3", "bad_amount"),
        (".", "bad_amount"),
        ("1.2万", "bad_amount"),
        (None, "bad_amount"),
    ],
)
def test_bad_amounts(text, reason):
    with pytest.raises(ValueParseError) as info:
        parse_amount(text)
    assert info.value.reason == reason
    assert info.value.value == text
    assert info.value.reason in REASONS


AMOUNT_LAYOUTS = [
    lambda fen: format_amount(fen),
    lambda fen: format_amount(fen, thousands=True),
    lambda fen: "¥" + format_amount(fen, thousands=True),
    lambda fen: format_amount(fen) + "元",
    lambda fen: f"({format_amount(-fen, thousands=True)})" if fen < 0 else format_amount(fen),
    lambda fen: ("+" if fen >= 0 else "") + format_amount(fen),
    lambda fen: format_amount(fen).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.-"}),
]


@settings(max_examples=300, deadline=None)
@given(
    fen=st.integers(min_value=-(10**15), max_value=10**15),
    layout=st.sampled_from(range(len(AMOUNT_LAYOUTS))),
)
def test_format_amount_round_trips(fen, layout):
    assert parse_amount(AMOUNT_LAYOUTS[layout](fen)) == fen


# --- directions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["贷", "贷方", "C", "c", "Cr", "CR", "credit", "进", "收", "收入", "转入", "存", "存入", "入",
     "+", "in", "IN", "Deposit", "入账", "来账", " 贷 ", "贷方"],
)  # fmt: skip
def test_money_in(word):
    assert parse_direction(word) == 1


@pytest.mark.parametrize(
    "word",
    ["借", "借方", "D", "d", "Dr", "DR", "debit", "出", "付", "支出", "转出", "取", "取出", "支取",
     "-", "out", "OUT", "Withdrawal", "出账", "往账", "借方"],
)  # fmt: skip
def test_money_out(word):
    assert parse_direction(word) == -1


@pytest.mark.parametrize("word", ["0", "1", "2", "借贷", "X", "未知"])
def test_unknown_or_numeric_direction_marks_are_rejected(word):
    with pytest.raises(ValueParseError) as info:
        parse_direction(word)
    assert info.value.reason == "bad_direction"


def test_blank_direction_is_empty():
    with pytest.raises(ValueParseError) as info:
        parse_direction("  ")
    assert info.value.reason == "empty"


# --- dates and times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_text", "time_text", "expected"),
    [
        ("2023-03-27 23:41:05", None, "2023-03-27 23:41:05"),
        ("2023/3/27 9:05", None, "2023-03-27 09:05:00"),
        ("2023-03-27T23:41:05", None, "2023-03-27 23:41:05"),
        ("20230327 234105", None, "2023-03-27 23:41:05"),
        ("20230327234105", None, "2023-03-27 23:41:05"),
        ("20230327234105123", None, "2023-03-27 23:41:05"),
        ("2023年3月27日 23时41分05秒", None, "2023-03-27 23:41:05"),
        ("2023年03月27日23:41", None, "2023-03-27 23:41:00"),
        ("2023.03.27 23:41", None, "2023-03-27 23:41:00"),
        ("2023-03-27", None, "2023-03-27 00:00:00"),
        ("20230327", None, "2023-03-27 00:00:00"),
        ("2023年3月27日", None, "2023-03-27 00:00:00"),
        ("2023-03-27 23:41:05.123", None, "2023-03-27 23:41:05"),
        ("2023-03-27 23:41:05,123456", None, "2023-03-27 23:41:05"),
        ("2023/3/27 下午 3:05:09", None, "2023-03-27 15:05:09"),
        ("2023/3/27 上午 12:05", None, "2023-03-27 00:05:00"),
        ("2023-03-27 3:05 PM", None, "2023-03-27 15:05:00"),
        ("２０２３－０３－２７　２３：４１：０５", None, "2023-03-27 23:41:05"),
        ("45012.98686", None, "2023-03-27 23:41:05"),
        ("45012", None, "2023-03-27 00:00:00"),
        ("2023-03-27", "234105", "2023-03-27 23:41:05"),
        ("2023-03-27", "94105", "2023-03-27 09:41:05"),  # HHMMSS that lost its leading zero
        ("2023-03-27", "23:41:05", "2023-03-27 23:41:05"),
        ("2023-03-27", "9:05", "2023-03-27 09:05:00"),
        ("2023-03-27", "1000", "2023-03-27 00:10:00"),  # HHMMSS as a number: 001000
        ("202303272341", None, "2023-03-27 23:41:00"),
        ("2023-03-27", "23时41分05秒", "2023-03-27 23:41:05"),
        ("2023-03-27", "0.98686", "2023-03-27 23:41:05"),
        ("2023-03-27 00:00:00", "23:41:05", "2023-03-27 23:41:05"),  # Excel date + time column
        ("20230327", "2023-03-27 23:41:05", "2023-03-27 23:41:05"),  # the "time" holds it all
        ("2023-03-27", "", "2023-03-27 00:00:00"),
        ("2024-02-29 12:00:00", None, "2024-02-29 12:00:00"),
    ],
)
def test_datetimes(date_text, time_text, expected):
    assert parse_datetime(date_text, time_text) == expected
    assert parse_datetime(date_text, time_text) == expected  # again, through the caches


@pytest.mark.parametrize(
    ("date_text", "time_text", "reason"),
    [
        ("2023-02-29 10:00:00", None, "bad_date"),
        ("2023-13-01", None, "bad_date"),
        ("2023-04-31", None, "bad_date"),
        ("1899-12-31", None, "bad_date"),
        ("2023-03-27 24:00:00", None, "bad_time"),
        ("2023-03-27 23:60:00", None, "bad_time"),
        ("2023-03-27 13:05 PM", None, "bad_time"),
        ("27/03/2023", None, "bad_date"),  # day-first or month-first: ambiguous
        ("23-03-27", None, "bad_date"),
        ("yesterday", None, "bad_date"),
        ("", None, "empty"),
        ("99999", None, "bad_date"),  # not a plausible Excel serial
        ("2023-03-27", "25:00", "bad_time"),
        ("2023-03-27", "abc", "bad_time"),
        ("2023-03-32", "10:00", "bad_date"),
    ],
)
def test_bad_datetimes(date_text, time_text, reason):
    with pytest.raises(ValueParseError) as info:
        parse_datetime(date_text, time_text)
    assert info.value.reason == reason


DATETIME_LAYOUTS = [
    lambda t: (t.strftime("%Y-%m-%d %H:%M:%S"), None),
    lambda t: (f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}", None),
    lambda t: (t.strftime("%Y-%m-%dT%H:%M:%S"), None),
    lambda t: (t.strftime("%Y%m%d %H%M%S"), None),
    lambda t: (t.strftime("%Y%m%d%H%M%S"), None),
    lambda t: (f"{t.year}年{t.month}月{t.day}日 {t.hour}时{t.minute}分{t.second}秒", None),
    lambda t: (t.strftime("%Y.%m.%d %H:%M:%S"), None),
    lambda t: (t.strftime("%Y-%m-%d %H:%M:%S.%f"), None),
    lambda t: (t.strftime("%Y-%m-%d"), t.strftime("%H%M%S")),
    lambda t: (t.strftime("%Y%m%d"), t.strftime("%H:%M:%S")),
    lambda t: (t.strftime("%Y/%m/%d"), str(int(t.strftime("%H%M%S")) or "000000")),
    lambda t: (t.strftime("%Y/%m/%d %I:%M:%S %p"), None),
    lambda t: (excel_serial(t), None),
]


def excel_serial(t: dt.datetime) -> str:
    delta = t - dt.datetime(1899, 12, 30)
    return f"{delta.days + delta.seconds / 86400:.8f}"


@settings(max_examples=400, deadline=None)
@given(
    t=st.datetimes(min_value=dt.datetime(1960, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    layout=st.sampled_from(range(len(DATETIME_LAYOUTS))),
)
def test_datetime_layouts_round_trip(t, layout):
    t = t.replace(microsecond=0)
    date_text, time_text = DATETIME_LAYOUTS[layout](t)
    assert parse_datetime(date_text, time_text) == t.strftime("%Y-%m-%d %H:%M:%S")


@settings(max_examples=600, deadline=None)
@given(
    text=st.one_of(
        # Canonical-looking stamps with every field drawn wide: bad days, hours 24-99, ...
        st.builds(
            "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}".format,
            st.integers(1850, 2150),
            st.integers(0, 13),
            st.integers(0, 32),
            st.integers(0, 30),
            st.integers(0, 70),
            st.integers(0, 70),
        ),
        st.text(alphabet="0123456789-: T/.０１２", min_size=19, max_size=19),
    )
)
def test_canonical_stamps_agree_with_the_general_parser(text):
    # parse_datetime checks 'YYYY-MM-DD HH:MM:SS' with string methods before the general
    # parser: both must give the same answer, or the same reason.
    _agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "2023-03-27 24:00:00", "2023-03-27 23:60:00", "2023-03-27 23:59:60",
        "2023-03-27 00:00:00", "2023-03-27 23:59:59", "2023-02-29 10:00:00",
        "2024-02-29 10:00:00", "1899-12-31 10:00:00", "2100-01-01 00:00:00",
        "2023-03-27T23:41:05", "2023/03/27 23:41:05", "２023-03-27 23:41:05",
        "2023-03-27 23:41:5 ", "2023-03-27 2:41:05 ", "2023-13-01 10:00:00",
    ],
)  # fmt: skip
def test_canonical_stamp_edges_agree_with_the_general_parser(text):
    _agree(text)


def _agree(text: str) -> None:
    from workbench.intake.values import _parse_datetime_slow

    def outcome(parse):
        try:
            return parse()
        except ValueParseError as err:
            return err.reason

    assert outcome(lambda: parse_datetime(text)) == outcome(
        lambda: _parse_datetime_slow(text, None)
    )


# --- durations and call types ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("125", 125),
        ("125秒", 125),
        ("125s", 125),
        ("125 sec", 125),
        ("125.0", 125),
        ("124.6", 125),
        ("00:02:05", 125),
        ("0:02:05", 125),
        ("2:05", 125),
        ("2分5秒", 125),
        ("2分钟5秒", 125),
        ("2分", 120),
        ("1小时2分5秒", 3725),
        ("1时", 3600),
        ("１２５", 125),
        ("0", 0),
    ],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "-5", "1:75", "2:05:99", "5分钟前"])
def test_bad_durations(text):
    with pytest.raises(ValueParseError) as info:
        parse_duration(text)
    assert info.value.reason in ("bad_duration", "empty")


@pytest.mark.parametrize(
    ("text", "direction", "code"),
    [
        ("主叫", None, "voice_out"),
        ("被叫", None, "voice_in"),
        ("呼出", None, "voice_out"),
        ("呼入", None, "voice_in"),
        ("MOC", None, "voice_out"),
        ("MTC", None, "voice_in"),
        ("MO", None, "voice_out"),
        ("MT", None, "voice_in"),
        ("主叫通话", None, "voice_out"),
        ("语音被叫", None, "voice_in"),
        ("呼转", None, "voice_fwd"),
        ("呼叫转移", None, "voice_fwd"),
        ("短信发送", None, "sms_out"),
        ("短信接收", None, "sms_in"),
        ("短信发", None, "sms_out"),
        ("短信收", None, "sms_in"),
        ("短信主叫", None, "sms_out"),
        ("短信(被叫)", None, "sms_in"),
        ("SMMO", None, "sms_out"),
        ("SMS-MT", None, "sms_in"),
        ("Outgoing call", None, "voice_out"),
        ("Incoming SMS", None, "sms_in"),
        ("短信", "发送", "sms_out"),
        ("短信", "主叫", "sms_out"),
        ("短信", "接收", "sms_in"),
        ("语音", "被叫", "voice_in"),
        ("彩信", "MO", "sms_out"),
    ],
)
def test_call_types(text, direction, code):
    assert parse_call_type(text, direction) == code
    assert code in CALL_TYPES


@pytest.mark.parametrize("text", ["短信", "语音", "01", "上网", "GPRS"])
def test_call_types_without_a_direction_are_rejected(text):
    with pytest.raises(ValueParseError) as info:
        parse_call_type(text)
    assert info.value.reason == "bad_call_type"
