"""The small things of a first day with the program, each where the analyst sees it: a
card held by two people, the inspector's columns in a narrow dock, every bad cell of a row
in the import preview, the version in the About box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication

from ui.importwizard import ImportDialog
from ui.mainwindow import MainWindow, program_version
from workbench.model import Kind
from workbench.store import CaseStore

from ..factories import make_case
from ..workbench.test_import import ZHANG, ZHANG_CARD


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    w = MainWindow(make_case(tmp_path, people=8))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    if not w.store.closed:
        w.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def test_a_card_held_by_two_people_lists_both_in_the_browser(window):
    store = window.store
    a, b = store.entities(Kind.PERSON)[:2]
    shared = store.add_entity("bank_card", "6222020200112233449", attrs={"bank": "中国工商银行"})
    store.add_link("holds", a.id, shared)
    store.add_link("holds", b.id, shared)
    model = window.browser.models[Kind.BANK_CARD]
    model.reload()
    col = [c for c, _ in model.columns].index("holder")
    row = next(r for r in range(model.rowCount()) if model.entity_id(r) == shared)
    shown = model.index(row, col).data()
    assert a.name in shown and b.name in shown
    # A card with one holder still shows just that one.
    other = next(r for r in range(model.rowCount()) if model.entity_id(r) != shared)
    assert "、" not in (model.index(other, col).data() or "")


def test_inspector_columns_never_cut_a_card_number_or_a_county(window, qtbot):
    store = window.store
    person = store.entities(Kind.PERSON)[0]
    window.resizeDocks([window.inspector_dock], [240], Qt.Orientation.Horizontal)
    window.document.select(person.id)
    window.inspector.tabs.setCurrentIndex(1)
    settle()
    qtbot.wait(50)
    table = window.inspector.links
    fm = table.fontMetrics()
    for r in range(table.rowCount()):
        item = table.item(r, 2)
        number = item.text().split()[-1]
        # The number is whole on its line of the (wrapped) cell: no "…" anywhere.
        assert fm.horizontalAdvance(number) <= table.columnWidth(2), number
        assert table.textElideMode() == Qt.TextElideMode.ElideNone
    window.inspector.tabs.setCurrentIndex(0)
    settle()
    qtbot.wait(50)
    regions = window.inspector.regions
    assert regions.rowCount() >= 1
    for r in range(regions.rowCount()):
        text = regions.item(r, 0).text()
        need = fm.boundingRect(0, 0, regions.columnWidth(0) - 8, 10_000,
                               int(Qt.TextFlag.TextWordWrap), text).height()  # fmt: skip
        assert regions.rowHeight(r) >= need, (text, regions.rowHeight(r), need)
        # The table is as tall as its rows: none hides below it.
    assert regions.height() >= sum(regions.rowHeight(r) for r in range(regions.rowCount()))


def test_import_preview_marks_every_bad_cell_of_a_row(qapp, qtbot, tmp_path):
    store = CaseStore.create(tmp_path / "case.zlcase", "分析员甲")
    lines = [
        "中国工商银行个人账户明细",
        f"卡号：{ZHANG_CARD}，户名：张三，证件号码：{ZHANG}",
        "交易日期,交易金额,余额,对方账号,对方户名,摘要,渠道",
        "2025-03-27 23:41:05,-50.00元,1200.00元,,李四,跨行转出,手机银行",
        "not a day,not money,0.00元,,,转账,网银",
    ]
    path = tmp_path / "icbc.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    from ui.document import CaseDocument

    dialog = ImportDialog(CaseDocument(store), [str(path)])
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("bank"))
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    header = dialog.plans[0].header
    row = next(r for r in range(preview.rowCount()) if preview.item(r, 0).text().startswith("✖"))
    red = QBrush(QColor("#ffcdd2"))
    for name in ("交易日期", "交易金额"):
        cell = preview.item(row, 1 + header.index(name))
        assert cell.background() == red, name
        assert cell.toolTip()
    assert preview.item(row, 1 + header.index("余额")).background() != red
    dialog.close()
    store.close()


def test_about_box_names_the_version(window):
    assert program_version() not in ("", "?")
    text = window.about_text()
    assert program_version() in text
    assert str(window.store.info().schema_version) in text
