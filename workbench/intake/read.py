"""Reading evidence files into tables of text: CSV/TXT/TSV, Excel workbooks, HTML "xls".

:func:`open_tables` looks at a file's content, not its name: banks send tab-separated text
and HTML tables named ``.xls``, and workbooks named ``.csv``. Text files have their encoding
(UTF-8 with or without BOM, GBK/GB18030, UTF-16) and delimiter detected; workbooks are read
with python-calamine. In every table the header row is found below any title rows, whose
``label：value`` facts are kept (personal statements often name their own card only there),
and the data rows come as a lazy iterator of ``(line, cells)``: a million-row CSV is never
held in memory.

Cells are always text. Numbers that Excel stored as numbers come back as plain digits
(never ``6.217e+18``, never ``100.0``), Excel dates as ``YYYY-MM-DD HH:MM:SS`` (date-only
cells as ``YYYY-MM-DD``, times of day as ``HH:MM:SS``, durations as ``H:MM:SS``). Line
numbers are those a text editor or spreadsheet shows, title and header lines counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import python_calamine

from . import guard
from .columns import clean_header, is_known_header
from .guard import UnreadableFileError, check_zip, open_regular, probe_workbook, regular_file

__all__ = [
    "REASONS",
    "Table",
    "UnreadableFileError",
    "detect_delimiter",
    "detect_encoding",
    "open_tables",
    "title_facts",
]

#: Every ``UnreadableFileError.reason``: ``not_a_file`` is a FIFO, device, folder or symlink
#: loop; ``too_large`` a file beyond :data:`guard.LIMITS` (zip bomb, columns, cell or line
#: size, memory); ``too_slow`` a workbook that took too long to open; ``reader_crashed`` a
#: workbook that killed the guarded worker reading it.
REASONS = ("empty", "not_a_table", "bad_encoding", "truncated", "unsupported_format", "no_header",
           "not_a_file", "too_large", "too_slow", "reader_crashed")  # fmt: skip

_SAMPLE_BYTES = 256 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# The header is among the first 100 non-blank rows: Alipay's bill has 24 lines of preamble,
# and a police platform's export may put a page of explanations above its table.
_HEADER_SEARCH_ROWS = 100
_DELIMITERS = (",", "\t", ";", "|")


@dataclass
class Table:
    """One table of a file: its header, the facts above it and an iterator over its rows.

    ``rows`` yields ``(line, cells)`` for every non-blank row after the header, once.
    :meth:`reopen` gives the same table with a fresh iterator (preview first, then import).
    Iterating may raise :class:`UnreadableFileError` if the file turns out to be damaged
    further in (for instance an unmatched quote swallowing the rest of a CSV).
    """

    path: Path
    sheet: str | None
    encoding: str | None
    delimiter: str | None
    header: list[str]
    header_line: int
    title_facts: dict[str, str]
    rows: Iterator[tuple[int, list[str]]]
    _source: Callable[[], Iterator[tuple[int, list[str]]]] | None = field(
        default=None, repr=False, compare=False
    )
    #: The text of the rows above the header, one line per row: what a layout is recognised
    #: by (支付宝, 微信支付, 信用卡, 账单周期...) beyond its label：value facts.
    title_text: str = ""

    def reopen(self) -> Table:
        """The same table with its rows iterator starting again at the first data row."""
        if self._source is None:
            raise ValueError("this table cannot be read again")
        return replace(self, rows=self._source())


# --- file type -------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (
    (b"%PDF", "unsupported_format", "a PDF document: export the statement as Excel or CSV"),
    (b"\x89PNG", "not_a_table", "a PNG image"),
    (b"\xff\xd8\xff", "not_a_table", "a JPEG image"),
    (b"GIF8", "not_a_table", "a GIF image"),
    (b"SQLite format 3\x00", "not_a_table", "an SQLite database"),
    (b"Rar!", "unsupported_format", "a RAR archive: extract it first"),
    (b"7z\xbc\xaf\x27\x1c", "unsupported_format", "a 7-Zip archive: extract it first"),
    (b"\x1f\x8b", "unsupported_format", "a gzip archive: extract it first"),
)
_WORKBOOK_SUFFIXES = {
    "zip": (".xlsx", ".xlsm", ".xlsb", ".ods"),
    "ole": (".xls",),
}


def open_tables(path) -> list[Table]:
    """Open an evidence file and return its tables: one per non-empty sheet of a workbook,
    one for a text file. Raises :class:`UnreadableFileError`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "statement.csv"
    ...     _ = path.write_bytes("卡号：6222021234567890123\\n交易时间,交易金额\\n"
    ...                          "2023-03-27 23:41:05,100.00\\n".encode("gbk"))
    ...     [table] = open_tables(path)
    ...     rows = list(table.rows)
    >>> table.encoding, table.header, table.header_line, table.title_facts
    ('gb18030', ['交易时间', '交易金额'], 2, {'卡号': '6222021234567890123'})
    >>> rows
    [(3, ['2023-03-27 23:41:05', '100.00'])]
    """
    path = Path(path)
    size = regular_file(path).st_size  # a FIFO, device or folder is refused unopened
    try:
        with open_regular(path) as f:
            head = f.read(_SAMPLE_BYTES)
    except OSError as exc:
        raise UnreadableFileError(path, "not_a_file", exc.strerror or str(exc)) from None
    if size == 0:
        raise UnreadableFileError(path, "empty", "the file has no content")
    for magic, reason, detail in _BINARY_MAGIC:
        if head.startswith(magic):
            raise UnreadableFileError(path, reason, detail)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _open_zip(path)
    if head.startswith(_OLE_MAGIC):
        return _open_ole(path, head, size)
    return _open_text(path, head, size)


# --- workbooks -------------------------------------------------------------------------------


def _open_zip(path: Path) -> list[Table]:
    names = set(check_zip(path, guard.LIMITS))  # declared sizes: no bomb is unpacked
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        pass
    elif "content.xml" in names and "mimetype" in names:
        try:
            with zipfile.ZipFile(path) as zf:
                mimetype = zf.read("mimetype")[:200].decode("ascii", "replace")
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise UnreadableFileError(path, "truncated", f"damaged mimetype ({exc})") from None
        if "spreadsheet" not in mimetype:
            raise UnreadableFileError(path, "not_a_table", f"an OpenDocument file ({mimetype})")
    elif any(n.startswith("word/") for n in names):
        raise UnreadableFileError(path, "not_a_table", "a Word document")
    elif any(n.startswith("ppt/") for n in names):
        raise UnreadableFileError(path, "not_a_table", "a PowerPoint document")
    else:
        raise UnreadableFileError(
            path, "not_a_table", "a zip archive, not an Excel workbook: extract it first"
        )
    return _open_workbook(path, "zip", _zip_damage)


def _zip_damage(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        return str(exc)
    return None if bad is None else f"member {bad} is damaged"


def _open_ole(path: Path, head: bytes, size: int) -> list[Table]:
    def damage(_path: Path) -> str | None:
        # A compound file is a 512-byte header followed by whole sectors: a file cut short
        # almost never ends on a sector boundary.
        shift = int.from_bytes(head[30:32], "little")
        if shift not in (9, 12):  # 512- or 4096-byte sectors; anything else is damage
            return f"sector size 2**{shift} in the header"
        if (size - 512) % (1 << shift):
            return f"{size} bytes is not a whole number of {1 << shift}-byte sectors"
        return None

    return _open_workbook(path, "ole", damage)


def _open_workbook(path: Path, container: str, damage: Callable[[Path], str | None]) -> list[Table]:
    # calamine aborts its whole process on some hostile workbooks (two cells at A1 and
    # XFD1048576 make it allocate 512 GiB): it meets each workbook in a guarded worker first.
    probe_workbook(path, container, guard.LIMITS)
    try:
        if path.suffix.lower() in _WORKBOOK_SUFFIXES[container]:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # misnamed: let calamine sniff the content
            with path.open("rb") as f:
                workbook = python_calamine.CalamineWorkbook.from_filelike(f)
        sheets = [(name, workbook.get_sheet_by_name(name)) for name in workbook.sheet_names]
    except python_calamine.PasswordError:
        raise UnreadableFileError(
            path, "unsupported_format", "the workbook is password-protected"
        ) from None
    except Exception as exc:  # calamine raises several unrelated types for bad input
        problem = damage(path)
        if problem:
            raise UnreadableFileError(path, "truncated", problem) from None
        raise UnreadableFileError(path, "not_a_table", f"not a readable workbook ({exc})") from None
    tables = []
    for name, sheet in sheets:
        if not sheet.height:
            continue
        head_rows = []
        for index, row in enumerate(sheet.iter_rows()):
            cells = _excel_cells(row)
            if any(c.strip() for c in cells):
                head_rows.append((index + 1, cells))
                if len(head_rows) >= _HEADER_SEARCH_ROWS:
                    break
        if not head_rows:
            continue
        table = _make_table(path, name, None, None, head_rows, _sheet_source(path, name, sheet))
        if table is not None:
            tables.append(table)
    if not tables:
        if any(sheet.height for _name, sheet in sheets):
            raise UnreadableFileError(path, "no_header", "no sheet has a row of column names")
        raise UnreadableFileError(path, "empty", "every sheet is empty")
    return tables


def _sheet_source(path: Path, name: str, sheet) -> Callable[[int], Iterator]:
    """Rows of a sheet after ``after`` (a line number). The sheet loaded by open_tables is
    used by the first iteration and then released; later iterations load it again."""
    held = [sheet]

    def rows(after: int) -> Iterator[tuple[int, list[str]]]:
        current = held.pop() if held else _reload(path, name)
        convert = _excel_cell
        for index, row in enumerate(current.iter_rows()):
            if index < after:
                continue
            cells = [c if c.__class__ is str else convert(c) for c in row]
            if cells and (cells[0].strip() or "".join(cells).strip()):
                yield index + 1, cells

    return rows


def _reload(path: Path, name: str):
    try:
        with path.open("rb") as f:
            return python_calamine.CalamineWorkbook.from_filelike(f).get_sheet_by_name(name)
    except Exception as exc:  # changed on disk since it was opened
        raise UnreadableFileError(
            path, "not_a_table", f"cannot read sheet {name} again ({exc})"
        ) from None


def _excel_cells(row: list) -> list[str]:
    return [c if c.__class__ is str else _excel_cell(c) for c in row]


def _excel_cell(value) -> str:
    """Text of a non-string spreadsheet value, as the analyst would read it in Excel."""
    kind = value.__class__
    if kind is float:
        return _float_text(value)
    if kind is dt.datetime:
        return _to_second(value).strftime("%Y-%m-%d %H:%M:%S")
    if kind is dt.date:
        return value.isoformat()
    if kind is dt.time:
        return _to_second(dt.datetime.combine(dt.date(2000, 1, 1), value)).strftime("%H:%M:%S")
    if kind is dt.timedelta:
        seconds = round(value.total_seconds())
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if value is None:
        return ""
    return str(value)


def _to_second(value: dt.datetime) -> dt.datetime:
    """Round to the nearest second: an Excel serial's fraction of a day lands a hair off
    (45012.98686 is 23:41:04.704), and Excel itself displays the rounded time."""
    if value.microsecond >= 500_000:
        value += dt.timedelta(microseconds=1_000_000 - value.microsecond)
    return value.replace(microsecond=0)


def _float_text(value: float) -> str:
    """A float cell as plain digits: integers exactly (no '.0', no exponent); beyond 2**53,
    where a double holds ~16 significant digits, the shortest decimal that round-trips
    padded with zeros; fractions to Excel's 15 significant digits (0.1+0.2 -> '0.3').

    >>> _float_text(6217000010012345678.0), _float_text(4111111111111111.0)
    ('6217000010012345000', '4111111111111111')
    >>> _float_text(1234.5), _float_text(0.1 + 0.2), _float_text(1e-05), _float_text(-0.0)
    ('1234.5', '0.3', '0.00001', '0')
    """
    if value.is_integer():
        if abs(value) < 2**53:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    text = format(value, ".15g")
    return format(Decimal(text), "f") if "e" in text else text


# --- text files ------------------------------------------------------------------------------


def detect_encoding(sample: bytes, complete: bool = True) -> str | None:
    """The codec that decodes ``sample``: a BOM decides, then UTF-16 by its NUL bytes, then
    strict UTF-8, then GB18030 (a superset of GBK and GB2312). None when nothing fits.
    ``complete`` says whether the sample is the whole file (else a character cut at its end
    is allowed).

    >>> detect_encoding("交易金额".encode("gbk")), detect_encoding("交易金额".encode())
    ('gb18030', 'utf-8')
    >>> detect_encoding("卡号,金额".encode("utf-16")), detect_encoding("卡号,1".encode("utf-16-le"))
    ('utf-16', 'utf-16-le')
    >>> detect_encoding("对方开户行,1\\r\\n".encode("utf-16-be"))  # 开 is U+5F00: a NUL byte too
    'utf-16-be'
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if head.count(0):
        # ASCII characters in UTF-16 have a NUL high byte: at odd offsets in little-endian
        # text, at even offsets in big-endian text. Characters U+xx00 (开 is U+5F00) put a
        # NUL on the other side, so both sides may have some: the decoding that reads as
        # text wins. Anything else with NULs is binary.
        if len(sample) % 2 and complete:
            return None
        best, best_score = None, 0.9
        for codec in ("utf-16-le", "utf-16-be"):
            if _decodes(sample, codec, complete):
                score = _text_score(head.decode(codec, "replace"))
                if score > best_score:
                    best, best_score = codec, score
        return best
    for codec in ("utf-8", "gb18030"):
        if _decodes(sample, codec, complete):
            return codec
    return None


