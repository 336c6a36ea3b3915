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
    #: What the own and counterpart numbers are: 'bank_card' (a card or account, possibly
    #: partial: masked as 6222****1234), 'payment_account' (platform:account) or
    #: 'crypto_wallet' (chain:address); their problem is '' when whole and valid, 'luhn',
    #: 'partial' or 'bad_checksum'.
    card_kind: str = "bank_card"
    card_problem: str = ""
    counterpart_kind: str = "bank_card"
    counterpart_problem: str = ""
    #: False for a row that moved no money (a closed or failed order, 不计收支): kept and
    #: shown, never counted in sums, traces or patterns.
    moved: bool = True
    #: A refund or reversal (退款, 冲正, a negative 支出): money coming back.
    reversal: bool = False
    status: str = ""


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
    #: What is odd about the row but kept: 'duration empty', 'duration negative (-5)'.
    note: str = ""
    #: The cell's position as the carrier gave it ('106.5512,29.5630'), else ''.
    position: str = ""


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


@dataclass(slots=True)
class FooterRow:
    """A line below (or inside) the table that is no record: a total (合计, 共12笔), an
    export stamp (导出时间), a dashed rule, a note. Skipped and counted, never rejected."""

    file: str
    line: int
    value: str
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
    # '-------------------': a run of dashes fills an empty cell in some banks' exports.
    return "" if value in _BLANKS or not value.strip("-—_") else value


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


def _negative_duration(rest: str) -> bool:
    try:
        parse_duration(rest)
    except ValueParseError:
        return False
    return True


def _cash_word(text: str) -> bool:
    return any(word in text for word in _CASH_WORDS)


_FOOTER = re.compile(
    r"""\s*(?:
        [-=_—─━*#~.·]{3,}                      # a rule: ------, ======, ******
      | 共\s*[\d,]+\s*(?:笔|条|项|行|次|个)      # 共12笔记录
      | (?:导出|下载|打印|生成|制表|查询|截止|统计)(?:时间|日期|人|机构)
      | (?:注|说明|备注|提示|温馨提示|特别提示|声明)\s*[:：]
      | 以下(?:空白|无)|本(?:页|表|回单|明细|文件)|此(?:页|表)
      | [已待]?(?:收入|支出|中性交易|不计收支)\s*[:：]
      | (?:end\s+of|page\s+\d|total\b|subtotal\b|grand\s+total|\*{2,})
    )""",
    re.VERBOSE | re.IGNORECASE,
)


_TOTAL_IN = re.compile(r"合计|总计|小计|累计|共计|汇总")
_NOTE_WORDS = frozenset(
    {"说明", "注", "注意", "备注", "提示", "温馨提示", "特别提示", "声明", "附注"}
)


