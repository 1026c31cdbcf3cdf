"""Fast bulk loading of whole tables from DataFrames (the demo generator, imports).

`executemany` costs about a millisecond a row; inserting from a DataFrame loads a
million rows in a fraction of a second. Columns are cast to the table's types by name,
so money arrives as exact strings and lands as DECIMAL(18,2). DuckDB reads the DataFrame
itself; PostgreSQL gets the rows through COPY.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.store.dialect import Dialect, dialect_of, series
from dashboard.store.errors import StoreError
from dashboard.store.postgres import copy_frame, may_skip_row_triggers, stage_arrow, unstage
from dashboard.store.rows import Cursor, first_row, identifier


def reserve_ids(cur: Cursor, table: str, count: int) -> np.ndarray:
    """Take `count` fresh ids from the table's sequence, in increasing order."""
    if count == 0:
        return np.empty(0, dtype=np.int64)
    result = cur.execute(
        f"SELECT nextval('seq_{identifier(table)}') AS id FROM {series('?')}", [count]
    ).fetchall()
    return np.sort(np.fromiter((r[0] for r in result), dtype=np.int64, count=len(result)))


def load_frame(cur: Cursor, table: str, frame: pd.DataFrame) -> int:
    """Insert every row of `frame` into `table`, matching columns by name."""
    if frame.empty:
        return 0
    columns = ", ".join(identifier(c) for c in frame.columns)
    if dialect_of(cur) is Dialect.POSTGRES:
        return copy_frame(cur, table, frame)
    cur.register("_bulk_frame", frame)
    try:
        cur.execute(
            f"INSERT INTO {identifier(table)} ({columns}) SELECT {columns} FROM _bulk_frame"
        )
    finally:
        cur.unregister("_bulk_frame")
    return len(frame)


@contextmanager
def staged(cur: Cursor, name: str, rows: pa.Table) -> Iterator[None]:
    """`rows` readable as the table `name` by the SQL run inside the block: DuckDB reads
    the Arrow table in place, PostgreSQL gets a temporary table filled by COPY."""
    postgres = dialect_of(cur) is Dialect.POSTGRES
    if postgres:
        stage_arrow(cur, name, rows)
    else:
        cur.register(name, rows)
    try:
        yield
    finally:
        if postgres:
            unstage(cur, name)
        else:
            cur.unregister(name)


@contextmanager
def kept(cur: Cursor, name: str, sql: str) -> Iterator[None]:
    """The rows of `sql` kept as the temporary table `name` for the block: a result that
    several statements read, computed once."""
    table = identifier(name)
    cur.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}")
    if dialect_of(cur) is Dialect.POSTGRES:
        cur.execute(f"ANALYZE {table}")  # a temporary table has no statistics of its own
    yield  # on an error the transaction rolls back, and the table with it
    cur.execute(f"DROP TABLE {table}")


class OrphanRowsError(StoreError):
    """A bulk load whose rows refer to nothing: a fault in the code, never in the input."""


@contextmanager
def checked_as_a_whole(cur: Cursor, orphans: str) -> Iterator[None]:
    """Run the block's inserts with their foreign keys checked once over all rows by
    `orphans` (a query counting rows that refer to nothing) instead of row by row.
    PostgreSQL checks a foreign key by a trigger per inserted row: in a first import of a
    million residents those took more than half the time. Where the role may turn them
    off (`may_skip_row_triggers`) they are off in the block, and the query stands in; on
    DuckDB, or without that right, the keys are checked row by row as everywhere else.
    Only for blocks that delete no rows others refer to (those checks are triggers too)."""
    whole = dialect_of(cur) is Dialect.POSTGRES and may_skip_row_triggers(cur)
    if whole:
        cur.execute("SET LOCAL session_replication_role = replica")
    yield  # on an error the transaction rolls back, and the setting with it
    if whole:
        cur.execute("SET LOCAL session_replication_role = origin")
        found = first_row(cur, orphans)
        if found and found[0]:
            raise OrphanRowsError(f"{found[0]} rows refer to rows that do not exist")


def sync_sequence(cur: Cursor, table: str) -> None:
    """Move the table's id sequence past the largest id loaded with explicit ids."""
    name = identifier(table)
    row = first_row(cur, f"SELECT max(id) FROM {name}")
    largest = int(row[0]) if row and row[0] is not None else 0
    current = first_row(cur, f"SELECT nextval('seq_{name}')")
    assert current is not None
    if int(current[0]) < largest:
        cur.execute(
            f"SELECT max(nextval('seq_{name}')) FROM {series('?')}", [largest - int(current[0])]
        ).fetchall()


def load_tables(cur: Cursor, frames: list[tuple[str, pd.DataFrame]]) -> dict[str, int]:
    """Load frames in the given order (parents first); returns rows per table."""
    counts: dict[str, int] = {}
    for table, frame in frames:
        counts[table] = counts.get(table, 0) + load_frame(cur, table, frame)
        if "id" in frame.columns and not frame.empty:
            sync_sequence(cur, table)
    return counts
