"""CSV and XLSX tables: entities, links, transactions and calls.

``csv``: OUT is a folder (created if missing) that receives ``entities.csv``, ``links.csv``,
``transactions.csv`` and ``calls.csv``; an OUT ending in ``.zip`` is one zip archive with
the same four members. UTF-8 with a byte-order mark, so that Excel opens Chinese correctly
on a double click; the header row holds the column codes (``TABLES``), which stay the same
in every language. ``xlsx``: one workbook with the four tables as sheets, the header row in
Chinese (the captions of ``TABLES``), streamed row by row (``.xlsx``: xlsxwriter's per-cell
calls made the workbook take 7-19 s on the demo, six to fifteen times the CSV).

Both formats defend against formula injection (CSV injection, OWASP): a text cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, so that neither Excel nor LibreOffice runs a counterpart name such as
``=HYPERLINK(...)`` that came in with a bank statement. In the workbook, ID, card, phone and
serial numbers are text cells (never numbers that lose digits past the 15th), amounts and
durations are numbers, and times are Excel date-times.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path

from ..model import CRYPTO_CHAINS, PAYMENT_PLATFORMS
from ..store import CaseStore
from ._case import (
    EXIT_KINDS,
    CaseView,
    ExportEntity,
    ExportError,
    ExportSummary,
    atomic_path,
    culpability_zh,
    fen_to_yuan,
    org_type_zh,
    status_zh,
    vocab_zh,
)
from .graph import KIND_ZH
from .xlsx import SheetSpec, Workbook

#: Per table: (column code, Chinese caption, cell type). Types: ``int``, ``text``, ``yuan``
#: (decimal yuan, a number in XLSX), ``time`` (a date-time in XLSX) and ``real``.
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "entities": (
        ("entity_id", "编号", "int"),
        ("kind", "类别代码", "text"),
        ("kind_zh", "类别", "text"),
        ("key", "证件/卡号/号码", "text"),
        ("key_valid", "号码校验", "text"),
        ("name", "名称", "text"),
        ("aliases", "别名", "text"),
        ("roles", "角色代码", "text"),
        ("roles_zh", "角色", "text"),
        ("culpability_zh", "罪责", "text"),
        ("legal_status", "法律状态代码", "text"),
        ("legal_status_zh", "法律状态", "text"),
        ("region_code", "地区代码", "text"),
        ("region", "地区", "text"),
        ("region_full", "地区全称", "text"),
        ("holder_id", "持有人编号", "int"),
        ("holder", "持有人", "text"),
        ("bank", "开户行", "text"),
        ("branch", "开户网点", "text"),
        ("account_name", "户名", "text"),
        ("carrier", "运营商", "text"),
        ("model", "型号", "text"),
        ("org_type_zh", "组织类型", "text"),
        ("platform_zh", "支付平台", "text"),
        ("chain_zh", "区块链", "text"),
        ("notes", "备注", "text"),
    ),
    "links": (
        ("link_id", "编号", "int"),
        ("type", "类型代码", "text"),
        ("type_zh", "关系", "text"),
        ("source_id", "起点编号", "int"),
        ("source_key", "起点号码", "text"),
        ("source_name", "起点", "text"),
        ("target_id", "终点编号", "int"),
        ("target_key", "终点号码", "text"),
        ("target_name", "终点", "text"),
        ("origin", "来源", "text"),
        ("confidence", "可信度", "real"),
        ("note", "备注", "text"),
        ("created_at", "创建时间", "text"),
    ),
    "transactions": (
        ("txn_id", "编号", "int"),
        ("ts", "交易时间", "time"),
        ("payer_id", "付款方编号", "int"),
        ("payer_account", "付款账号", "text"),
        ("payer_name", "付款户名", "text"),
        ("payee_id", "收款方编号", "int"),
        ("payee_account", "收款账号", "text"),
        ("payee_name", "收款户名", "text"),
        ("amount_yuan", "交易金额(元)", "yuan"),
        ("exit_kind", "资金出口代码", "text"),
        ("exit_kind_zh", "资金出口", "text"),
        ("channel", "交易渠道", "text"),
        ("summary", "摘要", "text"),
        ("counterpart", "对方户名", "text"),
        ("serial", "交易流水号", "text"),
        ("place", "交易网点", "text"),
        ("balance_yuan", "余额(元)", "yuan"),
    ),
    "calls": (
        ("call_id", "编号", "int"),
        ("ts", "开始时间", "time"),
        ("caller_id", "主叫编号", "int"),
        ("caller_number", "主叫号码", "text"),
        ("caller_holder", "主叫机主", "text"),
        ("callee_id", "被叫编号", "int"),
        ("callee_number", "被叫号码", "text"),
        ("callee_holder", "被叫机主", "text"),
        ("duration_s", "通话时长(秒)", "int"),
        ("call_type", "呼叫类型", "text"),
        ("cell", "基站", "text"),
        ("device_imei", "IMEI", "text"),
    ),
}

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Rows per sheet: Excel stops at 1,048,576; longer tables continue on a second sheet.
SHEET_ROWS = 1_000_000


def defuse(value: str) -> str:
    """A text cell made safe from formula injection (a leading apostrophe when needed).

    >>> defuse("=HYPERLINK(1)"), defuse("-5"), defuse("张三"), defuse("")
    ("'=HYPERLINK(1)", "'-5", '张三', '')
    """
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Rows:
    """The four tables as rows of plain values (None for an empty cell)."""

    def __init__(self, view: CaseView):
        self.view = view
        self.entities = view.entities
        self.counts = {"entities": 0, "links": 0, "transactions": 0, "calls": 0}

    def _party(self, eid: int | None) -> tuple[str, str]:
        """(account or number, name) of a fact's party."""
        if eid is None:
            return "", ""
        e = self.entities[eid]
        if e.holder_id is not None:
            name = self.entities[e.holder_id].label
        else:
            name = e.name or e.attrs.get("account_name") or e.attrs.get("registered_name", "")
        return e.key or "", name

    def table(self, name: str) -> Iterator[tuple]:
        yield from getattr(self, f"_{name}")()

    def _entities(self) -> Iterator[tuple]:
        for e in self.entities.values():
            self.counts["entities"] += 1
            yield _entity_row(e, self.entities)

    def _links(self) -> Iterator[tuple]:
        for link in self.view.links():
            self.counts["links"] += 1
            s, t = self.entities[link.source_id], self.entities[link.target_id]
            yield (
                link.id, link.type, link.type_zh,
                s.id, s.key or "", s.label,
                t.id, t.key or "", t.label,
                link.origin, link.confidence, link.note, link.created_at,
            )  # fmt: skip

    def _transactions(self) -> Iterator[tuple]:
        for row in self.view.transactions():
            tid, ts, payer, payee, fen, exit_kind, channel, summary, counterpart = row[:9]
            serial, place, balance = row[9:12]
            self.counts["transactions"] += 1
            payer_account, payer_name = self._party(payer)
            payee_account, payee_name = self._party(payee)
            if payee is None and not payee_name:
                payee_name = counterpart
            yield (
                tid, ts, payer, payer_account, payer_name, payee, payee_account, payee_name,
                fen, exit_kind, EXIT_KINDS[exit_kind][0] if exit_kind in EXIT_KINDS else "",
                channel, summary, counterpart, serial, place, balance,
            )  # fmt: skip

    def _calls(self) -> Iterator[tuple]:
        for cid, ts, caller, callee, duration, call_type, cell, device in self.view.calls():
            self.counts["calls"] += 1
            caller_number, caller_holder = self._party(caller)
            callee_number, callee_holder = self._party(callee)
            imei = self.entities[device].key if device is not None else ""
            yield (
                cid, ts, caller, caller_number, caller_holder, callee, callee_number,
                callee_holder, duration, call_type, cell, imei,
            )  # fmt: skip

    def summary(self, path: Path, fmt: str, files: tuple[Path, ...] = ()) -> ExportSummary:
        c = self.counts
        return ExportSummary(
            path=Path(path),
            format=fmt,
            entities=c["entities"],
            links=c["links"],
            transactions=c["transactions"],
            calls=c["calls"],
            files=files,
        )


