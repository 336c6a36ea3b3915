"""Every string in the interface's language: names the program stored, Qt's own dialogs,
dates and month names; and a language switch keeps what the analyst was looking at."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from ui import i18n, labels
from ui.analysis.timeline import seconds, tick_text
from ui.app import Workbench, make_application
from workbench.model import Kind


@pytest.fixture
def app(qapp):
    make_application()
    QSettings().remove("window")
    yield qapp
    i18n.install_language("en")
    QSettings().remove("language")
    QSettings().remove("window")


@pytest.fixture
def demo_copy(demo_path, tmp_path):
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    return path


def test_switching_language_keeps_case_selection_search_and_tabs(app, qtbot, demo_copy):
    bench = Workbench("tester", i18n.install_language("en"))
    assert bench.open_case(demo_copy)
    w = bench.window
    person = w.store.entities(Kind.PERSON)[5]
    w.browser.search.setText(person.name)
    w.browser._apply_search()
    w.document.select(person.id)
    w.centre_tabs.setCurrentIndex(1)  # the neighbourhood
    w.analysis_docks["timeline"].raise_()
    w.analysis_area.set_folded(False)
    QApplication.processEvents()
    assert w.analysis_area.current() is w.analysis_docks["timeline"]
    bench._on_window_language_requested("zh_CN")
    try:
        w2 = bench.window
        assert w2 is not w and w2.store.path == w.store.path
        assert w2.menuBar().actions()[0].text().startswith("文件")
        assert w2.document.selected == person.id
        assert w2.browser.search.text() == person.name
        assert w2.browser.current_kind() is Kind.PERSON
        assert w2.centre_tabs.currentIndex() == 1
        QApplication.processEvents()
        assert not w2.analysis_area.folded
        assert w2.analysis_area.current() is w2.analysis_docks["timeline"]
        # The inspector shows the same person, in Chinese.
        assert person.name in w2.inspector.title.text()
    finally:
        bench.window.close()


def test_stored_default_names_follow_the_language(app, qtbot, demo_copy):
    bench = Workbench("tester", i18n.install_language("en"))
    assert bench.open_case(demo_copy)  # the first open names the overview in English
    assert bench.window.chart.chart_combo.currentText() == "Gang overview"
    assert [c.name for c in bench.window.store.charts()] == ["Gang overview"]
    bench._on_window_language_requested("zh_CN")
    try:
        assert bench.window.chart.chart_combo.currentText() == "团伙总览"
    finally:
        bench.window.close()
    i18n.install_language("zh_CN")
    assert labels.stored_name_label("owner unknown (流水.csv)") == "户主不明（流水.csv）"
    i18n.install_language("en")
    # A case whose overview was named in Chinese reads in English in an English window.
    assert labels.stored_name_label("团伙总览") == "Gang overview"
    assert labels.stored_name_label("鑫盛集团") == "鑫盛集团"


def test_qt_dialog_strings_and_dates_in_chinese(app):
    i18n.install_language("zh_CN")
    # Qt's own catalogue is loaded ...
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QDialogButtonBox", "&Cancel") != "&Cancel" or (
        QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    )
    # ... and ours fills the labels its entries miss (they carry mnemonics).
    assert "查找范围" in QCoreApplication.translate("QFileDialog", "&Look in:")
    assert "文件类型" in QCoreApplication.translate("QFileDialog", "Files of &type:")
    assert QLocale().language() == QLocale.Language.Chinese


def test_timeline_month_and_day_names_follow_the_language(app):
    x = seconds("2025-04-13 10:00:00")
    i18n.install_language("en")
    assert tick_text(x, "%b") == "Apr"
    assert tick_text(x, "%a %d") == "Sun 13"
    i18n.install_language("zh_CN")
    assert tick_text(x, "%b") == "4月"
    assert tick_text(x, "%a %d") == "13日 周日"
    assert tick_text(x, "%Y") == "2025"
