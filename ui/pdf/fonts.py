"""The font a PDF is written with: Noto Sans SC, cut down to the document's characters.

Why not hand Qt the Noto Sans SC the application uses? Two traps:

- Noto maps the Kangxi radicals (U+2F00-U+2FDF) and CJK radical supplements
  (U+2E80-U+2EFF) to the same glyphs as 车 长 高 人 手 ... Qt's PDF engine writes the
  ToUnicode map from the font's cmap, and for a glyph reached by two code points it may
  name the radical: ``pdftotext`` then gives ⻋手 instead of 车手 and a prosecutor's search
  for 车手 finds nothing.
- The font has CFF outlines; Qt's PDF engine embeds TrueType outlines as CID TrueType but
  may fall back to other font types for CFF.

So each export builds its own font with fontTools: only the characters the document draws
(plus ASCII), so that every glyph has exactly one code point; no layout tables (no ligature
glyph without a code point of its own); TrueType quadratic outlines converted from the CFF
ones (fontTools' otf2ttf recipe); and a family name of its own so it never shadows the
application's font. A typical document's few hundred characters take about a second.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from ui.i18n import cjk_font_path

#: Always in the font: printable ASCII, the ellipsis of elided text, the currency sign.
BASE_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F)) | set("…¥·—–‘’“”（）：；，。、")

_RADICALS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
_COMPAT = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))

_registered: dict[str, str] = {}  # digest -> family registered with Qt


def _secondary(cp: int) -> bool:
    """A code point whose glyph normally belongs to another character."""
    return any(lo <= cp <= hi for lo, hi in _RADICALS + _COMPAT)


@lru_cache(maxsize=1)
def _noto() -> TTFont:
    # Loaded once per process; glyphs are decompiled lazily, only those a document needs.
    return TTFont(str(cjk_font_path()), lazy=True)


@lru_cache(maxsize=1)
def _noto_cmap() -> dict[int, str]:
    return dict(_noto().getBestCmap())


def font_characters(text_chars: set[str] | frozenset[str]) -> list[int]:
    """The code points the PDF font maps: the document's characters the font has, plus
    :data:`BASE_CHARS`, without a radical or compatibility code point whose glyph another
    of them already maps (so that each glyph reads back as one character)."""
    cmap = _noto_cmap()
    wanted = sorted({ord(c) for c in set(text_chars) | BASE_CHARS if ord(c) in cmap})
    primary_glyphs = {cmap[cp] for cp in wanted if not _secondary(cp)}
    return [cp for cp in wanted if not (_secondary(cp) and cmap[cp] in primary_glyphs)]


def build_font(code_points: list[int], family: str) -> bytes:
    """TrueType bytes of Noto Sans SC holding exactly ``code_points``, named ``family``.

    Built glyph by glyph with fontTools' FontBuilder rather than by subsetting: the CFF
    subsetter's closure and pruning cost seconds on a CJK font, and the CFF table is thrown
    away anyway. Outlines go quadratic within one font unit (the otf2ttf recipe); metrics,
    vertical extents and the embedding flags (fsType) are Noto's.
    """
    src = _noto()
    cmap = _noto_cmap()
    order = {name: i for i, name in enumerate(src.getGlyphOrder())}
    names = [".notdef"] + sorted({cmap[cp] for cp in code_points} - {".notdef"}, key=order.get)
    glyph_set = src.getGlyphSet()
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    fb = FontBuilder(src["head"].unitsPerEm, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({cp: cmap[cp] for cp in code_points})
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    hmtx = src["hmtx"]
    fb.setupHorizontalMetrics({n: (hmtx[n][0], getattr(glyf[n], "xMin", 0)) for n in names})
    hhea = src["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    postscript = "".join(ch for ch in family if ch.isalnum()) + "-Regular"
    fb.setupNameTable(
        {
            "familyName": family,
            "styleName": "Regular",
            "uniqueFontIdentifier": f"{postscript};zhanlian-export",
            "fullName": f"{family} Regular",
            "psName": postscript,
            "copyright": src["name"].getDebugName(0) or "",
            "licenseDescription": src["name"].getDebugName(13) or "",
        }
    )
    os2 = src["OS/2"]
    fb.setupOS2(
        fsType=os2.fsType,
        usWeightClass=os2.usWeightClass,
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        sxHeight=getattr(os2, "sxHeight", 0),
        sCapHeight=getattr(os2, "sCapHeight", 0),
        ulUnicodeRange1=os2.ulUnicodeRange1,
        ulUnicodeRange2=os2.ulUnicodeRange2,
        ulCodePageRange1=os2.ulCodePageRange1,
    )
    fb.setupPost(keepGlyphNames=False)
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def pdf_font_family(text_chars: set[str] | frozenset[str]) -> str:
    """Register (once per character set) the export font for these characters with Qt and
    return its family name. Needs a QGuiApplication."""
    points = font_characters(text_chars)
    digest = hashlib.sha1(",".join(map(str, points)).encode()).hexdigest()[:10]
    if digest not in _registered:
        family = f"Zhanlian PDF Sans {digest}"
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(build_font(points, family)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError("Qt refused the PDF export font")
        _registered[digest] = families[0]
    return _registered[digest]
