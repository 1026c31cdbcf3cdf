"""A resident in a real Chromium, on a desktop and on a phone: the neighbourhood's money,
the council's decisions and projects, and the council as groups."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.harness import Server, click_and_wait, screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def main_text(tab: Page) -> str:
    return str(tab.inner_text("[data-testid='stMain']"))


@pytest.fixture
def latest_rationale(demo_db: Path) -> str:
    # Read before the server starts: DuckDB lets only one process open the file.
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return str(
            con.execute(
                "SELECT d.rationale FROM decision d JOIN council_neighbourhood cn "
                "ON cn.council_id = d.council_id JOIN neighbourhood n "
                "ON n.id = cn.neighbourhood_id WHERE n.code = 'WK004' "
                "AND d.status = 'gepubliceerd' ORDER BY d.decided_on DESC, d.id DESC LIMIT 1"
            ).fetchall()[0][0]
        )
    finally:
        con.close()


@pytest.fixture
def names(demo_db: Path) -> dict[str, tuple[str, float, float]]:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT code, name, centroid_lat, centroid_lon FROM neighbourhood"
        ).fetchall()
    finally:
        con.close()
    return {code: (name, lat, lon) for code, name, lat, lon in rows}


def open_tab(tab: Page, name: str) -> None:
    tab.get_by_role("tab", name=name).click()
    tab.wait_for_timeout(200)


def test_a_resident_follows_the_money_and_meets_the_council(
    latest_rationale: str, server: Server, page: Page
) -> None:
    page.goto(f"{server.url}/?wijk=WK004")
    wait_until_ready(page)
    neighbourhood = page.get_by_label("Kies uw wijk").input_value()

    # Through the menu to the decisions: the same neighbourhood stays chosen.
    page.get_by_role("link", name="Besluiten en projecten").click()
    page.wait_for_url("**/resident_decisions**")
    wait_until_ready(page)
    assert page.get_by_label("Kies uw wijk").input_value() == neighbourhood
    screenshot(page, "resident-decisions")
    text = main_text(page)
    assert latest_rationale in text
    assert "voor," in text and "onthouding" in text

    open_tab(page, "Projecten")
    screenshot(page, "resident-projects")
    assert "% klaar" in main_text(page)
    assert "toegekend" in main_text(page)

    open_tab(page, "Vergaderingen")
    assert "Agenda" in main_text(page) or "nog geen nieuwe vergaderingen" in main_text(page)

    page.get_by_role("link", name="De wijkraad", exact=True).click()
    page.wait_for_url("**/resident_council**")
    wait_until_ready(page)
    screenshot(page, "resident-council")
    text = main_text(page)
    assert "In de wijkraad" in text and "In de wijk" in text
    assert "Hoe is de raad geloot?" in text

    # The same page in English, by the switch in the sidebar.
    click_and_wait(page, page.get_by_text("English"))
    screenshot(page, "resident-council-english")
    text = main_text(page)
    assert "How was the council drawn?" in text and "On the council" in text


def test_the_residents_pages_fit_a_phone(server: Server, browser: Browser) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    try:
        for path, name in [
            ("/?wijk=WK004", "phone-resident-overview"),
            ("/resident_decisions?wijk=WK004", "phone-resident-decisions"),
            ("/resident_council?wijk=WK004", "phone-resident-council"),
        ]:
            tab.goto(f"{server.url}{path}")
            wait_until_ready(tab)
            screenshot(tab, name)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{name}: the page is {width}px wide on a 390px phone"
    finally:
        context.close()


def test_a_resident_chooses_the_neighbourhood_on_the_map(
    names: dict[str, tuple[str, float, float]], server: Server, page: Page
) -> None:
    name = names["WK007"][0]
    page.goto(f"{server.url}/?wijk=WK001")
    wait_until_ready(page)
    page.get_by_role("button", name="Kies uw wijk op de kaart").click()
    page.wait_for_url("**/resident_map**")
    wait_until_ready(page)
    # the map is drawn on plain axes (charts.choice_map): one dot per neighbourhood
    dots = page.locator(".js-plotly-plot .scatterlayer .trace").last.locator(".point")
    dots.first.wait_for(timeout=20_000)
    screenshot(page, "resident-map")
    index = page.evaluate(
        """(code) => {
            const traces = document.querySelector('.js-plotly-plot')._fullData;
            return traces[traces.length - 1].customdata.indexOf(code);
        }""",
        "WK007",
    )
    box = dots.nth(index).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/?wijk=WK007*", timeout=15_000)
    wait_until_ready(page)
    assert page.get_by_label("Kies uw wijk").input_value() == name
