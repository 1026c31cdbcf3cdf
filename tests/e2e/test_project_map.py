"""A resident in a real Chromium finds a project on the map of the neighbourhood's
projects, opens it with a click on its point, reads its timeline, and takes the
neighbourhood's meetings into a calendar; the map draws offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tests.e2e.harness import Server, screenshot, wait_until_ready

pytestmark = pytest.mark.browser

# Where the first project point of the map is on the screen, from plotly's own map.
FIRST_POINT = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    const map = gd._fullLayout.map._subplot.map;
    const trace = gd.data.find(t => t.customdata && t.customdata.length);
    const point = map.project([trace.lon[0], trace.lat[0]]);
    const box = map.getCanvas().getBoundingClientRect();
    return [box.left + point.x, box.top + point.y, trace.customdata[0]];
}"""


def test_a_click_on_a_project_point_opens_its_timeline(server: Server, page: Page) -> None:
    outside: list[str] = []

    def only_the_app(route: Route) -> None:
        url = route.request.url
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_the_app)
    page.goto(f"{server.url}/resident_project?wijk=WK003")
    wait_until_ready(page)
    page.wait_for_selector(".js-plotly-plot canvas", timeout=20_000)
    page.wait_for_timeout(1500)  # let MapLibre place the points
    x, y, ref = page.evaluate(FIRST_POINT)
    page.mouse.click(x, y)
    page.wait_for_url(f"**project={ref}**", timeout=20_000)
    wait_until_ready(page)
    page.get_by_role("heading", name="Tijdlijn").wait_for(timeout=20_000)
    text = page.inner_text("[data-testid='stMain']")
    assert ref in text and "Voorstel ingediend" in text and "Besluit:" in text
    screenshot(page, "resident-project")
    page.get_by_role("link", name="Alle besluiten van de wijkraad", exact=False).first.wait_for()
    page.goto(f"{server.url}/resident_decisions?wijk=WK003&tab=vergaderingen")
    wait_until_ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Alle vergaderingen in uw agenda (.ics)").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and b"LOCATION:" in content
    assert f"{server.url}/agenda/WK003.ics" in page.inner_text("[data-testid='stMain']")
    assert not outside, f"requests outside the app: {outside[:5]}"
