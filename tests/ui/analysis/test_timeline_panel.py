"""Timeline dock: points for the selected card; the visible range is the document's time
window, both ways."""

from __future__ import annotations

from ui.analysis.timeline import TimelinePanel, seconds, stamp
from workbench.analysis import find_patterns
from workbench.analysis.timeline import timeline
from workbench.model import Kind


def make_panel(qtbot, doc) -> TimelinePanel:
    panel = TimelinePanel(doc)
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.show()
    return panel


def busy_card(doc) -> int:
    return next(f for f in find_patterns(doc.store, ["fast_in_fast_out"])).entity_id


def test_points_for_a_selected_card(qtbot, doc):
    panel = make_panel(qtbot, doc)
    assert panel.txn_points() == 0
    card = busy_card(doc)
    doc.select_many([card])
    expected = timeline(doc.store, [card])
    assert expected.txns
    assert panel.txn_points() == len(expected.txns)
    drawn = sorted(x for item in panel.txn_items.values() for x in item.xData)
    assert drawn == sorted(seconds(t.ts) for t in expected.txns)
    # Amounts on a log axis: the plotted y values are log10 of the yuan amounts.
    import numpy as np

    out = panel.txn_items["out"]
    _, y_shown = out.getData()
    amounts = sorted(t.amount_fen / 100 for t in expected.txns if t.outgoing and t.other)
    assert np.allclose(sorted(y_shown), np.log10(amounts))
    events = [e for e in expected.events if e.kind == "first_txn"]
    assert events and panel.event_item is not None
    assert len(panel.event_item.data) == len(expected.events)
    # Hiding transactions removes their points.
    panel.show_txns.setChecked(False)
    assert panel.txn_points() == 0


def test_a_person_shows_the_cards_they_hold(qtbot, doc):
    panel = make_panel(qtbot, doc)
    card = busy_card(doc)
    holder = next(lk.source_id for lk in doc.store.links_of(card)
                  if lk.type == "holds" and lk.target_id == card)  # fmt: skip
    assert doc.store.entity(holder).kind is Kind.PERSON
    doc.select_many([holder])
    assert panel.txn_points() >= len(timeline(doc.store, [card]).txns)


def test_zoom_sets_the_time_window_and_back(qtbot, doc):
    panel = make_panel(qtbot, doc)
    card = busy_card(doc)
    doc.select_many([card])
    assert doc.time_window is None  # loading does not filter the chart
    span = panel.data.span
    lo, hi = seconds(span[0]), seconds(span[1])
    mid = (lo + hi) / 2
    windows = []
    doc.time_window_changed.connect(windows.append)
    # The analyst zooms into the first half (as a wheel or drag zoom sets the view range).
    panel.money.getViewBox().setXRange(lo, mid, padding=0)
    qtbot.waitUntil(lambda: doc.time_window is not None, timeout=3000)
    assert doc.time_window == (stamp(lo), stamp(mid))
    assert len(windows) == 1  # debounced: one window per gesture

    # A window set elsewhere (the chart's time filter) moves the timeline.
    doc.set_time_window((span[0], stamp(lo + 3600)))
    shown = panel.money.viewRange()[0]
    assert abs(shown[0] - lo) < 1 and abs(shown[1] - (lo + 3600)) < 1

    # Show all clears the filter.
    panel.fit.click()
    assert doc.time_window is None
    shown = panel.money.viewRange()[0]
    assert shown[0] <= lo and shown[1] >= hi
