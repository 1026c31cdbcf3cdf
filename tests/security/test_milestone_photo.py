"""A milestone's photo, uploaded in the household book, is kept (issue 15, finding 7: the
page never passed it to the service, so every photo was silently thrown away)."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.e2e.harness import (
    click_and_wait,
    log_in,
    pick,
    running_server,
    screenshot,
    wait_until_ready,
)

pytestmark = pytest.mark.browser


def decided_project(database: Path) -> tuple[str, str, int]:
    """A decided project of the first neighbourhood: its reference, its neighbourhood's
    name, and how many of its milestones have a photo."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        ref, name, pid = con.execute(
            "SELECT p.external_ref, n.name, p.id FROM proposal p "
            "JOIN neighbourhood n ON n.id = p.neighbourhood_id "
            "WHERE p.status IN ('besloten', 'in uitvoering') ORDER BY n.id, p.id LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()
    return str(ref), str(name), photos(database, int(pid))


def photos(database: Path, proposal_id: int | None = None) -> int:
    con = duckdb.connect(str(database), read_only=True)
    try:
        found = con.execute(
            "SELECT count(*) FROM milestone WHERE photo_path IS NOT NULL"
            + ("" if proposal_id is None else " AND proposal_id = ?"),
            [] if proposal_id is None else [proposal_id],
        ).fetchall()
    finally:
        con.close()
    return int(found[0][0])


def png(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, format="PNG")
    path = tmp_path / "bankjes.png"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_milestone_photo_uploaded_on_the_page_is_kept(
    demo_db: Path, page: Page, tmp_path: Path
) -> None:
    ref, hood, _ = decided_project(demo_db)
    before = photos(demo_db)
    photo = png(tmp_path)
    with running_server(demo_db) as server:
        page.set_viewport_size({"width": 1280, "height": 1600})
        page.goto(f"{server.url}/login")
        wait_until_ready(page)
        log_in(page, "organisator", "demo-organisator")
        page.goto(f"{server.url}/organiser_budget")
        wait_until_ready(page)
        page.get_by_label("Wijk").click()
        page.get_by_role("option", name=hood).first.click()
        wait_until_ready(page)
        page.get_by_role("tab", name="Voortgang").click()
        form = page.locator("[data-testid='stForm']").filter(has_text="Mijlpaal toevoegen")
        pick(page, form.get_by_label("Project"), ref)
        form.get_by_label("Mijlpaal", exact=True).fill("Bankjes geplaatst")
        form.get_by_label("Wat merken bewoners ervan?").fill("U kunt er nu zitten.")
        form.locator("input[type=file]").set_input_files(str(photo))
        page.wait_for_timeout(800)
        click_and_wait(page, form.get_by_role("button", name="Mijlpaal toevoegen"))
        page.wait_for_selector("text=De mijlpaal is toegevoegd.", timeout=20_000)
        screenshot(page, "milestone-photo")
    assert photos(demo_db) == before + 1
