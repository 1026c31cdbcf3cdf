"""An alderman in a real Chromium with every request outside the app blocked: the
monitor's table and map render offline (no tile server, no CDN)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, Route

from tests.e2e.harness import Server, click_and_wait, screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def test_the_alderman_sees_every_neighbourhood_on_an_offline_map(
    server: Server, page: Page
) -> None:
    outside: list[str] = []

    def only_the_app(route: Route) -> None:
        url = route.request.url
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_the_app)
    page.set_viewport_size({"width": 1366, "height": 900})  # an alderman's laptop
    page.goto(f"{server.url}/alderman_monitor")
    wait_until_ready(page)
    page.get_by_label("Gebruikersnaam").fill("wethouder")
    page.get_by_label("Wachtwoord").fill("demo-wethouder")
    click_and_wait(page, page.get_by_role("button", name="Inloggen"))
    # At 1366 pixels the key columns (spent, stalled, overspends, lead times) fit: the
    # table does not scroll sideways (issue 18); all 16 columns are a click away.
    page.wait_for_selector("[data-testid='stDataFrame'] .dvn-scroller", timeout=20_000)
    widths = """() => {
        const s = document.querySelector("[data-testid='stDataFrame'] .dvn-scroller");
        return [s.scrollWidth, s.clientWidth];
    }"""
    wide, shown = page.evaluate(widths)
    assert wide <= shown, (wide, shown)
    screenshot(page, "alderman-monitor-1366")
    # The keyboard opens a figure in the table itself (issue 18; Streamlit 1.67): Tab into
    # the table, the arrow keys move the selected cell, and the rows behind the selected
    # figure open under the table.
    page.locator("[data-testid='stButtonGroup'] button").last.focus()
    in_grid = """() => {
        const here = document.activeElement;  // the grid's canvas, or one of its cells
        return !!here?.closest("[data-testid='stDataFrame']")
            && (here.tagName === "CANVAS" || here.getAttribute("role") === "gridcell");
    }"""
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate(in_grid):
            break
    assert page.evaluate(in_grid), "Tab does not reach the table"
    # The grid's canvas has the focus; the first arrow key selects the first
    # neighbourhood's name (all its bookings), the next ones move from there.
    for key in ("ArrowDown", "ArrowDown", "ArrowRight"):  # the second neighbourhood, spent
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        wait_until_ready(page)
    page.locator("text=/: uitgegeven in 20\\d\\d: €/").first.wait_for(timeout=10_000)
    screenshot(page, "alderman-monitor-keyboard")
    # A row of the table opens the bookings behind its figures.
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # row 1
    page.wait_for_timeout(300)
    wait_until_ready(page)
    page.wait_for_selector("text=de betalingen", timeout=10_000)
    screenshot(page, "alderman-monitor-table")
    # The two lists under the table do the same, whatever the table selected before:
    # typing in a list picks its option (a neighbourhood and its spent amount).
    page.get_by_label("Wijk", exact=True).first.focus()
    page.keyboard.type("Kanaalzone")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    wait_until_ready(page)
    page.get_by_label("Cijfer", exact=True).first.focus()
    page.keyboard.type("Uitgegeven: de")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    wait_until_ready(page)
    heading = page.locator("text=/Kanaalzone: uitgegeven in 20\\d\\d: €/").first
    heading.wait_for(timeout=10_000)
    heading.scroll_into_view_if_needed()
    screenshot(page, "alderman-monitor-drill-down")
    with page.expect_download() as download:
        page.get_by_role("button", name="Als Excel (XLSX)").first.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    content = io.BytesIO(Path(download.value.path()).read_bytes())
    assert openpyxl.load_workbook(content).active.cell(1, 1).value == "Code"
    # Only the open tab runs: a click on another reruns the page with that tab's content.
    click_and_wait(page, page.get_by_role("tab", name="Kaart"))
    page.wait_for_selector(".js-plotly-plot canvas", timeout=20_000)
    page.wait_for_timeout(1500)  # let MapLibre paint
    text = page.inner_text("[data-testid='stMain']")
    assert "Monitor alle wijken" in text and "Punten: projecten met een plek" in text
    assert "Kanaalzone: uitgegeven" not in text  # the first tab's drill-down is closed
    painted = page.evaluate(
        """() => {
            const canvas = document.querySelector('.js-plotly-plot canvas.maplibregl-canvas')
                || document.querySelector('.js-plotly-plot canvas');
            return canvas ? [canvas.width, canvas.height] : null;
        }"""
    )
    assert painted and painted[0] > 100 and painted[1] > 100
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, "alderman-monitor-map")
    click_and_wait(page, page.get_by_role("tab", name="Thema's"))
    page.wait_for_selector("text=Aantal initiatieven met geld, per thema en jaar", timeout=20_000)
    page.wait_for_timeout(1000)  # let plotly draw
    screenshot(page, "alderman-monitor-themes")
    click_and_wait(page, page.get_by_role("tab", name="Representativiteit"))
    page.wait_for_selector("text=Wie zei ja bij de laatste loting?", timeout=20_000)
    assert page.locator("[data-testid='stDataFrame']").count() == 2  # councils, answers
    screenshot(page, "alderman-monitor-representativeness")
    assert not outside, f"requests outside the app: {outside[:5]}"
