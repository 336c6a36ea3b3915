"""Exchange formats: the case for Gephi, Aleph/OpenAleph, i2 Analyst's Notebook and Excel.

Every exporter has one signature::

    export_x(store, out_path, *, mask_ids=False, entity_ids=None) -> ExportSummary

``entity_ids=None`` exports the whole case; a collection of entity ids exports those
entities, the links among them and the facts whose parties are all among them.
``mask_ids`` hides the middle of ID numbers and bank card numbers (as the browser's masked
view does) in keys, labels and free text. ``EXPORTERS`` maps the command line's format
names to the exporters.

================  ==========================================================================
``graphml``       GraphML for Gephi (networkx writer): nodes, link/money/call edges.
``gexf``          GEXF 1.2 for Gephi, the same graph.
``ftm``           FollowTheMoney entities as JSON lines, for Aleph and OpenAleph.
``anx``           i2 Analyst's Notebook exchange XML: icons by type, links, attributes.
``csv``           A folder OUT (or OUT.zip) with entities/links/transactions/calls.csv,
                  UTF-8 with BOM.
``xlsx``          One workbook with the same four tables as sheets (xlsxwriter).
================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable

from ._case import ExportError, ExportSummary
from .anx import export_anx
from .ftm import export_ftm
from .graph import export_gexf, export_graphml
from .tables import export_csv, export_xlsx

#: Format name (as ``zhanlian export --format`` spells it) -> exporter.
EXPORTERS: dict[str, Callable[..., ExportSummary]] = {
    "graphml": export_graphml,
    "gexf": export_gexf,
    "ftm": export_ftm,
    "anx": export_anx,
    "csv": export_csv,
    "xlsx": export_xlsx,
}

__all__ = [
    "EXPORTERS",
    "ExportError",
    "ExportSummary",
    "export_anx",
    "export_csv",
    "export_ftm",
    "export_gexf",
    "export_graphml",
    "export_xlsx",
]
