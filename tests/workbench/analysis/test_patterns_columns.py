"""The money detectors read the case as numpy columns; here they meet a brute-force
reference, written straight from their docstrings, on random cases.

The reference keeps every transaction as a Python tuple and answers each question by
looking at all of them: slow, plain, and the same findings, to the last metric and
evidence id. The random cases hold what makes the columnar code careful: several
transactions in one second, transfers from a card to itself, payments without a payer,
cash and platform exits, accounts with and without an opening date, night hours that wrap
midnight, and loops of fitting transfers.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from workbench.analysis import (
    AnalysisError,
    fan_in,
    fan_out,
    fast_in_fast_out,
    find_patterns,
    late_night_cash,
    money_cycles,
    new_account_burst,
)
from workbench.analysis._common import connection, shift_ts, ts_seconds
from workbench.analysis.columns import _read_columns
from workbench.analysis.patterns import EVIDENCE_CAP
from workbench.model import ACCOUNT_KINDS
from workbench.store import CaseStore

from .builders import CaseBuilder

DAY = 86_400


def random_case(path, seed: int) -> CaseStore:
    """Cards paying each other over a few days, times often falling on the same second."""
    b = CaseBuilder(path, seed=seed)
    rng = b.rng
    cards = []
    for _ in range(rng.randint(6, 14)):
        attrs = {}
        if rng.random() < 0.3:
            attrs["opened_on"] = f"2025-03-{rng.randint(1, 6):02d}"
        cards.append(b.card(None, **attrs))
    days = rng.randint(2, 6)
    coarse = rng.choice((1, 60, 600, 3_600))  # rows share seconds, windows end on them
    places = ["ATM-A", "ATM-B", ""]
    amounts = (20_000, 50_000, 60_000, 100_000, 1_000_000)

    def when() -> int:
        return rng.randrange(days * DAY) // coarse * coarse

    for _ in range(rng.randint(80, 300)):
        fen = rng.choice((rng.randint(1, 3_000) * 100, rng.choice(amounts)))
        payer, payee, r = rng.choice(cards), rng.choice(cards), rng.random()
        if r < 0.12:
            b.pay(payer, None, fen, when(), "cash", rng.choice(places))
        elif r < 0.16:
            b.pay(payer, None, fen, when(), rng.choice(("platform", "crypto", "")))
        elif r < 0.19:
            b.pay(None, payee, fen, when(), rng.choice(("cash", "")))
        elif r < 0.21:
            b.pay(payer, payer, fen, when())
        else:
            b.pay(payer, payee, fen, when())
    # Money that arrives at a mule's card and leaves again within minutes, whole or in parts.
    mules = [b.card(None) for _ in range(rng.randint(1, 3))]
    for _ in range(rng.randint(4, 14)):
        source, middle = rng.choice(cards), rng.choice(mules)
        fen, t = rng.choice(amounts) * rng.randint(1, 3), when()
        b.pay(source, middle, fen, t)
        parts = rng.randint(1, 4)
        for _ in range(parts):
            t += rng.randint(0, 1_800) // coarse * coarse
            share = rng.choice((rng.uniform(0.8, 1.0), 0.8, 1.0))  # exactly the pass ratio too
            b.pay(middle, rng.choice(cards), int(fen / parts * share), t)
    # Loops of nearly equal amounts, legs in and out of time order.
    for _ in range(rng.randint(1, 4)):
        ring = rng.sample(cards, rng.randint(2, 5))
        fen, t = rng.choice(amounts) * rng.randint(1, 5), when()
        for k, card in enumerate(ring):
            t += rng.choice((-1, 1, 1, 1)) * rng.randint(0, 5) * coarse
            for _ in range(rng.choice((1, 1, 2))):  # now and then a second, similar leg
                leg = int(fen * rng.uniform(0.9, 1.1))
                b.pay(card, ring[(k + 1) % len(ring)], leg, max(0, t + rng.randint(0, 2) * coarse))
    if seed % 3 == 1:  # the other spelling, as some exports write it
        b.txns = [(*r[:4], r[4].replace(" ", "T") + "+08:00", r[5]) for r in b.txns]
    store = b.write()
    if seed % 4 == 2:  # rows deleted since: ids with gaps
        connection(store).execute("DELETE FROM txn WHERE id % 11 = 0")
    return store


# ---------------------------------------------------------------------- the reference


class Case:
    """Every transaction as a tuple: (id, payer, payee, exit kind, fen, ts, place, secs)."""

    def __init__(self, store: CaseStore):
        self.store = store
        self.rows = [
            (*r, int(ts_seconds(r[5])))
            for r in connection(store).execute(
                "SELECT id, payer_id, payee_id, exit_kind, amount_fen, ts, place FROM txn"
            )
        ]
        self.rows.sort(key=lambda r: (r[7], r[0]))  # time order, ties by id
        self.kinds = dict(connection(store).execute("SELECT id, kind FROM entity"))

    def refs(self, eid):
        return (
            connection(self.store)
            .execute("SELECT key, kind, name FROM entity WHERE id = ?", (eid,))
            .fetchone()
        )

    def finding(self, pattern, eid, score, metrics, params, evidence) -> dict:
        key, kind, name = self.refs(eid)
        capped = {t: sorted(ids)[:EVIDENCE_CAP] for t, ids in evidence.items() if ids}
        return {
            "pattern": pattern, "entity_id": eid, "key": key, "kind": kind, "name": name,
            "score": score, "metrics": metrics, "params": params, "evidence": capped,
            "identity": f"{pattern}:{key or f'#{eid}'}",
        }  # fmt: skip


def strength(measure, threshold):
    if measure <= 0:
        return 0.0
    return round(max(0.0, 1 - threshold / (2 * measure)), 4)


def ordered(found: list[dict]) -> list[dict]:
    return sorted(found, key=lambda f: (-f["score"], f["entity_id"]))


def is_transfer(r) -> bool:
    return r[1] is not None and r[2] is not None and r[1] != r[2]


def leaving(case: Case, card: int, start: int, end: int, before: int | None) -> list[tuple]:
    """What left a card from ``start`` to ``end``, and before ``before``."""
    return [o for o in case.rows if o[1] == card and start <= o[7] <= end
            and (before is None or o[7] < before)]  # fmt: skip


def ref_fast_in_fast_out(case: Case, **p) -> list[dict]:
    window, whole_s = int(p["window_minutes"] * 60), int(p["whole_minutes"] * 60)
    out = []
    for card in {r[2] for r in case.rows if r[2] is not None}:
        inflows = [r for r in case.rows
                   if r[2] == card and is_transfer(r) and r[4] >= p["min_inflow_fen"]]  # fmt: skip
        if not inflows:
            continue
        rows = []
        for k, r in enumerate(inflows):
            nxt = inflows[k + 1][7] if k + 1 < len(inflows) else None
            carried = leaving(case, card, r[7], r[7] + window, nxt)
            whole_moved = sum(o[4] for o in leaving(case, card, r[7], r[7] + whole_s, nxt))
            rows.append((r, sum(o[4] for o in carried), whole_moved, carried))
        fast = [x for x in rows if x[1] >= p["pass_ratio"] * x[0][4]]
        total = sum(x[0][4] for x in rows)
        passed = sum(min(x[1], x[0][4]) for x in rows)
        if not fast or passed < p["pass_ratio"] * total:
            continue
        whole = [x for x in fast if x[1] >= p["whole_ratio"] * x[0][4]
                 and x[2] >= p["whole_ratio"] * x[0][4]]  # fmt: skip
        if len(fast) < p["min_events"] and not whole:
            continue
        metrics = {"inflows": len(rows), "fast_inflows": len(fast), "inflow_fen": total,
                   "passed_fen": passed, "pass_share": round(passed / total, 4)}  # fmt: skip
        if len(fast) < p["min_events"]:
            metrics["whole_inflows"] = len(whole)
        evidence = [x[0][0] for x in fast]
        for x in fast[:EVIDENCE_CAP]:
            evidence += [o[0] for o in x[3][:EVIDENCE_CAP]]
        score = strength(len(fast) * (passed / total) / p["pass_ratio"], 1)
        out.append(case.finding("fast_in_fast_out", card, score, metrics, p, {"txn": evidence}))
    return ordered(out)


def best_window(events, window_s, min_count):
    """By brute force: each window that ends at an event and reaches back ``window_s``."""
    best = (0, 0, None)
    for i, e in enumerate(events):
        held = [x for x in events[: i + 1] if e[8] - x[8] <= window_s]
        distinct = len({x[0] for x in held})
        if len(held) >= min_count and (distinct, len(held)) > best[:2]:
            best = (distinct, len(held), held)
    return best[0], best[2]


def ref_fan(case: Case, pattern: str, **p) -> list[dict]:
    inward = pattern == "fan_in"
    side, other = (2, 1) if inward else (1, 2)
    least = p["min_payers"] if inward else p["min_payees"]
    out = []
    for card in {r[side] for r in case.rows if r[side] is not None}:
        events = [(r[other], *r) for r in case.rows
                  if r[side] == card and is_transfer(r) and r[4] >= p["min_amount_fen"]]  # fmt: skip
        count = p["min_inflows"] if inward else p["min_payees"]
        distinct, window = best_window(events, p["window_days"] * DAY, count)
        if distinct < least:
            continue
        flow = sum(e[5] for e in window)
        first, last = window[0][8], window[-1][8]
        # The bounds are stored times moved by whole days and spelt as stored.
        if inward:
            lo, hi = first, ts_seconds(shift_ts(window[-1][6], p["out_days"] * DAY))
        else:
            lo, hi = ts_seconds(shift_ts(window[0][6], -p["in_days"] * DAY)), last
        moved = [r for r in case.rows if r[other] == card and lo <= r[7] <= hi
                 and (r[side] is None or r[side] != card)]  # fmt: skip
        back = sum(r[4] for r in moved)
        counterparts = len({r[side] if r[side] is not None else r[3] for r in moved})
        if inward:
            if back < p["pass_ratio"] * flow:
                continue
            metrics = {"payers": distinct, "inflows": len(window), "inflow_fen": flow,
                       "outflow_fen": back, "payees": counterparts}  # fmt: skip
        else:
            if not back or not p["pass_ratio"] <= flow / back <= 1 / p["pass_ratio"]:
                continue
            if 2 * counterparts > distinct:
                continue
            metrics = {"payees": distinct, "outflows": len(window), "outflow_fen": flow,
                       "inflow_fen": back, "payers": counterparts}  # fmt: skip
        metrics |= {"first": window[0][6], "last": window[-1][6]}
        evidence = {"txn": [e[1] for e in window] + [r[0] for r in moved]}
        score = strength(distinct, least)
        out.append(case.finding(pattern, card, score, metrics, p, evidence))
    return ordered(out)


def ref_late_night_cash(case: Case, **p) -> list[dict]:
    start, end = p["start_hour"], p["end_hour"]
    wraps = start > end
    per_card = defaultdict(list)
    crews = defaultdict(set)
    for r in case.rows:
        if r[2] is not None or r[1] is None or r[3] != "cash":
            continue
        hour = r[7] % DAY // 3600
        if not ((hour >= start or hour < end) if wraps else start <= hour < end):
            continue
        night = (r[7] - (DAY if wraps and hour < end else 0)) // DAY
        per_card[r[1]].append((r[0], r[4], night, r[6]))
        if r[6]:
            crews[(r[6], night)].add(r[1])
    out = []
    for card, rows in per_card.items():
        if len(rows) < p["min_withdrawals"]:
            continue
        metrics = {
            "withdrawals": len(rows),
            "amount_fen": sum(r[1] for r in rows),
            "nights": len({r[2] for r in rows}),
            "places": [x for x, _ in Counter(r[3] for r in rows if r[3]).most_common(5)],
            "companions": max((len(crews[(r[3], r[2])]) - 1 for r in rows if r[3]), default=0),
        }
        score = strength(len(rows), p["min_withdrawals"])
        out.append(case.finding("late_night_cash", card, score, metrics, p,
                                {"txn": [r[0] for r in rows]}))  # fmt: skip
    return ordered(out)


def ref_new_account_burst(case: Case, **p) -> list[dict]:
    if not case.rows:
        return []
    settled = date.fromisoformat(case.rows[0][5][:10]) + timedelta(days=p["settle_days"])
    out = []
    for card, kind in case.kinds.items():
        if kind not in ACCOUNT_KINDS:
            continue
        attrs = json.loads(connection(case.store).execute(
            "SELECT attrs FROM entity WHERE id = ?", (card,)).fetchone()[0])  # fmt: skip
        mine = [r for r in case.rows if card in (r[1], r[2])]
        if attrs.get("opened_on"):
            start, known = date.fromisoformat(attrs["opened_on"][:10]), True
        elif mine:
            start, known = date.fromisoformat(mine[0][5][:10]), False
        else:
            continue
        if not known and start < settled:
            continue
        lo = ts_seconds(start.isoformat())
        hi = lo + p["days"] * DAY
        first_days = [r for r in mine if lo <= r[7] < hi]
        n = sum((r[1] == card) + (r[2] == card) for r in first_days)
        received = sum(r[4] for r in first_days if r[2] == card)
        if n < p["min_txns"] and received < p["min_amount_fen"]:
            continue
        score = max(strength(n, p["min_txns"]), strength(received, p["min_amount_fen"]))
        metrics = {"opened_on": start.isoformat(),
                   "opening_from": "account record" if known else "first transaction",
                   "txns": n, "received_fen": received}  # fmt: skip
        out.append(case.finding("new_account_burst", card, score, metrics, p,
                                {"txn": [r[0] for r in first_days]}))  # fmt: skip
    return ordered(out)


def walk(p, by_payer, start, card, after, legs, found) -> None:
    """Every way on from ``card`` along transfers that fit ``start``: depth first."""
    band, t0, fen0, home = start[:4]
    lo, hi = fen0 / (1 + p["tolerance"]), fen0 * (1 + p["tolerance"])
    seen = {home} | {leg[4] for leg in legs}
    for b in (band - 1, band, band + 1):
        for leg in by_payer[card]:  # by band, then time, amount, payee, id
            if leg[0] != b or not after <= leg[1] <= t0 + p["window_days"] * DAY:
                continue
            if not lo <= leg[2] <= hi:
                continue
            if leg[4] == home:
                if len(legs) + 1 >= p["min_length"]:
                    found.append([*legs, leg])
            elif leg[4] not in seen and len(legs) + 1 < p["max_length"]:
                nxt = leg[1] if p["time_ordered"] else t0 - p["window_days"] * DAY
                walk(p, by_payer, start, leg[4], nxt, [*legs, leg], found)


def ref_money_cycles(case: Case, **p) -> list[dict]:
    """The documented search, one start after another, looking at every transfer each step:
    starts by band of amount, then (time, amount, payer, payee, id); each step takes the
    band below the start's, its own, then the one above, each in time order."""
    step = math.log1p(p["tolerance"])
    reach = p["window_days"] * DAY
    transfers = sorted(
        (int(math.log(r[4]) / step), r[7], r[4], r[1], r[2], r[0])
        for r in case.rows if is_transfer(r) and r[4] >= p["min_amount_fen"]
    )  # fmt: skip
    by_payer = defaultdict(list)
    for x in transfers:
        by_payer[x[3]].append(x)
    loops: dict[tuple, list] = {}
    for start in transfers:
        found: list[list[tuple]] = []
        first, t0 = start[4], start[1]
        walk(p, by_payer, start, first, t0 if p["time_ordered"] else t0 - reach, [start], found)
        for legs in found:
            members = [leg[3] for leg in legs]
            k = members.index(min(members))
            loops.setdefault(tuple(members[k:] + members[:k]), legs)
    out = []
    for loop, legs in loops.items():
        times = [leg[1] for leg in legs]
        metrics = {"members": list(loop), "length": len(loop), "amount_fen": legs[0][2],
                   "returned_fen": legs[-1][2],
                   "span_days": round((max(times) - min(times)) / DAY, 2)}  # fmt: skip
        score = round(strength(len(loop), p["min_length"]) * min(1.0, legs[-1][2] / legs[0][2]), 4)
        f = case.finding("money_cycle", loop[0], score, metrics, p,
                         {"txn": [leg[5] for leg in legs]})  # fmt: skip
        keys = [case.refs(m)[0] for m in loop]
        f["metrics"]["member_keys"] = keys
        f["identity"] = "money_cycle:" + ">".join(keys)
        out.append(f)
    return ordered(out)


