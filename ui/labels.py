"""Translated labels of the case vocabulary.

workbench keeps codes and English source strings; this module is where they become the
user's language. The QT_TRANSLATE_NOOP marks let lupdate collect every term, and a test
checks that each vocabulary entry of workbench.model has its mark here.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from workbench.model import (
    CRYPTO_CHAINS,
    CULPABILITY,
    LEGAL_STATUS,
    ORGANISATION_TYPES,
    PAYMENT_PLATFORMS,
    REGION_REASONS,
    ROLES,
    Kind,
)
from workbench.store import BROWSE_COLUMNS

CONTEXT = "Vocabulary"

# Every English source string of the vocabulary, marked for lupdate.
_MARKED = (
    # kinds (singular, plural)
    QT_TRANSLATE_NOOP("Vocabulary", "person"),
    QT_TRANSLATE_NOOP("Vocabulary", "phone card"),
    QT_TRANSLATE_NOOP("Vocabulary", "bank card"),
    QT_TRANSLATE_NOOP("Vocabulary", "device"),
    QT_TRANSLATE_NOOP("Vocabulary", "organisation"),
    QT_TRANSLATE_NOOP("Vocabulary", "payment account"),
    QT_TRANSLATE_NOOP("Vocabulary", "crypto wallet"),
    QT_TRANSLATE_NOOP("Vocabulary", "People"),
    QT_TRANSLATE_NOOP("Vocabulary", "Phone cards"),
    QT_TRANSLATE_NOOP("Vocabulary", "Bank cards"),
    QT_TRANSLATE_NOOP("Vocabulary", "Devices"),
    QT_TRANSLATE_NOOP("Vocabulary", "Organisations"),
    QT_TRANSLATE_NOOP("Vocabulary", "Payment accounts"),
    QT_TRANSLATE_NOOP("Vocabulary", "Crypto wallets"),
    # payment platforms
    QT_TRANSLATE_NOOP("Vocabulary", "Alipay"),
    QT_TRANSLATE_NOOP("Vocabulary", "WeChat Pay"),
    QT_TRANSLATE_NOOP("Vocabulary", "JD Pay"),
    QT_TRANSLATE_NOOP("Vocabulary", "Meituan Pay"),
    QT_TRANSLATE_NOOP("Vocabulary", "UnionPay QR"),
    QT_TRANSLATE_NOOP("Vocabulary", "Pinduoduo"),
    QT_TRANSLATE_NOOP("Vocabulary", "Douyin Pay"),
    QT_TRANSLATE_NOOP("Vocabulary", "other platform"),
    # crypto chains
    QT_TRANSLATE_NOOP("Vocabulary", "TRON"),
    QT_TRANSLATE_NOOP("Vocabulary", "Ethereum"),
    QT_TRANSLATE_NOOP("Vocabulary", "Bitcoin"),
    # roles
    QT_TRANSLATE_NOOP("Vocabulary", "organiser"),
    QT_TRANSLATE_NOOP("Vocabulary", "core member"),
    QT_TRANSLATE_NOOP("Vocabulary", "operator"),
    QT_TRANSLATE_NOOP("Vocabulary", "car handler"),
    QT_TRANSLATE_NOOP("Vocabulary", "card seller"),
    QT_TRANSLATE_NOOP("Vocabulary", "card supplier"),
    QT_TRANSLATE_NOOP("Vocabulary", "score runner"),
    QT_TRANSLATE_NOOP("Vocabulary", "money launderer"),
    QT_TRANSLATE_NOOP("Vocabulary", "traffic driver"),
    QT_TRANSLATE_NOOP("Vocabulary", "tech support"),
    QT_TRANSLATE_NOOP("Vocabulary", "border-crossing organiser"),
    QT_TRANSLATE_NOOP("Vocabulary", "victim"),
    # culpability
    QT_TRANSLATE_NOOP("Vocabulary", "principal"),
    QT_TRANSLATE_NOOP("Vocabulary", "main offender"),
    QT_TRANSLATE_NOOP("Vocabulary", "accessory"),
    # legal status
    QT_TRANSLATE_NOOP("Vocabulary", "at large"),
    QT_TRANSLATE_NOOP("Vocabulary", "detained"),
    QT_TRANSLATE_NOOP("Vocabulary", "on bail"),
    QT_TRANSLATE_NOOP("Vocabulary", "arrested"),
    QT_TRANSLATE_NOOP("Vocabulary", "transferred for prosecution"),
    QT_TRANSLATE_NOOP("Vocabulary", "sentenced"),
    QT_TRANSLATE_NOOP("Vocabulary", "administrative penalty"),
    QT_TRANSLATE_NOOP("Vocabulary", "joint punishment"),
    # measures on accounts
    QT_TRANSLATE_NOOP("Vocabulary", "stop payment"),
    QT_TRANSLATE_NOOP("Vocabulary", "freeze"),
    QT_TRANSLATE_NOOP("Vocabulary", "seizure"),
    QT_TRANSLATE_NOOP("Vocabulary", "returned to victims"),
    # verdicts on findings
    QT_TRANSLATE_NOOP("Vocabulary", "confirmed"),
    QT_TRANSLATE_NOOP("Vocabulary", "dismissed"),
    # region reasons
    QT_TRANSLATE_NOOP("Vocabulary", "household registration"),
    QT_TRANSLATE_NOOP("Vocabulary", "phone attribution"),
    QT_TRANSLATE_NOOP("Vocabulary", "account opening"),
    QT_TRANSLATE_NOOP("Vocabulary", "activity"),
    QT_TRANSLATE_NOOP("Vocabulary", "arrest"),
    # organisation types
    QT_TRANSLATE_NOOP("Vocabulary", "gang"),
    QT_TRANSLATE_NOOP("Vocabulary", "team"),
    QT_TRANSLATE_NOOP("Vocabulary", "company"),
    # link types
    QT_TRANSLATE_NOOP("Vocabulary", "holds"),
    QT_TRANSLATE_NOOP("Vocabulary", "uses"),
    QT_TRANSLATE_NOOP("Vocabulary", "calls"),
    QT_TRANSLATE_NOOP("Vocabulary", "pays"),
    QT_TRANSLATE_NOOP("Vocabulary", "member of"),
    QT_TRANSLATE_NOOP("Vocabulary", "reports to"),
    QT_TRANSLATE_NOOP("Vocabulary", "recruited"),
    QT_TRANSLATE_NOOP("Vocabulary", "related"),
    QT_TRANSLATE_NOOP("Vocabulary", "money"),
    # browser columns
    QT_TRANSLATE_NOOP("Vocabulary", "Name"),
    QT_TRANSLATE_NOOP("Vocabulary", "ID number"),
    QT_TRANSLATE_NOOP("Vocabulary", "Roles"),
    QT_TRANSLATE_NOOP("Vocabulary", "Legal status"),
    QT_TRANSLATE_NOOP("Vocabulary", "Household region"),
    QT_TRANSLATE_NOOP("Vocabulary", "Links"),
    QT_TRANSLATE_NOOP("Vocabulary", "Card number"),
    QT_TRANSLATE_NOOP("Vocabulary", "Bank"),
    QT_TRANSLATE_NOOP("Vocabulary", "Holder"),
    QT_TRANSLATE_NOOP("Vocabulary", "Opened in"),
    QT_TRANSLATE_NOOP("Vocabulary", "Transactions"),
    QT_TRANSLATE_NOOP("Vocabulary", "Number"),
    QT_TRANSLATE_NOOP("Vocabulary", "Carrier"),
    QT_TRANSLATE_NOOP("Vocabulary", "Attribution"),
    QT_TRANSLATE_NOOP("Vocabulary", "Calls"),
    QT_TRANSLATE_NOOP("Vocabulary", "IMEI"),
    QT_TRANSLATE_NOOP("Vocabulary", "Model"),
    QT_TRANSLATE_NOOP("Vocabulary", "Type"),
    QT_TRANSLATE_NOOP("Vocabulary", "Region"),
    QT_TRANSLATE_NOOP("Vocabulary", "Members"),
    QT_TRANSLATE_NOOP("Vocabulary", "Organisation"),
    QT_TRANSLATE_NOOP("Vocabulary", "Account"),
    QT_TRANSLATE_NOOP("Vocabulary", "Platform"),
    QT_TRANSLATE_NOOP("Vocabulary", "Address"),
    QT_TRANSLATE_NOOP("Vocabulary", "Chain"),
)

# Import fields (workbench.intake.columns.FIELD_LABELS), for the mapping dialog.
_FIELDS = (
    QT_TRANSLATE_NOOP("Fields", "card or account number"),
    QT_TRANSLATE_NOOP("Fields", "account holder"),
    QT_TRANSLATE_NOOP("Fields", "ID number"),
    QT_TRANSLATE_NOOP("Fields", "date and time"),
    QT_TRANSLATE_NOOP("Fields", "date"),
    QT_TRANSLATE_NOOP("Fields", "time of day"),
    QT_TRANSLATE_NOOP("Fields", "debit/credit"),
    QT_TRANSLATE_NOOP("Fields", "amount"),
    QT_TRANSLATE_NOOP("Fields", "amount in"),
    QT_TRANSLATE_NOOP("Fields", "amount out"),
    QT_TRANSLATE_NOOP("Fields", "balance"),
    QT_TRANSLATE_NOOP("Fields", "currency"),
    QT_TRANSLATE_NOOP("Fields", "serial number"),
    QT_TRANSLATE_NOOP("Fields", "counterparty account"),
    QT_TRANSLATE_NOOP("Fields", "counterparty name"),
    QT_TRANSLATE_NOOP("Fields", "counterparty ID number"),
    QT_TRANSLATE_NOOP("Fields", "counterparty bank"),
    QT_TRANSLATE_NOOP("Fields", "summary"),
    QT_TRANSLATE_NOOP("Fields", "channel"),
    QT_TRANSLATE_NOOP("Fields", "place"),
    QT_TRANSLATE_NOOP("Fields", "cash flag"),
    QT_TRANSLATE_NOOP("Fields", "IP address"),
    QT_TRANSLATE_NOOP("Fields", "MAC address"),
    QT_TRANSLATE_NOOP("Fields", "bank"),
    QT_TRANSLATE_NOOP("Fields", "own number"),
    QT_TRANSLATE_NOOP("Fields", "other number"),
    QT_TRANSLATE_NOOP("Fields", "calling number"),
    QT_TRANSLATE_NOOP("Fields", "called number"),
    QT_TRANSLATE_NOOP("Fields", "call type"),
    QT_TRANSLATE_NOOP("Fields", "start time"),
    QT_TRANSLATE_NOOP("Fields", "duration"),
    QT_TRANSLATE_NOOP("Fields", "cell"),
    QT_TRANSLATE_NOOP("Fields", "LAC"),
    QT_TRANSLATE_NOOP("Fields", "CI"),
    QT_TRANSLATE_NOOP("Fields", "cell address"),
    QT_TRANSLATE_NOOP("Fields", "IMEI"),
    QT_TRANSLATE_NOOP("Fields", "IMSI"),
    QT_TRANSLATE_NOOP("Fields", "roaming area"),
    QT_TRANSLATE_NOOP("Fields", "name"),
    QT_TRANSLATE_NOOP("Fields", "phone number"),
    QT_TRANSLATE_NOOP("Fields", "region"),
    QT_TRANSLATE_NOOP("Fields", "note"),
    QT_TRANSLATE_NOOP("Fields", "posting date"),
    QT_TRANSLATE_NOOP("Fields", "status"),
    QT_TRANSLATE_NOOP("Fields", "transaction type"),
    QT_TRANSLATE_NOOP("Fields", "fund status"),
    QT_TRANSLATE_NOOP("Fields", "linked bank card"),
    QT_TRANSLATE_NOOP("Fields", "voice or SMS"),
    QT_TRANSLATE_NOOP("Fields", "cell longitude"),
    QT_TRANSLATE_NOOP("Fields", "cell latitude"),
)

# Notes the importer puts on the regions it infers (workbench.intake.importer).
_REGION_NOTES = (
    QT_TRANSLATE_NOOP("Vocabulary", "inferred from the ID number"),
    QT_TRANSLATE_NOOP("Vocabulary", "inferred from the number segment"),
)

KIND_SINGULAR = {
    Kind.PERSON: "person",
    Kind.PHONE_CARD: "phone card",
    Kind.BANK_CARD: "bank card",
    Kind.DEVICE: "device",
    Kind.ORGANISATION: "organisation",
    Kind.PAYMENT_ACCOUNT: "payment account",
    Kind.CRYPTO_WALLET: "crypto wallet",
}
KIND_PLURAL = {
    Kind.PERSON: "People",
    Kind.PHONE_CARD: "Phone cards",
    Kind.BANK_CARD: "Bank cards",
    Kind.DEVICE: "Devices",
    Kind.ORGANISATION: "Organisations",
    Kind.PAYMENT_ACCOUNT: "Payment accounts",
    Kind.CRYPTO_WALLET: "Crypto wallets",
}


def tr(source: str) -> str:
    """Translate a vocabulary source string."""
    return QCoreApplication.translate(CONTEXT, source)


def kind_label(kind: Kind | str, plural: bool = False) -> str:
    kind = Kind(kind)
    return tr((KIND_PLURAL if plural else KIND_SINGULAR)[kind])


def _vocab_label(vocabulary, code: str) -> str:
    for t in vocabulary:
        if t.code == code:
            return tr(t.en)
    return code


def role_label(code: str) -> str:
    return _vocab_label(ROLES, code)


def culpability_label(code: str) -> str:
    return _vocab_label(CULPABILITY, code) if code else ""


def status_label(code: str) -> str:
    return _vocab_label(LEGAL_STATUS, code) if code else ""


def reason_label(code: str) -> str:
    return _vocab_label(REGION_REASONS, code)


def org_type_label(code: str) -> str:
    return _vocab_label(ORGANISATION_TYPES, code) if code else ""


def platform_label(code: str) -> str:
    """A payment platform (``alipay``) in the user's language."""
    return _vocab_label(PAYMENT_PLATFORMS, code) if code else ""


