"""The case's vocabulary: entity kinds, roles, statuses, link types and the records the store returns.

Everything here is plain data. Codes (``"car_handler"``) are what the case file stores; the
Chinese term is domain data shipped with the code (prosecutors read the Chinese), and the
English label is the UI's source string, translated by the UI layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """Kinds of entity a case holds."""

    PERSON = "person"
    PHONE_CARD = "phone_card"
    BANK_CARD = "bank_card"
    DEVICE = "device"
    ORGANISATION = "organisation"
    #: an account on a payment platform (支付宝, 微信/财付通, 京东, 美团, 云闪付 ...)
    PAYMENT_ACCOUNT = "payment_account"
    #: a crypto wallet address (USDT on TRON, Ethereum, Bitcoin)
    CRYPTO_WALLET = "crypto_wallet"


#: Kinds through which money moves: the accounts a trace follows and patterns score.
ACCOUNT_KINDS = ("bank_card", "payment_account", "crypto_wallet")


#: Natural key of each kind, as a human reads it.
KEY_NAMES = {
    Kind.PERSON: "ID number",
    Kind.PHONE_CARD: "phone number",
    Kind.BANK_CARD: "card or account number",
    Kind.DEVICE: "IMEI",
    Kind.ORGANISATION: "name",
    Kind.PAYMENT_ACCOUNT: "platform:account",
    Kind.CRYPTO_WALLET: "chain:address",
}


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary: stored code, Chinese term, English label."""

    code: str
    zh: str
    en: str


ROLES: tuple[Term, ...] = (
    Term("organiser", "金主/组织者", "organiser"),
    Term("core_member", "骨干成员", "core member"),
    Term("operator", "话务员", "operator"),
    Term("car_handler", "车手", "car handler"),
    Term("card_seller", "卡商", "card seller"),
    Term("card_supplier", "卡农", "card supplier"),
    Term("score_runner", "跑分", "score runner"),
    Term("money_launderer", "洗钱", "money launderer"),
    Term("traffic_driver", "引流推广", "traffic driver"),
    Term("tech_support", "技术支持", "tech support"),
    Term("border_organiser", "偷越国边境组织者", "border-crossing organiser"),
    Term("victim", "受害人", "victim"),
)

CULPABILITY: tuple[Term, ...] = (
    Term("principal", "首要分子", "principal"),
    Term("main_offender", "主犯", "main offender"),
    Term("accessory", "从犯", "accessory"),
)

LEGAL_STATUS: tuple[Term, ...] = (
    Term("at_large", "在逃", "at large"),
    Term("detained", "刑事拘留", "detained"),
    Term("bail", "取保候审", "on bail"),
    Term("arrested", "逮捕", "arrested"),
    Term("prosecuted", "移送起诉", "transferred for prosecution"),
    Term("sentenced", "判决", "sentenced"),
    Term("admin_penalty", "行政处罚", "administrative penalty"),
    Term("joint_punishment", "联合惩戒", "joint punishment"),
)

REGION_REASONS: tuple[Term, ...] = (
    Term("household", "户籍地", "household registration"),
    Term("phone_attribution", "号码归属地", "phone attribution"),
    Term("account_opening", "开户地", "account opening"),
    Term("activity", "活动地", "activity"),
    Term("arrest", "抓获地", "arrest"),
)

ORGANISATION_TYPES: tuple[Term, ...] = (
    Term("gang", "团伙", "gang"),
    Term("team", "小组", "team"),
    Term("company", "公司", "company"),
)

#: Payment platforms of ``payment_account`` entities (codes as identifiers.PLATFORM_CODES).
PAYMENT_PLATFORMS: tuple[Term, ...] = (
    Term("alipay", "支付宝", "Alipay"),
    Term("wechat", "微信支付", "WeChat Pay"),
    Term("jd", "京东支付", "JD Pay"),
    Term("meituan", "美团支付", "Meituan Pay"),
    Term("unionpay", "云闪付", "UnionPay QR"),
    Term("pdd", "拼多多", "Pinduoduo"),
    Term("douyin", "抖音支付", "Douyin Pay"),
    Term("other", "其他平台", "other platform"),
)

