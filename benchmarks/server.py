"""A case file against a server case, side by side in one run on the same statement.

For each size: the same GBK bank statement (``import_bank.write_statement``) is imported
into a new case file and into a new case on a PostgreSQL server, then on both the case
browser's first page of cards (sorted by transactions), a five-level money trace from the
busiest card, a degree ranking of the money layer and the money patterns are timed (medians
of ``--repeat``).

    python benchmarks/server.py --server postgresql://postgres@127.0.0.1:5432/postgres \
        [--rows 100000[,1000000]] [--repeat 3] [--json]

``--server`` defaults to ``ZHANLIAN_TEST_PG``. Prints one JSON object per size:
``{"rows", "sqlite": {...}, "postgresql": {...}}`` with ``import_s``, ``browse_s``,
``trace_s``, ``rank_s``, ``patterns_s`` and the counts read back.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bank import write_statement  # noqa: E402

#: The money detectors, which read every transaction (COPY from a server).
MONEY_PATTERNS = ("fast_in_fast_out", "fan_in", "fan_out", "late_night_cash", "new_account_burst")


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 3), out


def side(target, statement: Path, repeat: int) -> dict:
    from workbench import analysis as an
    from workbench.intake.importer import import_files
    from workbench.store import CaseStore

    t = time.perf_counter()
    with CaseStore.create(target, "benchmark") as store:
        summary = import_files(store, [statement], "bank")
    import_s = round(time.perf_counter() - t, 3)
    with CaseStore.open(target, "benchmark", read_only=True) as store:
        browse_s, page = _timed(lambda: store.browse("bank_card", sort="txns", descending=True),
                                repeat)  # fmt: skip
        busiest = page[0][0]
        trace_s, traced = _timed(lambda: an.trace_funds(store, card_id=busiest, levels=5), repeat)
        rank_s, ranked = _timed(
            lambda: an.rank(an.case_graph(store, "money"), "degree", top=20).rows(), repeat
        )
        patterns_s, found = _timed(lambda: an.find_patterns(store, MONEY_PATTERNS), repeat)
        info = store.info()
    return {"import_s": import_s, "transactions": info.transactions,
            "entities_new": summary.entities_new, "browse_s": browse_s, "trace_s": trace_s,
            "traced_cards": len(traced.cards), "rank_s": rank_s,
            "top": ranked[0]["key"] if ranked else None, "patterns_s": patterns_s,
            "findings": len(found)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("ZHANLIAN_TEST_PG", ""))
    parser.add_argument("--rows", default="100000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.server:
        parser.error("give --server postgresql://... (or set ZHANLIAN_TEST_PG)")
    from workbench.store.server import drop_case

    for rows in (int(r) for r in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            statement = Path(tmp) / "statement.csv"
            write_statement(statement, rows)
            url = f"{args.server}?case=bench_{os.getpid()}_{rows}"
            result = {"rows": rows, "sqlite": side(Path(tmp) / "bench.zlcase", statement,
                                                   args.repeat)}  # fmt: skip
            try:
                result["postgresql"] = side(url, statement, args.repeat)
            finally:
                drop_case(url)
        if args.json:
            print(json.dumps(result))
        else:
            for name in ("sqlite", "postgresql"):
                r = result[name]
                print(f"{rows:>10,} {name:<11} import {r['import_s']:>8.2f} s  browse "
                      f"{r['browse_s']:.3f} s  trace {r['trace_s']:.3f} s  rank "
                      f"{r['rank_s']:.3f} s  patterns {r['patterns_s']:.3f} s")  # fmt: skip


if __name__ == "__main__":
    main()
