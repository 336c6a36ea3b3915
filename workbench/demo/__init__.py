"""The demo case: a fictional anti-fraud case that looks and behaves like a real one.

It is what a new user sees on first start and what tests and benchmarks run against, so it
has to carry the patterns a case squad hunts for (DOMAIN.md, and the Shizhu article in
``shared/seed``): a compound in northern Myanmar with teams and a reports-to chain, card
dealers in Shizhu and Pengshui feeding a GOIP box, score runners, a Linyi laundering team
with car handlers who withdraw cash at night, a Quanzhou loan-fraud crew working out of
Nanning, ~140 victims across the provinces, 跑分 Alipay accounts and a WeChat Pay account
relaying victims' money and a USDT wallet on TRON, and enough ordinary banking and call noise that
the patterns have to be found rather than read off.

Every name, number and story is invented. Identifiers are nevertheless well formed (real
county codes and check characters in ID numbers, real bank BINs and Luhn digits on cards,
Luhn-valid IMEIs) so that validation, region lookup and masking treat them like real
evidence; about 1% of card numbers fail Luhn on purpose, as transcription errors in real
statements do.

The builder draws from one ``random.Random(seed)`` in a fixed order and uses fixed dates
(March to September 2025), so a seed always gives the same case. Rows go in with raw
``executemany`` inside one ``CaseStore.bulk`` transaction: the per-entity API would audit
every row and take minutes, and the demo is built while the user waits on first start.

The package splits the builder by concern: ``data`` holds the constants, name pools and
small helpers, ``entities`` the primitives that make single entities, ``people`` the
gangs, victims and ordinary accounts, ``flows`` the money, calls and measures; the
``_Builder`` here composes them and writes the rows.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ..model import CaseInfo
from ..regions import all_regions
from ..store import CaseStore
from .data import _P, CASE_NAME, CASE_NUMBER, CASE_UNIT, ORIGIN, _stamp
from .entities import _EntityMixin
from .flows import _FlowsMixin
from .people import _PeopleMixin

__all__ = ["CASE_NAME", "CASE_NUMBER", "CASE_UNIT", "ORIGIN", "build_demo"]


class _Builder(_EntityMixin, _PeopleMixin, _FlowsMixin):
    """The whole builder: the mixins' methods over one set of lists and one random stream,
    drawn in the order ``build`` calls them, then ``write`` puts the rows in a case."""

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        regions = all_regions()
        self.region_name = {r.code: r.name for r in regions}
        self.region_parent = {r.code: r.parent for r in regions}
        self.counties: dict[str, list[str]] = {}
        for r in regions:
            if r.level == "county" and r.code.isdigit():
                self.counties.setdefault(r.code[:2], []).append(r.code)
        self.entities: list[list] = []
        self.roles: list[tuple[int, str]] = []
        self.aliases: list[tuple[int, str]] = []
        self.tags: dict[tuple[int, str, str], None] = {}
        self.links: list[tuple] = []
        self.txns: list[list] = []
        self.calls: list[tuple] = []
        self._next_id = 1
        self._keys: set[tuple[str, str]] = set()
        self._names: set[str] = set()
        self.card_name: dict[int, str] = {}
        self.card_bank: dict[int, tuple[str, str]] = {}
        self.card_attrs: dict[int, dict] = {}
        self.phone_area: dict[int, str] = {}
        self.phone_devices: dict[int, list[int]] = {}
        self._cells: dict[str, list[str]] = {}
        self.people: list[_P] = []
        self.everyday_cards: list[int] = []  # cards of people with ordinary lives
        self.measures: list[tuple[int, str, int, str, str]] = []

    def build(self) -> None:
        self._organisations()
        self._compound()
        self._card_rings()
        self._score_runners()
        self._launderers()
        self._loan_crew()
        self._victims()
        self._ordinary_accounts()
        self._fraud_money()
        self._ordinary_money()
        self._calls()
        self._measures()
        self._payment_rails()

    # ------------------------------------------------------------------ writing

    def write(self, conn, analyst: str = "demo") -> None:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, key_valid, key_problem, culpability, "
            "legal_status, notes, attrs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r[:9], json.dumps(r[9], ensure_ascii=False), r[10], r[11]) for r in self.entities],
        )
        conn.executemany("INSERT INTO entity_role (entity_id, role) VALUES (?, ?)", self.roles)
        conn.executemany("INSERT INTO entity_alias (entity_id, alias) VALUES (?, ?)", self.aliases)
        conn.executemany(
            "INSERT INTO entity_region (entity_id, region_code, reason) VALUES (?, ?, ?)",
            list(self.tags),
        )
        conn.executemany(
            "INSERT INTO link (type, source_id, target_id, origin, confidence, weight, note, "
            "created_at) VALUES (?,?,?,?,?,?,?,?)",
            self.links,
        )
        # Rows in time order, as a merged set of statements would be; serials follow.
        self.txns.sort(key=lambda r: (r[4], r[0] or 0, r[1] or 0))
        # Each transfer appears on the statement of the card it left (or, for money coming
        # from outside, the card it reached) with the balance after it. Opening balances
        # are just large enough that no statement ever shows a negative balance.
        flow: dict[int, int] = {}
        lowest: dict[int, int] = {}
        for payer, payee, _exit, fen, *_ in self.txns:
            for card, delta in ((payer, -fen), (payee, fen)):
                if card is not None:
                    flow[card] = flow.get(card, 0) + delta
                    lowest[card] = min(lowest.get(card, 0), flow[card])
        balance = {card: (card * 7919) % 500_000 - low for card, low in lowest.items()}
        rows = []
        for i, (payer, payee, exit_kind, fen, t, channel, summary, cp, place) in enumerate(
            self.txns
        ):
            ts = _stamp(t)
            serial = f"{ts[:4]}{ts[5:7]}{ts[8:10]}{i + 1:08d}"
            if payer is not None:
                balance[payer] -= fen
            if payee is not None:
                balance[payee] += fen
            reporter = payer if payer is not None else payee
            rows.append((payer, payee, exit_kind, fen, ts, channel, summary, cp, serial, place,
                         reporter, balance[reporter]))  # fmt: skip
        conn.executemany(
            "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts, channel, summary, "
            "counterpart, serial, place, reporter_id, balance_fen) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.calls.sort(key=lambda r: (r[2], r[0], r[1]))
        conn.executemany(
            "INSERT INTO call (caller_id, callee_id, ts, duration_s, call_type, cell, device_id) "
            "VALUES (?,?,?,?,?,?,?)",
            [(a, b, _stamp(t), d, k, cell, dev) for a, b, t, d, k, cell, dev in self.calls],
        )
        conn.executemany(
            "INSERT INTO measure (entity_id, action, amount_fen, taken_at, analyst, note) "
            "VALUES (?,?,?,?,?,?)",
            [(e, a, fen, ts, analyst, note) for e, a, fen, ts, note in self.measures],
        )


def build_demo(path, analyst: str = "demo", seed: int = 2026) -> CaseInfo:
    """Write the demo case to ``path`` (which must not exist) and return what it holds.

    The same ``seed`` always gives the same entities, keys, links, transactions and calls, so
    tests and benchmarks can rely on it. On failure no half-built case is left behind: a
    partial demo would otherwise be opened as the demo on every later start.
    """
    path = Path(path)
    store = CaseStore.create(path, analyst, name=CASE_NAME)
    try:
        builder = _Builder(seed)
        builder.build()
        store.set_meta("number", CASE_NUMBER)
        store.set_meta("unit", CASE_UNIT)
        with store.bulk("build demo case") as conn:
            builder.write(conn, analyst)
        info = store.info()
    except BaseException:
        store.close()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
        raise
    store.close()
    return info
