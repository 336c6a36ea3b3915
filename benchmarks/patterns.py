"""How fast ``zhanlian patterns`` runs on millions of transactions, against the detectors
as they were before they read the case as columns.

Builds, per size, a case like ``benchmarks/trace.py``'s: bank cards (20,000 per million
transactions, so that each card sees as much traffic at every size), transfers between
random cards at random times over a year with log-normal amounts, cash withdrawals (8%,
at 2,000 ATMs per million rows) and platform payments (4%), and trace.py's planted
laundering tree (:func:`trace.plant_tree`). The rows are drawn with numpy instead of one
``random`` call each and go in through ``CaseStore.bulk`` in batches.

Then, each in a process of its own so that its peak memory is its own (``os.wait4``):

* ``zhanlian patterns CASE --json``, the command itself: start-up, opening the case (which
  runs SQLite's ``quick_check`` over the whole file), the detectors and the JSON;
* the same work in this script, timed in parts: ``open_s`` (opening the case), ``find_s``
  (the detectors, run as the findings panel runs them: :class:`PatternRun`, one reading of
  the transactions shared by the money detectors), ``total_s`` (both and the JSON, without
  the interpreter's start-up), ``find_cpu_s`` (the detectors' CPU seconds, all threads),
  ``parts_s`` (``ledger``, the reading, then each pattern's seconds) and its own peak,
  ``find_peak_mb``;
* :func:`money_cycles` with its defaults (not among the patterns the command runs, but it
  reads every transfer the same way);
* with ``--baseline SIZE`` (default 1M), the detectors as they were on the same case (kept
  at the end of this script: the money detectors and the loop search; the phone and people
  detectors did not change), through this script since the command now runs the new ones.

    python benchmarks/patterns.py [--sizes 1M,5M,10M] [--baseline 1M|none] [--json]
                                  [--keep DIR]

Prints ``{"sizes": [{"transactions", "seconds", "peak_mb", "open_s", "find_s", "find_cpu_s",
"total_s", "find_peak_mb", "parts_s", "findings", "by_pattern", "cycles_seconds", "cycles_peak_mb",
"cycles", "build_s"}],
"baseline": {...the same for the old detectors...}}``. ``--keep DIR`` keeps the cases there
and reuses them on the next run (building 10M takes about five minutes).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from trace import _stamp, plant_tree  # noqa: E402

from workbench import identifiers as ids  # noqa: E402
from workbench.analysis import DETECTORS, PATTERNS  # noqa: E402
from workbench.analysis import patterns as columnar  # noqa: E402
from workbench.analysis._common import (  # noqa: E402
    AnalysisError,
    connection,
    entity_refs,
    shift_ts,
    strength,
)
from workbench.analysis.patterns import (  # noqa: E402
    EVIDENCE_CAP,
    Finding,
    _best_window,
    _check_positive,
    _findings,
)
from workbench.model import ACCOUNT_KINDS  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

_DAY = 86_400
_YEAR_S = 365 * _DAY
_BATCH = 1_000_000
CARDS_PER_MILLION = 20_000
ATMS_PER_MILLION = 2_000


def size(text: str) -> int:
    """``1M``, ``500k`` or ``1000000`` as a number of transactions."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1_000}k"


