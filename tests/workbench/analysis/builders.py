"""Builders of small real cases for the analysis tests: cards, phones, money, calls, noise.

Rows go in through ``CaseStore.bulk`` with raw SQL, as the importers and the demo builder
write them, so that a case of thousands of rows builds in a blink.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from workbench import identifiers as ids
from workbench.store import CaseStore

BASE = datetime(2025, 3, 1)
NOW = "2025-09-30T00:00:00+08:00"


def stamp(seconds: float) -> str:
    """'YYYY-MM-DD HH:MM:SS' of seconds after 2025-03-01 00:00."""
    return f"{BASE + timedelta(seconds=seconds):%Y-%m-%d %H:%M:%S}"


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> float:
    """Seconds after the base date of a day and time of day."""
    return day * 86_400 + hour * 3_600 + minute * 60 + second


class CaseBuilder:
    """Collects entities and facts, then writes them in one bulk transaction."""

    def __init__(self, path: Path, seed: int = 1):
        self.path = Path(path)
        self.rng = random.Random(seed)
        self.entities: list[tuple] = []
        self.regions: list[tuple[int, str, str]] = []
        self.links: list[tuple] = []
        self.txns: list[tuple] = []
        self.calls: list[tuple] = []
        self._next = 1
        self._serial = 0

    def _entity(self, kind: str, key: str | None, name: str = "", attrs: dict | None = None):
        eid = self._next
        self._next += 1
        self.entities.append((eid, kind, key, name, json.dumps(attrs or {}, ensure_ascii=False)))
        return eid

    def person(self, name: str = "", region: str = "500240") -> int:
        self._serial += 1
        first17 = f"{region}19900101{self._serial:03d}"
        key = first17 + ids.id_check_char(first17)
        eid = self._entity("person", key, name or f"人{self._serial:03d}")
        self.regions.append((eid, region, "household"))
        return eid

    def card(self, holder: int | None = None, region: str = "500240", **attrs) -> int:
        self._serial += 1
        partial = f"622202{self._serial:012d}"
        eid = self._entity(
            "bank_card",
            partial + ids.luhn_check_digit(partial),
            attrs={"bank": "中国工商银行", **attrs},
        )
        self.regions.append((eid, region, "account_opening"))
        if holder is not None:
            self.link("holds", holder, eid)
        return eid

    def phone(self, holder: int | None = None, region: str = "500000", **attrs) -> int:
        self._serial += 1
        eid = self._entity("phone_card", f"138{self._serial:08d}", attrs=attrs)
        self.regions.append((eid, region, "phone_attribution"))
        if holder is not None:
            self.link("holds", holder, eid)
        return eid

    def device(self) -> int:
        self._serial += 1
        body = f"86{self._serial:012d}"
        return self._entity("device", body + ids.luhn_check_digit(body))

    def org(self, name: str) -> int:
        return self._entity("organisation", None, name)

    def link(self, type_: str, source: int, target: int, weight: float = 1.0) -> None:
        self.links.append((type_, source, target, weight))

    def pay(
        self, payer: int | None, payee: int | None, fen: int, seconds: float, exit_kind="",
        place="",
    ) -> None:  # fmt: skip
        self.txns.append((payer, payee, exit_kind, int(fen), stamp(seconds), place))

    def call(self, caller: int, callee: int, seconds: float, device: int | None = None) -> None:
        self.calls.append((caller, callee, stamp(seconds), 60, "voice", device))

    def write(self) -> CaseStore:
        store = CaseStore.create(self.path, "tester")
        with store.bulk("test case") as conn:
            conn.executemany(
                "INSERT INTO entity (id, kind, key, name, attrs, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*e, NOW, NOW) for e in self.entities],
            )
            conn.executemany(
                "INSERT INTO entity_region (entity_id, region_code, reason) VALUES (?, ?, ?)",
                self.regions,
            )
            conn.executemany(
                "INSERT INTO link (type, source_id, target_id, weight, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(*lk, NOW) for lk in self.links],
            )
            conn.executemany(
                "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts, place) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.txns,
            )
            conn.executemany(
                "INSERT INTO call (caller_id, callee_id, ts, duration_s, call_type, device_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.calls,
            )
        return store


def ordinary_life(b: CaseBuilder, people: int = 60, days: int = 180) -> dict:
    """Noise: people with a card and a phone who shop, pay rent, send money to friends and
    family, withdraw cash in the daytime and phone each other both ways.

    Returns the ids created: {"people", "cards", "phones", "shops"}.
    """
    rng = b.rng
    persons = [b.person() for _ in range(people)]
    cards = [b.card(p) for p in persons]
    phones = [b.phone(p) for p in persons]
    shops = [b.card(None, name="shop") for _ in range(8)]
    employer = b.card(None)
    for c in cards:
        for month in range(days // 30):
            b.pay(employer, c, rng.randint(4_000, 12_000) * 100, at(month * 30 + 10, 11))
        for _ in range(25):
            day = rng.randrange(days)
            b.pay(c, rng.choice(shops), rng.randint(20, 800) * 100, at(day, rng.randint(8, 21)))
        for _ in range(6):
            other = rng.choice(cards)
            if other != c:
                fen = rng.choice((200, 500, 1_000, 2_000, 5_000)) * 100
                b.pay(c, other, fen, at(rng.randrange(days), rng.randint(8, 22)))
        for _ in range(3):
            b.pay(c, None, 1_000 * 100, at(rng.randrange(days), rng.randint(9, 20)), "cash")
    for p in phones:
        for _ in range(5):
            friend = rng.choice(phones)
            if friend != p:
                for _ in range(rng.randint(1, 4)):
                    x, y = (p, friend) if rng.random() < 0.5 else (friend, p)
                    b.call(x, y, at(rng.randrange(days), rng.randint(8, 22)))
                b.call(friend, p, at(rng.randrange(days), 20))
                b.call(p, friend, at(rng.randrange(days), 21))
    return {"people": persons, "cards": cards, "phones": phones, "shops": shops}
