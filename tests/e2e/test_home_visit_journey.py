"""Home visits in a real Chromium (issue 17): the direct method's plan, a visit with its
day and visitor, the same "niet thuis" twice (both kept, defect 5), a refusal replaced
from the same group and shown next to the address it replaces, and the walking list the
visitors print. The draw and its addresses are made through the services first; the
browser does what the organiser does on the day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from dashboard.store import draws as draw_rows
from dashboard.store.db import open_store
from tests.dashboard.test_organiser_draw_page import direct_draw_with_ten_addresses
from tests.e2e.harness import Server, click_and_wait, log_in, pick, running_server, screenshot
from tests.e2e.harness import wait_until_ready as settle
from tests.e2e.test_draw_journey import download, errors, expect, main_text

pytestmark = pytest.mark.browser


@pytest.fixture
def visits(demo_db: Path) -> Iterator[tuple[Server, int, list[int]]]:
    """The server, a direct draw with ten addresses, and the addresses' numbers."""
    draw_id, _ = direct_draw_with_ten_addresses(demo_db)
    store = open_store(demo_db)
    try:
        with store.read() as cur:
            table = draw_rows.visit_list(cur, draw_id)
    finally:
        store.close()
    with running_server(demo_db) as server:
        yield server, draw_id, sorted(int(i) for i in table["invitation_id"])


def record_visit(tab: Page, number: int, outcome: str, visitor: str) -> None:
    form = tab.locator("[data-testid='stForm']").filter(has_text="Bezoek vastleggen")
    pick(tab, form.get_by_role("combobox", name="Adres"), f"nr {number}:")
    form.get_by_label("Naam van de bezoeker").fill(visitor)
    form.get_by_text(outcome, exact=True).click()
    click_and_wait(tab, form.get_by_role("button", name="Bezoek vastleggen"))
    expect(tab, "Het bezoek is vastgelegd.")


def test_a_day_of_home_visits(visits: tuple[Server, int, dict[int, str]], browser: Browser) -> None:
    server, draw_id, streets = visits
    first, second = sorted(streets)[:2]
    context = browser.new_context(
        viewport={"width": 1366, "height": 1400}, locale="nl-NL", accept_downloads=True
    )
    tab = context.new_page()
    tab.goto(f"{server.url}/login")
    settle(tab)
    log_in(tab, "organisator", "demo-organisator")

    # The plan speaks of home visits, not of letters (defect 8).
    tab.goto(f"{server.url}/organiser_draw?loting={draw_id}&stap=3")
    settle(tab)
    plan = main_text(tab)
    assert "adressen voor huisbezoeken" in plan and "Brieven maken" not in plan
    screenshot(tab, "visits-1-plan")

    # Nobody home twice at the same address: both visits are kept (defect 5).
    tab.goto(f"{server.url}/organiser_draw?loting={draw_id}&stap=4")
    settle(tab)
    record_visit(tab, first, "Niet thuis", "Anna de Vries")
    record_visit(tab, first, "Niet thuis", "Anna de Vries")
    expect(tab, "Alle bezoeken (2)")
    # A no at the second address, replaced from the same group.
    record_visit(tab, second, "Nee", "Bram Jansen")
    pick(tab, tab.get_by_role("combobox", name="Wie wordt vervangen?"), f"nr {second}:")
    click_and_wait(tab, tab.get_by_role("button", name="Vervanger loten"))
    expect(tab, "Er is een vervanger geloot uit dezelfde groep.")
    assert not errors(tab), errors(tab)
    screenshot(tab, "visits-2-replaced")

    # The walking list: the address nobody answered comes back, the refusal does not,
    # its replacement is on it.
    click_and_wait(tab, tab.get_by_role("button", name="Looplijst maken"))
    expect(tab, "Looplijst gemaakt:")
    walking = download(tab, "Looplijst om te printen (HTML)").decode()
    assert f"nr {first}<br>" in walking and f"nr {second}<br>" not in walking
    assert f"vervangt adres nr {second}" in walking
    page = context.new_page()
    page.set_content(walking)
    screenshot(page, "visits-3-walking-list")
    context.close()
