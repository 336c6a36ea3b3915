"""How fast the parsing layer reads a large bank statement.

Writes a GBK bank statement CSV (12 columns: cards that repeat, counterparts with names and
banks, third-party payment platforms, signed-looking amounts, ISO timestamps) to a temporary
folder, then times ``open_tables`` + ``bank_records`` over all of it. No SQLite involved:
this is the parsing share of the import budget.

    python benchmarks/parse_bank.py [--rows 1000000] [--json]

``--json`` prints one line: rows, seconds, rows_per_s (wall clock), cpu_seconds and
cpu_rows_per_s (less sensitive to other processes on the machine), read_cpu_seconds (reading
the rows as text alone, timed separately) and records_rows_per_s (bank_records on top of
that), records, rejected, peak_mb (the process's peak resident memory, file generation
included; everything streams, so that stays small).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import identifiers as ids  # noqa: E402
from workbench.intake import RejectedRow, auto_map, bank_records, open_tables  # noqa: E402

HEADER = ["交易卡号", "交易户名", "交易时间", "借贷标志", "交易金额", "交易余额", "交易对方账号",
          "交易对方户名", "交易对方账号开户行", "交易摘要", "交易渠道", "交易流水号"]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
BANKS = ["中国工商银行重庆分行", "中国农业银行石柱支行", "中国建设银行彭水支行", "招商银行南宁分行",
         "中国银行泉州分行", "交通银行济南分行"]  # fmt: skip
SUMMARIES = ["转账", "网银转账", "手机银行转账", "消费", "ATM取款", "工资", "跨行转出", "快捷支付"]
CHANNELS = ["网银", "手机银行", "ATM", "柜面", "POS", "第三方支付"]


def card(rng: random.Random) -> str:
    partial = "622202" + "".join(rng.choice("0123456789") for _ in range(12))
    return partial + ids.luhn_check_digit(partial)


def write_statement(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    own = [(card(rng), rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
           for _ in range(200)]  # fmt: skip
    others = [(card(rng), rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(BANKS))
              for _ in range(5000)]  # fmt: skip
    platforms = [("", "财付通支付科技有限公司", ""), ("", "支付宝（中国）网络技术有限公司", "")]
    base = 1_672_531_200  # 2023-01-01 00:00:00 UTC
    with path.open("w", encoding="gbk", newline="") as f:
        f.write("中国工商银行个人客户交易明细\r\n")
        writer = csv.writer(f)
        writer.writerow(HEADER)
        balance = 10_000_000
        for k in range(rows):
            own_card, own_name = own[k % len(own)]
            other = rng.choice(platforms) if k % 10 == 0 else rng.choice(others)
            fen = rng.randint(100, 5_000_000)
            out = rng.random() < 0.5
            balance += -fen if out else fen
            stamp = time.gmtime(base + k * 30)
            writer.writerow([
                own_card, own_name, time.strftime("%Y-%m-%d %H:%M:%S", stamp),
                "借" if out else "贷", f"{fen // 100}.{fen % 100:02d}",
                f"{balance // 100}.{balance % 100:02d}", other[0], other[1], other[2],
                rng.choice(SUMMARIES), rng.choice(CHANNELS), f"T{k:012d}",
            ])  # fmt: skip


def read_only(path: Path) -> float:
    """CPU seconds to read the rows as text, without making records: the reading share."""
    start = time.process_time()
    [table] = open_tables(path)
    for _row in table.rows:
        pass
    return time.process_time() - start


def run(path: Path) -> dict:
    """Read the statement into records; wall and CPU seconds, counts."""
    wall, cpu = time.perf_counter(), time.process_time()
    [table] = open_tables(path)
    mapping = auto_map(table.header, "bank", table.title_facts)
    records = rejected = 0
    for out in bank_records(table, mapping):
        if out.__class__ is RejectedRow:
            rejected += 1
        else:
            records += 1
    return {
        "rows": records + rejected,
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "records": records,
        "rejected": rejected,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statement.csv"
        write_statement(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        result = run(path)
        read_cpu = read_only(path)
    rows, cpu = result["rows"], result["cpu_seconds"]
    result.update(
        rows_per_s=round(rows / result["seconds"]),
        cpu_rows_per_s=round(rows / cpu),
        read_cpu_seconds=round(read_cpu, 3),
        # bank_records alone: the CPU time beyond reading the rows as text
        records_rows_per_s=round(rows / max(cpu - read_cpu, 1e-9)),
        peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        seconds=round(result["seconds"], 3),
        cpu_seconds=round(cpu, 3),
    )
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{rows:,} rows ({size_mb:.0f} MB GBK CSV) into {result['records']:,} records and "
            f"{result['rejected']:,} rejected rows in {result['seconds']:.2f} s "
            f"({result['rows_per_s']:,} rows/s; CPU {cpu:.2f} s, {result['cpu_rows_per_s']:,} "
            f"rows/s). Reading the rows as text alone: {read_cpu:.2f} s CPU; bank_records on "
            f"top: {result['records_rows_per_s']:,} rows/s. Peak memory {result['peak_mb']:.0f} MB."
        )


if __name__ == "__main__":
    main()
