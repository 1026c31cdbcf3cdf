"""Where the app finds its database, and the settings it reads from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.domain.ledger import OverspendPolicy

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = REPO_ROOT / "data" / "wijkraad.duckdb"
PUBLIC_URL = "WIJKRAAD_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8501"
SIGNUP_PAGE = "resident_signup"  # the sign-up page's address (dashboard/pages/resident_signup.py)


def database_path() -> Path:
    """WIJKRAAD_DB, or data/wijkraad.duckdb in the repository."""
    return Path(os.environ.get("WIJKRAAD_DB", str(DEFAULT_DATABASE)))


PHOTOS = "WIJKRAAD_PHOTOS"


def photo_folder() -> Path:
    """WIJKRAAD_PHOTOS, else `photos/` beside the DuckDB file: where uploaded photos are
    kept. Several app servers need one folder they all reach (a shared disk)."""
    configured = os.environ.get(PHOTOS, "").strip()
    return Path(configured) if configured else database_path().parent / "photos"


DATABASE_URL = "WIJKRAAD_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def database_location() -> str:
    """WIJKRAAD_DATABASE_URL (a postgresql:// address: the app runs on that PostgreSQL
    database), else the DuckDB file of database_path(). Anything but a postgresql://
    address in WIJKRAAD_DATABASE_URL is refused (ValueError)."""
    url = os.environ.get(DATABASE_URL, "").strip()
    if not url:
        return str(database_path())
    if not url.startswith(POSTGRES_SCHEMES):
        raise ValueError(
            f"{DATABASE_URL} must be a postgresql://user@host/database address; leave it "
            "empty to use the DuckDB file (WIJKRAAD_DB)"
        )
    return url


def overspend_policy() -> OverspendPolicy:
    """WIJKRAAD_OVERSPEND: 'refuse' (default) or 'warn' when spending passes an allocation."""
    value = os.environ.get("WIJKRAAD_OVERSPEND", OverspendPolicy.REFUSE.value)
    try:
        return OverspendPolicy(value)
    except ValueError:
        raise ValueError(f"WIJKRAAD_OVERSPEND must be 'refuse' or 'warn', not {value!r}") from None


def public_url() -> str:
    """WIJKRAAD_PUBLIC_URL: the address at which residents reach the app (letters print
    it), e.g. https://wijkraad.wijkdam.nl; default http://127.0.0.1:8501. Without a slash
    at the end; anything but an http(s) address is refused (ValueError)."""
    value = os.environ.get(PUBLIC_URL, "").strip() or DEFAULT_PUBLIC_URL
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"{PUBLIC_URL} must be an address such as https://wijkraad.example.nl, not {value!r}"
        )
    return value.rstrip("/")


def accessibility_contact() -> str:
    """WIJKRAAD_CONTACT: where residents report a problem with the website (an e-mail
    address, a phone number or both, as one line), shown on the accessibility statement;
    empty: the statement points to the municipality's general number."""
    return " ".join(os.environ.get("WIJKRAAD_CONTACT", "").split())


def signup_page_url() -> str:
    """The address of the residents' sign-up page (without a code)."""
    return f"{public_url()}/{SIGNUP_PAGE}"
