"""The direct method's steps on the draw page (AppTest): the plan in terms of home
visits, a visit recorded with its day and visitor (refused without a visitor, nothing
stored), the walking list made and offered as HTML and CSV, and a replacement shown
right after the address it replaces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from dashboard.services.draws import invitations as draw_invitations
from dashboard.store import draws as draw_rows
from dashboard.store.db import open_store
from sortition import clock
from tests.dashboard.test_organiser_budget_page import by_label
from tests.dashboard.test_organiser_draw_page import (
    ORGANISER,
    direct_draw_with_ten_addresses,
    open_page,
    text,
)
from tests.shown import shown


def downloads(at: AppTest) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


def visits_of(db: Path, draw_id: int) -> list[Any]:
    store = open_store(db)
    try:
        with store.read() as cur:
            return draw_rows.responses(cur, draw_id)
    finally:
        store.close()


def test_the_direct_methods_plan_speaks_of_home_visits(app_db: Path) -> None:
    draw_id, _ = direct_draw_with_ten_addresses(app_db)
    after = text(open_page({"loting": str(draw_id), "stap": "3"}))
    assert "adressen voor huisbezoeken" in after
    assert "Wat nu: de huisbezoeken (stap 4)" in after
    assert "looplijst" in after and "dezelfde groep" in after
    assert "Brieven maken" not in after and "Aanmelden vóór" not in after


def test_a_visit_needs_a_visitor_and_keeps_its_day(app_db: Path) -> None:
    draw_id, first = direct_draw_with_ten_addresses(app_db)
    at = open_page({"loting": str(draw_id), "stap": "4"})
    day = by_label(at.date_input, "Datum van het bezoek")
    assert day.value == clock.today()
    by_label(at.selectbox, "Adres").set_value(first)
    by_label(at.radio, "Uitkomst").set_value("later")
    by_label(at.button, "Bezoek vastleggen").click()
    at.run()
    assert not at.exception, at.exception
    assert "Vul de naam van de bezoeker in." in [shown(e.value) for e in at.error]
    assert visits_of(app_db, draw_id) == []
    by_label(at.text_input, "Naam van de bezoeker").input("Anna de Vries")
    by_label(at.button, "Bezoek vastleggen").click()
    at.run()
    assert "Het bezoek is vastgelegd." in at.success[0].value
    [made] = visits_of(app_db, draw_id)
    assert (made.visitor, made.visited_on, made.outcome) == (
        "Anna de Vries",
        clock.today(),
        "later",
    )
    [table] = [d.value for d in at.dataframe if "Laatste bezoek" in d.value.columns]
    row = table[table["Nr"] == first].iloc[0]
    assert row["Bezoeker"] == "Anna de Vries"
    assert row["Laatste bezoek"] == f"{clock.today():%d-%m-%Y}"
    [history] = [d.value for d in at.dataframe if "Datum" in d.value.columns]
    assert list(history["Bezoeker"]) == ["Anna de Vries"]


def test_the_walking_list_is_made_and_offered_to_download(app_db: Path) -> None:
    draw_id, _ = direct_draw_with_ten_addresses(app_db)
    at = open_page({"loting": str(draw_id), "stap": "4"})
    assert downloads(at) == []  # nothing with names is made before it is asked for
    by_label(at.button, "Looplijst maken").click()
    at.run()
    assert not at.exception, at.exception
    assert "Looplijst gemaakt: 10 adressen" in " ".join(c.value for c in at.caption)
    assert downloads(at) == ["Looplijst om te printen (HTML)", "Looplijst (CSV)"]


def test_a_replacement_stands_right_after_the_address_it_replaces(app_db: Path) -> None:
    draw_id, first = direct_draw_with_ten_addresses(app_db)
    store = open_store(app_db)
    try:
        with store.read() as cur:
            last = draw_rows.invitations(cur, draw_id)[-1].id
        draw_invitations.record_visit(store, ORGANISER, last, "nee", visitor="Anna")
        replacement = draw_invitations.replace_refusal(store, ORGANISER, last)
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "4"})
    [table] = [d.value for d in at.dataframe if "Vervangt adres nr" in d.value.columns]
    numbers = list(table["Nr"])
    assert numbers.index(replacement) == numbers.index(last) + 1
    assert table[table["Nr"] == replacement]["Vervangt adres nr"].iloc[0] == str(last)
    assert numbers[0] == first