# ---------------------------------------------------------------------- the comparison


def settings(seed: int) -> dict[str, dict]:
    """Parameters low enough that random cases show every pattern, varied by seed."""
    rng = random.Random(seed)
    return {
        "fast_in_fast_out": {
            "window_minutes": rng.choice((10, 60, 240)), "min_inflow_fen": 50_000,
            "pass_ratio": rng.choice((0.5, 0.8)), "min_events": rng.choice((1, 2, 3)),
            "whole_ratio": 0.9, "whole_minutes": rng.choice((5, 10)),
        },
        "fan_in": {
            "window_days": rng.choice((0.5, 1, 2.5)), "min_payers": rng.choice((2, 3)),
            "min_inflows": rng.choice((2, 4)), "min_amount_fen": 50_000,
            "pass_ratio": rng.choice((0.0, 0.5)), "out_days": rng.choice((0.25, 1, 1e-5)),
        },
        "fan_out": {
            "window_days": rng.choice((0.5, 1, 2.5)), "min_payees": rng.choice((2, 3)),
            "min_amount_fen": 50_000, "pass_ratio": rng.choice((0.2, 0.5)),
            "in_days": rng.choice((0.3, 1, 1e-5)),
        },
        "late_night_cash": rng.choice((
            {"start_hour": 0, "end_hour": 5, "min_withdrawals": 1},
            {"start_hour": 22, "end_hour": 6, "min_withdrawals": 2},
            {"start_hour": 12, "end_hour": 24, "min_withdrawals": 2},
        )),
        "new_account_burst": {
            "days": rng.choice((1, 2)), "min_txns": rng.choice((3, 8)),
            "min_amount_fen": 500_000, "settle_days": rng.choice((0, 1, 2)),
        },
        "money_cycles": {
            "min_length": rng.choice((2, 3)), "max_length": rng.choice((3, 4, 5)),
            "tolerance": rng.choice((0.05, 0.1)), "window_days": rng.choice((0.05, 0.5, 2)),
            "time_ordered": rng.random() < 0.6, "min_amount_fen": 10_000,
        },
    }  # fmt: skip


