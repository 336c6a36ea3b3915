"""What every exchange format reads from the case: entities with their sets, links, facts.

The exporters share one reading of the case so that a GraphML file, an FtM stream and an
XLSX workbook of the same case (or the same selection) hold the same entities and facts.
Facts are aggregated in SQL (one ``GROUP BY`` per layer), never in Python, so that the demo
case's 54,000 transfers turn into a few thousand money edges in a fraction of a second.

A selection (``entity_ids``) travels to SQLite as one JSON array parameter
(``IN (SELECT value FROM json_each(?))``): no temporary table, so a case opened read-only
exports as well, and no limit on the number of ``?`` parameters.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import CaseError
from ..identifiers import mask_identifier
from ..identifiers import mask_text as _mask_text
from ..model import CULPABILITY, LEGAL_STATUS, ORGANISATION_TYPES, ROLES, Kind, term
from ..store import CaseStore


def connection(store: CaseStore) -> sqlite3.Connection:
    """The store's SQLite connection; exporters read through it and never write."""
    if store.closed:
        raise ExportError("case", str(store.path), "the case is closed")
    return store._conn


class ExportError(CaseError):
    """An export could not be written (a bad target, a selection naming no entity)."""

    def __init__(self, what: str, value, reason: str):
        self.what = what
        self.value = value
        self.reason = reason
        super().__init__(f"{what} {value!r}: {reason}")


@dataclass(frozen=True)
class ExportSummary:
    """What an exporter wrote: where, and how many of each thing.

    ``links`` counts the analyst's links; ``money_edges`` and ``call_edges`` the aggregated
    payer->payee and caller->callee pairs of the graph formats; ``transactions`` and
    ``calls`` the single facts written (tables, FtM) or folded into edges (GraphML, GEXF,
    ANX: there a withdrawal or payment out of the traceable world is no edge but the
    ``exit_fen`` of the paying card, so fewer transactions are counted than the case holds).
    ``skipped`` counts what the format has no place for (say, handsets in FtM).
    """

    path: Path
    format: str
    entities: int
    links: int
    transactions: int = 0
    calls: int = 0
    money_edges: int = 0
    call_edges: int = 0
    skipped: int = 0
    files: tuple[Path, ...] = ()

    def as_dict(self) -> dict:
        """Plain data for ``--json`` output."""
        return {
            "path": str(self.path),
            "format": self.format,
            "entities": self.entities,
            "links": self.links,
            "transactions": self.transactions,
            "calls": self.calls,
            "money_edges": self.money_edges,
            "call_edges": self.call_edges,
            "skipped": self.skipped,
            "files": [str(p) for p in self.files],
        }


# --- masking --------------------------------------------------------------------------------


def mask_key(kind: str, key: str | None) -> str | None:
    """A natural key as a masked export shows it (see ``identifiers.mask_identifier``).

    >>> mask_key("person", "110105194912310024")
    '110105********0024'
    >>> mask_key("phone_card", "13812345678")
    '138****5678'
    """
    return mask_identifier(key, str(kind)) if key else key


def mask_text(text: str) -> str:
    """Free text with every identifier masked (see ``identifiers.mask_text``).

    >>> mask_text("转入 6222021234567890123 户名 张三")
    '转入 622202*********0123 户名 张三'
    """
    return _mask_text(text) if text else text


def mask_value(value):
    """A stored value with the text in it masked: strings, and lists and mappings of them
    (an entity's attributes), numbers as they are."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_value(v) for v in value)
    return value


# --- vocabulary -----------------------------------------------------------------------------

_ROLE_ZH = {t.code: t.zh for t in ROLES}


def role_zh(code: str) -> str:
    """The Chinese of a role code (an unknown code stays as it is)."""
    return _ROLE_ZH.get(code, code)


def vocab_zh(vocabulary, code: str) -> str:
    """The Chinese of a code in one of model's vocabularies; '' for ''."""
    if not code:
        return ""
    try:
        return term(vocabulary, code).zh
    except KeyError:
        return code


def status_zh(code: str) -> str:
    return vocab_zh(LEGAL_STATUS, code)


def culpability_zh(code: str) -> str:
    return vocab_zh(CULPABILITY, code)


def org_type_zh(code: str) -> str:
    return vocab_zh(ORGANISATION_TYPES, code)


#: Where money went when it left the traceable world, in Chinese and English.
EXIT_KINDS = {
    "cash": ("现金取现", "cash"),
    "platform": ("第三方支付平台", "payment platform"),
    "crypto": ("虚拟货币", "crypto"),
    "unknown": ("去向不明", "unknown"),
}


# --- the case as the exporters read it ------------------------------------------------------


