"""The layers hold: workbench/ is Qt-free, ui/ talks to the case only through workbench."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def py_files(folder: str) -> list[Path]:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, folder
    return files


@pytest.mark.parametrize("path", py_files("workbench"), ids=lambda p: p.name)
def test_workbench_never_imports_qt_or_ui(path):
    forbidden = {"PySide6", "shiboken6", "pyqtgraph", "ui", "PyQt5", "PyQt6"}
    assert not imported_modules(path) & forbidden


SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")


def sql_in(path: Path) -> list[str]:
    """SQL statements in string literals and calls of a DB-API cursor's execute methods."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL.search(node.value)
        ):
            found.append(node.value)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("execute", "executemany", "executescript")
        ):
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("path", py_files("ui"), ids=lambda p: p.name)
def test_ui_never_touches_sqlite(path):
    assert not imported_modules(path) & {"sqlite3", "sqlite_utils"}
    assert sql_in(path) == []


def test_the_checker_sees_imports_and_sql(tmp_path):
    # Guard the guard: a Qt import is found in every form it is written.
    sample = tmp_path / "m.py"
    sample.write_text("import PySide6.QtCore\nfrom pyqtgraph import Qt\nfrom ui import app\n")
    assert {"PySide6", "pyqtgraph", "ui"} <= imported_modules(sample)
    sample.write_text(
        'q = "SELECT id FROM entity"\nstore.db.conn.execute(q)\nx = "Select a card"\n'
    )
    assert len(sql_in(sample)) == 2
