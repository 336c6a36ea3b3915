"""Helpers that write real evidence files for the intake tests: text files in the encodings
and layouts banks and carriers use, and Excel workbooks (written with xlsxwriter, a test-only
dependency) with numbers stored as text or as numbers."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

from workbench import identifiers as ids


def card(prefix: str, length: int = 19) -> str:
    """A card number with a valid Luhn check digit: ``prefix`` padded with zeros."""
    partial = prefix.ljust(length - 1, "0")
    return partial + ids.luhn_check_digit(partial)


def id_number(first17: str) -> str:
    """A resident ID number with a valid check character."""
    return first17 + ids.id_check_char(first17)


# Numbers used across the tests.
CARD_A = card("622202123456789012")  # 19 digits
CARD_B = card("621700001001234567")
CARD_16 = card("411111111111111", 16)
ID_A = id_number("11010519491231002")  # '11010519491231002X'
ID_B = id_number("50024019900101123")

#: Headers of the bank-inquiry reply template (查询反馈模板).
TEMPLATE_HEADER = ["查询卡号", "本方卡号", "交易时间", "借贷标志", "交易金额", "账户余额",
                   "交易流水号", "交易对方姓名", "交易对方卡号/账户", "交易对方证件号码",
                   "交易对方账号开户行", "交易摘要", "交易网点名称", "现金标志", "IP地址", "MAC"]  # fmt: skip
#: A big bank's personal export: signed amount, no card column (the card is in the title).
PERSONAL_HEADER = ["交易日期", "交易金额", "对方账号", "对方户名", "摘要", "渠道"]
#: Split booking date and time, with separate in and out columns.
SPLIT_HEADER = ["账号", "记账日期", "记账时间", "收入金额", "支出金额", "余额", "对方账号", "对方户名",
                "摘要"]  # fmt: skip
#: A carrier's call detail record.
CDR_HEADER = ["本机号码", "对方号码", "呼叫类型", "开始时间", "通话时长", "基站", "IMEI", "IMSI"]
#: An English-language statement.
ENGLISH_HEADER = ["Card No.", "Transaction Time", "Debit/Credit", "Amount", "Balance",
                  "Counterparty Account", "Counterparty Name", "Description", "Channel"]  # fmt: skip
#: A card register pushed by a bank.
REGISTER_HEADER = ["持卡人", "身份证号", "手机号", "银行卡号", "开户行", "户籍地", "备注"]


def write_text(
    path: Path,
    rows: Iterable[Sequence[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    title: Sequence[str] = (),
    newline: str = "\r\n",
) -> Path:
    """Write ``title`` lines verbatim, then ``rows`` joined by ``delimiter`` (cells holding
    the delimiter, a quote or a line break are quoted), in ``encoding``. ``encoding`` may
    be ``'utf-8-sig'`` (BOM), ``'utf-16'`` (BOM) or ``'utf-16-le'``/``'utf-16-be'`` (none)."""
    lines = list(title)
    for row in rows:
        cells = []
        for cell in row:
            if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        lines.append(delimiter.join(cells))
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write a workbook: ``str`` cells as text (so long numbers stay exact), ``int``/
    ``float`` as numbers, ``datetime``/``date``/``time`` as Excel dates with a date format,
    ``None`` as an empty cell. ``Number(x, fmt)`` writes ``x`` with a number format."""
    workbook = xlsxwriter.Workbook(str(path))
    formats = {
        dt.datetime: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        dt.date: workbook.add_format({"num_format": "yyyy-mm-dd"}),
        dt.time: workbook.add_format({"num_format": "hh:mm:ss"}),
    }
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Number):
                    sheet.write_number(
                        r, c, value.value, workbook.add_format({"num_format": value.fmt})
                    )
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                elif isinstance(value, dt.datetime | dt.date | dt.time):
                    sheet.write_datetime(r, c, value, formats[type(value)])
                else:
                    raise TypeError(f"cannot write {value!r}")
    workbook.close()
    return path


class Number:
    """A number written with an Excel number format (e.g. a date serial shown as a date)."""

    def __init__(self, value: float, fmt: str):
        self.value = value
        self.fmt = fmt


def truncate(path: Path, fraction: float = 0.5) -> Path:
    """Cut ``path`` to ``fraction`` of its size, as an interrupted copy would."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip archive holding ``members`` (not a workbook unless they make one)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def write_png(path: Path) -> Path:
    """A tiny but genuine PNG image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\x00\x00"  # one red pixel, filter byte first
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def personal_statement(path: Path, encoding: str = "gbk") -> Path:
    """A GBK personal statement naming its own card only in the title rows, with signed
    amounts carrying 元 and thousands separators, a blank line and a total line."""
    title = [
        "中国建设银行个人活期账户交易明细",
        f"卡号：{CARD_A}；户名：张三",
        "查询时间段：2023-03-01 至 2023-03-31    打印时间：2023-04-01 10:00:00",
    ]
    rows = [
        PERSONAL_HEADER,
        ["2023-03-27 23:41:05", "-1,200.00元", CARD_B, "李四", "网银转账", "网银"],
        ["2023-03-28 09:05:00", "+50,000.00元", "", "财付通", "快捷支付", "第三方支付"],
        ["2023-03-29 02:10:00", "-3000.00", "", "", "ATM取款", "ATM"],
    ]
    write_text(path, rows, encoding=encoding, title=title)
    # A blank line and a closing total line, as the bank prints them.
    with path.open("ab") as f:
        f.write("\r\n合计,,,,,\r\n".encode(encoding))
    return path