def _summary_row(cells: list[str]) -> bool:
    """A total, an export stamp, a rule or a note: the lines banks and platforms put under
    (and sometimes between) the rows of a statement. Only rows that failed as records are
    asked, so a transaction whose summary reads 合计 is never taken for a footer."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return True
    first = filled[0].lstrip("#").strip()
    if first.lower().startswith(_TOTAL_WORDS) or _FOOTER.match(first):
        return True
    # 人民币合计, 合计金额, 说明: a short label of totals or notes in the first cell.
    if _TOTAL_IN.search(first[:8]):
        return True
    if len(first) <= 12 and first.rstrip(":：") in _NOTE_WORDS:
        return True
    # A lone cell of text in a table of several columns is a note, not a record.
    return len(filled) == 1 and len(cells) >= 3 and not any(ch.isdigit() for ch in first[:8])


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
                if _summary_row(cells):
                    return FooterRow(self.file, line, _joined(cells), self.sheet)
                return self.reject(
                    line, None, _joined(cells), f"too few cells ({n}, header has {self.width})"
                )
            cells.extend([""] * (self.width - n))
        cells.append("")
        return cells

    def row_failure(self, line: int, cells: list[str], problems) -> RejectedRow | FooterRow:
        """What a failing row is: a repeated header (rejected as a whole, so the analyst
        sees it); a total, stamp, rule or note (a :class:`FooterRow`); else a rejected row
        naming its leftmost failing cell and the reasons of every failing cell."""
        row = cells[: self.width]  # without the sentinel
        if [clean_header(c) for c in row] == self.header_key:
            return self.reject(line, None, _joined(row), "repeated header row")
        if _summary_row(row):
            return FooterRow(self.file, line, _joined(row), self.sheet)
        if not problems:  # the detailed pass disagrees with the fast one: never silent
            return self.reject(line, None, _joined(row), "row could not be read")
        ordered = sorted(problems, key=lambda p: p[0] if p[0] is not None else -1)
        column, reason = ordered[0]
        value = cells[column] if column is not None and column < len(cells) else ""
        if len(ordered) > 1:
            # Every bad cell of the row, so one trip back to the bank fixes them all.
            reason = "; ".join(
                [reason]
                + [
                    f"{why} ({self.name(col)}={cells[col].strip()!r})"
                    if col is not None and col < self.width
                    else why
                    for col, why in ordered[1:]
                ]
            )
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


def _bank_loop(source, r: _Rows, check) -> Iterator[tuple | RejectedRow | FooterRow]:
    # The hot loop of a million-row import. State lives in locals; values that repeat (cards,
    # counterparts, directions, ID numbers, bank names, summaries...) are cleaned once and
    # looked up after; the usual forms of time and amount are checked inline; fields the
    # mapping leaves out cost nothing per row. A row that fails goes to ``check``, which
    # finds the leftmost failing cell and says why. Every per-row value is set afresh in
    # every row: nothing of one row may carry into the next.
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
    i_status, i_post = col("status"), col("posting_date")
    i_type, i_fund, i_linked = col("txn_type"), col("fund_status"), col("linked_card")
    with_linked = has("linked_card")
    with_post, with_type, with_fund = has("posting_date"), has("txn_type"), has("fund_status")
    # 交易是否成功: a yes/no column, where 0 and 否 mean the money did not move.
    yes_no = has("status") and "是否" in r.name(i_status)
    dates = _date_reader(constants.get("date_order", ""), constants.get("year_month", ""))
    split = has("amount_in") or has("amount_out")
    with_direction, with_time, with_clock = has("direction"), has("time"), has("clock")
    with_cash_flag, with_balance = has("cash_flag"), has("balance")
    with_ccard, with_cid = has("counterpart_card"), has("counterpart_id")
    with_name, with_own_id, with_cur = has("account_name"), has("id_number"), has("currency")
    with_status = has("status")
    # Rarely mapped fields, read together behind one test.
    with_extra = has("place") or has("ip") or has("mac") or has("bank")
    dir_const = constants.get("direction")
    name_const = constants.get("account_name", "")
    bank_const = constants.get("bank", "")
    currency_const = _currency(constants.get("currency", ""))
    platform = constants.get("platform", "")
    owner_kind = constants.get("owner_kind", "") or ("payment_account" if platform else "bank_card")
    # Credit-card statements print purchases positive: the sign means the opposite.
    credit_sign = constants.get("amount_sign", "") == "credit"
    in_fen = constants.get("amount_unit", "") == "fen"
    owner_of = _owner_reader(owner_kind, platform)
    card_const = None if has("card") else owner_of(constants.get("card", ""))
    needed = r.needed(_BANK_ESSENTIAL)
    # The days and times of day parse_datetime has validated: a timestamp made of two
    # members is valid, which two set lookups tell.
    good_days, good_clocks = _good_dates, _good_clocks

    cards = _Memo(owner_of)
    counterparts = _Memo(_counterpart_reader(platform))
    directions = _Memo(parse_direction)
    currencies = _Memo(lambda raw: _currency(raw) or currency_const)
    id_numbers = _Memo(_id_number)
    texts = _Memo(_text)
    cash_words = _Memo(_cash_word)
    statuses = _Memo(status_moves)
    reversal_words = _Memo(_reversal_word)
    credit_in = _Memo(_credit_in_word)
    neutral_ways = _Memo(_neutral_way)
    own_id = _id_number(constants.get("id_number", ""))
    name = name_const
    currency = currency_const
    cid = place = ip = mac = ""
    bank = bank_const
    balance = None

    for line, cells in source:
        if len(cells) == width:
            cells.append("")  # the sentinel read by unmapped fields
        else:
            cells = r.shape(line, cells, needed)
            if cells.__class__ is not list:
                yield cells
                continue
        # -- own card or account
        card = cards[cells[i_card]] if card_const is None else card_const
        if card.__class__ is str:
            yield r.row_failure(line, cells, check(cells))
            continue
        # -- time: 'YYYY-MM-DD HH:MM:SS' whose halves were seen valid before is valid
        try:
            if with_time:
                when = cells[i_time]
                if not (when[:10] in good_days and when[11:] in good_clocks and when[10] == " "):
                    when = dates(when, None)
            else:
                day = cells[i_date]
                if with_post and not day.strip():
                    day = cells[i_post]  # a repayment has no 交易日, only its 记账日
                when = dates(day, cells[i_clock] if with_clock else None)
        except ValueParseError:
            yield r.row_failure(line, cells, check(cells))
            continue
        # -- amount and direction
        reversal = False
        try:
            if split:
                fen, direction = _split_amount(cells[i_in], cells[i_out])
                if direction == 0:
                    direction = directions[cells[i_dir]] if with_direction else 1
                elif direction in (2, -2):
                    direction, reversal = direction // 2, True
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
                    mark = cells[i_dir]
                    if with_fund and not mark.strip():
                        mark = cells[i_fund]  # Alipay's older bill: 资金状态 where 收/支 is blank
                    direction = directions[mark]
                    if fen < 0 and direction:
                        # A negative 支出 is money coming back: a refund or reversal.
                        direction, reversal = -direction, True
                elif dir_const is not None:
                    direction = parse_direction(dir_const)
                elif credit_sign:
                    direction = 1 if fen < 0 else -1
                    if direction < 0 and credit_in[cells[i_sum]]:
                        direction = 1  # an unsigned statement: 还款, 退货 are money in
                else:
                    direction = -1 if fen < 0 else 1
                if fen < 0:
                    fen = -fen
        except ValueParseError:
            yield r.row_failure(line, cells, check(cells))
            continue
        if in_fen:
            fen = (fen + 50) // 100  # '12345' in a 交易金额(分) column read as yuan
        # -- did money move? (closed and failed orders did not; 不计收支 only as a
        # withdrawal or a top-up)
        summary = texts[cells[i_sum]]
        if with_type:
            kind_text = texts[cells[i_type]]
            if kind_text and kind_text not in summary:
                summary = f"{kind_text} {summary}".strip()
        status = texts[cells[i_status]] if with_status else ""
        if yes_no:
            moved = status.upper() not in _NO_FLAGS
        else:
            moved = statuses[status] if with_status else True
        if not reversal and (reversal_words[summary] or (with_status and reversal_words[status])):
            reversal = True
        if direction == 0:
            # Neither in nor out as printed: a withdrawal, a top-up or a refund moved money;
            # anything else moved the owner's own funds only.
            direction = 1 if reversal else neutral_ways[summary]
            if direction == 0:
                moved, direction = False, 1
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
            if in_fen and balance is not None:
                balance = balance // 100
        if with_ccard:
            ckind, ccard, ccard_valid, cproblem, ctext = counterparts[cells[i_ccard]]
        else:
            ckind, ccard, ccard_valid, cproblem, ctext = "bank_card", "", True, "", ""
        if with_linked and not ccard and not ctext:
            # A withdrawal or top-up: the money went to or came from the owner's own card.
            ckind, ccard, ccard_valid, cproblem, ctext = counterparts[cells[i_linked]]
        # Counterparts' names are many: a lookup in a big memo misses the CPU caches and
        # costs more than cleaning the cell again. An unmapped name reads the blank sentinel.
        cname = cells[i_cname].strip()
        if cname in _BLANKS or not cname.strip("-—_"):
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
               place, ip, mac, cash, bank, card[3], card[2], ckind, cproblem, moved, reversal,
               status)  # fmt: skip


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
    fen_in = parse_amount(raw_in) if raw_in else 0
    fen_out = parse_amount(raw_out) if raw_out else 0
    if fen_in and fen_out:
        raise ValueParseError("bad_amount", raw_in, "both in and out given")
    # A negative 支出 is money coming back (a reversal), a negative 收入 money taken back:
    # the direction flips, and the caller marks the row a reversal (direction * 2).
    if fen_out:
        return (fen_out, -1) if fen_out > 0 else (-fen_out, 2)
    if fen_in:
        return (fen_in, 1) if fen_in > 0 else (-fen_in, -2)
    return 0, 0


def _currency(raw: str) -> str:
    s = raw.strip()
    if not s or s in _BLANKS:
        return ""
    return _CURRENCIES.get(s.upper(), s)


#: Key prefix of the placeholder account a statement's rows go under when nobody can tell
#: whose statement it is (see the importer).
PLACEHOLDER = "owner-unknown:"


# An account with its holder's name in brackets, as platforms' replies write them.
_ACCOUNT_AND_NAME = re.compile(r"([^\s()（）]{4,})\s*[(（]([^()（）]+)[)）]")
_WORDY = re.compile(r"[\u4e00-\u9fff\[\]【】:：]")
_NUMBER_IN_TEXT = re.compile(r"\d[\d*＊xX•●]{3,}(?:[ \u3000]\d{2,}|[ \u3000][*＊xX]{2,})*\d*")


def _owner_reader(kind: str, platform: str) -> Callable[[str], tuple | str]:
    """The reader of the statement owner's account cells: ``(key, valid, problem, kind)``
    or the reason the cell is no account."""
    if kind == "payment_account":

        def payment(raw: str) -> tuple | str:
            account = raw.strip().strip("[]【】").strip()
            if not account or account in _BLANKS:
                return "missing account"
            if account.startswith(PLACEHOLDER):
                return account, False, "owner_unknown", "payment_account"
            named = _ACCOUNT_AND_NAME.fullmatch(account)
            if named is not None:
                account = named.group(1)  # 2088102345678901(张伟): the id is the account
            prefix, _, rest = account.partition(":")
            if rest and ids.platform_code(prefix) == prefix.lower():
                account = rest  # given as a key: 'alipay:zha***@163.com'
            try:
                key = ids.payment_account_key(platform or "other", account)
            except ids.IdentifierError as err:
                return err.reason
            return key, True, "partial" if "*" in account else "", "payment_account"

        return payment

    def bank(raw: str) -> tuple | str:
        if raw.startswith(PLACEHOLDER):
            return raw, False, "owner_unknown", "bank_card"
        found = _card(raw)
        if found.__class__ is tuple:
            return found[0], found[1], "" if found[1] else "luhn", "bank_card"
        partial = ids.masked_number(raw)
        if partial is not None:
            return partial, False, "partial", "bank_card"
        # A title's value with words around the number: [一卡通:6214****2342 招商银行]
        if _WORDY.search(raw):
            token = _NUMBER_IN_TEXT.search(raw)
            if token is not None:
                return bank(token.group(0))
        return found

    return bank


def _counterpart_reader(platform: str) -> Callable[[str], tuple]:
    """The reader of counterpart account cells: ``(kind, key, valid, problem, text)``.

    A card or account number is a bank card (a masked one a partial card); on a payment
    platform's bill any other account (an e-mail, a phone, a login, masked or not) is an
    account of that platform; elsewhere such text is kept with the counterpart's name."""

    def read(raw: str) -> tuple:
        s = raw.strip()
        if not s or s in _BLANKS or not s.strip("-—_"):
            return "bank_card", "", True, "", ""
        found = _card(s)
        if found.__class__ is tuple:
            return "bank_card", found[0], found[1], "" if found[1] else "luhn", ""
        digits = s.lstrip("'=").strip('"')
        if digits.isdigit() and not digits.strip("0"):
            return "bank_card", "", True, "", ""  # 0 / 000000 placeholders
        partial = ids.masked_number(s)
        # A masked phone (138****5678) is no card: on a platform's bill it is an account.
        phone_like = partial is not None and len(partial) == 11 and partial[0] == "1"
        if partial is not None and not partial.startswith("*") and not phone_like:
            return "bank_card", partial, False, "partial", ""
        wallet = _wallet(s)
        if wallet is not None:
            return wallet
        if platform and ids.platform_code(s) is None:
            name = ""
            named = _ACCOUNT_AND_NAME.fullmatch(s)
            if named is not None:
                s, name = named.group(1), named.group(2).strip()
            try:
                key = ids.payment_account_key(platform, s)
            except ids.IdentifierError:
                return "bank_card", "", True, "", s
            return "payment_account", key, True, "partial" if "*" in s else "", name
        return "bank_card", "", True, "", s

    return read


