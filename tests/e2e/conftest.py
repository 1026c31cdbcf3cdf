"""Fixtures for the browser tests: a real server (Chromium: tests/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Server, running_server


@pytest.fixture
def server(demo_db: Path) -> Iterator[Server]:
    with running_server(demo_db) as running:
        yield running