def _text_score(text: str) -> float:
    """The share of ``text`` that is what tables are written in: printable ASCII, line
    breaks and tabs, CJK ideographs, CJK punctuation and full-width forms. Text read in the
    wrong byte order is mostly other scripts (',' becomes U+2C00)."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if " " <= ch <= "~" or ch in "\t\r\n" or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\xa0" <= ch <= "\u024f"
    )  # fmt: skip
    return good / len(text)


def _decodes(sample: bytes, codec: str, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter among ``, \\t ; |`` that splits most of ``lines`` into the same number
    of fields (then the one giving more fields; then the order listed). ``','`` when none
    splits anything.

    >>> detect_delimiter(["卡号\\t金额", "6222\\t1,234.00", "6223\\t5.00"])
    '\\t'
    >>> detect_delimiter(["标题", "a;b;c", "1;2;3"])
    ';'
    """
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        for fields in csv.reader(lines, delimiter=delimiter):
            if len(fields) > 1:
                counts[len(fields)] = counts.get(len(fields), 0) + 1
        if counts:
            width, agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
            if (agreeing, width) > best_score:
                best, best_score = delimiter, (agreeing, width)
    return best


def _open_text(path: Path, head: bytes, size: int) -> list[Table]:
    complete = size <= len(head)
    sample = head
    if not complete and head.isascii() and not head.count(0):
        sample = _first_non_ascii(path, head)
    encoding = detect_encoding(sample, complete=complete and sample is head)
    if encoding is None:
        if head[:4096].count(0):
            raise UnreadableFileError(path, "not_a_table", "binary data, not text")
        raise UnreadableFileError(
            path, "bad_encoding", "neither UTF-8, GBK/GB18030 nor UTF-16 text"
        )
    text = codecs.getincrementaldecoder(encoding)("replace").decode(head, final=complete)
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    cut = max(text.rfind("\n"), text.rfind("\r"))
    if not complete and cut >= 0:
        text = text[: cut + 1]  # drop the last line, cut short by the sample
    if not text.strip():
        raise UnreadableFileError(path, "empty", "the file holds only blank lines")
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\r\n\f")
    if controls * 100 > len(text[:4096]):
        raise UnreadableFileError(path, "not_a_table", "binary data, not text")
    stripped = text.lstrip()[:4096].lower()
    if stripped.startswith("<") and "<table" in text[:_SAMPLE_BYTES].lower():
        return _open_html(path, encoding)
    if stripped.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in stripped:
        raise UnreadableFileError(
            path, "unsupported_format", "an Excel 2003 XML workbook: save it as .xlsx"
        )
    limits = guard.LIMITS
    csv.field_size_limit(limits.max_cell_chars)
    lines = [line for line in text.splitlines() if line.strip()][:50]
    if any(len(line) > limits.max_line_chars for line in lines):
        raise UnreadableFileError(
            path, "too_large", f"a line longer than {limits.max_line_chars:,} characters"
        )
    head_rows = []
    previous = 0
    try:
        delimiter = detect_delimiter(lines)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if cells and "".join(cells).strip():
                head_rows.append((line, cells))
                if len(head_rows) >= _HEADER_SEARCH_ROWS:
                    break
    except csv.Error as exc:
        raise UnreadableFileError(path, _csv_reason(exc), f"line {previous + 1}: {exc}") from None

    def rows(after: int) -> Iterator[tuple[int, list[str]]]:
        return _csv_rows(path, encoding, delimiter, after)

    table = _make_table(path, None, encoding, delimiter, head_rows, rows)
    if table is None:
        raise UnreadableFileError(
            path, "no_header", f"no row of column names in the first {_HEADER_SEARCH_ROWS} rows"
        )
    return [table]


