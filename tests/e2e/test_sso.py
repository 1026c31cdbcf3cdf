"""Single sign-on end to end with a real Chromium: Streamlit's own `st.login` flow
(Authlib, from the locked environment) against a small OpenID Connect provider on
127.0.0.1 (tests/e2e/mock_oidc.py), with secrets pointing at it. The login page shows the
button; the provider vouches for someone; Wijkraad logs them in as the account their
identity maps to, with its role; an identity that maps to no account is refused with a
clear message and logs no one in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import Server, free_port, running_server, screenshot, wait_until_ready
from tests.e2e.mock_oidc import CLIENT_ID, CLIENT_SECRET, Provider, running_provider
from tests.e2e.test_login import main_text, sidebar_text

pytestmark = pytest.mark.browser

LABEL = "het gemeente-account"
SECRETS = """
[auth]
redirect_uri = "{app}/oauth2callback"
cookie_secret = "een-test-geheim-van-minstens-tweeendertig-tekens"

[auth.gemeente]
client_id = "{client_id}"
client_secret = "{client_secret}"
server_metadata_url = "{metadata}"

[wijkraad_sso]
provider = "gemeente"
label = "{label}"
users = {{ "w.de.vries@wijkdam.nl" = "wethouder" }}
domains = ["wijkdam.nl"]
"""


@dataclass(frozen=True)
class SsoApp:
    server: Server
    provider: Provider


@pytest.fixture
def sso_app(demo_db: Path, tmp_path: Path) -> Iterator[SsoApp]:
    with running_provider() as provider:
        port = free_port()
        secrets = tmp_path / "secrets.toml"
        settings = {"app": f"http://127.0.0.1:{port}", "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET, "metadata": provider.metadata_url,
                    "label": LABEL}  # fmt: skip
        secrets.write_text(SECRETS.format(**settings))
        with running_server(demo_db, port, (f"--secrets.files={secrets}",)) as server:
            yield SsoApp(server, provider)


def sign_on(tab: Page, app: SsoApp, identity: dict[str, object]) -> None:
    """On the login page: the button, the provider, and back in the app."""
    app.provider.identity = identity
    tab.goto(f"{app.server.url}/login")
    wait_until_ready(tab)
    button = tab.get_by_role("button", name=f"Inloggen met {LABEL}")
    button.wait_for(timeout=10_000)
    issued = app.provider.tokens_issued
    button.click()
    # To the provider and back: Streamlit trades the code for the id_token, sets its
    # identity cookie and sends the browser to the app's start page.
    tab.wait_for_url(f"{app.server.url}/**", timeout=20_000)
    deadline_ms = 20_000
    while app.provider.tokens_issued == issued and deadline_ms > 0:
        tab.wait_for_timeout(100)
        deadline_ms -= 100
    assert app.provider.tokens_issued == issued + 1, "the provider issued no token"
    tab.wait_for_timeout(500)
    wait_until_ready(tab)


LOGIN_COOKIES = {"_streamlit_user", "_streamlit_user_tokens", "wijkraad_sessie"}


def login_cookies(tab: Page) -> list[str]:
    cookies = tab.context.cookies()
    return [c["name"] for c in cookies if c["name"] in LOGIN_COOKIES]


def log_out(tab: Page, app: SsoApp) -> None:
    """Log out (Wijkraad's login and Streamlit's identity cookie), then check on the
    login page that nobody is logged in."""
    tab.get_by_role("button", name="Uitloggen").click()
    # st.logout sends the browser to /auth/logout, which clears the identity cookie; going
    # on before that request is answered would log the same identity in again.
    deadline_ms = 20_000
    while login_cookies(tab) and deadline_ms > 0:
        tab.wait_for_timeout(100)
        deadline_ms -= 100
    assert not login_cookies(tab), "logging out left a login cookie"
    wait_until_ready(tab)
    tab.goto(f"{app.server.url}/login")
    wait_until_ready(tab)
    assert "Ingelogd als" not in sidebar_text(tab)


def test_single_sign_on_logs_in_as_the_mapped_account_and_refuses_strangers(
    sso_app: SsoApp, page: Page
) -> None:
    # The alderman, known to the provider by a mail address listed in [wijkraad_sso].
    sign_on(page, sso_app, {"email": "w.de.vries@wijkdam.nl", "email_verified": True,
                            "name": "W. de Vries"})  # fmt: skip
    screenshot(page, "sso-1-alderman-logged-in")
    assert "Ingelogd als wethouder" in sidebar_text(page)
    assert "Wethouder" in sidebar_text(page) and "Organisatie" not in sidebar_text(page)
    # The role is the account's: an organiser's page stays closed.
    page.goto(f"{sso_app.server.url}/organiser_privacy")
    wait_until_ready(page)
    assert "Deze pagina is voor organisatoren" in main_text(page)
    assert "U bent ingelogd als wethouder" in main_text(page)

    # Logging out ends Wijkraad's login and Streamlit's identity cookie.
    log_out(page, sso_app)

    # An organiser by the organisation's mail domain: organisator@wijkdam.nl.
    sign_on(page, sso_app, {"email": "organisator@wijkdam.nl", "email_verified": True})
    screenshot(page, "sso-2-organiser-by-domain")
    assert "Ingelogd als organisator" in sidebar_text(page)
    assert "Organisatie" in sidebar_text(page)
    log_out(page, sso_app)

    # Someone the provider knows but Wijkraad does not: refused, nobody logged in.
    sign_on(page, sso_app, {"email": "onbekend@elders.nl", "email_verified": True})
    page.goto(f"{sso_app.server.url}/login")
    wait_until_ready(page)
    screenshot(page, "sso-3-unknown-identity-refused")
    assert f"Uw account bij {LABEL} hoort niet bij een actieve gebruiker" in main_text(page)
    assert "Ingelogd als" not in sidebar_text(page)
    assert "Organisatie" not in sidebar_text(page) and "Beheer" not in sidebar_text(page)
