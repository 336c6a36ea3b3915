"""The one scrubber every masked export goes through: identifiers in any spelling, in any text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from workbench import identifiers as ids
from workbench.identifiers import ascii_digits, mask_identifier, mask_text

from ..factories import card_number, mobile, person_id

_FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789Xx"}


def id_with_x(rng: random.Random) -> str:
    while True:
        first17 = f"500240{rng.randint(1970, 2000)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}"
        first17 += f"{rng.randint(0, 999):03d}"
        if ids.id_check_char(first17) == "X":
            return first17 + "X"


def spellings(number: str) -> list[str]:
    """How a number turns up in statements and notes: plain, grouped by spaces or dashes,
    full-width, full-width with ideographic spaces, Arabic-Indic, run into a sentence."""
    groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    out = [
        number,
        " ".join(groups),
        "-".join(groups),
        number.translate(_FULL),
        "\u3000".join(groups).translate(_FULL),
        "".join(chr(0x660 + int(c)) if c.isdigit() else c for c in number),
        f"转入{number}元",
        f"卡号：{' '.join(groups)}，户名张三",
        "\u200b".join(number),
    ]
    if len(number) == 11:
        out += [f"+86 {number[:3]} {number[3:7]} {number[7:]}", f"0086-{number}",
                f"{number[:3]}.{number[3:7]}.{number[7:]}", f"{number}@qq.com"]  # fmt: skip
    return out


def normalised(text: str) -> str:
    """Output as a search for a leaked number reads it: NFKC, ASCII digits, no spaces,
    dashes or zero-widths."""
    text = ascii_digits(unicodedata.normalize("NFKC", text))
    return "".join(
        c for c in text
        if not (c.isspace() or unicodedata.category(c) in ("Pd", "Cf"))
    ).upper()  # fmt: skip


rng = random.Random(11)
NUMBERS = {
    "id": person_id(rng),
    "id_x": id_with_x(rng),
    "card19": card_number(rng),
    "card16": card_number(rng, "436742")[:15],
    "account": "11001019400053006789",
    "mobile": mobile(rng),
    "serial": "202503011402110001",
    "imei": "490154203237518",
}
NUMBERS["card16"] += ids.luhn_check_digit(NUMBERS["card16"])


@pytest.mark.parametrize("name", NUMBERS)
def test_every_spelling_is_masked(name):
    number = NUMBERS[name]
    for text in spellings(number):
        masked = mask_text(text)
        assert number.upper() not in normalised(masked), (text, masked)
        assert "*" in masked, (text, masked)


def test_what_is_kept_and_what_is_not_touched():
    card = NUMBERS["card19"]
    assert mask_text(f"转入 {card} 户名 张三") == f"转入 {card[:6]}{'*' * 9}{card[-4:]} 户名 张三"
    assert mask_text("身份证11010519491231002x") == "身份证110105********002X"
    assert mask_text("电话 13812345678。") == "电话 138****5678。"
    assert mask_text("账号 12345678") == "账号 ****5678"
    # Amounts, dates, times, short numbers and masks already there stay as they are.
    for text in ("金额 1,500.00 元", "2025-03-01 14:02:11", "ATM 0012", "6222****1234",
                 "尾号1234", "IP 192.168.1.1", "", "张三"):  # fmt: skip
        assert mask_text(text) == text
    assert mask_text(None) is None


def test_keys_of_every_kind():
    assert mask_identifier("11010519491231002X", "person") == "110105********002X"
    assert mask_identifier(NUMBERS["card19"], "bank_card").count("*") == 9
    assert mask_identifier("13812345678", "phone_card") == "138****5678"
    assert mask_identifier("alipay:13812345678", "payment_account") == "alipay:138****5678"
    assert mask_identifier("wechat:wxid_abc123", "payment_account") == "wechat:wxid_abc123"
    assert mask_identifier("6222****1234", "bank_card") == "6222****1234"
    assert mask_identifier("490154203237518", "device") == "490154*****7518"
    tron = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    assert mask_identifier(tron, "crypto_wallet") == tron
