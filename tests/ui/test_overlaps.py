"""Nothing overlaps, measured as painted: the neighbourhood's names and figures, the
timeline's event labels, and the legends, each against the others and the symbols."""

from __future__ import annotations

import shutil

import numpy as np
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


# ---------------------------------------------------------------------- the link chart


def flow_labels(canvas) -> list:
    return [label for label, *_ in canvas._flow_labels if label.isVisible()]


def symbol_rects(canvas, which=None) -> list[QRectF]:
    """The node symbols in view (of the node indices ``which``, or all), as painted."""
    _, sizes, _ = canvas._styles()
    people, things = canvas._drawn_factor
    (x0, x1), (y0, y1) = canvas.vb.viewRange()
    out = []
    for i, (x, y) in enumerate(canvas.pos.tolist()):
        if (which is None or i in which) and x0 <= x <= x1 and y0 <= y <= y1:
            c = canvas.vb.mapViewToScene(qpoint((x, y)))
            r = sizes[i] * (people if canvas._named[i] else things) / 2 - 1
            out.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    return out


def assert_flow_labels_clear(canvas) -> list:
    """The flows' amounts as painted: clear of each other, of every other label, of the
    legend, inside the view; clear of every node, but for the few largest, which may cover
    cards in a crowd (never a person or a flow's own card). Returns the amounts shown."""
    from ui.chart.canvas import FLOW_KEEP

    labels = flow_labels(canvas)
    rects = painted(labels)
    assert not overlaps(rects), "two amounts overprint"
    others = painted([label for label, *_ in canvas._area_labels + canvas._bundle_labels]
                     + canvas._label_items)  # fmt: skip
    largest = sorted((f.amount_fen for _, f, *_ in canvas._flow_labels), reverse=True)
    ends = {i for *_, i, _ in canvas._flow_labels} | {j for *_, j in canvas._flow_labels}
    kept = symbol_rects(canvas, ends | set(np.flatnonzero(canvas._named).tolist()))
    every = symbol_rects(canvas)
    for label, r in zip(labels, rects, strict=True):
        assert not any(overlaps([r, o]) for o in others), "an amount covers a label"
        amount = next(f.amount_fen for lbl, f, *_ in canvas._flow_labels if lbl is label)
        symbols = kept if amount >= largest[min(FLOW_KEEP, len(largest)) - 1] else every
        assert not any(overlaps([r, s]) for s in symbols), "an amount covers a node"
        assert canvas.vb.sceneBoundingRect().contains(r)
        if canvas.legend.isVisible() and canvas.legend.items:
            assert not overlaps([r, canvas.legend.scene_rect()]), "an amount covers the legend"
    shown = {id(label) for label in labels}
    return [f.amount_fen for label, f, *_ in canvas._flow_labels if id(label) in shown]


