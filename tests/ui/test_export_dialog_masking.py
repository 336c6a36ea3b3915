"""File -> Export… with "Mask ID and card numbers": the files the dialog saves hold no whole
number, whatever the format (the dialog takes the same road as ``zhanlian export``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui import i18n
from ui.document import CaseDocument
from ui.exportdialog import ExportDialog

from .pdf.poppler import needs_poppler
from .pdf.test_masked_exports import N, build_case, normalised, read_back


@pytest.fixture
def dialog(qapp, qtbot, tmp_path):
    i18n.register_fonts(qapp)
    store = build_case(tmp_path / "case.zlcase")
    d = ExportDialog(CaseDocument(store))
    qtbot.addWidget(d)
    d.show()
    yield d
    d.close()
    store.close()


@needs_poppler
@pytest.mark.parametrize("fmt", ["report-pdf", "orgchart-pdf", "xlsx", "ftm"])
def test_masked_save_leaks_no_number(dialog, qtbot, tmp_path, fmt):
    dialog.kind.setCurrentIndex(dialog.kind.findData(fmt))
    qtbot.mouseClick(dialog.mask, Qt.LeftButton)
    assert dialog.mask.isChecked() and dialog.mask.toolTip()
    target = tmp_path / f"out.{fmt}"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert target.exists(), dialog.status.text()
    text = normalised(read_back(target, fmt))
    assert "*" in text
    assert not {name for name, n in N.items() if n.upper() in text}
