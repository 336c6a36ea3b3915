"""Layouts off the GUI thread: a worker calls a pure workbench function on plain data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object, object)  # token, result
    failed = Signal(object, str)  # token, message


class LayoutJob(QRunnable):
    """Runs ``function(*args, **kwargs)`` on the thread pool and reports back by signal.

    The function gets plain data (ids, edges, regions) and never the case store, so the
    GUI's connection is never used from another thread.
    """

    def __init__(self, token, function: Callable, *args, **kwargs):
        super().__init__()
        self.token = token
        self.function, self.args, self.kwargs = function, args, kwargs
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.function(*self.args, **self.kwargs)
        except Exception as e:  # reported to the GUI thread, which shows it
            self.signals.failed.emit(self.token, f"{type(e).__name__}: {e}")
            return
        self.signals.finished.emit(self.token, result)


def start(job: LayoutJob) -> None:
    QThreadPool.globalInstance().start(job)
