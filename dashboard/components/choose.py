"""Choosing the neighbourhood on the residents' pages: from the link (`?wijk=WK003`),
else the one chosen earlier in this visit, else the first."""

from __future__ import annotations

import streamlit as st

from dashboard import services
from dashboard.domain.models import Neighbourhood
from dashboard.i18n import t
from dashboard.services import Store

REMEMBERED = "gekozen_wijk"


def choose_neighbourhood(hoods: list[Neighbourhood], container: object = None) -> Neighbourhood:
    place = container or st
    by_code = {h.code: h for h in hoods}
    codes = list(by_code)
    requested = st.query_params.get("wijk") or st.session_state.get(REMEMBERED)
    start = codes.index(requested) if requested in by_code else 0
    code = place.selectbox(  # type: ignore[attr-defined]
        t("Kies uw wijk"), codes, index=start, format_func=lambda c: by_code[c].name, key="wijk"
    )
    st.query_params["wijk"] = code
    st.session_state[REMEMBERED] = code
    return by_code[code]


def neighbourhood_or_stop(db: Store) -> Neighbourhood:
    """The chosen neighbourhood; without any, the page says so and stops."""
    hoods = services.neighbourhoods(db)
    if not hoods:
        st.info(t("Er zijn nog geen wijken ingevoerd."))
        st.stop()
    return choose_neighbourhood(hoods)
