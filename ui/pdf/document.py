"""Pages of an exported PDF: paper, header and footer, millimetre drawing, the export font.

A document is a list of page painters decided before anything is drawn (so the footer can
say "page x of y"). :meth:`PdfDocument.render` paints twice: once to learn which characters
the document uses, once for real with a font made of exactly those characters
(``ui/pdf/fonts.py``). Output is vector: text stays text, lines stay lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from ui import labels
from ui.i18n import CJK_FAMILY
from workbench.analysis._common import yuan
from workbench.identifiers import mask_text
from workbench.model import Term, term

from .fonts import pdf_font_family

RESOLUTION = 1200  # dots per inch of the drawing grid; the output is vector regardless
PX_PER_MM = RESOLUTION / 25.4
PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
MARGIN = 12.0
HEADER_H = 11.0
FOOTER_H = 8.0
INK = QColor("#212121")
MUTED = QColor("#616161")
RULE = QColor("#9e9e9e")


@dataclass(frozen=True)
class PageSetup:
    """Paper size and orientation of an export."""

    paper: str = "A4"
    landscape: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        w, h = PAPER_MM[self.paper]
        return (h, w) if self.landscape else (w, h)

    @property
    def body(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) in mm of the area between header and footer."""
        w, h = self.size_mm
        top = MARGIN + HEADER_H
        return MARGIN, top, w - 2 * MARGIN, h - top - MARGIN - FOOTER_H


@dataclass(frozen=True)
class CaseHeader:
    """What every page's header says: the case, its number, the unit, the export date."""

    name: str
    number: str = ""
    unit: str = ""
    day: str = ""

    @classmethod
    def of(cls, store, *, masked: bool = False) -> CaseHeader:
        """The header of ``store``'s documents; ``masked`` masks the case's name and unit.
        The case number, the squad's file reference, prints whole (as in the exchange
        formats)."""
        meta = store.meta()
        text = mask_text if masked else (lambda s: s)
        return cls(text(meta.get("name", "")), meta.get("number", ""),
                   text(meta.get("unit", "")), date.today().isoformat())  # fmt: skip


def term_text(term: Term | None) -> str:
    """A domain term as the PDF prints it: Chinese, with the English in brackets when the
    interface is English (prosecutors read the Chinese)."""
    if term is None:
        return ""
    return term.zh if labels.chinese_ui() else f"{term.zh} ({labels.tr(term.en)})"


def vocab_text(vocabulary: tuple[Term, ...], code: str) -> str:
    """A stored code of a vocabulary as :func:`term_text` prints it ('' for no code; an
    unknown code as it is)."""
    if not code:
        return ""
    try:
        return term_text(term(vocabulary, code))
    except KeyError:
        return code


def money(fen: int) -> str:
    """Fen as a yuan amount with thousands separators: ``¥1,234.56``."""
    whole, cents = yuan(fen).split(".")
    return f"¥{int(whole):,}.{cents}"


class Canvas:
    """Draws on one page in millimetres, and remembers every string it is asked to draw."""

    def __init__(
        self,
        painter: QPainter,
        family: str,
        seen: set[str],
        scrub: Callable[[str], str] | None = None,
    ):
        self.p = painter
        self.family = family
        self.seen = seen
        #: Applied to every text drawn (a masked document's last line of defence: whatever
        #: a page prints, an ID, card or phone number in it is masked).
        self.scrub = scrub

    def font(self, pt: float) -> QFont:
        f = QFont(self.family)
        f.setPointSizeF(max(pt, 0.5))
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return f

    def width(self, s: str, pt: float) -> float:
        """Width of ``s`` in mm at ``pt`` points."""
        return QFontMetricsF(self.font(pt), self.p.device()).horizontalAdvance(s) / PX_PER_MM

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        s: str,
        pt: float = 8.0,
        *,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter,
        wrap: bool = False,
        verbatim: bool = False,
    ) -> None:
        """Text in a box; cut with an ellipsis when it does not fit (unless ``wrap``).

        ``verbatim`` text is never scrubbed: a hash whose hex digits could look like a
        number must print exactly."""
        if self.scrub is not None and not verbatim:
            s = self.scrub(s)
        if not s:
            return
        self.seen.update(s)
        font = self.font(pt)
        self.p.setFont(font)
        self.p.setPen(color)
        rect = QRectF(x * PX_PER_MM, y * PX_PER_MM, w * PX_PER_MM, h * PX_PER_MM)
        if wrap:
            self.p.drawText(rect, int(align | Qt.TextWordWrap), s)
            return
        fm = QFontMetricsF(font, self.p.device())
        self.p.drawText(rect, int(align), fm.elidedText(s, Qt.ElideRight, rect.width()))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        stroke: QColor | None = RULE,
        fill: QColor | None = None,
        width: float = 0.25,
        radius: float = 0.0,
        dashed: bool = False,
    ) -> None:
        pen = self._pen(stroke, width) if stroke is not None else Qt.NoPen
        if dashed and stroke is not None:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.p.setPen(pen)
        self.p.setBrush(fill if fill is not None else Qt.NoBrush)
        r = QRectF(x * PX_PER_MM, y * PX_PER_MM, w * PX_PER_MM, h * PX_PER_MM)
        if radius:
            self.p.drawRoundedRect(r, radius * PX_PER_MM, radius * PX_PER_MM)
        else:
            self.p.drawRect(r)

    def polyline(
        self, points: Iterable[tuple[float, float]], color: QColor = RULE, width: float = 0.25
    ) -> None:
        pts = list(points)
        if len(pts) < 2:
            return
        path = QPainterPath()
        path.moveTo(pts[0][0] * PX_PER_MM, pts[0][1] * PX_PER_MM)
        for px, py in pts[1:]:
            path.lineTo(px * PX_PER_MM, py * PX_PER_MM)
        self.p.setPen(self._pen(color, width))
        self.p.setBrush(Qt.NoBrush)
        self.p.drawPath(path)

    def arrow_head(self, tip: tuple[float, float], size: float, color: QColor) -> None:
        """A filled head pointing right, its tip at ``tip``."""
        x, y = tip
        path = QPainterPath()
        path.moveTo(x * PX_PER_MM, y * PX_PER_MM)
        path.lineTo((x - size) * PX_PER_MM, (y - size / 2) * PX_PER_MM)
        path.lineTo((x - size) * PX_PER_MM, (y + size / 2) * PX_PER_MM)
        path.closeSubpath()
        self.p.setPen(Qt.NoPen)
        self.p.setBrush(color)
        self.p.drawPath(path)

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        self.p.setClipRect(QRectF(x * PX_PER_MM, y * PX_PER_MM, w * PX_PER_MM, h * PX_PER_MM))

    def unclip(self) -> None:
        self.p.setClipping(False)

    @staticmethod
    def _pen(color: QColor, width: float) -> QPen:
        pen = QPen(color)
        pen.setWidthF(width * PX_PER_MM)
        pen.setJoinStyle(Qt.MiterJoin)
        return pen


