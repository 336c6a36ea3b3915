"""The findings panel runs every pattern as one run: the money detectors read the case's
transactions once, and progress and Cancel still go pattern by pattern."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.analysis.findings import FindingsPanel
from ui.analysis.labels import pattern_label
from ui.analysis.worker import JobCancelled
from workbench.analysis import PATTERNS, find_patterns


def test_one_run_reads_the_transactions_once_and_reports_each_pattern(qtbot, doc):
    expected = [f.to_dict() for f in find_patterns(doc.store)]
    panel = FindingsPanel(doc)
    qtbot.addWidget(panel)
    steps = []
    panel.runner.progressed.connect(lambda done, total, label: steps.append((done, total, label)))
    with qtbot.waitSignal(panel.runner.finished, timeout=30_000):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert [f.to_dict() for f in panel.findings] == expected
    assert panel.last_run.ledger_reads == 1
    n = len(PATTERNS)
    assert steps == [(i, n, pattern_label(p)) for i, p in enumerate(PATTERNS)]
    # A second run is a run of its own, which reads the case again (it may have changed).
    first = panel.last_run
    with qtbot.waitSignal(panel.runner.finished, timeout=30_000):
        panel.run()
    assert panel.last_run is not first and panel.last_run.ledger_reads == 1
    assert [f.to_dict() for f in panel.findings] == expected


def test_cancel_between_money_patterns_lets_go_of_the_transactions(qtbot, doc):
    panel = FindingsPanel(doc)
    qtbot.addWidget(panel)
    errors = []
    panel.runner.failed.connect(errors.append)

    def cancel_at_fan_out(done, total, label):
        # On the worker thread, before fan_out runs: the run has read the case by then.
        if label == pattern_label("fan_out"):
            panel.runner.cancel()

    with qtbot.waitSignal(panel.runner.failed, timeout=30_000):
        panel.run()
        panel.runner._job.progressed.connect(cancel_at_fan_out, Qt.ConnectionType.DirectConnection)
    assert isinstance(errors[0], JobCancelled)
    assert panel.last_run.ledger_reads == 1 and "fan_out" in panel.last_run.seconds
    assert "late_night_cash" not in panel.last_run.seconds  # stopped half-way
    assert not panel.last_run.holds_ledger
    assert panel.findings == []  # nothing from the stopped run
