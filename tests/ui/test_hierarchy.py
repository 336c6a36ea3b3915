"""The hierarchy view: dragging boxes sets who reports to whom (undoably), scope by gang,
and people left out in the view are left out of the exported PDF."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.document import CaseDocument
from ui.hierarchy import HierarchyView
from workbench.reports.orgchart import OrgChart
from workbench.store import CaseStore


@pytest.fixture
def gang_case(tmp_path):
    """Gang 鑫盛 (organiser 张老板 <- core 李主管, 王组长 <- operator 赵话务 under 李主管),
    and gang 石柱车手团伙 with its car handler 钱车手."""
    s = CaseStore.create(tmp_path / "h.zlcase", "tester")
    ids = {}
    ids["g"] = s.add_entity("organisation", None, "鑫盛集团", attrs={"org_type": "gang"})
    ids["h"] = s.add_entity("organisation", None, "石柱车手团伙", attrs={"org_type": "gang"})
    ids["a"] = s.add_entity("person", None, "张老板", roles=["organiser"])
    ids["b"] = s.add_entity("person", None, "李主管", roles=["core_member"])
    ids["c"] = s.add_entity("person", None, "王组长", roles=["core_member"])
    ids["d"] = s.add_entity("person", None, "赵话务", roles=["operator"])
    ids["e"] = s.add_entity("person", None, "钱车手", roles=["car_handler"])
    for p in "abcd":
        s.add_link("member_of", ids[p], ids["g"])
    s.add_link("member_of", ids["e"], ids["h"])
    s.add_link("reports_to", ids["b"], ids["a"])
    s.add_link("reports_to", ids["c"], ids["a"])
    s.add_link("reports_to", ids["d"], ids["b"])
    yield s, ids
    s.close()


@pytest.fixture
def view(qapp, qtbot, gang_case):
    i18n.register_fonts(qapp)
    store, ids = gang_case
    document = CaseDocument(store)
    v = HierarchyView(document)
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.show()
    qtbot.waitExposed(v)
    v.set_scope(f"gang:{ids['g']}")
    yield v
    v.close()


def superiors(store, person):
    return sorted(
        link.target_id
        for link in store.links_of(person)
        if link.type == "reports_to" and link.source_id == person
    )


def centre(v: HierarchyView, entity_id: int) -> QPoint:
    item = v.view.items_by_id[entity_id]
    return v.view.mapFromScene(item.sceneBoundingRect().center())


def drag(qtbot, v: HierarchyView, start: QPoint, end: QPoint) -> None:
    port = v.view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    step = QApplication.startDragDistance() + 2
    qtbot.mouseMove(port, start + QPoint(step, step))
    qtbot.mouseMove(port, end)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)


def parent_of(v: HierarchyView, entity_id: int) -> str | None:
    """Where the view now draws a box (after the redraw the last change asked for)."""
    if v.refresh_timer.isActive():
        QApplication.processEvents()
    assert not v.refresh_timer.isActive()
    return v.chart.box(f"e{entity_id}").parent


def redrawn(v: HierarchyView) -> OrgChart:
    parent_of(v, next(iter(v.view.items_by_id)))
    return v.chart


def test_drag_onto_a_box_sets_reports_to_and_undo_restores(view, qtbot):
    store, ids = view.store, {k: v for k, v in _ids(view).items()}
    assert parent_of(view, ids["d"]) == f"e{ids['b']}"
    drag(qtbot, view, centre(view, ids["d"]), centre(view, ids["c"]))

    assert superiors(store, ids["d"]) == [ids["c"]]
    assert parent_of(view, ids["d"]) == f"e{ids['c']}"
    c_box, d_box = view.chart.box(f"e{ids['c']}"), view.chart.box(f"e{ids['d']}")
    assert d_box.y > c_box.y
    assert view.view.items_by_id[ids["d"]].pos().y() == d_box.y  # redrawn, not left dropped
    # One undo step takes both halves back.
    view.document.undo_stack.undo()
    assert superiors(store, ids["d"]) == [ids["b"]]
    assert parent_of(view, ids["d"]) == f"e{ids['b']}"
    view.document.undo_stack.redo()
    assert superiors(store, ids["d"]) == [ids["c"]]
    assert parent_of(view, ids["d"]) == f"e{ids['c']}"


def test_drag_onto_empty_space_removes_the_superior(view, qtbot):
    store, ids = view.store, _ids(view)
    empty = view.view.mapFromScene(view.view.sceneRect().topLeft()) + QPoint(3, 3)
    assert view.view.box_at(empty) is None
    drag(qtbot, view, centre(view, ids["d"]), empty)
    assert superiors(store, ids["d"]) == []
    # With no superior, 赵话务 hangs under the gang they are a member of.
    assert parent_of(view, ids["d"]) == f"e{ids['g']}"
    view.document.undo_stack.undo()
    assert superiors(store, ids["d"]) == [ids["b"]]


def test_a_loop_is_refused(view, qtbot):
    store, ids = view.store, _ids(view)
    before = view.document.undo_stack.count()
    drag(qtbot, view, centre(view, ids["a"]), centre(view, ids["d"]))
    assert superiors(store, ids["a"]) == []
    assert view.document.undo_stack.count() == before
    assert "赵话务" in view.status.text()


def test_scope_by_gang_shows_only_its_members(view):
    ids = _ids(view)
    assert set(view.view.items_by_id) == {ids[k] for k in "gabcd"}
    view.scope.setCurrentIndex(view.scope.findData(f"gang:{ids['h']}"))
    assert set(view.view.items_by_id) == {ids["h"], ids["e"]}
    view.scope.setCurrentIndex(view.scope.findData("case"))
    assert {ids[k] for k in "abcde"} <= set(view.view.items_by_id)


def test_selection_scope_follows_the_document(view):
    ids = _ids(view)
    view.set_scope("selection")
    view.document.select_many([ids["a"], ids["b"]])
    people = {b.entity_id for b in view.chart.people()}
    assert people == {ids["a"], ids["b"]}


def test_context_menu_edits_legal_status_through_the_undo_stack(view):
    store, ids = view.store, _ids(view)
    menu = view.box_menu(view.view.items_by_id[ids["d"]])
    status = next(a.menu() for a in menu.actions() if a.menu() and a.text() == "Legal status")
    arrested = next(a for a in status.actions() if a.data() == "arrested")
    arrested.trigger()
    assert store.entity(ids["d"]).legal_status == "arrested"
    assert redrawn(view).box(f"e{ids['d']}").legal_status == "arrested"
    view.document.undo_stack.undo()
    assert store.entity(ids["d"]).legal_status == ""
    assert redrawn(view).box(f"e{ids['d']}").legal_status == ""


def test_context_menu_toggles_a_role(view):
    store, ids = view.store, _ids(view)
    menu = view.box_menu(view.view.items_by_id[ids["d"]])
    roles = next(a.menu() for a in menu.actions() if a.menu() and a.text() == "Roles")
    runner = next(a for a in roles.actions() if a.data() == "car_handler")
    runner.trigger()
    assert sorted(store.entity(ids["d"]).roles) == ["car_handler", "operator"]
    assert "car_handler" in redrawn(view).box(f"e{ids['d']}").roles
    view.document.undo_stack.undo()
    assert store.entity(ids["d"]).roles == ["operator"]


def test_top_of_the_chart_from_the_menu(view):
    store, ids = view.store, _ids(view)
    menu = view.box_menu(view.view.items_by_id[ids["b"]])
    menu.findChild(type(menu.actions()[0]), "top_of_chart").trigger()
    assert superiors(store, ids["b"]) == []
    view.document.undo_stack.undo()
    assert superiors(store, ids["b"]) == [ids["a"]]


def test_left_out_person_is_missing_from_the_exported_pdf(view, qtbot, tmp_path):
    store, ids = view.store, _ids(view)
    menu = view.box_menu(view.view.items_by_id[ids["b"]])
    menu.findChild(type(menu.actions()[0]), "leave_out").trigger()
    assert ids["b"] not in view.view.items_by_id
    # 李主管's operator now hangs under 李主管's own superior.
    assert parent_of(view, ids["d"]) == f"e{ids['a']}"
    assert superiors(store, ids["d"]) == [ids["b"]]  # the case is unchanged
    assert view.document.undo_stack.count() == 0

    dialog = view.export_dialog()
    qtbot.addWidget(dialog)
    assert dialog.format() == "orgchart-pdf"
    assert dialog.gang.currentData() == str(ids["g"])
    out = tmp_path / "chart.pdf"
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    for name in ("张老板", "王组长", "赵话务", "鑫盛集团"):
        assert name in text
    assert "李主管" not in text
    assert "钱车手" not in text  # another gang

    view.bring_back(ids["b"])
    assert parent_of(view, ids["d"]) == f"e{ids['b']}"


def test_view_menu_opens_the_hierarchy_view(qapp, qtbot, demo_path, tmp_path):
    import shutil

    from ui.mainwindow import MainWindow

    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    store = CaseStore.open(path, "pytest")
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.act_orgchart.trigger()
    v = w.hierarchy_view
    assert v.isVisible()
    assert len(v.chart.people()) > 50
    # Esc closes the organisation chart's window, as it does a dialog.
    v.activateWindow()
    qtbot.keyClick(v, Qt.Key.Key_Escape)
    assert not v.isVisible()
    # The title names the case once; Qt adds the application's name.
    assert w.windowTitle().count("Zhanlian") == 0 and "demo.zlcase" in w.windowTitle()
    w.close()
    store.close()


def _ids(view: HierarchyView) -> dict[str, int]:
    names = {"鑫盛集团": "g", "石柱车手团伙": "h", "张老板": "a", "李主管": "b", "王组长": "c",
             "赵话务": "d", "钱车手": "e"}  # fmt: skip
    return {names[e.name]: e.id for e in view.store.entities() if e.name in names}


def test_exported_chart_is_the_chart_the_view_shows(qapp, qtbot, demo_path):
    from ui.pdf.export import make_document

    i18n.register_fonts(qapp)
    store = CaseStore.open(demo_path, "pytest", read_only=True)
    v = HierarchyView(CaseDocument(store))
    qtbot.addWidget(v)
    v.show()
    v.set_scope(v.scope.itemData(v.scope.findText("临沂洗钱团伙", Qt.MatchFlag.MatchContains)))
    v.mask.setChecked(True)
    boss = next(b for b in v.chart.people() if b.parent and b.parent.startswith("e") and any(
        o.parent == b.key for o in v.chart.boxes))  # fmt: skip
    v.leave_out(boss.entity_id)
    dialog = v.export_dialog()
    qtbot.addWidget(dialog)
    doc = make_document(store, dialog.format(), dialog.options())

    def shape(chart):
        return sorted((b.key, b.parent, round(b.x, 3), round(b.y, 3), b.id_number)
                      for b in chart.boxes)  # fmt: skip

    assert shape(doc.chart) == shape(v.chart)
    assert f"e{boss.entity_id}" not in {b.key for b in doc.chart.boxes}
    assert all("*" in b.id_number for b in doc.chart.people() if b.id_number)
    v.close()
    store.close()


def test_a_click_in_a_chart_of_the_selection_keeps_the_chart(view, qtbot):
    ids = _ids(view)
    view.set_scope("selection")
    view.document.select_many([ids["a"], ids["b"], ids["d"]])
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, ids["b"]))
    assert view.document.selected == ids["b"]  # the inspector follows the click
    assert {b.entity_id for b in view.chart.people()} == {ids["a"], ids["b"], ids["d"]}
    assert view.options().entity_ids == {ids["a"], ids["b"], ids["d"]}
    assert view.view.items_by_id[ids["b"]].isSelected()


def test_drag_onto_a_team_moves_the_person_there(view, qtbot):
    store, ids = view.store, _ids(view)
    team = store.add_entity("organisation", None, "鑫盛·投资组", attrs={"org_type": "team"})
    store.add_link("member_of", team, ids["g"])
    store.add_link("member_of", store.add_entity("person", None, "孙业务"), team)
    redrawn(view)

    def memberships():
        return sorted(
            link.target_id
            for link in store.links_of(ids["d"])
            if link.type == "member_of" and link.source_id == ids["d"]
        )

    drag(qtbot, view, centre(view, ids["d"]), centre(view, team))
    assert superiors(store, ids["d"]) == []
    assert memberships() == [team]
    assert parent_of(view, ids["d"]) == f"e{team}"
    view.document.undo_stack.undo()
    assert superiors(store, ids["d"]) == [ids["b"]]
    assert memberships() == [ids["g"]]
    assert parent_of(view, ids["d"]) == f"e{ids['b']}"


def test_read_only_case_cannot_be_changed_but_can_be_left_out(qapp, qtbot, demo_path):
    store = CaseStore.open(demo_path, "pytest", read_only=True)
    v = HierarchyView(CaseDocument(store))
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.show()
    qtbot.waitExposed(v)
    v.set_scope(v.scope.itemData(v.scope.findText("临沂洗钱团伙", Qt.MatchFlag.MatchContains)))
    a, b = v.chart.people()[3], v.chart.people()[1]
    before = (a.parent, len(store.links_of(a.entity_id)))
    drag(qtbot, v, centre(v, a.entity_id), centre(v, b.entity_id))
    assert (parent_of(v, a.entity_id), len(store.links_of(a.entity_id))) == before
    menu = v.box_menu(v.view.items_by_id[a.entity_id])
    editing = [x for x in menu.actions() if x.menu() is not None and x.text() != "Bring back"]
    assert editing and not any(x.isEnabled() for x in editing)
    menu.findChild(type(menu.actions()[0]), "leave_out").trigger()
    assert a.entity_id not in v.view.items_by_id
    v.close()
    store.close()
