"""Two app servers on one PostgreSQL database behind nginx with `deploy/nginx.conf` (issue
20), as processes: PostgreSQL from Debian's package (tests/postgres.py), the app twice,
and Debian's nginx. An organiser logs in through the proxy and adds a budget; each server,
asked directly, shows the residents the new budget and knows the organiser's login."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import (
    NGINX,
    Server,
    click_and_wait,
    log_in,
    running_server,
    screenshot,
    start_proxy,
    wait_until_ready,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

DESCRIPTION = "Extra budget via twee servers"
HOOD = "Beekveld"


@pytest.fixture
def proxy_folder(tmp_path: Path) -> Path:
    if not NGINX.is_file():
        if os.environ.get("CI"):
            pytest.fail(
                "CI needs /usr/sbin/nginx for the two-server test (apt-get install nginx-light)"
            )
        pytest.skip("/usr/sbin/nginx is missing: sudo apt-get install nginx-light")
    folder = tmp_path / "nginx"
    folder.mkdir()
    folder.chmod(0o777)  # nginx's workers run as another account when started as root
    return folder


@pytest.fixture
def servers(postgres_demo_url: str, tmp_path: Path) -> Iterator[list[Server]]:
    photos = tmp_path / "photos"
    settings = {
        "WIJKRAAD_DATABASE_URL": postgres_demo_url,
        "WIJKRAAD_PHOTOS": str(photos),
        "WIJKRAAD_TRUSTED_PROXIES": "127.0.0.1",
    }
    unused = tmp_path / "no-duckdb-file.duckdb"  # the URL wins: no DuckDB file is opened
    with (
        running_server(unused, settings=settings) as first,
        running_server(unused, settings=settings) as second,
    ):
        yield [first, second]
    assert not unused.exists()


@pytest.fixture
def proxy(servers: list[Server], proxy_folder: Path) -> Iterator[str]:
    upstreams = [int(s.url.rsplit(":", 1)[1]) for s in servers]
    process, url = start_proxy(upstreams, proxy_folder)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_budget_added_through_the_proxy_shows_on_both_servers(
    proxy: str, servers: list[Server], page: Page
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{proxy}/organiser_budget")
    wait_until_ready(page)
    log_in(page, "organisator", "demo-organisator")
    page.get_by_text("Budget toevoegen").first.wait_for(timeout=30_000)
    choose(page, "Wijk", HOOD)
    page.get_by_label("Bedrag (€)", exact=True).first.fill("1.234")
    page.get_by_label("Omschrijving", exact=True).first.fill(DESCRIPTION)
    click_and_wait(page, page.get_by_role("button", name="Budget toevoegen"))
    in_table = page.get_by_text(DESCRIPTION).first  # a cell of the budgets' data grid
    in_table.wait_for(state="attached", timeout=30_000)
    screenshot(page, "two-servers-proxy")
    for number, server in enumerate(servers, start=1):
        # The login cookie (signed with the secret kept in the database) works on both.
        page.goto(f"{server.url}/organiser_budget")
        wait_until_ready(page)
        page.get_by_text("Ingelogd als").first.wait_for(timeout=30_000)
        page.get_by_text(DESCRIPTION).first.wait_for(state="attached", timeout=30_000)
        # Residents see the new budget on both (each page's cache follows the database).
        page.goto(server.url)
        wait_until_ready(page)
        choose(page, "Kies uw wijk", HOOD)
        page.get_by_text(DESCRIPTION).first.wait_for(timeout=30_000)
        screenshot(page, f"two-servers-direct-{number}")


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the select box `label` by typing it, as a keyboard user does."""
    page.get_by_label(label, exact=True).first.focus()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    wait_until_ready(page)
