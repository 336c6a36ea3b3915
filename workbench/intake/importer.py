"""Evidence into the case: bank statements, call records and registers, in one transaction.

The pipeline, per file: recognise a file imported before (SHA-256) and skip it; read its
tables; map columns (a saved profile for this header, else the automatic mapping); turn rows
into records or rejected rows; resolve every card, phone, person and device to one entity by
its natural key; store each transaction and call once even when both parties' statements
report it; keep every source row as provenance and every unreadable row with its reason.

Everything an import run writes is one transaction on a connection of its own: a cancel, an
error or a crash leaves the case exactly as it was.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from .. import identifiers as ids
from ..errors import CaseError
from ..store import CaseStore, now
from .columns import Mapping, auto_map, guess_kind, header_signature, mapping_from_dict
from .enrich import Enricher, bank_of_card
from .read import Table, open_tables
from .records import (
    BankRecord,
    RegisterRecord,
    RejectedRow,
    bank_records,
    call_records,
    register_records,
)

KINDS = ("bank", "calls", "register")
#: Two banks' clocks disagree by seconds to minutes on the same transfer.
TXN_TOLERANCE_S = 180
CALL_TOLERANCE_S = 60
CHUNK = 20_000

_PLATFORM_WORDS = ("支付宝", "财付通", "微信", "拼多多", "京东", "美团", "抖音", "快手", "银联",
                   "云闪付", "平台", "商户", "网络科技", "Alipay", "Tenpay", "WeChat")  # fmt: skip
_CRYPTO_WORDS = ("USDT", "泰达币", "币安", "火币", "OKX", "虚拟币", "数字货币", "BTC", "ETH")


class ImportCancelled(CaseError):
    """The analyst cancelled; nothing of the run was kept."""


@dataclass
class Plan:
    """How one table of one file will be read: its kind and column mapping."""

    path: Path
    sheet: str | None
    kind: str
    mapping: Mapping
    profile: str = ""
    header: list[str] = field(default_factory=list)
    header_line: int = 0
    title_facts: dict = field(default_factory=dict)


@dataclass
class FileResult:
    """What became of one file (or one sheet of a workbook)."""

    file: str
    sheet: str | None = None
    kind: str = ""
    batch_id: int | None = None
    skipped: str = ""  # why nothing was read: 'already imported', 'unreadable: ...'
    rows_read: int = 0
    transactions_new: int = 0
    transactions_duplicate: int = 0
    calls_new: int = 0
    calls_duplicate: int = 0
    entities_new: int = 0
    links_new: int = 0
    rejected: int = 0


@dataclass
class ImportSummary:
    """The summary an analyst reads after an import (and ``import --json`` prints)."""

    files: list[FileResult] = field(default_factory=list)
    rows_read: int = 0
    transactions_new: int = 0
    transactions_duplicate: int = 0
    calls_new: int = 0
    calls_duplicate: int = 0
    entities_new: int = 0
    entities_merged: int = 0
    links_new: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def imported_anything(self) -> bool:
        return any(f.batch_id is not None for f in self.files)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["rejected"] = [
            {"file": r.file, "row": r.line, "column": r.column, "value": r.value,
             "reason": r.reason}
            for r in self.rejected
        ]  # fmt: skip
        return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def plan_files(
    store: CaseStore, paths: Iterable[str | Path], kind: str | None = None, profile: str = ""
) -> tuple[list[Plan], list[FileResult]]:
    """Open each file, decide its kind and mapping; unreadable files come back as results.

    A saved profile named ``profile`` is used when given; otherwise a profile saved for the
    same header applies automatically; otherwise the automatic mapping.
    """
    plans: list[Plan] = []
    failed: list[FileResult] = []
    profiles = store.mapping_profiles()
    for raw in paths:
        path = Path(raw)
        try:
            tables = open_tables(path)
        except (CaseError, OSError) as e:
            failed.append(FileResult(path.name, skipped=f"unreadable: {e}"))
            continue
        for table in tables:
            plans.append(plan_table(table, kind, profile, profiles))
    return plans, failed


def plan_table(
    table: Table, kind: str | None, profile: str = "", profiles: dict | None = None
) -> Plan:
    """The plan for one table: kind (given or guessed) and mapping (profile or automatic)."""
    profiles = profiles or {}
    chosen = None
    if profile:
        if profile not in profiles:
            raise CaseError(f"no mapping profile named {profile!r}")
        chosen = profile
    else:
        signature = header_signature(table.header)
        for name, p in profiles.items():
            if p["signature"] == signature and (kind is None or p["kind"] == kind):
                chosen = name
                break
    if chosen is not None:
        mapping = mapping_from_dict(profiles[chosen]["mapping"], table.header)
        kind = mapping.kind
    else:
        kind = kind or guess_kind(table.header)[0]
        # A few rows tell whether a lone amount column is signed (else direction is needed).
        sample = [cells for _, cells in itertools.islice(table.reopen().rows, 50)]
        mapping = auto_map(table.header, kind, table.title_facts, sample=sample)
    return Plan(
        table.path, table.sheet, kind, mapping, chosen or "", list(table.header),
        table.header_line, dict(table.title_facts),
    )  # fmt: skip


class _Run:
    """State of one import run inside its transaction."""

    def __init__(self, conn, analyst: str):
        self.conn = conn
        self.analyst = analyst
        self.ts = now()
        self.enricher = Enricher(conn)
        self.ids: dict[tuple[str, str], int] = {
            (k, key): i
            for k, key, i in conn.execute("SELECT kind, key, id FROM entity WHERE key IS NOT NULL")
        }
        self.existing_ids = set(self.ids.values())
        self.holder: dict[int, int] = dict(
            conn.execute(
                "SELECT target_id, min(source_id) FROM link WHERE type = 'holds' GROUP BY target_id"
            )  # fmt: skip
        )
        self.link_pairs: set[tuple[str, int, int]] = set(
            conn.execute("SELECT type, source_id, target_id FROM link")
        )
        self.next_entity = (conn.execute("SELECT max(id) FROM entity").fetchone()[0] or 0) + 1
        self.next_txn = (conn.execute("SELECT max(id) FROM txn").fetchone()[0] or 0) + 1
        self.next_call = (conn.execute("SELECT max(id) FROM call").fetchone()[0] or 0) + 1
        # Cards and phones that already have facts: only their rows can match stored facts.
        self.paid_before = {r[0] for r in conn.execute(
            "SELECT DISTINCT payer_id FROM txn WHERE payer_id IS NOT NULL")}  # fmt: skip
        self.called_before = {r[0] for r in conn.execute("SELECT DISTINCT caller_id FROM call")}
        # Facts written by this run, for matching the other party's report of them.
        self.txn_index: dict[tuple, list] = {}
        self.call_index: dict[tuple, list] = {}
        self.serials: dict[str, list] = {}
        self.touched_existing: set[int] = set()
        self.entity_rows: list[tuple] = []
        self.region_rows: list[tuple] = []
        self.link_rows: list[tuple] = []
        self.audit_rows: list[tuple] = []

    # ------------------------------------------------------------------ entities

    def entity(self, kind: str, key: str, *, name: str = "", valid: bool = True,
               problem: str = "", attrs: dict | None = None, batch: int) -> int:  # fmt: skip
        """The id of the entity with this key, created (with its inferences) when new."""
        found = self.ids.get((kind, key))
        if found is not None:
            if found in self.existing_ids:
                self.touched_existing.add(found)
            return found
        eid = self.next_entity
        self.next_entity += 1
        self.ids[(kind, key)] = eid
        attrs = dict(attrs or {})
        if kind == "bank_card" and not attrs.get("bank"):
            bank = bank_of_card(key)
            if bank:
                attrs["bank"] = bank
        elif kind == "phone_card" and valid:
            place = self.enricher.phone_place(key)
            if place is not None:
                attrs.setdefault("carrier", place.carrier)
                if place.region_code:
                    self.region_rows.append((eid, place.region_code, "phone_attribution",
                                             "inferred from the number segment"))  # fmt: skip
        elif kind == "person":
            info = ids.parse_id_number(key)
            attrs.setdefault("birth_date", info.birth_date.isoformat())
            attrs.setdefault("sex", "男" if info.sex == "M" else "女")
            region = self.enricher.region_of_id(key)
            if region:
                self.region_rows.append((eid, region, "household", "inferred from the ID number"))
        self.entity_rows.append((
            eid, kind, key, name, int(valid), problem, json.dumps(attrs, ensure_ascii=False),
            self.ts, self.ts, batch))  # fmt: skip
        self.audit_rows.append(
            (
                "create",
                "entity",
                eid,
                eid,
                json.dumps(
                    {"kind": kind, "key": key, "name": name, "batch": batch}, ensure_ascii=False
                ),
            )
        )
        return eid

    def card(self, number: str, valid: bool, batch: int, bank: str = "") -> int:
        return self.entity("bank_card", number, valid=valid, problem="" if valid else "luhn",
                           attrs={"bank": bank} if bank else None, batch=batch)  # fmt: skip

    def phone(self, number: str, batch: int) -> int:
        mobile = ids.is_mobile(number)
        return self.entity("phone_card", number, valid=mobile,
                           problem="" if mobile else "not_mobile", batch=batch)  # fmt: skip

    def person(self, name: str, id_number: str, batch: int) -> int | None:
        if id_number:
            return self.entity("person", id_number, name=name, batch=batch)
        return None

    def link(self, type_: str, source: int, target: int, batch: int) -> None:
        if (type_, source, target) in self.link_pairs or source == target:
            return
        self.link_pairs.add((type_, source, target))
        self.link_rows.append((type_, source, target, f"import:{batch}", self.ts))

    def attach_holder(self, card_id: int, name: str, id_number: str, batch: int) -> None:
        """A statement's 户名/证件号 names who holds a card: one holder per card."""
        if card_id in self.holder or not (name or id_number):
            return
        pid = self.person(name, id_number, batch)
        if pid is None:
            # A name without an ID number: a person of that name, for this card only.
            pid = self.entity_nameless(name, batch)
        self.holder[card_id] = pid
        self.link("holds", pid, card_id, batch)

    def entity_nameless(self, name: str, batch: int) -> int:
        eid = self.next_entity
        self.next_entity += 1
        self.entity_rows.append((eid, "person", None, name, 1, "", "{}", self.ts, self.ts, batch))
        self.audit_rows.append(
            (
                "create",
                "entity",
                eid,
                eid,
                json.dumps({"kind": "person", "name": name, "batch": batch}, ensure_ascii=False),
            )
        )
        return eid

    # ------------------------------------------------------------------ flushing

    def flush_entities(self) -> int:
        """Write entities, their regions, links and audit rows collected so far."""
        n = len(self.entity_rows)
        c = self.conn
        if self.entity_rows:
            c.executemany(
                "INSERT INTO entity (id, kind, key, name, key_valid, key_problem, attrs, "
                "created_at, updated_at, batch_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                self.entity_rows,
            )
            self.entity_rows = []
        if self.region_rows:
            c.executemany(
                "INSERT OR IGNORE INTO entity_region (entity_id, region_code, reason, note) "
                "VALUES (?,?,?,?)",
                self.region_rows,
            )
            self.region_rows = []
        if self.link_rows:
            c.executemany(
                "INSERT INTO link (type, source_id, target_id, origin, created_at) "
                "VALUES (?,?,?,?,?)",
                self.link_rows,
            )
            self.link_rows = []
        if self.audit_rows:
            c.executemany(
                "INSERT INTO audit (ts, analyst, action, tbl, row_id, entity_id, new_value) "
                f"VALUES ('{self.ts}', ?, ?, ?, ?, ?, ?)",
                [(self.analyst, *r) for r in self.audit_rows],
            )
            self.audit_rows = []
        return n


