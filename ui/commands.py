"""Every edit of the case is one of these commands on the QUndoStack.

A command records what it needs to undo when it is built or first applied; only
``apply``/``revert`` touch the case, through the store, which audits each write.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from workbench.errors import NotFoundError
from workbench.model import Kind
from workbench.store import CaseStore, EntitySnapshot, MergeRecord


class StoreCommand(QUndoCommand):
    """Base: the first ``redo`` (done by QUndoStack.push) is skipped after ``apply_first``.

    Subclasses define ``apply`` and ``revert``.
    """

    def __init__(self, store: CaseStore, text: str):
        super().__init__(text)
        self.store = store
        self._applied_once = False

    def apply_first(self) -> None:
        self.apply()
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()

    def conflict(self) -> str:
        """Why this command may not be undone now ("" when it may): on a server case,
        another analyst may have changed the same thing since."""
        return ""


def changed_since(who: str, what: str) -> str:
    """The message of an undo refused because ``who`` changed ``what`` after this edit."""
    return QCoreApplication.translate(
        "Commands", "Not undone: {who} has changed {name} since. Look at its new value first."
    ).format(who=who or QCoreApplication.translate("Commands", "someone"), name=what)


class AddEntity(StoreCommand):
    """Create an entity; undo deletes it, redo puts the same entity (same id) back."""

    def __init__(self, store: CaseStore, kind: Kind | str, key: str | None, name: str, **fields):
        label = name or key or ""
        super().__init__(
            store, QCoreApplication.translate("Commands", "Add {name}").format(name=label)
        )
        self.kind, self.key, self.name, self.fields = Kind(kind), key, name, fields
        self.entity_id: int | None = None
        self._snapshot: EntitySnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.entity_id = self.store.add_entity(self.kind, self.key, self.name, **self.fields)
        else:
            self.store.restore_entity(self._snapshot)
        self._made = _values(self.store.entity(self.entity_id))

    def revert(self) -> None:
        self._snapshot = self.store.delete_entity(self.entity_id)

    def conflict(self) -> str:
        # Undo deletes the entity: not once someone else has worked on it.
        if not self.store.has_entity(self.entity_id):
            return ""
        now = self.store.entity(self.entity_id)
        if _values(now) == self._made:
            return ""
        return changed_since(self.store.last_editor(self.entity_id), now.display)


def _values(entity) -> object:
    """An entity's values, without when it was last written or how often."""
    return replace(entity, updated_at="", version=0)


class MergeEntities(StoreCommand):
    """Make ``absorb_id`` part of ``keep_id`` (a placeholder owner into the real account, a
    masked card into its full number); undo splits them again exactly as they were."""

    def __init__(self, store: CaseStore, keep_id: int, absorb_id: int):
        keep, absorbed = store.entity(keep_id), store.entity(absorb_id)
        super().__init__(
            store,
            QCoreApplication.translate("Commands", "Merge {absorbed} into {keep}").format(
                absorbed=absorbed.display, keep=keep.display
            ),
        )
        self.keep_id, self.absorb_id = keep_id, absorb_id
        self.record: MergeRecord | None = None

    def apply(self) -> None:
        self.record = self.store.merge_entities(self.keep_id, self.absorb_id)

    def revert(self) -> None:
        self.store.unmerge_entities(self.record)


class EditEntity(StoreCommand):
    """Change fields of an entity (name, roles, status, notes, regions, ...)."""

    def __init__(self, store: CaseStore, entity_id: int, text: str = "", seen=None, **changes):
        # ``seen`` is the entity as the analyst was shown it: on a server case, an edit
        # made against a value another analyst has since changed is refused.
        entity = seen if seen is not None else store.entity(entity_id)
        super().__init__(
            store,
            text
            or QCoreApplication.translate("Commands", "Edit {name}").format(name=entity.display),
        )
        self.entity_id = entity_id
        self.new = changes
        self.old = {k: getattr(entity, k) for k in changes}
        self._based_on: int | None = entity.version

    def apply(self) -> None:
        # Only the first apply is checked against the version shown; undo and redo are
        # checked by ``conflict`` against the values this command wrote.
        self.store.update_entity(self.entity_id, expected_version=self._based_on, **self.new)
        self._based_on = None
        after = self.store.entity(self.entity_id)
        self.after = {k: getattr(after, k) for k in self.new}

    def revert(self) -> None:
        self.store.update_entity(self.entity_id, **self.old)

    def conflict(self) -> str:
        if not self.store.has_entity(self.entity_id):
            return ""
        now = self.store.entity(self.entity_id)
        if all(getattr(now, k) == v for k, v in self.after.items()):
            return ""
        return changed_since(self.store.last_editor(self.entity_id), now.display)


