"""The language switch in the sidebar: Dutch by default, English on request (`?lang=en`
in a link opens the site in English)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import LANGUAGES, QUERY_KEY, STATE_KEY, language


def language_switch() -> str:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = language()
    chosen = st.sidebar.radio(
        "Taal / Language",
        list(LANGUAGES),
        format_func=lambda code: LANGUAGES[code],
        key=STATE_KEY,
        horizontal=True,
    )
    if chosen == "nl":
        st.query_params.pop(QUERY_KEY, None)
    else:
        st.query_params[QUERY_KEY] = chosen
    return str(chosen)