DETECTED = {
    "fast_in_fast_out": (fast_in_fast_out, ref_fast_in_fast_out),
    "fan_in": (fan_in, lambda case, **p: ref_fan(case, "fan_in", **p)),
    "fan_out": (fan_out, lambda case, **p: ref_fan(case, "fan_out", **p)),
    "late_night_cash": (late_night_cash, ref_late_night_cash),
    "new_account_burst": (new_account_burst, ref_new_account_burst),
    "money_cycles": (money_cycles, ref_money_cycles),
}


@pytest.mark.parametrize("seed", range(16))
def test_columns_find_what_the_brute_force_reference_finds(tmp_path, seed):
    with random_case(tmp_path / "random.zlcase", seed) as store:
        case = Case(store)
        shown = 0
        for name, params in settings(seed).items():
            detector, reference = DETECTED[name]
            found = [f.to_dict() for f in detector(store, **params)]
            assert found == reference(case, **params), (name, params)
            shown += bool(found)
        assert shown >= 2  # the case is not so quiet that nothing is compared


@pytest.mark.parametrize("seed", range(4))
def test_find_patterns_shares_one_reading_and_finds_the_same(tmp_path, seed):
    with random_case(tmp_path / "random.zlcase", seed) as store:
        params = settings(seed)
        del params["money_cycles"]
        together = find_patterns(store, list(params), params=params)
        alone = [f for name, p in params.items() for f in DETECTED[name][0](store, **p)]
        assert [f.to_dict() for f in together] == [f.to_dict() for f in alone]
        assert together  # something to compare


