"""Organisers: neighbourhood votes (buurtbudget): set one up, send the codes, type in paper
ballots, close and count it, and turn the winners into proposals."""

import streamlit as st

from dashboard.components.forms import show_flash
from dashboard.components.vote import workspace
from dashboard.domain.auth import Role
from dashboard.web.app_state import store
from dashboard.web.session import current_caller

st.title("Buurtstemming")
show_flash()
caller = current_caller()
if caller.role is not Role.ORGANISER:
    st.warning(
        "Alleen organisatoren kunnen een buurtstemming voorbereiden. Log in als organisator."
    )
    st.stop()
workspace.render(store(), caller)
