"""The database's write conflicts reach the services as one store exception, WriteConflict,
translated in one place (Store.transaction); Store.write retries on it. On both backends:
DuckDB fails the second writer at once, PostgreSQL makes it wait for the first and then
fails it (serialization failure)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import duckdb
import psycopg.errors
import pytest

from dashboard.store.db import Store, open_memory_store
from dashboard.store.errors import StoreError, WriteConflict
from dashboard.store.unit import Unit

# What each backend raises underneath: a collision, a key added twice, a missing table.
CAUSES = {
    "duckdb": (duckdb.TransactionException, duckdb.ConstraintException, duckdb.CatalogException),
    "postgres": (
        psycopg.errors.SerializationFailure,
        psycopg.errors.UniqueViolation,
        psycopg.errors.UndefinedTable,
    ),
}


@pytest.fixture
def store(empty_store: Store) -> Store:
    with empty_store.transaction() as cur:
        cur.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cur.execute("INSERT INTO counter VALUES (1, 0)")
    return empty_store


@pytest.fixture
def duckdb_store() -> Iterator[Store]:
    opened = open_memory_store()
    with opened.transaction() as cur:
        cur.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cur.execute("INSERT INTO counter VALUES (1, 0)")
    yield opened
    opened.close()


def value(store: Store) -> int:
    with store.read() as cur:
        return int(cur.execute("SELECT value FROM counter WHERE id = 1").fetchall()[0][0])


def wait_for_a_session_waiting_on_a_lock(store: Store) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with store.read() as cur:
            waiting = cur.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            ).fetchall()[0][0]
        if waiting:
            return
        time.sleep(0.01)
    raise AssertionError("the second session never waited for the first")


def test_two_sessions_updating_one_row_the_second_gets_a_write_conflict(
    store: Store, backend: str
) -> None:
    raised: list[BaseException] = []

    def second_session() -> None:
        try:
            with store.transaction() as second:
                second.execute("UPDATE counter SET value = 2 WHERE id = 1")
        except WriteConflict as exc:
            raised.append(exc)

    with store.transaction() as first:
        first.execute("UPDATE counter SET value = 1 WHERE id = 1")
        second = threading.Thread(target=second_session)
        second.start()
        # DuckDB fails the second at once; PostgreSQL holds it until the first commits.
        if backend == "postgres":
            wait_for_a_session_waiting_on_a_lock(store)
        else:
            second.join()
    second.join()
    assert len(raised) == 1
    assert isinstance(raised[0].__cause__, CAUSES[backend][0])
    assert isinstance(raised[0], StoreError)
    assert value(store) == 1  # the first writer won; the second changed nothing


def test_the_same_key_added_twice_is_a_write_conflict_and_changes_nothing(
    store: Store, backend: str
) -> None:
    with pytest.raises(WriteConflict) as raised, store.transaction() as cur:
        cur.execute("UPDATE counter SET value = 5 WHERE id = 1")
        cur.execute("INSERT INTO counter VALUES (1, 9)")
    assert isinstance(raised.value.__cause__, CAUSES[backend][1])
    assert value(store) == 0


def test_other_errors_pass_unchanged_and_roll_back(store: Store, backend: str) -> None:
    with pytest.raises(ValueError, match="not a conflict"), store.transaction() as cur:
        cur.execute("UPDATE counter SET value = 7 WHERE id = 1")
        raise ValueError("not a conflict")
    with pytest.raises(CAUSES[backend][2]), store.transaction() as cur:
        cur.execute("SELECT * FROM no_such_table")
    assert value(store) == 0


def test_write_retries_a_conflict_and_then_succeeds(store: Store) -> None:
    tries: list[int] = []

    def work(cur: Unit) -> str:
        tries.append(1)
        cur.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
        if len(tries) < 3:
            cur.execute("INSERT INTO counter VALUES (1, 0)")
        return "done"

    assert store.write(work) == "done"
    assert len(tries) == 3
    assert value(store) == 1  # the failed attempts were undone


def test_write_raises_the_conflict_after_its_last_attempt(store: Store) -> None:
    tries: list[int] = []

    def work(cur: Unit) -> None:
        tries.append(1)
        cur.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
        cur.execute("INSERT INTO counter VALUES (1, 0)")

    with pytest.raises(WriteConflict):
        store.write(work, attempts=3)
    assert len(tries) == 3
    assert value(store) == 0


def test_write_does_not_retry_other_errors(store: Store) -> None:
    tries: list[int] = []

    def work(cur: Unit) -> None:
        tries.append(1)
        raise LookupError("gone")

    with pytest.raises(LookupError):
        store.write(work)
    assert tries == [1]


def test_a_conflict_that_ended_the_transaction_is_still_a_write_conflict(
    duckdb_store: Store,
) -> None:
    """A commit that conflicts ends DuckDB's transaction itself; the rollback after it then
    found no transaction and its own error escaped the retries (seen in CI as 'cannot
    rollback - no transaction is active' from four threads writing the audit log)."""
    with pytest.raises(WriteConflict), duckdb_store.transaction() as cur:
        cur.execute("UPDATE counter SET value = 5 WHERE id = 1")
        cur.execute("ROLLBACK")  # what a conflicting commit does: no transaction is active
        raise duckdb.TransactionException("Conflict on tuple deletion")
    attempts = []

    def ends_itself_once(cur: Unit) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            cur.execute("ROLLBACK")
            raise duckdb.TransactionException("Conflict on update")
        cur.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
        return len(attempts)

    assert value(duckdb_store) == 0  # the conflicting work left nothing
    assert duckdb_store.write(ends_itself_once) == 2  # retried, not lost
    assert value(duckdb_store) == 1
