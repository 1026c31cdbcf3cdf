"""The household book keeps its tab across reruns (issue 17, defect 1): a refusal or a
success message above the tabs used to send the organiser back to *Budgetten*, where the
message of another tab went unseen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import Server, click_and_wait, log_in, pick, screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def open_tab(page: Page) -> str:
    return page.locator("[data-testid='stTabs'] [role='tab'][aria-selected='true']").inner_text()


def test_the_open_tab_stays_after_a_refusal_and_after_a_success(server: Server, page: Page) -> None:
    page.set_viewport_size({"width": 1366, "height": 1400})
    page.goto(f"{server.url}/login")
    wait_until_ready(page)
    log_in(page, "organisator", "demo-organisator")
    page.goto(f"{server.url}/organiser_budget")
    wait_until_ready(page)

    click_and_wait(page, page.get_by_role("tab", name="Besluiten"))
    assert "tabblad=Besluiten" in page.url
    form = page.locator("[data-testid='stForm']").filter(has_text="Besluit vastleggen")
    form.get_by_label("Soort besluit").click()
    page.get_by_role("option", name="overig").click()
    form.get_by_label("Aanwezig", exact=True).fill("5")
    form.get_by_label("Voor", exact=True).fill("4")
    form.get_by_label("Tegen", exact=True).fill("1")
    form.get_by_label("Motivering in gewone woorden").fill("Een goed plan voor de buurt.")
    pick(page, form.get_by_label("Hoe zijn bewoners vooraf geraadpleegd?"), "geen")
    click_and_wait(page, form.get_by_role("button", name="Besluit vastleggen"))
    assert open_tab(page) == "Besluiten"
    page.wait_for_selector("text=quorum is niet gehaald", timeout=15_000)
    assert page.get_by_text("quorum is niet gehaald").first.is_visible()
    screenshot(page, "budget-book-refusal-stays-on-its-tab")

    click_and_wait(page, page.get_by_role("tab", name="Voorstellen"))
    # the tab's rerun (it writes the tab into the address) must be over before typing:
    # a rerun still under way on a busy machine redraws the form and loses what was typed
    page.wait_for_url(re.compile("tabblad=Voorstellen"))
    wait_until_ready(page)
    form = page.locator("[data-testid='stForm']").filter(has_text="Voorstel indienen")
    form.get_by_label("Titel").fill("Bankjes bij de vijver")
    form.get_by_label("Omschrijving").fill("Drie bankjes zodat ouderen kunnen rusten.")
    form.get_by_label("Gevraagd bedrag (€)").fill("2.400")
    pick(page, form.get_by_label("Thema's"), "Openbare ruimte")
    page.keyboard.press("Escape")
    # a click while the themes' list is still open only closes the list
    page.get_by_role("listbox").wait_for(state="hidden")
    click_and_wait(page, form.get_by_role("button", name="Voorstel indienen"))
    answer = page.locator("text=/Voorstel WR-\\d{4}-\\d{5} is ingediend/")
    refusal = page.locator("[data-testid='stAlertContentError']:visible")
    answer.or_(refusal).first.wait_for(timeout=60_000)
    assert answer.count(), page.inner_text("[data-testid='stMain']")  # what came instead
    assert open_tab(page) == "Voorstellen"  # the success banner above moved nothing
    page.reload()
    wait_until_ready(page)
    assert open_tab(page) == "Voorstellen"  # and a reload opens the same tab
