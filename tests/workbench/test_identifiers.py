"""Tests of workbench.identifiers: examples, error contract and properties."""

from __future__ import annotations

import datetime as dt
import doctest
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import identifiers
from workbench.identifiers import (
    REASONS,
    CardNumber,
    CardNumberError,
    IdentifierError,
    IdNumberError,
    ImeiError,
    MobileError,
    id_check_char,
    is_mobile,
    luhn_check_digit,
    luhn_ok,
    mask,
    mask_card_number,
    mask_id_number,
    mask_mobile,
    normalize_account_number,
    normalize_card_number,
    normalize_id_number,
    normalize_imei,
    normalize_mobile,
    parse_id_number,
)

SETTINGS = settings(max_examples=100, deadline=None)
HEAVY = settings(max_examples=50, deadline=None)  # keeps the file well under 5 s

# fmt: off
PROVINCES = (  # GB/T 2260 province-level codes, written out independently
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83", "91",
)
# fmt: on


# --- independent reference implementations ---------------------------------------------------


def ref_id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 as the standard states it: weights 2**(n-1) mod 11, total == 1."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def ref_luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(int(c) for c in digits[::-1]):
        total += sum(divmod(d * 2, 10)) if i % 2 else d
    return total % 10 == 0


def full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def make_id(body17: str) -> str:
    return body17 + ref_id_check(body17)


def raised_by(func, value) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        func(value)
    return info.value


# --- ID numbers ----------------------------------------------------------------------------

SAMPLE_ID = "11010519491231002X"  # the widely published GB 11643 example


def test_reference_check_agrees_with_published_sample():
    assert ref_id_check(SAMPLE_ID[:17]) == "X"
    assert id_check_char(SAMPLE_ID[:17]) == "X"


def test_parse_published_sample():
    info = parse_id_number(SAMPLE_ID)
    assert info.number == SAMPLE_ID
    assert info.region_code == "110105"
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex == "F"  # 17th digit 2 is even
    assert info.upgraded_from_15 is False
    assert normalize_id_number(SAMPLE_ID) == SAMPLE_ID


def test_male_id():
    number = make_id("44030619850715123")
    info = parse_id_number(number)
    assert info.sex == "M"
    assert info.birth_date == dt.date(1985, 7, 15)
    assert info.region_code == "440306"


def test_info_is_frozen():
    info = parse_id_number(SAMPLE_ID)
    with pytest.raises(AttributeError):
        info.number = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X\t",
        "110105 19491231 002X",
        full_width("11010519491231002X"),
        full_width("11010519491231002x"),
        "１１０１０５１９４９１２３１００２Ｘ\u3000",
        "'11010519491231002X",
        '="11010519491231002X"',
    ],
)
def test_id_normalisation_variants(raw):
    assert normalize_id_number(raw) == SAMPLE_ID


def test_fifteen_digit_upgrade():
    info = parse_id_number("110105491231002")
    assert info.number == SAMPLE_ID
    assert info.upgraded_from_15 is True
    assert info.birth_date == dt.date(1949, 12, 31)

    old = "440524800101001"
    info = parse_id_number(old)
    assert info.number == make_id("44052419800101001")
    assert info.sex == "M"


def test_fifteen_digit_bad_date():
    assert raised_by(parse_id_number, "110105491331002").reason == "bad_birth_date"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1234", "bad_length"),
        ("1101051949123100", "bad_length"),
        ("1101051949123100222", "bad_length"),
        ("", "empty"),
        ("   ", "empty"),
        ("110105194912310X2X", "not_digits"),
        ("11010519491231002Y", "not_digits"),
        ("11010549123100X", "not_digits"),
        ("110105194912310021", "bad_check_digit"),
        ("110105194912310029", "bad_check_digit"),
        (make_id("00010519491231002"), "bad_region"),
        (make_id("99010519491231002"), "bad_region"),
        (make_id("11010519900230001"), "bad_birth_date"),  # 30 February
        (make_id("11010519000229001"), "bad_birth_date"),  # 1900 is not a leap year
        (make_id("11010518991231001"), "bad_birth_date"),  # before 1900
        (make_id("11010529991231001"), "bad_birth_date"),  # future
        (make_id("11010519901301001"), "bad_birth_date"),  # month 13
    ],
)
def test_id_rejections(raw, reason):
    err = raised_by(parse_id_number, raw)
    assert isinstance(err, IdNumberError)
    assert err.reason == reason
    assert err.kind == "id_number"
    assert err.value == raw


