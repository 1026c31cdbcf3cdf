"""The login of one browser: session state, and the signed cookie that brings it back
after a reload (a reload starts a new Streamlit session with empty session state).

Streamlit reads cookies (`st.context.cookies`, sent when the browser connects) but has no
call to set one, so a tiny script in the page sets or clears it (`st.html` with
JavaScript; no outside requests). The cookie is `SameSite=Strict`, `Secure` on https, and
carries only a signed user id, expiry and session version (security/tokens.py).

With single sign-on configured (`dashboard/web/sso.py`), a person Streamlit's OIDC login has
identified (`st.user`) is logged in as the Wijkraad account their identity maps to;
Streamlit's own identity cookie brings that back after a reload.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAuthError

from dashboard.services import accounts
from dashboard.services.accounts import Login
from dashboard.store.db import Store
from dashboard.web import sso
from dashboard.web.session import CALLER_KEY

COOKIE = "wijkraad_sessie"
LOGIN_KEY = "login"
_COOKIE_CHECKED = "_wijkraad_cookie_checked"
_COOKIE_SCRIPT = "_wijkraad_cookie_script"


def sync(store: Callable[[], Store]) -> None:
    """Bring this session's login up to date; call at the top of every run.

    A login in session state is checked against the database (a logout elsewhere, a new
    password, role or a disabled account end it at once). Without one, the cookie is
    tried once per session. The store is opened only when there is a login to check.
    """
    login = st.session_state.get(LOGIN_KEY)
    if isinstance(login, Login):
        fresh = accounts.refresh(store(), login)
        if fresh is None:
            _forget()
            _clear_cookie()
        else:
            _remember(fresh)
    elif not st.session_state.get(_COOKIE_CHECKED) and CALLER_KEY not in st.session_state:
        st.session_state[_COOKIE_CHECKED] = True
        token = _cookie_value()
        if token:
            restored = accounts.login_from_token(store(), token)
            if restored is None:
                _clear_cookie()
            else:
                _remember(restored)
    if current_login() is None:
        _single_sign_on(store)
    _render_cookie_script()


# --- single sign-on (optional, dashboard/web/sso.py) ------------------------------------------

SSO_MESSAGE = "_wijkraad_sso_message"
_SSO_TRIED = "_wijkraad_sso_tried"


def sso_settings() -> sso.SsoConfig | None:
    """The single sign-on settings from the secrets, None when not configured."""
    try:
        secrets = {key: st.secrets[key] for key in ("auth", sso.SECTION) if key in st.secrets}
    except Exception:  # no secrets file at all: single sign-on is off
        return None
    return sso.config(secrets)


def start_single_sign_on(settings: sso.SsoConfig) -> str | None:
    """Send the browser to the identity provider; a Dutch message when that cannot be."""
    try:
        st.login(settings.provider)
    except StreamlitAuthError as exc:
        return (
            "Inloggen via de organisatie is ingesteld, maar werkt nog niet op deze server "
            f"({exc}). Vraag de beheerder het na te kijken (pakket streamlit[auth])."
        )
    return None


def _single_sign_on(store: Callable[[], Store]) -> None:
    """Log in the person Streamlit's OIDC login (st.user) says this is, once per identity
    and session; a refusal is kept for the login page to show."""
    settings = sso_settings()
    if settings is None:
        return
    identity = _identity()
    if identity.get("is_logged_in") is not True:
        return
    tried = (str(identity.get(settings.claim)), str(identity.get("iat")))
    if st.session_state.get(_SSO_TRIED) == tried:
        return
    st.session_state[_SSO_TRIED] = tried
    if sso.too_old(identity, accounts.session_lifetime(), accounts.utc_now()):
        st.session_state[SSO_MESSAGE] = (
            f"Uw inlog via {settings.label} is verlopen. Log opnieuw in."
        )
        return
    try:
        login = accounts.login_by_identity(
            store(), sso.username_for(identity, settings), settings.label
        )
    except accounts.LoginRefused as refused:
        st.session_state[SSO_MESSAGE] = str(refused)
        return
    st.session_state.pop(SSO_MESSAGE, None)
    _remember(login)


def _identity() -> dict[str, object]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no browser connection (bare script run)
        return {}


def start(store: Store, login: Login) -> None:
    """Log this browser in: session state now, the cookie for later reloads.

    The cookie script is put on the page in this run as well as in every later one: after
    a new password no rerun follows, and a reload before the next interaction would
    otherwise find only the old cookie, which the new password has made invalid."""
    _remember(login)
    _set_cookie(accounts.session_token(store, login))
    _render_cookie_script()


def end(store: Store) -> NoReturn:
    """Log out: this session, every other session of the user, and the cookie (and, after
    single sign-on, Streamlit's identity cookie: st.logout), and end this run.

    After single sign-on the run stops instead of rerunning: st.logout queues the
    browser's redirect to Streamlit's logout address, and a rerun starting before that
    message is sent drops it from the queue, which would leave the identity cookie (and
    the next visit logged in)."""
    login = st.session_state.get(LOGIN_KEY)
    if isinstance(login, Login):
        accounts.logout(store, login)
    _forget()
    _clear_cookie()
    if _identity().get("is_logged_in") is True:
        _render_cookie_script()
        st.logout()
        st.stop()
    st.rerun()


def current_login() -> Login | None:
    login = st.session_state.get(LOGIN_KEY)
    return login if isinstance(login, Login) else None


def _remember(login: Login) -> None:
    st.session_state[LOGIN_KEY] = login
    st.session_state[CALLER_KEY] = login.caller


def _forget() -> None:
    st.session_state.pop(LOGIN_KEY, None)
    st.session_state.pop(CALLER_KEY, None)


def _cookie_value() -> str | None:
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # no browser connection (bare script run): no cookie
        return None


def _set_cookie(token: str) -> None:
    seconds = int(accounts.session_lifetime().total_seconds())
    st.session_state[_COOKIE_SCRIPT] = _script(token, seconds)


def _clear_cookie() -> None:
    st.session_state[_COOKIE_SCRIPT] = _script("", 0)


def _script(value: str, max_age: int) -> str:
    cookie = json.dumps(f"{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict")
    return (
        "<script>document.cookie = "
        f"{cookie} + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )


def _render_cookie_script() -> None:
    """Emit the pending cookie change on every run: the same element is kept between
    reruns (it runs once), and a run cut short by a rerun cannot lose it."""
    script = st.session_state.get(_COOKIE_SCRIPT)
    if script:
        with st.sidebar:
            st.html(script, unsafe_allow_javascript=True)
