"""An optional background of map tiles under a longitude/latitude plot, from the map server
the analyst names (the force's own): off by default, never required, nothing is fetched
until a server is set. Tiles that fail are left out; the plot stays as it is."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, QSettings, QUrl
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from workbench.tiles import Tile, tile_url, tiles_for, zoom_for

SETTING = "map/tile_url"


def tile_server() -> str:
    """The tile server's address template (``http://host/{z}/{x}/{y}.png``), or ''."""
    return str(QSettings().value(SETTING, "", type=str) or "").strip()


def set_tile_server(template: str) -> None:
    QSettings().setValue(SETTING, template.strip())


class TileLayer(QObject):
    """Draws tiles under ``plot`` (a pg.PlotWidget in degrees) for its current view."""

    def __init__(self, plot: pg.PlotWidget, template: str, parent=None):
        super().__init__(parent or plot)
        self.plot = plot
        self.template = template
        self.net = QNetworkAccessManager(self)
        self.items: dict[Tile, pg.ImageItem] = {}
        self.pending: dict[Tile, QNetworkReply] = {}
        self.failed = 0
        plot.getViewBox().sigRangeChanged.connect(self.refresh)
        self.refresh()

    def clear(self) -> None:
        # An aborted reply finishes at once and takes itself out of ``pending``.
        for reply in list(self.pending.values()):
            reply.abort()
        self.pending.clear()
        for item in self.items.values():
            self.plot.removeItem(item)
        self.items.clear()

    def refresh(self, *_args) -> None:
        (west, east), (south, north) = self.plot.getViewBox().viewRange()
        width = max(1, int(self.plot.getViewBox().width()))
        z = zoom_for(east - west, width)
        wanted = set(tiles_for(west, south, east, north, z))
        for tile in [t for t in self.items if t not in wanted]:
            self.plot.removeItem(self.items.pop(tile))
        for tile in wanted - self.items.keys() - self.pending.keys():
            reply = self.net.get(QNetworkRequest(QUrl(tile_url(self.template, tile))))
            self.pending[tile] = reply
            reply.finished.connect(lambda t=tile, r=reply: self._on_reply_finished(t, r))

    def _on_reply_finished(self, tile: Tile, reply: QNetworkReply) -> None:
        self.pending.pop(tile, None)
        reply.deleteLater()
        image = QImage()
        if reply.error() != QNetworkReply.NetworkError.NoError or not image.loadFromData(
            reply.readAll()
        ):
            self.failed += 1
            return
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        w, h = image.width(), image.height()
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(h, w, 4).copy()
        item = pg.ImageItem(np.ascontiguousarray(np.flipud(pixels).transpose(1, 0, 2)))
        item.setZValue(-100)  # under the cells and regions
        item.setRect(QRectF(tile.west, tile.south, tile.east - tile.west, tile.north - tile.south))
        self.items[tile] = item
        self.plot.addItem(item, ignoreBounds=True)  # the view stays where the analyst put it
