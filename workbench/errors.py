"""Typed errors of the case layer. Each carries the facts; the UI turns them into words."""

from __future__ import annotations


class CaseError(Exception):
    """Base class of everything the case store raises on purpose."""


class CaseFileError(CaseError):
    """The file cannot be used as a case."""

    def __init__(self, path, reason: str, detail: str = ""):
        self.path = str(path)
        self.reason = reason
        self.detail = detail
        super().__init__(f"{self.path}: {reason}" + (f" ({detail})" if detail else ""))


class NotACaseError(CaseFileError):
    """The file exists but is not a Zhanlian case (another SQLite file, a spreadsheet...)."""

    def __init__(self, path, detail: str = ""):
        super().__init__(path, "not a Zhanlian case file", detail)


class CorruptCaseError(CaseFileError):
    """The file claims to be SQLite but cannot be read: damaged or truncated."""

    def __init__(self, path, detail: str = ""):
        super().__init__(path, "the case file is damaged", detail)


class NewerCaseError(CaseFileError):
    """The case was written by a newer Zhanlian; opening it could lose what it knows."""

    def __init__(self, path, file_version: int, supported: int):
        self.file_version = file_version
        self.supported = supported
        super().__init__(
            path,
            "written by a newer version of Zhanlian",
            f"case schema {file_version}, this program reads up to {supported}",
        )


class ReadOnlyError(CaseError):
    """A write was attempted on a case opened read-only."""


class ValidationError(CaseError):
    """A value does not fit the field it is meant for."""

    def __init__(self, field: str, value, reason: str):
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field} {value!r}: {reason}")


class DuplicateKeyError(CaseError):
    """An entity with this natural key exists already."""

    def __init__(self, kind: str, key: str, existing_id: int):
        self.kind = kind
        self.key = key
        self.existing_id = existing_id
        super().__init__(f"{kind} {key} exists already (#{existing_id})")


class NotFoundError(CaseError):
    """No row with that id."""

    def __init__(self, what: str, ident):
        self.what = what
        self.ident = ident
        super().__init__(f"no {what} {ident!r}")


class EntityInUseError(CaseError):
    """An entity cannot be deleted because evidence (transactions, calls) refers to it."""

    def __init__(self, entity_id: int, transactions: int, calls: int):
        self.entity_id = entity_id
        self.transactions = transactions
        self.calls = calls
        super().__init__(
            f"entity #{entity_id} appears in {transactions} transactions and {calls} calls"
        )
