"""Regions: mainland China's divisions (official codes, coordinates) and named overseas places.

The divisions come from the ``geotool-cn`` package (34 provinces, 363 prefectures, 2,874
counties and districts, GB/T 2260 codes, WGS-84 centroids), read once and copied into each
new case so that a case file is self-contained and keeps the codes it was built with.
"""

from __future__ import annotations

from functools import lru_cache

from .model import Region

#: Overseas places that fraud cases name. Codes are ours: 'X' + ISO 3166 alpha-2 + area.
OVERSEAS: tuple[Region, ...] = (
    Region("XMM", "缅甸", "overseas", None, 19.75, 96.10, "Myanmar"),
    Region("XMM-N", "缅北", "overseas", "XMM", 23.80, 97.80, "northern Myanmar"),
    Region("XMM-MWD", "妙瓦底", "overseas", "XMM", 16.69, 98.51, "Myawaddy (Myanmar)"),
    Region("XMM-KK", "果敢", "overseas", "XMM-N", 23.75, 98.50, "Kokang (Myanmar)"),
    Region("XKH", "柬埔寨", "overseas", None, 12.57, 104.99, "Cambodia"),
    Region("XKH-SHV", "西哈努克港", "overseas", "XKH", 10.63, 103.52, "Sihanoukville (Cambodia)"),
    Region("XLA", "老挝", "overseas", None, 19.86, 102.50, "Laos"),
    Region("XLA-GT", "金三角", "overseas", "XLA", 20.35, 100.08, "Golden Triangle (Laos)"),
    Region("XPH", "菲律宾", "overseas", None, 12.88, 121.77, "the Philippines"),
    Region("XPH-MNL", "马尼拉", "overseas", "XPH", 14.60, 120.98, "Manila (Philippines)"),
    Region("XVN", "越南", "overseas", None, 14.06, 108.28, "Vietnam"),
    Region("XTH", "泰国", "overseas", None, 15.87, 100.99, "Thailand"),
    Region("XMY", "马来西亚", "overseas", None, 4.21, 101.98, "Malaysia"),
    Region("XAE", "阿联酋", "overseas", None, 25.20, 55.27, "United Arab Emirates"),
    Region("XUN", "境外（未明）", "overseas", None, None, None, "abroad (unknown)"),
)

#: English names of the provincial-level divisions (the UI shows these in English mode).
PROVINCES_EN = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
    "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
    "54": "Tibet", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
    "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
}  # fmt: skip

_LEVELS = {"province": "province", "city": "prefecture", "district": "county"}


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    """Every region a new case starts with: divisions, parents before children, then overseas.

    >>> regions = {r.code: r for r in all_regions()}
    >>> regions["500240"].name, regions["500240"].parent
    ('石柱土家族自治县', '500000')
    >>> regions["350500"].level, regions["XMM-N"].name_en
    ('prefecture', 'northern Myanmar')
    """
    import GeoToolCN

    by_level = {lvl: GeoToolCN.list_regions(lvl) for lvl in _LEVELS}
    known = {r.code for rs in by_level.values() for r in rs}
    out: list[Region] = []
    seen: set[str] = set()
    for lvl, rows in by_level.items():
        for r in sorted(rows, key=lambda r: r.code):
            # Prefecture-level cities without counties (Dongguan, Jiyuan) are listed at two
            # levels; the higher one stands.
            if r.code in seen:
                continue
            seen.add(r.code)
            parent = _parent_code(r.code, lvl, known)
            name_en = PROVINCES_EN.get(r.code[:2], "") if lvl == "province" else ""
            out.append(
                Region(r.code, r.name, _LEVELS[lvl], parent, r.latitude, r.longitude, name_en)
            )
    out.extend(OVERSEAS)
    return tuple(out)


def _parent_code(code: str, level: str, known: set[str]) -> str | None:
    if level == "province":
        return None
    prefecture = code[:4] + "00"
    if level == "district" and prefecture in known and prefecture != code:
        return prefecture
    # Counties of municipalities (Chongqing's Shizhu) and directly administered counties.
    return code[:2] + "0000"


def province_code(code: str) -> str | None:
    """The province a mainland division code belongs to; None for overseas places.

    >>> province_code("500243")
    '500000'
    >>> province_code("XMM-N") is None
    True
    """
    if len(code) == 6 and code.isdigit():
        return code[:2] + "0000"
    return None
