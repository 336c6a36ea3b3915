"""Time of each exchange format on the demo case (54,000 transfers, 22,500 calls).

Writes the demo case to a temporary folder (or uses CASE), then runs every exporter of
``workbench.exchange.EXPORTERS`` ``--repeat`` times and prints, per format, the median
seconds, the size of what was written and the exporter's counts. Add ``--mask-ids`` to
time the masked variants. Wall-clock seconds grow on a busy machine; the CPU seconds of
the process are the steadier figure.

    python benchmarks/export.py [CASE] [--json] [--repeat 3] [--formats graphml,ftm] [--mask-ids]

With both csv and xlsx measured it also prints ``xlsx_over_csv``, the workbook's CPU seconds
over the CSV tables' (issue #15 asks for 3x at most).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.demo import build_demo  # noqa: E402
from workbench.exchange import EXPORTERS  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "ftm": ".ftm.json", "anx": ".anx",
          "csv": "", "xlsx": ".xlsx"}  # fmt: skip


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", help="case file (default: a fresh demo case)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(EXPORTERS))
    parser.add_argument("--mask-ids", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(args.case) if args.case else Path(tmp) / "demo.zlcase"
        if not args.case:
            build_demo(case, analyst="bench")
        with CaseStore.open(case, "bench", read_only=True) as store:
            info = store.info()
            for fmt in args.formats.split(","):
                out = Path(tmp) / f"out{SUFFIX[fmt]}"
                times, cpu = [], []
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    summary = EXPORTERS[fmt](store, out, mask_ids=args.mask_ids)
                    times.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
                results.append(
                    {
                        "format": fmt,
                        "seconds_median": round(statistics.median(times), 2),
                        "seconds_min": round(min(times), 2),
                        # CPU time of this process: what a busy machine does not inflate.
                        "cpu_seconds_median": round(statistics.median(cpu), 2),
                        "mb": round(_size(out) / 2**20, 1),
                        "entities": summary.entities,
                        "links": summary.links,
                        "transactions": summary.transactions,
                        "calls": summary.calls,
                        "money_edges": summary.money_edges,
                        "call_edges": summary.call_edges,
                    }
                )
    by_format = {r["format"]: r for r in results}
    # The yardstick: the workbook within 3x of the CSV tables of the same rows.
    ratio = None
    if "csv" in by_format and "xlsx" in by_format:
        ratio = round(by_format["xlsx"]["cpu_seconds_median"]
                      / max(by_format["csv"]["cpu_seconds_median"], 1e-9), 2)  # fmt: skip
    if args.json:
        print(json.dumps({"case": {"transactions": info.transactions, "calls": info.calls,
                                   "entities": sum((info.people, info.bank_cards,
                                                    info.phone_cards, info.devices,
                                                    info.organisations))},
                          "formats": results, "xlsx_over_csv": ratio}))  # fmt: skip
        return
    print(f"case: {info.transactions:,} transactions, {info.calls:,} calls")
    print(f"{'format':<8} {'median s':>9} {'min s':>7} {'cpu s':>7} {'MB':>6}  counts")
    for r in results:
        counts = (f"{r['entities']} entities, {r['links']} links, {r['transactions']} txns, "
                  f"{r['calls']} calls, {r['money_edges']} money edges, "
                  f"{r['call_edges']} call edges")  # fmt: skip
        print(
            f"{r['format']:<8} {r['seconds_median']:>9.2f} {r['seconds_min']:>7.2f} "
            f"{r['cpu_seconds_median']:>7.2f} {r['mb']:>6.1f}  {counts}"
        )
    if ratio is not None:
        print(f"xlsx / csv (cpu seconds): {ratio}x")


if __name__ == "__main__":
    main()
