"""Log in, or (logged in) see who you are, change your password and log out."""

import streamlit as st

from dashboard.components.forms import show_error
from dashboard.components.login_form import login_form
from dashboard.components.roles import ROLE_NAMES
from dashboard.components.text import plain
from dashboard.domain.auth import PermissionDenied
from dashboard.services import accounts
from dashboard.web import web_session
from dashboard.web.app_state import store

login = web_session.current_login()

if login is None:
    st.title("Inloggen")
    st.write(
        "Voor organisatoren, wethouders en beheerders. Bewoners hoeven niet in te loggen: "
        "alles wat voor bewoners is, staat open."
    )
    login_form()
    st.stop()

caller = login.caller
st.title("Mijn account")
st.success(f"U bent ingelogd als **{plain(caller.username or '')}** ({ROLE_NAMES[caller.role]}).")
if st.button("Uitloggen", type="primary"):
    web_session.end(store())

with st.expander("Wachtwoord wijzigen"):
    with st.form("wachtwoord", clear_on_submit=True):
        current = st.text_input(
            "Huidig wachtwoord", type="password", autocomplete="current-password"
        )
        new = st.text_input(
            "Nieuw wachtwoord (minstens 10 tekens)", type="password", autocomplete="new-password"
        )
        again = st.text_input(
            "Nieuw wachtwoord nog een keer", type="password", autocomplete="new-password"
        )
        change = st.form_submit_button("Wachtwoord wijzigen")
    if change:
        if new != again:
            st.error("De twee nieuwe wachtwoorden zijn niet gelijk.")
        else:
            db = store()
            try:
                changed = accounts.change_own_password(db, login, current, new)
            except (accounts.AccountError, PermissionDenied) as exc:
                show_error(exc)
            else:
                web_session.start(db, changed)
                st.success("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.")
