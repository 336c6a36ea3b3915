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

import gc
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import dbapi
from .. import identifiers as ids
from ..errors import CaseError
from ..model import Kind
from ..store import CaseStore, now
from .columns import (
    Mapping,
    auto_map,
    facts_for,
    guess_kind,
    header_signature,
    mapping_from_dict,
    mapping_to_dict,
)
from .enrich import Enricher, bank_of_card
from .guard import regular_file
from .read import Table, open_tables, title_facts
from .records import (
    PLACEHOLDER,
    CallRecord,
    FooterRow,
    RegisterRecord,
    RejectedRow,
    bank_rows,
    call_records,
    register_records,
)
from .values import amount_too_large

KINDS = ("bank", "calls", "register")
#: Two banks' clocks disagree by seconds to minutes on the same transfer.
TXN_TOLERANCE_S = 180
CALL_TOLERANCE_S = 60
CHUNK = 20_000
#: How bank statements are read: 'rows' (the row loop), 'columns' (a batch at a time, see
#: bankimport), or 'auto': by columns for CSV files of at least COLUMNAR_MIN_BYTES that
#: split without a CSV parser's judgement. Both give the same case; the tests check it.
ENGINES = ("auto", "rows", "columns")
COLUMNAR_MIN_BYTES = 2 << 20
#: Page cache of the import's connection: index pages stay in memory while rows go in.
CACHE_KB = 131_072
#: A statement row is about this long in a CSV; used to tell a large import from a small one.
BYTES_PER_ROW = 100
LARGE_IMPORT_ROWS = 50_000
#: Indexes of the fact tables. Inserting a million rows into them one by one costs several
#: times more than building them afterwards, so a large import drops and rebuilds them
#: (inside its transaction: a cancel or crash brings them back with everything else).
FACT_INDEXES = {
    "txn_payer_ts": "CREATE INDEX txn_payer_ts ON txn(payer_id, ts)",
    "txn_payee_ts": "CREATE INDEX txn_payee_ts ON txn(payee_id, ts)",
    "txn_ts": "CREATE INDEX txn_ts ON txn(ts)",
    "txn_serial": "CREATE INDEX txn_serial ON txn(serial) WHERE serial <> ''",
    "txn_reporter_balance": (
        "CREATE INDEX txn_reporter_balance ON txn(reporter_id, ts) WHERE balance_fen IS NOT NULL"
    ),
    "call_caller_ts": "CREATE INDEX call_caller_ts ON call(caller_id, ts)",
    "call_callee_ts": "CREATE INDEX call_callee_ts ON call(callee_id, ts)",
}


def _check_references(conn) -> None:
    """Every reference the import wrote points at a row that exists (the per-row foreign
    key checks were off); otherwise the whole import is rolled back.

    Checked per distinct value, not per row: ``PRAGMA foreign_key_check`` looks up the
    parent of every one of a million rows (seconds), while the distinct payers and payees
    come off their indexes in a fraction of that.
    """
    for table in ("entity", "entity_region", "link", "txn", "txn_source", "call",
                  "call_source", "rejected_row", "txn_unmoved"):  # fmt: skip
        keys = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        if any(seq > 0 for _id, seq, *_ in keys):  # a composite key: the pragma knows how
            bad = conn.execute(f"PRAGMA foreign_key_check({table})").fetchone()
            if bad is not None:
                raise CaseError(f"import wrote a dangling reference in {table}: {tuple(bad)}")
            continue
        leading = set()
        for _seq, name, _unique, _origin, partial in conn.execute(f"PRAGMA index_list({table})"):
            first = conn.execute(f"PRAGMA index_info({name})").fetchone()
            if not partial and first is not None:
                leading.add(first[2])
        for _id, _seq, parent, column, target, *_ in keys:
            target = target or "rowid"
            values = (
                f"SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL"
                if column in leading
                else f"SELECT {column} AS v FROM {table} WHERE {column} IS NOT NULL"
            )
            bad = conn.execute(
                f"SELECT v FROM ({values}) WHERE v NOT IN (SELECT {target} FROM {parent}) LIMIT 1"
            ).fetchone()
            if bad is not None:
                raise CaseError(
                    f"import wrote a dangling reference in {table}: {column} = {bad[0]!r} "
                    f"is no {parent}.{target}"
                )


def _suspend_indexes(conn) -> list[str]:
    """Drop the fact indexes (a large import rebuilds them at the end)."""
    for name in FACT_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    return list(FACT_INDEXES)


def _restore_indexes(conn, names: list[str]) -> None:
    if not names:
        return
    # SQLite sorts an index's keys in chunks of the page cache, each chunk on a worker
    # thread: with a small cache both cores sort (a million transactions' five indexes in
    # 6.6 s instead of 10.6 s, measured), with the import's large one a single thread does.
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    threads = conn.execute("PRAGMA threads").fetchone()[0]
    conn.execute(f"PRAGMA threads = {max(2, min(4, os.cpu_count() or 1))}")
    conn.execute("PRAGMA cache_size = -16384")
    try:
        for name in names:
            conn.execute(FACT_INDEXES[name])
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute(f"PRAGMA threads = {threads}")


_PLATFORM_WORDS = ("支付宝", "财付通", "微信", "拼多多", "京东", "美团", "抖音", "快手", "银联",
                   "云闪付", "平台", "商户", "网络科技", "Alipay", "Tenpay", "WeChat")  # fmt: skip
_CRYPTO_WORDS = ("USDT", "泰达币", "币安", "火币", "OKX", "虚拟币", "数字货币", "BTC", "ETH")


def with_placeholder_owner(mapping: Mapping, digest: str, sheet: str | None) -> Mapping:
    """A copy of ``mapping`` whose own account is this file's placeholder account (its key
    made of the file's digest): what a statement nobody named is read with."""
    copy = mapping_from_dict(mapping_to_dict(mapping), mapping.header)
    copy.columns, copy.field_confidence = dict(mapping.columns), dict(mapping.field_confidence)
    copy.amount_unsigned = mapping.amount_unsigned
    copy.set_constant("card", PLACEHOLDER + digest[:16] + (f":{sheet}" if sheet else ""))
    return copy


