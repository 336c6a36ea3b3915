"""Web-map tiles (the slippy-map scheme of OpenStreetMap and most map servers) for a view
given in longitude and latitude: which tiles cover it, and where each tile lies.

A police workstation is often offline: tiles come only from a map server the force names
(its own), are off by default and are never required. This module is the arithmetic; the
GUI fetches and draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Tile", "lat_of", "lon_of", "tile_url", "tiles_for", "zoom_for"]

MAX_LAT = 85.05112878  # Web Mercator's limit


@dataclass(frozen=True)
class Tile:
    """One tile: zoom ``z``, column ``x``, row ``y``, and the longitudes and latitudes of
    its west, east, south and north edges."""

    z: int
    x: int
    y: int
    west: float
    east: float
    south: float
    north: float


def lon_of(x: float, z: int) -> float:
    """The longitude of a tile column edge.

    >>> lon_of(0, 0), lon_of(1, 1)
    (-180.0, 0.0)
    """
    return x / (1 << z) * 360.0 - 180.0


def lat_of(y: float, z: int) -> float:
    """The latitude of a tile row edge.

    >>> round(lat_of(0, 0), 4), lat_of(1, 1)
    (85.0511, 0.0)
    """
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / (1 << z)))))


def _x_of(lon: float, z: int) -> float:
    return (lon + 180.0) / 360.0 * (1 << z)


def _y_of(lat: float, z: int) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    r = math.radians(lat)
    return (1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * (1 << z)


def zoom_for(lon_span: float, pixels: int, tile_px: int = 256) -> int:
    """The zoom at which ``lon_span`` degrees fill about ``pixels`` screen pixels.

    >>> zoom_for(360, 256), zoom_for(1.0, 800)
    (0, 10)
    """
    if lon_span <= 0 or pixels <= 0:
        return 0
    z = math.log2(pixels / tile_px * 360.0 / lon_span)
    return max(0, min(18, round(z)))


def tiles_for(west: float, south: float, east: float, north: float, z: int,
              limit: int = 64) -> list[Tile]:  # fmt: skip
    """The tiles covering a view, at most ``limit`` of them (the view's centre first).

    >>> [(t.x, t.y) for t in tiles_for(106.0, 29.0, 107.0, 30.0, 8)]
    [(203, 105), (203, 106), (204, 105), (204, 106)]
    """
    n = 1 << z
    x0, x1 = int(_x_of(west, z)), int(_x_of(east, z))
    y0, y1 = int(_y_of(north, z)), int(_y_of(south, z))
    x0, x1 = max(0, x0), min(n - 1, x1)
    y0, y1 = max(0, y0), min(n - 1, y1)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    found = [
        Tile(z, x, y, lon_of(x, z), lon_of(x + 1, z), lat_of(y + 1, z), lat_of(y, z))
        for x in range(x0, x1 + 1)
        for y in range(y0, y1 + 1)
    ]
    found.sort(key=lambda t: ((t.x - cx) ** 2 + (t.y - cy) ** 2, t.x, t.y))
    return sorted(found[:limit], key=lambda t: (t.x, t.y))


def tile_url(template: str, tile: Tile) -> str:
    """The address of a tile on a server: ``{z}``, ``{x}`` and ``{y}`` filled in.

    >>> tile_url("http://maps.local/{z}/{x}/{y}.png", Tile(8, 203, 107, 0, 0, 0, 0))
    'http://maps.local/8/203/107.png'
    """
    return (
        template.replace("{z}", str(tile.z)).replace("{x}", str(tile.x)).replace("{y}", str(tile.y))
    )
