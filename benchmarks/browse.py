"""How the case browser and inspector queries hold up in a large case.

Builds a case the size the brief names (500 suspects, 20,000 bank cards, 1,000,000
transactions) and times the queries the main window runs: counting, the first page and a
deep page of the bank-card table, sorting by holder and by transaction count, a search,
opening an entity with its neighbourhood, and opening the case file.

    python benchmarks/browse.py [--json] [--cards 20000] [--transactions 1000000] [--encrypted]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import identifiers as ids  # noqa: E402
from workbench.store import CaseStore  # noqa: E402


def build(path: Path, people: int, cards: int, transactions: int, key=None) -> CaseStore:
    rng = random.Random(1)
    store = CaseStore.create(path, "bench", key=key)
    ts = "2025-01-01T00:00:00+08:00"
    with store.bulk("benchmark case") as conn:
        rows = []
        for i in range(people):
            first17 = f"500240{1970 + i % 30}0101{i % 1000:03d}"
            rows.append((i + 1, "person", first17 + ids.id_check_char(first17), f"嫌疑人{i:04d}"))
        for j in range(cards):
            partial = f"622202{j:012d}"
            rows.append((people + j + 1, "bank_card", partial + ids.luhn_check_digit(partial), ""))
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
            'VALUES (?, ?, ?, ?, \'{"bank": "中国工商银行"}\', ?, ?)',
            [(*r, ts, ts) for r in rows],
        )
        conn.executemany(
            "INSERT INTO link (type, source_id, target_id, created_at) VALUES ('holds', ?, ?, ?)",
            [(1 + j % people, people + j + 1, ts) for j in range(cards)],
        )
        card_ids = range(people + 1, people + cards + 1)
        batch = []
        for k in range(transactions):
            batch.append((rng.choice(card_ids), rng.choice(card_ids), rng.randint(100, 10**7),
                          f"2025-{1 + k % 12:02d}-{1 + k % 28:02d} {k % 24:02d}:{k % 60:02d}:00"))  # fmt: skip
            if len(batch) == 100_000:
                conn.executemany(
                    "INSERT INTO txn (payer_id, payee_id, amount_fen, ts) VALUES (?,?,?,?)", batch
                )
                batch.clear()
        if batch:
            conn.executemany(
                "INSERT INTO txn (payer_id, payee_id, amount_fen, ts) VALUES (?,?,?,?)", batch
            )
    return store


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--encrypted", action="store_true",
                        help="an encrypted case (SQLCipher): what encryption at rest costs")  # fmt: skip
    args = parser.parse_args()
    key = "benchmark passphrase" if args.encrypted else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.zlcase"
        t0 = time.perf_counter()
        store = build(path, args.people, args.cards, args.transactions, key)
        build_s = time.perf_counter() - t0
        store.close()
        t0 = time.perf_counter()
        store = CaseStore.open(path, "bench", key=key)
        open_ms = (time.perf_counter() - t0) * 1000
        card = store.entities("bank_card")[100].id
        out = {
            "encrypted": args.encrypted,
            "people": args.people,
            "bank_cards": args.cards,
            "transactions": args.transactions,
            "build_s": round(build_s, 1),
            "open_ms": round(open_ms, 1),
            "count_ms": timed(lambda: store.count_entities("bank_card")),
            "first_page_ms": timed(lambda: store.browse("bank_card", limit=200)),
            "deep_page_ms": timed(lambda: store.browse("bank_card", offset=19_800, limit=200)),
            "sort_by_holder_ms": timed(
                lambda: store.browse("bank_card", sort="holder", limit=200), 3
            ),
            "sort_by_txns_ms": timed(lambda: store.browse("bank_card", sort="txns", limit=200), 1),
            "search_ms": timed(lambda: store.browse("bank_card", search="1234", limit=200)),
            "entity_ms": timed(lambda: store.entity(card)),
            "neighbourhood_ms": timed(lambda: store.neighbourhood(card)),
            "info_ms": timed(lambda: store.info()),
        }
        out = {k: (round(v, 1) if isinstance(v, float) else v) for k, v in out.items()}
        store.close()
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>20}: {v}")


if __name__ == "__main__":
    main()
