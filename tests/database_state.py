"""The state of a whole database as a small value, to prove that a refused action, a
crash or a race changed nothing (or only what it should)."""

from __future__ import annotations

from dashboard.store.db import Store
from dashboard.store.dialect import row_hash
from dashboard.store.rows import first_row


def count(store: Store, sql: str, params: list[object] | None = None) -> int:
    """The number a `SELECT count(*) ...` gives."""
    with store.read() as cur:
        row = first_row(cur, sql, params)
    assert row is not None
    return int(row[0])


def fingerprint(store: Store) -> dict[str, tuple[int, int]]:
    """Per table: the number of rows and an order-free checksum of their contents."""
    with store.read() as cur:
        tables = [
            str(r[0])
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]
        state = {}
        for table in tables:
            count, checksum = cur.execute(
                f'SELECT count(*), coalesce(sum({row_hash(cur, "t")}), 0) FROM "{table}" AS t'
            ).fetchall()[0]
            state[table] = (int(count), int(checksum))
    return state


def changed_tables(
    before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> set[str]:
    return {
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    }
