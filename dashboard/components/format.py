"""Dutch names for stored codes."""

from __future__ import annotations

SOURCE_NAMES = {
    "gemeente": "Gemeente",
    "woningcorporatie": "Woningcorporatie",
    "fonds": "Fonds",
    "overig": "Overig",
    "overgeheveld": "Overgeheveld van vorig jaar",
}
