"""The legend of a chart: a small box in a corner that never covers a node.

It is sized to its text (in as many columns as keep it under about two fifths of the view's
height), folds to its title with a click, and moves to whichever corner of the view has no
node under it. When no corner is free it folds by itself to its title, in the emptiest
corner; the analyst can still open it (a click), and it stays open until folded again.

It speaks the same few words as pyqtgraph's ``LegendItem`` (``addItem(sample, name)``,
``clear()``, ``items``), so a view that filled a LegendItem fills this one unchanged: the
sample items are only read for their symbol, size, pen and brush (or a line's pen). It is a
scene item, so exports of the view (PNG, SVG) carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsObject

#: Distance of the legend from the view's edges, and the room kept around a node (pixels).
MARGIN = 8
NODE_RADIUS = 9
#: The legend's entries take at most this share of the view's height before a new column.
MAX_HEIGHT_SHARE = 0.42
MAX_COLUMNS = 4
SWATCH = 16
#: Corners in the order tried: (x, y) of the view's edge the legend sits against (1: right
#: or bottom).
CORNERS = ((1, 0), (1, 1), (0, 1), (0, 0))


@dataclass
class _Label:
    """The text of an entry (``label.text``, as pyqtgraph's LabelItem has it)."""

    text: str


@dataclass
class _Swatch:
    """How an entry's sample is drawn: a symbol, or a line."""

    symbol: object = None
    size: float = 10.0
    pen: object = None
    brush: object = None
    line: bool = False

    @classmethod
    def of(cls, item) -> _Swatch:
        opts = getattr(item, "opts", {}) or {}
        if isinstance(item, pg.ScatterPlotItem):
            return cls(opts.get("symbol", "o"), float(opts.get("size", 10)), opts.get("pen"),
                       opts.get("brush"))  # fmt: skip
        if opts.get("symbol") is not None:
            return cls(opts.get("symbol"), float(opts.get("symbolSize", 10)),
                       opts.get("symbolPen"), opts.get("symbolBrush"))  # fmt: skip
        return cls(pen=opts.get("pen"), line=True)


class ChartLegend(QGraphicsObject):
    """A legend for ``view`` (a pyqtgraph ViewBox); ``node_pixels()`` gives the positions of
    the nodes drawn now, in the view's own (pixel) coordinates, as an (n, 2) array."""

    #: it moved, grew, shrank or folded: the view's labels may want to keep clear of it
    moved = Signal()

    def __init__(self, view, node_pixels: Callable[[], np.ndarray], settings_key: str = ""):
        super().__init__()
        self.view = view
        self.node_pixels = node_pixels
        self.settings_key = settings_key
        self.items: list[tuple[_Swatch, _Label]] = []
        self._sources: list = []  # the plotted items the entries were made from
        self.font = QFont()
        self.font.setPointSizeF(8.0)
        self.title_font = QFont(self.font)
        self.title_font.setBold(True)
        #: the analyst folded it (kept in the settings) ...
        self.folded_by_hand = (
            QSettings().value(settings_key, False, type=bool) if settings_key else False
        )
        #: ... or opened it where it covers nodes: it stays open until folded again
        self.opened_by_hand = False
        #: folded because no corner was free
        self.folded_for_room = False
        self.corner = CORNERS[0]
        self._columns = 1
        self._size = (0.0, 0.0)
        self.setZValue(200)
        self.setParentItem(view)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(singleShot=True, interval=40)
        self._timer.timeout.connect(self.place)
        view.sigRangeChanged.connect(self._schedule)
        view.sigResized.connect(self._schedule)

    # ------------------------------------------------------------------ LegendItem's words

    def addItem(self, item, name: str) -> None:  # noqa: N802 - LegendItem's name
        self.items.append((_Swatch.of(item), _Label(str(name))))
        self._sources.append(item)
        self._schedule()

    def removeItem(self, item) -> None:  # noqa: N802 - LegendItem's name (PlotItem.clear)
        """Take out the entry of ``item`` (the plotted item, or an entry's text)."""
        for k, (source, (_, label)) in enumerate(zip(self._sources, self.items, strict=True)):
            if source is item or label.text == item:
                del self._sources[k], self.items[k]
                self._schedule()
                return

    def clear(self) -> None:
        self.items = []
        self._sources = []
        self._schedule()

    # ------------------------------------------------------------------ state

    @property
    def folded(self) -> bool:
        if self.opened_by_hand:
            return False
        return self.folded_by_hand or self.folded_for_room

    def toggle(self) -> None:
        """What a click on the legend does: fold it, or open it."""
        if self.folded:
            self.folded_by_hand = False
            self.opened_by_hand = self.folded_for_room
        else:
            self.folded_by_hand = True
            self.opened_by_hand = False
        if self.settings_key:
            QSettings().setValue(self.settings_key, self.folded_by_hand)
        self.place()

    def title(self) -> str:
        return self._title(self.folded)

    def _title(self, folded: bool) -> str:
        if folded:
            return QCoreApplication.translate("ChartLegend", "▸ Legend ({n})").format(
                n=len(self.items)
            )
        return QCoreApplication.translate("ChartLegend", "▾ Legend")

    # ------------------------------------------------------------------ geometry

    def _metrics(self):
        return QFontMetricsF(self.font), QFontMetricsF(self.title_font)

    def _layout(self, folded: bool, max_height: float) -> tuple[float, float, int]:
        """Width, height and columns of the legend folded or open."""
        fm, tfm = self._metrics()
        pad = 5.0
        title_w = tfm.horizontalAdvance(self._title(folded))
        title_h = tfm.height() + 2
        if folded or not self.items:
            return title_w + 2 * pad, title_h + 2 * pad - 2, 1
        row_h = max(fm.height(), SWATCH) + 2
        n = len(self.items)
        columns = 1
        while columns < MAX_COLUMNS and title_h + row_h * -(-n // columns) + 2 * pad > max_height:
            columns += 1
        rows = -(-n // columns)
        widths = []
        for c in range(columns):
            entries = self.items[c * rows : (c + 1) * rows]
            widths.append(max((fm.horizontalAdvance(lbl.text) for _, lbl in entries), default=0))
        body_w = sum(SWATCH + 6 + w for w in widths) + 12 * (columns - 1)
        width = max(title_w, body_w) + 2 * pad
        height = title_h + rows * row_h + 2 * pad
        return width, height, columns

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(0, 0, *self._size)

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def place(self) -> None:
        """Size the legend and put it in a corner where it covers no node."""
        self._timer.stop()
        if not self.items:
            self.prepareGeometryChange()
            self._size = (0.0, 0.0)
            self.update()
            return
        view = self.view.boundingRect()
        pixels = np.asarray(self.node_pixels(), dtype=float).reshape(-1, 2)
        max_h = max(view.height() * MAX_HEIGHT_SHARE, 120.0)
        self.folded_for_room = False
        if not self.folded_by_hand:
            w, h, columns = self._layout(False, max_h)
            free = [c for c in CORNERS if self._covered(self._rect_at(c, w, h, view), pixels) == 0]
            fits = w + 2 * MARGIN <= view.width() and h + 2 * MARGIN <= view.height()
            if (free and fits) or self.opened_by_hand:
                corner = self.corner if self.corner in free else (free or [self.corner])[0]
                self._set(corner, w, h, columns)
                return
            self.folded_for_room = True
        w, h, columns = self._layout(True, max_h)
        counts = {c: self._covered(self._rect_at(c, w, h, view), pixels) for c in CORNERS}
        best = min(CORNERS, key=lambda c: (counts[c], c != self.corner))
        self._set(best, w, h, columns)

    def _rect_at(self, corner, w: float, h: float, view: QRectF) -> QRectF:
        x = view.right() - MARGIN - w if corner[0] else view.left() + MARGIN
        y = view.bottom() - MARGIN - h if corner[1] else view.top() + MARGIN
        return QRectF(x, y, w, h)

    @staticmethod
    def _covered(rect: QRectF, pixels: np.ndarray) -> int:
        if not len(pixels):
            return 0
        r = NODE_RADIUS
        inside = (
            (pixels[:, 0] >= rect.left() - r)
            & (pixels[:, 0] <= rect.right() + r)
            & (pixels[:, 1] >= rect.top() - r)
            & (pixels[:, 1] <= rect.bottom() + r)
        )
        return int(inside.sum())

    def _set(self, corner, w: float, h: float, columns: int) -> None:
        rect = self._rect_at(corner, w, h, self.view.boundingRect())
        changed = (w, h) != self._size or rect.topLeft() != self.pos()
        self.prepareGeometryChange()
        self.corner = corner
        self._size = (w, h)
        self._columns = columns
        self.setPos(rect.topLeft())
        self.update()
        if changed:
            self.moved.emit()

    def scene_rect(self) -> QRectF:
        """Where the legend is drawn, in scene coordinates (for tests)."""
        return self.mapRectToScene(self.boundingRect())

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        if not self.items or self._size[0] <= 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor("#bdbdbd"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(rect, 3, 3)
        fm, tfm = self._metrics()
        pad = 5.0
        painter.setFont(self.title_font)
        painter.setPen(QColor("#37474f"))
        painter.drawText(QPointF(pad, pad + tfm.ascent()), self.title())
        if self.folded:
            return
        painter.setFont(self.font)
        row_h = max(fm.height(), SWATCH) + 2
        rows = -(-len(self.items) // self._columns)
        x = pad
        top = pad + tfm.height() + 2
        for c in range(self._columns):
            entries = self.items[c * rows : (c + 1) * rows]
            if not entries:
                break
            for r, (swatch, label) in enumerate(entries):
                y = top + r * row_h
                self._paint_swatch(painter, swatch, QPointF(x + SWATCH / 2, y + row_h / 2))
                painter.setPen(QColor("#263238"))
                painter.drawText(
                    QPointF(x + SWATCH + 6, y + (row_h - fm.height()) / 2 + fm.ascent()),
                    label.text,
                )
            widest = max(fm.horizontalAdvance(lbl.text) for _, lbl in entries)
            x += SWATCH + 6 + widest + 12

    @staticmethod
    def _paint_swatch(painter: QPainter, swatch: _Swatch, centre: QPointF) -> None:
        painter.save()
        painter.translate(centre)
        if swatch.line:
            pen = QPen(swatch.pen) if swatch.pen is not None else QPen(QColor("#90a4ae"), 2)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QPointF(-SWATCH / 2 + 1, 0), QPointF(SWATCH / 2 - 1, 0))
        else:
            pen = swatch.pen if swatch.pen is not None else pg.mkPen("#424242")
            brush = swatch.brush if swatch.brush is not None else pg.mkBrush("#9e9e9e")
            if _is_badge(swatch):
                # A status badge is drawn on a node: show it on a plain one, the dot large
                # enough to tell its colour (at the chart's scale it is a few pixels).
                painter.setPen(QPen(QColor("#9e9e9e"), 1))
                painter.setBrush(QColor("#eeeeee"))
                painter.drawEllipse(QPointF(-2, 2), 5, 5)
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawEllipse(QPointF(3.5, -3.5), 4, 4)
            else:
                drawSymbol(painter, swatch.symbol, min(swatch.size, SWATCH - 2), pen, brush)
        painter.restore()

    # ------------------------------------------------------------------ the analyst

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.boundingRect().contains(event.pos()):
            self.toggle()
        event.accept()

    def mouseClickEvent(self, event) -> None:  # noqa: N802 - pyqtgraph's click
        event.accept()
        self.toggle()


def _is_badge(swatch: _Swatch) -> bool:
    """A symbol drawn off the centre of a node (the chart's legal-status badge)."""
    symbol = swatch.symbol
    return isinstance(symbol, QPainterPath) and not symbol.boundingRect().contains(0.0, 0.0)


def chart_node_pixels(canvas) -> np.ndarray:
    """Where the chart canvas draws its nodes now, in its view box's pixels."""
    ids = getattr(canvas, "ids", None)
    if ids is None or not len(ids):
        return np.zeros((0, 2))
    idx = canvas._visible_index()
    pos = canvas.pos[idx]
    t = canvas.vb.childTransform()
    return np.column_stack((pos[:, 0] * t.m11() + t.m31(), pos[:, 1] * t.m22() + t.m32()))


def install_chart_legend(canvas) -> ChartLegend:
    """The canvas's ChartLegend. Every ChartCanvas makes its own (so a canvas in a test or
    an export has one too); this returns it, and gives one to a canvas-like view that has
    none, which it then fills with ``_draw_legend()``. Calling it again changes nothing."""
    legend = getattr(canvas, "legend", None)
    if isinstance(legend, ChartLegend):
        return legend
    legend = ChartLegend(canvas.vb, lambda: chart_node_pixels(canvas), "chart/legend_folded")
    canvas.legend = legend
    canvas._draw_legend()
    return legend
