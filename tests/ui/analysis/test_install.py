"""The main window carries the four analysis docks, with toggles in the View menu, and
closes cleanly while an analysis runs."""

from __future__ import annotations

import shutil

from ui.app import make_application
from ui.mainwindow import MainWindow
from workbench.store import CaseStore


def test_docks_and_view_menu_toggles(qtbot, qapp, demo_path, tmp_path):
    make_application()
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    w = MainWindow(CaseStore.open(path, "analyst"))
    qtbot.addWidget(w)
    w.show()
    docks = w.analysis_docks
    assert set(docks) == {"findings", "network", "trace", "timeline"}
    view = next(a.menu() for a in w.menuBar().actions() if a.text() == w.tr("&View"))
    toggles = {a for a in view.actions()}
    assert all(d.toggleViewAction() in toggles for d in docks.values())
    # A selection made anywhere reaches the timeline.
    card = w.store.entities("bank_card")[0].id
    w.document.select(card)
    assert docks["timeline"].widget().data.entity_ids == [card]
    # Closing while patterns run waits for the worker instead of pulling the case away.
    findings = docks["findings"].widget()
    findings.run()
    assert findings.runner.busy
    w.close()
    assert w.store.closed and not findings.runner.busy
