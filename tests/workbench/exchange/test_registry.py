"""The registry the command line and the export dialog dispatch to."""

from __future__ import annotations

import inspect
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from python_calamine import CalamineWorkbook

from workbench.exchange import EXPORTERS, ExportSummary


def test_registry_names_the_six_formats_with_one_signature():
    assert list(EXPORTERS) == ["graphml", "gexf", "ftm", "anx", "csv", "xlsx"]
    for exporter in EXPORTERS.values():
        params = inspect.signature(exporter).parameters
        assert list(params) == ["store", "out_path", "mask_ids", "entity_ids"]
        assert params["mask_ids"].kind is inspect.Parameter.KEYWORD_ONLY
        assert params["mask_ids"].default is False and params["entity_ids"].default is None


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_an_empty_case_exports_to_a_readable_empty_file(empty_case, tmp_path, fmt):
    out = tmp_path / f"empty.{fmt}"
    summary = EXPORTERS[fmt](empty_case, out)
    assert isinstance(summary, ExportSummary) and summary.format == fmt
    assert (summary.entities, summary.links, summary.transactions, summary.calls) == (0, 0, 0, 0)
    if fmt == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == 0
    elif fmt == "gexf":
        assert nx.read_gexf(out).number_of_nodes() == 0
    elif fmt == "ftm":
        assert out.read_text(encoding="utf-8") == ""
    elif fmt == "anx":
        assert len(ET.parse(out).getroot().find("ChartItemCollection")) == 0
    elif fmt == "csv":
        assert sorted(p.name for p in out.iterdir()) == [
            "calls.csv", "entities.csv", "links.csv", "transactions.csv",
        ]  # fmt: skip
        assert (out / "links.csv").read_text(encoding="utf-8-sig").startswith("link_id,type,")
    else:
        book = CalamineWorkbook.from_path(str(out))
        assert all(len(book.get_sheet_by_name(n).to_python()) == 1 for n in book.sheet_names)
    json.dumps(summary.as_dict())
