"""Masking, end to end: a case whose entities and free text hold ID, card, account and mobile
numbers in every spelling is exported in every format with masking on, each file is read
back as its reader would (pdftotext, the XLSX's cells and its XML, the CSV zip, the XML and
JSON text), and no whole number is found in any of them once the output's digits are
normalised. The same exports without masking hold the numbers, so the search is real."""

from __future__ import annotations

import random
import unicodedata
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from ui import i18n
from ui.pdf.export import FORMATS, PDF_FORMATS, ExportOptions, export
from workbench import identifiers as ids
from workbench.store import CaseStore

from ...factories import card_number, person_id
from .poppler import needs_poppler, pdf_text

_FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789Xx"}
CASE_NUMBER = "A5002405000002025030001"


def _id_with_x(rng: random.Random) -> str:
    while True:
        first17 = f"350521{rng.randint(1970, 2000)}{rng.randint(10, 12)}{rng.randint(10, 28)}"
        first17 += f"{rng.randint(0, 999):03d}"
        if ids.id_check_char(first17) == "X":
            return first17 + "X"


rng = random.Random(2025)
N = {
    "id_boss": person_id(rng, "500240"),
    "id_mule": person_id(rng, "500243"),
    "id_victim": person_id(rng, "450103"),
    "id_x": _id_with_x(rng),  # only ever written in free text
    "card_victim": card_number(rng),
    "card_boss": card_number(rng, "621700"),
    "card_mule": card_number(rng, "622848"),
    "card_free": card_number(rng, "436742"),  # only in free text
    "account": "11001019400053006789",  # a corporate account: 20 digits, no Luhn
    "mobile_boss": "13983451276",
    "mobile_mule": "15123098745",
    "mobile_free": "18716253049",  # only in free text
    "mobile_pay": "13609871234",  # an Alipay login
    "serial": "202503011402110087",  # 18 digits of a bank's serial, no ID number
    "imei": "490154203237518",
}


def spaced(s: str, sep: str = " ") -> str:
    return sep.join(s[i : i + 4] for i in range(0, len(s), 4))


def full(s: str) -> str:
    return s.translate(_FULL)


def dotted(m: str) -> str:
    return f"{m[:3]}.{m[3:7]}.{m[7:]}"


def every_spelling(number: str) -> str:
    forms = [number, spaced(number), spaced(number, "-"), full(number),
             full(spaced(number, "\u3000")), f"转账至{number}元", "\u200b".join(number)]  # fmt: skip
    if len(number) == 11:
        forms += [f"+86 {number[:3]} {number[3:7]} {number[7:]}", dotted(number)]
    return "；".join(forms)


EVERYTHING = "。".join(every_spelling(n) for n in N.values())


def build_case(path) -> CaseStore:
    s = CaseStore.create(path, "tester", f"电诈专案 {spaced(N['mobile_free'])}")
    s.set_meta("number", CASE_NUMBER)
    s.set_meta("unit", f"反诈中心（{full(N['id_x'])}）")
    gang = s.add_entity("organisation", None, f"团伙{spaced(N['account'], '-')}",
                        attrs={"org_type": "gang"}, notes=EVERYTHING)  # fmt: skip
    boss = s.add_entity(
        "person", N["id_boss"], "张三", roles=["organiser"], culpability="principal",
        legal_status="arrested", aliases=[spaced(N["card_free"]), f"三哥{full(N['mobile_free'])}"],
        notes=EVERYTHING, regions=[("500240", "household")],
    )  # fmt: skip
    mule = s.add_entity("person", N["id_mule"], f"李四{full(N['mobile_free'])}",
                        roles=["car_handler"], legal_status="detained",
                        aliases=[f"手机{dotted(N['mobile_mule'])}"])  # fmt: skip
    victim = s.add_entity("person", N["id_victim"], f"王五（身份证{full(N['id_x'])}）",
                          roles=["victim"])  # fmt: skip
    card_attrs = {
        "bank": f"工商银行 卡号{spaced(N['card_free'])}",
        "branch": f"{full(N['id_x'])}支行",
        "account_name": f"张三{N['mobile_free']}",
    }
    victim_card = s.add_entity("bank_card", N["card_victim"], attrs={"bank": "农业银行"})
    boss_card = s.add_entity("bank_card", N["card_boss"], attrs=card_attrs, notes=EVERYTHING)
    mule_card = s.add_entity(
        "bank_card", N["card_mule"], attrs={"bank": "建设银行", "account_name": spaced(N["id_x"])}
    )
    corporate = s.add_entity("bank_card", N["account"], attrs={"bank": "某银行"})
    partial = s.add_entity("bank_card", "6222****1234")
    boss_phone = s.add_entity("phone_card", N["mobile_boss"], notes=EVERYTHING)
    mule_phone = s.add_entity("phone_card", N["mobile_mule"])
    pay = s.add_entity("payment_account", f"支付宝:{N['mobile_pay']}",
                       aliases=[f"{N['mobile_free']}@qq.com"])  # fmt: skip
    handset = s.add_entity("device", N["imei"], attrs={"model": f"小米 {spaced(N['serial'])}"})
    for person, thing in ((victim, victim_card), (boss, boss_card), (mule, mule_card),
                          (boss, boss_phone), (mule, mule_phone), (boss, pay),
                          (boss, partial), (mule, handset)):  # fmt: skip
        s.add_link("holds", person, thing)
    s.add_link("member_of", boss, gang, note=EVERYTHING)
    s.add_link("member_of", mule, gang)
    s.add_link("reports_to", mule, boss, note=f"供述：上线手机{full(N['mobile_boss'])}")
    free = {"channel": f"网银 {spaced(N['card_free'])}", "summary": f"转账{full(N['id_x'])}",
            "counterpart": f"对方账号 {spaced(N['account'], '-')}", "serial": N["serial"],
            "place": f"网点{spaced(N['id_boss'])}"}  # fmt: skip
    s.add_transactions([
        {"payer_id": victim_card, "payee_id": boss_card, "amount_fen": 5_000_000,
         "ts": "2025-03-01 10:00:00", **free},
        {"payer_id": boss_card, "payee_id": mule_card, "amount_fen": 4_000_000,
         "ts": "2025-03-01 10:05:00", "summary": f"给{N['mobile_free']}",
         "serial": full(N["serial"])},
        {"payer_id": mule_card, "payee_id": None, "exit_kind": "cash", "amount_fen": 3_000_000,
         "ts": "2025-03-01 10:20:00", "place": f"ATM {dotted(N['mobile_free'])}",
         "summary": EVERYTHING},
        {"payer_id": boss_card, "payee_id": corporate, "amount_fen": 500_000,
         "ts": "2025-03-01 10:30:00", "counterpart": f"尾号{N['account'][-4:]}"},
    ])  # fmt: skip
    s.add_calls([
        {"caller_id": boss_phone, "callee_id": mule_phone, "ts": "2025-03-01 09:00:00",
         "duration_s": 60, "cell": f"基站{full(N['serial'])}", "device_id": handset},
        {"caller_id": mule_phone, "callee_id": boss_phone, "ts": "2025-03-01 09:30:00",
         "duration_s": 5, "call_type": "sms", "cell": EVERYTHING},
    ])  # fmt: skip
    return s


