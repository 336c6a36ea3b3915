"""Fund-flow tracing: levels, attribution, exits, the stop list, and conservation under
random transfer graphs (no card credited with more than the victim paid, no money leaving
before it arrived)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.analysis import (
    STOP_LIST_COLUMNS,
    AnalysisError,
    find_card,
    stop_list_rows,
    trace_back,
    trace_funds,
    write_stop_list_csv,
)
from workbench.analysis._common import connection, ts_seconds
from workbench.errors import NotFoundError
from workbench.store import CaseStore

from .builders import CaseBuilder, at, stamp

YUAN = 100


@pytest.fixture
def chain(tmp_path):
    """A victim pays 一级卡 A, which splits the money over B and C among noise.

    A also moved money before the payment arrived and a day and a half after it; B
    withdraws at night; C passes its share to E, which buys crypto.
    """
    b = CaseBuilder(tmp_path / "chain.zlcase")
    victim, holder = b.person("受害人"), b.person("卡农甲")
    ids = {"victim_person": victim, "holder": holder}
    ids["V"] = b.card(victim)
    for name in "ABCDE":
        ids[name] = b.card(holder, account_name=f"户名{name}", branch=f"工行{name}支行")
    v, a, b_, c, d, e = (ids[k] for k in "VABCDE")
    b.pay(a, d, 1_000 * YUAN, at(10, 9))  # before the victim's money arrived
    b.pay(v, a, 5_000 * YUAN, at(10, 10))  # the victim's payment
    b.pay(a, b_, 3_000 * YUAN, at(10, 10, 5))
    b.pay(a, c, 2_500 * YUAN, at(10, 10, 6))  # only 2,000 of it can be the victim's
    b.pay(a, d, 1_000 * YUAN, at(11, 22))  # after the one-day window
    b.pay(b_, None, 2_900 * YUAN, at(11, 2), "cash")
    b.pay(c, e, 2_000 * YUAN, at(10, 10, 30))
    b.pay(e, None, 2_000 * YUAN, at(10, 11), "crypto")
    store = b.write()
    ids["payment"] = (
        connection(store)
        .execute("SELECT id FROM txn WHERE payer_id = ? AND payee_id = ?", (v, a))
        .fetchone()[0]
    )
    ids["crypto"] = (
        connection(store)
        .execute("SELECT id FROM txn WHERE payer_id = ? AND exit_kind = 'crypto'", (e,))
        .fetchone()[0]
    )
    yield store, ids
    store.close()


def test_forward_levels_amounts_and_exits(chain):
    store, ids = chain
    r = trace_funds(store, ids["payment"])
    got = {c.entity_id: (c.level, c.amount_fen) for c in r.cards}
    assert got == {
        ids["A"]: (1, 500_000),
        ids["B"]: (2, 300_000),
        ids["C"]: (2, 200_000),
        ids["E"]: (3, 200_000),
    }
    assert ids["D"] not in got  # paid before the money came and after the window closed
    assert r.traced_fen == 500_000 and r.levels_reached == 3
    assert r.exit_totals == {"cash": 290_000, "platform": 0, "crypto": 200_000, "unknown": 0}
    b = r.card(ids["B"])
    assert (b.passed_fen, b.exited_fen, b.remaining_fen) == (0, 290_000, 10_000)
    assert b.holder == "卡农甲" and b.account_name == "户名B" and b.branch == "工行B支行"
    assert b.bank == "中国工商银行" and b.region == "石柱土家族自治县"
    assert r.card(ids["A"]).passed_fen == 500_000
    assert r.card(ids["C"]).sources == [ids["A"]]
    assert r.card(ids["A"]).first_arrival == stamp(at(10, 10))
    assert r.source["card_id"] == ids["V"] and r.source["amount_fen"] == 500_000


def test_window_bounds_what_counts(chain):
    store, ids = chain
    # Within ten minutes B's night withdrawal is out of reach; E's crypto buy still counts.
    r = trace_funds(store, ids["payment"], window_minutes=30)
    assert r.exit_totals["cash"] == 0 and r.exit_totals["crypto"] == 200_000
    assert r.card(ids["B"]).remaining_fen == 300_000
    # Three days: A's later payment to D now carries what A had left (nothing).
    wide = trace_funds(store, ids["payment"], window_minutes=3 * 1440)
    assert wide.card(ids["D"]) is None


def test_last_level_shows_exits_and_what_passed_on(chain):
    store, ids = chain
    r = trace_funds(store, ids["payment"], levels=2)
    assert {c.entity_id for c in r.cards} == {ids["A"], ids["B"], ids["C"]}
    c = r.card(ids["C"])
    assert c.last_level and c.passed_fen == 200_000 and c.remaining_fen == 0
    assert r.exit_totals["cash"] == 290_000  # B's withdrawal, at the last level, is listed
    assert all(f.level <= 2 for f in r.flows)


def test_backward_finds_the_victim(chain):
    store, ids = chain
    r = trace_back(store, ids["crypto"])
    got = {c.entity_id: (c.level, c.amount_fen) for c in r.cards}
    assert got == {
        ids["E"]: (1, 200_000),
        ids["C"]: (2, 200_000),
        ids["A"]: (3, 200_000),
        ids["V"]: (4, 200_000),
    }
    assert r.card(ids["V"]).remaining_fen == 200_000  # nothing earlier explains it
    flow = next(f for f in r.flows if f.level == 2)
    assert (flow.payer_id, flow.payee_id) == (ids["C"], ids["E"])
    assert stop_list_rows(r) == []  # where money came from includes victims: no stop list


def test_from_a_card_and_a_time(chain):
    store, ids = chain
    r = trace_funds(store, card_id=ids["V"], at="2025-03-11 09:30")
    assert r.card(ids["A"]).level == 1 and r.card(ids["A"]).amount_fen == 500_000
    assert r.traced_fen == 500_000 and r.source["card"] == store.entity(ids["V"]).key
    part = trace_funds(store, card_id=ids["A"], at="2025-03-11 10:00:00", amount_fen=100_000)
    assert [(c.entity_id, c.amount_fen) for c in part.cards] == [(ids["B"], 100_000)]
    assert find_card(store, store.entity(ids["B"]).key) == ids["B"]
    with pytest.raises(NotFoundError):
        find_card(store, "6222020000000000006")


def test_several_payments_are_traced_together_without_double_counting(tmp_path):
    b = CaseBuilder(tmp_path / "two.zlcase")
    v, a, m = b.card(), b.card(), b.card()
    b.pay(v, a, 5_000 * YUAN, at(1, 10))
    b.pay(v, a, 3_000 * YUAN, at(1, 14))
    b.pay(a, m, 8_000 * YUAN, at(1, 15))
    with b.write() as store:
        first, second, _ = (
            r[0] for r in connection(store).execute("SELECT id FROM txn ORDER BY id")
        )
        both = trace_funds(store, [first, second])
        assert both.traced_fen == 800_000
        assert both.card(m).amount_fen == 800_000 and both.card(a).amount_fen == 800_000
        alone = trace_funds(store, first)
        assert alone.card(m).amount_fen == 500_000


def test_earlier_arrivals_take_earlier_outflows(tmp_path):
    b = CaseBuilder(tmp_path / "fifo.zlcase")
    v1, v2, a, x, y = (b.card() for _ in range(5))
    b.pay(v1, a, 5_000 * YUAN, at(1, 10))
    b.pay(v2, a, 5_000 * YUAN, at(1, 10, 10))
    b.pay(a, x, 5_000 * YUAN, at(1, 10, 20))
    b.pay(a, y, 5_000 * YUAN, at(1, 10, 30))
    with b.write() as store:
        p1, p2 = (r[0] for r in connection(store).execute("SELECT id FROM txn ORDER BY id LIMIT 2"))
        r = trace_funds(store, [p1, p2])
        assert r.card(x).amount_fen == 500_000 and r.card(y).amount_fen == 500_000
        assert {f.txn_id: f.traced_fen for f in r.flows if f.level == 2} == {3: 500_000, 4: 500_000}


def test_money_round_a_loop_is_followed_but_not_credited_twice(tmp_path):
    b = CaseBuilder(tmp_path / "loop.zlcase")
    v, a, x, c = (b.card() for _ in range(4))
    b.pay(v, a, 1_000 * YUAN, at(1, 10))
    b.pay(a, x, 1_000 * YUAN, at(1, 10, 5))
    b.pay(x, a, 1_000 * YUAN, at(1, 10, 10))  # back to A
    b.pay(a, c, 1_000 * YUAN, at(1, 10, 15))  # and on to C
    b.pay(c, v, 100 * YUAN, at(1, 11))  # a "rebate" to the victim ends the trail
    with b.write() as store:
        r = trace_funds(store, 1)
        ra = r.card(a)
        assert (ra.amount_fen, ra.returned_fen, ra.passed_fen) == (100_000, 100_000, 200_000)
        assert [f.returning for f in r.flows] == [False, True, False, True]
        assert r.card(c).amount_fen == 100_000 and r.card(c).level == 4
        assert r.card(v) is None  # the victim is the start, not a traced card
        assert r.card(c).passed_fen == 10_000 and r.card(c).remaining_fen == 90_000


def test_small_pieces_are_not_followed(tmp_path):
    b = CaseBuilder(tmp_path / "fee.zlcase")
    v, a, fee, nxt = (b.card() for _ in range(4))
    b.pay(v, a, 1_000 * YUAN, at(1, 10))
    b.pay(a, fee, 50, at(1, 10, 1))  # a 0.50 yuan test transfer
    b.pay(a, nxt, 1_000 * YUAN, at(1, 10, 2))
    with b.write() as store:
        r = trace_funds(store, 1)
        assert r.card(fee) is None and r.card(nxt).amount_fen == 100_000
        assert trace_funds(store, 1, min_amount_fen=1).card(fee).amount_fen == 50


def test_bad_starts_and_parameters(chain):
    store, ids = chain
    with pytest.raises(NotFoundError):
        trace_funds(store, 999_999)
    with pytest.raises(AnalysisError):
        trace_funds(store)
    with pytest.raises(AnalysisError):
        trace_funds(store, ids["payment"], card_id=ids["A"])
    cash = connection(store).execute("SELECT id FROM txn WHERE exit_kind = 'cash'").fetchone()[0]
    with pytest.raises(AnalysisError, match="withdrawal"):
        trace_funds(store, cash)
    for bad in ({"levels": 0}, {"window_minutes": 0}, {"direction": "sideways"}):
        with pytest.raises(AnalysisError):
            trace_funds(store, ids["payment"], **bad)
    with pytest.raises(AnalysisError):
        trace_funds(store, card_id=ids["A"], at="yesterday")


def test_stop_list_rows_and_csv(chain, tmp_path):
    store, ids = chain
    r = trace_funds(store, ids["payment"])
    rows = stop_list_rows(r)
    assert [row["层级"] for row in rows] == ["一级卡", "二级卡", "二级卡", "三级卡"]
    first = rows[0]
    assert first["账号"] == store.entity(ids["A"]).key and first["户名"] == "户名A"
    assert first["开户行"] == "工行A支行" and first["金额"] == "5000.00"
    assert "5000.00元" in first["理由"] and "转出5000.00元" in first["理由"]
    assert "取现2900.00元" in rows[1]["理由"] and "疑似留存100.00元" in rows[1]["理由"]
    assert len(stop_list_rows(r, min_amount_fen=250_000)) == 2
    hostile = dict(rows[0], 户名='=HYPERLINK("http://x")', 理由="-2+3", 开户行="@SUM(A1)")
    path = write_stop_list_csv([hostile, rows[1]], tmp_path / "stop.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert tuple(back[0]) == STOP_LIST_COLUMNS
    assert back[1][1] == '\'=HYPERLINK("http://x")' and back[1][5] == "'-2+3"
    assert back[1][2] == "'@SUM(A1)" and back[1][0] == first["账号"]
    assert back[2][5] == rows[1]["理由"]


def test_result_is_json(chain):
    store, ids = chain
    out = json.loads(json.dumps(trace_funds(store, ids["payment"]).to_dict(), ensure_ascii=False))
    assert {"card", "level", "amount_fen", "holder", "bank", "first_arrival"} <= set(
        out["cards"][0]
    )
    assert out["stop_list"][0]["层级"] == "一级卡"
    assert set(out["exit_totals"]) == {"cash", "platform", "crypto", "unknown"}


# ---------------------------------------------------------------------- conservation

CARDS = 7  # seven cards take part; the first receives the victim's payment
EXITS = ("", "cash", "platform", "crypto")


@pytest.fixture(scope="module")
def random_case(tmp_path_factory):
    """One case reused by every generated example: a victim, noise and seven cards."""
    b = CaseBuilder(tmp_path_factory.mktemp("random") / "random.zlcase")
    victim, noise = b.card(), b.card()
    cards = [b.card() for _ in range(CARDS)]
    store = b.write()
    yield store, victim, noise, cards
    store.close()


@st.composite
def transfers(draw, min_size: int = 1) -> list[tuple]:
    """Rows (payer, payee or -1 for an exit, yuan, seconds after the victim paid, exit kind).

    Most rows move money on from a card that received some earlier (a few minutes before
    to hours after), so that the generated graphs run several levels deep; the rest are
    noise at any time, including before the victim paid.
    """
    rows = []
    holding = [(0, 0)]  # (card, when money reached it)
    for _ in range(draw(st.integers(min_size, 40))):
        if draw(st.integers(0, 4)):
            payer, since = draw(st.sampled_from(holding))
            when = since + draw(st.integers(-600, 6 * 3_600))
        else:
            payer, when = draw(st.integers(0, CARDS - 1)), draw(st.integers(-6 * 3_600, 86_400))
        payee = draw(st.integers(-1, CARDS - 1))
        rows.append(
            (payer, payee, draw(st.integers(1, 30_000)), when, draw(st.sampled_from(EXITS)))
        )
        if payee >= 0:
            holding.append((payee, when))
    return rows


def _load(store: CaseStore, victim: int, noise: int, cards: list[int], amount: int, rows) -> int:
    with store.bulk("hypothesis example") as conn:
        conn.execute("DELETE FROM txn")
        conn.execute(
            "INSERT INTO txn (id, payer_id, payee_id, amount_fen, ts) VALUES (1, ?, ?, ?, ?)",
            (victim, cards[0], amount, stamp(at(5, 12))),
        )
        for payer, payee, yuan, offset, kind in rows:
            payee_id = None if payee < 0 else cards[payee]
            payer_id = noise if payer == payee else cards[payer]  # noise pays in, too
            conn.execute(
                "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts) "
                "VALUES (?, ?, ?, ?, ?)",
                (payer_id, payee_id, kind if payee_id is None else "", yuan * YUAN,
                 stamp(at(5, 12) + offset)),
            )  # fmt: skip
    return 1


def _check_conservation(r, amount: int, store: CaseStore) -> None:
    amounts = dict(connection(store).execute("SELECT id, amount_fen FROM txn"))
    used: dict[int, int] = defaultdict(int)
    for f in r.flows:
        used[f.txn_id] += f.traced_fen
    for e in r.exits:
        used[e.txn_id] += e.traced_fen
    assert all(used[t] <= amounts[t] for t in used), "a transaction carried more than itself"
    for c in r.cards:
        assert c.amount_fen <= amount, "a card was credited with more than the victim paid"
        assert c.passed_fen + c.exited_fen + c.remaining_fen == c.amount_fen + c.returned_fen
        assert c.remaining_fen >= 0
        assert 1 <= c.level <= r.levels
    assert sum(c.amount_fen for c in r.cards if c.level == 1) == amount


def _check_time_order(r, window_s: float) -> None:
    """On every card, traced money out never exceeds traced money in up to that moment,
    and each outflow lies within the window after an arrival.

    Backward traces walk against time: there "in" is what a card sent on towards the
    start and "out" what explains it, and the clock runs the other way.
    """
    sign = 1 if r.direction == "forward" else -1
    events: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    start = sign * ts_seconds(r.source["at"])
    for c in r.cards:
        if c.level == 1:
            events[c.entity_id].append((start, 0, c.amount_fen))
    for f in r.flows:
        receiver, sender = (f.payee_id, f.payer_id) if sign > 0 else (f.payer_id, f.payee_id)
        events[receiver].append((sign * ts_seconds(f.ts), 0, f.traced_fen))  # in first at ties
        events[sender].append((sign * ts_seconds(f.ts), 1, -f.traced_fen))
    for e in r.exits:
        events[e.card_id].append((sign * ts_seconds(e.ts), 1, -e.traced_fen))
    for evs in events.values():
        balance = 0
        arrivals = []
        for t, out, fen in sorted(evs):
            balance += fen
            assert balance >= 0, "money left a card before it arrived"
            if out:
                assert any(a <= t <= a + window_s for a in arrivals), "outflow outside window"
            else:
                arrivals.append(t)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=transfers(min_size=3),
    amount=st.integers(100, 50_000).map(lambda y: y * YUAN),
    levels=st.integers(1, 6),
    window=st.sampled_from([10, 120, 1440, 2880]),
)
def test_forward_trace_conserves_money(random_case, rows, amount, levels, window):
    store, victim, noise, cards = random_case
    payment = _load(store, victim, noise, cards, amount, rows)
    r = trace_funds(store, payment, levels=levels, window_minutes=window, min_amount_fen=1)
    event(f"levels reached: {r.levels_reached}")
    _check_conservation(r, amount, store)
    _check_time_order(r, window * 60)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=transfers(),
    levels=st.integers(1, 6),
    window=st.sampled_from([10, 1440, 2880]),
)
def test_backward_trace_conserves_money(random_case, rows, levels, window):
    store, victim, noise, cards = random_case
    _load(store, victim, noise, cards, 100 * YUAN, rows)
    last = connection(store).execute("SELECT id, amount_fen FROM txn ORDER BY ts DESC, id LIMIT 1")
    start, amount = last.fetchone()
    r = trace_back(store, start, levels=levels, window_minutes=window, min_amount_fen=1)
    _check_conservation(r, amount, store)
    _check_time_order(r, window * 60)


# ---------------------------------------------------------------------- the demo case


def test_demo_victim_payment_reaches_the_laundering_chain(demo_path):
    with CaseStore.open(demo_path, "pytest", read_only=True) as store:
        payment, amount = (
            connection(store)
            .execute(
                "SELECT t.id, t.amount_fen FROM txn t JOIN link l ON l.target_id = t.payer_id "
                "AND l.type = 'holds' JOIN entity_role r ON r.entity_id = l.source_id "
                "AND r.role = 'victim' WHERE t.payee_id IS NOT NULL "
                "ORDER BY t.amount_fen DESC, t.id LIMIT 1"
            )
            .fetchone()
        )
        # Two days: car handlers take sums too large for an ATM to the counter next morning.
        r = trace_funds(store, payment, window_minutes=2 * 1440)
        roles = {
            card: set(rs.split(","))
            for card, rs in connection(store).execute(
                "SELECT l.target_id, group_concat(r.role) FROM link l JOIN entity_role r "
                "ON r.entity_id = l.source_id WHERE l.type = 'holds' GROUP BY l.target_id"
            )
        }
    level1 = [c for c in r.cards if c.level == 1]
    assert len(level1) == 1 and level1[0].amount_fen == amount
    assert roles[level1[0].entity_id] & {"card_supplier", "score_runner", "operator"}
    assert r.levels_reached >= 2
    launder = {"money_launderer", "car_handler", "score_runner", "card_supplier"}
    assert all(roles.get(c.entity_id, set()) & launder for c in r.cards if c.level == 2)
    # Every yuan ends at an exit: cash at night, crypto dealers, payment platforms.
    assert sum(r.exit_totals.values()) == amount
    assert r.exit_totals["cash"] > 0
