"""The same migration files on PostgreSQL: the whole schema, once, under an advisory lock so
that replicas starting together do not race; a failing migration changes nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from dashboard.store import migrations
from dashboard.store.db import Store, open_store
from dashboard.store.errors import DatabaseUnreachableError, SchemaTooNewError
from tests.postgres import PostgresServer
from tests.store.test_migrations import EXPECTED_TABLES
from tests.threads import race

pytestmark = pytest.mark.postgres


def tables(url: str) -> set[str]:
    with psycopg.connect(url) as con:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return {r[0] for r in rows}


def versions(url: str) -> list[int]:
    with psycopg.connect(url) as con:
        return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_an_empty_database_gets_the_whole_schema_once(postgres_database: str) -> None:
    open_store(postgres_database).close()
    assert tables(postgres_database) >= EXPECTED_TABLES
    open_store(postgres_database).close()
    assert versions(postgres_database) == [n for n, _ in migrations.available_migrations()]


def test_money_columns_are_exact_decimals(postgres_database: str) -> None:
    open_store(postgres_database).close()
    with psycopg.connect(postgres_database) as con:
        types = set(
            con.execute(
                "SELECT data_type, numeric_precision, numeric_scale "
                "FROM information_schema.columns "
                "WHERE column_name IN ('amount', 'requested_amount', 'cost_estimate')"
            ).fetchall()
        )
    assert types == {("numeric", 18, 2)}


def test_replicas_starting_together_migrate_once(postgres_database: str) -> None:
    started = race(*(lambda: open_store(postgres_database),) * 4)
    for store in started:
        if isinstance(store, Store):
            store.close()
    assert all(isinstance(store, Store) for store in started), started
    assert versions(postgres_database) == [n for n, _ in migrations.available_migrations()]


def test_a_newer_schema_is_refused(postgres_database: str) -> None:
    open_store(postgres_database).close()
    with psycopg.connect(postgres_database) as con:
        con.execute("INSERT INTO schema_version VALUES (999, '2026-11-23 12:00')")
    with pytest.raises(SchemaTooNewError, match="schema version 999"):
        open_store(postgres_database)


def test_a_failing_migration_leaves_the_previous_version(
    postgres_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(postgres_database).close()
    broken = tmp_path / "migrations"
    broken.mkdir()
    for _, file in migrations.available_migrations():
        (broken / file.name).write_text(file.read_text())
    (broken / "9000_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", broken)
    with pytest.raises(psycopg.errors.UndefinedTable):
        open_store(postgres_database)
    assert "half_done" not in tables(postgres_database)
    assert max(versions(postgres_database)) < 9000


@pytest.mark.parametrize(
    ("database", "reason"),
    [
        ("no_such_database", "does not exist"),
        ("postgresql://nobody@/x?host=/no/such/dir", "No such file"),
        ("postgresql://nobody:secret@[unclosed", "not a valid"),
    ],
    ids=["unknown database", "no server", "unreadable address"],
)
def test_a_wrong_address_is_said_plainly(
    postgres_server: PostgresServer, database: str, reason: str
) -> None:
    url = database if "://" in database else postgres_server.url(database)
    with pytest.raises(DatabaseUnreachableError) as raised:
        open_store(url)
    assert "Cannot connect to the PostgreSQL database" in str(raised.value)
    assert "niet bereikbaar" in raised.value.dutch
    assert reason in str(raised.value)
    assert "secret" not in str(raised.value)
