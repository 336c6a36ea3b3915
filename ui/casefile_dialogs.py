"""The case file's dialogs: File → Check case…'s report, recovery of a damaged case into a
new one, and the busy dialog that runs a long step off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from workbench.casefile import CaseCheck, RecoveryReport, recover_case
from workbench.errors import CaseError
from workbench.store import CASE_SUFFIX

from .errors import describe_case_error


def run_busy(parent, text: str, fn, *args):
    """Run ``fn(*args)`` on a worker thread behind a busy dialog; return its result or raise
    its exception here, on the GUI thread."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    result: list = []
    errors: list[BaseException] = []

    def work():
        try:
            result.append(fn(*args))
        except BaseException as e:  # re-raised on the GUI thread below
            errors.append(e)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        QApplication.processEvents()
        worker.join(0.03)
    progress.close()
    if errors:
        raise errors[0]
    return result[0]


def show_check_report(parent, report: CaseCheck) -> None:
    """The result of File → Check case… in a message box."""
    if report.ok:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("CaseFile", "Check case"),
            QCoreApplication.translate(
                "CaseFile",
                "{path}: no problems found (integrity, foreign keys, audit chain) in {s} s.",
            ).format(path=report.path, s=report.seconds),
        )
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("CaseFile", "Check case"),
        QCoreApplication.translate("CaseFile", "{path}: {n} problems found.").format(
            path=report.path, n=len(report.problems)
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText("\n".join(report.problems))
    box.exec()


def describe_recovery(report: RecoveryReport) -> str:
    """What a recovery saved, table by table, for a message box."""
    lines = [
        QCoreApplication.translate(
            "CaseFile", "Saved {saved} rows into {target} ({method})."
        ).format(saved=f"{report.saved:,}", target=report.target, method=report.method)
    ]
    for t in report.tables:
        if t.read or t.saved:
            lines.append(
                QCoreApplication.translate(
                    "CaseFile", "{table}: {saved} of {read} rows read"
                ).format(table=t.table, saved=f"{t.saved:,}", read=f"{t.read:,}")
                + (
                    QCoreApplication.translate(
                        "CaseFile", ", {n} dropped (they referred to lost rows)"
                    ).format(n=t.dropped)
                    if t.dropped
                    else ""
                )
            )
    lines.append(
        QCoreApplication.translate("CaseFile", "audit log: {n} rows").format(
            n=f"{report.audit_rows:,}"
        )
    )
    if report.unplaced:
        lines.append(
            QCoreApplication.translate(
                "CaseFile", "{n} rows found that belong to no table (not saved)"
            ).format(n=f"{report.unplaced:,}")
        )
    return "\n".join(lines)


def recover_dialog(parent, source: Path) -> Path | None:
    """Ask where to, recover a damaged case there, tell what was saved; the new case's path
    when the analyst wants to open it."""
    suggested = source.with_name(f"{source.stem}-recovered{CASE_SUFFIX}")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("CaseFile", "Recover into a new case"),
        str(suggested),
        QCoreApplication.translate("CaseFile", "Zhanlian cases (*.zlcase)"),
    )
    if not path:
        return None
    target = Path(path if path.endswith(CASE_SUFFIX) else path + CASE_SUFFIX)
    from .app import analyst_name

    try:
        report = run_busy(
            parent,
            QCoreApplication.translate("CaseFile", "Recovering what can be read…"),
            recover_case,
            source,
            target,
            analyst_name(parent, ask=False),
        )
    except (CaseError, OSError) as e:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("CaseFile", "Recover into a new case"),
            describe_case_error(e),
        )
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("CaseFile", "Recover into a new case"),
        describe_recovery(report),
        parent=parent,
    )
    if report.problems:
        box.setDetailedText("\n".join(report.problems))
    open_button = box.addButton(
        QCoreApplication.translate("CaseFile", "Open the new case"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return target if box.clickedButton() is open_button else None
