"""Turning table rows into typed records, or into rejected rows that say what is wrong.

:func:`bank_records`, :func:`call_records` and :func:`register_records` yield exactly one
output per data row, in file order: a record, or a :class:`RejectedRow` naming the first
failing column (leftmost in the file), its raw value and a short, stable English reason.
Only the facts that make a record reject a row: for a transaction the own card, time,
amount and direction; for a call the two numbers, time, type and duration; for a register
row its identifiers. Everything else is kept when it parses and dropped (to ``''`` or
``None``) when it does not: a counterpart's bad ID number never costs the transaction.

Identifiers are normalised with :mod:`workbench.identifiers`. A card failing the Luhn check
is kept and flagged (``card_valid=False``): real statements contain such numbers.

Speed matters (a million rows of a bank statement in a few seconds), so the row loops keep
their state in locals, cache the normalisation of values that repeat (cards, directions,
currencies, ID numbers) and only go back over a row in detail when it fails. The importer
reads bank statements through :func:`bank_rows`, the same records as plain tuples.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import identifiers as ids
from .columns import Mapping, clean_header
from .read import Table
from .values import (
    ValueParseError,
    _good_clocks,
    _good_dates,
    parse_amount,
    parse_call_type,
    parse_datetime,
    parse_direction,
    parse_duration,
)

__all__ = [
    "BankRecord",
    "CallRecord",
    "RegisterRecord",
    "RejectedRow",
    "bank_records",
    "bank_rows",
    "call_records",
    "register_records",
    "row_problems",
]


@dataclass(slots=True)
class BankRecord:
    """One transaction, seen from the statement's own account (``direction`` +1 in, -1 out).

    ``card`` is the normalised own card or account number; ``counterpart_card`` is ``''``
    when there is none or it is not a number (the text, e.g. 财付通, is then kept in
    ``counterpart_name``). ``amount_fen`` is never negative. ``bank`` is the own account's
    bank when the file names it.
    """

    line: int
    card: str
    card_valid: bool
    account_name: str
    account_id_number: str
    time: str
    amount_fen: int
    direction: int
    balance_fen: int | None
    currency: str
    serial: str
    counterpart_card: str
    counterpart_card_valid: bool
    counterpart_name: str
    counterpart_id_number: str
    counterpart_bank: str
    summary: str
    channel: str
    place: str
    ip: str
    mac: str
    cash: bool
    bank: str = ""


@dataclass(slots=True)
class CallRecord:
    """One call or SMS of the subject ``own_number``; ``call_type`` is one of
    :data:`workbench.intake.values.CALL_TYPES` seen from the subject."""

    line: int
    own_number: str
    other_number: str
    time: str
    duration_s: int
    call_type: str
    cell: str
    cell_address: str
    imei: str
    imsi: str
    roaming: str


@dataclass(slots=True)
class RegisterRecord:
    """One row of a register: a person and the identifiers they hold."""

    line: int
    name: str
    id_number: str
    phone: str
    card: str
    card_valid: bool
    bank: str
    imei: str
    region_text: str
    note: str


@dataclass(slots=True)
class RejectedRow:
    """A row that could not be read: where it is, what it held, and why.

    ``column`` is the header name of the failing column, ``''`` when the row as a whole is
    bad (too few cells, a total line); ``value`` is the raw cell (or the row's cells joined
    by ``' | '``); ``sheet`` names the workbook sheet, ``''`` for text files.
    """

    file: str
    line: int
    column: str
    value: str
    reason: str
    sheet: str = ""


# --- shared helpers ----------------------------------------------------------------------------

# Cells that mean "nothing here" in exported statements.
_BLANKS = frozenset({"-", "--", "---", "—", "——", "/", "\\N", "null", "NULL", "Null", "None",
                     "none", "无", "空", "N/A", "n/a", "NA", "#N/A"})  # fmt: skip
_VALUE_REASONS = {
    "bad_amount": "not a number",
    "bad_date": "not a date",
    "bad_time": "not a time",
    "bad_direction": "unknown debit/credit mark",
    "bad_duration": "not a duration",
    "bad_call_type": "unknown call type",
}
# Lines that close a statement or repeat its header are rejected with a clear reason.
_TOTAL_WORDS = ("合计", "总计", "小计", "本页合计", "累计", "共计", "以下空白", "以下无",
                "打印", "制表", "经办", "total", "subtotal")  # fmt: skip
_CASH_WORDS = ("取现", "取款", "存现", "现存", "现支", "现金", "ATM", "atm")
_CASH_FLAGS_YES = frozenset({"是", "现", "现金", "Y", "YES", "1", "TRUE", "CASH", "现钞"})
_CURRENCIES = {
    "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "156": "CNY", "本币": "CNY", "人民币元": "CNY",
    "美元": "USD", "USD": "USD", "840": "USD", "港币": "HKD", "港元": "HKD", "HKD": "HKD",
    "344": "HKD", "欧元": "EUR", "EUR": "EUR", "978": "EUR", "日元": "JPY", "JPY": "JPY",
    "392": "JPY", "英镑": "GBP", "GBP": "GBP", "826": "GBP", "澳门元": "MOP", "MOP": "MOP",
    "新台币": "TWD", "TWD": "TWD", "泰铢": "THB", "THB": "THB", "USDT": "USDT",
}  # fmt: skip
_SCIENTIFIC = re.compile(r"\s*\d(?:\.\d+)?[eE]\+?\d+\s*").fullmatch
_PHONE_NOISE = re.compile(r"[\s\-()（）]")


def _text(value: str) -> str:
    value = value.strip()
    return "" if value in _BLANKS else value


def _card(raw: str) -> tuple[str, bool] | str:
    """``(number, luhn_ok)`` of a card (12-19 digits) or account (8-30 digits), else the
    reason it is not one. Luhn only means something for card lengths."""
    try:
        number = ids.normalize_card_number(raw)
        return number.number, number.luhn_ok
    except ids.IdentifierError:
        pass
    try:
        number = ids.normalize_account_number(raw)
        return number.number, True
    except ids.IdentifierError as err:
        if _SCIENTIFIC(raw):
            return "scientific notation (digits lost)"
        return err.reason


def _id_number(raw: str) -> str:
    """The normalised ID number, or '' when blank or invalid."""
    raw = raw.strip()
    if not raw or raw in _BLANKS:
        return ""
    try:
        return ids.normalize_id_number(raw)
    except ids.IdentifierError:
        return ""


def _phone(raw: str) -> str:
    """A mobile number normalised; otherwise digits (landlines, service numbers), an
    international number with its '+', or the text as given (e.g. 隐藏号码)."""
    s = raw.strip()
    if not s or s in _BLANKS:
        return ""
    try:
        return ids.normalize_mobile(s)
    except ids.IdentifierError:
        pass
    digits = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", s))
    if digits.startswith(("'", "=")):
        digits = digits.lstrip("'=").strip('"')
    if digits.startswith("+86") and digits[3:].isdigit():
        return digits[3:]
    if digits.isdigit() and digits.isascii():
        return digits
    if digits.startswith("+") and digits[1:].isdigit() and digits.isascii():
        return digits
    return s


def _imei(raw: str) -> str | None:
    """The 15-digit IMEI; '' when blank; None when it is no IMEI.

    Carriers often zero the last (check) digit, and IMEISVs carry two version digits: the
    first 14 digits identify the handset, so the check digit is recomputed from them.
    """
    s = raw.strip()
    if not s or s in _BLANKS:
        return ""
    try:
        return ids.normalize_imei(s)
    except ids.IdentifierError as err:
        if err.reason in ("bad_check_digit", "imeisv"):
            digits = "".join(ch for ch in unicodedata.normalize("NFKC", s) if ch.isdigit())
            return ids.normalize_imei(digits[:14])
        return None


def _duration(raw: str) -> int:
    """Seconds of a duration cell; a blank cell (an SMS) is 0."""
    raw = raw.strip()
    return 0 if not raw or raw in _BLANKS else parse_duration(raw)


def _cash_word(text: str) -> bool:
    return any(word in text for word in _CASH_WORDS)


def _summary_row(cells: list[str]) -> bool:
    first = next((c.strip() for c in cells if c.strip()), "")
    return first.lower().startswith(_TOTAL_WORDS)


def _joined(cells: list[str]) -> str:
    """A whole row as one value, for rejections that concern the row rather than a cell."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return " | ".join(c.strip() for c in cells)