def test_leap_day_2000_is_valid():
    assert parse_id_number(make_id("11010520000229001")).birth_date == dt.date(2000, 2, 29)


def test_future_birth_date_relative_to_today():
    number = make_id("11010520210101001")
    assert parse_id_number(number, today=dt.date(2021, 1, 1)).birth_date == dt.date(2021, 1, 1)
    err = raised_by(lambda v: parse_id_number(v, today=dt.date(2020, 12, 31)), number)
    assert err.reason == "bad_birth_date"


def test_id_check_char_rejects_bad_input():
    for bad, reason in [("1101051949123100", "bad_length"), ("1101051949123100a", "not_digits")]:
        with pytest.raises(IdNumberError) as info:
            id_check_char(bad)
        assert info.value.reason == reason


def test_id_error_message():
    err = raised_by(parse_id_number, "1234")
    assert str(err) == "ID number '1234': bad_length (expected 18 characters, got 4)"


# --- cards and accounts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("4111111111111111", True),
        ("5500005555555559", True),
        ("6222021234567890128", True),
        ("6222021234567890123", False),
        ("4111111111111112", False),
    ],
)
def test_luhn_known_numbers(number, ok):
    assert ref_luhn_ok(number) is ok
    assert luhn_ok(number) is ok
    assert (luhn_check_digit(number[:-1]) == number[-1]) is ok


@pytest.mark.parametrize(
    "raw",
    [
        "'6222021234567890128",
        '="6222021234567890128"',
        '"6222021234567890128"',
        "6222 0212 3456 7890 128",
        "6222-0212-3456-7890-128",
        "6222021234567890128\t",
        full_width("6222021234567890128"),
        " '" + full_width("6222 0212 3456 7890 128"),
    ],
)
def test_card_normalisation_variants(raw):
    assert normalize_card_number(raw) == CardNumber("6222021234567890128", True)


def test_card_failing_luhn_is_flagged_not_rejected():
    card = normalize_card_number("'6222021234567890123")
    assert card.number == "6222021234567890123"
    assert card.luhn_ok is False


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345678901", "bad_length"),
        ("12345678901234567890", "bad_length"),
        ("6222abc234567890128", "not_digits"),
        ("6222.0212.3456.7890", "not_digits"),
        ("'", "empty"),
        ('=""', "empty"),
        (6222021234567890128, "not_a_string"),
        (6.222021234567890e18, "not_a_string"),
    ],
)
def test_card_rejections(raw, reason):
    err = raised_by(normalize_card_number, raw)
    assert isinstance(err, CardNumberError)
    assert (err.kind, err.reason) == ("card", reason)
    assert err.value == raw


def test_account_numbers():
    assert normalize_account_number("1100 1019 4000 5300 6789").number == "11001019400053006789"
    assert normalize_account_number("12345678").number == "12345678"
    assert normalize_account_number("1" * 30).number == "1" * 30
    for raw in ("1234567", "1" * 31):
        err = raised_by(normalize_account_number, raw)
        assert isinstance(err, CardNumberError)
        assert (err.kind, err.reason) == ("account", "bad_length")
        assert str(err).startswith("Account number ")


@pytest.mark.parametrize("bad", ["", "12a", "１２", None, 123])
def test_luhn_helpers_reject_non_digits(bad):
    with pytest.raises(ValueError):
        luhn_ok(bad)
    with pytest.raises(ValueError):
        luhn_check_digit(bad)


