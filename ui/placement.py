"""Label placement shared by the views that print text beside symbols.

:func:`place_labels` puts each label next to its anchor (a node, a point on a line, an
event on a time axis), on the first side where it covers no symbol, no legend and no label
placed before it, inside the view. A label that finds no room next to its anchor is moved
further out on a ring and gets a leader line back to it; one that finds no room at all is
dropped. Labels are placed most important first, so the least important are the ones
dropped, and nothing is ever printed over anything else.

Everything is in pixels (scene coordinates of the view); the caller maps to and from its
own coordinates. Plain data in, plain data out: no Qt item is touched here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

#: Directions tried around an anchor, as angles in degrees (0 = right, 90 = down): the
#: label's own preferred side first, then the others nearest to it.
SIDES = (0, 45, -45, 90, -90, 135, -135, 180)
#: How many rings further out a label may go before it is dropped (each one label height).
RINGS = 3


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: ``key`` names it; ``anchor`` is the point it belongs to; ``size``
    its (width, height) in pixels; ``gap`` how far from the anchor it must stay (the
    symbol's radius); ``priority`` orders who gets room first (higher first); ``prefer``
    the side it would rather be on (degrees, 0 = right, 90 = below); ``centred``: try the
    anchor itself first (a label on a line)."""

    key: object
    anchor: tuple[float, float]
    size: tuple[float, float]
    gap: float = 0.0
    priority: float = 0.0
    prefer: float = 0.0
    centred: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a label went: its rectangle, and the leader line (from the anchor to the
    label's nearest point) when it had to move away from its anchor."""

    rect: QRectF
    leader: tuple[QPointF, QPointF] | None = None


class RectGrid:
    """Rectangles bucketed on a coarse grid, so that checking one against many is cheap
    (the chart's labels use it too)."""

    def __init__(self, cell: float = 64.0):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, r: QRectF):
        c = self.cell
        for gx in range(math.floor(r.left() / c), math.floor(r.right() / c) + 1):
            for gy in range(math.floor(r.top() / c), math.floor(r.bottom() / c) + 1):
                yield gx, gy

    def free(self, r: QRectF) -> bool:
        return not any(r.intersects(o) for k in self._keys(r) for o in self.cells.get(k, ()))

    def add(self, r: QRectF) -> None:
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(r)


def _rect_at(anchor: tuple[float, float], size, angle: float, distance: float) -> QRectF:
    """The label's rectangle on side ``angle`` of the anchor, its nearest edge
    ``distance`` away (a rectangle touching a circle of that radius)."""
    w, h = size
    ax, ay = anchor
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    # The side (or corner) facing the anchor sits at the distance; straight above, below
    # or beside the anchor the box is centred on it.
    cx = ax + dx * distance + math.copysign(w / 2, dx) if abs(dx) > 0.1 else ax
    cy = ay + dy * distance + math.copysign(h / 2, dy) if abs(dy) > 0.1 else ay
    return QRectF(cx - w / 2, cy - h / 2, w, h)


def _nearest(rect: QRectF, point: tuple[float, float]) -> QPointF:
    x = min(max(point[0], rect.left()), rect.right())
    y = min(max(point[1], rect.top()), rect.bottom())
    return QPointF(x, y)


def _candidates(req: LabelRequest, margin: float, rings: int):
    """The spots a label may take, best first, as (rectangle, far from its anchor); made
    one at a time, as most labels take one of the first."""
    w, h = req.size
    if req.centred:
        x, y = req.anchor
        yield QRectF(x - w / 2, y - h / 2, w, h), False
    order = sorted(SIDES, key=lambda s: abs((s - req.prefer + 180) % 360 - 180))
    for ring in range(rings + 1):
        distance = req.gap + margin + ring * (h + margin)
        for side in order:
            yield _rect_at(req.anchor, req.size, side, distance), ring > 0


def place_labels(
    requests: list[LabelRequest],
    bounds: QRectF,
    obstacles: list[QRectF] = (),
    *,
    margin: float = 2.0,
    rings: int = RINGS,
) -> dict[object, Placement]:
    """Place the labels (see the module docstring); the ones left out of the result were
    dropped for want of room. ``obstacles`` are symbols, legends and anything else a label
    must not cover; ``margin`` pixels are kept free around every label; ``rings``: how many
    label heights further out than its own side a label may go (with a leader line).

    >>> from PySide6.QtCore import QRectF
    >>> a = LabelRequest("a", (50, 50), (40, 12), gap=6, priority=2)
    >>> b = LabelRequest("b", (52, 50), (40, 12), gap=6, priority=1)
    >>> placed = place_labels([a, b], QRectF(0, 0, 200, 100), [QRectF(44, 44, 14, 14)])
    >>> sorted(placed), placed["a"].rect.intersects(placed["b"].rect)
    (['a', 'b'], False)
    """
    grid = RectGrid()
    for o in obstacles:
        grid.add(QRectF(o))
    out: dict[object, Placement] = {}
    for req in sorted(requests, key=lambda r: -r.priority):
        w, h = req.size
        if w <= 0 or h <= 0:
            continue
        for rect, far in _candidates(req, margin, rings):
            padded = rect.adjusted(-margin, -margin, margin, margin)
            if not bounds.contains(rect) or not grid.free(padded):
                continue
            grid.add(rect)
            leader = (QPointF(*req.anchor), _nearest(rect, req.anchor)) if far else None
            out[req.key] = Placement(rect, leader)
            break
    return out


def overlaps(rects: list[QRectF], tolerance: float = 0.5) -> list[tuple[int, int]]:
    """Pairs of rectangles that overlap by more than ``tolerance`` pixels each way (what a
    test measures on the painted labels)."""
    found = []
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            a, b = rects[i], rects[j]
            across = min(a.right(), b.right()) - max(a.left(), b.left())
            down = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
            if across > tolerance and down > tolerance:
                found.append((i, j))
    return found
