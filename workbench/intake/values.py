"""Parsing the values of bank statements and call records: amounts, directions, times, durations.

Every parser takes the text of one cell and returns a canonical value, or raises
:class:`ValueParseError` whose ``reason`` is one of :data:`REASONS`. The parsers are pure and
called once per row of files with a million rows, so the forms banks use most (``1234.56``,
``2023-03-27 23:41:05``) take a fast path and the rest go through a tolerant slow path that
accepts full-width characters, currency marks, Chinese date words and Excel serial numbers.

Conventions worth knowing:

* Amounts are integer fen. More than two decimals are rounded half up on the magnitude
  (四舍五入: ``0.125`` -> 13 fen, ``-0.125`` -> -13 fen); the ledger systems that emit
  three or four decimals pad with zeros, so rounding is almost always exact.
* Directions are seen from the statement's own account: ``+1`` money in, ``-1`` money out.
  借 (debit) is money OUT of a deposit account and 贷 (credit) is money IN: that is the
  bank's ledger convention which statements and bank-inquiry replies follow
  (借方发生额 = 支出, 贷方发生额 = 收入).
* Times are ``'YYYY-MM-DD HH:MM:SS'`` text, local time as the file gives it; fractions of a
  second are dropped; years outside 1900-2099 are rejected as placeholders or typos.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

__all__ = [
    "CALL_TYPES",
    "MAX_AMOUNT_FEN",
    "MAX_DURATION_S",
    "REASONS",
    "ValueParseError",
    "amount_too_large",
    "format_amount",
    "parse_amount",
    "parse_call_type",
    "parse_datetime",
    "parse_direction",
    "parse_duration",
]

#: Every ``ValueParseError.reason`` this module raises.
REASONS = (
    "empty",  # nothing but whitespace
    "bad_amount",
    "bad_direction",
    "bad_date",
    "bad_time",
    "bad_duration",
    "bad_call_type",
    "too_large",  # a number beyond any real figure (it would not even fit the case file)
)

#: No real amount reaches 10^13 yuan (China's GDP is about 1.3 * 10^14 yuan a year): a
#: bigger one is a typo or a hostile cell, and beyond 2**63 fen it cannot even be stored.
MAX_AMOUNT_FEN = 10**15
#: No call lasts ten days.
MAX_DURATION_S = 10 * 86400

#: Codes returned by :func:`parse_call_type`.
CALL_TYPES = ("voice_out", "voice_in", "sms_out", "sms_in", "voice_fwd")


class ValueParseError(ValueError):
    """A cell's text is not a value of the expected kind.

    >>> err = ValueParseError("bad_amount", "12,34", "misplaced thousands separator")
    >>> err.reason, err.value
    ('bad_amount', '12,34')
    >>> str(err)
    "bad_amount: '12,34' (misplaced thousands separator)"
    """

    def __init__(self, reason: str, value, detail: str = ""):
        super().__init__(reason, value, detail)
        self.reason = reason
        self.value = value
        self.detail = detail

    def __str__(self) -> str:
        text = f"{self.reason}: {self.value!r}"
        return f"{text} ({self.detail})" if self.detail else text


def _nfkc(text: str) -> str:
    """Full-width forms to ASCII (NFKC), the Unicode minus to '-', surrounding space removed."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def _check_text(text, reason: str) -> str:
    if not isinstance(text, str):
        raise ValueParseError(reason, text, f"expected str, got {type(text).__name__}")
    return text


# --- amounts -----------------------------------------------------------------------------------

_PLAIN_AMOUNT = re.compile(r"([+-]?)(\d{1,15})(?:\.(\d{1,2}))?").fullmatch

_AMOUNT = re.compile(
    r"""
    (?P<s1>[+-])?\s*
    (?:¥|\$|RMB|CNY|人民币)?\s*
    (?P<s2>[+-])?\s*
    (?P<int>\d[\d,]*)?(?:\.(?P<frac>\d*))?
    \s*(?:元|圆|RMB|CNY|人民币元?)?
    \s*(?P<s3>-)?
    """,
    re.VERBOSE | re.IGNORECASE,
).fullmatch
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+").fullmatch


