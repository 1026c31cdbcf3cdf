"""Small generic helpers: insert a row, read rows into a dataclass."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

import duckdb

T = TypeVar("T")
Cursor = duckdb.DuckDBPyConnection


def insert(cur: Cursor, table: str, values: dict[str, Any], returning: str = "id") -> int:
    """Insert one row and return its id (taken from the table's sequence by default)."""
    columns = ", ".join(identifier(c) for c in values)
    marks = ", ".join("?" for _ in values)
    row = first_row(
        cur,
        f"INSERT INTO {identifier(table)} ({columns}) VALUES ({marks}) "
        f"RETURNING {identifier(returning)}",
        list(values.values()),
    )
    assert row is not None
    return int(row[0])


def select(
    cur: Cursor,
    model: type[T],
    table: str,
    where: str = "TRUE",
    params: list[Any] | None = None,
    order_by: str = "1",
) -> list[T]:
    """Rows of `table` as `model` objects; `where` and `order_by` are trusted SQL."""
    names = [f.name for f in fields(model)]  # type: ignore[arg-type]
    columns = ", ".join(identifier(n) for n in names)
    result = cur.execute(
        f"SELECT {columns} FROM {identifier(table)} WHERE {where} ORDER BY {order_by}",
        params or [],
    ).fetchall()
    return [model(*row) for row in result]


def select_one(cur: Cursor, model: type[T], table: str, where: str, params: list[Any]) -> T | None:
    found = select(cur, model, table, where, params)
    return found[0] if found else None


def identifier(name: str) -> str:
    """A table or column name, checked to be a plain identifier before it enters SQL."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


def first_row(
    cur: Cursor, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of a query, or None.

    DuckDB 2.0 refuses further work on a cursor whose result was not read to the end,
    and `fetchone()` does not read to the end: always fetch the whole result.
    """
    rows = cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