class _Rows:
    """What the row loops share: column positions and how to report a rejected row."""

    def __init__(self, table: Table, mapping: Mapping, kind: str):
        if mapping.kind != kind:
            raise ValueError(f"a {mapping.kind} mapping cannot read {kind} records")
        self.file = table.path.name
        self.sheet = table.sheet or ""
        self.header = table.header
        self.width = len(table.header)
        self.columns = dict(mapping.columns)
        self.constants = mapping.constants
        for fld, col in self.columns.items():
            if not 0 <= col < self.width:
                raise ValueError(f"{fld} is mapped to column {col}, outside the header")
        # Missing columns read a sentinel cell appended to every row, so the loops index
        # without branching on whether a field is mapped.
        self.blank = self.width
        self.header_key = [clean_header(h) for h in table.header]

    def needed(self, fields: tuple[str, ...]) -> int:
        """How many cells a row must have to hold every mapped one of ``fields``."""
        return 1 + max([self.columns[f] for f in fields if f in self.columns] or [-1])

    def col(self, fld: str) -> int:
        return self.columns.get(fld, self.blank)

    def has(self, fld: str) -> bool:
        return fld in self.columns

    def name(self, column: int) -> str:
        return self.header[column] if 0 <= column < self.width else ""

    def reject(self, line: int, column: int | None, value: str, reason: str) -> RejectedRow:
        name = "" if column is None else self.name(column)
        return RejectedRow(self.file, line, name, value, reason, self.sheet)

    def shape(self, line: int, cells: list[str], needed: int) -> list[str] | RejectedRow:
        """Pad short rows and refuse rows that cannot be trusted cell by cell."""
        n = len(cells)
        if n > self.width:
            if any(c.strip() for c in cells[self.width :]):
                return self.reject(
                    line, None, _joined(cells), f"too many cells ({n}, header has {self.width})"
                )
            del cells[self.width :]
        elif n < self.width:
            if n < needed:
                return self.reject(
                    line, None, _joined(cells), f"too few cells ({n}, header has {self.width})"
                )
            cells.extend([""] * (self.width - n))
        cells.append("")
        return cells

    def row_failure(self, line: int, cells: list[str], problems) -> RejectedRow:
        """The RejectedRow of a failing row: a total line or repeated header as a whole,
        else the leftmost failing cell."""
        row = cells[: self.width]  # without the sentinel
        if [clean_header(c) for c in row] == self.header_key:
            return self.reject(line, None, _joined(row), "repeated header row")
        if _summary_row(row):
            return self.reject(line, None, _joined(row), "total or footer line, not a record")
        if not problems:  # the detailed pass disagrees with the fast one: never silent
            return self.reject(line, None, _joined(row), "row could not be read")
        column, reason = min(problems, key=lambda p: p[0] if p[0] is not None else -1)
        value = cells[column] if column is not None and column < len(cells) else ""
        return self.reject(line, column, value, reason)


