"""Wijkraad: entry point. Page configuration, login and navigation by role; nothing else.

Residents' pages are open to all. Organisatie: organisers. Wethouder (monitoring, read
only): aldermen, and organisers and administrators too, since all staff may read it
(`require_staff`). Beheer: administrators. Pages outside the current navigation cannot be
reached by link; the services check the caller as well.
"""

import streamlit as st

from dashboard import web_session
from dashboard.app_state import store
from dashboard.auth import Role
from dashboard.components.roles import ROLE_NAMES
from dashboard.session import current_caller

st.set_page_config(page_title="Wijkraad", layout="wide")
web_session.sync(store)
caller = current_caller()

PAGES = "dashboard/pages"
sections = {
    "Voor bewoners": [
        st.Page(f"{PAGES}/resident_overview.py", title="Het geld van uw wijk", default=True),
        st.Page(f"{PAGES}/resident_decisions.py", title="Besluiten en projecten"),
        st.Page(f"{PAGES}/resident_council.py", title="De wijkraad"),
    ],
}
if caller.role is Role.ORGANISER:
    sections["Organisatie"] = [
        st.Page(f"{PAGES}/organiser_draw.py", title="Loting"),
        st.Page(f"{PAGES}/organiser_budget.py", title="Huishoudboekje"),
        st.Page(f"{PAGES}/organiser_privacy.py", title="Persoonsgegevens"),
    ]
if not caller.is_public:
    sections["Wethouder"] = [
        st.Page(f"{PAGES}/alderman_monitor.py", title="Monitor alle wijken"),
    ]
if caller.role is Role.ADMINISTRATOR:
    sections["Beheer"] = [st.Page(f"{PAGES}/admin_users.py", title="Gebruikers")]
account = "Inloggen" if caller.is_public else "Mijn account"
sections["Account"] = [st.Page(f"{PAGES}/login.py", title=account)]

if not caller.is_public:
    st.sidebar.caption(f"Ingelogd als **{caller.username}** ({ROLE_NAMES[caller.role]})")
    if st.sidebar.button("Uitloggen", key="uitloggen"):
        web_session.end(store())
        st.rerun()

st.navigation(sections).run()
