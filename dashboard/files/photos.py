"""Photos of project progress and of residents' ideas: checked, stripped of their
metadata, named by content, stored next to the database.

A photo from a phone carries where and when it was taken (EXIF GPS and time), the camera's
serial number, sometimes a name (XMP, comments, PNG text). Every photo is therefore read
through and written again with only its pixels (turned upright as the camera meant: the
turn is part of the metadata that goes) and its colour profile. That also refuses a file
that only starts like a JPEG or PNG. Pillow reads and writes them.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from dashboard.config import photo_folder
from dashboard.domain.errors import UserError

MAX_BYTES = 5_000_000
MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo fits; a "decompression bomb" does not
_KINDS = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
_FORMATS = {"jpg": "JPEG", "png": "PNG"}
_KEPT = ("transparency", "icc_profile")  # what a PNG or JPEG needs to look the same


@dataclass(frozen=True)
class Photo:
    """A checked photo: its bytes without metadata, and its kind (jpg or png)."""

    data: bytes
    kind: str


def check_photo(data: bytes) -> Photo:
    """The photo as it will be stored, or a UserError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise UserError(f"De foto is groter dan {MAX_BYTES // 1_000_000} MB; verklein hem eerst.")
    kind = next((ext for magic, ext in _KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        raise UserError("Alleen foto's in JPEG- of PNG-formaat kunnen worden opgeslagen.")
    try:
        return Photo(_without_metadata(data, kind), kind)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise UserError(
            "Deze foto kan niet worden gelezen. Kies een andere foto (JPEG of PNG)."
        ) from None


def _without_metadata(data: bytes, kind: str) -> bytes:
    with Image.open(io.BytesIO(data), formats=[_FORMATS[kind]]) as image:
        if image.width * image.height > MAX_PIXELS:
            raise UserError(
                f"De foto heeft meer dan {MAX_PIXELS // 1_000_000} miljoen beeldpunten; "
                "verklein hem eerst."
            )
        image.load()
        upright = ImageOps.exif_transpose(image)  # a new image; the original's info stays
        upright.info = {k: v for k, v in image.info.items() if k in _KEPT}
        out = io.BytesIO()
        if kind == "jpg":
            upright.save(out, "JPEG", quality=90, icc_profile=upright.info.get("icc_profile"))
        else:
            upright.save(out, "PNG", icc_profile=upright.info.get("icc_profile"))
    return out.getvalue()


def save_photo(photo: bytes | Photo) -> str:
    """Store a JPEG or PNG without its metadata; returns its name within the photo folder."""
    checked = photo if isinstance(photo, Photo) else check_photo(photo)
    name = f"{hashlib.sha256(checked.data).hexdigest()[:32]}.{checked.kind}"
    folder = photo_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        temporary = target.with_suffix(".partial")
        temporary.unlink(missing_ok=True)
        # Private like the database next to it: only the app's user reads the folder.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(checked.data)
        temporary.replace(target)
    return name


def photo_path(name: str) -> Path | None:
    """The file of a stored photo, or None when the name is not one we wrote."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    path = photo_folder() / name
    return path if path.is_file() else None