class ExportRegion(NamedTuple):
    """A placement of an entity: the region, why, and its names."""

    code: str
    reason: str
    name: str
    name_en: str
    #: The name with its parents: 福建省泉州市惠安县, 缅甸·缅北.
    full: str


@dataclass
class ExportEntity:
    """One entity with what every format needs, the key already masked when asked."""

    id: int
    kind: str
    key: str | None
    name: str
    key_valid: bool
    culpability: str
    legal_status: str
    notes: str
    attrs: dict
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    #: Where the entity is placed, the primary reason for its kind first.
    regions: list[ExportRegion] = field(default_factory=list)
    #: The unmasked key, for identities that must not depend on masking (never written).
    raw_key: str | None = None
    #: The person holding this card or phone (first ``holds`` link), if any.
    holder_id: int | None = None

    @property
    def label(self) -> str:
        """Name if known, else the (masked) key, else ``#id``."""
        return self.name or self.key or f"#{self.id}"

    @property
    def region(self) -> ExportRegion | None:
        return self.regions[0] if self.regions else None

    def roles_zh(self, sep: str = "、") -> str:
        return sep.join(role_zh(r) for r in self.roles)


@dataclass(frozen=True)
class ExportLink:
    id: int
    type: str
    type_zh: str
    type_en: str
    directed: bool
    source_id: int
    target_id: int
    origin: str
    confidence: float
    weight: float
    note: str
    created_at: str


# Region reason that places each kind first (the browser's choice too).
_PRIMARY_REASON = {
    "person": "household",
    "bank_card": "account_opening",
    "phone_card": "phone_attribution",
    "organisation": "activity",
    "device": "activity",
    "payment_account": "account_opening",
    "crypto_wallet": "activity",
}


