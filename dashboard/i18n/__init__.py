"""Texts for the public pages: Dutch by default, English on request.

The Dutch sentence is its own key: pages read as Dutch (`t("Kies uw wijk")`) and
`en.EN` maps each sentence to English. A sentence without a translation shows in Dutch;
a test checks that every `t("...")` of the public pages has one.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n.en import EN as PUBLIC_EN
from dashboard.i18n.en_draw import EN as DRAW_EN

# The residents' pages (en.py) and the organisers' draw workspace (en_draw.py).
EN = {**PUBLIC_EN, **DRAW_EN}

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT = "nl"
STATE_KEY = "taal"
QUERY_KEY = "lang"


def language() -> str:
    """The session's language: the switch's choice, else `?lang=`, else Dutch."""
    chosen = st.session_state.get(STATE_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    asked = st.query_params.get(QUERY_KEY)
    return asked if asked in LANGUAGES else DEFAULT


def t(text: str, **values: object) -> str:
    """`text` in the session's language, with `{name}` filled in from `values`."""
    translated = EN.get(text, text) if language() == "en" else text
    return translated.format(**values) if values else translated
