"""Precision and recall of fan-in and loop detection on IBM AMLSim's labelled laundering.

Loads ``20K_fanin200`` and ``20K_cycle200`` (20,000 accounts and ~118,000 transfers each;
``nodes.csv`` marks the accounts taking part in a laundering pattern) into case files, one
bank card per account and one transaction per transfer (a simulation step is a day), runs
:func:`fan_in` on the first and :func:`money_cycles` on the second, and scores the accounts
they name against the labels:

* fan-in names the collecting card and the payers of its busiest window (``hubs`` scores
  the collecting cards alone);
* a loop names every card on it.

Each detector runs twice: with its defaults, which are set for Chinese fraud cases (sums of
hundreds of yuan and more, loops whose money goes round in time order), and with parameters
fitted to how AMLSim draws its patterns (laundering transfers of a few dollars, repeated
from the same sources within a day; loop legs at random times). Precision and recall are
over accounts. The data sit beside the repository in ``../shared/data/amlsim``.

    python benchmarks/amlsim.py [--json] [--data PATH]
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import identifiers as ids  # noqa: E402
from workbench.analysis import fan_in, money_cycles  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / ".." / "shared" / "data" / "amlsim"
NOW = "2025-01-01T00:00:00+08:00"

#: Parameters fitted to AMLSim: its fan-in is many small transfers into one account within a
#: step, from one to four sources; its loops pass one amount round at unordered times.
FAN_IN_FITTED = {
    "window_days": 1,
    "min_payers": 1,
    "min_inflows": 5,
    "min_amount_fen": 1,
    "pass_ratio": 0.0,
}
CYCLES_FITTED = {
    "tolerance": 0.01,
    "window_days": 150,
    "time_ordered": False,
    "min_amount_fen": 1,
    "max_length": 8,
}


def load(path: Path, folder: Path) -> tuple[CaseStore, set[int]]:
    """A case of the simulation; returns it with the entity ids of labelled accounts."""
    with open(folder / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    store = CaseStore.create(path, "amlsim")
    fraud = set()
    with store.bulk("AMLSim accounts and transfers") as conn:
        rows = []
        for r in nodes:
            eid = int(r["nodeid"]) + 1
            partial = f"621700{eid:012d}"
            rows.append((eid, partial + ids.luhn_check_digit(partial), NOW, NOW))
            if r["isFraud"] == "1":
                fraud.add(eid)
        conn.executemany(
            "INSERT INTO entity (id, kind, key, created_at, updated_at) "
            "VALUES (?, 'bank_card', ?, ?, ?)",
            rows,
        )
        with open(folder / "transactions.csv", encoding="utf-8") as f:
            # Step n is day n; rows keep their order within the day, a second apart.
            txns = [
                (
                    int(r["sourceNodeId"]) + 1,
                    int(r["targetNodeId"]) + 1,
                    round(float(r["value"]) * 100),
                    f"{_day(int(r['time']))} {k // 3600 % 24:02d}:{k // 60 % 60:02d}:{k % 60:02d}",
                )
                for k, r in enumerate(csv.DictReader(f))
            ]
        conn.executemany(
            "INSERT INTO txn (payer_id, payee_id, amount_fen, ts) VALUES (?, ?, ?, ?)", txns
        )
    return store, fraud


@cache
def _day(step: int) -> str:
    return f"{date(2025, 1, 1) + timedelta(days=step):%Y-%m-%d}"


def defaults(detector) -> dict:
    return {
        name: p.default
        for name, p in inspect.signature(detector).parameters.items()
        if p.kind is p.KEYWORD_ONLY
    }


def score(named: set[int], fraud: set[int]) -> dict:
    hit = len(named & fraud)
    return {
        "named": len(named),
        "precision": round(hit / len(named), 3) if named else None,
        "recall": round(hit / len(fraud), 3),
    }


def fan_in_accounts(store: CaseStore, findings) -> set[int]:
    """The collecting cards and the payers of their busiest windows."""
    named = set()
    for f in findings:
        named.add(f.entity_id)
        txns = f.evidence.get("txn", [])
        named.update(
            r[0]
            for r in store.db.execute(
                f"SELECT payer_id FROM txn WHERE payee_id = ? AND id IN "
                f"({', '.join('?' * len(txns))})",
                (f.entity_id, *txns),
            )
        )
    return named


def run(data: Path) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, fraud = load(Path(tmp) / "fanin.zlcase", data / "20K_fanin200")
        out["fanin_load_s"] = round(time.perf_counter() - t0, 1)
        for label, params in (("fan_in_defaults", {}), ("fan_in_fitted", FAN_IN_FITTED)):
            t0 = time.perf_counter()
            found = fan_in(store, **params)
            out[label] = {
                "params": {**defaults(fan_in), **params},
                "findings": len(found),
                **score(fan_in_accounts(store, found), fraud),
                "hubs": score({f.entity_id for f in found}, fraud),
                "seconds": round(time.perf_counter() - t0, 2),
            }
        out["fan_in_labelled_accounts"] = len(fraud)
        store.close()

        t0 = time.perf_counter()
        store, fraud = load(Path(tmp) / "cycle.zlcase", data / "20K_cycle200")
        out["cycle_load_s"] = round(time.perf_counter() - t0, 1)
        for label, params in (("cycles_defaults", {}), ("cycles_fitted", CYCLES_FITTED)):
            t0 = time.perf_counter()
            found = money_cycles(store, **params)
            named = {m for f in found for m in f.metrics["members"]}
            out[label] = {
                "params": {**defaults(money_cycles), **params},
                "findings": len(found),
                **score(named, fraud),
                "seconds": round(time.perf_counter() - t0, 2),
            }
        out["cycle_labelled_accounts"] = len(fraud)
        store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "20K_fanin200" / "nodes.csv").exists():
        sys.exit(f"AMLSim data not found in {args.data.resolve()}")
    out = run(args.data)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>24}: {v}")


if __name__ == "__main__":
    main()