def _entity_row(e: ExportEntity, entities: dict[int, ExportEntity]) -> tuple:
    holder = entities[e.holder_id] if e.holder_id is not None else None
    region = e.region
    a = e.attrs
    return (
        e.id, e.kind, KIND_ZH.get(e.kind, e.kind), e.key or "",
        "" if e.key_valid else "invalid", e.name, "; ".join(e.aliases),
        ",".join(e.roles), e.roles_zh(), culpability_zh(e.culpability),
        e.legal_status, status_zh(e.legal_status),
        region.code if region else "", region.name if region else "",
        region.full if region else "",
        holder.id if holder else None, holder.label if holder else "",
        a.get("bank", ""), a.get("branch", ""), a.get("account_name", ""),
        a.get("carrier", ""), a.get("model", ""), org_type_zh(a.get("org_type", "")),
        vocab_zh(PAYMENT_PLATFORMS, a.get("platform", "")),
        vocab_zh(CRYPTO_CHAINS, a.get("chain", "")),
        e.notes,
    )  # fmt: skip


def _csv_value(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "yuan":
        return fen_to_yuan(value)
    if kind == "text" or kind == "time":
        return defuse(str(value))
    return str(value)


def _write_csv(rows: _Rows, name: str, f) -> None:
    columns = TABLES[name]
    kinds = [c[2] for c in columns]
    writer = csv.writer(f, lineterminator="\r\n")
    writer.writerow([c[0] for c in columns])
    for row in rows.table(name):
        writer.writerow([_csv_value(v, k) for v, k in zip(row, kinds, strict=True)])


def export_csv(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the four tables as UTF-8 (with BOM) CSV files into the folder OUT, or OUT.zip.

    ``ExportSummary.files`` lists the files written (for a zip, the archive).
    """
    rows = _Rows(CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids))
    out_path = Path(out_path)
    if out_path.suffix.lower() == ".zip":
        with atomic_path(out_path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name in TABLES:
                with (
                    z.open(f"{name}.csv", "w") as raw,
                    io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as f,
                ):
                    _write_csv(rows, name, f)
        return rows.summary(out_path, "csv", (out_path,))
    if out_path.exists() and not out_path.is_dir():
        raise ExportError("folder", str(out_path), "is a file; CSV tables go into a folder")
    if not out_path.parent.is_dir():
        raise ExportError("folder", str(out_path.parent), "does not exist")
    out_path.mkdir(exist_ok=True)
    files = []
    for name in TABLES:
        target = out_path / f"{name}.csv"
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            _write_csv(rows, name, f)
        files.append(target)
    return rows.summary(out_path, "csv", tuple(files))


def export_xlsx(
    store: CaseStore,
    out_path: Path,
    *,
    mask_ids: bool = False,
    entity_ids: Collection[int] | None = None,
) -> ExportSummary:
    """Write the four tables as sheets of one XLSX workbook (Chinese header row)."""
    rows = _Rows(CaseView(store, mask_ids=mask_ids, entity_ids=entity_ids))
    with atomic_path(out_path) as tmp, Workbook(tmp) as book:
        for name, columns in TABLES.items():
            spec = SheetSpec([(caption, kind, _width(code, kind)) for code, caption, kind in columns],
                             text=defuse)  # fmt: skip
            table = rows.table(name)
            part = 1
            # Excel stops at 1,048,576 rows: a longer table continues on another sheet.
            while True:
                title = name if part == 1 else f"{name}_{part}"
                book.add_sheet(title, spec, itertools.islice(table, SHEET_ROWS))
                following = next(table, None)
                if following is None:
                    break
                table = itertools.chain([following], table)
                part += 1
    return rows.summary(out_path, "xlsx", (Path(out_path),))


def _width(code: str, kind: str) -> float:
    if code in ("key", "payer_account", "payee_account", "name", "summary", "notes"):
        return 22
    return {"time": 20, "yuan": 14, "int": 9}.get(kind, 16)
