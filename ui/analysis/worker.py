"""Runs analyses off the GUI thread on a read-only connection of the worker's own.

SQLite connections must not be shared between threads, and a long betweenness or pattern
run must not freeze the window: each job opens the case read-only in its thread, runs its
steps there, and hands plain data back through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from workbench.store import CaseStore

Step = tuple[str, Callable[[CaseStore], object]]


class JobCancelled(Exception):
    """The analyst pressed Cancel; the steps done so far are thrown away."""


class _Job(QObject):
    progressed = Signal(int, int, str)  # steps done, steps in all, the step now running
    finished = Signal(object)  # list of the steps' results
    failed = Signal(object)  # the exception

    def __init__(self, path, analyst: str, steps: list[Step]):
        super().__init__()
        self.path, self.analyst, self.steps = path, analyst, steps
        self.cancel_requested = False

    def run(self) -> None:
        try:
            results = []
            with CaseStore.open(self.path, self.analyst, read_only=True) as store:
                for i, (label, step) in enumerate(self.steps):
                    if self.cancel_requested:
                        raise JobCancelled()
                    self.progressed.emit(i, len(self.steps), label)
                    results.append(step(store))
            if self.cancel_requested:
                raise JobCancelled()
        except BaseException as e:  # handed to the GUI thread, which shows it
            self.failed.emit(e)
            return
        self.finished.emit(results)


class JobRunner(QObject):
    """One analysis at a time for a panel: ``start`` it, maybe ``cancel`` it, and receive
    ``finished(results)`` or ``failed(error)`` on the GUI thread."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, store: CaseStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._thread: QThread | None = None
        self._job: _Job | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, steps: list[Step]) -> None:
        """Run ``steps`` (label, function of a read-only store) one after the other."""
        if self.busy:
            return
        self._thread = QThread(self)
        self._job = _Job(self.store.location, self.store.analyst, steps)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self.progressed)
        self._job.finished.connect(self._on_job_finished)
        self._job.failed.connect(self._on_job_failed)
        self._thread.start()
        self.busy_changed.emit(True)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_requested = True

    def wait(self) -> None:
        """Block until a running job ends (closing the window)."""
        if self._thread is not None:
            self.cancel()
            self._stop()

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None
            self._job = None
            self.busy_changed.emit(False)

    def _on_job_finished(self, results) -> None:
        self._stop()
        self.finished.emit(results)

    def _on_job_failed(self, error) -> None:
        self._stop()
        self.failed.emit(error)
