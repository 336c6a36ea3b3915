"""The PDFs read back: fonts embedded, every name and role searchable as typed, page counts."""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtCore import Qt

from ui import i18n
from ui.pdf.document import (
    FOOTER_H,
    HEADER_H,
    MARGIN,
    CaseHeader,
    PageSetup,
    PdfDocument,
    money,
)
from ui.pdf.export import ExportOptions, make_document
from ui.pdf.fonts import font_characters
from ui.pdf.orgchart import DETAIL_PT, MIN_TEXT_PT, OrgChartPdf
from workbench.model import ROLES
from workbench.reports.orgchart import build_orgchart
from workbench.store import CaseStore

from .poppler import (
    assert_fonts_embedded,
    needs_poppler,
    page_use,
    pdf_pages,
    pdf_text,
    pdf_words,
)

RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


@pytest.fixture(scope="module")
def fonts(qapp):
    i18n.register_fonts(qapp)
    return qapp


@pytest.fixture(scope="module")
def demo(demo_path):
    with CaseStore.open(demo_path, "pytest", read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def tiled(fonts, demo, tmp_path_factory):
    """The demo's whole-case org chart on A4 landscape, on pages, ID numbers in full."""
    doc = OrgChartPdf(build_orgchart(demo), CaseHeader.of(demo), PageSetup("A4", True))
    path = tmp_path_factory.mktemp("pdf") / "org.pdf"
    doc.write(path)
    return doc, path


def level1_characters() -> str:
    """The 3,755 level-1 common characters of GB 2312 (rows 16-55)."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            chars.append(bytes((hi, lo)).decode("gb2312"))
    return "".join(chars)


class _Characters(PdfDocument):
    """Every character given, 50 to a line."""

    title = "characters"

    def __init__(self, text: str):
        super().__init__(CaseHeader("字表"), PageSetup("A4", False))
        self.lines = [text[i : i + 50] for i in range(0, len(text), 50)]

    def pages(self):
        per = 60
        return [
            lambda c, body, i=i: [
                c.text(body[0], body[1] + 4 * n, body[2], 4, line, 8)
                for n, line in enumerate(self.lines[i : i + per])
            ]
            for i in range(0, len(self.lines), per)
        ]


def test_font_drops_radicals_that_share_a_glyph():
    points = font_characters(set("车手长高人⻋"))
    assert ord("车") in points and ord("手") in points
    assert 0x2ECB not in points  # ⻋ shares 车's glyph
    assert ord("A") in points  # ASCII always there


@needs_poppler
def test_3755_common_characters_come_back_exactly(fonts, tmp_path):
    text = level1_characters()
    assert len(text) == 3755
    path = tmp_path / "chars.pdf"
    _Characters(text).write(path)
    assert_fonts_embedded(path)
    body = pdf_text(path)
    got = "".join(re.findall(r"[\u2e80-\u9fff]", body.split("characters", 1)[-1]))
    # Each page repeats the header's 字表; strip the page frames' characters before comparing.
    lines = [ln for ln in body.splitlines() if len(ln.strip()) == 50 or ln.strip() in text]
    assert "".join(ln.strip() for ln in lines if ln.strip() and ln.strip() != "字表") == text
    assert not RADICALS.search(got)


@needs_poppler
def test_org_chart_names_and_roles_are_searchable(tiled, demo):
    doc, path = tiled
    assert_fonts_embedded(path)
    text = pdf_text(path)
    assert not RADICALS.search(text)
    for word in ("车手", "卡商", "跑分", "骨干成员", "话务员", "洗钱", "卡农"):
        assert word in text, word
    missing = [b.name for b in doc.chart.people() if b.name not in text]
    assert not missing
    person = next(b for b in doc.chart.people() if b.id_number)
    assert person.id_number in text  # not masked by default
    present = {r for b in doc.chart.people() for r in b.roles}
    for t in ROLES:
        if t.code in present:
            assert t.zh in text


@needs_poppler
def test_org_chart_pages_are_packed_used_and_cross_referenced(tiled):
    # The whole demo case no longer tiles: subtrees are packed onto pages, those that do
    # not fit under their parent continue on the page their stub names.
    doc, path = tiled
    pages = pdf_pages(path)
    assert pages == len(doc.pages()) == len(doc.sheets) > 1
    words = pdf_words(path)
    w, h = doc.setup.size_mm
    pt = 72 / 25.4
    top, bottom = (MARGIN + HEADER_H) * pt, (h - MARGIN - FOOTER_H) * pt
    for n, page in enumerate(words, 1):
        use = page_use(page, w * pt, h * pt, top, bottom, MARGIN * pt)
        assert use >= 0.25, (n, use)
    texts = pdf_text(path).split("\f")
    for sheet in doc.sheets:
        for b in sheet.boxes:
            if b.kind == "stub":
                # The page a stub names prints that person's box.
                assert b.ref_page and b.name in texts[b.ref_page - 1], (b.name, b.ref_page)
                assert f"p. {b.ref_page}" in texts[sheet.number - 1]
    # Each person prints once as a box (stubs repeat only a name).
    boxes = [b.entity_id for s in doc.sheets for b in s.boxes if b.kind == "person"]
    assert sorted(boxes) == sorted(b.entity_id for b in doc.chart.people())
    # Gangs first, the suspects attached to no gang last.
    assert "Suspects not attached to a gang" not in texts[0]
    last = next(i for i, t in enumerate(texts) if "Suspects not attached to a gang" in t)
    assert all("Suspects not attached" in t for t in texts[last:pages])
    # Text is never shrunk below the minimum: the pages print at 75 %.
    assert doc.scale * 7 >= 4.5


@needs_poppler
def test_fit_never_prints_below_the_minimum_text_size(fonts, demo, tmp_path):
    # The whole case on one A3 page would print at about a quarter of its size: the fit is
    # refused with a note, and the chart prints readably on pages.
    path = tmp_path / "fit.pdf"
    doc = make_document(demo, "orgchart-pdf", ExportOptions(paper="A3", fit=True))
    doc.write(path)
    assert "too small to read" in doc.note
    assert pdf_pages(path) == len(doc.pages()) > 1
    assert doc.scale * DETAIL_PT >= MIN_TEXT_PT
    assert "车手" in pdf_text(path)
    # A gang that fits one A3 page readably prints on one, no smaller than the minimum.
    gang = make_document(demo, "orgchart-pdf", ExportOptions(paper="A3", fit=True,
                                                            gang="临沂洗钱团伙"))  # fmt: skip
    gang.write(tmp_path / "gang.pdf")
    assert pdf_pages(tmp_path / "gang.pdf") == 1 and not gang.note
    assert gang.whole_scale() * DETAIL_PT >= MIN_TEXT_PT


@needs_poppler
def test_masked_ids_hide_the_middle(fonts, demo, tmp_path):
    path = tmp_path / "masked.pdf"
    doc = make_document(demo, "orgchart-pdf", ExportOptions(gang="1", mask_ids=True, fit=True))
    doc.write(path)
    text = pdf_text(path)
    people = build_orgchart(demo, gang="1").people()
    keyed = [b.id_number for b in people if b.id_number]
    assert keyed
    for full in keyed:
        assert full not in text
        assert f"{full[:6]}{'*' * 8}{full[-4:]}" in text
    assert "ID numbers masked" in text


@needs_poppler
def test_report_and_flow_pdfs(fonts, demo, tmp_path):
    report = tmp_path / "report.pdf"
    doc = make_document(demo, "report-pdf", ExportOptions(mask_ids=True))
    doc.write(report)
    assert_fonts_embedded(report)
    assert pdf_pages(report) == len(doc.pages()) >= 3
    text = pdf_text(report)
    r = doc.report
    assert f"{r.return_rate:.1%}" in text
    assert r.suspect_rows[0].name in text and r.stop_list[0]["理由"][:20] in text
    assert "止付" in text and "冻结" in text and "一级卡" in text
    flow = tmp_path / "flow.pdf"
    doc = make_document(demo, "flow-pdf", ExportOptions())
    doc.write(flow)
    assert_fonts_embedded(flow)
    assert pdf_pages(flow) == 1
    text = pdf_text(flow)
    assert "一级卡" in text and doc.chart.start in text
    shown = [n for n in doc.chart.nodes if n.kind == "card"]
    assert all(n.label in text for n in shown)


def test_pdf_is_vector_with_header_and_footer(fonts, tmp_path):
    class One(PdfDocument):
        title = "One"

        def pages(self):
            return [lambda c, body: c.text(*body, "车手", 12, align=Qt.AlignCenter)] * 2

    data = One(CaseHeader("案名", "立字1号", "反诈中心", "2025-01-01")).render()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data
    path = tmp_path / "one.pdf"
    path.write_bytes(data)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 2
    page_text = pdf[1].get_textpage().get_text_range()
    assert "Page 2 of 2" in page_text and "立字1号" in page_text and "车手" in page_text


@needs_poppler
def test_flow_chart_labels_are_readable_and_never_overlap(fonts, demo, tmp_path):
    # Many arrows end at an exit: each label has its own slot beside it, at a readable size.
    path = tmp_path / "flow.pdf"
    doc = make_document(demo, "flow-pdf", ExportOptions())
    doc.write(path)
    exits = [n for n in doc.chart.nodes if n.kind == "exit"]
    into = {n.key: sum(e.target == n.key for e in doc.chart.edges) for n in exits}
    assert max(into.values()) >= 5, "the demo's busiest card has exits many arrows reach"
    (words,) = pdf_words(path)
    for a, b in itertools.combinations(words, 2):
        across = min(a[3], b[3]) - max(a[1], b[1])
        down = min(a[4], b[4]) - max(a[2], b[2])
        assert across <= 0.5 or down <= 0.5, (a, b)
    # Word boxes are 1.45 times the type size in the export's font.
    smallest = min(w[4] - w[2] for w in words) / 1.45
    assert smallest >= MIN_TEXT_PT - 0.2, smallest
    # Every arrow's amount is printed, and its time.
    text = pdf_text(path)
    for e in doc.chart.edges:
        assert money(e.amount_fen) in text
        assert e.first_ts[5:16].split(" ")[1] in text
