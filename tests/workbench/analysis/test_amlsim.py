"""Real labels: fan-in and loop detection on IBM AMLSim's simulated laundering.

A floor, not a figure: ``benchmarks/amlsim.py`` prints the precision and recall. Parameters
are those fitted to how AMLSim draws its patterns (see that script); what is checked is
that the detectors find the planted accounts far above chance (about 5% of accounts are
labelled). The data sit beside the repository in ``../shared/data/amlsim``.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from workbench.analysis import fan_in, money_cycles
from workbench.analysis._common import connection
from workbench.store import CaseStore

from .builders import NOW

REPO = Path(__file__).resolve().parents[3]
AMLSIM = REPO / ".." / "shared" / "data" / "amlsim"

pytestmark = pytest.mark.skipif(
    not (AMLSIM / "20K_fanin200" / "nodes.csv").exists(),
    reason=f"AMLSim data not found at {AMLSIM.resolve()} (shared/ beside the clone)",
)


def load(path: Path, folder: Path) -> tuple[CaseStore, set[int]]:
    """One bank card per account, one transaction per transfer; step n is day n."""
    with open(folder / "nodes.csv", encoding="utf-8") as f:
        nodes = [(int(r["nodeid"]) + 1, r["isFraud"] == "1") for r in csv.DictReader(f)]
    days = {}
    rows = []
    with open(folder / "transactions.csv", encoding="utf-8") as f:
        for k, r in enumerate(csv.DictReader(f)):
            step = int(r["time"])
            if step not in days:
                days[step] = f"{date(2025, 1, 1) + timedelta(days=step):%Y-%m-%d}"
            ts = f"{days[step]} {k // 3600 % 24:02d}:{k // 60 % 60:02d}:{k % 60:02d}"
            rows.append((int(r["sourceNodeId"]) + 1, int(r["targetNodeId"]) + 1,
                         round(float(r["value"]) * 100), ts))  # fmt: skip
    store = CaseStore.create(path, "amlsim")
    with store.bulk("AMLSim") as conn:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, created_at, updated_at) "
            "VALUES (?, 'bank_card', ?, ?, ?)",
            [(n, f"62170000{n:08d}", NOW, NOW) for n, _ in nodes],
        )
        conn.executemany(
            "INSERT INTO txn (payer_id, payee_id, amount_fen, ts) VALUES (?, ?, ?, ?)", rows
        )
    return store, {n for n, fraud in nodes if fraud}


def precision_recall(named: set[int], labelled: set[int]) -> tuple[float, float]:
    hit = len(named & labelled)
    return hit / max(1, len(named)), hit / len(labelled)


def test_fan_in_finds_the_collecting_accounts(tmp_path):
    store, labelled = load(tmp_path / "fanin.zlcase", AMLSIM / "20K_fanin200")
    with store:
        found = fan_in(
            store, window_days=1, min_payers=1, min_inflows=5, min_amount_fen=1, pass_ratio=0
        )
        hubs = {f.entity_id for f in found}
        members = set(hubs)
        for f in found:
            members.update(
                r[0]
                for r in connection(store).execute(
                    f"SELECT payer_id FROM txn WHERE payee_id = ? AND id IN "
                    f"({', '.join('?' * len(f.evidence['txn']))})",
                    (f.entity_id, *f.evidence["txn"]),
                )
            )
    hub_precision, _ = precision_recall(hubs, labelled)
    precision, recall = precision_recall(members, labelled)
    assert hub_precision >= 0.8 and len(hubs) >= 150
    assert precision >= 0.5 and recall >= 0.3


def test_loops_are_all_laundering(tmp_path):
    store, labelled = load(tmp_path / "cycle.zlcase", AMLSIM / "20K_cycle200")
    with store:
        found = money_cycles(
            store, tolerance=0.01, window_days=150, time_ordered=False, min_amount_fen=1
        )
    named = {m for f in found for m in f.metrics["members"]}
    precision, recall = precision_recall(named, labelled)
    # Only about twenty loops close inside the simulated period; every one is laundering.
    assert len(found) >= 18 and precision >= 0.95 and recall >= 0.09
