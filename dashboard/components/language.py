"""The language switch in the sidebar: Dutch by default, English on request (`?lang=en`
in a link opens the site in English). The choice is also kept under a key of its own:
Streamlit forgets a widget's value when a page moves on with `st.switch_page` (the map's
click, the overview's map button), and the address has lost `?lang=en` by then."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import LANGUAGES, QUERY_KEY, STATE_KEY, language

KEPT = "taal_gekozen"


def language_switch() -> str:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = st.session_state.get(KEPT) or language()
    chosen = st.sidebar.radio(
        "Taal / Language",
        list(LANGUAGES),
        format_func=lambda code: LANGUAGES[code],
        key=STATE_KEY,
        horizontal=True,
    )
    st.session_state[KEPT] = chosen
    if chosen == "nl":
        st.query_params.pop(QUERY_KEY, None)
    else:
        st.query_params[QUERY_KEY] = chosen
    return str(chosen)