def _identical_sheets(tables: dict, plans: list[Plan]) -> dict[str | None, str]:
    """{sheet: earlier sheet} for sheets of a workbook whose header and rows repeat an
    earlier sheet's exactly."""
    if len(plans) < 2:
        return {}
    seen: dict[tuple, str] = {}
    same: dict[str | None, str] = {}
    for plan in plans:
        table = tables[plan.sheet].reopen()
        h = hashlib.sha256()
        for _line, cells in table.rows:
            h.update("\x1f".join(c.strip() for c in cells).encode("utf-8", "replace") + b"\x1e")
        key = (plan.kind, tuple(table.header), h.hexdigest())
        if key in seen:
            same[plan.sheet] = seen[key]
        else:
            seen[key] = plan.sheet
    return same


def _second_source(conn, kind: str, first_batch: int | None, batch: int) -> None:
    """Record the facts read from ``first_batch`` as reported again by ``batch``."""
    if first_batch is None or kind not in ("bank", "calls"):
        return
    table, fact = ("txn", "txn_id") if kind == "bank" else ("call", "call_id")
    conn.execute(
        f"INSERT OR IGNORE INTO {table}_source ({fact}, batch_id, source_row, reporter_id) "
        f"SELECT id, ?, source_row, reporter_id FROM {table} WHERE batch_id = ?",
        (batch, first_batch),
    )


def _failure_advice(result: FileResult, rejected: list[RejectedRow]) -> str:
    """What to do about a table that imported nothing."""
    if rejected:
        reasons = {}
        for r in rejected:
            reasons[r.reason] = reasons.get(r.reason, 0) + 1
        worst = max(reasons, key=reasons.get)
        return (
            f"nothing imported: all {len(rejected)} rows were rejected (most often: {worst}); "
            "check the column mapping in the import wizard, or fix the file and import it again"
        )
    if result.rows_read == 0:
        return "nothing imported: the table has no data rows below its header"
    return "nothing imported; check the column mapping in the import wizard"


_OWNER_NAME_LABELS = ("户名", "姓名", "用户", "客户名称", "账户名称", "持卡人")


def _facts_of(footer: FooterRow) -> dict[str, str]:
    """The label：value facts of a footer line (导出时间:[…]  用户:张伟)."""
    return title_facts([footer.value.split(" | ")])


def _placeholder_name(table: Table) -> str:
    where = table.path.name + (f" [{table.sheet}]" if table.sheet else "")
    return f"owner unknown ({where})"


def _placeholder_attrs(table: Table) -> dict:
    return {"owner_unknown": table.path.name + (f" [{table.sheet}]" if table.sheet else "")}


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
    #: Rows kept that moved no money (closed or failed orders, 不计收支).
    transactions_unmoved: int = 0
    calls_new: int = 0
    calls_duplicate: int = 0
    entities_new: int = 0
    links_new: int = 0
    rejected: int = 0
    #: Totals, export stamps, rules and notes under the table: skipped, not rejected.
    footer_rows: int = 0
    #: What the analyst should know or do: an owner that is a placeholder, a sheet that
    #: repeats another, how to fix a file that imported nothing.
    notes: list[str] = field(default_factory=list)
    #: 'imported' (every row), 'partial' (some rows rejected), 'skipped' (nothing new to
    #: do: imported before, or a sheet repeating another) or 'failed' (nothing imported).
    status: str = ""

    def settle_status(self) -> str:
        """Decide :attr:`status` from the counts (after the import)."""
        stored = self.transactions_new + self.transactions_duplicate + self.transactions_unmoved
        stored += self.calls_new + self.calls_duplicate + self.links_new
        if self.skipped:
            failed = not (self.skipped == "already imported" or self.skipped.startswith("same "))
            self.status = "failed" if failed else "skipped"
        elif self.batch_id is None or (stored == 0 and self.entities_new == 0):
            self.status = "failed"
        elif self.rejected:
            self.status = "partial"
        else:
            self.status = "imported"
        return self.status


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

    @property
    def any_failed(self) -> bool:
        """Whether some file imported nothing (the command line then exits non-zero)."""
        return any((f.status or f.settle_status()) == "failed" for f in self.files)

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
    if profile and profile not in profiles:
        raise CaseError(f"no mapping profile named {profile!r}")
    for raw in paths:
        path = Path(raw)
        try:
            # The first rows are read here too (a sample for the mapping): a file damaged
            # further in fails alone, and the other files are planned.
            file_plans = [plan_table(t, kind, profile, profiles) for t in open_tables(path)]
        except _FATAL:
            raise
        except Exception as e:
            failed.append(FileResult(path.name, skipped=_unreadable(e)))
            continue
        plans.extend(file_plans)
    return plans, failed


#: Errors that end a whole import (rolled back): a cancel, and trouble with the case file
#: itself (disk full, I/O error, a damaged case). Anything else is the file's fault: that
#: file is rolled back alone and reported, and the other files go in.
_FATAL = (ImportCancelled, *dbapi.OperationalError, *dbapi.InternalError,
          *dbapi.NotSupportedError, *dbapi.InterfaceError)  # fmt: skip


def _unreadable(exc: BaseException) -> str:
    """What a file's result says when it failed: the typed error's own words, or the type
    of an unexpected one (a fault of the importer, never of the analyst)."""
    if isinstance(exc, CaseError | OSError):
        return f"unreadable: {exc}"
    return f"unreadable: internal error ({type(exc).__name__}: {exc})"


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


_AMOUNT_FIELDS = ("amount", "amount_in", "amount_out", "balance")