def test_columns_read_every_spelling_of_a_time(tmp_path):
    """Dates alone, minutes without seconds, a T and an offset: the seconds ts_seconds gives."""
    stamps = ["2025-03-01", "2025-03-01 10:00", "2025-03-01T23:59:59+08:00",
              "2025-02-28 00:00:01.5", "2024-02-29 12:00:00", "1999-12-31 23:59:59"]  # fmt: skip
    store = CaseStore.create(tmp_path / "times.zlcase", "tester")
    a, c = (
        store.add_entity("bank_card", k) for k in ("6222020000000000018", "6222020000000000026")
    )
    store.add_transactions([{"payer_id": a, "payee_id": c, "amount_fen": 100, "ts": ts}
                            for ts in stamps])  # fmt: skip
    ids, payer, payee, fen, secs = _read_columns(connection(store))
    assert secs.tolist() == [int(ts_seconds(ts)) for ts in stamps]
    assert payer.tolist() == [a] * 6 and payee.tolist() == [c] * 6
    connection(store).execute(
        "UPDATE txn SET ts = '2025-13-01 10:00:00' WHERE id = ?", (int(ids[2]),)
    )
    with pytest.raises(AnalysisError, match="2025-13-01"):
        fast_in_fast_out(store)
    store.close()


def test_a_cash_withdrawal_is_told_from_a_missing_payee(tmp_path):
    store = CaseStore.create(tmp_path / "cash.zlcase", "tester")
    card = store.add_entity("bank_card", "6222020000000000018")
    store.add_transactions([
        {"payer_id": card, "exit_kind": "cash", "amount_fen": 100, "ts": "2025-03-01 02:00:00"},
        {"payer_id": card, "exit_kind": "", "amount_fen": 100, "ts": "2025-03-01 02:00:00"},
        {"payer_id": card, "exit_kind": "platform", "amount_fen": 100, "ts": "2025-03-01 02:00:00"},
    ])  # fmt: skip
    _, _, payee, _, _ = _read_columns(connection(store))
    assert payee.tolist() == [-1, 0, 0]
    (night,) = late_night_cash(store, min_withdrawals=1)
    assert night.metrics["withdrawals"] == 1
    store.close()


