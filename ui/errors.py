"""Typed errors of workbench, told in the user's language with the facts they carry."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench import identifiers as ids
from workbench.errors import (
    CaseFileError,
    DuplicateKeyError,
    EntityInUseError,
    NewerCaseError,
    NotFoundError,
    ReadOnlyError,
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
        }
        text = QCoreApplication.translate("CaseErrors", "Cannot open {path}: {reason}.").format(
            path=e.path, reason=reasons.get(e.reason, e.reason)
        )
        return text + (f"\n({e.detail})" if e.detail else "")
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
    if isinstance(e, NotFoundError):
        return QCoreApplication.translate(
            "CaseErrors", "It is no longer in the case (deleted meanwhile?)."
        )
    if isinstance(e, ValidationError):
        return QCoreApplication.translate("CaseErrors", "{field} {value} is not valid.").format(
            field=e.field, value=repr(e.value)
        )
    return str(e)