def _value_problem(label: str, err: ValueParseError) -> str:
    if err.reason == "empty":
        return f"missing {label}"
    return f"{label}: {_VALUE_REASONS.get(err.reason, err.reason)}"


# --- bank statements ---------------------------------------------------------------------------


def bank_records(table: Table, mapping: Mapping) -> Iterator[BankRecord | RejectedRow]:
    """Read the rows of a bank statement: one :class:`BankRecord` or :class:`RejectedRow`
    per data row, in order.

    The direction comes from the debit/credit column; else from split in/out columns
    (whichever is non-zero); else from the sign of the amount (negative = out). A title fact
    or constant supplies the own card when the table has no card column.

    >>> from pathlib import Path
    >>> from workbench.intake import auto_map
    >>> header = ["交易卡号", "交易时间", "借贷标志", "交易金额", "对方账号", "对方户名"]
    >>> rows = [(2, ["6222021234567890123", "2023-03-27 23:41:05", "借", "1200.00", "支付宝", ""]),
    ...         (3, ["6222021234567890123", "2023-03-28", "贷", "abc", "", ""])]
    >>> table = Table(Path("s.csv"), None, "utf-8", ",", header, 1, {}, iter(rows))
    >>> ok, bad = bank_records(table, auto_map(header, "bank"))
    >>> ok.card, ok.time, ok.direction, ok.amount_fen, ok.counterpart_card, ok.counterpart_name
    ('6222021234567890123', '2023-03-27 23:41:05', -1, 120000, '', '支付宝')
    >>> bad.line, bad.column, bad.value, bad.reason
    (3, '交易金额', 'abc', 'amount: not a number')
    """
    return _as_records(bank_rows(table, mapping))


def _as_records(rows: Iterator[tuple | RejectedRow]) -> Iterator[BankRecord | RejectedRow]:
    for out in rows:
        yield BankRecord(*out) if out.__class__ is tuple else out


def bank_rows(table: Table, mapping: Mapping) -> Iterator[tuple | RejectedRow]:
    """:func:`bank_records` as plain tuples: each record is the tuple of the
    :class:`BankRecord` fields in their order (``BankRecord(*row)`` makes the record).

    The importer's road: a tuple costs a fraction of an instance, which over a million rows
    is seconds. Rejected rows are :class:`RejectedRow` as in :func:`bank_records`.
    """
    rows = _Rows(table, mapping, "bank")
    return _bank_loop(table.rows, rows, _bank_checker(rows))


_BANK_ESSENTIAL = ("card", "time", "date", "clock", "amount", "amount_in", "amount_out",
                   "direction")  # fmt: skip


