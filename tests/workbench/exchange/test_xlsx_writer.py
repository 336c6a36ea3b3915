"""The streaming XLSX writer: what a spreadsheet reads back, cell by cell and part by part."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime

from python_calamine import CalamineWorkbook

from workbench.exchange import export_xlsx, tables
from workbench.exchange.xlsx import INT, REAL, TEXT, TIME, YUAN, SheetSpec, Workbook

from .cases import case_with_facts

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

AWKWARD = [
    "a<b & c>d",  # XML's own characters
    "  padded  ",  # edge whitespace
    "line\nbreak\ttab",
    "bell\x07 and CR\r",  # control characters XML 1.0 cannot carry
    "_x000D_ literally",  # text that looks like an OOXML escape
    "张三 😀",  # CJK and a character outside the BMP
]


def write(path, rows, spec=None):
    spec = spec or SheetSpec(
        [("文本", TEXT, 12), ("整数", INT, 8), ("实数", REAL, 8), ("金额", YUAN, 12),
         ("时间", TIME, 20)]
    )  # fmt: skip
    with Workbook(path) as book:
        n = book.add_sheet("表一", spec, rows)
    return n


def test_cells_read_back_exactly(tmp_path):
    out = tmp_path / "cells.xlsx"
    rows = [
        (text, i, i + 0.25, -12345 + i, "2025-03-01 10:00:00") for i, text in enumerate(AWKWARD)
    ]
    rows.append((None, None, None, None, "not a time"))
    rows.append(("", 2**40, 0.1, 0, "2026-12-31 23:59:59"))
    assert write(out, rows) == len(rows)
    got = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("表一").to_python()
    assert got[0] == ["文本", "整数", "实数", "金额", "时间"]
    for i, text in enumerate(AWKWARD, 1):
        assert got[i][0] == text
        assert got[i][1] == i - 1 and got[i][2] == i - 1 + 0.25
        assert got[i][3] == (-12345 + i - 1) / 100
        assert got[i][4] == datetime(2025, 3, 1, 10, 0)
    # An unreadable time stays as the text it was; empty cells stay empty.
    assert got[len(AWKWARD) + 1] == ["", "", "", "", "not a time"]
    assert got[-1][1:] == [2**40, 0.1, 0.0, datetime(2026, 12, 31, 23, 59, 59)]


def test_parts_are_well_formed_with_styles_filter_and_frozen_header(tmp_path):
    out = tmp_path / "parts.xlsx"
    write(out, [("x", 1, 1.0, 100, "2025-03-01 10:00:00")] * 3)
    with zipfile.ZipFile(out) as z:
        parts = {n: ET.fromstring(z.read(n)) for n in z.namelist()}
    assert set(parts) == {
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
        "xl/styles.xml", "xl/worksheets/sheet1.xml",
    }  # fmt: skip
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert sheet.find("m:autoFilter", NS).get("ref") == "A1:E4"
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    assert pane.get("state") == "frozen" and pane.get("ySplit") == "1"
    rows = sheet.findall("m:sheetData/m:row", NS)
    assert [r.get("r") for r in rows] == ["1", "2", "3", "4"]
    # Header cells bold on a fill; amounts and times carry their number formats.
    xfs = parts["xl/styles.xml"].findall("m:cellXfs/m:xf", NS)
    formats = {f.get("numFmtId"): f.get("formatCode")
               for f in parts["xl/styles.xml"].findall("m:numFmts/m:numFmt", NS)}  # fmt: skip
    header = xfs[int(rows[0].find("m:c", NS).get("s"))]
    assert header.get("fontId") == "1" and header.get("fillId") == "2"
    amount, moment = rows[1].findall("m:c", NS)[3:5]
    assert formats[xfs[int(amount.get("s"))].get("numFmtId")] == "#,##0.00"
    assert formats[xfs[int(moment.get("s"))].get("numFmtId")] == "yyyy-mm-dd hh:mm:ss"
    ignored = sheet.find("m:ignoredErrors/m:ignoredError", NS)
    assert ignored.get("numberStoredAsText") == "1"
    names = parts["xl/workbook.xml"].findall("m:definedNames/m:definedName", NS)
    assert [n.text for n in names] == ["'表一'!$A$1:$E$4"]


def test_long_table_continues_on_a_second_sheet(tmp_path, monkeypatch):
    facts = case_with_facts(tmp_path)
    txns = facts.store.info().transactions
    assert txns > 3
    monkeypatch.setattr(tables, "SHEET_ROWS", 2)
    out = tmp_path / "split.xlsx"
    export_xlsx(facts.store, out)
    book = CalamineWorkbook.from_path(str(out))
    parts = [n for n in book.sheet_names if n.startswith("transactions")]
    assert parts[:2] == ["transactions", "transactions_2"]
    rows = [r for n in parts for r in book.get_sheet_by_name(n).to_python()[1:]]
    assert len(rows) == txns
    assert all(len(book.get_sheet_by_name(n).to_python()) <= 3 for n in parts)
    # A table that fills its last sheet exactly gets no empty sheet after it.
    assert len(book.get_sheet_by_name(parts[-1]).to_python()) > 1
