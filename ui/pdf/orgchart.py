"""The organisation chart (组织架构图) as PDF pages: one page when it prints readably there,
else pages packed with its subtrees, each continued subtree named by a stub with its page.
The boxes and their places come from :mod:`workbench.reports.orgchart`."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPdfWriter

from ui.i18n import CJK_FAMILY
from ui.style import ROLE_COLORS, STATUS_COLORS
from workbench.model import CULPABILITY, LEGAL_STATUS, ORGANISATION_TYPES, ROLES
from workbench.reports.orgchart import (
    BOX_H,
    NOTE_H,
    STACK_FROM,
    OrgBox,
    OrgChart,
    OrgPage,
    paginate,
    relayout,
)

from .document import (
    MUTED,
    PX_PER_MM,
    RESOLUTION,
    Canvas,
    CaseHeader,
    PagePainter,
    PageSetup,
    PdfDocument,
    money,
    term_text,
    vocab_text,
)

LEGEND_H = 16.0
CAPTION_H = 6.0
ORG_FILL = QColor("#e8eaf6")
ORG_EDGE = QColor("#3949ab")
BOX_EDGE = QColor("#757575")
LINE = QColor("#616161")


#: Sizes of a box's text at 100 %: the name, and the lines under it.
NAME_PT = 9.0
DETAIL_PT = 7.0
LINE_H = 4.6  # mm per line of detail at 100 %
PAD = 1.8
BAR = 2.2  # the role colour's bar on the left of a person's box
#: The smallest text a printed chart may carry: a chart is shrunk onto one page only as
#: far as its detail lines stay this large; else it is printed on pages at BOOKLET_SCALE.
MIN_TEXT_PT = 4.5
MIN_SCALE = MIN_TEXT_PT / DETAIL_PT
BOOKLET_SCALE = 0.75
#: A chart smaller than its page is enlarged to fill it, up to this.
MAX_SCALE = 1.5
STUB_EDGE = QColor("#8d6e63")
NOTE = QColor("#5d4037")


def _metrics_device():
    """A PDF writer that is never painted on: text measured against it measures as the
    export draws it (same resolution, no hinting), before any page exists."""
    global _DEVICE
    if _DEVICE is None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        _DEVICE = (buffer, writer)
    return _DEVICE[1]


_DEVICE = None


def text_width(s: str, pt: float) -> float:
    """Width in mm of ``s`` at ``pt`` points in the export's font."""
    font = QFont(CJK_FAMILY)
    font.setPointSizeF(max(pt, 0.5))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return QFontMetricsF(font, _metrics_device()).horizontalAdvance(s) / PX_PER_MM


