"""i2 Analyst's Notebook exchange XML (ANX): the case as a chart ANB opens with File > Open.

The chart follows the ANX layout that i2's exchange schema and public writers use::

    <Chart IdReferenceLinking="false" Rigorous="false">
      <ApplicationVersion .../>
      <StrengthCollection>       Default (solid), Tentative (dashed: confidence below 1)
      <AttributeClassCollection> 身份证号 ID number, 角色 Roles, 法律状态 Legal status, ...
      <EntityTypeCollection>     Person, Phone, Bank Account, Mobile Handset, Organisation
      <LinkTypeCollection>       one per link type (持有 holds, 转账 pays, 通话 calls, ...)
      <ChartItemCollection>
        <ChartItem Id Label>  <End X Y><Entity EntityId Identity><Icon><IconStyle Type/>
                              <AttributeCollection><Attribute AttributeClass Value/>...
        <ChartItem Id Label>  <Link End1Id End2Id><LinkStyle Type ArrowStyle Strength/>

With ``IdReferenceLinking="false"`` a link's ``End1Id``/``End2Id`` name the ``EntityId`` of
its ends (``E`` + the entity's id in the case, a valid XML name either way ANB reads it). ``Identity`` is the natural key (ANB merges entities of equal identity, which is
what a squad wants when it pastes two charts together); masked keys that collide and
entities without a key get ``#id`` appended. Entities are laid out in bands by kind
(organisations, people, phone cards, bank cards, payment accounts, crypto wallets,
handsets) so that the chart opens readable
before ANB's own layouts are applied. Links are the analyst's links plus one money link per
payer->payee pair (amount, count, first and last time) and one call link per caller->callee
pair (count, total duration), as in the graph formats.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from pathlib import Path

from ..model import CRYPTO_CHAINS, PAYMENT_PLATFORMS, Kind
from ..store import CaseStore
from ._case import (
    CaseView,
    ExportSummary,
    atomic_path,
    culpability_zh,
    fen_to_yuan,
    org_type_zh,
    status_zh,
    vocab_zh,
    xml_attr,
)

#: Entity type and the i2 standard icon each kind is drawn with.
ENTITY_TYPES: dict[str, tuple[str, str]] = {
    Kind.PERSON: ("Person", "Person"),
    Kind.PHONE_CARD: ("Phone", "Phone"),
    Kind.BANK_CARD: ("Bank Account", "Bank Account"),
    Kind.DEVICE: ("Mobile Handset", "Mobile Phone"),
    Kind.ORGANISATION: ("Organisation", "Organisation"),
    Kind.PAYMENT_ACCOUNT: ("Payment Account", "Account"),
    Kind.CRYPTO_WALLET: ("Crypto Wallet", "Wallet"),
}

#: Attribute classes: (name, ANX type). Names carry Chinese first: the chart is read by the
#: squad and the prosecutors.
ATTRIBUTE_CLASSES: tuple[tuple[str, str], ...] = (
    ("身份证号 ID number", "AttText"),
    ("卡号 Card number", "AttText"),
    ("电话号码 Phone number", "AttText"),
    ("IMEI", "AttText"),
    ("支付账户 Payment account", "AttText"),
    ("钱包地址 Wallet address", "AttText"),
    ("支付平台 Platform", "AttText"),
    ("区块链 Chain", "AttText"),
    ("角色 Roles", "AttText"),
    ("罪责 Culpability", "AttText"),
    ("法律状态 Legal status", "AttText"),
    ("地区 Region", "AttText"),
    ("别名 Aliases", "AttText"),
    ("开户行 Bank", "AttText"),
    ("运营商 Carrier", "AttText"),
    ("型号 Model", "AttText"),
    ("组织类型 Organisation type", "AttText"),
    ("备注 Notes", "AttText"),
    ("资金出口(元) Money out of the system (yuan)", "AttNumber"),
    ("金额(元) Amount (yuan)", "AttNumber"),
    ("笔数 Transfers", "AttNumber"),
    ("首次 First", "AttTime"),
    ("末次 Last", "AttTime"),
    ("通话次数 Calls", "AttNumber"),
    ("通话时长(秒) Duration (s)", "AttNumber"),
)

_SHOWN = {
    "身份证号 ID number",
    "卡号 Card number",
    "电话号码 Phone number",
    "IMEI",
    "支付账户 Payment account",
    "钱包地址 Wallet address",
    "角色 Roles",
    "法律状态 Legal status",
    "金额(元) Amount (yuan)",
}

_KEY_CLASS = {
    Kind.PERSON: "身份证号 ID number",
    Kind.BANK_CARD: "卡号 Card number",
    Kind.PHONE_CARD: "电话号码 Phone number",
    Kind.DEVICE: "IMEI",
    Kind.PAYMENT_ACCOUNT: "支付账户 Payment account",
    Kind.CRYPTO_WALLET: "钱包地址 Wallet address",
}

# Bands of the initial layout, top to bottom.
_BANDS = (Kind.ORGANISATION, Kind.PERSON, Kind.PHONE_CARD, Kind.BANK_CARD,
          Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET, Kind.DEVICE)  # fmt: skip
_PER_ROW = 40
_STEP = 150

# COLORREF values (0x00BBGGRR) of the link types that are facts.
_RED, _BLUE = 0x0000C0, 0xC06000


def _time(ts: str) -> str:
    # ANX date-times are ISO without a zone: 2025-03-01T10:00:00.
    core = ts[:19]
    return core[:10] + "T" + core[11:] if len(core) == 19 else core + "T00:00:00"


class _Chart:
    def __init__(self):
        self.ac_ids = {name: f"AC{i}" for i, (name, _) in enumerate(ATTRIBUTE_CLASSES, 1)}
        self.et_ids = {
            name: f"ET{i}" for i, (name, _) in enumerate(dict(ENTITY_TYPES.values()).items(), 1)
        }
        self.lt_ids: dict[str, str] = {}
        self.lt_colour: dict[str, int] = {}
        self.items: list[str] = []
        self.next_item = 0
        # The fact layers first, so that their colours win over an analyst's link type of
        # the same name.
        self.link_type("转账 pays", _RED)
        self.link_type("通话 calls", _BLUE)

    def link_type(self, name: str, colour: int = 0) -> str:
        if name not in self.lt_ids:
            self.lt_ids[name] = f"LT{len(self.lt_ids) + 1}"
            self.lt_colour[name] = colour
        return self.lt_ids[name]

    def item_id(self) -> str:
        self.next_item += 1
        return f"CI{self.next_item}"

    def attributes(self, values: list[tuple[str, object]]) -> str:
        parts = []
        for name, value in values:
            if value is None or value == "":
                continue
            if isinstance(value, float):
                text = f"{value:.2f}"
            else:
                text = str(value)
            parts.append(
                f'<Attribute AttributeClass="{xml_attr(name)}" '
                f'AttributeClassReference="{self.ac_ids[name]}" Value="{xml_attr(text)}"/>'
            )
        if not parts:
            return ""
        return "<AttributeCollection>" + "".join(parts) + "</AttributeCollection>"

    def entity(self, entity_id: int, identity: str, label: str, kind: str, x: int, y: int,
               description: str, attrs: list[tuple[str, object]]) -> None:  # fmt: skip
        type_name, _icon = ENTITY_TYPES[kind]
        desc = f' Description="{xml_attr(description)}"' if description else ""
        self.items.append(
            f'<ChartItem Id="{self.item_id()}" Label="{xml_attr(label)}" XPosition="{x}"{desc}>'
            f'<End X="{x}" Y="{y}" Z="0"><Entity EntityId="E{entity_id}" '
            f'Identity="{xml_attr(identity)}" '
            f'LabelIsIdentity="{"true" if label == identity else "false"}">'
            f'<Icon><IconStyle Type="{xml_attr(type_name)}" '
            f'EntityTypeReference="{self.et_ids[type_name]}"/></Icon></Entity></End>'
            f"{self.attributes(attrs)}</ChartItem>"
        )

    def link(self, end1: int, end2: int, label: str, type_name: str, directed: bool,
             tentative: bool, width: int, when: str, attrs: list[tuple[str, object]],
             colour: int = 0) -> None:  # fmt: skip
        lt = self.link_type(type_name, colour)
        dated = f' DateSet="true" TimeSet="true" DateTime="{_time(when)}"' if when else ""
        arrow = ' ArrowStyle="ArrowOnHead"' if directed else ""
        colour_attr = f' LineColour="{colour}"' if colour else ""
        self.items.append(
            f'<ChartItem Id="{self.item_id()}" Label="{xml_attr(label)}"{dated}>'
            f'<Link End1Id="E{end1}" End2Id="E{end2}"><LinkStyle{arrow} '
            f'Strength="{"Tentative" if tentative else "Default"}" LineWidth="{width}"'
            f'{colour_attr} Type="{xml_attr(type_name)}" LinkTypeReference="{lt}"/></Link>'
            f"{self.attributes(attrs)}</ChartItem>"
        )

    def write(self, f) -> None:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w('<Chart IdReferenceLinking="false" Rigorous="false">\n')
        w('<ApplicationVersion Major="9" Minor="0" Point="0" Build="0"/>\n')
        w("<StrengthCollection>")
        w('<Strength Id="S1" Name="Default" DotStyle="DotStyleSolid"/>')
        w('<Strength Id="S2" Name="Tentative" DotStyle="DotStyleDashed"/>')
        w("</StrengthCollection>\n<AttributeClassCollection>\n")
        for name, kind in ATTRIBUTE_CLASSES:
            decimals = ' DecimalPlaces="2"' if kind == "AttNumber" else ""
            # Under each icon only the key, roles, status and amounts show; the rest is one
            # click away in the item's properties rather than ten lines of clutter.
            shown = "true" if name in _SHOWN else "false"
            w(
                f'<AttributeClass Id="{self.ac_ids[name]}" Name="{xml_attr(name)}" '
                f'Type="{kind}" IsUser="true" UserCanAdd="true" UserCanRemove="true" '
                f'ShowValue="{shown}" ShowClassName="false" Visible="true"{decimals}/>\n'
            )
        w("</AttributeClassCollection>\n<EntityTypeCollection>\n")
        for type_name, icon in dict(ENTITY_TYPES.values()).items():
            w(
                f'<EntityType Id="{self.et_ids[type_name]}" Name="{xml_attr(type_name)}" '
                f'IconFile="{xml_attr(icon)}" PreferredRepresentation="RepresentAsIcon"/>\n'
            )
        w("</EntityTypeCollection>\n<LinkTypeCollection>\n")
        for name, lt in self.lt_ids.items():
            w(f'<LinkType Id="{lt}" Name="{xml_attr(name)}" Colour="{self.lt_colour[name]}"/>\n')
        w("</LinkTypeCollection>\n<ChartItemCollection>\n")
        for item in self.items:
            w(item)
            w("\n")
        w("</ChartItemCollection>\n</Chart>\n")


def _width(total_fen: int) -> int:
    """Line width 1-5 growing with the order of magnitude of the amount (1 below 1,000 yuan)."""
    yuan = total_fen / 100
    return max(1, min(5, int(math.log10(yuan)) - 1)) if yuan >= 1 else 1


def export_anx(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the case (or ``entity_ids`` and the facts among them) as an i2 ANB chart (ANX).

    The chart's structure is described in this module's docstring.
    """
    view = CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids)
    chart = _Chart()
    entities = view.entities
    exits = view.money_exits()
    identities: set[str] = set()
    placed = {kind: 0 for kind in _BANDS}
    band_top = {}
    y = 0
    counts = {kind: 0 for kind in _BANDS}
    for e in entities.values():
        counts[Kind(e.kind)] += 1
    for kind in _BANDS:
        band_top[kind] = y
        rows = math.ceil(counts[kind] / _PER_ROW)
        y += (rows + 1) * _STEP if rows else 0

    for e in entities.values():
        kind = Kind(e.kind)
        identity = e.key or f"#{e.id}"
        if identity in identities:
            identity = f"{identity} #{e.id}"
        identities.add(identity)
        n = placed[kind]
        placed[kind] += 1
        x = (n % _PER_ROW) * _STEP
        y = band_top[kind] + (n // _PER_ROW) * _STEP
        attrs: list[tuple[str, object]] = []
        if kind in _KEY_CLASS and e.key:
            key = e.key
            if kind in (Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET):
                key = key.partition(":")[2] or key  # the platform or chain has its own class
            attrs.append((_KEY_CLASS[kind], key))
        region = e.region
        holder = entities[e.holder_id].label if e.holder_id is not None else ""
        attrs += [
            ("角色 Roles", e.roles_zh()),
            ("罪责 Culpability", culpability_zh(e.culpability)),
            ("法律状态 Legal status", status_zh(e.legal_status)),
            ("地区 Region", region.full if region else ""),
            ("别名 Aliases", "; ".join(e.aliases)),
            ("开户行 Bank", e.attrs.get("bank", "")),
            ("运营商 Carrier", e.attrs.get("carrier", "")),
            ("型号 Model", e.attrs.get("model", "")),
            ("支付平台 Platform", vocab_zh(PAYMENT_PLATFORMS, e.attrs.get("platform", ""))),
            ("区块链 Chain", vocab_zh(CRYPTO_CHAINS, e.attrs.get("chain", ""))),
            ("组织类型 Organisation type", org_type_zh(e.attrs.get("org_type", ""))),
            ("备注 Notes", e.notes),
        ]
        out = exits.get(e.id)
        if out:
            attrs.append(
                (
                    "资金出口(元) Money out of the system (yuan)",
                    sum(t for t, _ in out.values()) / 100,
                )
            )
        description = f"持有人 holder: {holder}" if holder else ""
        chart.entity(e.id, identity, e.label, kind, x, y, description, attrs)

    links = view.links()
    for link in links:
        name = link.type_zh if link.type_zh == link.type_en else f"{link.type_zh} {link.type_en}"
        chart.link(
            link.source_id, link.target_id, link.type_zh, name, link.directed,
            link.confidence < 1.0, 1, "", [("备注 Notes", link.note)],
        )  # fmt: skip
    money = view.money_edges()
    transactions = 0
    for payer, payee, total, count, first, last in money:
        transactions += count
        chart.link(
            payer, payee, f"¥{fen_to_yuan(total)} ({count}笔)", "转账 pays", True, False,
            _width(total), first,
            [
                ("金额(元) Amount (yuan)", total / 100),
                ("笔数 Transfers", count),
                ("首次 First", _time(first)),
                ("末次 Last", _time(last)),
            ],
            colour=_RED,
        )  # fmt: skip
    call_pairs = view.call_edges()
    calls = 0
    for caller, callee, count, duration, first, last in call_pairs:
        calls += count
        chart.link(
            caller, callee, f"{count}次 {duration or 0}秒", "通话 calls", True, False, 1, first,
            [
                ("通话次数 Calls", count),
                ("通话时长(秒) Duration (s)", duration or 0),
                ("首次 First", _time(first)),
                ("末次 Last", _time(last)),
            ],
            colour=_BLUE,
        )  # fmt: skip
    with atomic_path(out_path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        chart.write(f)
    return ExportSummary(
        path=Path(out_path),
        format="anx",
        entities=len(entities),
        links=len(links),
        transactions=transactions,
        calls=calls,
        money_edges=len(money),
        call_edges=len(call_pairs),
    )
