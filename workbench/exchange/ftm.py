"""FollowTheMoney entities as JSON lines, for Aleph and OpenAleph (``ftm`` / ``alephclient``).

How the case maps onto FtM:

- person -> ``Person`` (name, alias, idNumber, birthDate and nationality from a valid ID
  number, gender, country and address from the household region, phone numbers of the
  phone cards held, roles in ``position``, legal status in ``status``, culpability in
  ``classification``); organisation -> ``Organization``.
- bank card -> ``BankAccount`` (accountNumber, bankName, accountType, openingDate, branch
  in ``description``) with an ``Ownership`` (owner -> asset) from each ``holds`` link. A card
  nobody is known to hold gets a ``LegalEntity`` named after the account name its bank
  reported, since a ``Payment`` needs a payer and a beneficiary.
- phone card -> ``UserAccount`` (username and phone = the number, service = the carrier,
  owner = the holder).
- payment account -> ``UserAccount`` (service = the platform in Chinese and English,
  username = the account, aliases, e-mail and phone where the account or an alias is one,
  owner = the holder); crypto wallet -> ``CryptoWallet`` (publicKey = the address,
  blockchain, currency, holder). Neither is an FtM asset, so a payment through one names
  its holder as payer or beneficiary (a ``LegalEntity`` after the reported account name
  when nobody is known to hold it) and the account in the payment's description.
- ``member_of`` -> ``Membership`` (role: the member's roles); other links between people ->
  ``Associate`` (relationship: the link type in Chinese and English); the rest ->
  ``UnknownLink``.
- each transaction -> ``Payment`` (amount in yuan, currency CNY, date, purpose = the
  statement's summary, payer/beneficiary and their accounts; money that left as cash, to a
  platform or into crypto goes to one ``LegalEntity`` per exit kind).
- each call -> ``Call`` (caller and receiver = the holders, callerNumber/receiverNumber in
  E.164, date, duration in seconds).
- handsets have no FtM schema and are left out (``skipped`` counts them).

Ids are SHA-1 hex digests of a namespace and the entity's natural key (ID number, card
number, phone number, organisation name; a transfer's serial or its parties, time and
amount), never of the case's row ids or its path: the same card exported from two cases of
the squad merges into one entity in Aleph. With ``mask_ids`` the digests are keyed with the
case's creation stamp, so that an id cannot be turned back into an ID number by hashing
candidates (an 18-digit ID number with a known region and birth date has few).

Values are written in the form FtM's cleaners produce (ISO dates, ``1500.00``, lower-case
country codes, E.164 phones), so every line reads back unchanged through
``followthemoney.model.get_proxy(data, cleaned=False)``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Collection
from datetime import date
from functools import lru_cache
from pathlib import Path

import phonenumbers

from ..identifiers import CHAINS, IdentifierError, is_mobile, parse_id_number
from ..model import CRYPTO_CHAINS, PAYMENT_PLATFORMS, Kind
from ..store import CaseStore
from ._case import (
    EXIT_KINDS,
    CaseView,
    ExportEntity,
    ExportSummary,
    atomic_path,
    culpability_zh,
    fen_to_yuan,
    iso_time,
    org_type_zh,
    role_zh,
    status_zh,
)

_NAMESPACE = "zhanlian"
_GENDER = {"男": "male", "女": "female", "M": "male", "F": "female"}
# One encoder for every line: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CALL_TYPES = {"voice": "语音通话 voice call", "sms": "短信 SMS"}


@lru_cache(maxsize=65536)
def e164(number: str) -> str | None:
    """A mainland number in E.164 as FtM's phone type cleans it, or None if not a phone.

    >>> e164("13812345678"), e164("023-6312 3456"), e164("95588")
    ('+8613812345678', '+862363123456', None)
    """
    digits = "".join(c for c in str(number) if c.isdigit() or c == "+")
    if not digits:
        return None
    if digits.startswith("+"):
        candidate = digits
    elif digits.startswith("00"):
        candidate = "+" + digits[2:]
    else:
        candidate = "+86" + (digits[1:] if digits.startswith("0") else digits)
    # The same test FtM's phone type applies (libphonenumber's validity, E.164 out), done
    # with phonenumbers itself so the program does not need the followthemoney package.
    try:
        parsed = phonenumbers.parse(candidate, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def country_of(region_code: str | None) -> str | None:
    """The ISO country code of a region: 'cn' on the mainland, the place's country abroad.

    >>> country_of("500240"), country_of("XMM-N"), country_of("XUN"), country_of(None)
    ('cn', 'mm', None, None)
    """
    if not region_code or region_code == "XUN":  # XUN: abroad, country unknown
        return None
    if region_code[0].isdigit():
        return "cn"
    code = region_code[1:3].lower()
    return code if len(code) == 2 and code.isalpha() else None


def _iso_date(value) -> str | None:
    """A date attribute as FtM stores dates (YYYY-MM-DD), or None if it is not one.

    >>> _iso_date("2017-07-19"), _iso_date("2017/7/19"), _iso_date(None)
    ('2017-07-19', None, None)
    """
    try:
        return date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


class _Writer:
    """Builds FtM entity dicts with deterministic ids and writes them as JSON lines."""

    def __init__(self, f, salt: bytes | None):
        self.f = f
        self.salt = salt
        self.seen: set[str] = set()
        self._uses: dict[str, int] = {}

    def unique_id(self, *parts) -> str:
        """make_id, with an ordinal from the second use of the same parts on.

        Two things with the same natural key (namesake organisations, the same transfer
        listed twice without a serial, two identical links) stay two entities.
        """
        entity_id = self.make_id(*parts)
        n = self._uses.get(entity_id, 0)
        self._uses[entity_id] = n + 1
        return entity_id if n == 0 else self.make_id(*parts, n)

    def make_id(self, *parts) -> str:
        text = "\x1f".join([_NAMESPACE, *(str(p) for p in parts)]).encode("utf-8")
        if self.salt is not None:
            return hmac.new(self.salt, text, hashlib.sha1).hexdigest()
        return hashlib.sha1(text).hexdigest()

    def emit(self, entity_id: str, schema: str, props: dict) -> str:
        clean = {}
        for prop, values in props.items():
            if values is None or values == "":
                continue
            if values.__class__ is str:
                clean[prop] = [values]
            elif isinstance(values, list | tuple):
                kept = [str(v) for v in values if v is not None and v != ""]
                if kept:
                    clean[prop] = list(dict.fromkeys(kept))
            else:
                clean[prop] = [str(values)]
        self.f.write(_ENCODER.encode({"id": entity_id, "schema": schema, "properties": clean}))
        self.f.write("\n")
        self.seen.add(entity_id)
        return entity_id


def export_ftm(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the case (or ``entity_ids`` and the facts among them) as FtM JSON lines.

    The mapping is described in this module's docstring. Load the file into Aleph with
    ``alephclient write-entities -i FILE -f FOREIGN_ID`` or ``ftm`` tools.
    """
    view = CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids)
    salt = None
    if mask_ids:
        salt = (view.meta.get("created_at", "") + view.meta.get("name", "")).encode("utf-8")
    entities = view.entities
    skipped = 0
    with (
        atomic_path(out_path) as tmp,
        open(tmp, "w", encoding="utf-8", newline="\n") as f,
    ):
        w = _Writer(f, salt)
        fid: dict[int, str] = {}
        owner: dict[int, str] = {}  # bank card entity -> the LegalEntity paying from it
        phones_of: dict[int, list[str]] = {}  # person -> E.164 numbers of phone cards held
        holders: dict[int, list[int]] = {}  # card/phone -> people holding it (holds links)
        links = view.links()
        for link in links:
            if link.type == "holds":
                holders.setdefault(link.target_id, []).append(link.source_id)
        for target, people in holders.items():
            t = entities[target]
            # Masked, a phone number has no place in FtM's phone properties (they hold whole
            # E.164 numbers only); it stays, masked, in the account's username.
            if t.kind == Kind.PHONE_CARD and not mask_ids and t.raw_key and e164(t.raw_key):
                for p in people:
                    phones_of.setdefault(p, []).append(e164(t.raw_key))

        # Parties first, so that a reader streaming the file meets every entity before the
        # edges that point to it.
        for e in entities.values():
            if e.kind == Kind.PERSON:
                fid[e.id] = _person(w, e, phones_of.get(e.id, []), mask_ids)
            elif e.kind == Kind.ORGANISATION:
                fid[e.id] = _organisation(w, e)
        for e in entities.values():
            if e.kind == Kind.BANK_CARD:
                fid[e.id] = _bank_account(w, e)
                people = [p for p in holders.get(e.id, []) if p in fid]
                for p in dict.fromkeys(people):  # the same holds link twice: one Ownership
                    w.emit(
                        w.make_id("ownership", fid[p], fid[e.id]),
                        "Ownership",
                        {"owner": fid[p], "asset": fid[e.id], "role": "持卡人 cardholder"},
                    )
                if e.holder_id is not None and e.holder_id in fid:
                    owner[e.id] = fid[e.holder_id]
                elif people:
                    owner[e.id] = fid[people[0]]
                else:
                    owner[e.id] = _unknown_holder(w, e, fid[e.id])
            elif e.kind == Kind.PHONE_CARD:
                props = {
                    "username": e.key or e.label,
                    "name": e.label,
                    "phone": e164(e.raw_key) if e.raw_key and not mask_ids else None,
                    "service": e.attrs.get("carrier"),
                    "owner": fid.get(e.holder_id) if e.holder_id is not None else None,
                    "notes": e.notes,
                }
                fid[e.id] = w.emit(
                    w.unique_id("phone_card", e.raw_key or e.label), "UserAccount", props
                )
            elif e.kind in _PLATFORM_KINDS:
                people = [p for p in holders.get(e.id, []) if p in fid]
                if e.holder_id is not None and e.holder_id in fid:
                    owner[e.id] = fid[e.holder_id]
                elif people:
                    owner[e.id] = fid[people[0]]
                else:
                    owner[e.id] = _account_holder(w, e)
                write = _payment_account if e.kind == Kind.PAYMENT_ACCOUNT else _crypto_wallet
                fid[e.id] = write(w, e, owner[e.id])
            elif e.kind == Kind.DEVICE:
                skipped += 1

        links_written = 0
        for link in links:
            if link.type == "holds":
                # Written above as Ownership, UserAccount owner and Person phone; a held
                # handset has no place in FtM.
                if entities[link.target_id].kind in _HELD_KINDS:
                    links_written += 1
                else:
                    skipped += 1
                continue
            src, dst = entities[link.source_id], entities[link.target_id]
            if link.source_id not in fid or link.target_id not in fid:
                skipped += 1
                continue
            a, b = fid[link.source_id], fid[link.target_id]
            relation = (
                f"{link.type_zh} {link.type_en}" if link.type_zh != link.type_en else link.type_en
            )
            if (
                link.type == "member_of"
                and dst.kind == Kind.ORGANISATION
                and src.kind
                in (
                    Kind.PERSON,
                    Kind.ORGANISATION,
                )
            ):
                w.emit(
                    w.unique_id("membership", a, b),
                    "Membership",
                    {
                        "member": a,
                        "organization": b,
                        "role": [role_zh(r) for r in src.roles],
                        "summary": link.note,
                    },
                )
            elif src.kind == Kind.PERSON and dst.kind == Kind.PERSON:
                w.emit(
                    w.unique_id("associate", link.type, a, b),
                    "Associate",
                    {
                        "person": a,
                        "associate": b,
                        "relationship": relation,
                        "summary": link.note,
                    },
                )
            else:
                w.emit(
                    w.unique_id("link", link.type, a, b),
                    "UnknownLink",
                    {"subject": a, "object": b, "role": relation, "summary": link.note},
                )
            links_written += 1

        transactions = _payments(w, view, entities, fid, owner)
        calls = _calls(w, view, entities, fid)

    return ExportSummary(
        path=Path(out_path),
        format="ftm",
        entities=len(fid),
        links=links_written,
        transactions=transactions,
        calls=calls,
        skipped=skipped,
    )


