"""The part of the FollowTheMoney model the FtM export writes, checked in plain Python.

The export is meant for Aleph and OpenAleph, whose ``followthemoney`` library validates it on
import. That library pulls in normality and PyICU, which has no wheels and needs a C++
compiler and libicu to install, so the test extra does without it: this module holds the
schemata, properties, types, ranges and required properties of FtM 4 that the export uses,
and checks values the way FtM's types clean them (NFC text without control characters or
edge whitespace, squashed names and addresses, ISO date prefixes, known country codes,
E.164 phones valid for libphonenumber, entity ids of FtM's id alphabet).

Where followthemoney is installed, ``test_ftm.py::test_schema_table_matches_followthemoney``
compares this table with the library's model, and ``validate`` there also runs the
library's own round trip, so the table cannot drift from FtM unnoticed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers


@dataclass(frozen=True)
class Schema:
    """An FtM schema: its ancestors, required properties and the properties we write."""

    parents: tuple[str, ...]
    required: tuple[str, ...]
    properties: dict[str, tuple[str, str | None]]  # name -> (type, range schema or None)

    def is_a(self, name: str, own: str) -> bool:
        return name == own or name in self.parents


#: Schema name -> Schema, for the schemata the export writes (FtM 4; none is abstract).
SCHEMATA: dict[str, Schema] = {
    "Associate": Schema(
        parents=("Interval",),
        required=("associate", "person"),
        properties={
            "associate": ("entity", "Person"),
            "person": ("entity", "Person"),
            "relationship": ("string", None),
            "summary": ("text", None),
        },
    ),
    "BankAccount": Schema(
        parents=("Asset", "Thing", "Value"),
        required=(),
        properties={
            "accountNumber": ("identifier", None),
            "accountType": ("string", None),
            "bankName": ("string", None),
            "country": ("country", None),
            "description": ("text", None),
            "openingDate": ("date", None),
        },
    ),
    "Call": Schema(
        parents=("Interval",),
        required=(),
        properties={
            "caller": ("entity", "LegalEntity"),
            "callerNumber": ("phone", None),
            "date": ("date", None),
            "description": ("text", None),
            "duration": ("number", None),
            "receiver": ("entity", "LegalEntity"),
            "receiverNumber": ("phone", None),
            "summary": ("text", None),
        },
    ),
    "CryptoWallet": Schema(
        parents=("Thing", "Value"),
        required=(),
        properties={
            "blockchain": ("string", None),
            "currency": ("string", None),
            "holder": ("entity", "LegalEntity"),
            "name": ("name", None),
            "notes": ("text", None),
            "publicKey": ("identifier", None),
        },
    ),
    "LegalEntity": Schema(
        parents=("Thing",),
        required=("name",),
        properties={
            "description": ("text", None),
            "name": ("name", None),
        },
    ),
    "Membership": Schema(
        parents=("Interest", "Interval"),
        required=("member", "organization"),
        properties={
            "member": ("entity", "LegalEntity"),
            "organization": ("entity", "Organization"),
            "role": ("string", None),
        },
    ),
    "Organization": Schema(
        parents=("LegalEntity", "Thing"),
        required=("name",),
        properties={
            "address": ("address", None),
            "classification": ("string", None),
            "country": ("country", None),
            "name": ("name", None),
            "notes": ("text", None),
        },
    ),
    "Ownership": Schema(
        parents=("Interest", "Interval"),
        required=("asset", "owner"),
        properties={
            "asset": ("entity", "Asset"),
            "owner": ("entity", "LegalEntity"),
            "role": ("string", None),
        },
    ),
    "Payment": Schema(
        parents=("Interval", "Value"),
        required=("beneficiary", "payer"),
        properties={
            "amount": ("number", None),
            "beneficiary": ("entity", "LegalEntity"),
            "beneficiaryAccount": ("entity", "BankAccount"),
            "currency": ("string", None),
            "date": ("date", None),
            "description": ("text", None),
            "namesMentioned": ("name", None),
            "payer": ("entity", "LegalEntity"),
            "payerAccount": ("entity", "BankAccount"),
            "purpose": ("text", None),
            "transactionNumber": ("string", None),
        },
    ),
    "Person": Schema(
        parents=("LegalEntity", "Thing"),
        required=("name",),
        properties={
            "address": ("address", None),
            "alias": ("name", None),
            "birthDate": ("date", None),
            "classification": ("string", None),
            "country": ("country", None),
            "gender": ("gender", None),
            "idNumber": ("identifier", None),
            "name": ("name", None),
            "nationality": ("country", None),
            "notes": ("text", None),
            "phone": ("phone", None),
            "position": ("string", None),
            "status": ("string", None),
        },
    ),
    "UnknownLink": Schema(
        parents=("Interest", "Interval"),
        required=("object", "subject"),
        properties={
            "object": ("entity", "Thing"),
            "role": ("string", None),
            "subject": ("entity", "Thing"),
            "summary": ("text", None),
        },
    ),
    "UserAccount": Schema(
        parents=("Thing",),
        required=("username",),
        properties={
            "alias": ("name", None),
            "email": ("email", None),
            "name": ("name", None),
            "notes": ("text", None),
            "owner": ("entity", "LegalEntity"),
            "phone": ("phone", None),
            "service": ("string", None),
            "username": ("string", None),
        },
    ),
}

#: Maximum value lengths of FtM's property types.
MAX_LENGTH = {
    "string": 1024, "text": 65000, "name": 384, "identifier": 64, "address": 250,
    "date": 32, "country": 16, "phone": 64, "number": 250, "entity": 200, "email": 250,
    "gender": 16,
}  # fmt: skip

#: The two-letter country codes FtM's country type accepts.
COUNTRIES = frozenset(
    """
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn
    bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cp cq cr cu cv cw cx cy
    cz dd de dg dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg
    gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu ic id ie il im in io ip iq ir
    is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma
    mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl
    no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc
    sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz ta tc td tf tg th tj tk tl tm tn
    to tr tt tv tw tz ua ug um un us uy uz va vc ve vg vi vn vu wf ws xk ye yt za zm zr zw
    zz
    """.split()  # noqa: SIM905 - a block of codes reads better than 262 quoted strings
)

GENDERS = frozenset({"male", "female", "other"})
ENTITY_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
EMAIL = re.compile(r"^[^<>()\[\],;:?\s@\"]{1,64}@[^\s@A-Z]+\.[^\s@A-Z]+$")


def _clean_text(value: str) -> bool:
    """FtM's common cleaning leaves the value as it is: NFC, no control characters, trimmed."""
    if not value or value != value.strip() or unicodedata.normalize("NFC", value) != value:
        return False
    return not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in value)


