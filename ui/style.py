"""Colours and glyphs shared by the browser, the inspector and the charts."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workbench.model import Kind

# Suspects in warm colours by rank, victims in blue, so the two read apart at a glance.
ROLE_COLORS = {
    "organiser": "#b71c1c",
    "core_member": "#e53935",
    "operator": "#fb8c00",
    "car_handler": "#8e24aa",
    "card_seller": "#6d4c41",
    "card_supplier": "#a1887f",
    "score_runner": "#c0ca33",
    "money_launderer": "#00897b",
    "traffic_driver": "#f06292",
    "tech_support": "#546e7a",
    "border_organiser": "#5e35b1",
    "victim": "#1e88e5",
}
KIND_COLORS = {
    Kind.PERSON: "#9e9e9e",
    Kind.PHONE_CARD: "#43a047",
    Kind.BANK_CARD: "#f9a825",
    Kind.DEVICE: "#78909c",
    Kind.ORGANISATION: "#3949ab",
    Kind.PAYMENT_ACCOUNT: "#0097a7",
    Kind.CRYPTO_WALLET: "#7e57c2",
}
# pyqtgraph symbol names per kind.
KIND_SYMBOLS = {
    Kind.PERSON: "o",
    Kind.PHONE_CARD: "t1",
    Kind.BANK_CARD: "s",
    Kind.DEVICE: "d",
    Kind.ORGANISATION: "h",
    Kind.PAYMENT_ACCOUNT: "p",
    Kind.CRYPTO_WALLET: "star",
}
LINK_COLORS = {
    "holds": "#6d6d6d",
    "uses": "#8d8d8d",
    "calls": "#43a047",
    "pays": "#f9a825",
    "money": "#e6a100",
    "member_of": "#3949ab",
    "reports_to": "#c62828",
    "recruited": "#8e24aa",
    "related": "#90a4ae",
}
STATUS_COLORS = {
    "at_large": "#d32f2f",
    "detained": "#455a64",
    "arrested": "#263238",
    "bail": "#757575",
    "prosecuted": "#1b5e20",
    "sentenced": "#000000",
}


def role_color(role: str) -> QColor:
    return QColor(ROLE_COLORS.get(role, "#9e9e9e"))


def entity_color(kind: Kind, roles: list[str]) -> QColor:
    """Fill of an entity's glyph: its first role's colour for people, else the kind's."""
    if roles:
        order = list(ROLE_COLORS)
        first = min(roles, key=lambda r: order.index(r) if r in order else len(order))
        return role_color(first)
    return QColor(KIND_COLORS[Kind(kind)])


def link_color(type_code: str) -> QColor:
    return QColor(LINK_COLORS.get(type_code, "#90a4ae"))
