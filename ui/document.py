"""The open case as the Qt side sees it: the store, its undo stack and a change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench.store import CaseStore, Changed

from .commands import StoreCommand


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