def build(path: Path, transactions: int, seed: int = 5) -> dict:
    """A case of ``transactions`` rows; returns what it holds."""
    cards = max(1_000, transactions * CARDS_PER_MILLION // 1_000_000)
    atms = max(10, transactions * ATMS_PER_MILLION // 1_000_000)
    rng = np.random.default_rng(seed)
    store = CaseStore.create(path, "bench")
    now = "2025-01-01T00:00:00+08:00"
    card_ids = list(range(1, cards + 1))
    with store.bulk("benchmark case") as conn:
        # The benchmark's own connection: a large page cache keeps the index inserts off disk.
        conn.execute("PRAGMA cache_size = -1000000")
        rows = []
        for j in card_ids:
            partial = f"622848{j:012d}"
            rows.append((j, "bank_card", partial + ids.luhn_check_digit(partial), now, now))
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
            "VALUES (?, ?, ?, '', '{\"bank\": \"中国农业银行\"}', ?, ?)",
            rows,
        )
        payment, tree_rows, tree = plant_tree(random.Random(seed), card_ids, 5, 3)
        sql = (
            "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts, place) "
            "VALUES (?, ?, ?, ?, ?, ?)"
        )
        noise = transactions - len(tree_rows) - 1
        # In time order, as statements list them (and the ts index is appended to).
        times = np.sort(rng.integers(0, _YEAR_S, noise))
        for start in range(0, noise, _BATCH):
            t = times[start : start + _BATCH]
            n = len(t)
            payer = rng.integers(1, cards + 1, n)
            payee = rng.integers(1, cards + 1, n)
            fen = rng.lognormal(11, 1.3, n).astype(np.int64)
            kind = rng.random(n)
            cash, platform = kind < 0.08, (kind >= 0.08) & (kind < 0.12)
            fen[cash] -= fen[cash] % 10_000
            place = rng.integers(1, atms + 1, n)
            stamps = [_stamp(s) for s in t.tolist()]
            batch = []
            for p, q, f, s, c, o, a in zip(
                payer.tolist(), payee.tolist(), fen.tolist(), stamps, cash.tolist(),
                platform.tolist(), place.tolist(), strict=True,
            ):  # fmt: skip
                if c:
                    batch.append((p, None, "cash", f, s, f"ATM{a:05d}"))
                elif o:
                    batch.append((p, None, "platform", f, s, ""))
                else:
                    batch.append((p, q, "", f, s, ""))
            conn.executemany(sql, batch)
        conn.execute(sql, (*payment, ""))
        conn.executemany(sql, [(*r, "") for r in tree_rows])
    store.close()
    return {"transactions": transactions, "cards": cards, "planted_cards": len(tree)}


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run a command; its wall time, its own peak memory (MB) and its output."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - t0
        err = child.stderr.read().decode()
        child.stderr.close()
        if status:
            raise RuntimeError(f"{args} failed ({status}): {err}")
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def measure(case: Path, old: bool) -> dict:
    """Seconds and peak MB of the patterns and of the loop search on a case.

    ``seconds`` and ``peak_mb`` are the whole command (start-up, opening the case, the
    detectors, JSON). In a process of its own, the same work is timed in parts: ``open_s``
    (opening the case), ``find_s`` (the detectors), ``total_s`` (both and the JSON, without
    the start-up), ``parts_s`` (the reading of the transactions under ``ledger``, then each
    pattern) and ``find_peak_mb``.
    """
    if old:
        seconds, peak, text = run_child([sys.executable, __file__, "--child-find", str(case),
                                         "--old"])  # fmt: skip
        split = json.loads(text)
        split_peak = peak
    else:
        cli = [sys.executable, str(ROOT / "main.py"), "patterns", str(case), "--json"]
        seconds, peak, text = run_child(cli)
        found = json.loads(text)
        _, split_peak, text = run_child([sys.executable, __file__, "--child-find", str(case)])
        split = json.loads(text)
        assert split["by_pattern"] == dict(Counter(f["pattern"] for f in found))
    cycles = [sys.executable, __file__, "--child-cycles", str(case)] + (["--old"] if old else [])
    c_seconds, c_peak, c_text = run_child(cycles)
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak),
        "open_s": split["open_s"],
        "find_s": split["find_s"],
        "find_cpu_s": split["find_cpu_s"],
        "total_s": split["total_s"],
        "find_peak_mb": round(split_peak),
        "parts_s": split["parts_s"],
        "findings": sum(split["by_pattern"].values()),
        "by_pattern": split["by_pattern"],
        "cycles_seconds": round(c_seconds, 2),
        "cycles_peak_mb": round(c_peak),
        "cycles": json.loads(c_text)["loops"],
    }


