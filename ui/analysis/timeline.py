"""Timeline dock: the selected entities' transactions, calls and case events over time.

The x axis is wall-clock time as statements spell it (Beijing time, no zone conversion),
so the axis reads the same hours as the evidence. Zooming or panning sets the document's
time window, which the link chart filters by; a window set elsewhere moves the timeline.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.analysis.evidence import holder_names
from workbench.analysis.timeline import timeline

from .. import labels
from ..document import CaseDocument
from ..legend import ChartLegend
from ..placement import LabelRequest, place_labels
from .labels import action_label, yuan
from .widgets import ElidedLabel

_EPOCH = datetime(1970, 1, 1)
#: Colours of incoming and outgoing money, exits, calls and events.
COLOURS = {
    "in": "#2e7d32",
    "out": "#c62828",
    "exit": "#ef6c00",
    "call_out": "#1565c0",
    "call_in": "#64b5f6",
    "event": "#6a1b9a",
}
_CALL_LANE, _EVENT_LANE = 1.0, 0.0
#: Event labels considered at most; of these, those that find room are drawn (ui.placement).
MAX_EVENT_LABELS = 200
#: Which events keep their label first when labels compete for room.
EVENT_PRIORITY = {"arrest": 4, "legal_status": 3, "measure": 2, "first_txn": 1}


def seconds(ts: str) -> float:
    """Seconds since 1970 of a stored timestamp's wall-clock time."""
    core = ts[:19]
    if len(core) == 10:
        core += " 00:00:00"
    return (datetime.fromisoformat(core[:10] + "T" + core[11:19]) - _EPOCH).total_seconds()