def parse_amount(text: str) -> int:
    """Parse a money amount into integer fen; the sign is kept (``-`` or parentheses).

    Accepts thousands separators, ``¥``/``￥``/``RMB``/``CNY``/``人民币`` before and ``元``
    after the number, full-width digits, a leading ``+``/``-``, a trailing ``-`` (mainframe
    listings) and accounting parentheses for negatives. Rejects European decimal commas,
    space-grouped digits and exponents: such a value is ambiguous or has lost precision.

    >>> parse_amount("1234.56"), parse_amount("0.29"), parse_amount("-500")
    (123456, 29, -50000)
    >>> parse_amount("¥1,234.50"), parse_amount("1234.5元"), parse_amount("(1,234.00)")
    (123450, 123450, -123400)
    >>> parse_amount("１２３．４５"), parse_amount("人民币100.00"), parse_amount("0.125")
    (12345, 10000, 13)
    >>> parse_amount("1 234,00")
    Traceback (most recent call last):
    ...
    workbench.intake.values.ValueParseError: bad_amount: '1 234,00' (not a number)
    """
    m = _PLAIN_AMOUNT(text) if text.__class__ is str else None
    if m is not None:
        sign, whole, frac = m.groups()
        fen = int(whole) * 100
        if frac:
            fen += int(frac) * 10 if len(frac) == 1 else int(frac)
    else:
        fen = _parse_amount_slow(_check_text(text, "bad_amount"))
        sign = "-" if fen < 0 else ""
        fen = abs(fen)
    if fen > MAX_AMOUNT_FEN:
        raise ValueParseError("too_large", text, "beyond any real figure (10^13 yuan)")
    return -fen if sign == "-" else fen


def amount_too_large(text: str) -> bool:
    """Whether an amount cell has more digits before its decimal point than any real amount
    (more than 14): a cheap test for cells the readers' fast paths take as they come.

    >>> amount_too_large("12345678901234567890.00"), amount_too_large("-9,999,999,999,999.99")
    (True, False)
    """
    if len(text) < 15:
        return False
    whole = text.partition(".")[0]
    return sum(ch.isdigit() for ch in whole) > 14


# An amount followed by a note in brackets: JD's '131.77(已退款89.84)'.
_AMOUNT_WITH_NOTE = re.compile(r"([-+]?[\d,.]+元?)\s*\([^()]*[^\d\s,.()][^()]*\)")


def _parse_amount_slow(text: str) -> int:
    s = _nfkc(text)
    if not s:
        raise ValueParseError("empty", text)
    noted = _AMOUNT_WITH_NOTE.fullmatch(s)
    if noted is not None:
        s = noted.group(1)
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    m = _AMOUNT(s)
    if m is None or (m["int"] is None and not m["frac"]):
        raise ValueParseError("bad_amount", text, "not a number")
    signs = [x for x in (m["s1"], m["s2"], m["s3"]) if x]
    if len(signs) > 1 or (signs and negative):
        raise ValueParseError("bad_amount", text, "more than one sign")
    if signs and signs[0] == "-":
        negative = True
    whole = m["int"] or "0"
    if "," in whole:
        if not _GROUPED(whole):
            raise ValueParseError("bad_amount", text, "misplaced thousands separator")
        whole = whole.replace(",", "")
    if len(whole.lstrip("0")) > 14:  # before int(): 5,000 digits would not even convert
        raise ValueParseError("too_large", text, "beyond any real figure (10^13 yuan)")
    frac = m["frac"] or ""
    fen = int(whole) * 100 + int((frac + "00")[:2])
    if len(frac) > 2 and frac[2] >= "5":
        fen += 1  # round half up on the magnitude
    return -fen if negative else fen


def format_amount(fen: int, *, thousands: bool = False) -> str:
    """Format integer fen as yuan with two decimals, the inverse of :func:`parse_amount`.

    >>> format_amount(123450), format_amount(-5), format_amount(123456789, thousands=True)
    ('1234.50', '-0.05', '1,234,567.89')
    """
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    whole = f"{yuan:,}" if thousands else str(yuan)
    return f"{sign}{whole}.{cents:02d}"


# --- directions --------------------------------------------------------------------------------