def _wallet(text: str) -> tuple | None:
    """A crypto wallet's ``(kind, key, valid, problem, text)`` when ``text`` is an address."""
    chain = ids.crypto_chain(text)
    if chain is None:
        return None
    try:
        chain, address, ok = ids.normalize_crypto_address(text, chain)
    except ids.IdentifierError:
        return None
    return "crypto_wallet", f"{chain}:{address}", ok, "" if ok else "bad_checksum", ""


# Status words of orders that moved no money.
_VOID_STATUS = ("关闭", "失败", "撤销", "未支付", "待付款", "等待付款", "未成功", "不成功", "拒绝", "已退还",
                "取消", "无效", "未付款", "已冲销", "closed", "failed", "cancel", "rejected")  # fmt: skip
_VOID_FLAGS = frozenset({"否", "N", "NO", "FALSE", "F", "失败"})
_NO_FLAGS = _VOID_FLAGS | {"0", "00"}


_REVERSAL_WORDS = ("冲正", "退款", "退货", "退回", "冲账", "抹账", "退汇", "reversal", "refund")


def status_moves(status: str) -> bool:
    """Whether an order of this status moved money (交易成功, 是: yes; 交易关闭, 支付失败,
    否: no). Unknown words count as moved: a guess of 'no' would hide money.

    >>> status_moves("交易成功"), status_moves("交易关闭"), status_moves("否")
    (True, False, False)
    """
    if not status:
        return True
    if status.strip().upper() in _VOID_FLAGS:
        return False
    lowered = status.lower()
    return not any(word in lowered for word in _VOID_STATUS)


