"""The organisers' household book page, rendered with AppTest."""

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.text import plain
from dashboard.domain.auth import Caller, Role
from dashboard.services.budget.spending import allocations_of
from dashboard.store import budget, council, proposals
from dashboard.store.db import open_store
from tests import app_pages
from tests.app_pages import APP
from tests.shown import shown


@pytest.fixture
def app_db(app_location: str) -> str:
    """Every test of this file on DuckDB and on PostgreSQL (tests/dashboard/conftest.py)."""
    return app_location


PAGE = "dashboard/pages/organiser_budget.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)
ENERGY = 1  # the demo's first theme


def open_page(caller: Caller | None = ORGANISER) -> AppTest:
    at = app_pages.open_page(PAGE, caller=caller)
    assert not at.exception, at.exception
    return at


def by_label(widgets: Any, label: str) -> Any:
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget labelled {label!r}: {[w.label for w in widgets]}"
    return found[0]


def submit(at: AppTest, button: str) -> AppTest:
    by_label(at.button, button).click()
    at.run()
    assert not at.exception, at.exception
    return at


def submitted_reference(at: AppTest) -> str:
    """The reference the success message names ("Voorstel WR-2026-00214 is ingediend.")."""
    found = [re.match(r"Voorstel (WR-\d{4}-\d{5}) is ingediend\.", s.value) for s in at.success]
    references = [m.group(1) for m in found if m]
    assert references, [s.value for s in at.success]
    return references[0]


def proposal_count(db: str | Path) -> int:
    store = open_store(db)
    try:
        with store.read() as cur:
            return len(proposals.proposals_for_neighbourhood(cur, 7))
    finally:
        store.close()


def test_the_public_is_sent_to_the_login(app_db: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    # The page is not in the public navigation; rendering it directly still refuses.
    at = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=30)
    at.run()
    assert "Alleen organisatoren" in at.warning[0].value


def test_the_book_shows_the_year_figures(app_db: str) -> None:
    at = open_page()
    labels = [m.label for m in at.metric]
    assert labels == ["Budget", "Toegekend", "Uitgegeven", "Beschikbaar"]
    assert all(m.value.startswith("€") for m in at.metric)


def test_submitting_a_proposal_through_the_form(app_db: str) -> None:
    at = open_page()
    at.selectbox(key="boek_wijk").select(7).run()
    before = len(at.dataframe[1].value)
    by_label(at.text_input, "Titel").input("Bankjes bij de vijver")
    by_label(at.text_area, "Omschrijving").input("Drie bankjes zodat ouderen kunnen rusten.")
    by_label(at.text_input, "Gevraagd bedrag (€)").input("2.400")
    by_label(at.multiselect, "Thema's").select(ENERGY)
    submit(at, "Voorstel indienen")
    assert submitted_reference(at) == newest_proposal(app_db).external_ref
    assert len(at.dataframe[1].value) == before + 1


def test_a_bad_amount_gives_a_dutch_message_and_changes_nothing(app_db: str) -> None:
    before = proposal_count(app_db)
    at = open_page()
    at.selectbox(key="boek_wijk").select(7).run()
    by_label(at.text_input, "Titel").input("Bankjes")
    by_label(at.text_area, "Omschrijving").input("Drie bankjes.")
    by_label(at.text_input, "Gevraagd bedrag (€)").input("twee euro")
    by_label(at.multiselect, "Thema's").select(ENERGY)
    submit(at, "Voorstel indienen")
    assert "'twee euro' is geen bedrag" in shown(at.error[0].value)
    assert proposal_count(app_db) == before


def test_a_decision_without_quorum_is_refused(app_db: str) -> None:
    at = open_page()
    by_label(at.selectbox, "Soort besluit").select("overig")
    by_label(at.number_input, "Aanwezig").set_value(3)
    by_label(at.number_input, "Voor").set_value(3)
    by_label(at.text_area, "Motivering in gewone woorden").input("Een goed plan voor de buurt.")
    by_label(at.selectbox, "Hoe zijn bewoners vooraf geraadpleegd?").select("geen")
    submit(at, "Besluit vastleggen")
    assert "quorum is niet gehaald: 3 leden aanwezig" in shown(at.error[0].value)


def test_how_residents_were_consulted_has_no_default(app_db: str) -> None:
    """Whatever is chosen is told to residents as a fact ('Het wijkpanel gaf vooraf zijn
    mening'): a decision recorded without choosing is refused, never published as wijkpanel."""
    at = open_page()
    method = by_label(at.selectbox, "Hoe zijn bewoners vooraf geraadpleegd?")
    assert method.value is None
    by_label(at.selectbox, "Soort besluit").select("overig")
    by_label(at.number_input, "Aanwezig").set_value(9)
    by_label(at.number_input, "Voor").set_value(9)
    by_label(at.text_area, "Motivering in gewone woorden").input("Een goed plan voor de buurt.")
    submit(at, "Besluit vastleggen")
    assert "Kies hoe bewoners vooraf zijn geraadpleegd." in [shown(e.value) for e in at.error]


