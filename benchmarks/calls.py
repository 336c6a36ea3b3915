"""Call-record analysis at scale: phone switch, companions and contact strength.

Builds a case of 1,000,000 calls among 20,000 numbers over 90 days, written with
``executemany`` through ``store.bulk``: each number has a home cell (its night calls) and a
work cell (its daytime calls) among 4,000 cells, and calls a circle of about 25 contacts.
Planted in it: 20 numbers that go quiet on day 45 and carry on with a new number the next
day, and 20 pairs of numbers that are in the same cell at the same times on 10 days. Then it
times, each once on the opened case:

- ``phone_switch_s``: :func:`workbench.analysis.phone_switches`;
- ``companion_s``: :func:`workbench.analysis.companions`;
- ``contact_strength_s``: :func:`workbench.analysis.contact_strength` over every pair of the
  case, and ``contacts_one_s`` for one number;

and says how many of the planted switches and companions were found.

    python benchmarks/calls.py [--calls 1000000] [--numbers 20000] [--json]

Target: each detection in seconds (under 10 s) on a workstation. On a 2-core build machine
(December 2026): switch 2.0 s, companions 3.3 s, contact strength of all 236,261 pairs 5.7 s,
one number's contacts 0.0 s; all 20 planted switches and 20 planted pairs found, no other
switch. The other companion pairs (about 345) are numbers that share a work cell in the
synthetic data and call from it within minutes of each other on three or more days: real
co-location, as colleagues would show.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.analysis import companions, contact_strength, phone_switches  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

DAYS = 90
CELLS = 4_000
SWITCHES = 20
COMPANIONS = 20
BASE = datetime(2025, 3, 1)


def build(path: Path, calls: int, numbers: int, seed: int = 1) -> tuple[CaseStore, dict]:
    """The case; returns the store and the planted answers as entity ids."""
    rng = np.random.default_rng(seed)
    store = CaseStore.create(path, "bench")
    now = "2025-06-01T00:00:00+08:00"
    total = numbers + SWITCHES  # the new numbers of the switches come on top
    ids = np.arange(1, total + 1)
    home = rng.integers(0, CELLS, total)
    work = rng.integers(0, CELLS, total)
    # Circles of contacts: numbers near each other in a shuffled order know each other.
    order = rng.permutation(numbers)
    position = np.empty(numbers, dtype=np.int64)
    position[order] = np.arange(numbers)
    callers = rng.integers(0, numbers, calls)
    offsets = rng.integers(-12, 13, calls)
    offsets[offsets == 0] = 1
    callees = order[(position[callers] + offsets) % numbers]
    seconds = rng.integers(0, DAYS * 86_400, calls)
    hours = (seconds % 86_400) // 3_600
    night = (hours >= 22) | (hours < 7)
    cell = np.where(night, home[callers], work[callers])
    durations = rng.integers(0, 600, calls)
    # Switches: SWITCHES numbers far apart in the circles go quiet on day 45; from day 46
    # their calls are made by the new numbers numbers..numbers+SWITCHES-1.
    old = order[numbers // SWITCHES // 2 + np.arange(SWITCHES) * (numbers // SWITCHES)]
    new = np.arange(numbers, numbers + SWITCHES)
    replace = dict(zip(old.tolist(), new.tolist(), strict=True))
    later = seconds >= 46 * 86_400
    quiet = (seconds >= 45 * 86_400) & ~later
    keep = ~(quiet & (np.isin(callers, old) | np.isin(callees, old)))
    for o, n in replace.items():
        callers[later & (callers == o)] = n
        callees[later & (callees == o)] = n
    # Companions: pairs from the shuffled order's tail, both calling from one cell five
    # minutes apart at 15:00 on ten days.
    extra = []
    pairs = order[-2 * COMPANIONS :].reshape(-1, 2)
    for k, (a, b) in enumerate(pairs.tolist()):
        place = int(rng.integers(0, CELLS))
        for day in rng.choice(DAYS, 10, replace=False).tolist():
            t = day * 86_400 + 15 * 3_600 + k * 60
            extra.append((a, order[(position[a] - 5) % numbers], t, place))
            extra.append((b, order[(position[b] - 5) % numbers], t + 300, place))
    rows_caller = np.concatenate([callers[keep], [e[0] for e in extra]])
    rows_callee = np.concatenate([callees[keep], [e[1] for e in extra]])
    rows_seconds = np.concatenate([seconds[keep], [e[2] for e in extra]])
    rows_cell = np.concatenate([cell[keep], [e[3] for e in extra]])
    rows_duration = np.concatenate([durations[keep], np.full(len(extra), 60)])
    base = np.datetime64("2025-03-01T00:00:00")
    stamps = np.datetime_as_string(base + rows_seconds.astype("timedelta64[s]"), unit="s")
    stamps = np.char.replace(stamps, "T", " ").tolist()
    cell_text = [f"LAC:{20000 + c // 100} CI:{c % 100 + 1000}" for c in range(CELLS)]
    with store.bulk("benchmark calls") as conn:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
            "VALUES (?, 'phone_card', ?, '', '{}', ?, ?)",
            [(int(i), f"13{int(i):09d}", now, now) for i in ids],
        )
        conn.executemany(
            "INSERT INTO call (caller_id, callee_id, ts, duration_s, call_type, cell) "
            "VALUES (?, ?, ?, ?, 'voice', ?)",
            zip(
                (rows_caller + 1).tolist(), (rows_callee + 1).tolist(), stamps,
                rows_duration.tolist(), [cell_text[c] for c in rows_cell.tolist()],
                strict=True,
            ),
        )  # fmt: skip
    planted = {
        "switches": {(int(o) + 1, int(n) + 1) for o, n in replace.items()},
        "companions": {tuple(sorted((int(a) + 1, int(b) + 1))) for a, b in pairs.tolist()},
        "calls": len(stamps),
    }
    return store, planted


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, round(time.perf_counter() - t0, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--numbers", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, planted = build(Path(tmp) / "calls.zlcase", args.calls, args.numbers)
        store.close()
        build_s = round(time.perf_counter() - t0, 1)
        with CaseStore.open(Path(tmp) / "calls.zlcase", "bench", read_only=True) as store:
            switches, switch_s = timed(phone_switches, store)
            pairs, companion_s = timed(companions, store)
            strengths, strength_s = timed(contact_strength, store)
            _, one_s = timed(contact_strength, store, next(iter(planted["switches"]))[1], top=20)
        found_switches = {(s.old, s.new) for s in switches}
        found_pairs = {(p.a, p.b) for p in pairs}
        out = {
            "calls": planted["calls"],
            "numbers": args.numbers + SWITCHES,
            "build_s": build_s,
            "phone_switch_s": switch_s,
            "companion_s": companion_s,
            "contact_strength_s": strength_s,
            "contacts_one_s": one_s,
            "switches_planted": len(planted["switches"]),
            "switches_found": len(planted["switches"] & found_switches),
            "switches_other": len(found_switches - planted["switches"]),
            "companions_planted": len(planted["companions"]),
            "companions_found": len(planted["companions"] & found_pairs),
            "companions_other": len(found_pairs - planted["companions"]),
            "pairs_scored": len(strengths),
        }
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:<22}{v:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
