"""Typed errors of workbench, told in the user's language with the facts they carry."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench import identifiers as ids
from workbench.errors import (
    CaseBusyError,
    CaseFileError,
    DuplicateKeyError,
    EditConflictError,
    EntityInUseError,
    LockError,
    LockHeldError,
    NewerCaseError,
    NotFoundError,
    ReadOnlyError,
    RecoveryError,
    ValidationError,
)

from . import labels


def describe_identifier_error(e: ids.IdentifierError) -> str:
    """An identifier that failed validation, with its value and the reason."""
    reasons = {
        "empty": QCoreApplication.translate("Identifiers", "empty"),
        "not_a_string": QCoreApplication.translate("Identifiers", "not text"),
        "bad_length": QCoreApplication.translate("Identifiers", "wrong length"),
        "not_digits": QCoreApplication.translate("Identifiers", "not all digits"),
        "bad_check_digit": QCoreApplication.translate("Identifiers", "check digit does not match"),
        "bad_region": QCoreApplication.translate("Identifiers", "unknown region code"),
        "bad_birth_date": QCoreApplication.translate("Identifiers", "impossible birth date"),
        "bad_prefix": QCoreApplication.translate("Identifiers", "not a mainland mobile number"),
        "imeisv": QCoreApplication.translate("Identifiers", "16 digits: an IMEISV, not an IMEI"),
        "unknown_platform": QCoreApplication.translate(
            "Identifiers", "unknown payment platform (write it as platform:account)"
        ),
        "unknown_chain": QCoreApplication.translate(
            "Identifiers", "unknown chain (TRON, Ethereum or Bitcoin)"
        ),
        "not_an_address": QCoreApplication.translate(
            "Identifiers", "not a TRON, Ethereum or Bitcoin address"
        ),
    }
    return f"{e.value!r}: {reasons.get(e.reason, e.reason)}"


def describe_case_error(e: BaseException) -> str:
    """Any error that opening a case or editing it can raise, as a sentence for a message box."""
    if isinstance(e, NewerCaseError):
        return QCoreApplication.translate(
            "CaseErrors",
            "{path} was written by a newer version of Zhanlian (case schema {v}; this "
            "version reads up to {s}). Open it with the newer version.",
        ).format(path=e.path, v=e.file_version, s=e.supported)
    if isinstance(e, CaseFileError):
        reasons = {
            "not a Zhanlian case file": QCoreApplication.translate(
                "CaseErrors", "it is not a Zhanlian case file"
            ),
            "the case file is damaged": QCoreApplication.translate(
                "CaseErrors", "the case file is damaged"
            ),
            "not a regular file": QCoreApplication.translate(
                "CaseErrors", "it is not a regular file (a pipe, device or socket)"
            ),
            "no permission to read the file": QCoreApplication.translate(
                "CaseErrors", "you do not have permission to read it"
            ),
        }
        text = QCoreApplication.translate("CaseErrors", "Cannot open {path}: {reason}.").format(
            path=e.path, reason=reasons.get(e.reason, e.reason)
        )
        return text + (f"\n({e.detail})" if e.detail else "")
    if isinstance(e, LockHeldError):
        return QCoreApplication.translate(
            "CaseErrors",
            "{path} is open in a running session ({who}); its lock cannot be broken. "
            "Close the case there first.",
        ).format(path=e.path, who=e.holder.describe() if e.holder else "?")
    if isinstance(e, LockError):
        return QCoreApplication.translate("CaseErrors", "The lock of {path}: {reason}.").format(
            path=e.path, reason=e.reason
        )
    if isinstance(e, RecoveryError):
        return QCoreApplication.translate(
            "CaseErrors", "Nothing could be recovered from {path}: {reason}."
        ).format(path=e.path, reason=e.reason)
    if isinstance(e, FileExistsError):
        return QCoreApplication.translate("CaseErrors", "{path} exists already.").format(
            path=e.filename or (e.args[0] if e.args else "")
        )
    if isinstance(e, PermissionError):
        return QCoreApplication.translate("CaseErrors", "No permission: {path} ({reason}).").format(
            path=e.filename or "", reason=e.strerror or ""
        )
    if isinstance(e, FileNotFoundError):
        return QCoreApplication.translate("CaseErrors", "Cannot open {path}: no such file.").format(
            path=e.filename or (e.args[0] if e.args else "")
        )
    if isinstance(e, ids.IdentifierError):
        return describe_identifier_error(e)
    if isinstance(e, DuplicateKeyError):
        return QCoreApplication.translate(
            "CaseErrors", "A {kind} with the number {key} is already in the case."
        ).format(kind=labels.kind_label(e.kind), key=e.key)
    if isinstance(e, EntityInUseError):
        return QCoreApplication.translate(
            "CaseErrors",
            "This entity appears in {t} transactions and {c} calls of the evidence, "
            "so it cannot be deleted.",
        ).format(t=e.transactions, c=e.calls)
    if isinstance(e, ReadOnlyError):
        return QCoreApplication.translate(
            "CaseErrors", "The case is open read-only; nothing was changed."
        )
    if isinstance(e, CaseBusyError):
        who = e.by or QCoreApplication.translate("CaseErrors", "another analyst")
        if e.action == "import":
            return QCoreApplication.translate(
                "CaseErrors",
                "{who} is importing into this case; nothing was saved. You can go on reading; "
                "make the edit again when the import has ended.",
            ).format(who=who)
        return QCoreApplication.translate(
            "CaseErrors",
            "{who} is writing to this case; nothing was saved. Make the edit again in a moment.",
        ).format(who=who)
    if isinstance(e, EditConflictError):
        who = e.by or QCoreApplication.translate("CaseErrors", "another analyst")
        return QCoreApplication.translate(
            "CaseErrors",
            "{who} changed this since you opened it; nothing was saved. "
            "Its new value is shown now: make your edit again on it.",
        ).format(who=who)
    if isinstance(e, NotFoundError):
        return QCoreApplication.translate(
            "CaseErrors", "It is no longer in the case (deleted meanwhile?)."
        )
    if isinstance(e, ValidationError):
        return QCoreApplication.translate("CaseErrors", "{field} {value} is not valid.").format(
            field=e.field, value=repr(e.value)
        )
    return str(e)


# The records layer states rejections in stable English ("amount: not a number"); they are
# stored that way in the case and translated here, at display.
_SUBJECTS = {
    "amount": QT_TRANSLATE_NOOP("Rejections", "amount"),
    "call type": QT_TRANSLATE_NOOP("Rejections", "call type"),
    "date": QT_TRANSLATE_NOOP("Rejections", "date"),
    "direction": QT_TRANSLATE_NOOP("Rejections", "direction"),
    "direction (constant)": QT_TRANSLATE_NOOP("Rejections", "direction (constant)"),
    "duration": QT_TRANSLATE_NOOP("Rejections", "duration"),
    "start time": QT_TRANSLATE_NOOP("Rejections", "start time"),
    "time": QT_TRANSLATE_NOOP("Rejections", "time"),
    "card number": QT_TRANSLATE_NOOP("Rejections", "card number"),
    "card number (from title)": QT_TRANSLATE_NOOP("Rejections", "card number (from title)"),
    "ID number": QT_TRANSLATE_NOOP("Rejections", "ID number"),
    "IMEI": QT_TRANSLATE_NOOP("Rejections", "IMEI"),
    "phone": QT_TRANSLATE_NOOP("Rejections", "phone"),
    "own number": QT_TRANSLATE_NOOP("Rejections", "own number"),
    "other number": QT_TRANSLATE_NOOP("Rejections", "other number"),
    "balance": QT_TRANSLATE_NOOP("Rejections", "balance"),
    "account": QT_TRANSLATE_NOOP("Rejections", "account"),
    "account (from title)": QT_TRANSLATE_NOOP("Rejections", "account (from title)"),
    "caller and callee": QT_TRANSLATE_NOOP("Rejections", "caller and callee"),
}
_PROBLEMS = {
    "not a number": QT_TRANSLATE_NOOP("Rejections", "not a number"),
    "not a date": QT_TRANSLATE_NOOP("Rejections", "not a date"),
    "not a time": QT_TRANSLATE_NOOP("Rejections", "not a time"),
    "unknown debit/credit mark": QT_TRANSLATE_NOOP("Rejections", "unknown debit/credit mark"),
    "not a duration": QT_TRANSLATE_NOOP("Rejections", "not a duration"),
    "unknown call type": QT_TRANSLATE_NOOP("Rejections", "unknown call type"),
    "both in and out given": QT_TRANSLATE_NOOP("Rejections", "both in and out given"),
    "not an IMEI": QT_TRANSLATE_NOOP("Rejections", "not an IMEI"),
    "not a phone number": QT_TRANSLATE_NOOP("Rejections", "not a phone number"),
    "set it in the mapping": QT_TRANSLATE_NOOP("Rejections", "set it in the mapping"),
    # identifier reason codes (workbench.identifiers.REASONS)
    "bad_length": QT_TRANSLATE_NOOP("Rejections", "wrong length"),
    "not_digits": QT_TRANSLATE_NOOP("Rejections", "not all digits"),
    "bad_check_digit": QT_TRANSLATE_NOOP("Rejections", "check digit does not match"),
    "bad_region": QT_TRANSLATE_NOOP("Rejections", "unknown region code"),
    "bad_birth_date": QT_TRANSLATE_NOOP("Rejections", "impossible birth date"),
    "bad_prefix": QT_TRANSLATE_NOOP("Rejections", "not a mainland mobile number"),
    "imeisv": QT_TRANSLATE_NOOP("Rejections", "16 digits: an IMEISV, not an IMEI"),
    "too_large": QT_TRANSLATE_NOOP("Rejections", "beyond any real figure"),
    "scientific notation (digits lost)": QT_TRANSLATE_NOOP(
        "Rejections", "scientific notation (digits lost)"
    ),
    "missing account": QT_TRANSLATE_NOOP("Rejections", "missing account"),
}
_WHOLE = {
    "repeated header row": QT_TRANSLATE_NOOP("Rejections", "repeated header row"),
    "total or footer line, not a record": QT_TRANSLATE_NOOP(
        "Rejections", "total or footer line, not a record"
    ),
    "no identifier (ID number, phone, card or IMEI)": QT_TRANSLATE_NOOP(
        "Rejections", "no identifier (ID number, phone, card or IMEI)"
    ),
}
_MISSING = QT_TRANSLATE_NOOP("Rejections", "missing {what}")
_TOO_FEW = QT_TRANSLATE_NOOP("Rejections", "too few cells ({n}, header has {m})")
_TOO_MANY = QT_TRANSLATE_NOOP("Rejections", "too many cells ({n}, header has {m})")
_SUBJECT_PROBLEM = QT_TRANSLATE_NOOP("Rejections", "{subject}: {problem}")


def _is_chinese() -> bool:
    return QCoreApplication.translate("Rejections", "amount") != "amount"


def describe_rejection(reason: str) -> str:
    """A rejected row's reason in the user's language (unknown parts stay as stored).

    The stored forms are 'missing <subject>', '<subject>: <problem>', 'too few cells (n,
    header has m)' and a few whole-row reasons.
    """

    def tr(text: str) -> str:
        return QCoreApplication.translate("Rejections", text)

    if "; " in reason:
        # Every bad cell of the row: "time: not a date; amount: not a number (交易金额='x')".
        parts = []
        for part in reason.split("; "):
            cell = re.fullmatch(r"(.*?) (\(.*=.*\))", part)
            text, where = (cell.group(1), " " + cell.group(2)) if cell else (part, "")
            parts.append(describe_rejection(text) + where)
        return "；".join(parts) if _is_chinese() else "; ".join(parts)
    if reason in _WHOLE:
        return tr(_WHOLE[reason])
    if reason.startswith("missing ") and reason[8:] in _SUBJECTS:
        return tr(_MISSING).format(what=tr(_SUBJECTS[reason[8:]]))
    cells = re.fullmatch(r"too (few|many) cells \((\d+), header has (\d+)\)", reason)
    if cells:
        text = _TOO_FEW if cells.group(1) == "few" else _TOO_MANY
        return tr(text).format(n=cells.group(2), m=cells.group(3))
    subject, sep, problem = reason.partition(": ")
    if sep and subject in _SUBJECTS:
        shown = tr(_PROBLEMS[problem]) if problem in _PROBLEMS else problem
        return tr(_SUBJECT_PROBLEM).format(subject=tr(_SUBJECTS[subject]), problem=shown)
    return reason
