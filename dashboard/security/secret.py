"""The secret that signs login cookies.

In order: the environment variable WIJKRAAD_SECRET, `secret` in .streamlit/secrets.toml,
else a random secret the database makes once and keeps (`store/signing_secret.py`). Kept
in the database, it is the same for every app server on that database (a login works
whichever server answers), and a cookie from one database never logs anyone into another.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Callable
from pathlib import Path

ENV = "WIJKRAAD_SECRET"
SECRETS_TOML = Path(".streamlit") / "secrets.toml"
MIN_LENGTH = 32


class SecretError(Exception):
    """The configured secret cannot be used."""


def new_secret() -> str:
    """A random secret for the database to keep (64 characters)."""
    return secrets.token_urlsafe(48)


def load_secret(stored: Callable[[], str], secrets_toml: Path | None = None) -> bytes:
    """The signing secret: the configured one, else `stored()` (the database's)."""
    configured = os.environ.get(ENV) or _from_toml(secrets_toml or SECRETS_TOML)
    if configured:
        if len(configured) < MIN_LENGTH:
            raise SecretError(f"{ENV} (or secret in secrets.toml) needs at least 32 characters")
        return configured.encode("utf-8")
    value = stored()
    if len(value) < MIN_LENGTH:
        raise SecretError("the database's signing secret is too short")
    return value.encode("utf-8")


def _from_toml(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            value = tomllib.load(handle).get("secret")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and value else None
