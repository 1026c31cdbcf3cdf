"""The Store: units of work on the database, a DuckDB file (default) or PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

import duckdb

from dashboard.store import audit
from dashboard.store.dialect import Dialect
from dashboard.store.errors import (
    DatabaseInUseError,
    DatabaseMissingError,
    StoreError,
    WriteConflict,
)
from dashboard.store.migrations import migrate
from dashboard.store.postgres import PostgresConnections, describe, is_postgres_url
from dashboard.store.unit import Unit

T = TypeVar("T")
# Two sessions writing at once: DuckDB lets the first commit win and fails the other, with a
# transaction conflict, or a constraint violation when both added the same key. Translated
# to WriteConflict here (PostgreSQL's in store/postgres.py) and nowhere else.
_CONFLICTS = (duckdb.TransactionException, duckdb.ConstraintException)


class Connections(Protocol):
    """What a backend gives the Store: cursors, the statement that begins a transaction,
    and which of its errors mean that another session's write came first."""

    begin: str

    def cursor(self) -> AbstractContextManager[Any]: ...
    def rollback(self, cur: Any) -> None: ...
    def is_conflict(self, exc: BaseException) -> bool: ...
    def checkpoint(self) -> None: ...
    def close(self) -> None: ...


class DuckDBConnections:
    """One DuckDB connection per process; a cursor per thread or unit of work."""

    begin = "BEGIN TRANSACTION"

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def rollback(self, cur: duckdb.DuckDBPyConnection) -> None:
        # A commit that conflicts has ended the transaction already: nothing to undo.
        with contextlib.suppress(duckdb.TransactionException):
            cur.execute("ROLLBACK")

    def is_conflict(self, exc: BaseException) -> bool:
        return isinstance(exc, _CONFLICTS)

    def checkpoint(self) -> None:
        """Write everything committed into the database file itself (empties the
        write-ahead log), so that the file alone is the whole database."""
        with self.cursor() as cur:
            cur.execute("CHECKPOINT")

    def close(self) -> None:
        self.con.close()


class Store:
    """The application's database: opened once, migrated, then used through cursors.

    Streamlit serves each session from its own thread; DuckDB connections must not be
    shared between threads, so every unit of work takes its own cursor (on PostgreSQL, its
    own pooled connection).
    """

    def __init__(self, connections: Connections, path: str) -> None:
        self._connections = connections
        self.path = path

    @property
    def dialect(self) -> Dialect:
        return (
            Dialect.POSTGRES
            if isinstance(self._connections, PostgresConnections)
            else (Dialect.DUCKDB)
        )

    @contextmanager
    def read(self) -> Iterator[Unit]:
        with self._connections.cursor() as cur:
            # A PostgreSQL cursor stands in for DuckDB's: it takes the same calls.
            yield Unit(cur)

    @contextmanager
    def transaction(self) -> Iterator[Unit]:
        """A unit of work inside a transaction: committed on success, rolled back on error.

        A write that collides with another session's raises WriteConflict (after the
        rollback), whether the database noticed it during the work or at the commit.
        The audit events it wrote are chained right after the commit (`seal_audit`).
        """
        with self._unsealed() as cur:
            yield cur
        self.seal_audit()

    @contextmanager
    def _unsealed(self) -> Iterator[Unit]:
        with self._connections.cursor() as cur:
            cur.execute(self._connections.begin)
            try:
                yield Unit(cur)
                cur.execute("COMMIT")
            except BaseException as exc:
                self._connections.rollback(cur)
                if self._connections.is_conflict(exc):
                    raise WriteConflict(str(exc)) from exc
                raise

    def seal_audit(self, attempts: int = 8) -> int:
        """Chain the audit events committed and not yet chained (store/audit.py: seal);
        how many. Another process sealing at the same moment is no error: it sealed them,
        or the next attempt does. Events left waiting (the process was killed right after
        its commit) are sealed by the next write of any process."""
        with self.read() as cur:  # no transaction for the common case: nothing waits
            if not audit.waiting(cur):
                return 0
        for attempt in range(1, attempts + 1):
            try:
                with self._unsealed() as cur:
                    return audit.seal(cur)
            except WriteConflict:
                time.sleep(random.uniform(0, min(0.1, 0.002 * 2**attempt)))
        return 0

    def write(self, work: Callable[[Unit], T], attempts: int = 15) -> T:
        """Run `work` in a transaction, retrying it when a concurrent write conflicts.

        `work` must do nothing outside the database: it may run more than once. A
        conflict that remains on the last attempt (a constraint that still fails is a real
        error) is raised as WriteConflict.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as cur:
                    return work(cur)
            except WriteConflict:
                if attempt == attempts:
                    raise
                # Full jitter, growing: writers that collided spread out.
                time.sleep(random.uniform(0, min(0.25, 0.005 * 2**attempt)))
        raise AssertionError("unreachable")

    def checkpoint(self) -> None:
        """Make the database whole in its own storage (DuckDB: empty the write-ahead log
        into the file; PostgreSQL: nothing to do)."""
        self._connections.checkpoint()

    def close(self) -> None:
        self._connections.close()


PRIVATE = 0o077  # the umask bits for group and others: files only the owner can read


def open_store(path: str | Path) -> Store:
    """Open (or create) the database file and bring its schema up to date; a
    postgresql:// address opens that PostgreSQL database instead (store/postgres.py).

    The database holds personal data and password hashes, so the process keeps a private
    umask from here on: DuckDB creates the write-ahead log at the first write after every
    checkpoint, long after this call, and it must be 0600 like the file. A database file
    and log already there lose their group and other permissions.
    """
    location = str(path)
    if is_postgres_url(location):
        return open_postgres_store(location)
    os.umask(os.umask(PRIVATE) | PRIVATE)
    for existing in (Path(location), Path(location + ".wal")):
        _make_private(existing)
    try:
        con = duckdb.connect(location)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseInUseError(location, str(exc)) from exc
        raise StoreError(f"Cannot open database {location}: {exc}") from exc
    try:
        migrate(con)
    except Exception:
        con.close()
        raise
    return Store(DuckDBConnections(con), location)


def _make_private(path: Path) -> None:
    """Take group and other permissions off a file of ours; leave it when it is missing or
    another user's (opening it then reports what is wrong)."""
    try:
        mode = path.stat().st_mode
        if mode & PRIVATE:
            path.chmod(mode & 0o7777 & ~PRIVATE)
    except OSError:
        pass


def open_existing_store(path: str | Path) -> Store:
    """Open the database file and bring its schema up to date; create nothing.

    Raises DatabaseMissingError when the file does not exist.
    """
    if not is_postgres_url(str(path)) and not Path(path).is_file():
        raise DatabaseMissingError(str(path))
    return open_store(path)


def open_memory_store() -> Store:
    """An empty, migrated in-memory store (tests and tools)."""
    con = duckdb.connect(":memory:")
    migrate(con)
    return Store(DuckDBConnections(con), ":memory:")


def open_postgres_store(url: str) -> Store:
    """Connect to a PostgreSQL database and bring its schema up to date. Replicas that start
    together migrate one after the other (an advisory lock); the later ones find it done.

    Raises DatabaseUnreachableError, with the reason, when the database cannot be reached.
    """
    connections = PostgresConnections(url)
    try:
        with connections.migration_lock() as cur:
            migrate(cast(duckdb.DuckDBPyConnection, cur))
    except Exception:
        connections.close()
        raise
    return Store(connections, describe(url))
