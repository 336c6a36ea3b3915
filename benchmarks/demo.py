"""Time to write the demo case, which a first-time user waits for on first start.

python benchmarks/demo.py [--json] [--repeat 3]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            t = time.perf_counter()
            info = build_demo(Path(tmp) / f"demo{i}.zlcase")
            times.append(time.perf_counter() - t)
        size_mb = (Path(tmp) / "demo0.zlcase").stat().st_size / 2**20
    out = {
        "people": info.people,
        "bank_cards": info.bank_cards,
        "transactions": info.transactions,
        "calls": info.calls,
        "build_s_median": round(statistics.median(times), 2),
        "size_mb": round(size_mb, 1),
    }
    print(json.dumps(out) if args.json else "\n".join(f"{k:>16}: {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