@pytest.mark.parametrize("tab_button", ["Tegenboeken", "Uitgave boeken", "Mijlpaal toevoegen"])
def test_buttons_without_a_choice_say_what_is_missing(app_db: str, tab_button: str) -> None:
    at = open_page()
    submit(at, tab_button)
    assert any("Kies eerst" in e.value for e in at.error)


def test_a_refused_form_keeps_what_was_typed_and_a_success_empties_it(app_db: str) -> None:
    at = open_page()
    by_label(at.text_input, "Titel").input("Bankjes")
    by_label(at.text_area, "Omschrijving").input("Drie bankjes.")
    by_label(at.text_input, "Gevraagd bedrag (€)").input("twee euro")
    by_label(at.multiselect, "Thema's").select(ENERGY)
    submit(at, "Voorstel indienen")
    assert at.error
    assert by_label(at.text_input, "Titel").value == "Bankjes"
    by_label(at.text_input, "Gevraagd bedrag (€)").input("2,00")
    submit(at, "Voorstel indienen")
    assert submitted_reference(at)
    assert by_label(at.text_input, "Titel").value == ""


def newest_proposal(db: str | Path) -> Any:
    store = open_store(db)
    try:
        with store.read() as cur:
            return max(proposals.proposals_for_neighbourhood(cur, 7), key=lambda p: p.id)
    finally:
        store.close()


def test_a_proposal_gets_its_place_on_the_map_or_a_clear_refusal(app_db: str) -> None:
    at = open_page()
    at.selectbox(key="boek_wijk").select(7).run()
    by_label(at.text_input, "Titel").input("Speeltuin aan de Beekweg")
    by_label(at.text_area, "Omschrijving").input("Een klimrek en twee schommels.")
    by_label(at.text_input, "Gevraagd bedrag (€)").input("9.000")
    by_label(at.multiselect, "Thema's").select(ENERGY)
    by_label(at.text_input, "Plek (breedtegraad, lengtegraad; mag leeg)").input("48.85, 2.35")
    before = proposal_count(app_db)
    submit(at, "Voorstel indienen")
    assert at.error and proposal_count(app_db) == before  # Paris is not in the Netherlands
    place = "Plek (breedtegraad, lengtegraad; mag leeg)"
    by_label(at.text_input, place).input("53.2012, 6.5531")  # in the Netherlands, next door
    submit(at, "Voorstel indienen")
    assert "ligt niet in Beekveld" in shown(at.error[0].value)
    assert proposal_count(app_db) == before
    by_label(at.text_input, place).input("53.2065, 6.5660")
    submit(at, "Voorstel indienen")
    assert submitted_reference(at)
    made = newest_proposal(app_db)
    assert (made.title, made.location_lat, made.location_lon) == (
        "Speeltuin aan de Beekweg",
        53.2065,
        6.566,
    )
    assert made.part_id is not None  # the buurt the place lies in


def test_an_allocation_booked_by_mistake_is_reversed_from_the_page(app_db: str) -> None:
    store = open_store(app_db)
    try:  # an allocation with nothing spent on it yet: only those can be booked back whole
        with store.read() as cur:
            spent_from = {
                t.allocation_id for hood in range(1, 13)
                for t in budget.spending_for_neighbourhood(cur, hood)
            }  # fmt: skip
        hood, first = next(
            (hood, a.id)
            for hood in range(1, 13)
            for a in allocations_of(store, ORGANISER, hood)
            if a.id not in spent_from
        )
    finally:
        store.close()
    at = open_page()
    at.selectbox(key="boek_wijk").select(hood).run()
    available = at.metric[3].value
    submit(at, "Toekenning terugboeken")
    assert "Kies eerst een toekenning." in [e.value for e in at.error]
    by_label(at.selectbox, "Toekenning").set_value(first)
    by_label(at.text_input, "Reden van de correctie").input("ok")
    submit(at, "Toekenning terugboeken")
    assert at.error and at.metric[3].value == available  # a reason needs five letters
    by_label(at.text_input, "Reden van de correctie").input("Verkeerd budget gekozen")
    submit(at, "Toekenning terugboeken")
    assert any("teruggeboekt" in s.value for s in at.success)
    assert at.metric[3].value != available  # the money is free again
    store = open_store(app_db)
    try:
        assert first not in [a.id for a in allocations_of(store, ORGANISER, hood)]
    finally:
        store.close()


def test_each_consultation_shows_its_result_per_option(app_db: str) -> None:
    store = open_store(app_db)
    try:
        with store.read() as cur:
            hood, question, options = next(
                (hood, c.question, found)
                for hood in range(1, 13)
                for c in council.consultations(cur, hood)
                if (
                    found := [
                        o
                        for o in council.consultation_options(cur, hood)
                        if o.consultation_id == c.id
                    ]
                )
            )
    finally:
        store.close()
    at = open_page()
    at.selectbox(key="boek_wijk").select(hood).run()
    results = [c.value for c in at.caption if c.value.startswith("Uitslag:")]
    expected = "Uitslag: " + "; ".join(f"{shown(plain(o.label))}: {o.votes}" for o in options)
    assert expected in [shown(r) for r in results], (question, results)
