"""A window on a server case sees another analyst's change within a second."""

from __future__ import annotations

import time

from tests.factories import make_case
from ui.app import make_application
from ui.mainwindow import MainWindow
from workbench.store import CaseStore


def test_a_second_window_updates_within_a_second(qapp, qtbot, server_case_url):
    make_application()
    make_case(None, people=6, target=server_case_url).close()
    mine = CaseStore.open(server_case_url, "wang")
    w = MainWindow(mine)
    qtbot.addWidget(w)
    w.show()
    w.browser.tabs.setCurrentIndex(0)  # people
    qtbot.waitUntil(lambda: "6" in w.browser.count_label.text(), timeout=5000)
    assert w.document.live_timer is not None and w.document.live_timer.isActive()
    qtbot.waitUntil(w.views_built, timeout=5000)
    heard = []
    w.document.changed.connect(heard.append)
    other = CaseStore.open(server_case_url, "li")  # another analyst's workstation
    try:
        start = time.monotonic()
        pid = other.add_entity("person", None, "阿强")
        qtbot.waitUntil(lambda: any(pid in e.entity_ids for e in heard), timeout=1000)
        assert time.monotonic() - start < 1.0
        qtbot.waitUntil(lambda: "7" in w.browser.count_label.text(), timeout=1000)
        other.update_entity(pid, name="阿强哥")
        qtbot.waitUntil(lambda: mine.entity(pid).name == "阿强哥", timeout=1000)
    finally:
        other.close()
        w.close()
