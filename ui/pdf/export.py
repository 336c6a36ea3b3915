"""One entry point for every export, used by File -> Export… and ``zhanlian export``.

PDF kinds are built here (model from ``workbench.reports``, pages from ``ui/pdf``); the
exchange formats go to ``workbench.exchange.export_case``. A QGuiApplication must exist for
the PDF kinds (fonts and painting).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.exchange import export_case
from workbench.reports.flow import build_flow_chart, flow_trace
from workbench.reports.orgchart import build_orgchart
from workbench.reports.report import build_case_report
from workbench.store import CaseStore

from .document import CaseHeader, PageSetup, PdfDocument
from .flow import FlowChartPdf
from .orgchart import BOOKLET_SCALE, OrgChartPdf
from .report import CaseReportPdf

PDF_FORMATS = ("orgchart-pdf", "flow-pdf", "report-pdf")
EXCHANGE_FORMATS = ("graphml", "gexf", "ftm", "anx", "csv", "xlsx")
FORMATS = PDF_FORMATS + EXCHANGE_FORMATS
#: Orientation each PDF kind prints in unless asked otherwise.
LANDSCAPE = {"orgchart-pdf": True, "flow-pdf": True, "report-pdf": False}


@dataclass
class ExportOptions:
    """What the analyst chose. ``landscape`` None means the kind's usual orientation."""

    paper: str = "A4"
    landscape: bool | None = None
    fit: bool = False
    mask_ids: bool = False
    gang: str | None = None
    entity_ids: set[int] | None = None
    card: str | int | None = None
    at: str | None = None
    levels: int = 4
    #: the org chart's print scale on pages (a chart that fits one page readably prints
    #: whole, larger)
    scale: float = BOOKLET_SCALE
    #: entities the analyst left out of the org chart in the hierarchy view
    exclude: set[int] | None = None


def make_document(store: CaseStore, kind: str, options: ExportOptions) -> PdfDocument:
    """The PDF document of ``kind`` (one of :data:`PDF_FORMATS`) for the open case."""
    landscape = LANDSCAPE[kind] if options.landscape is None else options.landscape
    setup = PageSetup(options.paper, landscape)
    header = CaseHeader.of(store, masked=options.mask_ids)
    if kind == "orgchart-pdf":
        chart = build_orgchart(
            store,
            gang=options.gang,
            entity_ids=options.entity_ids,
            mask_ids=options.mask_ids,
            exclude=options.exclude,
        )
        doc = OrgChartPdf(chart, header, setup, fit=options.fit, scale=options.scale)
        if options.landscape is None:
            # No orientation asked for: the one that prints the chart larger on one page
            # (a tall gang reads better on a portrait page, a wide case on a landscape
            # one), or, on pages, the one that takes fewer of them.
            turned = OrgChartPdf(chart, header, PageSetup(options.paper, not landscape),
                                 fit=options.fit, scale=options.scale)  # fmt: skip
            if doc.fits_readably() or turned.fits_readably():
                if turned.whole_scale() > doc.whole_scale():
                    doc = turned
            elif len(turned.pages()) < len(doc.pages()):
                doc = turned
        return doc
    if kind == "flow-pdf":
        result, start = flow_trace(store, options.card, at=options.at, levels=options.levels)
        chart = build_flow_chart(result, mask_ids=options.mask_ids, start_label=start)
        return FlowChartPdf(chart, header, setup)
    if kind == "report-pdf":
        return CaseReportPdf(build_case_report(store, mask_ids=options.mask_ids), header, setup)
    raise ValueError(f"not a PDF format: {kind}")


def export(store: CaseStore, kind: str, out_path, options: ExportOptions) -> dict:
    """Write the export of ``kind`` to ``out_path``; return what was written as plain data
    (``format``, ``path``, and ``pages`` for PDFs or the exporter's counts)."""
    out_path = Path(out_path)
    if kind in PDF_FORMATS:
        doc = make_document(store, kind, options)
        data = doc.render()
        out_path.write_bytes(data)
        out = {"format": kind, "path": str(out_path), "pages": len(doc.pages()),
               "bytes": len(data)}  # fmt: skip
        if getattr(doc, "note", ""):
            out["note"] = doc.note  # e.g. why a one-page fit was refused
        return out
    return export_case(store, kind, out_path, mask_ids=options.mask_ids,
                       entity_ids=options.entity_ids, gang=options.gang)  # fmt: skip