def _bank_loop(source, r: _Rows, check) -> Iterator[tuple | RejectedRow]:
    # The hot loop of a million-row import. State lives in locals; values that repeat (cards,
    # counterparts, directions, ID numbers, bank names, summaries...) are cleaned once and
    # looked up after; the usual forms of time and amount are checked inline; fields the
    # mapping leaves out cost nothing per row. A row that fails goes to ``check``, which
    # finds the leftmost failing cell and says why.
    col, has, constants = r.col, r.has, r.constants
    width = r.width
    i_card, i_time, i_date, i_clock = col("card"), col("time"), col("date"), col("clock")
    i_amount, i_in, i_out = col("amount"), col("amount_in"), col("amount_out")
    i_dir, i_name, i_id = col("direction"), col("account_name"), col("id_number")
    i_bal, i_cur, i_serial = col("balance"), col("currency"), col("serial")
    i_ccard, i_cname = col("counterpart_card"), col("counterpart_name")
    i_cid, i_cbank = col("counterpart_id"), col("counterpart_bank")
    i_sum, i_chan, i_place = col("summary"), col("channel"), col("place")
    i_cash, i_ip, i_mac, i_bank = col("cash_flag"), col("ip"), col("mac"), col("bank")
    split = has("amount_in") or has("amount_out")
    with_direction, with_time, with_clock = has("direction"), has("time"), has("clock")
    with_cash_flag, with_balance = has("cash_flag"), has("balance")
    with_ccard, with_cname = has("counterpart_card"), has("counterpart_name")
    with_cid = has("counterpart_id")
    with_name, with_own_id, with_cur = has("account_name"), has("id_number"), has("currency")
    # Rarely mapped fields, read together behind one test.
    with_extra = has("place") or has("ip") or has("mac") or has("bank")
    dir_const = constants.get("direction")
    name_const = constants.get("account_name", "")
    bank_const = constants.get("bank", "")
    currency_const = _currency(constants.get("currency", ""))
    card_const = None if has("card") else _card(constants.get("card", ""))
    needed = r.needed(_BANK_ESSENTIAL)
    # The days and times of day parse_datetime has validated: a timestamp made of two
    # members is valid, which two set lookups tell.
    good_days, good_clocks = _good_dates, _good_clocks

    cards = _Memo(_card)
    counterparts = _Memo(_counterpart)
    directions = _Memo(parse_direction)
    currencies = _Memo(lambda raw: _currency(raw) or currency_const)
    id_numbers = _Memo(_id_number)
    texts = _Memo(_text)
    cash_words = _Memo(_cash_word)
    own_id = _id_number(constants.get("id_number", ""))
    name = name_const
    currency = currency_const
    ccard, ccard_valid, ctext = "", True, ""
    cname = cid = place = ip = mac = ""
    bank = bank_const
    balance = None

    for line, cells in source:
        if len(cells) == width:
            cells.append("")  # the sentinel read by unmapped fields
        else:
            cells = r.shape(line, cells, needed)
            if cells.__class__ is RejectedRow:
                yield cells
                continue
        # -- own card
        card = cards[cells[i_card]] if card_const is None else card_const
        if card.__class__ is str:
            yield r.row_failure(line, cells, check(cells))
            continue
        # -- time: 'YYYY-MM-DD HH:MM:SS' whose halves were seen valid before is valid
        try:
            if with_time:
                when = cells[i_time]
                if not (when[:10] in good_days and when[11:] in good_clocks and when[10] == " "):
                    when = parse_datetime(when)
            else:
                when = parse_datetime(cells[i_date], cells[i_clock] if with_clock else None)
        except ValueParseError:
            yield r.row_failure(line, cells, check(cells))
            continue
        # -- amount and direction
        try:
            if split:
                fen, direction = _split_amount(cells[i_in], cells[i_out])
                if direction == 0:
                    direction = parse_direction(cells[i_dir]) if with_direction else 1
            else:
                raw = cells[i_amount]
                digits = raw.replace(".", "", 1) if raw[-3:-2] == "." else ""
                if digits.isdigit() and digits.isascii():  # '1234.56', the usual form
                    fen = int(digits)
                elif digits[:1] == "-" and digits[1:].isdigit() and digits.isascii():
                    fen = -int(digits[1:])  # '-1234.56', as signed statements write it
                else:
                    fen = parse_amount(raw)
                if with_direction:
                    direction = directions[cells[i_dir]]
                elif dir_const is not None:
                    direction = parse_direction(dir_const)
                else:
                    direction = -1 if fen < 0 else 1
                if fen < 0:
                    fen = -fen
        except ValueParseError:
            yield r.row_failure(line, cells, check(cells))
            continue
        # -- the rest is kept when it parses, dropped when it does not
        if with_balance:
            raw = cells[i_bal]
            digits = raw.replace(".", "", 1) if raw[-3:-2] == "." else ""
            if digits.isdigit() and digits.isascii():
                balance = int(digits)
            elif digits[:1] == "-" and digits[1:].isdigit() and digits.isascii():
                balance = -int(digits[1:])
            elif not raw:
                balance = None
            else:
                try:
                    balance = parse_amount(raw)
                except ValueParseError:
                    balance = None
        if with_ccard:
            ccard, ccard_valid, ctext = counterparts[cells[i_ccard]]
        if with_cname:
            # Counterparts' names are many: a lookup in a big memo misses the CPU caches
            # and costs more than cleaning the cell again.
            cname = cells[i_cname].strip()
            if cname in _BLANKS:
                cname = ""
        if ctext:
            cname = f"{cname} ({ctext})" if cname and ctext not in cname else (cname or ctext)
        if with_cid:
            cid = id_numbers[cells[i_cid]]
        if with_own_id:
            own_id = id_numbers[cells[i_id]]
        if with_name:
            name = cells[i_name].strip()
            if not name or name in _BLANKS:
                name = name_const
        if with_cur:
            currency = currencies[cells[i_cur]]
        summary = texts[cells[i_sum]]
        channel = texts[cells[i_chan]]
        flag = cells[i_cash].strip() if with_cash_flag else ""
        if flag:
            cash = flag.upper() in _CASH_FLAGS_YES
        elif ccard or ctext:
            cash = False
        else:
            cash = cash_words[summary] or cash_words[channel]
        serial = cells[i_serial].strip()
        if serial[:1] in ("'", "="):
            serial = serial.lstrip("'=").strip('"')
        if with_extra:
            place, ip, mac = texts[cells[i_place]], texts[cells[i_ip]], texts[cells[i_mac]]
            bank = texts[cells[i_bank]] or bank_const
        yield (line, card[0], card[1], name, own_id, when, fen, direction, balance, currency,
               serial, ccard, ccard_valid, cname, cid, texts[cells[i_cbank]], summary, channel,
               place, ip, mac, cash, bank)  # fmt: skip


