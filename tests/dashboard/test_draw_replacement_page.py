"""The ceremony on the projector (only the ceremony, a way back), a replacement by a
public draw from step 8 and the start of a rotation, rendered with AppTest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.services.draws import members as draw_members
from dashboard.store.db import open_store
from sortition import clock
from tests.dashboard.test_organiser_draw_page import (
    ORGANISER,
    by_label,
    open_page,
    prepared_draw,
    text,
)
from tests.services.test_draw_rotation import stop_a_member


def test_the_projector_shows_the_ceremony_alone_and_leads_back(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 6)
    at = open_page({"loting": str(draw_id), "stap": "7"})
    by_label(at.button, "Projectorweergave (alleen de trekking, groot)").click()
    at.run()
    assert at.query_params["scherm"] == "projector"
    assert not [w for w in at.selectbox if w.label == "Loting"]  # no draw picker
    assert not [w for w in at.radio if w.label == "Stap"]  # no step buttons
    assert not at.title  # no page title either
    by_label(at.text_area, "Getallen uit de zaal, één per regel").input("4\n2\n6")
    by_label(at.checkbox, "De getallen zijn hardop voorgelezen en kloppen.").check()
    by_label(at.button, "Trekking doen").click()
    at.run()
    assert not at.exception, at.exception
    assert "De getallen kiezen mogelijke raad" in text(at)
    assert at.query_params["scherm"] == "projector"
    # The room sees the council as the public file's groups: no member's number and
    # features (a number with its features singles a person out in a small neighbourhood).
    [council] = [tb.value for tb in at.table]
    assert list(council.columns) == ["In de raad"] and council.index.name == "Groep"
    assert not [d for d in at.dataframe if "Nummer" in d.value.columns]
    assert int(council["In de raad"].sum()) == 11
    by_label(at.button, "← Terug naar de werkruimte").click()
    at.run()
    assert "scherm" not in at.query_params
    assert by_label(at.radio, "Stap").value == 7


def test_a_replacement_draw_from_step_8_with_its_own_ceremony(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 7)
    store = open_store(app_db)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
        leaving = int(members.loc[members["status"] == "selected", "member_id"].iloc[0])
        draw_members.decline_member(store, ORGANISER, leaving, "geen tijd")
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "8"})
    by_label(at.multiselect, "Plaatsen die de loting vult").set_value([leaving])
    at.run()
    assert "1 plaatsen, te loten uit 19 aanmeldingen." in text(at)
    by_label(at.button, "Vervangingsloting voorbereiden").click()
    at.run()
    assert not at.exception, at.exception
    assert f"Vervangingsloting voor loting {draw_id}" in text(at)
    assert not [w for w in at.radio if w.label == "Stap"]
    by_label(at.text_area, "Getallen uit de zaal, één per regel").input("1\n6")
    by_label(at.checkbox, "De getallen zijn hardop voorgelezen en kloppen.").check()
    by_label(at.button, "Trekking doen").click()
    at.run()
    assert not at.exception, at.exception
    assert "De getallen kiezen groepje" in text(at) and "De vervangers" in text(at)
    by_label(at.button, "Controleer de trekking opnieuw").click()
    at.run()
    assert any("Klopt" in s.value for s in at.success)
    # Back to the council: the newcomer waits for a yes, the seat is not open any more.
    by_label(at.button, f"Naar de leden van de raad (loting {draw_id})").click()
    at.run()
    assert not at.exception, at.exception
    assert "Geen open plaatsen." in [c.value for c in at.caption]
    assert [m.value for m in at.metric if m.label == "Bevestigd"] == ["0 / 11"]


def start_rotation(seats: int) -> tuple[AppTest, str]:
    """Start a rotation of the first neighbourhood's council from step 1; the page and
    its captions."""
    at = open_page()
    by_label(at.selectbox, "Raad").select(1)  # the first neighbourhood's council
    at.run()
    by_label(at.radio, "Wat loot u?").set_value("rotation")
    by_label(at.number_input, "Zetels die rouleren (alleen bij een rotatie)").set_value(seats)
    by_label(at.date_input, "De termijn begint op").set_value(clock.today() + timedelta(days=60))
    by_label(at.button, "Loting aanmaken").click()
    at.run()
    assert not at.exception, at.exception
    assert "De loting is aangemaakt" in at.success[0].value
    return at, " ".join(c.value for c in at.caption)


def member_stops(db: Path) -> None:
    store = open_store(db)
    try:
        stop_a_member(store)
    finally:
        store.close()


def test_a_rotation_is_started_from_the_page(app_db: Path) -> None:
    at, captions = start_rotation(4)
    assert "4 zetels worden opnieuw geloot; 7 leden blijven" in captions
    assert "open zijn" not in captions
    assert "rotatie" in by_label(at.selectbox, "Loting").format_func(
        by_label(at.selectbox, "Loting").value
    )


def test_a_new_council_is_not_offered_a_rotation(app_db: Path) -> None:
    at = open_page()
    by_label(at.selectbox, "Raad").select(0)  # "Nieuwe raad maken"
    at.run()
    rotation = "Een rotatie: een deel van de zetels"
    assert by_label(at.radio, "Wat loot u?").options == ["De raad", "Een wijkpanel"]
    assert not [n for n in at.number_input if "rouleren" in n.label]
    by_label(at.selectbox, "Raad").select(1)  # a council that sits
    at.run()
    assert rotation in by_label(at.radio, "Wat loot u?").options


def test_a_rotation_of_no_seats_fills_the_open_seat(app_db: Path) -> None:
    member_stops(app_db)
    at, captions = start_rotation(0)
    assert "alleen de 1 open zetel(s) gevuld; niemand rouleert uit en 10 leden blijven" in captions
    assert "De loting vult ook" not in captions
    assert "1 plaats in de rotatie" in " ".join(m.value for m in at.markdown)


def test_a_rotation_says_it_also_fills_an_open_seat(app_db: Path) -> None:
    member_stops(app_db)
    _, captions = start_rotation(2)
    assert "2 zetels worden opnieuw geloot; 8 leden blijven" in captions
    assert "De loting vult ook 1 zetel(s) die op die dag open zijn" in captions