def test_flow_amounts_in_a_crowd_never_overprint_and_the_largest_are_shown(qapp, qtbot):
    # Thirty flows among a dozen cards on a few hundred pixels: drawn on their arrows'
    # midpoints, as they were, the amounts pile on each other.
    from ui.chart.canvas import ChartCanvas, Flow
    from workbench.layout import ChartNode
    from workbench.model import Kind

    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 420)
    canvas.show()
    nodes = {i: ChartNode(i, Kind.BANK_CARD, f"62220200{i:011d}", "") for i in range(12)}
    positions = {i: (float(i % 4) * 60, float(i // 4) * 50) for i in nodes}
    canvas.set_chart(nodes, positions, [])
    pairs = [(a, b) for a in range(12) for b in range(a + 1, 12) if (a + b) % 2][:30]
    flows = [Flow(a, b, (k + 1) * 100_000, "level 1 12:00") for k, (a, b) in enumerate(pairs)]
    assert len(flows) == 30
    canvas.set_overlay({}, flows)
    canvas.fit()
    canvas.vb.scaleBy((5, 5))  # the cards on a fifth of the view's width
    settle()
    canvas.update_detail()
    settle()
    shown = assert_flow_labels_clear(canvas)
    amounts = sorted((f.amount_fen for f in flows), reverse=True)
    assert set(amounts[:5]) <= set(shown), "the largest amounts are kept"
    assert len(shown) < len(flows), "the crowd does not fit: the least are left out"
    # An amount pushed away from its arrow is tied to it by a leader line.
    moved = [label for label, f, i, j in canvas._flow_labels if label.isVisible()
             and not label.sceneBoundingRect().adjusted(-4, -4, 4, 4).contains(
                 canvas.vb.mapViewToScene(qpoint((canvas.pos[i] + canvas.pos[j]) / 2)))]  # fmt: skip
    assert moved and not canvas._flow_leaders.path().isEmpty()
    # Zoomed in till the cards fill the view (no room around them left): still none
    # overprints, and the largest are kept.
    canvas.fit()
    settle()
    canvas.update_detail()
    assert set(amounts[:5]) <= set(assert_flow_labels_clear(canvas))
    canvas.dispose()


def test_traced_money_on_the_demo_overview_never_overprints(qapp, qtbot, demo):
    from ui.analysis.tracepanel import TracePanel
    from ui.chart import ChartPanel

    document = CaseDocument(demo)
    panel = ChartPanel(document)
    qtbot.addWidget(panel)
    panel.resize(1000, 560)
    panel.show()
    trace = TracePanel(document)
    qtbot.addWidget(trace)
    trace.use_card(busiest_card(demo))
    trace.run()
    overlay = trace.flow_overlay()
    assert len(overlay.flows) > 15
    document.show_overlay(overlay)
    canvas = panel.canvas
    for zoom in (None, "flows"):
        if zoom is None:
            canvas.fit()
        else:
            idx = [canvas.index[f.source] for f in canvas.flows]
            idx += [canvas.index[f.target] for f in canvas.flows]
            (x0, y0), (x1, y1) = canvas.pos[idx].min(axis=0), canvas.pos[idx].max(axis=0)
            canvas.vb.setRange(QRectF(x0, y0, x1 - x0, y1 - y0), padding=0.05)
        settle()
        canvas.update_detail()
        settle()
        shown = assert_flow_labels_clear(canvas)
        assert max(f.amount_fen for f in canvas.flows) in shown, zoom
        assert len(shown) >= 5, zoom
    canvas.dispose()


def test_overview_names_the_key_people_and_zoom_brings_the_rest(qapp, qtbot, demo):
    # Semantic zoom: at the overview the region areas, the bundles between them and the key
    # people's names, over a wash of the links within the areas; zoomed in, every name and
    # every link in full. Never a name over a region's title.
    from ui.chart import ChartPanel
    from ui.chart.canvas import KEY_ROLES, MAX_OVERVIEW_PEOPLE, OVERVIEW_LINK_ALPHA
    from workbench.model import Kind

    panel = ChartPanel(CaseDocument(demo))
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    canvas = panel.canvas

    def shown() -> tuple[list, list, list]:
        settle()
        canvas.update_detail()
        names = [i for i in canvas._label_items if i.isVisible()]
        titles = [label for label, *_ in canvas._area_labels if label.isVisible()]
        bundles = [label for label, *_ in canvas._bundle_labels if label.isVisible()]
        everything = painted(names + titles + bundles)
        assert not overlaps(everything)
        for r in painted(names + bundles):
            assert not any(overlaps([r, t]) for t in painted(titles)), "a label on a title"
        return names, titles, bundles

    def link_alphas(z: int) -> set[int]:
        return {c.opts["pen"].color().alpha() for c in canvas._curves if c.look[3] == z}

    canvas.fit()
    names, titles, bundles = shown()
    assert len(titles) >= len(canvas.areas) - 2 and bundles
    key = {n.name for n in canvas.nodes.values()
           if n.kind is Kind.PERSON and set(n.roles) & KEY_ROLES}  # fmt: skip
    texts = [i.textItem.toPlainText() for i in names]
    assert 0 < len(texts) <= MAX_OVERVIEW_PEOPLE
    assert set(texts) <= key, set(texts) - key
    assert max(link_alphas(1)) <= OVERVIEW_LINK_ALPHA
    # The one the analyst selects is named too, whoever it is.
    operator = next(n for n in canvas.nodes.values() if n.kind is Kind.PERSON and n.name
                    and not set(n.roles) & KEY_ROLES and n.name not in key)  # fmt: skip
    canvas.set_selection([operator.id])
    selected, _, _ = shown()
    assert operator.name in {i.textItem.toPlainText() for i in selected}
    assert len(selected) <= MAX_OVERVIEW_PEOPLE + 1
    canvas.set_selection([])
    # Close up on an organiser: every name in view, and the links in full colour.
    canvas.focus(demo.entity_ids_with_role("organiser")[0])
    close, titles, _ = shown()
    assert len(close) > len(names)
    assert {i.textItem.toPlainText() for i in close} - key, "not only the key people"
    assert max(link_alphas(1)) > OVERVIEW_LINK_ALPHA
    # And back: the overview again.
    canvas.fit()
    again, _, _ = shown()
    assert len(again) == len(names) and max(link_alphas(1)) <= OVERVIEW_LINK_ALPHA
    canvas.dispose()