_IN = +1
_OUT = -1
# Keys are NFKC-normalised, upper-cased, without spaces. Numeric codes (0/1, 1/2) differ from
# bank to bank and are deliberately absent: a guess would silently reverse money flows.
_IN_WORDS = (
    "贷",
    "贷方",
    "贷记",
    "C",
    "CR",
    "CREDIT",
    "进",
    "进账",
    "入",
    "入账",
    "收",
    "收入",
    "收款",
    "转入",
    "存",
    "存入",
    "来账",
    "IN",
    "+",
    "DEPOSIT",
    "收/贷",
    "贷/收",
)
_OUT_WORDS = (
    "借",
    "借方",
    "借记",
    "D",
    "DR",
    "DEBIT",
    "出",
    "出账",
    "付",
    "付款",
    "支",
    "支出",
    "转出",
    "取",
    "取出",
    "支取",
    "往账",
    "OUT",
    "-",
    "WITHDRAWAL",
    "付/借",
    "借/付",
)
#: Marks of rows that are neither money in nor out as printed: transfers between the
#: owner's own funds (Alipay 不计收支, WeChat ``/``). 0: the reader decides from the summary.
_NEUTRAL_WORDS = ("/", "不计收支", "中性交易", "中性", "资金转移", "其他", "NEUTRAL")
_DIRECTIONS: dict[str, int] = {
    **dict.fromkeys(_IN_WORDS, _IN),
    **dict.fromkeys(_OUT_WORDS, _OUT),
    **dict.fromkeys(_NEUTRAL_WORDS, 0),
    # Platform and bank spellings seen in real exports.
    **dict.fromkeys(("已收入", "收入(+)", "+收入", "入金", "转入款", "来款"), _IN),
    **dict.fromkeys(("已支出", "支出(-)", "-支出", "出金", "转出款"), _OUT),
}
_direction_cache: dict[str, int] = {}
# Words and marks a compound direction (借 Dr, 贷/CR, 收入(+)) is made of.
_DIRECTION_TOKENS = re.compile(r"[\u3400-\u9fff]+|[A-Z]+|[+\-]")


def parse_direction(text: str) -> int:
    """Return ``+1`` for money into the statement's own account, ``-1`` for money out, ``0``
    for a row marked neither (不计收支, ``/``: the owner's own funds moving).

    借/借方/D/Dr/debit/出/付/支出/转出/取/- are OUT; 贷/贷方/C/Cr/credit/进/收/收入/转入/存/+
    are IN; compounds (借 Dr, 贷/CR) when their parts agree. Numeric codes are rejected:
    their meaning differs from bank to bank.

    >>> parse_direction("贷"), parse_direction("借"), parse_direction(" 转出 "), parse_direction("Cr")
    (1, -1, -1, 1)
    >>> parse_direction("借 Dr"), parse_direction("贷(CR)"), parse_direction("不计收支")
    (-1, 1, 0)
    >>> parse_direction("1")
    Traceback (most recent call last):
    ...
    workbench.intake.values.ValueParseError: bad_direction: '1' (unknown debit/credit mark)
    """
    found = _direction_cache.get(text)
    if found is not None:
        return found
    key = "".join(_nfkc(_check_text(text, "bad_direction")).upper().split())
    if not key:
        raise ValueParseError("empty", text)
    found = _DIRECTIONS.get(key)
    if found is None:
        # 借 Dr, 贷(CR), 收入(+): every part that is a known mark must agree.
        parts = {_DIRECTIONS.get(t) for t in _DIRECTION_TOKENS.findall(key)} - {None}
        if len(parts) != 1:
            raise ValueParseError("bad_direction", text, "unknown debit/credit mark")
        found = parts.pop()
    if len(_direction_cache) < 10_000:
        _direction_cache[text] = found
    return found


# --- dates and times ---------------------------------------------------------------------------

# Canonical 'YYYY-MM-DD' and 'HH:MM:SS' strings already validated. A timestamp whose two
# halves are members is valid without further work; both sets stay small (the days of the
# period covered, at most 86,400 times of day). The record readers use them inline.
_good_dates: set[str] = set()
_good_clocks: set[str] = set()

