"""Shared fixtures: a small demo database generated once per test session."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from data.generate import Settings, generate

DEMO_TODAY = date(2026, 11, 23)
DEMO_SETTINGS = Settings(residents=4000, seed=11, neighbourhoods=12, districts=3, today=DEMO_TODAY)


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "template.duckdb"
    generate(path, DEMO_SETTINGS)
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database that a test may change."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    return path