class _Memo(dict):
    """``memo[raw]`` is ``fn(raw)``, computed once: the values of a statement repeat (a few
    cards, counterparts, bank names, summaries), so most rows cost one dictionary lookup.
    Bounded, since some columns (names, IP addresses) can hold many distinct values; an
    exception from ``fn`` propagates and caches nothing."""

    __slots__ = ("fn",)
    LIMIT = 300_000

    def __init__(self, fn: Callable[[str], object]):
        super().__init__()
        self.fn = fn

    def __missing__(self, raw: str):
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[raw] = self.fn(raw)
        return value


def _split_amount(raw_in: str, raw_out: str) -> tuple[int, int]:
    """``(fen, direction)`` from separate in and out columns; direction 0 when both are
    zero (the caller decides); raises ValueParseError when both are blank or both non-zero."""
    raw_in, raw_out = raw_in.strip(), raw_out.strip()
    if raw_in in _BLANKS:
        raw_in = ""
    if raw_out in _BLANKS:
        raw_out = ""
    if not raw_in and not raw_out:
        raise ValueParseError("empty", raw_in)
    fen_in = abs(parse_amount(raw_in)) if raw_in else 0
    fen_out = abs(parse_amount(raw_out)) if raw_out else 0
    if fen_in and fen_out:
        raise ValueParseError("bad_amount", raw_in, "both in and out given")
    if fen_out:
        return fen_out, -1
    if fen_in:
        return fen_in, 1
    return 0, 0


def _currency(raw: str) -> str:
    s = raw.strip()
    if not s or s in _BLANKS:
        return ""
    return _CURRENCIES.get(s.upper(), s)


def _counterpart(raw: str) -> tuple[str, bool, str]:
    """``(number, luhn_ok, text)``: a counterpart account normalised, or no number and the
    text to keep in the counterpart's name (支付宝, 财付通, a masked 6222****1234)."""
    s = raw.strip()
    if not s or s in _BLANKS:
        return "", True, ""
    found = _card(s)
    if found.__class__ is tuple:
        return found[0], found[1], ""
    digits = s.lstrip("'=").strip('"')
    if digits.isdigit() and not digits.strip("0"):
        return "", True, ""  # 0 / 000000 placeholders
    return "", True, s


