"""Chart filters: by kind, role, region, legal status, time window, amount and calls.

``filter_state`` is the rule, on plain data; ``ChartFilterPanel`` is the widget the analyst
sets it with. Filtered-out entities are dimmed or hidden, as the analyst chooses.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.layout import ChartEdge, ChartNode
from workbench.model import LEGAL_STATUS, ROLES, Kind

from .. import labels
from .canvas import DIMMED, HIDDEN, SHOWN

#: The filters of a new chart: everything passes.
DEFAULT_FILTERS = {
    "kinds": [],  # empty: every kind
    "roles": [],
    "regions": [],
    "statuses": [],
    "min_amount_yuan": 0.0,
    "min_calls": 0,
    "hide": False,
}


def filter_state(
    ids: list[int],
    nodes: dict[int, ChartNode],
    area_of: dict[int, str],
    edges: list[ChartEdge],
    filters: dict,
) -> tuple[np.ndarray, np.ndarray]:
    """Per entity (in ``ids`` order): shown, dimmed or hidden; per edge: passes or not.

    A card, phone or handset without roles or status of its own is judged by its holder's.
    Money links below the minimum amount and call links below the minimum number of calls
    fail; an entity with money or calls none of which pass is filtered out too.
    """
    f = {**DEFAULT_FILTERS, **(filters or {})}
    if f == DEFAULT_FILTERS or {**f, "hide": False} == {**DEFAULT_FILTERS, "hide": False}:
        # Nothing filtered: no need to look at 20,000 entities one by one.
        return np.full(len(ids), SHOWN, dtype=np.int8), np.ones(len(edges), dtype=bool)
    kinds = set(f["kinds"])
    roles = set(f["roles"])
    regions = set(f["regions"])
    statuses = set(f["statuses"])
    out = HIDDEN if f["hide"] else DIMMED
    state = np.full(len(ids), SHOWN, dtype=np.int8)
    for i, eid in enumerate(ids):
        n = nodes[eid]
        holder = nodes.get(n.holder) if n.holder is not None else None
        node_roles = set(n.roles) or (set(holder.roles) if holder else set())
        status = n.legal_status or (holder.legal_status if holder else "")
        ok = (not kinds or n.kind.value in kinds) and (not roles or bool(node_roles & roles))
        ok = ok and (not regions or area_of.get(eid, "") in regions)
        ok = ok and (not statuses or status in statuses)
        if not ok:
            state[i] = out
    min_fen = int(round(float(f["min_amount_yuan"]) * 100))
    min_calls = int(f["min_calls"])
    passes = np.ones(len(edges), dtype=bool)
    for k, e in enumerate(edges):
        too_small = e.type == "money" and e.amount_fen < min_fen
        if too_small or (e.type == "calls" and e.count < min_calls):
            passes[k] = False
    if min_fen > 0 or min_calls > 0:
        # Entities with money or calls of which nothing reaches the thresholds go too;
        # people with no facts of their own (only links) stay.
        index = {eid: i for i, eid in enumerate(ids)}
        has_fact = np.zeros(len(ids), dtype=bool)
        kept = np.zeros(len(ids), dtype=bool)
        for k, e in enumerate(edges):
            if e.type not in ("money", "calls") or e.source not in index or e.target not in index:
                continue
            a, b = index[e.source], index[e.target]
            has_fact[a] = has_fact[b] = True
            if passes[k]:
                kept[a] = kept[b] = True
        state[has_fact & ~kept & (state == SHOWN)] = out
    return state, passes


class ChartFilterPanel(QWidget):
    """The filter controls beside the chart. ``filters_changed(dict)`` when the analyst
    changes one; ``window_changed((start, end) | None)`` for the time window."""

    filters_changed = Signal(object)
    window_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("chart_filters")
        self._quiet = False
        self.kinds: dict[str, QCheckBox] = {}
        kind_box = QGroupBox(self.tr("Kinds"))
        kind_layout = QVBoxLayout(kind_box)
        for kind in Kind:
            box = QCheckBox(labels.kind_label(kind, plural=True))
            box.setObjectName(f"filter_kind_{kind.value}")
            box.setChecked(True)
            box.toggled.connect(self._changed)
            kind_layout.addWidget(box)
            self.kinds[kind.value] = box
        self.roles = self._checklist("filter_roles", [(t.code, labels.role_label(t.code))
                                                      for t in ROLES])  # fmt: skip
        self.statuses = self._checklist(
            "filter_statuses", [(t.code, labels.status_label(t.code)) for t in LEGAL_STATUS]
        )
        self.regions = self._checklist("filter_regions", [])
        self.min_amount = QDoubleSpinBox()
        self.min_amount.setObjectName("filter_min_amount")
        self.min_amount.setRange(0, 1e9)
        self.min_amount.setDecimals(0)
        self.min_amount.setSingleStep(1000)
        self.min_amount.setSuffix(self.tr(" yuan"))
        self.min_calls = QSpinBox()
        self.min_calls.setObjectName("filter_min_calls")
        self.min_calls.setRange(0, 100000)
        self.min_amount.valueChanged.connect(self._changed)
        self.min_calls.valueChanged.connect(self._changed)
        self.dim = QRadioButton(self.tr("Dim"))
        self.hide = QRadioButton(self.tr("Hide"))
        self.hide.setObjectName("filter_hide")
        self.dim.setChecked(True)
        self.hide.toggled.connect(self._changed)
        mode = QHBoxLayout()
        mode.addWidget(QLabel(self.tr("Filtered out:")))
        mode.addWidget(self.dim)
        mode.addWidget(self.hide)
        # Time window: two sliders over the days of the case's transactions and calls.
        self._range: tuple[datetime, datetime] | None = None
        self.time_from = QSlider(Qt.Orientation.Horizontal)
        self.time_from.setObjectName("filter_time_from")
        self.time_to = QSlider(Qt.Orientation.Horizontal)
        self.time_to.setObjectName("filter_time_to")
        self.time_label = QLabel()
        self.time_label.setObjectName("filter_time_label")
        self.time_label.setWordWrap(True)
        for s in (self.time_from, self.time_to):
            s.valueChanged.connect(self._on_time_slider_changed)
        self._window_timer = QTimer(self, singleShot=True, interval=250)
        self._window_timer.timeout.connect(self._emit_window)
        form = QFormLayout()
        form.addRow(self.tr("Roles:"), self.roles)
        form.addRow(self.tr("Regions:"), self.regions)
        form.addRow(self.tr("Legal status:"), self.statuses)
        form.addRow(self.tr("Minimum amount:"), self.min_amount)
        form.addRow(self.tr("Minimum calls:"), self.min_calls)
        form.addRow(self.tr("From:"), self.time_from)
        form.addRow(self.tr("To:"), self.time_to)
        form.addRow("", self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(kind_box)
        layout.addLayout(form)
        layout.addLayout(mode)
        layout.addStretch(1)
        self.set_time_range(None)

    def _checklist(self, name: str, entries: list[tuple[str, str]]) -> QListWidget:
        w = QListWidget()
        w.setObjectName(name)
        w.setMaximumHeight(120)
        self._fill_checklist(w, entries, set())
        w.itemChanged.connect(self._changed)
        return w

    def _fill_checklist(self, w: QListWidget, entries, checked: set[str]) -> None:
        w.blockSignals(True)
        w.clear()
        for code, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked
            )
            w.addItem(item)
        w.blockSignals(False)

    @staticmethod
    def _checked(w: QListWidget) -> list[str]:
        return [
            w.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(w.count())
            if w.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_regions(self, regions: list[tuple[str, str]]) -> None:
        """The region areas of the chart: (code, name)."""
        checked = set(self._checked(self.regions))
        self._fill_checklist(self.regions, regions, checked)

    def region_item(self, code: str) -> QListWidgetItem | None:
        for i in range(self.regions.count()):
            if self.regions.item(i).data(Qt.ItemDataRole.UserRole) == code:
                return self.regions.item(i)
        return None

    def filters(self) -> dict:
        kinds = [k for k, box in self.kinds.items() if box.isChecked()]
        return {
            "kinds": [] if len(kinds) == len(self.kinds) else kinds,
            "roles": self._checked(self.roles),
            "regions": self._checked(self.regions),
            "statuses": self._checked(self.statuses),
            "min_amount_yuan": float(self.min_amount.value()),
            "min_calls": int(self.min_calls.value()),
            "hide": self.hide.isChecked(),
        }

    def set_filters(self, filters: dict) -> None:
        f = {**DEFAULT_FILTERS, **(filters or {})}
        self._quiet = True
        try:
            for k, box in self.kinds.items():
                box.setChecked(not f["kinds"] or k in f["kinds"])
            for w, key in ((self.roles, "roles"), (self.regions, "regions"),
                           (self.statuses, "statuses")):  # fmt: skip
                w.blockSignals(True)
                for i in range(w.count()):
                    item = w.item(i)
                    on = item.data(Qt.ItemDataRole.UserRole) in f[key]
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                w.blockSignals(False)
            self.min_amount.setValue(float(f["min_amount_yuan"]))
            self.min_calls.setValue(int(f["min_calls"]))
            (self.hide if f["hide"] else self.dim).setChecked(True)
        finally:
            self._quiet = False

    def _changed(self, *_args) -> None:
        if not self._quiet:
            self.filters_changed.emit(self.filters())

    # -- time window
    def set_time_range(self, span: tuple[str, str] | None) -> None:
        """The first and last moment of the case's facts (None: no facts, no slider)."""
        self._range = None
        if span is not None:
            try:
                lo = datetime.fromisoformat(span[0][:19]).replace(hour=0, minute=0, second=0)
                hi = datetime.fromisoformat(span[1][:19])
                self._range = (lo, hi)
            except ValueError:
                self._range = None
        days = (self._range[1] - self._range[0]).days + 1 if self._range else 0
        self._quiet = True
        for s in (self.time_from, self.time_to):
            s.setEnabled(self._range is not None)
            s.setRange(0, max(days, 0))
        self.time_from.setValue(0)
        self.time_to.setValue(max(days, 0))
        self._quiet = False
        self._update_time_label()

    def window(self) -> tuple[str, str] | None:
        if self._range is None:
            return None
        a, b = sorted((self.time_from.value(), self.time_to.value()))
        if a == 0 and b == self.time_to.maximum():
            return None
        start = self._range[0] + timedelta(days=a)
        end = self._range[0] + timedelta(days=b) - timedelta(seconds=1)
        return start.isoformat(sep=" "), end.isoformat(sep=" ")

    def set_window(self, window: tuple[str, str] | None) -> None:
        """Follow a time window set elsewhere (the timeline), without echoing it back."""
        if self._range is None:
            return
        self._quiet = True
        if window is None:
            self.time_from.setValue(0)
            self.time_to.setValue(self.time_to.maximum())
        else:
            lo = datetime.fromisoformat(window[0][:19])
            hi = datetime.fromisoformat(window[1][:19])
            self.time_from.setValue(max(0, (lo - self._range[0]).days))
            self.time_to.setValue(min(self.time_to.maximum(), (hi - self._range[0]).days + 1))
        self._quiet = False
        self._update_time_label()

    def _on_time_slider_changed(self, _value) -> None:
        self._update_time_label()
        if not self._quiet:
            self._window_timer.start()

    def _emit_window(self) -> None:
        self.window_changed.emit(self.window())

    def _update_time_label(self) -> None:
        if self._range is None:
            self.time_label.setText(self.tr("No transactions or calls in the case."))
            return
        w = self.window()
        if w is None:
            self.time_label.setText(
                self.tr("All dates: {a} to {b}").format(
                    a=self._range[0].date().isoformat(), b=self._range[1].date().isoformat()
                )
            )
        else:
            self.time_label.setText(
                self.tr("Calls and transfers from {a} to {b}").format(a=w[0][:10], b=w[1][:10])
            )
