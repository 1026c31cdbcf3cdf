"""Running a store test on both backends: the in-memory DuckDB and the tests' PostgreSQL.

A test module uses `empty_store` (or builds its own fixture on `backend`): each of its tests
then runs twice, `[duckdb]` and `[postgres]`; the PostgreSQL run carries the `postgres`
marker (`-m "not postgres"` leaves it out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from dashboard.store.db import Store, open_memory_store, open_store

T = TypeVar("T")
BACKENDS = ["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_store(backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A migrated store with no data, on the test's backend."""
    if backend == "postgres":
        opened = open_store(request.getfixturevalue("postgres_store_url"))
    else:
        opened = open_memory_store()
    yield opened
    opened.close()


@pytest.fixture
def demo_location(backend: str, request: pytest.FixtureRequest) -> str:
    """Where a fresh copy of the demo municipality (tests/conftest.py) is, on the test's
    backend: a DuckDB file's path or a PostgreSQL address (for a child process to open)."""
    fixture = "postgres_demo_url" if backend == "postgres" else "demo_db"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def demo_store(demo_location: str) -> Iterator[Store]:
    """A fresh copy of the demo municipality, on the test's backend."""
    opened = open_store(demo_location)
    yield opened
    opened.close()


@pytest.fixture
def demo_store_own_secret(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The demo on the test's backend with no secret configured: the login cookies are
    signed with the one the database makes and keeps (store/signing_secret.py)."""
    monkeypatch.delenv("WIJKRAAD_SECRET", raising=False)
    return demo_store


def with_store(location: str | Path, work: Callable[[Store], T]) -> T:
    """`work` on its own store on the database at `location` (a DuckDB file or a
    postgresql:// address), closed again after: as another process or the page would."""
    store = open_store(location)
    try:
        return work(store)
    finally:
        store.close()
