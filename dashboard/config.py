"""Where the app finds its database, from the environment."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = REPO_ROOT / "data" / "wijkraad.duckdb"


def database_path() -> Path:
    """WIJKRAAD_DB, or data/wijkraad.duckdb in the repository."""
    return Path(os.environ.get("WIJKRAAD_DB", str(DEFAULT_DATABASE)))