def wrap(text: str, width: float, measure) -> list[str]:
    """``text`` in lines no wider than ``width`` (``measure(s)`` gives a width): broken at
    spaces, and between any two Chinese characters; a word longer than a line is cut
    where it must be. Never drops a character."""
    if not text:
        return []
    tokens = []
    for word in text.split(" "):
        # Chinese text breaks between any two characters; Latin words stay whole.
        run = ""
        for ch in word:
            if ord(ch) >= 0x2E80:
                if run:
                    tokens.append(run)
                    run = ""
                tokens.append(ch)
            else:
                run += ch
        if run:
            tokens.append(run)
        tokens.append(" ")
    tokens = tokens[:-1]
    lines, line = [], ""
    for tok in tokens:
        trial = line + tok
        if not line or measure(trial.rstrip()) <= width:
            line = trial
            continue
        lines.append(line.rstrip())
        line = "" if tok == " " else tok
        # A token wider than a whole line (a long number) is cut by characters.
        while measure(line) > width and len(line) > 1:
            cut = len(line)
            while cut > 1 and measure(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _lines_of(b: OrgBox) -> list[tuple[str, float, QColor]]:
    """What a person's box prints under the name: (text, size at 100 %, colour)."""
    role = next((r for r in b.roles if r in ROLE_COLORS), "")
    colour = QColor(ROLE_COLORS.get(role, "#9e9e9e"))
    status = " · ".join(s for s in (vocab_text(CULPABILITY, b.culpability),
                                    vocab_text(LEGAL_STATUS, b.legal_status)) if s)  # fmt: skip
    amount = (QCoreApplication.translate("OrgChartPdf", "Amount involved {amount}").format(
        amount=money(b.amount_fen)) if b.amount_fen else "")  # fmt: skip
    return [
        (b.id_number or QCoreApplication.translate("OrgChartPdf", "no ID number"), DETAIL_PT,
         MUTED),
        ("、".join(vocab_text(ROLES, r) for r in b.roles), DETAIL_PT, QColor(colour).darker(130)),
        (status, DETAIL_PT, QColor(STATUS_COLORS.get(b.legal_status, "#212121"))),
        (b.region, DETAIL_PT, MUTED),
        (amount, DETAIL_PT, MUTED),
    ]  # fmt: skip


def _name_of(b: OrgBox) -> str:
    return b.name + (f"（{'、'.join(b.aliases)}）" if b.aliases else "")


def _text_width_of(b: OrgBox) -> float:
    return b.w - BAR - 2 * PAD


def person_box_height(b: OrgBox, measure=text_width) -> float:
    """Height (mm at 100 %) a person's box needs for its text, wrapped to the box."""
    w = _text_width_of(b)
    names = max(1, len(wrap(_name_of(b), w, lambda s: measure(s, NAME_PT))))
    h = PAD * 0.5 + names * (LINE_H + 0.4) + 0.6
    for text, pt, _ in _lines_of(b):
        h += max(1, len(wrap(text, w, lambda s, pt=pt: measure(s, pt)))) * LINE_H
    return h + PAD * 0.5


def fit_boxes(chart: OrgChart) -> OrgChart:
    """The chart with person boxes as tall as the longest text among them needs (wrapped,
    never cut); laid out again only when that is taller than the usual box."""
    people = chart.people()
    need = max((person_box_height(b) for b in people), default=BOX_H)
    if need <= BOX_H + 0.01:
        return chart
    return relayout(chart, box_h=round(need + 0.05, 1))


def paint_box(
    c: Canvas, b: OrgBox, x: float, y: float, k: float, detail: bool = True, children: int = 0
) -> None:
    """One box of the chart at (x, y) mm, ``k`` times its size: the PDF pages and the
    hierarchy view on screen both draw boxes with this. ``children`` counts the people of
    the "others" box. Text wraps inside the box, never cut."""
    w, h = b.w * k, b.h * k
    pad = PAD * k
    if b.up_page:
        _paint_note(c, b, x, y, k)
    if b.kind == "stub":
        _paint_stub(c, b, x, y, k)
        return
    if b.kind != "person":
        c.rect(x, y, w, h, stroke=ORG_EDGE, fill=ORG_FILL, width=0.35 * k, radius=1.5 * k)
        if b.kind == "others":
            name = QCoreApplication.translate("OrgChartPdf", "Suspects not attached to a gang")
            sub = QCoreApplication.translate("OrgChartPdf", "%n person(s)", "", children)
        else:
            name = b.name
            sub = " · ".join(s for s in (vocab_text(ORGANISATION_TYPES, b.org_type), b.region) if s)
        c.text(x + pad, y + pad * 0.6, w - 2 * pad, 6 * k, name, NAME_PT * k,
               align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        c.text(x + pad, y + 7 * k, w - 2 * pad, 5 * k, sub, DETAIL_PT * k, color=MUTED,
               align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        return
    role = next((r for r in b.roles if r in ROLE_COLORS), "")
    colour = QColor(ROLE_COLORS.get(role, "#9e9e9e"))
    c.rect(x, y, w, h, stroke=BOX_EDGE, fill=QColor("#ffffff"), width=0.3 * k, radius=1 * k)
    c.rect(x, y, BAR * k, h, stroke=None, fill=colour)
    tx, tw = x + (BAR + PAD) * k, _text_width_of(b) * k
    lh = LINE_H * k
    ly = y + pad * 0.5
    names = wrap(_name_of(b), tw, lambda s: c.width(s, NAME_PT * k)) or [""]
    if not detail:
        c.text(tx, ly, tw, lh + k, names[0], NAME_PT * k)
        return
    for line in names:
        c.text(tx, ly, tw + k, (LINE_H + 0.4) * k, line, NAME_PT * k)
        ly += (LINE_H + 0.4) * k
    ly += 0.6 * k
    for text, pt, colour_ in _lines_of(b):
        parts = wrap(text, tw, lambda s, pt=pt: c.width(s, pt * k)) or [""]
        for line in parts:
            # A hair wider than measured: the PDF's font rounds advances differently.
            c.text(tx, ly, tw + k, lh, line, pt * k, color=colour_)
            ly += lh


def _paint_stub(c: Canvas, b: OrgBox, x: float, y: float, k: float) -> None:
    """A subtree printed on another page: its top person's name and where it goes on."""
    w, h = b.w * k, b.h * k
    pad = PAD * k
    c.rect(x, y, w, h, stroke=STUB_EDGE, fill=QColor("#fbf7f3"), width=0.35 * k,
           radius=1.5 * k, dashed=True)  # fmt: skip
    role = next((r for r in b.roles if r in ROLE_COLORS), "")
    if role:
        c.rect(x, y, BAR * k, h, stroke=None, fill=QColor(ROLE_COLORS[role]))
    tx, tw = x + (BAR + PAD) * k, (b.w - BAR - 2 * PAD) * k
    c.text(tx, y + pad * 0.5, tw, 5.5 * k, b.name, NAME_PT * k)
    more = QCoreApplication.translate(
        "OrgChartPdf", "{n} person(s), continued on p. {page}"
    ).format(n=b.count, page=b.ref_page)
    c.text(tx, y + 6.5 * k, tw, 8 * k, "→ " + more, DETAIL_PT * k, color=NOTE, wrap=True)


def _paint_note(c: Canvas, b: OrgBox, x: float, y: float, k: float) -> None:
    """Over the top box of a part: where the part continues from."""
    if b.repeated:
        text = QCoreApplication.translate("OrgChartPdf", "↑ continued from p. {page}").format(
            page=b.up_page
        )
    else:
        text = QCoreApplication.translate("OrgChartPdf", "↑ under {name}, p. {page}").format(
            name=b.up_name, page=b.up_page)  # fmt: skip
    c.text(x, y - NOTE_H * k, max(b.w * k * 2, 60 * k), NOTE_H * k, text, DETAIL_PT * k, color=NOTE)


class OrgChartPdf(PdfDocument):
    """An organisation chart on paper.

    A chart that fits one page with its text at least :data:`MIN_TEXT_PT` prints whole on
    one page (enlarged up to :data:`MAX_SCALE` when it is small). A larger one prints at
    ``scale`` on as many pages as it takes: subtrees packed onto pages, a subtree that does
    not fit beside its parent continued on a page its stub names (see
    :func:`workbench.reports.orgchart.paginate`). ``fit`` asks for one page whatever the
    size; it is refused, with ``note`` saying why and what would do, when the text would
    print smaller than :data:`MIN_TEXT_PT`.
    """

    def __init__(
        self,
        chart: OrgChart,
        header: CaseHeader,
        setup: PageSetup | None = None,
        *,
        fit: bool = False,
        scale: float = BOOKLET_SCALE,
    ):
        super().__init__(header, setup)
        self.masked = chart.masked
        self.fit = fit
        self.scale = scale
        self.note = ""
        self._pages: list | None = None
        self._legend_h: dict[bool, float] = {}
        self.sheets: list[OrgPage] = []
        self.legend_page = 0
        self.title = self.tr("Organisation chart (组织架构图)")
        if chart.title:
            self.title += f" · {chart.title}"
        #: the chart as the hierarchy view shows it (boxes tall enough for their text)
        self.chart = fit_boxes(chart)
        #: the same chart in the shape that prints largest on one page
        self.whole_chart = self.chart  # (whole_scale reads it while the best is sought)
        self.whole_chart = self._best_shape(self.chart)

    def whole_scale(self, chart: OrgChart | None = None) -> float:
        """The scale at which the whole chart fits one page of this setup."""
        chart = chart or self.whole_chart
        _, _, w, h = self.setup.body
        return min(w / max(chart.width, 1),
                   (h - self.legend_height() - CAPTION_H) / max(chart.height, 1))  # fmt: skip

    def _best_shape(self, chart: OrgChart) -> OrgChart:
        """The chart as laid out, or, when that does not print readably on one page, the
        shape of it (leaves in shorter or longer columns) that prints largest there."""
        if self.whole_scale(chart) >= MIN_SCALE:
            return chart
        box_h = max((b.h for b in chart.people()), default=BOX_H)
        shapes = [relayout(chart, box_h, rows, start)
                  for rows in range(2, 16) for start in (2, STACK_FROM)]  # fmt: skip
        best = max(shapes, key=self.whole_scale)
        return best if self.whole_scale(best) > self.whole_scale(chart) else chart

    def fits_readably(self) -> bool:
        """Whether the whole chart fits one page with its text no smaller than
        MIN_TEXT_PT."""
        return self.whole_scale() >= MIN_SCALE

    def booklet(self) -> list[OrgPage]:
        """The chart cut into pages at ``scale`` (page units are the chart's)."""
        _, _, w, h = self.setup.body
        k = self.scale
        box_h = max((b.h for b in self.chart.people()), default=BOX_H)
        self.sheets = [None]  # the legend's note on continued pages takes its room
        legend = self.legend_height()
        sheets = paginate(self.chart, w / k, (h - CAPTION_H) / k, box_h=box_h)
        # The legend goes under the first page with room left for it; if none has, the
        # pages are made shorter by it and it goes on the first.
        for sheet in sheets:
            if (h - CAPTION_H) / k - sheet.extent()[1] >= legend / k:
                self.legend_page = sheet.number
                return sheets
        self.legend_page = 1
        return paginate(self.chart, w / k, (h - CAPTION_H - legend) / k, box_h=box_h)

    def pages(self) -> list[PagePainter]:
        if self._pages is not None:
            return self._pages
        whole = self.whole_scale()
        if self.fits_readably():
            self._pages = [self._whole_page]
            return self._pages
        if self.fit:
            self.note = self.tr(
                "One page would print the chart at {percent}% (text {pt} pt): too small to "
                "read. Printed at {scale}% on pages instead."
            ).format(percent=round(whole * 100), pt=f"{DETAIL_PT * whole:.1f}",
                     scale=round(self.scale * 100))  # fmt: skip
            if self.setup.paper == "A4":
                a3 = OrgChartPdf(self.chart, self.header, replace(self.setup, paper="A3"))
                if a3.fits_readably():
                    self.note += " " + self.tr("On A3 paper it fits one page at {percent}%.").format(
                        percent=round(min(MAX_SCALE, a3.whole_scale()) * 100))  # fmt: skip
        self.sheets = self.booklet()
        count = len(self.sheets)
        self._pages = [lambda c, body, s=s: self._sheet_page(c, body, s, count)
                       for s in self.sheets]  # fmt: skip
        return self._pages

    # ------------------------------------------------------------------ pages

    def _whole_page(self, c: Canvas, body) -> None:
        x, y, w, h = body
        legend = self.legend_height()
        avail_h = h - legend - CAPTION_H
        whole = self.whole_chart
        k = min(MAX_SCALE, w / max(whole.width, 1), avail_h / max(whole.height, 1))
        caption = self.tr("Whole chart at {percent}%").format(percent=round(k * 100))
        c.text(x, y, w, CAPTION_H, self._people_count() + " · " + caption, 8, color=MUTED)
        ox = x + (w - whole.width * k) / 2
        self._draw(c, ox, y + CAPTION_H, k, whole.boxes, whole.lines)
        self._legend(c, x, y + h - legend, w)

    def _sheet_page(self, c: Canvas, body, sheet: OrgPage, count: int) -> None:
        x, y, w, h = body
        k = self.scale
        tops = [
            b.name or self.tr("Suspects not attached to a gang")
            for p in sheet.parts
            for b in p.boxes
            if b.key == p.root and not b.up_page
        ]
        heads = "、".join(dict.fromkeys(tops))
        caption = self.tr("Part {n} of {count} at {percent}%").format(
            n=sheet.number, count=count, percent=round(k * 100))  # fmt: skip
        if sheet.number == 1:
            caption = self._people_count() + " · " + caption
        if heads:
            caption += " · " + heads
        c.text(x, y, w, CAPTION_H, caption, 8, color=MUTED)
        self._draw(c, x, y + CAPTION_H, k, sheet.boxes, sheet.lines)
        if sheet.number == self.legend_page:
            legend = self.legend_height()
            self._legend(c, x, y + h - legend, w)

    def _people_count(self) -> str:
        return self.tr("%n person(s)", "", len(self.chart.people()))

    # ------------------------------------------------------------------ drawing

    def _draw(self, c: Canvas, ox: float, oy: float, k: float, boxes, lines) -> None:
        for line in lines:
            c.polyline([(ox + px * k, oy + py * k) for px, py in line], LINE, 0.3 * max(k, 0.4))
        counts: dict[str, int] = {}  # the "others" box counts all of its people
        for b in self.chart.boxes:
            if b.parent:
                counts[b.parent] = counts.get(b.parent, 0) + 1
        for b in boxes:
            paint_box(c, b, ox + b.x * k, oy + b.y * k, k, True, counts.get(b.key, 0))

    def _legend_layout(self, w: float, measure=text_width):
        """Where the legend's entries go in a width of ``w`` mm: (swatches as (x, y, colour,
        label), notes as (y, line), height), all relative to the legend's top left."""
        present = {r for b in self.chart.people() for r in b.roles}
        cx, cy = 18.0, 2.5
        swatches = []
        for t in (t for t in ROLES if t.code in present):
            label = term_text(t)
            lw = measure(label, 7) + 8
            if cx + lw > w and cx > 18.0:
                cx, cy = 18.0, cy + 5
            swatches.append((cx, cy, QColor(ROLE_COLORS.get(t.code, "#9e9e9e")), label))
            cx += lw
        notes = [self.tr("Lines: reports to (上级) and member of (成员)"),
                 self.tr("Red status: at large (在逃)"),
                 self.tr("Amount involved: money received by the person's bank cards")]  # fmt: skip
        if self.sheets:
            notes.append(self.tr("Dashed box: people continued on the page it names"))
        if self.chart.masked:
            notes.append(self.tr("ID numbers masked"))
        lines = wrap("；".join(notes), w - 18, lambda s: measure(s, 7))
        y = cy + 5.5
        placed = []
        for line in lines:
            placed.append((y, line))
            y += 4
        return swatches, placed, y + 1.5

    def legend_height(self) -> float:
        booklet = bool(self.sheets)
        if booklet not in self._legend_h:
            _, _, w, _ = self.setup.body
            self._legend_h[booklet] = max(LEGEND_H, self._legend_layout(w)[2])
        return self._legend_h[booklet]

    def _legend(self, c: Canvas, x: float, y: float, w: float) -> None:
        c.polyline([(x, y + 1), (x + w, y + 1)])
        c.text(x, y + 2, 18, 5, self.tr("Legend"), 8)
        swatches, notes, _ = self._legend_layout(w, c.width)
        for sx, sy, colour, label in swatches:
            c.rect(x + sx, y + sy + 1, 3, 3, stroke=None, fill=colour)
            c.text(x + sx + 4, y + sy, c.width(label, 7) + 2, 5, label, 7)
        for ny, line in notes:
            c.text(x + 18, y + ny, w - 18, 4, line, 7, color=MUTED)
