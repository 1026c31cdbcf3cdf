"""A resident proposes an idea on a phone, an organiser publishes it (on the same phone),
and the idea is on the neighbourhood's public list, without the resident's contact."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser

from tests.e2e.harness import (
    click_and_wait,
    log_in,
    pick,
    running_server,
    screenshot,
    wait_until_ready,
)

pytestmark = pytest.mark.browser
CODE = "WK007"
TITLE = "Bankjes bij de vijver"
CONTACT = ("Fatima el Amrani", "06 12345678")


def neighbourhood_name(database: Path) -> str:
    con = duckdb.connect(str(database), read_only=True)  # before the server holds the file
    try:
        return str(
            con.execute("SELECT name FROM neighbourhood WHERE code = ?", [CODE]).fetchall()[0][0]
        )
    finally:
        con.close()


def test_an_idea_sent_on_a_phone_is_published_and_shown(demo_db: Path, browser: Browser) -> None:
    name = neighbourhood_name(demo_db)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    main = tab.locator("[data-testid='stMain']")
    try:
        with running_server(demo_db) as server:
            tab.goto(f"{server.url}/resident_idea?wijk={CODE}")
            wait_until_ready(tab)
            tab.get_by_label("Titel van uw idee").fill(TITLE)
            tab.get_by_role("textbox", name="Beschrijf uw idee").fill(
                "Drie bankjes langs het pad, zodat ouderen onderweg kunnen rusten."
            )
            tab.get_by_role("textbox", name="Wat kost het ongeveer? (euro)").fill("1.250")
            pick(tab, tab.get_by_label("Thema"), "Openbare ruimte")
            tab.get_by_label("Uw naam").fill(CONTACT[0])
            tab.get_by_label("Telefoonnummer").fill(CONTACT[1])
            screenshot(tab, "idea-form-phone")
            click_and_wait(tab, tab.get_by_role("button", name="Idee versturen"))
            tab.wait_for_selector("text=Dank u wel! Uw idee is verstuurd.", timeout=20_000)
            found = re.search(r"Uw kenmerk is (I-\d{4}-\d{4})", main.inner_text())
            assert found, main.inner_text()
            reference = found.group(1)
            screenshot(tab, "idea-sent-phone")

            tab.goto(f"{server.url}/login")
            wait_until_ready(tab)
            log_in(tab, "organisator", "demo-organisator")
            tab.goto(f"{server.url}/organiser_budget?tabblad=Idee%C3%ABn")
            wait_until_ready(tab)
            if tab.get_by_label("Wijk").input_value() != name:
                pick(tab, tab.get_by_label("Wijk"), name)
                wait_until_ready(tab)
            pick(tab, tab.get_by_label("Idee", exact=True), reference)
            wait_until_ready(tab)
            assert TITLE in main.inner_text()
            click_and_wait(tab, tab.get_by_role("button", name="Idee publiceren"))
            tab.wait_for_selector(f"text=Idee {reference} is gepubliceerd.", timeout=20_000)
            screenshot(tab, "idea-published-phone")

            tab.goto(f"{server.url}/resident_ideas?wijk={CODE}")
            wait_until_ready(tab)
            text = main.inner_text()
            assert f"{TITLE} ({reference})" in text
            assert not [value for value in CONTACT if value in text]
            screenshot(tab, "ideas-list-phone")
    finally:
        context.close()
