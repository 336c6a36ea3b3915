"""The fund-flow chart of a trace on one page (scaled to fit)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from workbench.model import Term
from workbench.reports.flow import COL_GAP, NODE_W, FlowChart, FlowNode

from .document import (
    MUTED,
    Canvas,
    CaseHeader,
    PagePainter,
    PageSetup,
    PdfDocument,
    money,
    term_text,
)
from .orgchart import MIN_TEXT_PT

CAPTION_H = 11.0
#: Size of an arrow's label at 100 %.
LABEL_PT = 6.5
EDGE = QColor("#e6a100")
EXIT_COLOURS = {"cash": "#8e24aa", "platform": "#3949ab", "crypto": "#00897b", "unknown": "#757575"}
#: Exit kinds as the stop list words them (trace._EXIT_WORDS), with the English source.
EXIT_TERMS = {
    "cash": Term("cash", "取现", "cash withdrawal"),
    "platform": Term("platform", "转入第三方平台", "payment platform"),
    "crypto": Term("crypto", "虚拟币交易", "crypto exchange"),
    "unknown": Term("unknown", "去向不明", "destination unknown"),
}


class FlowChartPdf(PdfDocument):
    """One page: the trace's start on the left, one column per level, exits on the right."""

    def __init__(self, chart: FlowChart, header: CaseHeader, setup: PageSetup | None = None):
        super().__init__(header, setup or PageSetup("A4", True))
        self.chart = chart
        self.masked = chart.masked
        self.title = self.tr("Fund-flow chart (资金流向图)")
        if chart.start:
            self.title += f" · {chart.start}"

    def pages(self) -> list[PagePainter]:
        return [self._page]

    def _page(self, c: Canvas, body) -> None:
        x, y, w, h = body
        ch = self.chart
        forward = ch.direction == "forward"
        lead = self.tr("Forward trace from {start} at {at}") if forward else self.tr(
            "Backward trace from {start} at {at}")  # fmt: skip
        c.text(x, y, w, 5, lead.format(start=ch.start, at=ch.start_at) + " · "
               + self.tr("traced {amount}").format(amount=money(ch.traced_fen)), 9)  # fmt: skip
        exits = "；".join(f"{term_text(EXIT_TERMS[k])} {money(v)}" for k, v in
                         ch.exit_totals.items() if k in EXIT_TERMS)  # fmt: skip
        c.text(x, y + 5, w, 5, self.tr("Exits: {exits}").format(exits=exits or "—"), 7.5,
               color=MUTED)  # fmt: skip
        top = y + CAPTION_H
        k = min(1.0, w / max(ch.width, 1), (h - CAPTION_H) / max(ch.height, 1))
        ox = x + (w - ch.width * k) / 2

        def at(nx: float, ny: float) -> tuple[float, float]:
            return ox + nx * k, top + ny * k

        for t in ch.levels:
            tx, ty = at(t.x, 0)
            c.text(tx, ty, NODE_W * k, 5 * k, term_text(Term("", t.name, self._level_en(t.level))),
                   8.5 * k, align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
            line = self.tr("%n card(s)", "", t.cards) + " · " + money(t.amount_fen)
            c.text(tx, ty + 5 * k, NODE_W * k, 4 * k, line, 6.5 * k, color=MUTED,
                   align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
            if t.exited_fen or t.remaining_fen:
                more = self.tr("out {exited} · left {left}").format(
                    exited=money(t.exited_fen), left=money(t.remaining_fen)
                )
                c.text(tx - 4 * k, ty + 9 * k, 60 * k, 4 * k, more, 6 * k, color=MUTED,
                       align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        nodes = {n.key: n for n in ch.nodes}
        heads = max((n.level for n in ch.nodes if n.kind == "exit"), default=-1)
        if heads >= 0:
            hx, hy = at(heads * (NODE_W + COL_GAP), 0)
            c.text(hx, hy, NODE_W * k, 5 * k, self.tr("Exits"), 8.5 * k,
                   align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
        # Arrows into one box end at different heights, one label slot each (the layout
        # made the box tall enough), so that their labels never print over each other.
        ends: dict[int, tuple[float, float]] = {}
        slots: dict[int, float] = {}
        incoming: dict[str, list] = {}
        for e in ch.edges:
            incoming.setdefault(e.target, []).append(e)
        for key, es in incoming.items():
            b = nodes[key]
            step = b.h / len(es)
            es.sort(key=lambda e: nodes[e.source].y)
            for j, e in enumerate(es):
                ends[id(e)] = at(b.x, b.y + (j + 0.5) * step)
                slots[id(e)] = step * k
        for e in reversed(ch.edges):  # largest last, drawn on top
            a = nodes[e.source]
            x0, y0 = at(a.x + a.w, a.y + a.h / 2)
            x1, y1 = ends[id(e)]
            width = 0.25 + 1.2 * (e.amount_fen / max(ch.traced_fen, 1)) ** 0.5
            pts = []
            for i in range(17):
                t = i / 16
                mx = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * (x0 + (x1 - x0) / 2) + 3 * (
                    1 - t) * t**2 * (x1 - (x1 - x0) / 2) + t**3 * x1  # fmt: skip
                my = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * y0 + 3 * (1 - t) * t**2 * y1 + (
                    t**3 * y1)  # fmt: skip
                pts.append((mx, my))
            colour = QColor(EDGE)
            colour.setAlpha(200)
            c.polyline(pts[:-1] + [(x1 - 1.6 * k, y1)], colour, width * k)
            c.arrow_head((x1, y1), 1.8 * k, colour.darker(120))
        # Labels above every line: the amount, and under it the time, no smaller than the
        # smallest print of the organisation chart, each in its own slot.
        pt = max(LABEL_PT * k, MIN_TEXT_PT)
        line_h = pt * 0.3528 * 1.5  # mm per line: the font's ascent and descent are 1.45 em
        for e in ch.edges:
            x1, y1 = ends[id(e)]
            when = e.first_ts[5:16] if e.count == 1 else f"{e.first_ts[5:16]}–{e.last_ts[11:16]}"
            lines = [money(e.amount_fen), when + (f" ×{e.count}" if e.count > 1 else "")]
            # A slot too low for both lines keeps the amount, the line that matters.
            lines = lines[: max(1, min(2, int(slots[id(e)] / line_h)))]
            lw = max(c.width(t, pt) for t in lines) + 1.0
            lh = line_h * len(lines)
            c.rect(x1 - lw - 2 * k, y1 - lh / 2, lw, lh, stroke=None,
                   fill=QColor(255, 255, 255, 225))  # fmt: skip
            for i, text in enumerate(lines):
                c.text(x1 - lw - 2 * k, y1 - lh / 2 + i * line_h, lw, line_h, text, pt,
                       align=Qt.AlignRight | Qt.AlignVCenter)  # fmt: skip
        for n in ch.nodes:
            self._node(c, n, *at(n.x, n.y), k)
        legend = [self.tr("Arrows: traced money, its amount and the time of the transfer "
                          "(first–last when several)"),
                  self.tr("Line width grows with the amount")]  # fmt: skip
        if ch.masked:
            legend.append(self.tr("Card numbers masked"))
        c.text(x, y + h - 4.5, w, 4.5, "；".join(legend), 7, color=MUTED)

    def _level_en(self, level: int) -> str:
        return self.tr("level {n} card").format(n=level)

    def _node(self, c: Canvas, n: FlowNode, x: float, y: float, k: float) -> None:
        w, h = n.w * k, n.h * k
        pad = 1.5 * k
        if n.kind == "exit":
            colour = QColor(EXIT_COLOURS.get(n.exit_kind, "#757575"))
            c.rect(x, y, w, h, stroke=colour, fill=QColor(colour.red(), colour.green(),
                   colour.blue(), 30), width=0.35 * k, radius=min(h / 2, 4 * k))  # fmt: skip
            mid = y + h / 2
            c.text(x + pad, y + pad * 0.5, w - 2 * pad, mid - y - pad * 0.5,
                   term_text(EXIT_TERMS[n.exit_kind]), 8 * k,
                   align=Qt.AlignHCenter | Qt.AlignBottom, wrap=True)  # fmt: skip
            c.text(x + pad, mid, w - 2 * pad, 5 * k, money(n.amount_fen), 7 * k,
                   align=Qt.AlignHCenter | Qt.AlignVCenter)  # fmt: skip
            return
        fill = {"source": QColor("#e3f2fd"), "more": QColor("#f5f5f5")}.get(
            n.kind, QColor("#fff8e1")
        )
        edge = {"source": QColor("#1e88e5")}.get(n.kind, QColor("#9e7a00"))
        c.rect(x, y, w, h, stroke=edge, fill=fill, width=0.3 * k, radius=1 * k)
        if n.kind == "source":
            first, second = n.label or self.tr("start"), self.tr("start of the trace")
        elif n.kind == "more":
            first = self.tr("%n other card(s)", "", n.count)
            second = ""
        else:
            first, second = n.label, " · ".join(s for s in (n.holder, n.bank) if s)
        c.text(x + pad, y + pad * 0.6, w - 2 * pad, 5 * k, first, 7.5 * k)
        c.text(x + pad, y + 5.6 * k, w - 2 * pad, 4.5 * k, second, 6.5 * k, color=MUTED)
        c.text(x + pad, y + 10.6 * k, w - 2 * pad, 5 * k, money(n.amount_fen), 7.5 * k)
