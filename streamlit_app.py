"""Wijkraad: entry point. Page configuration, login and navigation by role; nothing else.

Residents' pages are open to all. Organisatie: organisers. Wethouder (monitoring, read
only): aldermen, and organisers and administrators too, since all staff may read it
(`require_staff`). Beheer: administrators. A page the caller may not open is replaced by
a hidden stand-in at the same address that asks to log in: its code never runs. The
services check the caller as well.
"""

import streamlit as st

from dashboard.components.language import language_switch
from dashboard.components.login_form import login_required
from dashboard.components.roles import ROLE_NAMES
from dashboard.components.text import plain
from dashboard.domain.auth import Role
from dashboard.i18n import t
from dashboard.web import cache_guard, web_session
from dashboard.web.app_state import store
from dashboard.web.error_boundary import guarded
from dashboard.web.session import current_caller

cache_guard.install()  # no browser can empty the caches of all sessions
st.set_page_config(page_title="Wijkraad", layout="wide")
web_session.sync(store)
caller = current_caller()
language_switch()  # residents' pages in Dutch or English

PAGES = "dashboard/pages"
# section: (who may open it, for whom in words, [(page file, title)])
GUARDED = {
    t("Organisatie"): (
        caller.role is Role.ORGANISER,
        "organisatoren",
        [
            ("organiser_draw", t("Loting")),
            ("organiser_budget", t("Huishoudboekje")),
            ("organiser_vote", t("Buurtstemming")),
            ("organiser_privacy", t("Persoonsgegevens")),
        ],
    ),
    t("Wethouder"): (
        not caller.is_public,
        "wethouders en medewerkers",
        [("alderman_monitor", t("Monitor alle wijken"))],
    ),
    t("Beheer"): (
        caller.role is Role.ADMINISTRATOR,
        "beheerders",
        [("admin_users", t("Gebruikers"))],
    ),
}

sections = {
    t("Voor bewoners"): [
        st.Page(f"{PAGES}/resident_overview.py", title=t("Het geld van uw wijk"), default=True),
        st.Page(f"{PAGES}/resident_decisions.py", title=t("Besluiten en projecten")),
        st.Page(f"{PAGES}/resident_project.py", title=t("Projecten op de kaart")),
        st.Page(f"{PAGES}/resident_compare.py", title=t("Wijken vergelijken")),
        st.Page(f"{PAGES}/resident_ideas.py", title=t("Ideeën uit de buurt")),
        st.Page(f"{PAGES}/resident_idea.py", title=t("Idee indienen")),
        st.Page(f"{PAGES}/resident_council.py", title=t("De wijkraad")),
        st.Page(f"{PAGES}/resident_signup.py", title=t("Aanmelden voor de wijkraad")),
        st.Page(f"{PAGES}/resident_vote.py", title=t("Stemmen over het buurtbudget")),
        st.Page(f"{PAGES}/resident_vote_results.py", title=t("Uitslag van de buurtstemming")),
        st.Page(f"{PAGES}/resident_map.py", title=t("Wijken op de kaart")),
        st.Page(f"{PAGES}/resident_ceremonies.py", title=t("Openbare trekkingen")),
        st.Page(f"{PAGES}/resident_check.py", title=t("Controleer een loting")),
        st.Page(f"{PAGES}/resident_accessibility.py", title=t("Toegankelijkheid")),
        st.Page(f"{PAGES}/resident_open_data.py", title=t("Open data")),
    ],
}
stand_ins = []
for section, (allowed, for_whom, pages) in GUARDED.items():
    if allowed:
        sections[section] = [st.Page(f"{PAGES}/{name}.py", title=title) for name, title in pages]
    else:
        stand_ins += [
            st.Page(login_required(title, for_whom), title=title, url_path=name,
                    visibility="hidden")
            for name, title in pages
        ]  # fmt: skip
account = t("Inloggen") if caller.is_public else t("Mijn account")
sections["Account"] = [st.Page(f"{PAGES}/login.py", title=account), *stand_ins]

if not caller.is_public:
    role = t(ROLE_NAMES[caller.role])
    st.sidebar.caption(
        t("Ingelogd als **{naam}** ({rol})", naam=plain(caller.username or ""), rol=role)
    )
    if st.sidebar.button(t("Uitloggen"), key="uitloggen"):
        web_session.end(store())

page = st.navigation(sections, expanded=True)  # every page listed, no "View more" button
# Each page its own title in the browser's tab and history, as a screen reader announces it.
st.set_page_config(page_title=f"{page.title} · Wijkraad")
guarded(page.run, page.url_path or "start")
