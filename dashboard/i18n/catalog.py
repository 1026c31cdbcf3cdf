"""The translations, from the gettext files translators edit: read once per process.

`locale/<language>/LC_MESSAGES/wijkraad.po` maps each Dutch sentence (msgid) to its
translation (msgstr); `scripts/translations.py` extracts the sentences from the code and
checks the files. Babel reads the file the first time a page is shown in that language
(about 0.1 s); after that a translation is a dictionary look-up. An entry without a
translation, or marked `fuzzy` (a translator still has to look at it), shows in Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "wijkraad"


def po_file(language: str, locale: Path | None = None) -> Path:
    return (locale or LOCALE) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> Mapping[str, str]:
    """Dutch sentence -> its translation into `language` (empty without a file)."""
    from babel.messages.pofile import read_po  # Babel only once another language is asked

    path = po_file(language)
    if not path.is_file():
        return MappingProxyType({})
    with path.open("rb") as file:
        catalog = read_po(file, domain=DOMAIN)
    return MappingProxyType(
        {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}
    )