# --- mobiles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "(+86) 138 1234 5678",
        "0086 13812345678",
        "008613812345678",
        "8613812345678",
        "86 138 1234 5678",
        "138.1234.5678",
        "(138) 1234-5678",
        full_width("+86 13812345678"),
        "'13812345678",
    ],
)
def test_mobile_variants(raw):
    assert normalize_mobile(raw) == "13812345678"
    assert is_mobile(raw)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345678901", "bad_prefix"),
        ("10012345678", "bad_prefix"),
        ("+1 415 555 0100", "bad_prefix"),
        ("+44 7700 900123", "bad_prefix"),
        ("1381234567", "bad_length"),
        ("138123456789", "bad_length"),
        ("+86 1381234567", "bad_length"),
        ("861381234567", "bad_length"),  # 86 is only a prefix when 11 digits remain
        ("138abcd5678", "not_digits"),
        ("138+1234567", "not_digits"),
        ("", "empty"),
        (13812345678, "not_a_string"),
    ],
)
def test_mobile_rejections(raw, reason):
    err = raised_by(normalize_mobile, raw)
    assert isinstance(err, MobileError)
    assert (err.kind, err.reason, err.value) == ("mobile", reason, raw)
    assert is_mobile(raw) is False


@pytest.mark.parametrize("raw", [None, 13812345678, b"13812345678", 1.5, [], "", "\x00"])
def test_is_mobile_never_raises(raw):
    assert is_mobile(raw) is False


# --- IMEI ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "490154203237518",
        "49-015420-323751-8",
        "49 015420 323751 8",
        "49/015420/323751/8",
        full_width("490154203237518"),
        "49015420323751",  # 14 digits: check digit appended
        "49-015420-323751",
    ],
)
def test_imei_variants(raw):
    assert normalize_imei(raw) == "490154203237518"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("490154203237519", "bad_check_digit"),
        ("4901542032375101", "imeisv"),
        ("4901542032375", "bad_length"),
        ("49015420323751800", "bad_length"),
        ("49015420323751X", "not_digits"),
        ("", "empty"),
    ],
)
def test_imei_rejections(raw, reason):
    err = raised_by(normalize_imei, raw)
    assert isinstance(err, ImeiError)
    assert (err.kind, err.reason, err.value) == ("imei", reason, raw)


# --- error contract --------------------------------------------------------------------------


def test_error_is_value_error_and_picklable():
    err = raised_by(normalize_account_number, "123")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is CardNumberError
    assert (copy.kind, copy.value, copy.reason, copy.detail) == (
        err.kind,
        err.value,
        err.reason,
        err.detail,
    )
    assert str(copy) == str(err)


def test_reasons_are_unique_codes():
    assert len(set(REASONS)) == len(REASONS)
    assert all(r.isidentifier() and r.islower() for r in REASONS)


NORMALIZERS = [
    (parse_id_number, IdNumberError, {"id_number"}),
    (normalize_id_number, IdNumberError, {"id_number"}),
    (normalize_card_number, CardNumberError, {"card"}),
    (normalize_account_number, CardNumberError, {"account"}),
    (normalize_mobile, MobileError, {"mobile"}),
    (normalize_imei, ImeiError, {"imei"}),
]


@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.text("0123456789xX +-'=\"", max_size=32)))
def test_arbitrary_text_fails_only_with_identifier_errors(value):
    for func, error_cls, kinds in NORMALIZERS:
        try:
            func(value)
        except IdentifierError as err:
            assert isinstance(err, error_cls)
            assert err.kind in kinds
            assert err.reason in REASONS
            assert err.value is value
            assert str(err)


# --- properties ------------------------------------------------------------------------------


def digits(min_size: int, max_size: int | None = None) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=min_size, max_size=max_size or min_size)


@st.composite
def id_bodies(draw) -> str:
    """17 digits with a valid province and a birth date between 1900 and today."""
    province = draw(st.sampled_from(PROVINCES))
    rest_of_region = draw(digits(4))
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()))
    sequence = draw(digits(3))
    return f"{province}{rest_of_region}{birth:%Y%m%d}{sequence}"


@HEAVY
@given(body=id_bodies(), position=st.integers(0, 17), data=st.data())
def test_valid_id_accepted_and_any_single_change_rejected(body, position, data):
    number = body + id_check_char(body)
    assert id_check_char(body) == ref_id_check(body)
    info = parse_id_number(number)
    assert info.number == number
    assert info.sex == ("M" if int(number[16]) % 2 else "F")

    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number(changed)


