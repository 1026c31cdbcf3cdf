from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_streamlit_caches() -> Iterator[None]:
    """st.cache_* are process-wide: clear them so tests do not see each other's data."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIJKRAAD_DB", str(demo_db))
    return demo_db


@pytest.fixture
def app_location(demo_location: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app (AppTest) on a fresh demo on the test's backend (tests/backends.py): a page
    test file opts in with `app_db` built on this fixture, and its tests run on DuckDB and
    on PostgreSQL (issue 20)."""
    if demo_location.startswith("postgresql"):
        monkeypatch.setenv("WIJKRAAD_DATABASE_URL", demo_location)
    else:
        monkeypatch.setenv("WIJKRAAD_DB", demo_location)
    return demo_location
