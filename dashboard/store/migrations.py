"""Versioned schema migrations, applied at start-up. Re-running is a no-op."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from dashboard.store import dialect
from dashboard.store.dialect import Dialect
from dashboard.store.errors import SchemaTooNewError
from dashboard.store.rows import first_row
from sortition import clock

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def available_migrations() -> list[tuple[int, Path]]:
    """The migration files in version order."""
    found = []
    for path in MIGRATIONS_DIR.iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def latest_version() -> int:
    return available_migrations()[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the database; 0 for an empty file."""
    exists = first_row(
        con,
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_version' AND table_schema = current_schema()",
    )
    if not exists or exists[0] == 0:
        return 0
    row = first_row(con, "SELECT max(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    if current_version(con) == 0:
        return set()
    return {int(r[0]) for r in con.execute("SELECT version FROM schema_version").fetchall()}


def migration_sql(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    """A migration file's statements, in the spelling of the database they are for: the
    files are written once, for DuckDB, and translated (store/dialect.py)."""
    sql = path.read_text(encoding="utf-8")
    return dialect.postgres_ddl(sql) if dialect.dialect_of(con) is Dialect.POSTGRES else sql


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration the database has not had yet, in order; return those applied.

    Not only the ones above the highest applied: migrations written in parallel may land
    out of order. Each runs in its own transaction together with its version row, so a
    failure leaves the database as it was before that migration.
    """
    version = current_version(con)
    newest = latest_version()
    if version > newest:
        raise SchemaTooNewError(version, newest)
    done = applied_versions(con)
    applied = []
    for number, path in available_migrations():
        if number in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
            )
            con.execute(migration_sql(con, path))
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?)",
                [number, clock.utc_naive_now()],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied
