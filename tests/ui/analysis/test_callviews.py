"""The call-record views on a real case with the answers planted (see callcase.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.workbench.analysis import callcase as cc
from ui.analysis import callviews
from ui.document import CaseDocument
from workbench.analysis import entity_by_key
from workbench.store import CaseStore


@pytest.fixture(scope="module")
def case_path(tmp_path_factory):
    return cc.make_call_case(tmp_path_factory.mktemp("callviews"))


@pytest.fixture
def doc(qapp, case_path, tmp_path):
    path = tmp_path / "calls.zlcase"
    path.write_bytes(case_path.read_bytes())
    store = CaseStore.open(path, "analyst")
    document = CaseDocument(store)
    yield document
    document.close()
    store.close()


def column(table, c):
    return [table.item(r, c).text() for r in range(table.rowCount())]


def test_contact_strength_table_puts_the_wife_first(qtbot, doc):
    owner = entity_by_key(doc.store, cc.HOME_OWNER)
    view = callviews.ContactStrengthView(doc, owner)
    qtbot.addWidget(view)
    assert column(view.table, 0)[:3] == [cc.WIFE, cc.NOISE[2], cc.SHOP]
    assert view.table.item(0, 7).text() == "26"  # night calls
    view.top.setValue(1)
    assert view.table.rowCount() == 1
    with qtbot.waitSignal(doc.selection_changed):
        view.table.cellDoubleClicked.emit(0, 0)
    assert doc.selected == entity_by_key(doc.store, cc.WIFE)


def test_routine_grid_shows_the_night_calls(qtbot, doc):
    owner = entity_by_key(doc.store, cc.HOME_OWNER)
    view = callviews.RoutineView(doc, owner)
    qtbot.addWidget(view)
    at_23 = sum(view.grid.item(d, 23).data(Qt.ItemDataRole.UserRole) for d in range(7))
    assert at_23 == 26
    assert view.grid.item(0, 3).text() == ""
    assert "42" in view.summary.text()


def test_places_table_names_home_and_work(qtbot, doc):
    owner = entity_by_key(doc.store, cc.HOME_OWNER)
    view = callviews.PlacesView(doc, owner)
    qtbot.addWidget(view)
    cells = column(view.table, 0)
    likely = dict(zip(cells, column(view.table, 2), strict=True))
    assert likely[cc.HOME_CELL] == "home" and likely[cc.WORK_CELL] == "work"
    assert cc.HOME_CELL in view.summary.text() and "家园小区" in view.summary.text()
    assert "no cell coordinates" in view.map_note.text()


def test_places_map_draws_cells_with_coordinates(qtbot, qapp, tmp_path):
    store = CaseStore.create(tmp_path / "geo.zlcase", "analyst")
    a, b = (store.add_entity("phone_card", f"1380000000{i}") for i in range(2))
    store.add_calls([
        {"caller_id": a, "callee_id": b, "ts": f"2025-03-0{d} 23:00:00",
         "cell": "LAC:1 CI:2 106.5512,29.5630 解放碑"} for d in range(1, 4)
    ] + [{"caller_id": a, "callee_id": b, "ts": "2025-03-03 10:00:00",
          "cell": "ECI:99 106.4001,29.5002"}])  # fmt: skip
    document = CaseDocument(store)
    view = callviews.PlacesView(document, a)
    qtbot.addWidget(view)
    assert view.places.home == "1-2" and view.places.work == "ECI:99"
    assert "2 of 2" in view.map_note.text()
    document.close()
    store.close()


def test_views_reread_when_calls_arrive(qtbot, doc):
    owner = entity_by_key(doc.store, cc.HOME_OWNER)
    view = callviews.ContactStrengthView(doc, owner)
    qtbot.addWidget(view)
    newcomer = doc.store.add_entity("phone_card", "13611112222")
    doc.store.add_calls(
        [{"caller_id": owner, "callee_id": newcomer, "ts": cc.when(d, 12), "duration_s": 60}
         for d in range(61)]
    )  # fmt: skip
    assert "13611112222" in column(view.table, 0)


def test_open_view_shows_three_tabs(qtbot, doc, tmp_path):
    owner = entity_by_key(doc.store, cc.HOME_OWNER)
    dialog = callviews.open_view(doc, owner, None)
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == 3 and dialog.isVisible()
    assert cc.HOME_OWNER in dialog.windowTitle()
    places = callviews.open_places_view(doc, owner, None)
    qtbot.addWidget(places)
    assert places.tabs.currentWidget() is places.places
    for i in range(3):
        dialog.tabs.setCurrentIndex(i)
        assert not dialog.grab().isNull()


def test_view_menu_opens_the_call_views_for_the_selected_phone(qapp, qtbot, tmp_path):
    from tests.workbench.analysis.callcase import OLD, make_call_case
    from ui.analysis.callviews import CallAnalysisDialog
    from ui.mainwindow import MainWindow
    from workbench.store import CaseStore

    path = make_call_case(tmp_path)
    store = path if isinstance(path, CaseStore) else CaseStore.open(path, "甲")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.document.select(store.find_entity("phone_card", OLD).id)
    window.act_calls.trigger()
    dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, CallAnalysisDialog)]
    assert dialogs and dialogs[-1].isVisible()
    for d in dialogs:
        d.close()
    window.close()


def test_map_tiles_come_only_from_the_server_named_and_are_off_by_default(
    qapp, qtbot, tmp_path, monkeypatch
):
    """No tile is fetched until the analyst names a map server; then the tiles of the view
    are fetched from it (a real HTTP server on 127.0.0.1) and drawn under the cells."""
    import http.server
    import threading

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QImage

    from tests.workbench.analysis.callcase import HOME_OWNER, make_call_case
    from ui.analysis import maptiles

    QSettings().remove(maptiles.SETTING)
    tile = QImage(256, 256, QImage.Format.Format_RGB32)
    tile.fill(QColor("#a0c8f0"))
    png = tmp_path / "tile.png"
    tile.save(str(png))
    body = png.read_bytes()
    asked: list[str] = []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = make_call_case(tmp_path)
        store = path if isinstance(path, CaseStore) else CaseStore.open(path, "甲")
        document = CaseDocument(store)
        view = callviews.PlacesView(document, store.find_entity("phone_card", HOME_OWNER).id)
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.show()
        assert not view.tiles_on.isChecked() and view.tile_layer is None and not asked
        view.tiles_url.setText(f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png")
        view.tiles_on.setChecked(True)
        qtbot.waitUntil(lambda: view.tile_layer is not None and bool(view.tile_layer.items),
                        timeout=10_000)  # fmt: skip
        assert asked and all(p.count("/") == 3 and p.endswith(".png") for p in asked)
        assert maptiles.tile_server().startswith("http://127.0.0.1")
        view.tiles_on.setChecked(False)
        assert view.tile_layer is None
        document.close()
    finally:
        server.shutdown()
        QSettings().remove(maptiles.SETTING)