PagePainter = Callable[[Canvas, tuple[float, float, float, float]], None]


class PdfDocument(QObject):
    """Base of the three documents: subclasses set ``title`` and return their pages."""

    title = ""
    #: A masked document's pages pass every text through ``mask_text`` as they draw it.
    masked = False

    def __init__(self, header: CaseHeader, setup: PageSetup | None = None):
        super().__init__()
        self.header = header
        self.setup = setup or PageSetup()

    def pages(self) -> list[PagePainter]:
        """One painter per page, decided before drawing."""
        raise RuntimeError("a document subclass decides its pages")

    def render(self) -> bytes:
        """The PDF, as bytes."""
        pages = self.pages()
        seen: set[str] = set()
        self._paint(pages, CJK_FAMILY, seen)
        # The second pass draws with a font of exactly the characters the first one drew.
        return self._paint(pages, pdf_font_family(seen), set())

    def write(self, path) -> int:
        """Write the PDF to ``path``; return the number of pages."""
        pages = len(self.pages())
        data = self.render()
        with open(path, "wb") as f:
            f.write(data)
        return pages

    def _paint(self, pages: list[PagePainter], family: str, seen: set[str]) -> bytes:
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.WriteOnly)
        writer = QPdfWriter(buf)
        writer.setResolution(RESOLUTION)
        writer.setCreator("Zhanlian")
        writer.setTitle(mask_text(self.title) if self.masked else self.title)
        layout = QPageLayout(
            QPageSize(PAPERS[self.setup.paper]),
            QPageLayout.Orientation.Landscape
            if self.setup.landscape
            else QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
        writer.setPageLayout(layout)
        painter = QPainter(writer)
        painter.setRenderHint(QPainter.Antialiasing)
        canvas = Canvas(painter, family, seen, mask_text if self.masked else None)
        try:
            for i, page in enumerate(pages):
                if i:
                    writer.newPage()
                self._frame(canvas, i + 1, len(pages))
                page(canvas, self.setup.body)
        finally:
            painter.end()
        buf.close()
        return bytes(data.data())

    def _frame(self, c: Canvas, number: int, total: int) -> None:
        w, h = self.setup.size_mm
        inner = w - 2 * MARGIN
        h1 = self.header
        c.text(MARGIN, MARGIN, inner * 0.62, 5, h1.name, 9)
        c.text(MARGIN + inner * 0.62, MARGIN, inner * 0.38, 5, h1.number, 8, color=MUTED,
               align=Qt.AlignRight | Qt.AlignVCenter, verbatim=True)  # fmt: skip
        c.text(MARGIN, MARGIN + 5, inner * 0.62, 4.5, self.title, 8, color=MUTED)
        made = QCoreApplication.translate("PdfDocument", "{unit} · exported {day}").format(
            unit=h1.unit, day=h1.day
        )
        c.text(MARGIN + inner * 0.38, MARGIN + 5, inner * 0.62, 4.5, made, 7.5, color=MUTED,
               align=Qt.AlignRight | Qt.AlignVCenter)  # fmt: skip
        c.polyline([(MARGIN, MARGIN + HEADER_H - 1), (w - MARGIN, MARGIN + HEADER_H - 1)])
        foot = h - MARGIN - FOOTER_H + 2
        c.polyline([(MARGIN, foot), (w - MARGIN, foot)])
        page = QCoreApplication.translate("PdfDocument", "Page {n} of {total}").format(
            n=number, total=total
        )
        c.text(MARGIN, foot + 0.5, inner, FOOTER_H - 2, page, 7.5, color=MUTED,
               align=Qt.AlignRight | Qt.AlignVCenter)  # fmt: skip
        c.text(MARGIN, foot + 0.5, inner * 0.7, FOOTER_H - 2, QCoreApplication.translate(
            "PdfDocument", "Zhanlian 斩链 · for official use"), 7.5, color=MUTED)  # fmt: skip
