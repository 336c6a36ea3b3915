"""Bank statements read a batch of rows at a time, column by column.

The row reader (:func:`records.bank_rows`) spends about 5 µs of Python per row. Here a batch
of up to :data:`BATCH_ROWS` rows is held as columns (polars, whose string kernels are
Rust): amounts and times in their usual forms are checked and converted by vectorised
expressions, every other cell is cleaned once per distinct value with the very functions
the row reader uses (a statement's cards, names, summaries and channels repeat), and the
per-row decisions (direction, reversal, moved, cash) are column arithmetic over those.

A row this reader is not certain of (a cell it would have to guess at, the wrong number of
cells, an amount or time in an unusual form that fails) is handed to the row reader itself,
so every rejection and footer is exactly what the row reader says. The result is the same
sequence of records as :func:`records.bank_rows`, which the tests check on every layout of
the corpus and on generated tables.

CSV files are read straight into columns (:func:`csv_batches`) when they can be split
without a CSV parser's judgement: no quote characters, no NUL, no lone carriage returns, an
encoding in which the delimiter and newline bytes are never part of a character. Anything
else is read by :mod:`read` as before, and its rows are turned into columns here.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import guard
from .columns import Mapping
from .read import Table
from .records import (
    _BLANKS,
    _CASH_FLAGS_YES,
    _NO_FLAGS,
    FooterRow,
    RejectedRow,
    _bank_checker,
    _bank_loop,
    _cash_word,
    _counterpart_reader,
    _credit_in_word,
    _currency,
    _date_reader,
    _id_number,
    _Memo,
    _neutral_way,
    _owner_reader,
    _reversal_word,
    _Rows,
    _split_amount,
    _text,
    status_moves,
)
from .values import ValueParseError, _valid_day, amount_too_large, parse_amount, parse_direction

#: Rows per batch: memory stays bounded whatever the size of the file (10M rows imported
#: at a peak of 784 MB; batches of 250k took 1.16 GB for a few % less time).
BATCH_ROWS = 100000

#: Fields of a bank record, in :class:`records.BankRecord` order.
FIELDS = ("line", "card", "card_valid", "account_name", "account_id_number", "time",
          "amount_fen", "direction", "balance_fen", "currency", "serial", "counterpart_card",
          "counterpart_card_valid", "counterpart_name", "counterpart_id_number",
          "counterpart_bank", "summary", "channel", "place", "ip", "mac", "cash", "bank",
          "card_kind", "card_problem", "counterpart_kind", "counterpart_problem", "moved",
          "reversal", "status")  # fmt: skip

# '1234.56' and '-1234.56': what the row reader's fast path takes as digits.
_PLAIN_AMOUNT = r"^-?[0-9]*\.[0-9][0-9]$"
_STAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
_AMOUNT_FIELDS = ("amount", "amount_in", "amount_out", "balance")


@dataclass
class Batch:
    """Rows of a table as columns: ``cells`` has one String column per header column,
    ``lines`` their file lines; ``odd`` holds the rows of another number of cells as
    ``(line, cells)``, for the row reader."""

    lines: pl.Series
    cells: pl.DataFrame
    odd: list[tuple[int, list[str]]]


# --- batches from any table ------------------------------------------------------------------


def row_batches(table: Table, size: int = BATCH_ROWS) -> Iterator[Batch]:
    """Batches of a table whose rows come as Python lists (a workbook, or a CSV file that
    needs a real CSV parser)."""
    width = len(table.header)
    names = [f"c{i}" for i in range(width)]
    lines: list[int] = []
    good: list[list[str]] = []
    odd: list[tuple[int, list[str]]] = []
    for line, cells in table.rows:
        if len(cells) == width:
            lines.append(line)
            good.append(cells)
        else:
            odd.append((line, cells))
        if len(lines) + len(odd) >= size:
            yield _batch(names, lines, good, odd)
            lines, good, odd = [], [], []
    if lines or odd:
        yield _batch(names, lines, good, odd)


def _batch(names, lines, good, odd) -> Batch:
    cells = pl.DataFrame(
        {name: [row[i] for row in good] for i, name in enumerate(names)},
        schema={name: pl.String for name in names},
    )
    return Batch(pl.Series("line", lines, dtype=pl.Int64), cells, odd)


# --- batches straight from a CSV file ---------------------------------------------------------

_SAFE_PROBE = '\n\r,\t;|"\x00\x1c'


def csv_splittable(table: Table) -> bool:
    """Whether this CSV table can be read by splitting lines at the delimiter: exactly what
    a CSV parser would read, in a fraction of the time."""
    if table.sheet is not None or table.encoding is None or table.delimiter is None:
        return False
    if len(table.delimiter) != 1 or not table.delimiter.isascii():
        return False
    try:
        encoded = _SAFE_PROBE.encode(codecs.lookup(table.encoding).name)
    except (LookupError, UnicodeError):
        return False
    if encoded != _SAFE_PROBE.encode("ascii"):
        return False  # UTF-16 and the like: newline bytes inside characters
    quotes = False
    try:
        with guard.open_regular(table.path) as f:
            start = _data_offset(f, table.header_line)
            if start is None:
                return False
            f.seek(0)
            while block := f.read(1 << 24):
                lone = block.count(b"\r") - block.count(b"\r\n")
                if block.endswith(b"\r"):  # a pair cut by the block: look one byte on
                    following = f.read(1)
                    if following == b"\n":
                        lone -= 1
                    if following:
                        f.seek(-1, 1)
                if lone:
                    return False
                if any(ch in block for ch in (b"\x00", b"\x1c", b"\x1d", b"\x1e", b"\x1f")):
                    return False
                quotes = quotes or b'"' in block
    except OSError:
        return False
    # A quoted field may hold a line break, which only a CSV parser can follow: every line
    # must hold an even number of quotes (a quoted field opens and closes on its line).
    return not quotes or _quotes_pair_up(table.path)


def _quotes_pair_up(path: Path) -> bool:
    try:
        lines = pl.read_csv(path, has_header=False, separator="\x1f", quote_char=None,
                            infer_schema=False, empty_string_is_null=False,
                            encoding="utf8-lossy", new_columns=["text"])["text"]  # fmt: skip
    except (pl.exceptions.PolarsError, OSError):
        return False
    return not (lines.str.count_matches('"', literal=True) % 2 == 1).any()


def _data_offset(f, header_line: int) -> int | None:
    """The byte offset just past the header's line (the first ``header_line`` lines)."""
    f.seek(0)
    offset = 0
    seen = 0
    while seen < header_line:
        block = f.read(1 << 16)
        if not block:
            return None
        at = 0
        while seen < header_line:
            found = block.find(b"\n", at)
            if found < 0:
                break
            seen += 1
            at = found + 1
        if seen >= header_line:
            return offset + at
        offset += len(block)
    return offset


