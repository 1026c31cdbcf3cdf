"""The login form, and the stand-in for a page the caller may not open."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.components.clock import local_moment
from dashboard.components.roles import ROLE_NAMES
from dashboard.services import accounts
from dashboard.web import client_limits, web_session
from dashboard.web.app_state import store
from dashboard.web.session import current_caller


def login_form(key: str = "inloggen") -> None:
    """Username and password; on success the session is logged in and the app reruns.
    With single sign-on configured, also a button to log in through the organisation."""
    refused = st.session_state.get(web_session.SSO_MESSAGE)
    if refused:
        st.error(refused)
    with st.form(key):
        username = st.text_input("Gebruikersnaam", autocomplete="username")
        password = st.text_input("Wachtwoord", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Inloggen", type="primary")
    settings = web_session.sso_settings()
    if settings is not None:
        st.write("Of log in via uw organisatie:")
        if st.button(f"Inloggen met {settings.label}", key=f"{key}_sso"):
            problem = web_session.start_single_sign_on(settings)
            if problem:
                st.error(problem)
    if not submitted:
        return
    too_many = client_limits.refusal(client_limits.LOGIN, client_limits.current_client())
    if too_many:
        st.error(too_many)
        return
    db = store()
    try:
        login = accounts.authenticate(db, username, password)
    except accounts.LoginRefused as refused:
        message = str(refused)
        if refused.locked_until is not None:
            until = local_moment(refused.locked_until)
            message += f" U kunt het opnieuw proberen vanaf {until}."
        st.error(message)
        return
    web_session.start(db, login)
    st.rerun()


def login_required(title: str, for_whom: str) -> Callable[[], None]:
    """A page that stands in for `title` when the caller may not open it: a link to it
    then asks to log in (and after logging in the real page opens at the same address)."""

    def page() -> None:
        st.title(title)
        caller = current_caller()
        if caller.is_public:
            st.info(f"Deze pagina is voor {for_whom}. Log in om verder te gaan.")
            login_form(key=f"inloggen_{title}")
        else:
            st.warning(
                f"Deze pagina is voor {for_whom}. U bent ingelogd als "
                f"{caller.username} ({ROLE_NAMES[caller.role]})."
            )

    return page