def child_find(case: Path, old: bool) -> None:
    """What the command does, timed in parts: open the case, run every pattern, JSON."""
    t0 = time.perf_counter()
    store = CaseStore.open(case, "bench", read_only=True)
    t1 = time.perf_counter()
    cpu = _cpu_seconds()
    seconds: dict[str, float] = {}
    if old:
        before = {
            "fast_in_fast_out": fast_in_fast_out,
            "fan_in": fan_in,
            "fan_out": fan_out,
            "late_night_cash": late_night_cash,
            "new_account_burst": new_account_burst,
        }
        found = []
        for name in PATTERNS:
            t = time.perf_counter()
            found += before.get(name, DETECTORS[name])(store)
            seconds[name] = round(time.perf_counter() - t, 3)
    else:
        # find_patterns a pattern at a time, as the findings panel runs it: the same work,
        # with the reading of the transactions timed apart.
        run = columnar.PatternRun(PATTERNS)
        found = [f for name in run.patterns for f in run.find(store, name)]
        seconds = run.seconds
    t2 = time.perf_counter()
    cpu = _cpu_seconds() - cpu
    json.dumps([f.to_dict() for f in found], ensure_ascii=False)
    store.close()
    t3 = time.perf_counter()
    print(json.dumps({
        "open_s": round(t1 - t0, 2),
        "find_s": round(t2 - t1, 2),
        "find_cpu_s": round(cpu, 2),
        "total_s": round(t3 - t0, 2),
        "parts_s": {k: round(v, 2) for k, v in seconds.items() if v >= 0.005},
        "by_pattern": dict(Counter(f.pattern for f in found)),
    }))  # fmt: skip


