"""Texts for the public pages: Dutch by default, English on request.

The Dutch sentence is its own key: pages read as Dutch (`t("Kies uw wijk")`) and the
gettext file locale/en/LC_MESSAGES/wijkraad.po gives each sentence's English
(`catalog.py`). A sentence defined elsewhere and shown through `t()` later is marked
`N_("...")` (dashboard/domain/translatable.py). A sentence without a translation shows in
Dutch; `python scripts/translations.py check` (and a test) finds every `t()` and `N_()`
sentence of the code without one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

import streamlit as st

from dashboard.i18n.catalog import translations

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT = "nl"
STATE_KEY = "taal"
QUERY_KEY = "lang"
T = TypeVar("T")
# The language of work done outside the page's run (`in_language`).
_FIXED: ContextVar[str | None] = ContextVar("wijkraad_language", default=None)


def language() -> str:
    """The session's language: the switch's choice, else `?lang=`, else Dutch (or the
    language `speaking` fixes, for work outside the page's run)."""
    fixed = _FIXED.get()
    if fixed is not None:
        return fixed
    chosen = st.session_state.get(STATE_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    asked = st.query_params.get(QUERY_KEY)
    return asked if asked in LANGUAGES else DEFAULT


def t(text: str, **values: object) -> str:
    """`text` in the session's language, with `{name}` filled in from `values`."""
    chosen = language()
    translated = text if chosen == DEFAULT else translations(chosen).get(text, text)
    return translated.format(**values) if values else translated


def in_language(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, to run later in the session's language of now. Streamlit makes a download's
    file when its button is clicked, outside the page's run, where the session (and so
    its language) is unknown: without this an English page would give a Dutch file."""
    chosen = language()

    def run() -> T:
        with speaking(chosen):
            return make()

    return run


@contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Everything inside in `chosen`, whatever the session says."""
    token = _FIXED.set(chosen)
    try:
        yield
    finally:
        _FIXED.reset(token)