def chain_label(code: str) -> str:
    """A crypto chain (``tron``) in the user's language."""
    return _vocab_label(CRYPTO_CHAINS, code) if code else ""


def key_display(kind: Kind | str, key: str | None) -> str:
    """A natural key as a column or field shows it: a payment account or wallet without
    the platform or chain prefix its own column shows."""
    if not key:
        return ""
    if Kind(kind) in (Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET):
        return key.partition(":")[2] or key
    return key


def link_type_label(code: str, types: list[tuple] | None = None) -> str:
    """A link type in the user's language; analyst-defined types show their own names."""
    for t in types or ():
        if t[0] == code:
            if t[4]:  # builtin
                return tr(t[1])
            return analyst_type_name(t[1], t[2])
    return tr(code.replace("_", " "))


def chinese_ui() -> bool:
    """Whether the interface runs in Chinese (i18n.install_language sets the default locale)."""
    return QLocale().language() == QLocale.Language.Chinese


def analyst_type_name(en: str, zh: str) -> str:
    """An analyst-defined link type carries its own names in both languages."""
    return zh if chinese_ui() else en


def column_label(kind: Kind, code: str) -> str:
    for c, en in BROWSE_COLUMNS[Kind(kind)]:
        if c == code:
            return tr(en)
    return code


