"""Optional single sign-on (st.login, OIDC): off without configuration, and with it an
identity logs in only as the active Wijkraad account it maps to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from dashboard.services import accounts
from dashboard.services.accounts import LoginRefused
from dashboard.store import audit
from dashboard.store.db import open_store
from dashboard.web import sso, web_session
from tests.app_pages import APP

LOGIN = "dashboard/pages/login.py"
PROVIDER = {
    "client_id": "wijkraad",
    "client_secret": "geheim",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "c" * 40,
    "gemeente": PROVIDER,
}
OURS = {"label": "gemeente-account", "domains": ["wijkdam.nl"],
        "users": {"P.Jansen@Wijkdam.nl": "wethouder"}}  # fmt: skip
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def settings() -> sso.SsoConfig:
    found = sso.config({"auth": AUTH, "wijkraad_sso": OURS})
    assert found is not None
    return found


@pytest.mark.parametrize(
    "secrets",
    [
        {},
        {"secret": "s" * 40},  # only the login cookie's secret
        {"auth": {"cookie_secret": "c" * 40, "gemeente": PROVIDER}},  # no redirect_uri
        {"auth": {**AUTH, "gemeente": {"client_id": "x"}}},  # an incomplete provider
        {"auth": {**AUTH, "ander": PROVIDER}},  # two providers, none chosen
        {"auth": AUTH, "wijkraad_sso": {"provider": "onbekend"}},
    ],
)
def test_single_sign_on_is_off_unless_fully_configured(secrets: dict[str, Any]) -> None:
    assert sso.config(secrets) is None


def test_the_provider_is_found_in_the_configuration() -> None:
    assert settings().provider == "gemeente" and settings().label == "gemeente-account"
    direct = sso.config({"auth": {"redirect_uri": "x", "cookie_secret": "y", **PROVIDER}})
    assert direct is not None and direct.provider is None
    chosen = sso.config(
        {"auth": {**AUTH, "ander": PROVIDER}, "wijkraad_sso": {"provider": "ander"}}
    )
    assert chosen is not None and chosen.provider == "ander"


@pytest.mark.parametrize(
    ("identity", "username"),
    [
        ({"is_logged_in": True, "email": "p.jansen@wijkdam.nl"}, "wethouder"),  # listed
        ({"is_logged_in": True, "email": "Organisator@WIJKDAM.nl"}, "organisator"),  # domain
        ({"is_logged_in": True, "email": "organisator@elders.nl"}, None),  # other domain
        ({"is_logged_in": True, "email": "organisator@wijkdam.nl", "email_verified": False},
         None),
        ({"is_logged_in": False, "email": "organisator@wijkdam.nl"}, None),
        ({"email": "organisator@wijkdam.nl"}, None),  # AppTest's default user: no login
        ({"is_logged_in": True}, None),
    ],
)  # fmt: skip
def test_an_identity_maps_to_a_username(identity: dict[str, object], username: str | None) -> None:
    assert sso.username_for(identity, settings()) == username


def test_an_identity_older_than_a_login_may_last_is_refused() -> None:
    lifetime = timedelta(hours=12)
    assert sso.too_old({"iat": (NOW - timedelta(hours=13)).timestamp()}, lifetime, NOW)
    assert not sso.too_old({"iat": (NOW - timedelta(hours=1)).timestamp()}, lifetime, NOW)
    assert not sso.too_old({}, lifetime, NOW)


def test_only_an_active_account_logs_in_by_identity(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        login = accounts.login_by_identity(store, "organisator", "gemeente-account")
        assert login.caller.role is Role.ORGANISER
        with store.read() as cur:
            assert audit.events(cur)[-1].action == "login.sso"
        for name in (None, "bestaat-niet"):
            with pytest.raises(LoginRefused, match="gemeente-account"):
                accounts.login_by_identity(store, name, "gemeente-account")
        admin = Caller("beheer", Role.ADMINISTRATOR, None)
        accounts.set_active(store, admin, accounts.user_id_for(store, admin, "wethouder"), False)
        with pytest.raises(LoginRefused):
            accounts.login_by_identity(store, "wethouder", "gemeente-account")
    finally:
        store.close()


def run_app(secrets: dict[str, Any], user: dict[str, Any]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    at.user = user
    at.run()
    at.switch_page(LOGIN).run()
    assert not at.exception, at.exception
    return at


def sidebar(at: AppTest) -> str:
    return " ".join(str(m.value) for m in [*at.sidebar.markdown, *at.sidebar.caption])


def test_without_secrets_an_identity_logs_no_one_in(app_db: Path) -> None:
    """No [auth] section: no button, and even a logged-in st.user changes nothing."""
    at = run_app({"secret": "s" * 40}, {"is_logged_in": True, "email": "organisator@wijkdam.nl"})
    assert not [b for b in at.button if "Inloggen met" in b.label]
    assert "Ingelogd als" not in sidebar(at)
    assert "caller" not in at.session_state or at.session_state["caller"].is_public


def test_the_repository_ships_no_single_sign_on() -> None:
    """Off by default: no secrets file in the repository turns it on."""
    repo = Path(__file__).resolve().parents[2]
    assert not (repo / ".streamlit" / "secrets.toml").exists() or "[auth" not in (
        repo / ".streamlit" / "secrets.toml"
    ).read_text(encoding="utf-8")
    assert web_session.sso_settings() is None


def test_with_secrets_the_login_page_offers_the_organisations_login(app_db: Path) -> None:
    at = run_app({"auth": AUTH, "wijkraad_sso": OURS}, {"is_logged_in": False})
    assert [b.label for b in at.button if "Inloggen met" in b.label] == [
        "Inloggen met gemeente-account"
    ]


def test_a_mapped_identity_is_logged_in_as_its_account(app_db: Path) -> None:
    at = run_app(
        {"auth": AUTH, "wijkraad_sso": OURS},
        {"is_logged_in": True, "email": "organisator@wijkdam.nl",
         "iat": datetime.now(UTC).timestamp()},
    )  # fmt: skip
    assert "Ingelogd als **organisator**" in sidebar(at)
    assert at.session_state["caller"].role is Role.ORGANISER
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]


def test_an_unknown_identity_is_told_and_stays_public(app_db: Path) -> None:
    at = run_app(
        {"auth": AUTH, "wijkraad_sso": OURS}, {"is_logged_in": True, "email": "iemand@elders.nl"}
    )
    assert "Ingelogd als" not in sidebar(at) and not at.sidebar.button
    assert any("hoort niet bij een actieve gebruiker" in e.value for e in at.error)
