"""Customer statement exports of China's big banks (ICBC, CCB, ABC, BOC, BOCOM).

Each builder writes the file from a literal rows table, in the shape seen in public bill
importers (sources per layout, and in ``docs/layouts/banks_big.md``). All names, cards and
accounts are invented; the cards are Luhn-valid. The expected ``txns`` are literal too.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
import xlwt

from . import Layout, Txn

DEG = "deb-sig/double-entry-generator"
SIEVE = "Xm798/bean-sieve"
JIEGEC = "jiegec/china_bean_importers"


def _gbk_width(text: str) -> int:
    return len(text.encode("gbk"))


def _pad(text: str, width: int) -> str:
    """ICBC pads every cell with spaces to a fixed (GBK byte) width and ends it with a tab."""
    return text + " " * max(0, width - _gbk_width(text)) + "\t"


def _cells(spec: list[tuple[str, int, bool]]) -> str:
    """One ICBC data line: (text, width, quoted) per cell, with the trailing comma."""
    out = []
    for text, width, quoted in spec:
        cell = _pad(text, width)
        out.append(f'"{cell}"' if quoted else cell)
    return ",".join(out) + ","


def _write_lines(path: Path, lines: list[str], encoding: str, newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


# --------------------------------------------------------------------------------------
# ICBC debit, newer "明细查询文件下载" CSV (hisdetail*.csv, 15 columns with 交易详情 and 对方账户)

ICBC_V2_HEADER = (
    "交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),"
    "交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户"
)
# 交易日期, 摘要, 交易详情, 交易场所, 记账金额(收入), 记账金额(支出), 余额, 对方户名, 对方账户
ICBC_V2_ROWS = [
    ("2024-03-28", "消费", "", "财付通-美团平台商户", "", "58.00", "6,176.25",
     "深圳市财付通支付科技有限公司", "9102****0001"),
    ("2024-03-25", "网转", "", "手机银行", "", "19,800.00", "6,234.25", "王五", "6228****7766"),
    ("2024-03-25", "他行汇入", "转账", "", "20,000.00", "", "26,034.25", "李四", "6217****3114"),
    ("2024-03-22", "ATM取款", "", "彭水支行营业部ATM", "", "2,000.00", "6,034.25", "", ""),
    ("2024-03-21", "利息", "", "批量业务", "0.35", "", "8,034.25", "", ""),
    ("2024-03-10", "工资", "", "", "6,500.00", "", "8,033.90", "重庆星桥科技有限公司",
     "3100****2211"),
    ("2024-03-05", "收费", "短信通知服务费", "批量业务", "", "2.00", "1,533.90", "", ""),
    ("2024-03-02", "退款", "", "财付通-微信红包", "12.50", "", "1,535.90",
     "深圳市财付通支付科技有限公司", "9102****0001"),
]  # fmt: skip


def build_icbc_debit_v2(folder: Path) -> Path:
    lines = [
        "明细查询文件下载",
        "",
        '卡号: 6222****7351,"卡别名: "',
        "",
        '子账户序号: 00000,子账户类别: 活期,"子账户别名: "',
        "",
        ICBC_V2_HEADER,
    ]
    for day, summary, detail, place, inc, out, bal, name, acct in ICBC_V2_ROWS:
        lines.append(
            _cells(
                [
                    (day, 15, False),
                    (summary, 20, True),
                    (detail, 30, True),
                    (place, 60, True),
                    ("CHN", 20, True),
                    ("钞", 10, False),
                    ("-", 20, True),
                    ("-", 20, True),
                    ("-", 15, False),
                    (inc, 20, True),
                    (out, 20, True),
                    ("人民币", 15, False),
                    (bal, 20, True),
                    (name, 140, True),
                    (acct, 19, True),
                ]
            )
        )
    lines.append(" ")
    lines.append(f'人民币合计,,,,,,,,,"{_pad("26,512.85", 18)}","{_pad("21,860.00", 18)}",')
    return _write_lines(folder / "hisdetail1711954800123.csv", lines, "utf-8-sig")


ICBC_DEBIT_V2 = Layout(
    name="icbc_debit_hisdetail",
    title="ICBC debit card, web/app 历史明细 download hisdetail*.csv (15 columns, UTF-8 BOM)",
    kind="bank",
    build=build_icbc_debit_v2,
    owner=("bank_card", "6222****7351"),
    owner_name="",
    txns=[
        Txn("2024-03-28 00:00:00", 5800, "out", "深圳市财付通支付科技有限公司", "9102****0001"),
        Txn("2024-03-25 00:00:00", 1980000, "out", "王五", "6228****7766"),
        Txn("2024-03-25 00:00:00", 2000000, "in", "李四", "6217****3114"),
        Txn("2024-03-22 00:00:00", 200000, "out"),
        Txn("2024-03-21 00:00:00", 35, "in"),
        Txn("2024-03-10 00:00:00", 650000, "in", "重庆星桥科技有限公司", "3100****2211"),
        Txn("2024-03-05 00:00:00", 200, "out"),
        Txn(
            "2024-03-02 00:00:00",
            1250,
            "in",
            "深圳市财付通支付科技有限公司",
            "9102****0001",
            reversal=True,
        ),
    ],
    footer_rows=1,
    sources=[
        f"{DEG} example/icbc/debit-v2/example-icbc-debit-v2-records.csv",
        f"{DEG} pkg/provider/icbc/icbc.go (skips 5 non-empty lines, stops at 人民币合计)",
        f"{SIEVE} src/bean_sieve/providers/banks/debit/icbc.py (UTF-8 BOM, hisdetail*, 15 cols)",
        f"{SIEVE} tests/providers/test_icbc.py",
    ],
    notes=(
        "Every cell is padded with spaces and ends in a TAB inside the quotes; '-' fills the "
        "unused 交易金额 columns; dates only, newest first. The line after the data is a "
        "single space, then the 人民币合计 total line (one footer row; the space line is "
        "blank). The card is masked 4****4; the file gives no holder name (卡别名 is an alias)."
    ),
)


# --------------------------------------------------------------------------------------
# ICBC debit, older "明细查询文件下载" CSV (13 columns, no 交易详情 / 对方账户)

ICBC_V1_HEADER = (
    "交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,"
    "记账金额(收入),记账金额(支出),记账币种,余额,对方户名"
)
# 交易日期, 摘要, 交易场所, 记账金额(收入), 记账金额(支出), 余额, 对方户名
ICBC_V1_ROWS = [
    ("2023-04-25", "跨行汇款", "手机银行", "", "4,980.00", "3,031.53", "周八"),
    ("2023-04-25", "他行汇入", "", "5,000.00", "", "8,011.53", "陈七"),
    ("2023-04-22", "收费", "批量业务", "", "3.00", "3,011.53", ""),
    ("2023-04-21", "利息", "批量业务", "0.21", "", "3,014.53", ""),
    ("2023-04-18", "ATM取款", "重庆黔江支行ATM", "", "1,000.00", "3,014.32", ""),
    ("2023-04-16", "消费", "支付宝-金拱门(中国)有限公司", "", "45.80", "4,014.32",
     "支付宝（中国）网络技术有限公司"),
    ("2023-04-14", "工资", "", "3,200.00", "", "4,060.12", "彭水县鑫达建材有限公司"),
]  # fmt: skip


def build_icbc_debit_v1(folder: Path) -> Path:
    lines = [
        "明细查询文件下载",
        "",
        '卡号: 6212****8642,"卡别名: 工资卡"',
        "",
        '子账户序号: 00000,子账户类别: 活期,"子账户别名: "',
        "",
        ICBC_V1_HEADER,
    ]
    for day, summary, place, inc, out, bal, name in ICBC_V1_ROWS:
        lines.append(
            _cells(
                [
                    (day, 15, False),
                    (summary, 20, True),
                    (place, 60, True),
                    ("CHN", 20, True),
                    ("钞", 10, False),
                    ("-", 20, True),
                    ("-", 20, True),
                    ("-", 15, False),
                    (inc, 20, True),
                    (out, 20, True),
                    ("人民币", 15, False),
                    (bal, 20, True),
                    (name, 140, True),
                ]
            )
        )
    lines.append(" ")
    lines.append(f'人民币合计,,,,,,,,"{_pad("8,200.21", 18)}","{_pad("6,028.80", 18)}",')
    return _write_lines(folder / "hisdetail1682400000456.csv", lines, "utf-8")


ICBC_DEBIT_V1 = Layout(
    name="icbc_debit_web_v1",
    title="ICBC debit card, older web 明细查询文件下载 .csv (13 columns, UTF-8)",
    kind="bank",
    build=build_icbc_debit_v1,
    owner=("bank_card", "6212****8642"),
    owner_name="",
    txns=[
        Txn("2023-04-25 00:00:00", 498000, "out", "周八"),
        Txn("2023-04-25 00:00:00", 500000, "in", "陈七"),
        Txn("2023-04-22 00:00:00", 300, "out"),
        Txn("2023-04-21 00:00:00", 21, "in"),
        Txn("2023-04-18 00:00:00", 100000, "out"),
        Txn("2023-04-16 00:00:00", 4580, "out", "支付宝（中国）网络技术有限公司"),
        Txn("2023-04-14 00:00:00", 320000, "in", "彭水县鑫达建材有限公司"),
    ],
    footer_rows=1,
    sources=[
        f"{DEG} example/icbc/debit/example-icbc-debit-records.csv",
        f"{DEG} pkg/provider/icbc/parse.go (columns 8/9 记账金额, 10 币种, 11 余额, 12 对方户名)",
    ],
    notes=(
        "Same preamble and cell padding as the hisdetail generation but 13 columns: no "
        "交易详情 and no 对方账户, so counterparts carry a name only. Encoding: the Go "
        "importer reads it undecoded, so UTF-8 (no BOM seen). 卡别名 is the user's alias."
    ),
)


# --------------------------------------------------------------------------------------
# ICBC credit card, "明细查询文件下载" CSV (交易日期 + 记账日期, negative 余额 = debt)

ICBC_CREDIT_HEADER = (
    "交易日期,记账日期,摘要,交易场所,交易国家或地区简称,交易金额(收入),交易金额(支出),"
    "交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名"
)
# 交易日期, 记账日期, 摘要, 交易场所, 收入, 支出, 余额
ICBC_CREDIT_ROWS = [
    ("2023-05-30", "2023-05-31", "消费", "财付通-美团平台商户", "", "66.00", "-230.40"),
    ("2023-05-28", "2023-05-28", "年费", "", "", "200.00", "-164.40"),
    ("2023-05-25", "2023-05-25", "人民币自动转帐还款", "重庆分行银行卡中心", "5,480.00", "",
     "35.60"),
    ("2023-05-10", "2023-05-10", "退款", "支付宝-重庆渝通商贸有限公司", "35.60", "",
     "-5,444.40"),
    ("2023-05-08", "2023-05-08", "消费", "支付宝-重庆渝通商贸有限公司", "", "35.60",
     "-5,480.00"),
    ("2023-05-06", "2023-05-06", "取现", "彭水支行营业部ATM", "", "3,000.00", "-5,444.40"),
    ("2023-05-03", "2023-05-03", "消费", "财付通-拼多多平台商户", "", "128.00", "-2,444.40"),
]  # fmt: skip


def build_icbc_credit(folder: Path) -> Path:
    lines = [
        "明细查询文件下载",
        "",
        '卡号: 6259****7187,"卡别名: "',
        "",
        "子账户类别:",
        "",
        ICBC_CREDIT_HEADER,
    ]
    for day, booked, summary, place, inc, out, bal in ICBC_CREDIT_ROWS:
        lines.append(
            _cells(
                [
                    (day, 15, False),
                    (booked, 15, False),
                    (summary, 30, True),
                    (place, 40, True),
                    ("CHN", 20, True),
                    (inc, 20, True),
                    (out, 20, True),
                    ("人民币", 20, False),
                    (inc, 20, True),
                    (out, 20, True),
                    ("人民币", 20, False),
                    (bal, 20, True),
                    ("", 20, True),
                ]
            )
        )
    lines.append(" ")
    lines.append(
        f'合计金额,,,,,"{_pad("5515.60", 18)}","{_pad("3429.60", 18)}",\t,'
        f'"{_pad("5515.60", 18)}","{_pad("3429.60", 18)}",'
    )
    return _write_lines(folder / "hisdetail1685500000789.csv", lines, "utf-8")


ICBC_CREDIT = Layout(
    name="icbc_credit_web",
    title="ICBC credit card, web 明细查询文件下载 .csv (交易/记账日期, UTF-8)",
    kind="bank",
    build=build_icbc_credit,
    owner=("bank_card", "6259****7187"),
    owner_name="",
    txns=[
        Txn("2023-05-30 00:00:00", 6600, "out"),
        Txn("2023-05-28 00:00:00", 20000, "out"),
        Txn("2023-05-25 00:00:00", 548000, "in"),
        Txn("2023-05-10 00:00:00", 3560, "in", reversal=True),
        Txn("2023-05-08 00:00:00", 3560, "out"),
        Txn("2023-05-06 00:00:00", 300000, "out"),
        Txn("2023-05-03 00:00:00", 12800, "out"),
    ],
    footer_rows=1,
    sources=[
        f"{DEG} example/icbc/credit/example-icbc-credit-records.csv",
        f"{DEG} example/icbc/example-icbc-record.csv",
        f"{DEG} pkg/provider/icbc/icbc.go (子账户类别 not 活期 = credit mode; stops at 合计金额)",
    ],
    notes=(
        "Purchases sit in the (支出) columns, repayments (人民币自动转帐还款) and refunds "
        "(退款) in (收入); 余额 is negative while the card owes. 对方户名 is empty: the "
        "merchant is only in 交易场所, so counterpart is ''. Footer 合计金额 totals have no "
        "thousands separators. Dates only (交易日期 used)."
    ),
)


# --------------------------------------------------------------------------------------
# CCB debit, .xls (BIFF8) 交易明细_XXXX_YYYYMMDD_YYYYMMDD.xls

CCB_HEADER = ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要",
              "对方账号", "对方户名", "交易地点"]  # fmt: skip
# 记账日, 交易日期, 交易时间, 支出, 收入, 账户余额, 摘要, 对方账号, 对方户名, 交易地点
CCB_ROWS = [
    ("20250103", "20250103", "18:53:19", 67.0, 0.0, 2163.91, "消费", "20883313166*****0156",
     "中***融科技有限公司", "支付宝-支付宝外部商户-中移动金融科技有限公司"),
    ("20250106", "20250106", "10:21:07", 0.0, 5000.0, 7163.91, "汇兑", "6230521101*****8815",
     "孙*明", "电子汇入"),
    ("20250106", "20250106", "10:35:42", 4900.0, 0.0, 2263.91, "转账支取",
     "6217995420*****3308", "吴*华", "手机银行"),
    ("20250108", "20250108", "23:47:15", 500.0, 0.0, 1763.91, "ATM取款", "", "",
     "彭水县城南支行ATM"),
    ("20250320", "20250320", "09:12:33", 2.0, 0.0, 1761.91, "收费", "", "", "短信服务费"),
    ("20250321", "20250321", "03:00:00", 0.0, 1.87, 1763.78, "利息存入", "", "", ""),
    ("20250326", "20250326", "12:03:39", 16.78, 0.0, 1747.0, "消费", "2088131*****0121",
     "**微超", "支付宝-支付宝-消费-便民微超"),
]  # fmt: skip


def build_ccb_debit(folder: Path) -> Path:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.write(0, 0, "China Construction Bank")
    ws.write(1, 0, "开户机构：")
    ws.write(1, 1, "中国建设银行股份有限公司重庆彭水支行")
    ws.write(2, 0, "币　　种：")
    ws.write(2, 1, "人民币")
    ws.write(3, 0, "账　　号：")
    ws.write(3, 1, "621700*********9479")
    for c, text in enumerate(CCB_HEADER):
        ws.write(5, c, text)
    for i, row in enumerate(CCB_ROWS):
        booked, day, clock, out, inc, bal, summary, acct, name, place = row
        cells = [booked, day, clock, out, inc, bal, "人民币", summary, acct, name, place]
        for c, value in enumerate(cells):
            ws.write(6 + i, c, value)
    ws.write(6 + len(CCB_ROWS), 0, "以上数据仅供参考，具体内容请以柜台为准。")
    path = folder / "交易明细_9479_20250101_20250331.xls"
    wb.save(str(path))
    return path


CCB_DEBIT = Layout(
    name="ccb_debit_xls",
    title="CCB debit card, 交易明细_卡尾号_起_止.xls (BIFF8, 账　　号： title rows)",
    kind="bank",
    build=build_ccb_debit,
    owner=("bank_card", "621700*********9479"),
    owner_name="",
    txns=[
        Txn("2025-01-03 18:53:19", 6700, "out", "中***融科技有限公司", "20883313166*****0156"),
        Txn("2025-01-06 10:21:07", 500000, "in", "孙*明", "6230521101*****8815"),
        Txn("2025-01-06 10:35:42", 490000, "out", "吴*华", "6217995420*****3308"),
        Txn("2025-01-08 23:47:15", 50000, "out"),
        Txn("2025-03-20 09:12:33", 200, "out"),
        Txn("2025-03-21 03:00:00", 187, "in"),
        Txn("2025-03-26 12:03:39", 1678, "out", "**微超", "2088131*****0121"),
    ],
    footer_rows=1,
    sources=[
        f"{DEG} pkg/provider/ccb/ccb.go (row 1 China Construction Bank, 2 开户机构, 3 币, "
        "4 账 -> account in column B, rows <= 6 skipped, stop at 以上数据仅供参考)",
        f"{DEG} pkg/provider/ccb/parse.go (记账日, 交易日期, 交易时间, 支出, 收入, 余额, 币种, "
        "摘要, 对方账号, 对方户名, 交易地点)",
        f"{DEG} example/ccb/example-ccb-output.beancount (masked peers, 20250101 dates, 人民币)",
        f"{SIEVE} tests/providers/test_ccb_debit.py and src/bean_sieve/providers/banks/debit/ccb.py",
    ],
    notes=(
        "Labels use full-width spaces (币　　种：, 账　　号：) with the value in column B; "
        "row 5 blank, header on row 6, data from row 7 in date order. Dates YYYYMMDD text, "
        "time HH:MM:SS text, 支出/收入/余额 numeric cells with 0 in the unused side (a guess: "
        "empty strings are also handled by the importers). CCB masks the own account "
        "(6+9*+4) and both counterparty account (5 * before the last 4) and name. Sheet name "
        "'Sheet1' and the exact footer punctuation are guesses; the footer holds both "
        "以上数据仅供参考 and 具体内容请以柜台为准."
    ),
)


# --------------------------------------------------------------------------------------
# ABC debit, web banking 账户明细查询 export (xlsx, often named .xls), detailYYYYMMDD

ABC_HEADER = ["交易日期", "交易时间", "交易金额", "本次余额", "对方户名", "对方账号", "交易行",
              "交易渠道", "交易类型", "交易用途", "交易摘要"]  # fmt: skip
ABC_ROWS = [
    ["2025-03-29", "20:05:13", "-1200.00", "76.51", "财付通-微信转账", "243300****0133",
     "9999-01", "电子商务", "转账", "NA2025032933195470微信转账", "微信支付"],
    ["2025-03-25", "16:31:46", "+1100.00", "1276.51", "赵六", "621486****5555", "9999-01",
     "", "转账", "", "银联入账"],
    ["2025-03-21", "", "+0.07", "176.51", "", "", "中国农业银行彭水县支行", "", "转账",
     "个人活期结息", "结息"],
    ["2025-02-03", "22:48:51", "-300.00", "176.44", "", "", "中国农业银行黔江区支行", "ATM",
     "取款", "", "取款"],
    ["2025-01-12", "12:17:04", "-4.00", "476.44", "支付宝-消费重庆小蜜蜂便利店",
     "208884****0912", "9999-01", "电子商务", "转账", "UA0112支付宝-消费-重庆小蜜蜂便利店",
     "支付宝"],
    ["2025-01-06", "09:31:05", "-8700.00", "480.44", "韩立", "623052****8815",
     "中国农业银行彭水县支行", "掌上银行", "转账", "", "转支"],
    ["2025-01-06", "09:15:22", "+8800.00", "9180.44", "黄大伟", "621483****5501",
     "中国农业银行彭水县支行", "超级网银", "转账", "", "跨行转入"],
]  # fmt: skip


def build_abc_debit(folder: Path) -> Path:
    path = folder / "detail20250405.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    rows = [
        ["账户明细查询"],
        ["账户：622848****2593 户名：郑小红 起始日期：20250101 截止日期：20250405"],
        ABC_HEADER,
        *ABC_ROWS,
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            ws.write_string(r, c, text)
    wb.close()
    return path


ABC_DEBIT = Layout(
    name="abc_debit_web",
    title="ABC debit card, web banking 账户明细查询 export detailYYYYMMDD.xlsx (all text)",
    kind="bank",
    build=build_abc_debit,
    owner=("bank_card", "622848****2593"),
    owner_name="郑小红",
    txns=[
        Txn("2025-03-29 20:05:13", 120000, "out", "财付通-微信转账", "243300****0133"),
        Txn("2025-03-25 16:31:46", 110000, "in", "赵六", "621486****5555"),
        Txn("2025-03-21 00:00:00", 7, "in"),
        Txn("2025-02-03 22:48:51", 30000, "out"),
        Txn("2025-01-12 12:17:04", 400, "out", "支付宝-消费重庆小蜜蜂便利店", "208884****0912"),
        Txn("2025-01-06 09:31:05", 870000, "out", "韩立", "623052****8815"),
        Txn("2025-01-06 09:15:22", 880000, "in", "黄大伟", "621483****5501"),
    ],
    footer_rows=0,
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/debit/abc.py (row 1 账户明细查询, row 2 账户/户名/"
        "起始日期/截止日期, row 3 header, all cells text, filename detailYYYYMMDD)",
        f"{SIEVE} tests/providers/test_abc_debit.py",
        f"{DEG} example/abc_debit/example-abc_debit-records.csv (app PDF, same signed amounts)",
    ],
    notes=(
        "One signed 交易金额 column: '+' money in, '-' money out, no thousands separator. "
        "交易时间 is empty for batch rows (结息) so those get 00:00:00. The own account is "
        "masked 6+****+4 in the single info cell of row 2, which also gives the holder name "
        "and the period. Counterparty accounts are masked 6+****+4. No footer. The bank "
        "sometimes names the xlsx '.xls'; sheet name is a guess."
    ),
)


# --------------------------------------------------------------------------------------
# BOC debit, 中国银行交易流水明细单 (app statement, transcribed to CSV), last four only

BOC_STMT_HEADER = ("记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,"
                   "对方卡号/账号,对方开户行,借记卡号")  # fmt: skip
NO_BRANCH = "-------------------"
NO_NOTE = "----------"
BOC_STMT_ROWS = [
    ["2025-08-22", "09:00:00", "人民币", "-3.00", "6,113.00", "手续费", "其他", NO_BRANCH,
     "短信服务费", NO_BRANCH, NO_BRANCH, NO_BRANCH, "3727"],
    ["2025-08-21", "03:15:00", "人民币", "0.42", "6,116.00", "结息", "其他", NO_BRANCH,
     NO_NOTE, NO_BRANCH, NO_BRANCH, NO_BRANCH, "3727"],
    ["2025-08-05", "16:00:44", "人民币", "5,771.00", "6,115.58", "工资", "柜台",
     "中国银行重庆渝中支行", NO_NOTE, "重庆星桥科技有限公司", "4520******1924",
     "中国银行重庆渝中支行", "3727"],
    ["2025-08-04", "22:10:21", "人民币", "-200.00", "344.58", "ATM取款", "自助设备",
     "中国银行重庆彭水支行", NO_NOTE, NO_BRANCH, NO_BRANCH, NO_BRANCH, "3727"],
    ["2025-08-03", "16:50:12", "人民币", "50.00", "544.58", "网上快捷退款", "银企对接",
     NO_BRANCH, "支付宝-孙三", "支付宝-孙三", "8000******1303", NO_BRANCH, "3727"],
    ["2025-08-03", "16:46:40", "人民币", "-50.00", "494.58", "网上快捷支付", "银企对接",
     NO_BRANCH, "支付宝-孙三", "支付宝-孙三", "Z200******010N", NO_BRANCH, "3727"],
    ["2025-08-01", "08:57:22", "人民币", "-2,969.00", "544.58", "无卡支付",
     "卡组织线上/无卡交易", NO_BRANCH, NO_NOTE, "马二", "6205******2260", NO_BRANCH, "3727"],
    ["2025-08-01", "08:57:00", "人民币", "3,000.00", "3,513.58", "银联入账",
     "卡组织线上/无卡交易", NO_BRANCH, "转账", "刘一", "6222******0258", NO_BRANCH, "3727"],
]  # fmt: skip


def _csv_line(row: list[str]) -> str:
    return ",".join(f'"{c}"' if "," in c else c for c in row)


def build_boc_debit_statement(folder: Path) -> Path:
    lines = ["中国银行交易流水明细单", BOC_STMT_HEADER, *(_csv_line(r) for r in BOC_STMT_ROWS)]
    return _write_lines(folder / "中国银行交易流水明细_3727.csv", lines, "utf-8")


BOC_DEBIT_STATEMENT = Layout(
    name="boc_debit_statement",
    title="BOC debit card, 交易流水明细单 as CSV (signed 金额, last four in 借记卡号)",
    kind="bank",
    build=build_boc_debit_statement,
    owner=None,
    given_owner=("bank_card", "6216613301002843727"),
    txns=[
        Txn("2025-08-22 09:00:00", 300, "out"),
        Txn("2025-08-21 03:15:00", 42, "in"),
        Txn("2025-08-05 16:00:44", 577100, "in", "重庆星桥科技有限公司", "4520******1924"),
        Txn("2025-08-04 22:10:21", 20000, "out"),
        Txn("2025-08-03 16:50:12", 5000, "in", "支付宝-孙三", "8000******1303", reversal=True),
        Txn("2025-08-03 16:46:40", 5000, "out", "支付宝-孙三", "Z200******010N"),
        Txn("2025-08-01 08:57:22", 296900, "out", "马二", "6205******2260"),
        Txn("2025-08-01 08:57:00", 300000, "in", "刘一", "6222******0258"),
    ],
    footer_rows=0,
    sources=[
        f"{DEG} example/boc/debit/example-boc-records.csv",
        f"{JIEGEC} china_bean_importers/boc_debit_card/__init__.py (the PDF: 中国银行交易流水"
        "明细清单, 交易区间, 客户姓名, 12 columns, '------' placeholders)",
    ],
    notes=(
        "The bank sends this statement as a PDF from the app; this is the tabular form that "
        "circulates as CSV (bill-file-converter output used by double-entry-generator): "
        "one title line, header, rows newest first. 金额 is signed ('-' out), quoted with "
        "thousands separators when >= 1,000. Runs of dashes mean empty (网点名称, 附言, "
        "对方账户名, 对方卡号/账号, 对方开户行). 借记卡号 holds only the last four digits of "
        "the own card, so the user must give the card. Counterparty cards masked 4+6*+4."
    ),
)


# --------------------------------------------------------------------------------------
# BOC debit, web banking 交易明细 table saved as CSV (交易时间 YYYY/MM/DD HH:MM:SS)

BOC_WEB_HEADER = ["交易时间", "业务摘要", "对方账户名称", "对方账户账号", "币种", "钞/汇",
                  "收入金额", "支出金额", "余额", "交易渠道/场所", "附言"]  # fmt: skip
BOC_WEB_ROWS = [
    ["2025/06/25 08:00:00", "收费", "", "", "人民币元", "钞", "", "2.00", "94.38", "其他",
     "--短信服务费"],
    ["2025/06/21 02:11:47", "结息", "", "", "人民币元", "钞", "0.18", "", "96.38", "其他",
     "--"],
    ["2025/06/06 14:02:55", "转账支出", "孙九", "6217******4408", "人民币元", "钞", "",
     "14,000.00", "96.20", "手机银行", "--"],
    ["2025/06/05 12:45:02", "网上快捷退款", "财付通-美团", "Z200******010N", "人民币元", "钞",
     "12.50", "", "14,096.20", "银企对接", "--财付通-美团"],
    ["2025/06/05 12:20:31", "网上快捷支付", "财付通-美团", "Z200******010N", "人民币元", "钞",
     "", "12.50", "14,083.70", "银企对接", "--财付通-美团"],
    ["2025/06/02 23:40:09", "ATM取款", "", "", "人民币元", "钞", "", "1,000.00", "14,096.20",
     "ATM", "--"],
    ["2025/06/02 10:05:11", "跨行转入", "钱五", "6228******1187", "人民币元", "钞",
     "15,000.00", "", "15,096.20", "网上银行", "--"],
]  # fmt: skip


def build_boc_debit_web(folder: Path) -> Path:
    lines = [_csv_line(BOC_WEB_HEADER), *(_csv_line(r) for r in BOC_WEB_ROWS)]
    return _write_lines(folder / "中国银行交易明细.csv", lines, "utf-8")


BOC_DEBIT_WEB = Layout(
    name="boc_debit_web",
    title="BOC debit card, web banking 交易明细 table saved as CSV (收入/支出 columns)",
    kind="bank",
    build=build_boc_debit_web,
    owner=None,
    given_owner=("bank_card", "6217853301066942586"),
    txns=[
        Txn("2025-06-25 08:00:00", 200, "out"),
        Txn("2025-06-21 02:11:47", 18, "in"),
        Txn("2025-06-06 14:02:55", 1400000, "out", "孙九", "6217******4408"),
        Txn("2025-06-05 12:45:02", 1250, "in", "财付通-美团", "Z200******010N", reversal=True),
        Txn("2025-06-05 12:20:31", 1250, "out", "财付通-美团", "Z200******010N"),
        Txn("2025-06-02 23:40:09", 100000, "out"),
        Txn("2025-06-02 10:05:11", 1500000, "in", "钱五", "6228******1187"),
    ],
    footer_rows=0,
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/debit/boc.py (header in row 1, 11 columns, "
        "YYYY/MM/DD HH:MM:SS, 人民币元, thousands separators, 附言 starting '--')",
        "heyeshuang/beancount-homemade-importers importers/boc.py (older web export: UTF-16, "
        "tab-separated, 交易日期/对方账户名称/支出金额/收入金额/余额/网点名称)",
    ],
    notes=(
        "No preamble and no card number: the header is the first line; the user gives the "
        "card. Separate 收入金额/支出金额 columns, empty on the unused side. Best-evidenced "
        "guess on details: the masking of 对方账户账号 (copied from the statement layout), "
        "'--' as the empty 附言, 钞/汇 '钞' and the file name are not confirmed. An older "
        "web export was UTF-16 with tabs (columns only partly known), not built here."
    ),
)


# --------------------------------------------------------------------------------------
# BOC credit card, 中国银行信用卡账单 table (存入 / 支出 columns, last four)

BOC_CREDIT_HEADER = "交易日,银行记账日,卡号后四位,交易描述,存入,支出,币种"
BOC_CREDIT_ROWS = [
    ["2024-12-13", "2024-12-14", "3159", "重庆轨道交通CHN", "", "50.00", "CNY"],
    ["2024-12-15", "2024-12-16", "3159", "财付通-美团平台商户CHN", "", "88.60", "CNY"],
    ["2024-12-18", "2024-12-18", "3159", "还款成功", "2,000.00", "", "CNY"],
    ["2024-12-20", "2024-12-20", "", "存款利息", "0.01", "", "CNY"],
    ["2024-12-24", "2024-12-25", "3159", "网银在线-京东商城业务CHN", "", "468.32", "CNY"],
    ["2024-12-26", "2024-12-27", "3159", "网银在线CHN", "468.32", "", "CNY"],
    ["2024-12-28", "2024-12-28", "3159", "取现-中国银行重庆彭水支行CHN", "", "500.00", "CNY"],
    ["2024-12-28", "2024-12-28", "3159", "取现手续费", "", "5.00", "CNY"],
]  # fmt: skip


def build_boc_credit(folder: Path) -> Path:
    lines = ["中国银行信用卡账单(2025年01月)", BOC_CREDIT_HEADER]
    lines += [_csv_line(r) for r in BOC_CREDIT_ROWS]
    return _write_lines(folder / "中国银行信用卡账单_2025年01月.csv", lines, "utf-8")


BOC_CREDIT = Layout(
    name="boc_credit_statement",
    title="BOC credit card, 信用卡账单 table as CSV (存入/支出, 卡号后四位)",
    kind="bank",
    build=build_boc_credit,
    owner=None,
    given_owner=("bank_card", "6259073310003159"),
    txns=[
        Txn("2024-12-13 00:00:00", 5000, "out"),
        Txn("2024-12-15 00:00:00", 8860, "out"),
        Txn("2024-12-18 00:00:00", 200000, "in"),
        Txn("2024-12-20 00:00:00", 1, "in"),
        Txn("2024-12-24 00:00:00", 46832, "out"),
        # No word marks it as a refund: booked as money in, not guessed to be a reversal.
        Txn("2024-12-26 00:00:00", 46832, "in"),
        Txn("2024-12-28 00:00:00", 50000, "out"),
        Txn("2024-12-28 00:00:00", 500, "out"),
    ],
    footer_rows=0,
    sources=[
        f"{DEG} example/boc/credit/example-boc-records.csv",
        f"{JIEGEC} china_bean_importers/boc_credit_card/__init__.py (PDF/e-mail statement: "
        "交易日 银行记账日 卡号后四位 交易描述 存入 支出; '还款成功' repayments)",
        f"{SIEVE} src/bean_sieve/providers/banks/credit/boc.py",
    ],
    notes=(
        "The bank issues the statement as PDF or HTML e-mail; this is its table as CSV "
        "(bill-file-converter form). Purchases in 支出, repayments/refunds/interest in 存入, "
        "both unsigned. A refund is only recognisable as a 存入 on a merchant line (no "
        "退款 word): the importer books it as money in and does not guess a reversal. 卡号后四位 is the only "
        "card reference and may be empty (interest line); descriptions end with the "
        "country code CHN. Dates only, 交易日 used."
    ),
)


# --------------------------------------------------------------------------------------
# BOCOM debit, 个人网银 交易明细 download 交易明细列表.xls (BIFF8)

BOCOM_HEADER = ["记账日期", "交易时间", "交易地点", "交易方式", "支出金额", "收入金额", "余额",
                "对方户名", "对方账户", "对方开户行", "摘要"]  # fmt: skip
NONE = "--"
BOCOM_ROWS = [
    ["2026-03-25", "2026-03-25 08:30:00", "批处理", "收费", 1.0, NONE, 112.79, "", "", "",
     "短信通知服务费"],
    ["2026-03-21", "2026-03-21 05:14:01", "批处理", "存款利息", NONE, 0.04, 113.79,
     "应付个人活期储蓄存款利息", "", "", ""],
    ["2026-03-18", "2026-03-18 23:41:06", "他行自助设备", "异地跨行取现", 500.0, NONE, 113.75,
     "", "", "中国农业银行重庆分行", "异地跨行取现"],
    ["2026-03-05", "2026-03-05 10:20:40", "手机银行", "转账汇款", 5980.0, NONE, 613.75,
     "陈小龙", "6214830212345678", "中国银行重庆分行", "转账"],
    ["2026-03-05", "2026-03-05 10:02:17", "手机银行", "网上银行卡转入", NONE, 6000.0, 6593.75,
     "李大山", "6225883301992074139", "招商银行重庆分行", "转账"],
    ["2026-02-26", "2026-02-26 19:12:49", "重庆小面馆", "网上支付", 19.15, NONE, 593.75,
     "支付宝-消费", "", "",
     "|交易类型:快捷支付|交易说明:生活服务消费|交易商户:重庆小面馆|订单编号:0226b82501059190|"
     "流水号:0226b82501059190|交易渠道:支付宝|"],
    ["2026-01-10", "2026-01-10 16:00:25", "微信支付", "网上银行卡转入", NONE, 540.0, 612.9,
     "张三", "1000050001", "财付通支付科技有限公司",
     "微信零钱提现 交易流水号20260110651659460265643S0100302"],
]  # fmt: skip


def build_bocom_debit(folder: Path) -> Path:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet0")
    ws.write(0, 0, "交通银行银行卡交易明细查询表")
    ws.write(1, 0, "银行卡号：6222 6233 0120 0846 130 姓名：张三")
    ws.write(
        1, 5, "本次查询时间段：2026/01/01 至 2026/03/31      总收入：6540.04元  总支出：6500.15元"
    )
    for c, text in enumerate(BOCOM_HEADER):
        ws.write(2, c, text)
    for r, row in enumerate(BOCOM_ROWS):
        for c, value in enumerate(row):
            ws.write(3 + r, c, value)
    path = folder / "交易明细列表.xls"
    wb.save(str(path))
    return path


BOCOM_DEBIT = Layout(
    name="bocom_debit_web",
    title="BOCOM debit card, 个人网银 交易明细列表.xls (BIFF8, 支出/收入 columns, '--')",
    kind="bank",
    build=build_bocom_debit,
    owner=("bank_card", "6222623301200846130"),
    owner_name="张三",
    txns=[
        Txn("2026-03-25 08:30:00", 100, "out"),
        Txn("2026-03-21 05:14:01", 4, "in", "应付个人活期储蓄存款利息"),
        Txn("2026-03-18 23:41:06", 50000, "out"),
        Txn("2026-03-05 10:20:40", 598000, "out", "陈小龙", "6214830212345678"),
        Txn("2026-03-05 10:02:17", 600000, "in", "李大山", "6225883301992074139"),
        Txn("2026-02-26 19:12:49", 1915, "out", "支付宝-消费"),
        Txn("2026-01-10 16:00:25", 54000, "in", "张三", "1000050001"),
    ],
    footer_rows=0,
    sources=[
        f"{SIEVE} src/bean_sieve/providers/banks/debit/bocom.py (title, row 2 银行卡号/姓名/"
        "period/totals, header row 3, 11 columns, '--' empty amounts, 交易明细列表.xls)",
        f"{SIEVE} tests/providers/test_bocom_debit.py",
        "BCMDebit beancount importer (file 24171984192 in the code index; repository not "
        "shown): row 2 split on 姓名：, [5:] strip of 银行卡号：, spaces removed; amounts "
        "and 余额 read as numbers, '--' for the unused side",
    ],
    notes=(
        "Row 2 column A holds the full card number in groups of four with spaces, then "
        "姓名：; column F holds the period (YYYY/MM/DD 至 YYYY/MM/DD) and the totals 总收入/"
        "总支出 with 元. 交易时间 is a full 'YYYY-MM-DD HH:MM:SS' text; 记账日期 the date. "
        "Amounts are numeric cells and '--' text on the unused side (a newer fixture writes "
        "them as text with thousands separators). 对方账户 is unmasked. Interest names the "
        "bank's interest account as 对方户名. No footer; sheet Sheet0."
    ),
)


# --------------------------------------------------------------------------------------
# BOCOM credit card, 信用卡电子账单 table as CSV (direction from the 交易说明 keyword)

BOCOM_CREDIT_HEADER = "交易日期,记账日期,交易说明,交易币种/金额,入账币种/金额"
BOCOM_CREDIT_ROWS = [
    ["2025-01-05", "2025-01-05", "消费 财付通-美团平台商户", "CNY 45.50", "CNY 45.50"],
    ["2025-01-08", "2025-01-09", "消费 京东商城平台商户", "CNY 1,299.00", "CNY 1,299.00"],
    ["2025-01-10", "2025-01-10", "退货 京东商城平台商户", "CNY 1,299.00", "CNY 1,299.00"],
    ["2025-01-13", "2025-01-13", "消费 支付宝-重庆渝通商贸有限公司", "CNY13.50", "CNY13.50"],
    ["2025-01-15", "2025-01-15", "分期扣款 第3/12期", "CNY 250.00", "CNY 250.00"],
    ["2025-01-29", "2025-01-29", "信用卡还款 转账还款-张三 6130 支付宝-张三", "CNY 2,000.00",
     "CNY 2,000.00"],
]  # fmt: skip


def build_bocom_credit(folder: Path) -> Path:
    lines = [BOCOM_CREDIT_HEADER, *(_csv_line(r) for r in BOCOM_CREDIT_ROWS)]
    return _write_lines(folder / "交通银行信用卡账单_202501.csv", lines, "utf-8")


BOCOM_CREDIT = Layout(
    name="bocom_credit_statement",
    title="BOCOM credit card, 电子账单 table as CSV (unsigned CNY amounts, type word first)",
    kind="bank",
    build=build_bocom_credit,
    owner=None,
    given_owner=("bank_card", "5218993300150722"),
    txns=[
        Txn("2025-01-05 00:00:00", 4550, "out"),
        Txn("2025-01-08 00:00:00", 129900, "out"),
        Txn("2025-01-10 00:00:00", 129900, "in", reversal=True),
        Txn("2025-01-13 00:00:00", 1350, "out"),
        Txn("2025-01-15 00:00:00", 25000, "out"),
        Txn("2025-01-29 00:00:00", 200000, "in"),
    ],
    footer_rows=0,
    sources=[
        f"{DEG} example/bocom_credit/example-bocom_credit-records.csv",
        f"{DEG} pkg/provider/bocom_credit/util.go (CNY 12.34 or CNY12.34; 退货/信用卡还款/"
        "红包还款/刷卡金返还/自动购汇还款 = in; 消费/刷卡金扣回/分期扣款/自动购汇扣款 = out)",
        f"{SIEVE} src/bean_sieve/providers/banks/credit/bocom.py (the e-mail: sections "
        "还款、退货、费用返还明细 and 消费、取现、其他费用明细, MM/DD dates, CNY9974.12)",
    ],
    notes=(
        "Amounts are never signed: direction comes from the first word of 交易说明 (before "
        "the first space). 退货 is the refund. No card number in this table (the e-mail has "
        "卡号末四位); the user gives the card. Quoted cells where amounts carry thousands "
        "separators. Dates only, 交易日期 used."
    ),
)


LAYOUTS: list[Layout] = [
    ICBC_DEBIT_V1,
    ICBC_DEBIT_V2,
    ICBC_CREDIT,
    CCB_DEBIT,
    ABC_DEBIT,
    BOC_DEBIT_STATEMENT,
    BOC_DEBIT_WEB,
    BOC_CREDIT,
    BOCOM_DEBIT,
    BOCOM_CREDIT,
]
