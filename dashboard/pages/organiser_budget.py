"""Organisers: the neighbourhood's household book."""

import streamlit as st

from dashboard.components.budget import workspace
from dashboard.components.forms import show_flash
from dashboard.domain.auth import Role
from dashboard.web.app_state import store
from dashboard.web.session import current_caller

st.title("Huishoudboekje")
show_flash()
caller = current_caller()
if caller.role is not Role.ORGANISER:
    st.warning("Alleen organisatoren kunnen het huishoudboekje bijhouden. Log in als organisator.")
    st.stop()
workspace.render(store(), caller)
