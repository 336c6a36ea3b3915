"""E.164 as the FtM export writes it, with the lite build of libphonenumber.

The program depends on phonenumberslite (5.5 MB installed) instead of phonenumbers (48 MB):
the same parsing, validity and formatting code and metadata, without the geocoder, carrier
and time-zone data the export never reads. The expected values below were produced with the
full phonenumbers 9.0.42 and 9.0.43 and with phonenumberslite 9.0.42, identically; the
demo's whole FtM export was byte-identical with either build.
"""

from __future__ import annotations

import json

import phonenumbers
import pytest

from workbench.exchange import export_ftm
from workbench.exchange.ftm import e164
from workbench.model import Kind
from workbench.store import CaseStore

from .ftm_schema import value_problem

#: (as stored in a case, E.164 or None): every mobile segment of the demo and the shapes
#: statements and call records bring (landlines with 3- and 4-digit area codes, 400 and
#: service numbers, international prefixes, the neighbouring countries' numbers), plus
#: what must be refused (unallocated segments, bank cards, ID numbers, IMEIs).
GOLDEN = [
    ("13800112314", "+8613800112314"),
    ("13906071552", "+8613906071552"),
    ("15016483515", "+8615016483515"),
    ("18808501229", "+8618808501229"),
    ("17700105514", "+8617700105514"),
    ("17802496830", "+8617802496830"),
    ("19906605688", "+8619906605688"),
    ("19109535294", "+8619109535294"),
    ("16612345678", "+8616612345678"),
    ("14712345678", "+8614712345678"),
    ("17012345678", "+8617012345678"),
    ("17112345678", "+8617112345678"),
    ("16212345678", "+8616212345678"),
    ("15412345678", None),
    ("14012345678", None),
    ("12012345678", None),
    ("10086", None),
    ("95588", None),
    ("12345", None),
    ("400-800-8888", "+864008008888"),
    ("4008008888", "+864008008888"),
    ("023-6312 3456", "+862363123456"),
    ("02363123456", "+862363123456"),
    ("010-12345678", "+861012345678"),
    ("0755-88888888", "+8675588888888"),
    ("0771-5551234", "+867715551234"),
    ("0595-22123456", "+8659522123456"),
    ("+8613800138000", "+8613800138000"),
    ("008613800138000", "+8613800138000"),
    ("86 138 0013 8000", None),
    ("+86 (23) 6312-3456", "+862363123456"),
    ("+959123456789", None),
    ("+95 9 250 123456", "+959250123456"),
    ("0095 9 789 012 345", "+959789012345"),
    ("+95 1 234 567", "+951234567"),
    ("+85291234567", "+85291234567"),
    ("+85361234567", None),
    ("+886912345678", "+886912345678"),
    ("+66812345678", "+66812345678"),
    ("+855 12 345 678", "+85512345678"),
    ("+856 20 5512 3456", "+8562055123456"),
    ("+63 917 123 4567", "+639171234567"),
    ("+60 12 345 6789", "+60123456789"),
    ("+84 91 234 56 78", "+84912345678"),
    ("+1 202 555 0147", "+12025550147"),
    ("6222020033870298438", None),
    ("500101199712260857", None),
    ("860040551751873", None),
    ("", None),
    ("abc", None),
    ("+", None),
]


@pytest.mark.parametrize(("stored", "expected"), GOLDEN)
def test_e164_golden(stored, expected):
    assert e164(stored) == expected


def test_lite_build_parses_formats_and_validates_without_geodata():
    number = phonenumbers.parse("+8613800112314", None)
    assert phonenumbers.is_valid_number(number)
    assert phonenumbers.region_code_for_number(number) == "CN"
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == (
        "+8613800112314"
    )


def test_every_phone_the_demo_export_writes_is_e164_of_a_case_number(demo_path, tmp_path):
    out = tmp_path / "demo.ftm.jsonl"
    with CaseStore.open(demo_path, "test", read_only=True) as store:
        export_ftm(store, out)
        mobiles = [e.key for e in store.entities(Kind.PHONE_CARD)]
        # A payment account whose login or alias is a mobile number carries it as its phone.
        logins = [
            n for e in store.entities(Kind.PAYMENT_ACCOUNT)
            for n in (e.key.partition(":")[2], *e.aliases)
        ]  # fmt: skip
    expected = {e164(k) for k in mobiles + logins} - {None}
    written = set()
    with open(out, encoding="utf-8") as f:
        for line in f:
            props = json.loads(line)["properties"]
            for prop in ("phone", "callerNumber", "receiverNumber"):
                written.update(props.get(prop, []))
    assert written and len(expected) > 500
    # Every number written is the E.164 form of a number the case holds.
    assert written <= expected
    for value in written:
        assert value_problem("phone", value) is None, value
    # Mainland mobiles come out as +86 and the stored digits, nothing dropped or added.
    for key in mobiles:
        if e164(key) is not None and len(key) == 11 and key.startswith("1"):
            assert e164(key) == "+86" + key
