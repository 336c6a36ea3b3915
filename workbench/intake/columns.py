"""Which column holds what: the header dictionary, automatic mapping and saved mappings.

Banks and carriers name the same column in many ways (交易对方卡号, 对方账号, 对手账号,
Counterparty Account...). :data:`SYNONYMS` lists the names seen in bank-inquiry replies, the
big banks' personal exports, carrier call records and the card registers pushed to
anti-fraud centres, with their English equivalents. :func:`auto_map` matches a file's header
against it and says how sure it is; the analyst corrects the result in the import wizard and
saves it as a profile (:func:`mapping_to_dict`), which applies again automatically when the
same header returns (:func:`header_signature`).

Match scores: a header equal to a synonym (ignoring case) scores 1.0; equal after
normalisation (full-width to half-width, spaces, punctuation and unit brackets such as
``(元)``/``(秒)`` removed, 帐 read as 账) 0.9; a synonym contained in the header, or a close
spelling, 0.4-0.6.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "BANK_FIELDS",
    "CALL_FIELDS",
    "FIELD_LABELS",
    "KINDS",
    "REGISTER_FIELDS",
    "REQUIREMENTS",
    "SYNONYMS",
    "Mapping",
    "auto_map",
    "clean_header",
    "guess_kind",
    "header_signature",
    "is_known_header",
    "mapping_from_dict",
    "mapping_to_dict",
    "normalize_header",
]

KINDS = ("bank", "calls", "register")

# Synonyms per field, most specific first: when two columns match one field equally well,
# the column matching the earlier synonym wins (本方卡号 beats 查询卡号 for the own card).
# fmt: off
_BANK: dict[str, tuple[str, ...]] = {
    "card": ("本方卡号", "交易卡号", "本方账号", "本方卡号/账号", "查询卡号", "查询账号",
             "卡号", "账号", "卡号/账号", "账号/卡号", "银行卡号", "借记卡号", "客户账号",
             "交易账号", "账户", "账户号", "账户号码", "主账号", "查询账户", "账户账号",
             "交易卡号/账号", "查询对象", "支付宝账户", "支付宝账号", "用户ID", "微信号", "用户信息",
             "card no", "card number", "account no", "account number", "account", "acct no",
             "card"),
    "account_name": ("本方户名", "户名", "账户名称", "账户名", "客户名称", "客户姓名", "本方姓名",
                     "账户户名", "查询户名", "持卡人", "持卡人姓名", "姓名", "交易方户名",
                     "交易户名", "用户侧账号名称", "用户名称",
                     "account name", "customer name", "holder name", "name"),
    "id_number": ("本方证件号码", "证件号码", "证件号", "身份证号", "身份证号码", "客户证件号码",
                  "开户人证件号码", "id number", "id no", "id card"),
    "time": ("交易时间", "交易日期时间", "交易发生时间", "发生时间", "时间", "交易时间戳",
             "交易创建时间", "付款时间", "创建时间", "下单时间", "支付时间",
             "transaction time", "transaction datetime", "trade time", "datetime", "time"),
    "date": ("交易日期", "发生日期", "日期", "交易日", "消费日期",
             "transaction date", "value date", "trade date", "date"),
    # The day the bank booked it: the date where the table has no other (a credit card's
    # repayment has no 交易日), else only a fallback.
    "posting_date": ("记账日期", "入账日期", "记账日", "入账日", "银行记账日", "posting date"),
    "clock": ("记账时间", "交易时刻", "入账时间", "posting time"),
    "direction": ("借贷标志", "借贷方向", "收付标志", "借贷标识", "收支标志", "收支方向", "借贷",
                  "收付", "收支", "资金收付标志", "出入账标志", "交易方向", "进出标志", "进出",
                  "收支类型", "借贷类型", "资金流向", "出入账", "收支方向标志", "收入/支出",
                  "方向", "debit/credit", "credit/debit", "dr/cr", "cr/dr", "d/c", "c/d",
                  "direction"),
    "amount": ("实付金额", "实付款", "实际支付金额", "实付", "结算金额", "入账金额", "记账金额",
               "交易金额", "发生额", "交易发生额", "billing amount",
               "金额", "交易额", "交易金额分", "订单金额", "原始金额",
               "transaction amount", "amount", "amt"),
    "amount_in": ("收入金额", "贷方发生额", "存入金额", "贷方金额", "收入", "贷方", "收款金额",
                  "交易金额收入", "记账金额收入", "存入", "收入额",
                  "转入金额", "credit amount", "credit", "deposit", "deposits",
                  "money in", "paid in"),
    "amount_out": ("支出金额", "借方发生额", "取出金额", "借方金额", "支出", "借方", "付款金额",
                   "交易金额支出", "记账金额支出", "支取", "支出额",
                   "出账金额", "转出金额", "支取金额", "debit amount", "debit", "withdrawal",
                   "withdrawals", "money out", "paid out"),
    "balance": ("余额", "账户余额", "交易后余额", "交易余额", "当前余额", "联机余额", "账户余额分",
                "本次余额", "可用余额",
                "balance", "running balance", "balance after"),
    "currency": ("结算币种", "入账货币", "入账币种", "记账币种", "币种", "交易币种", "币别", "货币",
                 "货币种类", "交易货币", "billing currency", "currency", "ccy"),
    "serial": ("交易流水号", "流水号", "交易序号", "凭证号", "交易参考号", "业务流水号", "交易编号",
               "传票号", "交易流水", "交易订单号", "交易单号", "交易号", "订单号", "订单编号",
               "serial", "serial no", "transaction id", "transaction no",
               "reference", "reference no", "ref no", "journal no"),
    "counterpart_card": ("交易对方卡号", "交易对方账号", "交易对方卡号/账户", "交易对方卡号/账号",
                         "交易对方账卡号", "交易对方账户", "对方账号", "对方卡号", "对方账户",
                         "对方卡号/账号", "对方账号/卡号", "对手账号", "对手卡号", "对手账户",
                         "交易对手账号", "收/付方账号", "交易对手账卡号", "对手方ID",
                         "对方ID", "对手侧银行卡号", "对手账卡号", "交易对方信息",
                         "counterparty account",
                         "counterparty account no", "counterparty account number",
                         "counterparty card", "counterparty card no", "opposite account",
                         "beneficiary account"),
    "counterpart_name": ("交易对方姓名", "交易对方户名", "交易对方名称", "对方户名", "对方姓名",
                         "对方名称", "对方账户名称", "对方账户名", "对手户名", "对手姓名",
                         "对手名称", "收/付方名称", "交易对方", "交易对手", "交易对手名称",
                         "对手信息", "对手侧账户名称", "对方信息", "商户名称", "收款方",
                         "counterparty name", "counterparty",
                         "opposite name", "beneficiary name"),
    "counterpart_id": ("交易对方证件号码", "对方证件号码", "对手证件号码", "对方身份证号",
                       "交易对方身份证号", "对手身份证号", "对手证件号码",
                       "counterparty id", "counterparty id number"),
    "counterpart_bank": ("交易对方账号开户行", "交易对方开户行", "交易对方行名", "对方开户行",
                         "对方行名", "对方银行", "对方开户银行", "对方开户机构", "对手开户行",
                         "对方账户开户行", "对方金融机构名称", "对手开户银行", "对手方银行卡银行",
                         "对手开户行名称", "counterparty bank",
                         "counterparty bank name", "beneficiary bank"),
    "summary": ("摘要", "交易摘要", "摘要说明", "业务摘要", "交易名称", "商品说明", "商品名称", "商品",
                "订单标题", "交易说明", "交易描述", "附言", "交易附言", "备注", "用途", "交易用途",
                "summary", "description", "memo", "remark", "remarks",
                "narrative", "purpose", "particulars"),
    "channel": ("交易渠道", "渠道", "交易方式", "channel", "transaction channel"),
    "place": ("交易网点名称", "交易网点", "交易地点", "网点名称", "交易机构名称", "交易机构",
              "交易场所", "branch", "location", "place", "merchant"),
    "cash_flag": ("现金标志", "现转标志", "现金/转账", "钞转标志", "cash flag", "cash"),
    "ip": ("IP地址", "IP", "交易IP", "登录IP", "ip address"),
    "mac": ("MAC地址", "MAC", "交易MAC", "mac address"),
    "bank": ("开户行", "开户银行", "本方开户行", "开户机构", "开户网点", "所属银行",
             "bank", "bank name"),
    "status": ("交易状态", "当前状态", "交易是否成功", "状态", "支付状态", "订单状态", "交易结果",
               "status", "transaction status"),
    # What kind of transaction a platform says it is (转账, 提现, 退款, 商户消费): read with the
    # summary for withdrawals, top-ups and refunds, and kept with it.
    "txn_type": ("交易类型", "交易分类", "交易业务类型", "业务类型", "交易用途类型", "类型", "交易类别",
                 "transaction type", "type"),
    # Alipay's older bill: 资金状态 (已支出, 已收入, 资金转移) where 收/支 is blank.
    "fund_status": ("资金状态",),
    # The owner's own bank card a platform row names (Tenpay's 用户银行卡号): the counterpart
    # of a withdrawal or top-up, where the row names no other.
    "linked_card": ("用户银行卡号", "用户侧银行卡号", "绑定银行卡号", "绑定卡号"),
}
_CALLS: dict[str, tuple[str, ...]] = {
    "own_number": ("本机号码", "本方号码", "用户号码", "机主号码", "查询号码", "本端号码",
                   "计费号码", "服务号码", "own number", "subscriber", "msisdn", "user number"),
    "other_number": ("对方号码", "对端号码", "对方电话", "对方手机号", "对方手机号码",
                     "other number", "other party", "other party number", "peer number",
                     "counterpart number"),
    "caller": ("主叫号码", "主叫", "主叫方", "calling number", "caller", "a number", "from"),
    "callee": ("被叫号码", "被叫", "被叫方", "called number", "callee", "b number", "to"),
    "call_type": ("呼叫类型", "通话类型", "主被叫", "主被叫类型", "主被叫标志", "呼叫方向",
                  "通话方向", "call type", "direction"),
    # Voice or SMS, where a separate column says who called (业务类型 通话/短信 beside
    # 呼叫类型 主叫/被叫); alone, with the direction from caller and callee.
    "service": ("业务类型", "通信类型", "话单类型", "类型", "业务", "service", "type"),
    "start_time": ("开始时间", "通话时间", "起始时间", "通话起始时间", "通话开始时间", "呼叫时间",
                   "发生时间", "时间", "start time", "call time", "datetime", "time"),
    "date": ("通话日期", "日期", "call date", "date"),
    "clock": ("通话时刻", "开始时刻", "start clock"),
    "duration": ("通话时长", "时长", "通话时长秒", "通话时间长度", "持续时间",
                 "duration", "call duration"),
    "cell": ("基站", "小区", "基站号", "小区号", "基站编号", "小区编号", "小区标识", "基站代码",
             "cell", "cell id", "cgi"),
    "lac": ("LAC", "位置区", "位置区码", "位置区号", "基站LAC", "lac code", "tac"),
    "ci": ("CI", "CID", "小区识别码", "基站CI", "cell identity"),
    "cell_address": ("基站地址", "基站位置", "基站名称", "小区名称", "小区地址", "基站描述",
                     "cell address", "cell location", "cell name"),
    "imei": ("IMEI", "IMEI号", "终端号", "串号", "手机串号", "终端IMEI", "imei"),
    "imsi": ("IMSI", "IMSI号", "imsi"),
    # Where the cell is, when the carrier gives it (基站经纬度): kept with the cell.
    "longitude": ("经度", "基站经度", "小区经度", "longitude", "lon", "lng"),
    "latitude": ("纬度", "基站纬度", "小区纬度", "latitude", "lat"),
    "roaming": ("漫游地", "通话地", "通话地点", "通话所在地", "roaming", "roaming area",
                "visited area", "location"),
}
_REGISTER: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "户名", "持卡人", "持卡人姓名", "机主", "机主姓名", "客户姓名", "客户名称",
             "名称", "name", "holder", "holder name"),
    "id_number": ("身份证号", "证件号码", "公民身份号码", "身份证号码", "证件号", "身份证",
                  "id number", "id no", "id"),
    "phone": ("手机号", "手机号码", "电话", "联系电话", "号码", "电话号码", "联系方式", "手机",
              "预留手机号", "phone", "mobile", "phone number", "mobile number"),
    "card": ("卡号", "银行卡号", "账号", "银行账号", "卡号/账号", "账号/卡号",
             "card no", "card number", "account number", "account no"),
    "bank": ("开户行", "发卡行", "银行", "开户银行", "所属银行", "发卡银行", "bank", "bank name"),
    "imei": ("IMEI", "串号", "终端号", "手机串号", "imei"),
    "region": ("户籍地", "开户地", "归属地", "户籍地址", "住址", "地址", "籍贯", "号码归属地",
               "address", "region"),
    "note": ("备注", "角色", "说明", "身份", "note", "remark", "remarks", "role"),
}
# fmt: on

#: Synonyms of every field, per import kind.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "bank": _BANK,
    "calls": _CALLS,
    "register": _REGISTER,
}
BANK_FIELDS: tuple[str, ...] = tuple(_BANK)
CALL_FIELDS: tuple[str, ...] = tuple(_CALLS)
REGISTER_FIELDS: tuple[str, ...] = tuple(_REGISTER)

#: What a mapping needs before it can import: each requirement is a tuple of alternatives,
#: each alternative a set of fields that together satisfy it. ``Mapping.missing`` names the
#: first field of the first alternative of every unmet requirement.
REQUIREMENTS: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {
    # A statement whose owner nobody can name still imports, under a placeholder account
    # (see Mapping.owner_known): its rows are evidence all the same.
    "bank": (
        (("time",), ("date",)),
        (("amount",), ("amount_in", "amount_out"), ("amount_in",), ("amount_out",)),
    ),
    "calls": (
        (("own_number", "other_number"), ("caller", "callee")),
        (("start_time",), ("date",)),
        (("call_type",), ("caller", "callee")),
    ),
    "register": ((("id_number",), ("phone",), ("card",), ("imei",)),),
}

#: Chinese and English labels of each field, for the mapping dialog.
# fmt: off
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "card": ("本方卡号/账号", "card or account number"),
    "account_name": ("户名", "account holder"),
    "id_number": ("证件号码", "ID number"),
    "time": ("交易时间", "date and time"),
    "date": ("日期", "date"),
    "posting_date": ("记账日期", "posting date"),
    "clock": ("时间(时分秒)", "time of day"),
    "direction": ("借贷标志", "debit/credit"),
    "amount": ("交易金额", "amount"),
    "amount_in": ("收入金额", "amount in"),
    "amount_out": ("支出金额", "amount out"),
    "balance": ("余额", "balance"),
    "currency": ("币种", "currency"),
    "serial": ("交易流水号", "serial number"),
    "counterpart_card": ("对方卡号/账号", "counterparty account"),
    "counterpart_name": ("对方户名", "counterparty name"),
    "counterpart_id": ("对方证件号码", "counterparty ID number"),
    "counterpart_bank": ("对方开户行", "counterparty bank"),
    "summary": ("摘要", "summary"),
    "channel": ("交易渠道", "channel"),
    "place": ("交易网点", "place"),
    "status": ("交易状态", "status"),
    "txn_type": ("交易类型", "transaction type"),
    "fund_status": ("资金状态", "fund status"),
    "linked_card": ("用户银行卡号", "linked bank card"),
    "cash_flag": ("现金标志", "cash flag"),
    "ip": ("IP地址", "IP address"),
    "mac": ("MAC地址", "MAC address"),
    "bank": ("开户行", "bank"),
    "own_number": ("本机号码", "own number"),
    "other_number": ("对方号码", "other number"),
    "caller": ("主叫号码", "calling number"),
    "callee": ("被叫号码", "called number"),
    "call_type": ("呼叫类型", "call type"),
    "service": ("业务类型", "voice or SMS"),
    "start_time": ("开始时间", "start time"),
    "duration": ("通话时长", "duration"),
    "cell": ("基站", "cell"),
    "lac": ("LAC", "LAC"),
    "ci": ("CI", "CI"),
    "cell_address": ("基站地址", "cell address"),
    "imei": ("IMEI", "IMEI"),
    "imsi": ("IMSI", "IMSI"),
    "longitude": ("经度", "cell longitude"),
    "latitude": ("纬度", "cell latitude"),
    "roaming": ("漫游地", "roaming area"),
    "name": ("姓名", "name"),
    "phone": ("手机号码", "phone number"),
    "region": ("户籍地/归属地", "region"),
    "note": ("备注", "note"),
}
# fmt: on

# Title facts ("卡号：6222...") that stand in for a column the table lacks.
_FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "bank": ("card", "account_name", "id_number", "bank", "currency"),
    "calls": ("own_number", "imei", "imsi"),
    "register": ("bank",),
}
_EXTRA_FACT_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "bank": {
        "card": (
            "卡号",
            "账号",
            "客户账号",
            "查询账号",
            "账户账号",
            "支付宝账户",
            "支付宝账号",
            "微信昵称",
            "京东账号名",
            "京东账号",
            "美团账号",
            "美团用户名",
            "账号名",
            "用户名",
            "账户",
            "卡号/账号",
            "账号/卡号",
            "信用卡号",
            "借记卡号",
            "card number",
            "account number",
        ),
        "account_name": (
            "户名",
            "客户名称",
            "账户户名",
            "账户名称",
            "姓名",
            "客户姓名",
            "持卡人",
            "持卡人姓名",
            "name",
            "account name",
        ),
    },
    "calls": {
        "own_number": (
            "号码",
            "手机号码",
            "电话号码",
            "查询号码",
            "手机号",
            "本机号码",
            "调取号码",
            "对象号码",
            "用户号码",
            "机主号码",
            "目标号码",
            "服务号码",
            "查询对象",
            "subscriber",
            "target number",
            "msisdn",
        )
    },
    "register": {},
}
# Headers naming the other party: only counterpart fields may match them loosely, and
# counterpart fields never match a header without such a mark.
_COUNTERPART_MARKS = ("交易对方", "交易对手", "对方", "对手", "counterparty", "opposite",
                      "beneficiary")  # fmt: skip
# Fields whose names are too short or too common to find inside other names (漫游类型 is
# no 类型 of call): they match a header only exactly.
_EXACT_ONLY = frozenset({"service", "linked_card", "fund_status", "longitude", "latitude"})
_OWN_OF_COUNTERPART = {
    "counterpart_card": "card",
    "counterpart_name": "account_name",
    "counterpart_id": "id_number",
    "counterpart_bank": "bank",
}

# --- normalisation -----------------------------------------------------------------------------

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACES_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)
_UNIT_BRACKET = re.compile(
    r"[(\[{<](?:元|人民币|人民币元|rmb|cny|yuan|秒|s|sec|secs|seconds|分钟|min|"
    r"[ymdhs:/ -]{4,}|格式[^)\]}>]*)[)\]}>]",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[\s()\[\]{}<>_\-.:;,'\"`·、/\\|#*]+")


def clean_header(cell: str) -> str:
    """A header cell as shown to the analyst: trimmed, invisible characters and full-width
    spaces removed, inner whitespace collapsed, spaces between Chinese characters dropped.

    >>> clean_header(" 交　易\\n时 间 "), clean_header("Card  No.")
    ('交易时间', 'Card No.')
    """
    s = cell.translate(_INVISIBLE).replace("\u3000", " ")
    s = " ".join(s.split())
    return _SPACES_BETWEEN_CJK.sub("", s)


def normalize_header(cell: str) -> str:
    """The key headers are compared by: NFKC, lower case, 帐 read as 账, unit brackets such as
    ``(元)`` and ``(秒)`` dropped, other brackets, spaces and punctuation removed.

    >>> normalize_header("交易金额（元）"), normalize_header("对方帐号(卡号)")
    ('交易金额', '对方账号卡号')
    >>> normalize_header(" Card No. "), normalize_header("通话时长(秒)")
    ('cardno', '通话时长')
    """
    s = unicodedata.normalize("NFKC", clean_header(cell)).lower().replace("帐", "账")
    s = _UNIT_BRACKET.sub("", s)
    return _PUNCT.sub("", s)


@dataclass(frozen=True)
class _Index:
    """Synonyms of one kind prepared for matching."""

    exact: dict[str, list[tuple[str, int]]]  # casefolded clean synonym -> [(field, rank)]
    normal: dict[str, list[tuple[str, int]]]  # normalised synonym -> [(field, rank)]
    by_field: dict[str, list[str]]  # field -> normalised synonyms


def _build_index(table: dict[str, tuple[str, ...]]) -> _Index:
    exact: dict[str, list[tuple[str, int]]] = {}
    normal: dict[str, list[tuple[str, int]]] = {}
    by_field: dict[str, list[str]] = {}
    for fld, synonyms in table.items():
        for rank, syn in enumerate(synonyms):
            exact.setdefault(clean_header(syn).casefold(), []).append((fld, rank))
            key = normalize_header(syn)
            normal.setdefault(key, []).append((fld, rank))
            by_field.setdefault(fld, []).append(key)
    return _Index(exact, normal, by_field)


_INDEX = {kind: _build_index(table) for kind, table in SYNONYMS.items()}
_KNOWN = frozenset(k for index in _INDEX.values() for k in index.normal if k)


def is_known_header(cell: str) -> bool:
    """True if ``cell`` (normalised) is a column name of any import kind.

    >>> is_known_header("交易金额(元)"), is_known_header("6222021234567890123")
    (True, False)
    """
    return normalize_header(cell) in _KNOWN


# --- mapping -----------------------------------------------------------------------------------


@dataclass
class Mapping:
    """Which column of a table holds which field of an import ``kind``.

    ``columns`` maps field -> column index in ``header``; ``constants`` holds fields the
    table has no column for but whose value is known for the whole file (the own card from
    the title rows, or a value the analyst typed). ``missing`` lists the required fields
    (see :data:`REQUIREMENTS`) neither supplies, plus ``'direction'`` when
    ``amount_unsigned``. ``columns`` is ordered by column index.
    """

    kind: str
    columns: dict[str, int]
    confidence: float
    field_confidence: dict[str, float]
    missing: list[str]
    header: list[str] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)
    #: The sample rows given to :func:`auto_map` held no negative amount, so a single amount
    #: column cannot give the direction: a direction column (or constant) is required.
    amount_unsigned: bool = False

    def is_complete(self) -> bool:
        """True when every required field has a column or a constant."""
        return not self.missing

    @property
    def owner_known(self) -> bool:
        """Whether the statement's own account comes from a column or a constant (a title
        fact, the file name, the analyst); else its rows go under a placeholder account."""
        return self.kind != "bank" or "card" in self.columns or bool(self.constants.get("card"))

    def set_column(self, fld: str, column: int | None) -> None:
        """Assign ``column`` to ``fld`` (the analyst's choice: confidence 1.0), or unassign
        with ``None``. A column holds one field: its previous field loses it."""
        _check_field(self.kind, fld)
        if column is None:
            self.columns.pop(fld, None)
            self.field_confidence.pop(fld, None)
        else:
            if self.header and not 0 <= column < len(self.header):
                raise ValueError(f"column {column} is outside the header")
            for other, index in list(self.columns.items()):
                if index == column and other != fld:
                    del self.columns[other]
                    self.field_confidence.pop(other, None)
            self.columns[fld] = column
            self.field_confidence[fld] = 1.0
        self._refresh()

    def set_constant(self, fld: str, value: str | None) -> None:
        """Give ``fld`` one value for every row (``None`` or blank removes it). A column
        mapped to the field wins; the constant stands in where there is none."""
        _check_field(self.kind, fld)
        if value is None or not value.strip():
            self.constants.pop(fld, None)
            if fld not in self.columns:
                self.field_confidence.pop(fld, None)
        else:
            self.constants[fld] = value.strip()
            if fld not in self.columns:
                self.field_confidence[fld] = 1.0
        self._refresh()

    def _refresh(self) -> None:
        self.columns = dict(sorted(self.columns.items(), key=lambda item: item[1]))
        self.missing = _missing(self.kind, self.columns, self.constants, self.amount_unsigned)
        self.confidence = _overall(self.kind, self.columns, self.constants, self.field_confidence)


#: Constants that are no column: how to read the statement as a whole. ``owner_kind`` is
#: what the own account is (bank_card, payment_account, crypto_wallet), ``platform`` the
#: payment platform of a bill (alipay, wechat...), ``amount_sign`` 'credit' where a positive
#: amount is money out (credit-card statements), ``amount_unit`` 'fen' where amounts are in
#: fen (Tenpay replies).
HINTS: dict[str, tuple[str, ...]] = {
    "bank": ("owner_kind", "platform", "amount_sign", "amount_unit", "date_order", "year_month"),
    "calls": ("date_order",),
    "register": (),
}


def _check_field(kind: str, fld: str) -> None:
    if kind not in SYNONYMS:
        raise ValueError(f"unknown import kind {kind!r}")
    if fld not in SYNONYMS[kind] and fld not in HINTS[kind]:
        raise ValueError(f"{fld!r} is not a field of {kind} imports")


def _satisfied(alternative: tuple[str, ...], columns, constants) -> bool:
    return all(f in columns or f in constants for f in alternative)


def _missing(kind: str, columns, constants, amount_unsigned: bool = False) -> list[str]:
    missing = []
    for requirement in REQUIREMENTS[kind]:
        if not any(_satisfied(alt, columns, constants) for alt in requirement):
            missing.append(requirement[0][0])
    if (
        kind == "bank"
        and amount_unsigned
        and "amount" in columns
        and not ({"amount_in", "amount_out", "direction"} & (columns.keys() | constants.keys()))
    ):
        missing.append("direction")
    return missing


def _overall(kind: str, columns, constants, field_confidence) -> float:
    """Mean over the requirements of how surely the best alternative is met (0 when not)."""
    scores = []
    for requirement in REQUIREMENTS[kind]:
        best = 0.0
        for alt in requirement:
            if _satisfied(alt, columns, constants):
                best = max(best, min(field_confidence.get(f, 1.0) for f in alt))
        scores.append(best)
    return round(sum(scores) / len(scores), 3) if scores else 0.0


def _candidates(header: list[str], kind: str) -> list[tuple[float, int, int, str]]:
    """Every plausible (score, -rank, column, field); higher tuples are better matches."""
    index = _INDEX[kind]
    found: list[tuple[float, int, int, str]] = []
    for col, cell in enumerate(header):
        clean = clean_header(cell).casefold()
        key = normalize_header(cell)
        if not key:
            continue
        hits = [(1.0, -rank, col, f) for f, rank in index.exact.get(clean, ())]
        hits += [(0.9, -rank, col, f) for f, rank in index.normal.get(key, ())]
        if not hits:
            hits = _loose(key, col, kind, index)
        found.extend(hits)
    return found


def _loose(key: str, col: int, kind: str, index: _Index) -> list[tuple[float, int, int, str]]:
    """Substring and spelling matches, scored 0.4-0.6.

    Chinese compound names put the head noun last (对方账号开户行 is a bank, not an account),
    so a synonym found nearer the end of the header scores higher. A header naming the other
    party (对方/对手/counterparty) matches counterpart fields only, through the synonyms of
    the corresponding own-side field with the mark removed.
    """
    mark = next((m for m in _COUNTERPART_MARKS if m in key), None)
    if mark is not None:
        rest = key.replace(mark, "", 1)
        pool = {cp: index.by_field.get(own, []) for cp, own in _OWN_OF_COUNTERPART.items()}
        pool = {
            f: syns + index.by_field.get(f, []) for f, syns in pool.items() if f in index.by_field
        }
    else:
        rest = key
        pool = {
            f: s
            for f, s in index.by_field.items()
            if f not in _OWN_OF_COUNTERPART and f not in _EXACT_ONLY
        }
    hits: list[tuple[float, int, int, str]] = []
    if not rest:
        return hits
    for fld, synonyms in pool.items():
        best = 0.0
        for rank, syn in enumerate(synonyms):
            if len(syn) < 2 or syn not in rest:
                continue
            end = rest.rfind(syn) + len(syn)
            score = 0.4 + 0.1 * len(syn) / len(rest) + 0.1 * end / len(rest)
            if score > best:
                best, best_rank = score, rank
        if best:
            hits.append((round(best, 3), -best_rank, col, fld))
    if not hits and len(rest) >= 3:
        for fld, synonyms in pool.items():
            close = difflib.get_close_matches(rest, synonyms, n=1, cutoff=0.8)
            if close:
                ratio = difflib.SequenceMatcher(None, rest, close[0]).ratio()
                hits.append((round(0.6 * ratio, 3), -synonyms.index(close[0]), col, fld))
    return hits


def auto_map(
    header: list[str],
    kind: str,
    title_facts: dict[str, str] | None = None,
    *,
    sample: list[list[str]] | None = None,
    context: str = "",
) -> Mapping:
    """Map ``header`` onto the fields of ``kind`` ('bank', 'calls' or 'register').

    Each column serves one field and each field takes its best column (ties go to the
    earlier synonym, then the leftmost column). Title facts such as ``卡号：6222...`` fill
    fields the table has no column for (confidence 0.9). A 交易时间 beside a 交易日期 column is
    read as the time of day.

    A bank statement with one amount column and no debit/credit column needs signed
    amounts. The header alone cannot tell; pass some data rows as ``sample`` and, if none of
    their amounts is negative, ``'direction'`` is reported missing rather than every row
    being read as money in.

    With a ``sample`` (and the ``context``: the text above the header, the file and sheet
    name) the mapping also learns what the header cannot say: which of two amount columns
    holds the money, that a 卡号末四位 column names no account, the order of day and month
    in 28/03/2024, the year of a statement's 03/27, a credit card's sign convention and the
    payment platform of a bill (see :data:`HINTS`).

    >>> m = auto_map(["交易卡号", "交易时间", "借贷标志", "交易金额(元)", "对方账号"], "bank")
    >>> m.columns
    {'card': 0, 'time': 1, 'direction': 2, 'amount': 3, 'counterpart_card': 4}
    >>> m.field_confidence["amount"], m.is_complete()
    (0.9, True)
    >>> m = auto_map(["交易日期", "交易金额", "摘要"], "bank", {"卡号": "6222021234567890123"})
    >>> m.constants, m.missing
    ({'card': '6222021234567890123'}, [])
    """
    if kind not in SYNONYMS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {KINDS}")
    columns: dict[str, int] = {}
    confidence: dict[str, float] = {}
    for score, _rank, col, fld in sorted(
        _candidates(header, kind), key=lambda c: (-c[0], -c[1], c[2])
    ):
        if fld in columns or col in columns.values():
            continue
        columns[fld] = col
        confidence[fld] = score
    _fix_up(kind, columns, confidence)
    constants: dict[str, str] = {}
    for fld, value in _facts_for(kind, title_facts or {}).items():
        if fld not in columns:
            constants[fld] = value
            confidence[fld] = 0.9
    unsigned = False
    if kind == "bank" and sample and "amount" in columns and "direction" not in columns:
        col = columns["amount"]
        values = [row[col].strip() for row in sample if col < len(row) and row[col].strip()]
        # An explicit '+' on the amounts signs them too (a merchant's '+768.43元' rows).
        unsigned = bool(values) and not any(v[0] in "-(+" or v.endswith("-") for v in values)
    if kind == "bank" and "amount" in columns and _in_fen(header[columns["amount"]]):
        constants["amount_unit"] = "fen"
    if sample is not None or context:
        unsigned = _refine(kind, header, columns, confidence, constants, sample or [], context,
                           title_facts or {}, unsigned)  # fmt: skip
    mapping = Mapping(kind, columns, 0.0, confidence, [], list(header), constants, unsigned)
    mapping._refresh()
    return mapping


_PLATFORM_MARKS = (
    ("alipay", ("支付宝", "alipay", "付款方支付宝账号", "收款方支付宝账号")),
    ("wechat", ("微信", "财付通", "tenpay", "wechat", "wxid_")),
    ("jd", ("京东", "jd.com", "白条")),
    ("meituan", ("美团", "meituan")),
    ("unionpay", ("云闪付", "银联二维码")),
)
_SUFFIX_ONLY = re.compile(r"末四位|后四位|末4位|后4位|尾号|last\s*4|last\s*four", re.IGNORECASE)
_DMY = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_YEAR_MONTH = re.compile(r"(20\d\d|19\d\d)\s*[年.\-/]?\s*(0[1-9]|1[0-2]|[1-9])\s*月?")
_CREDIT_OUT = ("消费", "取现", "分期", "年费", "利息", "手续费", "滞纳金", "扣款", "购物", "支付")
_CREDIT_IN = ("还款", "退款", "退货", "存入", "返现", "溢缴", "冲正", "退回")


def _blank(value: str) -> bool:
    v = value.strip()
    return not v or v in ("-", "--", "---", "/", "—", "——", "0", "0.00", "null", "NULL")


def _column_values(sample: list[list[str]], col: int) -> list[str]:
    return [row[col].strip() for row in sample if col < len(row)]


def _refine(kind, header, columns, confidence, constants, sample, context, facts, unsigned):
    """What a sample of rows and the text around the table tell beyond the header names;
    returns whether the lone amount column is still unsigned."""
    if kind == "calls":
        _date_order(columns, constants, sample, ("start_time", "date"))
        return unsigned
    if kind != "bank":
        return unsigned
    text = f"{context}\n{' '.join(header)}".lower()
    # -- a payment platform's bill: the owner and counterparts are accounts of that platform
    if "platform" not in constants:
        for code, marks in _PLATFORM_MARKS:
            if any(m.lower() in text for m in marks):
                constants["platform"] = code
                constants.setdefault("owner_kind", "payment_account")
                break
    if "platform" not in constants and "card" in columns:
        ids_ = [v for v in _column_values(sample, columns["card"]) if v]
        if ids_ and all(re.match(r"2088\d{12}\b", v) for v in ids_):  # Alipay user ids
            constants["platform"] = "alipay"
            constants.setdefault("owner_kind", "payment_account")
    # -- a column of last four digits names no account: the owner comes from elsewhere
    if "card" in columns:
        values = [v for v in _column_values(sample, columns["card"]) if v]
        digits = [v for v in values if v.isdigit()]
        if _SUFFIX_ONLY.search(header[columns["card"]]) or (
            values and len(digits) == len(values) and all(len(v) <= 6 for v in digits)
        ):
            del columns["card"]
            confidence.pop("card", None)
            for label, value in facts.items():
                if _SUFFIX_ONLY.search(label) is None and normalize_header(label) in (
                    "卡号", "账号", "银行卡号", "信用卡号"):  # fmt: skip
                    constants.setdefault("card", value)
    # -- of two columns for one amount, the one that holds the money (交易金额 full of '-'
    # beside 记账金额)
    if sample:
        found = _candidates(header, kind)
        for fld in ("amount", "amount_in", "amount_out"):
            col = columns.get(fld)
            if col is None or any(not _blank(v) for v in _column_values(sample, col)):
                continue
            taken = set(columns.values())
            for score, _rank, other, f in sorted(found, key=lambda c: (-c[0], -c[1], c[2])):
                if f != fld or other in taken:
                    continue
                if any(not _blank(v) for v in _column_values(sample, other)):
                    columns[fld], confidence[fld] = other, min(score, 0.8)
                    break
    # -- the settled amount of a credit card (入账金额 beside 交易金额) is the amount, not money in
    if "amount" in columns and "amount_in" in columns and "amount_out" not in columns:
        columns["amount"] = columns.pop("amount_in")
        confidence["amount"] = confidence.pop("amount_in")
    # -- 记账日期 beside a 交易时间 of times of day: the day and the time of day
    if "posting_date" in columns and "date" not in columns and "time" in columns:
        times = [v for v in _column_values(sample, columns["time"]) if v]
        if times and all(re.match(r"\d{1,2}:\d{2}", v) for v in times):
            _move(columns, confidence, "posting_date", "date")
            _move(columns, confidence, "time", "clock")
    # -- dates: day before month (28/03/2024), and the year of a statement's 03/27
    _date_order(columns, constants, sample, ("time", "date", "posting_date"))
    if any(
        re.fullmatch(r"\d{1,2}[/.-]\d{1,2}", v)
        for f in ("date", "posting_date")
        if f in columns
        for v in _column_values(sample, columns[f])
    ):
        found_ym = _YEAR_MONTH.search(context)
        if found_ym:
            constants["year_month"] = f"{found_ym.group(1)}-{int(found_ym.group(2)):02d}"
    # -- a credit card's sign: purchases positive, repayments negative
    if (
        "amount" in columns
        and "direction" not in columns
        and not ({"amount_in", "amount_out"} & columns.keys())
    ):
        votes = 0
        summary_col = columns.get("summary")
        for row in sample:
            col = columns["amount"]
            if col >= len(row) or summary_col is None or summary_col >= len(row):
                continue
            amount, words = row[col].strip(), row[summary_col]
            negative = amount.startswith(("-", "(")) or amount.endswith("-")
            if any(w in words for w in _CREDIT_IN):
                votes += 1 if negative else -1
            elif any(w in words for w in _CREDIT_OUT):
                votes += -1 if negative else 1
        credit_context = "信用卡" in text or "credit card" in text or "账单" in context
        if votes > 0 or (votes == 0 and credit_context and unsigned):
            constants["amount_sign"] = "credit"
            unsigned = False  # purchases positive: the sign, or the words, tell the way
    return unsigned


def _date_order(columns, constants, sample, fields) -> None:
    """'dmy' or 'mdy' for dates written 28/03/2024 or 03/28/2024, decided per column from its
    values (a day above 12 tells); day first when no value tells."""
    for fld in fields:
        if fld not in columns:
            continue
        firsts, seconds = [], []
        for v in _column_values(sample, columns[fld]):
            m = _DMY.match(v)
            if m:
                firsts.append(int(m.group(1)))
                seconds.append(int(m.group(2)))
        if not firsts:
            continue
        if any(f > 12 for f in firsts):
            constants["date_order"] = "dmy"
        elif any(x > 12 for x in seconds):
            constants["date_order"] = "mdy"
        else:
            constants.setdefault("date_order", "dmy")
        return


def _in_fen(name: str) -> bool:
    """Whether a column's name says its amounts are in fen: 交易金额(分), 金额（分）."""
    s = unicodedata.normalize("NFKC", name).replace(" ", "")
    return s.endswith(("(分)", "[分]", "分)")) or s.endswith("金额分")


def _move(columns: dict[str, int], confidence: dict[str, float], src: str, dst: str) -> None:
    columns[dst] = columns.pop(src)
    confidence[dst] = confidence.pop(src)


def _fix_up(kind: str, columns: dict[str, int], confidence: dict[str, float]) -> None:
    """Settle the names whose meaning depends on the other columns."""
    time_field = "time" if kind == "bank" else "start_time"
    if (
        kind == "bank"
        and "date" not in columns
        and "posting_date" in columns
        and (time_field not in columns or "clock" in columns)
    ):
        _move(columns, confidence, "posting_date", "date")
    if kind in ("bank", "calls"):
        # 交易时间 beside 交易日期 holds the time of day; 记账时间 alone holds date and time.
        if "date" in columns and time_field in columns and "clock" not in columns:
            _move(columns, confidence, time_field, "clock")
        if "clock" in columns and "date" not in columns and time_field not in columns:
            _move(columns, confidence, "clock", time_field)
    if kind == "calls" and "lac" in columns and "ci" not in columns and "cell" in columns:
        _move(columns, confidence, "cell", "ci")  # 基站/小区 beside LAC is the cell identity


def facts_for(kind: str, facts: dict[str, str]) -> dict[str, str]:
    """Fields of ``kind`` that title facts supply: {field: value}.

    >>> facts_for("bank", {"账　号": "6222021234567890123", "户名": "张三", "打印时间": "x"})
    {'card': '6222021234567890123', 'account_name': '张三'}
    """
    return _facts_for(kind, facts)


def _facts_for(kind: str, facts: dict[str, str]) -> dict[str, str]:
    """Fields of ``kind`` that title facts supply: {field: value}."""
    index = _INDEX[kind]
    labels: dict[str, tuple[int, str]] = {}
    extra = _EXTRA_FACT_LABELS[kind]
    for label, value in facts.items():
        if not value or not value.strip():
            continue
        key = normalize_header(label)
        candidates = [(rank, f) for f, rank in index.normal.get(key, ())]
        for f, names in extra.items():
            # The extra labels outrank the synonyms, and come in order of preference.
            for position, name in enumerate(names):
                if key == normalize_header(name):
                    candidates.append((position - len(names) - 100, f))
        for rank, fld in candidates:
            if fld in _FACT_FIELDS[kind] and (fld not in labels or rank < labels[fld][0]):
                labels[fld] = (rank, value.strip())
    return {fld: value for fld, (_rank, value) in labels.items()}


def guess_kind(header: list[str]) -> tuple[str, float]:
    """Which import kind ``header`` looks like, and how sure that is (0..1).

    Half of the score is how completely the kind's requirements are met, half how many of
    the non-empty columns map onto its fields (weighted by match confidence).

    >>> guess_kind(["本机号码", "对方号码", "呼叫类型", "开始时间", "通话时长"])[0]
    'calls'
    >>> guess_kind(["交易卡号", "交易时间", "交易金额", "借贷标志", "余额"])[0]
    'bank'
    >>> guess_kind(["姓名", "身份证号", "手机号"])[0]
    'register'
    """
    used = [c for c in header if normalize_header(c)]
    scores = {}
    for kind in KINDS:
        m = auto_map(header, kind)
        covered = sum(m.field_confidence[f] for f in m.columns) / max(len(used), 1)
        met = 1 - len(m.missing) / len(REQUIREMENTS[kind])
        scores[kind] = round(0.5 * met * m.confidence + 0.5 * min(covered, 1.0), 3)
    best = max(KINDS, key=lambda k: scores[k])
    return best, scores[best]


def header_signature(header: list[str]) -> str:
    """A stable fingerprint of a header (normalised cells, in order) for saved profiles.

    >>> header_signature(["交易金额(元)", "卡号"]) == header_signature([" 交易金额 ", "卡号"])
    True
    >>> len(header_signature(["卡号"]))
    16
    """
    text = "\x1f".join(normalize_header(c) for c in header)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- profiles ----------------------------------------------------------------------------------

_PROFILE_VERSION = 1


def mapping_to_dict(mapping: Mapping) -> dict:
    """A JSON-able profile of ``mapping``: columns by header name (and index), constants.

    >>> m = auto_map(["卡号", "交易时间", "交易金额"], "bank")
    >>> d = mapping_to_dict(m)
    >>> d["columns"]["amount"]
    {'header': '交易金额', 'index': 2}
    """
    header = mapping.header
    return {
        "version": _PROFILE_VERSION,
        "kind": mapping.kind,
        "signature": header_signature(header),
        "header": list(header),
        "columns": {
            f: {"header": header[i] if i < len(header) else "", "index": i}
            for f, i in sorted(mapping.columns.items(), key=lambda item: item[1])
        },
        "constants": dict(mapping.constants),
    }


def mapping_from_dict(data: dict, header: list[str] | None = None) -> Mapping:
    """Rebuild a mapping from :func:`mapping_to_dict` output for ``header`` (default: the
    header it was saved with). Columns are found by name, so reordered columns still map;
    among columns of the same name the saved position wins. A saved column whose name is no
    longer in the header is dropped (and shows up in ``missing`` when required).

    >>> saved = mapping_to_dict(auto_map(["卡号", "交易时间", "交易金额"], "bank"))
    >>> mapping_from_dict(saved, ["交易金额", "卡号", "备注", "交易时间"]).columns
    {'amount': 0, 'card': 1, 'time': 3}
    """
    if data.get("version", _PROFILE_VERSION) > _PROFILE_VERSION:
        raise ValueError(f"profile version {data['version']} is newer than this program reads")
    kind = data["kind"]
    if kind not in SYNONYMS:
        raise ValueError(f"unknown import kind {kind!r}")
    if header is None:
        header = list(data.get("header", []))
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    for i, cell in enumerate(header):
        exact.setdefault(clean_header(cell), []).append(i)
        loose.setdefault(normalize_header(cell), []).append(i)
    columns: dict[str, int] = {}
    taken: set[int] = set()
    saved = sorted(data.get("columns", {}).items(), key=lambda item: item[1].get("index", 0))
    for fld, where in saved:
        if fld not in SYNONYMS[kind]:
            continue
        name, index = clean_header(where.get("header", "")), where.get("index")
        options = exact.get(name) or loose.get(normalize_header(name)) or []
        options = [i for i in options if i not in taken]
        if not options:
            continue
        col = index if index in options else options[0]
        columns[fld] = col
        taken.add(col)
    constants = {
        f: v
        for f, v in data.get("constants", {}).items()
        if f in SYNONYMS[kind] or f in HINTS[kind]
    }
    confidence = dict.fromkeys(columns, 1.0)
    confidence.update(dict.fromkeys(constants, 1.0))
    mapping = Mapping(kind, columns, 0.0, confidence, [], list(header), constants)
    mapping._refresh()
    return mapping
