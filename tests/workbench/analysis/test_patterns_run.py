"""PatternRun: find_patterns a pattern at a time, the money detectors sharing one reading
of the transactions (the findings panel runs it so, to show progress and stop between
patterns)."""

from __future__ import annotations

import pytest

from workbench.analysis import PATTERNS, AnalysisError, find_patterns
from workbench.analysis.patterns import PatternRun

from .test_patterns_columns import random_case, settings

#: Counting the statements SQLite runs: about the case file's reader.
pytestmark = pytest.mark.sqlite_only

MONEY = ("fast_in_fast_out", "fan_in", "fan_out", "late_night_cash", "new_account_burst")


def count_readings(store) -> list[str]:
    """The statements that read a range of transactions as columns, as SQLite runs them."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: seen.append(sql) if "group_concat(amount_fen)" in sql else None
    )
    return seen


@pytest.mark.parametrize("seed", range(3))
def test_a_run_finds_what_find_patterns_finds_reading_the_transactions_once(tmp_path, seed):
    with random_case(tmp_path / "random.zlcase", seed) as store:
        params = settings(seed)
        del params["money_cycles"]
        expected = [f.to_dict() for f in find_patterns(store, PATTERNS, params=params)]
        readings = count_readings(store)
        find_patterns(store, ["fast_in_fast_out"], params=params)
        one_reading = len(readings)
        assert one_reading >= 1
        readings.clear()
        run = PatternRun(reversed(PATTERNS), params)
        assert run.patterns == list(PATTERNS)  # in PATTERNS order, whatever order asked
        found = [f.to_dict() for name in run.patterns for f in run.find(store, name)]
        assert found == expected
        assert run.ledger_reads == 1 and len(readings) == one_reading
        assert set(MONEY) | {"ledger"} <= set(run.seconds)
        # Once the last money pattern has run the reading is let go: asked again, read again.
        readings.clear()
        again = run.find(store, "fan_in")
        assert [f.to_dict() for f in again] == [f for f in expected if f["pattern"] == "fan_in"]
        assert run.ledger_reads == 2 and len(readings) == one_reading
        store.db.conn.set_trace_callback(None)


def test_a_run_of_other_patterns_reads_no_transactions(tmp_path):
    with random_case(tmp_path / "random.zlcase", 1) as store:
        readings = count_readings(store)
        run = PatternRun(["hot_number", "card_hoarder"])
        for name in run.patterns:
            run.find(store, name)
        assert run.ledger_reads == 0 and readings == []
        store.db.conn.set_trace_callback(None)


def test_a_run_refuses_unknown_patterns_and_bad_parameters(tmp_path):
    with pytest.raises(AnalysisError, match="no_such_pattern"):
        PatternRun(["fan_in", "no_such_pattern"])
    with pytest.raises(AnalysisError, match="no_such_pattern"):
        PatternRun(["fan_in"], {"no_such_pattern": {}})
    with random_case(tmp_path / "random.zlcase", 0) as store:
        run = PatternRun(["fan_in", "fan_out"], {"fan_in": {"window_days": 0}})
        with pytest.raises(AnalysisError, match="window days"):
            run.find(store, "fan_in")
        with pytest.raises(AnalysisError, match="hot_number"):
            run.find(store, "hot_number")  # not in this run
        with pytest.raises(TypeError):
            PatternRun(["fan_out"], {"fan_out": {"no_such_parameter": 1}}).find(store, "fan_out")
