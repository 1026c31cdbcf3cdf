"""Changing one's own password keeps this browser logged in after a reload: the new signed
cookie reaches the browser (issue 15, item 7), and the old cookie no longer logs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import click_and_wait, running_server, screenshot, wait_until_ready
from tests.e2e.test_login import log_in, main_text, session_cookie, sidebar_text

pytestmark = pytest.mark.browser

NEW_PASSWORD = "een-nieuw-wachtwoord"


def change_password(tab: Page, current: str, new: str) -> None:
    tab.get_by_text("Wachtwoord wijzigen").first.click()
    tab.get_by_label("Huidig wachtwoord").fill(current)
    tab.get_by_label("Nieuw wachtwoord (minstens 10 tekens)").fill(new)
    tab.get_by_label("Nieuw wachtwoord nog een keer").fill(new)
    click_and_wait(tab, tab.get_by_role("button", name="Wachtwoord wijzigen"))


def test_a_reload_after_changing_the_password_stays_logged_in(demo_db: Path, page: Page) -> None:
    with running_server(demo_db) as server:
        page.goto(f"{server.url}/login")
        wait_until_ready(page)
        log_in(page, "organisator", "demo-organisator")
        page.wait_for_function("() => document.cookie.includes('wijkraad_sessie=')")
        [old] = session_cookie(page)

        change_password(page, "demo-organisator", NEW_PASSWORD)
        assert "Uw wachtwoord is gewijzigd" in main_text(page)
        page.wait_for_function(
            "old => document.cookie.includes('wijkraad_sessie=') && !document.cookie.includes(old)",
            arg=str(old["value"]),
            timeout=10_000,
        )
        [new] = session_cookie(page)
        assert new["sameSite"] == "Strict"

        page.reload()
        wait_until_ready(page)
        screenshot(page, "password-change-after-reload")
        assert "Ingelogd als organisator" in sidebar_text(page)
        assert "Mijn account" in main_text(page)

        # The cookie from before the change (a stolen copy, another device) logs in no more.
        page.context.clear_cookies()
        page.context.add_cookies([old])  # type: ignore[list-item]
        page.reload()
        wait_until_ready(page)
        assert "Ingelogd als" not in sidebar_text(page)
        assert "Inloggen" in main_text(page)