class CaseView:
    """A read-only view of the case (or of a selection) for one export.

    ``entity_ids=None`` is the whole case. Otherwise only those entities, the links between
    them, and the facts whose every party is among them (a cash withdrawal from a selected
    card has one party and comes along).
    """

    def __init__(
        self,
        store: CaseStore,
        *,
        mask_ids: bool = False,
        entity_ids: Collection[int] | None = None,
    ):
        self.store = store
        self.conn: sqlite3.Connection = connection(store)
        self.mask_ids = mask_ids
        if entity_ids is None:
            self._ids_json = None
        else:
            ids = sorted({int(i) for i in entity_ids})
            self._ids_json = json.dumps(ids)
            if ids:
                found = self.conn.execute(
                    "SELECT count(*) FROM entity WHERE id IN (SELECT value FROM json_each(?))",
                    (self._ids_json,),
                ).fetchone()[0]
                if found != len(ids):
                    raise ExportError("selection", len(ids), f"only {found} entities exist")
        #: The case's properties as stored (FtM keys its masked ids with them; never written).
        self.meta = dict(self.conn.execute("SELECT key, value FROM case_meta"))
        self._entities: dict[int, ExportEntity] | None = None
        self._regions: dict[str, tuple[str, str | None]] | None = None

    # -- filters

    def _in(self, column: str, nullable: bool = False) -> tuple[str, tuple]:
        if self._ids_json is None:
            return "1", ()
        test = f"{column} IN (SELECT value FROM json_each(?))"
        if nullable:
            test = f"({column} IS NULL OR {test})"
        return test, (self._ids_json,)

    def _both(self, a: str, b: str, nullable: bool = False) -> tuple[str, tuple]:
        wa, pa = self._in(a, nullable)
        wb, pb = self._in(b, nullable)
        return f"{wa} AND {wb}", pa + pb

    def text(self, value: str) -> str:
        """A text as this export writes it: masked when masking is on."""
        return mask_text(value) if self.mask_ids else value

    @property
    def meta_text(self) -> dict[str, str]:
        """The case's properties (name, number, unit) as this export writes them. The case
        number is the squad's own file reference (A5002405000002025030001), which whoever
        receives the export files it under: it is no personal number and stays whole."""
        return {k: v if k == "number" else self.text(v) for k, v in self.meta.items()}

    # -- entities

    @property
    def entities(self) -> dict[int, ExportEntity]:
        """The exported entities by id, in id order."""
        if self._entities is None:
            self._entities = self._read_entities()
        return self._entities

    def _read_entities(self) -> dict[int, ExportEntity]:
        c = self.conn
        where, params = self._in("id")
        out: dict[int, ExportEntity] = {}
        for row in c.execute(
            "SELECT id, kind, key, name, key_valid, culpability, legal_status, notes, attrs "
            f"FROM entity WHERE {where} ORDER BY id",
            params,
        ):
            eid, kind, key, name, valid, culp, status, notes, attrs = row
            attrs = json.loads(attrs or "{}")
            if self.mask_ids:
                # A number typed into a name, a note or an attribute is masked too.
                key, name, notes = mask_key(kind, key), mask_text(name), mask_text(notes)
                attrs = mask_value(attrs)
            out[eid] = ExportEntity(
                id=eid,
                kind=kind,
                key=key,
                name=name,
                key_valid=bool(valid),
                culpability=culp,
                legal_status=status,
                notes=notes,
                attrs=attrs,
                raw_key=row[2],
            )
        where_e, params_e = self._in("entity_id")
        for eid, role in c.execute(
            f"SELECT entity_id, role FROM entity_role WHERE {where_e} ORDER BY entity_id, role",
            params_e,
        ):
            out[eid].roles.append(role)
        for eid, alias in c.execute(
            f"SELECT entity_id, alias FROM entity_alias WHERE {where_e} ORDER BY entity_id, alias",
            params_e,
        ):
            out[eid].aliases.append(mask_text(alias) if self.mask_ids else alias)
        for eid, code, reason, name, name_en in c.execute(
            "SELECT er.entity_id, er.region_code, er.reason, r.name, r.name_en "
            f"FROM entity_region er JOIN region r ON r.code = er.region_code WHERE {where_e} "
            "ORDER BY er.entity_id, er.reason, er.region_code",
            params_e,
        ):
            out[eid].regions.append(
                ExportRegion(code, reason, name, name_en or "", self.region_full(code))
            )
        for e in out.values():
            if len(e.regions) > 1:
                primary = _PRIMARY_REASON.get(e.kind, "")
                e.regions.sort(key=lambda r: r.reason != primary)
        # The holder of a card or phone: the first 'holds' link into it, if the holder is
        # exported too (a masked selection must not name someone outside it).
        where_h, params_h = self._both("source_id", "target_id")
        for target, source in c.execute(
            "SELECT target_id, source_id FROM link WHERE type = 'holds' AND "
            f"{where_h} ORDER BY id DESC",
            params_h,
        ):
            if target in out and source in out and out[source].kind == Kind.PERSON:
                out[target].holder_id = source
        return out

    def region_full(self, code: str) -> str:
        """A region's name with its parents' names before it: 350521 is 福建省泉州市惠安县,
        XMM-N is 缅甸·缅北."""
        if self._regions is None:
            self._regions = {
                c: (name, parent)
                for c, name, parent in self.conn.execute("SELECT code, name, parent FROM region")
            }
        start = code
        names: list[str] = []
        while code and code in self._regions and len(names) < 8:
            name, code = self._regions[code]
            names.append(name)
        # Mainland names run together as on an address (福建省泉州市惠安县); places abroad
        # are separated (缅甸·缅北).
        joiner = "" if start[:1].isdigit() else "·"
        return joiner.join(reversed(names))

    # -- links

    def link_types(self) -> dict[str, tuple[str, str, bool]]:
        """code -> (Chinese, English, directed) for every link type of the case."""
        return {
            code: (self.text(zh), self.text(en), bool(directed))
            for code, en, zh, directed in self.conn.execute(
                "SELECT code, en, zh, directed FROM link_type"
            )
        }

    def links(self) -> list[ExportLink]:
        """The analyst's links among the exported entities, in id order."""
        types = self.link_types()
        where, params = self._both("source_id", "target_id")
        out = []
        for row in self.conn.execute(
            "SELECT id, type, source_id, target_id, origin, confidence, weight, note, "
            f"created_at FROM link WHERE {where} ORDER BY id",
            params,
        ):
            lid, typ, src, dst, origin, conf, weight, note, created = row
            zh, en, directed = types.get(typ, (typ, typ, True))
            out.append(
                ExportLink(
                    lid, typ, zh, en, directed, src, dst, origin, conf, weight,
                    mask_text(note) if self.mask_ids else note, created,
                )
            )  # fmt: skip
        return out

    # -- facts, aggregated

    def money_edges(self) -> list[tuple[int, int, int, int, str, str]]:
        """(payer, payee, total_fen, count, first_ts, last_ts) per payer->payee pair."""
        where, params = self._both("payer_id", "payee_id")
        return self.conn.execute(
            "SELECT payer_id, payee_id, sum(amount_fen), count(*), min(ts), max(ts) FROM txn "
            f"WHERE payer_id IS NOT NULL AND payee_id IS NOT NULL AND {where} "
            "GROUP BY payer_id, payee_id ORDER BY payer_id, payee_id",
            params,
        ).fetchall()

    def money_exits(self) -> dict[int, dict[str, tuple[int, int]]]:
        """payer -> exit kind -> (total_fen, count): money that left the traceable world."""
        where, params = self._in("payer_id")
        out: dict[int, dict[str, tuple[int, int]]] = {}
        for payer, kind, total, n in self.conn.execute(
            "SELECT payer_id, exit_kind, sum(amount_fen), count(*) FROM txn "
            f"WHERE payee_id IS NULL AND payer_id IS NOT NULL AND {where} "
            "GROUP BY payer_id, exit_kind",
            params,
        ):
            out.setdefault(payer, {})[kind or "unknown"] = (total, n)
        return out

    def call_edges(self) -> list[tuple[int, int, int, int, str, str]]:
        """(caller, callee, count, total_duration_s, first_ts, last_ts) per pair."""
        where, params = self._both("caller_id", "callee_id")
        return self.conn.execute(
            "SELECT caller_id, callee_id, count(*), sum(duration_s), min(ts), max(ts) "
            f"FROM call WHERE {where} GROUP BY caller_id, callee_id "
            "ORDER BY caller_id, callee_id",
            params,
        ).fetchall()

    # -- facts, one by one

    def transactions(self) -> Iterator[tuple]:
        """(id, ts, payer_id, payee_id, amount_fen, exit_kind, channel, summary, counterpart,
        serial, place, balance_fen) in time order."""
        where, params = self._both("payer_id", "payee_id", nullable=True)
        cur = self.conn.execute(
            "SELECT id, ts, payer_id, payee_id, amount_fen, exit_kind, channel, summary, "
            "counterpart, serial, place, balance_fen FROM txn "
            f"WHERE {where} ORDER BY ts, id",
            params,
        )
        if not self.mask_ids:
            yield from cur
            return
        for row in cur:
            # channel, summary, counterpart, serial and place: any of them may hold a number.
            yield (*row[:6], *(mask_text(v) for v in row[6:11]), *row[11:])

    def calls(self) -> Iterator[tuple]:
        """(id, ts, caller_id, callee_id, duration_s, call_type, cell, device_id) by time."""
        where, params = self._both("caller_id", "callee_id")
        device, dparams = self._in("device_id")
        cur = self.conn.execute(
            "SELECT id, ts, caller_id, callee_id, duration_s, call_type, cell, "
            f"CASE WHEN device_id IS NOT NULL AND {device} THEN device_id END "
            f"FROM call WHERE {where} ORDER BY ts, id",
            dparams + params,
        )
        if not self.mask_ids:
            yield from cur
            return
        for row in cur:
            yield (*row[:5], mask_text(row[5]), mask_text(row[6]), row[7])