def normalised(text: str) -> str:
    """What a search for a leaked number reads: NFKC, every script's digits as ASCII,
    without spaces, dashes, zero-widths or line breaks, X in capitals."""
    out = []
    for c in unicodedata.normalize("NFKC", text):
        if c.isspace() or unicodedata.category(c) in ("Pd", "Cf"):
            continue
        out.append(str(unicodedata.decimal(c)) if c.isdecimal() else c.upper())
    return "".join(out)


def read_back(path, fmt: str) -> str:
    """Everything a reader of the file can see, as text."""
    if fmt in PDF_FORMATS:
        return pdf_text(path)
    if fmt in ("xlsx", "csv"):
        parts = []
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                parts.append(z.read(name).decode("utf-8-sig", errors="replace"))
        if fmt == "xlsx":
            book = CalamineWorkbook.from_path(str(path))
            for sheet in book.sheet_names:
                for row in book.get_sheet_by_name(sheet).to_python():
                    parts.append("\t".join(str(v) for v in row))
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exports(qapp, tmp_path_factory):
    """Every format, masked and not: {(format, masked): normalised text}."""
    i18n.register_fonts(qapp)
    folder = tmp_path_factory.mktemp("masking")
    out = {}
    with build_case(folder / "case.zlcase") as store:
        for fmt in FORMATS:
            for masked in (True, False):
                suffix = {"csv": "zip", "ftm": "jsonl"}.get(fmt, fmt.removesuffix("-pdf"))
                suffix = "pdf" if fmt in PDF_FORMATS else suffix
                path = folder / f"{fmt}-{'masked' if masked else 'plain'}.{suffix}"
                export(store, fmt, path, ExportOptions(mask_ids=masked))
                out[(fmt, masked)] = normalised(read_back(path, fmt))
    return out


@needs_poppler
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_whole_number_in_a_masked_export(exports, fmt):
    text = exports[(fmt, True)]
    leaked = {name: n for name, n in N.items() if n.upper() in text}
    assert not leaked, (fmt, leaked)
    assert "*" in text
    # The mask leaves what it may: partial cards, and the case number the file is kept under.
    if fmt not in ("flow-pdf",):
        assert CASE_NUMBER in text or fmt in ("orgchart-pdf", "ftm", "anx", "csv", "xlsx")


@needs_poppler
def test_the_numbers_are_there_without_masking(exports):
    """The search above would find them: every number reaches some export unmasked."""
    missing = {
        name: n for name, n in N.items()
        if not any(n.upper() in exports[(fmt, False)] for fmt in FORMATS)
    }  # fmt: skip
    assert not missing
    for fmt in FORMATS:
        plain = exports[(fmt, False)]
        assert any(n in plain for n in N.values()), fmt


@needs_poppler
def test_masked_pdfs_print_the_masked_forms(exports):
    org = exports[("orgchart-pdf", True)]
    idb = N["id_boss"]
    assert f"{idb[:6]}********{idb[-4:]}" in org
    report = exports[("report-pdf", True)]
    card = N["card_boss"]
    assert f"{card[:6]}*********{card[-4:]}" in report  # the stop list's account
    assert CASE_NUMBER in report  # the header's case number is the file reference
    flow = exports[("flow-pdf", True)]
    assert f"{card[:6]}*********{card[-4:]}" in flow
