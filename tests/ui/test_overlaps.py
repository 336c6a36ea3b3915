"""Nothing overlaps, measured as painted: the neighbourhood's names and figures, the
timeline's event labels, and the legends, each against the others and the symbols."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from ui.analysis.timeline import TimelinePanel
from ui.document import CaseDocument
from ui.neighbourhood import NeighbourhoodView
from ui.placement import LabelRequest, overlaps, place_labels
from workbench.reports.flow import busiest_card
from workbench.store import CaseStore


@pytest.fixture
def demo(demo_path, tmp_path):
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    store = CaseStore.open(path, "analyst")
    yield store
    store.close()


def settle() -> None:
    for _ in range(8):
        QApplication.processEvents()


def painted(items) -> list[QRectF]:
    return [i.sceneBoundingRect() for i in items if i.isVisible()]


def test_placement_drops_the_least_important_and_leads_the_moved():
    # Thirty labels on one spot: each placed one keeps clear of the others; the most
    # important are kept, and those pushed off their anchor get a leader line.
    requests = [LabelRequest(k, (100, 60), (60, 14), gap=6, priority=k) for k in range(30)]
    placed = place_labels(requests, QRectF(0, 0, 200, 120), [QRectF(94, 54, 12, 12)])
    assert not overlaps([p.rect for p in placed.values()])
    assert 29 in placed and 28 in placed
    dropped = set(range(30)) - set(placed)
    assert dropped and max(dropped) < min(placed)
    assert any(p.leader is not None for p in placed.values())
    for p in placed.values():
        assert not p.rect.intersects(QRectF(94, 54, 12, 12))


def test_neighbourhood_labels_sit_by_their_symbols_and_never_overlap(qapp, qtbot, demo):
    view = NeighbourhoodView(demo)
    qtbot.addWidget(view)
    view.resize(900, 620)
    view.show()
    organiser = demo.entity_ids_with_role("organiser")[0]
    for eid in (organiser, busiest_card(demo), demo.entity_ids_with_role("core_member")[2]):
        view.show_entity(eid)
        settle()
        items = [*view._labels, *(e[0] for e in view._edge_labels)]
        rects = painted(items)
        assert len(rects) >= len(view._labels) - 2, "names are kept before figures"
        assert not overlaps(rects), eid
        bounds = view.plot.plotItem.vb.sceneBoundingRect()
        legend = view.legend.mapRectToScene(view.legend.boundingRect())
        vb = view.plot.plotItem.vb
        nodes = [vb.mapViewToScene(qpoint(p)) for p in view.positions]
        for r in rects:
            assert bounds.contains(r)
            assert not r.intersects(legend)
            for n in nodes:
                assert not r.intersects(QRectF(n.x() - 8, n.y() - 8, 16, 16))
        # A name is next to its node, or tied to it by a leader line.
        for i, label in enumerate(view._labels):
            if not label.isVisible():
                continue
            r, n = label.sceneBoundingRect(), nodes[i]
            gap = max(r.left() - n.x(), n.x() - r.right(), r.top() - n.y(), n.y() - r.bottom())
            assert gap < 60 or view._leaders is not None, (i, gap)
    view.dispose()


def qpoint(p):
    from PySide6.QtCore import QPointF

    return QPointF(float(p[0]), float(p[1]))


def test_timeline_event_labels_never_overprint(qapp, qtbot, demo):
    document = CaseDocument(demo)
    panel = TimelinePanel(document)
    qtbot.addWidget(panel)
    panel.resize(1100, 480)
    panel.show()
    people = demo.entity_ids_with_role("core_member")[:6] + demo.entity_ids_with_role("organiser")
    cards = [e.id for e in demo.entities("bank_card")[:25]]
    document.select_many(cards[:3])  # a first selection, replaced: the legend is refilled
    settle()
    document.select_many(people + cards)
    settle()
    assert [label.text for _, label in panel.money.legend.items]
    panel._place_event_labels()
    labels = [label for label, *_ in panel.event_labels]
    assert len(labels) > 20
    rects = painted(labels)
    assert rects, "some events keep their label"
    assert not overlaps(rects)
    vb = panel.lanes.getViewBox()
    bounds = vb.sceneBoundingRect()
    assert all(bounds.contains(r) for r in rects)
    # Zoomed in on the first weeks, more of them find room.
    shown = len(rects)
    first = min(x for _, x, _ in panel.event_labels)
    panel.money.setXRange(first - 86400, first + 86400 * 20, padding=0)
    settle()
    panel._place_event_labels()
    zoomed = painted(labels)
    assert not overlaps(zoomed)
    assert len(zoomed) >= shown
