"""Qt tests collect garbage on the GUI thread, as the application does (see ui.app), and
start from the default window layout."""

import pytest


@pytest.fixture(autouse=True)
def _gui_thread_garbage_collection(qapp):
    from ui.app import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread()
    yield


@pytest.fixture(autouse=True)
def _fresh_window_layout(qapp):
    """Each test's windows start from the default layout: a window closed by another test
    saves its docks and its folded or unfolded analysis panel, which would leak in."""
    from PySide6.QtCore import QSettings

    QSettings("Zhanlian", "Zhanlian").remove("window")
    yield