def _first_non_ascii(path: Path, head: bytes) -> bytes:
    """A window of the file around its first non-ASCII byte (or ``head`` if all ASCII), so
    that a long ASCII prefix does not hide the encoding of the Chinese further down."""
    with open_regular(path) as f:
        f.seek(len(head))
        offset = len(head)
        while chunk := f.read(1 << 20):
            found = _NON_ASCII.search(chunk)
            if found:
                # Every byte before this one is ASCII, so the window starts on a character.
                f.seek(offset + found.start())
                return f.read(64 * 1024)
            offset += len(chunk)
    return head


def _csv_rows(
    path: Path, encoding: str, delimiter: str, after: int
) -> Iterator[tuple[int, list[str]]]:
    # Undecodable bytes further in become U+FFFD in their cell rather than stopping a
    # million-row import; the first 256 KiB were checked strictly.
    limits = guard.LIMITS
    csv.field_size_limit(limits.max_cell_chars)
    with (
        open_regular(path) as raw,
        io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as f,
    ):
        reader = csv.reader(_bounded_lines(f, path, limits.max_line_chars), delimiter=delimiter)
        end = 0
        try:
            if after:
                for _cells in reader:  # title and header rows
                    end = reader.line_num
                    if end >= after:
                        break
            for cells in reader:
                start, end = end + 1, reader.line_num
                # Blank lines and lines of bare delimiters are no rows; the first test
                # settles almost every real row.
                if cells and (cells[0].strip() or "".join(cells).strip()):
                    yield start, cells
        except csv.Error as exc:
            raise UnreadableFileError(
                path, _csv_reason(exc), f"line {end + 1}: {exc} (an unmatched quote?)"
            ) from None


