"""What an identifier tells by itself: a person's household region and birth date from the ID
number, a mobile number's province, city and carrier (号码归属地), a card's issuing bank.

Each inference is recorded as a region tag with a note that says where it came from, so an
analyst can tell "inferred from the ID number" apart from a place someone established.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

#: Issuer identification numbers (the first 6 digits of a card) of the banks that fraud
#: cases meet most. Longer prefixes win over shorter ones.
BANK_BINS: dict[str, str] = {
    "622202": "中国工商银行", "622208": "中国工商银行", "621226": "中国工商银行",
    "621225": "中国工商银行", "620200": "中国工商银行", "622203": "中国工商银行",
    "621700": "中国建设银行", "436742": "中国建设银行", "622700": "中国建设银行",
    "621284": "中国建设银行", "622280": "中国建设银行", "623668": "中国建设银行",
    "622848": "中国农业银行", "622845": "中国农业银行", "622846": "中国农业银行",
    "623052": "中国农业银行", "103": "中国农业银行",
    "621661": "中国银行", "621663": "中国银行", "621785": "中国银行", "456351": "中国银行",
    "601382": "中国银行", "621790": "中国银行",
    "622262": "交通银行", "622260": "交通银行", "621069": "交通银行",
    "622588": "招商银行", "621483": "招商银行", "621485": "招商银行", "410062": "招商银行",
    "622188": "中国邮政储蓄银行", "621098": "中国邮政储蓄银行", "621799": "中国邮政储蓄银行",
    "622150": "中国邮政储蓄银行", "623218": "中国邮政储蓄银行",
    "622908": "兴业银行", "622909": "兴业银行", "438588": "兴业银行",
    "622690": "中信银行", "621771": "中信银行", "622696": "中信银行",
    "622622": "中国民生银行", "621691": "中国民生银行", "415599": "中国民生银行",
    "622155": "平安银行", "622156": "平安银行", "623058": "平安银行", "621626": "平安银行",
    "622521": "浦发银行", "622522": "浦发银行", "621792": "浦发银行",
    "622630": "华夏银行", "622632": "华夏银行",
    "622666": "中国光大银行", "622655": "中国光大银行", "621489": "中国光大银行",
    "621462": "广发银行", "622568": "广发银行",
    "623166": "重庆农村商业银行", "622865": "重庆农村商业银行",
    "621785800": "中国银行",
}  # fmt: skip


def bank_of_card(number: str) -> str:
    """The issuing bank a card number's prefix names, or '' when unknown.

    >>> bank_of_card("6222021234567890128")
    '中国工商银行'
    >>> bank_of_card("9999991234567890")
    ''
    """
    for length in (9, 8, 6, 3):
        bank = BANK_BINS.get(number[:length])
        if bank:
            return bank
    return ""


_SUFFIX = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市)$"
)


def _short(name: str) -> str:
    """'重庆市' -> '重庆', '石柱土家族自治县' stays; used to match the segment data's names."""
    return _SUFFIX.sub("", name)


@dataclass(frozen=True)
class PhonePlace:
    province: str
    city: str
    carrier: str
    region_code: str | None


@lru_cache(maxsize=1)
def _phone_db():
    from phone import Phone  # 4 MB of segment data, read once and only when needed

    return Phone()


class Enricher:
    """Infers regions and attributes from identifiers, with the case's region table."""

    def __init__(self, conn: sqlite3.Connection):
        self.codes = {r[0] for r in conn.execute("SELECT code FROM region")}
        # Province short name -> code; (province code, short city name) -> prefecture code.
        self.provinces: dict[str, str] = {}
        self.cities: dict[tuple[str, str], str] = {}
        for code, name, level in conn.execute(
            "SELECT code, name, level FROM region WHERE level IN ('province', 'prefecture')"
        ):
            if level == "province":
                self.provinces[_short(name)] = code
            else:
                self.cities[(code[:2], _short(name))] = code
        self._phone_cache: dict[str, PhonePlace | None] = {}

    def region_of_id(self, id_number: str) -> str | None:
        """The division an ID number was issued in: the county if the case knows it, else
        its prefecture or province (codes of abolished counties live on in old IDs)."""
        code = id_number[:6]
        for candidate in (code, code[:4] + "00", code[:2] + "0000"):
            if candidate in self.codes:
                return candidate
        return None

    def phone_place(self, mobile: str) -> PhonePlace | None:
        """Province, city and carrier of a mainland mobile number's segment."""
        segment = mobile[:7]
        if segment not in self._phone_cache:
            found = _phone_db().find(mobile) if len(mobile) == 11 else None
            if not found:
                self._phone_cache[segment] = None
            else:
                province = self.provinces.get(_short(found["province"]))
                city = None
                if province:
                    city = self.cities.get((province[:2], _short(found["city"])))
                self._phone_cache[segment] = PhonePlace(
                    found["province"],
                    found["city"],
                    found.get("phone_type") or "",
                    city or province,
                )
        return self._phone_cache[segment]
