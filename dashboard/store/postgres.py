"""PostgreSQL behind the Store: a pool of psycopg 3 connections, each handed out as a cursor
that takes the store's SQL the way DuckDB's cursor does.

Connections run in autocommit mode, so that `BEGIN`, `COMMIT` and `ROLLBACK` are the
store's own statements on both backends (Store.transaction issues them). A transaction is
REPEATABLE READ: like DuckDB it sees one snapshot and fails a write that collides with
another session's (serialization failure, SQLSTATE 40001), which the store retries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

import numpy as np
import pandas as pd
import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from dashboard.store import dialect
from dashboard.store.errors import DatabaseUnreachableError
from dashboard.store.rows import identifier

URL_PREFIXES = ("postgresql://", "postgres://")
BEGIN = "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ"
# Two sessions writing at once: a serialization failure or a deadlock (the loser is undone
# whole), or a key both added (as DuckDB's constraint conflict).
CONFLICTS = (
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.IntegrityError,
)
# Replicas starting together take this lock before migrating: one migrates, the others
# wait and then find nothing left to do.
MIGRATION_LOCK = 2020_0020
CONNECT_TIMEOUT_S = 10


def is_postgres_url(location: str) -> bool:
    return location.startswith(URL_PREFIXES)


def describe(url: str) -> str:
    """Where a URL points, without its password: for messages and logs."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "WIJKRAAD_DATABASE_URL"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"


class PostgresCursor:
    """One pooled connection, used like a DuckDB cursor by the store's modules."""

    dialect = dialect.Dialect.POSTGRES

    def __init__(self, con: psycopg.Connection[Any]) -> None:
        self.connection = con
        self._cur = con.cursor()

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Self:
        if params:
            self._cur.execute(dialect.postgres_parameters(sql), params)
        else:  # no marks to fill: the SQL goes as written (a `%` stays a `%`)
            self._cur.execute(sql.encode())
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Self:
        self._cur.executemany(dialect.postgres_parameters(sql), rows)
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cur.fetchall() if self._cur.description else []

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cur.fetchone() if self._cur.description else None

    def columns(self) -> list[str]:
        return [column.name for column in self._cur.description or []]

    def df(self) -> pd.DataFrame:
        columns = self.columns()
        return pd.DataFrame.from_records(self.fetchall(), columns=columns)

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        frame = self.df()
        return {name: frame[name].to_numpy() for name in frame.columns}

    def close(self) -> None:
        self._cur.close()


class PostgresConnections:
    """The Store's PostgreSQL side: cursors from a pool, and what counts as a conflict."""

    begin = BEGIN

    def __init__(self, url: str, max_size: int = 10) -> None:
        self.url = url
        check_reachable(url)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
            open=False,
            check=ConnectionPool.check_connection,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise DatabaseUnreachableError(describe(url), "no connection in time") from exc

    @contextmanager
    def cursor(self) -> Iterator[PostgresCursor]:
        with self._pool.connection() as con:
            cur = PostgresCursor(con)
            try:
                yield cur
            finally:
                cur.close()

    def rollback(self, cur: PostgresCursor) -> None:
        # A connection that broke has no transaction left to undo; the pool replaces it.
        with contextlib.suppress(psycopg.Error):
            cur.execute("ROLLBACK")

    def is_conflict(self, exc: BaseException) -> bool:
        return isinstance(exc, CONFLICTS)

    @contextmanager
    def migration_lock(self) -> Iterator[PostgresCursor]:
        """A cursor holding the migration lock, for as long as the block runs."""
        with self.cursor() as cur:
            cur.execute(f"SELECT pg_advisory_lock({MIGRATION_LOCK})").fetchall()
            try:
                yield cur
            finally:
                cur.execute(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})").fetchall()

    def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL's committed work is the database already."""

    def close(self) -> None:
        self._pool.close()


def check_reachable(url: str) -> None:
    """Connect once, so that a wrong address, password or database is reported at once and
    in words (the pool would keep trying until its timeout)."""
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        # Not the parser's words: they quote the address, password and all.
        raise DatabaseUnreachableError(
            "WIJKRAAD_DATABASE_URL", "it is not a valid postgresql://user@host/database address"
        ) from exc
    try:
        psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
    except psycopg.Error as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        reason = " ".join(lines).rstrip(".") if lines else type(exc).__name__
        raise DatabaseUnreachableError(describe(url), reason) from exc


def copy_frame(cur: Any, table: str, frame: pd.DataFrame) -> int:
    """Insert every row of `frame` into `table` with COPY, matching columns by name. Values
    travel as text and are read by the column's type (money as exact strings)."""
    columns = ", ".join(identifier(c) for c in frame.columns)
    plain = frame.astype(object).where(frame.notna(), None)
    with cur.connection.cursor().copy(f"COPY {identifier(table)} ({columns}) FROM STDIN") as copy:
        for row in plain.itertuples(index=False, name=None):
            copy.write_row(row)
    return len(frame)
