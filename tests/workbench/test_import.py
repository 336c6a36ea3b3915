"""Importing evidence end to end: real files in the encodings and layouts banks and carriers
send, into real case files; every transaction once, every bad row kept, one entity per key."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

import main
from workbench.intake.importer import ImportCancelled, Importer, import_files, plan_files
from workbench.store import CaseStore

from ..factories import card_number, person_id

# Two suspects' cards at two banks and the transfers between them.
ZHANG_ID = "500240198703150019"
LI_ID = "350521199001010011"


def _valid(number: str) -> str:
    from workbench.identifiers import luhn_check_digit

    return number[:-1] + luhn_check_digit(number[:-1])


def _valid_id(first17: str) -> str:
    from workbench.identifiers import id_check_char

    return first17 + id_check_char(first17)


ZHANG_CARD = _valid("6222020200112233445")
LI_CARD = _valid("6217000010012345678")
# 16 digits: a number Excel can hold exactly, as some statements store it.
WANG_CARD = _valid("4367420012345678")
ZHANG = _valid_id(ZHANG_ID[:17])
LI = _valid_id(LI_ID[:17])


def icbc_statement(path: Path) -> Path:
    """张三's ICBC statement: GBK, two title rows naming the card, signed amounts with 元."""
    lines = [
        "中国工商银行个人账户明细",
        f"卡号：{ZHANG_CARD}，户名：张三，证件号码：{ZHANG}",
        "交易日期,交易金额,余额,对方账号,对方户名,摘要,渠道",
        f"2025-03-27 23:41:05,-50000.00元,1200.00元,{LI_CARD},李四,跨行转出,手机银行",
        f'2025-03-27 23:50:10,"-1,000.00元",200.00元,{WANG_CARD},王五,转账,网银',
        "2025-03-28 01:12:00,-200.00元,0.00元,,,ATM取款,ATM",
        "2025-03-28 02:00:00,not money,0.00元,,,转账,网银",
        f"2025-03-26 10:00:00,+51200.00元,51200.00元,{WANG_CARD},王五,转入,网银",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def ccb_statement(path: Path) -> Path:
    """李四's CCB statement: UTF-8 with BOM, split date and time, income/expense columns."""
    lines = [
        "账号,户名,记账日期,记账时间,收入金额,支出金额,账户余额,对方账号,对方户名,摘要",
        # The same transfer as 张三's first row, one minute apart by the other bank's clock.
        f"{LI_CARD},李四,20250327,234210,50000.00,,50000.00,{ZHANG_CARD},张三,跨行转入",
        f"{LI_CARD},李四,20250328,000500,,49000.00,1000.00,,,ATM取款",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def abc_statement_xlsx(path: Path) -> Path:
    """王五's statement as XLSX: the card stored as a number in one row, as text in another."""
    xlsxwriter = pytest.importorskip("xlsxwriter")
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("明细")
    rows = [
        ["交易卡号", "交易时间", "借贷标志", "交易金额", "对方账号", "对方户名"],
        [WANG_CARD, "2025-03-27 23:50:30", "贷", 1000, ZHANG_CARD, "张三"],
        [int(WANG_CARD), "2025-03-26 09:59:40", "借", 51200, ZHANG_CARD, "张三"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, value)
    wb.close()
    return path


def carrier_calls(path: Path) -> Path:
    lines = [
        "本机号码,对方号码,呼叫类型,开始时间,通话时长,基站,IMEI",
        "13812345678,13987654321,主叫,2025-03-27 22:00:00,65,LAC:1234 CI:5678,490154203237518",
        "13812345678,13987654321,被叫,2025-03-27 22:30:00,30,LAC:1234 CI:5678,490154203237518",
        "13812345678,95588,主叫,2025-03-27 22:40:00,120,LAC:1234 CI:5679,490154203237518",
        "13812345678,13987654321,主叫,bad time,10,,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")
    return path


@pytest.fixture
def store(tmp_path, case_target):
    s = CaseStore.create(case_target or tmp_path / "case.zlcase", "analyst")
    yield s
    s.close()


def q(store, sql, *params):
    return [tuple(r) for r in store._conn.execute(sql, params).fetchall()]


def test_three_banks_store_each_transfer_once(store, tmp_path):
    files = [icbc_statement(tmp_path / "icbc.csv"), ccb_statement(tmp_path / "ccb.csv"),
             abc_statement_xlsx(tmp_path / "abc.xlsx")]  # fmt: skip
    summary = import_files(store, files, "bank")
    assert [f.skipped for f in summary.files] == ["", "", ""]
    # 5 data rows from ICBC (one rejected), 2 from CCB, 2 from the workbook.
    assert summary.rows_read == 5 + 2 + 2
    assert len(summary.rejected) == 1
    bad = summary.rejected[0]
    assert (bad.file, bad.line, bad.column, bad.value) == ("icbc.csv", 7, "交易金额", "not money")
    # Transfers reported by both sides: 张三->李四 50,000; 张三->王五 1,000; 王五->张三 51,200.
    assert summary.transactions_duplicate == 3
    assert summary.transactions_new == 4 + 2 + 2 - 3
    # Three cards, three people (张三 by ID number; 李四 and 王五 by name for their cards).
    assert summary.entities_new == 6
    info = store.info()
    assert (info.bank_cards, info.people) == (3, 3)
    ids = {k: v for v, k in q(store, "SELECT id, key FROM entity WHERE kind = 'bank_card'")}
    rows = q(store, "SELECT id, payer_id, payee_id, amount_fen, exit_kind FROM txn "
                    "WHERE payer_id = ? AND payee_id = ?", ids[ZHANG_CARD], ids[LI_CARD])  # fmt: skip
    assert len(rows) == 1 and rows[0][3] == 5_000_000
    sources = store.sources_of_transaction(rows[0][0])
    assert sorted(f for f, _ in sources) == ["ccb.csv", "icbc.csv"]
    assert ("icbc.csv", 4) in sources and ("ccb.csv", 2) in sources
    # Cash withdrawals are exits, kept for tracing.
    exits = q(store, "SELECT payer_id, amount_fen FROM txn WHERE exit_kind = 'cash'")
    assert sorted(exits) == sorted([(ids[ZHANG_CARD], 20_000), (ids[LI_CARD], 4_900_000)])
    # The card named only in the title rows got its holder from there.
    holder = q(store, "SELECT p.key, p.name FROM link l JOIN entity p ON p.id = l.source_id "
                      "WHERE l.type = 'holds' AND l.target_id = ?", ids[ZHANG_CARD])  # fmt: skip
    assert holder == [(ZHANG, "张三")]
    assert store.check_integrity() == []


def test_every_card_and_person_is_one_entity(store, tmp_path):
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    import_files(store, [ccb_statement(tmp_path / "ccb.csv")], "bank")
    keys = [k for (k,) in q(store, "SELECT key FROM entity WHERE kind = 'bank_card'")]
    assert sorted(keys) == sorted({ZHANG_CARD, LI_CARD, WANG_CARD})
    people = q(store, "SELECT name FROM entity WHERE kind = 'person' ORDER BY name")
    assert [n for (n,) in people] == ["张三", "李四", "王五"]


def test_inferred_regions_and_bank(store, tmp_path):
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    import_files(store, [carrier_calls(tmp_path / "calls.csv")], "calls")
    zhang = store.find_entity("person", ZHANG)
    assert [(t.code, t.reason, t.note) for t in zhang.regions] == [
        ("500240", "household", "inferred from the ID number")]  # fmt: skip
    assert zhang.attrs["birth_date"] == "1987-03-15"
    assert store.find_entity("bank_card", ZHANG_CARD).attrs["bank"] == "中国工商银行"
    phone = store.find_entity("phone_card", "13812345678")
    assert phone.attrs["carrier"]
    assert [t.reason for t in phone.regions] == ["phone_attribution"]
    assert store.region(phone.regions[0].code) is not None


def test_call_records(store, tmp_path):
    summary = import_files(store, [carrier_calls(tmp_path / "calls.csv")], "calls")
    assert summary.calls_new == 3 and len(summary.rejected) == 1
    assert summary.rejected[0].line == 5 and summary.rejected[0].column == "开始时间"
    service = store.find_entity("phone_card", "95588")
    assert service is not None and not service.key_valid
    device = store.find_entity("device", "490154203237518")
    calls = q(store, "SELECT count(*) FROM call WHERE device_id = ?", device.id)
    assert calls == [(3,)]
    own = store.find_entity("phone_card", "13812345678")
    callee_in = q(store, "SELECT count(*) FROM call WHERE callee_id = ?", own.id)
    assert callee_in == [(1,)]


def test_reimport_is_a_no_op(store, tmp_path):
    path = icbc_statement(tmp_path / "icbc.csv")
    import_files(store, [path], "bank")
    before = store.info()
    again = import_files(store, [path], "bank")
    assert [f.skipped for f in again.files] == ["already imported"]
    assert store.info() == before


def test_cancelled_import_leaves_case_unchanged(store, tmp_path):
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    before = (store.info(), store.audit_count(), q(store, "SELECT count(*) FROM import_batch"))
    plans, failed = plan_files(store, [ccb_statement(tmp_path / "ccb.csv")], "bank")
    with pytest.raises(ImportCancelled):
        Importer(store, cancelled=lambda: True).run(plans)
    after = (store.info(), store.audit_count(), q(store, "SELECT count(*) FROM import_batch"))
    assert after == before


def test_files_that_are_not_statements(store, tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    good = icbc_statement(tmp_path / "icbc.csv")
    truncated = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(truncated, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook>" * 100)
    truncated.write_bytes(truncated.read_bytes()[:50])
    summary = import_files(store, [png, empty, truncated, good], "bank")
    skipped = {f.file: f.skipped for f in summary.files}
    assert skipped["photo.png"].startswith("unreadable")
    assert skipped["empty.csv"]
    assert skipped["cut.xlsx"]
    assert skipped["icbc.csv"] == ""
    assert summary.transactions_new == 4


def test_saved_profile_applies_when_the_header_returns(store, tmp_path):
    from workbench.intake import columns as cols

    path = ccb_statement(tmp_path / "ccb.csv")
    plans, _ = plan_files(store, [path], "bank")
    plan = plans[0]
    store.save_mapping_profile("建行流水", "bank", cols.header_signature(plan.header),
                               cols.mapping_to_dict(plan.mapping))  # fmt: skip
    again, _ = plan_files(store, [path])
    assert again[0].profile == "建行流水" and again[0].kind == "bank"
    assert again[0].mapping.columns == plan.mapping.columns


def test_undo_import_removes_exactly_what_it_wrote(store, tmp_path):
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    before = (store.info(), q(store, "SELECT count(*) FROM txn_source"))
    summary = import_files(store, [ccb_statement(tmp_path / "ccb.csv")], "bank")
    assert summary.transactions_duplicate == 1
    store.remove_batches([f.batch_id for f in summary.files])
    assert (store.info(), q(store, "SELECT count(*) FROM txn_source")) == before
    assert store.check_integrity() == []


def test_cli_import_json(tmp_path, capsys):
    case = tmp_path / "new.zlcase"
    files = [str(icbc_statement(tmp_path / "icbc.csv")), str(ccb_statement(tmp_path / "ccb.csv"))]
    assert main.main(["import", str(case), *files, "--kind", "bank", "--json",
                      "--rejected-csv", str(tmp_path / "rejected.csv")]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    for key in ("rows_read", "transactions_new", "transactions_duplicate", "calls_new",
                "entities_new"):  # fmt: skip
        assert isinstance(out[key], int)
    assert out["transactions_duplicate"] == 1
    assert out["rejected"] == [{"file": "icbc.csv", "row": 7, "column": "交易金额",
                                "value": "not money", "reason": out["rejected"][0]["reason"]}]  # fmt: skip
    text = (tmp_path / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "icbc.csv,7,交易金额,not money" in text
    with CaseStore.open(case, "x", read_only=True) as s:
        assert s.rejected_rows()[0][1:4] == ("icbc.csv", 7, "交易金额")


def test_cli_import_of_nothing_readable_fails(tmp_path, capsys):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main.main(["import", str(tmp_path / "c.zlcase"), str(bad), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["files"][0]["skipped"].startswith("unreadable")


def test_import_audit_names_the_analyst(store, tmp_path):
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    rows = q(store, "SELECT analyst, action FROM audit WHERE tbl = 'import_batch'")
    assert rows == [("analyst", "import")]
    batch = store.import_batches()[0]
    assert batch["file_name"] == "icbc.csv" and len(batch["sha256"]) == 64
    assert batch["counts"]["rows_read"] == 5


def test_factories_are_valid():
    import random

    from workbench import identifiers as ids

    rng = random.Random(1)
    assert ids.parse_id_number(person_id(rng))
    assert ids.luhn_ok(card_number(rng))
    assert sqlite3.sqlite_version


@pytest.mark.sqlite_only  # the file's large-import road (indexes rebuilt, references checked at the end)
def test_index_definitions_match_the_schema(store):
    from workbench.intake.importer import FACT_INDEXES

    stored = dict(q(store, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    for name, sql in FACT_INDEXES.items():
        assert " ".join(stored[name].split()) == sql


@pytest.mark.sqlite_only  # the file's large-import road (indexes rebuilt, references checked at the end)
def test_large_import_rebuilds_indexes_and_still_folds_twins(store, tmp_path, monkeypatch):
    from workbench.intake import importer

    monkeypatch.setattr(importer, "LARGE_IMPORT_ROWS", 1)
    files = [icbc_statement(tmp_path / "icbc.csv"), ccb_statement(tmp_path / "ccb.csv")]
    summary = import_files(store, files, "bank")
    assert summary.transactions_duplicate == 1
    names = {n for (n,) in q(store, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(importer.FACT_INDEXES) <= names
    assert store.check_integrity() == []


def register_file(path: Path) -> Path:
    """A card list a bank pushes to the anti-fraud centre: holders, cards, phones."""
    lines = [
        "姓名,身份证号,手机号,银行卡号,开户行,备注",
        f"张三,{ZHANG},13812345678,{ZHANG_CARD},中国工商银行石柱支行,涉诈账户",
        f"张三,{ZHANG},13812345678,{LI_CARD},中国建设银行,",
        f"李四,{LI},13987654321,,,",
        "王五,12345,,,,",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def test_register_links_holders_to_cards_and_phones(store, tmp_path):
    summary = import_files(store, [register_file(tmp_path / "register.csv")], "register")
    assert summary.files[0].kind == "register" and summary.rows_read == 4
    zhang = store.find_entity("person", ZHANG)
    held = {store.entity(lk.target_id).key for lk in store.links_of(zhang.id) if lk.type == "holds"}
    assert held == {ZHANG_CARD, LI_CARD, "13812345678"}
    li = store.find_entity("person", LI)
    assert [store.entity(lk.target_id).key for lk in store.links_of(li.id)] == ["13987654321"]
    # An ID number that is no ID number: the row is kept as rejected, with the reason.
    assert [(r.line, r.column, r.value, r.reason) for r in summary.rejected] == [
        (5, "身份证号", "12345", "ID number: bad_length")]  # fmt: skip
    # A second register naming the same card is one card, one holder.
    again = tmp_path / "register2.csv"
    again.write_text(f"持卡人,证件号码,卡号\n张三,{ZHANG},{ZHANG_CARD}\n", encoding="utf-8")
    import_files(store, [again], "register")
    assert store.info().bank_cards == 2 and store.info().people == 2


@pytest.mark.sqlite_only  # the file's large-import road (indexes rebuilt, references checked at the end)
@pytest.mark.parametrize(
    ("sql", "table"),
    [
        # An indexed column (checked per distinct value off the index)...
        ("INSERT INTO txn (payer_id, amount_fen, ts) VALUES (987654, 1, '2025-01-01')", "txn"),
        # ...one without an index...
        ("INSERT INTO txn (payer_id, amount_fen, ts, batch_id) "
         "SELECT min(id), 1, '2025-01-01', 4321 FROM entity", "txn"),
        # ...and another table.
        ("INSERT INTO link (type, source_id, target_id, origin, created_at) "
         "SELECT 'holds', min(id), 99999, 'x', 't' FROM entity", "link"),
    ],
)  # fmt: skip
def test_large_import_refuses_a_dangling_reference(store, tmp_path, monkeypatch, sql, table):
    from workbench.errors import CaseError
    from workbench.intake import importer

    monkeypatch.setattr(importer, "LARGE_IMPORT_ROWS", 1)
    restore = importer._restore_indexes

    def restore_and_break(conn, names):
        restore(conn, names)
        conn.execute(sql)

    monkeypatch.setattr(importer, "_restore_indexes", restore_and_break)
    before = store.info()
    with pytest.raises(CaseError, match=f"dangling reference in {table}"):
        import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    assert store.info() == before


def _balances(store) -> dict:
    """{(payer key, payee key, amount): (balance stored on the fact, [balances of the
    other sources])} of the transactions between cards."""
    out = {}
    for tid, payer, payee, fen, balance in q(
        store,
        "SELECT t.id, a.key, b.key, t.amount_fen, t.balance_fen FROM txn t "
        "LEFT JOIN entity a ON a.id = t.payer_id LEFT JOIN entity b ON b.id = t.payee_id",
    ):
        sources = [b for (b,) in q(store, "SELECT balance_fen FROM txn_source WHERE txn_id = ?",
                                   tid)]  # fmt: skip
        out[(payer, payee, fen)] = (balance, sources)
    return out


@pytest.mark.parametrize("together", [True, False], ids=["one run", "two runs"])
def test_statement_balances_land_on_the_fact_and_its_second_source(store, tmp_path, together):
    icbc, ccb = icbc_statement(tmp_path / "icbc.csv"), ccb_statement(tmp_path / "ccb.csv")
    if together:
        summary = import_files(store, [icbc, ccb], "bank")
        assert summary.transactions_duplicate == 1
    else:
        import_files(store, [icbc], "bank")
        # The counterpart reported in an earlier run: its twin is still found.
        assert import_files(store, [ccb], "bank").transactions_duplicate == 1
    got = _balances(store)
    # 张三's ICBC statement reported the transfer first (its 余额 after it: 1,200.00); 李四's
    # CCB statement (账户余额 50,000.00) is the second source.
    assert got[(ZHANG_CARD, LI_CARD, 5_000_000)] == (120_000, [5_000_000])
    assert got[(ZHANG_CARD, WANG_CARD, 100_000)] == (20_000, [])
    assert got[(ZHANG_CARD, None, 20_000)] == (0, [])  # the ATM withdrawal: 0.00元 left
    assert got[(LI_CARD, None, 4_900_000)] == (100_000, [])
    reporters = dict(q(store, "SELECT t.balance_fen, e.key FROM txn t "
                              "JOIN entity e ON e.id = t.reporter_id"))  # fmt: skip
    assert reporters[120_000] == ZHANG_CARD and reporters[100_000] == LI_CARD
    assert store.check_integrity() == []


def test_balance_order_follows_the_first_report(store, tmp_path):
    # CCB first: the fact carries 李四's balance, ICBC's row becomes the second source.
    import_files(store, [ccb_statement(tmp_path / "ccb.csv")], "bank")
    import_files(store, [icbc_statement(tmp_path / "icbc.csv")], "bank")
    assert _balances(store)[(ZHANG_CARD, LI_CARD, 5_000_000)] == (5_000_000, [120_000])


def test_statement_without_balance_stores_null(store, tmp_path):
    files = [icbc_statement(tmp_path / "icbc.csv"), abc_statement_xlsx(tmp_path / "abc.xlsx")]
    summary = import_files(store, files, "bank")
    assert summary.transactions_duplicate == 2
    got = _balances(store)
    # 王五's workbook has no balance column: NULL in its source rows and on its own facts.
    assert got[(ZHANG_CARD, WANG_CARD, 100_000)] == (20_000, [None])
    assert got[(WANG_CARD, ZHANG_CARD, 5_120_000)] == (5_120_000, [None])
    only_abc = tmp_path / "only"
    only_abc.mkdir()
    other = CaseStore.create(tmp_path / "abc.zlcase", "analyst")
    try:
        import_files(other, [abc_statement_xlsx(only_abc / "abc.xlsx")], "bank")
        assert q(other, "SELECT DISTINCT balance_fen FROM txn") == [(None,)]
    finally:
        other.close()


def other_party_calls(path: Path) -> Path:
    """13987654321's own call records: the two calls with 13812345678, by its clock."""
    lines = [
        "本机号码,对方号码,呼叫类型,开始时间,通话时长",
        "13987654321,13812345678,被叫,2025-03-27 22:00:20,64",
        "13987654321,13812345678,主叫,2025-03-27 22:30:15,31",
        "13987654321,13600000000,主叫,2025-03-27 23:00:00,10",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("together", [True, False], ids=["one run", "two runs"])
def test_both_parties_call_records_store_each_call_once(store, tmp_path, together):
    mine, theirs = carrier_calls(tmp_path / "a.csv"), other_party_calls(tmp_path / "b.csv")
    if together:
        summary = import_files(store, [mine, theirs], "calls")
        assert (summary.calls_new, summary.calls_duplicate) == (3 + 1, 2)
    else:
        import_files(store, [mine], "calls")
        summary = import_files(store, [theirs], "calls")
        assert (summary.calls_new, summary.calls_duplicate) == (1, 2)
    assert q(store, "SELECT count(*) FROM call") == [(4,)]
    assert q(store, "SELECT count(*) FROM call_source") == [(2,)]
