"""The one place where SQLite and PostgreSQL differ, for the store.

The schema is written once, as SQLite migrations (:mod:`workbench.schema`). A server case
gets the same tables: the migrated SQLite schema is read back and translated by sqlglot
(a well-kept SQL transpiler: it knows both dialects' types, partial indexes and CHECK
syntax), then made PostgreSQL's own here: 64-bit integers, identity ids, tables created
after the tables they reference.

Statements are written once too, in SQLite's dialect. :func:`to_postgres` turns one into
PostgreSQL's: placeholders (``?`` and ``:name``), ``INSERT OR IGNORE``, ``json_extract``,
``group_concat``, ``COLLATE NOCASE``, ``LIKE`` (case-blind in SQLite), ``rowid`` and
``PRAGMA table_info``. Translations are cached: the store runs a few hundred distinct
statements.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

from ..schema import SCHEMA_VERSION, migrate

#: Tables whose ``id`` is an identity column on the server (``INTEGER PRIMARY KEY`` here).
_ID_TABLE = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)\s*\(\s*id\s*,", re.I)
_INSERT_TABLE = re.compile(r"^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)", re.I)


def _scan(sql: str, params_style: str) -> str:
    """Placeholders and percent signs outside string literals, in psycopg's style."""
    out = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch == "'":
            j = i + 1
            while j < n:
                if sql[j] == "'" and (j + 1 >= n or sql[j + 1] != "'"):
                    break
                j += 2 if sql[j] == "'" else 1
            literal = sql[i : j + 1]
            out.append(literal.replace("%", "%%") if params_style else literal)
            i = j + 1
            continue
        if ch == "?" and params_style:
            out.append("%s")
        elif (
            ch == ":" and params_style and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_")
        ):
            if i > 0 and sql[i - 1] == ":":  # a ``::type`` cast
                out.append(ch)
            else:
                m = re.match(r"\w+", sql[i + 1 :])
                out.append(f"%({m.group(0)})s")
                i += 1 + len(m.group(0))
                continue
        elif ch == "%" and params_style:
            out.append("%%")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=2048)
