"""Exchange formats: the case for Gephi, Aleph/OpenAleph, i2 Analyst's Notebook and Excel.

Every exporter has one signature::

    export_x(store, out_path, *, mask_ids=False, entity_ids=None) -> ExportSummary

``entity_ids=None`` exports the whole case; a collection of entity ids exports those
entities, the links among them and the facts whose parties are all among them.
``mask_ids`` hides the middle of every ID, card, account and mobile number, however it is
written, in keys, labels and free text alike (``identifiers.mask_text``, through
``CaseView``). ``EXPORTERS`` maps the command line's format
names to the exporters.

================  ==========================================================================
``graphml``       GraphML for Gephi (networkx writer): nodes, link/money/call edges.
``gexf``          GEXF 1.2 for Gephi, the same graph.
``ftm``           FollowTheMoney entities as JSON lines, for Aleph and OpenAleph.
``anx``           i2 Analyst's Notebook exchange XML: icons by type, links, attributes.
``csv``           A folder OUT (or OUT.zip) with entities/links/transactions/calls.csv,
                  UTF-8 with BOM.
``xlsx``          One workbook with the same four tables as sheets (streamed, ``.xlsx``).
================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from ..reports.orgchart import gang_members
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


def export_case(
    store,
    fmt: str,
    out_path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
    gang: str | int | None = None,
) -> dict:
    """Write the case in exchange format ``fmt``, limited to ``entity_ids`` and/or a gang's
    members (``gang``: an organisation's id or name); return the summary as plain data.

    The one road the command line and File -> Export take to the exchange formats.
    """
    if fmt not in EXPORTERS:
        raise ExportError("format", fmt, "not an exchange format")
    ids = set(entity_ids) if entity_ids is not None else None
    if gang:
        members = gang_members(store, gang)
        ids = members if ids is None else ids & members
    summary = EXPORTERS[fmt](store, Path(out_path), mask_ids=mask_ids, entity_ids=ids)
    return {**vars(summary), "path": str(summary.path), "format": fmt}


__all__ = [
    "EXPORTERS",
    "export_case",
    "ExportError",
    "ExportSummary",
    "export_anx",
    "export_csv",
    "export_ftm",
    "export_gexf",
    "export_graphml",
    "export_xlsx",
]