_CREDIT_IN_WORDS = ("还款", "退款", "退货", "存入", "返现", "溢缴", "冲正", "退回", "repayment",
                    "refund", "payment received")  # fmt: skip


def _credit_in_word(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _CREDIT_IN_WORDS)


_SHORT_DATE = re.compile(r"\s*(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?(?=$|\s|T)(.*)", re.S)


def _date_reader(order: str, year_month: str) -> Callable[[str, str | None], str]:
    """parse_datetime, that also reads a column's day-first or month-first dates
    (28/03/2024 with ``order`` 'dmy') and month/day dates without a year (03/27) in the
    statement period ``year_month`` ('2024-03': a December date is of the year before)."""
    if not order and not year_month:
        return parse_datetime
    period_year, period_month = (int(x) for x in year_month.split("-")) if year_month else (0, 0)

    def read(date_text: str, time_text: str | None) -> str:
        try:
            return parse_datetime(date_text, time_text)
        except ValueParseError:
            m = _SHORT_DATE.match(date_text)
            if m is None:
                raise
            a, b, year, rest = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
            if year is None:
                if not period_year:
                    raise
                month, day = a, b
                year_n = period_year - 1 if month > period_month else period_year
            else:
                day, month = (a, b) if order != "mdy" else (b, a)
                year_n = int(year) + (2000 if len(year) == 2 else 0)
            return parse_datetime(f"{year_n:04d}-{month:02d}-{day:02d}{rest}", time_text)

    return read


