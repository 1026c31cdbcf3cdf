"""The secret that signs login cookies.

In order: the environment variable WIJKRAAD_SECRET, `secret` in .streamlit/secrets.toml,
else a random secret generated once into `<database>.secret` next to the database file
(git-ignored, readable by the owner only). A secret per database file means a cookie from
one database never logs anyone into another.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

ENV = "WIJKRAAD_SECRET"
SECRETS_TOML = Path(".streamlit") / "secrets.toml"
MIN_LENGTH = 32


class SecretError(Exception):
    """The configured secret cannot be used."""


def secret_file(database: Path) -> Path:
    return database.with_name(database.name + ".secret")


def load_secret(database: Path | None, secrets_toml: Path = SECRETS_TOML) -> bytes:
    """The signing secret; `database` None (an in-memory store) gets a per-process one."""
    configured = os.environ.get(ENV) or _from_toml(secrets_toml)
    if configured:
        if len(configured) < MIN_LENGTH:
            raise SecretError(f"{ENV} (or secret in secrets.toml) needs at least 32 characters")
        return configured.encode("utf-8")
    if database is None:
        return _PROCESS_SECRET
    return _generated(secret_file(database))


_PROCESS_SECRET = secrets.token_bytes(32)


def _from_toml(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            value = tomllib.load(handle).get("secret")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and value else None


def _generated(path: Path) -> bytes:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(48)
    # Written in full under a temporary name, then linked into place: a second process
    # never reads a half-written file, and the first one to link wins.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value + "\n")
        os.link(temporary, path)
    except FileExistsError:
        return _read(path)
    except OSError as exc:
        raise SecretError(f"cannot write the secret file {path}: {exc.strerror}") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return value.encode("ascii")


def _read(path: Path) -> bytes:
    value = path.read_text(encoding="ascii").strip()
    if len(value) < MIN_LENGTH:
        raise SecretError(f"the secret file {path} is too short; delete it to make a new one")
    return value.encode("ascii")