def _person(w: _Writer, e: ExportEntity, phones: list[str], masked: bool) -> str:
    if e.raw_key:
        entity_id = w.make_id("person", e.raw_key)
    else:
        # No ID number: the name is the only natural key; namesakes get an ordinal.
        entity_id = w.unique_id("person-name", e.name or e.label)
    props = {
        "name": e.name or e.label,
        "alias": e.aliases,
        "idNumber": e.key,
        "position": [role_zh(r) for r in e.roles],
        "status": status_zh(e.legal_status),
        "classification": culpability_zh(e.culpability),
        "notes": e.notes,
        "phone": phones,
        "gender": _GENDER.get(str(e.attrs.get("sex", ""))),
    }
    if e.raw_key and e.key_valid:
        try:
            info = parse_id_number(e.raw_key)
        except IdentifierError:
            info = None
        if info is not None:
            props["nationality"] = "cn"
            if not masked:
                props["birthDate"] = info.birth_date.isoformat()
            props["gender"] = props["gender"] or _GENDER[info.sex]
    if e.region:
        props["country"] = country_of(e.region.code)
        props["address"] = e.region.full
    return w.emit(entity_id, "Person", props)


def _organisation(w: _Writer, e: ExportEntity) -> str:
    props = {
        "name": e.name or e.label,
        "alias": e.aliases,
        "classification": org_type_zh(e.attrs.get("org_type", "")),
        "notes": e.notes,
        "status": status_zh(e.legal_status),
    }
    if e.region:
        props["country"] = country_of(e.region.code)
        props["address"] = e.region.full
    return w.emit(
        w.unique_id("organisation", e.raw_key or e.name or e.label), "Organization", props
    )


