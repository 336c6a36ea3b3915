"""What the demo case is made of: its name, the name pools, towns, banks, handsets and fraud
scripts it draws from, and the small helpers the builder shares.

Imports nothing from the rest of ``workbench.demo``; the builder's mixins import from here.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

CASE_NAME = "演示案：缅北电诈集团跨境洗钱案 (demo)"
CASE_NUMBER = "石公(刑)立字〔2025〕1234号"
CASE_UNIT = "石柱县公安局反诈中心"

#: ``link.origin`` of links that come from the (pretend) evidence files rather than an analyst.
ORIGIN = "import:demo"

_BASE = datetime(2025, 3, 1)
_DAY = 86_400
_HOUR = 3_600
_LAST_DAY = 196  # victims stop paying in mid-September 2025
_YUAN = 100  # fen per yuan

# (BIN, bank, short name used in ATM places, card length, weight). Real debit-card BINs.
_BANKS = (
    ("622202", "中国工商银行", "工行", 19, 14),
    ("621700", "中国建设银行", "建行", 19, 14),
    ("622848", "中国农业银行", "农行", 19, 18),
    ("621661", "中国银行", "中行", 19, 8),
    ("622262", "交通银行", "交行", 19, 5),
    ("622588", "招商银行", "招行", 16, 6),
    ("623668", "中国邮政储蓄银行", "邮储", 19, 14),
    ("622909", "兴业银行", "兴业", 18, 3),
    ("622690", "中信银行", "中信", 16, 3),
    ("622622", "中国民生银行", "民生", 16, 3),
)
_BANK_WEIGHTS = [b[4] for b in _BANKS]

_CARRIERS = (
    ("中国移动", 55, "134 135 136 137 138 139 150 151 152 157 158 159 178 182 183 187 188 198"),
    ("中国联通", 25, "130 131 132 155 156 175 176 185 186"),
    ("中国电信", 20, "133 153 173 177 180 181 189 191 199"),
)

# (model, first digits of the TAC)
_HANDSETS = (
    ("华为 Mate 60 Pro", "86"),
    ("华为 nova 11", "86"),
    ("OPPO Reno10", "86"),
    ("vivo Y78", "86"),
    ("小米 13", "86"),
    ("红米 Note 12", "86"),
    ("荣耀 X50", "86"),
    ("iPhone 13", "35"),
    ("iPhone 14 Pro", "35"),
    ("三星 Galaxy A54", "35"),
)

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶"
    "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛"
    "郝顾龚邵万覃武钱戴严莫孔向汤冉"
)
# Surnames common where the local gangs come from (Tujia counties, Linyi, Quanzhou).
_LOCAL_SURNAMES = {
    "5002": "谭冉向秦马陈刘黄杨谢崔任彭田龚",
    "3713": "王张李刘孙徐高杜庄魏",
    "3505": "陈林黄王吴蔡洪苏庄许",
}
_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文海成东兵亮松雄江峰锋晨昊彬坤"
_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹倩琳晶颖洁梅琴兰红萍丹玉娇佳欣悦璐雯蓉薇露瑶"

# Where the gangs work: county code -> (how places are written, towns).
_TOWNS = {
    "500240": ("石柱县", ("南宾街道", "万安街道", "下路街道", "西沱镇", "悦来镇", "冷水镇")),
    "500243": ("彭水县", ("汉葭街道", "绍庆街道", "靛水街道", "保家镇", "郁山镇")),
    "371302": ("临沂市兰山区", ("兰山街道", "金雀山街道", "柳青街道", "银雀山街道")),
    "371311": ("临沂市罗庄区", ("罗庄街道", "盛庄街道", "傅庄街道")),
    "371312": ("临沂市河东区", ("九曲街道", "芝麻墩街道")),
    "450103": ("南宁市青秀区", ("新竹街道", "中山街道", "津头街道")),
    "450107": ("南宁市西乡塘区", ("北湖街道", "衡阳街道", "西乡塘街道")),
}

# Provinces of victims and ordinary account holders, weighted; Chongqing is the case's home.
_PROVINCE_WEIGHTS = {
    "50": 26, "51": 8, "44": 7, "32": 6, "33": 5, "37": 5, "41": 5, "42": 4, "43": 4,
    "45": 4, "52": 4, "53": 3, "35": 3, "34": 3, "36": 3, "13": 3, "61": 2, "21": 2,
    "11": 2, "31": 2, "12": 1, "14": 1, "15": 1, "22": 1, "23": 1, "46": 1, "62": 1,
    "64": 1, "65": 1,
}  # fmt: skip
# Where compound workers are typically recruited from.
_WORKER_PROVINCES = {
    "50": 8, "51": 6, "52": 5, "53": 5, "43": 4, "45": 4, "36": 3, "41": 3, "42": 3, "35": 3,
    "44": 2, "34": 2, "23": 1, "13": 1,
}  # fmt: skip
_CHONGQING_NEAR = ("500240", "500240", "500243", "500230", "500233", "500242", "500114")
_LINYI = ("371302", "371311", "371312", "371321", "371323", "371324", "371325")
_QUANZHOU = ("350524", "350582", "350583", "350521", "350581")

# Fraud scripts: team, payments (min, max), first amount (yuan, min, max), growth, gap (s).
_SCRIPTS = {
    "虚假投资理财": ("invest", (3, 9), (2_000, 6_000), (1.5, 2.4), (_DAY, 6 * _DAY)),
    "刷单返利": ("task", (3, 8), (200, 900), (1.6, 2.6), (600, 2 * _HOUR)),
    "冒充电商物流客服": ("service", (1, 3), (3_000, 40_000), (0.6, 1.4), (300, 1_800)),
    "网络交友诱导赌博": ("romance", (3, 10), (1_000, 3_000), (1.3, 2.0), (_DAY, 5 * _DAY)),
    "虚假贷款": ("loan", (2, 4), (500, 900), (1.0, 1.0), (900, 2 * _DAY)),
}
_VICTIMS_PER_SCRIPT = {
    "虚假投资理财": 40,
    "刷单返利": 32,
    "冒充电商物流客服": 22,
    "网络交友诱导赌博": 32,
    "虚假贷款": 16,
}

_PLATFORMS = ("通汇付第三方支付", "聚合支付-某游戏点卡商户", "某虚拟币交易平台入金",
              "某网络商城余额充值")  # fmt: skip
_EVERYDAY_PLATFORMS = ("财付通-微信零钱充值", "支付宝-余额充值", "美团支付", "京东支付",
                       "拼多多支付")  # fmt: skip
_SHOPS = ("超市", "便利店", "餐馆", "药房", "加油站", "服装店", "火锅店", "五金店", "通讯店",
          "水果店")  # fmt: skip
_SHOP_WORDS = "佳乐福兴旺鑫隆盛和顺发达惠民金鼎永安家家好又多万达百汇"
_COMPANY_KINDS = ("建筑工程有限公司", "商贸有限公司", "物流有限公司", "餐饮管理有限公司",
                  "农业开发有限公司", "电子科技有限公司", "劳务派遣有限公司")  # fmt: skip
_COUNTY_SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "自治县", "县", "区",
                    "市")  # fmt: skip
_CUSTODY = {"detained", "arrested", "bail", "prosecuted", "sentenced"}


@dataclass
class _P:
    """A person as the builder tracks them: entity id plus what later steps need."""

    id: int
    name: str
    county: str  # household county ('' when unidentified)
    area: str  # where they are active: county code or overseas code
    phone: int | None = None
    cards: list[int] = field(default_factory=list)  # cards in everyday use
    device: int | None = None


@dataclass
class _Victim:
    person: _P
    script: str
    team: str
    payments: list[tuple[int, int, int]] = field(default_factory=list)  # (t, card, fen)


_DAY_PREFIX: dict[int, str] = {}


def _stamp(seconds: int) -> str:
    """'YYYY-MM-DD HH:MM:SS' of seconds after the base date (hot path: 80,000 rows)."""
    day, sec = divmod(seconds, _DAY)
    prefix = _DAY_PREFIX.get(day)
    if prefix is None:
        prefix = _DAY_PREFIX[day] = f"{_BASE + timedelta(days=day):%Y-%m-%d} "
    h, rest = divmod(sec, _HOUR)
    return f"{prefix}{h:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _tron_address(rng: random.Random) -> str:
    """A well-formed TRON address: Base58Check of 0x41 and 20 random bytes."""
    payload = b"\x41" + bytes(rng.randrange(256) for _ in range(20))
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _BASE58[r] + out
    return out


_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _short(name: str) -> str:
    """'石柱土家族自治县' -> '石柱', '兰山区' -> '兰山': how tellers name a branch."""
    for suffix in _COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
