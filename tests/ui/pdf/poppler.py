"""Read PDFs back with poppler-utils, as a prosecutor's viewer or search would."""

from __future__ import annotations

import shutil
import subprocess

import pytest

HAVE_POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(
    not HAVE_POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed"
)


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


def pdf_pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(next(ln.split()[-1] for ln in out.stdout.splitlines() if ln.startswith("Pages:")))


def pdf_fonts(path) -> list[dict]:
    """One dict per font: name, type, emb, sub, uni (pdffonts' columns)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    lines = out.stdout.splitlines()
    fonts = []
    for ln in lines[2:]:
        parts = ln.split()
        # name type... encoding emb sub uni object-id generation
        fonts.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5],
                      "sub": parts[-4], "uni": parts[-3]})  # fmt: skip
    return fonts


def assert_fonts_embedded(path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, "no font in the PDF"
    for f in fonts:
        assert f["emb"] == "yes", f
        assert f["type"] == "CID TrueType", f
        assert f["uni"] == "yes", f


def pdf_words(path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, every word with its box in points: (text, x0, y0, x1, y1), y down."""
    import html
    import re

    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")  # fmt: skip
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                      r"(.*?)</word>")  # fmt: skip
    return [
        [(html.unescape(m[4]), float(m[0]), float(m[1]), float(m[2]), float(m[3]))
         for m in word.findall(page)]
        for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S)
    ]  # fmt: skip


def page_use(words, page_w: float, page_h: float, top: float, bottom: float,
             margin: float) -> float:  # fmt: skip
    """Share of a page's body (between ``top`` and ``bottom``, inside ``margin``; points)
    that its words span: the bounding box of what is printed there."""
    inside = [w for w in words if w[2] >= top - 1 and w[4] <= bottom + 1]
    if not inside:
        return 0.0
    x0, y0 = min(w[1] for w in inside), min(w[2] for w in inside)
    x1, y1 = max(w[3] for w in inside), max(w[4] for w in inside)
    return (x1 - x0) * (y1 - y0) / ((page_w - 2 * margin) * (bottom - top))
