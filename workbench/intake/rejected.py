"""Rejected rows out of the case, for the analyst who goes back to the bank with them."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

HEADER = ("file", "row", "column", "value", "reason")


def escape_cell(value) -> str:
    """Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.

    >>> escape_cell("=HYPERLINK(1)"), escape_cell("-500"), escape_cell("张三")
    ("'=HYPERLINK(1)", "'-500", '张三')
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_rejected_csv(rows: Iterable, path: str | Path) -> int:
    """Write rejected rows (RejectedRow objects or (file, row, column, value, reason) tuples)
    as UTF-8 with a BOM, which Excel on a Chinese Windows opens without garbling."""
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for r in rows:
            cells = (r.file, r.line, r.column, r.value, r.reason) if hasattr(r, "line") else r
            writer.writerow([escape_cell(c) for c in cells])
            n += 1
    return n
