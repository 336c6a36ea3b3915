"""A bank statement stored a batch at a time: the importer's road for large statements.

Does what :meth:`importer.Importer._bank` does row by row, over the columns of
:mod:`columnar`: the same entities with the same ids, the same holders, transactions,
orders that moved no money, rejected and footer rows. Entities are made in the order the
row loop would make them, by replaying that loop over the few rows that can create
something (the first row of each account, and the first that names its holder), and every
other row only looks its accounts up.

The tests import every layout of the corpus both ways and compare the case files.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import polars as pl

from .columnar import BankColumns, batches
from .records import FooterRow

if TYPE_CHECKING:
    from .importer import _Run

#: Transactions per executemany call: progress and cancel are checked in between.
STEP = 50_000


def import_bank(importer, run: _Run, batch: int, table, mapping, result, rejected, tick) -> None:
    from .importer import (
        _OWNER_NAME_LABELS,
        _TXN_INSERT,
        _UNMOVED_INSERT,
        _exit_kind,
        _facts_of,
        _placeholder_attrs,
        _placeholder_name,
    )

    reader = BankColumns(table, mapping)
    reporters = run.reporters_of("txn")
    counterparts = run.counterparts.setdefault(batch, set())
    owners: set[int] = set()
    footer_facts: dict[str, str] = {}
    rows = footers = stored = unmoved_count = 0
    fname = table.path.name
    placeholder = (_placeholder_name(table), _placeholder_attrs(table))

    def own_entity(kind, card, valid, problem, bank):
        if problem == "owner_unknown":
            return run.entity(kind, card, valid=valid, problem=problem, batch=batch,
                              name=placeholder[0], attrs=placeholder[1])  # fmt: skip
        return run.entity(kind, card, valid=valid, problem=problem, batch=batch,
                          attrs={"bank": bank} if bank and kind == "bank_card" else None)  # fmt: skip

    for records, others in _ahead(reader.read(part) for part in batches(table)):
        for _line, out in others:
            rows += 1
            if out.__class__ is FooterRow:
                footers += 1
                footer_facts.update(_facts_of(out))
            else:
                rejected.append(out)
        rows += len(records)
        if not len(records):
            tick(rows)
            continue
        # Last digits alone name no card: qualify them by whose they are, as the row loop does.
        masked = (pl.col("card_problem") == "partial") & pl.col("card").str.starts_with("*")
        cmasked = (pl.col("counterpart_problem") == "partial") & pl.col(
            "counterpart_card"
        ).str.starts_with("*")
        records = records.with_columns(
            pl.when(masked)
            .then(
                pl.when(pl.col("account_name") != "").then(pl.col("account_name"))
                .when(pl.col("bank") != "").then(pl.col("bank"))
                .otherwise(pl.lit(fname))
                + pl.col("card")
            )
            .otherwise(pl.col("card"))
            .alias("card"),
            pl.when(cmasked)
            .then(pl.col("counterpart_name") + pl.col("counterpart_card"))
            .otherwise(pl.col("counterpart_card"))
            .alias("counterpart_card"),
        )  # fmt: skip
        _resolve(run, records, own_entity, batch, reporters, owners, counterparts)
        run.flush_entities()
        fast = run.fast
        own = _ids(records["card_kind"], records["card"], fast)
        has_other = records["counterpart_card"] != ""
        other = _ids(records["counterpart_kind"], records["counterpart_card"], fast)
        other = pl.select(pl.when(has_other).then(other).otherwise(None)).to_series()
        same = (other == own).fill_null(False)
        records = records.with_columns(own.alias("own"), other.alias("other"))
        if same.any():
            records = records.with_columns(
                pl.when(same).then(None).otherwise(pl.col("other")).alias("other"),
                pl.when(same)
                .then((pl.col("counterpart_name") + " (" + pl.col("counterpart_card") + ")")
                      .str.strip_chars())
                .otherwise(pl.col("counterpart_name"))
                .alias("counterpart_name"),
            )  # fmt: skip
        moved = records.filter(pl.col("moved"))
        still = records.filter(~pl.col("moved"))
        if len(still):
            unmoved = still.select(
                "own", "other", "direction", "amount_fen", "time", "status", "summary",
                "counterpart_name", "serial", "channel", pl.lit(batch), "line",
            ).rows()  # fmt: skip
            run.conn.executemany(_UNMOVED_INSERT, unmoved)
            unmoved_count += len(unmoved)
        if not len(moved):
            tick(rows)
            continue
        # Where money went when no counterpart account is named: once per distinct row text.
        exits = (
            moved.filter(pl.col("other").is_null())
            .select("counterpart_name", "summary", "channel", "cash")
            .unique()
        )
        exit_kinds = exits.with_columns(
            pl.Series(
                "exit_kind", [_exit_kind(*row) for row in exits.iter_rows()], dtype=pl.String
            )  # fmt: skip
        )
        moved = moved.join(
            exit_kinds, on=["counterpart_name", "summary", "channel", "cash"], how="left",
            maintain_order="left",
        ).with_columns(
            pl.when(pl.col("other").is_null()).then(pl.col("exit_kind")).otherwise(pl.lit(""))
            .alias("exit_kind")
        )  # fmt: skip
        out = pl.col("direction") < 0
        first = run.next_txn
        moved = moved.select(
            pl.int_range(first, first + len(moved), dtype=pl.Int64).alias("id"),
            pl.when(out).then(pl.col("own")).otherwise(pl.col("other")).alias("payer"),
            pl.when(out).then(pl.col("other")).otherwise(pl.col("own")).alias("payee"),
            "exit_kind", "amount_fen", "time", "channel", "summary", "counterpart_name",
            "serial", "place", pl.lit(batch, dtype=pl.Int64).alias("batch"), "line", "own",
            "balance_fen", pl.col("reversal").cast(pl.Int64),
        )  # fmt: skip
        for start in range(0, len(moved), STEP):
            piece = moved.slice(start, STEP)
            run.conn.executemany(_TXN_INSERT, zip(*(piece[c].to_list() for c in piece.columns),
                                                  strict=True))  # fmt: skip
            tick(rows - len(moved) + start + len(piece))
        run.next_txn += len(moved)
        stored += len(moved)
        tick(rows)
    footer_name = next((footer_facts[k] for k in _OWNER_NAME_LABELS if footer_facts.get(k)), "")
    if footer_name and "account_name" not in mapping.columns:
        for own_id in owners:
            run.attach_holder(
                own_id, footer_name, "", batch, mapping.constants.get("owner_kind") or "bank_card"
            )
    run.flush_entities()
    result.transactions_new = stored  # until _settle folds the twins
    result.transactions_unmoved = unmoved_count
    result.footer_rows = footers
    result.rows_read = rows - footers
    tick(rows)


def _ahead(items: Iterator, depth: int = 1) -> Iterator:
    """``items``, computed on a thread of their own while the caller works on the previous
    one: polars reads and converts the next batch on the second core (its kernels release
    the interpreter) while this thread writes the last one into SQLite."""
    box: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        box.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put((done, None))
        except BaseException as exc:  # handed to the consumer, raised there
            box.put((done, exc))

    worker = threading.Thread(target=produce, name="intake-reader", daemon=True)
    worker.start()
    try:
        while True:
            item, exc = box.get()
            if item is done:
                if exc is not None:
                    raise exc
                return
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            try:
                box.get_nowait()
            except queue.Empty:
                worker.join(0.05)


def _resolve(run, records: pl.DataFrame, own_entity, batch, reporters, owners, counterparts):
    """Make or find every account of the batch and attach holders, in the order the row loop
    would: over the rows that can change anything, in line order."""
    indexed = records.with_row_index("i")
    named = (pl.col("account_name") != "") | (pl.col("account_id_number") != "")
    cnamed = (pl.col("counterpart_name") != "") | (pl.col("counterpart_id_number") != "")
    with_other = indexed.filter(pl.col("counterpart_card") != "")
    events = pl.concat([
        indexed.unique(["card_kind", "card"], keep="first")["i"],
        indexed.filter(named).unique(["card_kind", "card"], keep="first")["i"],
        with_other.unique(["counterpart_kind", "counterpart_card"], keep="first")["i"],
        with_other.filter(cnamed).unique(["counterpart_kind", "counterpart_card"],
                                         keep="first")["i"],
    ]).unique().sort()  # fmt: skip
    rows = records.select(
        "card", "card_valid", "account_name", "account_id_number", "bank", "card_kind",
        "card_problem", "counterpart_card", "counterpart_card_valid", "counterpart_name",
        "counterpart_id_number", "counterpart_bank", "counterpart_kind", "counterpart_problem",
    )[events].iter_rows()  # fmt: skip
    fast, holder, aliased = run.fast, run.holder, run.aliased
    for (card, valid, name, id_number, bank, kind, problem, ccard, cvalid, cname, cid, cbank,
         ckind, cproblem) in rows:  # fmt: skip
        own = fast[kind].get(card) or own_entity(kind, card, valid, problem, bank)
        reporters.add(own)
        owners.add(own)
        if own not in holder and (name or id_number):
            run.attach_holder(own, name, id_number, batch, kind)
        if ccard:
            other = fast[ckind].get(ccard) or run.entity(
                ckind, ccard, valid=cvalid, problem=cproblem, batch=batch,
                attrs={"bank": cbank} if cbank and ckind == "bank_card" else None,
            )  # fmt: skip
            counterparts.add(other)
            if other not in holder and other not in aliased and (cname or cid):
                run.attach_holder(other, cname, cid, batch, ckind)


def _ids(kinds: pl.Series, keys: pl.Series, fast: dict[str, dict[str, int]]) -> pl.Series:
    """The entity id of each (kind, key), all of them made by :func:`_resolve`."""
    frame = pl.DataFrame({"kind": kinds, "key": keys})
    uniq = frame.unique()
    found = [fast[k].get(key) if key else None for k, key in uniq.iter_rows()]
    table = uniq.with_columns(pl.Series("id", found, dtype=pl.Int64))
    return frame.join(table, on=["kind", "key"], how="left", maintain_order="left")["id"]
