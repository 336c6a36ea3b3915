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
