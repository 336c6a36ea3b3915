"""Hostile and damaged evidence files, built for real: the corpus of ``test_hostile.py``, and
the mutations that ``test_fuzz.py`` and ``benchmarks/fuzz.py`` apply to the layout fixtures.

:func:`check_import` imports a file next to a good one and says what went wrong, in the
three ways that must never happen: a traceback out of the importer, a good file thrown
away with a bad one, and rows read that are neither stored, duplicates, rejected nor
footers (data lost quietly).
"""

from __future__ import annotations

import random
import struct
import zipfile
from pathlib import Path

from workbench.intake.importer import FileResult, import_files
from workbench.store import CaseStore

from .files import CARD_A, TEMPLATE_HEADER, card, write_text

# --- workbooks -----------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def write_raw_xlsx(path: Path, sheet_data: str, dimension: str = "", extra: dict | None = None):
    """A minimal .xlsx written by hand, so that its sheet XML can say anything."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dim}<sheetData>{sheet_data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def huge_allocation_xlsx(path: Path) -> Path:
    """Two cells, at A1 and XFD1048576: calamine allocates 2**34 cells (512 GiB) and aborts."""
    return write_raw_xlsx(
        path,
        f'<row r="1">{_cell("A1", "交易时间")}</row>'
        f'<row r="1048576">{_cell("XFD1048576", "x")}</row>',
    )


def wide_xlsx(path: Path, columns: int = 10_000, rows: int = 20) -> Path:
    """A sheet ``columns`` wide (its XML does not declare its dimension)."""
    body = []
    for r in range(1, rows + 1):
        body.append(f'<row r="{r}">' + "".join(f"<c><v>{c}</v></c>" for c in range(columns)))
        body.append("</row>")
    return write_raw_xlsx(path, "".join(body))


def bomb_xlsx(path: Path, megabytes: int = 300) -> Path:
    """A workbook with a part that unpacks a thousandfold (a zip bomb)."""
    sheet = f'<row r="1">{_cell("A1", "交易时间")}{_cell("B1", "交易金额")}</row>'
    return write_raw_xlsx(path, sheet, extra={"xl/media/bomb.xml": b" " * (megabytes << 20)})


def set_zip_version(path: Path, version: int = 195) -> Path:
    """Rewrite the 'version needed to extract' of every entry (195: 'zip version 19.5')."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 2] = struct.pack("<H", version)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def damage_zip_data(path: Path, seed: int = 0) -> Path:
    """Flip bytes inside the compressed data of the sheet (headers left intact)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    rng = random.Random(seed)
    for _ in range(8):
        at = start + rng.randrange(max(1, info.compress_size))
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


# --- text files ----------------------------------------------------------------------------------


def statement_rows(n: int = 5, day: int = 1) -> list[list[str]]:
    """``n`` rows of a bank-inquiry reply on CARD_A, each to a counterparty with a name."""
    rows = []
    for i in range(n):
        other = card(f"6217000010{day:02d}{i:07d}")
        rows.append([CARD_A, CARD_A, f"2023-03-{day:02d} 10:{i:02d}:00", "出", f"{100 + i}.00",
                     "5.00", f"S{day}-{i}", f"对方{i}", other, "", "工商银行", "转账", "", "", "",
                     ""])  # fmt: skip
    return rows


def good_statement(folder: Path, name: str = "good.csv", day: int = 1) -> Path:
    return write_text(folder / name, [TEMPLATE_HEADER, *statement_rows(5, day)])


# --- mutations -----------------------------------------------------------------------------------

MUTATIONS = ("flip", "truncate", "huge_amount", "huge_cell", "nul", "duplicate_lines",
             "utf16_no_bom", "many_columns", "zip_version", "zip_data", "insert_quote")  # fmt: skip


def mutate(path: Path, how: str, rng: random.Random) -> Path:
    """Damage ``path`` in place the way ``how`` says; returns it."""
    data = bytearray(path.read_bytes())
    is_zip = data[:2] == b"PK"
    if how == "flip":
        for _ in range(rng.randint(1, 16)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "truncate":
        del data[rng.randrange(1, len(data)) :]
    elif how == "zip_version" and is_zip:
        return set_zip_version(path, rng.choice((195, 63, 999)))
    elif how == "zip_data" and is_zip:
        try:
            return damage_zip_data(path, rng.randrange(1 << 30))
        except KeyError:
            data[rng.randrange(len(data))] ^= 0xFF
    elif is_zip:  # text mutations make no sense inside compressed data
        data[rng.randrange(len(data))] ^= 0xFF
    else:
        lines = bytes(data).split(b"\n")
        at = rng.randrange(len(lines))
        if how == "huge_amount":
            digits = "9" * rng.choice((15, 20, 40, 5000))
            lines[at] = lines[at].replace(b".00", f"{digits}.00".encode(), 1) or digits.encode()
            for i in rng.sample(range(len(lines)), min(3, len(lines))):
                lines[i] = lines[i].replace(b"100.00", f"{digits}.00".encode(), 1)
        elif how == "huge_cell":
            lines[at] += b"," + b"A" * rng.choice((200_000, 1_200_000))
        elif how == "nul":
            lines[at] = (
                lines[at][: len(lines[at]) // 2] + b"\x00" * 3 + lines[at][len(lines[at]) // 2 :]
            )
        elif how == "duplicate_lines":
            lines[at:at] = [lines[at]] * rng.randint(1, 5)
        elif how == "utf16_no_bom":
            for codec in ("utf-8-sig", "gb18030"):
                try:
                    text = bytes(data).decode(codec)
                    break
                except UnicodeDecodeError:
                    text = None
            if text is not None:
                path.write_bytes(text.encode(rng.choice(("utf-16-le", "utf-16-be"))))
                return path
        elif how == "many_columns":
            lines[at] = b",".join([lines[at]] + [b"c"] * rng.choice((1_500, 10_000)))
        elif how == "insert_quote":
            lines[at] = b'"' + lines[at]
        data = bytearray(b"\n".join(lines))
    path.write_bytes(bytes(data))
    return path


# --- the check -----------------------------------------------------------------------------------


def row_sum(result: FileResult) -> int:
    """What a file's rows became: stored, duplicates, kept unmoved, rejected (footers are
    counted apart and are not in ``rows_read``)."""
    return (result.transactions_new + result.transactions_duplicate
            + result.transactions_unmoved + result.calls_new + result.calls_duplicate
            + result.rejected)  # fmt: skip


def check_import(store: CaseStore, good: Path, bad: Path, **options) -> list[str]:
    """Import ``good`` and ``bad`` together; the problems found (empty when all is well)."""
    problems = []
    try:
        summary = import_files(store, [good, bad], **options)
    except Exception as exc:  # what the fuzzing looks for
        return [f"traceback: {type(exc).__name__}: {exc}"]
    by_name = {}
    for f in summary.files:
        by_name.setdefault(f.file, []).append(f)
        if "internal error" in f.skipped:
            problems.append(f"untyped: {f.file}: {f.skipped}")
        if f.kind in ("bank", "calls") and not f.skipped and row_sum(f) != f.rows_read:
            problems.append(f"lost: {f.file} [{f.sheet}] read {f.rows_read}, "
                            f"accounted {row_sum(f)}")  # fmt: skip
    if good.name != bad.name and not any(f.status == "imported" for f in by_name[good.name]):
        problems.append(f"good file not imported: {by_name[good.name]}")
    return problems
