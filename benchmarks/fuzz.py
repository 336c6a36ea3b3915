"""Fuzz the importer with mutated statements and report tracebacks, hangs and data lost.

Each case builds one of the real layout fixtures (tests/workbench/intake/layouts), damages it
one way (flipped bytes, cut short, 20- to 5,000-digit amounts, oversized cells, NULs, UTF-16
without a BOM, thousands of columns, a future zip version, damaged zip data...), and imports
it next to a good statement into a fresh case. Counted as failures:

* traceback: an exception escaped the importer;
* untyped: a file failed with an internal error rather than a typed reason;
* hang: a case took longer than --timeout seconds;
* lost: rows read that were neither stored, duplicates, kept unmoved, nor rejected; or the
  good statement was not imported.

    python benchmarks/fuzz.py --cases 2000 [--seed 1] [--timeout 60]

All four counts must be zero. Exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.workbench.intake.hostile import (  # noqa: E402
    MUTATIONS,
    check_import,
    good_statement,
    mutate,
)
from tests.workbench.intake.layouts import all_layouts  # noqa: E402
from workbench.store import CaseStore  # noqa: E402


class _Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Hang


def run(cases: int, seed: int, timeout: int) -> dict:
    layouts = all_layouts()
    rng = random.Random(seed)
    found: Counter = Counter()
    examples: dict[str, str] = {}
    by_mutation: Counter = Counter()
    alarm = hasattr(signal, "SIGALRM")
    if alarm:
        signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="zhanlian-fuzz-") as root:
        for n in range(cases):
            layout = rng.choice(layouts)
            how = rng.choice(MUTATIONS)
            case_seed = rng.randrange(1 << 32)
            by_mutation[how] += 1
            folder = Path(root) / f"{n:06d}"
            folder.mkdir()
            label = f"case {n}: {layout.name} / {how} / seed {case_seed}"
            if alarm:
                signal.alarm(timeout)
            try:
                bad = mutate(layout.build(folder), how, random.Random(case_seed))
                store = CaseStore.create(folder / "case.zlcase", "fuzz")
                try:
                    owner = layout.given_owner if layout.owner is None else None
                    good = good_statement(folder, "zz_good.csv")
                    problems = check_import(store, good, bad, owner=owner)
                finally:
                    store.close()
            except _Hang:
                problems = ["hang: "]
            finally:
                if alarm:
                    signal.alarm(0)
            for problem in problems:
                kind = problem.split(":", 1)[0].split()[0]
                kind = {"good": "lost"}.get(kind, kind)
                found[kind] += 1
                examples.setdefault(kind, f"{label}: {problem}"[:400])
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
    return {
        "cases": cases,
        "seconds": round(time.perf_counter() - start, 1),
        "tracebacks": found["traceback"],
        "untyped": found["untyped"],
        "hangs": found["hang"],
        "lost": found["lost"],
        "mutations": dict(sorted(by_mutation.items())),
        "examples": examples,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=60, help="seconds before a case hangs")
    args = parser.parse_args(argv)
    report = run(args.cases, args.seed, args.timeout)
    print(f"{report['cases']} cases in {report['seconds']} s")
    for key in ("tracebacks", "untyped", "hangs", "lost"):
        print(f"  {key:11} {report[key]}")
    print("  mutations  ", ", ".join(f"{k} {v}" for k, v in report["mutations"].items()))
    for kind, example in report["examples"].items():
        print(f"  first {kind}: {example}")
    bad = report["tracebacks"] + report["untyped"] + report["hangs"] + report["lost"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
