"""The login form, and the stand-in for a page the caller may not open."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import accounts, web_session
from dashboard.app_state import store
from dashboard.components.clock import local_moment
from dashboard.components.roles import ROLE_NAMES
from dashboard.session import current_caller


def login_form(key: str = "inloggen") -> None:
    """Username and password; on success the session is logged in and the app reruns."""
    with st.form(key):
        username = st.text_input("Gebruikersnaam", autocomplete="username")
        password = st.text_input("Wachtwoord", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Inloggen", type="primary")
    if not submitted:
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
