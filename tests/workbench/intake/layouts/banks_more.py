"""Customer statement exports of CMB, CITIC, CIB, CGB, SPDB, PSBC and HSBC Hong Kong.

Each layout writes its file from a literal table of rows, exactly as the bank's export
holds it (encoding, preamble, header, masking, footer, sheet name, file name); the
transactions the case must hold afterwards are written out literally beside it. All names,
card and account numbers are made up (card numbers are Luhn-valid inventions).

The research behind each layout is in ``docs/layouts/banks_more.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
import xlwt

from tests.workbench.intake.layouts import Layout, Txn

DEB = "https://github.com/deb-sig/double-entry-generator"
SIEVE = "https://github.com/Xm798/bean-sieve"


def _csv_line(cells: Sequence[str], *, quote_all: bool) -> str:
    """One CSV line; every cell quoted when ``quote_all``, else only where needed."""
    out = []
    for cell in cells:
        if quote_all or any(ch in cell for ch in ',"\n'):
            cell = '"' + cell.replace('"', '""') + '"'
        out.append(cell)
    return ",".join(out)


def _write_lines(path: Path, lines: Sequence[str], *, encoding: str, newline: str) -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


# ---------------------------------------------------------------------------------------
# 招商银行 一卡通 (CMB debit): 专业版 PC client, 账户管理 -> 交易查询 -> 活期交易查询 -> 下载 CSV.
# UTF-8 with BOM, 6 '#' lines + a blank line, every cell quoted, date/time/remark cells
# carry a leading TAB, separate 收入/支出 columns, '#' summary lines at the end.

CMB_DEBIT_FILE = "CMB_20240101_20240331.csv"
CMB_DEBIT_PREAMBLE = [
    '"# 招商银行交易记录"',
    '"# 导出时间: [            2024-04-02 21:15:08]"',
    '"# 账    号: [一卡通:6214********2342   招商银行]"',
    '"# 币    种: [                         人民币]"',
    '"# 起始日期: [20240101]   终止日期: [20240331]"',
    '"# 过滤设置:  无"',
    "",
]
CMB_DEBIT_HEADER = ["交易日期", "交易时间", "收入", "支出", "余额", "交易类型", "交易备注"]
CMB_DEBIT_ROWS = [  # newest first, as the bank lists them
    ["\t20240328", "\t21:05:33", "", "3000.00", "3994.55", "转账汇款", "\t转账 李*四"],
    ["\t20240325", "\t16:00:12", "", "2.00", "6994.55", "短信通知费", "\t2024年02月短信通知费"],
    ["\t20240321", "\t10:30:00", "2.35", "", "6996.55", "账户结息", "\t结息：2.35扣税：0 "],
    ["\t20240221", "\t02:19:02", "", "4950.00", "6994.20", "转账汇款", "\t转账 孙*伟"],
    ["\t20240221", "\t02:13:45", "4980.00", "", "11944.20", "汇入汇款", "\t 赵*燕"],
    ["\t20240120", "\t14:22:10", "", "35.80", "6964.20", "网联协议支付", "\t财付通-微信支付-红旗便利店 "],
    ["\t20240112", "\t23:41:07", "", "2000.00", "7000.00", "银联ATM取款", "\t银联 ATM 取款，中国工商银行"],
    ["\t20240105", "\t09:12:40", "8500.00", "", "9000.00", "汇入汇款", "\t 王*明"],
]  # fmt: skip
CMB_DEBIT_FOOTER = [
    "",
    '"# 收入合计: 3 笔，共 13482.35 元"',
    '"# 支出合计: 5 笔，共 9987.80 元"',
]


def build_cmb_debit(folder: Path) -> Path:
    lines = list(CMB_DEBIT_PREAMBLE)
    lines[0] = "\ufeff" + lines[0]
    lines.append(_csv_line(CMB_DEBIT_HEADER, quote_all=True))
    lines += [_csv_line(row, quote_all=True) for row in CMB_DEBIT_ROWS]
    lines += CMB_DEBIT_FOOTER
    return _write_lines(folder / CMB_DEBIT_FILE, lines, encoding="utf-8", newline="\r\n")


CMB_DEBIT = Layout(
    name="cmb_debit_csv",
    title="CMB 一卡通 debit, 专业版 CSV export (UTF-8 BOM, '#' preamble, 收入/支出)",
    kind="bank",
    build=build_cmb_debit,
    owner=("bank_card", "6214********2342"),
    owner_name="",
    txns=[
        Txn("2024-03-28 21:05:33", 300000, "out"),
        Txn("2024-03-25 16:00:12", 200, "out"),
        Txn("2024-03-21 10:30:00", 235, "in"),
        Txn("2024-02-21 02:19:02", 495000, "out"),
        Txn("2024-02-21 02:13:45", 498000, "in"),
        Txn("2024-01-20 14:22:10", 3580, "out"),
        Txn("2024-01-12 23:41:07", 200000, "out"),
        Txn("2024-01-05 09:12:40", 850000, "in"),
    ],
    footer_rows=2,
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/debit/cmb.py",
        f"{SIEVE} tests/providers/test_cmb_debit.py",
        "https://github.com/trim21/china-beancount-importers china_beancount_importers/cmb_debeit.py",
    ],
    notes=(
        "Card only masked in the '# 账    号: [一卡通:6214********2342   招商银行]' line; no "
        "holder name. Dates YYYYMMDD and times HH:MM:SS in separate columns, each cell "
        "starting with a TAB inside the quotes. No counterpart column: the remark (交易备注) "
        "holds masked names such as '转账 李*四'. Footer: a blank line, then '# 收入合计' and "
        "'# 支出合计' (the blank line is not counted in footer_rows). CRLF line ends and the "
        "part of the file name after 'CMB_' are guesses."
    ),
)


# ---------------------------------------------------------------------------------------
# 招商银行信用卡 (CMB credit card): the statement's transaction table (账单补寄 PDF / e-mail
# statement) as a CSV: one title line with the statement month, then the table. MM/DD
# dates, 交易日 empty for repayments, purchases positive, repayments and refunds negative.

CMB_CREDIT_FILE = "招商银行信用卡对账单2024年03月.csv"
CMB_CREDIT_TITLE = "招商银行信用卡对账单（个人消费卡账户 2024年03月）（补）"
CMB_CREDIT_HEADER = ["交易日", "记账日", "交易摘要", "人民币金额", "卡号末四位", "交易地金额"]
CMB_CREDIT_ROWS = [
    ["", "02/20", "掌上生活还款", "-5,000.00", "5678", "-5,000.00"],
    ["02/21", "02/22", "财付通-重庆红旗超市", "128.50", "5678", "128.50(CN)"],
    ["02/25", "02/26", "支付宝-星河电器专营店", "2,399.00", "5678", "2,399.00(CN)"],
    ["02/28", "02/29", "退款-支付宝-星河电器专营店", "-2,399.00", "5678", "-2,399.00(CN)"],
    ["03/02", "03/03", "美团-老码头火锅", "236.00", "5678", "236.00(CN)"],
    ["", "03/10", "银联转账还款", "-1,000.00", "5678", "-1,000.00"],
    ["03/14", "03/15", "中国移动", "100.00", "5678", "100.00(CN)"],
    ["03/16", "03/16", "取现手续费", "10.00", "5678", "10.00"],
]


def build_cmb_credit(folder: Path) -> Path:
    lines = [CMB_CREDIT_TITLE, _csv_line(CMB_CREDIT_HEADER, quote_all=False)]
    lines += [_csv_line(row, quote_all=False) for row in CMB_CREDIT_ROWS]
    return _write_lines(folder / CMB_CREDIT_FILE, lines, encoding="utf-8", newline="\n")


CMB_CREDIT = Layout(
    name="cmb_credit_statement_csv",
    title="CMB credit card statement table as CSV (title line, MM/DD dates, last four digits)",
    kind="bank",
    build=build_cmb_credit,
    owner=None,
    given_owner=("bank_card", "6225751012345678"),
    txns=[
        Txn("2024-02-20 00:00:00", 500000, "in"),
        Txn("2024-02-21 00:00:00", 12850, "out"),
        Txn("2024-02-25 00:00:00", 239900, "out"),
        Txn("2024-02-28 00:00:00", 239900, "in", reversal=True),
        Txn("2024-03-02 00:00:00", 23600, "out"),
        Txn("2024-03-10 00:00:00", 100000, "in"),
        Txn("2024-03-14 00:00:00", 10000, "out"),
        Txn("2024-03-16 00:00:00", 1000, "out"),
    ],
    sources=[
        f"{DEB} example/cmb/credit/example-cmb-records.csv",
        f"{DEB} pkg/provider/cmb/util.go",
        f"{SIEVE} src/bean_sieve/providers/banks/credit/cmb.py",
    ],
    notes=(
        "Only the last four digits (卡号末四位) are given: the user gives the card. The year "
        "comes from the title line '（个人消费卡账户 2024年03月）'; a December MM/DD in a "
        "January statement is the year before. 交易日 is empty for repayments: use 记账日. "
        "Purchases are positive, repayments (还款) and refunds (退款) negative. 交易地金额 "
        "carries a country suffix such as '(CN)'. Amounts with thousands separators are "
        "quoted. Shape as converted from the statement PDF by deb-sig/bill-file-converter; "
        "the file name is a guess."
    ),
)


# ---------------------------------------------------------------------------------------
# 中信银行信用卡 (CITIC credit card): 信用卡网银 -> 已出账单明细 -> 下载 (.xls, BIFF8).
# Row 0 a merged title, row 1 the header, newest first, every cell text.

CITIC_FILE = "已出账单明细.xls"
CITIC_TITLE = "本期账单明细(人民币)"
CITIC_HEADER = ["交易日期", "入账日期", "交易描述", "卡末四位", "交易币种", "结算币种", "交易金额", "结算金额"]  # fmt: skip
CITIC_ROWS = [
    ["2024-03-17", "2024-03-17", "支付宝还款", "3458", "人民币", "人民币", "-3000.00", "-3000.00"],
    ["2024-03-12", "2024-03-13", "财付通－渝东加油站", "3458", "人民币", "人民币", "300.00", "300.00"],
    ["2024-03-08", "2024-03-09", "退款－京东商城平台商户", "3458", "人民币", "人民币", "-159.00", "-159.00"],
    ["2024-03-05", "2024-03-06", "京东商城平台商户", "3458", "人民币", "人民币", "159.00", "159.00"],
    ["2024-03-02", "2024-03-04", "AMAZON.COM", "3458", "美元", "人民币", "49.99", "362.50"],
    ["2024-02-28", "2024-02-28", "预借现金", "3458", "人民币", "人民币", "1000.00", "1000.00"],
    ["2024-02-28", "2024-02-28", "预借现金手续费", "3458", "人民币", "人民币", "10.00", "10.00"],
]  # fmt: skip


def build_citic(folder: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, len(CITIC_HEADER) - 1, CITIC_TITLE)
    for col, text in enumerate(CITIC_HEADER):
        sheet.write(1, col, text)
    for r, row in enumerate(CITIC_ROWS, start=2):
        for col, text in enumerate(row):
            sheet.write(r, col, text)
    path = folder / CITIC_FILE
    book.save(str(path))
    return path


CITIC_CREDIT = Layout(
    name="citic_credit_xls",
    title="CITIC credit card 已出账单明细 (.xls, title row, settlement amount signed)",
    kind="bank",
    build=build_citic,
    owner=None,
    given_owner=("bank_card", "6226908055123458"),
    txns=[
        Txn("2024-03-17 00:00:00", 300000, "in"),
        Txn("2024-03-12 00:00:00", 30000, "out"),
        Txn("2024-03-08 00:00:00", 15900, "in", reversal=True),
        Txn("2024-03-05 00:00:00", 15900, "out"),
        Txn("2024-03-02 00:00:00", 36250, "out"),
        Txn("2024-02-28 00:00:00", 100000, "out"),
        Txn("2024-02-28 00:00:00", 1000, "out"),
    ],
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/credit/cncb.py",
        f"{SIEVE} tests/providers/test_cncb.py",
        f"{DEB} pkg/provider/citic/citic.go",
        f"{DEB} pkg/provider/citic/parse.go",
    ],
    notes=(
        "Header on row 1 under the merged title '本期账单明细(人民币)'. Dates YYYY-MM-DD "
        "(text). The card appears only as 卡末四位. Book the 结算金额 in the 结算币种 "
        "(人民币 -> CNY); 交易金额/交易币种 is the original (49.99 美元 -> 362.50 CNY). "
        "Positive = purchase, negative = repayment or refund. Rows newest first. Sheet name "
        "'Sheet1' is a guess."
    ),
)


# ---------------------------------------------------------------------------------------
# 兴业银行 (CIB debit): 个人网银 查询 -> 交易明细查询 -> 流水下载 -> Excel. One file per
# 卡内账户 (sub-account); the currency is named only in the 卡内账户 line of the preamble.
# Here the card's USD sub-account: every row is in USD.

CIB_FILE = "陈晓峰的交易明细 20240101-20240331.xlsx"
CIB_PREAMBLE: list[list[str]] = [
    ["兴业银行交易明细"],
    [],
    ["账户别名"],
    ["账户户名", "陈晓峰"],
    ["账户账号", "622908070500123457"],
    ["卡内账户", "003 活期储蓄存款 美元 现汇"],
    ["起始日期", "2024-01-01"],
    ["截止日期", "2024-03-31"],
    ["下载日期", "2024-04-03 10:12:45"],
    [],
]
CIB_HEADER = ["交易时间", "记账日", "支出", "收入", "账户余额", "摘要", "对方户名", "对方银行", "对方账号", "用途", "交易渠道", "备注"]  # fmt: skip
CIB_ROWS = [
    ["2024-01-08 10:15:22", "2024-01-08", "", "2000.00", "2000.00", "购汇", "陈晓峰", "兴业银行", "622908070500123457", "购汇", "手机银行", ""],
    ["2024-01-20 21:40:03", "2024-01-20", "1500.00", "", "500.00", "境外汇款", "GOLDEN SUNRISE TRADING LIMITED", "HSBC HONG KONG", "400123456838", "货款", "手机银行", ""],
    ["2024-01-20 21:40:03", "2024-01-20", "15.00", "", "485.00", "手续费", "", "", "", "境外汇款手续费", "手机银行", ""],
    ["2024-02-02 09:00:00", "2024-02-02", "", "3200.00", "3685.00", "汇入汇款", "LUCKY STAR HOLDINGS LTD", "DBS BANK (HONG KONG) LIMITED", "7881234560", "", "柜面", ""],
    ["2024-02-02 09:35:10", "2024-02-02", "3150.00", "", "535.00", "结汇", "陈晓峰", "兴业银行", "622908070500123457", "结汇", "手机银行", ""],
    ["2024-03-21 02:10:45", "2024-03-21", "", "0.21", "535.21", "存款利息", "", "", "", "", "批量", ""],
]  # fmt: skip
CIB_FOOTER = ["说明", "交易明细涉及您的个人隐私，请妥善处理，避免信息篡改或泄露，交易明细内容仅供个人参考。"]  # fmt: skip


def build_cib(folder: Path) -> Path:
    path = folder / CIB_FILE
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    rows = [*CIB_PREAMBLE, CIB_HEADER, *CIB_ROWS, CIB_FOOTER]
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            sheet.write_string(r, col, text)
    book.close()
    return path


CIB_DEBIT = Layout(
    name="cib_debit_xlsx_usd",
    title="CIB debit 交易明细 (.xlsx), USD 现汇 sub-account; currency only in 卡内账户 line",
    kind="bank",
    build=build_cib,
    owner=("bank_card", "622908070500123457"),
    owner_name="陈晓峰",
    txns=[
        Txn("2024-01-08 10:15:22", 200000, "in", "陈晓峰", "622908070500123457", currency="USD"),
        Txn(
            "2024-01-20 21:40:03",
            150000,
            "out",
            "GOLDEN SUNRISE TRADING LIMITED",
            "400123456838",
            currency="USD",
        ),
        Txn("2024-01-20 21:40:03", 1500, "out", currency="USD"),
        Txn(
            "2024-02-02 09:00:00",
            320000,
            "in",
            "LUCKY STAR HOLDINGS LTD",
            "7881234560",
            currency="USD",
        ),
        Txn("2024-02-02 09:35:10", 315000, "out", "陈晓峰", "622908070500123457", currency="USD"),
        Txn("2024-03-21 02:10:45", 21, "in", currency="USD"),
    ],  # fmt: skip
    footer_rows=1,
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/debit/cib.py",
        f"{DEB} pkg/provider/cib_debit/cib_debit.go",
        f"{DEB} pkg/provider/cib_debit/parse.go",
        f"{DEB} pkg/provider/cib_debit/parse_test.go",
        f"{DEB} docs/docs/providers/banks/cib_debit.md",
    ],
    notes=(
        "Label/value preamble in columns A/B: 账户户名 (holder), 账户账号 (full card), "
        "卡内账户 '003 活期储蓄存款 美元 现汇' (the ONLY place the currency appears: "
        "人民币/港币/美元 -> CNY/HKD/USD), 起始日期, 截止日期, 下载日期. Header on row 10 "
        "(0-based) starting '交易时间'. 支出/收入 as separate text columns, the unused one "
        "empty; a negative 支出 would be money in (冲账). Last row '说明' + disclaimer. The "
        "bank writes one file per sub-account, so 'several currencies' means several files "
        "(deb-sig merges a cny/hkd/usd trio); no evidence of several currencies in one "
        "sheet. Sheet name 'Sheet1' and the name prefix of the file name are guesses; "
        "bean-sieve reads the same layout as BIFF .xls."
    ),
)


# ---------------------------------------------------------------------------------------
# 广发银行信用卡 (CGB credit card): the statement's transaction table (e-mail / PDF
# statement) as CSV, as deb-sig/bill-file-converter gives it. YYYY/MM/DD dates, a
# （消费）/（退款）/（还款）/（分期） prefix on the description, signed amounts.

CGB_FILE = "广发信用卡账单明细202403.csv"
CGB_HEADER = ["交易日期", "入账日期", "交易摘要", "交易金额", "交易货币", "入账金额", "入账货币"]
CGB_ROWS = [
    ["2024/03/20", "2024/03/21", "（消费）财付通-茶百道南坪店", "18.00", "人民币", "18.00", "人民币"],
    ["2024/03/18", "2024/03/18", "（退款）拼多多平台商户", "-89.90", "人民币", "-89.90", "人民币"],
    ["2024/03/15", "2024/03/16", "（消费）拼多多平台商户", "89.90", "人民币", "89.90", "人民币"],
    ["2024/03/10", "2024/03/11", "（消费）AMAZON.COM", "20.00", "美元", "143.80", "人民币"],
    ["2024/03/05", "2024/03/05", "（分期）银联分期00000000000/3/12期", "416.67", "人民币", "416.67", "人民币"],
    ["2024/02/28", "2024/02/28", "（还款）云闪付 银联入账-周文静", "-2000.00", "人民币", "-2000.00", "人民币"],
]  # fmt: skip


def build_cgb(folder: Path) -> Path:
    lines = [_csv_line(CGB_HEADER, quote_all=False)]
    lines += [_csv_line(row, quote_all=False) for row in CGB_ROWS]
    return _write_lines(folder / CGB_FILE, lines, encoding="utf-8", newline="\n")


CGB_CREDIT = Layout(
    name="cgb_credit_statement_csv",
    title="CGB credit card statement table as CSV (YYYY/MM/DD, （类型） prefix, 入账金额)",
    kind="bank",
    build=build_cgb,
    owner=None,
    given_owner=("bank_card", "6225685550123453"),
    txns=[
        Txn("2024-03-20 00:00:00", 1800, "out"),
        Txn("2024-03-18 00:00:00", 8990, "in", reversal=True),
        Txn("2024-03-15 00:00:00", 8990, "out"),
        Txn("2024-03-10 00:00:00", 14380, "out"),
        Txn("2024-03-05 00:00:00", 41667, "out"),
        Txn("2024-02-28 00:00:00", 200000, "in"),
    ],
    sources=[
        f"{DEB} example/cgb_credit/example-cgb_credit-records.csv",
        f"{DEB} docs/docs/providers/banks/cgb_credit.md",
        f"{SIEVE} src/bean_sieve/providers/banks/credit/cgb.py",
    ],
    notes=(
        "BEST-EVIDENCED GUESS: no downloadable CGB spreadsheet was found; this is the "
        "statement table (e-mail/PDF) as deb-sig's converter writes it. No card in the "
        "CSV (the statement has '卡号：6225********3453' above each card's table). Book "
        "入账金额/入账货币; positive = 消费/分期, negative = 还款 or 退款 (the type is the "
        "full-width bracket prefix). File name is a guess."
    ),
)


# ---------------------------------------------------------------------------------------
# 浦发银行信用卡 (SPDB credit card): 交易明细报表 (.xls, BIFF8). Header in the first row,
# YYYYMMDD dates as text, signed amounts, original amount as 'amount(CUR)' or '-'.

SPDB_FILE = "刘建国202403交易明细报表58314620.xls"
SPDB_HEADER = ["交易日期", "记账日期", "交易摘要", "卡号末四位", "卡片类型", "交易币种", "交易金额", "原始交易金额&币种"]  # fmt: skip
SPDB_ROWS = [
    ["20240302", "20240303", "财付通-仁心大药房", "3459", "标准卡", "人民币", "66.50", "66.50(CNY)"],
    ["20240306", "20240306", "支付宝-极客数码专营店", "3459", "标准卡", "人民币", "4299.00", "4299.00(CNY)"],
    ["20240309", "20240309", "退款-支付宝-极客数码专营店", "3459", "标准卡", "人民币", "-4299.00", "-4299.00(CNY)"],
    ["20240312", "20240313", "APPLE.COM/BILL", "3459", "标准卡", "人民币", "43.21", "6.00(USD)"],
    ["20240315", "20240315", "还款-支付宝", "3459", "标准卡", "人民币", "-1500.00", "-1500.00(CNY)"],
    ["20240318", "20240319", "美团-邻家外卖", "8210", "虚拟卡", "人民币", "45.00", "-"],
]  # fmt: skip


def build_spdb(folder: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("账单明细")
    for r, row in enumerate([SPDB_HEADER, *SPDB_ROWS]):
        for col, text in enumerate(row):
            sheet.write(r, col, text)
    path = folder / SPDB_FILE
    book.save(str(path))
    return path


SPDB_CREDIT = Layout(
    name="spdb_credit_xls",
    title="SPDB credit card 交易明细报表 (.xls, header first row, YYYYMMDD, signed amounts)",
    kind="bank",
    build=build_spdb,
    owner=None,
    given_owner=("bank_card", "6225217770123459"),
    txns=[
        Txn("2024-03-02 00:00:00", 6650, "out"),
        Txn("2024-03-06 00:00:00", 429900, "out"),
        Txn("2024-03-09 00:00:00", 429900, "in", reversal=True),
        Txn("2024-03-12 00:00:00", 4321, "out"),
        Txn("2024-03-15 00:00:00", 150000, "in"),
        Txn("2024-03-18 00:00:00", 4500, "out"),
    ],
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/credit/spdb.py",
        f"{SIEVE} tests/providers/test_spdb.py",
    ],
    notes=(
        "No preamble, no footer, no query period. Cards only as 卡号末四位; one report may "
        "mix the holder's cards (here 3459 standard and 8210 virtual card, both the user's). "
        "Book 交易金额 in 交易币种; 原始交易金额&币种 is 'amount(ISO)' or '-'. Positive = "
        "purchase, negative = repayment/refund. The holder's name appears only in the file "
        "name ('<name><YYYYMM>交易明细报表<8 digits>.xls'). Sheet name and 卡片类型 values "
        "follow bean-sieve's synthetic test, not a seen download."
    ),
)


# ---------------------------------------------------------------------------------------
# 中国邮政储蓄银行 (PSBC): 账户交易明细 workbook. Merged title, label/value preamble with
# 账号/户名, totals, period and export time, then a numbered table with 支出金额/收入金额
# ('0.00' on the unused side), thousands separators, full counterpart accounts.

PSBC_FILE = "中国邮政储蓄银行账户交易明细_20240301-20240331.xlsx"
PSBC_PREAMBLE: list[list[str]] = [
    ["中国邮政储蓄银行账户交易明细"],
    ["账号", "6210283000123456789", "", "", "户名", "黄丽萍"],
    ["收入总金额", "15,001.02", "", "", "支出总金额", "13,202.00"],
    ["收入总笔数", "3笔", "", "", "支出总笔数", "4笔"],
    ["起止日期", "2024年03月01日-2024年03月31日", "", "", "数据查询导出时间", "2024年04月01日09:30:12"],
]  # fmt: skip
PSBC_HEADER = ["序号", "交易日期", "交易时间", "记账日期", "支出金额", "收入金额", "余额", "对方账号", "对方户名", "对方行名", "用途", "附言", "摘要", "交易流水号"]  # fmt: skip
PSBC_ROWS = [
    ["1", "2024-03-02", "09:15:33", "2024-03-02", "0.00", "12,000.00", "12,350.00", "6228480466012345677", "吴国庆", "中国农业银行股份有限公司南宁分行", "借款", "", "跨行汇入", "61830452"],
    ["2", "2024-03-02", "09:21:07", "2024-03-02", "11,500.00", "0.00", "850.00", "6217993300256789014", "郑海波", "中国建设银行股份有限公司泉州分行", "货款", "货款", "跨行汇出", "61830977"],
    ["3", "2024-03-09", "23:48:51", "2024-03-09", "500.00", "0.00", "350.00", "", "", "", "", "", "ATM取款", "62104518"],
    ["4", "2024-03-12", "14:05:00", "2024-03-12", "0.00", "3,000.00", "3,350.00", "243300133", "财付通支付科技有限公司", "", "", "微信零钱提现", "网联入账", "62298813"],
    ["5", "2024-03-21", "00:30:00", "2024-03-21", "0.00", "1.02", "3,351.02", "", "", "", "", "", "结息", "62730041"],
    ["6", "2024-03-25", "10:00:00", "2024-03-25", "2.00", "0.00", "3,349.02", "", "", "", "", "", "短信服务费", "62893126"],
    ["7", "2024-03-28", "20:30:15", "2024-03-28", "1,200.00", "0.00", "2,149.02", "215500690", "支付宝（中国）网络技术有限公司", "", "", "支付宝-转账", "网联支付", "63011957"],
]  # fmt: skip


def build_psbc(folder: Path) -> Path:
    path = folder / PSBC_FILE
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.merge_range(0, 0, 0, 11, PSBC_PREAMBLE[0][0])
    for r, row in enumerate(PSBC_PREAMBLE[1:], start=1):
        for col, text in enumerate(row):
            if text:
                sheet.write_string(r, col, text)
    sheet.merge_range(1, 5, 1, 7, PSBC_PREAMBLE[1][5])
    for r, row in enumerate([PSBC_HEADER, *PSBC_ROWS], start=len(PSBC_PREAMBLE)):
        for col, text in enumerate(row):
            sheet.write_string(r, col, text)
    book.close()
    return path


PSBC = Layout(
    name="psbc_account_detail_xlsx",
    title="PSBC 账户交易明细 (.xlsx, 账号/户名 preamble, 支出金额/收入金额 with '0.00')",
    kind="bank",
    build=build_psbc,
    owner=("bank_card", "6210283000123456789"),
    owner_name="黄丽萍",
    txns=[
        Txn("2024-03-02 09:15:33", 1200000, "in", "吴国庆", "6228480466012345677"),
        Txn("2024-03-02 09:21:07", 1150000, "out", "郑海波", "6217993300256789014"),
        Txn("2024-03-09 23:48:51", 50000, "out"),
        Txn("2024-03-12 14:05:00", 300000, "in", "财付通支付科技有限公司", "243300133"),
        Txn("2024-03-21 00:30:00", 102, "in"),
        Txn("2024-03-25 10:00:00", 200, "out"),
        Txn("2024-03-28 20:30:15", 120000, "out", "支付宝（中国）网络技术有限公司", "215500690"),
    ],  # fmt: skip
    sources=[
        "find_string '中国邮政储蓄银行账户交易明细': a reconciliation service's test "
        "(test_parse_bank_flow_file_reads_postal_account_name_from_f2), file id 55102062198",
        "find_string: a police bank-statement normaliser, Special_Type6 (PSBC, 12-13 "
        "columns, 查询账号 at row 1 col B, 姓名 at row 1 col F), file id 20647225084",
    ],
    notes=(
        "Preamble rows 1-4: 账号 (B) / 户名 (F, merged F:H); 收入总金额/支出总金额; "
        "收入总笔数/支出总笔数 ('3笔'); 起止日期 '2024年03月01日-2024年03月31日' / "
        "数据查询导出时间. Header on row 5 (0-based), first cell '序号'. Date and time in "
        "separate columns; amounts text with thousands separators, the unused side '0.00'. "
        "No footer. Evidence is a corporate-account export; personal exports seen by a "
        "police tool have 12-13 columns with the header one row higher. Sheet name, file "
        "name and 摘要 wording are guesses."
    ),
)


# ---------------------------------------------------------------------------------------
# HSBC Hong Kong savings/current account: online banking -> export CSV
# (TransactionHistory.csv). English, no preamble, DD/MM/YYYY, newest first, signed
# 'Billing amount' quoted and followed by a TAB outside the quotes, currency per row.

HSBC_FILE = "TransactionHistory.csv"
HSBC_HEADER = "Date,Description,Billing amount,Billing currency,Balance,Balance currency"
HSBC_ROWS = [
    ["28/03/2024", "ATM WITHDRAWAL           MONGKOK BRANCH", "-2,000.00", "HKD", "1,465.30", "HKD"],
    ["26/03/2024", "ONLINE TRANSFER          TO 012-345678-901", "-8,000.00", "HKD", "3,465.30", "HKD"],
    ["25/03/2024", "FUND TRANSFER FROM       023-456789-001 LEE MEI LING", "8,500.00", "HKD", "11,465.30", "HKD"],
    ["20/03/2024", "POS PURCHASE             PARKVIEW GROCERY", "-245.70", "HKD", "2,965.30", "HKD"],
    ["12/03/2024", "INWARD REMITTANCE        ZHANG WEI", "5,000.00", "CNY", "5,000.00", "CNY"],
    ["10/03/2024", "BILL PAYMENT             ELECTRICITY", "-350.00", "HKD", "3,211.00", "HKD"],
    ["05/03/2024", "SERVICE CHARGE", "-50.00", "HKD", "3,561.00", "HKD"],
    ["01/03/2024", "INTEREST CREDIT", "1.25", "HKD", "3,611.00", "HKD"],
]  # fmt: skip


def build_hsbc(folder: Path) -> Path:
    lines = [HSBC_HEADER]
    for date, desc, amount, cur, balance, bal_cur in HSBC_ROWS:
        lines.append(f'{date},{desc},"{amount}"\t,{cur},"{balance}"\t,{bal_cur}')
    return _write_lines(folder / HSBC_FILE, lines, encoding="utf-8", newline="\n")


HSBC_HK = Layout(
    name="hsbc_hk_account_csv",
    title="HSBC Hong Kong account TransactionHistory.csv (English, DD/MM/YYYY, signed)",
    kind="bank",
    build=build_hsbc,
    owner=None,
    given_owner=("bank_card", "012345678838"),
    txns=[
        Txn("2024-03-28 00:00:00", 200000, "out", currency="HKD"),
        Txn("2024-03-26 00:00:00", 800000, "out", currency="HKD"),
        Txn("2024-03-25 00:00:00", 850000, "in", currency="HKD"),
        Txn("2024-03-20 00:00:00", 24570, "out", currency="HKD"),
        Txn("2024-03-12 00:00:00", 500000, "in", currency="CNY"),
        Txn("2024-03-10 00:00:00", 35000, "out", currency="HKD"),
        Txn("2024-03-05 00:00:00", 5000, "out", currency="HKD"),
        Txn("2024-03-01 00:00:00", 125, "in", currency="HKD"),
    ],
    sources=[
        f"{DEB} example/hsbchk/debit/example-hsbchk-debit-records.csv",
        f"{SIEVE} src/bean_sieve/providers/banks/debit/hsbchk.py",
        f"{SIEVE} tests/providers/test_hsbchk_debit.py",
    ],
    notes=(
        "No account number or name in the file: the user gives the account. Dates are "
        "DD/MM/YYYY (day first!). Billing amount signed: positive money in, negative money "
        "out; the quoted amount is followed by a TAB outside the quotes ('\"-2,000.00\"\\t'). "
        "Rows carry their own currency (a CNY row sits among HKD rows, with its own "
        "balance). No counterpart columns: the description (type padded to 25 characters, "
        "then details) may name the other party, e.g. 'FUND TRANSFER FROM       "
        "023-456789-001 LEE MEI LING'. No footer."
    ),
)


LAYOUTS: list[Layout] = [
    CMB_DEBIT,
    CMB_CREDIT,
    CITIC_CREDIT,
    CIB_DEBIT,
    CGB_CREDIT,
    SPDB_CREDIT,
    PSBC,
    HSBC_HK,
]
