"""The neighbourhood view: the selected entity in the middle, its direct links around it.

Drawn with pyqtgraph: one ScatterPlotItem for every node and one line item per link
colour, so a card with a hundred counterparts draws as fast as one with three. Clicking a
neighbour moves the selection to it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbench.model import Entity, Kind
from workbench.store import CaseStore, Neighbour

from . import labels
from .legend import ChartLegend
from .placement import LabelRequest, place_labels
from .style import KIND_SYMBOLS, entity_color, link_color

_NAMED = (Kind.PERSON, Kind.ORGANISATION)

# At most this many neighbours are drawn; the rest are counted in the caption.
MAX_NEIGHBOURS = 60
# Ring radius in view units; labels and arrows are in pixels, so only proportions matter.
RADIUS = 100.0


def _yuan(fen: int) -> str:
    yuan = fen / 100
    if yuan >= 10000:
        return QCoreApplication.translate("Neighbourhood", "¥{n:.1f}万").format(n=yuan / 10000)
    return f"¥{yuan:,.0f}"


class NeighbourhoodView(QWidget):
    """A small pyqtgraph chart of one entity and its neighbours."""

    entity_clicked = Signal(object)  # entity id

    def __init__(self, store: CaseStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.center: Entity | None = None
        self.node_ids: list[int] = []
        self.positions = np.zeros((0, 2))
        pg.setConfigOptions(antialias=True)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("neighbourhood_plot")
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setAspectLocked(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.scatter = pg.ScatterPlotItem(hoverable=True, hoverPen=pg.mkPen("#000", width=2))
        self.scatter.setZValue(10)
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        # A legend in whichever corner has no node, folding when none is free.
        self.legend = ChartLegend(self.plot.plotItem.vb, self._node_pixels,
                                  "neighbourhood/legend_folded")  # fmt: skip
        self._items: list = []
        self._labels: list = []
        #: (label, anchor in view units, priority) of the money and call figures
        self._edge_labels: list = []
        self._leaders: pg.PlotDataItem | None = None
        #: where each label was painted (scene rectangle), for tests: key -> rect
        self.label_rects: dict = {}
        self.plot.plotItem.vb.sigResized.connect(self._place_labels)
        self.plot.plotItem.vb.sigRangeChanged.connect(self._place_labels)
        self.caption = QLabel()
        self.caption.setObjectName("neighbourhood_caption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self.show_entity(None)

    def show_entity(self, entity_id: int | None) -> None:
        """Draw an entity's neighbourhood (or a hint when nothing is selected)."""
        self._clear()
        if entity_id is None or not self.store.has_entity(entity_id):
            self.center = None
            self.node_ids = []
            self.caption.setText(
                self.tr("Select an entity to see its links, money and calls around it.")
            )
            return
        self.center = self.store.entity(entity_id)
        neighbours = self.store.neighbourhood(entity_id)
        # Links first, then money, then calls; one entity may appear through several.
        order = {"money": 1, "calls": 2}
        neighbours.sort(key=lambda n: (order.get(n.type, 0), n.type, n.other.id))
        hidden = max(0, len(neighbours) - MAX_NEIGHBOURS)
        neighbours = neighbours[:MAX_NEIGHBOURS]
        ids = [entity_id]
        for n in neighbours:
            if n.other.id not in ids:
                ids.append(n.other.id)
        self.node_ids = ids
        others = ids[1:]
        pos = np.zeros((len(ids), 2))
        self.angles = np.zeros(len(ids))
        self.crowded = len(others) > 14
        for i, _ in enumerate(others):
            angle = 2 * math.pi * i / max(1, len(others)) + math.pi / 2
            pos[i + 1] = (RADIUS * math.cos(angle), RADIUS * math.sin(angle))
            self.angles[i + 1] = angle
        self.positions = pos
        entities = {entity_id: self.center}
        entities.update({n.other.id: n.other for n in neighbours})
        self._draw_edges(neighbours, pos, ids)
        self._draw_nodes(ids, entities, pos)
        # Fit the nodes; labels and arrows are drawn in pixels and would distort the range.
        self.plot.plotItem.vb.autoRange(items=[self.scatter], padding=0.28)
        self._place_labels()
        caption = self.tr("{n} neighbours of {name}").format(
            n=len(others), name=self.center.display
        )
        if hidden:
            caption += " " + self.tr("({n} more not shown)").format(n=hidden)
        self.caption.setText(caption + " · " + self.tr("Click a neighbour to move there."))

    def _draw_nodes(self, ids: list[int], entities: dict[int, Entity], pos: np.ndarray) -> None:
        spots = []
        self._label_kinds = []
        for i, eid in enumerate(ids):
            e = entities[eid]
            roles = self.store.entity(eid).roles if e.kind is Kind.PERSON else []
            color = entity_color(e.kind, roles)
            spots.append(
                {
                    "pos": tuple(pos[i]),
                    "size": 30 if i == 0 else 18,
                    "symbol": KIND_SYMBOLS[e.kind],
                    "brush": pg.mkBrush(color),
                    "pen": pg.mkPen("#212121" if i == 0 else color.darker(150), width=2),
                    "data": eid,
                }
            )
            shown = (
                labels.stored_name_label(e.name) or labels.key_display(e.kind, e.key) or e.display
            )
            text = shown if len(shown) <= 22 else shown[:21] + "…"
            if e.kind not in (Kind.PERSON, Kind.ORGANISATION) and not e.name:
                text = f"{labels.kind_label(e.kind)}\n{text}"
            label = pg.TextItem(
                text, color="#111" if i == 0 else "#333", fill=pg.mkBrush(255, 255, 255, 200)
            )
            font = QFont()
            font.setPointSize(11 if i == 0 else 9)
            font.setBold(i == 0)
            label.setFont(font)
            label.setZValue(20)
            self._add(label)
            self._labels.append(label)
            self._label_kinds.append(e.kind)
        self.scatter.setData(spots)
        self.plot.addItem(self.scatter)

    def _draw_edges(self, neighbours: list[Neighbour], pos: np.ndarray, ids: list[int]) -> None:
        types = self.store.link_types()
        by_type: dict[str, list] = {}
        index = {eid: i for i, eid in enumerate(ids)}
        seen: dict[int, int] = {}
        for n in neighbours:
            j = index[n.other.id]
            # Several edges to one neighbour fan out slightly so each stays visible.
            k = seen.get(j, 0)
            seen[j] = k + 1
            a, b = pos[0], pos[j]
            normal = np.array([-(b - a)[1], (b - a)[0]])
            normal = normal / (np.linalg.norm(normal) or 1)
            offset = normal * 0.05 * RADIUS * k
            a2, b2 = a + offset, b + offset
            by_type.setdefault(n.type, []).extend([a2, b2])
            src, dst = (a2, b2) if n.outgoing else (b2, a2)
            tip = src + (dst - src) * 0.6
            heading = math.degrees(math.atan2((dst - src)[1], (dst - src)[0]))
            arrow = pg.ArrowItem(
                pos=tuple(tip),
                angle=180 - heading,
                headLen=13,
                tipAngle=32,
                brush=pg.mkBrush(link_color(n.type)),
                pen=pg.mkPen(link_color(n.type).darker(130)),
            )
            arrow.setZValue(5)
            self._add(arrow)
            # Link types read from the legend; money and calls carry their figures.
            if n.type in ("money", "calls"):
                text = (
                    _yuan(n.amount_fen) + f" ×{n.count}"
                    if n.type == "money"
                    else self.tr("{n} calls").format(n=n.count)
                )
                edge_label = pg.TextItem(
                    text, color=link_color(n.type).darker(170), anchor=(0.5, 0.5),
                    fill=pg.mkBrush(255, 255, 255, 210),
                )  # fmt: skip
                font = QFont()
                font.setPointSize(8)
                edge_label.setFont(font)
                edge_label.setZValue(15)
                self._add(edge_label)
                weight = n.amount_fen / 100 if n.type == "money" else n.count
                self._edge_labels.append((edge_label, a2 + (b2 - a2) * 0.72, weight))
        self.legend.clear()
        for type_code, points in by_type.items():
            pts = np.array(points)
            line = pg.PlotDataItem(
                pts[:, 0], pts[:, 1], connect="pairs",
                pen=pg.mkPen(link_color(type_code), width=2.5 if type_code == "money" else 2),
            )  # fmt: skip
            line.setZValue(1)
            self._add(line)
            self.legend.addItem(line, labels.link_type_label(type_code, types))

    def _node_pixels(self) -> np.ndarray:
        """The nodes' positions in the view box's pixels (where the legend must not go)."""
        if not len(self.positions):
            return np.zeros((0, 2))
        t = self.plot.plotItem.vb.childTransform()
        p = self.positions
        return np.column_stack((p[:, 0] * t.m11() + t.m31(), p[:, 1] * t.m22() + t.m32()))

    def _place_labels(self, *_args) -> None:
        """Every label beside its symbol, never over a node, the legend or another label,
        inside the view (ui.placement): the centre's name first, then names by kind, then
        the money and call figures, largest first; what finds no room is left out, and a
        label that had to move away from its node gets a leader line."""
        if self._leaders is not None:
            self.plot.removeItem(self._leaders)
            self._leaders = None
        self.label_rects = {}
        if not self._labels:
            return
        vb = self.plot.plotItem.vb
        self.legend.place()
        node_px = [vb.mapViewToScene(QPointF(*p)) for p in self.positions]
        obstacles = [QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r)
                     for p, r in zip(node_px, [17] + [11] * (len(node_px) - 1), strict=True)]  # fmt: skip
        if self.legend.isVisible() and self.legend.items:
            obstacles.append(self.legend.mapRectToScene(self.legend.boundingRect()))
        requests = []
        for i, label in enumerate(self._labels):
            box = label.textItem.boundingRect()
            # Outward from the centre; the view counts y upwards, the scene downwards.
            prefer = -90.0 if i == 0 else -math.degrees(self.angles[i])
            rank = 100.0 if i == 0 else (3.0 if self._label_kinds[i] in _NAMED else 2.0)
            requests.append(LabelRequest(("node", i), (node_px[i].x(), node_px[i].y()),
                                         (box.width(), box.height()), gap=17 if i == 0 else 11,
                                         priority=rank, prefer=prefer))  # fmt: skip
        weights = sorted((w for *_, w in self._edge_labels), reverse=True)
        for j, (label, point, weight) in enumerate(self._edge_labels):
            box = label.textItem.boundingRect()
            at = vb.mapViewToScene(QPointF(*point))
            rank = 1.0 + 0.5 * (1 - weights.index(weight) / max(len(weights), 1))
            requests.append(LabelRequest(("edge", j), (at.x(), at.y()),
                                         (box.width(), box.height()), priority=rank,
                                         centred=True))  # fmt: skip
        placed = place_labels(requests, vb.sceneBoundingRect(), obstacles)
        leaders = []
        items = {("node", i): lb for i, lb in enumerate(self._labels)}
        items.update({("edge", j): e[0] for j, e in enumerate(self._edge_labels)})
        for key, label in items.items():
            where = placed.get(key)
            label.setVisible(where is not None)
            if where is None:
                continue
            label.setAnchor((0, 0))
            label.setPos(vb.mapSceneToView(where.rect.topLeft()))
            self.label_rects[key] = where.rect
            if where.leader is not None:
                a, b = (vb.mapSceneToView(p) for p in where.leader)
                leaders += [(a.x(), a.y()), (b.x(), b.y())]
        if leaders:
            pts = np.array(leaders)
            self._leaders = pg.PlotDataItem(pts[:, 0], pts[:, 1], connect="pairs",
                                            pen=pg.mkPen("#9e9e9e", width=1))  # fmt: skip
            self._leaders.setZValue(8)
            self.plot.addItem(self._leaders)

    def _add(self, item) -> None:
        self.plot.addItem(item)
        self._items.append(item)

    def _clear(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self._items.clear()
        self._labels = []
        self._edge_labels = []
        self.label_rects = {}
        if self._leaders is not None:
            self.plot.removeItem(self._leaders)
            self._leaders = None
        if self.scatter.scene() is not None:
            self.plot.removeItem(self.scatter)
        self.scatter.clear()
        self.legend.clear()

    def _on_scatter_clicked(self, _item, points, _ev=None) -> None:
        if len(points):
            eid = points[0].data()
            if self.center is None or eid != self.center.id:
                self.entity_clicked.emit(eid)

    def node_view_pos(self, entity_id: int):
        """Where a node is drawn, in view coordinates (tests click there)."""
        i = self.node_ids.index(entity_id)
        point = self.plot.plotItem.vb.mapViewToScene(QPointF(*self.positions[i]))
        return self.plot.mapFromScene(point)

    def dispose(self) -> None:
        """Free the pyqtgraph items before the application quits (pyqtgraph exit crash)."""
        self._clear()
