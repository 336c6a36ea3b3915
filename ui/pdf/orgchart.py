"""The organisation chart (组织架构图) as PDF pages: one page scaled to fit, or tiles with a
page map. The boxes and their places come from :mod:`workbench.reports.orgchart`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.style import ROLE_COLORS, STATUS_COLORS
from workbench.model import CULPABILITY, LEGAL_STATUS, ORGANISATION_TYPES, ROLES
from workbench.reports.orgchart import OrgBox, OrgChart, Tile, tile_pages

from .document import (
    MUTED,
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


def paint_box(
    c: Canvas, b: OrgBox, x: float, y: float, k: float, detail: bool = True, children: int = 0
) -> None:
    """One box of the chart at (x, y) mm, ``k`` times its size: the PDF pages and the
    hierarchy view on screen both draw boxes with this. ``children`` counts the people of
    the "others" box."""
    w, h = b.w * k, b.h * k
    pad = 1.8 * k
    if b.kind != "person":
        c.rect(x, y, w, h, stroke=ORG_EDGE, fill=ORG_FILL, width=0.35 * k, radius=1.5 * k)
        if b.kind == "others":
            name = QCoreApplication.translate("OrgChartPdf", "Suspects not attached to a gang")
            sub = QCoreApplication.translate("OrgChartPdf", "%n person(s)", "", children)
        else:
            name = b.name
            sub = " · ".join(s for s in (vocab_text(ORGANISATION_TYPES, b.org_type), b.region) if s)
        c.text(x + pad, y + pad * 0.6, w - 2 * pad, 6 * k, name, 9 * k,
               align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        c.text(x + pad, y + 7 * k, w - 2 * pad, 5 * k, sub, 7 * k, color=MUTED,
               align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        return
    role = next((r for r in b.roles if r in ROLE_COLORS), "")
    colour = QColor(ROLE_COLORS.get(role, "#9e9e9e"))
    c.rect(x, y, w, h, stroke=BOX_EDGE, fill=QColor("#ffffff"), width=0.3 * k, radius=1 * k)
    c.rect(x, y, 2.2 * k, h, stroke=None, fill=colour)
    tx, tw = x + 2.2 * k + pad, w - 2.2 * k - 2 * pad
    name = b.name + (f"（{'、'.join(b.aliases)}）" if b.aliases else "")
    lh = 4.6 * k
    c.text(tx, y + pad * 0.5, tw, lh + k, name, 9 * k)
    if not detail:
        return
    lines = [
        (b.id_number or QCoreApplication.translate("OrgChartPdf", "no ID number"), MUTED),
        ("、".join(vocab_text(ROLES, r) for r in b.roles), QColor(colour).darker(130)),
        (
            " · ".join(
                s
                for s in (
                    vocab_text(CULPABILITY, b.culpability),
                    vocab_text(LEGAL_STATUS, b.legal_status),
                )
                if s
            ),  # fmt: skip
            QColor(STATUS_COLORS.get(b.legal_status, "#212121")),
        ),
        (b.region, MUTED),
        (
            QCoreApplication.translate("OrgChartPdf", "Amount involved {amount}").format(
                amount=money(b.amount_fen)
            )
            if b.amount_fen
            else "",
            MUTED,
        ),  # fmt: skip
    ]
    ly = y + pad * 0.5 + lh + k
    for text, colour_ in lines:
        c.text(tx, ly, tw, lh, text, 7 * k, color=colour_)
        ly += lh


# Below this share of its printed size a chart is tiled rather than shrunk onto one page
# (names print at 9 pt, so at 0.5 they are still 4.5 pt).
READABLE_SCALE = 0.5


class OrgChartPdf(PdfDocument):
    """An organisation chart on paper: ``fit`` scales it onto one page; otherwise it is
    printed at ``scale`` (1 = 100 %) on pages that overlap by ``overlap`` mm, after a page
    map that shows which page holds which part."""

    def __init__(
        self,
        chart: OrgChart,
        header: CaseHeader,
        setup: PageSetup | None = None,
        *,
        fit: bool = False,
        scale: float = 1.0,
        overlap: float = 10.0,
    ):
        super().__init__(header, setup)
        self.chart = chart
        self.masked = chart.masked
        self.fit = fit
        self.scale = scale
        self.overlap = overlap
        self.title = self.tr("Organisation chart (组织架构图)")
        if chart.title:
            self.title += f" · {chart.title}"

    def tiles(self) -> list[Tile]:
        """The pages the chart is cut into when tiled (the page map comes before them)."""
        _, _, w, h = self.setup.body
        return tile_pages(self.chart, w, h - CAPTION_H, self.overlap, self.scale)

    def whole_scale(self) -> float:
        """The scale at which the whole chart fits one page of this setup."""
        _, _, w, h = self.setup.body
        return min(w / max(self.chart.width, 1),
                   (h - LEGEND_H - CAPTION_H) / max(self.chart.height, 1))  # fmt: skip

    def fits_readably(self) -> bool:
        """Whether the whole chart fits one page at ``READABLE_SCALE`` or more: tiling
        such a chart would only spread a readable page over several half-empty ones."""
        return self.whole_scale() >= READABLE_SCALE * self.scale

    def pages(self) -> list[PagePainter]:
        tiles = [] if self.fit or self.fits_readably() else self.tiles()
        if len(tiles) <= 1:
            return [self._whole_page]
        pages: list[PagePainter] = [lambda c, body: self._map_page(c, body, tiles)]
        for t in tiles:
            pages.append(lambda c, body, t=t: self._tile_page(c, body, t, len(tiles)))
        return pages

    # ------------------------------------------------------------------ pages

    def _whole_page(self, c: Canvas, body) -> None:
        x, y, w, h = body
        avail_h = h - LEGEND_H - CAPTION_H
        k = min(1.0, w / max(self.chart.width, 1), avail_h / max(self.chart.height, 1))
        caption = self.tr("Whole chart at {percent}%").format(percent=round(k * 100))
        c.text(x, y, w, CAPTION_H, self._people_count() + " · " + caption, 8, color=MUTED)
        ox = x + (w - self.chart.width * k) / 2
        self._draw(c, ox, y + CAPTION_H, k, (0, 0, self.chart.width, self.chart.height))
        self._legend(c, x, y + h - LEGEND_H, w)

    def _map_page(self, c: Canvas, body, tiles: list[Tile]) -> None:
        x, y, w, h = body
        avail_h = h - LEGEND_H - CAPTION_H * 2
        k = min(w / max(self.chart.width, 1), avail_h / max(self.chart.height, 1))
        c.text(x, y, w, CAPTION_H, self.tr(
            "Page map: the chart continues on pages 2 to {last} at {percent}%; neighbouring "
            "pages overlap by {overlap} mm.").format(
                last=len(tiles) + 1, percent=round(self.scale * 100), overlap=round(self.overlap)),
            8, color=MUTED)  # fmt: skip
        c.text(x, y + CAPTION_H, w, CAPTION_H, self._people_count(), 8, color=MUTED)
        top = y + CAPTION_H * 2
        ox = x + (w - self.chart.width * k) / 2
        self._draw(c, ox, top, k, (0, 0, self.chart.width, self.chart.height), detail=False)
        edge = QColor("#c62828")
        for t in tiles:
            tx, ty = ox + t.x * k, top + t.y * k
            tw = min(t.w, self.chart.width - t.x) * k
            th = min(t.h, self.chart.height - t.y) * k
            c.rect(tx, ty, tw, th, stroke=edge, width=0.35)
            label = self.tr("p. {page}").format(page=t.number + 1)
            c.rect(tx + 0.6, ty + 0.6, 9, 4.2, stroke=None, fill=QColor(255, 255, 255, 220))
            c.text(tx + 0.8, ty + 0.6, 9, 4.2, label, 7.5, color=edge)
        self._legend(c, x, y + h - LEGEND_H, w)

    def _tile_page(self, c: Canvas, body, tile: Tile, count: int) -> None:
        x, y, w, h = body
        caption = self.tr("Part {n} of {count} · row {row}, column {col} (see the page map on "
                          "page 1)").format(n=tile.number, count=count, row=tile.row + 1,
                                           col=tile.col + 1)  # fmt: skip
        c.text(x, y, w, CAPTION_H, caption, 8, color=MUTED)
        top = y + CAPTION_H
        c.clip(x, top, w, h - CAPTION_H)
        self._draw(c, x - tile.x * self.scale, top - tile.y * self.scale, self.scale,
                   (tile.x, tile.y, tile.w, tile.h))  # fmt: skip
        c.unclip()

    def _people_count(self) -> str:
        return self.tr("%n person(s)", "", len(self.chart.people()))

    # ------------------------------------------------------------------ drawing

    def _draw(self, c: Canvas, ox: float, oy: float, k: float, view, detail: bool = True):
        vx, vy, vw, vh = view

        def inside(b: OrgBox) -> bool:
            return b.x < vx + vw and b.x + b.w > vx and b.y < vy + vh and b.y + b.h > vy

        for line in self.chart.lines:
            c.polyline([(ox + px * k, oy + py * k) for px, py in line], LINE, 0.3 * max(k, 0.4))
        for b in self.chart.boxes:
            if inside(b):
                self._box(c, b, ox + b.x * k, oy + b.y * k, k, detail)

    def _box(self, c: Canvas, b: OrgBox, x: float, y: float, k: float, detail: bool) -> None:
        paint_box(c, b, x, y, k, detail, len(self._children(b)))

    def _children(self, b: OrgBox) -> list[OrgBox]:
        return [o for o in self.chart.boxes if o.parent == b.key]

    def _legend(self, c: Canvas, x: float, y: float, w: float) -> None:
        c.polyline([(x, y + 1), (x + w, y + 1)])
        present = {r for b in self.chart.people() for r in b.roles}
        roles = [t for t in ROLES if t.code in present]
        c.text(x, y + 2, 18, 5, self.tr("Legend"), 8)
        cx, cy = x + 18, y + 2.5
        for t in roles:
            label = term_text(t)
            lw = c.width(label, 7) + 8
            if cx + lw > x + w:
                cx, cy = x + 18, cy + 5
            c.rect(cx, cy + 1, 3, 3, stroke=None, fill=QColor(ROLE_COLORS.get(t.code, "#9e9e9e")))
            c.text(cx + 4, cy, lw - 4, 5, label, 7)
            cx += lw
        notes = [self.tr("Lines: reports to (上级) and member of (成员)"),
                 self.tr("Red status: at large (在逃)"),
                 self.tr("Amount involved: money received by the person's bank cards")]  # fmt: skip
        if self.chart.masked:
            notes.append(self.tr("ID numbers masked"))
        c.text(x + 18, cy + 5.5, w - 18, 5, "；".join(notes), 7, color=MUTED)
