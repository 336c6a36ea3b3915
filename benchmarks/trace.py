"""How fast a fund-flow trace runs in a large case.

Builds a case of 20,000 bank cards and 1,000,000 transactions: random transfers, cash
withdrawals and platform payments all year round, and among them one planted laundering
tree: a victim pays a 一级卡, each card splits the money over three cards of the next level
within minutes, and the fifth-level cards withdraw it in cash at night. The tree's cards are
ordinary cards of the case, so noise runs through them too.

Then traces forward from the victim's payment (5 levels, a one-day window) repeatedly, after
one untimed run that warms SQLite's page cache, and prints the median time; it checks that
the trace found the planted cards. With ``--patterns`` it also times each money-pattern
detector and the loop search once on the same case (seconds, findings).

    python benchmarks/trace.py [--json] [--transactions 1000000] [--repeat 50] [--patterns]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import identifiers as ids  # noqa: E402
from workbench.analysis import DETECTORS, money_cycles  # noqa: E402
from workbench.analysis.trace import trace_funds  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

_YEAR = datetime(2025, 1, 1)
_BATCH = 100_000


def _stamp(seconds: int) -> str:
    return f"{_YEAR + timedelta(seconds=seconds):%Y-%m-%d %H:%M:%S}"


def plant_tree(rng: random.Random, cards: list[int], levels: int, fanout: int) -> tuple:
    """Rows of a laundering tree; returns (victim payment row, other rows, tree card ids)."""
    t0 = 200 * 86_400 + 10 * 3_600  # 20 July, 10:00
    victim, *pool = rng.sample(cards, 1 + sum(fanout**k for k in range(levels)))
    first = pool.pop()
    payment = (victim, first, "", 50_000_000, _stamp(t0))
    rows = []
    frontier = [(first, 50_000_000, t0)]
    tree = [first]
    for _ in range(1, levels):
        nxt = []
        for card, fen, t in frontier:
            keep = fen // 100  # the 1% commission the card's holder keeps
            part = (fen - keep) // fanout
            for k in range(fanout):
                child = pool.pop()
                ts = t + rng.randint(60, 900) + 30 * k
                rows.append((card, child, "", part, _stamp(ts)))
                nxt.append((child, part, ts))
                tree.append(child)
        frontier = nxt
    for card, fen, t in frontier:
        night = (t // 86_400 + 1) * 86_400 + rng.randint(600, 3 * 3_600)
        rows.append((card, None, "cash", fen - fen % 100, _stamp(night)))
    return payment, rows, tree


def build(path: Path, cards: int, transactions: int, levels: int, fanout: int):
    rng = random.Random(5)
    store = CaseStore.create(path, "bench")
    ts = "2025-01-01T00:00:00+08:00"
    card_ids = list(range(1, cards + 1))
    with store.bulk("benchmark case") as conn:
        rows = []
        for j in card_ids:
            partial = f"622848{j:012d}"
            rows.append((j, "bank_card", partial + ids.luhn_check_digit(partial)))
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
            "VALUES (?, ?, ?, '', '{\"bank\": \"中国农业银行\"}', ?, ?)",
            [(*r, ts, ts) for r in rows],
        )
        payment, tree_rows, tree = plant_tree(rng, card_ids, levels, fanout)
        sql = "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts) VALUES (?,?,?,?,?)"
        batch = []
        for _ in range(transactions - len(tree_rows) - 1):
            payer = rng.choice(card_ids)
            t = rng.randrange(365 * 86_400)
            fen = int(rng.lognormvariate(11, 1.3))
            r = rng.random()
            if r < 0.08:
                batch.append((payer, None, "cash", fen - fen % 10_000, _stamp(t)))
            elif r < 0.12:
                batch.append((payer, None, "platform", fen, _stamp(t)))
            else:
                batch.append((payer, rng.choice(card_ids), "", fen, _stamp(t)))
            if len(batch) == _BATCH:
                conn.executemany(sql, batch)
                batch.clear()
        conn.executemany(sql, batch)
        payment_id = conn.execute(sql, payment).lastrowid
        conn.executemany(sql, tree_rows)
    return store, payment_id, tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--levels", type=int, default=5)
    parser.add_argument("--fanout", type=int, default=3)
    parser.add_argument("--window", type=float, default=1440, help="minutes")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--patterns", action="store_true", help="time the detectors too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "trace.zlcase"
        t0 = time.perf_counter()
        store, payment, tree = build(path, args.cards, args.transactions, args.levels, args.fanout)
        build_s = time.perf_counter() - t0
        store.close()
        store = CaseStore.open(path, "bench", read_only=True)

        def run():
            return trace_funds(store, payment, levels=args.levels, window_minutes=args.window)

        t0 = time.perf_counter()
        result = run()
        first_ms = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1000)
        tracemalloc.start()
        run()
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        found = {c.entity_id for c in result.cards}
        out = {
            "transactions": store.info().transactions,
            "levels": result.levels_reached,
            "ms_median": round(statistics.median(times), 1),
            "ms_first": round(first_ms, 1),
            "ms_max": round(max(times), 1),
            "peak_mb": round(peak_mb, 1),
            "cards_traced": len(result.cards),
            "planted_cards": len(tree),
            "planted_found": len(found & set(tree)),
            "traced_fen": result.traced_fen,
            "cash_fen": result.exit_totals["cash"],
            "build_s": round(build_s, 1),
        }
        if args.patterns:
            money = ("fast_in_fast_out", "fan_in", "fan_out", "late_night_cash")
            detectors = {**{k: DETECTORS[k] for k in money}, "money_cycles": money_cycles}
            detectors["new_account_burst"] = DETECTORS["new_account_burst"]
            for name, detect in detectors.items():
                t0 = time.perf_counter()
                found = detect(store)
                out[f"{name}_s"] = round(time.perf_counter() - t0, 1)
                out[f"{name}_findings"] = len(found)
        store.close()
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>15}: {v}")


if __name__ == "__main__":
    main()
