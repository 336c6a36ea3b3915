"""A call dump with the answers planted, imported as a carrier's file arrives.

One CSV in GBK, the 本机号码/对方号码 layout of a dump of several subscribers, cells in LAC and
CI columns with the cell's address beside them, IMEI of the handset. Planted in it:

- a phone switch: ``OLD`` calls six friends until day 29 and goes quiet; ``NEW`` starts on
  day 31 with the same friends in the same handset (``IMEI``);
- companions: ``C1`` and ``C2`` call others from cell 4001/501 five minutes apart on days
  5, 12, 19 and 26;
- a home and a work cell: ``HOME_OWNER`` phones ``WIFE`` at 23:00 from 5001/601 on twelve
  nights and works in 5002/602 on weekday mornings; calls a shop once.

Everyone else is noise: numbers that phone each other all through the 61 days, each from a
cell of its own, so that nothing else is a switch, a companion pair or a home.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from workbench import identifiers as ids
from workbench.intake.importer import import_files
from workbench.store import CaseStore

BASE = datetime(2025, 3, 3)  # a Monday
OLD, NEW = "13800000001", "13800000002"
FRIENDS = [f"1390000000{i}" for i in range(1, 7)]
C1, C2, ESCORT = "13700000001", "13700000002", "13700000009"
HOME_OWNER, WIFE, SHOP = "13600000001", "13600000002", "13600000003"
NOISE = [f"1350000{i:04d}" for i in range(12)]
IMEI = "86000000000000" + ids.luhn_check_digit("86000000000000")
HOME_CELL, WORK_CELL, COMPANION_CELL = "5001-601", "5002-602", "4001-501"
COMPANION_DAYS = (5, 12, 19, 26)
HEADER = "本机号码,对方号码,呼叫类型,开始时间,通话时长(秒),LAC,CI,基站地址,IMEI"


def when(day: int, hour: int, minute: int = 0) -> str:
    return f"{BASE + timedelta(days=day, hours=hour, minutes=minute):%Y-%m-%d %H:%M:%S}"


def rows(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []

    def call(own, other, ts, dur=60, way="主叫", lac="", ci="", addr="", imei=""):
        out.append(f"{own},{other},{way},{ts},{dur},{lac},{ci},{addr},{imei}")

    # The switch: both numbers in one handset, the same friends, a day of silence between.
    for day in range(0, 30):
        for f in rng.sample(FRIENDS, 3):
            call(OLD, f, when(day, rng.randint(9, 20), rng.randint(0, 59)), 120, imei=IMEI)
    for day in range(31, 61):
        for f in rng.sample(FRIENDS, 3):
            call(NEW, f, when(day, rng.randint(9, 20), rng.randint(0, 59)), 120, imei=IMEI)
    # The friends and the noise call each other all the time, each from its own cell.
    talkers = FRIENDS + NOISE
    for day in range(0, 61):
        for i, n in enumerate(talkers):
            other = talkers[(i + 1 + rng.randrange(len(talkers) - 1)) % len(talkers)]
            call(n, other, when(day, rng.randint(8, 21), rng.randint(0, 59)), 90,
                 lac=str(7000 + i), ci=str(100 + i), addr=f"噪声基站{i}")  # fmt: skip
    # Companions: two numbers in one cell minutes apart, on four days; each calls others.
    for day in COMPANION_DAYS:
        call(
            C1, ESCORT, when(day, 10, 0), 30, lac="4001", ci="501", addr="云南省临沧市耿马县孟定镇"
        )
        call(
            C2,
            NOISE[0],
            when(day, 10, 5),
            30,
            lac="4001",
            ci="501",
            addr="云南省临沧市耿马县孟定镇",
        )
    # C2 on a fifth day elsewhere: not a co-sighting.
    call(C2, NOISE[1], when(40, 10, 0), 30, lac="4002", ci="502")
    # Home and work.
    for day in range(0, 61, 5):
        call(HOME_OWNER, WIFE, when(day, 23, 10), 600, lac="5001", ci="601",
             addr="重庆市石柱县南宾镇家园小区基站")  # fmt: skip
        call(HOME_OWNER, WIFE, when(day, 23, 40), 300, "被叫", lac="5001", ci="601",
             addr="重庆市石柱县南宾镇家园小区基站")  # fmt: skip
    for day in range(0, 61):
        if (BASE + timedelta(days=day)).weekday() < 5 and day % 3 == 0:
            call(HOME_OWNER, NOISE[2], when(day, 10, 30), 60, lac="5002", ci="602",
                 addr="重庆市石柱县工业园区基站")  # fmt: skip
    call(HOME_OWNER, SHOP, when(6, 15, 0), 40, lac="5003", ci="603")
    return out


def write_dump(path: Path) -> Path:
    path.write_text(HEADER + "\n" + "\n".join(rows()) + "\n", encoding="gbk")
    return path


def make_call_case(tmp_path: Path) -> Path:
    """The case file with the dump imported through the importer."""
    case = tmp_path / "calls.zlcase"
    store = CaseStore.create(case, "tester")
    try:
        summary = import_files(store, [write_dump(tmp_path / "话单.csv")], "calls")
        assert not summary.rejected, summary.rejected[:3]
    finally:
        store.close()
    return case
