"""Payment-platform bills and police inquiry replies, as they arrive (made-up data).

Research notes (real shapes, where they were seen): ``docs/layouts/platforms.md``.
Expected values are written literally; nothing here parses the files back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.workbench.intake.files import write_xlsx
from tests.workbench.intake.layouts import Layout, Txn

#: A made-up TRON (USDT-TRC20) address: 'T' + 33 base58 characters.
TRON = "TMASi45ub7Qe4ZE36UT5G6cU4ud8Fhhe4d"

# Luhn-valid made-up cards (tests.workbench.intake.files.card) and ID numbers.
CARD_CHEN = "6222024001122330008"
CARD_HUANG = "6217001234567890007"
CARD_LIU = "6225880123456780008"
CARD_ZHAO = "6236681234005560003"
ID_CHEN = "320502198803124519"
ID_HUANG = "450102199107052322"

DEB = "deb-sig/double-entry-generator"


def _write_lines(path: Path, lines: list[str], encoding: str, newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


# --------------------------------------------------------------------------- Alipay app


def build_alipay_app(folder: Path) -> Path:
    """支付宝交易明细 CSV, 2024- generation (app: 我的-账单-开具交易流水证明-用于个人对账)."""
    lines = [
        "-" * 84,
        "导出信息：",
        "姓名：张伟",
        "支付宝账户：138****5678",
        "起始时间：[2024-01-01 00:00:00]    终止时间：[2024-03-31 23:59:59]",
        "导出交易类型：[全部]",
        "导出时间：[2024-04-02 10:15:30]",
        "共10笔记录",
        "收入：1笔 8800.00元",
        "支出：3笔 5113.40元",
        "不计收支：6笔 6747.20元",
        "",
        "特别提示：",
        "1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单"
        "与实际交易结果不符时，以实际交易情况为准；",
        "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
        "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单"
        "进行重复记账；",
        "4.本回单如经任何涂改、编造，均立即失去效力；",
        "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
        "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；",
        "7.禁止将本回单用于非法用途；",
        "8.本明细仅供个人对账使用。",
        "",
        "------------------------支付宝支付科技有限公司  电子客户回单------------------------",
        "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,"
        "商家订单号,备注,",
    ]
    rows = [
        ("2024-03-28 22:41:07", "转账红包", "王**", "188******66", "转账", "支出", "5000.00",
         "余额", "交易成功", "20240328200040011100560012345678", "", f"USDT {TRON}"),
        ("2024-03-27 09:12:45", "转账红包", "李**", "lia***@qq.com", "转账", "收入", "8800.00",
         "余额", "交易成功", "20240327200040011100560087654321", "", ""),
        ("2024-03-20 12:03:11", "餐饮美食", "沙县小吃(城南店)", "/", "收钱码收款", "支出", "23.50",
         "花呗", "交易成功", "2024032022001412345678901234", "", ""),
        ("2024-03-19 10:21:33", "退款", "优品生活馆", "sho***@163.com", "退款-收纳箱 3只装", "不计收支",
         "89.90", "招商银行储蓄卡(1234)", "退款成功", "2024031822001412340011223344_9901",
         "T200P7788990011", ""),
        ("2024-03-18 16:40:02", "日用百货", "优品生活馆", "sho***@163.com", "收纳箱 3只装", "支出",
         "89.90", "招商银行储蓄卡(1234)", "交易成功", "2024031822001412340011223344",
         "T200P7788990011", ""),
        ("2024-03-10 08:30:00", "日用百货", "洁净日化旗舰店", "jjr***@service.com", "洗衣液 2kg",
         "不计收支", "45.00", "花呗", "交易关闭", "2024031022001412340099887766", "T200P5566778899",
         ""),
        ("2024-03-05 19:00:12", "账户存取", "招商银行", "/", "提现-实时提现", "不计收支", "3000.00",
         "余额", "交易成功", "20240305200040011100560055667788", "", ""),
        ("2024-02-26 11:00:00", "投资理财", "余额宝", "/", "余额宝-单次转入", "不计收支", "1000.00",
         "余额", "交易成功", "20240226300040011100560011112222", "", ""),
        ("2024-02-20 08:12:06", "信用借还", "花呗", "/", "花呗主动还款-2024年02月账单", "不计收支",
         "612.30", "招商银行储蓄卡(1234)", "还款成功", "2024022029020999870179346714", "", ""),
        ("2024-02-14 20:20:20", "账户存取", "招商银行", "/", "充值-普通充值", "不计收支", "2000.00",
         "招商银行储蓄卡(1234)", "交易成功", "20240214200040011100560099990000", "", ""),
    ]  # fmt: skip
    for r in rows:
        # The order numbers carry a trailing tab (so Excel keeps them as text); an empty
        # 商家订单号 is a lone tab; every line ends with a comma.
        lines.append(",".join([*r[:9], r[9] + "\t", r[10] + "\t", r[11], ""]))
    return _write_lines(folder / "支付宝交易明细(20240101-20240331).csv", lines, "gbk")


ALIPAY_APP = Layout(
    name="alipay_app_2024",
    title="Alipay 支付宝交易明细 app export, 2024- (.csv, GBK, 23-line preamble)",
    kind="bank",
    build=build_alipay_app,
    owner=("payment_account", "alipay:138****5678"),
    owner_name="张伟",
    txns=[
        Txn("2024-03-28 22:41:07", 500000, "out", "王**", "188******66"),
        Txn("2024-03-27 09:12:45", 880000, "in", "李**", "lia***@qq.com"),
        Txn("2024-03-20 12:03:11", 2350, "out", "沙县小吃(城南店)", ""),
        Txn("2024-03-19 10:21:33", 8990, "in", "优品生活馆", "sho***@163.com", reversal=True),
        Txn("2024-03-18 16:40:02", 8990, "out", "优品生活馆", "sho***@163.com"),
        Txn("2024-03-10 08:30:00", 4500, "none", "洁净日化旗舰店", "jjr***@service.com"),
        Txn("2024-03-05 19:00:12", 300000, "out", "招商银行", ""),
        Txn("2024-02-26 11:00:00", 100000, "none", "余额宝", ""),
        Txn("2024-02-20 08:12:06", 61230, "none", "花呗", ""),
        Txn("2024-02-14 20:20:20", 200000, "in", "招商银行", ""),
    ],
    sources=[
        f"{DEB}: example/alipay/example-alipay-records.csv (2023 generation, preamble text)",
        f"{DEB}: pkg/provider/alipay/alipay.go (GBK reader, 22 non-blank preamble lines)",
        "AlipayImportTest.kt calibrated on a real 2026 export (23-line preamble, "
        "支付宝支付科技有限公司 rule, masked 支付宝账户, trailing tab on 交易订单号)",
        "jiegec/china_bean_importers: china_bean_importers/alipay_mobile/__init__.py",
    ],
    notes=(
        "GBK. Header is line 24 (first cell 交易时间); 23 preamble lines (2023 files had 24: "
        "9 特别提示 items and the rule read 支付宝（中国）网络技术有限公司). Owner from "
        "'支付宝账户：' (masked as printed), name from '姓名：'. 收/支 支出/收入/不计收支. "
        "不计收支 is 'none' except 提现 (账户存取 + 商品说明 提现-…: out) and 充值 (in) and "
        "退款 (交易分类 退款 / 退款成功: in, reversal). 交易关闭 is 'none'. Amount plain "
        "'5000.00'. Order numbers end with a tab; every line ends with a comma (13 fields). "
        "No footer. Row 1 carries a TRON address in 备注 (跑分/USDT)."
    ),
)


# --------------------------------------------------------------------------- Alipay web


def _pad(text: str, width: int) -> str:
    """Left-justify to ``width`` GBK bytes (at least one space), as the old export did."""
    return text + " " * max(1, width - len(text.encode("gbk")))


def build_alipay_web_legacy(folder: Path) -> Path:
    """The older web download (支付宝交易记录明细查询, 交易号 … 资金状态), with its footer."""
    widths = [0, 0, 20, 20, 20, 14, 22, 18, 22, 8, 10, 12, 9, 9, 20, 12]
    header = (
        "交易号                  ,商家订单号               ,交易创建时间              ,"
        "付款时间                ,最近修改时间              ,交易来源地     ,类型              ,"
        "交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,"
        "服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,"
    )
    lines = [
        "支付宝交易记录明细查询",
        "账号:[2088102345678901]",
        "起始日期:[2019-01-01 00:00:00]    终止日期:[2019-04-12 15:30:18]",
        "---------------------------------交易记录明细列表------------------------------------",
        header,
    ]
    other = "其他（包括阿里巴巴和外部商家）"
    rows = [
        ("2019041022001412340512345678", "", "2019-04-10 21:15:02", "2019-04-10 21:15:03",
         "2019-04-10 21:15:03", other, "即时到账交易", "赵磊", "转账", "3000.00", "支出",
         "交易成功", "0.00", "0.00", "", "已支出"),
        ("2019040822001498760512340001", "", "2019-04-08 09:40:11", "2019-04-08 09:40:12",
         "2019-04-08 09:40:12", other, "即时到账交易", "孙丽", "还款", "1200.00", "收入",
         "交易成功", "0.00", "0.00", "", "已收入"),
        ("2019040122001412340533330000", "", "2019-04-01 10:00:00", "2019-04-01 10:00:00",
         "2019-04-01 10:00:00", "支付宝网站", "即时到账交易", "中国工商银行", "提现", "2000.00",
         "", "交易成功", "0.00", "0.00", "", "资金转移"),
        ("2019032822001412340544440000", "", "2019-03-28 18:20:00", "2019-03-28 18:20:01",
         "2019-03-28 18:20:01", other, "即时到账交易", "李建国", "转账到银行卡-中国农业银行",
         "800.00", "支出", "交易成功", "0.00", "0.00", "", "已支出"),
        ("2019031522001412340566660000", "T200P1903150001", "2019-03-15 12:10:00",
         "2019-03-15 12:10:05", "2019-03-17 09:00:00", "淘宝", "支付宝担保交易", "优品家居专营店",
         "退款-不锈钢保温杯", "128.00", "不计收支", "退款成功", "0.00", "0.00", "", "已收入"),
        ("2019031222001412340566660000", "T200P1903120001", "2019-03-12 20:05:00",
         "2019-03-12 20:05:04", "2019-03-14 11:00:00", "淘宝", "支付宝担保交易", "优品家居专营店",
         "不锈钢保温杯", "128.00", "支出", "交易成功", "0.00", "0.00", "", "已支出"),
        ("2019030222001412340577770000", "T200P1903020001", "2019-03-02 22:30:00", "",
         "2019-03-03 22:30:00", "淘宝", "支付宝担保交易", "潮流女装店", "连衣裙", "199.00", "支出",
         "交易关闭", "0.00", "0.00", "", ""),
        ("20190215110070001500360012345678", "", "2019-02-15 04:00:00", "2019-02-15 04:00:00",
         "2019-02-15 04:00:00", "支付宝网站", "即时到账交易", "余额宝", "余额宝-自动转入", "500.00",
         "", "交易成功", "0.00", "0.00", "", "资金转移"),
        ("2019020522001498760588880000", "", "2019-02-05 00:01:00", "2019-02-05 00:01:01",
         "2019-02-05 00:01:01", other, "即时到账交易", "周敏", "红包", "66.00", "收入", "交易成功",
         "0.00", "0.00", "", "已收入"),
    ]  # fmt: skip
    for r in rows:
        cells = [r[0] + "\t", _pad(r[1], 20) + "\t" if r[1] else "\t"]
        cells += [_pad(v, w) if w else v for v, w in zip(r[2:], widths[2:], strict=True)]
        lines.append(",".join(cells) + ",")
    lines += [
        "-" * 84,
        "共9笔记录",
        "已收入:2笔,1266.00元",
        "待收入:0笔,0.00元",
        "已支出:3笔,3928.00元",
        "待支出:0笔,0.00元",
        "导出时间:[2019-04-12 15:30:21]    用户:张伟",
    ]
    return _write_lines(folder / "alipay_record_20190412_1530_1.csv", lines, "gbk", "\r\n")


ALIPAY_WEB = Layout(
    name="alipay_web_legacy",
    title="Alipay 支付宝交易记录明细查询 web download, -2022 (.csv, GBK, 交易号 … 资金状态)",
    kind="bank",
    build=build_alipay_web_legacy,
    owner=("payment_account", "alipay:2088102345678901"),
    owner_name="张伟",
    footer_rows=7,
    txns=[
        Txn("2019-04-10 21:15:02", 300000, "out", "赵磊"),
        Txn("2019-04-08 09:40:11", 120000, "in", "孙丽"),
        Txn("2019-04-01 10:00:00", 200000, "out", "中国工商银行"),
        Txn("2019-03-28 18:20:00", 80000, "out", "李建国"),
        Txn("2019-03-15 12:10:00", 12800, "in", "优品家居专营店", reversal=True),
        Txn("2019-03-12 20:05:00", 12800, "out", "优品家居专营店"),
        Txn("2019-03-02 22:30:00", 19900, "none", "潮流女装店"),
        Txn("2019-02-15 04:00:00", 50000, "none", "余额宝"),
        Txn("2019-02-05 00:01:00", 6600, "in", "周敏"),
    ],
    sources=[
        "jiegec/china_bean_importers: README.md, china_bean_importers/beangulp/alipay_web",
        "beancount alipay importer (n_header_lines=4, n_footer_lines=7, GB2312; docstring "
        "quotes the real header with its padding and a real row)",
        "provision_alipay_records test (Django project): full file with footer, gb18030",
    ],
    notes=(
        "GBK, CRLF. 4 preamble lines: title, '账号:[…]' (owner), '起始日期:[…]    终止日期:[…]', "
        "dashed 交易记录明细列表 rule; header line 5, cells space-padded, trailing comma. "
        "Values padded with spaces; 交易号/商家订单号 end with a tab. when = 交易创建时间. "
        "收/支 支出/收入/不计收支 or blank; blank + 资金状态 资金转移 is 'none' unless 商品名称 "
        "is 提现 (out). 不计收支 + 退款成功 + 已收入 is a refund (in, reversal). 交易关闭 'none'. "
        "No 对方账号 column. Footer 7 lines: dashes, 共N笔记录, 已收入/待收入/已支出/待支出, "
        "'导出时间:[…]    用户:<name>'."
    ),
)


# --------------------------------------------------------------------------- WeChat

WECHAT_HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式",
                 "当前状态", "交易单号", "商户单号", "备注"]  # fmt: skip

# (time, type, counterpart, goods, in/out, yuan, method, status, order, merchant order, note)
WECHAT_ROWS = [
    ("2024-03-29 21:30:10", "转账", "币商小刘", f"转账备注:USDT {TRON}", "支出", "5800.00", "零钱",
     "对方已收钱", "1000050001202403291234560001", "/", "/"),
    ("2024-03-29 21:05:33", "转账", "阿强", "转账备注:微信转账", "收入", "6000.00", "/",
     "已存入零钱", "1000050001202403291234560002", "/", "/"),
    ("2024-03-20 13:14:15", "商户消费", "老街面馆", "牛肉面", "支出", "26.00",
     "招商银行信用卡(5678)", "支付成功", "4200002101202403201234560003", "MS20240320131415", "/"),
    ("2024-03-18 09:00:00", "零钱提现", "招商银行(1234)", "/", "/", "3000.00", "招商银行(1234)",
     "提现已到账", "207240318100077140000000004", "/", "服务费¥0.00"),
    ("2024-03-10 10:10:10", "零钱充值", "工商银行(5566)", "/", "/", "500.00", "工商银行(5566)",
     "充值完成", "110240310100031240000000005", "/", "/"),
    ("2024-03-05 18:00:00", "转账", "小周", "转账备注:微信转账", "支出", "200.00", "零钱",
     "对方已退还", "1000050001202403051234560006", "/", "/"),
    ("2024-02-15 20:14:05", "微信红包-退款", "周敏", "/", "收入", "200.00", "零钱", "已全额退款",
     "1000039901202402151234560007", "/", "/"),
    ("2024-02-14 20:14:00", "微信红包", "周敏", "/", "支出", "200.00", "零钱", "支付成功",
     "1000039901202402141234560008", "/", "/"),
    ("2024-02-10 12:00:00", "微信红包", "妈妈", "/", "收入", "888.00", "/", "已存入零钱",
     "1000039801202402101234560009", "/", "/"),
    ("2024-01-22 08:30:00", "扫二维码付款", "水果摊", "收款方备注:二维码收款", "支出", "35.50", "零钱",
     "已转账", "1000050001202401221234560010", "/", "/"),
    ("2024-01-15 11:11:11", "转入零钱通-来自零钱", "/", "/", "/", "1000.00", "零钱", "支付成功",
     "4200001658202401150000000011", "18000080172401150022142939240011", "/"),
    ("2024-01-08 14:00:00", "二维码收款", "陈先生", "收款方备注:二维码收款", "收入", "120.00", "/",
     "已收钱", "1000050001202401081234560012", "/", "/"),
]  # fmt: skip

WECHAT_TXNS = [
    Txn("2024-03-29 21:30:10", 580000, "out", "币商小刘"),
    Txn("2024-03-29 21:05:33", 600000, "in", "阿强"),
    Txn("2024-03-20 13:14:15", 2600, "out", "老街面馆"),
    Txn("2024-03-18 09:00:00", 300000, "out", "招商银行(1234)"),
    Txn("2024-03-10 10:10:10", 50000, "in", "工商银行(5566)"),
    Txn("2024-03-05 18:00:00", 20000, "none", "小周"),
    Txn("2024-02-15 20:14:05", 20000, "in", "周敏", reversal=True),
    Txn("2024-02-14 20:14:00", 20000, "out", "周敏"),
    Txn("2024-02-10 12:00:00", 88800, "in", "妈妈"),
    Txn("2024-01-22 08:30:00", 3550, "out", "水果摊"),
    Txn("2024-01-15 11:11:11", 100000, "none", "/"),
    Txn("2024-01-08 14:00:00", 12000, "in", "陈先生"),
]


def _wechat_preamble(nickname: str) -> list[str]:
    return [
        "微信支付账单明细",
        f"微信昵称：[{nickname}]",
        "起始时间：[2024-01-01 00:00:00] 终止时间：[2024-03-31 23:59:59]",
        "导出类型：[全部]",
        "导出时间：[2024-04-02 10:15:30]",
        "",
        "共12笔记录",
        "收入：4笔 7208.00元",
        "支出：5笔 6261.50元",
        "中性交易：3笔 4500.00元",
        "注：",
        "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
        "3. 本明细仅供个人对账使用",
        "",
        "----------------------微信支付账单明细列表--------------------",
    ]


def build_wechat_csv(folder: Path) -> Path:
    """微信支付账单明细 CSV (the mailed zip's content)."""
    pad = "," * 10
    lines = [line + pad for line in _wechat_preamble("夜航船")]
    lines.append(",".join(WECHAT_HEADER))
    for r in WECHAT_ROWS:
        cells = [*r[:5], "¥" + r[5], r[6], r[7], r[8] + "\t", r[9] + "\t", r[10]]
        lines.append(",".join(cells))
    return _write_lines(folder / "微信支付账单(20240101-20240331).csv", lines, "utf-8-sig")


WECHAT_NOTES = (
    "Preamble 16 lines (title, '微信昵称：[…]' = owner, 起始/终止时间, 导出类型, 导出时间, blank, "
    "共N笔记录, 收入/支出/中性交易 'N笔 X元', 注 + 3 lines, blank, dashed 明细列表 rule); "
    "header row 17. 收/支 收入/支出/'/'. '/' rows: 零钱提现 = out to the card named in 交易对方, "
    "零钱充值 = in, others (零钱通, 理财通) 'none'. 支出 with 当前状态 对方已退还 = 'none'. "
    "'…-退款' 交易类型 rows are refunds (in, reversal). No 对方账号 column: counterpart_account ''. "
    "No footer. Row 1 carries a TRON address in 商品 (跑分/USDT)."
)

WECHAT_CSV = Layout(
    name="wechat_csv",
    title="WeChat Pay 微信支付账单明细 (.csv, UTF-8 with BOM, 16-line preamble)",
    kind="bank",
    build=build_wechat_csv,
    owner=("payment_account", "wechat:夜航船"),
    txns=WECHAT_TXNS,
    sources=[
        f"{DEB}: example/wechat/example-wechat-records.csv, pkg/provider/wechat/wechat.go "
        "(17 lines skipped), parse.go (amount[2:] strips ¥), util.go",
        "jiegec/china_bean_importers: china_bean_importers/wechat/__init__.py (statuses)",
        "realDuang/auto-bookkeeping: src/python/utils/formatter/wechat_formatter.py (utf-8-sig)",
    ],
    notes="UTF-8 (BOM written; readers use utf-8-sig). Cells padded with commas to 11 in the "
    "preamble. Amount '¥5800.00'; 交易单号/商户单号 end with a tab. " + WECHAT_NOTES,
)


def build_wechat_xlsx(folder: Path) -> Path:
    """The newer download: 微信支付账单流水文件(…)_<timestamp>.xlsx, same preamble in column A."""
    rows: list[list[object]] = [[line] if line else [] for line in _wechat_preamble("晚风")]
    rows.append(list(WECHAT_HEADER))
    for r in WECHAT_ROWS:
        when = dt.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S")
        rows.append([when, *r[1:5], float(r[5]), *r[6:]])
    path = folder / "微信支付账单流水文件(20240101-20240331)_20240402101530.xlsx"
    return write_xlsx(path, {"Sheet1": rows})


WECHAT_XLSX = Layout(
    name="wechat_xlsx",
    title="WeChat Pay 微信支付账单流水文件 (.xlsx, Sheet1, 16-line preamble)",
    kind="bank",
    build=build_wechat_xlsx,
    owner=("payment_account", "wechat:晚风"),
    txns=WECHAT_TXNS,
    sources=[
        f"{DEB}: pkg/provider/wechat/wechat.go translateExcel (GetRows('Sheet1'), 17 skipped)",
        "WeChat XLSX parser docstring 'Rows 0-15 metadata, Row 16 headers' (openpyxl)",
        "xlsx_to_csv note and a Kotlin importer: 微信的交易时间是 Excel 序列号",
        "file names 微信支付账单流水文件(20250331-20260330)_20260330093731.xlsx in tests",
    ],
    notes="Sheet 'Sheet1'; preamble text in column A; 交易时间 is an Excel date cell, 金额(元) "
    "a number (no ¥), order numbers text. " + WECHAT_NOTES,
)


# --------------------------------------------------------------------------- JD


def build_jd(folder: Path) -> Path:
    """京东 (JD) 交易流水 CSV, 2024- generation (商户名称 … 收/支 … 交易分类)."""
    lines = [
        "导出信息：",
        "京东账号名：jd_7a3c9e21f0b4",
        "申请时间：2025-01-02 09:20:11",
        "日期区间：2024-12-01 至 2024-12-31",
        "导出交易类型：全部",
        "导出交易场景：全部",
        "共：8笔记录",
        "收入：1笔，0.52元",
        "支出：4笔(含1笔部分退款)，239.98元",
        "不计收支：3笔，4205.40元",
        "",
        "特别提示",
        "1.本明细为每笔订单支付的明细，不包括已删除的记录；如需计算白条相关费用明细，请访问“白条-查账还款”"
        "进行查看；",
        "2.个人资金互转、全额退款等记为【不计收支】类，部分退款的支出金额为剔除退款后的支付金额；",
        "3.因系统原因或通讯故障等偶发因素导致本明细与实际交易结果不符时，以实际交易情况为准；",
        "4.因统计逻辑不同，明细金额直接累加后，可能会和上方统计金额不一致，请以实际交易金额为准；",
        "5.京东快捷支付等非余额支付方式可能既产生京东交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
        "6.明细如经任何涂改、编造，均立即失去效力；",
        "7.禁止将本回单用于非法用途；",
        "8.本明细仅供个人对账使用。",
        "",
        "交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注",
    ]
    rows = [
        ("2024-12-30 17:16:02", "京东物流", "京东外部商户", "10.20", "钱包余额", "交易成功", "支出",
         "收发快递", "JDX100000011234", "1000345234234223"),
        ("2024-12-28 13:28:32", "京东平台商户", "退款-电动牙刷 声波清洁 成人款", "89.84",
         "中国银行信用卡(1875)", "退款成功", "不计收支", "网购", "100000021234", "1000345234234301"),
        ("2024-12-28 13:27:56", "京东平台商户", "电动牙刷 声波清洁 成人款 等多件", "131.77(已退款89.84)",
         "中国银行信用卡(1875)", "交易成功", "支出", "个护清洁", "100000021234", "1000345234234301"),
        ("2024-12-24 23:19:44", "一号店", "一号店消费", "119.66", "中国银行信用卡(1341)", "交易成功",
         "支出", "1号店", "100000031234", "1000345234234402"),
        ("2024-12-21 21:02:03", "京东平台商户", "暖星智能双人电热毯 1.5x1.8m", "68.19", "京东白条",
         "交易成功", "支出", "其他网购", "100000041234", "1000345234234503"),
        ("2024-12-15 12:09:23", "京东金融", "白条主动还款", "1125.43", "招商银行储蓄卡(4455)",
         "交易成功", "不计收支", "白条", "2000000000000000111", "107500000000000000000058"),
        ("2024-12-11 23:06:50", "京东金融", "京东小金库-转入", "2990.13", "招商银行储蓄卡(4455)",
         "交易成功", "不计收支", "小金库", "2000000000000079", "100000000000000000000027"),
        ("2024-12-01 06:37:20", "京东金融", "京东小金库收益", "0.52", "小金库零用钱", "交易成功", "收入",
         "小金库", "20000000000000000022", "20000000000000000002"),
    ]  # fmt: skip
    for r in rows:
        lines.append(f"{r[0]}\t," + ",".join(r[1:8]) + f",{r[8]}\t,{r[9]}\t, ,")
    return _write_lines(folder / "京东交易流水(20241201-20241231).csv", lines, "utf-8")


JD = Layout(
    name="jd_2024",
    title="JD 京东 交易流水 export, 2024- (.csv, UTF-8, 21-line preamble)",
    kind="bank",
    build=build_jd,
    owner=("payment_account", "jd:jd_7a3c9e21f0b4"),
    txns=[
        Txn("2024-12-30 17:16:02", 1020, "out", "京东物流"),
        Txn("2024-12-28 13:28:32", 8984, "in", "京东平台商户", reversal=True),
        Txn("2024-12-28 13:27:56", 13177, "out", "京东平台商户"),
        Txn("2024-12-24 23:19:44", 11966, "out", "一号店"),
        Txn("2024-12-21 21:02:03", 6819, "out", "京东平台商户"),
        Txn("2024-12-15 12:09:23", 112543, "none", "京东金融"),
        Txn("2024-12-11 23:06:50", 299013, "none", "京东金融"),
        Txn("2024-12-01 06:37:20", 52, "in", "京东金融"),
    ],
    sources=[
        f"{DEB}: example/jd/example-jd-records.csv @616784aa (2024-12 export), "
        "pkg/provider/jd/jd.go (column order, '(已退款x)' suffix), jd_test.go",
        "focus000/preciouss: src/preciouss/importers/jd.py (amount suffixes, statuses)",
    ],
    notes=(
        "UTF-8 (no BOM known). Preamble 21 lines: 导出信息：, '京东账号名：' (owner), 申请时间, "
        "日期区间 'A 至 B', 导出交易类型/场景, 共：N笔记录, 收入/支出/不计收支 'N笔，X元', blank, "
        "特别提示 + 8 items, blank; header line 22. 交易时间 and order numbers end with a tab; "
        "备注 is a single space; lines end with a comma. counterpart = 商户名称; no account "
        "column. Amount may read '131.77(已退款89.84)' or 'x(已全额退款)': the number before '(' "
        "moved out, the refund comes back as its own 不计收支 + 退款成功 row (in, reversal). "
        "Other 不计收支 rows (白条还款, 小金库) are 'none'. An older generation (2021-23) had "
        "'京东账号名：' too but header 交易时间,交易分类,商户名称,交易说明,收/支,金额,… and "
        "'电子回单客户' above it. File name not seen in evidence."
    ),
)


# --------------------------------------------------------------------------- Meituan


def build_meituan(folder: Path) -> Path:
    """美团交易账单明细 CSV."""
    lines = [
        "美团交易账单明细",
        "美团用户名：[KQX508816327]",
        "起始时间：[2025-02-01] 终止时间：[2025-02-28]",
        "导出交易类型：[全部]",
        "导出时间：[2025-03-30 17:43:31]",
        '""',
        "共：8笔记录",
        "支出：6笔 130.98元",
        "收入：2笔 31.77元",
        "不计收支：0笔 0.00元",
        '""',
        "特别提示：",
        "1. 本明细与实际交易结果不符时，以实际交易情况为准",
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
        "3. 部分账单记录如充值/提现等交易，不计入为收入或支出类别",
        "4. 因统计逻辑不同，明细的实付金额累加后可能与统计金额不一致，请以实际交易金额为准",
        "5. 本明细仅供用户个人对账使用，不具备任何证明效力，禁止用于非法用途",
        '""',
        "【美团交易账单明细列表】",
        "交易创建时间,交易成功时间,交易类型,订单标题,收/支,支付方式,订单金额,实付金额,交易单号,商家单号,备注",
    ]
    rows = [
        ("2025-02-28 20:35:13", "2025-02-28 20:35:25", "支付", "喜茶（万科广场店） 订单详情", "支出",
         "美团月付", "22.30", "21.17", "25022811100401670006000394166443", "0_2204430449361044"),
        ("2025-02-27 07:04:17", "2025-02-27 07:04:18", "退款", "【爆款回归】葡式蛋挞6只", "收入",
         "中国银行信用卡(1875)", "20.00", "20.00", "2502270181541103443", "4981008581243837847AL7"),
        ("2025-02-22 01:42:03", "2025-02-22 01:42:06", "支付", "【爆款回归】葡式蛋挞6只", "支出",
         "中国银行信用卡(1875)", "20.00", "20.00", "25022211100401670005107560671443",
         "1KUHEPBAL7R04076"),
        ("2025-02-22 01:39:24", "2025-02-22 01:39:30", "支付", "「经典招牌」芒椰小丸子-中杯", "支出",
         "美团余额", "10.90", "10.90", "25022211100401670005107038546443", "1KUHEJC54GY04076"),
        ("2025-02-20 14:08:11", "2025-02-20 14:20:31", "退款", "美团商家代金券-289893092226646356",
         "收入", "美团月付", "11.90", "11.77", "2502200119979523443", "467219105"),
        ("2025-02-16 12:34:52", "2025-02-16 12:35:00", "支付", "盖码饭(世纪广场店) 订单详情", "支出",
         "中国银行信用卡(1875)", "19.45", "19.02", "25021611100401670004377675164443",
         "0_2196949152977071"),
        ("2025-02-12 20:59:12", "2025-02-12 20:59:20", "还款", "【美团月付】主动还款2025年3月账单", "支出",
         "中国银行储蓄卡(3147)", "48.14", "48.12", "25021211100401670003883284995443",
         "2502122059126546010530289443_1087639443"),
        ("2025-02-12 19:09:15", "2025-02-12 19:09:21", "支付", "美团商家代金券-289893092226646356",
         "支出", "美团月付", "11.90", "11.77", "25021211100401670003864953265443", "5744287672u403b"),
    ]  # fmt: skip
    for r in rows:
        lines.append(",".join([*r[:6], "¥" + r[6], "¥" + r[7], f'"{r[8]}\t"', f'"{r[9]}\t"', "/"]))
    return _write_lines(folder / "美团账单(20250201-20250228).csv", lines, "utf-8")


MEITUAN = Layout(
    name="meituan",
    title="Meituan 美团交易账单明细 (.csv, UTF-8, 19-line preamble)",
    kind="bank",
    build=build_meituan,
    owner=("payment_account", "meituan:KQX508816327"),
    txns=[
        Txn("2025-02-28 20:35:13", 2117, "out"),
        Txn("2025-02-27 07:04:17", 2000, "in", reversal=True),
        Txn("2025-02-22 01:42:03", 2000, "out"),
        Txn("2025-02-22 01:39:24", 1090, "out"),
        Txn("2025-02-20 14:08:11", 1177, "in", reversal=True),
        Txn("2025-02-16 12:34:52", 1902, "out"),
        Txn("2025-02-12 20:59:12", 4812, "out"),
        Txn("2025-02-12 19:09:15", 1177, "out"),
    ],
    sources=[
        f"{DEB}: example/mt/example-mt-records.csv, pkg/provider/mt/mt.go (header found by "
        "'交易创建时间'), parse.go (实付金额[2:] strips ¥, time = 交易创建时间)",
    ],
    notes=(
        "UTF-8. Preamble 19 lines incl. literal '\"\"' spacer lines; '美团用户名：[…]' is the "
        "owner; header line 20 (first cell 交易创建时间). when = 交易创建时间. 交易类型 支付/退款/"
        "还款; 收/支 支出/收入 (退款 rows are in, reversal). fen = 实付金额 (not 订单金额), "
        "written '¥21.17'. 交易单号/商家单号 quoted with a tab inside; 备注 '/'. No counterparty "
        "column (订单标题 is the order title): counterpart ''. No footer. File name not seen."
    ),
)


# --------------------------------------------------------------------------- bank reply

BANK_REPLY_HEADER = [
    "交易卡号", "交易账号", "交易方户名", "交易方证件号码", "交易时间", "交易金额", "交易余额", "收付标志",
    "交易对手账卡号", "现金标志", "对手户名", "对手身份证号", "对手开户银行", "摘要说明", "交易币种",
    "交易网点名称", "交易发生地", "交易是否成功", "传票号", "IP地址", "MAC地址", "对手交易余额", "交易流水号",
    "日志号", "凭证种类", "凭证号", "交易柜员号", "备注", "查询反馈结果原因",
]  # fmt: skip


def build_bank_reply(folder: Path) -> Path:
    """The 交易明细信息 table of a bank's 查询反馈 (one file, several queried cards)."""
    chen = [CARD_CHEN, "1202021101000123456", "陈志强", ID_CHEN]
    huang = [CARD_HUANG, "51001234560052512345", "黄丽", ID_HUANG]
    # (own, time, amount, balance, 进/出, cp account, cash, cp name, cp id, cp bank, summary,
    #  branch, place, success, ip, mac, serial)
    rows = [
        (chen, "2024-03-05 14:22:10", "50000.00", "50012.30", "进", CARD_LIU, "转账", "刘芳",
         "", "招商银行", "网银转账", "", "", "1", "", "", "HQ20240305142210001"),
        (chen, "2024-03-05 14:25:41", "49000.00", "1012.30", "出", CARD_HUANG, "转账", "黄丽",
         ID_HUANG, "中国建设银行", "手机银行转账", "", "重庆市", "1", "223.104.3.17",
         "A4-5E-60-C1-22-9B", "HQ20240305142541002"),
        (chen, "2024-03-05 23:58:02", "1000.00", "12.30", "出", "", "现金", "", "", "", "ATM取款",
         "工行石柱县支行营业室", "重庆市石柱县", "1", "", "", "HQ20240305235802003"),
        (chen, "2024-03-06 01:10:00", "20000.00", "12.30", "出", "6214839988776654", "转账", "周强",
         "", "中国农业银行", "手机银行转账", "", "", "0", "223.104.3.17", "A4-5E-60-C1-22-9B",
         "HQ20240306011000004"),
        (chen, "2024-03-06 09:00:00", "2.00", "14.30", "进", "", "转账", "", "", "", "冲正",
         "", "", "1", "", "", "HQ20240306090000005"),
        (huang, "2024-03-05 14:25:43", "49000.00", "49088.00", "进", CARD_CHEN, "转账", "陈志强",
         ID_CHEN, "中国工商银行", "跨行转入", "", "", "1", "", "", "CB20240305142543001"),
        (huang, "2024-03-05 14:40:19", "30000.00", "19088.00", "出", CARD_ZHAO, "转账", "赵海",
         "", "中国银行", "网银转账", "", "广西壮族自治区南宁市", "1", "171.108.40.9",
         "00-1C-42-9A-33-10", "CB20240305144019002"),
        (huang, "2024-03-05 14:41:55", "19000.00", "88.00", "出", "", "转账", "财付通支付科技有限公司",
         "", "", "快捷支付", "", "", "1", "171.108.40.9", "00-1C-42-9A-33-10",
         "CB20240305144155003"),
        (huang, "2024-03-07 02:14:30", "80.00", "8.00", "出", "", "现金", "", "", "", "ATM取款",
         "建行南宁民族大道支行", "广西壮族自治区南宁市", "1", "", "", "CB20240307021430004"),
    ]  # fmt: skip
    lines = [",".join(BANK_REPLY_HEADER)]
    for r in rows:
        cells = [*r[0], *r[1:11], "人民币", r[11], r[12], r[13], "", r[14], r[15], "", r[16],
                 "", "", "", "", "", ""]  # fmt: skip
        assert len(cells) == len(BANK_REPLY_HEADER)
        lines.append(",".join(cells))
    return _write_lines(folder / "中国工商银行_交易明细信息.csv", lines, "gb18030", "\r\n")


BANK_REPLY = Layout(
    name="bank_inquiry_reply",
    title="Bank 查询反馈 交易明细信息 (.csv, GB18030, 29 columns, several cards per file)",
    kind="bank",
    build=build_bank_reply,
    owner=None,
    given_owner=None,
    txns=[
        Txn("2024-03-05 14:22:10", 5000000, "in", "刘芳", CARD_LIU),
        Txn("2024-03-05 14:25:41", 4900000, "out", "黄丽", CARD_HUANG),
        Txn("2024-03-05 23:58:02", 100000, "out"),
        Txn("2024-03-06 01:10:00", 2000000, "none", "周强", "6214839988776654"),
        Txn("2024-03-06 09:00:00", 200, "in", reversal=True),
        Txn("2024-03-05 14:25:43", 4900000, "in", "陈志强", CARD_CHEN),
        Txn("2024-03-05 14:40:19", 3000000, "out", "赵海", CARD_ZHAO),
        Txn("2024-03-05 14:41:55", 1900000, "out", "财付通支付科技有限公司"),
        Txn("2024-03-07 02:14:30", 8000, "out"),
    ],
    sources=[
        "安徽经侦平台资金分析 script: reads '*交易明细信息*' CSVs (gb18030, first 29 columns, "
        "drops 查询反馈结果原因), '账户信息' (18) and '人员信息' (14); 交易卡号 may carry '_n'",
        "Funds ETL (Go) rules: BankFinalTables['交易明细信息'] column order; skill doc: 收付标志 "
        "进/出, 现金标志 contains 现, 交易是否成功 1 = success",
    ],
    notes=(
        "GB18030, CRLF, header on line 1, no preamble or footer. Owners come from each row's "
        "交易卡号 (交易账号 is the bank's internal account, 交易方户名/交易方证件号码 the holder): "
        f"rows 1-5 card {CARD_CHEN} (陈志强), rows 6-9 card {CARD_HUANG} (黄丽). 收付标志 进/出; "
        "交易金额 positive; 交易是否成功 '1'/'0' ('0' = 'none'); 摘要说明 冲正 = in, reversal; "
        "ATM取款 rows have 现金标志 现金 and no counterparty. counterpart = 对手户名, "
        "counterpart_account = 交易对手账卡号. Newer replies add 商户名称, 交易类型 before "
        "查询反馈结果原因 (31 columns); value spellings of 交易是否成功 are the least certain."
    ),
)


# --------------------------------------------------------------------------- Tenpay reply

TENPAY_HEADER = [
    "用户ID", "交易单号", "大单号", "用户侧账号名称", "借贷类型", "交易业务类型", "交易用途类型", "交易时间",
    "交易金额(分)", "账户余额(分)", "用户银行卡号", "用户侧银行名称", "用户侧网银联单号", "网联/银联",
    "第三方账户名称", "对手方ID", "对手侧账户名称", "对手方银行卡号", "对手侧银行名称", "对手侧网银联单号",
    "网联/银联", "第三方账户名称", "对手方接收时间", "对手方接收金额(分)", "备注1", "备注2",
]  # fmt: skip


def build_tenpay(folder: Path) -> Path:
    """财付通 调证 reply: 交易明细 of WeChat Pay accounts, amounts in fen."""
    a = ("wxid_k3m9q2r7t1p422", "陈志强")
    b = ("wxid_h8v2n5c0x6z311", "黄丽")
    # (user, order, 出/入, business type, purpose, time, fen, balance, own card, own bank,
    #  cp id, cp name, cp card, cp bank, note1, note2)
    rows = [
        (a, "1000050001202403050000000101", "入", "转账", "转账", "2024-03-05 15:02:11", 2000000,
         2000000, "", "", "wxid_q1w2e3r4t5y6u7", "刘芳", "", "", "转账", ""),
        (a, "1000050001202403050000000102", "出", "转账", "转账", "2024-03-05 15:04:40", 1950000,
         50000, "", "", b[0], "黄丽", "", "", "转账", ""),
        (a, "4200002101202403060000000103", "出", "消费", "扫码支付", "2024-03-06 10:20:00", 3900,
         46100, "", "", "1900012345", "某某商城", "", "", "", ""),
        (a, "4200002101202403060000000104", "入", "退款", "扫码支付", "2024-03-06 18:00:00", 3900,
         50000, "", "", "1900012345", "某某商城", "", "", "退款", ""),
        (a, "2072403071000771400000000105", "出", "提现", "零钱提现", "2024-03-07 09:00:00", 50000,
         0, CARD_CHEN, "工商银行", "", "", "", "", "", ""),
        (b, "1000050001202403050000000102", "入", "转账", "转账", "2024-03-05 15:04:41", 1950000,
         1950000, "", "", a[0], "陈志强", "", "", "转账", ""),
        (b, "1000050001202403050000000201", "出", "转账", "转账", "2024-03-05 15:10:02", 1900000,
         50000, "", "", "wxid_u8i9o0p1a2s3d4", "币商小刘", "", "", "转账", f"USDT {TRON}"),
        (b, "1100024031000312400000000202", "入", "充值", "零钱充值", "2024-03-06 08:00:00", 100000,
         150000, CARD_HUANG, "建设银行", "", "", "", "", "", ""),
        (b, "1000039901202403060000000203", "出", "微信红包", "微信红包", "2024-03-06 20:00:00",
         20000, 130000, "", "", "wxid_z9x8c7v6b5n4m3", "周敏", "", "", "微信红包", ""),
    ]  # fmt: skip
    table: list[list[object]] = [list(TENPAY_HEADER)]
    for r in rows:
        (uid, uname), order, dc, biz, use, when, fen, bal = r[:8]
        card, bank, cp_id, cp_name, cp_card, cp_bank, n1, n2 = r[8:]
        table.append([uid, order, order, uname, dc, biz, use, when, fen, bal, card, bank, "",
                      "网联" if card else "", "", cp_id, cp_name, cp_card, cp_bank, "", "", "",
                      when if cp_name else "", fen if cp_name else "", n1, n2])  # fmt: skip
    return write_xlsx(folder / "财付通_TenpayTrades_20240410.xlsx", {"Sheet1": table})


TENPAY = Layout(
    name="tenpay_inquiry_reply",
    title="Tenpay 财付通 调证 TenpayTrades 交易明细 (.xlsx, amounts in fen)",
    kind="bank",
    build=build_tenpay,
    owner=None,
    given_owner=None,
    txns=[
        Txn("2024-03-05 15:02:11", 2000000, "in", "刘芳", "wxid_q1w2e3r4t5y6u7"),
        Txn("2024-03-05 15:04:40", 1950000, "out", "黄丽", "wxid_h8v2n5c0x6z311"),
        Txn("2024-03-06 10:20:00", 3900, "out", "某某商城", "1900012345"),
        Txn("2024-03-06 18:00:00", 3900, "in", "某某商城", "1900012345", reversal=True),
        Txn("2024-03-07 09:00:00", 50000, "out", "", CARD_CHEN),
        Txn("2024-03-05 15:04:41", 1950000, "in", "陈志强", "wxid_k3m9q2r7t1p422"),
        Txn("2024-03-05 15:10:02", 1900000, "out", "币商小刘", "wxid_u8i9o0p1a2s3d4"),
        Txn("2024-03-06 08:00:00", 100000, "in", "", CARD_HUANG),
        Txn("2024-03-06 20:00:00", 20000, "out", "周敏", "wxid_z9x8c7v6b5n4m3"),
    ],
    sources=[
        "Funds ETL (Go) parser: WechatTables['交易明细信息'] full column list (pandas '.1' "
        "suffixes show 网联/银联 and 第三方账户名称 appear twice)",
        "tenpay adapter: file names contain 'TenpayTrades' / 'TenpayRegInfo'; 用户侧账号名称 → "
        "对手侧账户名称 edges; column mappings 交易金额(分) / 100",
    ],
    notes=(
        "Header on row 1 of Sheet1, two duplicated header names (网联/银联, 第三方账户名称). "
        "Owners come from each row's 用户ID (wxid_k3m9q2r7t1p422 陈志强 rows 1-5, "
        "wxid_h8v2n5c0x6z311 黄丽 rows 6-9); 用户侧账号名称 is the holder's name. 借贷类型 出/入. "
        "交易金额(分)/账户余额(分) are integers in fen. counterpart = 对手侧账户名称, "
        "counterpart_account = 对手方ID; for 提现/充值 (no counterparty) it is the 用户银行卡号. "
        "交易业务类型 退款 = in, reversal. Row 7 has a TRON address in 备注2. Sheet name, "
        "file name and the 出/入 spelling are not confirmed by evidence."
    ),
)


# --------------------------------------------------------------------------- Alipay reply

ALIPAY_REPLY_HEADER = [
    "交易号", "商户订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型", "用户信息",
    "交易对方信息", "消费名称", "金额（元）", "收/支", "交易状态", "支付方式", "清算流水号", "备注",
    "对应的协查数据",
]  # fmt: skip


def build_alipay_reply(folder: Path) -> Path:
    """支付宝 协查 reply: 账户明细 of the queried accounts (several accounts per file)."""
    zw = ("2088102345678901", "张伟", "13800005678")
    lq = ("2088202233445566", "李强", "13900001111")
    # (user, trade no, merchant no, created, paid, source, type, cp id, cp name, goods, yuan,
    #  in/out, status, method)
    rows = [
        (zw, "20240305200040011100560000000001", "", "2024-03-05 14:30:00", "2024-03-05 14:30:01",
         "其他", "转账", "2088302211223344", "刘芳", "转账", "8000.00", "收入", "交易成功", "余额"),
        (zw, "20240305200040011100560000000002", "", "2024-03-05 14:33:10", "2024-03-05 14:33:11",
         "其他", "转账", lq[0], lq[1], "转账", "7900.00", "支出", "交易成功", "余额"),
        (zw, "2024030622001412340000000003", "T200P0306001", "2024-03-06 11:00:00",
         "2024-03-06 11:00:02", "淘宝", "担保交易", "2088001122334455", "数码配件专营店",
         "蓝牙耳机", "99.00", "支出", "交易成功", "花呗"),
        (zw, "2024030622001412340000000003_R1", "T200P0306001", "2024-03-08 09:00:00",
         "2024-03-08 09:00:00", "淘宝", "退款", "2088001122334455", "数码配件专营店",
         "退款-蓝牙耳机", "99.00", "不计收支", "退款成功", "花呗"),
        (zw, "2024030722001412340000000004", "T200P0307001", "2024-03-07 21:00:00", "",
         "淘宝", "担保交易", "2088001122334455", "数码配件专营店", "充电宝", "59.00", "支出",
         "交易关闭", "余额"),
        (lq, "20240305200040011100560000000002", "", "2024-03-05 14:33:10", "2024-03-05 14:33:11",
         "其他", "转账", zw[0], zw[1], "转账", "7900.00", "收入", "交易成功", "余额"),
        (lq, "20240305200040011100560000000005", "", "2024-03-05 15:00:00", "2024-03-05 15:00:01",
         "其他", "提现", "", "", "提现-实时提现", "7800.00", "不计收支", "交易成功", "余额"),
        (lq, "20240306200040011100560000000006", "", "2024-03-06 12:00:00", "2024-03-06 12:00:00",
         "其他", "余额宝", "", "余额宝", "余额宝-单次转入", "100.00", "不计收支", "交易成功", "余额"),
    ]  # fmt: skip
    lines = [",".join(ALIPAY_REPLY_HEADER)]
    for r in rows:
        (uid, uname, phone), no, mno, created, paid, src, kind, cp_id, cp_name = r[:9]
        goods, yuan, io, status, method = r[9:]
        cp = f"{cp_id}({cp_name})" if cp_id else cp_name
        lines.append(",".join([no, mno, created, paid, paid or created, src, kind,
                               f"{uid}({uname})", cp, goods, yuan, io, status, method, "", "",
                               phone]))  # fmt: skip
    return _write_lines(folder / "731204586_账户明细d2_20240410093015_part1.csv", lines, "gb18030")


ALIPAY_REPLY = Layout(
    name="alipay_inquiry_reply",
    title="Alipay 支付宝 协查 账户明细 reply (.csv, GB18030, several accounts per file)",
    kind="bank",
    build=build_alipay_reply,
    owner=None,
    given_owner=None,
    txns=[
        Txn("2024-03-05 14:30:00", 800000, "in", "刘芳", "2088302211223344"),
        Txn("2024-03-05 14:33:10", 790000, "out", "李强", "2088202233445566"),
        Txn("2024-03-06 11:00:00", 9900, "out", "数码配件专营店", "2088001122334455"),
        Txn("2024-03-08 09:00:00", 9900, "in", "数码配件专营店", "2088001122334455", reversal=True),
        Txn("2024-03-07 21:00:00", 5900, "none", "数码配件专营店", "2088001122334455"),
        Txn("2024-03-05 14:33:10", 790000, "in", "张伟", "2088102345678901"),
        Txn("2024-03-05 15:00:00", 780000, "out"),
        Txn("2024-03-06 12:00:00", 10000, "none", "余额宝"),
    ],
    sources=[
        "Funds ETL (Go) scanner/etl tests: '<n>_账户明细d2_<timestamp>_part1.csv', GB18030, "
        "header 交易号,商户订单号,交易创建时间,…,用户信息,交易对方信息,消费名称,金额（元）,收/支,"
        "交易状态,支付方式,清算流水号,备注,对应的协查数据",
        "anluy 2018 Java importer: 支付宝 协查 tables 注册信息, 登陆日志 (客户端ip), 交易记录 "
        "(交易号, 外部交易号, 交易状态, 买家/卖家用户id, 交易金额（元）…), 账户明细, 转账明细",
    ],
    notes=(
        "GB18030, header on line 1, no footer. Owners come from each row's 用户信息 "
        "(the 2088… user id before '('): 2088102345678901 张伟 rows 1-5, 2088202233445566 "
        "李强 rows 6-8; 对应的协查数据 is the queried phone. when = 交易创建时间. 收/支 收入/"
        "支出/不计收支; 交易关闭 'none'; 类型 退款 / 退款成功 = in, reversal; 类型 提现 = out; "
        "other 不计收支 'none'. counterpart/account split from 交易对方信息 '2088…(名称)'. The "
        "'id(名称)' spelling of 用户信息/交易对方信息 is a guess: no real value was seen."
    ),
)


LAYOUTS: list[Layout] = [
    ALIPAY_APP,
    ALIPAY_WEB,
    WECHAT_CSV,
    WECHAT_XLSX,
    JD,
    MEITUAN,
    BANK_REPLY,
    TENPAY,
    ALIPAY_REPLY,
]
