"""zhanlian export: each PDF kind from the command line, read back; errors as messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.ui.pdf.poppler import assert_fonts_embedded, needs_poppler, pdf_pages, pdf_text
from workbench.reports.orgchart import build_orgchart
from workbench.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(qapp):
    # The command makes a QGuiApplication when none exists; in the test run the session's
    # QApplication is already there and is reused.
    return qapp


@needs_poppler
def test_org_chart_of_the_demo_needs_no_other_option(app, demo_path, tmp_path, capsys):
    out = tmp_path / "org.pdf"
    code = main.main(["export", str(demo_path), "--format", "orgchart-pdf", "-o", str(out),
                      "--json"])  # fmt: skip
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["format"] == "orgchart-pdf" and summary["pages"] == pdf_pages(out) > 1
    assert_fonts_embedded(out)
    text = pdf_text(out)
    for word in ("车手", "卡商", "跑分", "骨干成员"):
        assert word in text


@needs_poppler
def test_gang_report_and_flow_from_the_command_line(app, demo_path, tmp_path, capsys):
    org = tmp_path / "gang.pdf"
    assert main.main(["export", str(demo_path), "--format", "orgchart-pdf", "-o", str(org),
                      "--gang", "临沂洗钱团伙", "--fit", "--paper", "A3", "--mask-ids"]) == 0  # fmt: skip
    assert pdf_pages(org) == 1
    text = pdf_text(org)
    with CaseStore.open(demo_path, "pytest", read_only=True) as s:
        chart = build_orgchart(s, gang="临沂洗钱团伙")
    assert "临沂洗钱团伙" in text
    for b in chart.people():
        assert b.name in text
        if b.id_number:
            assert b.id_number not in text
    report = tmp_path / "report.pdf"
    assert main.main(["export", str(demo_path), "--format", "report-pdf", "-o", str(report),
                      "--lang", "zh_CN"]) == 0  # fmt: skip
    assert "止付" in pdf_text(report) and pdf_pages(report) >= 3
    flow = tmp_path / "flow.pdf"
    assert main.main(["export", str(demo_path), "--format", "flow-pdf", "-o", str(flow),
                      "--levels", "3", "--lang", "en"]) == 0  # fmt: skip
    assert "一级卡" in pdf_text(flow) and pdf_pages(flow) == 1
    out = capsys.readouterr().out
    assert "flow-pdf:" in out and "1 page," in out


def test_unknown_gang_and_card_are_messages(app, demo_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main.main(["export", str(demo_path), "--format", "orgchart-pdf", "-o", str(out),
                      "--gang", "没有这个团伙"]) == 2  # fmt: skip
    assert "没有这个团伙" in capsys.readouterr().err
    assert main.main(["export", str(demo_path), "--format", "flow-pdf", "-o", str(out),
                      "--card", "6222020000000000006"]) == 2  # fmt: skip
    assert "bank card" in capsys.readouterr().err
    assert not out.exists()


def test_export_runs_headless_as_a_program(demo_path, tmp_path):
    # A fresh process with no display: the command sets up an offscreen GUI application.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(demo_path), "--format",
         "report-pdf", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")


@needs_poppler
def test_a_gang_too_big_for_one_readable_a4_page(app, demo_path, tmp_path):
    # A 32-person gang would print at 54% (3.8 pt text) on one A4 page: it takes two
    # readable pages there, and one on A3.
    out, a3 = tmp_path / "gang.pdf", tmp_path / "gang-a3.pdf"
    assert main.main(["export", str(demo_path), "--format", "orgchart-pdf", "-o", str(out),
                      "--gang", "临沂洗钱团伙"]) == 0  # fmt: skip
    assert pdf_pages(out) == 2
    assert "临沂洗钱团伙" in pdf_text(out)
    assert main.main(["export", str(demo_path), "--format", "orgchart-pdf", "-o", str(a3),
                      "--gang", "临沂洗钱团伙", "--paper", "A3"]) == 0  # fmt: skip
    assert pdf_pages(a3) == 1