def _csv_reason(exc: csv.Error) -> str:
    return "too_large" if "field larger than field limit" in str(exc) else "not_a_table"


def _bounded_lines(f, path: Path, limit: int) -> Iterator[str]:
    """The lines of ``f``, refusing one longer than ``limit`` characters before it is in
    memory whole (a file of one endless line must not fill the memory)."""
    readline = f.readline
    while line := readline(limit):
        if len(line) >= limit and line[-1] not in "\r\n":
            raise UnreadableFileError(path, "too_large", f"a line longer than {limit:,} characters")
        yield line


# --- HTML tables saved as .xls -----------------------------------------------------------------


class _HtmlRows(HTMLParser):
    """Rows of every ``<tr>`` in document order, as Excel lays out an HTML "workbook"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).replace("\xa0", " ").split())
            self._row.append(text)
            self._row.extend([""] * (self._span - 1))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None

    def close(self) -> None:
        super().close()
        self._end_row()


def _html_rows(path: Path, encoding: str) -> list[list[str]]:
    parser = _HtmlRows()
    with path.open(encoding=encoding, errors="replace") as f:
        while chunk := f.read(1 << 20):
            parser.feed(chunk)
    parser.close()
    return parser.rows


def _open_html(path: Path, encoding: str) -> list[Table]:
    all_rows = _html_rows(path, encoding)
    head_rows = [(i + 1, r) for i, r in enumerate(all_rows) if "".join(r).strip()]
    head_rows = head_rows[:_HEADER_SEARCH_ROWS]

    def rows(after: int) -> Iterator[tuple[int, list[str]]]:
        for i, cells in enumerate(all_rows):
            if i + 1 > after and "".join(cells).strip():
                yield i + 1, cells

    table = _make_table(path, None, encoding, None, head_rows, rows)
    if table is None:
        raise UnreadableFileError(path, "no_header", "no row of column names in the HTML table")
    return [table]


# --- header and title rows ---------------------------------------------------------------------

# A cell that is a value, not a name: digits with the punctuation of amounts, dates and times.
_VALUE_LIKE = re.compile(r"[-+¥￥$(),.:/\s年月日时分秒元]*\d[-+¥￥$(),.:/\s\d年月日时分秒元]*")
# "label：value" or "label:" - a label does not start with a digit (so 10:00 is no label).
_FACT_START = re.compile(r"\s*[^\d\s:：][^:：]{0,20}[:：]")
# Facts are separated by wide spaces, semicolons, full-width commas or bars...
_SEGMENT_SPLIT = re.compile(r"\s{2,}|\u3000+|[;；|，]\s*")
# ...or, after a first fact, by a single space before the next "label：".
_NEXT_LABEL = re.compile(r"\s+(?=[^\s\d:：][^\s:：]{0,15}[:：])")


def _make_table(
    path: Path,
    sheet: str | None,
    encoding: str | None,
    delimiter: str | None,
    head_rows: list[tuple[int, list[str]]],
    rows_after: Callable[[int], Iterator[tuple[int, list[str]]]],
) -> Table | None:
    limits = guard.LIMITS
    for line, cells in head_rows:
        if len(cells) > limits.max_columns:
            width = len(cells)
            while width and not cells[width - 1].strip():
                width -= 1
            if width > limits.max_columns:
                raise UnreadableFileError(
                    path, "too_large",
                    f"{width:,} columns in line {line}"
                    + (f" of sheet {sheet}" if sheet else "")
                    + f" (limit {limits.max_columns:,})",
                )  # fmt: skip
    found = _find_header(head_rows)
    if found is None:
        return None
    header_line, cells = head_rows[found]
    header = [clean_header(c) for c in cells]
    while header and not header[-1]:
        header.pop()

    def source() -> Iterator[tuple[int, list[str]]]:
        return rows_after(header_line)

    above = [c for _line, c in head_rows[:found]]
    return Table(
        path=path,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        header_line=header_line,
        title_facts=title_facts(above),
        rows=source(),
        _source=source,
        title_text="\n".join(" ".join(c.strip() for c in cells if c.strip()) for cells in above),
    )


def _find_header(rows: list[tuple[int, list[str]]]) -> int | None:
    """Index in ``rows`` of the header among rows about as wide as the table whose cells are
    names rather than values and not ``label：value`` facts: the one with the most known
    column names (the first of equals), else the first such row."""
    widths = [sum(1 for c in cells if c.strip()) for _line, cells in rows]
    if not widths:
        return None
    widest = max(widths)
    best, best_known = None, 0
    for i, (_line, cells) in enumerate(rows):
        names = [c.strip() for c in cells if c.strip()]
        n = len(names)
        if n * 2 < widest or (n < 2 and not (widest == 1 and is_known_header(names[0]))):
            continue
        if sum(1 for c in names if _VALUE_LIKE.fullmatch(c)) * 5 > n:
            continue
        facts = sum(1 for c in names if _FACT_START.match(c) and not is_known_header(c))
        if facts * 3 >= n:
            continue
        # A title row such as 户名 | 张三 | 开户行 | 工行 names two columns too; the header
        # names more.
        known = sum(1 for c in names if is_known_header(c))
        if best is None or known > best_known:
            best, best_known = i, known
    return best


def title_facts(rows: list[list[str]]) -> dict[str, str]:
    """``label：value`` facts of the title rows: several per cell or per line, with ：or :,
    or a label cell followed by its value cell (the label ends with a colon, is a known
    column name, or is text before a number or date). The first value of a label wins.

    >>> title_facts([["卡号：6222 0212 3456 7890 123  户名：张三"], ["账号:", "1100123"]])
    {'卡号': '6222 0212 3456 7890 123', '户名': '张三', '账号': '1100123'}
    >>> title_facts([["查询时间段：2023-01-01 至 2023-03-31；打印时间：2023-04-01 10:00:00"]])
    {'查询时间段': '2023-01-01 至 2023-03-31', '打印时间': '2023-04-01 10:00:00'}
    >>> title_facts([["Card No.: 6222 户名：张三"], ["户名", "李四", "起始日期", "2023-01-01"]])
    {'Card No.': '6222', '户名': '张三', '起始日期': '2023-01-01'}
    """
    facts: dict[str, str] = {}
    for cells in rows:
        filled = [_tidy_fact_cell(c) for c in cells if c.strip()]
        filled = [c for c in filled if c]
        pending: str | None = None  # a label whose value is in the next cell
        for i, cell in enumerate(filled):
            last: str | None = None  # the fact a stray piece of this cell continues
            for segment in _SEGMENT_SPLIT.split(cell):
                segment = segment.strip()
                if not segment:
                    continue
                pairs = _pairs(segment)
                if pairs:
                    for label, value in pairs:
                        if not value:
                            pending = label
                            continue
                        last = label if label not in facts else None
                        facts.setdefault(label, value)
                        pending = None
                elif pending is not None:
                    last = pending if pending not in facts else None
                    facts.setdefault(pending, segment)
                    pending = None
                elif last is not None:
                    facts[last] = f"{facts[last]} {segment}"  # "2023-04-01  10:00:00"
                elif segment == cell and _label_cell(filled, i):
                    pending = clean_header(cell)
    return facts


# Spaces inside a label, put there to align it (账　　号：, "# 币    种: "), and the comment
# marks some exports start their preamble lines with.
_SPACED_LABEL = re.compile(
    r"(?:^|(?<=\s\s)|(?<=\u3000))([\u4e00-\u9fff]{1,2})[\u3000 ]+(?=[\u4e00-\u9fff]{1,3}\s*[:：])"
)
_BRACKETED = re.compile(r"([:：])\s*[\[【]([^\]】]*)[\]】]")


def _tidy_fact_cell(cell: str) -> str:
    """A title cell made ready for fact parsing: comment marks, label padding and the
    brackets some exports put around values ([2024-01-01], 【张三】) removed.

    >>> _tidy_fact_cell("# 账    号: [一卡通:6214********2342   招商银行]")
    '账号:一卡通:6214********2342   招商银行'
    >>> _tidy_fact_cell("微信昵称：[夜航船]"), _tidy_fact_cell("账　　号：6217")
    ('微信昵称：夜航船', '账号：6217')
    """
    s = cell.strip().lstrip("#").strip()
    s = _SPACED_LABEL.sub(r"\1", s)
    return _BRACKETED.sub(lambda m: f"{m.group(1)}{m.group(2).strip()}", s)


def _label_cell(filled: list[str], i: int) -> bool:
    """Whether ``filled[i]``, a cell without a colon, labels the cell after it: it is no
    value itself, and it is a known column name or the next cell is a number or date."""
    if i + 1 >= len(filled) or _VALUE_LIKE.fullmatch(filled[i]):
        return False
    return is_known_header(filled[i]) or bool(_VALUE_LIKE.fullmatch(filled[i + 1]))


def _pairs(segment: str) -> list[tuple[str, str]]:
    """``[(label, value), ...]`` of one segment, ``[]`` when it does not start with a label.
    The first label runs from the start to the first colon (so ``Card No.`` keeps its
    space); further labels follow a space inside the value."""
    m = _FACT_START.match(segment)
    if m is None:
        return []
    label = clean_header(segment[: m.end() - 1])
    rest = _NEXT_LABEL.split(segment[m.end() :].strip())
    pairs = [(label, rest[0].strip())]
    for piece in rest[1:]:
        pairs.extend(_pairs(piece) or [])
    return pairs
