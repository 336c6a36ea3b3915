"""Undo commands of the link chart. Each one changes the case through the store only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench.store import CaseStore, ChartSnapshot

from ..commands import StoreCommand, changed_since


class CreateChart(StoreCommand):
    """A new named chart, with its first items; undo deletes it, redo brings the same back."""

    def __init__(self, store: CaseStore, name: str, settings: dict | None = None, items=()):
        super().__init__(
            store, QCoreApplication.translate("ChartCommands", "New chart {name}").format(name=name)
        )
        self.name, self.settings, self.items = name, dict(settings or {}), list(items)
        self.chart_id: int | None = None
        self._snapshot: ChartSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.chart_id = self.store.create_chart(self.name, self.settings, self.items)
        else:
            self.store.restore_chart(self._snapshot)

    def revert(self) -> None:
        self._snapshot = self.store.delete_chart(self.chart_id)


class RenameChart(StoreCommand):
    def __init__(self, store: CaseStore, chart_id: int, name: str):
        super().__init__(
            store,
            QCoreApplication.translate("ChartCommands", "Rename chart to {name}").format(name=name),
        )
        self.chart_id, self.new, self.old = chart_id, name, store.chart(chart_id).name

    def apply(self) -> None:
        self.store.rename_chart(self.chart_id, self.new)

    def revert(self) -> None:
        self.store.rename_chart(self.chart_id, self.old)


class DeleteChart(StoreCommand):
    """Delete a chart (never the entities on it); undo puts it back as it was."""

    def __init__(self, store: CaseStore, chart_id: int):
        super().__init__(
            store,
            QCoreApplication.translate("ChartCommands", "Delete chart {name}").format(
                name=store.chart(chart_id).name
            ),
        )
        self.chart_id = chart_id
        self._snapshot: ChartSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.store.delete_chart(self.chart_id)

    def revert(self) -> None:
        self.store.restore_chart(self._snapshot)


class AddToChart(StoreCommand):
    """Put entities on a chart at given positions; undo takes off those it added."""

    def __init__(self, store: CaseStore, chart_id: int, items, text: str = ""):
        items = list(items)
        n = len(items)  # a plain name: lupdate does not see a numerus form given a call
        super().__init__(
            store,
            text
            or QCoreApplication.translate("ChartCommands", "Add %n item(s) to the chart", "", n),
        )
        self.chart_id, self.items = chart_id, items
        self.added: list[int] = []

    def apply(self) -> None:
        self.added = self.store.add_chart_items(self.chart_id, self.items)

    def revert(self) -> None:
        self.store.remove_chart_items(self.chart_id, self.added)


class RemoveFromChart(StoreCommand):
    """Take entities off a chart (they stay in the case); undo puts them back in place."""

    def __init__(self, store: CaseStore, chart_id: int, entity_ids):
        ids = list(entity_ids)
        n = len(ids)  # a plain name: lupdate does not see a numerus form given a call
        super().__init__(
            store,
            QCoreApplication.translate("ChartCommands", "Remove %n item(s) from the chart", "", n),
        )
        self.chart_id, self.entity_ids = chart_id, ids
        self._removed = []

    def apply(self) -> None:
        self._removed = self.store.remove_chart_items(self.chart_id, self.entity_ids)

    def revert(self) -> None:
        self.store.restore_chart_items(self._removed)


class MoveOnChart(StoreCommand):
    """Entities moved on a chart (a drag, or a layout). Old positions are recorded when
    built. Moves of the same entities that follow each other (arrow-key nudges) merge into
    one step; a drag is one command on its own."""

    ID = 0x7A4C

    def __init__(self, store: CaseStore, chart_id: int, new: dict, old: dict, text: str = "",
                 *, mergeable: bool = False):  # fmt: skip
        n = len(new)  # a plain name: lupdate does not see a numerus form given a call
        super().__init__(
            store, text or QCoreApplication.translate("ChartCommands", "Move %n item(s)", "", n)
        )
        self.chart_id = chart_id
        self.new = {int(k): (float(v[0]), float(v[1])) for k, v in new.items()}
        self.old = {int(k): (float(v[0]), float(v[1])) for k, v in old.items() if k in new}
        self.mergeable = mergeable

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.ID if self.mergeable else -1

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if not (
            isinstance(other, MoveOnChart)
            and other.mergeable
            and other.chart_id == self.chart_id
            and set(other.new) == set(self.new)
        ):
            return False
        self.new = dict(other.new)
        return True

    def apply(self) -> None:
        self.store.set_chart_positions(self.chart_id, self.new)

    def revert(self) -> None:
        self.store.set_chart_positions(self.chart_id, self.old)

    def conflict(self) -> str:
        # Another analyst moved some of the same entities since: their places stay.
        now = self.store.chart_positions(self.chart_id)
        moved = [
            eid for eid, (x, y) in self.new.items()
            if eid in now and (abs(now[eid][0] - x) > 1e-6 or abs(now[eid][1] - y) > 1e-6)
        ]  # fmt: skip
        if not moved:
            return ""
        return changed_since(
            self.store.last_editor_of("chart_item", self.chart_id),
            QCoreApplication.translate("ChartCommands", "the places of the items moved"),
        )


class SetChartSettings(StoreCommand):
    """Filters, layout choice and region areas of a chart. Consecutive changes of one chart
    (a slider being dragged) merge into one step."""

    ID = 0x7A4D

    def __init__(self, store: CaseStore, chart_id: int, settings: dict, text: str = ""):
        super().__init__(
            store, text or QCoreApplication.translate("ChartCommands", "Change chart filters")
        )
        self.chart_id = chart_id
        self.new = dict(settings)
        self.old = store.chart(chart_id).settings

    def id(self) -> int:  # noqa: A003
        return self.ID

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, SetChartSettings) or other.chart_id != self.chart_id:
            return False
        if other.text() != self.text():
            return False
        self.new = dict(other.new)
        return True

    def apply(self) -> None:
        self.store.set_chart_settings(self.chart_id, self.new)

    def revert(self) -> None:
        self.store.set_chart_settings(self.chart_id, self.old)
