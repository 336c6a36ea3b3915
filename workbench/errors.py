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


class KeyRequiredError(NotACaseError):
    """The file is no plain SQLite database: an encrypted case (open it with its
    passphrase) or not a case at all. Without the key the two cannot be told apart."""

    def __init__(self, path):
        CaseFileError.__init__(
            self, path, "encrypted or not a case",
            "if it is an encrypted case, give its passphrase",
        )  # fmt: skip


class WrongKeyError(CaseFileError):
    """The passphrase does not open this case (or the file is no encrypted case)."""

    def __init__(self, path):
        super().__init__(path, "wrong passphrase", "the passphrase does not open this case")


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


class SpecialFileError(CaseFileError):
    """The path names a pipe, a device or a socket: reading it could block for ever."""

    def __init__(self, path, file_type: str):
        self.file_type = file_type
        super().__init__(path, "not a regular file", file_type)


class DamagedCaseError(CorruptCaseError):
    """The case file opens but fails its check (``PRAGMA quick_check``, missing tables).

    ``problems`` lists what SQLite reported, first problem first.
    """

    def __init__(self, path, problems: list[str]):
        self.problems = list(problems)
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        super().__init__(path, (problems[0] if problems else "check failed") + more)


class LockError(CaseError):
    """The case's lock could not be taken or broken."""

    def __init__(self, path, reason: str, holder=None):
        self.path = str(path)
        self.reason = reason
        #: the ``LockInfo`` of whoever holds the case, when known
        self.holder = holder
        super().__init__(f"{self.path}: {reason}")


class LockHeldError(LockError):
    """A live process holds the case's lock: it cannot be broken from here."""

    def __init__(self, path, holder=None):
        super().__init__(path, "the case is open in a running session", holder)


class RecoveryError(CaseError):
    """Nothing could be recovered from a damaged case, or the new case could not be written."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnreadableCaseError(CaseFileError):
    """The operating system refuses to let this user read the file."""

    def __init__(self, path, detail: str = ""):
        super().__init__(path, "no permission to read the file", detail)


class ServerCaseError(CaseError):
    """A server case cannot be reached, found or used as asked; the message says why and
    what to do."""


class CaseBusyError(CaseError):
    """A write waited its turn too long: another session (an import, as a rule) holds the
    case's writing turn. Nothing was written. ``by`` names who, ``action`` what they do."""

    def __init__(self, ident, by: str = "", action: str = "", waited: float = 0.0):
        self.ident, self.by, self.action, self.waited = ident, by, action, waited
        who = f"{by} ({action})" if by and action else by or "another session"
        super().__init__(
            f"{ident}: {who} is writing to the case; nothing was written after waiting "
            f"{waited:g} s. Reading goes on; try the edit again when it ends."
        )


class EditConflictError(CaseError):
    """Another analyst changed what this edit was based on since it was read: nothing was
    written. ``by`` names them, ``current`` is the value as it stands now."""

    def __init__(self, what: str, ident, by: str = "", current=None):
        self.what, self.ident, self.by, self.current = what, ident, by, current
        who = f" by {by}" if by else ""
        super().__init__(
            f"{what} {ident} was changed{who} since you read it; nothing was written. "
            "Look at its new value and make your edit again."
        )