def _bank_checker(r: _Rows) -> Callable[[list[str]], list[tuple[int | None, str]]]:
    """Every problem of a bank row's essential cells, as (column, reason)."""
    cols = r.columns
    card_const = r.constants.get("card")

    def check(cells: list[str]) -> list[tuple[int | None, str]]:
        problems: list[tuple[int | None, str]] = []
        if "card" in cols:
            raw = cells[cols["card"]]
            if not raw.strip() or raw.strip() in _BLANKS:
                problems.append((cols["card"], "missing card number"))
            else:
                found = _card(raw)
                if found.__class__ is str:
                    problems.append((cols["card"], f"card number: {found}"))
        else:
            found = _card(card_const or "")
            if found.__class__ is str:
                reason = (
                    f"card number (from title): {found}" if card_const else "missing card number"
                )
                problems.append((None, reason))
        if "time" in cols:
            _check_value(problems, cells, cols["time"], "time", parse_datetime)
        else:
            date_col, clock_col = cols.get("date"), cols.get("clock")
            if date_col is not None:
                try:
                    parse_datetime(cells[date_col])
                except ValueParseError as err:
                    if err.reason != "bad_time":
                        problems.append((date_col, _value_problem("date", err)))
            if clock_col is not None and cells[clock_col].strip():
                try:
                    parse_datetime("2000-01-01", cells[clock_col])
                except ValueParseError as err:
                    problems.append((clock_col, _value_problem("time", err)))
        split = "amount_in" in cols or "amount_out" in cols
        values: dict[str, int] = {}
        if split:
            for fld, label in (("amount_in", "amount in"), ("amount_out", "amount out")):
                if fld in cols:
                    raw = cells[cols[fld]].strip()
                    if raw and raw not in _BLANKS:
                        try:
                            values[fld] = parse_amount(raw)
                        except ValueParseError as err:
                            problems.append((cols[fld], _value_problem(label, err)))
            if not values and not any(p[0] in (cols.get("amount_in"), cols.get("amount_out"))
                                      for p in problems):  # fmt: skip
                first = min(cols.get("amount_in", 10**9), cols.get("amount_out", 10**9))
                problems.append((first, "missing amount"))
            elif values.get("amount_in") and values.get("amount_out"):
                problems.append((cols["amount_out"], "amount: both in and out given"))
        elif "amount" in cols:
            _check_value(problems, cells, cols["amount"], "amount", parse_amount)
        # Split columns give the direction, unless both hold zero.
        if "direction" in cols and (not split or (values and not any(values.values()))):
            _check_value(problems, cells, cols["direction"], "direction", parse_direction)
        elif "direction" not in cols and r.constants.get("direction"):
            try:
                parse_direction(r.constants["direction"])
            except ValueParseError as err:
                problems.append((None, f"direction (constant): {_VALUE_REASONS[err.reason]}"))
        return problems

    return check


def _check_value(problems: list, cells: list[str], column: int, label: str, parse) -> None:
    raw = cells[column]
    if raw.strip() in _BLANKS:
        problems.append((column, f"missing {label}"))
        return
    try:
        parse(raw)
    except ValueParseError as err:
        problems.append((column, _value_problem(label, err)))


# --- call records ------------------------------------------------------------------------------

_SUBJECT_SAMPLE = 200


def call_records(table: Table, mapping: Mapping) -> Iterator[CallRecord | RejectedRow]:
    """Read the rows of a call detail record: one :class:`CallRecord` or
    :class:`RejectedRow` per data row, in order.

    Two layouts: 本机号码/对方号码 with a call type column; or 主叫号码/被叫号码, where the
    subject is the mapping's ``own_number`` constant (a title fact such as 本机号码：…) or
    else the number present in nearly every row, and the direction follows from which side
    the subject is on (a type column then only tells voice, SMS or forwarding).

    >>> from pathlib import Path
    >>> from workbench.intake import auto_map
    >>> header = ["主叫号码", "被叫号码", "开始时间", "通话时长"]
    >>> rows = [(2, ["13812345678", "023-12345678", "2023-03-27 23:41:05", "125"]),
    ...         (3, ["95588", "13812345678", "2023-03-28 08:00:00", "0:30"])]
    >>> table = Table(Path("cdr.csv"), None, "utf-8", ",", header, 1, {}, iter(rows))
    >>> [(c.own_number, c.other_number, c.call_type, c.duration_s)
    ...  for c in call_records(table, auto_map(header, "calls"))]
    [('13812345678', '02312345678', 'voice_out', 125), ('13812345678', '95588', 'voice_in', 30)]
    """
    r = _Rows(table, mapping, "calls")
    rows = iter(table.rows)
    subject = r.constants.get("own_number", "")
    if not r.has("own_number"):
        buffered = []
        for item in rows:
            buffered.append(item)
            if len(buffered) >= _SUBJECT_SAMPLE:
                break
        if not subject:
            subject = _find_subject(r, [cells for _line, cells in buffered])
        rows = _chain(buffered, rows)
    return _read_rows(rows, r, _CallReader(r, _phone(subject) if subject else ""))


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _find_subject(r: _Rows, rows: list[list[str]]) -> str:
    """The number on one side of at least 80% of the sample rows, or ''."""
    i_caller, i_callee = r.columns.get("caller"), r.columns.get("callee")
    if i_caller is None or i_callee is None or not rows:
        return ""
    seen: Counter[str] = Counter()
    for cells in rows:
        numbers = {
            _phone(cells[i]) for i in (i_caller, i_callee) if i < len(cells) and cells[i].strip()
        }
        seen.update(n for n in numbers if n)
    if not seen:
        return ""
    number, count = seen.most_common(1)[0]
    return number if count * 5 >= len(rows) * 4 else ""


