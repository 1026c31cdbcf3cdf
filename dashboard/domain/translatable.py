"""Sentences marked for translation where they are defined, translated where shown.

`N_("Dutch sentence")` returns the sentence itself: it is gettext's no-op marker. A table
of words, a service's message or a progress step is defined in Dutch in one place and
shown later through `dashboard.i18n.t(...)`, which translates it; the mark is how
`python scripts/translations.py extract` finds it (like every literal `t("...")`).
"""

from __future__ import annotations


def N_(text: str) -> str:  # the name gettext tools know
    """`text` unchanged, marked for translation."""
    return text
