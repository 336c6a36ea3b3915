"""Glyphs of the link chart: symbols by kind, fills by role, badges, arrowheads, pens.

Everything here is cached: twenty thousand nodes share a handful of QBrush and QPen
objects, which is what keeps pyqtgraph's symbol atlas small and the chart quick.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainterPath, QTransform

from workbench.model import Kind

from ..style import KIND_SYMBOLS, STATUS_COLORS, entity_color, link_color

#: Node size in pixels by kind; people stand out over their cards and phones.
KIND_SIZES = {
    Kind.PERSON: 16,
    Kind.ORGANISATION: 20,
    Kind.BANK_CARD: 11,
    Kind.PHONE_CARD: 11,
    Kind.DEVICE: 10,
    Kind.PAYMENT_ACCOUNT: 12,
    Kind.CRYPTO_WALLET: 14,
}
#: Colour of links that cross from one region area to another.
CROSS_REGION = "#d81b60"
#: One line between two region areas standing for all the links that cross between them.
BUNDLE = "#880e4f"
SELECTION = "#1565c0"
FLOW = "#ef6c00"


@lru_cache(maxsize=512)
def brush(color: str, alpha: int = 255):
    c = QColor(color)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


@lru_cache(maxsize=512)
def pen(color: str, width: float = 1.0, alpha: int = 255):
    c = QColor(color)
    c.setAlpha(alpha)
    p = pg.mkPen(c, width=width)
    p.setCosmetic(True)
    return p


def node_fill(kind: Kind, roles: tuple[str, ...]) -> str:
    return entity_color(kind, list(roles)).name()


def node_outline(kind: Kind, roles: tuple[str, ...]) -> tuple[str, float]:
    """Suspects get a dark, thick outline, victims a thin light one: they read apart even
    in grey print."""
    if any(r != "victim" for r in roles):
        return "#212121", 1.8
    if "victim" in roles:
        return "#90caf9", 1.0
    return QColor(node_fill(kind, roles)).darker(160).name(), 1.0


def node_symbol(kind: Kind) -> str:
    return KIND_SYMBOLS[kind]


def status_color(status: str) -> str | None:
    return STATUS_COLORS.get(status) if status else None


@lru_cache(maxsize=1)
def badge_symbol() -> QPainterPath:
    """A small dot to the upper right of the node; drawn by a second scatter at the node's
    position with the node's size, so it moves and zooms with it."""
    path = QPainterPath()
    path.addEllipse(0.18, -0.46, 0.28, 0.28)
    return path


@lru_cache(maxsize=1)
def ring_symbol() -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(-0.5, -0.5, 1.0, 1.0)
    return path


@lru_cache(maxsize=72)
def arrow_symbol(step: int) -> QPainterPath:
    """An arrowhead pointing along ``step * 5`` degrees (screen angle, y down)."""
    path = QPainterPath()
    path.moveTo(0.5, 0.0)
    path.lineTo(-0.5, -0.38)
    path.lineTo(-0.25, 0.0)
    path.lineTo(-0.5, 0.38)
    path.closeSubpath()
    return QTransform().rotate(step * 5.0).map(path)


def arrow_step(dx: float, dy: float) -> int:
    """The cached arrowhead closest to a screen direction."""
    return int(round(math.degrees(math.atan2(dy, dx)) / 5.0)) % 72


def edge_color(type_code: str) -> str:
    return link_color(type_code).name()


#: Link widths, and the amounts (yuan) and numbers of calls from which each applies.
WIDTHS = (1.0, 2.0, 3.0, 4.5)
MONEY_STEPS = (1e4, 1e5, 1e6)
CALL_STEPS = (5, 20, 100)


def edge_width(type_code: str, count: int, amount_fen: int) -> float:
    """Width by weight: money by amount, calls by number, links thin; bucketed so links
    of one colour draw as a few curves.

    >>> edge_width("money", 1, 2_000_000), edge_width("calls", 20, 0), edge_width("holds", 9, 0)
    (2.0, 3.0, 1.0)
    """
    if type_code == "money":
        return WIDTHS[int(np.searchsorted(MONEY_STEPS, amount_fen / 100, side="right"))]
    if type_code == "calls":
        return WIDTHS[int(np.searchsorted(CALL_STEPS, count, side="right"))]
    return WIDTHS[0]


def edge_widths(type_codes, count: np.ndarray, amount_fen: np.ndarray) -> np.ndarray:
    """:func:`edge_width` of many links at once (type codes, counts and amounts in arrays).

    >>> edge_widths(np.array(["money", "calls", "holds"], dtype=object), np.array([1, 20, 9]),
    ...             np.array([2_000_000, 0, 0])).tolist()
    [2.0, 3.0, 1.0]
    """
    types = np.asarray(type_codes, dtype=object)
    widths = np.asarray(WIDTHS)
    out = np.full(len(types), WIDTHS[0])
    money, calls = types == "money", types == "calls"
    out[money] = widths[np.searchsorted(MONEY_STEPS, np.asarray(amount_fen)[money] / 100,
                                        side="right")]  # fmt: skip
    out[calls] = widths[np.searchsorted(CALL_STEPS, np.asarray(count)[calls], side="right")]
    return out