# --- writing files --------------------------------------------------------------------------


@contextmanager
def atomic_path(out_path: Path) -> Iterator[Path]:
    """A temporary path beside ``out_path`` that replaces it only when the block succeeds.

    A failed or interrupted export leaves whatever was at ``out_path`` before, never half a
    file that Gephi or Excel would open without complaint.
    """
    out_path = Path(out_path)
    folder = out_path.parent
    if not folder.is_dir():
        raise ExportError("folder", str(folder), "does not exist")
    # Named, not mkstemp'd: the writer creates the file with the user's usual permissions.
    tmp_path = folder / f".{out_path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part"
    try:
        yield tmp_path
        os.replace(tmp_path, out_path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_clean(text: str) -> str:
    # Nearly every value is printable; the regex runs only for the few that are not.
    return text if text.isprintable() else _XML_ILLEGAL.sub("", text)


def xml_attr(value) -> str:
    """A value escaped for a double-quoted XML attribute (line breaks kept as references).

    >>> xml_attr('a<b & "c"\\nd')
    'a&lt;b &amp; &quot;c&quot;&#10;d'
    """
    text = _xml_clean(str(value))
    if text.isprintable() and not any(c in text for c in '&<>"'):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def xml_text(value) -> str:
    """A value escaped for XML character data; characters XML forbids are dropped."""
    text = _xml_clean(str(value))
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def fen_to_yuan(fen: int) -> str:
    """An amount in fen as a decimal yuan string, exact.

    >>> fen_to_yuan(150000), fen_to_yuan(5), fen_to_yuan(0)
    ('1500.00', '0.05', '0.00')
    """
    return f"{fen // 100}.{fen % 100:02d}"


def iso_time(ts: str) -> str:
    """A stored timestamp (``2025-03-01 14:02:11``) in ISO 8601 (``2025-03-01T14:02:11``).

    >>> iso_time("2025-03-01 14:02:11"), iso_time("2025-03-01")
    ('2025-03-01T14:02:11', '2025-03-01')
    """
    if not ts:
        return ""
    core = ts[:19]
    if len(core) > 10 and core[10] == " ":
        core = core[:10] + "T" + core[11:]
    return core
