"""Step 8's letters after the draw and the council's contact list on the page (AppTest):
offered only after the public draw, made on a click with their downloads, refused input
said in Dutch, and the contact details shown only behind their button, audited."""

from __future__ import annotations

from pathlib import Path

from dashboard.i18n.catalog import translations
from dashboard.services.draws import after_draw
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import selection as draw_selection
from dashboard.store import audit
from dashboard.store.db import open_store
from tests.dashboard.test_organiser_budget_page import by_label
from tests.dashboard.test_organiser_draw_page import ORGANISER, open_page, prepared_draw, text
from tests.dashboard.test_public_privacy import everything_shown

LETTERS = "Brieven na de loting"
CONTACTS = "Contactlijst van de raad"


def audited(db: Path) -> list[str]:
    store = open_store(db)
    try:
        with store.read() as cur:
            return [e.action for e in audit.events(cur) if e.action.startswith("draw.")]
    finally:
        store.close()


def test_the_letters_and_contact_list_appear_only_after_the_public_draw(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 6)
    at = open_page({"loting": str(draw_id), "stap": "8"})
    assert "Doe eerst de openbare trekking" in text(at)
    assert not [e for e in at.expander if e.label in (LETTERS, CONTACTS)]

    store = open_store(app_db)
    try:  # the public draw (step 7)
        draw_selection.reveal_draw(store, ORGANISER, draw_id, ["3", "5", "1"])
    finally:
        store.close()
    at = open_page({"loting": str(draw_id), "stap": "8"})
    assert {LETTERS, CONTACTS} <= {e.label for e in at.expander}
    assert "Brieven om te printen" not in everything_shown(at)  # nothing made yet
    by_label(at.button, "Brieven maken").click()
    at.run()
    assert not at.exception, at.exception
    assert "Vul een telefoonnummer in" in at.error[0].value
    assert "draw.after_letters" not in audited(app_db)

    by_label(at.text_input, "Telefoonnummer voor vragen").input("14 050")
    by_label(at.text_input, "E-mailadres voor vragen").input("wijkraad@wijkdam.nl")
    by_label(at.text_input, "Afzender (ondertekening)").input("Team Wijkraad")
    by_label(at.radio, "Brieven voor").set_value("reserve")
    by_label(at.button, "Brieven maken").click()
    at.run()
    assert not at.exception, at.exception
    assert "brieven gemaakt" in at.success[0].value
    shown = everything_shown(at)
    assert "Brieven om te printen (HTML, één brief per pagina)" in shown
    assert "Bestand voor de drukker (CSV)" in shown
    assert audited(app_db).count("draw.after_letters") == 1


def test_contact_details_are_shown_behind_their_button_and_audited(app_db: Path) -> None:
    draw_id = prepared_draw(app_db, 7)
    store = open_store(app_db)
    try:
        members = draw_members.members_view(store, ORGANISER, draw_id).members
    finally:
        store.close()
    a_name = str(members.loc[members["status"] == "selected", "name"].iloc[0])
    at = open_page({"loting": str(draw_id), "stap": "8"})
    assert not [d for d in at.dataframe if "Postcode" in d.value.columns]
    assert "draw.contact_list" not in audited(app_db)
    by_label(at.button, "Toon contactgegevens").click()
    at.run()
    assert not at.exception, at.exception
    contacts = [d.value for d in at.dataframe if "Postcode" in d.value.columns]
    assert len(contacts) == 1 and a_name in set(contacts[0]["Naam"])
    assert set(contacts[0]["Status"]) == {"nog niet bevestigd"}
    assert "Contactlijst (CSV)" in everything_shown(at)
    assert audited(app_db).count("draw.contact_list") == 1


def test_the_words_of_the_contact_list_have_english() -> None:
    words = ["geloot", "benoemd", "wijkpanel", "bevestigd", "nog niet bevestigd"]
    for word in [*words, after_draw.NO_CONTACT]:
        assert word in translations("en"), word
