"""The public announcement of a ceremony and checking a draw without a terminal (issue 17),
rendered with AppTest: step 7's announcement form, the residents' page "Openbare
trekkingen" (no personal data, typed text as text, in English too), the council page's
link from the outcome to its announcement, and "Controleer een loting" (every check ✓ for
a demo council, ✗ for a tampered upload, a Dutch message for a file that is no bundle)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.ceremonies_view import moment
from dashboard.domain.auth import Caller, Role
from dashboard.services import public
from dashboard.services.draws import announcement as draw_announcement
from dashboard.services.draws import selection as draw_selection
from dashboard.store import announcements
from dashboard.store import draws as draw_rows
from dashboard.store.db import open_store
from dashboard.web import client_limits
from sortition import clock
from sortition.checks import TEXTS
from tests import app_pages
from tests.conftest import DEMO_TODAY
from tests.dashboard.test_organiser_budget_page import by_label
from tests.dashboard.test_organiser_draw_page import prepared_draw
from tests.dashboard.test_organiser_draw_page import text as draw_text
from tests.dashboard.test_public_privacy import everything_shown, register
from tests.shown import shown as as_read

CEREMONIES = "dashboard/pages/resident_ceremonies.py"
CHECK = "dashboard/pages/resident_check.py"
COUNCIL = "dashboard/pages/resident_council.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)
METHOD = "Drie mensen uit de zaal noemen elk een getal van 1 tot 1000."
TYPED = "**Buurthuis** [De Ster](https://evil.example) $x$"


def open_public(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = app_pages.open_page(page, query=query)
    assert not at.exception, at.exception
    return at


def announced_draw(db: Path, location: str = TYPED) -> int:
    draw_id = prepared_draw(db, 6)
    store = open_store(db)
    try:
        draw_announcement.publish_announcement(
            store, ORGANISER, draw_id, clock.today() + timedelta(days=9), time(19, 30),
            location, METHOD,
        )  # fmt: skip
    finally:
        store.close()
    return draw_id


def commitment_of(db: Path, draw_id: int) -> str:
    store = open_store(db)
    try:
        with store.read() as cur:
            draw = draw_rows.draw(cur, draw_id)
    finally:
        store.close()
    assert draw is not None and draw.commitment is not None
    return draw.commitment


def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def test_an_announced_ceremony_shows_in_full_without_personal_data(app_db: Path) -> None:
    _, personal = register(app_db)  # before the app holds the database
    draw_id = announced_draw(app_db)
    at = open_public(CEREMONIES)
    assert at.title[0].value == "Openbare trekkingen"
    assert [h.value for h in at.header] == ["Komende trekkingen", "Eerdere trekkingen"]
    assert commitment_of(app_db, draw_id) in codes(at)  # the fingerprint in full
    markdown = "\n".join(m.value for m in at.markdown)
    assert METHOD in as_read(markdown) and TYPED in as_read(markdown)
    # What the organiser typed is text: escaped for Markdown, never a link or formula.
    assert "\\*\\*Buurthuis\\*\\* \\[De Ster\\]\\(https" in markdown
    assert "$x$" not in markdown
    captions = [c.value for c in at.caption]
    assert any(
        "laat zien dat vastlag welke raden uit de loting konden komen" in c for c in captions
    )
    assert any(c.startswith("Bekendgemaakt op ") for c in captions)
    shown = everything_shown(at)
    assert not sorted(value for value in personal if value in shown)


def test_the_announcement_page_in_english(app_db: Path) -> None:
    announced_draw(app_db, "Wijkcentrum De Ster")
    at = open_public(CEREMONIES, {"lang": "en"})
    assert at.title[0].value == "Public draws"
    assert [h.value for h in at.header] == ["Upcoming draws", "Past draws"]
    assert "This code shows that it was fixed which councils" in everything_shown(at)


def test_after_the_ceremony_the_announcement_shows_its_outcome(app_db: Path) -> None:
    draw_id = announced_draw(app_db, "Wijkcentrum De Ster")
    store = open_store(app_db)
    try:
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["4", "2", "6"])
    finally:
        store.close()
    at = open_public(CEREMONIES)
    assert at.info[0].value == "Er is op dit moment geen trekking aangekondigd."
    shown = everything_shown(at)
    assert "“4”, “2”, “6”" in shown
    assert any("is dezelfde als in de aankondiging" in s.value for s in at.success)
    assert "Zodra de gelote leden" in shown  # checkable once the draw is completed


def test_a_completed_draw_links_its_outcome_and_its_announcement(app_db: Path) -> None:
    """A demo council drawn in the past, with an announcement made before its ceremony:
    the announcement page links to the check, the council page to the announcement."""
    store = open_store(app_db)
    try:
        with store.read() as cur:
            hood = cur.execute("SELECT id FROM neighbourhood WHERE code = 'WK001'").fetchall()
        view = public.council_view(store, int(hood[0][0]), DEMO_TODAY)
        assert view is not None and view.draw is not None and view.draw.commitment
        assert view.draw.completed_on is not None
        drawn_on = datetime.combine(view.draw.completed_on, time(12, 0))
        published = drawn_on - timedelta(days=20)
        with store.transaction() as cur:
            announcements.add(cur, view.draw.draw_id, 1, drawn_on - timedelta(days=3),
                              "Wijkcentrum", METHOD, view.draw.commitment, published)  # fmt: skip
    finally:
        store.close()
    at = open_public(CEREMONIES)
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Controleer deze loting" in labels and "Zelf een loting nakijken" in labels
    assert any(
        s.value.startswith("De controlecode van de uitkomst is dezelfde") for s in at.success
    )
    council = open_public(COUNCIL, {"wijk": "WK001"})
    said = [m.value for m in council.markdown if m.value.startswith("Aangekondigd op")]
    assert said == [
        f"Aangekondigd op {moment(published)} met controlecode {view.draw.commitment[:12]}… "
        "Dat is dezelfde code als hierboven."
    ]
    labels = [link.proto.label for link in council.get("page_link")]
    assert "Naar de aankondiging" in labels and "Controleer deze loting op deze website" in labels


def test_the_check_page_finds_every_check_of_a_demo_council_right(app_db: Path) -> None:
    at = open_public(CHECK)
    assert at.title[0].value == "Controleer een loting"
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value == "Alles klopt: elke controle hieronder is goed."
    marks = [m.value for m in at.markdown if m.value.startswith(("✓", "✗", "–"))]
    assert f"✓ {TEXTS['commitment'].holds}" in marks
    assert f"✓ {TEXTS['panel'].holds}" in marks
    assert all(m.startswith("✓") for m in marks), marks
    assert at.query_params["loting"] == str(at.radio(key="controle_loting").value)


def test_the_check_page_opens_the_draw_in_its_address(app_db: Path) -> None:
    store = open_store(app_db)
    try:
        draws = public.checkable_draws(store, clock.today())
    finally:
        store.close()
    last = draws[-1].draw_id
    at = open_public(CHECK, {"loting": str(last)})
    assert at.radio(key="controle_loting").value == last
    for forged in ("abc", "-1", "999999"):
        assert open_public(CHECK, {"loting": forged}).radio(key="controle_loting").value


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.radio(key="controle_hoe").set_value("bestand").run()
    at.file_uploader(key="controle_bestand").set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def demo_public_bundle(db: Path) -> dict:
    store = open_store(db)
    try:
        draw_id = public.checkable_draws(store, clock.today())[0].draw_id
        text = public.draw_bundle(store, draw_id)
    finally:
        store.close()
    assert text is not None
    return json.loads(text)


def test_an_uploaded_tampered_bundle_shows_what_fails(app_db: Path) -> None:
    bundle = demo_public_bundle(app_db)
    bundle["panel"][0] += 1
    at = upload(open_public(CHECK), "loting.json", json.dumps(bundle).encode())
    errors = [e.value for e in at.error]
    assert errors[0].startswith("1 van de ") and "controles klopt niet." in errors[0]
    assert f"✗ {TEXTS['panel'].fails}" in errors
    assert any(c.value.startswith("Wat er niet klopt") for c in at.caption)
    assert f"✓ {TEXTS['commitment'].holds}" in [m.value for m in at.markdown]


def test_an_uploaded_file_that_is_no_bundle_gets_a_dutch_message(app_db: Path) -> None:
    at = upload(open_public(CHECK), "loting.json", b"<html>geen json</html>")
    assert [as_read(e.value) for e in at.error] == [
        "Dit bestand is geen JSON-bestand, dus geen controlebestand van een loting."
    ]
    at = upload(open_public(CHECK), "diep.json", b"[" * 50_000 + b"]" * 50_000)
    assert "veel te diep" in at.error[0].value


def test_step_7_publishes_the_announcement(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 6)
    at = app_pages.open_page(
        "dashboard/pages/organiser_draw.py",
        caller=ORGANISER,
        query={"loting": str(draw_id), "stap": "7"},
    )
    assert not at.exception, at.exception
    assert "Nog niet aangekondigd" in draw_text(at)
    by_label(at.date_input, "Datum van de trekking").set_value(clock.today() + timedelta(days=5))
    by_label(at.time_input, "Begintijd").set_value(time(20, 0))
    by_label(at.text_area, "Hoe worden de getallen uit de zaal gekozen?").input(METHOD)
    by_label(at.button, "Aankondiging publiceren").click()
    at.run()
    assert "Vul in waar de trekking is" in at.error[0].value  # the place is missing
    assert _versions(app_db, draw_id) == 0
    by_label(at.text_input, "Plaats").input("Wijkcentrum De Ster")
    by_label(at.button, "Aankondiging publiceren").click()
    at.run()
    assert not at.exception, at.exception
    assert "De aankondiging is gepubliceerd (versie 1)" in at.success[0].value
    assert "Aangekondigd voor" in draw_text(at) and "Wijkcentrum De Ster" in draw_text(at)
    assert _versions(app_db, draw_id) == 1
    assert by_label(at.text_area, "Getallen uit de zaal, één per regel")  # the inputs come next


def _versions(db: Path, draw_id: int) -> int:
    store = open_store(db)
    try:
        found = public.draw_announcement(store, draw_id)
    finally:
        store.close()
    return 0 if found is None else len(found.earlier) + 1


def test_checking_uploads_counts_against_the_public_download_limit(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visitor = "203.0.113.9"
    monkeypatch.setattr(client_limits, "current_client", lambda: visitor)
    client_limits.DOWNLOADS.reset()
    try:
        while client_limits.DOWNLOADS.take(visitor).allowed:
            pass
        at = upload(
            open_public(CHECK), "loting.json", json.dumps(demo_public_bundle(app_db)).encode()
        )
        assert [w.value for w in at.warning] == [
            "Te veel pogingen vanaf dit adres; probeer het over 1 minuut opnieuw."
        ]
        assert not at.success and not at.error  # nothing was checked
    finally:
        client_limits.DOWNLOADS.reset()
