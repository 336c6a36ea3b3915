"""Qt tests collect garbage on the GUI thread, as the application does (see ui.app)."""

import pytest


@pytest.fixture(autouse=True)
def _gui_thread_garbage_collection(qapp):
    from ui.app import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread()
    yield
