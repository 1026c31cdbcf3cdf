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
from dashboard.store.postgres import copy_frame, stage_arrow, unstage
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
