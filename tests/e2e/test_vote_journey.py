"""A neighbourhood vote from start to finish in a real Chromium: the organiser sets up a
one-day vote on *Buurtstemming*, makes its codes (which opens it) and downloads the print
shop's file with them; residents vote on a phone, with a code typed with and without its
dash and with the letter's link, after a wrong code got the one message; the second use
of a code is refused. The next day (the server started again with the next day's clock)
the organiser closes the vote, and the public result page shows both ways of counting.
Screenshots go to test-artifacts/ (vote-*.png)."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from dashboard import services
from dashboard.services.vote.casting import BAD_CODE
from dashboard.store.db import open_store
from sortition import clock
from tests.e2e.harness import (
    click_and_wait,
    free_port,
    log_in,
    pick,
    running_server,
    screenshot,
    wait_until_ready,
)
from tests.e2e.test_signup_journey import expect, main_text

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
TITLE = "Buurtbudget in één dag"


def organiser_logged_in(tab: Page, url: str) -> None:
    tab.goto(f"{url}/organiser_vote")
    wait_until_ready(tab)
    if tab.get_by_label("Gebruikersnaam").count():
        log_in(tab, "organisator", "demo-organisator")
    expect(tab, "Stemming")


def set_day(tab: Page, label: str, day: date) -> None:
    """Type the day into the date field's day, month and year."""
    for part, value in (("day", f"{day:%d}"), ("month", f"{day:%m}"), ("year", f"{day:%Y}")):
        segment = tab.get_by_role("spinbutton", name=f"{part}, {label}")
        segment.click()
        tab.keyboard.type(value)
    tab.keyboard.press("Tab")
    shown = tab.get_by_role("group", name=label).inner_text()
    assert "".join(shown.split()) in (f"{day:%d-%m-%Y}", f"{day:%d%m%Y}"), shown


def set_up_and_open(tab: Page, url: str, today: date) -> list[str]:
    """The organiser's part before the vote: the vote's codes, as the print shop gets them."""
    organiser_logged_in(tab, url)
    if "Nieuwe stemming" not in main_text(tab):
        pick(tab, tab.get_by_label("Stemming", exact=True), "Nieuwe stemming")
    expect(tab, "Naam van de stemming")
    tab.get_by_label("Naam van de stemming").fill(TITLE)
    tab.get_by_label("Budget (€)").fill("5.000")
    set_day(tab, "Eerste dag om te stemmen", today)
    set_day(tab, "Laatste dag om te stemmen", today)
    click_and_wait(tab, tab.get_by_role("button", name="Stemming aanmaken"))
    expect(tab, "De stemming is aangemaakt als concept")
    screenshot(tab, "vote-1-concept")
    click_and_wait(tab, tab.get_by_role("button", name="Stemcodes maken"))
    expect(tab, "stemcodes gemaakt")
    expect(tab, "bewoners stemmen nu")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Bestand voor de drukker (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    codes = list(dict.fromkeys(re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}\b", text)))
    assert len(codes) >= 3, text[:300]  # each twice in the file: as code, in the link
    return codes


def vote(tab: Page, url: str, code: str | None, typed: str | None = None) -> str:
    """Open the voting page (with the letter's link when `code` is given, else typing
    `typed`), choose idea 1 and cast the vote; the page's text after it."""
    tab.goto(f"{url}/resident_vote" + (f"?code={code}" if code else ""))
    wait_until_ready(tab)
    if typed is not None:
        tab.get_by_role("textbox", name="Code uit uw brief").fill(typed)
    click_and_wait(tab, tab.get_by_role("button", name="Naar het stembiljet"))
    if "Met deze code kunt u niet stemmen" in main_text(tab):
        return main_text(tab)
    expect(tab, TITLE)
    tab.locator("[data-testid='stMain'] [data-testid='stCheckbox']").first.click()
    wait_until_ready(tab)
    click_and_wait(tab, tab.get_by_role("button", name="Verder: mijn keuze controleren"))
    expect(tab, "Controleer uw keuze")
    click_and_wait(tab, tab.get_by_role("button", name="Stem uitbrengen"))
    expect(tab, "Dank u wel! Uw stem is geteld.")
    return main_text(tab)


def test_a_vote_from_set_up_to_result_with_residents_voting_on_a_phone(
    demo_db: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = clock.today()
    store = open_store(demo_db)
    try:  # the neighbourhood the organiser's page shows first (before the server opens it)
        hood = services.neighbourhoods(store)[0].code
    finally:
        store.close()
    port = free_port()
    monkeypatch.setenv("WIJKRAAD_PUBLIC_URL", f"http://127.0.0.1:{port}")
    with running_server(demo_db, port) as server:
        desk = browser.new_context(viewport=DESKTOP, locale="nl-NL")
        codes = set_up_and_open(desk.new_page(), server.url, today)
        desk.close()

        phone = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=2)
        tab = phone.new_page()
        wrong = vote(tab, server.url, None, typed="ZZZZ-ZZZ2")
        assert BAD_CODE.split(".")[0] in wrong
        screenshot(tab, "vote-2-wrong-code")
        first, second = codes[0], codes[1]
        thanks = vote(tab, server.url, None, typed=f" {first.replace('-', '').lower()} ")
        assert "Uw code is nu gebruikt" in thanks  # typed without its dash, in lower case
        screenshot(tab, "vote-3-thanks")
        assert "Dank u wel" in vote(tab, server.url, None, typed=second)  # with its dash
        again = vote(tab, server.url, first)  # the letter's link, the code used already
        assert BAD_CODE.split(".")[0] in again and "Dank u wel" not in again
        screenshot(tab, "vote-4-code-used")
        phone.close()

    # The next day the vote is over: the organiser closes it.
    monkeypatch.setenv(clock.FIXED_DAY, (today + timedelta(days=1)).isoformat())
    assert os.environ[clock.FIXED_DAY] != today.isoformat()
    with running_server(demo_db, port) as server:
        desk = browser.new_context(viewport=DESKTOP, locale="nl-NL")
        tab = desk.new_page()
        organiser_logged_in(tab, server.url)
        if TITLE not in main_text(tab):
            pick(tab, tab.get_by_label("Stemming", exact=True), TITLE)
        expect(tab, "stemmen voorbij, nog niet gesloten")
        tab.get_by_text("Alle papieren stembiljetten zijn ingevoerd.").click()
        wait_until_ready(tab)
        click_and_wait(tab, tab.get_by_role("button", name="Stemming sluiten en tellen"))
        expect(tab, "Gesloten en geteld: 2 stemmen")

        tab.goto(f"{server.url}/resident_vote_results?wijk={hood}")
        wait_until_ready(tab)
        expect(tab, "Gelijke delen (Method of Equal Shares)")
        text = main_text(tab)
        assert TITLE in text
        assert "Meeste stemmen (zoals de meeste gemeenten tellen)" in text
        assert "Deze uitslag telt." in text and "Ter vergelijking." in text
        screenshot(tab, "vote-5-result")
        desk.close()
