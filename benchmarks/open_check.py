"""What the check before the first write costs: opening a case of 1M transactions.

Builds a case (2,000 cards, ``--rows`` transactions, written through the store in batches of
100,000, as import_bank.py's import would leave it), then times, each ``--repeat`` times on
a warm cache: ``PRAGMA quick_check`` alone (what ``CaseStore.open`` runs before any write),
a whole writable open and close, a read-only open, and the full ``zhanlian check``
(``PRAGMA integrity_check``, foreign keys, audit chain) for comparison.

    python benchmarks/open_check.py [--rows 1000000] [--case PATH] [--json]

``--case`` measures an existing case instead of building one (it is only read and opened).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.casefile import check_case, quick_problems  # noqa: E402
from workbench.store import CaseStore  # noqa: E402


def build(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = CaseStore.create(path, "bench")
    with store.bulk("benchmark cards") as conn:
        cards = [conn.execute(
            "INSERT INTO entity (kind, key, name, created_at, updated_at) "
            "VALUES ('bank_card', ?, '', '2025-01-01', '2025-01-01')", (f"622202{i:013d}",)
        ).lastrowid for i in range(2_000)]  # fmt: skip
    batch = []
    for i in range(rows):
        batch.append({"payer_id": rng.choice(cards), "payee_id": rng.choice(cards),
                      "amount_fen": rng.randint(100, 5_000_000),
                      "ts": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00",
                      "channel": "网银", "summary": "转账", "counterpart": "张三",
                      "serial": f"S{i:012d}", "place": "重庆"})  # fmt: skip
        if len(batch) == 100_000:
            store.add_transactions(batch)
            batch = []
    if batch:
        store.add_transactions(batch)
    store.close()


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--case", help="measure this case instead of building one")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.case) if args.case else Path(tmp) / "bench.zlcase"
        build_s = 0.0
        if not args.case:
            t = time.perf_counter()
            build(path, args.rows)
            build_s = time.perf_counter() - t

        def quick():
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            assert quick_problems(conn, conn.execute("PRAGMA user_version").fetchone()[0]) == []
            conn.close()

        def open_writable():
            CaseStore.open(path, "bench").close()

        def open_read_only():
            CaseStore.open(path, "bench", read_only=True).close()

        with CaseStore.open(path, "bench", read_only=True) as store:
            txns = store.info().transactions
        quick()  # warm the cache: the figures are for a case the OS has read once
        out = {
            "transactions": txns,
            "file_mb": round(path.stat().st_size / 1e6, 1),
            "build_s": round(build_s, 1),
            "quick_check_s": round(timed(quick, args.repeat), 3),
            "open_writable_s": round(timed(open_writable, args.repeat), 3),
            "open_read_only_s": round(timed(open_read_only, args.repeat), 3),
        }
        t = time.perf_counter()
        report = check_case(path)
        out["full_check_s"] = round(time.perf_counter() - t, 2)
        out["full_check_ok"] = report.ok
    if args.json:
        print(json.dumps(out))
    else:
        print(f"case: {out['transactions']:,} transactions, {out['file_mb']} MB"
              + (f" (built in {out['build_s']} s)" if build_s else ""))  # fmt: skip
        print(
            f"  PRAGMA quick_check (the check before the first write): {out['quick_check_s']:.3f} s"
        )
        print(
            f"  open for writing + close, check included:               "
            f"{out['open_writable_s']:.3f} s"
        )
        print(
            f"  open read-only + close, check included:                 "
            f"{out['open_read_only_s']:.3f} s"
        )
        print(
            f"  zhanlian check (integrity_check, foreign keys, chain):  "
            f"{out['full_check_s']:.2f} s  ({'sound' if out['full_check_ok'] else 'problems'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