def region_note_label(note: str) -> str:
    """Where a region placement came from, in the user's language."""
    return tr(note)


#: Names the program gives things it makes in a case, stored in the language the interface
#: had then: each English source with the Chinese spellings a case may hold. They are shown
#: in the interface's language now, whichever language wrote them.
DEFAULT_NAMES = {
    ("ChartPanel", "Gang overview"): ("团伙总览",),
}
# Strings of Qt's own file dialog that Qt's Chinese catalogue (qtbase_zh_CN) lacks: the
# dialog's labels carry mnemonics the catalogue's entries do not. Our catalogue is asked
# first, so these fill the gaps.
_QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
)

_STORED_NAMES = (QT_TRANSLATE_NOOP("Vocabulary", "owner unknown ({where})"),)
#: A placeholder account's name, "owner unknown (<file>)" (workbench.intake.importer).
_OWNER_UNKNOWN = re.compile(r"^owner unknown \((?P<where>.*)\)$")


def stored_name_label(name: str) -> str:
    """A name the program stored (a default chart's, a placeholder account's) in the user's
    language; any other name as it is."""
    if not name:
        return name
    for (context, source), spellings in DEFAULT_NAMES.items():
        if name == source or name in spellings:
            return QCoreApplication.translate(context, source)
    m = _OWNER_UNKNOWN.match(name)
    if m:
        return QCoreApplication.translate("Vocabulary", "owner unknown ({where})").format(
            where=m.group("where")
        )
    return name


def field_label(field: str) -> str:
    """An import field (``counterpart_card``) in the user's language."""
    from workbench.intake.columns import FIELD_LABELS

    en = FIELD_LABELS.get(field, ("", field))[1]
    return QCoreApplication.translate("Fields", en)


def marked_fields() -> frozenset[str]:
    return frozenset(_FIELDS)


def marked_sources() -> frozenset[str]:
    """Every source string marked above (the architecture test checks coverage)."""
    return frozenset(_MARKED)
