"""The caller of the current Streamlit session.

Contract: `st.session_state["caller"]` holds the logged-in `Caller`; without it the
session is the anonymous public. Login (and restoring it from a cookie) sets it.
"""

from __future__ import annotations

import streamlit as st

from dashboard.domain.auth import PUBLIC, Caller

CALLER_KEY = "caller"


def current_caller() -> Caller:
    caller = st.session_state.get(CALLER_KEY, PUBLIC)
    return caller if isinstance(caller, Caller) else PUBLIC