_DATE_PART = re.compile(
    r"""
    (?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?
    | (?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})
    """,
    re.VERBOSE,
)
_CLOCK = re.compile(
    r"""
    (?P<ap1>上午|下午|凌晨|早上|中午|晚上|AM|PM)?\s*
    (?:
        (?P<h>\d{1,2})\s*[:时點点]\s*(?P<mi>\d{1,2})
        (?:\s*[:分]\s*(?P<s>\d{1,2})\s*秒?|\s*分)?
      | (?P<ch>\d{2})(?P<cmi>\d{2})(?P<cs>\d{2})?
    )
    (?:[.,]\d{1,9})?
    \s*(?P<ap2>上午|下午|AM|PM)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?").fullmatch
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # 1900 date system, Lotus leap-year bug included
_PM_WORDS = frozenset({"下午", "晚上", "PM"})
_AM_WORDS = frozenset({"上午", "凌晨", "早上", "AM"})
_date_cache: dict[str, str | None] = {}
_clock_cache: dict[str, str | None] = {}
_CACHE_LIMIT = 200_000


def parse_datetime(date_text: str, time_text: str | None = None) -> str:
    """Parse a date and time into ``'YYYY-MM-DD HH:MM:SS'``.

    ``date_text`` holds a date or a date and time: ``2023-03-27 23:41:05``,
    ``2023/3/27 9:05``, ``2023-03-27T23:41:05``, ``20230327 234105``, ``20230327234105``,
    ``2023年3月27日 23时41分05秒``, ``2023.03.27 23:41``, ``2023-03-27`` (midnight), with
    上午/下午 or AM/PM, or an Excel serial number (1900 date system). ``time_text``, when
    given and not blank, is the time of day from a separate column (``234105``,
    ``23:41:05``, ``9:05``, ``0.98686``; digits are HHMMSS whose leading zeros a spreadsheet
    may have dropped: ``94105`` is 09:41:05) and replaces any time in ``date_text``; if it
    holds a whole date and time, that wins. Fractions of a second are dropped.

    >>> parse_datetime("2023-03-27 23:41:05"), parse_datetime("2023/3/27 9:05")
    ('2023-03-27 23:41:05', '2023-03-27 09:05:00')
    >>> parse_datetime("2023年3月27日 23时41分05秒"), parse_datetime("45012.98686")
    ('2023-03-27 23:41:05', '2023-03-27 23:41:05')
    >>> parse_datetime("20230327", "94105"), parse_datetime("2023-03-27", "下午 3:05")
    ('2023-03-27 09:41:05', '2023-03-27 15:05:00')
    >>> parse_datetime("2023-02-30 10:00:00")
    Traceback (most recent call last):
    ...
    workbench.intake.values.ValueParseError: bad_date: '2023-02-30 10:00:00' (not a calendar date)
    """
    if date_text.__class__ is str:
        if not time_text:
            if (
                date_text[:10] in _good_dates
                and date_text[11:] in _good_clocks
                and len(date_text) == 19
                and date_text[10] == " "
            ):
                return date_text
        elif date_text in _good_dates and time_text in _good_clocks:
            return f"{date_text} {time_text}"
        if not time_text and len(date_text) == 19 and _canonical_stamp(date_text):
            return date_text
    return _parse_datetime_slow(_check_text(date_text, "bad_date"), time_text)


def _canonical_stamp(s: str) -> bool:
    """Whether a 19-character text is a valid ``YYYY-MM-DD HH:MM:SS``, the form nearly every
    statement uses; its halves join the validated sets. Checked with string methods: the
    general parser costs tens of microseconds, and a large statement has tens of thousands
    of distinct times of day."""
    if s[10] != " " or not s.isascii():
        return False
    day, clock = s[:10], s[11:]
    if day not in _good_dates and not (
        day[4] == "-" == day[7]
        and day[:4].isdigit()
        and day[5:7].isdigit()
        and day[8:].isdigit()
        and _valid_day(day)
    ):
        return False
    if clock not in _good_clocks:
        if not (
            clock[2] == ":" == clock[5]
            and clock[:2].isdigit()
            and clock[3:5].isdigit()
            and clock[6:].isdigit()
            and clock[:2] < "24"
            and clock[3] < "6"
            and clock[6] < "6"
        ):
            return False
        _good_clocks.add(clock)
    return True


def _valid_day(day: str) -> bool:
    """Validate a ``YYYY-MM-DD`` string once, remembering the good ones (there are few)."""
    try:
        d = dt.date(int(day[:4]), int(day[5:7]), int(day[8:10]))
    except ValueError:
        return False
    if not 1900 <= d.year <= 2099:
        return False
    _good_dates.add(day)
    return True


def _parse_datetime_slow(date_text: str, time_text: str | None) -> str:
    if time_text is not None and not isinstance(time_text, str):
        raise ValueParseError("bad_time", time_text, "expected str")
    if time_text and time_text.strip():
        whole = _split_datetime(time_text)
        if whole is not None and whole[1] is not None:
            return f"{whole[0]} {whole[1]}"  # the "time" column holds a full timestamp
        day = _date_only(date_text)
        return f"{day} {_clock_only(time_text)}"
    parts = _split_datetime(date_text)
    if parts is None:
        _date_only(date_text)  # raises the precise reason
        raise ValueParseError("bad_time", date_text, "not a time of day")
    day, clock = parts
    return f"{day} {clock or '00:00:00'}"


def _date_only(text: str) -> str:
    """The ``YYYY-MM-DD`` of a cell holding a date (any time part is ignored)."""
    parts = _split_datetime(text)
    if parts is None:
        s = _nfkc(text)
        if not s:
            raise ValueParseError("empty", text)
        m = _DATE_PART.match(s)
        if m is None:
            raise ValueParseError("bad_date", text, "not a date")
        if _ymd(m) is None:
            raise ValueParseError("bad_date", text, "not a calendar date")
        raise ValueParseError("bad_time", text, "not a time of day")
    return parts[0]


def _clock_only(text: str) -> str:
    found = _clock_cache.get(text)
    if found is None:
        found = _parse_clock(_nfkc(text))
        if found is None:
            if not text.strip():
                raise ValueParseError("empty", text)
            raise ValueParseError("bad_time", text, "not a time of day")
        if len(_clock_cache) >= _CACHE_LIMIT:
            _clock_cache.clear()
        _clock_cache[text] = found
    return found


def _ymd(m: re.Match) -> str | None:
    if m["y"] is not None:
        y, mo, d = m["y"], m["m"], m["d"]
    else:
        y, mo, d = m["cy"], m["cm"], m["cd"]
    day = f"{y}-{int(mo):02d}-{int(d):02d}"
    return day if day in _good_dates or _valid_day(day) else None


def _parse_clock(s: str) -> str | None:
    """``HH:MM:SS`` from a time-of-day text (already NFKC-normalised), or None."""
    if s.isdigit():
        # Digits are HHMMSS; stored as a number, the time loses its leading zeros
        # (09:41:05 -> 94105, 00:10:00 -> 1000), so they are put back.
        if len(s) > 6 or not s.isascii():
            return None
        s = s.zfill(6)
        return _hms(s[:2], s[2:4], s[4:])
    if s.startswith("0.") and s[2:].isdigit():  # Excel time of day as a fraction of a day
        seconds = round(float(s) * 86400)
        return None if seconds >= 86400 else _seconds_to_clock(seconds)
    m = _CLOCK.fullmatch(s)
    if m is None:
        return None
    if m["h"] is not None:
        h, mi, sec = m["h"], m["mi"], m["s"] or "0"
    else:
        h, mi, sec = m["ch"], m["cmi"], m["cs"] or "0"
    marker = (m["ap1"] or m["ap2"] or "").upper()
    if marker:
        hour = int(h)
        if not 1 <= hour <= 12 and not (hour == 0 and marker in _AM_WORDS):
            return None
        if marker in _PM_WORDS and hour < 12:
            hour += 12
        elif marker in _AM_WORDS and hour == 12:
            hour = 0
        elif marker == "中午" and hour < 11:
            hour += 12
        h = str(hour)
    return _hms(h, mi, sec)


def _hms(h: str, mi: str, sec: str) -> str | None:
    hour, minute, second = int(h), int(mi), int(sec)
    if hour > 23 or minute > 59 or second > 59:
        return None
    clock = f"{hour:02d}:{minute:02d}:{second:02d}"
    _good_clocks.add(clock)
    return clock


def _seconds_to_clock(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    return f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _split_datetime(text: str) -> tuple[str, str | None] | None:
    """``(day, clock-or-None)`` of a date or date-time text, or None when it is not one."""
    found = _date_cache.get(text)
    if found is not None or text in _date_cache:
        return None if found is None else (found[:10], found[11:] or None)
    result = _split_datetime_uncached(_nfkc(text))
    if len(_date_cache) >= _CACHE_LIMIT:
        _date_cache.clear()
    # Cache plain dates only: timestamps with a time are nearly all distinct.
    if result is None or result[1] is None:
        _date_cache[text] = None if result is None else result[0] + " "
    return result


def _split_datetime_uncached(s: str) -> tuple[str, str | None] | None:
    if not s:
        return None
    if _EXCEL_SERIAL(s):
        serial = float(s)
        if not 20_000 <= serial < 80_000:  # 1954..2119; anything else is not a date here
            return None
        stamp = _EXCEL_EPOCH + dt.timedelta(seconds=round(serial * 86400))
        day = stamp.strftime("%Y-%m-%d")
        return day, (None if "." not in s else stamp.strftime("%H:%M:%S"))
    m = _DATE_PART.match(s)
    if m is None:
        return None
    if m["cy"] is not None:
        # Compact digits: 8 for the date, optionally 4 or 6 more for the time (with or
        # without a separator), optionally milliseconds.
        rest = s[m.end() :].lstrip(" T-")
        if rest and not re.fullmatch(r"\d{4}(?:\d{2}(?:\d{1,6})?)?", rest):
            return None
        if rest:
            rest = rest[:6] if len(rest) >= 6 else rest + "00"  # YYYYMMDDHHMM
    else:
        rest = s[m.end() :].lstrip().removeprefix("T").lstrip()
    day = _ymd(m)
    if day is None:
        return None
    if not rest:
        return day, None
    clock = _parse_clock(rest)
    return None if clock is None else (day, clock)


# --- durations ---------------------------------------------------------------------------------

_DURATION_UNITS = re.compile(
    r"(?:(?P<h>\d+)\s*(?:小时|时|h|hr|hour|hours))?\s*"
    r"(?:(?P<m>\d+)\s*(?:分钟|分|m|min|mins|minute|minutes))?\s*"
    r"(?:(?P<s>\d+)\s*(?:秒钟|秒|s|sec|secs|second|seconds)?)?",
    re.IGNORECASE,
)


_LONG_DIGITS = re.compile(r"\d{13}").search


def parse_duration(text: str) -> int:
    """Parse a call duration into whole seconds.

    Accepts seconds (``125``, ``125秒``, ``125s``, ``125.0``), ``H:MM:SS``, ``M:SS`` and
    Chinese units (``2分5秒``, ``1小时2分``).

    >>> [parse_duration(t) for t in ("125", "125秒", "00:02:05", "2:05", "2分5秒", "1小时")]
    [125, 125, 125, 125, 125, 3600]
    """
    seconds = _parse_duration(_check_text(text, "bad_duration"))
    if seconds > MAX_DURATION_S:
        raise ValueParseError("too_large", text, "beyond any real call (ten days)")
    return seconds


def _parse_duration(text: str) -> int:
    if text.isdigit() and text.isascii():
        if len(text) > 12:
            raise ValueParseError("too_large", text, "beyond any real call (ten days)")
        return int(text)
    s = _nfkc(text)
    if not s:
        raise ValueParseError("empty", text)
    if _LONG_DIGITS(s):
        raise ValueParseError("too_large", text, "beyond any real call (ten days)")
    if re.fullmatch(r"\d+\.\d+", s):
        whole, frac = s.split(".")
        return int(whole) + (frac[0] >= "5")
    parts = s.split(":")
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
        numbers = [int(p) for p in parts]
        if any(n > 59 for n in numbers[1:]):
            raise ValueParseError("bad_duration", text, "minutes or seconds above 59")
        if len(numbers) == 2:
            return numbers[0] * 60 + numbers[1]
        return numbers[0] * 3600 + numbers[1] * 60 + numbers[2]
    m = _DURATION_UNITS.fullmatch(s)
    if m is None or not any(m.groups()):
        raise ValueParseError("bad_duration", text, "not a duration")
    h, mi, sec = (int(x) if x else 0 for x in m.group("h", "m", "s"))
    return h * 3600 + mi * 60 + sec


# --- call types --------------------------------------------------------------------------------

# Explicit words first (NFKC, upper case, spaces/brackets/dashes removed); anything else is
# decided by its parts: the medium (SMS, forwarding, voice) and the direction.
_CALL_TYPE_WORDS: dict[str, str] = {
    "主叫": "voice_out", "呼出": "voice_out", "拨出": "voice_out", "去话": "voice_out",
    "MOC": "voice_out", "MO": "voice_out", "OUTGOING": "voice_out", "OUT": "voice_out",
    "被叫": "voice_in", "呼入": "voice_in", "来电": "voice_in", "来话": "voice_in",
    "MTC": "voice_in", "MT": "voice_in", "INCOMING": "voice_in", "IN": "voice_in",
    "呼转": "voice_fwd", "呼叫转移": "voice_fwd", "前转": "voice_fwd", "转接": "voice_fwd",
    "CFW": "voice_fwd", "FWD": "voice_fwd", "FORWARD": "voice_fwd", "FORWARDED": "voice_fwd",
    "SMMO": "sms_out", "SMSMO": "sms_out", "MOSMS": "sms_out", "SMSOUT": "sms_out",
    "SMMT": "sms_in", "SMSMT": "sms_in", "MTSMS": "sms_in", "SMSIN": "sms_in",
    # 3GPP record types as carriers' exports print them: SMS originated / terminated.
    "SMO": "sms_out", "SMT": "sms_in", "MOSM": "sms_out", "MTSM": "sms_in",
}  # fmt: skip
_SMS_MARKS = ("短信", "彩信", "SMS", "MMS", "SM")
_FWD_MARKS = ("呼转", "转移", "前转", "转接", "CFW", "FWD", "FORWARD")
_OUT_MARKS = ("主叫", "呼出", "拨出", "去话", "发", "MO", "OUT", "SENT", "SEND", "ORIG")
_IN_MARKS = ("被叫", "呼入", "来电", "来话", "接", "收", "MT", "IN", "RECEIV", "TERM")
_call_type_cache: dict[tuple[str, str | None], str] = {}


def _call_key(text: str) -> str:
    s = _nfkc(text).upper()
    return re.sub(r"[\s()\[\]{}<>_\-/·.,:]+", "", s)


def _call_direction(key: str) -> str | None:
    """'out', 'in' or None from the direction words in ``key``; 主叫/被叫 outrank 发/收."""
    for marks, result in (
        (("主叫", "呼出", "拨出", "去话"), "out"),
        (("被叫", "呼入", "来电", "来话"), "in"),
        (_OUT_MARKS, "out"),
        (_IN_MARKS, "in"),
    ):
        if any(mark in key for mark in marks):
            return result
    return None


def parse_call_type(text: str, direction: str | None = None) -> str:
    """Classify a call record as one of :data:`CALL_TYPES`.

    ``voice_out``/``voice_in`` (主叫/被叫, 呼出/呼入, MOC/MTC, MO/MT), ``sms_out``/``sms_in``
    (短信发送/短信接收, 短信主叫/短信被叫, SMMO/SMMT) and ``voice_fwd`` (呼转, 呼叫转移, CFW).
    When the type column says only 短信 (or 语音) and a separate column holds the direction,
    pass that column's text as ``direction``. MO/MT alone mean voice calls (MOC/MTC); SMS
    types name the medium (SMMO, 短信MO).

    >>> parse_call_type("主叫"), parse_call_type("短信接收"), parse_call_type("呼转")
    ('voice_out', 'sms_in', 'voice_fwd')
    >>> parse_call_type("短信", direction="发送"), parse_call_type("语音", "被叫")
    ('sms_out', 'voice_in')
    """
    cache_key = (text, direction)
    found = _call_type_cache.get(cache_key)
    if found is not None:
        return found
    key = _call_key(_check_text(text, "bad_call_type"))
    if not key and not direction:
        raise ValueParseError("empty", text)
    found = _CALL_TYPE_WORDS.get(key)
    if found is None:
        found = _classify_call(key, _call_key(direction) if direction else "", text)
    if len(_call_type_cache) < 10_000:
        _call_type_cache[cache_key] = found
    return found


def _classify_call(key: str, direction_key: str, text: str) -> str:
    if any(mark in key for mark in _FWD_MARKS):
        return "voice_fwd"
    sms = any(mark in key for mark in _SMS_MARKS)
    # Medium words contain no direction, so read the direction with them removed
    # ("SMS" contains no "MO", but "SMSMO" does after removal of "SMS").
    rest = key
    for mark in _SMS_MARKS + ("语音", "通话", "电话", "VOICE", "CALL"):
        rest = rest.replace(mark, "")
    way = _call_direction(rest) if rest else None
    if way is None and direction_key:
        way = _call_direction(direction_key)
    if way is None:
        raise ValueParseError("bad_call_type", text, "neither outgoing nor incoming")
    return f"{'sms' if sms else 'voice'}_{way}"