def _cpu_seconds() -> float:
    """CPU seconds this process has used, on all its threads (a busy machine stretches the
    wall-clock time, not this)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_cycles(case: Path, old: bool) -> None:
    store = CaseStore.open(case, "bench", read_only=True)
    found = (money_cycles if old else columnar.money_cycles)(store)
    store.close()
    print(json.dumps({"loops": len(found)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M,5M,10M", help="transactions, e.g. 1M,5M,10M")
    parser.add_argument("--baseline", default="1M", help="size to run the old detectors on")
    parser.add_argument("--keep", type=Path, help="keep the cases in this folder and reuse them")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--child-find", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-cycles", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--old", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_find:
        return child_find(args.child_find, args.old)
    if args.child_cycles:
        return child_cycles(args.child_cycles, args.old)
    sizes = [size(s) for s in args.sizes.split(",") if s.strip()]
    baseline = None if args.baseline.lower() == "none" else size(args.baseline)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        out: dict = {"sizes": []}
        for n in sorted(set(sizes) | ({baseline} if baseline else set())):
            case = folder / f"patterns-{label(n)}.zlcase"
            built = 0.0
            if not case.exists():
                t0 = time.perf_counter()
                build(case, n)
                built = round(time.perf_counter() - t0, 1)
            if n in sizes:
                row = {"transactions": n, **measure(case, old=False), "build_s": built}
                out["sizes"].append(row)
                _say(args, row)
            if n == baseline:
                out["baseline"] = {"transactions": n, **measure(case, old=True)}
                _say(args, out["baseline"], "old")
    if args.json:
        print(json.dumps(out))


def _say(args, row: dict, what: str = "new") -> None:
    if not args.json:
        print(
            f"{what} {label(row['transactions']):>4}: patterns {row['seconds']:7.2f} s "
            f"{row['peak_mb']:6} MB (open {row['open_s']} s, detectors {row['find_s']} s "
            f"[{row['find_cpu_s']} s CPU], "
            f"total {row['total_s']} s, {row['findings']} findings; "
            f"{', '.join(f'{k} {v}' for k, v in row['parts_s'].items())}); money_cycles "
            f"{row['cycles_seconds']:7.2f} s {row['cycles_peak_mb']:6} MB",
            flush=True,
        )


# ---------------------------------------------------------------------- the old detectors
# The money detectors and the loop search as they were before the columnar rewrite (SQL per
# card and per inflow, Python tuples per transfer), kept here as the baseline, docstrings
# left out. The helpers that did not change come from workbench.analysis.patterns.


def sql_shift(column: str, seconds: int) -> str:
    seconds = int(seconds)
    return (
        f"(strftime('%Y-%m-%d' || substr({column}, 11, 1) || '%H:%M:%S', "
        f"substr({column}, 1, 19), '{seconds:+d} seconds') || substr({column}, 20))"
    )


def hour_of(ts: str) -> int:
    return int(ts[11:13]) if len(ts) >= 13 else 0


def fast_in_fast_out(
    store: CaseStore,
    *,
    window_minutes: float = 60,
    min_inflow_fen: int = 50_000,
    pass_ratio: float = 0.8,
    min_events: int = 3,
    whole_ratio: float = 0.95,
    whole_minutes: float = 10,
) -> list[Finding]:
    _check_positive(
        window_minutes=window_minutes, min_inflow_fen=min_inflow_fen, min_events=min_events,
        whole_ratio=whole_ratio, whole_minutes=whole_minutes,
    )  # fmt: skip
    if whole_minutes > window_minutes:
        raise AnalysisError("whole minutes", whole_minutes, "must not exceed the window")
    if whole_ratio < pass_ratio:
        raise AnalysisError("whole ratio", whole_ratio, "must not be below the pass ratio")
    conn = connection(store)
    window_s = int(window_minutes * 60)
    # One indexed range sum per sizeable inflow (txn_payer_ts); lead() finds the next one.
    rows = conn.execute(
        "WITH big AS (SELECT id, payee_id AS card, amount_fen AS fen, ts, "
        " lead(ts) OVER (PARTITION BY payee_id ORDER BY ts, id) AS next_ts "
        " FROM txn WHERE payee_id IS NOT NULL AND payer_id IS NOT NULL "
        " AND payer_id <> payee_id AND amount_fen >= :min) "
        "SELECT card, id, fen, ts, next_ts, (SELECT coalesce(sum(o.amount_fen), 0) FROM txn o "
        f" WHERE o.payer_id = big.card AND o.ts >= big.ts AND o.ts <= {sql_shift('big.ts', window_s)} "
        " AND (big.next_ts IS NULL OR o.ts < big.next_ts)) "
        "FROM big ORDER BY card, ts",
        {"min": min_inflow_fen},
    ).fetchall()
    per_card: dict[int, list[tuple]] = defaultdict(list)
    for card, tid, fen, ts, next_ts, out in rows:
        per_card[card].append((tid, fen, ts, next_ts, out))
    hits = []
    whole_s = int(whole_minutes * 60)
    for card, inflows in per_card.items():
        fast = [r for r in inflows if r[4] >= pass_ratio * r[1]]
        if not fast:
            continue
        total = sum(r[1] for r in inflows)
        passed = sum(min(r[4], r[1]) for r in inflows)
        if passed < pass_ratio * total:
            continue
        # A whole inflow passed on quickly is enough on its own; looked for only where the
        # count falls short, one indexed range sum per candidate.
        whole = []
        if len(fast) < min_events:
            whole = [
                r for r in fast
                if r[4] >= whole_ratio * r[1]
                and _passed_within(conn, card, r[2], r[3], whole_s) >= whole_ratio * r[1]
            ]  # fmt: skip
            if not whole:
                continue
        evidence_out: list[int] = []
        for _, _, ts, next_ts, _ in fast[:EVIDENCE_CAP]:
            evidence_out += [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM txn WHERE payer_id = :card AND ts >= :ts "
                    f"AND ts <= {sql_shift(':ts', window_s)} AND (:next IS NULL OR ts < :next) "
                    "ORDER BY ts LIMIT :cap",
                    {"card": card, "ts": ts, "next": next_ts, "cap": EVIDENCE_CAP},
                )
            ]
        metrics = {
            "inflows": len(inflows),
            "fast_inflows": len(fast),
            "inflow_fen": total,
            "passed_fen": passed,
            "pass_share": round(passed / total, 4),
        }
        if whole:
            metrics["whole_inflows"] = len(whole)
        evidence = {"txn": [r[0] for r in fast] + evidence_out}
        score = strength(len(fast) * (passed / total) / pass_ratio, 1)
        hits.append((card, score, metrics, evidence))
    params = {
        "window_minutes": window_minutes,
        "min_inflow_fen": min_inflow_fen,
        "pass_ratio": pass_ratio,
        "min_events": min_events,
        "whole_ratio": whole_ratio,
        "whole_minutes": whole_minutes,
    }
    return _findings(conn, "fast_in_fast_out", hits, params)


def _passed_within(conn, card: int, ts: str, next_ts: str | None, seconds: int) -> int:
    return conn.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE payer_id = :card AND ts >= :ts "
        f"AND ts <= {sql_shift(':ts', seconds)} AND (:next IS NULL OR ts < :next)",
        {"card": card, "ts": ts, "next": next_ts},
    ).fetchone()[0]


#: Accounts money moves through (bank cards, payment accounts, wallets) as an SQL list.
_ACCOUNT_KINDS_SQL = "(" + ", ".join(f"'{k}'" for k in ACCOUNT_KINDS) + ")"

_TRANSFER = "payer_id IS NOT NULL AND payee_id IS NOT NULL AND payer_id <> payee_id"


_SECONDS = "CAST(strftime('%s', substr(ts, 1, 19)) AS INTEGER)"


def _fan_candidates(
    conn, side: str, other: str, min_amount: int, min_distinct: int, window_days: float
) -> list[int]:
    per_card: dict[int, dict[int, int]] = defaultdict(dict)
    for card, bucket, n in conn.execute(
        f"SELECT {side}, CAST(julianday(substr(ts, 1, 19)) / ? AS INTEGER) AS bucket, "
        f"count(DISTINCT {other}) FROM txn WHERE {_TRANSFER} AND amount_fen >= ? "
        f"GROUP BY {side}, bucket",
        (window_days, min_amount),
    ):
        per_card[card][bucket] = n
    return [
        card
        for card, buckets in per_card.items()
        if any(n + buckets.get(b + 1, 0) >= min_distinct for b, n in buckets.items())
    ]


def _fan_events(conn, card: int, side: str, other: str, min_amount: int) -> list[tuple]:
    return conn.execute(
        f"SELECT {_SECONDS}, {other}, id, amount_fen, ts FROM txn WHERE {side} = ? "
        f"AND {_TRANSFER} AND amount_fen >= ? ORDER BY ts, id",
        (card, min_amount),
    ).fetchall()


def _movements(conn, card: int, side: str, lo: str, hi: str) -> list[tuple]:
    other = "payee_id" if side == "payer_id" else "payer_id"
    return conn.execute(
        f"SELECT id, {other}, amount_fen, exit_kind FROM txn WHERE {side} = ? "
        f"AND ts >= ? AND ts <= ? AND ({other} IS NULL OR {other} <> {side})",
        (card, lo, hi),
    ).fetchall()


def fan_in(
    store: CaseStore,
    *,
    window_days: float = 7,
    min_payers: int = 5,
    min_inflows: int | None = None,
    min_amount_fen: int = 50_000,
    pass_ratio: float = 0.7,
    out_days: float = 1,
) -> list[Finding]:
    _check_positive(window_days=window_days, min_payers=min_payers, out_days=out_days)
    min_inflows = min_payers if min_inflows is None else min_inflows
    conn = connection(store)
    hits = []
    candidates = _fan_candidates(
        conn, "payee_id", "payer_id", min_amount_fen, min_payers, window_days
    )
    for card in candidates:
        events = _fan_events(conn, card, "payee_id", "payer_id", min_amount_fen)
        payers, j, i = _best_window(events, window_days * _DAY, min_inflows)
        window = events[j : i + 1]
        if payers < min_payers:
            continue
        inflow = sum(e[3] for e in window)
        outs = _movements(conn, card, "payer_id", window[0][4], _end(window[-1][4], out_days))
        outflow = sum(r[2] for r in outs)
        if outflow < pass_ratio * inflow:
            continue
        metrics = {
            "payers": payers,
            "inflows": len(window),
            "inflow_fen": inflow,
            "outflow_fen": outflow,
            "payees": len({r[1] if r[1] is not None else r[3] for r in outs}),
            "first": window[0][4],
            "last": window[-1][4],
        }
        evidence = {"txn": [e[2] for e in window] + [r[0] for r in outs]}
        hits.append((card, strength(payers, min_payers), metrics, evidence))
    params = {
        "window_days": window_days,
        "min_payers": min_payers,
        "min_inflows": min_inflows,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "out_days": out_days,
    }
    return _findings(conn, "fan_in", hits, params)


def _end(ts: str, days: float) -> str:
    return shift_ts(ts, days * _DAY)


def fan_out(
    store: CaseStore,
    *,
    window_days: float = 7,
    min_payees: int = 5,
    min_amount_fen: int = 50_000,
    pass_ratio: float = 0.7,
    in_days: float = 1,
) -> list[Finding]:
    _check_positive(
        window_days=window_days, min_payees=min_payees, pass_ratio=pass_ratio, in_days=in_days
    )
    conn = connection(store)
    hits = []
    candidates = _fan_candidates(
        conn, "payer_id", "payee_id", min_amount_fen, min_payees, window_days
    )
    for card in candidates:
        events = _fan_events(conn, card, "payer_id", "payee_id", min_amount_fen)
        payees, j, i = _best_window(events, window_days * _DAY, min_payees)
        window = events[j : i + 1]
        if payees < min_payees:
            continue
        outflow = sum(e[3] for e in window)
        ins = _movements(conn, card, "payee_id", _end(window[0][4], -in_days), window[-1][4])
        inflow = sum(r[2] for r in ins)
        payers = len({r[1] if r[1] is not None else r[3] for r in ins})
        if not inflow or not pass_ratio <= outflow / inflow <= 1 / pass_ratio:
            continue
        if 2 * payers > payees:
            continue
        metrics = {
            "payees": payees,
            "outflows": len(window),
            "outflow_fen": outflow,
            "inflow_fen": inflow,
            "payers": payers,
            "first": window[0][4],
            "last": window[-1][4],
        }
        evidence = {"txn": [e[2] for e in window] + [r[0] for r in ins]}
        hits.append((card, strength(payees, min_payees), metrics, evidence))
    params = {
        "window_days": window_days,
        "min_payees": min_payees,
        "min_amount_fen": min_amount_fen,
        "pass_ratio": pass_ratio,
        "in_days": in_days,
    }
    return _findings(conn, "fan_out", hits, params)


def late_night_cash(
    store: CaseStore,
    *,
    start_hour: int = 0,
    end_hour: int = 5,
    min_withdrawals: int = 3,
) -> list[Finding]:
    if not (0 <= start_hour <= 23 and 0 <= end_hour <= 24 and start_hour != end_hour):
        raise AnalysisError("night hours", (start_hour, end_hour), "must be two different hours")
    _check_positive(min_withdrawals=min_withdrawals)
    conn = connection(store)
    wraps = start_hour > end_hour

    def at_night(hour: int) -> bool:
        if wraps:
            return hour >= start_hour or hour < end_hour
        return start_hour <= hour < end_hour

    per_card: dict[int, list[tuple]] = defaultdict(list)
    crews: dict[tuple[str, str], set[int]] = defaultdict(set)
    # Exits have no payee: txn_payee_ts finds them without a scan of the table.
    for tid, card, fen, ts, place in conn.execute(
        "SELECT id, payer_id, amount_fen, ts, place FROM txn "
        "WHERE payee_id IS NULL AND payer_id IS NOT NULL AND exit_kind = 'cash'"
    ):
        hour = hour_of(ts)
        if not at_night(hour):
            continue
        # The night a withdrawal belongs to: after midnight it is the previous evening's.
        night = _end(ts, -_DAY)[:10] if wraps and hour < end_hour else ts[:10]
        per_card[card].append((tid, fen, night, place))
        if place:
            crews[(place, night)].add(card)
    hits = []
    for card, rows in per_card.items():
        if len(rows) < min_withdrawals:
            continue
        places = Counter(r[3] for r in rows if r[3])
        companions = max((len(crews[(r[3], r[2])]) - 1 for r in rows if r[3]), default=0)
        metrics = {
            "withdrawals": len(rows),
            "amount_fen": sum(r[1] for r in rows),
            "nights": len({r[2] for r in rows}),
            "places": [p for p, _ in places.most_common(5)],
            "companions": companions,
        }
        hits.append(
            (card, strength(len(rows), min_withdrawals), metrics, {"txn": [r[0] for r in rows]})
        )
    params = {"start_hour": start_hour, "end_hour": end_hour, "min_withdrawals": min_withdrawals}
    return _findings(conn, "late_night_cash", hits, params)


def new_account_burst(
    store: CaseStore,
    *,
    days: int = 7,
    min_txns: int = 10,
    min_amount_fen: int = 5_000_000,
    settle_days: int = 31,
) -> list[Finding]:
    _check_positive(days=days, min_txns=min_txns, min_amount_fen=min_amount_fen)
    if settle_days < 0:
        raise AnalysisError("settle days", settle_days, "must not be negative")
    conn = connection(store)
    case_start = conn.execute("SELECT min(ts) FROM txn").fetchone()[0]
    if case_start is None:
        return []
    settled = shift_ts(case_start[:10], settle_days * _DAY)[:10]
    # Bounds are dates ('2025-03-08'), which compare correctly with either spelling of ts.
    end = f"date(start, '+{int(days)} days')"
    rows = conn.execute(
        "WITH cards AS (SELECT e.id, json_extract(e.attrs, '$.opened_on') AS opened, "
        " min(coalesce((SELECT min(ts) FROM txn WHERE payer_id = e.id), '9'), "
        "     coalesce((SELECT min(ts) FROM txn WHERE payee_id = e.id), '9')) AS first "
        f" FROM entity e WHERE e.kind IN {_ACCOUNT_KINDS_SQL}), "
        "dated AS (SELECT id, substr(coalesce(opened, first), 1, 10) AS start, "
        " opened IS NOT NULL AS known FROM cards WHERE opened IS NOT NULL OR first < '9') "
        "SELECT id, start, known, "
        f" (SELECT count(*) FROM txn WHERE payer_id = dated.id AND ts >= start AND ts < {end}), "
        f" (SELECT count(*) FROM txn WHERE payee_id = dated.id AND ts >= start AND ts < {end}), "
        " (SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE payee_id = dated.id "
        f"  AND ts >= start AND ts < {end}) "
        "FROM dated"
    ).fetchall()
    hits = []
    for card, start, known, n_out, n_in, received in rows:
        n = n_out + n_in
        if not known and start < settled:
            continue
        if n < min_txns and received < min_amount_fen:
            continue
        score = max(strength(n, min_txns), strength(received, min_amount_fen))
        evidence = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM txn WHERE payer_id = :c AND ts >= :s AND ts < date(:s, :d) "
                f"UNION SELECT id FROM txn WHERE payee_id = :c AND ts >= :s AND ts < date(:s, :d) "
                f"ORDER BY 1 LIMIT {EVIDENCE_CAP}",
                {"c": card, "s": start, "d": f"+{int(days)} days"},
            )
        ]
        metrics = {
            "opened_on": start,
            "opening_from": "account record" if known else "first transaction",
            "txns": n,
            "received_fen": received,
        }
        hits.append((card, score, metrics, {"txn": evidence}))
    params = {
        "days": days,
        "min_txns": min_txns,
        "min_amount_fen": min_amount_fen,
        "settle_days": settle_days,
    }
    return _findings(conn, "new_account_burst", hits, params)


def money_cycles(
    store: CaseStore,
    *,
    min_length: int = 3,
    max_length: int = 6,
    tolerance: float = 0.1,
    window_days: float = 30,
    time_ordered: bool = True,
    min_amount_fen: int = 10_000,
) -> list[Finding]:
    _check_positive(
        min_length=min_length, max_length=max_length, tolerance=tolerance,
        window_days=window_days, min_amount_fen=min_amount_fen,
    )  # fmt: skip
    conn = connection(store)
    step = math.log1p(tolerance)
    bands: dict[int, list[tuple]] = defaultdict(list)
    # SQLite turns the times into seconds, faster than parsing a million strings here; a
    # table scan and a sort here beat reading in index order (random page reads).
    for tid, payer, payee, fen, t in conn.execute(
        "SELECT id, payer_id, payee_id, amount_fen, CAST(strftime('%s', substr(ts, 1, 19)) "
        f"AS INTEGER) FROM txn WHERE {_TRANSFER} AND amount_fen >= ?",
        (min_amount_fen,),
    ):
        bands[int(math.log(fen) / step)].append((t, fen, payer, payee, tid))
    for transfers in bands.values():
        transfers.sort()  # by time: each card's list in a band is then sorted as filled
    search = _LoopSearch(min_length, max_length, tolerance, window_days * _DAY, time_ordered)
    loops: dict[tuple[int, ...], list[tuple]] = {}
    indexed: dict[int, dict[int, tuple[list[int], list[tuple]]]] = {}
    for band in sorted(bands):
        # A start in this band only meets transfers within the tolerance: the neighbours.
        for b in (band - 1, band, band + 1):
            if b not in indexed:
                indexed[b] = _by_payer(bands.get(b, []))
        indexed.pop(band - 2, None)
        search.slices = [indexed[band - 1], indexed[band], indexed[band + 1]]
        for start in bands[band]:
            for legs in search.from_transfer(start):
                members = [leg[2] for leg in legs]
                first = members.index(min(members))
                loop = tuple(members[first:] + members[:first])
                if loop not in loops:
                    loops[loop] = legs
    hits = []
    for loop, legs in loops.items():
        times = [leg[0] for leg in legs]
        metrics = {
            "members": list(loop),
            "length": len(loop),
            "amount_fen": legs[0][1],
            "returned_fen": legs[-1][1],
            "span_days": round((max(times) - min(times)) / _DAY, 2),
        }
        back = min(1.0, legs[-1][1] / legs[0][1])
        score = round(strength(len(loop), min_length) * back, 4)
        hits.append((loop[0], score, metrics, {"txn": [leg[4] for leg in legs]}))
    params = {
        "min_length": min_length,
        "max_length": max_length,
        "tolerance": tolerance,
        "window_days": window_days,
        "time_ordered": time_ordered,
        "min_amount_fen": min_amount_fen,
    }
    findings = _findings(conn, "money_cycle", hits, params)
    refs = entity_refs(conn, (m for f in findings for m in f.metrics["members"]))
    for f in findings:
        keys = [refs[m].key or f"#{m}" for m in f.metrics["members"]]
        f.metrics["member_keys"] = keys
        f.identity = "money_cycle:" + ">".join(keys)
    return findings


def _by_payer(transfers: list[tuple]) -> dict[int, tuple[list[int], list[tuple]]]:
    out: dict[int, tuple[list[int], list[tuple]]] = {}
    for tr in transfers:
        entry = out.get(tr[2])
        if entry is None:
            entry = out[tr[2]] = ([], [])
        entry[0].append(tr[0])
        entry[1].append(tr)
    return out


class _LoopSearch:
    def __init__(self, min_length, max_length, tolerance, window_s, time_ordered):
        self.min_length = min_length
        self.max_length = max_length
        self.tolerance = tolerance
        self.window_s = window_s
        self.time_ordered = time_ordered
        #: Transfers by payer, one mapping per band of amount (see :func:`_by_payer`).
        self.slices: list[dict[int, tuple[list[int], list[tuple]]]] = []

    def from_transfer(self, start: tuple) -> list[list[tuple]]:
        t0, fen0, home, first_payee = start[0], start[1], start[2], start[3]
        lo, hi = fen0 / (1 + self.tolerance), fen0 * (1 + self.tolerance)
        earliest = t0 if self.time_ordered else t0 - self.window_s
        latest = t0 + self.window_s
        ordered, min_length, max_length = self.time_ordered, self.min_length, self.max_length
        slices = self.slices
        legs = [start]
        visited = {home, first_payee}
        found: list[list[tuple]] = []

        def step(card: int, after: int) -> None:
            for by_payer in slices:
                entry = by_payer.get(card)
                if entry is None:
                    continue
                times, trs = entry
                for i in range(bisect_left(times, after if ordered else earliest), len(trs)):
                    tr = trs[i]
                    if tr[0] > latest:
                        break
                    if not lo <= tr[1] <= hi:
                        continue
                    nxt = tr[3]
                    if nxt == home:
                        if len(legs) + 1 >= min_length:
                            found.append([*legs, tr])
                    elif nxt not in visited and len(legs) + 1 < max_length:
                        legs.append(tr)
                        visited.add(nxt)
                        step(nxt, tr[0])
                        legs.pop()
                        visited.discard(nxt)

        step(first_payee, t0)
        return found


if __name__ == "__main__":
    main()
