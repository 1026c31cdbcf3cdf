"""PostgreSQL behind the Store: a pool of psycopg 3 connections, each handed out as a cursor
that takes the store's SQL the way DuckDB's cursor does.

Connections run in autocommit mode, so that `BEGIN`, `COMMIT` and `ROLLBACK` are the
store's own statements on both backends (Store.transaction issues them). A transaction is
REPEATABLE READ: like DuckDB it sees one snapshot and fails a write that collides with
another session's (serialization failure, SQLSTATE 40001), which the store retries.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

import numpy as np
import pandas as pd
import psycopg
import psycopg.errors
import psycopg.pq
import pyarrow as pa
import pyarrow.csv as pacsv
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
# Our queries take milliseconds; PostgreSQL's JIT compiles any whose estimated cost is
# high (its default threshold) with LLVM first, which took 0.8 s of the monitor's 1.1 s.
SESSION_SETTINGS = "-c jit=off"
_CSV_BATCH = 100_000  # rows of an Arrow table sent to COPY at a time
_STAGED_WORK_MEM = "256MB"  # for the rest of a transaction that staged a table


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
            if isinstance(params, dict):
                nulls = frozenset(name for name, value in params.items() if value is None)
                sql = dialect.postgres_null_tests(sql, nulls)
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
        """The result as DuckDB's `.df()` gives it: nullable integers and booleans, `str`,
        datetime64[us] for dates and times, float64 for NUMERIC (as DuckDB's DECIMAL)."""
        description = self._cur.description or []
        rows = self.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in description]
        return pd.DataFrame(
            {
                column.name: _series(values, column.type_code)
                for column, values in zip(description, columns, strict=True)
            },
            columns=[column.name for column in description],
        )

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        frame = self.df()
        return {name: frame[name].to_numpy() for name in frame.columns}

    def close(self) -> None:
        self._cur.close()


# PostgreSQL type oids and the pandas dtype DuckDB's `.df()` gives the matching type.
_DTYPES = {
    16: "boolean",  # bool
    20: "Int64",  # int8
    21: "Int16",  # int2
    23: "Int32",  # int4
    25: "str",  # text
    700: "float32",  # float4
    701: "float64",  # float8
    1043: "str",  # varchar
    1082: "datetime64[us]",  # date
    1114: "datetime64[us]",  # timestamp
}
_NUMERIC = 1700


def _series(values: Sequence[Any], type_code: int) -> pd.Series:
    if type_code == _NUMERIC:
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
    dtype = _DTYPES.get(type_code)
    if dtype is None:
        return pd.Series(list(values), dtype=object)
    if dtype.startswith("datetime64"):
        return pd.Series(list(values), dtype=object).astype(dtype)
    return pd.Series(list(values), dtype=dtype)


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
            kwargs={
                "autocommit": True,
                "connect_timeout": CONNECT_TIMEOUT_S,
                "options": SESSION_SETTINGS,
            },
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
        """A cursor on a pooled connection; the pool checks a connection before handing it
        out, so after a restart of the server the next use reconnects. While the server
        is down: DatabaseUnreachableError after CONNECT_TIMEOUT_S, never a hang."""
        with contextlib.ExitStack() as held:
            try:
                con = held.enter_context(self._pool.connection(timeout=CONNECT_TIMEOUT_S))
            except PoolTimeout as exc:
                where = describe(self.url)
                raise DatabaseUnreachableError(where, "no connection in time") from exc
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


def _postgres_type(kind: pa.DataType) -> str:
    """The PostgreSQL column type that holds an Arrow column's values."""
    if pa.types.is_integer(kind):
        return "BIGINT"
    if pa.types.is_floating(kind):
        return "DOUBLE PRECISION"
    if pa.types.is_boolean(kind):
        return "BOOLEAN"
    if pa.types.is_date(kind):
        return "DATE"
    if pa.types.is_timestamp(kind):
        return "TIMESTAMP"
    if pa.types.is_decimal(kind):
        return f"NUMERIC({kind.precision}, {kind.scale})"
    return "TEXT"


def stage_arrow(cur: Any, name: str, rows: pa.Table) -> None:
    """A temporary table `name` holding `rows` (COPY), for set-based SQL over them: what
    DuckDB's `cur.register` gives. Dropped by `unstage`, or by the rollback of a failed
    transaction that created it."""
    table = identifier(name)
    columns = ", ".join(f"{identifier(f.name)} {_postgres_type(f.type)}" for f in rows.schema)
    # The joins of a staged extract with the stored rows (a million each) hash in memory
    # instead of in batches on disk: the known register's import 30 -> 23 s at 1M rows.
    cur.execute(f"SET LOCAL work_mem = '{_STAGED_WORK_MEM}'")
    cur.execute(f"DROP TABLE IF EXISTS {table}")
    cur.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
    copy_arrow(cur, name, rows)
    cur.execute(f"ANALYZE {table}")


def copy_arrow(cur: Any, table: str, rows: pa.Table) -> None:
    """Add `rows` to `table` with COPY, matching columns by name."""
    names = ", ".join(identifier(f.name) for f in rows.schema)
    # As CSV written by Arrow: a row at a time through Python is 5x slower. In its CSV a
    # missing value is an empty field (NULL to COPY) and text is quoted ("" stays '').
    options = pacsv.WriteOptions(include_header=False)
    sql = f"COPY {identifier(table)} ({names}) FROM STDIN WITH (FORMAT csv)"
    with cur.connection.cursor().copy(sql) as copy:
        for batch in rows.to_batches(max_chunksize=_CSV_BATCH):
            buffer = io.BytesIO()
            pacsv.write_csv(batch, buffer, options)
            copy.write(buffer.getbuffer())


def may_skip_row_triggers(cur: Any) -> bool:
    """Whether this connection's role may turn off the row triggers that check foreign keys
    (`session_replication_role`): a superuser, or on PostgreSQL 15 and later a role granted
    `SET ON PARAMETER session_replication_role` (deploy/README.md)."""
    if cur.connection.info.server_version >= 150000:
        sql = "SELECT has_parameter_privilege('session_replication_role', 'SET')"
    else:
        sql = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    return bool(cur.execute(sql).fetchone()[0])


def unstage(cur: Any, name: str) -> None:
    """Drop a table `stage_arrow` made; in a transaction that failed, its rollback does."""
    if cur.connection.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
        cur.execute(f"DROP TABLE IF EXISTS {identifier(name)}")
