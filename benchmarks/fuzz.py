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

    python benchmarks/fuzz.py --cases 100000 [--seed 1] [--timeout 60] [--workers 2] [--json]

All four counts must be zero. Exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
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


def run(cases: int, seed: int, timeout: int, first: int = 0, step: int = 1) -> dict:
    """Cases ``first``, ``first + step``, ... below ``cases``; each case's layout, mutation
    and seed come from ``(seed, n)`` alone, so workers can share the numbers out."""
    layouts = all_layouts()
    found: Counter = Counter()
    examples: dict[str, str] = {}
    by_mutation: Counter = Counter()
    alarm = hasattr(signal, "SIGALRM")
    if alarm:
        signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    done = 0
    with tempfile.TemporaryDirectory(prefix="zhanlian-fuzz-") as root:
        # Every case starts from a copy of one fresh case: what CaseStore.create writes
        # (schema, regions, link types) is the same each time and costs most of a case.
        template = Path(root) / "template.zlcase"
        CaseStore.create(template, "fuzz").close()
        for n in range(first, cases, step):
            rng = random.Random(f"{seed}:{n}")
            layout = rng.choice(layouts)
            how = rng.choice(MUTATIONS)
            case_seed = rng.randrange(1 << 32)
            by_mutation[how] += 1
            done += 1
            folder = Path(root) / f"{n:06d}"
            folder.mkdir()
            label = f"case {n}: {layout.name} / {how} / seed {case_seed}"
            if alarm:
                signal.alarm(timeout)
            try:
                bad = mutate(layout.build(folder), how, random.Random(case_seed))
                shutil.copyfile(template, folder / "case.zlcase")
                store = CaseStore.open(folder / "case.zlcase", "fuzz")
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
            shutil.rmtree(folder)
    return {
        "cases": done,
        "seconds": round(time.perf_counter() - start, 1),
        "tracebacks": found["traceback"],
        "untyped": found["untyped"],
        "hangs": found["hang"],
        "lost": found["lost"],
        "mutations": dict(sorted(by_mutation.items())),
        "examples": examples,
    }


def _worker(args: tuple) -> dict:
    return run(*args)


def run_parallel(cases: int, seed: int, timeout: int, workers: int) -> dict:
    """:func:`run` on ``workers`` processes, the case numbers dealt out round-robin."""
    if workers <= 1:
        return run(cases, seed, timeout)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    # Not a multiprocessing.Pool: its daemonic workers may not start the importer's guarded
    # reader processes.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        parts = list(pool.map(_worker, [(cases, seed, timeout, w, workers)
                                         for w in range(workers)]))  # fmt: skip
    report = {"cases": 0, "tracebacks": 0, "untyped": 0, "hangs": 0, "lost": 0,
              "mutations": Counter(), "examples": {}}  # fmt: skip
    for part in parts:
        for key in ("cases", "tracebacks", "untyped", "hangs", "lost"):
            report[key] += part[key]
        report["mutations"].update(part["mutations"])
        for kind, example in part["examples"].items():
            report["examples"].setdefault(kind, example)
    report["mutations"] = dict(sorted(report["mutations"].items()))
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=60, help="seconds before a case hangs")
    parser.add_argument("--workers", type=int, default=1, help="processes (one per core)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_parallel(args.cases, args.seed, args.timeout, args.workers)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 1 if any(report[k] for k in ("tracebacks", "untyped", "hangs", "lost")) else 0
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
