"""Every user-visible string ships in Simplified Chinese, built from the .ts source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from resources import build_translations
from ui import labels
from workbench.model import (
    CULPABILITY,
    LEGAL_STATUS,
    LINK_TYPES,
    MEASURES,
    ORGANISATION_TYPES,
    REGION_REASONS,
    ROLES,
    VERDICTS,
)
from workbench.store import BROWSE_COLUMNS

TS = Path(build_translations.TS_DIR) / "zhanlian_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%n")


def messages():
    root = ET.parse(TS).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            t = m.find("translation")
            forms = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
            yield name, m.findtext("source"), t.get("type"), forms


def test_code_and_catalogue_agree():
    # lupdate finds no string missing from the .ts, nothing is left untranslated,
    # and the .qm is exactly what lrelease builds from the .ts.
    assert build_translations.main(["--check"]) == 0


def test_every_message_is_translated_with_its_placeholders():
    seen = 0
    for context, source, kind, forms in messages():
        seen += 1
        assert kind not in ("unfinished", "obsolete", "vanished"), (context, source)
        for text in forms:
            assert text.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                context, source, text)  # fmt: skip
    assert seen > 150


def test_vocabulary_is_marked_for_translation():
    marked = labels.marked_sources()
    for vocabulary in (ROLES, CULPABILITY, LEGAL_STATUS, REGION_REASONS, ORGANISATION_TYPES,
                       LINK_TYPES, MEASURES, VERDICTS):  # fmt: skip
        for term in vocabulary:
            assert term.en in marked, term
    for columns in BROWSE_COLUMNS.values():
        for _, header in columns:
            assert header in marked, header


def test_vocabulary_translations_are_the_domain_terms():
    zh = {source: forms[0] for context, source, _, forms in messages() if context == "Vocabulary"}
    for vocabulary in (ROLES, CULPABILITY, LEGAL_STATUS, REGION_REASONS, MEASURES, VERDICTS):
        for term in vocabulary:
            assert zh[term.en] == term.zh, term


def test_every_counted_string_is_one_lupdate_can_see():
    """lupdate skips a QCoreApplication.translate(ctx, text, "", n) whose n is a call or
    an attribute (``len(items)``, ``e.count``): the string then never reaches the .ts
    file and shows in English in the Chinese interface. n must be a plain name."""
    counted = re.compile(
        r'QCoreApplication\.translate\(\s*"\w+",\s*"[^"]*",\s*"[^"]*",\s*([^)]*)\)'
    )
    root = Path(build_translations.__file__).resolve().parent.parent
    bad = []
    for path in sorted((root / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in counted.finditer(text):
            if not re.fullmatch(r"\w+", m.group(1).strip()):
                bad.append(f"{path.relative_to(root)}:{text[: m.start()].count(chr(10)) + 1}")
    assert bad == []