def _bank_account(w: _Writer, e: ExportEntity) -> str:
    a = e.attrs
    props = {
        "accountNumber": e.key,
        "bankName": a.get("bank"),
        "accountType": a.get("card_type"),
        "openingDate": _iso_date(a.get("opened_on")),
        "description": a.get("branch"),
        "notes": e.notes,
    }
    if e.region:
        props["country"] = country_of(e.region.code)
    return w.emit(w.unique_id("bank_card", e.raw_key or e.label), "BankAccount", props)


_PLATFORM_KINDS = (Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET)
_HELD_KINDS = (Kind.BANK_CARD, Kind.PHONE_CARD, *_PLATFORM_KINDS)
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _zh_en(vocabulary, code: str) -> str:
    for t in vocabulary:
        if t.code == code:
            return f"{t.zh} {t.en}"
    return code


def _account_holder(w: _Writer, e: ExportEntity) -> str:
    """Whoever holds a payment account or wallet nobody in the case is known to hold."""
    name = e.attrs.get("account_name") or f"户名不详 unknown holder of {e.label}"
    return w.emit(
        w.make_id("account-holder", e.kind, e.raw_key or e.label),
        "LegalEntity",
        {"name": name, "description": "账户持有人（未确认） account holder as reported"},
    )


def _payment_account(w: _Writer, e: ExportEntity, holder: str) -> str:
    platform, _, account = (e.key or "").partition(":")
    platform = e.attrs.get("platform") or platform
    # Unmasked, the account itself may be an e-mail or a phone; masked, only what the
    # export shows (a masked number is neither, and is left out of those properties).
    raw = e.key if w.salt is not None else e.raw_key
    unmasked = [(raw or "").partition(":")[2], *e.aliases]
    props = {
        "username": account or e.label,
        "name": e.name or account or e.label,
        "alias": e.aliases,
        "service": _zh_en(PAYMENT_PLATFORMS, platform),
        "email": [a.lower() for a in unmasked if _PLAIN_EMAIL.fullmatch(a)],
        "phone": [e164(a) for a in unmasked if is_mobile(a) and e164(a)],
        "owner": holder,
        "notes": e.notes,
    }
    return w.emit(w.unique_id("payment_account", e.raw_key or e.label), "UserAccount", props)


