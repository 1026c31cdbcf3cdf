"""Where the app finds its database, from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.domain.ledger import OverspendPolicy

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = REPO_ROOT / "data" / "wijkraad.duckdb"


def database_path() -> Path:
    """WIJKRAAD_DB, or data/wijkraad.duckdb in the repository."""
    return Path(os.environ.get("WIJKRAAD_DB", str(DEFAULT_DATABASE)))


def overspend_policy() -> OverspendPolicy:
    """WIJKRAAD_OVERSPEND: 'refuse' (default) or 'warn' when spending passes an allocation."""
    value = os.environ.get("WIJKRAAD_OVERSPEND", OverspendPolicy.REFUSE.value)
    try:
        return OverspendPolicy(value)
    except ValueError:
        raise ValueError(f"WIJKRAAD_OVERSPEND must be 'refuse' or 'warn', not {value!r}") from None
