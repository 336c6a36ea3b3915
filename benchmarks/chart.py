"""How the link chart holds up at 20,000 to 100,000 entities.

For each size (entities and links), builds a synthetic case (people in twelve regions
holding bank and phone cards, plus calls, payment and reporting links between them) written
through ``store.bulk``, lays it out once with the force-directed layout (``force_layout_s``)
and saves it as a chart. Then, offscreen, it opens the chart panel on the case and times it
up to the first painted frame (``open_s``), pans and zooms 50 frames timing each repaint
(``frame_ms_median``, ``frame_ms_max``), and reports the peak memory of the process
(``peak_mb``). Each size runs in a process of its own, so that one size's memory and caches
do not weigh on the next.

    python benchmarks/chart.py [--json] [--sizes 20000:60000 50000:200000 100000:300000]
                               [--frames 50]

``--json`` prints one object, ``{"sizes": [one object per size], "load_avg_1m"}``.

Targets: at 20,000 entities and 60,000 links ``open_s`` <= 1, ``frame_ms_median`` <= 33 and
``force_layout_s`` <= 1; at 100,000 entities and 300,000 links ``open_s`` <= 2,
``frame_ms_median`` <= 33 and ``force_layout_s`` <= 3.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import identifiers as ids  # noqa: E402
from workbench import layout as L  # noqa: E402
from workbench.store import CaseStore  # noqa: E402

COUNTIES = ("500240", "500243", "350521", "450103", "371302", "440305", "530102", "510104",
            "110105", "320102", "420102", "610113")  # fmt: skip
ROLES = ("organiser", "core_member", "operator", "car_handler", "card_seller", "money_launderer",
         "victim")  # fmt: skip


def build(path: Path, entities: int, links: int) -> tuple[CaseStore, dict]:
    """The synthetic case and its chart; returns the store and timings of the build."""
    rng = random.Random(1)
    store = CaseStore.create(path, "bench")
    ts = "2025-01-01T00:00:00+08:00"
    people = entities // 10
    cards = entities * 6 // 10
    phones = entities - people - cards
    t0 = time.perf_counter()
    with store.bulk("benchmark chart case") as conn:
        rows, regions, roles = [], [], []
        for i in range(people):
            county = COUNTIES[i % len(COUNTIES)]
            # Birth date and sequence number together tell every person apart: one date
            # per thousand people (a date and a number alone repeated after 3,000).
            born = (date(1970, 1, 1) + timedelta(days=(i // 1000) * 37)).strftime("%Y%m%d")
            first17 = f"{county}{born}{i % 1000:03d}"
            rows.append((i + 1, "person", first17 + ids.id_check_char(first17), f"嫌疑人{i:05d}"))
            regions.append((i + 1, county, "household"))
            roles.append((i + 1, ROLES[i % len(ROLES)]))
        for j in range(cards):
            partial = f"622202{j:012d}"
            rows.append((people + j + 1, "bank_card", partial + ids.luhn_check_digit(partial), ""))
        for k in range(phones):
            rows.append((people + cards + k + 1, "phone_card", f"139{k:08d}", ""))
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(*r, ts, ts) for r in rows],
        )
        conn.executemany(
            "INSERT INTO entity_region (entity_id, region_code, reason) VALUES (?, ?, ?)", regions
        )
        conn.executemany("INSERT INTO entity_role (entity_id, role) VALUES (?, ?)", roles)
        link_rows = []
        for j in range(cards + phones):
            link_rows.append(("holds", 1 + j % people, people + j + 1))
        card_ids = range(people + 1, people + cards + 1)
        phone_ids = range(people + cards + 1, entities + 1)
        while len(link_rows) < links:
            r = rng.random()
            if r < 0.45:
                a, b = rng.choice(card_ids), rng.choice(card_ids)
                t = "pays"
            elif r < 0.9:
                a, b = rng.choice(phone_ids), rng.choice(phone_ids)
                t = "calls"
            else:
                a, b = rng.randint(1, people), rng.randint(1, people)
                t = "reports_to"
            if a != b:
                link_rows.append((t, a, b))
        conn.executemany(
            "INSERT INTO link (type, source_id, target_id, created_at) VALUES (?, ?, ?, ?)",
            [(*r, ts) for r in link_rows],
        )
    write_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    nodes = list(range(1, entities + 1))
    positions = L.force_layout(nodes, [(a, b, 1.0) for _, a, b in link_rows])
    layout_s = time.perf_counter() - t0
    store.create_chart("Benchmark", {"layout": "force"},
                       [(n, *positions[n]) for n in nodes])  # fmt: skip
    return store, {"write_s": write_s, "force_layout_s": layout_s}


SIZES = ("20000:60000", "50000:200000", "100000:300000")


def size(text: str) -> tuple[int, int]:
    entities, _, links = text.partition(":")
    return int(entities), int(links)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sizes", nargs="+", type=size, default=[size(s) for s in SIZES],
                        metavar="ENTITIES:LINKS")  # fmt: skip
    parser.add_argument("--frames", type=int, default=50)
    # One size in this process (what the run of several sizes starts for each).
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        (entities, links), *_ = args.sizes
        print(json.dumps(measure(entities, links, args.frames)))
        return
    runs = []
    for entities, links in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--single", "--sizes", f"{entities}:{links}",
             "--frames", str(args.frames)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if not args.json:
            for k, v in runs[-1].items():
                print(f"{k:>20}: {v}")
            print()
    if args.json:
        # Other work on the machine slows every figure: say how busy it was.
        print(json.dumps({"sizes": runs, "load_avg_1m": round(os.getloadavg()[0], 2)}))


def measure(entities: int, links: int, frame_count: int) -> dict:
    """Build, open and pan the chart of one size; the figures as a dict."""
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.chart import ChartPanel
    from ui.document import CaseDocument

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chart.zlcase"
        store, built = build(path, entities, links)
        # The regions layout as the chart runs it: read the nodes, cards to their holders'
        # areas, holders with their cards in clusters.
        t0 = time.perf_counter()
        nodes = L.chart_nodes(store, range(1, entities + 1))
        area_of = L.area_codes(nodes)
        table = L.regions_table(store, set(area_of.values()))
        regions = L.region_layout(list(nodes), area_of, table, holder_of=L.holders(nodes))
        built["region_layout_s"] = time.perf_counter() - t0
        built["region_areas"] = len(regions.areas)
        store.close()

        t0 = time.perf_counter()
        store = CaseStore.open(path, "bench")
        document = CaseDocument(store)
        panel = ChartPanel(document)
        panel.resize(1400, 900)
        panel.show()
        QApplication.processEvents()
        canvas = panel.canvas
        canvas.viewport().repaint()
        open_s = time.perf_counter() - t0

        vb = canvas.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = x1 - x0, y1 - y0
        frames = []
        for k in range(frame_count):
            # Alternate panning and zooming: a quarter of the frames zoomed in close, where
            # labels and arrowheads come in, the rest over the whole chart.
            zoom = 1.0 if k % 4 else 0.08
            cx = (x0 + x1) / 2 + w * 0.2 * ((k % 7) / 7 - 0.5)
            cy = (y0 + y1) / 2 + h * 0.2 * ((k % 5) / 5 - 0.5)
            # A frame: the view moves (the canvas culls links on the way) and is painted.
            t = time.perf_counter()
            vb.setRange(xRange=(cx - w * zoom / 2, cx + w * zoom / 2),
                        yRange=(cy - h * zoom / 2, cy + h * zoom / 2), padding=0)  # fmt: skip
            canvas.viewport().repaint()
            frames.append((time.perf_counter() - t) * 1000)
            # Idle time between frames: labels and arrowheads catch up here.
            QApplication.processEvents()
        # Level of detail once the view settles on a close-up: labels and arrows added.
        vb.setRange(xRange=(x0, x0 + w * 0.05), yRange=(y0, y0 + h * 0.05), padding=0)
        t = time.perf_counter()
        canvas._update_detail()
        canvas.viewport().repaint()
        detail_ms = (time.perf_counter() - t) * 1000
        out = {
            "size": f"{entities}:{links}",
            "nodes": int(len(canvas.ids)),
            "links": len(canvas.edges),
            "open_s": round(open_s, 2),
            "frame_ms_median": round(statistics.median(frames), 1),
            "frame_ms_max": round(max(frames), 1),
            "close_up_detail_ms": round(detail_ms, 1),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "build_write_s": round(built["write_s"], 2),
            "force_layout_s": round(built["force_layout_s"], 2),
            "region_layout_s": round(built["region_layout_s"], 2),
            "region_areas": built["region_areas"],
            # Other work on the machine slows every figure: say how busy it was.
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
        panel.dispose()
        document.close()
    app.processEvents()
    return out


if __name__ == "__main__":
    main()