class _CallReader:
    """Reads one call-record row at a time; caches the normalisation of repeated values."""

    def __init__(self, r: _Rows, subject: str):
        col, has = r.col, r.has
        self.r = r
        self.subject = subject
        self.own_layout = has("own_number")
        self.i_own, self.i_other = col("own_number"), col("other_number")
        self.i_caller, self.i_callee = col("caller"), col("callee")
        self.i_type, self.i_start = col("call_type"), col("start_time")
        self.i_date, self.i_clock, self.i_dur = col("date"), col("clock"), col("duration")
        self.i_cell, self.i_lac, self.i_ci = col("cell"), col("lac"), col("ci")
        self.i_addr, self.i_imei = col("cell_address"), col("imei")
        self.i_imsi, self.i_roam = col("imsi"), col("roaming")
        self.lac_ci = has("lac") or has("ci")
        self.with_start, self.with_clock = has("start_time"), has("clock")
        self.with_type = has("call_type")
        self.with_sides = has("caller") and has("callee")
        self.type_const = r.constants.get("call_type", "")
        self.imei_const = _imei(r.constants.get("imei", "")) or ""
        self.imsi_const = r.constants.get("imsi", "")
        self.needed = r.needed(
            ("own_number", "other_number", "caller", "callee", "start_time", "date")
        )
        self.phones = _Memo(_phone)
        self.imeis = _Memo(_imei)
        self.durations = _Memo(_duration)

    def row(self, line: int, cells: list[str]) -> CallRecord | list[tuple[int | None, str]]:
        """The record of a shaped row, or all its problems as (column, reason)."""
        problems: list[tuple[int | None, str]] = []
        phone = self.phones.__getitem__
        way: str | None = None
        if self.own_layout:
            own, other = phone(cells[self.i_own]), phone(cells[self.i_other])
            if not own:
                problems.append((self.i_own, "missing own number"))
            if not other:
                problems.append((self.i_other, "missing other number"))
            if self.with_sides and own:
                caller, callee = phone(cells[self.i_caller]), phone(cells[self.i_callee])
                way = "主叫" if caller == own else "被叫" if callee == own else None
        else:
            caller, callee = phone(cells[self.i_caller]), phone(cells[self.i_callee])
            subject = self.subject
            own = other = ""
            if not subject:
                problems.append((None, "own number unknown: set it in the mapping"))
            elif caller == subject:
                own, other, way = subject, callee, "主叫"
            elif callee == subject:
                own, other, way = subject, caller, "被叫"
            else:
                problems.append((self.i_caller, f"neither caller nor callee is {subject}"))
            if own and not other:
                side = self.i_callee if way == "主叫" else self.i_caller
                problems.append((side, "missing other number"))
        type_column = self.i_type if self.with_type else None
        type_text = cells[self.i_type].strip() if self.with_type else self.type_const
        call_type = ""
        try:
            if type_text and type_text not in _BLANKS:
                call_type = parse_call_type(type_text, way)
            elif way is not None:
                call_type = "voice_out" if way == "主叫" else "voice_in"
            else:
                problems.append((type_column, "missing call type"))
        except ValueParseError as err:
            problems.append((type_column, _value_problem("call type", err)))
        when = ""
        try:
            if self.with_start:
                when = parse_datetime(cells[self.i_start])
            else:
                clock = cells[self.i_clock] if self.with_clock else None
                when = parse_datetime(cells[self.i_date], clock)
        except ValueParseError as err:
            if self.with_start:
                problems.append((self.i_start, _value_problem("start time", err)))
            elif err.reason == "bad_time" and self.with_clock and cells[self.i_clock].strip():
                problems.append((self.i_clock, _value_problem("time", err)))
            else:
                problems.append((self.i_date, _value_problem("date", err)))
        try:
            duration = self.durations[cells[self.i_dur]]
        except ValueParseError as err:
            duration = 0
            problems.append((self.i_dur, _value_problem("duration", err)))
        if problems:
            return problems
        if self.lac_ci:
            lac, ci = _text(cells[self.i_lac]), _text(cells[self.i_ci])
            cell = " ".join(p for p in (f"LAC:{lac}" if lac else "", f"CI:{ci}" if ci else "") if p)
            cell = cell or _text(cells[self.i_cell])
        else:
            cell = _text(cells[self.i_cell])
        imei = self.imeis[cells[self.i_imei]]
        return CallRecord(
            line,
            own,
            other,
            when,
            duration,
            call_type,
            cell,
            _text(cells[self.i_addr]),
            imei or self.imei_const,
            _text(cells[self.i_imsi]) or self.imsi_const,
            _text(cells[self.i_roam]),
        )


def _read_rows(source, r: _Rows, reader) -> Iterator:
    """The loop of the call and register readers: shape, read, report."""
    needed = reader.needed
    row = reader.row
    for line, cells in source:
        cells = r.shape(line, cells, needed)
        if cells.__class__ is RejectedRow:
            yield cells
            continue
        out = row(line, cells)
        yield r.row_failure(line, cells, out) if out.__class__ is list else out


# --- registers ---------------------------------------------------------------------------------


