"""Last known balances on traced cards, the XLSX stop list read back, and the timeline query."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from workbench.analysis import (
    STOP_LIST_COLUMNS,
    stop_list_rows,
    trace_funds,
    write_stop_list,
    write_stop_list_xlsx,
)
from workbench.analysis.timeline import timeline

from .builders import CaseBuilder, at, stamp

YUAN = 100


@pytest.fixture(params=["scan", "reporter index"])
def chain(tmp_path, request):
    """V pays A, A pays B; A's and B's own statements report balances, and so does the
    other party's statement for a transfer (which must not count as the card's)."""
    b = CaseBuilder(tmp_path / "bal.zlcase")
    victim, holder = b.person("受害人"), b.person('=HYPERLINK("http://x")')
    v = b.card(victim)
    a = b.card(holder, account_name="@SUM(1)", branch="-工行")
    c = b.card(holder, account_name="卡农乙", branch="建行某支行")
    b.pay(v, a, 5_000 * YUAN, at(1, 10))
    b.pay(a, c, 4_000 * YUAN, at(1, 10, 5))
    b.pay(c, None, 1_000 * YUAN, at(1, 23), exit_kind="cash")
    store = b.write()
    with store.bulk("balances") as conn:
        batch = conn.execute(
            "INSERT INTO import_batch (file_name, sha256, kind, analyst, imported_at) "
            "VALUES ('s.csv', 'x', 'bank', 't', '2025-09-30')"
        ).lastrowid
        rows = {r[0]: r[1] for r in conn.execute("SELECT ts, id FROM txn")}
        t_va, t_ac, t_cash = (rows[stamp(s)] for s in (at(1, 10), at(1, 10, 5), at(1, 23)))
        # A's statement reported both its movements; its last balance is after the outflow.
        conn.execute("UPDATE txn SET reporter_id = ?, balance_fen = ? WHERE id = ?",
                     (a, 5_200 * YUAN, t_va))  # fmt: skip
        conn.execute("UPDATE txn SET reporter_id = ?, balance_fen = ? WHERE id = ?",
                     (a, 1_200 * YUAN, t_ac))  # fmt: skip
        # C's statement reported the transfer from A second (txn_source) and then the cash.
        conn.execute(
            "INSERT INTO txn_source VALUES (?, ?, 1, ?, ?)", (t_ac, batch, c, 4_000 * YUAN)
        )
        conn.execute("UPDATE txn SET reporter_id = ?, balance_fen = ? WHERE id = ?",
                     (c, 3_000 * YUAN, t_cash))  # fmt: skip
    if request.param == "reporter index":
        # The indexes the lookup uses when the case has them: same answers, one probe each.
        with store.bulk("indexes") as conn:
            conn.execute("CREATE INDEX t_rb ON txn(reporter_id, ts) WHERE balance_fen IS NOT NULL")
            conn.execute(
                "CREATE INDEX s_rb ON txn_source(reporter_id) WHERE balance_fen IS NOT NULL"
            )
    yield store, {"V": v, "A": a, "C": c, "victim": victim, "holder": holder}
    store.close()


def test_last_balance_comes_from_the_cards_own_statement(chain):
    store, ids = chain
    result = trace_funds(store, card_id=ids["V"])
    a, c = result.card(ids["A"]), result.card(ids["C"])
    assert (a.last_balance_fen, a.last_balance_at) == (1_200 * YUAN, stamp(at(1, 10, 5)))
    assert (c.last_balance_fen, c.last_balance_at) == (3_000 * YUAN, stamp(at(1, 23)))
    assert result.to_dict()["cards"][0]["last_balance_fen"] == 1_200 * YUAN


def test_last_balance_unknown_without_own_statement(chain):
    store, ids = chain
    with store.bulk("only the other side") as conn:
        # Only A's statement reports C's cash withdrawal row now: that is not C's balance.
        conn.execute("UPDATE txn SET reporter_id = ? WHERE reporter_id = ?", (ids["A"], ids["C"]))
        conn.execute("DELETE FROM txn_source")
    result = trace_funds(store, card_id=ids["V"])
    assert result.card(ids["C"]).last_balance_fen is None


def test_xlsx_stop_list_read_back_with_headers_and_escaped_formulas(chain, tmp_path):
    store, ids = chain
    rows = stop_list_rows(trace_funds(store, card_id=ids["V"]))
    path = write_stop_list_xlsx(rows, tmp_path / "stop.xlsx")
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert tuple(sheet[0]) == STOP_LIST_COLUMNS
    assert len(sheet) == len(rows) + 1
    by_card = {r[0]: r for r in sheet[1:]}
    a = by_card[store.entity(ids["A"]).key]
    # 户名 and 开户行 started with @ and -: kept as text behind an apostrophe.
    assert a[1] == "'@SUM(1)" and a[2] == "'-工行"
    assert a[3] == pytest.approx(5000.0) and a[4] == "一级卡"
    assert a[5].startswith("电信网络诈骗涉案账户")
    # No cell of the workbook is a formula.
    import zipfile

    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_write_stop_list_picks_the_format_by_suffix(chain, tmp_path):
    store, ids = chain
    rows = stop_list_rows(trace_funds(store, card_id=ids["V"]))
    assert write_stop_list(rows, tmp_path / "s.XLSX").read_bytes()[:2] == b"PK"
    text = write_stop_list(rows, tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert text.startswith(",".join(STOP_LIST_COLUMNS))


def test_timeline_of_a_person_covers_their_cards_and_events(chain):
    store, ids = chain
    store.update_entity(ids["holder"], legal_status="arrested")
    store.add_measure(ids["C"], "freeze", 3_000 * YUAN, taken_at="2025-03-03 09:00:00")
    t = timeline(store, [ids["holder"]])
    assert set(t.fact_ids) == {ids["A"], ids["C"]}
    # The A -> C transfer is between two of the holder's cards: shown once.
    assert [x.amount_fen for x in t.txns] == [5_000 * YUAN, 4_000 * YUAN, 1_000 * YUAN]
    assert [x.ts for x in t.txns] == sorted(x.ts for x in t.txns)
    kinds = {(e.kind, e.entity_id, e.value) for e in t.events}
    assert ("first_txn", ids["A"], "") in kinds and ("first_txn", ids["C"], "") in kinds
    assert ("legal_status", ids["holder"], "arrested") in kinds
    assert ("measure", ids["C"], "freeze") in kinds
    assert t.span[0] == stamp(at(1, 10))


def test_timeline_window_and_cap(chain):
    store, ids = chain
    t = timeline(store, [ids["C"]], start=stamp(at(1, 11)), end=stamp(at(2, 0)))
    assert [x.amount_fen for x in t.txns] == [1_000 * YUAN]
    assert not [e for e in t.events if e.kind == "first_txn"]  # C first appeared at 10:05
    capped = timeline(store, [ids["A"]], cap=1)
    assert capped.truncated and len(capped.txns) == 1