def value_problem(kind: str, value) -> str | None:
    """Why FtM would change or refuse ``value`` of property type ``kind``; None if it keeps it.

    >>> value_problem("phone", "+8613812345678"), value_problem("phone", "13812345678")
    (None, 'not a phone number')
    >>> value_problem("date", "2025-03-01T10:00:00"), value_problem("date", "2025-03-01 10:00")
    (None, 'not an ISO date prefix')
    """
    if not isinstance(value, str):
        return "not a string"
    if not _clean_text(value):
        return "not clean text (control characters, edge whitespace or not NFC)"
    if len(value) > MAX_LENGTH[kind]:
        return f"longer than {MAX_LENGTH[kind]}"
    if kind in ("name", "address") and " ".join(value.split()) != value:
        return "whitespace not squashed"
    if kind == "name" and len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        return "surrounded by quotes"
    if kind == "date" and not DATE.match(value):
        return "not an ISO date prefix"
    if kind == "number" and not NUMBER.match(value):
        return "not a plain number"
    if kind == "country" and value not in COUNTRIES:
        return "not a country code FtM knows"
    if kind == "gender" and value not in GENDERS:
        return "not male, female or other"
    if kind == "email" and not EMAIL.match(value):
        return "not an e-mail address with a lower-case domain"
    if kind == "entity" and not ENTITY_ID.match(value):
        return "not an entity id"
    if kind == "phone":
        try:
            parsed = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return "not a phone number"
        formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if formatted != value:
            return "not E.164 as libphonenumber formats it"
        if not phonenumbers.is_valid_number(parsed):
            return "not a valid number"
    return None


def check_lines(lines: list[dict]) -> dict[str, dict]:
    """Assert every line is an FtM entity Aleph imports unchanged; return them by id.

    A line has exactly id, schema and properties; ids are unique; the schema is known; every
    property belongs to it and every value survives FtM's cleaning of its type; required
    properties are there; every entity reference points to an entity of the file whose
    schema is (a descendant of) the property's range.
    """
    by_id: dict[str, dict] = {}
    for data in lines:
        assert set(data) == {"id", "schema", "properties"}, data
        assert data["id"] not in by_id, data
        assert value_problem("entity", data["id"]) is None, data["id"]
        by_id[data["id"]] = data
        schema = SCHEMATA.get(data["schema"])
        assert schema is not None, f"schema {data['schema']} is not one the table knows"
        for prop, values in data["properties"].items():
            assert prop in schema.properties, (data["schema"], prop)
            kind = schema.properties[prop][0]
            assert isinstance(values, list) and values, (data["schema"], prop, values)
            for v in values:
                problem = value_problem(kind, v)
                assert problem is None, (data["schema"], prop, v, problem)
        for prop in schema.required:
            assert data["properties"].get(prop), (data, prop)
    for data in lines:
        schema = SCHEMATA[data["schema"]]
        for prop, values in data["properties"].items():
            kind, target_range = schema.properties[prop]
            if kind != "entity":
                continue
            for ref in values:
                assert ref in by_id, (data, prop)
                target = by_id[ref]["schema"]
                assert SCHEMATA[target].is_a(target_range, target), (data["schema"], prop, target)
    return by_id
