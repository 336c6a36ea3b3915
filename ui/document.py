"""The open case as the Qt side sees it: the store, its undo stack and a change signal."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from workbench.store import CaseStore, Changed

from .commands import AddLink, AddLinkType, StoreCommand


@dataclass(frozen=True)
class ChartOverlay:
    """What an analysis asks the link chart to show: entities to bring onto the chart and
    select, an optional score per entity (drawn as node size), and optional money flows
    (drawn as arrows with their amounts). ``title`` names the analysis it came from."""

    title: str
    entity_ids: tuple[int, ...] = ()
    scores: dict[int, float] = field(default_factory=dict)
    # (payer entity id, payee entity id, amount in fen, label such as "一级卡 14:05")
    flows: tuple[tuple[int, int, int, str], ...] = ()


#: How often a window on a server case looks for other analysts' changes (ms).
LIVE_POLL_MS = 250


class CaseDocument(QObject):
    """Wraps a ``CaseStore``; re-emits the store's committed changes as a Qt signal."""

    changed = Signal(object)  # workbench.store.Changed
    selection_changed = Signal(object)  # entity id or None
    #: every selected entity (the chart's rubber band, the browser's multi-selection)
    selection_set_changed = Signal(object)  # tuple[int, ...]
    #: an analysis panel asks the chart to show a result (ChartOverlay, or None to clear)
    overlay_changed = Signal(object)
    #: the time window the chart filters by and the timeline shows: (start, end) ISO or None
    time_window_changed = Signal(object)

    def __init__(self, store: CaseStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.selected: int | None = None
        self.selected_ids: tuple[int, ...] = ()
        self.overlay: ChartOverlay | None = None
        self.time_window: tuple[str, str] | None = None
        store.subscribe(self._on_store_changed)
        #: a server case: other analysts' commits, heard four times a second
        self.live_timer: QTimer | None = None
        if getattr(store, "backend", "sqlite") == "postgresql":
            self.live_timer = QTimer(self)
            self.live_timer.setInterval(LIVE_POLL_MS)
            self.live_timer.timeout.connect(self._on_live_timer_timeout)
            self.live_timer.start()

    def _on_live_timer_timeout(self) -> None:
        if not self.store.closed:
            self.store.poll_changes()  # the listeners (this document) hear each change

    def _on_store_changed(self, event: Changed) -> None:
        self.changed.emit(event)

    def push(self, command: StoreCommand) -> None:
        """Apply a command once, then put it on the undo stack.

        Applying first means a refused edit (a duplicate key, evidence that refers to an
        entity) raises here and never reaches the stack.
        """
        command.apply_first()
        self.undo_stack.push(command)

    def undo(self) -> str:
        """Undo the last command, unless someone has since changed what it changed (a
        server case): then nothing is undone and the reason is returned."""
        index = self.undo_stack.index()
        if index == 0:
            return ""
        command = self.undo_stack.command(index - 1)
        why = command.conflict() if isinstance(command, StoreCommand) else ""
        if not why:
            self.undo_stack.undo()
        return why

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
        self._set_selection(entity_id, () if entity_id is None else (entity_id,))

    def select_many(self, entity_ids) -> None:
        """Select several entities; the first becomes the current one the inspector shows."""
        ids = tuple(dict.fromkeys(i for i in entity_ids if self.store.has_entity(i)))
        self._set_selection(ids[0] if ids else None, ids)

    def _set_selection(self, current: int | None, ids: tuple[int, ...]) -> None:
        if ids != self.selected_ids:
            self.selected_ids = ids
            self.selection_set_changed.emit(ids)
        if current != self.selected:
            self.selected = current
            self.selection_changed.emit(current)

    def show_overlay(self, overlay: ChartOverlay | None) -> None:
        """Ask the chart to show an analysis result (or to clear it with ``None``)."""
        self.overlay = overlay
        self.overlay_changed.emit(overlay)

    def set_time_window(self, window: tuple[str, str] | None) -> None:
        """Set the time filter shared by the chart and the timeline."""
        if window != self.time_window:
            self.time_window = window
            self.time_window_changed.emit(window)

    def close(self) -> None:
        self.store.unsubscribe(self._on_store_changed)
        self.undo_stack.clear()
        self.store.close()
