"""Entity values: natural keys normalised, vocabularies checked, and the audit's view."""

from __future__ import annotations

from .. import identifiers as ids
from ..errors import (
    ValidationError,
)
from ..model import (
    CULPABILITY,
    LEGAL_STATUS,
    ORGANISATION_TYPES,
    REGION_REASONS,
    ROLES,
    Entity,
    Kind,
    Link,
    RegionTag,
    codes,
)

_VOCAB = {
    "roles": codes(ROLES),
    "culpability": codes(CULPABILITY) | {""},
    "legal_status": codes(LEGAL_STATUS) | {""},
    "reason": codes(REGION_REASONS),
    "org_type": codes(ORGANISATION_TYPES) | {""},
}


def normalize_key(kind: Kind | str, raw: str | None) -> tuple[str | None, bool, str]:
    """Normalise an entity's natural key: (key, valid, problem).

    Bank cards that fail the Luhn check and wallet addresses that fail their checksum are
    kept and flagged (``'luhn'``, ``'bad_checksum'``), since real statements hold them;
    every other malformed key raises ``identifiers.IdentifierError``. A payment account is
    ``"<platform>:<account>"`` (any spelling of the platform); a masked one (``138****5678``)
    is flagged ``'partial'``. A wallet is ``"<chain>:<address>"`` or the bare address.

    >>> normalize_key("phone_card", "+86 138-1234-5678")
    ('13812345678', True, '')
    >>> normalize_key("bank_card", "6222 0212 3456 7890 13")
    ('622202123456789013', False, 'luhn')
    >>> normalize_key("person", "")
    (None, True, '')
    >>> normalize_key("phone_card", "023-6789 1234")
    ('02367891234', False, 'not_mobile')
    >>> normalize_key("payment_account", "支付宝:Zhang.San@163.com")
    ('alipay:zhang.san@163.com', True, '')
    >>> normalize_key("crypto_wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    ('tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', True, '')
    """
    kind = Kind(kind)
    if raw is None or not str(raw).strip():
        return None, True, ""
    raw = str(raw)
    if kind is Kind.PERSON:
        return ids.normalize_id_number(raw), True, ""
    if kind is Kind.PHONE_CARD:
        try:
            return ids.normalize_mobile(raw), True, ""
        except ids.MobileError:
            # Landlines (023-12345678) and service numbers (95588) call victims too; a number
            # that looks like a mobile but is not one is a typing error, though.
            digits = "".join(ch for ch in raw if ch.isdigit())
            if digits.startswith("1") and len(digits) == 11 or not 3 <= len(digits) <= 20:
                raise
            return digits, False, "not_mobile"
    if kind is Kind.DEVICE:
        return ids.normalize_imei(raw), True, ""
    if kind is Kind.BANK_CARD:
        try:
            card = ids.normalize_card_number(raw)
        except ids.IdentifierError:
            try:
                card = ids.normalize_account_number(raw)
            except ids.IdentifierError:
                masked = ids.masked_number(raw)
                if masked is None:
                    raise
                return masked, False, "partial"  # 6222****1234, as a statement prints it
            return card.number, True, ""
        return card.number, card.luhn_ok, "" if card.luhn_ok else "luhn"
    if kind is Kind.PAYMENT_ACCOUNT:
        platform, sep, account = raw.strip().partition(":")
        if not sep:
            raise ids.PaymentAccountError(raw, "unknown_platform", "write it as PLATFORM:ACCOUNT",
                                          kind="payment_account")  # fmt: skip
        key = ids.payment_account_key(platform, account)
        return key, True, "partial" if "*" in account else ""
    if kind is Kind.CRYPTO_WALLET:
        chain, sep, address = raw.strip().partition(":")
        if not sep:
            chain, address = None, raw
        chain, address, ok = ids.normalize_crypto_address(address, chain)
        return f"{chain}:{address}", ok, "" if ok else "bad_checksum"
    return raw.strip(), True, ""


def derived_attrs(kind: Kind | str, key: str | None) -> dict:
    """Attributes a normalised key implies: a payment account's platform, a wallet's chain.

    >>> derived_attrs("crypto_wallet", "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    {'chain': 'tron'}
    """
    kind = Kind(kind)
    if not key:
        return {}
    if kind is Kind.PAYMENT_ACCOUNT:
        return {"platform": key.partition(":")[0]}
    if kind is Kind.CRYPTO_WALLET:
        return {"chain": key.partition(":")[0]}
    return {}


def _tag(r: RegionTag | tuple[str, str]) -> RegionTag:
    return r if isinstance(r, RegionTag) else RegionTag(r[0], r[1])


def _validate(v: dict) -> None:
    for role in v.get("roles", ()):
        if role not in _VOCAB["roles"]:
            raise ValidationError("role", role, "not a known role")
    for fld in ("culpability", "legal_status"):
        if fld in v and v[fld] not in _VOCAB[fld]:
            raise ValidationError(fld, v[fld], f"not a known {fld.replace('_', ' ')}")
    for t in v.get("regions", ()):
        if t.reason not in _VOCAB["reason"]:
            raise ValidationError("region reason", t.reason, "not a known reason")
    if "attrs" in v:
        if not isinstance(v["attrs"], dict):
            raise ValidationError("attrs", v["attrs"], "must be a mapping")
        if v["attrs"].get("org_type", "") not in _VOCAB["org_type"]:
            raise ValidationError("organisation type", v["attrs"]["org_type"], "unknown type")
        if v["attrs"].get("platform", "other") not in ids.PLATFORM_CODES:
            raise ValidationError("platform", v["attrs"]["platform"], "unknown platform")
        if v["attrs"].get("chain", "tron") not in ids.CHAINS:
            raise ValidationError("chain", v["attrs"]["chain"], "unknown chain")


def _as_values(e: Entity) -> dict:
    return {
        "kind": e.kind.value,
        "key": e.key,
        "name": e.name,
        "key_valid": int(e.key_valid),
        "key_problem": e.key_problem,
        "culpability": e.culpability,
        "legal_status": e.legal_status,
        "notes": e.notes,
        "attrs": dict(e.attrs),
        "roles": list(e.roles),
        "aliases": list(e.aliases),
        "regions": list(e.regions),
    }


def _public(v: dict) -> dict:
    """The audit's view of entity values: JSON-ready, sets sorted."""
    out = {}
    for k, val in v.items():
        if k in ("key_valid", "key_problem", "created_at"):
            continue
        if k == "regions":
            val = sorted([t.code, t.reason] + ([t.note] if t.note else []) for t in val)
        elif k in ("roles", "aliases"):
            val = sorted(val)
        out[k] = val
    return out


def _link_public(link: Link) -> dict:
    return {
        "type": link.type,
        "source_id": link.source_id,
        "target_id": link.target_id,
        "origin": link.origin,
        "confidence": link.confidence,
        "note": link.note,
    }
