"""The tests' own PostgreSQL (tests/postgres.py): it runs, and each test's database is its own."""

import psycopg
import pytest

from tests.postgres import PostgresServer

pytestmark = pytest.mark.postgres


def test_the_server_answers_on_its_socket(postgres_database: str) -> None:
    with psycopg.connect(postgres_database) as con:
        row = con.execute("SELECT current_setting('server_version_num')::int").fetchone()
    assert row is not None and row[0] >= 150000


def test_databases_copied_from_a_template_are_separate(postgres_server: PostgresServer) -> None:
    first, second = postgres_server.create_database(), postgres_server.create_database()
    try:
        with psycopg.connect(postgres_server.url(first), autocommit=True) as con:
            con.execute("CREATE TABLE only_here (x INTEGER)")
        with psycopg.connect(postgres_server.url(second)) as con:
            row = con.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")
            assert row.fetchone() == (0,)
    finally:
        postgres_server.drop_database(first)
        postgres_server.drop_database(second)


def test_the_store_reconnects_after_the_server_restarts(
    postgres_server: PostgresServer, postgres_store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL restarted while the app runs: while it is down a use of the store says so
    (DatabaseUnreachableError, in words, without waiting for ever); once it is back the
    next use works, with no restart of the app."""
    from dashboard.store import postgres
    from dashboard.store.db import open_store
    from dashboard.store.errors import DatabaseUnreachableError

    monkeypatch.setattr(postgres, "CONNECT_TIMEOUT_S", 2)
    store = open_store(postgres_store_url)
    try:
        with store.read() as cur:
            assert cur.execute("SELECT count(*) FROM neighbourhood").fetchall() == [(0,)]
        postgres_server.stop()
        try:
            with pytest.raises(DatabaseUnreachableError), store.read() as cur:
                cur.execute("SELECT 1").fetchall()
        finally:
            postgres_server.restart()
        with store.read() as cur:
            assert cur.execute("SELECT count(*) FROM neighbourhood").fetchall() == [(0,)]
    finally:
        store.close()