def _screen_amounts(table: Table, mapping: Mapping, rejected: list[RejectedRow]):
    """``(table, count)``: the table without rows whose amount or balance has more digits
    than any real figure, each kept in ``rejected`` with its reason; ``count[0]`` counts
    them. The statement reader's fast path takes plain digits as they come, and a 20-digit
    amount would overflow the case file's 64-bit integers."""
    columns = [(mapping.columns[f], f) for f in _AMOUNT_FIELDS if f in mapping.columns]
    count = [0]
    if not columns:
        return table, count
    labels = {"amount_in": "amount", "amount_out": "amount"}
    sheet = table.sheet or ""

    def rows():
        for line, cells in table.rows:
            for col, fld in columns:
                if col < len(cells) and amount_too_large(cells[col]):
                    name = table.header[col] if col < len(table.header) else ""
                    rejected.append(RejectedRow(table.path.name, line, name, cells[col],
                                                f"{labels.get(fld, fld)}: too_large", sheet))  # fmt: skip
                    count[0] += 1
                    break
            else:
                yield line, cells

    return replace(table, rows=rows()), count


def _fresh_run(old: _Run, touched: set[int], batches: set[int]) -> _Run:
    """A run read again from the case after a file was rolled back to its savepoint (the
    old one remembers entities, links and ids of that file); what the run as a whole has
    seen before that file is carried over."""
    fresh = _Run(old.conn, old.analyst)
    fresh.ts = old.ts
    fresh.existing_ids = old.existing_ids
    fresh.touched_existing = touched
    fresh.counterparts = {b: c for b, c in old.counterparts.items() if b in batches}
    return fresh


def _fold_reimport(conn, result: FileResult, prior: list[int]) -> int:
    """Fold the facts of a file imported again (``--force``) onto the facts its earlier
    import stored from the same rows: each row becomes a second source of its fact, and a
    row that moved no money is not kept twice. Returns how many rows were folded."""
    if not prior or result.batch_id is None or result.kind not in ("bank", "calls"):
        return 0
    batch = result.batch_id
    marks = ",".join("?" * len(prior))
    table, fact = ("txn", "txn_id") if result.kind == "bank" else ("call", "call_id")
    extra = ", n.balance_fen" if table == "txn" else ""
    pairs = conn.execute(
        f"""WITH earlier(source_row, fact) AS (
                SELECT source_row, id FROM {table} WHERE batch_id IN ({marks})
                UNION ALL
                SELECT source_row, {fact} FROM {table}_source WHERE batch_id IN ({marks}))
            SELECT e.fact, n.batch_id, n.source_row, n.reporter_id{extra}, n.id
            FROM {table} n
            JOIN (SELECT source_row, min(fact) AS fact FROM earlier GROUP BY source_row) e
              ON e.source_row = n.source_row
            WHERE n.batch_id = ?""",
        (*prior, *prior, batch),
    ).fetchall()  # fmt: skip
    if pairs:
        conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(p[-1],) for p in pairs])
        names = ", balance_fen" if table == "txn" else ""
        conn.executemany(
            f"INSERT OR IGNORE INTO {table}_source ({fact}, batch_id, source_row, reporter_id"
            f"{names}) VALUES (?,?,?,?{',?' if names else ''})",
            [p[:-1] for p in pairs],
        )
    folded = len(pairs)
    if table == "txn":
        unmoved = conn.execute(
            f"DELETE FROM txn_unmoved WHERE batch_id = ? AND source_row IN "
            f"(SELECT source_row FROM txn_unmoved WHERE batch_id IN ({marks}))",
            (batch, *prior),
        ).rowcount
        result.transactions_unmoved -= unmoved
        result.transactions_new -= folded
        result.transactions_duplicate += folded + unmoved
        return folded + unmoved
    result.calls_new -= folded
    result.calls_duplicate += folded
    return folded


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
        # The profile says how to read files like this one; whose file it is, this file's
        # own title says where it says anything (a profile saved on another card's file).
        for fld, value in facts_for(kind, table.title_facts).items():
            if fld not in mapping.columns:
                mapping.set_constant(fld, value)
    else:
        kind = kind or guess_kind(table.header)[0]
        # A few rows tell whether a lone amount column is signed (else direction is needed).
        sample = [cells for _, cells in itertools.islice(table.reopen().rows, 200)]
        context = "\n".join((table.title_text, table.path.name, table.sheet or ""))
        mapping = auto_map(table.header, kind, table.title_facts, sample=sample, context=context)
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
        self.touched_existing: set[int] = set()
        # Per fact table, the statements (own cards and numbers) that reported facts, before
        # this run and in it (see reporters_of); and per batch, the counterparts its facts
        # name. A fact can have a twin only where its counterpart is a reporter too.
        self._reporters: dict[str, set[int]] = {}
        self.counterparts: dict[int, set[int]] = {}
        self.entity_rows: list[tuple] = []
        self.region_rows: list[tuple] = []
        self.link_rows: list[tuple] = []
        self.alias_rows: list[tuple] = []
        self.aliased: set[int] = set()
        # Per kind, key -> id of entities this run created or met: the per-row fast path.
        self.fast: dict[str, dict[str, int]] = {k.value: {} for k in Kind}
        self._bank_json: dict[str, str] = {}

    def reporters_of(self, table: str) -> set[int]:
        """The reporters of ``table``'s facts (``txn`` or ``call``); the importer adds this
        run's as it writes. Read from the case on first use, before the run writes any."""
        found = self._reporters.get(table)
        if found is None:
            found = self._reporters[table] = {
                r for (r,) in self.conn.execute(
                    f"SELECT reporter_id FROM {table} WHERE reporter_id IS NOT NULL UNION "
                    f"SELECT reporter_id FROM {table}_source WHERE reporter_id IS NOT NULL"
                )
            }  # fmt: skip
        return found

    def twin_candidates(self, table: str, batch: int) -> set[int]:
        """The counterparts of ``batch``'s facts that reported facts of ``table`` too."""
        return self.counterparts.get(batch, set()) & self.reporters_of(table)

    # ------------------------------------------------------------------ entities

    def entity(self, kind: str, key: str, *, name: str = "", valid: bool = True,
               problem: str = "", attrs: dict | None = None, batch: int) -> int:  # fmt: skip
        """The id of the entity with this key, created (with its inferences) when new."""
        found = self.ids.get((kind, key))
        if found is not None:
            if found in self.existing_ids:
                self.touched_existing.add(found)
            self.fast[kind][key] = found
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
        # Entities an import creates carry its batch; the batch's audit row says who imported
        # what and when, so a million-row import does not write a million audit rows.
        self.entity_rows.append((
            eid, kind, key, name, int(valid), problem, self._json(attrs), self.ts, self.ts,
            batch))  # fmt: skip
        self.fast[kind][key] = eid
        return eid

    def _json(self, attrs: dict) -> str:
        # Most new cards share one of a few attribute sets ({"bank": ...}).
        if len(attrs) == 1 and "bank" in attrs:
            cached = self._bank_json.get(attrs["bank"])
            if cached is None:
                cached = self._bank_json[attrs["bank"]] = json.dumps(attrs, ensure_ascii=False)
            return cached
        return json.dumps(attrs, ensure_ascii=False)

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

    def attach_holder(self, card_id: int, name: str, id_number: str, batch: int,
                      kind: str = "bank_card") -> None:  # fmt: skip
        """A statement's 户名/证件号 names who holds a card: one holder per card.

        A payment account's name is a nickname or a masked real name (李**): without an ID
        number it is kept as the account's alias, not made a person of its own."""
        if card_id in self.holder or card_id in self.aliased or not (name or id_number):
            return
        if kind != "bank_card" and not id_number:
            self.aliased.add(card_id)
            if card_id not in self.existing_ids:  # an undone import takes its aliases along
                self.alias_rows.append((card_id, name))
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
        if self.alias_rows:
            c.executemany("INSERT OR IGNORE INTO entity_alias VALUES (?, ?)", self.alias_rows)
            self.alias_rows = []
        return n


