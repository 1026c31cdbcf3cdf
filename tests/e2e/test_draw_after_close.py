"""After the council's draw is completed, in a real Chromium with the demo data: a
member stops mid-term, the first suitable reserve takes the seat and confirms; the draw
stays completed. Screenshots in test-artifacts/draw-after-close-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from dashboard.store.db import open_store
from tests.e2e.harness import Server, running_server, screenshot
from tests.e2e.test_draw_journey import click, expect, main_text
from tests.services.test_draw_after_close import replaceable_demo_member

pytestmark = pytest.mark.browser


@pytest.fixture
def completed_draw(demo_db: Path) -> Iterator[tuple[Server, int, str]]:
    """The server, a demo council's completed draw whose term runs, and the number (in
    its bundle) of a member a reserve can follow."""
    store = open_store(demo_db)
    try:
        draw_id, _, leaving = replaceable_demo_member(store)
    finally:
        store.close()
    with running_server(demo_db) as server:
        yield server, draw_id, leaving


def choose(tab: Page, label: str, option: str) -> None:
    tab.get_by_label(label).click()
    tab.get_by_role("option", name=option).first.click()


def test_a_member_who_stops_mid_term_is_replaced_from_the_reserve_list(
    completed_draw: tuple[Server, int, str], browser: Browser
) -> None:
    server, draw_id, number = completed_draw
    tab = browser.new_page(viewport={"width": 1280, "height": 1600})
    tab.goto(f"{server.url}/organiser_draw?loting={draw_id}&stap=8")
    tab.get_by_label("Gebruikersnaam").fill("organisator")
    tab.get_by_label("Wachtwoord").fill("demo-organisator")
    click(tab, "Inloggen")
    tab.goto(f"{server.url}/organiser_draw?loting={draw_id}&stap=8")
    expect(tab, "De loting is afgerond")
    assert "status: afgerond" in main_text(tab)
    screenshot(tab, "draw-after-close-1-completed")

    choose(tab, "Wie zegt af?", f"nr {number},")
    tab.get_by_label("Reden (kort, geen gezondheid of andere gevoelige zaken)").fill("verhuisd")
    click(tab, "Afzeggen")
    expect(tab, "Afzegging vastgelegd.")
    click(tab, "Vervanger nemen")
    expect(tab, "Gevraagd als vervanger: ")
    assert "10 / 11" in main_text(tab)
    screenshot(tab, "draw-after-close-2-reserve-asked")

    choose(tab, "Wie zegt ja?", "nog niet bevestigd")
    click(tab, "Bevestigen")
    expect(tab, "Bevestigd: ")
    text = main_text(tab)
    assert "11 / 11" in text and "status: afgerond" in text
    assert "Vervangen" in text  # the status of the member who stopped
    screenshot(tab, "draw-after-close-3-confirmed")
