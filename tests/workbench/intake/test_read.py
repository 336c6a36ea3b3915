"""Reading real files: encodings, delimiters, title rows, workbooks, damaged and foreign files."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from workbench.errors import CaseError
from workbench.intake import Table, UnreadableFileError, open_tables

from .files import (
    CARD_16,
    CARD_A,
    CARD_B,
    Number,
    personal_statement,
    truncate,
    write_png,
    write_text,
    write_xlsx,
    write_zip,
)

ROWS = [
    ["卡号", "户名", "交易时间", "交易金额", "对方户名"],
    [CARD_A, "张三", "2023-03-27 23:41:05", "1,234.50", "重庆某某贸易有限公司"],
    [CARD_A, "张三", "2023-03-28 09:05:00", "20.00", "李四"],
]


def only(path) -> Table:
    [table] = open_tables(path)
    return table


# --- encodings and delimiters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_every_encoding_is_detected_and_decoded(tmp_path, codec, detected):
    rows = [list(r) for r in ROWS]
    if codec == "gb18030":
        rows[2][4] = "李䶮"  # 䶮 exists in GB18030 but not in GBK
    table = only(write_text(tmp_path / f"{codec}.csv", rows, encoding=codec))
    assert table.encoding == detected
    assert table.header == ROWS[0]
    assert [cells for _line, cells in table.rows] == rows[1:]


def test_gbk_beyond_a_long_ascii_start_is_still_found(tmp_path):
    # 300 KiB of ASCII-only rows before the first Chinese name: the sample alone is ASCII.
    rows = [["card", "time", "amount", "name"]]
    rows += [[CARD_A, "2023-03-27 23:41:05", "1.00", "ZHANG"]] * 5000
    rows += [[CARD_A, "2023-03-27 23:41:05", "1.00", "张三"]]
    table = only(write_text(tmp_path / "late.csv", rows, encoding="gbk"))
    assert table.encoding == "gb18030"
    assert list(table.rows)[-1] == (5002, rows[-1])


@pytest.mark.parametrize(
    ("delimiter", "suffix"), [(",", ".csv"), ("\t", ".txt"), (";", ".csv"), ("|", ".tsv")]
)
def test_delimiter_is_detected(tmp_path, delimiter, suffix):
    table = only(write_text(tmp_path / f"d{suffix}", ROWS, delimiter=delimiter))
    assert table.delimiter == delimiter
    assert table.header == ROWS[0]
    assert [cells for _l, cells in table.rows] == ROWS[1:]


def test_tab_file_with_thousands_separators_is_not_read_as_comma_separated(tmp_path):
    rows = [ROWS[0]] + [
        [CARD_A, "张三", "2023-03-27 23:41:05", f"{n},234.50", "李四"] for n in range(1, 9)
    ]
    table = only(write_text(tmp_path / "t.txt", rows, delimiter="\t"))
    assert table.delimiter == "\t"
    assert next(table.rows)[1][3] == "1,234.50"


def test_text_named_xls_is_read_as_text(tmp_path):
    table = only(write_text(tmp_path / "export.xls", ROWS, delimiter="\t", encoding="gbk"))
    assert (table.encoding, table.delimiter, table.sheet) == ("gb18030", "\t", None)
    assert table.header == ROWS[0]


# --- title rows, header and line numbers ------------------------------------------------------


def test_title_rows_are_skipped_and_their_facts_kept(tmp_path):
    table = only(personal_statement(tmp_path / "gbk.csv"))
    assert table.encoding == "gb18030"
    assert table.header_line == 4
    assert table.header == ["交易日期", "交易金额", "对方账号", "对方户名", "摘要", "渠道"]
    assert table.title_facts == {
        "卡号": CARD_A,
        "户名": "张三",
        "查询时间段": "2023-03-01 至 2023-03-31",
        "打印时间": "2023-04-01 10:00:00",
    }
    lines = [line for line, _cells in table.rows]
    assert lines == [5, 6, 7, 9]  # line 8 is blank; 9 is the total line, a row like any


def test_facts_in_separate_cells_and_several_per_cell(tmp_path):
    title = [
        f"账号:,{CARD_B},户名:,王五",
        "开户行：中国农业银行石柱支行  证件号码：500240199001011234",
        "Card No.: 4111111111111111",
    ]
    table = only(write_text(tmp_path / "facts.csv", ROWS, title=title))
    assert table.header_line == 4
    assert table.title_facts == {
        "账号": CARD_B,
        "户名": "王五",
        "开户行": "中国农业银行石柱支行",
        "证件号码": "500240199001011234",
        "Card No.": "4111111111111111",
    }


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path):
    path = tmp_path / "q.csv"
    text = (
        "标题\r\n"
        "\r\n"
        "卡号,摘要,交易金额\r\n"
        f'{CARD_A},"第一行\r\n第二行",1.00\r\n'
        "\r\n"
        ",,\r\n"
        f"{CARD_A},转账,2.00\r\n"
    )
    path.write_text(text, encoding="utf-8", newline="")
    table = only(path)
    assert table.header_line == 3
    assert list(table.rows) == [
        (4, [CARD_A, "第一行\r\n第二行", "1.00"]),
        (8, [CARD_A, "转账", "2.00"]),
    ]


def test_header_cells_are_cleaned(tmp_path):
    rows = [[" 交\u3000易\n时间 ", "\ufeff交易金额", "Card  No."], ["2023-03-27", "1", CARD_A]]
    table = only(write_text(tmp_path / "h.csv", rows))
    assert table.header == ["交易时间", "交易金额", "Card No."]


def test_a_title_row_of_label_cells_is_not_the_header(tmp_path):
    rows = [["户名", "张三", "开户行", "工行重庆分行"], ["卡号", "交易时间", "交易金额", "摘要"]]
    rows.append([CARD_A, "2023-03-27 23:41:05", "1.00", "转账"])
    table = only(write_text(tmp_path / "t.csv", rows))
    assert table.header_line == 2
    assert table.title_facts == {"户名": "张三", "开户行": "工行重庆分行"}


def test_unknown_but_header_like_row_is_taken(tmp_path):
    rows = [["Foo", "Bar", "Baz"], ["1", "2", "3"]]
    table = only(write_text(tmp_path / "u.csv", rows))
    assert table.header == ["Foo", "Bar", "Baz"]
    assert list(table.rows) == [(2, ["1", "2", "3"])]


def test_reopen_starts_again(tmp_path):
    table = only(write_text(tmp_path / "r.csv", ROWS))
    assert len(list(table.rows)) == 2
    again = table.reopen()
    assert [line for line, _ in again.rows] == [2, 3]
    assert list(table.rows) == []


def test_a_truncated_csv_ends_with_a_partial_row(tmp_path):
    path = write_text(tmp_path / "cut.csv", ROWS)
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b",")])  # cut inside the last row
    rows = list(only(path).rows)
    assert rows[-1][0] == 3
    assert rows[-1][1][:2] == [CARD_A, "张三"]
    assert len(rows[-1][1]) == 4


def test_streaming_keeps_memory_flat(tmp_path):
    rows = [ROWS[0]] + [ROWS[1]] * 40_000
    path = write_text(tmp_path / "big.csv", rows)
    table = only(path)
    tracemalloc.start()
    count = sum(1 for _ in table.rows)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 40_000
    assert peak < path.stat().st_size / 5


# --- workbooks -------------------------------------------------------------------------------


def test_xlsx_numbers_stay_digits_and_text_stays_exact(tmp_path):
    long_card_as_number = 6217000010012345678
    path = write_xlsx(
        tmp_path / "s.xlsx",
        {
            "明细": [
                ["中国工商银行账户明细"],
                [f"卡号：{CARD_A}"],
                [],
                ["交易卡号", "对方卡号", "交易金额", "余额", "序号", "网点号"],
                [CARD_A, int(CARD_16), 1234.5, 100, 1, "00123"],
                [CARD_B, long_card_as_number, 0.1 + 0.2, -0.0, 2, "000"],
            ]
        },
    )
    table = only(path)
    assert (table.sheet, table.encoding, table.delimiter) == ("明细", None, None)
    assert table.header_line == 4
    assert table.title_facts == {"卡号": CARD_A}
    rows = list(table.rows)
    assert rows[0] == (5, [CARD_A, CARD_16, "1234.5", "100", "1", "00123"])
    line, cells = rows[1]
    assert line == 6
    assert cells[0] == CARD_B  # 19 digits stored as text: exact
    assert cells[1].isdigit() and len(cells[1]) == 19  # stored as a number: no exponent
    assert cells[1].startswith("621700001001234")  # what a double keeps of it
    assert cells[2:] == ["0.3", "0", "2", "000"]


def test_xlsx_dates_times_and_serials(tmp_path):
    path = write_xlsx(
        tmp_path / "d.xlsx",
        {
            "Sheet1": [
                ["交易时间", "交易日期", "记账时间", "发生时间", "交易金额"],
                [
                    dt.datetime(2023, 3, 27, 23, 41, 5),
                    dt.date(2023, 3, 27),
                    dt.time(9, 5),
                    Number(45012.98686, "yyyy-mm-dd hh:mm:ss"),  # lands at 23:41:04.704
                    1,
                ],
            ]
        },
    )
    [(line, cells)] = list(only(path).rows)
    assert line == 2
    assert cells == ["2023-03-27 23:41:05", "2023-03-27", "09:05:00", "2023-03-27 23:41:05", "1"]


def test_one_table_per_sheet_with_a_header(tmp_path):
    path = write_xlsx(
        tmp_path / "m.xlsx",
        {
            "说明": [["本文件为协查反馈数据"], ["请妥善保管"]],
            "卡1": [ROWS[0], ROWS[1]],
            "空": [],
            "卡2": [[], [], ROWS[0], ROWS[2]],
        },
    )
    tables = open_tables(path)
    assert [(t.sheet, t.header_line) for t in tables] == [("卡1", 1), ("卡2", 3)]
    assert list(tables[1].rows) == [(4, ROWS[2])]
    assert [line for line, _ in tables[1].reopen().rows] == [4]


def test_workbook_named_csv_is_read_as_a_workbook(tmp_path):
    path = write_xlsx(tmp_path / "w.xlsx", {"S": ROWS})
    path = path.rename(tmp_path / "really-a-workbook.csv")
    table = only(path)
    assert table.sheet == "S"
    assert len(list(table.rows)) == 2


def test_html_table_saved_as_xls(tmp_path):
    html = (
        "<html><head><meta charset='gbk'></head><body>"
        "<table><tr><td colspan='5'>交易明细</td></tr>"
        f"<tr><td>卡号：{CARD_A}</td></tr></table>"
        "<table><tr><th>卡号</th><th>户名</th><th>交易时间</th><th>交易金额</th><th>对方户名</th></tr>"
        f"<tr><td>{CARD_A}</td><td>张三</td><td>2023-03-27 23:41:05</td><td>1,234.50</td>"
        "<td>A&amp;B 公司</td></tr></table></body></html>"
    )
    path = tmp_path / "html.xls"
    path.write_bytes(html.encode("gbk"))
    table = only(path)
    assert table.header == ROWS[0]
    assert table.header_line == 3
    assert table.title_facts == {"卡号": CARD_A}
    assert list(table.rows) == [
        (4, [CARD_A, "张三", "2023-03-27 23:41:05", "1,234.50", "A&B 公司"])
    ]


# --- files that are not tables ---------------------------------------------------------------


def reason(path) -> str:
    with pytest.raises(UnreadableFileError) as info:
        open_tables(path)
    assert isinstance(info.value, CaseError)
    assert info.value.path == str(path)
    return info.value.reason


def test_empty_files(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf\r\n  \r\n")
    assert reason(tmp_path / "e.csv") == "empty"
    assert reason(tmp_path / "blank.csv") == "empty"
    assert reason(write_xlsx(tmp_path / "e.xlsx", {"Sheet1": []})) == "empty"


def test_binary_files_are_not_tables(tmp_path):
    assert reason(write_png(tmp_path / "photo.png")) == "not_a_table"
    assert reason(write_png(tmp_path / "photo.csv")) == "not_a_table"
    zipped = write_zip(tmp_path / "a.xlsx", {"statement.csv": b"a,b\n1,2\n"})
    assert reason(zipped) == "not_a_table"
    word = write_zip(tmp_path / "d.docx", {"word/document.xml": b"<w/>"})
    assert reason(word) == "not_a_table"
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 64)
    assert reason(tmp_path / "noise.bin") == "not_a_table"
    (tmp_path / "s.pdf").write_bytes(b"%PDF-1.7\n...")
    assert reason(tmp_path / "s.pdf") == "unsupported_format"


def test_undecodable_text_is_bad_encoding(tmp_path):
    (tmp_path / "latin.csv").write_bytes(b"card,name\n1,caf\xe9\xff\x80\n")
    assert reason(tmp_path / "latin.csv") == "bad_encoding"


def test_prose_has_no_header(tmp_path):
    (tmp_path / "readme.txt").write_text(
        "这是一份说明文件。\n请于三日内反馈。\n2023年3月27日\n", encoding="utf-8"
    )
    assert reason(tmp_path / "readme.txt") == "no_header"
    assert (
        reason(write_xlsx(tmp_path / "n.xlsx", {"说明": [["只有文字"], ["没有表格"]]}))
        == "no_header"
    )


def test_truncated_workbook(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [ROWS[0]] + [ROWS[1]] * 200})
    assert reason(truncate(path)) == "truncated"


def ole_file(path, body_bytes: int):
    """A compound-file header (as .xls files start) followed by ``body_bytes`` of zeros."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[30:32] = (9).to_bytes(2, "little")  # 512-byte sectors
    path.write_bytes(bytes(header) + bytes(body_bytes))
    return path


def test_damaged_xls(tmp_path):
    assert reason(ole_file(tmp_path / "cut.xls", 700)) == "truncated"
    assert reason(ole_file(tmp_path / "doc.xls", 1024)) == "not_a_table"


def test_a_folder_is_not_a_table(tmp_path):
    assert reason(tmp_path) == "not_a_table"
