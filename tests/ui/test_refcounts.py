"""Guard against Qt bindings that lose references to True and False.

PySide6 6.12.0 with Python 3.11 drops a reference to True on many pyqtgraph calls; after a
few hundred clicks through the neighbourhood view the interpreter aborts ("deallocating True
or False"). Python 3.12 makes True immortal, so the check only means something before it.
"""

from __future__ import annotations

import gc
import sys

import pytest

from ui.mainwindow import MainWindow

from ..factories import make_case

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="True and False are immortal from Python 3.12"
)


def test_browsing_entities_keeps_true_and_false_alive(qapp, qtbot, tmp_path):
    store = make_case(tmp_path, people=12)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    people = [e.id for e in store.entities("person")]
    window.document.select(people[0])
    qapp.processEvents()
    # Garbage of earlier tests, freed by the GUI thread's collector in the middle of the
    # loop, would take its references to True and False along: collect it first, and the
    # loop's own garbage before counting again.
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(3):
        for pid in people:
            window.document.select(pid)
            qapp.processEvents()
    gc.collect()
    after = sys.getrefcount(True), sys.getrefcount(False)
    # A healthy binding ends where it started, give or take objects alive at the moment.
    assert after[0] > before[0] - 50, (before, after)
    assert after[1] > before[1] - 50, (before, after)
    window.close()


def app_timer_running() -> bool:
    from ui import app

    return app._collector is not None and app._collector.timer.isActive()


def test_cycle_collection_runs_only_on_the_gui_thread(qapp, qtbot):
    # Workers (layouts, analyses, imports, the demo build) must never free Qt objects.
    import gc
    import threading

    from ui.app import make_application

    make_application()
    assert app_timer_running()
    assert not gc.isenabled()
    freed_on = []

    class Cycle:
        def __del__(self):
            freed_on.append(threading.current_thread() is threading.main_thread())

    def make_garbage():
        for _ in range(5000):
            c = Cycle()
            c.me = c

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert freed_on == []  # nothing collected them on the worker
    from ui import app

    app._collector.check()  # what the GUI thread's timer runs
    assert len(freed_on) == 5000 and all(freed_on)