def csv_batches(table: Table, size: int = BATCH_ROWS) -> Iterator[Batch]:
    """Batches of a CSV table that :func:`csv_splittable` accepted, read in blocks of about
    ``size`` lines. Lines that are blank or bare delimiters are skipped as the row reader
    skips them; a line or cell over the evidence limits stops the file as it would there."""
    width = len(table.header)
    names = [f"c{i}" for i in range(width)]
    delimiter = table.delimiter
    encoding = codecs.lookup(table.encoding).name
    if encoding == "utf-8-sig":
        encoding = "utf-8"  # the BOM is at the start, above the header
    limits = guard.LIMITS
    block_bytes = max(1 << 16, size * 160)
    with guard.open_regular(table.path) as f:
        start = _data_offset(f, table.header_line)
        f.seek(start)
        line = table.header_line
        rest = b""
        while True:
            chunk = f.read(block_bytes)
            data = rest + chunk
            if not chunk:
                rest = b""
            else:
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    rest = data
                    if len(rest) > 4 * limits.max_line_chars:
                        _too_long(table.path, limits.max_line_chars)
                    continue
                data, rest = data[:cut], data[cut:]
            if data:
                utf8 = data.decode(encoding, errors="replace").encode("utf-8")
                batch, count = _csv_batch(utf8, names, delimiter, line, table.path)
                line += count
                yield batch
            if not chunk:
                return


