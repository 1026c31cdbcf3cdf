"""A resident signs up on a phone in a real Chromium (390 x 844): the address printed on
the letter, with its code, opens the sign-up page with the code filled in; the resident
chooses who of the household signs up, answers what the register does not know, leaves a
phone number, reads the privacy notice and gets a confirmation. Then the organiser logs
in on the same phone and finds the sign-up in step 4, as online. Screenshots go to
test-artifacts/ (signup-*.png)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from dashboard.services.draws import invitations as draw_invitations
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
from tests.services.test_online_signup import ORGANISER, household_letter, letters

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 390, "height": 844}


def main_text(tab: Page) -> str:
    return str(tab.inner_text("[data-testid='stMain']"))


def expect(tab: Page, text: str, timeout_ms: int = 20_000) -> None:
    tab.wait_for_function(
        "t => document.querySelector(\"[data-testid='stMain']\").innerText.includes(t)",
        arg=text,
        timeout=timeout_ms,
    )
    wait_until_ready(tab)


def shot(tab: Page, name: str, text: str) -> None:
    """A screenshot of the phone's screen with `text` at its top (Streamlit scrolls its main
    area itself, so a full-page screenshot holds only what is on the screen)."""
    tab.get_by_text(text, exact=False).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    tab.wait_for_timeout(300)
    screenshot(tab, name)


def test_a_resident_signs_up_on_a_phone_and_the_organiser_sees_it_online(
    demo_db: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("WIJKRAAD_PUBLIC_URL", f"http://127.0.0.1:{port}")
    store = open_store(demo_db)
    try:
        draw_id = letters(store, unknown=("education",))
        code = household_letter(store, draw_id)
        details = draw_invitations.LetterDetails(
            clock.today() + timedelta(days=21), "14 050", "wijkraad@wijkdam.nl", "Team Wijkraad"
        )
        letter_html = draw_invitations.letters_file(store, ORGANISER, draw_id, details)
    finally:
        store.close()
    # The address as the letter prints it (and its QR code holds).
    found = re.search(rf"http://127\.0\.0\.1:{port}/resident_signup\?code={code}", letter_html)
    assert found is not None
    address = found.group(0)

    with running_server(demo_db, port) as server:
        context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=2)
        tab = context.new_page()
        tab.goto(address)
        wait_until_ready(tab)
        assert tab.get_by_role("textbox", name="Code uit uw brief").input_value() == code
        screenshot(tab, "signup-1-code-from-the-letter")
        click_and_wait(tab, tab.get_by_role("button", name="Verder"))
        expect(tab, "Wie meldt zich aan?")
        options = tab.locator("[data-testid='stMain'] [data-testid='stRadioOption']")
        labels = [options.nth(n).inner_text() for n in range(options.count())]
        assert len(labels) >= 2, labels
        assert all(re.fullmatch(r"[A-Z]\. \(\d{4}\)( \d)?", label) for label in labels), labels
        # The rerun it starts replaces the questions: the old ones stay until it is over.
        click_and_wait(tab, options.nth(1))
        pick(tab, tab.get_by_label("Wat is uw hoogst afgeronde opleiding?"), "Hoger opgeleid")
        tab.get_by_role("textbox", name="Telefoonnummer").fill("06 1234 5678")
        tab.get_by_text("Ik heb gelezen wat er met mijn gegevens gebeurt.").click()
        shot(tab, "signup-2a-who-and-questions", "Wie meldt zich aan?")
        shot(tab, "signup-2b-contact", "Hoe kan de organisatie u bereiken?")
        shot(tab, "signup-2c-privacy-notice", "Wat doen wij met uw gegevens?")
        click_and_wait(tab, tab.get_by_role("button", name="Aanmelden", exact=True))
        expect(tab, "Dank u wel! U bent aangemeld.")
        text = main_text(tab)
        assert f"Bevestigingsnummer: {draw_id}-" in text and "Wat gebeurt er nu?" in text
        assert f"Aangemeld: {labels[1]}" in text and "telefoon 06 1234 5678" in text
        assert "Opleiding: Hoger opgeleid" in text
        confirmation = tab.get_by_role("button", name="Bevestiging opslaan of printen")
        assert confirmation.is_visible()
        shot(tab, "signup-3a-confirmation", "Uw bevestiging")
        shot(tab, "signup-3b-signed-up", "U bent aangemeld")
        # The page is as wide as the phone: nothing to scroll sideways.
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # The organiser, on the same phone, finds it in step 4.
        tab.goto(f"{server.url}/organiser_draw?loting={draw_id}&stap=4")
        wait_until_ready(tab)
        log_in(tab, "organisator", "demo-organisator")
        expect(tab, "Binnengekomen antwoorden")
        expect(tab, "Daarvan ja: 1 online en 0 via het formulier.")
        online = tab.locator("[data-testid='stMetric']", has_text="Online")
        assert online.get_by_test_id("stMetricValue").inner_text() == "1"
        shot(tab, "signup-4-organiser-step-4", "Binnengekomen antwoorden")
        context.close()
