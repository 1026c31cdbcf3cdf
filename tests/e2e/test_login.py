"""Logging in with a real Chromium: the login survives a reload (signed cookie), wrong
passwords lock the account, and the public cannot open an organiser page by its link."""

import pytest
from playwright.sync_api import Cookie, Page

from tests.e2e.harness import Server, click_and_wait, log_in, screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def main_text(tab: Page) -> str:
    return str(tab.inner_text("[data-testid='stMain']"))


def sidebar_text(tab: Page) -> str:
    return str(tab.inner_text("[data-testid='stSidebar']"))


def session_cookie(tab: Page) -> list[Cookie]:
    cookies = tab.context.cookies()
    return [c for c in cookies if c["name"] == "wijkraad_sessie"]


def test_login_survives_a_reload_locks_after_failures_and_guards_pages(
    server: Server, page: Page
) -> None:
    # The public: an organiser page's link shows only a request to log in.
    page.goto(f"{server.url}/organiser_privacy")
    wait_until_ready(page)
    screenshot(page, "login-1-public-deep-link")
    assert "Log in om verder te gaan" in main_text(page)
    assert "Persoonsgegevens wissen" not in main_text(page)
    assert "Organisatie" not in sidebar_text(page)

    # Logging in there opens the real page at the same address; the cookie is signed
    # and strict, and a reload keeps the login.
    log_in(page, "organisator", "demo-organisator")
    page.wait_for_function("() => document.cookie.includes('wijkraad_sessie=')", timeout=10_000)
    screenshot(page, "login-2-logged-in")
    assert "Persoonsgegevens wissen" in main_text(page)
    [cookie] = session_cookie(page)
    assert cookie["sameSite"] == "Strict"
    page.reload()
    wait_until_ready(page)
    screenshot(page, "login-3-organiser-page-after-reload")
    assert "Ingelogd als organisator" in sidebar_text(page)
    assert "Persoonsgegevens wissen" in main_text(page)

    # Log out: the cookie goes, and a reload stays logged out.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_function("() => !document.cookie.includes('wijkraad_sessie=')", timeout=10_000)
    page.reload()
    wait_until_ready(page)
    assert "Ingelogd als" not in sidebar_text(page)
    assert "Organisatie" not in sidebar_text(page)

    # Five wrong passwords lock the account and say until when.
    page.goto(f"{server.url}/login")
    wait_until_ready(page)
    for _ in range(4):
        log_in(page, "wethouder", "verkeerd wachtwoord")
        assert "Onjuiste gebruikersnaam of wachtwoord" in main_text(page)
    log_in(page, "wethouder", "verkeerd wachtwoord")
    screenshot(page, "login-4-locked")
    assert "tijdelijk geblokkeerd" in main_text(page)
    assert "opnieuw proberen vanaf" in main_text(page)
    log_in(page, "wethouder", "demo-wethouder")
    assert "tijdelijk geblokkeerd" in main_text(page)
    assert "Ingelogd als" not in sidebar_text(page)


def test_a_logged_in_user_is_refused_other_roles_pages_and_unknown_names_lock_too(
    server: Server, page: Page
) -> None:
    # An alderman may read the monitor, but an organiser's or an administrator's page
    # shows only who may open it: its content never loads.
    page.goto(f"{server.url}/login")
    wait_until_ready(page)
    log_in(page, "wethouder", "demo-wethouder")
    assert "Ingelogd als wethouder" in sidebar_text(page)
    for path, for_whom, secret in [
        ("organiser_privacy", "organisatoren", "Persoonsgegevens wissen"),
        ("admin_users", "beheerders", "Nieuwe gebruiker"),
    ]:
        page.goto(f"{server.url}/{path}")
        wait_until_ready(page)
        text = main_text(page)
        assert f"Deze pagina is voor {for_whom}" in text, text[:300]
        assert "U bent ingelogd als wethouder" in text
        assert secret not in text
    screenshot(page, "login-5-forbidden-for-alderman")
    assert "Ingelogd als wethouder" in sidebar_text(page)  # still logged in, nothing more
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))

    # A name without an account reads exactly like a wrong password, and locks the same.
    page.goto(f"{server.url}/login")
    wait_until_ready(page)
    for _ in range(4):
        log_in(page, "bestaat-niet", "verkeerd wachtwoord")
        assert "Onjuiste gebruikersnaam of wachtwoord" in main_text(page)
    log_in(page, "bestaat-niet", "verkeerd wachtwoord")
    screenshot(page, "login-6-unknown-name-locked")
    assert "tijdelijk geblokkeerd" in main_text(page)
    assert "opnieuw proberen vanaf" in main_text(page)
    # Without single sign-on configured there is no button for it.
    assert page.get_by_role("button", name="Inloggen met").count() == 0