def test_a_loop_found_twice_from_one_start_keeps_the_lower_band_first(tmp_path):
    """From B the search looks at B's transfers in the band below the start's amount, then
    its own, then the one above, each in time order: the later leg in the start's own band
    is taken before the earlier one a band higher."""
    step = math.log1p(0.1)
    band = 110
    top = math.floor(math.exp((band + 1) * step)) - 1  # the start's amount, top of its band
    above = math.floor(math.exp((band + 1) * step)) + 2  # just into the band above
    assert int(math.log(top) / step) == band and int(math.log(above) / step) == band + 1
    b = CaseBuilder(tmp_path / "bands.zlcase")
    a, c, d = b.card(None), b.card(None), b.card(None)
    b.pay(a, c, top, 10 * 3600)
    b.pay(c, d, above, 10 * 3600 + 120)  # earlier, a band higher
    b.pay(c, d, top, 10 * 3600 + 300)  # later, the start's band
    b.pay(d, a, top, 10 * 3600 + 600)
    with b.write() as store:
        (loop,) = money_cycles(store, min_amount_fen=1)
        assert loop.evidence["txn"] == [1, 3, 4]
        assert [f.to_dict() for f in money_cycles(store, min_amount_fen=1)] == ref_money_cycles(
            Case(store), **loop.params
        )


