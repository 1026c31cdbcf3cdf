"""Service tests run on a fresh copy of the demo database each (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.store.db import Store, open_store


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    opened = open_store(demo_db)
    yield opened
    opened.close()