def _epoch(ts: str) -> float:
    return datetime.fromisoformat(ts).timestamp()


def _exit_kind(r: BankRecord) -> str:
    """Where money went (or came from) when there is no counterpart card."""
    text = f"{r.counterpart_name} {r.summary} {r.channel}"
    if r.cash:
        return "cash"
    if any(w.lower() in text.lower() for w in _CRYPTO_WORDS):
        return "crypto"
    if any(w.lower() in text.lower() for w in _PLATFORM_WORDS):
        return "platform"
    return "unknown"


def _match(candidates: list, when: float, reporter: int, tolerance: float) -> list | None:
    """The closest fact within tolerance that this reporter has not reported itself."""
    best = None
    for entry in candidates:
        t, reporters = entry[0], entry[2]
        closer = best is None or abs(t - when) < abs(best[0] - when)
        if abs(t - when) <= tolerance and reporter not in reporters and closer:
            best = entry
    return best


class Importer:
    """Runs plans into the case. ``progress(fraction, message)`` and ``cancelled()`` let a
    GUI follow and stop it; both are called from the importing thread."""

    def __init__(
        self,
        store: CaseStore,
        progress: Callable[[float, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ):
        self.store = store
        self.progress = progress or (lambda fraction, message: None)
        self.cancelled = cancelled or (lambda: False)

    def run(self, plans: list[Plan], force: bool = False,
            failed: Iterable[FileResult] = ()) -> ImportSummary:  # fmt: skip
        """Import the plans in one transaction and return the summary."""
        summary = ImportSummary(files=list(failed))
        with self.store.worker_transaction("import") as conn:
            run = _Run(conn, self.store.analyst)
            by_file: dict[Path, list[Plan]] = {}
            for p in plans:
                by_file.setdefault(p.path, []).append(p)
            for n, (path, file_plans) in enumerate(by_file.items()):
                self._import_file(run, path, file_plans, summary, force, n, len(by_file))
            run.flush_entities()
            summary.entities_merged = len(run.touched_existing)
        for f in summary.files:
            summary.rows_read += f.rows_read
            summary.transactions_new += f.transactions_new
            summary.transactions_duplicate += f.transactions_duplicate
            summary.calls_new += f.calls_new
            summary.calls_duplicate += f.calls_duplicate
            summary.entities_new += f.entities_new
            summary.links_new += f.links_new
        self.progress(1.0, "")
        return summary

    def _import_file(self, run, path, plans, summary, force, index, count) -> None:
        conn = run.conn
        digest = sha256_of(path)
        before = conn.execute(
            "SELECT id FROM import_batch WHERE sha256 = ? LIMIT 1", (digest,)
        ).fetchone()
        if before and not force:
            summary.files.append(FileResult(path.name, kind=plans[0].kind,
                                            skipped="already imported"))  # fmt: skip
            return
        tables = {t.sheet: t for t in open_tables(path)}
        for plan in plans:
            result = FileResult(path.name, plan.sheet, plan.kind)
            batch = conn.execute(
                "INSERT INTO import_batch (file_name, file_size, sha256, kind, profile, analyst, "
                "imported_at) VALUES (?,?,?,?,?,?,?)",
                (str(path.name) + (f" [{plan.sheet}]" if plan.sheet else ""),
                 os.path.getsize(path), digest, plan.kind, plan.profile, run.analyst, run.ts),
            ).lastrowid  # fmt: skip
            result.batch_id = batch
            table = tables[plan.sheet]
            size = max(1, os.path.getsize(path))
            estimate = max(1, size // 90)

            def tick(rows, _i=index, _n=count, _est=estimate, _name=path.name):
                if self.cancelled():
                    raise ImportCancelled("import cancelled")
                self.progress((_i + min(0.99, rows / _est)) / _n, _name)

            rejected: list[RejectedRow] = []
            if plan.kind == "bank":
                self._bank(run, batch, table, plan.mapping, result, rejected, tick)
            elif plan.kind == "calls":
                self._calls(run, batch, table, plan.mapping, result, rejected, tick)
            elif plan.kind == "register":
                self._register(run, batch, table, plan.mapping, result, rejected, tick)
            else:
                raise CaseError(f"unknown import kind {plan.kind!r}")
            result.entities_new += run.flush_entities()
            if rejected:
                conn.executemany(
                    "INSERT INTO rejected_row (batch_id, file, line, col, value, reason) "
                    "VALUES (?,?,?,?,?,?)",
                    [(batch, r.file, r.line, r.column, r.value, r.reason) for r in rejected],
                )
            result.rejected = len(rejected)
            summary.rejected.extend(rejected)
            counts = {k: v for k, v in asdict(result).items() if isinstance(v, int)}
            conn.execute("UPDATE import_batch SET counts = ? WHERE id = ?",
                         (json.dumps(counts), batch))  # fmt: skip
            conn.execute(
                "INSERT INTO audit (ts, analyst, action, tbl, row_id, new_value) "
                "VALUES (?,?,?,?,?,?)",
                (run.ts, run.analyst, "import", "import_batch", batch,
                 json.dumps({"file": result.file, **counts}, ensure_ascii=False)),
            )  # fmt: skip
            summary.files.append(result)

    # ------------------------------------------------------------------ bank statements

    def _bank(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        txns: list[tuple] = []
        sources: list[tuple] = []
        rows = 0
        for rec in bank_records(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                self._flush_txns(run, txns, sources)
                tick(rows)
            if isinstance(rec, RejectedRow):
                rejected.append(rec)
                continue
            own = run.card(rec.card, rec.card_valid, batch)
            if rec.account_name or rec.account_id_number:
                run.attach_holder(own, rec.account_name, rec.account_id_number, batch)
            other = None
            if rec.counterpart_card:
                other = run.card(rec.counterpart_card, rec.counterpart_card_valid, batch,
                                 rec.counterpart_bank)  # fmt: skip
                if rec.counterpart_name or rec.counterpart_id_number:
                    run.attach_holder(other, rec.counterpart_name, rec.counterpart_id_number,
                                      batch)  # fmt: skip
            payer, payee = (own, other) if rec.direction < 0 else (other, own)
            when = _epoch(rec.time)
            duplicate = self._find_txn(run, rec, payer, payee, when, own) if other else None
            if duplicate is not None:
                duplicate[2].add(own)
                sources.append((duplicate[1], batch, rec.line, own))
                result.transactions_duplicate += 1
                continue
            tid = run.next_txn
            run.next_txn += 1
            txns.append((tid, payer, payee, "" if other else _exit_kind(rec), rec.amount_fen,
                         rec.time, rec.channel, rec.summary, rec.counterpart_name, rec.serial,
                         rec.place, batch, rec.line))  # fmt: skip
            sources.append((tid, batch, rec.line, own))
            entry = [when, tid, {own}]
            if other:
                run.txn_index.setdefault((payer, payee, rec.amount_fen), []).append(entry)
            if rec.serial:
                run.serials.setdefault(rec.serial, []).append((rec.amount_fen, entry))
            result.transactions_new += 1
        self._flush_txns(run, txns, sources)
        result.rows_read = rows
        tick(rows)

    def _find_txn(self, run: _Run, rec: BankRecord, payer, payee, when, own):
        """The stored or pending transaction that is this row as the other bank saw it."""
        if rec.serial:
            for amount, entry in run.serials.get(rec.serial, ()):
                if amount == rec.amount_fen and own not in entry[2]:
                    return entry
        candidates = run.txn_index.get((payer, payee, rec.amount_fen))
        found = _match(candidates, when, own, TXN_TOLERANCE_S) if candidates else None
        if found is None and payer in run.paid_before:
            found = self._stored_txn(run, payer, payee, rec, when, own)
        return found

    def _stored_txn(self, run: _Run, payer, payee, rec, when, own):
        lo = datetime.fromtimestamp(when - TXN_TOLERANCE_S).isoformat(sep=" ")
        hi = datetime.fromtimestamp(when + TXN_TOLERANCE_S).isoformat(sep=" ")
        rows = run.conn.execute(
            "SELECT t.id, t.ts, (SELECT group_concat(reporter_id) FROM txn_source s "
            "WHERE s.txn_id = t.id) FROM txn t WHERE t.payer_id = ? AND t.payee_id = ? "
            "AND t.amount_fen = ? AND t.ts BETWEEN ? AND ?",
            (payer, payee, rec.amount_fen, lo[:19], hi[:19]),
        ).fetchall()
        candidates = []
        for tid, ts, reporters in rows:
            entry = [_epoch(ts), tid, {int(x) for x in (reporters or "").split(",") if x}]
            candidates.append(entry)
            # Later rows of this run may match it again: keep it in the run's index.
            run.txn_index.setdefault((payer, payee, rec.amount_fen), []).append(entry)
        return _match(candidates, when, own, TXN_TOLERANCE_S)

    @staticmethod
    def _flush_txns(run: _Run, txns: list, sources: list) -> None:
        run.flush_entities()
        if txns:
            run.conn.executemany(
                "INSERT INTO txn (id, payer_id, payee_id, exit_kind, amount_fen, ts, channel, "
                "summary, counterpart, serial, place, batch_id, source_row) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                txns,
            )
            txns.clear()
        if sources:
            run.conn.executemany(
                "INSERT OR IGNORE INTO txn_source (txn_id, batch_id, source_row, reporter_id) "
                "VALUES (?,?,?,?)",
                sources,
            )
            sources.clear()

    # ------------------------------------------------------------------ call records

    def _calls(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        calls: list[tuple] = []
        sources: list[tuple] = []
        rows = 0
        for rec in call_records(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                self._flush_calls(run, calls, sources)
                tick(rows)
            if isinstance(rec, RejectedRow):
                rejected.append(rec)
                continue
            own = run.phone(rec.own_number, batch)
            other = run.phone(rec.other_number, batch)
            device = None
            if rec.imei:
                device = run.entity("device", rec.imei, batch=batch)
                run.link("uses", own, device, batch)
            outgoing = rec.call_type.endswith("_out") or rec.call_type == "voice_fwd"
            caller, callee = (own, other) if outgoing else (other, own)
            when = _epoch(rec.time)
            key = (caller, callee, rec.call_type.split("_")[0])
            found = None
            candidates = run.call_index.get(key)
            if candidates:
                found = _match(candidates, when, own, CALL_TOLERANCE_S)
            if found is None and caller in run.called_before:
                found = self._stored_call(run, key, rec, when, own)
            if found is not None:
                found[2].add(own)
                sources.append((found[1], batch, rec.line, own))
                result.calls_duplicate += 1
                continue
            cid = run.next_call
            run.next_call += 1
            cell = rec.cell if not rec.cell_address else f"{rec.cell} {rec.cell_address}".strip()
            calls.append((cid, caller, callee, rec.time, rec.duration_s, rec.call_type, cell,
                          device, batch, rec.line))  # fmt: skip
            sources.append((cid, batch, rec.line, own))
            run.call_index.setdefault(key, []).append([when, cid, {own}])
            result.calls_new += 1
        self._flush_calls(run, calls, sources)
        result.rows_read = rows
        tick(rows)

    def _stored_call(self, run: _Run, key, rec, when, own):
        caller, callee, medium = key
        lo = datetime.fromtimestamp(when - CALL_TOLERANCE_S).isoformat(sep=" ")
        hi = datetime.fromtimestamp(when + CALL_TOLERANCE_S).isoformat(sep=" ")
        rows = run.conn.execute(
            "SELECT c.id, c.ts, (SELECT group_concat(reporter_id) FROM call_source s "
            "WHERE s.call_id = c.id) FROM call c WHERE c.caller_id = ? AND c.callee_id = ? "
            "AND c.call_type LIKE ? AND c.ts BETWEEN ? AND ?",
            (caller, callee, medium + "%", lo[:19], hi[:19]),
        ).fetchall()
        candidates = []
        for cid, ts, reporters in rows:
            entry = [_epoch(ts), cid, {int(x) for x in (reporters or "").split(",") if x}]
            candidates.append(entry)
            run.call_index.setdefault(key, []).append(entry)
        return _match(candidates, when, own, CALL_TOLERANCE_S)

    @staticmethod
    def _flush_calls(run: _Run, calls: list, sources: list) -> None:
        run.flush_entities()
        if calls:
            run.conn.executemany(
                "INSERT INTO call (id, caller_id, callee_id, ts, duration_s, call_type, cell, "
                "device_id, batch_id, source_row) VALUES (?,?,?,?,?,?,?,?,?,?)",
                calls,
            )
            calls.clear()
        if sources:
            run.conn.executemany(
                "INSERT OR IGNORE INTO call_source (call_id, batch_id, source_row, reporter_id) "
                "VALUES (?,?,?,?)",
                sources,
            )
            sources.clear()

    # ------------------------------------------------------------------ registers

    def _register(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        rows = 0
        links_before = len(run.link_pairs)
        for rec in register_records(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                run.flush_entities()
                tick(rows)
            if isinstance(rec, RejectedRow):
                rejected.append(rec)
                continue
            assert isinstance(rec, RegisterRecord)
            pid = run.person(rec.name, rec.id_number, batch) if rec.id_number else None
            held = []
            if rec.card:
                held.append(run.card(rec.card, rec.card_valid, batch, rec.bank))
            if rec.phone:
                held.append(run.phone(rec.phone, batch))
            if pid is None and rec.name and held:
                owner = next((run.holder[h] for h in held if h in run.holder), None)
                pid = owner if owner is not None else run.entity_nameless(rec.name, batch)
            if pid is not None:
                for h in held:
                    if h not in run.holder:
                        run.holder[h] = pid
                    run.link("holds", pid, h, batch)
                if rec.imei:
                    run.link("uses", pid, run.entity("device", rec.imei, batch=batch), batch)
        run.flush_entities()
        result.rows_read = rows
        result.links_new += len(run.link_pairs) - links_before
        tick(rows)


def import_files(
    store: CaseStore,
    paths: Iterable[str | Path],
    kind: str | None = None,
    profile: str = "",
    force: bool = False,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Plan and import files in one go (the command line's road; the GUI plans first)."""
    plans, failed = plan_files(store, paths, kind, profile)
    incomplete = [p for p in plans if not p.mapping.is_complete()]
    plans = [p for p in plans if p.mapping.is_complete()]
    failed = list(failed) + [
        FileResult(p.path.name, p.sheet, p.kind,
                   skipped="columns not recognised: missing " + ", ".join(p.mapping.missing))
        for p in incomplete
    ]  # fmt: skip
    if not plans:
        return ImportSummary(files=failed)
    return Importer(store, progress, cancelled).run(plans, force, failed)