#: Chains of ``crypto_wallet`` entities (codes as identifiers.CHAINS).
CRYPTO_CHAINS: tuple[Term, ...] = (
    Term("tron", "波场", "TRON"),
    Term("ethereum", "以太坊", "Ethereum"),
    Term("bitcoin", "比特币", "Bitcoin"),
)


@dataclass(frozen=True)
class LinkType:
    """A kind of link. ``directed`` links read source -> target (A pays B)."""

    code: str
    zh: str
    en: str
    directed: bool


LINK_TYPES: tuple[LinkType, ...] = (
    LinkType("holds", "持有", "holds", True),
    LinkType("uses", "使用", "uses", True),
    LinkType("calls", "通话", "calls", True),
    LinkType("pays", "转账", "pays", True),
    LinkType("member_of", "成员", "member of", True),
    LinkType("reports_to", "上级", "reports to", True),
    LinkType("recruited", "招募", "recruited", True),
    LinkType("related", "关联", "related", False),
)

#: Where a link came from when it was not typed in by hand.
MANUAL = "manual"

#: Measures taken on an account (止付, 冻结, 扣押, 返还) as the case report counts them.
MEASURES: tuple[Term, ...] = (
    Term("stop", "止付", "stop payment"),
    Term("freeze", "冻结", "freeze"),
    Term("seize", "扣押", "seizure"),
    Term("return", "返还", "returned to victims"),
)

#: The analyst's verdict on a pattern finding.
VERDICTS: tuple[Term, ...] = (
    Term("confirmed", "已确认", "confirmed"),
    Term("dismissed", "已排除", "dismissed"),
)


@dataclass(frozen=True)
class Measure:
    """A measure taken on an account: stop-payment, freeze, seizure or return."""

    id: int | None
    entity_id: int
    action: str
    amount_fen: int
    taken_at: str
    analyst: str = ""
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    """The analyst's decision on one finding, kept in the case."""

    pattern: str
    key: str
    verdict: str
    note: str = ""
    analyst: str = ""
    decided_at: str = ""


def term(vocabulary: tuple[Term, ...], code: str) -> Term:
    """Look a code up in a vocabulary.

    >>> term(ROLES, "car_handler").zh
    '车手'
    """
    for t in vocabulary:
        if t.code == code:
            return t
    raise KeyError(code)


def codes(vocabulary: tuple[Term, ...]) -> frozenset[str]:
    """The set of codes of a vocabulary.

    >>> "victim" in codes(ROLES)
    True
    """
    return frozenset(t.code for t in vocabulary)


@dataclass
class RegionTag:
    """An entity placed in a region, and why."""

    code: str
    reason: str
    name: str = ""
    #: Where an inferred placement came from ("inferred from the ID number"); '' when typed.
    note: str = ""


@dataclass
class Entity:
    """One person, phone card, bank card, device or organisation, as the store returns it."""

    id: int
    kind: Kind
    key: str | None
    name: str
    key_valid: bool = True
    key_problem: str = ""
    culpability: str = ""
    legal_status: str = ""
    notes: str = ""
    attrs: dict = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    regions: list[RegionTag] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""
    #: Raised by every edit; an edit based on an older version is refused.
    version: int = 1

    @property
    def display(self) -> str:
        """Name if known, else the natural key, else ``#id``."""
        return self.name or self.key or f"#{self.id}"


@dataclass
class Link:
    """A typed link between two entities."""

    id: int
    type: str
    source_id: int
    target_id: int
    origin: str = MANUAL
    confidence: float = 1.0
    note: str = ""
    weight: float = 1.0
    created_at: str = ""


@dataclass
class AuditEntry:
    """One row of the audit log: who changed what, when, from what to what."""

    id: int
    ts: str
    analyst: str
    action: str
    table: str
    row_id: int | None
    entity_id: int | None
    old: object
    new: object


@dataclass
class Region:
    """An administrative division of mainland China or a named overseas place."""

    code: str
    name: str
    level: str  # province | prefecture | county | overseas
    parent: str | None
    lat: float | None
    lon: float | None
    name_en: str = ""


@dataclass(frozen=True)
class CaseInfo:
    """Counts of what a case holds."""

    people: int
    bank_cards: int
    phone_cards: int
    devices: int
    organisations: int
    links: int
    transactions: int
    calls: int
    name: str = ""
    schema_version: int = 0
    payment_accounts: int = 0
    crypto_wallets: int = 0
