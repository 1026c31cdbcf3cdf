"""A bulk load's foreign keys checked once over all its rows (store/bulk.py
`checked_as_a_whole`): on PostgreSQL the row triggers are off in the block when the role may
turn them off, and the block's query stands in for them; otherwise, and on DuckDB, every
row is checked as it is inserted. Either way a row that refers to nothing stores nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from dashboard.store.bulk import OrphanRowsError, checked_as_a_whole
from dashboard.store.db import Store, open_memory_store, open_store
from dashboard.store.errors import WriteConflict
from dashboard.store.postgres import may_skip_row_triggers
from dashboard.store.unit import Unit

ORPHANS = """
    SELECT count(*) FROM resident_contact c
    WHERE NOT EXISTS (SELECT 1 FROM resident r WHERE r.id = c.resident_id)
"""
NOBODY = (
    "INSERT INTO resident_contact (resident_id, first_name, last_name, street, house_number, "
    "postcode, city) VALUES (424242, 'Anna', 'de Vries', 'Kerkstraat', '1', '1234 AB', 'Ede')"
)


@pytest.fixture
def postgres_store(postgres_store_url: str) -> Iterator[Store]:
    opened = open_store(postgres_store_url)
    yield opened
    opened.close()


def contacts(store: Store) -> int:
    with store.read() as cur:
        return int(cur.execute("SELECT count(*) FROM resident_contact").fetchall()[0][0])


def replication_role(cur: Unit) -> str:
    return str(cur.execute("SHOW session_replication_role").fetchall()[0][0])


@pytest.mark.postgres
def test_with_the_right_the_triggers_are_off_in_the_block_and_the_query_stands_in(
    postgres_store: Store,
) -> None:
    with postgres_store.transaction() as cur:
        assert may_skip_row_triggers(cur)  # the tests' role is the server's superuser
        with checked_as_a_whole(cur, ORPHANS):
            assert replication_role(cur) == "replica"
        assert replication_role(cur) == "origin"  # on again for the rest of the transaction
    with (
        pytest.raises(OrphanRowsError, match="1 rows refer to rows that do not exist"),
        postgres_store.transaction() as cur,
        checked_as_a_whole(cur, ORPHANS),
    ):
        cur.execute(NOBODY)  # no trigger stops it here: the query after the block does
    assert contacts(postgres_store) == 0


@pytest.mark.postgres
def test_without_the_right_every_row_is_checked_as_it_is_inserted(
    postgres_store: Store,
) -> None:
    role = f"wijkraad_plain_{os.getpid()}"
    with (
        pytest.raises(WriteConflict, match="violates foreign key constraint"),
        postgres_store.transaction() as cur,
    ):
        # A role like an application's own (no superuser, no grant), made in the
        # transaction: it is gone with the rollback.
        cur.execute(f"CREATE ROLE {role}")
        cur.execute(f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role}")
        cur.execute(f"SET LOCAL ROLE {role}")
        assert not may_skip_row_triggers(cur)
        with checked_as_a_whole(cur, ORPHANS):
            assert replication_role(cur) == "origin"
            cur.execute(NOBODY)
    assert contacts(postgres_store) == 0


def test_on_duckdb_every_row_is_checked_as_it_is_inserted() -> None:
    store = open_memory_store()
    with (
        pytest.raises(WriteConflict, match="foreign key"),
        store.transaction() as cur,
        checked_as_a_whole(cur, ORPHANS),
    ):
        cur.execute(NOBODY)
    assert contacts(store) == 0
    store.close()