@SETTINGS
@given(partial=digits(1, 30))
def test_luhn_check_digit_makes_partial_pass(partial):
    digit = luhn_check_digit(partial)
    assert len(digit) == 1 and digit.isdigit()
    assert luhn_ok(partial + digit)
    assert ref_luhn_ok(partial + digit)


@SETTINGS
@given(digits=digits(1, 30))
def test_luhn_ok_matches_reference(digits):
    assert luhn_ok(digits) == ref_luhn_ok(digits)


@st.composite
def noisy(draw, clean: st.SearchStrategy[str], separators: str, prefixes=("",)):
    """(clean, raw): raw is clean with a prefix, a few separators, maybe full-width and quoting."""
    value = draw(clean)
    text = draw(st.sampled_from(prefixes)) + value
    inserts = st.tuples(st.integers(0, len(text)), st.sampled_from(separators))
    for position, separator in sorted(draw(st.lists(inserts, max_size=5)), reverse=True):
        text = text[:position] + separator + text[position:]
    if draw(st.booleans()):
        text = full_width(text)
    return value, draw(st.sampled_from(["{}", "'{}", '="{}"', " {} "])).format(text)


VALID_IDS = id_bodies().map(make_id)
MOBILES = st.builds(lambda second, rest: "1" + second + rest, st.sampled_from("3456789"), digits(9))
MOBILE_PREFIXES = ("", "+86", "+86 ", "(+86) ", "0086", "0086-", "86", "86 ")


@HEAVY
@given(case=noisy(VALID_IDS, " "), lower_x=st.booleans())
def test_id_normalisation_idempotent(case, lower_x):
    number, raw = case
    once = normalize_id_number(raw.replace("X", "x") if lower_x else raw)
    assert once == number
    assert normalize_id_number(once) == once


@HEAVY
@given(case=noisy(digits(12, 19), " -"))
def test_card_normalisation_idempotent(case):
    number, raw = case
    once = normalize_card_number(raw)
    assert once == CardNumber(number, ref_luhn_ok(number))
    assert normalize_card_number(once.number) == once


@HEAVY
@given(case=noisy(digits(14), " -/"))
def test_imei_normalisation_idempotent(case):
    number, raw = case
    once = normalize_imei(raw)
    assert once[:14] == number and ref_luhn_ok(once)
    assert normalize_imei(once) == once


@HEAVY
@given(case=noisy(MOBILES, " -.()", MOBILE_PREFIXES))
def test_formatted_mobile_normalises_back(case):
    mobile, raw = case
    once = normalize_mobile(raw)
    assert once == mobile
    assert normalize_mobile(once) == once
    assert is_mobile(raw)


@SETTINGS
@given(value=st.text(max_size=40), keep_start=st.integers(0, 10), keep_end=st.integers(0, 10))
def test_mask_keeps_length(value, keep_start, keep_end):
    masked = mask(value, keep_start=keep_start, keep_end=keep_end)
    assert len(masked) == len(value)
    if len(value) > keep_start + keep_end:
        assert masked[:keep_start] == value[:keep_start]
        assert masked[len(value) - keep_end :] == value[len(value) - keep_end :]
        assert set(masked[keep_start : len(value) - keep_end]) == {"*"}
    else:
        assert set(masked) <= {"*"}


# --- masking ---------------------------------------------------------------------------------


def test_mask_helpers():
    assert mask_id_number("110105194912310024") == "110105********0024"
    assert mask_card_number("6222021234567890123") == "622202*********0123"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask("abcdef", keep_start=1, keep_end=0, fill="#") == "a#####"
    assert mask_mobile("1381234") == "*******"  # nothing could be hidden: hide everything


def test_mask_rejects_bad_arguments():
    with pytest.raises(ValueError):
        mask("123456", keep_start=-1)
    with pytest.raises(ValueError):
        mask("123456", fill="**")


# --- doctests --------------------------------------------------------------------------------


def test_module_doctests():
    result = doctest.testmod(identifiers, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
