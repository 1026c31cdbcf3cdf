"""Dutch names for stored codes."""

from __future__ import annotations

from dashboard.domain.translatable import N_

SOURCE_NAMES = {
    "gemeente": N_("Gemeente"),
    "woningcorporatie": N_("Woningcorporatie"),
    "fonds": N_("Fonds"),
    "overig": N_("Overig"),
    "overgeheveld": N_("Overgeheveld van vorig jaar"),
}
