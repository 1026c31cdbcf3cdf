"""The app opens only an existing database: a missing file is refused and nothing is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import services
from dashboard.store.db import open_existing_store
from dashboard.store.errors import DatabaseMissingError, StoreError


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    with pytest.raises(DatabaseMissingError) as raised:
        open_existing_store(missing)
    assert raised.value.path == str(missing)
    assert isinstance(raised.value, StoreError)
    assert list(tmp_path.iterdir()) == []  # no database, no write-ahead log


def test_a_directory_is_no_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        open_existing_store(tmp_path)


def test_the_service_opens_an_existing_database(demo_db: Path) -> None:
    store = services.open_database(demo_db)
    try:
        assert len(services.neighbourhoods(store)) == 12
    finally:
        store.close()


def test_the_service_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        services.open_database(tmp_path / "wijkraad.duckdb")
    assert not (tmp_path / "wijkraad.duckdb").exists()