def to_postgres(sql: str, with_params: bool = True) -> str:
    """One store statement in PostgreSQL's dialect.

    >>> to_postgres("SELECT json_extract(e.attrs, '$.bank') FROM entity e WHERE e.id = ?")
    "SELECT (e.attrs::jsonb ->> 'bank') FROM entity e WHERE e.id = %s"
    >>> to_postgres("INSERT OR IGNORE INTO entity_role VALUES (?, ?)")
    'INSERT INTO entity_role VALUES (%s, %s) ON CONFLICT DO NOTHING'
    >>> to_postgres("SELECT 1 FROM link WHERE type = :c AND note LIKE '%x%'")
    "SELECT 1 FROM link WHERE type = %(c)s AND note ILIKE '%%x%%'"
    """
    s = sql
    m = re.match(r"\s*PRAGMA\s+table_info\((\w+)\)\s*$", s, re.I)
    if m:
        return (
            "SELECT ordinal_position - 1, column_name::text FROM information_schema.columns "
            f"WHERE table_schema = current_schema() AND table_name = '{m.group(1)}' "
            "ORDER BY ordinal_position"
        )
    ignore = re.match(r"\s*INSERT\s+OR\s+IGNORE\s+INTO", s, re.I)
    if ignore:
        s = re.sub(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO", "INSERT INTO", s, flags=re.I)
        s = s.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    s = re.sub(r"json_extract\(([\w.]+),\s*'\$\.(\w+)'\)", r"(\1::jsonb ->> '\2')", s)
    s = re.sub(r"([\w.]+)\s+COLLATE\s+NOCASE", r"lower(\1)", s, flags=re.I)
    s = re.sub(r"\bNOT\s+LIKE\b", "NOT ILIKE", s)
    s = re.sub(r"(?<!I)\bLIKE\b", "ILIKE", s)
    s = re.sub(r"\browid\b", "id", s)
    s = re.sub(r"\btemp\.(\w)", r"pg_temp.\1", s)
    # Id lists passed as one JSON array parameter.
    s = re.sub(r"([\w.]+)\s+IN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(([^)]*)\)\s*\)",
               _id_list, s)  # fmt: skip
    s = re.sub(r"\s+INDEXED\s+BY\s+\w+", "", s)
    s = _rewrite_calls(s)
    s = _alias_subqueries(s)
    s = re.sub(r"\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b)", "IS DISTINCT FROM ", s)
    s = re.sub(r"\bIN\s+(pg_temp\.\w+)", r"IN (SELECT * FROM \1)", s)
    s = re.sub(r"CREATE\s+TEMP\s+TABLE\s+(\w+)", r"CREATE TEMP TABLE \1", s)
    s = re.sub(r"\b(WHERE|AND|OR|WHEN)\s+([01])\b(?=\s*(?:$|\)|GROUP\b|ORDER\b|LIMIT\b|AND\b|OR\b|THEN\b))",
               lambda m: f"{m.group(1)} {'TRUE' if m.group(2) == '1' else 'FALSE'}", s)  # fmt: skip
    return _scan(s, "pyformat" if with_params else "")


def _split_args(text: str) -> list[str]:
    args, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch == "'":
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        elif not quote and ch == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return args


_BOOLEAN = re.compile(r"(>=|<=|<>|!=|[<>=]|\bOR\b|\bAND\b|\bIN\b|\bIS\b)", re.I)


def _id_list(m: re.Match) -> str:
    """``column IN`` a JSON array: ids compared as numbers, so the column's index serves;
    other columns as text."""
    column, array = m.group(1), m.group(2)
    if re.search(r"(^|\.)(id|\w+_id)$", column):
        return f"{column} = ANY(ARRAY(SELECT jsonb_array_elements_text(({array})::jsonb)::bigint))"
    return f"{column}::text IN (SELECT jsonb_array_elements_text(({array})::jsonb))"


def _closing_paren(sql: str, start: int) -> int:
    """Just past the ``)`` that closes a ``(`` opened before ``start`` (quotes skipped);
    ``len(sql)`` when it never closes."""
    depth, i, quote = 1, start, False
    while i < len(sql) and depth:
        ch = sql[i]
        if ch == "'":
            quote = not quote
        elif not quote:
            depth += ch == "("
            depth -= ch == ")"
        i += 1
    return i


_AFTER_SUBQUERY = re.compile(
    r"\s*($|[),;]|(WHERE|GROUP|ORDER|LIMIT|UNION|JOIN|LEFT|INNER|CROSS|ON|HAVING|EXCEPT"
    r"|INTERSECT|WINDOW)\b)",
    re.I,
)


def _alias_subqueries(sql: str) -> str:
    """Give every subquery in FROM or JOIN a name: SQLite lets it go without one,
    PostgreSQL before 16 does not.

    >>> _alias_subqueries("SELECT min(ts) FROM (SELECT ts FROM txn UNION ALL SELECT 1)")
    'SELECT min(ts) FROM (SELECT ts FROM txn UNION ALL SELECT 1) AS _q1'
    """
    n = 0
    for m in reversed(list(re.finditer(r"\b(FROM|JOIN)\s*\(\s*SELECT\b", sql, re.I))):
        i = _closing_paren(sql, sql.index("(", m.start()) + 1) - 1
        if i < len(sql) and _AFTER_SUBQUERY.match(sql, i + 1):
            n += 1
            sql = f"{sql[: i + 1]} AS _q{n}{sql[i + 1 :]}"
    return sql


def _top_level(text: str) -> str:
    """``text`` with every parenthesised part blanked: what is left is its top level."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append(ch if depth == 0 else " ")
        depth -= ch == ")"
    return "".join(out)


def _call(name: str, args: list[str]) -> str | None:
    """PostgreSQL's spelling of one SQLite function call, or None to keep it."""
    if name == "strftime" and len(args) == 2 and args[0] == "'%s'":
        # Times are stored as text, 'YYYY-MM-DD HH:MM:SS[...]'.
        return f"extract(epoch from ({args[1]})::timestamp)::bigint"
    if name == "datetime" and len(args) == 2 and args[1].startswith("'"):
        return (f"to_char(({args[0]})::timestamp + interval {args[1]}, "
                "'YYYY-MM-DD HH24:MI:SS')")  # fmt: skip
    if name == "group_concat":
        head, sep = args[0], (args[1] if len(args) > 1 else "','")
        distinct = re.match(r"DISTINCT\s+", head, re.I)
        if distinct:
            return f"string_agg(DISTINCT ({head[distinct.end() :]})::text, {sep})"
        return f"string_agg(({head})::text, {sep})"
    if name == "sum" and len(args) == 1:
        inner = args[0]
        if inner.startswith("(") and inner.endswith(")"):
            inner = inner[1:-1]
        if _BOOLEAN.search(_top_level(inner)):  # SQLite sums comparisons as 0/1
            return f"sum(CASE WHEN {inner} THEN 1 ELSE 0 END)"
    if name == "ifnull":
        return f"coalesce({', '.join(args)})"
    if name in ("min", "max") and len(args) > 1:  # SQLite's scalar min/max
        return f"{'least' if name == 'min' else 'greatest'}({', '.join(args)})"
    return None


def _rewrite_calls(sql: str) -> str:
    """Rewrite SQLite-only function calls, innermost first."""
    pattern = re.compile(r"\b(strftime|datetime|group_concat|sum|ifnull|min|max)\(", re.I)
    pos = len(sql)
    while True:
        found = [m for m in pattern.finditer(sql) if m.start() < pos]
        if not found:
            return sql
        m = found[-1]
        i = _closing_paren(sql, m.end())
        new = _call(m.group(1).lower(), _split_args(sql[m.end() : i - 1]))
        if new is not None:
            sql = sql[: m.start()] + new + sql[i:]
        pos = m.start()


_NUMBERED = re.compile(r"\?(\d+)")


def unnumber(sql: str, params):
    """SQLite's numbered placeholders (``?1``, used twice) as plain ones, the parameters
    repeated to match.

    >>> unnumber("SELECT 1 WHERE a = ?1 AND b = ?1 AND c = ?2", (5, 6))
    ('SELECT 1 WHERE a = ? AND b = ? AND c = ?', (5, 5, 6))
    """
    if not isinstance(params, (list, tuple)) or not _NUMBERED.search(sql):
        return sql, params
    order = [int(n) - 1 for n in _NUMBERED.findall(sql)]
    return _NUMBERED.sub("?", sql), tuple(params[i] for i in order)


def insert_table(sql: str) -> str | None:
    """The table an INSERT writes, or None."""
    m = _INSERT_TABLE.match(sql)
    return m.group(1) if m else None


def drop_null_id(sql: str, params) -> tuple[str, object]:
    """``INSERT INTO t (id, ...) VALUES (?, ...)`` with a None id: the server's identity
    gives the id, as SQLite's rowid does."""
    if not _ID_TABLE.match(sql) or not isinstance(params, (list, tuple)) or not params:
        return sql, params
    if params[0] is not None:
        return sql, params
    sql = re.sub(r"\(\s*id\s*,\s*", "(", sql, count=1)
    sql = re.sub(r"VALUES\s*\(\s*\?\s*,\s*", "VALUES (", sql, count=1, flags=re.I)
    return sql, tuple(params[1:])


def explicit_id(sql: str, params) -> str | None:
    """The table of an INSERT that sets its ``id`` itself (its identity must follow)."""
    m = _ID_TABLE.match(sql)
    if m and isinstance(params, (list, tuple)) and params and params[0] is not None:
        return m.group(1)
    return None


def has_id_column(table: str) -> bool:
    return table in _tables_with_id()


@lru_cache(maxsize=1)
def _migrated() -> tuple[list[tuple[str, str, str]], dict[str, list[tuple]]]:
    """The case schema as SQLite holds it after every migration, read once: its
    statements (type, name, sql) and each table's ``PRAGMA table_info`` rows."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn, 0, SCHEMA_VERSION)
        statements = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        tables = {name: conn.execute(f"PRAGMA table_info({name})").fetchall()
                  for kind, name, _ in statements if kind == "table"}  # fmt: skip
        return statements, tables
    finally:
        conn.close()


def _sqlite_schema() -> list[tuple[str, str, str]]:
    return _migrated()[0]


@lru_cache(maxsize=1)
def _tables_with_id() -> frozenset[str]:
    return frozenset(
        name for name, cols in _migrated()[1].items()
        if any(c[1] == "id" and c[5] == 1 for c in cols)
    )  # fmt: skip


def table_columns() -> dict[str, list[str]]:
    """Every table of the case and its columns, in the schema's order."""
    return {name: [c[1] for c in cols] for name, cols in _migrated()[1].items()}


def _references(ddl: str) -> set[str]:
    return set(re.findall(r"REFERENCES\s+(\w+)", ddl, re.I))


@lru_cache(maxsize=1)
def postgres_schema() -> tuple[str, ...]:
    """The case's tables and indexes as PostgreSQL statements, in an order it accepts."""
    import sqlglot  # only a server case needs it

    tables: dict[str, str] = {}
    indexes: list[str] = []
    for kind, name, sql in _sqlite_schema():
        sql = re.sub(r"\)\s*WITHOUT ROWID", ")", sql)
        pg = sqlglot.transpile(sql, read="sqlite", write="postgres")[0]
        pg = re.sub(r"\s*/\*.*?\*/", "", pg)
        pg = re.sub(r"\bINT\b", "BIGINT", pg)
        pg = pg.replace(" NULLS FIRST", "")
        if kind == "table":
            if name in _tables_with_id():
                pg = pg.replace(
                    "id BIGINT PRIMARY KEY",
                    "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                    1,
                )
            tables[name] = pg
        else:
            indexes.append(pg)
    ordered: list[str] = []
    placed: set[str] = set()
    while len(placed) < len(tables):
        progress = False
        for name, ddl in tables.items():
            if name not in placed and _references(ddl) - {name} <= placed:
                ordered.append(ddl)
                placed.add(name)
                progress = True
        if not progress:
            raise RuntimeError(f"circular references among {set(tables) - placed}")
    return tuple(ordered + indexes)


def table_order() -> list[str]:
    """Tables in an order that satisfies their references (parents first)."""
    return [re.match(r"CREATE TABLE (\w+)", d).group(1)
            for d in postgres_schema() if d.startswith("CREATE TABLE")]  # fmt: skip
