"""Process-wide resources for the Streamlit app."""

from __future__ import annotations

import streamlit as st

from dashboard import services
from dashboard.config import database_path
from dashboard.store.db import Store


@st.cache_resource(show_spinner="De database wordt geopend…")
def _store(path: str) -> Store:
    from pathlib import Path

    return services.open_or_create(Path(path))


def store() -> Store:
    """The one store of this process (one DuckDB connection; cursors per use)."""
    return _store(str(database_path()))
