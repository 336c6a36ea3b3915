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
    "phone_switch": QT_TRANSLATE_NOOP("Analysis", "phone switch"),
    "companion": QT_TRANSLATE_NOOP("Analysis", "companions (same cell, same time)"),
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


#: Measures and parameters of findings (``Finding.metrics`` / ``Finding.params`` keys).
FIELD_NAMES = {
    "inflows": QT_TRANSLATE_NOOP("AnalysisFields", "inflows"),
    "fast_inflows": QT_TRANSLATE_NOOP("AnalysisFields", "passed on fast"),
    "inflow_fen": QT_TRANSLATE_NOOP("AnalysisFields", "in"),
    "passed_fen": QT_TRANSLATE_NOOP("AnalysisFields", "passed on"),
    "pass_share": QT_TRANSLATE_NOOP("AnalysisFields", "share passed on"),
    "payers": QT_TRANSLATE_NOOP("AnalysisFields", "payers"),
    "payees": QT_TRANSLATE_NOOP("AnalysisFields", "payees"),
    "outflow_fen": QT_TRANSLATE_NOOP("AnalysisFields", "out"),
    "outflows": QT_TRANSLATE_NOOP("AnalysisFields", "outflows"),
    "first": QT_TRANSLATE_NOOP("AnalysisFields", "first"),
    "last": QT_TRANSLATE_NOOP("AnalysisFields", "last"),
    "withdrawals": QT_TRANSLATE_NOOP("AnalysisFields", "withdrawals"),
    "amount_fen": QT_TRANSLATE_NOOP("AnalysisFields", "amount"),
    "nights": QT_TRANSLATE_NOOP("AnalysisFields", "nights"),
    "places": QT_TRANSLATE_NOOP("AnalysisFields", "places"),
    "companions": QT_TRANSLATE_NOOP("AnalysisFields", "cards alongside"),
    "opened_on": QT_TRANSLATE_NOOP("AnalysisFields", "opened on"),
    "opening_from": QT_TRANSLATE_NOOP("AnalysisFields", "opening date from"),
    "txns": QT_TRANSLATE_NOOP("AnalysisFields", "transactions"),
    "received_fen": QT_TRANSLATE_NOOP("AnalysisFields", "received"),
    "count": QT_TRANSLATE_NOOP("AnalysisFields", "count"),
    "members": QT_TRANSLATE_NOOP("AnalysisFields", "members"),
    "bank_cards": QT_TRANSLATE_NOOP("AnalysisFields", "bank cards"),
    "phone_cards": QT_TRANSLATE_NOOP("AnalysisFields", "phone cards"),
    "payment_accounts": QT_TRANSLATE_NOOP("AnalysisFields", "payment accounts"),
    "crypto_wallets": QT_TRANSLATE_NOOP("AnalysisFields", "crypto wallets"),
    "in_other_names": QT_TRANSLATE_NOOP("AnalysisFields", "in others' names"),
    "callers": QT_TRANSLATE_NOOP("AnalysisFields", "callers"),
    "one_way_callers": QT_TRANSLATE_NOOP("AnalysisFields", "one-way callers"),
    "calls": QT_TRANSLATE_NOOP("AnalysisFields", "calls"),
    "window_minutes": QT_TRANSLATE_NOOP("AnalysisFields", "window (min)"),
    "min_inflow_fen": QT_TRANSLATE_NOOP("AnalysisFields", "min. inflow"),
    "pass_ratio": QT_TRANSLATE_NOOP("AnalysisFields", "min. share passed on"),
    "min_events": QT_TRANSLATE_NOOP("AnalysisFields", "min. events"),
    "window_days": QT_TRANSLATE_NOOP("AnalysisFields", "window (days)"),
    "min_payers": QT_TRANSLATE_NOOP("AnalysisFields", "min. payers"),
    "min_inflows": QT_TRANSLATE_NOOP("AnalysisFields", "min. inflows"),
    "min_amount_fen": QT_TRANSLATE_NOOP("AnalysisFields", "min. amount"),
    "out_days": QT_TRANSLATE_NOOP("AnalysisFields", "out within (days)"),
    "min_payees": QT_TRANSLATE_NOOP("AnalysisFields", "min. payees"),
    "in_days": QT_TRANSLATE_NOOP("AnalysisFields", "in within (days)"),
    "start_hour": QT_TRANSLATE_NOOP("AnalysisFields", "from hour"),
    "end_hour": QT_TRANSLATE_NOOP("AnalysisFields", "to hour"),
    "min_withdrawals": QT_TRANSLATE_NOOP("AnalysisFields", "min. withdrawals"),
    "days": QT_TRANSLATE_NOOP("AnalysisFields", "days"),
    "min_txns": QT_TRANSLATE_NOOP("AnalysisFields", "min. transactions"),
    "settle_days": QT_TRANSLATE_NOOP("AnalysisFields", "settling days"),
    "min_sims": QT_TRANSLATE_NOOP("AnalysisFields", "min. SIMs"),
    "min_devices": QT_TRANSLATE_NOOP("AnalysisFields", "min. handsets"),
    "min_bank_cards": QT_TRANSLATE_NOOP("AnalysisFields", "min. bank cards"),
    "min_phone_cards": QT_TRANSLATE_NOOP("AnalysisFields", "min. phone cards"),
    "min_callers": QT_TRANSLATE_NOOP("AnalysisFields", "min. callers"),
    "include_sms": QT_TRANSLATE_NOOP("AnalysisFields", "SMS counted"),
    "whole_inflows": QT_TRANSLATE_NOOP("AnalysisFields", "passed on whole"),
    "whole_ratio": QT_TRANSLATE_NOOP("AnalysisFields", "min. share passed on whole"),
    "whole_minutes": QT_TRANSLATE_NOOP("AnalysisFields", "whole within (min)"),
    "called_back": QT_TRANSLATE_NOOP("AnalysisFields", "called back"),
    "roles": QT_TRANSLATE_NOOP("AnalysisFields", "roles in the case"),
    "gap_days": QT_TRANSLATE_NOOP("AnalysisFields", "gap (days)"),
    "jaccard": QT_TRANSLATE_NOOP("AnalysisFields", "contact overlap"),
    "new_calls": QT_TRANSLATE_NOOP("AnalysisFields", "new number's calls"),
    "new_contacts": QT_TRANSLATE_NOOP("AnalysisFields", "new number's contacts"),
    "new_first": QT_TRANSLATE_NOOP("AnalysisFields", "new number first seen"),
    "new_last": QT_TRANSLATE_NOOP("AnalysisFields", "new number last seen"),
    "old_calls": QT_TRANSLATE_NOOP("AnalysisFields", "old number's calls"),
    "old_contacts": QT_TRANSLATE_NOOP("AnalysisFields", "old number's contacts"),
    "old_first": QT_TRANSLATE_NOOP("AnalysisFields", "old number first seen"),
    "old_last": QT_TRANSLATE_NOOP("AnalysisFields", "old number last seen"),
    "shared_cells": QT_TRANSLATE_NOOP("AnalysisFields", "shared cells"),
    "shared_contacts": QT_TRANSLATE_NOOP("AnalysisFields", "shared contacts"),
    "shared_handsets": QT_TRANSLATE_NOOP("AnalysisFields", "shared handsets"),
    "shared_keys": QT_TRANSLATE_NOOP("AnalysisFields", "contacts in common"),
    "max_contact_degree": QT_TRANSLATE_NOOP("AnalysisFields", "max. contact degree"),
    "max_gap_days": QT_TRANSLATE_NOOP("AnalysisFields", "max. gap (days)"),
    "max_overlap_days": QT_TRANSLATE_NOOP("AnalysisFields", "max. overlap (days)"),
    "min_calls": QT_TRANSLATE_NOOP("AnalysisFields", "min. calls"),
    "min_jaccard": QT_TRANSLATE_NOOP("AnalysisFields", "min. contact overlap"),
    "min_shared": QT_TRANSLATE_NOOP("AnalysisFields", "min. shared contacts"),
    "quiet_days": QT_TRANSLATE_NOOP("AnalysisFields", "quiet for (days)"),
    "cells": QT_TRANSLATE_NOOP("AnalysisFields", "cells"),
    "co_sightings": QT_TRANSLATE_NOOP("AnalysisFields", "co-sightings"),
    "min_days": QT_TRANSLATE_NOOP("AnalysisFields", "min. days"),
}


def field_label(key: str) -> str:
    """A finding's measure or parameter name in the user's language."""
    if key in FIELD_NAMES:
        return QCoreApplication.translate("AnalysisFields", FIELD_NAMES[key])
    return key


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
