"""The SQL dialects the store speaks: DuckDB (the default file) and PostgreSQL.

The store's SQL is written once, in DuckDB's spelling or a portable one. What PostgreSQL
spells differently is translated here and nowhere else: parameter marks (`?` and `$name`
become `%s` and `%(name)s`, a literal `%` becomes `%%`), and the few column types of the
migrations that PostgreSQL names otherwise. Constructs only DuckDB has are avoided in
portable code; where a per-dialect form is needed, a function here gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache


class Dialect(Enum):
    DUCKDB = "duckdb"
    POSTGRES = "postgres"


def dialect_of(cur: object) -> Dialect:
    """The dialect of a cursor the store was handed (PostgreSQL's says so itself)."""
    return getattr(cur, "dialect", Dialect.DUCKDB)


_NULL_TEST = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\s+IS\s+(NOT\s+)?NULL\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def postgres_null_tests(sql: str, nulls: frozenset[str]) -> str:
    """`sql` with each test `$name IS [NOT] NULL` of a named parameter answered: TRUE or
    FALSE, as `nulls` (the names whose value is None) says. PostgreSQL cannot tell the type
    of a parameter that is only tested for NULL (`$day IS NULL OR x = $day` fails there);
    the answer is the same as DuckDB's."""

    def answer(match: re.Match[str]) -> str:
        is_null = match.group(1) in nulls
        return "TRUE" if is_null != bool(match.group(2)) else "FALSE"

    return _NULL_TEST.sub(answer, sql)


_IDENTIFIER_START = re.compile(r"[A-Za-z_]")
_IDENTIFIER = re.compile(r"[A-Za-z0-9_]*")


@lru_cache(maxsize=4096)
def postgres_parameters(sql: str) -> str:
    """`sql` with DuckDB's parameter marks in psycopg's spelling.

    Quoted strings, quoted names and comments are copied as they are, so a `?` or `$`
    inside a literal stays a character.
    """
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        char = sql[i]
        if char in "'\"":
            end = _closing_quote(sql, i)
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end == -1 else end
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif char == "?":
            out.append("%s")
            i += 1
        elif char == "%":
            out.append("%%")
            i += 1
        elif char == "$" and i + 1 < n and _IDENTIFIER_START.match(sql, i + 1):
            name = _IDENTIFIER.match(sql, i + 1)
            assert name is not None
            out.append(f"%({name.group()})s")
            i = name.end()
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _closing_quote(sql: str, start: int) -> int:
    """The index just after the quoted text that starts at `start` (doubled quotes escape)."""
    quote = sql[start]
    i = start + 1
    while i < len(sql):
        if sql[i] == quote:
            if i + 1 < len(sql) and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return len(sql)


# Column types of the migrations that PostgreSQL names otherwise.
_DDL_TYPES = ((re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.IGNORECASE), "DOUBLE PRECISION"),)


def postgres_ddl(sql: str) -> str:
    """A migration's statements in PostgreSQL's spelling."""
    for pattern, replacement in _DDL_TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


def series(count: str) -> str:
    """A table of `count` rows (an SQL expression, e.g. a parameter mark), for FROM: the
    portable form of DuckDB's range(n) (DuckDB's generate_series ends inclusive too)."""
    return f"generate_series(1, {count})"


def local_day(moment: str) -> str:
    """The day in Europe/Amsterdam of a stored moment (naive UTC, as the store keeps
    moments): a draw that ended at 00:30 in Amsterdam ended that day, where its UTC date
    says the day before. The same SQL on both dialects."""
    return f"CAST(timezone('Europe/Amsterdam', {moment} AT TIME ZONE 'UTC') AS DATE)"


def any_value(cur: object, expression: str) -> str:
    """An aggregate giving one of the group's values of `expression`, for columns that are
    equal within the group: DuckDB's any_value, PostgreSQL's min (any_value only from 16)."""
    function = "min" if dialect_of(cur) is Dialect.POSTGRES else "any_value"
    return f"{function}({expression})"


def unpivot(relation: str, columns: Sequence[str]) -> str:
    """`relation`'s rows, one per column in `columns` that is not NULL, as the columns
    `feature` (the column's name) and `value` (as text), next to the relation's own: for
    FROM, in place of DuckDB's `UNPIVOT relation ON columns INTO NAME feature VALUE value`
    (which also leaves out NULLs). A lateral VALUES list, which both dialects take."""
    pairs = ", ".join(f"('{c}', CAST(r_.{c} AS VARCHAR))" for c in columns)
    return (
        f"(SELECT r_.*, u_.feature, u_.value FROM {relation} r_ "
        f"CROSS JOIN LATERAL (VALUES {pairs}) AS u_(feature, value) "
        "WHERE u_.value IS NOT NULL)"
    )


def row_hash(cur: object, alias: str) -> str:
    """An integer hash of a whole row (`alias` names it), for checksums of a table's
    contents: DuckDB's hash, PostgreSQL's hashtext of the row as text."""
    if dialect_of(cur) is Dialect.POSTGRES:
        return f"hashtext(CAST({alias} AS TEXT))"
    return f"hash({alias})"


def year_of(expression: str) -> str:
    """The year of a date or timestamp as BIGINT, in both dialects (DuckDB's year(x) gives
    the same; PostgreSQL's extract gives NUMERIC)."""
    return f"CAST(extract(year FROM {expression}) AS BIGINT)"


def median(cur: object, expression: str) -> str:
    """The median of a group's numbers (the mean of the middle two when even), as DOUBLE:
    DuckDB's median, PostgreSQL's percentile_cont(0.5)."""
    if dialect_of(cur) is Dialect.POSTGRES:
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {expression})"
    return f"median({expression})"


def days_between(cur: object, start: str, end: str) -> str:
    """Whole days from the date `start` to the date `end` (negative when earlier)."""
    if dialect_of(cur) is Dialect.POSTGRES:
        return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"
    return f"date_diff('day', {start}, {end})"


def arg_max(cur: object, value: str, key: str) -> str:
    """The group's `value` on the row with the largest non-NULL `key`: DuckDB's arg_max;
    on PostgreSQL the first of the values ordered by key (ties: the largest value)."""
    if dialect_of(cur) is Dialect.POSTGRES:
        return (
            f"(array_agg({value} ORDER BY {key} DESC, {value} DESC) "
            f"FILTER (WHERE {key} IS NOT NULL))[1]"
        )
    return f"arg_max({value}, {key})"
