"""Link-chart layouts and the chart's data.

- :mod:`.algorithms`: pure functions from plain ids and edges to ``{entity_id: (x, y)}``:
  :func:`force_layout` (igraph), :func:`hierarchy_layout`, :func:`region_layout` (with its
  areas), :func:`circle_layout`, :func:`grid_layout`.
- :mod:`.data`: what a chart draws, read from the case: :func:`chart_nodes`,
  :func:`chart_edges` (columns: :class:`ChartEdges`), :func:`neighbours`,
  :func:`region_summary` and the default chart's members.
"""

from .algorithms import (
    ROLE_RANK,
    SPACING,
    UNPLACED,
    Positions,
    RegionArea,
    RegionLayout,
    circle_layout,
    force_layout,
    grid_layout,
    hierarchy_layout,
    region_key,
    region_layout,
)
from .data import (
    HOLDING,
    REGION_PREFERENCE,
    ChartEdge,
    ChartEdges,
    ChartNode,
    RegionSummary,
    area_codes,
    chart_edges,
    chart_nodes,
    default_chart_members,
    fact_time_range,
    holders,
    neighbours,
    region_summary,
    regions_table,
)

__all__ = [
    "HOLDING",
    "REGION_PREFERENCE",
    "ROLE_RANK",
    "SPACING",
    "UNPLACED",
    "ChartEdge",
    "ChartEdges",
    "ChartNode",
    "Positions",
    "RegionArea",
    "RegionLayout",
    "RegionSummary",
    "area_codes",
    "chart_edges",
    "chart_nodes",
    "circle_layout",
    "default_chart_members",
    "fact_time_range",
    "force_layout",
    "grid_layout",
    "holders",
    "hierarchy_layout",
    "neighbours",
    "region_key",
    "region_layout",
    "region_summary",
    "regions_table",
]