def _crypto_wallet(w: _Writer, e: ExportEntity, holder: str) -> str:
    chain, _, address = (e.raw_key or "").partition(":")
    chain = e.attrs.get("chain") or chain
    props = {
        "publicKey": address or e.label,
        "name": e.name or address or e.label,
        "alias": e.aliases,
        "blockchain": _zh_en(CRYPTO_CHAINS, chain),
        "currency": e.attrs.get("currency") or CHAINS.get(chain),
        "holder": holder,
        "notes": e.notes,
    }
    return w.emit(w.unique_id("crypto_wallet", e.raw_key or e.label), "CryptoWallet", props)


def _unknown_holder(w: _Writer, e: ExportEntity, account: str) -> str:
    name = e.attrs.get("account_name") or f"户名不详 unknown holder of {e.label}"
    holder = w.emit(
        w.make_id("account-holder", account),
        "LegalEntity",
        {"name": name, "description": "账户户名（持卡人未确认） account name as reported"},
    )
    w.emit(
        w.make_id("ownership", holder, account),
        "Ownership",
        {"owner": holder, "asset": account, "role": "户名 account name"},
    )
    return holder


def _outside_party(w: _Writer, key: str, name: str, description: str) -> str:
    entity_id = w.make_id("outside", key)
    if entity_id not in w.seen:
        w.emit(entity_id, "LegalEntity", {"name": name, "description": description})
    return entity_id


