"""Names of analysis results in the user's language: patterns, layers, measures, exits."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench.model import MEASURES, VERDICTS

from .. import labels

CONTEXT = "Analysis"

PATTERN_NAMES = {
    "fast_in_fast_out": QT_TRANSLATE_NOOP("Analysis", "fast in, fast out"),
    "fan_in": QT_TRANSLATE_NOOP("Analysis", "fan-in (many payers)"),
    "fan_out": QT_TRANSLATE_NOOP("Analysis", "fan-out (many payees)"),
    "late_night_cash": QT_TRANSLATE_NOOP("Analysis", "late-night cash"),
    "new_account_burst": QT_TRANSLATE_NOOP("Analysis", "new account, heavy use"),
    "handset_many_sims": QT_TRANSLATE_NOOP("Analysis", "one handset, many SIMs"),
    "sim_many_handsets": QT_TRANSLATE_NOOP("Analysis", "one SIM, many handsets"),
    "card_hoarder": QT_TRANSLATE_NOOP("Analysis", "many cards held (card dealer)"),
    "hot_number": QT_TRANSLATE_NOOP("Analysis", "many callers (hot number)"),
}

LAYER_NAMES = {
    "calls": QT_TRANSLATE_NOOP("Analysis", "calls"),
    "money": QT_TRANSLATE_NOOP("Analysis", "money"),
    "links": QT_TRANSLATE_NOOP("Analysis", "analyst links"),
    "all": QT_TRANSLATE_NOOP("Analysis", "all (weighted)"),
}

MEASURE_NAMES = {
    "degree": QT_TRANSLATE_NOOP("Analysis", "degree"),
    "weighted_degree": QT_TRANSLATE_NOOP("Analysis", "weighted degree"),
    "betweenness": QT_TRANSLATE_NOOP("Analysis", "betweenness"),
    "pagerank": QT_TRANSLATE_NOOP("Analysis", "PageRank"),
    "eigenvector": QT_TRANSLATE_NOOP("Analysis", "eigenvector"),
}

EXIT_NAMES = {
    "cash": QT_TRANSLATE_NOOP("Analysis", "cash withdrawal"),
    "platform": QT_TRANSLATE_NOOP("Analysis", "third-party platform"),
    "crypto": QT_TRANSLATE_NOOP("Analysis", "crypto dealer"),
    "unknown": QT_TRANSLATE_NOOP("Analysis", "unknown counterpart"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def pattern_label(code: str) -> str:
    return tr(PATTERN_NAMES.get(code, code))


def layer_label(code: str) -> str:
    return tr(LAYER_NAMES.get(code, code))


def measure_label(code: str) -> str:
    return tr(MEASURE_NAMES.get(code, code))


def exit_label(code: str) -> str:
    return tr(EXIT_NAMES.get(code, code))


def action_label(code: str) -> str:
    """A measure on an account (stop, freeze, ...), from the case vocabulary."""
    for t in MEASURES:
        if t.code == code:
            return labels.tr(t.en)
    return code


def verdict_label(code: str | None) -> str:
    for t in VERDICTS:
        if t.code == code:
            return labels.tr(t.en)
    return ""


def level_label(level: int) -> str:
    """一级卡, 二级卡... in Chinese; "level 1 card" in English."""
    if labels.chinese_ui():
        from workbench.analysis import level_name

        return level_name(level)
    return QCoreApplication.translate("Analysis", "level {n}").format(n=level)


def yuan(fen: int | None) -> str:
    """An amount in fen as yuan with thousands separators (empty when unknown)."""
    return "" if fen is None else f"{fen / 100:,.2f}"
