"""One DuckDB connection per process; a cursor per thread or unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dashboard.store.errors import StoreError
from dashboard.store.migrations import migrate
from dashboard.store.rows import Cursor


class Store:
    """The application's database: opened once, migrated, then used through cursors.

    Streamlit serves each session from its own thread; DuckDB connections must not be
    shared between threads, so every unit of work takes its own cursor.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = con
        self.path = path

    @contextmanager
    def read(self) -> Iterator[Cursor]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """A cursor inside a transaction: committed on success, rolled back on error."""
        cur = self._con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()


def open_store(path: str | Path) -> Store:
    """Open (or create) the database file and bring its schema up to date."""
    location = str(path)
    try:
        con = duckdb.connect(location)
    except duckdb.IOException as exc:
        raise StoreError(f"Cannot open database {location}: {exc}") from exc
    try:
        migrate(con)
    except Exception:
        con.close()
        raise
    return Store(con, location)


def open_memory_store() -> Store:
    """An empty, migrated in-memory store (tests and tools)."""
    con = duckdb.connect(":memory:")
    migrate(con)
    return Store(con, ":memory:")
