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


# A cell that starts with one of these is a formula to Excel, LibreOffice or Google Sheets
# (OWASP "CSV injection"); the full-width forms count in some locales.
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)$")


def spreadsheet_safe(value: object) -> object:
    """A cell for a CSV or XLSX file that a spreadsheet shows as text and never runs.

    Text whose first character (or first after white space) starts a formula gets a
    leading apostrophe: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`. Numbers, and text
    that is only a number such as `-12,50`, stay as they are. Anything else is returned
    unchanged. The one escaping function for every export.
    """
    if not isinstance(value, str):
        return value
    stripped = value.lstrip()
    starts = (value[:1] in _FORMULA_START) or (stripped[:1] in _FORMULA_START)
    if starts and not _PLAIN_NUMBER.match(stripped):
        return "'" + value
    return value