def _payments(w: _Writer, view: CaseView, entities, fid, owner) -> int:
    written = 0

    def party(eid: int | None, txn_exit: str, side: str):
        if eid is None:
            if side == "beneficiary":
                zh, en = EXIT_KINDS.get(txn_exit or "unknown", EXIT_KINDS["unknown"])
                return (
                    _outside_party(w, f"exit:{txn_exit or 'unknown'}", f"{zh} ({en})", "资金出口"),
                    None,
                )
            return _outside_party(
                w, "source:unknown", "来源不明 (unknown source)", "资金来源"
            ), None
        e = entities[eid]
        if e.kind == Kind.BANK_CARD:
            return owner[eid], fid[eid]
        if e.kind in _PLATFORM_KINDS and eid in owner:
            return owner[eid], None
        if eid in fid:
            return fid[eid], None
        return None, None

    for row in view.transactions():
        _tid, ts, payer_id, payee_id, fen, exit_kind, channel, summary, counterpart = row[:9]
        serial, place = row[9], row[10]
        payer, payer_account = party(payer_id, exit_kind, "payer")
        payee, payee_account = party(payee_id, exit_kind, "beneficiary")
        if payer is None or payee is None:
            continue
        payer_key = entities[payer_id].raw_key if payer_id is not None else ""
        payee_key = entities[payee_id].raw_key if payee_id is not None else exit_kind
        if serial:
            natural = ("txn-serial", serial, payer_key, payee_key)
        else:
            natural = ("txn", payer_key, payee_key, ts, fen)
        entity_id = w.unique_id(*natural)
        # FtM's payer/beneficiary accounts are bank accounts only: name the others here.
        via = [
            f"{'付款' if side == 'payer' else '收款'} {entities[x].key}"
            for side, x in (("payer", payer_id), ("beneficiary", payee_id))
            if x is not None and entities[x].kind in _PLATFORM_KINDS
        ]
        w.emit(
            entity_id,
            "Payment",
            {
                "payer": payer,
                "beneficiary": payee,
                "payerAccount": payer_account,
                "beneficiaryAccount": payee_account,
                "amount": fen_to_yuan(fen),
                "currency": "CNY",
                "date": iso_time(ts),
                "purpose": summary,
                "description": " ".join(x for x in (channel, place, *via) if x),
                "namesMentioned": counterpart,
                "transactionNumber": serial,
            },
        )
        written += 1
    return written


def _calls(w: _Writer, view: CaseView, entities, fid) -> int:
    written = 0
    for _cid, ts, caller_id, callee_id, duration, call_type, cell, _device in view.calls():
        a, b = entities[caller_id], entities[callee_id]
        props = {
            "caller": fid.get(a.holder_id) if a.holder_id is not None else None,
            "receiver": fid.get(b.holder_id) if b.holder_id is not None else None,
            "callerNumber": e164(a.raw_key) if a.raw_key and w.salt is None else None,
            "receiverNumber": e164(b.raw_key) if b.raw_key and w.salt is None else None,
            "date": iso_time(ts),
            "duration": str(int(duration or 0)),
            "description": " ".join(x for x in (_CALL_TYPES.get(call_type, call_type), cell) if x),
        }
        # A number FtM cannot read as a phone (a service number) stays in the summary.
        summary = [
            f"{side} {ent.key or ent.label}"
            for side, ent, prop in (("主叫", a, "callerNumber"), ("被叫", b, "receiverNumber"))
            if not props[prop]
        ]
        props["summary"] = "; ".join(summary)
        entity_id = w.unique_id("call", a.raw_key or a.label, b.raw_key or b.label, ts)
        w.emit(entity_id, "Call", props)
        written += 1
    return written