def register_records(table: Table, mapping: Mapping) -> Iterator[RegisterRecord | RejectedRow]:
    """Read the rows of a register (who holds which ID, phone, card and handset): one
    :class:`RegisterRecord` or :class:`RejectedRow` per data row, in order.

    A row needs at least one identifier; an identifier that is present but invalid rejects
    the row (a card failing Luhn is only flagged).

    >>> from pathlib import Path
    >>> from workbench.intake import auto_map
    >>> header = ["姓名", "身份证号", "手机号"]
    >>> rows = [(2, ["张三", "11010519491231002X", "138 1234 5678"]),
    ...         (3, ["李四", "110105194912310021", ""])]
    >>> table = Table(Path("reg.csv"), None, "utf-8", ",", header, 1, {}, iter(rows))
    >>> ok, bad = register_records(table, auto_map(header, "register"))
    >>> ok.name, ok.id_number, ok.phone
    ('张三', '11010519491231002X', '13812345678')
    >>> bad.column, bad.reason
    ('身份证号', 'ID number: bad_check_digit')
    """
    r = _Rows(table, mapping, "register")
    return _read_rows(table.rows, r, _RegisterReader(r))


class _RegisterReader:
    """Reads one register row at a time."""

    def __init__(self, r: _Rows):
        col = r.col
        self.i_name, self.i_id, self.i_phone = col("name"), col("id_number"), col("phone")
        self.i_card, self.i_bank, self.i_imei = col("card"), col("bank"), col("imei")
        self.i_region, self.i_note = col("region"), col("note")
        self.bank_const = r.constants.get("bank", "")
        self.needed = r.needed(("id_number", "phone", "card", "imei"))

    def row(self, line: int, cells: list[str]) -> RegisterRecord | list[tuple[int | None, str]]:
        """The record of a shaped row, or all its problems as (column, reason)."""
        problems: list[tuple[int | None, str]] = []
        id_number = phone = card = imei = ""
        card_valid = True
        raw = _text(cells[self.i_id])
        if raw:
            try:
                id_number = ids.normalize_id_number(raw)
            except ids.IdentifierError as err:
                problems.append((self.i_id, f"ID number: {err.reason}"))
        raw = _text(cells[self.i_phone])
        if raw:
            phone = _phone(raw)
            if not (phone.isdigit() or phone.startswith("+")):
                phone = ""
                problems.append((self.i_phone, "phone: not a phone number"))
        raw = _text(cells[self.i_card])
        if raw:
            found = _card(raw)
            if found.__class__ is str:
                problems.append((self.i_card, f"card number: {found}"))
            else:
                card, card_valid = found
        raw = _text(cells[self.i_imei])
        if raw:
            found = _imei(raw)
            if found is None:
                problems.append((self.i_imei, "IMEI: not an IMEI"))
            else:
                imei = found
        if not problems and not (id_number or phone or card or imei):
            problems.append((None, "no identifier (ID number, phone, card or IMEI)"))
        if problems:
            return problems
        return RegisterRecord(
            line,
            _text(cells[self.i_name]),
            id_number,
            phone,
            card,
            card_valid,
            _text(cells[self.i_bank]) or self.bank_const,
            imei,
            _text(cells[self.i_region]),
            _text(cells[self.i_note]),
        )


# --- preview -----------------------------------------------------------------------------------


def row_problems(table: Table, mapping: Mapping, cells: list[str]) -> dict[int, str]:
    """Every failing cell of one row, ``{column index: reason}``, for the mapping preview
    (the readers report only the first). Whole-row problems are keyed ``-1``.

    >>> from pathlib import Path
    >>> from workbench.intake import auto_map
    >>> header = ["卡号", "交易时间", "交易金额", "借贷标志"]
    >>> t = Table(Path("x.csv"), None, "utf-8", ",", header, 1, {}, iter(()))
    >>> row_problems(t, auto_map(header, "bank"), ["12", "2023-13-01", "1.000,00", "借"])
    {0: 'card number: bad_length', 1: 'time: not a date', 2: 'amount: not a number'}
    """
    r = _Rows(table, mapping, mapping.kind)
    if mapping.kind == "bank":
        shaped = r.shape(0, list(cells), r.needed(_BANK_ESSENTIAL))
        problems = [] if shaped.__class__ is RejectedRow else _bank_checker(r)(shaped)
    else:
        subject = _phone(mapping.constants.get("own_number", ""))
        reader = _CallReader(r, subject) if mapping.kind == "calls" else _RegisterReader(r)
        if mapping.kind == "calls" and not subject and not r.has("own_number"):
            subject = _find_subject(r, [list(cells)])  # one row: either side could be it
            reader.subject = subject
        shaped = r.shape(0, list(cells), reader.needed)
        if shaped.__class__ is RejectedRow:
            problems = []
        else:
            out = reader.row(0, shaped)
            problems = out if out.__class__ is list else []
    if shaped.__class__ is RejectedRow:
        return {-1: shaped.reason}
    found: dict[int, str] = {}
    for column, reason in problems:
        found.setdefault(-1 if column is None else column, reason)
    return dict(sorted(found.items()))
