"""The link-chart canvas: one scatter for every node, a few line items for every link.

Follows pyqtgraph's CustomGraphItem example, at scale: nodes are one ScatterPlotItem with
an index -> entity id array, links are one PlotCurveItem per colour and width drawn with
``connect="pairs"``, so 20,000 entities and 60,000 links are a dozen graphics items, never
one QGraphicsItem per node. Level of detail: labels and arrowheads appear only when few
enough nodes and links are in view, and links lose antialiasing when there are many.

The canvas knows nothing of the case. It draws plain data (``ChartNode``, ``ChartEdge``,
positions) and states the analyst's intents as signals with plain data:
``nodes_moved(new, old)``, ``link_requested(source_id, target_id)``,
``selection_changed(ids)``, ``entities_dropped(ids, (x, y))``, ``context_requested``.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QLabel

from workbench.identifiers import mask_card_number, mask_id_number, mask_mobile
from workbench.layout import ChartEdge, ChartEdges, ChartNode, RegionArea
from workbench.layout.algorithms import SATELLITE_GAP, SPACING
from workbench.model import Kind

from .. import labels
from ..browser import ENTITY_MIME
from ..legend import ChartLegend, chart_node_pixels
from ..placement import LabelRequest, RectGrid, place_labels
from ..style import ROLE_COLORS
from . import glyphs

#: Labels are drawn when at most this many nodes are in view.
MAX_LABELS = 250
#: Arrowheads are drawn when at most this many links are in view.
MAX_ARROWS = 2500
#: Link labels (on demand) when at most this many links are in view.
MAX_LINK_LABELS = 300
#: Links are antialiased when there are at most this many.
ANTIALIAS_LINKS = 4000
#: Above this many links, only those near the view are handed to Qt.
CULL_LINKS = 8000
#: At most this many links are drawn at once; above it links are thinned (level of detail).
MAX_DRAWN_LINKS = 8_000
#: How many label heights away from its arrow a flow's amount may go (on a leader line)
#: when the nodes around the arrow leave no room next to it.
FLOW_RINGS = 6
#: The largest amounts of an overlay that find no free room still get one over the cards
#: and phones in a crowd (never over a text, a person, an organisation, the flows' own ends
#: or the legend).
FLOW_KEEP = 5
#: A flow's arrowhead sits this far along it (its amount sits in the middle), this large.
FLOW_ARROW_AT = 0.72
FLOW_ARROW_PX = 15
#: The busiest links between region areas carry a label with their count and amount.
BUNDLE_LABELS = 10
#: How far around the view (in view widths) culled links are kept, so that a pan does not
#: have to cull again.
CULL_MARGIN = 0.35
#: Distance (layout units) between the cards and phones around their holder.
SATELLITE_GAP_UNITS = SPACING * SATELLITE_GAP
#: How near (pixels) a click must be to a node to hit it.
HIT_PX = 10
#: A scatter of at least this many points keeps its picture at the current zoom, so that a
#: pan draws one pixmap instead of every point again ...
CACHE_POINTS = 5_000
#: ... and so does a curve of at least this many links (see _KeepsPicture) ...
CACHE_LINKS = 2_000
#: ... when the picture is at most this many times the size of the view.
CACHE_AREA = 2.5

#: At the overview zoom every person is named when at most this many are in view ...
MAX_OVERVIEW_PEOPLE = 60
#: ... else the people with these roles.
KEY_ROLES = frozenset({"organiser", "border_organiser", "core_member"})
#: ... and the people selected, when the selection is at most this many.
NAMED_SELECTION = 20
#: At the overview of a chart in region areas the links within the areas are this faint
#: (of 255): the bundles between the areas carry the picture, and the links come back as
#: the analyst zooms in.
OVERVIEW_LINK_ALPHA = 70

SHOWN, DIMMED, HIDDEN = 0, 1, 2
ROLE_ORDER = tuple(ROLE_COLORS)
_NAMED_KINDS = (Kind.PERSON, Kind.ORGANISATION)
_NUDGES = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
           Qt.Key.Key_Down: (0, 1)}  # fmt: skip


@dataclass
class Flow:
    """A money flow of an analysis overlay: thick arrow with its amount."""

    source: int
    target: int
    amount_fen: int
    label: str


def _yuan(fen: int) -> str:
    yuan = fen / 100
    if yuan >= 10000:
        return f"¥{yuan / 10000:,.1f}万"
    return f"¥{yuan:,.0f}"


class _NodeCounter:
    """How many nodes a pixel box would cover, for many boxes: the nodes' centres counted
    on a grid of small cells, summed once (a summed-area table), so that each question is
    four look-ups whatever the number of nodes (100,000 in view cost one numpy pass)."""

    CELL = 4.0

    def __init__(self, x: np.ndarray, y: np.ndarray, view: QRectF, radius: float):
        self.left, self.top, self.radius = view.left(), view.top(), radius
        self.w = int(view.width() // self.CELL) + 2
        self.h = int(view.height() // self.CELL) + 2
        gx = np.clip(((x - self.left) // self.CELL).astype(np.int64), 0, self.w - 1)
        gy = np.clip(((y - self.top) // self.CELL).astype(np.int64), 0, self.h - 1)
        grid = np.zeros((self.h + 1, self.w + 1), dtype=np.int64)
        np.add.at(grid, (gy + 1, gx + 1), 1)
        self.table = grid.cumsum(axis=0).cumsum(axis=1)

    def count(self, box: QRectF) -> int:
        """Nodes whose symbol (``radius`` pixels around its centre) meets the box."""
        r, c = self.radius, self.CELL
        x0 = min(max(int((box.left() - r - self.left) // c), 0), self.w)
        x1 = min(max(int((box.right() + r - self.left) // c) + 1, 0), self.w)
        y0 = min(max(int((box.top() - r - self.top) // c), 0), self.h)
        y1 = min(max(int((box.bottom() + r - self.top) // c) + 1, 0), self.h)
        t = self.table
        return int(t[y1, x1] - t[y0, x1] - t[y1, x0] + t[y0, x0])


@dataclass
class _Picture:
    """An item drawn once at one zoom: its pixmap, where it went, the transform it used."""

    pixmap: QPixmap
    left: float
    top: float
    transform: QTransform
    dpr: float


def _same_zoom(a: QTransform, b: QTransform) -> bool:
    """Whether two item-to-device transforms differ by a translation at most (a pan)."""
    parts = ((a.m11(), b.m11()), (a.m12(), b.m12()), (a.m21(), b.m21()), (a.m22(), b.m22()))
    return all(abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-12) for x, y in parts)


class _KeepsPicture:
    """For a pyqtgraph item drawn from very many primitives: keeps its picture at the
    current zoom, so that a pan draws one pixmap instead of every point or line again.

    Drawing 100,000 nodes costs some 25 ms a frame and 8,000 links 10 ms; a pan only moves
    them, so the picture of all of them (not just those in view) is drawn once per zoom
    and moved. Exports (no widget, or pyqtgraph's export mode) and close-ups, where the
    picture would be larger than :data:`CACHE_AREA` views, draw the item itself; the
    picture of the overview stays for the way back.

    An item mixing this in defines ``_worth_a_picture() -> bool``, ``_extent()`` (``(x0, y0,
    x1, y1)`` of what it draws, in its own coordinates) and ``_padding_px() -> float``.
    """

    _picture: _Picture | None = None

    def _paint_everything(self, painter, option, widget) -> None:
        super().paint(painter, option, widget)

    def _forget_picture(self) -> None:
        self._picture = None

    @pg.debug.warnOnException  # as pyqtgraph's own: an exception in paint crashes Qt
    def paint(self, p, option, widget):
        if widget is None or self._exportOpts is not False or not self._worth_a_picture():
            super().paint(p, option, widget)
            return
        t = p.transform()
        dpr = widget.devicePixelRatioF()
        pic = self._picture
        if pic is None or pic.dpr != dpr or not _same_zoom(pic.transform, t):
            pic = self._draw_picture(t, option, widget)
            if pic is None:
                super().paint(p, option, widget)
                return
            self._picture = pic
        p.save()
        p.resetTransform()
        p.drawPixmap(QPointF(pic.left + t.dx() - pic.transform.dx(),
                             pic.top + t.dy() - pic.transform.dy()), pic.pixmap)  # fmt: skip
        p.restore()

    def _draw_picture(self, t: QTransform, option, widget) -> _Picture | None:
        x0, y0, x1, y1 = self._extent()
        corners = [t.map(QPointF(cx, cy)) for cx in (x0, x1) for cy in (y0, y1)]
        pad = self._padding_px() + 2
        left = np.floor(min(c.x() for c in corners) - pad)
        top = np.floor(min(c.y() for c in corners) - pad)
        width = int(np.ceil(max(c.x() for c in corners) + pad - left))
        height = int(np.ceil(max(c.y() for c in corners) + pad - top))
        view = widget.size()
        if width * height > CACHE_AREA * view.width() * view.height():
            return None
        dpr = widget.devicePixelRatioF()
        pixmap = QPixmap(int(np.ceil(width * dpr)), int(np.ceil(height * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        # Qt strokes 2,500 thin lines in 1 ms inside a clip and in 20 ms without one.
        painter.setClipRect(0, 0, width, height)
        painter.setTransform(t * QTransform.fromTranslate(-left, -top))
        try:
            self._paint_everything(painter, option, widget)
        finally:
            painter.end()
        return _Picture(pixmap, float(left), float(top), QTransform(t), dpr)


class _Curve(_KeepsPicture, pg.PlotCurveItem):
    """Links of one colour and width, keeping their picture while the view pans."""

    #: (colour, width, alpha, z) of the links' group, before the zoom fades them
    look: tuple = ()

    def _worth_a_picture(self) -> bool:
        return self.xData is not None and len(self.xData) >= 2 * CACHE_LINKS

    def _extent(self) -> tuple[float, float, float, float]:
        x, y = self.xData, self.yData
        return float(x.min()), float(y.min()), float(x.max()), float(y.max())

    def _padding_px(self) -> float:
        return self.opts["pen"].widthF()

    def updateData(self, *args, **kargs):  # noqa: N802 - pyqtgraph override
        self._forget_picture()
        super().updateData(*args, **kargs)

    def setPen(self, *args, **kargs):  # noqa: N802 - pyqtgraph override
        self._forget_picture()
        super().setPen(*args, **kargs)


class _Scatter(_KeepsPicture, pg.ScatterPlotItem):
    """A scatter that leaves clicks to the view box, which knows about selection, and with
    many points keeps its picture while the view pans."""

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph override
        ev.ignore()

    def invalidate(self):
        self._forget_picture()
        super().invalidate()

    def _worth_a_picture(self) -> bool:
        return len(self.data) >= CACHE_POINTS

    def _extent(self) -> tuple[float, float, float, float]:
        x, y = self.data["x"], self.data["y"]
        return float(x.min()), float(y.min()), float(x.max()), float(y.max())

    def _padding_px(self) -> float:
        return self._maxSpotPxWidth

    def _paint_everything(self, painter, option, widget) -> None:
        # pyqtgraph leaves out the points outside the view: here all of them are wanted.
        x0, y0, x1, y1 = self._extent()
        everything = QRectF(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2)
        self.viewRect = lambda: everything
        try:
            super()._paint_everything(painter, option, widget)
        finally:
            del self.viewRect

    def set_looks(self, pos: np.ndarray, looks: list[tuple], look: np.ndarray,
                  size: np.ndarray, data: np.ndarray) -> None:  # fmt: skip
        """What ``setData(pos=, symbol=, pen=, brush=, size=, data=)`` does, for points
        that share a few looks: ``looks`` holds ``(symbol, pen, brush)`` triples and
        ``look`` each point's index into it.

        ``setData`` finds every point's place in the symbol atlas in Python, some
        microseconds a point (0.5 s for 100,000 nodes, on opening the chart and at each
        step of a zoom); points of one look and size share a place, so it is found once
        per distinct (look, size) and spread with numpy. The records filled in are the
        ones ``setData`` fills in (tests/ui/chart/test_canvas_scale.py compares the two).
        """
        n = len(pos)
        rec = np.empty(n, dtype=self.data.dtype)
        rec["x"], rec["y"] = pos[:, 0], pos[:, 1]
        rec["size"] = size
        rec["visible"] = True
        rec["hovered"] = False
        rec["item"] = None
        rec["data"] = data
        table = np.empty((3, len(looks)), dtype=object)
        for k, triple in enumerate(looks):
            table[:, k] = triple
        symbols, pens, brushes = table
        rec["symbol"], rec["pen"], rec["brush"] = symbols[look], pens[look], brushes[look]
        sizes, size_at = np.unique(size, return_inverse=True)
        combos, combo_at = np.unique(look * len(sizes) + size_at.reshape(-1),
                                     return_inverse=True)  # fmt: skip
        styles = [(symbols[c // len(sizes)], float(sizes[c % len(sizes)]),
                   pens[c // len(sizes)], brushes[c // len(sizes)]) for c in combos.tolist()]  # fmt: skip
        rects = np.array(self.fragmentAtlas[styles], dtype=rec.dtype["sourceRect"])
        rec["sourceRect"] = rects.reshape(-1)[combo_at.reshape(-1)] if n else rects
        self.data = rec
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.bounds = [None, None]
        self.invalidate()
        self._maybeRebuildAtlas()
        self._updateMaxSpotSizes(data=rec)
        self.sigPlotChanged.emit(self)


class ChartViewBox(pg.ViewBox):
    """The chart's view: forwards clicks and drags to the canvas, which decides whether
    they select, move, link or pan."""

    def __init__(self, canvas: ChartCanvas):
        super().__init__(enableMenu=False, invertY=True, lockAspect=True)
        self.canvas = canvas

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph override
        self.canvas._on_click(ev)

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            self.canvas._on_drag(ev)
        else:
            super().mouseDragEvent(ev, axis)


class ChartCanvas(pg.PlotWidget):
    """Draws one chart and reports what the analyst does with it."""

    selection_changed = Signal(object)  # tuple[int, ...]
    nodes_moved = Signal(object, object)  # {id: (x, y)} new, {id: (x, y)} old
    link_requested = Signal(int, int)
    entities_dropped = Signal(object, object)  # [ids], (x, y)
    context_requested = Signal(object, object)  # entity id or None, QPoint (global)
    node_activated = Signal(int)  # double-click
    delete_requested = Signal()  # the Delete key: off the chart, not out of the case
    #: arrow keys move the selection a step; successive steps are one edit
    nodes_nudged = Signal(object, object)  # {id: (x, y)} new, {id: (x, y)} old

    def __init__(self, parent=None):
        self.vb = ChartViewBox(self)
        super().__init__(parent, background="w", viewBox=self.vb)
        self.setObjectName("chart_canvas")
        self.plotItem.hideAxis("left")
        self.plotItem.hideAxis("bottom")
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.link_tool = False
        self.show_link_labels = False
        self.mask = False
        self.hide_filtered = False
        # Data
        self.ids = np.zeros(0, dtype=np.int64)
        self.index: dict[int, int] = {}
        self.pos = np.zeros((0, 2))
        self.nodes: dict[int, ChartNode] = {}
        self.edges: list[ChartEdge] = []
        self.state = np.zeros(0, dtype=np.int8)
        self.edge_pass = np.zeros(0, dtype=bool)
        self.selected: set[int] = set()
        self.scores: dict[int, float] = {}
        self.flows: list[Flow] = []
        self.areas: list[RegionArea] = []
        self.area_of: dict[int, str] = {}
        self._style_cache = None
        self._badge_cache: np.ndarray | None = None
        #: links' bounding boxes (see _edge_bounds); None whenever a node moves
        self._bounds_cache: tuple[np.ndarray, ...] | None = None
        self._arrow_cache: tuple[np.ndarray, np.ndarray] | None = None
        self._named = np.zeros(0, dtype=bool)
        self._person = np.zeros(0, dtype=bool)
        self._drawn_factor = (1.0, 1.0)
        #: too many nodes in view to name them all (semantic zoom: see _update_detail)
        self._overview_mode = False
        self._paused = 0
        self._press_modifiers = Qt.KeyboardModifier.NoModifier
        self._edge_src = np.zeros(0, dtype=np.int64)
        self._edge_dst = np.zeros(0, dtype=np.int64)
        self._edge_types: list[str] = []
        self._edge_type = np.zeros(0, dtype=np.int64)
        self._edge_width = np.zeros(0)
        self._edge_groups: list = []
        self._culled_rect: QRectF | None = None
        self.thinned: tuple[int, int] | None = None
        # Items
        self.scatter = _Scatter(pxMode=True, hoverable=False)
        self.scatter.setZValue(10)
        self.badges = _Scatter(pxMode=True)
        self.badges.setZValue(11)
        self.rings = _Scatter(pxMode=True)
        self.rings.setZValue(12)
        self.arrows = _Scatter(pxMode=True)
        self.arrows.setZValue(6)
        #: the arrowheads of an analysis overlay's flows (which way the money went)
        self.flow_arrows = _Scatter(pxMode=True)
        self.flow_arrows.setZValue(9)
        for item in (self.scatter, self.badges, self.rings, self.arrows, self.flow_arrows):
            self.addItem(item)
        self._curves: list[pg.PlotCurveItem] = []
        #: (selection, curves, thinning) of the last overview, which holds every link
        self._overview_curves: tuple | None = None
        self._area_items: list = []
        self._label_items: list[pg.TextItem] = []
        self._edge_label_items: list[pg.TextItem] = []
        self._flow_items: list = []
        #: (amount label, flow, source index, target index) of the flows drawn now
        self._flow_labels: list = []
        self._bundle_items: list = []
        # (label, area, full text, short text) and (label, one end, other end)
        self._area_labels: list = []
        self._bundle_labels: list = []
        #: pixel boxes of the labels shown now (area, bundle and node labels), for tests
        self.label_boxes: list[tuple[str, QRectF]] = []
        # The chart's one legend: a small box in a free corner that folds (see ui.legend); a
        # scene item, so exports of the view carry it.
        self.legend = ChartLegend(self.vb, lambda: chart_node_pixels(self), "chart/legend_folded")
        self.legend.moved.connect(lambda: self._lod_timer.start())
        self._legend_samples: list = []
        self._legend_wanted = True
        self._rubber = QGraphicsRectItem()
        self._rubber.setPen(glyphs.pen(glyphs.SELECTION, 1))
        self._rubber.setBrush(glyphs.brush(glyphs.SELECTION, 40))
        self._rubber.setZValue(100)
        self._rubber.hide()
        self.vb.addItem(self._rubber, ignoreBounds=True)
        self._link_line = QGraphicsPathItem()
        self._link_line.setPen(glyphs.pen(glyphs.SELECTION, 2))
        self._link_line.setZValue(100)
        self._link_line.hide()
        self.vb.addItem(self._link_line, ignoreBounds=True)
        #: thin lines from a flow's arrow to its amount, when the amount had to move away
        self._flow_leaders = QGraphicsPathItem()
        self._flow_leaders.setPen(glyphs.pen(glyphs.FLOW, 1, 200))
        self._flow_leaders.setZValue(29)
        self.vb.addItem(self._flow_leaders, ignoreBounds=True)
        self._drag: dict | None = None
        self.detail_note = QLabel(self.viewport())
        self.detail_note.setObjectName("chart_detail_note")
        self.detail_note.setStyleSheet(
            "background: rgba(255,255,255,210); color: #455a64; padding: 2px 6px;"
        )
        self.detail_note.move(6, 6)
        self.detail_note.hide()
        self._label_font = QFont()
        self._label_font.setPointSize(8)
        # Labels and arrows follow the view, but not on every frame of a pan.
        self._lod_timer = QTimer(self, singleShot=True, interval=80)
        self._lod_timer.timeout.connect(self._update_detail)
        self.vb.sigRangeChanged.connect(lambda *_: self._on_view_range_changed())
        self.vb.sigResized.connect(lambda *_: self._lod_timer.start())

    # ------------------------------------------------------------------ data in

    def set_chart(
        self,
        nodes: dict[int, ChartNode],
        positions: dict[int, tuple[float, float]],
        edges: ChartEdges | list[ChartEdge],
    ) -> None:
        """Draw a chart: the entities (with their positions) and the ties between them."""
        edges = ChartEdges.of(edges)
        ids = [i for i in positions if i in nodes]
        self.ids = np.asarray(ids, dtype=np.int64)
        self.index = dict(zip(ids, range(len(ids)), strict=True))
        self.pos = np.fromiter(itertools.chain.from_iterable(map(positions.__getitem__, ids)),
                               float, 2 * len(ids)).reshape(-1, 2)  # fmt: skip
        self.nodes = nodes
        kinds = [nodes[i].kind for i in ids]
        self._named = np.fromiter((k in _NAMED_KINDS for k in kinds), bool, len(ids))
        self._person = np.fromiter((k is Kind.PERSON for k in kinds), bool, len(ids))
        # Ends as node indices (-1: not on the chart), found by binary search in numpy:
        # a dictionary look-up per end took a third of a second at 300,000 links.
        order = np.argsort(self.ids, kind="stable")
        known = self.ids[order]

        def node_index(ends: np.ndarray) -> np.ndarray:
            if not len(known):
                return np.full(len(ends), -1, dtype=np.int64)
            at = np.searchsorted(known, ends).clip(max=len(known) - 1)
            return np.where(known[at] == ends, order[at], -1)

        src, dst = node_index(edges.source), node_index(edges.target)
        drawn = (src >= 0) & (dst >= 0)
        if drawn.all():
            self.edges = edges
        else:
            self.edges = edges.take(drawn)
            src, dst = src[drawn], dst[drawn]
        self._edge_src, self._edge_dst = src, dst
        self.selected &= set(self.index)
        self._edge_arrays()
        if len(self.state) != len(ids):
            self.state = np.zeros(len(ids), dtype=np.int8)
        if len(self.edge_pass) != len(self.edges):
            self.edge_pass = np.ones(len(self.edges), dtype=bool)
        self._style_cache = None
        self._badge_cache = None
        self._bounds_cache = self._arrow_cache = None
        self.redraw()

    def set_positions(self, positions: dict[int, tuple[float, float]]) -> None:
        """Move nodes (after an undo, a layout) without re-reading anything else."""
        for eid, (x, y) in positions.items():
            i = self.index.get(eid)
            if i is not None:
                self.pos[i] = (x, y)
        self._bounds_cache = self._arrow_cache = None
        self.redraw()

    def set_filter_state(self, state: np.ndarray, edge_pass: np.ndarray, hide: bool) -> None:
        """Which nodes are shown, dimmed or hidden (per index) and which links pass."""
        self.state = np.asarray(state, dtype=np.int8)
        self.edge_pass = np.asarray(edge_pass, dtype=bool)
        self.hide_filtered = hide
        self._style_cache = None
        self.redraw()

    def set_areas(self, areas: list[RegionArea], area_of: dict[int, str]) -> None:
        self.areas, self.area_of = list(areas), dict(area_of)
        self.redraw()

    def set_overlay(self, scores: dict[int, float], flows: list[Flow]) -> None:
        self.scores, self.flows = dict(scores), list(flows)
        self._style_cache = None
        self.redraw()

    def set_selection(self, ids, emit: bool = False) -> None:
        new = {int(i) for i in ids if int(i) in self.index}
        if new == self.selected:
            return
        self.selected = new
        self._draw_selection()
        if self._overview_mode:
            self._lod_timer.start()  # the selection is named at the overview
        if emit:
            self.selection_changed.emit(tuple(sorted(self.selected)))

    def set_mask(self, mask: bool) -> None:
        self.mask = mask
        self._update_detail()

    def set_link_labels(self, on: bool) -> None:
        self.show_link_labels = on
        self._update_detail()

    # ------------------------------------------------------------------ geometry

    def node_scene_pos(self, entity_id: int) -> QPointF:
        i = self.index[entity_id]
        return self.vb.mapViewToScene(QPointF(*self.pos[i]))

    def node_widget_pos(self, entity_id: int):
        """Where a node is drawn in the widget (viewport) coordinates: tests click there."""
        return self.mapFromScene(self.node_scene_pos(entity_id))

    def view_pos(self, widget_point) -> tuple[float, float]:
        p = self.vb.mapSceneToView(self.mapToScene(widget_point))
        return p.x(), p.y()

    def _visible_index(self) -> np.ndarray:
        if self.hide_filtered:
            return np.flatnonzero(self.state != HIDDEN)
        return np.arange(len(self.ids))

    def node_at(self, scene_pos: QPointF) -> int | None:
        """The entity drawn under a scene point (None: empty space)."""
        if not len(self.ids):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        px, py = self.vb.viewPixelSize()
        idx = self._visible_index()
        if not len(idx):
            return None
        d = ((self.pos[idx, 0] - p.x()) / (px or 1)) ** 2 + (
            (self.pos[idx, 1] - p.y()) / (py or 1)
        ) ** 2
        j = int(np.argmin(d))
        return int(self.ids[idx[j]]) if d[j] <= HIT_PX**2 else None

    def fit(self) -> None:
        """Fit the view to what is shown."""
        idx = self._visible_index()
        pts = self.pos[idx] if len(idx) else self.pos
        rects = [QRectF(a.x - a.width / 2, a.y - a.height / 2, a.width, a.height)
                 for a in self.areas]  # fmt: skip
        if len(pts):
            lo, hi = pts.min(axis=0), pts.max(axis=0)
            rects.append(QRectF(lo[0], lo[1], max(hi[0] - lo[0], 1), max(hi[1] - lo[1], 1)))
        if not rects:
            return
        r = rects[0]
        for other in rects[1:]:
            r = r.united(other)
        if self.areas:
            # Room over the top areas for their titles, which sit above them.
            r.adjust(0, -r.height() * 0.05, 0, 0)
        self.vb.setRange(rect=r, padding=0.05)

    def focus(self, entity_id: int) -> None:
        """Centre the view on an entity, zoomed in so its neighbourhood is readable."""
        i = self.index.get(entity_id)
        if i is None:
            return
        x, y = self.pos[i]
        span = 400.0
        self.vb.setRange(QRectF(x - span / 2, y - span / 2, span, span), padding=0)

    # ------------------------------------------------------------------ drawing

    def _styles(self):
        """``(looks, sizes, look_of)``: per node its size and its look, an index into
        ``looks``, the (symbol, pen, brush) triples (cached until the data changes)."""
        if self._style_cache is not None:
            return self._style_cache
        n = len(self.ids)
        look_of, sizes = np.zeros(n, dtype=np.int64), np.zeros(n)
        max_score = max(self.scores.values(), default=0.0) or 1.0
        # Twenty thousand nodes come in a few dozen looks: work each look out once.
        looks: list[tuple] = []
        known: dict[tuple, tuple[int, float]] = {}
        dimmed = (self.state == DIMMED).tolist()
        for i, eid in enumerate(self.ids.tolist()):
            node = self.nodes[eid]
            look_key = (node.kind, node.roles, dimmed[i])
            found = known.get(look_key)
            if found is None:
                alpha = 60 if dimmed[i] else 255
                outline, width = glyphs.node_outline(node.kind, node.roles)
                looks.append((
                    glyphs.node_symbol(node.kind),
                    glyphs.pen(outline, width, alpha),
                    glyphs.brush(glyphs.node_fill(node.kind, node.roles), alpha),
                ))  # fmt: skip
                found = known[look_key] = (len(looks) - 1, glyphs.KIND_SIZES[node.kind])
            look_of[i], sizes[i] = found
            if eid in self.scores:
                sizes[i] = 12 + 30 * max(self.scores[eid], 0.0) / max_score
        self._style_cache = (looks, sizes, look_of)
        return self._style_cache

    def set_legend_visible(self, on: bool) -> None:
        self._legend_wanted = on
        QSettings().setValue("chart/legend", on)
        self._draw_legend()

    @contextmanager
    def batch(self):
        """Several changes, one redraw at the end."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1
        if not self._paused:
            self.redraw()

    def _draw_legend(self) -> None:
        """Roles by fill, kinds by glyph, legal status by badge: what is on this chart."""
        self.legend.clear()
        self._legend_samples = []
        if not self.nodes or not self._legend_wanted:
            self.legend.hide()
            return
        # On a small canvas the legend folds to its title by itself (ChartLegend.place);
        # only the Legend action switches it off.
        self.legend.show()
        kinds = {n.kind for n in self.nodes.values()}
        roles = {r for n in self.nodes.values() for r in n.roles}
        statuses = {n.legal_status for n in self.nodes.values() if n.legal_status}

        def sample(**style) -> pg.ScatterPlotItem:
            item = pg.ScatterPlotItem(**style)
            self._legend_samples.append(item)
            return item

        for role in ROLE_ORDER:
            if role in roles:
                outline, width = glyphs.node_outline(Kind.PERSON, (role,))
                self.legend.addItem(
                    sample(symbol="o", size=10, brush=glyphs.brush(glyphs.node_fill(
                        Kind.PERSON, (role,))), pen=glyphs.pen(outline, width)),
                    labels.role_label(role),
                )  # fmt: skip
        for kind in Kind:
            if kind in kinds and kind is not Kind.PERSON:
                self.legend.addItem(
                    sample(symbol=glyphs.node_symbol(kind), size=10,
                           brush=glyphs.brush(glyphs.node_fill(kind, ())),
                           pen=glyphs.pen("#424242", 1)),
                    labels.kind_label(kind),
                )  # fmt: skip
        # In the style's order, the same on every chart (a set has none).
        order = {s: k for k, s in enumerate(glyphs.STATUS_COLORS)}
        for status in sorted(statuses, key=lambda s: (order.get(s, len(order)), s)):
            color = glyphs.status_color(status)
            if color:
                self.legend.addItem(
                    sample(symbol=glyphs.badge_symbol(), size=22, brush=glyphs.brush(color),
                           pen=glyphs.pen("#ffffff", 1)),
                    labels.status_label(status),
                )  # fmt: skip
        if self.areas:
            line = pg.PlotDataItem(pen=glyphs.pen(glyphs.CROSS_REGION, 3))
            self._legend_samples.append(line)
            self.legend.addItem(
                line, QCoreApplication.translate("ChartCanvas", "links across regions")
            )

    def redraw(self) -> None:
        if self._paused:
            return
        self._draw_legend()
        self._draw_areas()
        self._draw_edges()
        self._draw_nodes()
        self._draw_selection()
        self._draw_flows()
        self._update_detail()

    def _draw_nodes(self) -> None:
        looks, sizes, look_of = self._styles()
        idx = self._visible_index()
        if not len(idx):
            self.scatter.clear()
            self.badges.clear()
            return
        # People and organisations on top of the cards and phones around them.
        idx = idx[np.argsort(self._named[idx], kind="stable")]
        self._drawn_factor = factor = self._glyph_factor()
        scale = np.where(self._named[idx], factor[0], factor[1])
        self.scatter.set_looks(self.pos[idx], looks, look_of[idx], sizes[idx] * scale, idx)
        badge_i = idx[self._badged()[idx]].tolist()
        if badge_i:
            self.badges.setData(
                pos=self.pos[badge_i],
                size=sizes[badge_i] * np.where(self._named[badge_i], factor[0], factor[1]),
                symbol=glyphs.badge_symbol(),
                brush=[
                    glyphs.brush(
                        glyphs.status_color(self.nodes[int(self.ids[i])].legal_status),
                        80 if self.state[i] == DIMMED else 255,
                    )
                    for i in badge_i
                ],  # fmt: skip
                pen=glyphs.pen("#ffffff", 1),
            )
        else:
            self.badges.clear()

    def _badged(self) -> np.ndarray:
        """Per node: whether its legal status has a badge (cached with the styles)."""
        if self._badge_cache is None or len(self._badge_cache) != len(self.ids):
            badged = {s: bool(glyphs.status_color(s)) for s in glyphs.STATUS_COLORS}
            self._badge_cache = np.fromiter(
                (badged.get(self.nodes[e].legal_status, False) for e in self.ids.tolist()),
                bool, len(self.ids),
            )  # fmt: skip
        return self._badge_cache

    def _glyph_factor(self) -> tuple[float, float]:
        """How much of their full size people and things are drawn at this zoom: cards
        around their holder shrink when zoomed out so that a cluster stays a cluster of
        dots, not a blot (in steps, so a zoom redraws the nodes only now and then)."""
        px = self.vb.viewPixelSize()[0] or 1.0
        gap_px = SATELLITE_GAP_UNITS / px
        things = min(1.0, max(0.35, round(gap_px / glyphs.KIND_SIZES[Kind.BANK_CARD], 1)))
        people = min(1.0, max(0.75, round(gap_px * 1.6 / glyphs.KIND_SIZES[Kind.PERSON], 1)))
        return people, things

    def _draw_selection(self) -> None:
        idx = [self.index[e] for e in self.selected if e in self.index]
        if not idx:
            self.rings.clear()
            return
        _, sizes, _ = self._styles()
        self.rings.setData(
            pos=self.pos[idx],
            size=sizes[idx] + 10,
            symbol=glyphs.ring_symbol(),
            brush=glyphs.brush("#ffffff", 0),
            pen=glyphs.pen(glyphs.SELECTION, 2.5),
        )

    def _edge_mask(self) -> np.ndarray:
        if not len(self.edges):
            return np.zeros(0, dtype=bool)
        mask = self.edge_pass.copy()
        if self.hide_filtered:
            mask &= self.state[self._edge_src] != HIDDEN
            mask &= self.state[self._edge_dst] != HIDDEN
        return mask

    def _edge_arrays(self) -> None:
        """Per-link colour code and width bucket as arrays, once per chart: grouping 60,000
        links into curves is then a few numpy operations."""
        edges = self.edges
        used = np.unique(edges.kind)
        types = sorted(edges.types[k] for k in used.tolist())
        self._edge_types = types
        # The edges' own type numbers to the canvas's (the used types, by name).
        renumber = np.full(len(edges.types), -1, dtype=np.int64)
        renumber[used] = [types.index(edges.types[k]) for k in used.tolist()]
        self._edge_type = renumber[edges.kind]
        names = np.asarray(types, dtype=object)[self._edge_type] if len(edges) else []
        self._edge_width = glyphs.edge_widths(names, edges.count, edges.amount_fen)

    def _draw_edges(self) -> None:
        for c in self._curves:
            self.removeItem(c)
        self._curves = []
        self._overview_curves = None
        self._edge_groups = []
        if not len(self.edges):
            self._draw_bundles(np.zeros(0, dtype=bool))
            return
        mask = self._edge_mask()
        dim = (self.state[self._edge_src] != SHOWN) | (self.state[self._edge_dst] != SHOWN)
        dim |= ~self.edge_pass
        if not self.hide_filtered:
            mask = np.ones(len(self.edges), dtype=bool)
        cross = np.zeros(len(self.edges), dtype=bool)
        if self.area_of:
            codes = [self.area_of.get(int(e), "") for e in self.ids.tolist()]
            area_idx = {c: k for k, c in enumerate(sorted(set(codes)))}
            a = np.asarray([area_idx[c] for c in codes], dtype=np.int64)
            cross = a[self._edge_src] != a[self._edge_dst]
        # Group key per link: type, width bucket, dimmed, cross-region.
        faint_cross = cross & ~dim
        width = np.where(faint_cross, 1.0, self._edge_width)
        type_key = np.where(faint_cross, -1, self._edge_type)
        # One int per link: type, width bucket, dimmed (a 1-D unique is much faster).
        key = (type_key + 1) * 1000 + (width * 10).astype(np.int64) * 2 + dim.astype(np.int64)
        key = key[mask]
        ks_all = np.flatnonzero(mask)
        if not len(ks_all):
            self._draw_bundles(mask & faint_cross)
            return
        uniq, inverse = np.unique(key, return_inverse=True)
        inverse = inverse.reshape(-1)
        groups = []
        order = np.argsort(-(uniq % 2), kind="stable")  # dimmed first, under the rest
        for g in order.tolist():
            code = int(uniq[g])
            t, w10, is_dim = code // 1000 - 1, (code % 1000) // 2, code % 2
            if t == -1:
                # Individual cross-region links stay faint: the bundles between the areas
                # carry the message, and thousands of strong lines would hide the nodes.
                color, alpha = glyphs.CROSS_REGION, 55
            else:
                color, alpha = glyphs.edge_color(self._edge_types[t]), 50 if is_dim else 200
            groups.append((color, w10 / 10, alpha, 2 if t == -1 else 1, ks_all[inverse == g]))
        self._edge_groups = groups
        self._build_curves()
        self._draw_bundles(mask & faint_cross)

    def _view_rect(self, margin: float = 0.0) -> QRectF:
        (x0, x1), (y0, y1) = self.vb.viewRange()
        w, h = x1 - x0, y1 - y0
        return QRectF(x0 - w * margin, y0 - h * margin, w * (1 + 2 * margin), h * (1 + 2 * margin))

    def _build_curves(self) -> None:
        """The link curves of the groups, culled to (a margin around) the view when the chart
        is large: Qt would otherwise walk every segment of 60,000 links on each frame."""
        for c in self._curves:
            self.removeItem(c)
        self._curves = []
        groups = getattr(self, "_edge_groups", [])
        if not groups:
            self._culled_rect = None
            return
        large = len(self.edges) > CULL_LINKS
        inview = None
        whole = False
        if large:
            rect = self._view_rect(CULL_MARGIN)
            self._culled_rect = rect
            left, top, right, bottom = self._edge_bounds()
            x0, y0, x1, y1 = self._edge_extent()
            whole = rect.contains(QRectF(x0, y0, x1 - x0, y1 - y0))
            overview = self._overview_curves
            if whole and overview is not None and overview[0] == frozenset(self.selected):
                # Back from a close-up: the overview's curves (and their pictures) again.
                self._curves, self.thinned = overview[1], overview[2]
                for curve in self._curves:
                    self.addItem(curve)
                self._show_thinning()
                self._fade_links()
                return
            inview = (right >= rect.left()) & (left <= rect.right())
            inview &= (bottom >= rect.top()) & (top <= rect.bottom())
        keep = inview.copy() if inview is not None else np.ones(len(self.edges), dtype=bool)
        total = sum(int(keep[ks].sum()) for *_, ks in groups)
        drawn = total
        if total > MAX_DRAWN_LINKS:
            keep = self._thin(keep, groups, total)
            drawn = sum(int(keep[ks].sum()) for *_, ks in groups)
        self.thinned = (drawn, total) if drawn < total else None
        self._show_thinning()
        antialias = len(self.edges) <= ANTIALIAS_LINKS
        for color, width, alpha, z, ks in groups:
            ks = ks[keep[ks]]
            if not len(ks):
                continue
            xs = np.empty(2 * len(ks))
            ys = np.empty(2 * len(ks))
            xs[0::2] = self.pos[self._edge_src[ks], 0]
            xs[1::2] = self.pos[self._edge_dst[ks], 0]
            ys[0::2] = self.pos[self._edge_src[ks], 1]
            ys[1::2] = self.pos[self._edge_dst[ks], 1]
            curve = _Curve(
                xs, ys, connect="pairs", pen=self._link_pen(color, width, alpha, z),
                antialias=antialias, skipFiniteCheck=True,
            )  # fmt: skip
            curve.look = (color, width, alpha, z)
            curve.setZValue(z)
            self.addItem(curve)
            self._curves.append(curve)
        if whole:
            # Every link is in these curves: kept for coming back from a close-up, until
            # the links, their looks, the positions or (which the thinning favours) the
            # selection change.
            self._overview_curves = (frozenset(self.selected), self._curves, self.thinned)

    def _link_pen(self, color: str, width: float, alpha: int, z: int):
        """The pen of a group of links: at the overview of a chart in region areas (see
        _update_detail), the links within the areas are a light wash under the nodes, and
        the bundles between the areas and the key people's names carry the picture; zoomed
        in, every link has its full colour."""
        if self._overview_mode and self.areas and z == 1:
            alpha = min(alpha, OVERVIEW_LINK_ALPHA)
        return glyphs.pen(color, width, alpha)

    def _fade_links(self) -> None:
        """Give the link curves the pens of the current zoom (overview or close-up)."""
        for curve in self._curves:
            pen = self._link_pen(*curve.look)
            if curve.opts["pen"] != pen:  # a new pen forgets the picture: only if it differs
                curve.setPen(pen)

    def _edge_extent(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)``: the box around every link."""
        left, top, right, bottom = self._edge_bounds()
        return float(left.min()), float(top.min()), float(right.max()), float(bottom.max())

    def _edge_bounds(self) -> tuple[np.ndarray, ...]:
        """Each link's bounding box (left, top, right, bottom), kept until nodes move:
        culling 300,000 links on a pan is then four comparisons, not two gathers of every
        link's ends."""
        if self._bounds_cache is None:
            a, b = self.pos[self._edge_src], self.pos[self._edge_dst]
            lo, hi = np.minimum(a, b), np.maximum(a, b)
            self._bounds_cache = (np.ascontiguousarray(lo[:, 0]), np.ascontiguousarray(lo[:, 1]),
                                  np.ascontiguousarray(hi[:, 0]), np.ascontiguousarray(hi[:, 1]))  # fmt: skip
        return self._bounds_cache

    def _edge_arrow_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each link's arrowhead goes (six tenths of the way), kept with the boxes."""
        if self._arrow_cache is None:
            a, b = self.pos[self._edge_src], self.pos[self._edge_dst]
            mid = a + (b - a) * 0.6
            self._arrow_cache = (np.ascontiguousarray(mid[:, 0]), np.ascontiguousarray(mid[:, 1]))
        return self._arrow_cache

    def _thin(self, keep: np.ndarray, groups, total: int) -> np.ndarray:
        """Level of detail for links: with more than MAX_DRAWN_LINKS in view, draw the ones
        that matter (heavy, cross-region, touching the selection) and an even sample of the
        rest; zooming in brings back every link."""
        candidates = np.zeros(len(self.edges), dtype=bool)
        important = np.zeros(len(self.edges), dtype=bool)
        for _color, width, _alpha, z, ks in groups:
            candidates[ks] = keep[ks]
            if width > 1 or z == 2:
                important[ks] = keep[ks]
        if self.selected:
            sel = np.zeros(len(self.ids), dtype=bool)
            sel[[self.index[e] for e in self.selected if e in self.index]] = True
            important |= candidates & (sel[self._edge_src] | sel[self._edge_dst])
        rest = np.flatnonzero(candidates & ~important)
        budget = max(MAX_DRAWN_LINKS - int(important.sum()), 0)
        out = important.copy()
        if budget and len(rest):
            step = len(rest) / budget
            out[rest[(np.arange(min(budget, len(rest))) * step).astype(np.int64)]] = True
        return out

    def _show_thinning(self) -> None:
        if self.thinned is None:
            self.detail_note.hide()
            return
        drawn, total = self.thinned
        self.detail_note.setText(
            QCoreApplication.translate(
                "ChartCanvas", "{drawn} of {total} links drawn at this zoom; zoom in for all"
            ).format(drawn=f"{drawn:,}", total=f"{total:,}")
        )
        self.detail_note.adjustSize()
        self.detail_note.show()

    def _on_view_range_changed(self) -> None:
        self._lod_timer.start()
        if len(self.edges) <= CULL_LINKS or self._drag is not None:
            return
        view = self._view_rect()
        culled = self._culled_rect
        if (
            culled is None
            or not culled.contains(view)
            or view.width() * view.height() < 0.15 * culled.width() * culled.height()
        ):
            self._build_curves()

    def _draw_bundles(self, cross: np.ndarray) -> None:
        """One thick line between two region areas per pair that links cross, labelled with
        how many links and how much money."""
        for item in self._bundle_items:
            self.vb.removeItem(item)
        self._bundle_items = []
        self._bundle_labels = []
        if not self.areas or not cross.any():
            return
        where = {a.code: a for a in self.areas}
        pairs: dict[tuple[str, str], list[int]] = {}
        for k in np.flatnonzero(cross).tolist():
            e = self.edges[k]
            a, b = self.area_of.get(e.source, ""), self.area_of.get(e.target, "")
            if a in where and b in where:
                key = (a, b) if a < b else (b, a)
                pair = pairs.setdefault(key, [0, 0])
                pair[0] += e.count if e.type in ("calls", "money") else 1
                pair[1] += e.amount_fen
        if not pairs:
            return
        top = max(v[0] for v in pairs.values())
        font = QFont()
        font.setPointSize(8)
        font.setBold(True)
        ranked = sorted(pairs.items(), key=lambda p: p[1][0])
        labelled = {key for key, _ in ranked[-BUNDLE_LABELS:]}
        for (a, b), (n, fen) in ranked:
            pa, pb = where[a], where[b]
            width = 1.0 + 7.0 * (n / top) ** 0.5
            line = pg.PlotCurveItem(np.array([pa.x, pb.x]), np.array([pa.y, pb.y]),
                                    pen=glyphs.pen(glyphs.BUNDLE, width, 200),
                                    antialias=True)  # fmt: skip
            line.setZValue(3)
            self.vb.addItem(line)
            self._bundle_items.append(line)
            if (a, b) in labelled:
                text = f"{n:,}" + (f" · {_yuan(fen)}" if fen else "")
                label = pg.TextItem(text, color=glyphs.BUNDLE, anchor=(0.5, 0.5),
                                    fill=glyphs.brush("#ffffff", 200))  # fmt: skip
                label.setFont(font)
                label.setPos((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
                label.setZValue(25)
                self.vb.addItem(label)
                self._bundle_items.append(label)
                self._bundle_labels.append((label, (pa.x, pa.y), (pb.x, pb.y)))

    def _draw_areas(self) -> None:
        for item in self._area_items:
            self.vb.removeItem(item)
        self._area_items = []
        self._area_labels = []
        font = QFont()
        font.setPointSize(11)
        font.setBold(True)
        for a in self.areas:
            rect = QGraphicsRectItem(a.x - a.width / 2, a.y - a.height / 2, a.width, a.height)
            color = "#fff3e0" if a.overseas else "#f1f8e9" if a.code else "#f5f5f5"
            rect.setBrush(glyphs.brush(color))
            border = glyphs.pen("#ef6c00" if a.overseas else "#9e9e9e", 1.2)
            border.setStyle(Qt.PenStyle.DashLine)
            rect.setPen(border)
            rect.setZValue(-10)
            self.vb.addItem(rect)
            title = a.name or QCoreApplication.translate("ChartCanvas", "no region")
            label = pg.TextItem(f"{title}  ({a.count})", color="#37474f", anchor=(0, 1),
                                fill=glyphs.brush("#ffffff", 200))  # fmt: skip
            label.setFont(font)
            label.setPos(a.x - a.width / 2, a.y - a.height / 2)
            label.setZValue(24)
            self.vb.addItem(label)
            self._area_items += [rect, label]
            self._area_labels.append((label, a, f"{title}  ({a.count})", title))

    def _draw_flows(self) -> None:
        for item in self._flow_items:
            self.vb.removeItem(item)
        self._flow_items = []
        self._flow_labels = []
        self._flow_leaders.setPath(QPainterPath())
        flows = [f for f in self.flows if f.source in self.index and f.target in self.index]
        if not flows:
            self.flow_arrows.clear()
            self.label_boxes = [(k, b) for k, b in self.label_boxes if k != "flow"]
            return
        xs, ys = [], []
        for f in flows:
            a, b = self.pos[self.index[f.source]], self.pos[self.index[f.target]]
            xs += [a[0], b[0]]
            ys += [a[1], b[1]]
        curve = pg.PlotCurveItem(np.array(xs), np.array(ys), connect="pairs",
                                 pen=glyphs.pen(glyphs.FLOW, 4, 220), antialias=True)  # fmt: skip
        curve.setZValue(8)
        self.vb.addItem(curve)
        self._flow_items.append(curve)
        # Arrowheads past the middle, where the amounts sit: the view keeps its aspect, so
        # a direction in the chart's units is the direction on the screen.
        a, b = np.c_[xs[0::2], ys[0::2]], np.c_[xs[1::2], ys[1::2]]
        d = b - a
        self.flow_arrows.setData(
            pos=a + d * FLOW_ARROW_AT, size=FLOW_ARROW_PX, pen=glyphs.pen("#ffffff", 0.8),
            symbol=[glyphs.arrow_symbol(glyphs.arrow_step(dx, dy)) for dx, dy in d.tolist()],
            brush=glyphs.brush(glyphs.FLOW),
        )  # fmt: skip
        font = QFont()
        font.setPointSize(8)
        font.setBold(True)
        for f in flows:
            text = _yuan(f.amount_fen) + (f"  {f.label}" if f.label else "")
            label = pg.TextItem(text, color=glyphs.FLOW, anchor=(0, 0),
                                fill=glyphs.brush("#ffffff", 220))  # fmt: skip
            label.setFont(font)
            label.setZValue(30)
            label.hide()  # until placed
            self.vb.addItem(label, ignoreBounds=True)
            self._flow_items.append(label)
            self._flow_labels.append((label, f, self.index[f.source], self.index[f.target]))
        self._place_flow_labels()

    def _place_flow_labels(self, boxes: RectGrid | None = None) -> None:
        """The amounts of the flows through the shared placement (ui.placement): each on its
        arrow's midpoint, else beside it, else further out with a leader line back to it;
        the largest amounts first, clear of the labels already placed, the nodes in view
        and the legend. The few largest that find no such room may cover cards and phones
        in a crowd (FLOW_KEEP); any other that finds none is left out (zoom in and it
        comes). None is printed over another text. The rectangles placed go into
        ``boxes`` (the labels placed after them keep clear of them)."""
        self.label_boxes = [(k, b) for k, b in self.label_boxes if k != "flow"]
        self._flow_leaders.setPath(QPainterPath())
        if not self._flow_labels:
            return
        (x0, x1), (y0, y1) = self.vb.viewRange()
        px, py = self.vb.viewPixelSize()
        px, py = px or 1.0, py or 1.0
        bounds = QRectF(x0 / px, y0 / py, (x1 - x0) / px, (y1 - y0) / py)
        # Never covered: the labels placed and the legend; and if at all possible, no node
        texts = [b for _, b in self.label_boxes] + self._legend_box()
        # ... nor the flows' arrowheads.
        ax, ay = self.flow_arrows.getData()
        half = FLOW_ARROW_PX / 2
        texts += [QRectF(x / px - half, y / py - half, FLOW_ARROW_PX, FLOW_ARROW_PX)
                  for x, y in zip(ax.tolist(), ay.tolist(), strict=True)]  # fmt: skip
        obstacles = texts + self._symbol_boxes(x0, x1, y0, y1)
        requests, origins = [], {}
        for k, (label, f, i, j) in enumerate(self._flow_labels):
            box = self._pixel_box(label, 0.0, 0.0)
            origins[k] = box.topLeft()
            (ax, ay), (bx, by) = self.pos[i], self.pos[j]
            dx, dy = (bx - ax) / px, (by - ay) / py
            # Across the arrow rather than along it, when it has to leave the arrow.
            across = (np.degrees(np.arctan2(dy, dx)) + 90.0) if dx or dy else 90.0
            requests.append(LabelRequest(
                k, ((ax + bx) / 2 / px, (ay + by) / 2 / py), (box.width(), box.height()),
                gap=3.0, priority=f.amount_fen, prefer=float(across), centred=True,
            ))  # fmt: skip
        placed = place_labels(requests, bounds, obstacles, rings=FLOW_RINGS)
        keep = sorted(requests, key=lambda r: -r.priority)[:FLOW_KEEP]
        missing = [r for r in keep if r.key not in placed]
        if missing:
            ends = np.zeros(len(self.ids), dtype=bool)
            ends[[i for *_, i, _ in self._flow_labels] + [j for *_, j in self._flow_labels]] = True
            must = texts + [p.rect for p in placed.values()]
            must += self._symbol_boxes(x0, x1, y0, y1, self._named | ends)
            placed.update(place_labels(missing, bounds, must, rings=FLOW_RINGS))
        leaders = QPainterPath()
        for k, (label, *_rest) in enumerate(self._flow_labels):
            spot = placed.get(k)
            label.setVisible(spot is not None)
            if spot is None:
                continue
            origin = origins[k]
            label.setPos((spot.rect.left() - origin.x()) * px, (spot.rect.top() - origin.y()) * py)
            self.label_boxes.append(("flow", spot.rect))
            if boxes is not None:
                boxes.add(spot.rect)
            if spot.leader is not None:
                a, b = spot.leader
                leaders.moveTo(a.x() * px, a.y() * py)
                leaders.lineTo(b.x() * px, b.y() * py)
        self._flow_leaders.setPath(leaders)

    def _legend_box(self) -> list[QRectF]:
        """Where the legend is, in the labels' pixels (none when it is not shown)."""
        if not (self.legend.isVisible() and self.legend.items):
            return []
        px, py = self.vb.viewPixelSize()
        px, py = px or 1.0, py or 1.0
        r = self.vb.mapSceneToView(self.legend.scene_rect()).boundingRect()
        return [QRectF(r.left() / px, r.top() / py, r.width() / px, r.height() / py)]

    def _symbol_boxes(self, x0: float, x1: float, y0: float, y1: float,
                      which: np.ndarray | None = None) -> list[QRectF]:  # fmt: skip
        """The pixel boxes of the node symbols in the view (x0..x1, y0..y1), as drawn; of
        the nodes ``which`` (a mask per node) selects, or all."""
        px, py = self.vb.viewPixelSize()
        px, py = px or 1.0, py or 1.0
        idx = self._visible_index()
        if which is not None:
            idx = idx[which[idx]]
        p = self.pos[idx]
        idx = idx[(p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)]
        if not len(idx):
            return []
        _, sizes, _ = self._styles()
        people, things = self._drawn_factor
        half = sizes[idx] * np.where(self._named[idx], people, things) / 2
        cx, cy = self.pos[idx, 0] / px, self.pos[idx, 1] / py
        return [QRectF(x - h, y - h, 2 * h, 2 * h)
                for x, y, h in zip(cx.tolist(), cy.tolist(), half.tolist(), strict=True)]  # fmt: skip

    def update_detail(self) -> None:
        """Labels and arrowheads for the current view now (before an export)."""
        self._lod_timer.stop()
        if self.legend.isVisible():
            self.legend.place()  # the flows' amounts keep clear of it
        self._update_detail()

    def _update_detail(self) -> None:
        """Labels and arrowheads for what is in view, when it is few enough to read."""
        for item in self._label_items + self._edge_label_items:
            self.vb.removeItem(item)
        self._label_items, self._edge_label_items = [], []
        if len(self.ids) and self._glyph_factor() != self._drawn_factor:
            self._draw_nodes()
        boxes = RectGrid(96.0)
        for box in self._legend_box():
            boxes.add(box)  # no label under the legend
        self.label_boxes = []
        self._place_area_labels(boxes)
        if not len(self.ids):
            self.arrows.clear()
            return
        (x0, x1), (y0, y1) = self.vb.viewRange()
        idx = self._visible_index()
        p = self.pos[idx]
        inside = idx[(p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)]
        # Semantic zoom: every node named when few enough are in view, else the key people,
        # over a wash of the links within the region areas.
        overview = len(inside) > MAX_LABELS
        if overview != self._overview_mode:
            self._overview_mode = overview
            self._fade_links()
        labelled = self._key_people(inside) if overview else inside
        if overview and 0 < len(self.selected) <= NAMED_SELECTION:
            # The few people the analyst selected are named too, whoever they are (cards
            # and phones come closer up: their numbers are long).
            chosen = np.fromiter((self.index[e] for e in self.selected if e in self.index),
                                 np.int64)  # fmt: skip
            chosen = np.intersect1d(chosen[self._named[chosen]], inside)
            labelled = np.union1d(labelled, chosen)
        named = self._named[labelled]
        # Names first, then the amounts of an analysis overlay, then cards and phones.
        self._place_labels(labelled[named], boxes)
        self._place_flow_labels(boxes)
        self._place_labels(labelled[~named], boxes)
        self._draw_arrows(x0, x1, y0, y1)

    def _pixel_box(self, item, x: float, y: float) -> QRectF:
        """Where a text item at view point (x, y) lands, in pixels (any fixed origin)."""
        px, py = self.vb.viewPixelSize()
        return item.boundingRect().translated(x / (px or 1.0), y / (py or 1.0))

    def _place_area_labels(self, boxes: RectGrid) -> None:
        """Area titles, the biggest areas first, then the bundle labels: each goes in the
        first spot where it covers no label already placed (above its area, inside its top,
        under it, right-aligned above or under, beside it at its top or bottom), shortened to the name if need
        be, or waits for a closer zoom. A spot that covers no node (and no other area) is
        taken before one that does: a title over a cluster hides the nodes under its
        backing."""
        (x0, x1), (y0, y1) = self.vb.viewRange()
        px, py = self.vb.viewPixelSize()
        px, py = px or 1.0, py or 1.0
        # A title cut by the edge of the canvas is no title: try the next spot.
        view = QRectF(x0 / px, y0 / py, (x1 - x0) / px, (y1 - y0) / py)
        nodes = None
        if self._area_labels or self._bundle_labels:
            idx = self._visible_index()
            p = self.pos[idx]
            inside = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
            radius = glyphs.KIND_SIZES[Kind.PERSON] * self._drawn_factor[0] / 2
            nodes = _NodeCounter(p[inside, 0] / px, p[inside, 1] / py, view, radius)
        area_boxes = [(a.code, QRectF((a.x - a.width / 2) / px, (a.y - a.height / 2) / py,
                                      a.width / px, a.height / py)) for a in self.areas]  # fmt: skip
        for label, a, full, short in sorted(self._area_labels, key=lambda t: -t[1].count):
            # A title on another area would read as that area's.
            others = [r for code, r in area_boxes if code != a.code]
            left, right = a.x - a.width / 2, a.x + a.width / 2
            top, bottom = a.y - a.height / 2, a.y + a.height / 2
            spots = (((left, top), (0, 1)), ((left, top), (0, 0)), ((left, bottom), (0, 0)),
                     ((right, top), (1, 1)), ((right, bottom), (1, 0)), ((right, top), (0, 0)),
                     ((left, top), (1, 0)), ((right, bottom), (0, 1)), ((left, bottom), (1, 1)))  # fmt: skip
            placed = False
            for clear, text in ((True, full), (True, short), (False, full), (False, short)):
                label.setText(text)
                for (x, y), anchor in spots:
                    label.setAnchor(anchor)
                    box = self._pixel_box(label, x, y)
                    if not (view.contains(box) and boxes.free(box)):
                        continue
                    if clear and (nodes.count(box) or any(box.intersects(r) for r in others)):
                        continue
                    label.setPos(x, y)
                    boxes.add(box)
                    self.label_boxes.append(("area", box))
                    placed = True
                    break
                if placed:
                    break
            label.setVisible(placed)
        steps = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
        for label, (xa, ya), (xb, yb) in self._bundle_labels:
            placed = False
            for clear, t in [(True, t) for t in steps] + [(False, t) for t in steps]:
                x, y = xa + (xb - xa) * t, ya + (yb - ya) * t
                box = self._pixel_box(label, x, y)
                if boxes.free(box) and not (clear and nodes.count(box)):
                    label.setPos(x, y)
                    boxes.add(box)
                    self.label_boxes.append(("bundle", box))
                    placed = True
                    break
            label.setVisible(placed)

    def _key_people(self, inside: np.ndarray) -> np.ndarray:
        """At the overview zoom (too many nodes in view to label all): every person when
        few enough, else the organisers and core members."""
        people = inside[self._person[inside]].tolist()
        if len(people) <= MAX_OVERVIEW_PEOPLE:
            return np.asarray(people, dtype=np.int64)
        key = [i for i in people if set(self.nodes[int(self.ids[i])].roles) & KEY_ROLES]
        # Organisers before core members; a few dozen names at most, so that a pan over
        # a huge chart does not paint hundreds of labels.
        key.sort(key=lambda i: "organiser" not in self.nodes[int(self.ids[i])].roles)
        return np.asarray(key[:MAX_OVERVIEW_PEOPLE], dtype=np.int64)

    def _place_labels(self, inside: np.ndarray, boxes: RectGrid | None = None) -> None:
        """Labels for the nodes in view, the selection first, then key people, people and
        organisations; a label that would cover one already placed is left out (zoom in
        and it comes)."""
        boxes = boxes if boxes is not None else RectGrid(96.0)
        nodes = [self.nodes[int(self.ids[i])] for i in inside.tolist()]
        (x0, x1), (y0, y1) = self.vb.viewRange()
        px, py = self.vb.viewPixelSize()
        px, py = px or 1.0, py or 1.0
        view = QRectF(x0 / px, y0 / py, (x1 - x0) / px, (y1 - y0) / py)

        def rank(k: int) -> tuple:
            n = nodes[k]
            return (n.id not in self.selected, n.kind not in _NAMED_KINDS,
                    not (set(n.roles) & KEY_ROLES), -int(self.state[int(inside[k])] == SHOWN))  # fmt: skip

        for k in sorted(range(len(nodes)), key=rank):
            i = int(inside[k])
            label = self._make_label(i, self._label_text(nodes[k]))
            x, y = float(self.pos[i, 0]), float(self.pos[i, 1])
            # Under the node, else above, right or left of it.
            for anchor in ((0.5, -0.3), (0.5, 1.3), (-0.15, 0.5), (1.15, 0.5)):
                label.setAnchor(anchor)
                box = self._pixel_box(label, x, y)
                if view.contains(box) and boxes.free(box):  # a name cut by the edge is none
                    break
            else:
                continue
            boxes.add(box)
            self.label_boxes.append(("node", box))
            self.vb.addItem(label)
            self._label_items.append(label)

    def _label_text(self, node: ChartNode) -> str:
        if node.name and node.kind in (Kind.PERSON, Kind.ORGANISATION):
            return node.name
        key = node.key or node.name or f"#{node.id}"
        if self.mask and node.key:
            if node.kind is Kind.BANK_CARD:
                key = mask_card_number(node.key)
            elif node.kind is Kind.PHONE_CARD:
                key = mask_mobile(node.key) if len(node.key) == 11 else node.key
            elif node.kind is Kind.PERSON:
                key = mask_id_number(node.key)
        if node.key and node.kind is Kind.PAYMENT_ACCOUNT:
            key = labels.key_display(node.kind, node.key)
        elif node.key and node.kind is Kind.CRYPTO_WALLET:
            # Addresses are long; analysts compare their ends.
            address = labels.key_display(node.kind, node.key)
            key = address if len(address) <= 16 else f"{address[:6]}…{address[-6:]}"
        return key

    def _make_label(self, i: int, text: str) -> pg.TextItem:
        dim = self.state[i] == DIMMED
        # A light backing keeps a name readable over its cluster of cards (only names: a
        # backing costs paint time, and hundreds of card numbers are labelled up close).
        named = bool(self._named[i])
        label = pg.TextItem(text, color="#9e9e9e" if dim else "#212121", anchor=(0.5, -0.3),
                            fill=glyphs.brush("#ffffff", 150) if named else None)  # fmt: skip
        label.setFont(self._label_font)
        label.setPos(float(self.pos[i, 0]), float(self.pos[i, 1]))
        label.setZValue(20)
        return label

    def _draw_arrows(self, x0, x1, y0, y1) -> None:
        if not len(self.edges):
            self.arrows.clear()
            return
        mask = self._edge_mask() if self.hide_filtered else np.ones(len(self.edges), bool)
        mx, my = self._edge_arrow_points()
        inview = (mx >= x0) & (mx <= x1) & (my >= y0) & (my <= y1)
        ks = np.flatnonzero(mask & inview)
        if len(ks) > MAX_ARROWS:
            ks = ks[:0]
        # The ends of the links in view only (link k is row j of these).
        a, b = self.pos[self._edge_src[ks]], self.pos[self._edge_dst[ks]]
        at = dict(zip(ks.tolist(), range(len(ks)), strict=True))
        if not len(ks):
            self.arrows.clear()
        else:
            px, py = self.vb.viewPixelSize()
            d = (b - a) / np.array([px or 1, py or 1])
            # Screen y grows downwards and so does the view's (inverted) y: angles agree.
            symbols = [glyphs.arrow_symbol(glyphs.arrow_step(dx, dy)) for dx, dy in d]
            colors = [
                glyphs.brush(glyphs.edge_color(self.edges[k].type),
                             60 if self.state[self._edge_src[k]] == DIMMED else 230)
                for k in ks.tolist()
            ]  # fmt: skip
            self.arrows.setData(pos=np.c_[mx[ks], my[ks]], symbol=symbols, size=11,
                                brush=colors, pen=glyphs.pen("#ffffff", 0.5))  # fmt: skip
        if self.show_link_labels and 0 < len(ks) <= MAX_LINK_LABELS:
            font = QFont()
            font.setPointSize(7)
            for k in ks.tolist():
                e = self.edges[k]
                if e.type == "money":
                    text = f"{_yuan(e.amount_fen)} ×{e.count}"
                elif e.type == "calls":
                    calls = e.count  # a plain name, which lupdate sees as the numerus form
                    text = QCoreApplication.translate("ChartCanvas", "%n call(s)", "", calls)
                else:
                    text = labels.link_type_label(e.type)
                item = pg.TextItem(text, color="#455a64", anchor=(0.5, 1.1))
                item.setFont(font)
                j = at[k]
                m = a[j] + (b[j] - a[j]) * 0.5
                item.setPos(float(m[0]), float(m[1]))
                item.setZValue(19)
                self.vb.addItem(item)
                self._edge_label_items.append(item)

    # ------------------------------------------------------------------ interaction

    def _on_click(self, ev) -> None:
        eid = self.node_at(ev.scenePos())
        if ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            if eid is not None and eid not in self.selected:
                self.set_selection([eid], emit=True)
            self.context_requested.emit(eid, ev.screenPos().toPoint())
            return
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        ev.accept()
        if ev.double() and eid is not None:
            self.node_activated.emit(eid)
            return
        additive = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if eid is None:
            if not additive:
                self.set_selection([], emit=True)
            return
        if additive:
            self.set_selection(self.selected ^ {eid}, emit=True)
        else:
            self.set_selection([eid], emit=True)

    def _on_drag(self, ev) -> None:
        ev.accept()
        if ev.isStart():
            eid = self.node_at(ev.buttonDownScenePos())
            # What the analyst held when pressing the button decides what the drag does.
            mods = ev.modifiers() | self._press_modifiers
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if eid is None:
                self._drag = {"mode": "band", "start": ev.buttonDownScenePos()}
            elif self.link_tool or shift:
                self._drag = {"mode": "link", "source": eid}
            else:
                if eid not in self.selected:
                    self.set_selection([eid], emit=True)
                moving = [self.index[e] for e in self.selected if e in self.index]
                start = self.vb.mapSceneToView(ev.buttonDownScenePos())
                self._drag = {
                    "mode": "move",
                    "idx": np.asarray(moving),
                    "old": self.pos[moving].copy(),
                    "start": np.array([start.x(), start.y()]),
                }
        drag = self._drag
        if drag is None:
            return
        if drag["mode"] == "move":
            p = self.vb.mapSceneToView(ev.scenePos())
            delta = np.array([p.x(), p.y()]) - drag["start"]
            self.pos[drag["idx"]] = drag["old"] + delta
            self._bounds_cache = self._arrow_cache = None
            self._draw_edges()
            self._draw_nodes()
            self._draw_selection()
            self._draw_flows()
            if ev.isFinish():
                new = {int(self.ids[i]): tuple(map(float, self.pos[i])) for i in drag["idx"]}
                old = {int(self.ids[i]): tuple(map(float, drag["old"][k]))
                       for k, i in enumerate(drag["idx"])}  # fmt: skip
                self._drag = None
                self._update_detail()
                if new != old:
                    self.nodes_moved.emit(new, old)
        elif drag["mode"] == "link":
            src = self.vb.mapViewToScene(QPointF(*self.pos[self.index[drag["source"]]]))
            a = self.vb.mapSceneToView(src)
            b = self.vb.mapSceneToView(ev.scenePos())
            path = QPainterPath(a)
            path.lineTo(b)
            self._link_line.setPath(path)
            self._link_line.show()
            if ev.isFinish():
                self._link_line.hide()
                target = self.node_at(ev.scenePos())
                self._drag = None
                if target is not None and target != drag["source"]:
                    self.link_requested.emit(drag["source"], target)
        else:
            a = self.vb.mapSceneToView(drag["start"])
            b = self.vb.mapSceneToView(ev.scenePos())
            rect = QRectF(a, b).normalized()
            self._rubber.setRect(rect)
            self._rubber.show()
            if ev.isFinish():
                self._rubber.hide()
                self._drag = None
                idx = self._visible_index()
                p = self.pos[idx]
                hit = idx[
                    (p[:, 0] >= rect.left()) & (p[:, 0] <= rect.right())
                    & (p[:, 1] >= rect.top()) & (p[:, 1] <= rect.bottom())
                ]  # fmt: skip
                ids = {int(self.ids[i]) for i in hit}
                if ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    ids |= self.selected
                self.set_selection(ids, emit=True)

    def mousePressEvent(self, ev):  # noqa: N802 - Qt override
        self._press_modifiers = ev.modifiers()
        super().mousePressEvent(ev)

    def event(self, ev):
        # Delete on the chart takes items off the chart; the window's Delete action (which
        # deletes from the case) must not steal the key while the chart has the focus.
        if ev.type() == QEvent.Type.ShortcutOverride and ev.key() in (
            Qt.Key.Key_Delete, Qt.Key.Key_Backspace):  # fmt: skip
            ev.accept()
            return True
        return super().event(ev)

    def keyPressEvent(self, ev):  # noqa: N802 - Qt override
        if ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            ev.accept()
            self.delete_requested.emit()
            return
        step = _NUDGES.get(ev.key())
        if step is not None and self.selected:
            ev.accept()
            px, py = self.vb.viewPixelSize()
            # Ten pixels a press, Shift for fifty, whatever the zoom.
            k = 50 if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10
            idx = [self.index[e] for e in sorted(self.selected)]
            old = {int(self.ids[i]): tuple(map(float, self.pos[i])) for i in idx}
            self.pos[idx] += np.array([step[0] * k * px, step[1] * k * py])
            new = {int(self.ids[i]): tuple(map(float, self.pos[i])) for i in idx}
            self.redraw()
            self.nodes_nudged.emit(new, old)
            return
        super().keyPressEvent(ev)

    # -- drops from the case browser
    def dragEnterEvent(self, event):  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(ENTITY_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):  # noqa: N802
        if event.mimeData().hasFormat(ENTITY_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):  # noqa: N802
        data = event.mimeData()
        if not data.hasFormat(ENTITY_MIME):
            return super().dropEvent(event)
        raw = bytes(data.data(ENTITY_MIME)).decode()
        ids = [int(x) for x in raw.split(",") if x.strip()]
        if ids:
            event.acceptProposedAction()
            self.entities_dropped.emit(ids, self.view_pos(event.position().toPoint()))

    def dispose(self) -> None:
        """Free the pyqtgraph items before the application quits."""
        for c in self._curves:
            self.removeItem(c)
        self._curves = []
        self._overview_curves = None
        for item in (
            self._area_items
            + self._label_items
            + self._edge_label_items
            + self._flow_items
            + self._bundle_items
        ):
            self.vb.removeItem(item)
        self._bundle_items = []
        self._area_items, self._label_items, self._edge_label_items, self._flow_items = (
            [], [], [], [])  # fmt: skip
        for s in (self.scatter, self.badges, self.rings, self.arrows, self.flow_arrows):
            s.clear()
