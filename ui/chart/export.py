"""Export of the visible chart as PNG or SVG (the prosecutor package makes the PDF).

Plain functions that the Chart menu calls; they draw the chart exactly as it is in view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView


def export_png(view: QGraphicsView, path, scale: float = 2.0) -> Path:
    """The visible chart as a PNG, ``scale`` times the screen resolution (sharp in print)."""
    path = Path(path)
    size = view.viewport().size()
    image = QImage(int(size.width() * scale), int(size.height() * scale),
                   QImage.Format.Format_ARGB32)  # fmt: skip
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    view.render(painter, QRectF(0, 0, image.width(), image.height()),
                QRect(0, 0, size.width(), size.height()))  # fmt: skip
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    return path


def export_svg(view: QGraphicsView, path, title: str = "") -> Path:
    """The visible chart as an SVG drawing (vector: labels stay text, lines stay lines)."""
    path = Path(path)
    size = view.viewport().size()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    view.render(painter, QRectF(0, 0, size.width(), size.height()),
                QRect(0, 0, size.width(), size.height()))  # fmt: skip
    painter.end()
    if not path.exists():
        raise OSError(f"cannot write {path}")
    return path