def _reversal_word(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _REVERSAL_WORDS)


def _neutral_way(summary: str) -> int:
    """The direction of a row marked neither in nor out (不计收支, ``/``): a withdrawal to a
    card leaves the account, a top-up enters it; anything else moved nothing (0)."""
    if "提现" in summary or "withdraw" in summary.lower():
        return -1
    if "充值" in summary or "top-up" in summary.lower() or "topup" in summary.lower():
        return 1
    return 0


def _bank_checker(r: _Rows) -> Callable[[list[str]], list[tuple[int | None, str]]]:
    """Every problem of a bank row's essential cells, as (column, reason)."""
    cols = r.columns
    card_const = r.constants.get("card")
    platform = r.constants.get("platform", "")
    owner_kind = r.constants.get("owner_kind", "") or ("payment_account" if platform else "")
    owner_of = _owner_reader(owner_kind or "bank_card", platform)
    dates = _date_reader(r.constants.get("date_order", ""), r.constants.get("year_month", ""))
    owner_label = "account" if owner_kind == "payment_account" else "card number"

    def check(cells: list[str]) -> list[tuple[int | None, str]]:
        problems: list[tuple[int | None, str]] = []
        if "card" in cols:
            raw = cells[cols["card"]]
            if not raw.strip() or raw.strip() in _BLANKS:
                problems.append((cols["card"], f"missing {owner_label}"))
            else:
                found = owner_of(raw)
                if found.__class__ is str:
                    problems.append((cols["card"], f"{owner_label}: {found}"))
        else:
            found = owner_of(card_const or "")
            if found.__class__ is str:
                reason = (
                    f"{owner_label} (from title): {found}"
                    if card_const
                    else f"missing {owner_label}"
                )
                problems.append((None, reason))
        if "time" in cols:
            _check_value(problems, cells, cols["time"], "time", lambda v: dates(v, None))
        else:
            date_col, clock_col = cols.get("date"), cols.get("clock")
            if date_col is not None:
                day = cells[date_col]
                if not day.strip() and "posting_date" in cols:
                    date_col = cols["posting_date"]
                    day = cells[date_col]
                try:
                    dates(day, None)
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
            if cells[cols["direction"]].strip() != "/":  # '/' marks neither in nor out
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
    subjects: set[str] = set()
    if not r.has("own_number"):
        buffered = []
        for item in rows:
            buffered.append(item)
            if len(buffered) >= _SUBJECT_SAMPLE:
                break
        numbers = [_phone(n) for n in _NUMBER_LIST.split(subject)] if subject else []
        numbers = [n for n in numbers if n]
        if len(numbers) > 1:  # 调取号码：A、B、C - a dump of several subscribers
            subjects, subject = set(numbers), ""
        elif not subject:
            sample = [cells for _line, cells in buffered]
            subject = _find_subject(r, sample)
            if not subject:
                subjects = _find_subjects(r, sample)
        rows = _chain(buffered, rows)
    reader = _CallReader(r, _phone(subject) if subject else "")
    reader.subjects = subjects
    return _read_rows(rows, r, reader)


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