class DeleteEntity(StoreCommand):
    """Delete an entity with its links; undo restores both."""

    def __init__(self, store: CaseStore, entity_id: int):
        entity = store.entity(entity_id)
        super().__init__(
            store,
            QCoreApplication.translate("Commands", "Delete {name}").format(name=entity.display),
        )
        self.entity_id = entity_id
        self._snapshot: EntitySnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.store.delete_entity(self.entity_id)

    def revert(self) -> None:
        self.store.restore_entity(self._snapshot)


class AddLink(StoreCommand):
    """Link two entities; undo removes the link, redo restores it with the same id."""

    def __init__(self, store: CaseStore, type: str, source_id: int, target_id: int, **fields):
        a, b = store.entity(source_id).display, store.entity(target_id).display
        super().__init__(
            store, QCoreApplication.translate("Commands", "Link {a} to {b}").format(a=a, b=b)
        )
        self.type, self.source_id, self.target_id, self.fields = type, source_id, target_id, fields
        self.link_id: int | None = None
        self._link = None

    def apply(self) -> None:
        if self._link is None:
            self.link_id = self.store.add_link(
                self.type, self.source_id, self.target_id, **self.fields
            )
        else:
            self.store.restore_link(self._link)
        link = self.store.link(self.link_id)
        self.after = {k: getattr(link, k) for k in _LINK_FIELDS}

    def revert(self) -> None:
        self._link = self.store.delete_link(self.link_id)

    def conflict(self) -> str:
        return _link_conflict(self.store, self.link_id, self.after)


class EditLink(StoreCommand):
    """Change a link's type, confidence or note."""

    def __init__(self, store: CaseStore, link_id: int, **changes):
        super().__init__(store, QCoreApplication.translate("Commands", "Edit link"))
        link = store.link(link_id)
        self.link_id = link_id
        self.new = changes
        self.old = {k: getattr(link, k) for k in changes}

    def apply(self) -> None:
        self.store.update_link(self.link_id, **self.new)
        after = self.store.link(self.link_id)
        self.after = {k: getattr(after, k) for k in self.new}

    def revert(self) -> None:
        self.store.update_link(self.link_id, **self.old)

    def conflict(self) -> str:
        return _link_conflict(self.store, self.link_id, self.after)


#: What an analyst edits on a link.
_LINK_FIELDS = ("type", "confidence", "note")


def _link_conflict(store: CaseStore, link_id: int, after: dict) -> str:
    """Why a command on a link may not be undone: someone changed or deleted it since."""
    try:
        now = store.link(link_id)
    except NotFoundError:
        now = None
    if now is not None and all(getattr(now, k) == v for k, v in after.items()):
        return ""
    return changed_since(
        store.last_editor_of("link", link_id), QCoreApplication.translate("Commands", "the link")
    )


class DeleteLink(StoreCommand):
    """Delete a link; undo restores it."""

    def __init__(self, store: CaseStore, link_id: int):
        super().__init__(store, QCoreApplication.translate("Commands", "Delete link"))
        self.link_id = link_id
        self._link = None

    def apply(self) -> None:
        self._link = self.store.delete_link(self.link_id)

    def revert(self) -> None:
        self.store.restore_link(self._link)


class AddLinkType(StoreCommand):
    """Define an analyst's own link type; undo removes it again."""

    def __init__(self, store: CaseStore, code: str, en: str, zh: str = "", directed=True):
        super().__init__(
            store, QCoreApplication.translate("Commands", "Add link type {name}").format(name=en)
        )
        self.args = (code, en, zh, directed)

    def apply(self) -> None:
        self.store.add_link_type(*self.args)

    def revert(self) -> None:
        self.store.delete_link_type(self.args[0])


class ImportEvidence(StoreCommand):
    """An import, already run (off the GUI thread) when pushed. Undo takes back everything
    its batches wrote; redo imports the same files with the same mappings again."""

    def __init__(self, store: CaseStore, plans, summary, rerun):
        files = [f.file for f in summary.files if f.batch_id is not None]
        super().__init__(
            store,
            QCoreApplication.translate("Commands", "Import {files}").format(
                files=", ".join(files[:2]) + ("…" if len(files) > 2 else "")
            ),
        )
        self.plans = plans
        self.batches = [f.batch_id for f in summary.files if f.batch_id is not None]
        self._rerun = rerun
        self._applied_once = True  # the wizard ran it

    def apply(self) -> None:
        summary = self._rerun(self.plans)
        self.batches = [f.batch_id for f in summary.files if f.batch_id is not None]

    def revert(self) -> None:
        self.store.remove_batches(self.batches)