def _too_long(path: Path, limit: int):
    raise guard.UnreadableFileError(path, "too_large", f"a line longer than {limit:,} characters")


def _split(data: bytes, names: list[str], delimiter: str, quoted: bool) -> pl.DataFrame:
    return pl.read_csv(data, has_header=False, separator=delimiter,
                       quote_char='"' if quoted else None,
                       schema={name: pl.String for name in names}, empty_string_is_null=False,
                       truncate_ragged_lines=True, extra_columns="ignore",
                       missing_columns="insert")  # fmt: skip


def _quote_checks(delimiter: str) -> str:
    """With every ``"..."`` run of a line replaced by U+001E (absent from the file, see
    :func:`csv_splittable`), a line whose quotes all stand at field boundaries (fields
    quoted whole, quotes inside doubled: read alike by every CSV parser) has no quote left
    and no U+001E next to anything but the delimiter or another U+001E. This finds the
    others."""
    d = f"\\x{{{ord(delimiter):02x}}}"
    return f'[^{d}\x1e]\x1e|\x1e[^{d}\x1e]|"'


def _csv_batch(data: bytes, names, delimiter: str, line: int, path: Path) -> tuple[Batch, int]:
    limits = guard.LIMITS
    whole = pl.read_csv(data, has_header=False, separator="\x1f", quote_char=None,
                        infer_schema=False, empty_string_is_null=False,
                        new_columns=["text"])["text"]  # fmt: skip
    count = len(whole)
    lengths = whole.str.len_chars()
    if count and lengths.max() >= limits.max_line_chars:
        _too_long(path, limits.max_line_chars)
    numbers = pl.int_range(line + 1, line + 1 + count, eager=True, dtype=pl.Int64)
    width = len(names)
    quoted = b'"' in data
    if quoted:
        has_quote = whole.str.contains('"', literal=True)
        # Lines with quotes anywhere but at field boundaries go to Python's csv module,
        # one line each (csv_splittable made sure no quoted field spans lines).
        marked = whole.str.replace_all('"[^"]*"', "\x1e")
        plain = ~marked.str.contains(_quote_checks(delimiter))
        fields = marked.str.count_matches(delimiter, literal=True) + 1
        empty = whole.str.replace_all(delimiter, "", literal=True).str.strip_chars() == ""
        # A line of quoted blanks ("","") is blank too: Python's csv module decides.
        blank = empty & ~has_quote
        bare = whole.str.replace_all('"', "", literal=True)
        parse = ~plain | (has_quote & (bare.str.replace_all(delimiter, "", literal=True)
                                       .str.strip_chars() == ""))  # fmt: skip
    else:
        fields = whole.str.count_matches(delimiter, literal=True) + 1
        blank = whole.str.replace_all(delimiter, "", literal=True).str.strip_chars() == ""
        parse = pl.repeat(False, count, eager=True)
    # A line closed by one more delimiter (ICBC's exports) has an empty last cell, which
    # the row reader drops: the parser drops it too.
    fits = (fields == width) | ((fields == width + 1) & whole.str.ends_with(delimiter))
    regular = fits & ~blank & ~parse
    others = ~regular & ~blank
    if quoted:
        parse = parse | has_quote  # a quoted line is never split by hand
    odd = []
    for number, text, by_parser in zip(
        numbers.filter(others).to_list(),
        whole.filter(others).to_list(),
        parse.filter(others).to_list(),
        strict=True,
    ):
        if by_parser:
            cells = next(csv.reader([text], delimiter=delimiter), [])
            if not (cells and (cells[0].strip() or "".join(cells).strip())):
                continue  # blank, as the row reader skips it
        else:
            cells = text.split(delimiter)
        odd.append((number, cells))
    if regular.all():
        cells = _split(data, names, delimiter, quoted)
        kept_lines = numbers
    else:
        kept_lines = numbers.filter(regular)
        if quoted:  # the parser sees only lines it reads as Python's csv module does
            joined = whole.filter(regular).str.join("\n")
            text = joined[0] if len(joined) else ""
            cells = _split((text + "\n").encode("utf-8"), names, delimiter, quoted)
            if not len(kept_lines):
                cells = cells.clear()
        else:
            cells = _split(data, names, delimiter, quoted).filter(regular)
    if cells.width != width or len(cells) != len(kept_lines):
        raise guard.UnreadableFileError(path, "not_a_table", "rows could not be split")
    if len(cells) and max(cells[c].str.len_chars().max() or 0 for c in names) > (
        limits.max_cell_chars
    ):
        raise guard.UnreadableFileError(
            path, "too_large", f"a cell longer than {limits.max_cell_chars:,} characters"
        )
    return Batch(kept_lines.alias("line"), cells, odd), count