def test_a_fraction_of_a_second_before_the_window_counts_as_the_stored_time_says(tmp_path):
    """``in_days`` moves the stored time back and drops the fraction, as ``strftime`` does:
    0.864 seconds before 10:00:00 is 09:59:59, so an inflow then funds the spreading and
    one a second earlier does not."""
    b = CaseBuilder(tmp_path / "edge.zlcase")
    spreaders = []
    for early in (1, 2):
        source, spreader = b.card(None), b.card(None)
        b.pay(source, spreader, 1_000_000, 10 * 3600 - early)
        for k in range(5):
            b.pay(spreader, b.card(None), 200_000, 10 * 3600 + 60 * k)
        spreaders.append(spreader)
    with b.write() as store:
        (spread,) = fan_out(store, in_days=1e-5)
        assert spread.entity_id == spreaders[0] and spread.metrics["inflow_fen"] == 1_000_000


@pytest.mark.sqlite_only  # SQLite's reader of ranges; a server streams the rows in one COPY
def test_columns_read_in_ranges_as_in_one(tmp_path, monkeypatch):
    """Ranges of ids read while the last is parsed (on a second thread, or on the caller's
    when the connection is tied to it), with gaps in the ids and a range of mixed
    spellings: the same columns as one read."""
    import sqlite3

    from workbench.analysis import columns

    with random_case(tmp_path / "ranges.zlcase", 5) as store:
        store.db.execute("UPDATE txn SET ts = substr(ts, 1, 10) WHERE id BETWEEN 40 AND 45")
        whole = _read_columns(connection(store))
        monkeypatch.setattr(columns, "_READ_IDS", 16)
        assert all(
            (a == b).all() for a, b in zip(_read_columns(connection(store)), whole, strict=True)
        )
        store.db.execute("DELETE FROM txn WHERE id % 7 = 3")
        kept = [c[whole[0] % 7 != 3] for c in whole]
        assert all(
            (a == b).all() for a, b in zip(_read_columns(connection(store)), kept, strict=True)
        )
        path = store.path
    tied = sqlite3.connect(path)  # check_same_thread: only this thread may use it
    assert all((a == b).all() for a, b in zip(_read_columns(tied), kept, strict=True))
    tied.close()


def test_after_midnight_belongs_to_the_evening_before(tmp_path):
    """With night hours that wrap midnight, 23:30 and 00:30 are one night, and two cards at
    one ATM then are one crew (the row-by-row detector moved such times back 86,400 days
    instead of one, and counted two nights)."""
    b = CaseBuilder(tmp_path / "night.zlcase")
    card, mate = b.card(None), b.card(None)
    b.pay(card, None, 100_000, 10 * DAY + 23 * 3600 + 1800, "cash", "ATM-A")
    b.pay(card, None, 100_000, 11 * DAY + 1800, "cash", "ATM-A")
    b.pay(mate, None, 100_000, 11 * DAY + 1900, "cash", "ATM-A")
    with b.write() as store:
        (night,) = late_night_cash(store, start_hour=23, end_hour=5, min_withdrawals=2)
        assert night.entity_id == card
        assert night.metrics["nights"] == 1 and night.metrics["companions"] == 1
