"""The demo case: a fictional anti-fraud case that looks and behaves like a real one.

It is what a new user sees on first start and what tests and benchmarks run against, so it
has to carry the patterns a case squad hunts for (DOMAIN.md, and the Shizhu article in
``shared/seed``): a compound in northern Myanmar with teams and a reports-to chain, card
dealers in Shizhu and Pengshui feeding a GOIP box, score runners, a Linyi laundering team
with car handlers who withdraw cash at night, a Quanzhou loan-fraud crew working out of
Nanning, ~140 victims across the provinces, 跑分 Alipay accounts and a WeChat Pay account
relaying victims' money and a USDT wallet on TRON, and enough ordinary banking and call noise that
the patterns have to be found rather than read off.

Every name, number and story is invented. Identifiers are nevertheless well formed (real
county codes and check characters in ID numbers, real bank BINs and Luhn digits on cards,
Luhn-valid IMEIs) so that validation, region lookup and masking treat them like real
evidence; about 1% of card numbers fail Luhn on purpose, as transcription errors in real
statements do.

The builder draws from one ``random.Random(seed)`` in a fixed order and uses fixed dates
(March to September 2025), so a seed always gives the same case. Rows go in with raw
``executemany`` inside one ``CaseStore.bulk`` transaction: the per-entity API would audit
every row and take minutes, and the demo is built while the user waits on first start.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from . import identifiers as ids
from .model import MANUAL, CaseInfo
from .regions import all_regions
from .store import CaseStore

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


class _Builder:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        regions = all_regions()
        self.region_name = {r.code: r.name for r in regions}
        self.region_parent = {r.code: r.parent for r in regions}
        self.counties: dict[str, list[str]] = {}
        for r in regions:
            if r.level == "county" and r.code.isdigit():
                self.counties.setdefault(r.code[:2], []).append(r.code)
        self.entities: list[list] = []
        self.roles: list[tuple[int, str]] = []
        self.aliases: list[tuple[int, str]] = []
        self.tags: dict[tuple[int, str, str], None] = {}
        self.links: list[tuple] = []
        self.txns: list[list] = []
        self.calls: list[tuple] = []
        self._next_id = 1
        self._keys: set[tuple[str, str]] = set()
        self._names: set[str] = set()
        self.card_name: dict[int, str] = {}
        self.card_bank: dict[int, tuple[str, str]] = {}
        self.card_attrs: dict[int, dict] = {}
        self.phone_area: dict[int, str] = {}
        self.phone_devices: dict[int, list[int]] = {}
        self._cells: dict[str, list[str]] = {}
        self.people: list[_P] = []
        self.everyday_cards: list[int] = []  # cards of people with ordinary lives
        self.measures: list[tuple[int, str, int, str, str]] = []

    # ------------------------------------------------------------------ primitives

    def _entity(
        self,
        kind,
        key,
        name="",
        *,
        attrs=None,
        valid=True,
        problem="",
        culpability="",
        status="",
        notes="",
    ) -> int:
        eid = self._next_id
        self._next_id += 1
        created = _BASE + timedelta(days=190, seconds=self.rng.randrange(45 * _DAY))
        stamp = created.isoformat() + "+08:00"
        self.entities.append(
            [
                eid,
                kind,
                key,
                name,
                int(valid),
                problem,
                culpability,
                status,
                notes,
                attrs if attrs is not None else {},
                stamp,
                stamp,
            ]
        )
        return eid

    def _tag(self, eid: int, code: str, reason: str) -> None:
        assert code in self.region_name, code
        self.tags[(eid, code, reason)] = None

    def _link(self, type_, source, target, *, origin=MANUAL, confidence=1.0, note="") -> None:
        created = _BASE + timedelta(days=192, seconds=self.rng.randrange(40 * _DAY))
        self.links.append(
            (type_, source, target, origin, confidence, 1.0, note, created.isoformat() + "+08:00")
        )

    def _unique(self, kind: str, make) -> str:
        while True:
            key = make()
            if (kind, key) not in self._keys:
                self._keys.add((kind, key))
                return key

    def _county(self, weights: dict[str, int]) -> str:
        province = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        return self.rng.choice(self.counties[province])

    def _name(self, sex: str, county: str = "", surname: str = "") -> str:
        rng = self.rng
        pool = _LOCAL_SURNAMES.get(county[:4], "")
        for _ in range(50):
            s = surname or (
                rng.choice(pool) if pool and rng.random() < 0.6 else rng.choice(_SURNAMES)
            )
            chars = _MALE if sex == "男" else _FEMALE
            given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
            if s + given not in self._names:
                break
        self._names.add(s + given)
        return s + given

    def _id_number(self, county: str, sex: str, years: tuple[int, int]) -> str:
        rng = self.rng

        def make() -> str:
            lo = date(years[0], 1, 1)
            born = lo + timedelta(days=rng.randrange((date(years[1], 12, 31) - lo).days))
            seq = rng.randrange(1000)
            if (seq % 2 == 1) != (sex == "男"):
                seq ^= 1
            body = f"{county}{born:%Y%m%d}{seq:03d}"
            return body + ids.id_check_char(body)

        return self._unique("person", make)

    def person(
        self,
        county: str,
        roles: tuple[str, ...],
        *,
        sex="",
        years=(1975, 2000),
        culpability="",
        status="",
        area="",
        arrest="",
        aliases=(),
        notes="",
        identified=True,
        surname="",
        attrs=None,
    ) -> _P:
        rng = self.rng
        sex = sex or ("男" if rng.random() < 0.8 else "女")
        if identified:
            name = self._name(sex, county, surname)
            key = self._id_number(county, sex, years)
        else:
            name, key = aliases[0], None
        pid = self._entity(
            "person",
            key,
            name,
            attrs={"sex": sex, **(attrs or {})},
            culpability=culpability,
            status=status,
            notes=notes,
        )
        self.roles.extend((pid, r) for r in roles)
        self.aliases.extend((pid, a) for a in aliases)
        if identified:
            self._tag(pid, county, "household")
        if area:
            self._tag(pid, area, "activity")
        if arrest and status in _CUSTODY:
            self._tag(pid, arrest, "arrest")
        p = _P(pid, name, county if identified else "", area or county)
        self.people.append(p)
        return p

    def org(self, name: str, org_type: str, region: str, notes: str = "") -> int:
        oid = self._entity("organisation", None, name, attrs={"org_type": org_type}, notes=notes)
        self._tag(oid, region, "activity")
        return oid

    def card(
        self,
        holder: _P | None,
        county: str,
        *,
        name: str = "",
        everyday: bool = False,
        origin: str = ORIGIN,
        opened: date | None = None,
    ) -> int:
        rng = self.rng
        bin_, bank, short, length, _ = rng.choices(_BANKS, weights=_BANK_WEIGHTS)[0]
        bad = rng.random() < 0.01

        def make() -> str:
            body = bin_ + f"{rng.randrange(10 ** (length - 7)):0{length - 7}d}"
            check = ids.luhn_check_digit(body)
            if bad:
                check = str((int(check) + rng.randint(1, 9)) % 10)
            return body + check

        key = self._unique("bank_card", make)
        holder_name = holder.name if holder else name
        if opened is None:
            opened = date(2008, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        attrs = {
            "bank": bank,
            "branch": f"{bank}{_short(self.region_name[county])}支行",
            "account_name": holder_name,
            "card_type": "借记卡",
            "opened_on": opened.isoformat(),
        }
        cid = self._entity(
            "bank_card", key, attrs=attrs, valid=not bad, problem="luhn" if bad else ""
        )
        self._tag(cid, county, "account_opening")
        self.card_name[cid] = holder_name
        self.card_bank[cid] = (bank, short)
        self.card_attrs[cid] = attrs
        if holder is not None:
            self._link("holds", holder.id, cid, origin=origin)
            if everyday:
                holder.cards.append(cid)
        if everyday:
            self.everyday_cards.append(cid)
        return cid

    def phone(
        self,
        holder: _P | None,
        county: str,
        *,
        area: str = "",
        registered: str = "",
        origin: str = ORIGIN,
        note: str = "",
        confidence: float = 1.0,
    ) -> int:
        rng = self.rng
        carrier, _, prefixes = rng.choices(_CARRIERS, weights=[c[1] for c in _CARRIERS])[0]
        prefixes = prefixes.split()
        key = self._unique(
            "phone_card", lambda: rng.choice(prefixes) + f"{rng.randrange(10**8):08d}"
        )
        attrs = {"carrier": carrier}
        if registered or holder:
            attrs["registered_name"] = registered or holder.name
        pid = self._entity("phone_card", key, attrs=attrs)
        parent = self.region_parent.get(county) or county
        self._tag(pid, parent, "phone_attribution")
        self.phone_area[pid] = area or county
        if holder is not None:
            self._link("holds", holder.id, pid, origin=origin, note=note, confidence=confidence)
            if holder.phone is None:
                holder.phone = pid
        return pid

    def device(
        self, holder: _P | None, *, model: str = "", name: str = "", kind: str = "手机"
    ) -> int:
        rng = self.rng
        if not model:
            model, tac = rng.choice(_HANDSETS)
        else:
            tac = "86"

        def make() -> str:
            body = tac + f"{rng.randrange(10**12):012d}"
            return body + ids.luhn_check_digit(body)

        key = self._unique("device", make)
        did = self._entity("device", key, name, attrs={"model": model, "type": kind})
        if holder is not None:
            self._link("uses", holder.id, did, origin=ORIGIN)
            if holder.device is None:
                holder.device = did
                if holder.phone is not None:
                    self.phone_devices.setdefault(holder.phone, []).append(did)
        return did

    def equip(self, p: _P, *, device_p: float = 0.7, cards: int = 1, phone: bool = True) -> None:
        """Give a person the everyday phone, handset and cards most people have."""
        if phone:
            self.phone(p, p.county or "500240", area=p.area)
        if self.rng.random() < device_p:
            self.device(p)
        for _ in range(cards):
            self.card(p, p.county or "500240", everyday=True)

    def _cell(self, phone: int) -> str:
        area = self.phone_area.get(phone, "")
        if area.startswith("XMM"):
            return "国际漫游（缅甸）"
        cells = self._cells.get(area)
        if cells is None:
            cells = self._cells[area] = [
                f"LAC:{self.rng.randint(10000, 65000)} CI:{self.rng.randint(1000, 65535)}"
                for _ in range(6)
            ]
        return self.rng.choice(cells)

    # ------------------------------------------------------------------ the people

    def build(self) -> None:
        self._organisations()
        self._compound()
        self._card_rings()
        self._score_runners()
        self._launderers()
        self._loan_crew()
        self._victims()
        self._ordinary_accounts()
        self._fraud_money()
        self._ordinary_money()
        self._calls()
        self._measures()
        self._payment_rails()

    def _organisations(self) -> None:
        o = self.org
        self.gang = o(
            "缅北“鑫盛”园区电信诈骗集团",
            "gang",
            "XMM-N",
            "盘踞缅北、在妙瓦底另设窝点，以投资理财、刷单返利、冒充客服、交友诱导赌博等话术"
            "诈骗境内群众；通过石柱、彭水卡商获取“两卡”，经山东临沂团伙洗钱。",
        )
        self.teams = {
            "invest": o("鑫盛集团·投资理财组", "team", "XMM-N"),
            "task": o("鑫盛集团·刷单返利组", "team", "XMM-N"),
            "service": o("鑫盛集团·冒充客服组", "team", "XMM-N"),
            "romance": o("鑫盛集团·妙瓦底交友组", "team", "XMM-MWD"),
        }
        for team in self.teams.values():
            self._link("member_of", team, self.gang)
        self.ring_sz = o(
            "石柱收贩“两卡”团伙",
            "gang",
            "500240",
            "收购电话卡、银行卡贩卖给境外团伙，架设GOIP设备提供通信线路。",
        )
        self.ring_ps = o("彭水收卡团伙", "gang", "500243")
        self.runners_org = o("彭水跑分团伙", "gang", "500243")
        self.laundry = o(
            "临沂洗钱团伙",
            "gang",
            "371302",
            "为境外诈骗集团转移资金：二、三级卡过账，车手取现，USDT承兑。",
        )
        self.crew_sz = o("石柱车手团伙", "gang", "500240")
        self.crew_ly = o("临沂罗庄车手组", "team", "371311")
        self._link("member_of", self.crew_ly, self.laundry)
        self.loan_gang = o(
            "泉州籍虚假贷款诈骗团伙",
            "gang",
            "450103",
            "福建泉州籍人员在广西南宁冒充小额贷款公司，以保险费、升级费、"
            "利息、保证金等名义骗取钱款。",
        )
        self._tag(self.loan_gang, "450107", "activity")
        self.loan_co = o("南宁汇鑫达信息咨询有限公司", "company", "450107")
        self._link(
            "related",
            self.loan_co,
            self.loan_gang,
            confidence=0.9,
            note="团伙注册的空壳公司，对外冒充小额贷款公司",
        )

    def _compound(self) -> None:
        rng = self.rng
        link = self._link
        boss = self.person(
            "350524",
            ("organiser",),
            sex="男",
            years=(1972, 1984),
            culpability="principal",
            status="at_large",
            area="XMM-N",
            aliases=("老K", "K哥"),
            notes="鑫盛园区实际控制人，出资并负责资金结算；长期藏匿缅北，已上网追逃。",
        )
        boss2 = self.person(
            "533102",
            ("organiser",),
            sex="男",
            years=(1978, 1988),
            culpability="principal",
            status="at_large",
            area="XMM-MWD",
            aliases=("阿龙", "龙哥"),
            notes="负责妙瓦底窝点及人员偷渡出入境，与老K合伙出资。",
        )
        link(
            "reports_to",
            boss2.id,
            boss.id,
            confidence=0.8,
            note="据回流人员供述，妙瓦底窝点由阿龙负责，向老K汇报",
        )
        for b in (boss, boss2):
            link("member_of", b.id, self.gang)
        self.bosses = (boss, boss2)
        self.leaders: dict[str, _P] = {}
        leader_alias = {"invest": "强哥", "task": "胖子", "service": "四哥", "romance": "阿彬"}
        for team, oid in self.teams.items():
            area = "XMM-MWD" if team == "romance" else "XMM-N"
            status = rng.choice(("at_large", "at_large", "arrested", "prosecuted"))
            p = self.person(
                self._county(_WORKER_PROVINCES),
                ("core_member",),
                sex="男",
                years=(1980, 1995),
                culpability="main_offender",
                status=status,
                area=area,
                arrest="500240",
                aliases=(leader_alias[team],),
            )
            link("reports_to", p.id, (boss2 if team == "romance" else boss).id)
            link("member_of", p.id, oid)
            self.leaders[team] = p
        self.finance = self.person(
            "350583",
            ("core_member", "money_launderer"),
            sex="女",
            years=(1985, 1995),
            culpability="main_offender",
            status="at_large",
            area="XMM-N",
            aliases=("阿芳",),
            notes="集团财务，负责对接境内洗钱团伙和跑分车队、核对流水。",
        )
        self.hr = self.person(
            self._county(_WORKER_PROVINCES),
            ("core_member",),
            sex="男",
            years=(1982, 1993),
            culpability="main_offender",
            status="arrested",
            area="XMM-N",
            arrest="500240",
            aliases=("大飞",),
            notes="人事主管，负责招募、管理话务员；2025年9月回流入境时被抓获。",
        )
        self.tech_lead = self.person(
            self._county(_WORKER_PROVINCES),
            ("core_member", "tech_support"),
            sex="男",
            years=(1988, 1998),
            culpability="main_offender",
            status="at_large",
            area="XMM-N",
            aliases=("眼镜",),
        )
        for p in (self.finance, self.hr, self.tech_lead):
            link("reports_to", p.id, boss.id)
            link("member_of", p.id, self.gang)
        dev = self.person(
            self._county(_WORKER_PROVINCES),
            ("tech_support",),
            sex="男",
            years=(1992, 2000),
            culpability="accessory",
            status="at_large",
            area="XMM-N",
            notes="搭建虚假投资、博彩网站及APP。",
        )
        link("reports_to", dev.id, self.tech_lead.id)
        link("member_of", dev.id, self.gang)

        # Operators: returnees are caught on their way home; the rest are still abroad.
        self.operators: dict[str, list[_P]] = {t: [] for t in self.teams}
        unknown = ["阿杰", "小胖", "阿伟", "老鬼", "小七"]
        teams = list(self.teams)
        for i in range(52):
            team = teams[i % 4]
            area = "XMM-MWD" if team == "romance" else "XMM-N"
            if i % 11 == 5 and unknown:
                alias = unknown.pop(0)
                p = self.person(
                    "",
                    ("operator",),
                    culpability="accessory",
                    status="at_large",
                    area=area,
                    aliases=(alias,),
                    identified=False,
                    notes="园区话务员，仅知绰号，真实身份待查。",
                )
                self.phone(
                    p, "500240", area=area, origin=MANUAL, note="回流人员指认", confidence=0.6
                )
            else:
                status = rng.choices(
                    ("arrested", "prosecuted", "sentenced", "detained", "bail", "at_large"),
                    weights=(30, 25, 8, 12, 5, 20),
                )[0]
                county = self._county(_WORKER_PROVINCES)
                p = self.person(
                    county,
                    ("operator",),
                    years=(1990, 2004),
                    area=area,
                    status=status,
                    culpability="main_offender" if rng.random() < 0.12 else "accessory",
                    arrest=rng.choice(("500240", county)),
                    aliases=(rng.choice(("小", "阿")) + rng.choice(_MALE),)
                    if rng.random() < 0.3
                    else (),
                )
                self.equip(p, device_p=0.3 if status == "at_large" else 0.8)
            link("reports_to", p.id, self.leaders[team].id)
            link("member_of", p.id, self.teams[team])
            self.operators[team].append(p)
        for p in (boss, boss2, *self.leaders.values(), self.finance, self.hr, self.tech_lead, dev):
            self.equip(p, device_p=0.5, cards=rng.randint(1, 2))
        # Operators bring in friends and relatives from home.
        all_ops = [p for ops in self.operators.values() for p in ops if p.county]
        for _ in range(8):
            a, b = rng.sample(all_ops, 2)
            link(
                "recruited",
                a.id,
                b.id,
                confidence=round(rng.uniform(0.6, 0.9), 1),
                note="老乡介绍出境“高薪工作”",
            )

        self.traffic: list[tuple[_P, str]] = []
        for _ in range(8):
            team = rng.choice(("invest", "romance", "task"))
            p = self.person(
                self._county(_PROVINCE_WEIGHTS),
                ("traffic_driver",),
                years=(1993, 2004),
                culpability="accessory",
                status=rng.choice(("detained", "bail", "admin_penalty", "bail")),
                arrest="500240",
            )
            self.equip(p)
            link(
                "reports_to",
                p.id,
                self.leaders[team].id,
                confidence=0.7,
                note="在短视频平台引流，按人头结算推广费",
            )
            self.traffic.append((p, team))

        self.border: list[_P] = []
        for county in ("533102", "530926", "532822"):
            p = self.person(
                county,
                ("border_organiser",),
                sex="男",
                years=(1978, 1992),
                culpability="main_offender",
                status=rng.choice(("arrested", "prosecuted")),
                area=county,
                arrest=county,
            )
            self.equip(p)
            link("reports_to", p.id, self.hr.id, confidence=0.7)
            self.border.append(p)
        for i, op in enumerate(all_ops[:26]):
            link(
                "recruited",
                self.border[i % 3].id,
                op.id,
                note="组织偷越国边境" if i % 4 == 0 else "",
            )

    def _card_rings(self) -> None:
        rng = self.rng
        link = self._link
        self.ma = self.person(
            "500240",
            ("card_seller", "organiser"),
            sex="男",
            years=(1985, 1992),
            surname="马",
            culpability="principal",
            status="arrested",
            area="500240",
            arrest="500240",
            aliases=("小马",),
            notes="以其为首收购电话卡、银行卡，经GOIP设备为境外诈骗集团提供通信线路；"
            "2025年9月集中收网时在石柱县落网，现场查获电话卡30余张、作案手机及音频转换线。",
        )
        ps_head = self.person(
            "500243",
            ("card_seller", "core_member"),
            sex="男",
            years=(1983, 1993),
            culpability="main_offender",
            status="arrested",
            area="500243",
            arrest="500243",
            aliases=("老彭",),
        )
        link("related", self.ma.id, ps_head.id, confidence=0.8, note="长期合作，相互调货")
        link(
            "related",
            self.ma.id,
            self.leaders["service"].id,
            confidence=0.7,
            note="为境外客服组提供GOIP线路，按月结算",
        )
        self.sellers = [self.ma, ps_head]
        for boss, org, county in (
            (self.ma, self.ring_sz, "500240"),
            (ps_head, self.ring_ps, "500243"),
        ):
            link("member_of", boss.id, org)
            for _ in range(2):
                p = self.person(
                    county,
                    ("card_seller",),
                    years=(1988, 2000),
                    area=county,
                    arrest=county,
                    culpability=rng.choice(("main_offender", "accessory")),
                    status=rng.choice(("arrested", "detained")),
                )
                link("reports_to", p.id, boss.id)
                link("member_of", p.id, org)
                self.sellers.append(p)
        self.goip_op = self.person(
            "500240",
            ("tech_support",),
            sex="男",
            years=(1990, 1999),
            culpability="main_offender",
            status="arrested",
            area="500240",
            arrest="500240",
            notes="在石柱县南宾街道出租屋内架设GOIP设备，为境外拨打诈骗电话提供线路。",
        )
        audio = self.person(
            "500243",
            ("tech_support",),
            years=(1994, 2002),
            culpability="accessory",
            status="detained",
            area="500243",
            arrest="500243",
            notes="负责音频转换线调试。",
        )
        link("reports_to", self.goip_op.id, self.ma.id)
        link("member_of", self.goip_op.id, self.ring_sz)
        link("reports_to", audio.id, ps_head.id)
        link("member_of", audio.id, self.ring_ps)
        for p in (*self.sellers, self.goip_op, audio):
            self.equip(p, device_p=1.0, cards=rng.randint(1, 2))

        # Suppliers: ordinary people who sold their cards; each one's cards feed the pools.
        self.suppliers: list[_P] = []
        self.sold_cards: list[tuple[int, _P, _P]] = []  # (card, supplier, dealer)
        stock_holders = {}
        for i in range(40):
            county = _CHONGQING_NEAR[i % len(_CHONGQING_NEAR)]
            dealer = (
                self.sellers[rng.randrange(3)]
                if county != "500243"
                else self.sellers[3 + rng.randrange(3)]
            )
            p = self.person(
                county,
                ("card_supplier",),
                years=(1965, 2004),
                culpability="accessory",
                status=rng.choices(
                    ("admin_penalty", "joint_punishment", "bail", "detained"), weights=(4, 4, 2, 1)
                )[0],
                area=county,
                arrest=county,
            )
            link(
                "recruited",
                dealer.id,
                p.id,
                confidence=round(rng.uniform(0.7, 1.0), 1),
                note="以每张数百元价格收购其名下银行卡、电话卡" if i % 5 == 0 else "",
            )
            self.equip(p, device_p=0.2)
            for _ in range(rng.randint(2, 5)):
                c = self.card(p, county, opened=date(2025, 1, 1))
                self.sold_cards.append((c, p, dealer))
                if rng.random() < 0.35:
                    link("holds", dealer.id, c, confidence=0.7, note="收购后转卖境外团伙")
            self.suppliers.append(p)
            stock_holders.setdefault(dealer.id, []).append(p)

        # The dealers' SIM stock, registered in the suppliers' names. 马某 holds 32.
        self.stock: dict[int, list[int]] = {}
        for dealer, n in zip(self.sellers, (32, 24, 22, 26, 21, 20), strict=True):
            names = [p.name for p in stock_holders.get(dealer.id, self.suppliers[:5])]
            self.stock[dealer.id] = [
                self.phone(
                    dealer,
                    dealer.county,
                    registered=rng.choice(names),
                    origin=MANUAL,
                    note="抓获时现场查获" if k % 3 == 0 else "",
                )
                for k in range(n)
            ]
        ma_stock = self.stock[self.ma.id]
        self.goip = self.device(
            self.goip_op, model="GoIP-16 语音网关", name="GOIP设备（石柱）", kind="GOIP"
        )
        self._tag(self.goip, "500240", "activity")
        self.goip_sims = ma_stock[1:17]
        for sim in self.goip_sims:
            self._link("uses", sim, self.goip, origin=ORIGIN)
            self.phone_devices[sim] = [self.goip]
            self.phone_area[sim] = "500240"
        # Each compound team gives victims one "customer service" number to call back.
        self.hot = {
            "invest": ma_stock[17],
            "task": ma_stock[18],
            "service": ma_stock[19],
            "romance": self.stock[self.sellers[3].id][0],
        }
        # One SIM tried in several handsets (一卡多机): the Pengshui dealer's test card.
        ps2 = self.sellers[4]
        self.roaming_sim = self.stock[ps2.id][0]
        handsets = [self.device(ps2) for _ in range(4)]
        for h in handsets:
            self._link("uses", self.roaming_sim, h, origin=ORIGIN)
        self.phone_devices[self.roaming_sim] = handsets

    def _score_runners(self) -> None:
        rng = self.rng
        head = self.person(
            "500243",
            ("score_runner", "core_member"),
            sex="男",
            years=(1986, 1995),
            culpability="main_offender",
            status="prosecuted",
            area="500243",
            arrest="500243",
            aliases=("阿飞",),
            notes="组织本地青年出借银行卡“跑分”，按流水抽取佣金。",
        )
        self._link("member_of", head.id, self.runners_org)
        self._link(
            "related",
            head.id,
            self.finance.id,
            confidence=0.5,
            note="通过境外“车队”对接跑分业务，待核实",
        )
        self.equip(head, device_p=1.0)
        self.runners = [head]
        self.runner_cards: list[int] = []
        for i in range(19):
            county = ("500243", "500243", "500240", "500230", "500242")[i % 5]
            p = self.person(
                county,
                ("score_runner",),
                years=(1995, 2004),
                culpability="accessory",
                status=rng.choice(("detained", "bail", "prosecuted", "bail")),
                area=county,
                arrest=county,
            )
            self._link("reports_to", p.id, head.id)
            self._link("member_of", p.id, self.runners_org)
            self._link("recruited", head.id, p.id)
            self.equip(p, device_p=0.5)
            self.runner_cards += [
                self.card(p, county, opened=date(2025, 1, 1)) for _ in range(rng.randint(3, 6))
            ]
            self.runners.append(p)
        # Accounts opened days before a burst of heavy use (新开户): set dates after the flows.
        self.burst_cards = [
            self.card(self.runners[1 + 4 * k], "500243", opened=date(2025, 1, 1)) for k in range(4)
        ]

    def _launderers(self) -> None:
        rng = self.rng
        link = self._link
        self.launder_head = head = self.person(
            "371302",
            ("money_launderer", "core_member"),
            sex="男",
            years=(1980, 1990),
            culpability="main_offender",
            status="arrested",
            area="371302",
            arrest="371302",
            aliases=("东哥",),
            notes="山东临沂洗钱团伙头目，组织二、三级卡过账、车手深夜取现和USDT承兑；"
            "2025年9月在临沂落网，追回涉案资金43万余元。",
        )
        link("member_of", head.id, self.laundry)
        link("related", head.id, self.finance.id, confidence=0.6, note="对接境外资金盘口")
        self.equip(head, device_p=1.0, cards=2)
        spouse = self.person(
            "371302",
            ("card_supplier",),
            sex="女",
            years=(1983, 1992),
            culpability="accessory",
            status="bail",
            area="371302",
            arrest="371302",
        )
        link("related", head.id, spouse.id, note="夫妻")
        self.equip(spouse)
        self.l2_cards: list[int] = [self.card(spouse, "371302") for _ in range(3)]
        self.launderers = [head]
        for _ in range(11):
            county = rng.choice(_LINYI)
            p = self.person(
                county,
                ("money_launderer",),
                years=(1985, 2000),
                area=county,
                arrest=county,
                culpability=rng.choice(("main_offender", "accessory", "accessory")),
                status=rng.choice(("arrested", "prosecuted", "detained", "bail")),
            )
            link("reports_to", p.id, head.id)
            link("member_of", p.id, self.laundry)
            self.equip(p)
            self.l2_cards += [
                self.card(p, county, opened=date(2024, 6, 1)) for _ in range(rng.randint(5, 9))
            ]
            self.launderers.append(p)

        # Car handlers: a Shizhu crew and a Linyi crew, each under the laundering head.
        self.l3_cards: list[int] = []
        self.card_handler: dict[int, _P] = {}
        self.handlers: list[_P] = []
        for org, county, n, alias in (
            (self.crew_sz, "500240", 12, "黑皮"),
            (self.crew_ly, "371311", 8, "二虎"),
        ):
            crew_head = None
            for i in range(n):
                c = (
                    county
                    if i < n - 2
                    else rng.choice(_CHONGQING_NEAR if county == "500240" else _LINYI)
                )
                p = self.person(
                    c,
                    ("car_handler",) + (("core_member",) if i == 0 else ()),
                    sex="男",
                    years=(1990, 2004),
                    area=county,
                    arrest=county,
                    culpability="main_offender" if i == 0 else "accessory",
                    status="arrested" if i == 0 else rng.choice(("detained", "detained", "bail")),
                    aliases=(alias,) if i == 0 else (),
                )
                if i == 0:
                    crew_head = p
                    link(
                        "reports_to",
                        p.id,
                        head.id,
                        confidence=0.7,
                        note="据供述，其上家为临沂洗钱团伙，按取现金额3%提成",
                    )
                else:
                    link("reports_to", p.id, crew_head.id)
                    if i == 1:
                        link("related", p.id, crew_head.id, note="兄弟")
                link("member_of", p.id, org)
                self.equip(p)
                p.area = county
                for _ in range(rng.randint(3, 5)):
                    cid = self.card(p, c, opened=date(2024, 10, 1))
                    self.l3_cards.append(cid)
                    self.card_handler[cid] = p
                self.handlers.append(p)

        for k in range(2):
            rel = self.person(
                self._county({"50": 1}),
                (),
                sex="女" if k else "男",
                years=(1965, 1975),
                notes="嫌疑人家属，未发现涉案。",
            )
            link("related", rel.id, (self.ma if k else head).id, note="母子" if k else "父子")
            self.equip(rel, device_p=0.0)

    def _loan_crew(self) -> None:
        rng = self.rng
        link = self._link
        self.pei = pei = self.person(
            "350524",
            ("organiser", "operator"),
            sex="男",
            years=(1985, 1992),
            culpability="principal",
            status="prosecuted",
            area="450103",
            arrest="450107",
            aliases=("裴经理",),
            notes="泉州籍，冒充小额贷款公司经理，以“贷款保险”“信用升级费”“利息”“保证金”"
            "为名诈骗；2025年9月在南宁被抓获，缴获作案手机十余部、银行卡数张。",
        )
        link("member_of", pei.id, self.loan_gang)
        link("related", pei.id, self.loan_co, note="公司法定代表人")
        self.equip(pei, device_p=1.0)
        roles = (
            ("operator",),
            ("operator", "car_handler"),
            ("operator", "money_launderer"),
            ("operator",),
        )
        self.loan_people = [pei]
        self.loan_l1: list[int] = []
        for r in roles:
            p = self.person(
                rng.choice(_QUANZHOU),
                r,
                sex="男",
                years=(1990, 2001),
                culpability=rng.choice(("main_offender", "accessory")),
                status=rng.choice(("arrested", "prosecuted")),
                area="450107",
                arrest="450107",
            )
            link("reports_to", p.id, pei.id)
            link("member_of", p.id, self.loan_gang)
            self.equip(p, device_p=1.0)
            self.loan_l1 += [self.card(p, "450107", opened=date(2025, 2, 1)) for _ in range(4)]
            self.loan_people.append(p)
        self.loan_sink = [self.card(pei, "450103") for _ in range(2)]
        self.loan_cashier = self.loan_people[2]
        # Work phones: several SIMs per handset (一机多卡).
        self.loan_sims: list[int] = []
        for holder, n in ((pei, 12), (self.loan_people[1], 6), (self.loan_people[3], 4)):
            handset = self.device(holder, model="红米 9A", name="作案手机", kind="手机")
            for _ in range(n):
                sim = self.phone(
                    holder,
                    rng.choice(("450103", "450107")),
                    area="450103",
                    registered=self._name("男"),
                )
                self._link("uses", sim, handset, origin=ORIGIN)
                self.phone_devices[sim] = [handset]
                self.loan_sims.append(sim)
        self.loan_hot = self.loan_sims[0]

    def _victims(self) -> None:
        rng = self.rng
        self.victims: list[_Victim] = []
        loan_provinces = {"50": 6, "32": 3, "45": 3}
        for script, n in _VICTIMS_PER_SCRIPT.items():
            team = _SCRIPTS[script][0]
            for _ in range(n):
                county = self._county(loan_provinces if team == "loan" else _PROVINCE_WEIGHTS)
                if county.startswith("50") and rng.random() < 0.4:
                    county = "500240"
                sex = "女" if rng.random() < (0.7 if team == "romance" else 0.5) else "男"
                p = self.person(
                    county, ("victim",), sex=sex, years=(1965, 2003), attrs={"fraud_type": script}
                )
                self.equip(p, device_p=0.05, cards=rng.choice((1, 1, 2)))
                self.victims.append(_Victim(p, script, team))

    def _ordinary_accounts(self) -> None:
        """Counterparts that appear in statements and call records but are not in the case."""
        rng = self.rng
        self.employers = []
        for _ in range(40):
            county = self._county(_PROVINCE_WEIGHTS)
            name = _short(self.region_name[county]) + "".join(rng.sample(_SHOP_WORDS, 2))
            self.employers.append(self.card(None, county, name=name + rng.choice(_COMPANY_KINDS)))
        self.shops = []
        self.shop_place = {}
        for _ in range(120):
            county = rng.choice(("500240",) * 3 + ("500243",) * 2 + ("371302", "450103"))
            if rng.random() < 0.4:
                county = self._county(_PROVINCE_WEIGHTS)
            town, _ = _TOWNS.get(county, (_short(self.region_name[county]), ()))
            shop = town + "".join(rng.sample(_SHOP_WORDS, 2)) + rng.choice(_SHOPS)
            cid = self.card(None, county, name=shop)
            self.shops.append(cid)
            self.shop_place[cid] = shop
        self.landlords = []
        for _ in range(50):
            county = self._county(_PROVINCE_WEIGHTS)
            self.landlords.append(self.card(None, county, name=self._name(rng.choice("男女"))))
        self.strangers = []
        for _ in range(620):
            county = self._county(_PROVINCE_WEIGHTS)
            self.strangers.append(
                self.card(None, county, name=self._name(rng.choice("男女")), everyday=True)
            )
        self.noise_phones = []
        for _ in range(150):
            county = self._county(_PROVINCE_WEIGHTS)
            self.noise_phones.append(self.phone(None, county))

    # ------------------------------------------------------------------ money

    def _txn(
        self, payer, payee, fen, t, channel, summary, counterpart="", place="", exit_kind=""
    ) -> None:
        self.txns.append(
            [payer, payee, exit_kind, int(fen), t, channel, summary, counterpart, place]
        )

    def _transfer(self, payer: int, payee: int, fen: int, t: int, channel: str = "") -> None:
        channel = channel or self.rng.choice(("手机银行", "手机银行", "网银"))
        same = self.card_bank[payer][0] == self.card_bank[payee][0]
        self._txn(
            payer, payee, fen, t, channel, "转账" if same else "跨行转出", self.card_name[payee]
        )

    def _windows(self, cards: list[int], lo: float, hi: float, hot: int = 0) -> list[list]:
        rng = self.rng
        cards = list(cards)
        rng.shuffle(cards)
        hot_set = set(rng.sample(range(len(cards)), hot))
        out = []
        for i, c in enumerate(cards):
            start = 1 + (_LAST_DAY + 2) * i / len(cards) + rng.uniform(-2, 2)
            span = rng.uniform(lo, hi) * (2.5 if i in hot_set else 1)
            out.append([c, int(start * _DAY), int((start + span) * _DAY), 6 if i in hot_set else 1])
        return out

    def _pick(self, windows: list[list], t: int) -> int:
        active = [w for w in windows if w[1] <= t < w[2]]
        if not active:
            active = [min(windows, key=lambda w: min(abs(w[1] - t), abs(w[2] - t)))]
        return self.rng.choices(active, weights=[w[3] for w in active])[0][0]

    def _split(self, fen: int, parts: int) -> list[int]:
        """Split an amount into whole-yuan parts; what does not divide stays on the card."""
        yuan = fen // _YUAN
        parts = max(1, min(parts, yuan))
        cuts = sorted(self.rng.sample(range(1, yuan), parts - 1)) if parts > 1 else []
        bounds = [0, *cuts, yuan]
        return [(b - a) * _YUAN for a, b in zip(bounds, bounds[1:], strict=False)]

    def _schedule(self, v: _Victim) -> None:
        rng = self.rng
        _, (nmin, nmax), (amin, amax), (gmin, gmax), (gap_lo, gap_hi) = _SCRIPTS[v.script]
        n = rng.randint(nmin, nmax)
        t = rng.randint(4, _LAST_DAY - 40) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
        amount = rng.randint(amin, amax)
        loan_steps = (
            rng.choice((500, 700, 800)),
            rng.choice((1_000, 2_000, 3_000)),
            rng.choice((2_250, 4_500, 9_000)),
            5_000,
        )
        cards = v.person.cards
        for k in range(n):
            if v.team == "loan":
                yuan = loan_steps[k]
            else:
                unit = 10 if amount < 5_000 else 100 if amount < 50_000 else 1_000
                yuan = max(unit, round(amount / unit) * unit)
                amount = min(amount * rng.uniform(gmin, gmax), 200_000)
            v.payments.append((t, rng.choice(cards), yuan * _YUAN))
            t += rng.randint(gap_lo, gap_hi)
            # Victims pay in waking hours; push a night-time step to the next morning.
            if t % _DAY < 8 * _HOUR:
                t = t - t % _DAY + 9 * _HOUR + rng.randrange(3 * _HOUR)
            if t > (_LAST_DAY + 4) * _DAY:
                break

    def _fraud_money(self) -> None:
        rng = self.rng
        sold = [c for c, _, _ in self.sold_cards]
        half = len(self.runner_cards) // 2
        self.l1 = self._windows(sold + self.runner_cards[:half], 6, 18, hot=10)
        self.l2 = self._windows(self.l2_cards + self.runner_cards[half:], 10, 30)
        self.l3 = self._windows(self.l3_cards, 10, 28)
        self.bursts = [
            (c, (35 + 40 * k) * _DAY, (38 + 40 * k) * _DAY) for k, c in enumerate(self.burst_cards)
        ]
        loan_l1 = self._windows(self.loan_l1, 20, 60)

        for v in self.victims:
            self._schedule(v)
        payments = sorted((t, card, fen, v) for v in self.victims for t, card, fen in v.payments)
        for t, card, fen, v in payments:
            channel = rng.choices(("手机银行", "网银", "柜面", "ATM"), weights=(60, 25, 10, 5))[0]
            target = self._pick(loan_l1 if v.team == "loan" else self.l1, t)
            same = self.card_bank[card][0] == self.card_bank[target][0]
            place = self.card_attrs[card]["branch"] if channel == "柜面" else ""
            self._txn(
                card,
                target,
                fen,
                t,
                channel,
                "转账" if same else "跨行转账",
                self.card_name[target],
                place,
            )
            if v.team == "loan":
                self._loan_onward(target, fen, t)
            else:
                self._level1(target, fen, t)
        for v in self.victims:
            loss = sum(f for _, _, f in v.payments)
            last = _BASE + timedelta(seconds=v.payments[-1][0], days=rng.randint(1, 12))
            row = self.entities[v.person.id - 1]
            row[9].update(loss_fen=loss, reported_on=last.date().isoformat())
            if rng.random() < 0.08:
                row[8] = (
                    f"{last.year}年{last.month}月报案：经{v.script}话术被骗，"
                    f"共转账{len(v.payments)}笔，累计损失{loss // _YUAN:,}元。"
                )

        # When each mule card was first used decides when it was opened: days before for the
        # bursts, weeks before for cards sold by suppliers.
        first: dict[int, int] = {}
        for row in self.txns:
            for cid in (row[0], row[1]):
                if cid is not None and (cid not in first or row[4] < first[cid]):
                    first[cid] = row[4]
        burst = set(self.burst_cards)
        pools = [w[0] for w in self.l1 + self.l2 + self.l3 + loan_l1] + self.burst_cards
        for cid in pools:
            if cid not in first:
                continue
            back = rng.randint(2, 4) if cid in burst else rng.randint(8, 90)
            opened = (_BASE + timedelta(seconds=first[cid], days=-back)).date()
            self.card_attrs[cid]["opened_on"] = opened.isoformat()
            if rng.random() < 0.3:
                self.card_attrs[cid]["status"] = "已冻结"
        # Dealers pay suppliers for each card a few days before it is first used.
        for cid, supplier, dealer in self.sold_cards:
            if cid in first and dealer.cards and supplier.cards:
                t = max(0, first[cid] - rng.randint(3, 20) * _DAY) + rng.randint(0, 3 * _HOUR)
                fen = rng.choice((300, 500, 600, 800, 1_000, 1_500)) * _YUAN
                self._transfer(dealer.cards[0], supplier.cards[0], fen, t)

    def _level1(self, card: int, fen: int, t: int) -> None:
        """First-level card: out again within minutes, split over second-level cards."""
        rng = self.rng
        keep = int(fen * rng.uniform(0.0, 0.02))
        t += rng.randint(60, 900)
        for part in self._split(fen - keep, rng.choice((1, 2, 2, 3))):
            nxt = None
            for bcard, start, end in self.bursts:
                if start <= t < end and rng.random() < 0.75:
                    nxt = bcard
            nxt = nxt or self._pick(self.l2, t)
            self._transfer(card, nxt, part, t)
            self._level2(nxt, part, t)
            t += rng.randint(20, 180)

    def _level2(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        t += rng.randint(120, 1_500)
        if rng.random() < 0.18:
            self._exit(card, fen - fen % (10 * _YUAN), t, "crypto")
            return
        keep = int(fen * rng.uniform(0.005, 0.015))
        for part in self._split(fen - keep, rng.choice((1, 2, 2, 3))):
            nxt = self._pick(self.l3, t)
            self._transfer(card, nxt, part, t)
            self._level3(nxt, part, t)
            t += rng.randint(30, 240)

    def _level3(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            self._cash_out(card, fen, self._night_after(t))
        elif r < 0.85:
            self._exit(card, fen - fen % (10 * _YUAN), t + rng.randint(180, 1_800), "crypto")
        else:
            self._exit(card, fen, t + rng.randint(120, 900), "platform")

    def _night_after(self, t: int) -> int:
        """Car handlers go out after midnight, when the streets and ATMs are empty."""
        if t % _DAY < 4 * _HOUR:
            return t + self.rng.randint(300, 1_800)
        return (t // _DAY + 1) * _DAY + self.rng.randint(600, 3 * _HOUR + 1_800)

    def _cash_out(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        handler = self.card_handler.get(card)
        area = handler.area if handler else self.pei.area
        town_name, towns = _TOWNS.get(area, ("", ("",)))
        bank = self.card_bank[card][1]
        rest = fen - fen % _YUAN
        if rest > 50_000 * _YUAN:
            # Too much for an ATM: the counter, the next morning.
            day_t = (t // _DAY) * _DAY + rng.randint(9 * _HOUR, 11 * _HOUR)
            self._txn(
                card,
                None,
                rest,
                max(day_t, t),
                "柜面",
                "取现",
                "",
                self.card_attrs[card]["branch"],
                "cash",
            )
            return
        place = f"{town_name}{rng.choice(towns)}{bank}ATM"
        while rest >= 100 * _YUAN:
            chunk = min(rest, rng.choice((2_000, 3_000, 5_000)) * _YUAN)
            chunk -= chunk % (100 * _YUAN)
            self._txn(
                card, None, chunk, t, "ATM", rng.choice(("ATM取款", "取现")), "", place, "cash"
            )
            rest -= chunk
            t += rng.randint(40, 150)

    def _exit(self, card: int, fen: int, t: int, kind: str) -> None:
        rng = self.rng
        if kind == "crypto":
            counterpart = f"{self._name('男')}（USDT承兑商）"
            self._txn(card, None, fen, t, "手机银行", "转账", counterpart, "", "crypto")
        else:
            self._txn(
                card, None, fen, t, "手机银行", "快捷支付", rng.choice(_PLATFORMS), "", "platform"
            )

    def _loan_onward(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        t += rng.randint(300, 3_600)
        sink = rng.choice(self.loan_sink)
        self._transfer(card, sink, fen, t)
        t += rng.randint(600, 4 * _HOUR)
        if rng.random() < 0.25:
            self._exit(sink, fen, t, "platform")
        else:
            self.card_handler[sink] = self.loan_cashier
            self._cash_out(sink, fen, t)

    def _ordinary_money(self) -> None:
        """Salaries, rent, shopping, transfers and interest: the bulk of any real statement."""
        rng = self.rng
        txn = self._txn
        everyday = self.everyday_cards
        months = [(m, date(2025, m, 1)) for m in range(3, 10)]
        day0 = date(2025, 3, 1)

        def at(d: date, h0: int, h1: int) -> int:
            return (d - day0).days * _DAY + rng.randint(h0 * _HOUR, h1 * _HOUR - 1)

        for cid in everyday:
            if rng.random() < 0.6:
                employer = rng.choice(self.employers)
                pay = rng.randint(25, 150) * 100
                payday = rng.randint(8, 15)
                for _, first in months:
                    fen = (pay + rng.randint(-300, 800)) * _YUAN
                    t = at(first.replace(day=payday), 10, 17)
                    txn(employer, cid, fen, t, "网银", "代发工资", self.card_name[cid])
            if rng.random() < 0.25:
                landlord = rng.choice(self.landlords)
                rent = rng.randint(8, 35) * 100 * _YUAN
                for _, first in months:
                    t = at(first.replace(day=rng.randint(1, 5)), 8, 22)
                    txn(cid, landlord, rent, t, "手机银行", "房租", self.card_name[landlord])
        weights = [rng.uniform(0.2, 3.0) for _ in everyday]
        days = (date(2025, 9, 30) - day0).days + 1
        for payer in rng.choices(everyday, weights=weights, k=21_000):
            shop = rng.choice(self.shops)
            fen = int(rng.lognormvariate(4.6, 1.0) * _YUAN) + rng.randint(0, 99)
            t = rng.randrange(days) * _DAY + rng.randint(8 * _HOUR, 22 * _HOUR)
            txn(
                payer,
                shop,
                min(fen, 30_000 * _YUAN),
                t,
                "POS",
                "消费",
                self.card_name[shop],
                self.shop_place[shop],
            )
        # Person-to-person transfers: one side is always an account outside the case, so that
        # no victim appears to pay another victim or a suspect's everyday card.
        strangers = self.strangers
        for payer in rng.choices(everyday, weights=weights, k=9_500):
            other = rng.choice(strangers)
            if other == payer:
                continue
            a, b = (payer, other) if rng.random() < 0.5 else (other, payer)
            fen = rng.choice((100, 200, 500, 800, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000))
            fen = (fen + rng.choice((0, 0, 0, rng.randint(1, 99)))) * _YUAN
            t = rng.randrange(days) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            self._transfer(a, b, fen, t)
        for payer in rng.choices(everyday, weights=weights, k=3_000):
            fen = rng.choice((100, 200, 300, 500, 1_000, 2_000, 3_000)) * _YUAN
            hour0, hour1 = (8, 22) if rng.random() < 0.97 else (22, 24)
            t = rng.randrange(days) * _DAY + rng.randint(hour0 * _HOUR, hour1 * _HOUR - 1)
            txn(
                payer,
                None,
                fen,
                t,
                "ATM",
                "ATM取款",
                "",
                self.card_attrs[payer]["branch"] + "ATM",
                "cash",
            )
        for payer in rng.choices(everyday, weights=weights, k=3_300):
            fen = int(rng.lognormvariate(5.0, 1.0) * _YUAN)
            t = rng.randrange(days) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            txn(
                payer,
                None,
                fen,
                t,
                "手机银行",
                "快捷支付",
                rng.choice(_EVERYDAY_PLATFORMS),
                "",
                "platform",
            )
        # Quarterly interest (结息) lands on the 21st of the last month of each quarter.
        for d in (date(2025, 3, 21), date(2025, 6, 21), date(2025, 9, 21)):
            t = (d - day0).days * _DAY + 2 * _HOUR
            for cid in everyday:
                txn(None, cid, rng.randint(5, 5_000), t, "柜面", "结息", "")

    # ------------------------------------------------------------------ calls

    def _call(self, a: int, b: int, t: int, sms: bool = False, long: bool = False) -> None:
        rng = self.rng
        if sms:
            dur = 0
        elif rng.random() < 0.08:
            dur = 0  # not answered
        else:
            dur = int(rng.expovariate(1 / (420 if long else 80))) + 3
        devices = self.phone_devices.get(a)
        device = rng.choice(devices) if devices else None
        self.calls.append(
            (a, b, t, min(dur, 7_200), "sms" if sms else "voice", self._cell(a), device)
        )

    def _talk(
        self,
        a: int | None,
        b: int | None,
        n: int,
        *,
        night: bool = False,
        day_range: tuple[int, int] = (0, 210),
    ) -> None:
        """n calls between two phones, mostly a -> b, spread over a period."""
        rng = self.rng
        if a is None or b is None or a == b:
            return
        for _ in range(n):
            day = rng.randint(*day_range)
            if night:
                sec = rng.choice((rng.randint(22 * _HOUR, _DAY - 1), rng.randint(0, 4 * _HOUR)))
            else:
                sec = rng.randint(8 * _HOUR, 23 * _HOUR)
            x, y = (a, b) if rng.random() < 0.7 else (b, a)
            self._call(x, y, day * _DAY + sec, sms=rng.random() < 0.1)

    def _calls(self) -> None:
        rng = self.rng
        talk = self._talk
        boss, boss2 = self.bosses
        # Inside the compound: operators and their leaders, leaders and the bosses.
        for team, ops in self.operators.items():
            lead = self.leaders[team]
            for op in ops:
                talk(op.phone, lead.phone, rng.randint(25, 50))
                talk(op.phone, rng.choice(ops).phone, rng.randint(8, 20))
            talk(lead.phone, (boss2 if team == "romance" else boss).phone, rng.randint(60, 100))
        leaders = list(self.leaders.values()) + [self.finance, self.hr, self.tech_lead]
        for a in leaders:
            talk(a.phone, rng.choice(leaders).phone, 15)
        talk(self.finance.phone, boss.phone, 120)
        talk(boss2.phone, boss.phone, 90)
        talk(self.finance.phone, self.launder_head.phone, 60)
        talk(self.finance.phone, self.runners[0].phone, 30)
        for p, team in self.traffic:
            talk(p.phone, self.leaders[team].phone, rng.randint(12, 30))
        for b in self.border:
            talk(b.phone, self.hr.phone, 60)
            for op in rng.sample([o for ops in self.operators.values() for o in ops], 8):
                talk(b.phone, op.phone, 5, day_range=(0, 60))
        # Card rings.
        ma = self.ma
        for s in self.sellers[1:3]:
            talk(s.phone, ma.phone, 60)
        talk(self.goip_op.phone, ma.phone, 150)
        talk(ma.phone, self.sellers[3].phone, 80)
        talk(ma.phone, self.leaders["service"].phone, 40)
        for s in self.sellers[4:]:
            talk(s.phone, self.sellers[3].phone, 50)
        for p in self.suppliers:
            dealer = rng.choice(self.sellers)
            talk(dealer.phone, p.phone, rng.randint(6, 15))
        # The Pengshui dealer tries one SIM in several handsets.
        for _ in range(40):
            self._call(
                self.roaming_sim,
                rng.choice(self.noise_phones),
                rng.randint(20, 200) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR),
            )
        for r in self.runners[1:]:
            talk(r.phone, self.runners[0].phone, rng.randint(15, 35))
        head = self.launder_head
        for p in self.launderers[1:]:
            talk(p.phone, head.phone, rng.randint(20, 40))
        crews = [self.handlers[:12], self.handlers[12:]]
        for crew in crews:
            talk(crew[0].phone, head.phone, 80)
            for h in crew[1:]:
                talk(h.phone, crew[0].phone, rng.randint(25, 45), night=True)
                talk(h.phone, rng.choice(crew).phone, 10, night=True)
        for p in self.loan_people[1:]:
            talk(p.phone, self.pei.phone, 60)

        # Victims: GOIP lines and work phones call them; they call the "service" number back.
        for v in self.victims:
            first, last = v.payments[0][0], v.payments[-1][0]
            d0, d1 = max(0, first // _DAY - 3), last // _DAY
            victim = v.person.phone
            if v.team == "loan":
                lines, hot = rng.sample(self.loan_sims, 3), self.loan_hot
            else:
                lines, hot = rng.sample(self.goip_sims, rng.randint(2, 3)), self.hot[v.team]
                op = rng.choice(self.operators[v.team])
                talk(op.phone, victim, rng.randint(0, 3), day_range=(d0, d1))
            for _ in range(rng.randint(4, 12)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
                self._call(rng.choice(lines), victim, t, long=True)
            for _ in range(rng.randint(1, 4)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
                self._call(rng.choice(lines), victim, t, sms=True)
            for _ in range(rng.randint(1, 5)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 23 * _HOUR)
                self._call(victim, hot, t, long=True)

        # Everyone has family and friends: calls with numbers outside the case.
        noise = self.noise_phones
        pairs = []
        for p in self.people:
            if p.phone is not None:
                pairs += [(p.phone, c) for c in rng.sample(noise, rng.randint(2, 5))]
        for a in noise:
            pairs += [(a, c) for c in rng.sample(noise, rng.randint(3, 7)) if c != a]
        weights = [rng.uniform(0.2, 3.0) for _ in pairs]
        n = max(11_000, 22_500 - len(self.calls))
        for a, b in rng.choices(pairs, weights=weights, k=n):
            if rng.random() < 0.5:
                a, b = b, a
            t = rng.randint(0, 210) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            self._call(a, b, t, sms=rng.random() < 0.08)

    def _measures(self) -> None:
        """Stop-payments, freezes, seizures and returns, so the case report has figures.

        Drawn last so that everything above stays as it was for a seed. The frozen cards
        (``status`` 已冻结) were stopped hours after the first fraud money came in, frozen
        days later, and most of what was frozen went back to victims weeks after; car
        handlers caught with cash had it seized. Totals land near the article's county: about
        a third of the victims' losses returned.
        """
        rng = self.rng
        inflow: dict[int, int] = {}
        first: dict[int, int] = {}
        for payer, payee, _exit, fen, t, *_ in self.txns:
            if payee is not None and payer is not None:
                inflow[payee] = inflow.get(payee, 0) + fen
                first[payee] = min(first.get(payee, t), t)

        def stamp(t: int) -> str:
            return _stamp(t).replace(" ", "T") + "+08:00"

        frozen = sorted(c for c, a in self.card_attrs.items() if a.get("status") == "已冻结")
        for card in frozen:
            if card not in first:
                continue
            stop_t = first[card] + rng.randint(2 * _HOUR, 48 * _HOUR)
            stop = int(inflow[card] * rng.uniform(0.3, 0.8)) // _YUAN * _YUAN
            freeze_t = stop_t + rng.randint(1, 3) * _DAY + rng.randint(0, 8 * _HOUR)
            freeze = int(stop * rng.uniform(0.85, 1.0)) // _YUAN * _YUAN
            self.measures.append((card, "stop", stop, stamp(stop_t), "紧急止付"))
            self.measures.append((card, "freeze", freeze, stamp(freeze_t), "冻结（六个月）"))
            if rng.random() < 0.9:
                back_t = freeze_t + rng.randint(20, 60) * _DAY
                back = int(freeze * rng.uniform(0.85, 1.0)) // _YUAN * _YUAN
                self.measures.append((card, "return", back, stamp(back_t), "返还受害人"))
        roles = set(self.roles)
        handlers = [
            r[0]
            for r in self.entities
            if r[1] == "person" and r[7] in _CUSTODY and (r[0], "car_handler") in roles
        ]
        for pid in handlers[:: max(1, len(handlers) // 6)][:6]:
            t = rng.randint(150, 200) * _DAY + rng.randint(9 * _HOUR, 20 * _HOUR)
            fen = rng.randint(20, 150) * 1_000 * _YUAN
            self.measures.append((pid, "seize", fen, stamp(t), "抓获时扣押现金"))

    def _payment_rails(self) -> None:
        """跑分 through payment platforms and USDT on TRON, so those kinds show in the demo.

        Two score runners lend their Alipay accounts: victims pay them, and within minutes
        the money moves on to a WeChat Pay account of the laundering team (known by its
        nickname), then to the team's second-level cards, and part of it buys USDT that
        lands in the laundering head's TRON wallet and leaves for an exchange abroad.

        Drawn after everything else, with its own random stream, so that every entity,
        transfer and call above stays as it was for a seed.
        """
        rng = random.Random(f"payment-rails-{self.seed}")
        accounts = []
        for runner in self.runners[2:4]:
            mobile = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            key = ids.payment_account_key("支付宝", mobile)
            aid = self._entity(
                "payment_account", key, runner.name, attrs={"platform": "alipay"},
                notes="出借给跑分平台收款，按流水抽取佣金。",
            )  # fmt: skip
            self.aliases += [(aid, f"跑分{runner.name[0]}{rng.choice('一二三四五六')}"),
                             (aid, mobile)]  # fmt: skip
            self._tag(aid, runner.area or runner.county, "activity")
            self._link("holds", runner.id, aid)
            accounts.append(aid)
        launderer = self.launderers[1]
        wxid = "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(14))
        wechat = self._entity(
            "payment_account", ids.payment_account_key("财付通", wxid), "顺风车队",
            attrs={"platform": "wechat"}, notes="微信账单只显示昵称“顺风车队”。",
        )  # fmt: skip
        self.aliases.append((wechat, "顺风车队"))
        self._link("holds", launderer.id, wechat)
        address = _tron_address(rng)
        wallet = self._entity(
            "crypto_wallet", f"tron:{address}", "",
            attrs={"chain": "tron", "currency": "USDT"},
            notes="USDT（TRC20）承兑后汇入，随即转往境外交易所。",
        )  # fmt: skip
        self._link("holds", self.launder_head.id, wallet)

        victims = [v for v in self.victims if v.person.cards and v.payments]
        for i, v in enumerate(rng.sample(victims, min(12, len(victims)))):
            alipay = accounts[i % len(accounts)]
            t = max(p[0] for p in v.payments) + rng.randint(2 * _HOUR, 30 * _HOUR)
            fen = rng.randint(30, 200) * 100 * _YUAN
            self._txn(v.person.cards[0], alipay, fen, t, "手机银行", "转账到支付宝",
                      self.entities[alipay - 1][3])  # fmt: skip
            t += rng.randint(3 * 60, 15 * 60)
            onward = fen - fen % _YUAN - rng.randint(1, 5) * 10 * _YUAN
            self._txn(alipay, wechat, onward, t, "支付宝", "转账", "顺风车队")
            t += rng.randint(2 * 60, 10 * 60)
            card = rng.choice(self.l2_cards)
            usdt = onward // 3 // _YUAN * _YUAN if i % 3 == 0 else 0
            self._txn(wechat, card, onward - usdt, t, "微信支付", "提现", self.card_name[card])
            if usdt:
                t += rng.randint(5 * 60, 30 * 60)
                self._txn(wechat, wallet, usdt, t, "微信支付", "USDT承兑", f"TRC20 {address}")
                t += rng.randint(10 * 60, 60 * 60)
                self._txn(wallet, None, usdt, t, "TRC20", "转出至境外交易所", "", "",
                          "crypto")  # fmt: skip

    # ------------------------------------------------------------------ writing

    def write(self, conn, analyst: str = "demo") -> None:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, name, key_valid, key_problem, culpability, "
            "legal_status, notes, attrs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r[:9], json.dumps(r[9], ensure_ascii=False), r[10], r[11]) for r in self.entities],
        )
        conn.executemany("INSERT INTO entity_role (entity_id, role) VALUES (?, ?)", self.roles)
        conn.executemany("INSERT INTO entity_alias (entity_id, alias) VALUES (?, ?)", self.aliases)
        conn.executemany(
            "INSERT INTO entity_region (entity_id, region_code, reason) VALUES (?, ?, ?)",
            list(self.tags),
        )
        conn.executemany(
            "INSERT INTO link (type, source_id, target_id, origin, confidence, weight, note, "
            "created_at) VALUES (?,?,?,?,?,?,?,?)",
            self.links,
        )
        # Rows in time order, as a merged set of statements would be; serials follow.
        self.txns.sort(key=lambda r: (r[4], r[0] or 0, r[1] or 0))
        # Each transfer appears on the statement of the card it left (or, for money coming
        # from outside, the card it reached) with the balance after it. Opening balances
        # are just large enough that no statement ever shows a negative balance.
        flow: dict[int, int] = {}
        lowest: dict[int, int] = {}
        for payer, payee, _exit, fen, *_ in self.txns:
            for card, delta in ((payer, -fen), (payee, fen)):
                if card is not None:
                    flow[card] = flow.get(card, 0) + delta
                    lowest[card] = min(lowest.get(card, 0), flow[card])
        balance = {card: (card * 7919) % 500_000 - low for card, low in lowest.items()}
        rows = []
        for i, (payer, payee, exit_kind, fen, t, channel, summary, cp, place) in enumerate(
            self.txns
        ):
            ts = _stamp(t)
            serial = f"{ts[:4]}{ts[5:7]}{ts[8:10]}{i + 1:08d}"
            if payer is not None:
                balance[payer] -= fen
            if payee is not None:
                balance[payee] += fen
            reporter = payer if payer is not None else payee
            rows.append((payer, payee, exit_kind, fen, ts, channel, summary, cp, serial, place,
                         reporter, balance[reporter]))  # fmt: skip
        conn.executemany(
            "INSERT INTO txn (payer_id, payee_id, exit_kind, amount_fen, ts, channel, summary, "
            "counterpart, serial, place, reporter_id, balance_fen) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.calls.sort(key=lambda r: (r[2], r[0], r[1]))
        conn.executemany(
            "INSERT INTO call (caller_id, callee_id, ts, duration_s, call_type, cell, device_id) "
            "VALUES (?,?,?,?,?,?,?)",
            [(a, b, _stamp(t), d, k, cell, dev) for a, b, t, d, k, cell, dev in self.calls],
        )
        conn.executemany(
            "INSERT INTO measure (entity_id, action, amount_fen, taken_at, analyst, note) "
            "VALUES (?,?,?,?,?,?)",
            [(e, a, fen, ts, analyst, note) for e, a, fen, ts, note in self.measures],
        )


def build_demo(path, analyst: str = "demo", seed: int = 2026) -> CaseInfo:
    """Write the demo case to ``path`` (which must not exist) and return what it holds.

    The same ``seed`` always gives the same entities, keys, links, transactions and calls, so
    tests and benchmarks can rely on it. On failure no half-built case is left behind: a
    partial demo would otherwise be opened as the demo on every later start.
    """
    path = Path(path)
    store = CaseStore.create(path, analyst, name=CASE_NAME)
    try:
        builder = _Builder(seed)
        builder.build()
        store.set_meta("number", CASE_NUMBER)
        store.set_meta("unit", CASE_UNIT)
        with store.bulk("build demo case") as conn:
            builder.write(conn, analyst)
        info = store.info()
    except BaseException:
        store.close()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
        raise
    store.close()
    return info
