"""The chart canvas at scale: nodes handed to the scatter by look, links culled from boxes
kept until a node moves, and the picture of many nodes kept while the view pans."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.app import make_application
from ui.chart import glyphs
from ui.chart.canvas import (
    CACHE_LINKS,
    CACHE_POINTS,
    CULL_LINKS,
    DIMMED,
    ChartCanvas,
    _Scatter,
)
from workbench.layout import ChartEdge, ChartNode
from workbench.model import Kind


@pytest.fixture
def app(qapp):
    return make_application()


def records(scatter) -> list[tuple]:
    d = scatter.data
    return [
        (r["x"], r["y"], r["size"], r["symbol"], r["pen"], r["brush"], r["data"], r["visible"],
         r["hovered"], r["item"])
        for r in d
    ]  # fmt: skip


def atlas_places_agree(scatter) -> bool:
    """Each point's source rectangle is where the scatter's symbol atlas keeps its look (the
    places themselves depend on the order looks were added)."""
    d = scatter.data
    styles = list(zip(d["symbol"], d["size"], d["pen"], d["brush"], strict=True))
    places = scatter.fragmentAtlas[styles]
    return places == [tuple(r) for r in d["sourceRect"].tolist()]


def test_points_by_look_are_what_set_data_makes_of_them(app, qtbot):
    rng = np.random.default_rng(0)
    looks = [("o", glyphs.pen("#212121", 1.8), glyphs.brush("#e53935")),
             ("s", glyphs.pen("#90caf9", 1.0, 60), glyphs.brush("#1e88e5", 60)),
             (glyphs.badge_symbol(), glyphs.pen("#ffffff", 1), glyphs.brush("#43a047"))]  # fmt: skip
    n = 3000
    pos = rng.normal(size=(n, 2)) * 100
    look = rng.integers(0, len(looks), n)
    size = rng.choice([11.0, 16.0, 3.85, 12 + 30 * 0.37], n)
    data = rng.permutation(n)
    fast, plain = _Scatter(pxMode=True), _Scatter(pxMode=True)
    fast.set_looks(pos, looks, look, size, data)
    plain.setData(pos=pos, symbol=[looks[k][0] for k in look], pen=[looks[k][1] for k in look],
                  brush=[looks[k][2] for k in look], size=size, data=data)  # fmt: skip
    assert records(fast) == records(plain)
    assert atlas_places_agree(fast) and atlas_places_agree(plain)
    assert fast.boundingRect() == plain.boundingRect()
    assert fast.pixelPadding() == plain.pixelPadding()
    # Hit-testing works on what was set, and no points is no points.
    hit = fast.pointsAt(QRectF(pos[0, 0] - 1, pos[0, 1] - 1, 2, 2))
    assert data[0] in {p.data() for p in hit}
    fast.set_looks(np.zeros((0, 2)), looks, np.zeros(0, dtype=np.int64), np.zeros(0),
                   np.zeros(0, dtype=np.int64))  # fmt: skip
    assert len(fast.data) == 0


def big_chart(n_nodes: int, n_links: int):
    rng = np.random.default_rng(1)
    ids = list(range(1, n_nodes + 1))
    nodes = {i: ChartNode(i, Kind.PHONE_CARD, f"139{i:08d}", "") for i in ids}
    positions = {i: tuple(rng.uniform(0, 4000, 2)) for i in ids}
    ends = rng.integers(1, n_nodes + 1, size=(n_links, 2))
    edges = [ChartEdge(int(a), int(b), "calls", 1, 0, None, 1.0) for a, b in ends if a != b]
    return nodes, positions, edges


def drawn_segments(canvas) -> set[tuple]:
    out = set()
    for curve in canvas._curves:
        xs, ys = curve.getData()
        for k in range(0, len(xs), 2):
            out.add((round(xs[k], 3), round(ys[k], 3), round(xs[k + 1], 3), round(ys[k + 1], 3)))
    return out


def test_culled_links_follow_the_nodes_that_move(app, qtbot):
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 700)
    canvas.show()
    nodes, positions, edges = big_chart(3000, CULL_LINKS + 2000)
    canvas.set_chart(nodes, positions, edges)
    canvas.vb.setRange(QRectF(0, 0, 300, 300), padding=0)
    QApplication.processEvents()
    # A link with both ends far outside the view: culled.
    far = next(
        e for e in edges if min(positions[e.source]) > 1500 and min(positions[e.target]) > 1500
    )
    assert not any(seg[:2] == tuple(round(v, 3) for v in positions[far.source])
                   for seg in drawn_segments(canvas))  # fmt: skip
    # Both ends move into the view (an undo, a layout): the link is drawn there.
    moved = {far.source: (100.0, 100.0), far.target: (150.0, 120.0)}
    canvas.set_positions(moved)
    QApplication.processEvents()
    segs = drawn_segments(canvas)
    assert (100.0, 100.0, 150.0, 120.0) in segs or (150.0, 120.0, 100.0, 100.0) in segs


def grab(canvas) -> np.ndarray:
    QApplication.processEvents()
    image = canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def alike(a: np.ndarray, b: np.ndarray) -> bool:
    """The same drawing: points at the same pixels, colours at most one level apart (the
    picture composes its points on transparency first, which rounds differently)."""
    return int(np.abs(a.astype(int) - b).max()) <= 2


def test_a_pan_draws_the_kept_pictures_as_the_points_and_links_themselves_would(
    app, qtbot, monkeypatch
):
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 700)
    canvas.show()
    nodes, positions, edges = big_chart(CACHE_POINTS + 1000, 3 * CACHE_LINKS)
    canvas.set_chart(nodes, positions, edges)
    canvas.fit()

    def drawn(kept_pictures: bool) -> np.ndarray:
        monkeypatch.setattr(
            "ui.chart.canvas.CACHE_POINTS", CACHE_POINTS if kept_pictures else 10**9
        )
        monkeypatch.setattr("ui.chart.canvas.CACHE_LINKS", CACHE_LINKS if kept_pictures else 10**9)
        canvas.update_detail()  # glyph sizes for this zoom now, not when the timer fires
        canvas.viewport().update()
        return grab(canvas)

    kept = drawn(True)
    # The overview's pictures are kept ...
    assert canvas.scatter._picture is not None and canvas._curves[0]._picture is not None
    # ... and are what drawing every point and link gives, before and after a pan.
    assert alike(drawn(False), kept)
    px, py = canvas.vb.viewPixelSize()
    canvas.vb.translateBy(x=37 * px, y=-21 * py)
    direct = drawn(False)
    assert alike(drawn(True), direct)
    # New looks (half the nodes dimmed) draw a new picture.
    state = np.zeros(len(canvas.ids), dtype=np.int8)
    state[::2] = DIMMED
    canvas.set_filter_state(state, np.ones(len(canvas.edges), dtype=bool), hide=False)
    dimmed = drawn(True)
    assert (dimmed != direct).sum() > 1000  # the picture was drawn anew
    assert alike(drawn(False), dimmed)


def test_back_from_a_close_up_the_overview_links_are_drawn_as_before(app, qtbot):
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 700)
    canvas.show()
    nodes, positions, edges = big_chart(3000, CULL_LINKS + 4000)
    canvas.set_chart(nodes, positions, edges)
    canvas.fit()
    QApplication.processEvents()
    overview, thinned = drawn_segments(canvas), canvas.thinned
    assert thinned is not None  # more links than the budget: thinned
    kept = list(canvas._curves)
    canvas.vb.setRange(QRectF(100, 100, 200, 200), padding=0)
    QApplication.processEvents()
    assert drawn_segments(canvas) != overview
    canvas.fit()
    QApplication.processEvents()
    # The same curves, and with them the pictures they keep, and the same note.
    assert canvas._curves == kept and canvas.thinned == thinned
    assert drawn_segments(canvas) == overview
    # The thinning favours the selection's links: a new selection draws anew.
    canvas.set_selection([1, 2, 3])
    canvas.vb.setRange(QRectF(100, 100, 200, 200), padding=0)
    QApplication.processEvents()
    canvas.fit()
    QApplication.processEvents()
    assert canvas._curves != kept
    mine = {(round(positions[e.source][0], 3), round(positions[e.source][1], 3))
            for e in edges if e.source in (1, 2, 3)}  # fmt: skip
    assert mine <= {seg[:2] for seg in drawn_segments(canvas)}