_TXN_INSERT = (
    "INSERT INTO txn (id, payer_id, payee_id, exit_kind, amount_fen, ts, channel, summary, "
    "counterpart, serial, place, batch_id, source_row, reporter_id, balance_fen, reversal) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_UNMOVED_INSERT = (
    "INSERT INTO txn_unmoved (account_id, counterpart_id, direction, amount_fen, ts, status, "
    "summary, counterpart, serial, channel, batch_id, source_row) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
_CALL_INSERT = (
    "INSERT INTO call (id, caller_id, callee_id, ts, duration_s, call_type, cell, device_id, "
    "batch_id, source_row, reporter_id, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _flush_facts(run: _Run, insert: str, rows: list) -> None:
    """Write the entities the rows refer to, then the rows, and empty the buffer."""
    run.flush_entities()
    if rows:
        # executemany, one row per step: multi-row INSERT ... VALUES (...), (...) statements
        # cost about 60% more CPU here (measured interleaved on a million transactions).
        run.conn.executemany(insert, rows)
        rows.clear()


def _exit_kind(counterpart_name: str, summary: str, channel: str, cash: bool) -> str:
    """Where money went (or came from) when there is no counterpart card."""
    if cash:
        return "cash"
    text = f"{counterpart_name} {summary} {channel}"
    if any(w.lower() in text.lower() for w in _CRYPTO_WORDS):
        return "crypto"
    if any(w.lower() in text.lower() for w in _PLATFORM_WORDS):
        return "platform"
    return "unknown"


# A transfer reported by both banks: same payer, payee and amount, clocks a few minutes
# apart, reported by another statement (reporter) than the row at hand. Or the same serial
# number and amount. ``o`` is the fact stored first; ``n`` a fact of the batch just written.
_TXN_TWINS = f"""
    SELECT n.id, o.id, abs(strftime('%s', n.ts) - strftime('%s', o.ts)), n.reporter_id,
           n.batch_id, n.source_row, n.balance_fen
    FROM txn n JOIN txn o INDEXED BY txn_payer_ts
      ON o.payer_id = n.payer_id
     AND o.ts BETWEEN datetime(n.ts, '-{TXN_TOLERANCE_S} seconds')
                  AND datetime(n.ts, '+{TXN_TOLERANCE_S} seconds')
    WHERE n.batch_id = :batch AND n.payer_id IS NOT NULL AND n.payee_id IS NOT NULL
      AND (CASE n.reporter_id WHEN n.payer_id THEN n.payee_id ELSE n.payer_id END)
          IN temp.reporters
      AND o.payee_id = n.payee_id AND o.amount_fen = n.amount_fen AND o.id < n.id
      AND o.reporter_id IS NOT n.reporter_id
    UNION
    SELECT n.id, o.id, abs(strftime('%s', n.ts) - strftime('%s', o.ts)), n.reporter_id,
           n.batch_id, n.source_row, n.balance_fen
    FROM txn n JOIN txn o INDEXED BY txn_serial ON o.serial = n.serial AND o.serial <> ''
    WHERE n.batch_id = :batch AND n.serial <> '' AND o.amount_fen = n.amount_fen
      AND (CASE n.reporter_id WHEN n.payer_id THEN n.payee_id ELSE n.payer_id END)
          IN temp.reporters
      AND o.id < n.id AND o.reporter_id IS NOT n.reporter_id
"""
_CALL_TWINS = f"""
    SELECT n.id, o.id, abs(strftime('%s', n.ts) - strftime('%s', o.ts)), n.reporter_id,
           n.batch_id, n.source_row
    FROM call n JOIN call o INDEXED BY call_caller_ts
      ON o.caller_id = n.caller_id
     AND o.ts BETWEEN datetime(n.ts, '-{CALL_TOLERANCE_S} seconds')
                  AND datetime(n.ts, '+{CALL_TOLERANCE_S} seconds')
    WHERE n.batch_id = :batch AND o.callee_id = n.callee_id AND o.id < n.id
      AND (CASE n.reporter_id WHEN n.caller_id THEN n.callee_id ELSE n.caller_id END)
          IN temp.reporters
      AND substr(o.call_type, 1, 3) = substr(n.call_type, 1, 3)
      AND abs(o.duration_s - n.duration_s) <= 5
      AND o.reporter_id IS NOT n.reporter_id
"""


def _merge_twins(
    conn, table: str, twins_sql: str, batch: int, candidates: set[int], extra: tuple[str, ...] = ()
) -> int:
    """Fold the facts of ``batch`` that another statement already reported into the stored
    fact: the row becomes a second source of it. Returns how many were folded.

    ``candidates`` are the counterparts of the batch's facts that reported facts of their
    own (the importer knows both sides as it writes). ``extra`` names columns of the source
    table that keep what the folded row said (a transaction's balance); ``twins_sql``
    selects them last, in that order.

    Matching is one to one: a stored fact takes at most one report from each statement,
    the closest in time first.
    """
    # Only the other party's own statement can report a fact twice: rows whose counterpart
    # never reported anything (most of a bank's reply) need no search at all, and a batch
    # without such rows needs no query.
    if not candidates:
        return 0
    conn.execute("DROP TABLE IF EXISTS temp.reporters")
    conn.execute("CREATE TEMP TABLE reporters (id INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO temp.reporters VALUES (?)", [(i,) for i in candidates])
    found = conn.execute(twins_sql, {"batch": batch}).fetchall()
    conn.execute("DROP TABLE temp.reporters")
    if not found:
        return 0
    source_table = f"{table}_source"
    fact_column = f"{table}_id"
    olds = sorted({c[1] for c in found})
    reported: set[tuple[int, int]] = set()
    for i in range(0, len(olds), 500):
        chunk = olds[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        reported.update(conn.execute(
            f"SELECT {fact_column}, reporter_id FROM {source_table} "
            f"WHERE {fact_column} IN ({marks})", chunk))  # fmt: skip
        reported.update(conn.execute(
            f"SELECT id, reporter_id FROM {table} WHERE id IN ({marks})", chunk))  # fmt: skip
    folded: dict[int, tuple] = {}
    for new, old, _dt, reporter, b, row, *said in sorted(found, key=lambda c: (c[0], c[2], c[1])):
        if new in folded or old in folded or (old, reporter) in reported:
            continue
        folded[new] = (old, b, row, reporter, *said)
        reported.add((old, reporter))
    if folded:
        conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(n,) for n in folded])
        names = "".join(f", {name}" for name in extra)
        marks = ",?" * len(extra)
        conn.executemany(
            f"INSERT OR IGNORE INTO {source_table} ({fact_column}, batch_id, source_row, "
            f"reporter_id{names}) VALUES (?,?,?,?{marks})",
            list(folded.values()),
        )
    return len(folded)


class Importer:
    """Runs plans into the case. ``progress(fraction, message)`` and ``cancelled()`` let a
    GUI follow and stop it; both are called from the importing thread."""

    def __init__(
        self,
        store: CaseStore,
        progress: Callable[[float, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        engine: str = "auto",
    ):
        self.store = store
        self.progress = progress or (lambda fraction, message: None)
        self.cancelled = cancelled or (lambda: False)
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
        self.engine = engine

    def _by_columns(self, table: Table) -> bool:
        """Whether a bank table is read by columns (:mod:`bankimport`): a large CSV that
        splits without a parser's judgement, unless the engine is chosen."""
        if self.engine != "auto":
            return self.engine == "columns"
        from .columnar import csv_splittable

        return _size(table.path) >= COLUMNAR_MIN_BYTES and csv_splittable(table)

    def run(self, plans: list[Plan], force: bool = False,
            failed: Iterable[FileResult] = ()) -> ImportSummary:  # fmt: skip
        """Import the plans in one transaction and return the summary."""
        summary = ImportSummary(files=list(failed))
        # Millions of short-lived records make the cycle collector run often for nothing
        # (15-20% of the time); nothing here builds cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._run(summary, plans, force)
        finally:
            if collecting:
                gc.enable()
        for f in summary.files:
            f.settle_status()
            summary.rows_read += f.rows_read
            summary.transactions_new += f.transactions_new
            summary.transactions_duplicate += f.transactions_duplicate
            summary.calls_new += f.calls_new
            summary.calls_duplicate += f.calls_duplicate
            summary.entities_new += f.entities_new
            summary.links_new += f.links_new
        self.progress(1.0, "")
        return summary

    def _run(self, summary: ImportSummary, plans: list[Plan], force: bool) -> None:
        by_file: dict[Path, list[Plan]] = {}
        for p in plans:
            by_file.setdefault(p.path, []).append(p)
        incoming = sum(_size(path) for path in by_file) // BYTES_PER_ROW
        info = self.store.info()
        large = incoming >= LARGE_IMPORT_ROWS and incoming >= (info.transactions + info.calls) // 2
        # A server case checks references and keeps its indexes as it goes (other analysts
        # read it meanwhile); the file's settings below are SQLite's.
        on_file = self.store.backend == "sqlite"
        large = large and on_file
        # A large import builds the fact indexes afterwards and checks every reference once
        # at the end instead of row by row; a small one keeps both as they are.
        with self.store.worker_transaction("import", foreign_keys=not large) as conn:
            if on_file:
                conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
                # Index builds sort in parallel on the second core.
                conn.execute("PRAGMA threads = 2")
            run = _Run(conn, self.store.analyst)
            suspended = _suspend_indexes(conn) if large else []
            new_results: list[FileResult] = []
            #: batch -> the batches of the same file imported before (``--force``).
            self._reimports: dict[int, list[int]] = {}
            for n, (path, file_plans) in enumerate(by_file.items()):
                run, results = self._import_file_alone(run, path, file_plans, summary, force,
                                                       n, len(by_file))  # fmt: skip
                new_results += results
            run.flush_entities()
            self.progress(0.99, "")
            _restore_indexes(conn, suspended)
            if large:
                _check_references(conn)
            for result in new_results:
                _fold_reimport(conn, result, self._reimports.get(result.batch_id, []))
                self._settle(run, result)
            summary.entities_merged = len(run.touched_existing)

    def _settle(self, run: _Run, result: FileResult) -> None:
        """Fold the batch's facts that other statements reported already, then record the
        batch's counts and its audit row (after the indexes are back)."""
        conn = run.conn
        if result.kind == "bank":
            twins = _merge_twins(
                conn,
                "txn",
                _TXN_TWINS,
                result.batch_id,
                run.twin_candidates("txn", result.batch_id),
                ("balance_fen",),
            )
            result.transactions_duplicate += twins  # a forced re-import folded some already
            result.transactions_new -= twins
        elif result.kind == "calls":
            twins = _merge_twins(
                conn,
                "call",
                _CALL_TWINS,
                result.batch_id,
                run.twin_candidates("call", result.batch_id),
            )
            result.calls_duplicate += twins
            result.calls_new -= twins
        counts = {k: v for k, v in asdict(result).items() if isinstance(v, int)}
        conn.execute("UPDATE import_batch SET counts = ? WHERE id = ?",
                     (json.dumps(counts), result.batch_id))  # fmt: skip
        from ..audit import append_audit  # chained to the case's audit log

        append_audit(conn, ts=run.ts, analyst=run.analyst, action="import",
                     tbl="import_batch", row_id=result.batch_id,
                     new_value=json.dumps({"file": result.file, **counts},
                                          ensure_ascii=False))  # fmt: skip

    def _import_file_alone(
        self, run: _Run, path: Path, plans: list[Plan], summary: ImportSummary, force: bool,
        index: int, count: int,
    ) -> tuple[_Run, list[FileResult]]:  # fmt: skip
        """:meth:`_import_file` inside a savepoint: a file that fails (damaged further in,
        swapped for a FIFO, a fault of the reader) is rolled back alone and reported as
        failed, and the run goes on with the other files. Returns the run to go on with."""
        conn = run.conn
        run.flush_entities()
        files_before, rejected_before = len(summary.files), len(summary.rejected)
        touched, batches = set(run.touched_existing), set(run.counterparts)
        conn.execute("SAVEPOINT intake_file")
        try:
            results = self._import_file(run, path, plans, summary, force, index, count)
            run.flush_entities()
        except _FATAL:
            raise
        except Exception as exc:
            conn.execute("ROLLBACK TO intake_file")
            conn.execute("RELEASE intake_file")
            for result in summary.files[files_before:]:
                self._reimports.pop(result.batch_id, None)
            del summary.files[files_before:]
            del summary.rejected[rejected_before:]
            summary.files.append(
                FileResult(path.name, kind=plans[0].kind, skipped=_unreadable(exc),
                           notes=["nothing of this file was imported; the other files were"])
            )  # fmt: skip
            return _fresh_run(run, touched, batches), []
        conn.execute("RELEASE intake_file")
        return run, results

    def _import_file(self, run, path, plans, summary, force, index, count) -> list[FileResult]:
        conn = run.conn
        regular_file(path)  # swapped for a FIFO since it was planned? never block on it
        digest = sha256_of(path)
        before = conn.execute(
            "SELECT id FROM import_batch WHERE sha256 = ? LIMIT 1", (digest,)
        ).fetchone()
        if before and not force:
            summary.files.append(FileResult(path.name, kind=plans[0].kind,
                                            skipped="already imported"))  # fmt: skip
            return []
        results = []
        tables = {t.sheet: t for t in open_tables(path)}
        folded = _identical_sheets(tables, plans)
        for plan in plans:
            result = FileResult(path.name, plan.sheet, plan.kind)
            file_name = str(path.name) + (f" [{plan.sheet}]" if plan.sheet else "")
            # Imported before and forced again: its rows fold onto the facts stored then.
            prior = [b for (b,) in conn.execute(
                "SELECT id FROM import_batch WHERE sha256 = ? AND file_name = ? ORDER BY id",
                (digest, file_name))] if before else []  # fmt: skip
            batch = conn.execute(
                "INSERT INTO import_batch (file_name, file_size, sha256, kind, profile, analyst, "
                "imported_at) VALUES (?,?,?,?,?,?,?)",
                (file_name, os.path.getsize(path), digest, plan.kind, plan.profile, run.analyst,
                 run.ts),
            ).lastrowid  # fmt: skip
            result.batch_id = batch
            if prior:
                self._reimports[batch] = prior
            table = tables[plan.sheet]
            size = max(1, os.path.getsize(path))
            estimate = max(1, size // 90)

            def tick(rows, _i=index, _n=count, _est=estimate, _name=path.name):
                if self.cancelled():
                    raise ImportCancelled("import cancelled")
                self.progress((_i + min(0.99, rows / _est)) / _n, _name)

            rejected: list[RejectedRow] = []
            first_new_entity = run.next_entity
            links_before = len(run.link_pairs)
            same_as = folded.get(plan.sheet)
            if same_as is not None:
                # A workbook repeating a sheet (a copy kept by the bank's export): its rows are
                # a second source of the facts already read, not new facts.
                first = next(r for r in results if r.sheet == same_as)
                result.skipped = f"same rows as sheet {same_as}"
                result.notes.append(f"identical to sheet {same_as}; kept as a second source")
                _second_source(conn, plan.kind, first.batch_id, batch)
            elif plan.kind == "bank":
                mapping = plan.mapping
                if not mapping.owner_known:
                    mapping = with_placeholder_owner(mapping, digest, plan.sheet)
                    result.notes.append(
                        "no owner account found: the rows are under the placeholder "
                        f"'{_placeholder_name(table)}'; give --owner KIND:KEY (or set 'whose "
                        "statement' in the import wizard), or merge the placeholder into the "
                        "real account in the inspector"
                    )
                if self._by_columns(table):
                    from .bankimport import import_bank

                    import_bank(self, run, batch, table, mapping, result, rejected, tick)
                else:
                    table, beyond = _screen_amounts(table, mapping, rejected)
                    self._bank(run, batch, table, mapping, result, rejected, tick)
                    result.rows_read += beyond[0]
            elif plan.kind == "calls":
                self._calls(run, batch, table, plan.mapping, result, rejected, tick)
            elif plan.kind == "register":
                self._register(run, batch, table, plan.mapping, result, rejected, tick)
            else:
                raise CaseError(f"unknown import kind {plan.kind!r}")
            run.flush_entities()
            result.entities_new = run.next_entity - first_new_entity
            result.links_new = len(run.link_pairs) - links_before
            result.rejected = len(rejected)
            summary.rejected.extend(rejected)
            summary.files.append(result)
            if result.settle_status() == "failed":
                # Nothing of this table is in the case: it is not recorded as imported, so it
                # can be imported again once fixed. Its rejected rows are in the summary.
                conn.execute("DELETE FROM import_batch WHERE id = ?", (batch,))
                result.batch_id = None
                result.notes.append(_failure_advice(result, rejected))
                continue
            if rejected:
                conn.executemany(
                    "INSERT INTO rejected_row (batch_id, file, line, col, value, reason) "
                    "VALUES (?,?,?,?,?,?)",
                    [
                        (
                            batch,
                            r.file + (f" [{r.sheet}]" if r.sheet else ""),
                            r.line,
                            r.column,
                            r.value,
                            r.reason,
                        )
                        for r in rejected
                    ],  # fmt: skip
                )
            results.append(result)
        return results

    # ------------------------------------------------------------------ bank statements

    def _bank(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        txns: list[tuple] = []
        unmoved: list[tuple] = []
        rows = footers = 0
        holder = run.holder
        fast = run.fast
        entity = run.entity
        tid = run.next_txn
        append = txns.append
        reporters = run.reporters_of("txn")
        counterparts = run.counterparts.setdefault(batch, set())
        # Accounts whose holder is known and that are registered as reporter or counterpart:
        # nothing more to do for them in later rows than one lookup.
        settled_own: dict[str, int] = {}
        settled_other: dict[str, int] = {}
        footer_facts: dict[str, str] = {}
        owners: set[int] = set()
        for rec in bank_rows(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                _flush_facts(run, _TXN_INSERT, txns)
                tick(rows)
            if rec.__class__ is not tuple:
                if rec.__class__ is FooterRow:
                    footers += 1
                    footer_facts.update(_facts_of(rec))
                else:
                    rejected.append(rec)
                continue
            # A BankRecord's fields, as bank_rows yields them.
            (line, card, valid, name, id_number, when, fen, direction, balance, _currency,
             serial, ccard, ccard_valid, cname, cid, cbank, summary, channel, place, _ip, _mac,
             cash, bank, kind, problem, ckind, cproblem, moved, reversal,
             status) = rec  # fmt: skip
            own = settled_own.get(card)
            if own is None:
                if problem == "partial" and card.startswith("*"):
                    # Last digits alone name no card: qualify them by whose they are.
                    card = f"{name or bank or table.path.name}{card}"
                own = fast[kind].get(card) or entity(
                    kind, card, valid=valid, problem=problem, batch=batch,
                    name=_placeholder_name(table) if problem == "owner_unknown" else "",
                    attrs=_placeholder_attrs(table) if problem == "owner_unknown"
                    else ({"bank": bank} if bank and kind == "bank_card" else None),
                )  # fmt: skip
                reporters.add(own)
                owners.add(own)
                if own not in holder and (name or id_number):
                    run.attach_holder(own, name, id_number, batch, kind)
                if own in holder or own in run.aliased:
                    settled_own[card] = own
            other = None
            if ccard:
                if cproblem == "partial" and ccard.startswith("*"):
                    # Last digits alone: whose they are is part of the key (before the
                    # lookup, so that one holder's masked card never stands for another's).
                    ccard = f"{cname}{ccard}"
                other = settled_other.get(ccard)
                if other is None:
                    other = fast[ckind].get(ccard) or entity(
                        ckind, ccard, valid=ccard_valid, problem=cproblem, batch=batch,
                        attrs={"bank": cbank} if cbank and ckind == "bank_card" else None,
                    )  # fmt: skip
                    counterparts.add(other)
                    if other not in holder and (cname or cid):
                        run.attach_holder(other, cname, cid, batch, ckind)
                    if other in holder or other in run.aliased:
                        settled_other[ccard] = other
                if other == own:
                    # Between the account's own sub-accounts (结汇, 定期转活期): no counterpart.
                    other = None
                    cname = f"{cname} ({ccard})".strip()
            if not moved:
                unmoved.append((own, other, direction, fen, when, status, summary, cname, serial,
                                channel, batch, line))  # fmt: skip
                continue
            if other is not None:
                if direction < 0:
                    append((tid, own, other, "", fen, when, channel, summary, cname, serial,
                            place, batch, line, own, balance, int(reversal)))  # fmt: skip
                else:
                    append((tid, other, own, "", fen, when, channel, summary, cname, serial,
                            place, batch, line, own, balance, int(reversal)))  # fmt: skip
            else:
                exit_kind = _exit_kind(cname, summary, channel, cash)
                if direction < 0:
                    append((tid, own, None, exit_kind, fen, when, channel, summary, cname,
                            serial, place, batch, line, own, balance, int(reversal)))  # fmt: skip
                else:
                    append((tid, None, own, exit_kind, fen, when, channel, summary, cname,
                            serial, place, batch, line, own, balance, int(reversal)))  # fmt: skip
            tid += 1
        stored = tid - run.next_txn
        run.next_txn = tid
        # Some exports name their owner only under the table (Alipay's 用户:张伟).
        footer_name = next((footer_facts[k] for k in _OWNER_NAME_LABELS if footer_facts.get(k)), "")
        if footer_name and "account_name" not in mapping.columns:
            for own in owners:
                run.attach_holder(
                    own, footer_name, "", batch, mapping.constants.get("owner_kind") or "bank_card"
                )
        _flush_facts(run, _TXN_INSERT, txns)
        if unmoved:
            run.conn.executemany(_UNMOVED_INSERT, unmoved)
        result.transactions_new = stored  # until _settle folds the twins
        result.transactions_unmoved = len(unmoved)
        result.footer_rows = footers
        result.rows_read = rows - footers
        tick(rows)

    # ------------------------------------------------------------------ call records

    def _calls(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        calls: list[tuple] = []
        rows = 0
        reporters = run.reporters_of("call")
        counterparts = run.counterparts.setdefault(batch, set())
        for rec in call_records(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                _flush_facts(run, _CALL_INSERT, calls)
                tick(rows)
            if rec.__class__ is not CallRecord and rec.__class__ is not RegisterRecord:
                if rec.__class__ is FooterRow:
                    result.footer_rows += 1
                else:
                    rejected.append(rec)
                continue
            own = run.phone(rec.own_number, batch)
            other = run.phone(rec.other_number, batch)
            reporters.add(own)
            counterparts.add(other)
            device = None
            if rec.imei:
                device = run.entity("device", rec.imei, batch=batch)
                run.link("uses", own, device, batch)
            outgoing = rec.call_type.endswith("_out") or rec.call_type == "voice_fwd"
            caller, callee = (own, other) if outgoing else (other, own)
            cell = rec.cell if not rec.cell_address else f"{rec.cell} {rec.cell_address}".strip()
            if rec.position:
                cell = f"{cell} {rec.position}".strip()  # read back by analysis.calls
            calls.append((run.next_call, caller, callee, rec.time, rec.duration_s, rec.call_type,
                          cell, device, batch, rec.line, own, rec.note))  # fmt: skip
            run.next_call += 1
        _flush_facts(run, _CALL_INSERT, calls)
        result.rows_read = rows - result.footer_rows
        result.calls_new = result.rows_read - len(rejected)  # until _settle folds the twins
        tick(rows)

    # ------------------------------------------------------------------ registers

    def _register(self, run: _Run, batch, table, mapping, result, rejected, tick) -> None:
        rows = 0
        for rec in register_records(table, mapping):
            rows += 1
            if rows % CHUNK == 0:
                run.flush_entities()
                tick(rows)
            if rec.__class__ is not CallRecord and rec.__class__ is not RegisterRecord:
                if rec.__class__ is FooterRow:
                    result.footer_rows += 1
                else:
                    rejected.append(rec)
                continue
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
        result.rows_read = rows - result.footer_rows
        tick(rows)


def import_files(
    store: CaseStore,
    paths: Iterable[str | Path],
    kind: str | None = None,
    profile: str = "",
    force: bool = False,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    owner: tuple[str, str] | None = None,
    owner_name: str = "",
    engine: str = "auto",
) -> ImportSummary:
    """Plan and import files in one go (the command line's road; the GUI plans first).

    ``owner`` ``(kind, key)`` names whose statement the bank files are where a file does not
    say (no account column and no account in its title): ``('bank_card', '6222...')`` or
    ``('payment_account', 'alipay:...')``; ``owner_name`` the holder's name.
    """
    plans, failed = plan_files(store, paths, kind, profile)
    if owner is not None or owner_name:
        for plan in plans:
            set_owner(plan.mapping, owner, owner_name)
    incomplete = [p for p in plans if not p.mapping.is_complete()]
    plans = [p for p in plans if p.mapping.is_complete()]
    failed = list(failed) + [
        FileResult(p.path.name, p.sheet, p.kind,
                   skipped="columns not recognised: missing " + ", ".join(p.mapping.missing),
                   notes=["map the missing columns in the import wizard and save the mapping "
                          "as a profile, then give --profile NAME"])
        for p in incomplete
    ]  # fmt: skip
    if not plans:
        summary = ImportSummary(files=failed)
        for f in summary.files:
            f.settle_status()
        return summary
    return Importer(store, progress, cancelled, engine).run(plans, force, failed)


OWNER_KINDS = ("bank_card", "payment_account", "crypto_wallet")


def parse_owner(text: str) -> tuple[str, str]:
    """``KIND:KEY`` as the command line takes it; a bare number is a bank card.

    >>> parse_owner("bank_card:6222021234567890123"), parse_owner("6222021234567890123")
    (('bank_card', '6222021234567890123'), ('bank_card', '6222021234567890123'))
    >>> parse_owner("payment_account:alipay:zha***@163.com")
    ('payment_account', 'alipay:zha***@163.com')
    """
    kind, sep, key = text.strip().partition(":")
    if not sep:
        kind, key = "bank_card", text.strip()
    if kind not in OWNER_KINDS:
        raise CaseError(
            f"unknown owner kind {kind!r} in {text!r}: give one of {', '.join(OWNER_KINDS)}, "
            "e.g. bank_card:6222021234567890123 or payment_account:alipay:name@example.com"
        )
    if not key.strip():
        raise CaseError(f"no account after {kind}: in {text!r}")
    return kind, key.strip()


def set_owner(mapping: Mapping, owner: tuple[str, str] | None, owner_name: str = "") -> None:
    """Make ``owner`` the statement's own account where ``mapping`` has no account column
    (a column naming the account of each row wins), and ``owner_name`` its holder."""
    if mapping.kind != "bank":
        return
    if owner is not None and "card" not in mapping.columns:
        kind, key = owner
        if kind == "payment_account":
            platform, _, account = key.partition(":")
            if not account or ids.platform_code(platform) != platform:
                raise CaseError(
                    f"payment account {key!r}: write it as PLATFORM:ACCOUNT, e.g. "
                    "alipay:name@example.com or wechat:nickname"
                )
            mapping.set_constant("platform", platform)
        mapping.set_constant("owner_kind", kind)
        mapping.set_constant("card", key)
    if owner_name and "account_name" not in mapping.columns:
        mapping.set_constant("account_name", owner_name)