def stamp(x: float) -> str:
    """The stored spelling of a moment given in seconds since 1970."""
    return f"{_EPOCH + timedelta(seconds=round(x)):%Y-%m-%d %H:%M:%S}"


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis with month and day names in the interface's language.

    pyqtgraph spells ticks with ``strftime``, which follows the C library's locale (English
    here, whatever the interface says); months and weekdays are spelled by QLocale instead,
    which the language switch sets. Times of day stay digits.
    """

    def __init__(self, **kwargs):
        super().__init__(utcOffset=0, **kwargs)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None or not any(k in spec.format for k in ("%b", "%a", "%d", "%Y")):
            return super().tickStrings(values, scale, spacing)
        return [tick_text(v, spec.format) for v in values]


def tick_text(x: float, fmt: str) -> str:
    """A date tick (seconds since 1970, wall-clock) as the interface's language writes it:
    ``%Y`` a year, ``%b`` a month, ``%d`` a day of the month, ``%a %d`` a weekday and day."""
    try:
        moment = _EPOCH + timedelta(seconds=round(x))
    except OverflowError:
        return ""
    locale = QLocale()
    date = QDate(moment.year, moment.month, moment.day)
    chinese = locale.language() == QLocale.Language.Chinese
    if fmt == "%Y":
        return str(moment.year)
    if fmt == "%b":
        return locale.toString(date, "MMM")
    if fmt == "%d":
        return locale.toString(date, "d日" if chinese else "d")
    if fmt == "%a %d":
        return locale.toString(date, "d日 ddd" if chinese else "ddd d")
    return moment.strftime(fmt)


class TimelinePanel(QWidget):
    """A pyqtgraph timeline of ``document.selected_ids``, linked to the time window."""

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline_panel")
        self.document = document
        self.store = document.store
        self.data = None
        self._applying = False  # the range is being set by the program, not the analyst

        self.heading = ElidedLabel()
        self.heading.setObjectName("timeline_heading")
        self.show_txns = QCheckBox(self.tr("Transactions"))
        self.show_calls = QCheckBox(self.tr("Calls"))
        self.show_events = QCheckBox(self.tr("Events"))
        for box in (self.show_txns, self.show_calls, self.show_events):
            box.setChecked(True)
            box.toggled.connect(self._draw)
        self.link_window = QCheckBox(self.tr("Zoom sets the chart's time filter"))
        self.link_window.setObjectName("timeline_link_window")
        self.link_window.setChecked(True)
        self.fit = QPushButton(self.tr("Show all"))
        self.fit.setObjectName("timeline_fit")
        self.fit.setToolTip(self.tr("Fit the whole timeline and clear the time filter"))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for w in (self.show_txns, self.show_calls, self.show_events, self.link_window, self.fit):
            top.addWidget(w)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("timeline_view")
        self.view.setBackground("w")
        self.money = self.view.addPlot(row=0, col=0, axisItems={"bottom": LocalDateAxis()})
        self.lanes = self.view.addPlot(row=1, col=0, axisItems={"bottom": LocalDateAxis()})
        self.lanes.setXLink(self.money)
        self.lanes.setMaximumHeight(160)
        self.lanes.setYRange(-1.1, 1.5, padding=0)
        self.lanes.setMouseEnabled(y=False)
        self.lanes.getAxis("left").setTicks([[(_CALL_LANE, self.tr("calls")),
                                              (_EVENT_LANE, self.tr("events"))]])  # fmt: skip
        self.money.setLogMode(x=False, y=True)
        self.money.setMouseEnabled(y=False)
        self.money.showGrid(x=True, y=True, alpha=0.2)
        self.money.setLabel("left", self.tr("amount (yuan)"))
        # The legend in a corner with no point under it, folded when there is none.
        self.money.legend = ChartLegend(self.money.getViewBox(), self._money_pixels)
        self.money.getAxis("left").setWidth(70)
        self.lanes.getAxis("left").setWidth(70)
        self.txn_items: dict[str, pg.PlotDataItem] = {}
        self.call_item: pg.ScatterPlotItem | None = None
        self.event_item: pg.ScatterPlotItem | None = None
        #: (label, x in seconds, priority) of each event label; where they were painted
        self.event_labels: list = []
        self.event_leaders: pg.PlotDataItem | None = None
        self.event_rects: dict[int, QRectF] = {}
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(60)
        self._label_timer.timeout.connect(self._place_event_labels)
        self.lanes.getViewBox().sigRangeChanged.connect(lambda *_: self._label_timer.start())
        self.lanes.getViewBox().sigResized.connect(lambda *_: self._label_timer.start())

        self.note = QLabel()
        self.note.setObjectName("timeline_note")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

        self._window_timer = QTimer(self)
        self._window_timer.setSingleShot(True)
        self._window_timer.setInterval(150)
        self._window_timer.timeout.connect(self._push_window)
        self.money.sigXRangeChanged.connect(self._on_money_x_range_changed)
        self.fit.clicked.connect(self._on_fit_clicked)
        document.selection_set_changed.connect(self._on_document_selection_set_changed)
        document.time_window_changed.connect(self._on_document_time_window_changed)
        document.changed.connect(self._on_document_changed)
        self.show_entities(document.selected_ids)

    # ------------------------------------------------------------------ data

    def show_entities(self, ids) -> None:
        """Load and draw the timeline of these entities."""
        ids = tuple(ids)
        self.data = timeline(self.store, ids) if ids else None
        names = [self.data.labels.get(i, f"#{i}") for i in ids[:4]] if self.data else []
        holders = holder_names(self.store, ids[:4]) if ids else {}
        names = [f"{n} ({holders[i]})" if i in holders else n
                 for i, n in zip(ids[:4], names, strict=False)]  # fmt: skip
        more = len(ids) - len(names)
        if not ids:
            self.heading.setText(self.tr("Select entities to see their timeline."))
        else:
            self.heading.setText(", ".join(names) + (self.tr(" and {n} more").format(n=more)
                                                     if more > 0 else ""))  # fmt: skip
        self._draw()
        self._fit()

    def _on_document_selection_set_changed(self, ids) -> None:
        self.show_entities(ids)

    def _on_document_changed(self, event) -> None:
        if self.data is not None and event.tables & {"txn", "call", "measure", "entity"}:
            self.show_entities(self.data.entity_ids)

    # ------------------------------------------------------------------ drawing

    def _draw(self) -> None:
        self.money.clear()
        self.lanes.clear()
        self.txn_items = {}
        self.call_item = self.event_item = None
        self.event_labels = []
        self.event_leaders = None
        legend = self.money.legend
        if legend is not None:
            legend.clear()
        d = self.data
        if d is None:
            self.note.setText("")
            return
        if self.show_txns.isChecked():
            groups = {"in": [], "out": [], "exit": []}
            for t in d.txns:
                side = "exit" if t.other is None and t.outgoing else ("out" if t.outgoing else "in")
                groups[side].append(t)
            names = {"in": self.tr("money in"), "out": self.tr("money out"),
                     "exit": self.tr("cash / platform / crypto out")}  # fmt: skip
            for side, rows in groups.items():
                if not rows:
                    continue
                x = np.array([seconds(t.ts) for t in rows])
                # Log axis: a zero amount (a fee waiver, a test row) is drawn at 0.01 yuan.
                y = np.array([max(t.amount_fen, 1) / 100 for t in rows])
                item = self.money.plot(
                    x, y, pen=None, symbol="o", symbolSize=7, name=names[side],
                    symbolBrush=pg.mkBrush(COLOURS[side]), symbolPen=None,
                )  # fmt: skip
                self.txn_items[side] = item
        if self.show_calls.isChecked() and d.calls:
            spots = [
                {"pos": (seconds(c.ts), _CALL_LANE + (0.2 if c.outgoing else -0.2)),
                 "brush": pg.mkBrush(COLOURS["call_out" if c.outgoing else "call_in"]),
                 "size": 6, "pen": None}
                for c in d.calls
            ]  # fmt: skip
            self.call_item = pg.ScatterPlotItem(spots=spots, symbol="s")
            self.lanes.addItem(self.call_item)
        if self.show_events.isChecked() and d.events:
            xs = [seconds(e.ts) for e in d.events]
            self.event_item = pg.ScatterPlotItem(
                x=xs, y=[_EVENT_LANE] * len(xs), symbol="star", size=13,
                brush=pg.mkBrush(COLOURS["event"]), pen=None,
            )  # fmt: skip
            self.lanes.addItem(self.event_item)
            for e, x in list(zip(d.events, xs, strict=True))[:MAX_EVENT_LABELS]:
                text = pg.TextItem(self._event_text(e), color=COLOURS["event"], anchor=(0, 0),
                                   fill=pg.mkBrush(255, 255, 255, 215))  # fmt: skip
                text.setZValue(5)
                self.lanes.addItem(text)
                self.event_labels.append((text, x, EVENT_PRIORITY.get(e.kind, 0)))
            self._place_event_labels()
        note = self.tr("{t} transactions, {c} calls, {e} events").format(
            t=f"{len(d.txns):,}", c=f"{len(d.calls):,}", e=len(d.events)
        )
        if d.truncated:
            note += " " + self.tr("(the first {n:,} of each kind)").format(n=len(d.txns))
        self.note.setText(note)

    def _place_event_labels(self) -> None:
        """Each event's label beside its star, never over another label or star; arrests and
        status changes keep theirs first, and what finds no room is left out until the
        analyst zooms in (ui.placement)."""
        vb = self.lanes.getViewBox()
        if self.event_leaders is not None:
            self.lanes.removeItem(self.event_leaders)
            self.event_leaders = None
        self.event_rects = {}
        if not self.event_labels:
            return
        stars = []
        requests = []
        for k, (label, x, priority) in enumerate(self.event_labels):
            at = vb.mapViewToScene(QPointF(x, _EVENT_LANE))
            stars.append(QRectF(at.x() - 7, at.y() - 7, 14, 14))
            box = label.textItem.boundingRect()
            # Earlier events of equal weight first: the story reads from its start.
            requests.append(LabelRequest(k, (at.x(), at.y()), (box.width(), box.height()),
                                         gap=7, priority=priority - k * 1e-4, prefer=-45))  # fmt: skip
        # The call lane above the events stays readable: no label goes over it.
        calls = vb.mapViewToScene(QPointF(0, (_CALL_LANE + _EVENT_LANE) / 2)).y()
        band = vb.sceneBoundingRect()
        band.setBottom(calls)
        placed = place_labels(requests, vb.sceneBoundingRect(), [*stars, band])
        leaders = []
        for k, (label, _x, _p) in enumerate(self.event_labels):
            where = placed.get(k)
            label.setVisible(where is not None)
            if where is None:
                continue
            label.setPos(vb.mapSceneToView(where.rect.topLeft()))
            self.event_rects[k] = where.rect
            if where.leader is not None:
                a, b = (vb.mapSceneToView(p) for p in where.leader)
                leaders += [(a.x(), a.y()), (b.x(), b.y())]
        if leaders:
            pts = np.array(leaders)
            self.event_leaders = pg.PlotDataItem(pts[:, 0], pts[:, 1], connect="pairs",
                                                 pen=pg.mkPen("#b39ddb", width=1))  # fmt: skip
            self.lanes.addItem(self.event_leaders)

    def _money_pixels(self) -> np.ndarray:
        """Where the transactions are drawn, in the money plot's pixels."""
        t = self.money.getViewBox().childTransform()
        out = []
        for item in self.txn_items.values():
            x, y = item.getData()
            if x is not None and len(x):
                out.append(np.column_stack((x * t.m11() + t.m31(), y * t.m22() + t.m32())))
        return np.vstack(out) if out else np.zeros((0, 2))

    def _event_text(self, e) -> str:
        if e.kind == "first_txn":
            return self.tr("first transaction")
        if e.kind == "legal_status":
            return labels.status_label(e.value)
        if e.kind == "arrest":
            region = self.store.region(e.value)
            return self.tr("arrested in {place}").format(place=region.name if region else e.value)
        if e.kind == "measure":
            return f"{action_label(e.value)} {yuan(e.amount_fen)}"
        return e.kind

    def txn_points(self) -> int:
        """How many transactions are drawn (for tests and the status line)."""
        return sum(len(item.xData) for item in self.txn_items.values())

    # ------------------------------------------------------------------ time window

    def _fit(self) -> None:
        span = self.data.span if self.data else None
        self._applying = True
        try:
            if span is None:
                return
            window = self.document.time_window
            lo, hi = (seconds(window[0]), seconds(window[1])) if window else (
                seconds(span[0]), seconds(span[1]))  # fmt: skip
            if hi <= lo:
                lo, hi = lo - 3600, hi + 3600
            self.money.setXRange(lo, hi, padding=0 if window else 0.02)
            self._fit_money_y()
        finally:
            self._applying = False

    def _fit_money_y(self) -> None:
        amounts = [t.amount_fen for t in self.data.txns] if self.data else []
        if amounts:
            lo = math.log10(max(min(amounts), 1) / 100)
            hi = math.log10(max(max(amounts), 1) / 100)
            self.money.setYRange(lo - 0.3, hi + 0.3, padding=0)

    def _on_money_x_range_changed(self, _view, _range) -> None:
        if not self._applying and self.link_window.isChecked() and self.data is not None:
            self._window_timer.start()

    def _push_window(self) -> None:
        lo, hi = self.money.viewRange()[0]
        self.document.set_time_window((stamp(lo), stamp(hi)))

    def _on_fit_clicked(self) -> None:
        self._window_timer.stop()
        self.document.set_time_window(None)
        self._fit()

    def _on_document_time_window_changed(self, window) -> None:
        if self._window_timer.isActive():
            return  # the analyst is zooming here; this window came from us
        current = self.money.viewRange()[0]
        if window is not None and (stamp(current[0]), stamp(current[1])) == tuple(window):
            return
        self._fit()
