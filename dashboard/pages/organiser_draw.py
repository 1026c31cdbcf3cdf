"""Organisers: run a council draw from start to finish (issue 6)."""

import streamlit as st

from dashboard.components.draw import workspace
from dashboard.components.draw.common import projector_mode
from dashboard.components.forms import show_flash
from dashboard.domain.auth import Role
from dashboard.i18n import t
from dashboard.web.app_state import store
from dashboard.web.session import current_caller

if not projector_mode():  # the projector shows the ceremony alone
    st.title(t("Loting"))
show_flash()
caller = current_caller()
if caller.role is not Role.ORGANISER:
    st.warning(t("Alleen organisatoren kunnen een loting doen. Log in als organisator."))
    st.stop()
workspace.render(store(), caller)
