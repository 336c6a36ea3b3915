"""Import speed of a large bank statement against a bare pandas load of the same file.

Writes a GBK-encoded bank statement CSV (12 columns, the header banks use, realistic cards,
names, amounts and counterparts), imports it into a fresh case with full validation,
identity resolution and provenance, and in the same run loads the same file with pandas
``read_csv`` + ``to_sql`` into a bare table as the baseline. Each side runs in its own
process so that its peak memory is its own, and starts with nothing left to write back to
disk: the 140 MB statement just written (or the other side's database) would otherwise be
flushed while the next side runs, slowing whichever runs first.

    python benchmarks/import_bank.py [--rows 1000000] [--json]

Needs pandas for the baseline (pip install pandas).
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


def child_import(csv_path: str, case_path: str) -> dict:
    from workbench.intake.importer import import_files
    from workbench.store import CaseStore

    t = time.perf_counter()
    with CaseStore.create(case_path, "benchmark") as store:
        summary = import_files(store, [csv_path], "bank")
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "peak_mb": peak_mb(), "transactions": summary.transactions_new,
            "rejected": len(summary.rejected), "entities": summary.entities_new}  # fmt: skip


def child_baseline(csv_path: str, db_path: str) -> dict:
    import sqlite3

    import pandas as pd

    t = time.perf_counter()
    frame = pd.read_csv(csv_path, encoding="gbk", dtype=str)
    conn = sqlite3.connect(db_path)
    frame.to_sql("statement", conn, index=False)
    conn.commit()
    conn.close()
    return {"seconds": time.perf_counter() - t, "peak_mb": peak_mb()}


def run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, a, b = args.child
        result = child_import(a, b) if which == "import" else child_baseline(a, b)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "statement_gbk.csv"
        write_statement(csv_path, args.rows)
        os.sync()
        ours = run_child("import", str(csv_path), str(Path(tmp) / "case.zlcase"))
        os.sync()
        base = run_child("baseline", str(csv_path), str(Path(tmp) / "bare.sqlite"))
    out = {
        "rows": args.rows,
        "seconds": round(ours["seconds"], 2),
        "baseline_seconds": round(base["seconds"], 2),
        "ratio": round(ours["seconds"] / base["seconds"], 2),
        "peak_mb": round(ours["peak_mb"], 1),
        "baseline_peak_mb": round(base["peak_mb"], 1),
        "transactions": ours["transactions"],
        "rejected": ours["rejected"],
    }
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>18}: {v}")


if __name__ == "__main__":
    main()
