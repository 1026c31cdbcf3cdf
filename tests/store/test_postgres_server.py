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
