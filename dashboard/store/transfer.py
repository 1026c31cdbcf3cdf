"""Copying a whole DuckDB database into a PostgreSQL one of the same schema version: moving
a municipality to PostgreSQL, and the way the demo generator and the tests fill one.

Tables are copied parents first (by their foreign keys) with PostgreSQL's COPY, every row
as it is, in one transaction; then each id sequence is moved past the largest id copied.
"""

from __future__ import annotations

from graphlib import TopologicalSorter

import duckdb

from dashboard.store.db import Store
from dashboard.store.errors import StoreError
from dashboard.store.migrations import current_version
from dashboard.store.postgres import PostgresCursor
from dashboard.store.rows import identifier

_ROWS_PER_READ = 50_000


def table_order(source: duckdb.DuckDBPyConnection) -> list[str]:
    """The source's tables, every table after the tables its foreign keys name."""
    tables = [
        str(r[0])
        for r in source.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = current_schema() "
            "ORDER BY table_name"
        ).fetchall()
    ]
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in source.execute(
        "SELECT table_name, referenced_table FROM duckdb_constraints() "
        "WHERE constraint_type = 'FOREIGN KEY' AND schema_name = current_schema()"
    ).fetchall():
        if child != parent:
            parents[str(child)].add(str(parent))
    return list(TopologicalSorter(parents).static_order())


def copy_file_into(path: str, target: Store) -> dict[str, int]:
    """Copy the DuckDB file at `path` (opened read-only) into `target`: copy_duckdb_into."""
    source = duckdb.connect(path, read_only=True)
    try:
        return copy_duckdb_into(source, target)
    finally:
        source.close()


def copy_duckdb_into(source: duckdb.DuckDBPyConnection, target: Store) -> dict[str, int]:
    """Copy every row of `source` into the empty, migrated PostgreSQL store `target`;
    returns the rows copied per table. Refuses a target that has data or another schema
    version (nothing is copied then)."""
    with target.transaction() as unit:
        cur = _postgres(unit)
        _check_same_version(source, cur)
        counts = {}
        for table in table_order(source):
            if table == "schema_version":
                continue
            counts[table] = _copy_table(source, cur, table)
        _move_sequences(cur)
        # The planner's statistics of the tables just filled: without them it takes them
        # for nearly empty (a join of 200,000 rows estimated at 19) until autovacuum's
        # next round, and chooses plans for that.
        cur.execute("ANALYZE")
    return counts


def _postgres(unit: object) -> PostgresCursor:
    if not isinstance(unit, PostgresCursor):
        raise StoreError("copying a DuckDB database goes into a PostgreSQL database only")
    return unit


def _check_same_version(source: duckdb.DuckDBPyConnection, cur: PostgresCursor) -> None:
    ours, theirs = current_version(source), current_version(cur)  # type: ignore[arg-type]
    if ours != theirs:
        raise StoreError(
            f"The DuckDB database has schema version {ours} and the PostgreSQL database "
            f"{theirs}; open the DuckDB file with this version of Wijkraad first."
        )
    filled = cur.execute("SELECT count(*) FROM audit_event").fetchall()[0][0]
    if filled:
        raise StoreError("The PostgreSQL database already holds data; copy into an empty one.")


def _copy_table(source: duckdb.DuckDBPyConnection, cur: PostgresCursor, table: str) -> int:
    name = identifier(table)
    result = source.execute(f"SELECT * FROM {name}")
    columns = ", ".join(identifier(d[0]) for d in result.description or [])
    copied = 0
    with cur.connection.cursor().copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
        while rows := result.fetchmany(_ROWS_PER_READ):
            for row in rows:
                copy.write_row(row)
            copied += len(rows)
    return copied


def _move_sequences(cur: PostgresCursor) -> None:
    """Each seq_<table> past the largest id of its table, so new rows get fresh ids."""
    sequences = cur.execute(
        "SELECT sequence_name FROM information_schema.sequences "
        "WHERE sequence_schema = current_schema() AND sequence_name LIKE 'seq^_%' ESCAPE '^'"
    ).fetchall()
    for (sequence,) in sequences:
        table = identifier(str(sequence).removeprefix("seq_"))
        largest = cur.execute(f"SELECT max(id) FROM {table}").fetchall()[0][0]
        if largest is not None:
            cur.execute("SELECT setval(?, ?)", [sequence, int(largest)]).fetchall()
