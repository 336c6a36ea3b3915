"""The neighbourhood view: the selected entity in the middle, its direct links around it.

Drawn with pyqtgraph: one ScatterPlotItem for every node and one line item per link
colour, so a card with a hundred counterparts draws as fast as one with three. Clicking a
neighbour moves the selection to it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbench.model import Entity, Kind
from workbench.store import CaseStore, Neighbour

from . import labels
from .style import KIND_SYMBOLS, entity_color, link_color

# At most this many neighbours are drawn; the rest are counted in the caption.
MAX_NEIGHBOURS = 60


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
        self._items: list = []
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
        radius = 10.0 if len(others) <= 16 else 14.0
        for i, _ in enumerate(others):
            angle = 2 * math.pi * i / max(1, len(others)) - math.pi / 2
            # Alternate two rings when crowded so labels do not collide.
            r = radius * (1.0 if len(others) <= 16 or i % 2 == 0 else 0.72)
            pos[i + 1] = (r * math.cos(angle), r * math.sin(angle))
        self.positions = pos
        entities = {entity_id: self.center}
        entities.update({n.other.id: n.other for n in neighbours})
        self._draw_edges(neighbours, pos, ids)
        self._draw_nodes(ids, entities, pos)
        self.plot.autoRange(padding=0.18)
        caption = self.tr("{n} neighbours of {name}").format(
            n=len(others), name=self.center.display
        )
        if hidden:
            caption += " " + self.tr("({n} more not shown)").format(n=hidden)
        self.caption.setText(caption + " · " + self.tr("Click a neighbour to move there."))

    def _draw_nodes(self, ids: list[int], entities: dict[int, Entity], pos: np.ndarray) -> None:
        spots = []
        for i, eid in enumerate(ids):
            e = entities[eid]
            roles = e.roles if e.kind is Kind.PERSON else []
            if e.kind is Kind.PERSON and not roles:
                roles = self.store.entity(eid).roles
            color = entity_color(e.kind, roles)
            spots.append(
                {
                    "pos": tuple(pos[i]),
                    "size": 30 if i == 0 else 20,
                    "symbol": KIND_SYMBOLS[e.kind],
                    "brush": pg.mkBrush(color),
                    "pen": pg.mkPen("#212121" if i == 0 else color.darker(150), width=2),
                    "data": eid,
                }
            )
            text = e.display if len(e.display) <= 22 else e.display[:21] + "…"
            if e.kind is not Kind.PERSON and e.kind is not Kind.ORGANISATION:
                text = f"{labels.kind_label(e.kind)}\n{text}"
            label = pg.TextItem(text, color="#111" if i == 0 else "#333", anchor=(0.5, -0.35))
            font = QFont()
            font.setPointSize(10 if i == 0 else 8)
            font.setBold(i == 0)
            label.setFont(font)
            label.setPos(QPointF(*pos[i]))
            self._add(label)
        self.scatter.setData(spots)
        self.plot.addItem(self.scatter)

    def _draw_edges(self, neighbours: list[Neighbour], pos: np.ndarray, ids: list[int]) -> None:
        types = self.store.link_types()
        by_color: dict[str, list] = {}
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
            offset = normal * 0.6 * k
            a2, b2 = a + offset, b + offset
            by_color.setdefault(link_color(n.type).name(), []).extend([a2, b2])
            src, dst = (a2, b2) if n.outgoing else (b2, a2)
            tip = src + (dst - src) * 0.62
            angle = math.degrees(math.atan2(-(dst - src)[1], (dst - src)[0]))
            arrow = pg.ArrowItem(
                pos=tuple(tip),
                angle=180 - angle,
                headLen=11,
                tipAngle=28,
                brush=pg.mkBrush(link_color(n.type)),
                pen=pg.mkPen(None),
            )
            self._add(arrow)
            if n.type == "money":
                text = _yuan(n.amount_fen) + f" ×{n.count}"
            elif n.type == "calls":
                text = self.tr("{n} calls").format(n=n.count)
            else:
                text = labels.link_type_label(n.type, types)
            mid = a2 + (b2 - a2) * 0.42
            edge_label = pg.TextItem(text, color=link_color(n.type).darker(160), anchor=(0.5, 0.5))
            font = QFont()
            font.setPointSize(7)
            edge_label.setFont(font)
            edge_label.setPos(QPointF(*mid))
            self._add(edge_label)
        for color, points in by_color.items():
            pts = np.array(points)
            line = pg.PlotDataItem(
                pts[:, 0], pts[:, 1], connect="pairs", pen=pg.mkPen(QColor(color), width=2)
            )
            line.setZValue(1)
            self._add(line)

    def _add(self, item) -> None:
        self.plot.addItem(item)
        self._items.append(item)

    def _clear(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self._items.clear()
        if self.scatter.scene() is not None:
            self.plot.removeItem(self.scatter)
        self.scatter.clear()

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
        self.plot.close()
        self.plot.deleteLater()
