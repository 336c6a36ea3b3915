"""Validation and normalisation of the identifiers found in bank statements and call records.

Covers resident ID numbers (身份证号, GB 11643-1999), bank card and account numbers, mainland
mobile numbers and IMEIs, payment-platform accounts (支付宝, 微信 ...) and crypto wallet
addresses (TRON, Ethereum, Bitcoin, with their checksums), plus masking helpers for exports.
Standard library only: Keccak-256, which Ethereum's checksum needs and ``hashlib`` lacks
(``hashlib.sha3_256`` is the padded FIPS variant, not Keccak), is written out here.

The ``normalize_*`` / ``parse_*`` functions accept the messy forms real exports contain
(full-width characters, Excel text quoting such as ``'6222...`` or ``="6222..."``, separators)
and either return the canonical form or raise a subclass of :class:`IdentifierError` whose
``reason`` is one of :data:`REASONS`.

The payment-platform accounts and crypto wallet addresses (Keccak-256 with them) are written
out in :mod:`workbench.identifiers_online`, which keeps this module under the house's
~1,000-line limit; their names are re-exported at the end of this file, so import them from here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "CHAINS",
    "PLATFORMS",
    "PLATFORM_CODES",
    "REASONS",
    "CryptoAddressError",
    "PaymentAccountError",
    "CardNumber",
    "CardNumberError",
    "IdNumberError",
    "IdNumberInfo",
    "IdentifierError",
    "ImeiError",
    "MobileError",
    "id_check_char",
    "is_mobile",
    "luhn_check_digit",
    "luhn_ok",
    "mask",
    "mask_card_number",
    "mask_id_number",
    "mask_mobile",
    "crypto_chain",
    "eip55_checksum",
    "keccak256",
    "normalize_account_number",
    "normalize_card_number",
    "normalize_crypto_address",
    "normalize_id_number",
    "normalize_imei",
    "normalize_mobile",
    "parse_id_number",
    "payment_account_key",
    "platform_code",
]

#: Every ``IdentifierError.reason`` this module raises.
REASONS = (
    "not_a_string",  # the input is not a str (e.g. a float read from a spreadsheet)
    "empty",  # nothing left after stripping quotes, whitespace and separators
    "bad_length",
    "not_digits",
    "bad_check_digit",
    "bad_region",  # ID number: unknown province code
    "bad_birth_date",  # ID number: not a calendar date, before 1900 or in the future
    "bad_prefix",  # mobile: not +86, or not 1[3-9]...
    "imeisv",  # IMEI: 16 digits is an IMEISV, which has no check digit
    "unknown_platform",  # payment account: not a platform Zhanlian knows
    "unknown_chain",  # crypto address: not tron, ethereum or bitcoin
    "not_an_address",  # crypto address: not shaped like an address of the chain
)

_KIND_LABELS = {
    "id_number": "ID number",
    "card": "Card number",
    "account": "Account number",
    "mobile": "Mobile number",
    "imei": "IMEI",
    "payment_account": "Payment account",
    "crypto": "Crypto address",
}


class IdentifierError(ValueError):
    """An identifier cannot be normalised.

    ``kind`` is one of ``'id_number'``, ``'card'``, ``'account'``, ``'mobile'``, ``'imei'``;
    ``value`` is the input exactly as given; ``reason`` is a code from :data:`REASONS`;
    ``detail`` is a short human explanation (may be empty).

    >>> err = MobileError("12345", "bad_length", "expected 11 digits, got 5")
    >>> err.kind, err.value, err.reason
    ('mobile', '12345', 'bad_length')
    >>> str(err)
    "Mobile number '12345': bad_length (expected 11 digits, got 5)"
    """

    kind = ""

    def __init__(self, value, reason: str, detail: str = "", kind: str | None = None):
        super().__init__(value, reason, detail, kind)
        if kind is not None:
            self.kind = kind
        self.value = value
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        label = _KIND_LABELS.get(self.kind, "Identifier")
        text = f"{label} {self.value!r}: {self.reason}"
        return f"{text} ({self.detail})" if self.detail else text


class IdNumberError(IdentifierError):
    """A resident ID number is invalid."""

    kind = "id_number"


class CardNumberError(IdentifierError):
    """A bank card number (kind ``'card'``) or account number (kind ``'account'``) is invalid."""

    kind = "card"


class MobileError(IdentifierError):
    """A mobile number is not a valid mainland China mobile number."""

    kind = "mobile"


class ImeiError(IdentifierError):
    """An IMEI is invalid."""

    kind = "imei"


class PaymentAccountError(IdentifierError):
    """A payment-platform account cannot be keyed (no account, or an unknown platform)."""

    kind = "payment_account"


class CryptoAddressError(IdentifierError):
    """A text is no crypto wallet address of any known chain (or not of the one asked for)."""

    kind = "crypto"


_ERROR_CLASSES = {
    "id_number": IdNumberError,
    "card": CardNumberError,
    "account": CardNumberError,
    "mobile": MobileError,
    "imei": ImeiError,
    "payment_account": PaymentAccountError,
    "crypto": CryptoAddressError,
}


def _error(kind: str, value, reason: str, detail: str = "") -> IdentifierError:
    return _ERROR_CLASSES[kind](value, reason, detail, kind=kind)


# --- shared cleaning ------------------------------------------------------------------------

# Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space to plain ASCII.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def _is_digits(s: str) -> bool:
    """True for a non-empty string of ASCII digits (``str.isdigit`` alone accepts '²', '٣')."""
    return s.isascii() and s.isdigit()


def _unquote_excel(s: str) -> str:
    """Remove the quoting spreadsheets use to keep long numbers as text."""
    if len(s) >= 3 and s.startswith('="') and s.endswith('"'):
        return s[2:-1]
    if s.startswith("'"):
        return s[1:]
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return s[1:-1]
    return s


def _clean(value, kind: str, separators: str = "") -> str:
    """Full-width to ASCII, Excel quoting, whitespace and ``separators`` removed."""
    if not isinstance(value, str):
        raise _error(kind, value, "not_a_string", f"expected str, got {type(value).__name__}")
    s = _unquote_excel(value.translate(_FULLWIDTH).strip())
    s = "".join(s.split())
    for sep in separators:
        s = s.replace(sep, "")
    if not s:
        raise _error(kind, value, "empty")
    return s


# --- resident ID numbers (GB 11643-1999) ----------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# fmt: off
_PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83", "91",
})
# fmt: on


@dataclass(frozen=True)
class IdNumberInfo:
    """A valid resident ID number and what it encodes."""

    number: str  #: the 18-character normalised number
    region_code: str  #: first 6 digits (administrative division at issue time)
    birth_date: dt.date
    sex: str  #: 'M' or 'F'
    upgraded_from_15: bool  #: the input was a first-generation 15-digit number


def id_check_char(first17: str) -> str:
    """Return the GB 11643-1999 check character ('0'-'9' or 'X') for 17 ID digits.

    >>> id_check_char("11010519491231002")
    'X'
    """
    if not isinstance(first17, str):
        raise _error("id_number", first17, "not_a_string", "expected str")
    if len(first17) != 17:
        raise _error("id_number", first17, "bad_length", f"expected 17 digits, got {len(first17)}")
    if not _is_digits(first17):
        raise _error("id_number", first17, "not_digits", "expected 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_id_number(value: str, *, today: dt.date | None = None) -> IdNumberInfo:
    """Validate a resident ID number and decode it; 15-digit numbers are upgraded to 18.

    Accepts surrounding/inner whitespace, full-width characters, a lower-case 'x' and Excel
    text quoting. ``today`` (default: the current date) bounds the birth date.

    >>> info = parse_id_number("11010519491231002x")
    >>> info.number, info.region_code, info.birth_date, info.sex
    ('11010519491231002X', '110105', datetime.date(1949, 12, 31), 'F')
    >>> parse_id_number("110105491231002").number
    '11010519491231002X'
    >>> try:
    ...     parse_id_number("1234")
    ... except IdNumberError as err:
    ...     print(err.reason)
    bad_length
    """
    s = _clean(value, "id_number").replace("x", "X")
    if len(s) == 15:
        if not _is_digits(s):
            raise _error("id_number", value, "not_digits", "a 15-character number must be digits")
        body = s[:6] + "19" + s[6:]
        s = body + id_check_char(body)
        upgraded = True
    elif len(s) == 18:
        if not (_is_digits(s[:17]) and (_is_digits(s[17]) or s[17] == "X")):
            raise _error("id_number", value, "not_digits", "expected 17 digits then a digit or X")
        upgraded = False
    else:
        raise _error("id_number", value, "bad_length", f"expected 18 characters, got {len(s)}")

    if s[:2] not in _PROVINCE_CODES:
        raise _error("id_number", value, "bad_region", f"unknown province code {s[:2]}")

    try:
        birth = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise _error("id_number", value, "bad_birth_date", f"{s[6:14]} is not a date") from None
    if birth.year < 1900:
        raise _error("id_number", value, "bad_birth_date", f"{birth} is before 1900")
    if birth > (today or dt.date.today()):
        raise _error("id_number", value, "bad_birth_date", f"{birth} is in the future")

    check = id_check_char(s[:17])
    if s[17] != check:
        raise _error("id_number", value, "bad_check_digit", f"expected {check}, got {s[17]}")

    sex = "M" if int(s[16]) % 2 else "F"
    return IdNumberInfo(s, s[:6], birth, sex, upgraded)


def normalize_id_number(value: str) -> str:
    """Return the 18-character normalised ID number, or raise :class:`IdNumberError`.

    >>> normalize_id_number(" １１０１０５１９４９１２３１００２ｘ ")
    '11010519491231002X'
    """
    return parse_id_number(value).number


# --- Luhn, bank cards and accounts ----------------------------------------------------------


def _require_digits(digits: str) -> None:
    if not isinstance(digits, str) or not _is_digits(digits):
        raise ValueError(f"expected a non-empty string of ASCII digits, got {digits!r}")


def _luhn_sum(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total


def luhn_ok(digits: str) -> bool:
    """True if ``digits`` (ASCII digits, check digit last) pass the Luhn check.

    >>> luhn_ok("4111111111111111"), luhn_ok("4111111111111112")
    (True, False)
    """
    _require_digits(digits)
    return _luhn_sum(digits) % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """Return the digit to append to ``partial`` so that the result passes Luhn.

    >>> luhn_check_digit("411111111111111")
    '1'
    """
    _require_digits(partial)
    return str(-_luhn_sum(partial + "0") % 10)


@dataclass(frozen=True)
class CardNumber:
    """A normalised card or account number. Real statements contain numbers failing Luhn."""

    number: str  #: digits only
    luhn_ok: bool  #: meaningful for cards only


def _normalize_bank_number(value, kind: str, min_len: int, max_len: int) -> CardNumber:
    s = _clean(value, kind, "-")
    if not _is_digits(s):
        raise _error(kind, value, "not_digits", "only digits, spaces and dashes are allowed")
    if not min_len <= len(s) <= max_len:
        raise _error(
            kind, value, "bad_length", f"expected {min_len}-{max_len} digits, got {len(s)}"
        )
    return CardNumber(s, luhn_ok(s))


def normalize_card_number(value: str) -> CardNumber:
    """Normalise a bank card number (12-19 digits); a Luhn failure is flagged, not rejected.

    Strips whitespace, dashes, full-width digits and Excel quoting (``'622...``, ``="622..."``).

    >>> normalize_card_number('="4111 1111 1111 1111"')
    CardNumber(number='4111111111111111', luhn_ok=True)
    >>> normalize_card_number("'6222-0212-3456-7890-123").luhn_ok
    False
    """
    return _normalize_bank_number(value, "card", 12, 19)


def normalize_account_number(value: str) -> CardNumber:
    """Normalise a bank account number (8-30 digits, e.g. a corporate account).

    ``luhn_ok`` is computed but means nothing for accounts that are not cards.

    >>> normalize_account_number("1100 1019 4000 5300 6789").number
    '11001019400053006789'
    """
    return _normalize_bank_number(value, "account", 8, 30)


# --- mobile numbers -------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")


def normalize_mobile(value: str) -> str:
    """Return the 11-digit mainland mobile number, or raise :class:`MobileError`.

    Accepts a ``+86``, ``0086`` or ``86`` prefix, spaces, dashes, parentheses, dots and
    full-width digits.

    >>> normalize_mobile("+86 138-1234-5678")
    '13812345678'
    >>> normalize_mobile("(0086) 138.1234.5678")
    '13812345678'
    """
    s = _clean(value, "mobile", "-().")
    if s.startswith("+"):
        if not s.startswith("+86"):
            raise _error("mobile", value, "bad_prefix", "only +86 numbers are supported")
        s = s[3:]
    elif len(s) == 15 and s.startswith("0086"):
        s = s[4:]
    elif len(s) == 13 and s.startswith("86"):
        s = s[2:]
    if not _is_digits(s):
        raise _error("mobile", value, "not_digits", "unexpected characters")
    if len(s) != 11:
        raise _error("mobile", value, "bad_length", f"expected 11 digits, got {len(s)}")
    if not _MOBILE_RE.fullmatch(s):
        raise _error("mobile", value, "bad_prefix", "a mobile number starts with 13-19")
    return s


def is_mobile(value) -> bool:
    """True if ``value`` normalises to a mainland mobile number. Never raises.

    >>> is_mobile("138 1234 5678"), is_mobile("12345678901"), is_mobile(None)
    (True, False, False)
    """
    try:
        normalize_mobile(value)
    except IdentifierError:
        return False
    return True


# --- IMEI -----------------------------------------------------------------------------------


def normalize_imei(value: str) -> str:
    """Return the 15-digit IMEI, or raise :class:`ImeiError`.

    Strips whitespace, dashes and slashes. A 14-digit IMEI (no check digit) is completed;
    a 16-digit IMEISV is rejected with reason ``'imeisv'``.

    >>> normalize_imei("49-015420-323751-8")
    '490154203237518'
    >>> normalize_imei("49015420323751")
    '490154203237518'
    """
    s = _clean(value, "imei", "-/")
    if not _is_digits(s):
        raise _error("imei", value, "not_digits", "only digits, spaces, dashes, slashes allowed")
    if len(s) == 14:
        return s + luhn_check_digit(s)
    if len(s) == 16:
        raise _error("imei", value, "imeisv", "16 digits is an IMEISV; give the 15-digit IMEI")
    if len(s) != 15:
        raise _error("imei", value, "bad_length", f"expected 15 digits, got {len(s)}")
    if not luhn_ok(s):
        expected = luhn_check_digit(s[:14])
        raise _error("imei", value, "bad_check_digit", f"expected {expected}, got {s[14]}")
    return s


# --- masking for exports --------------------------------------------------------------------


def mask(value: str, keep_start: int = 0, keep_end: int = 4, fill: str = "*") -> str:
    """Replace the middle of ``value`` with ``fill``, keeping its length.

    A value too short to hide anything between the kept ends is masked completely.

    >>> mask("6222021234567890123", keep_start=6, keep_end=4)
    '622202*********0123'
    >>> mask("1234", keep_start=2, keep_end=2)
    '****'
    """
    if keep_start < 0 or keep_end < 0:
        raise ValueError("keep_start and keep_end must not be negative")
    if len(fill) != 1:
        raise ValueError("fill must be a single character")
    n = len(value)
    if n <= keep_start + keep_end:
        return fill * n
    return value[:keep_start] + fill * (n - keep_start - keep_end) + value[n - keep_end :]


def mask_id_number(value: str) -> str:
    """Mask an ID number for export, keeping the region code and the last 4 characters.

    >>> mask_id_number("110105194912310024")
    '110105********0024'
    """
    return mask(value, keep_start=6, keep_end=4)


def mask_card_number(value: str) -> str:
    """Mask a card or account number for export, keeping the first 6 and last 4 digits.

    >>> mask_card_number("6222021234567890123")
    '622202*********0123'
    """
    return mask(value, keep_start=6, keep_end=4)


def mask_mobile(value: str) -> str:
    """Mask a mobile number for export, keeping the first 3 and last 4 digits.

    >>> mask_mobile("13812345678")
    '138****5678'
    """
    return mask(value, keep_start=3, keep_end=4)


# A masked card or account number: a few digits, a run of mask characters, a few digits
# (6222****1234, 6222 **** **** 1234, 622202******1234, ****1234, 尾号1234).
_MASKED = re.compile(r"(?:(\d{0,8})[*＊xX#•●]{2,}(\d{2,6})|尾号\s*(\d{3,6}))")
_MASK_NOISE = re.compile(r"[\s\-'\"=]")


def masked_number(raw: str) -> str | None:
    """The partial number of a masked card or account, masks written ``*``, or None: what
    statements print instead of the whole number. The importer keeps it as a partial card.

    >>> masked_number("6222 **** **** 1234"), masked_number("尾号1234")
    ('6222********1234', '*1234')
    >>> masked_number("6222021234567890123") is None
    True
    """
    s = _MASK_NOISE.sub("", unicodedata.normalize("NFKC", str(raw)))
    m = _MASKED.fullmatch(s)
    if m is None:
        return None
    if m.group(3):
        return "*" + m.group(3)
    stars = len(s) - len(m.group(1)) - len(m.group(2))
    return f"{m.group(1)}{'*' * stars}{m.group(2)}"


# --- masking free text ----------------------------------------------------------------------
#
# An export with masking on must not leak an identifier however it was typed: full-width
# digits (１３８…), groups split by spaces or dashes (6222 0212 3456 7890 123), embedded in a
# sentence (转入6222…户名张三), in any field. ``mask_text`` finds digit runs in every spelling,
# reads them as the validators would, and masks what they recognise. It hides more rather than
# less: runs joined by a separator are judged as one number.

# Whitespace (ASCII, no-break, the Unicode spaces and zero-widths, ideographic) and dashes
# (hyphen-minus, the Unicode hyphens and dashes, minus, small and full-width hyphen-minus).
_SEPARATOR = "[ \t\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff" \
    "\\-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d]"  # fmt: skip
# \d is every Unicode decimal digit (full-width, Arabic-Indic, ...). At most three separators
# between two digits; a trailing X may be an ID number's check character.
_DIGIT_RUN = re.compile(rf"(?<!\d)\d(?:{_SEPARATOR}{{0,3}}\d)*(?:{_SEPARATOR}{{0,3}}([XxＸｘ]))?")
# A mobile written with dots (138.1234.5678), as normalize_mobile accepts it.
_DOTTED_MOBILE = re.compile(r"(?<![\d.])((?:\+?86\.?)?1[3-9]\d)\.(\d{4})\.(\d{4})(?![\d.])")
# Words that say the short number after them is an account (8-11 digits are masked then).
_ACCOUNT_WORDS = re.compile(
    r"(?:账号|帐号|账户|帐户|卡号|户号|证件号|身份证|account|acct|a/c)\W{0,3}$", re.IGNORECASE
)
_DATE = re.compile(r"(?:19|20)\d\d\D{1,3}[01]?\d\D{1,3}[0-3]?\d(?!\d)")
_FIRST_LONG = 12  # shortest run masked without a word before it: card numbers start at 12


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit as its ASCII digit and full-width X as X.

    >>> ascii_digits("１３８ｘ٣")
    '138X3'
    """
    out = []
    for ch in text:
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch in "xＸｘ":
            out.append("X" if ch != "x" else ch)
        else:
            out.append(ch)
    return "".join(out)


def _mask_digits(digits: str, check: str = "", *, account: bool = False) -> str | None:
    """The masked form of one run of ASCII digits (plus an ID number's X), None to keep it."""
    n = len(digits)
    if check:
        if n == 17:
            return mask_id_number(digits + "X")
        return None
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == 11 and _MOBILE_RE.fullmatch(rest):
            return prefix + mask_mobile(rest)
    if n == 11 and _MOBILE_RE.fullmatch(digits):
        return mask_mobile(digits)
    if n >= _FIRST_LONG:
        # ID numbers (15, 18), cards (12-19, Luhn or not), accounts (to 30), IMEIs, serials.
        return mask(digits, keep_start=6, keep_end=4)
    if account and n >= 8:
        return mask(digits, keep_start=0, keep_end=4)
    return None


def mask_text(text: str) -> str:
    """Free text with every ID, card, account and mobile number masked, however written.

    Digits may be full-width or any other script's, grouped by spaces or dashes, embedded
    in a sentence. Runs of 12 or more digits (cards, accounts, ID numbers, serials) keep
    their first 6 and last 4 digits, an ID number's check X included; mobile numbers keep
    3 and 4 (with a +86 prefix too); 8 to 11 digits after a word such as 账号 keep the last
    4. Shorter numbers, amounts and dates stay as they are, and a masked number is written
    in ASCII digits without its separators. A number masked already stays masked.

    >>> mask_text("转入６２２２ ０２１２ ３４５６ ７８９０ １２３，户名张三")
    '转入622202*********0123，户名张三'
    >>> mask_text("身份证 110105-19491231-002x 电话 +86 138-1234-5678")
    '身份证 110105********002X 电话 +86138****5678'
    >>> mask_text("账号:12345678 金额 1,500.00 元 2025-03-01")
    '账号:****5678 金额 1,500.00 元 2025-03-01'
    >>> mask_text("6222****1234")
    '6222****1234'
    """
    if not text or not isinstance(text, str):
        return text

    def repl(m: re.Match) -> str:
        raw = m.group(0)
        check = m.group(1) or ""
        body = raw[: m.start(1) - m.start(0)] if check else raw
        digits = "".join(ch for ch in ascii_digits(body) if ch.isdigit())
        # After 账号 and the like a short run is an account too, unless it is a date
        # (涉案账户：2025-03-01 10:30 起).
        account = not _DATE.match(ascii_digits(body)) and bool(
            _ACCOUNT_WORDS.search(text, max(0, m.start() - 12), m.start())
        )
        masked = _mask_digits(digits, "X" if check else "", account=account)
        if masked is None and check:
            # Not an ID number: the X is a letter; judge the digits alone.
            masked = _mask_digits(digits, account=account)
            return raw if masked is None else masked + body[len(body.rstrip()) :] + check
        return raw if masked is None else masked

    def dotted(m: re.Match) -> str:
        number = "".join(m.groups()).replace(".", "")
        return number[:-11] + mask_mobile(number[-11:])

    return _DOTTED_MOBILE.sub(dotted, _DIGIT_RUN.sub(repl, text))


def mask_identifier(value: str, kind: str = "") -> str:
    """A natural key as a masked export shows it; ``kind`` is the entity kind if known.

    A whole key of 8 or more digits (an ID number with its X, a card, an account, an IMEI)
    keeps its first 6 and last 4 characters, a mobile number 3 and 4; a payment account's
    key (``platform:account``) keeps its platform and masks the numbers in the account; a
    partial card (``6222****1234``) keeps its mask; a crypto wallet's address stays as it
    is (a public key, no personal number). Anything else is masked as free text.

    >>> mask_identifier("11010519491231002X", "person")
    '110105********002X'
    >>> mask_identifier("13812345678", "phone_card"), mask_identifier("wechat:13812345678")
    ('138****5678', 'wechat:138****5678')
    >>> mask_identifier("12345678", "bank_card"), mask_identifier("6222****1234", "bank_card")
    ('********', '6222****1234')
    """
    if not value or not isinstance(value, str):
        return value
    if kind == "crypto_wallet":
        return value
    plain = "".join(ascii_digits(value).split()).replace("-", "")
    if len(plain) >= 8 and _is_digits(plain[:-1]) and plain[-1] in "0123456789X":
        if len(plain) == 11 and _MOBILE_RE.fullmatch(plain):
            return mask_mobile(plain)
        return mask(plain, keep_start=6, keep_end=4)
    platform, sep, account = value.partition(":")
    if sep and platform in PLATFORM_CODES:
        return f"{platform}:{mask_identifier(account)}"
    return mask_text(value)


__all__ += ["ascii_digits", "mask_identifier", "mask_text"]


# --- payment-platform accounts and crypto wallet addresses ----------------------------------

# They live in identifiers_online.py since this module passed the ~1,000-line house limit.
# Re-exported as ``name as name`` because the rest of Zhanlian (``ids.payment_account_key``,
# ``from ..identifiers import CHAINS``, the tests' ``ids._keccak``) imports them from here,
# and mask_identifier above uses PLATFORM_CODES. identifiers_online takes _error and _FULLWIDTH
# from this module, so this import comes at the END, after those are defined; identifiers_online
# imports them at its own end too, so either module can be imported first without a cycle error.
from .identifiers_online import CHAINS as CHAINS  # noqa: E402
from .identifiers_online import PLATFORM_CODES as PLATFORM_CODES  # noqa: E402
from .identifiers_online import PLATFORMS as PLATFORMS  # noqa: E402
from .identifiers_online import _keccak as _keccak  # noqa: E402
from .identifiers_online import crypto_chain as crypto_chain  # noqa: E402
from .identifiers_online import eip55_checksum as eip55_checksum  # noqa: E402
from .identifiers_online import keccak256 as keccak256  # noqa: E402
from .identifiers_online import normalize_crypto_address as normalize_crypto_address  # noqa: E402
from .identifiers_online import payment_account_key as payment_account_key  # noqa: E402
from .identifiers_online import platform_code as platform_code  # noqa: E402
