"""The case file in the window: a damaged case read-only with recovery at hand, Break lock…,
Check case…."""

from __future__ import annotations

import json
import socket
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.factories import make_case
from ui.app import Workbench
from ui.mainwindow import MainWindow, describe_recovery
from workbench.casefile import recover_case
from workbench.lock import holder_path, read_holder
from workbench.store import READ_ONLY_DAMAGED, CaseStore


def _damaged_index(tmp_path, index="import_batch_sha"):
    """A case with a broken index page: the check fails, reads that skip the index work."""
    store = make_case(tmp_path, people=30)
    store.add_transactions([{"payer_id": 2, "payee_id": 5, "amount_fen": 100 + i,
                             "ts": f"2025-01-01 00:{i % 60:02d}:00"} for i in range(4000)])  # fmt: skip
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for i in range((page - 1) * size, (page - 1) * size + 8):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def test_damaged_case_opens_read_only_and_offers_recovery(qtbot, tmp_path, monkeypatch):
    path = _damaged_index(tmp_path)
    before = path.read_bytes()
    bench = Workbench("wang", "en")
    assert bench.open_case(path)
    window = bench.window
    qtbot.addWidget(window)
    assert window.store.read_only and window.store.read_only_reason == READ_ONLY_DAMAGED
    assert window.banner_box.isVisibleTo(window) and window.banner_recover.isVisibleTo(window)
    assert "damaged" in window.banner.text()
    assert window.act_recover.isEnabled() and not window.act_import.isEnabled()
    window.grab().save(str(tmp_path / "damaged.png"))
    # Recover into a new case, as the button does, without the file dialog.
    target = tmp_path / "saved.zlcase"
    report = recover_case(path, target, "wang")
    text = describe_recovery(report)
    assert "Saved" in text and "entity" in text
    from ui import i18n

    i18n.install_language("zh_CN")  # what a recovery saved, in the analyst's language
    try:
        assert "已将" in describe_recovery(report) and "审计日志" in describe_recovery(report)
    finally:
        i18n.install_language("en")
    window.close()
    assert path.read_bytes() == before
    with CaseStore.open(target, "wang") as store:
        assert store.info().transactions == 4000


def test_case_too_damaged_for_the_window_offers_recovery(qtbot, tmp_path, monkeypatch):
    path = _damaged_index(tmp_path, "txn_ts")  # the chart reads it at once
    shown = []

    def exec_(box):
        shown.append((box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    bench = Workbench("wang", "en")
    assert not bench.open_case(path)
    assert shown and "damaged" in shown[0][0]
    assert any("Recover into a new case" in b for b in shown[0][1])


def test_break_lock_of_another_workstation(qtbot, tmp_path, monkeypatch):
    store = make_case(tmp_path, people=5)
    path = store.path
    store.close()
    holder_path(path).write_text(json.dumps({
        "host": "ws-gone-" + socket.gethostname(), "pid": 9, "analyst": "zhao",
        "since": "2026-11-26T08:00:00+08:00", "token": "t"}))  # fmt: skip
    bench = Workbench("wang", "en")
    assert bench.open_case(path)
    first = bench.window
    assert first.store.read_only and first.act_break_lock.isEnabled()
    assert first.banner_break.isVisibleTo(first) and "zhao" in first.banner.text()
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or
                        QMessageBox.StandardButton.Yes)  # fmt: skip
    first.act_break_lock.trigger()
    assert asked and "zhao" in asked[0]
    window = bench.window
    qtbot.addWidget(window)
    assert window is not first and not window.store.read_only
    assert not window.banner_box.isVisibleTo(window)
    assert read_holder(path).analyst == "wang"
    rows = window.store._conn.execute("SELECT analyst FROM audit WHERE action = 'break_lock'")
    assert [r[0] for r in rows] == ["wang"]
    window.close()


def test_check_case_from_the_menu(qtbot, tmp_path, monkeypatch):
    store = make_case(tmp_path, people=5)
    window = MainWindow(store)
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window.act_check.trigger()
    assert told and "no problems found" in told[0]
    assert not window.act_break_lock.isEnabled() and not window.act_recover.isEnabled()
    window.close()


@pytest.fixture(autouse=True)
def _no_settings_leak(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHANLIAN_DATA_DIR", str(tmp_path / "data"))
