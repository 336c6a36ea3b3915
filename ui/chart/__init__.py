"""The link chart: canvas, commands, filters, layouts off the GUI thread, export."""

from .canvas import ChartCanvas
from .panel import ChartPanel

__all__ = ["ChartCanvas", "ChartPanel"]
