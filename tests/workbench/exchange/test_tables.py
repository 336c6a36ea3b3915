"""CSV and XLSX tables, read back: Chinese intact, numbers as text, formulas defused."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

import pytest
from python_calamine import CalamineWorkbook

from workbench.exchange import ExportError, export_csv, export_xlsx
from workbench.exchange.tables import TABLES, defuse

from .cases import case_with_facts

DANGEROUS = ["=1+2", "+86 call me", "-5", "@SUM(A1)", "\tTAB", "\rCR"]
# The store trims names, so leading tabs and carriage returns reach the tables via notes.
VISIBLE = DANGEROUS[:4]


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def sheet(book: CalamineWorkbook, name: str) -> list[dict]:
    rows = book.get_sheet_by_name(name).to_python()
    captions = [c[1] for c in TABLES[name]]
    assert rows[0] == captions
    codes = [c[0] for c in TABLES[name]]
    return [dict(zip(codes, r, strict=True)) for r in rows[1:]]


@pytest.fixture
def facts(tmp_path):
    f = case_with_facts(tmp_path)
    # Text an attacker controls (a counterpart name, a note) that a spreadsheet would run.
    for i, text in enumerate(DANGEROUS):
        f.store.add_entity("organisation", None, f"{text}", notes=text, aliases=[f"别名{i}"])
    return f


def test_csv_folder_has_four_tables_with_bom_and_codes(tmp_path, facts):
    out = tmp_path / "tables"
    summary = export_csv(facts.store, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "calls.csv", "entities.csv", "links.csv", "transactions.csv",
    ]  # fmt: skip
    assert summary.files == tuple(out / f"{n}.csv" for n in TABLES)
    info = facts.store.info()
    entities = read_csv(out / "entities.csv")
    assert list(entities[0]) == [c[0] for c in TABLES["entities"]]
    assert len(entities) == summary.entities
    assert len(read_csv(out / "links.csv")) == info.links == summary.links
    txns = read_csv(out / "transactions.csv")
    calls = read_csv(out / "calls.csv")
    assert len(txns) == info.transactions and len(calls) == info.calls
    boss = facts.store.entity(facts.boss)
    row = next(r for r in entities if r["entity_id"] == str(facts.boss))
    assert row["key"] == boss.key and row["name"] == "测试000"
    assert row["roles_zh"] == "金主/组织者" and row["legal_status_zh"] == "在逃"
    assert row["region"] == "石柱土家族自治县"
    first = txns[0]
    assert first["amount_yuan"] == "1500.00" and first["serial"] == "S1"
    assert first["payer_account"] == facts.store.entity(facts.boss_card).key
    assert first["payer_name"] == "测试000" and first["payee_name"] == "测试001"
    cash = next(t for t in txns if t["exit_kind"] == "cash")
    assert cash["exit_kind_zh"] == "现金取现" and cash["payee_account"] == ""
    assert next(t for t in txns if t["amount_yuan"] == "0.05")["summary"] == '\'=HYPERLINK("x")'
    call = calls[0]
    assert call["caller_number"] == facts.store.entity(facts.boss_phone).key
    assert call["device_imei"] == "490154203237518" and call["duration_s"] == "60"


def test_csv_defuses_formulas(tmp_path, facts):
    out = tmp_path / "tables"
    export_csv(facts.store, out)
    entities = read_csv(out / "entities.csv")
    names = {r["name"] for r in entities}
    notes = {r["notes"] for r in entities}
    for text in VISIBLE:
        assert "'" + text in names and text not in names
    for text in DANGEROUS:
        assert "'" + text in notes and text not in notes
    # Ordinary text keeps its first character.
    assert "测试000" in names


def test_csv_zip_holds_the_same_tables(tmp_path, facts):
    folder = tmp_path / "tables"
    export_csv(facts.store, folder)
    out = tmp_path / "tables.zip"
    summary = export_csv(facts.store, out)
    assert summary.files == (out,)
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == sorted(f"{n}.csv" for n in TABLES)
        for name in TABLES:
            assert z.read(f"{name}.csv") == (folder / f"{name}.csv").read_bytes()


def test_xlsx_reads_back_with_text_numbers_dates_and_defused_cells(tmp_path, facts):
    out = tmp_path / "case.xlsx"
    summary = export_xlsx(facts.store, out)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == list(TABLES)
    entities = sheet(book, "entities")
    assert len(entities) == summary.entities
    card = facts.store.entity(facts.outsider_card).key
    row = next(r for r in entities if r["key"] == card)
    # 19 digits survive as text; as a number Excel would keep 15 and round the rest.
    assert isinstance(row["key"], str) and row["account_name"] == "外部户名"
    boss = next(r for r in entities if r["name"] == "测试000")
    assert boss["key"] == facts.store.entity(facts.boss).key and boss["roles_zh"] == "金主/组织者"
    names = {r["name"] for r in entities}
    notes = {r["notes"] for r in entities}
    for text in VISIBLE:
        assert "'" + text in names and text not in names
    for text in DANGEROUS:
        assert "'" + text in notes and text not in notes
    txns = sheet(book, "transactions")
    assert len(txns) == facts.store.info().transactions == summary.transactions
    first = txns[0]
    assert first["amount_yuan"] == 1500.0 and first["ts"] == datetime(2025, 3, 1, 10, 0)
    assert first["payer_account"] == facts.store.entity(facts.boss_card).key
    assert next(t for t in txns if t["amount_yuan"] == 0.05)["summary"] == '\'=HYPERLINK("x")'
    calls = sheet(book, "calls")
    assert [c["duration_s"] for c in calls] == [60, 30, 0]
    assert calls[0]["caller_holder"] == "测试000"
    assert len(sheet(book, "links")) == facts.store.info().links


def test_masked_tables_and_selection(tmp_path, facts):
    out = tmp_path / "masked.xlsx"
    chosen = [facts.mule, facts.mule_card, facts.outsider_card]
    summary = export_xlsx(facts.store, out, mask_ids=True, entity_ids=chosen)
    book = CalamineWorkbook.from_path(str(out))
    entities = sheet(book, "entities")
    assert sorted(r["entity_id"] for r in entities) == sorted(chosen)
    mule_key = facts.store.entity(facts.mule).key
    row = next(r for r in entities if r["entity_id"] == facts.mule)
    assert row["key"] == mule_key[:6] + "********" + mule_key[-4:]
    txns = sheet(book, "transactions")
    # Mule card -> cash and mule card -> outside card; the boss's transfers stay out.
    assert sorted(t["amount_yuan"] for t in txns) == [200.0, 800.0] and summary.calls == 0
    card = facts.store.entity(facts.outsider_card).key
    assert all(card not in str(v) for t in txns for v in t.values())


def test_defuse_and_bad_targets(tmp_path, facts):
    assert [defuse(t) for t in DANGEROUS] == ["'" + t for t in DANGEROUS]
    assert defuse("1500") == "1500" and defuse("") == ""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError):
        export_csv(facts.store, blocker)
    with pytest.raises(ExportError):
        export_xlsx(facts.store, tmp_path / "missing" / "case.xlsx")