# --- records -------------------------------------------------------------------------------


class BankColumns:
    """The record reader of one table and mapping; :meth:`read` turns a batch into records.

    Per-value caches live as long as the reader, so a value met in one batch is not cleaned
    again in the next."""

    def __init__(self, table: Table, mapping: Mapping):
        self.r = r = _Rows(table, mapping, "bank")
        self.check = _bank_checker(r)
        self.file = table.path.name
        self.sheet = table.sheet or ""
        self.header = table.header
        c = r.constants
        self.platform = c.get("platform", "")
        owner_kind = c.get("owner_kind", "") or (
            "payment_account" if self.platform else "bank_card"
        )
        self.owner_of = _owner_reader(owner_kind, self.platform)
        self.dates = _date_reader(c.get("date_order", ""), c.get("year_month", ""))
        self.currency_const = _currency(c.get("currency", ""))
        self.cards = _Memo(self.owner_of)
        self.counterparts = _Memo(_counterpart_reader(self.platform))
        self.texts = _Memo(_text)
        self.id_numbers = _Memo(_id_number)
        self.amounts: dict[str, int | None] = {}
        self.screen = [(r.columns[f], f) for f in _AMOUNT_FIELDS if f in r.columns]

    # -- helpers

    def _cell(self, cells: pl.DataFrame, fld: str) -> pl.Series:
        col = self.r.col(fld)
        if col >= self.r.width:
            return pl.repeat("", len(cells), dtype=pl.String, eager=True)
        return cells.get_column(f"c{col}")

    @staticmethod
    def _map(s: pl.Series, fn: Callable, dtype) -> pl.Series:
        """``fn`` of every value, computed once per distinct value."""
        if not len(s):
            return pl.Series([], dtype=dtype)
        uniq = s.unique()
        return s.replace_strict(uniq, pl.Series([fn(v) for v in uniq.to_list()], dtype=dtype),
                                return_dtype=dtype)  # fmt: skip

    @staticmethod
    def _map_many(s: pl.Series, fn: Callable, dtypes: list) -> list[pl.Series]:
        """The parts of a tuple-valued ``fn``, per distinct value."""
        if not len(s):
            return [pl.Series([], dtype=dt) for dt in dtypes]
        uniq = s.unique()
        values = [fn(v) for v in uniq.to_list()]
        codes = s.replace_strict(uniq, pl.int_range(0, len(uniq), eager=True, dtype=pl.UInt32),
                                 return_dtype=pl.UInt32)  # fmt: skip
        return [
            pl.Series([v[i] for v in values], dtype=dt).gather(codes) for i, dt in enumerate(dtypes)
        ]

    @staticmethod
    def _map_pairs(a: pl.Series, b: pl.Series, fn: Callable, dtype) -> pl.Series:
        frame = pl.DataFrame({"a": a, "b": b})
        uniq = frame.unique()
        out = uniq.with_columns(
            pl.Series("v", [fn(x, y) for x, y in uniq.iter_rows()], dtype=dtype)
        )
        return frame.join(out, on=["a", "b"], how="left", maintain_order="left",
                          nulls_equal=True)["v"]  # fmt: skip

    def _amounts(self, s: pl.Series) -> tuple[pl.Series, pl.Series]:
        """``(fen, failed)``: plain '1234.56' as digits, anything else by parse_amount."""
        plain = s.str.contains(_PLAIN_AMOUNT)
        fen = s.str.replace(".", "", literal=True).cast(pl.Int64, strict=False)
        if plain.all():
            return fen, pl.repeat(False, len(s), eager=True)
        memo = self.amounts

        def parse(raw: str) -> int | None:
            if raw not in memo:
                try:
                    memo[raw] = parse_amount(raw)
                except ValueParseError:
                    memo[raw] = None
            return memo[raw]

        slow = self._map(s.filter(~plain), parse, pl.Int64)
        fen = fen.scatter(plain.not_().arg_true(), slow)
        return fen, fen.is_null()

    # -- the reader

    def read(self, batch: Batch) -> tuple[pl.DataFrame, list[tuple[int, object]]]:
        """``(records, others)``: the records read here, as columns named :data:`FIELDS`
        in line order, and ``(line, output)`` of the rows the row reader read (records as
        tuples, :class:`RejectedRow` and :class:`FooterRow`), also in line order."""
        cells, lines = batch.cells, batch.lines
        others: list[tuple[int, object]] = []
        delegate: list[tuple[int, list[str]]] = list(batch.odd)
        if self.screen and len(cells):
            too_large = pl.repeat(False, len(cells), eager=True)
            for col, _fld in self.screen:
                s = cells.get_column(f"c{col}")
                long = s.str.len_chars() >= 15
                if long.any():
                    too_large = too_large | (long & self._map(s, amount_too_large, pl.Boolean))
            if too_large.any():
                labels = {"amount_in": "amount", "amount_out": "amount"}
                for line, row in zip(lines.filter(too_large).to_list(),
                                     cells.filter(too_large).iter_rows(), strict=True):  # fmt: skip
                    for col, fld in self.screen:
                        if amount_too_large(row[col]):
                            others.append((line, RejectedRow(
                                self.file, line, self.header[col], row[col],
                                f"{labels.get(fld, fld)}: too_large", self.sheet)))  # fmt: skip
                            break
                cells, lines = cells.filter(~too_large), lines.filter(~too_large)
        if delegate and self.screen:
            kept = []
            for line, row in delegate:
                for col, fld in self.screen:
                    if col < len(row) and amount_too_large(row[col]):
                        others.append((line, RejectedRow(
                            self.file, line, self.header[col], row[col],
                            f"{({'amount_in': 'amount', 'amount_out': 'amount'}).get(fld, fld)}"
                            ": too_large", self.sheet)))  # fmt: skip
                        break
                else:
                    kept.append((line, row))
            delegate = kept
        records, failed = self._records(cells, lines)
        if failed is not None and failed.any():
            for line, row in zip(lines.filter(failed).to_list(),
                                 cells.filter(failed).iter_rows(), strict=True):  # fmt: skip
                delegate.append((line, list(row)))
            records = records.filter(~failed)
        if delegate:
            delegate.sort(key=lambda item: item[0])
            tuples = []
            for out in _bank_loop(iter(delegate), self.r, self.check):
                if out.__class__ is tuple:
                    tuples.append(out)
                else:
                    others.append((out.line, out))
            if tuples:
                extra = pl.DataFrame(tuples, schema=records.schema, orient="row")
                records = pl.concat([records, extra]).sort("line")
        others.sort(key=lambda item: item[0])
        return records, others

    def _records(self, cells: pl.DataFrame, lines: pl.Series):  # noqa: C901 - one row's rules
        r = self.r
        has = r.has
        c = r.constants
        n = len(cells)
        false = pl.repeat(False, n, eager=True)
        failed = false
        texts = self.texts

        def text(fld: str) -> pl.Series:
            return self._map(self._cell(cells, fld), texts.__getitem__, pl.String)

        def const(value, dtype) -> pl.Series:
            return pl.repeat(value, n, dtype=dtype, eager=True)

        # -- own card or account
        if has("card"):
            raw = self._cell(cells, "card")

            def owner(v: str):
                found = self.cards[v]
                return ("", False, "", "", True) if found.__class__ is str else (*found, False)

            card, valid, problem, kind, bad = self._map_many(
                raw, owner, [pl.String, pl.Boolean, pl.String, pl.String, pl.Boolean]
            )
            failed = failed | bad
        else:
            found = self.owner_of(c.get("card", ""))
            if found.__class__ is str:
                return _empty(n), pl.repeat(True, n, eager=True)
            card, valid = const(found[0], pl.String), const(found[1], pl.Boolean)
            problem, kind = const(found[2], pl.String), const(found[3], pl.String)

        # -- time
        dates = self.dates

        def stamp(day: str, clock: str | None) -> str | None:
            try:
                return dates(day, clock)
            except ValueParseError:
                return None

        if has("time"):
            raw = self._cell(cells, "time")
            canonical = raw.str.contains(_STAMP)
            if canonical.any():
                day = raw.str.slice(0, 10)
                good_day = self._map(day.filter(canonical), _valid_day, pl.Boolean)
                canonical = canonical.scatter(canonical.arg_true(), good_day)
            when = raw
            if not canonical.all():
                rest = ~canonical
                slow = self._map(raw.filter(rest), lambda v: stamp(v, None), pl.String)
                when = raw.scatter(rest.arg_true(), slow)
        else:
            day = self._cell(cells, "date")
            if has("posting_date"):
                day = pl.select(
                    pl.when(day.str.strip_chars() == "")
                    .then(self._cell(cells, "posting_date"))
                    .otherwise(day)
                ).to_series()
            if has("clock"):
                when = self._map_pairs(day, self._cell(cells, "clock"), stamp, pl.String)
            else:
                when = self._map(day, lambda v: stamp(v, None), pl.String)
        failed = failed | when.is_null()

        # -- amount and direction
        reversal = false
        directions = _Memo(_direction_or_none)
        if has("amount_in") or has("amount_out"):

            def split(a: str, b: str):
                try:
                    return _split_amount(a, b)
                except ValueParseError:
                    return None

            pairs = self._map_pairs(
                self._cell(cells, "amount_in"),
                self._cell(cells, "amount_out"),
                lambda a, b: (lambda got: None if got is None else list(got))(split(a, b)),
                pl.List(pl.Int64),
            )
            failed = failed | pairs.is_null()
            fen = pairs.list.get(0, null_on_oob=True).fill_null(0)
            way = pairs.list.get(1, null_on_oob=True).fill_null(1)
            if has("direction"):
                marked = self._map(self._cell(cells, "direction"), directions.__getitem__,
                                   pl.Int64)  # fmt: skip
                failed = failed | ((way == 0) & marked.is_null())
            else:
                marked = const(1, pl.Int64)
            direction = pl.select(
                pl.when(way == 0).then(marked)
                .when(way.is_in([2, -2])).then(way // 2)
                .otherwise(way)
            ).to_series()  # fmt: skip
            reversal = way.is_in([2, -2])
        else:
            fen, bad = self._amounts(self._cell(cells, "amount"))
            failed = failed | bad
            fen = fen.fill_null(0)
            if has("direction"):
                mark = self._cell(cells, "direction")
                if has("fund_status"):
                    mark = pl.select(
                        pl.when(mark.str.strip_chars() == "")
                        .then(self._cell(cells, "fund_status"))
                        .otherwise(mark)
                    ).to_series()
                direction = self._map(mark, directions.__getitem__, pl.Int64)
                failed = failed | direction.is_null()
                direction = direction.fill_null(1)
                flip = (fen < 0) & (direction != 0)
                direction = pl.select(
                    pl.when(flip).then(-direction).otherwise(direction)
                ).to_series()
                reversal = flip
            elif c.get("direction") is not None:
                way = _direction_or_none(c.get("direction"))
                if way is None:
                    return _empty(n), pl.repeat(True, n, eager=True)
                direction = const(way, pl.Int64)
            elif c.get("amount_sign", "") == "credit":
                credit_in = self._map(self._cell(cells, "summary"), _credit_in_word, pl.Boolean)
                direction = pl.select(
                    pl.when(fen < 0).then(1).when(credit_in).then(1).otherwise(-1)
                ).to_series().cast(pl.Int64)  # fmt: skip
            else:
                direction = pl.select(pl.when(fen < 0).then(-1).otherwise(1)).to_series()
                direction = direction.cast(pl.Int64)
            fen = fen.abs()
        if c.get("amount_unit", "") == "fen":
            fen = (fen + 50) // 100

        # -- did money move?
        summary = text("summary")
        if has("txn_type"):
            kinds = text("txn_type")
            summary = self._map_pairs(
                kinds, summary,
                lambda k, s: f"{k} {s}".strip() if k and k not in s else s, pl.String,
            )  # fmt: skip
        with_status = has("status")
        status = text("status") if with_status else const("", pl.String)
        if with_status and "是否" in r.name(r.col("status")):
            moved = self._map(status, lambda s: s.upper() not in _NO_FLAGS, pl.Boolean)
        elif with_status:
            moved = self._map(status, status_moves, pl.Boolean)
        else:
            moved = const(True, pl.Boolean)
        words = self._map(summary, _reversal_word, pl.Boolean)
        if with_status:
            words = words | self._map(status, _reversal_word, pl.Boolean)
        reversal = reversal | words
        if (direction == 0).any():
            neutral = self._map(summary, _neutral_way, pl.Int64)
            zero = direction == 0
            way = pl.select(pl.when(reversal).then(1).otherwise(neutral)).to_series()
            moved = pl.select(pl.when(zero & (way == 0)).then(False).otherwise(moved)).to_series()
            direction = pl.select(
                pl.when(zero & (way == 0)).then(1).when(zero).then(way).otherwise(direction)
            ).to_series().cast(pl.Int64)  # fmt: skip

        # -- the rest
        if has("balance"):
            balance, _ = self._amounts(self._cell(cells, "balance"))
            if c.get("amount_unit", "") == "fen":
                balance = balance // 100
        else:
            balance = const(None, pl.Int64)
        reader = self.counterparts
        ctypes = [pl.String, pl.String, pl.Boolean, pl.String, pl.String]
        if has("counterpart_card"):
            ckind, ccard, cvalid, cproblem, ctext = self._map_many(
                self._cell(cells, "counterpart_card"), reader.__getitem__, ctypes
            )
        else:
            ckind, ccard = const("bank_card", pl.String), const("", pl.String)
            cvalid, cproblem = const(True, pl.Boolean), const("", pl.String)
            ctext = const("", pl.String)
        if has("linked_card"):
            empty = (ccard == "") & (ctext == "")
            if empty.any():
                linked = self._map_many(self._cell(cells, "linked_card"), reader.__getitem__,
                                        ctypes)  # fmt: skip
                parts = [ckind, ccard, cvalid, cproblem, ctext]
                ckind, ccard, cvalid, cproblem, ctext = (
                    pl.select(pl.when(empty).then(new).otherwise(old)).to_series()
                    for old, new in zip(parts, linked, strict=True)
                )
        cname = text("counterpart_name")
        if (ctext != "").any():
            cname = self._map_pairs(
                cname, ctext,
                lambda nm, tx: (f"{nm} ({tx})" if nm and tx not in nm else (nm or tx))
                if tx else nm,
                pl.String,
            )  # fmt: skip
        ids = self.id_numbers
        if has("counterpart_id"):
            cid = self._map(self._cell(cells, "counterpart_id"), ids.__getitem__, pl.String)
        else:
            cid = const("", pl.String)
        if has("id_number"):
            own_id = self._map(self._cell(cells, "id_number"), ids.__getitem__, pl.String)
        else:
            own_id = const(_id_number(c.get("id_number", "")), pl.String)
        name_const = c.get("account_name", "")
        if has("account_name"):

            def holder(v: str) -> str:
                v = v.strip()
                return name_const if not v or v in _BLANKS else v

            name = self._map(self._cell(cells, "account_name"), holder, pl.String)
        else:
            name = const(name_const, pl.String)
        if has("currency"):
            fallback = self.currency_const
            currency = self._map(self._cell(cells, "currency"),
                                 lambda v: _currency(v) or fallback, pl.String)  # fmt: skip
        else:
            currency = const(self.currency_const, pl.String)
        channel = text("channel")
        if has("cash_flag"):
            flag = self._cell(cells, "cash_flag").str.strip_chars()
            flag_yes = self._map(flag, lambda v: v.upper() in _CASH_FLAGS_YES, pl.Boolean)
        else:
            flag = const("", pl.String)
            flag_yes = false
        words = self._map(summary, _cash_word, pl.Boolean) | self._map(
            channel, _cash_word, pl.Boolean
        )
        cash = pl.select(
            pl.when(flag != "").then(flag_yes)
            .when((ccard != "") | (ctext != "")).then(False)
            .otherwise(words)
        ).to_series()  # fmt: skip
        serial = self._cell(cells, "serial").str.strip_chars()
        quoted = serial.str.starts_with("'") | serial.str.starts_with("=")
        if quoted.any():
            serial = pl.select(
                pl.when(quoted)
                .then(serial.str.strip_chars_start("'=").str.strip_chars('"'))
                .otherwise(serial)
            ).to_series()
        if has("place") or has("ip") or has("mac") or has("bank"):
            place, ip, mac = text("place"), text("ip"), text("mac")
            bank_const = c.get("bank", "")
            bank = self._map(self._cell(cells, "bank"),
                             lambda v: texts[v] or bank_const, pl.String)  # fmt: skip
        else:
            place = ip = mac = const("", pl.String)
            bank = const(c.get("bank", ""), pl.String)
        cbank = text("counterpart_bank")
        columns = [lines, card, valid, name, own_id, when.fill_null(""), fen, direction, balance,
                   currency, serial, ccard, cvalid, cname, cid, cbank, summary, channel, place,
                   ip, mac, cash, bank, kind, problem, ckind, cproblem, moved, reversal,
                   status]  # fmt: skip
        records = pl.DataFrame(
            [s.alias(name) for s, name in zip(columns, FIELDS, strict=True)]
        ).cast(_SCHEMA)
        return records, failed


def _direction_or_none(text: str) -> int | None:
    try:
        return parse_direction(text)
    except ValueParseError:
        return None


_SCHEMA = {
    "line": pl.Int64, "card": pl.String, "card_valid": pl.Boolean, "account_name": pl.String,
    "account_id_number": pl.String, "time": pl.String, "amount_fen": pl.Int64,
    "direction": pl.Int64, "balance_fen": pl.Int64, "currency": pl.String, "serial": pl.String,
    "counterpart_card": pl.String, "counterpart_card_valid": pl.Boolean,
    "counterpart_name": pl.String, "counterpart_id_number": pl.String,
    "counterpart_bank": pl.String, "summary": pl.String, "channel": pl.String,
    "place": pl.String, "ip": pl.String, "mac": pl.String, "cash": pl.Boolean,
    "bank": pl.String, "card_kind": pl.String, "card_problem": pl.String,
    "counterpart_kind": pl.String, "counterpart_problem": pl.String, "moved": pl.Boolean,
    "reversal": pl.Boolean, "status": pl.String,
}  # fmt: skip


def _empty(n: int) -> pl.DataFrame:
    return pl.DataFrame(schema=_SCHEMA)


def batches(table: Table, size: int = BATCH_ROWS) -> Iterator[Batch]:
    """The batches of a table: straight from the file when it is a splittable CSV."""
    if csv_splittable(table):
        return csv_batches(table, size)
    return row_batches(table, size)


def records_as_rows(table: Table, mapping: Mapping, size: int = BATCH_ROWS) -> Iterator:
    """What :func:`records.bank_rows` yields (tuples, rejected and footer rows in line
    order), read by columns: the tests compare the two on every layout."""
    reader = BankColumns(table, mapping)
    for batch in batches(table, size):
        records, others = reader.read(batch)
        merged = [(row[0], 1, row) for row in records.iter_rows()]
        merged += [(line, 0, out) for line, out in others]
        merged.sort(key=lambda item: (item[0], item[1]))
        for _line, _k, out in merged:
            yield out


__all__ = ["BATCH_ROWS", "FIELDS", "Batch", "BankColumns", "FooterRow", "RejectedRow",
           "batches", "csv_batches", "csv_splittable", "records_as_rows", "row_batches"]  # fmt: skip
