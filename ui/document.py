"""The open case as the Qt side sees it: the store, its undo stack and a change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench.store import CaseStore, Changed

from .commands import AddLink, AddLinkType, StoreCommand


class CaseDocument(QObject):
    """Wraps a ``CaseStore``; re-emits the store's committed changes as a Qt signal."""

    changed = Signal(object)  # workbench.store.Changed
    selection_changed = Signal(object)  # entity id or None

    def __init__(self, store: CaseStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.selected: int | None = None
        store.subscribe(self._on_store_changed)

    def _on_store_changed(self, event: Changed) -> None:
        self.changed.emit(event)

    def push(self, command: StoreCommand) -> None:
        """Apply a command once, then put it on the undo stack.

        Applying first means a refused edit (a duplicate key, evidence that refers to an
        entity) raises here and never reaches the stack.
        """
        command.apply_first()
        self.undo_stack.push(command)

    def add_link(self, values: dict, new_type: tuple | None = None) -> None:
        """Push a new link, and first the analyst's new link type when there is one, as a
        single undo step."""
        values = dict(values)
        link = AddLink(
            self.store, values.pop("type"), values.pop("source_id"), values.pop("target_id"),
            **values,
        )  # fmt: skip
        if new_type is None:
            self.push(link)
            return
        self.undo_stack.beginMacro(link.text())
        try:
            self.push(AddLinkType(self.store, *new_type))
            self.push(link)
        finally:
            self.undo_stack.endMacro()

    def select(self, entity_id: int | None) -> None:
        if entity_id is not None and not self.store.has_entity(entity_id):
            entity_id = None
        if entity_id != self.selected:
            self.selected = entity_id
            self.selection_changed.emit(entity_id)

    def close(self) -> None:
        self.store.unsubscribe(self._on_store_changed)
        self.undo_stack.clear()
        self.store.close()
