"""The columnar road of bank statements gives exactly what the row road gives.

Every bank layout of the corpus is read both ways (records compared field by field, batches
of 3 rows and of one) and imported both ways into real case files (every table compared).
Generated statements add what the corpus has little of: blank, short and long rows,
footers, repeated headers, bad and oversized amounts, odd times, masked cards, reversal and
closed-order words, spread over many small batches. The files are written as banks write
them: GBK, CRLF, a preamble.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.intake import columnar
from workbench.intake.importer import (
    Importer,
    _screen_amounts,
    import_files,
    plan_table,
    with_placeholder_owner,
)
from workbench.intake.read import open_tables
from workbench.intake.records import bank_rows
from workbench.store import CaseStore

from .layouts import all_layouts

BANK = [lay for lay in all_layouts() if lay.kind == "bank"]
TABLES = ("entity", "link", "txn", "txn_unmoved", "txn_source", "rejected_row", "entity_alias",
          "entity_region")  # fmt: skip
_CLOCK_COLUMNS = {"created_at", "updated_at", "imported_at"}


def _dump(store: CaseStore) -> dict[str, list]:
    c = store._conn
    out = {}
    for table in TABLES:
        cols = [
            r[1] for r in c.execute(f"PRAGMA table_info({table})") if r[1] not in _CLOCK_COLUMNS
        ]
        out[table] = sorted(c.execute(f"SELECT {','.join(cols)} FROM {table}"), key=repr)
    return out


def _bank_tables(path: Path):
    for table in open_tables(path):
        plan = plan_table(table, None, "", {})
        if plan.kind == "bank":
            mapping = plan.mapping
            if not mapping.owner_known:
                mapping = with_placeholder_owner(mapping, "digest", plan.sheet)
            yield table, mapping


def _by_rows(table, mapping) -> list:
    """The row road as the importer takes it: oversized amounts screened out first, then
    the row reader; everything in line order."""
    screened: list = []
    table, _count = _screen_amounts(table.reopen(), mapping, screened)
    out = list(bank_rows(table, mapping)) + screened
    return sorted(out, key=lambda item: item[0] if item.__class__ is tuple else item.line)


def _both_imports(tmp_path: Path, path: Path, owner=None):
    out = {}
    for engine in ("rows", "columns"):
        with CaseStore.create(tmp_path / f"{engine}.zlcase", "tester") as store:
            summary = import_files(store, [path], owner=owner, engine=engine)
            out[engine] = (_dump(store), summary.to_dict())
    return out["rows"], out["columns"]


@pytest.mark.parametrize("layout", BANK, ids=[lay.name for lay in BANK])
def test_layout_records_are_the_same_by_columns(tmp_path, layout):
    path = layout.build(tmp_path)
    tables = list(_bank_tables(path))
    assert tables
    for table, mapping in tables:
        by_rows = _by_rows(table, mapping)
        assert by_rows
        for size in (1, 3, columnar.BATCH_ROWS):
            assert list(columnar.records_as_rows(table.reopen(), mapping, size)) == by_rows


@pytest.mark.parametrize("layout", BANK, ids=[lay.name for lay in BANK])
def test_layout_imports_the_same_by_columns(tmp_path, layout):
    path = layout.build(tmp_path)
    owner = layout.given_owner if layout.owner is None else None
    (rows_case, rows_summary), (cols_case, cols_summary) = _both_imports(tmp_path, path, owner)
    assert rows_summary["transactions_new"] + rows_case["txn_unmoved"].__len__() > 0
    assert cols_case == rows_case
    assert cols_summary == rows_summary


# --- generated statements ---------------------------------------------------------------------

HEADER = ["交易卡号", "户名", "证件号码", "交易时间", "借贷标志", "交易金额", "余额", "对方账号",
          "对方户名", "对方开户行", "摘要", "交易渠道", "交易状态", "交易流水号"]  # fmt: skip
CARDS = ["6222021234567890128", "6217001234567890125", "6228481234567890127", "6222****1234",
         "*5678", "62220212345678901", "abc", "", "6.22202E+18"]  # fmt: skip
OTHERS = ["6212261234567890123", "6217851234567890120", "6222****9999", "*4321", "", "--",
          "财付通", "支付宝(中国)网络技术有限公司", "0000000", "TQ8J1vGJ5kTLSBnkrjv2ZhXT7oX8Q4xLbd",
          "13812345678", "6225881234567890"]  # fmt: skip
NAMES = ["张伟", "李娜", "王芳", "", "-", "赵**", " 刘洋 "]
IDS = ["110101199003074514", "11010119900307451X", "", "123", "--"]
TIMES = ["2024-03-01 10:00:00", "2024-03-02 23:59:59", "2024/3/3 9:05", "20240304 101010",
         "2024-02-30 10:00:00", "2024-03-05", "not a time", "2024-03-06 24:00:00",
         "2024年3月7日 10时00分00秒"]  # fmt: skip
WAYS = ["进", "出", "借", "贷", "收入", "支出", "不计收支", "/", "??", "", "D", "C"]
AMOUNTS = ["100.00", "-25.50", ".50", "1,234.56", "12", "0.00", "abc", "", "1e3", "-.10",
           "12345678901234567890.00", "+7.00", "１２.００"]  # fmt: skip
SUMMARIES = ["转账", "冲正", "退款", "ATM取款", "提现", "充值", "消费", "", "手续费"]
CHANNELS = ["网银", "ATM", "柜面", "", "手机银行"]
STATUSES = ["交易成功", "交易关闭", "支付失败", "", "成功", "已退款"]
FOOTERS = [["合计", "", "", "", "", "1000.00"], ["共12笔"], ["-----------"],
           ["导出时间：2024-04-01 10:00:00"]]  # fmt: skip


def _statement(rng: random.Random, rows: int) -> list[list[str]]:
    out = []
    for n in range(rows):
        pick = rng.random()
        if pick < 0.03:
            out.append([""] * rng.choice([0, 3, len(HEADER)]))  # blank
            continue
        if pick < 0.05:
            out.append(list(rng.choice(FOOTERS)))
            continue
        if pick < 0.06:
            out.append(list(HEADER))  # a header repeated on every page
            continue
        row = [rng.choice(CARDS), rng.choice(NAMES), rng.choice(IDS), rng.choice(TIMES),
               rng.choice(WAYS), rng.choice(AMOUNTS), rng.choice(AMOUNTS + ["9000.00"] * 5),
               rng.choice(OTHERS), rng.choice(NAMES), rng.choice(["中国银行", "", "招商银行"]),
               rng.choice(SUMMARIES), rng.choice(CHANNELS), rng.choice(STATUSES),
               f"'{2024000000 + n}" if rng.random() < 0.2 else f" SN{n:08d} "]  # fmt: skip
        if rng.random() < 0.6:  # mostly the plain forms
            row[3] = f"2024-03-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:" \
                     f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"  # fmt: skip
            row[5] = f"{rng.choice(['', '-'])}{rng.randint(0, 99999)}.{rng.randint(0, 99):02d}"
        if rng.random() < 0.03:
            row = row[: rng.randint(2, len(row) - 1)]  # short
        elif rng.random() < 0.03:
            row = row + ["", ""] if rng.random() < 0.5 else row + ["extra"]  # long
        out.append(row)
    return out


def _quote(rng: random.Random, cell: str, delimiter: str) -> str:
    """A cell as exports write it: mostly bare, often quoted whole (quotes inside doubled),
    sometimes holding the delimiter or a quote, now and then malformed."""
    pick = rng.random()
    if pick < 0.4:
        return cell.replace(delimiter, " ").replace('"', "")
    if pick < 0.85:
        return '"' + cell.replace('"', '""') + '"'
    if pick < 0.92:
        return '"' + (cell + delimiter + '引"号').replace('"', '""') + '"'
    if pick < 0.96:
        return f' "{cell}"'  # a space before the quote: the quote is part of the cell
    return f'{cell}"x"'  # a quote inside a bare cell


def _write(path: Path, rows: list[list[str]], delimiter: str = ",", quote=None) -> Path:
    lines = ["中国工商银行账户历史明细", "账号：6222021234567890128", "", delimiter.join(HEADER)]
    if quote is not None:
        rows = [[_quote(quote, c, delimiter) for c in row] for row in rows]
        rows = [row + [""] if quote.random() < 0.3 else row for row in rows]  # ICBC's last ","
    lines += [delimiter.join(row) for row in rows]
    lines.append("以下空白")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


@pytest.mark.parametrize("seed", range(10))
def test_generated_statements_read_and_import_the_same(tmp_path, seed):
    rng = random.Random(seed)
    path = _write(tmp_path / f"明细_{seed}.csv", _statement(rng, 400),
                  delimiter="," if seed % 2 else "\t",
                  quote=random.Random(seed) if seed >= 4 else None)  # fmt: skip
    [(table, mapping)] = _bank_tables(path)
    assert columnar.csv_splittable(table)
    by_rows = _by_rows(table, mapping)
    kinds = {type(out).__name__ for out in by_rows}
    assert kinds == {"tuple", "RejectedRow", "FooterRow"}  # every road is taken
    for size in (7, 64, 1000):
        assert list(columnar.records_as_rows(table.reopen(), mapping, size)) == by_rows
    (rows_case, rows_summary), (cols_case, cols_summary) = _both_imports(tmp_path, path)
    assert rows_case["txn"] and rows_case["rejected_row"]
    assert cols_case == rows_case
    assert cols_summary == rows_summary


def test_a_second_statement_lands_on_the_first_statements_accounts(tmp_path):
    """Batches and files after the first meet accounts and holders that exist already."""
    rng = random.Random(42)
    first = _write(tmp_path / "a.csv", _statement(rng, 300))
    second = _write(tmp_path / "b.csv", _statement(rng, 300))
    dumps = []
    for engine in ("rows", "columns"):
        with CaseStore.create(tmp_path / f"{engine}.zlcase", "tester") as store:
            import_files(store, [first], engine=engine)
            import_files(store, [second], engine=engine)
            dumps.append(_dump(store))
    assert dumps[0] == dumps[1]


# --- which files go by columns ------------------------------------------------------------------


def _table(path: Path):
    return open_tables(path)[0]


def test_splittable_only_when_no_parser_judgement_is_needed(tmp_path):
    rows = [["6222021234567890128", "张伟", "", "2024-03-01 10:00:00", "进", "1.00", "", "", "",
             "", "", "", "", "1"]]  # fmt: skip
    plain = _write(tmp_path / "plain.csv", rows)
    assert columnar.csv_splittable(_table(plain))
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(plain.read_bytes().replace("张伟".encode("gbk"), '"张,伟"'.encode("gbk")))
    assert columnar.csv_splittable(_table(quoted))  # quotes at field boundaries: fine
    broken = tmp_path / "broken.csv"  # a quoted field over two lines: a parser's job
    broken.write_bytes(plain.read_bytes().replace("张伟".encode("gbk"), b'"a\r\nb"'))
    assert not columnar.csv_splittable(_table(broken))
    lone_cr = tmp_path / "cr.csv"
    lone_cr.write_bytes(plain.read_bytes().replace("张伟".encode("gbk"), b"a\rb"))
    assert not columnar.csv_splittable(_table(lone_cr))
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(plain.read_bytes().decode("gbk").encode("utf-16"))
    assert not columnar.csv_splittable(_table(utf16))


def test_large_csv_statements_go_by_columns_and_small_ones_by_rows(tmp_path):
    rng = random.Random(3)
    small = _write(tmp_path / "small.csv", _statement(rng, 50))
    with CaseStore.create(tmp_path / "c.zlcase", "tester") as store:
        importer = Importer(store)
        assert not importer._by_columns(_table(small))
        big = _write(tmp_path / "big.csv", _statement(rng, 30_000))
        assert big.stat().st_size >= 2 << 20
        assert importer._by_columns(_table(big))
        assert Importer(store, engine="rows")._by_columns(_table(big)) is False
        assert Importer(store, engine="columns")._by_columns(_table(small)) is True
        with pytest.raises(ValueError):
            Importer(store, engine="fast")


def test_a_line_over_the_limit_stops_the_file_as_the_row_reader_does(tmp_path, monkeypatch):
    from workbench.intake import guard

    row = ["6222021234567890128", "张伟", "", "2024-03-01 10:00:00", "进", "1.00", "", "", "",
           "转账", "", "", "", "1"]  # fmt: skip
    rows = [row] * 3000 + [row[:9] + ["x" * 5000] + row[10:]]  # far below the header sample
    path = _write(tmp_path / "long.csv", rows)
    monkeypatch.setattr(guard, "LIMITS", guard.Limits(max_line_chars=1000))
    [(table, mapping)] = _bank_tables(path)
    with pytest.raises(guard.UnreadableFileError) as by_columns:
        list(columnar.records_as_rows(table.reopen(), mapping))
    with pytest.raises(guard.UnreadableFileError) as by_rows:
        list(bank_rows(table.reopen(), mapping))
    assert by_columns.value.reason == by_rows.value.reason == "too_large"
