"""Import speed of a large bank statement against a bare pandas load of the same file.

Writes a GBK-encoded bank statement CSV (12 columns, the header banks use, realistic cards,
names, amounts and counterparts), imports it into a fresh case with full validation,
identity resolution and provenance, and in the same run loads the same file into a bare table with the plain loaders as baselines:
pandas ``read_csv`` + ``to_sql``, polars and duckdb each through ADBC's SQLite driver, and
Python's csv module + ``executemany``; and times the floor (decode, parse, insert) alone.
Each run is a process of its own, so that its peak memory is its own, and starts with
nothing left to write back to disk (the 140 MB statement just written, or the previous
side's database, would otherwise be flushed while the next side runs). Medians of
``--repeat`` runs.

    python benchmarks/import_bank.py [--rows 1000000[,10000000]] [--repeat 3] [--json]

Prints ``{"rows", "seconds", "peak_mb", "baselines": {name: seconds}, "ratio_pandas",
"ratio_best", ...}``; ``ratio_best`` is the import over the fastest baseline. Needs the
``bench`` extra (pandas, duckdb, adbc-driver-sqlite, pyarrow).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = ["交易卡号", "户名", "交易时间", "借贷标志", "交易金额", "余额", "对方账号",
          "对方户名", "对方开户行", "摘要", "交易渠道", "交易流水号"]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪雪梅晨阳"
BANKS = [("622202", "中国工商银行"), ("621700", "中国建设银行"), ("622848", "中国农业银行"),
         ("621661", "中国银行"), ("622588", "招商银行"), ("623668", "中国邮政储蓄银行")]  # fmt: skip
SUMMARIES = ["转账", "跨行转出", "网银转入", "手机银行转账", "工资", "消费", "还款", "往来款"]
CHANNELS = ["网银", "手机银行", "柜面", "ATM", "POS"]


def luhn_digit(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def write_statement(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)

    def card():
        prefix, bank = rng.choice(BANKS)
        partial = prefix + "".join(rng.choice("0123456789") for _ in range(12))
        return partial + luhn_digit(partial), bank

    def name():
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))

    owners = [(card()[0], name()) for _ in range(2_000)]
    counterparts = [(*card(), name()) for _ in range(20_000)]
    start = datetime(2025, 1, 1)
    with open(path, "w", encoding="gbk", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        balance = {}
        for i in range(rows):
            own, holder = owners[i % len(owners)]
            cp, cp_bank, cp_name = rng.choice(counterparts)
            when = start + timedelta(seconds=i * 29 + rng.randint(0, 20))
            out = rng.random() < 0.5
            fen = rng.randint(100, 5_000_000)
            bal = balance.get(own, 10_000_000) + (-fen if out else fen)
            balance[own] = bal
            serial = f"{when:%Y%m%d}{i:010d}"
            f.write(
                f"{own},{holder},{when:%Y-%m-%d %H:%M:%S},{'出' if out else '进'},"
                f"{fen / 100:.2f},{bal / 100:.2f},{cp},{cp_name},{cp_bank},"
                f"{rng.choice(SUMMARIES)},{rng.choice(CHANNELS)},{serial}\r\n"
            )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(csv_path: str, case_path: str, key: str | None = None) -> dict:
    from workbench.intake.importer import import_files
    from workbench.store import CaseStore

    t = time.perf_counter()
    with CaseStore.create(case_path, "benchmark", key=key) as store:
        summary = import_files(store, [csv_path], "bank")
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "peak_mb": peak_mb(), "transactions": summary.transactions_new,
            "rejected": len(summary.rejected), "entities": summary.entities_new}  # fmt: skip


def _fresh_db(db_path: str):
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")
    return conn


def child_pandas(csv_path: str, db_path: str) -> dict:
    import pandas as pd

    t = time.perf_counter()
    frame = pd.read_csv(csv_path, encoding="gbk", dtype=str)
    conn = _fresh_db(db_path)
    frame.to_sql("statement", conn, index=False)
    conn.commit()
    conn.close()
    return {"seconds": time.perf_counter() - t, "peak_mb": peak_mb()}


def _adbc_ingest(table, db_path: str) -> None:
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(db_path) as conn:
        with conn.cursor() as cur:
            cur.adbc_ingest("statement", table, mode="create")
        conn.commit()


def child_polars(csv_path: str, db_path: str) -> dict:
    import polars as pl

    t = time.perf_counter()
    data = Path(csv_path).read_bytes().decode("gbk").encode("utf-8")
    frame = pl.read_csv(data, infer_schema=False)
    _adbc_ingest(frame.to_arrow(), db_path)
    return {"seconds": time.perf_counter() - t, "peak_mb": peak_mb()}


def child_duckdb(csv_path: str, db_path: str) -> dict:
    import duckdb

    t = time.perf_counter()
    # DuckDB reads UTF-8 only (GBK needs an extension downloaded at run time): decoded here.
    utf8 = Path(db_path).with_suffix(".utf8.csv")
    utf8.write_bytes(Path(csv_path).read_bytes().decode("gbk").encode("utf-8"))
    table = duckdb.read_csv(str(utf8), all_varchar=True).to_arrow_table()
    _adbc_ingest(table, db_path)
    seconds = time.perf_counter() - t
    utf8.unlink()
    return {"seconds": seconds, "peak_mb": peak_mb()}


def child_csv(csv_path: str, db_path: str) -> dict:
    import csv

    t = time.perf_counter()
    with open(csv_path, encoding="gbk", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        conn = _fresh_db(db_path)
        cols = ", ".join(f'"{h}" TEXT' for h in header)
        conn.execute(f"CREATE TABLE statement ({cols})")
        marks = ",".join("?" * len(header))
        conn.executemany(f"INSERT INTO statement VALUES ({marks})", reader)
        conn.commit()
        conn.close()
    return {"seconds": time.perf_counter() - t, "peak_mb": peak_mb()}


def child_floor(csv_path: str, db_path: str) -> dict:
    """The parts no loader can skip, each timed alone: decode GBK, split the CSV (polars,
    the fastest parser measured here), insert the rows (executemany of ready tuples)."""
    import polars as pl

    raw = Path(csv_path).read_bytes()
    t = time.perf_counter()
    text = raw.decode("gbk")
    decode = time.perf_counter() - t
    data = text.encode("utf-8")
    t = time.perf_counter()
    frame = pl.read_csv(data, infer_schema=False)
    parse = time.perf_counter() - t
    rows = list(zip(*(frame[c].to_list() for c in frame.columns), strict=True))
    conn = _fresh_db(db_path)
    marks = ",".join("?" * frame.width)
    conn.execute(f"CREATE TABLE statement ({', '.join(f'c{i} TEXT' for i in range(frame.width))})")
    t = time.perf_counter()
    conn.executemany(f"INSERT INTO statement VALUES ({marks})", rows)
    conn.commit()
    insert = time.perf_counter() - t
    conn.close()
    return {"seconds": decode + parse + insert, "decode": decode, "parse": parse,
            "insert": insert, "peak_mb": peak_mb()}  # fmt: skip


def child_import_encrypted(csv_path: str, case_path: str) -> dict:
    return child_import(csv_path, case_path, key="benchmark passphrase")


CHILDREN = {"import": child_import, "import_encrypted": child_import_encrypted, "pandas": child_pandas, "polars+adbc": child_polars,
            "duckdb+adbc": child_duckdb, "csv+executemany": child_csv, "floor": child_floor}  # fmt: skip
BASELINES = ("pandas", "polars+adbc", "duckdb+adbc", "csv+executemany")


def run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(rows: int, repeat: int, encrypted: bool = False) -> dict:
    """Median of ``repeat`` runs of each side, every run in a process of its own."""
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "statement_gbk.csv"
        write_statement(csv_path, rows)
        sides = [n for n in CHILDREN if encrypted or n != "import_encrypted"]
        runs: dict[str, list[dict]] = {name: [] for name in sides}
        for _ in range(repeat):
            for name in sides:
                db = Path(tmp) / f"{name.replace('+', '_')}.sqlite"
                for leftover in Path(tmp).glob(db.name + "*"):
                    leftover.unlink()
                os.sync()
                runs[name].append(run_child(name, str(csv_path), str(db)))
    median = {name: statistics.median(r["seconds"] for r in got) for name, got in runs.items()}
    extra = {}
    if encrypted:
        extra = {"seconds_encrypted": round(median["import_encrypted"], 2),
                 "encryption_cost": round(median["import_encrypted"] / median["import"], 2)}  # fmt: skip
    ours = runs["import"][0]
    baselines = {name: round(median[name], 2) for name in BASELINES}
    best = min(baselines.values())
    floor = runs["floor"][0]
    return {
        "rows": rows,
        "seconds": round(median["import"], 2),
        "peak_mb": round(max(r["peak_mb"] for r in runs["import"]), 1),
        "baselines": baselines,
        "baseline_peak_mb": {n: round(max(r["peak_mb"] for r in runs[n]), 1) for n in BASELINES},
        "ratio_pandas": round(median["import"] / median["pandas"], 2),
        "ratio_best": round(median["import"] / best, 2),
        "floor": {k: round(floor[k], 2) for k in ("decode", "parse", "insert")},
        "transactions": ours["transactions"],
        "rejected": ours["rejected"],
        "repeat": repeat,
        **extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000",
                        help="comma-separated sizes, e.g. 1000000,10000000")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (median)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--encrypted", action="store_true",
                        help="also import into an encrypted case (SQLCipher) and report the cost")  # fmt: skip
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, a, b = args.child
        print(json.dumps(CHILDREN[which](a, b)))
        return
    for rows in (int(x) for x in args.rows.split(",")):
        out = measure(rows, args.repeat, args.encrypted)
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            for k, v in out.items():
                print(f"{k:>18}: {v}")


if __name__ == "__main__":
    main()
