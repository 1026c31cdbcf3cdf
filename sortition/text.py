"""Text hygiene shared by pools and quota tables."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: object) -> str:
    """NFC, no BOM, no surrounding or repeated white space: the spelling we show."""
    if text is None:
        return ""
    if isinstance(text, float) and text != text:  # NaN from pandas
        return ""
    s = unicodedata.normalize("NFC", str(text)).replace("\ufeff", "")
    return _SPACES.sub(" ", s).strip()


def fold(text: object) -> str:
    """The key two spellings must share to mean the same value (case-insensitive)."""
    return clean(text).casefold()
