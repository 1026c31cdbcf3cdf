"""Photos of project progress: checked, named by content, stored next to the database."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dashboard.config import database_path
from dashboard.domain.errors import UserError

MAX_BYTES = 5_000_000
_KINDS = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def photo_folder() -> Path:
    return database_path().parent / "photos"


def save_photo(data: bytes) -> str:
    """Store a JPEG or PNG; returns its name within the photo folder."""
    if len(data) > MAX_BYTES:
        raise UserError(f"De foto is groter dan {MAX_BYTES // 1_000_000} MB; verklein hem eerst.")
    kind = next((ext for magic, ext in _KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        raise UserError("Alleen foto's in JPEG- of PNG-formaat kunnen worden opgeslagen.")
    name = f"{hashlib.sha256(data).hexdigest()[:32]}.{kind}"
    folder = photo_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        temporary = target.with_suffix(".partial")
        temporary.unlink(missing_ok=True)
        # Private like the database next to it: only the app's user reads the folder.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        temporary.replace(target)
    return name


def photo_path(name: str) -> Path | None:
    """The file of a stored photo, or None when the name is not one we wrote."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    path = photo_folder() / name
    return path if path.is_file() else None