_NUMBER_LIST = re.compile(r"[、,，;；/\s]+")


def _find_subjects(r: _Rows, rows: list[list[str]]) -> set[str]:
    """The subscribers of a dump of several numbers' records: the numbers seen in many rows
    (at least a tenth as often as the most frequent number, and in three rows)."""
    i_caller, i_callee = r.columns.get("caller"), r.columns.get("callee")
    if i_caller is None or i_callee is None or not rows:
        return set()
    seen: Counter[str] = Counter()
    for cells in rows:
        numbers = {
            _phone(cells[i]) for i in (i_caller, i_callee) if i < len(cells) and cells[i].strip()
        }
        seen.update(n for n in numbers if n)
    if not seen:
        return set()
    top = seen.most_common(1)[0][1]
    return {n for n, count in seen.items() if count >= max(3, top / 10)}


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
        self.i_service, self.with_service = col("service"), has("service")
        self.dates = _date_reader(r.constants.get("date_order", ""), "")
        #: The subscribers of a dump of several numbers (the subject is then '').
        self.subjects: set[str] = set()
        # 本机号码/对方号码, or only 对方号码 in a subscriber's own record (the number in its
        # title): the other side is the column, the own side the subject.
        self.own_layout = has("own_number") or (has("other_number") and bool(subject))
        self.own_column = has("own_number")
        self.i_own, self.i_other = col("own_number"), col("other_number")
        self.i_caller, self.i_callee = col("caller"), col("callee")
        self.i_type, self.i_start = col("call_type"), col("start_time")
        self.i_date, self.i_clock, self.i_dur = col("date"), col("clock"), col("duration")
        self.i_cell, self.i_lac, self.i_ci = col("cell"), col("lac"), col("ci")
        self.i_addr, self.i_imei = col("cell_address"), col("imei")
        self.i_lon, self.i_lat = col("longitude"), col("latitude")
        self.with_position = has("longitude") and has("latitude")
        self.i_imsi, self.i_roam = col("imsi"), col("roaming")
        self.lac_ci = has("lac") or has("ci")
        self.with_start, self.with_clock = has("start_time"), has("clock")
        self.with_type = has("call_type")
        self.with_duration = has("duration")
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
            own = phone(cells[self.i_own]) if self.own_column else self.subject
            other = phone(cells[self.i_other])
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
                # A dump of many subscribers: the row is the record of the side that is one;
                # between two of them (or when neither is known) the caller's.
                if callee in self.subjects and caller not in self.subjects:
                    own, other, way = callee, caller, "被叫"
                elif caller:
                    own, other, way = caller, callee, "主叫"
                else:
                    own, other, way = callee, caller, "被叫"
                    if not own:
                        problems.append((self.i_caller, "missing caller and callee"))
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
        if self.with_service:
            service = cells[self.i_service].strip()
            if service and service not in _BLANKS and service not in type_text:
                # 短信 + 主叫: an SMS sent. Alone it says voice or SMS; the sides say who.
                type_text = f"{service}{type_text}" if type_text not in _BLANKS else service
                if type_column is None:
                    type_column = self.i_service
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
                when = self.dates(cells[self.i_start], None)
            else:
                clock = cells[self.i_clock] if self.with_clock else None
                when = self.dates(cells[self.i_date], clock)
        except ValueParseError as err:
            if self.with_start:
                problems.append((self.i_start, _value_problem("start time", err)))
            elif err.reason == "bad_time" and self.with_clock and cells[self.i_clock].strip():
                problems.append((self.i_clock, _value_problem("time", err)))
            else:
                problems.append((self.i_date, _value_problem("date", err)))
        note = ""
        try:
            duration = self.durations[cells[self.i_dur]]
        except ValueParseError as err:
            # A negative duration (a carrier's clock fault) keeps the call, flagged.
            raw = cells[self.i_dur].strip()
            negative = raw.startswith("-") and _negative_duration(raw[1:])
            duration = 0
            if negative:
                note = f"duration negative ({raw})"
            else:
                problems.append((self.i_dur, _value_problem("duration", err)))
        else:
            if self.with_duration and not cells[self.i_dur].strip():
                note = "duration empty"
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
            note if call_type.startswith("voice") or note.startswith("duration negative") else "",
            self._position(cells) if self.with_position else "",
        )

    def _position(self, cells: list[str]) -> str:
        """'lon,lat' of the cell when both cells hold plausible degrees, else ''."""
        try:
            lon, lat = float(cells[self.i_lon].strip()), float(cells[self.i_lat].strip())
        except ValueError:
            return ""
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or (lon == 0 and lat == 0):
            return ""
        return f"{lon:.6f}".rstrip("0").rstrip(".") + "," + f"{lat:.6f}".rstrip("0").rstrip(".")


def _read_rows(source, r: _Rows, reader) -> Iterator:
    """The loop of the call and register readers: shape, read, report."""
    needed = reader.needed
    row = reader.row
    for line, cells in source:
        cells = r.shape(line, cells, needed)
        if cells.__class__ is not list:
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
        problems = [] if shaped.__class__ is not list else _bank_checker(r)(shaped)
    else:
        subject = _phone(mapping.constants.get("own_number", ""))
        reader = _CallReader(r, subject) if mapping.kind == "calls" else _RegisterReader(r)
        if mapping.kind == "calls" and not subject and not r.has("own_number"):
            subject = _find_subject(r, [list(cells)])  # one row: either side could be it
            reader.subject = subject
        shaped = r.shape(0, list(cells), reader.needed)
        if shaped.__class__ is not list:
            problems = []
        else:
            out = reader.row(0, shaped)
            problems = out if out.__class__ is list else []
    if shaped.__class__ is RejectedRow:
        return {-1: shaped.reason}
    if shaped.__class__ is FooterRow:
        return {-1: "total or footer line, not a record"}
    found: dict[int, str] = {}
    for column, reason in problems:
        found.setdefault(-1 if column is None else column, reason)
    return dict(sorted(found.items()))
