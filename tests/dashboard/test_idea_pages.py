"""Residents' ideas on the pages, with AppTest: the form (every problem at once, the
reference and what happens next, once per showing, within the per-client limit), the
public list (text as typed, never a contact, waiting ideas hidden), and the organisers'
tab *Ideeën* in the budget book (publish, merge, reject with a reason, make a proposal,
the contact on request)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.text import plain
from dashboard.domain.auth import Caller, Role
from dashboard.services.budget.ideas import IdeaInput, publish_idea, submit_idea
from dashboard.store import ideas, proposals
from dashboard.store.db import Store
from dashboard.web import client_limits
from dashboard.web.app_state import _store
from tests import app_pages
from tests.dashboard.test_public_privacy import everything_shown
from tests.database_state import count, fingerprint
from tests.shown import shown

FORM = "dashboard/pages/resident_idea.py"
LIST = "dashboard/pages/resident_ideas.py"
BOOK = "dashboard/pages/organiser_budget.py"
HOOD, CODE = 7, "WK007"  # Beekveld: the budget book's first neighbourhood (by name)
ORGANISER = Caller("organisator", Role.ORGANISER, None)
CONTACT = ("Fatima el Amrani", "fatima.elamrani@example.nl", "06 12345678")
MARKUP = "<b>x</b> $x^2$ :smile:"
TEXT = "Eerste regel met **vet** en [een link](https://evil.example).\n\nTweede alinea."


def open_page(page: str, caller: Caller | None = None, **query: str) -> AppTest:
    at = app_pages.open_page(page, caller=caller, query={"wijk": CODE, **query})
    assert not at.exception, at.exception
    return at


def text_of(at: AppTest) -> str:
    """What a reader sees of the page's texts (the escapes of typed text resolved)."""
    elements = [*at.header, *at.markdown, *at.caption, *at.info, *at.success, *at.error]
    return "\n".join(shown(str(e.value)) for e in elements)


def by_label(widgets: Any, label: str) -> Any:
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget labelled {label!r}: {[w.label for w in widgets]}"
    return found[0]


def click(at: AppTest, label: str) -> AppTest:
    by_label(at.button, label).click()
    at.run()
    assert not at.exception, at.exception
    return at


def fill(at: AppTest, store: Store, title: str = "Bankjes bij de vijver") -> AppTest:
    by_label(at.text_input, "Titel van uw idee").input(title)
    by_label(at.text_area, "Beschrijf uw idee").input(TEXT)
    by_label(at.text_input, "Wat kost het ongeveer? (euro)").input("1.250")
    with store.read() as cur:
        theme = next(iter(proposals.themes(cur)))
    by_label(at.selectbox, "Thema").select(theme)
    by_label(at.text_input, "Uw naam").input(CONTACT[0])
    by_label(at.text_input, "Telefoonnummer").input(CONTACT[2])
    by_label(at.text_input, "E-mailadres").input(CONTACT[1])
    return at


def ideas_of(store: Store) -> list[ideas.Idea]:
    with store.read() as cur:
        return ideas.ideas_for_neighbourhood(cur, HOOD)


def submitted(store: Store, title: str = MARKUP) -> ideas.Idea:
    with store.read() as cur:
        theme = next(iter(proposals.themes(cur)))
    ref = submit_idea(
        store,
        IdeaInput(HOOD, title, TEXT, "900", theme, *CONTACT),
    )
    return next(i for i in ideas_of(store) if i.reference == ref)


@pytest.fixture
def visitor(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A client whose address can be told apart (AppTest has none of its own)."""
    address = "203.0.113.9"
    monkeypatch.setattr(client_limits, "current_client", lambda: address)
    client_limits.IDEAS.reset()
    yield address
    client_limits.IDEAS.reset()


def test_a_resident_sends_an_idea_and_keeps_its_reference(visitor: str, app_db: Path) -> None:
    store = _store(str(app_db))
    before = len(ideas_of(store))
    at = fill(open_page(FORM), store)
    click(at, "Idee versturen")
    assert [s.value for s in at.success] == ["Dank u wel! Uw idee is verstuurd."]
    reference = re.search(r"\*\*(I-\d{4}-\d{4})\*\*", "\n".join(m.value for m in at.markdown))
    assert reference, [m.value for m in at.markdown]
    assert "Wat gebeurt er nu?" in [h.value for h in at.header]
    assert not [t for t in at.text_input if t.label == "Titel van uw idee"]  # the form is done
    made = ideas_of(store)
    assert len(made) == before + 1
    [idea] = [i for i in made if i.reference == reference.group(1)]
    assert (idea.title, idea.status, str(idea.estimated_cost)) == (
        "Bankjes bij de vijver", "ingediend", "1250.00",
    )  # fmt: skip
    assert idea.description == TEXT.strip()
    click(at, "Nog een idee indienen")
    assert by_label(at.text_input, "Titel van uw idee").value == ""  # a new, empty form


def test_every_problem_shows_at_once_and_what_was_typed_stays(visitor: str, app_db: Path) -> None:
    store = _store(str(app_db))
    at = open_page(FORM)
    by_label(at.text_input, "Titel van uw idee").input("Bankjes")
    by_label(at.text_input, "Wat kost het ongeveer? (euro)").input("veel")
    before = fingerprint(store)
    click(at, "Idee versturen")
    [error] = [shown(e.value) for e in at.error]
    assert error.startswith("Er zijn nog 4 dingen te verbeteren:\n- ")
    for problem in (
        "Vul een omschrijving in.",
        "De kosten: 'veel' is geen bedrag.",
        "Kies een thema.",
        "Vul uw naam in en uw telefoonnummer of e-mailadres",
    ):
        assert problem in error
    assert fingerprint(store) == before
    assert by_label(at.text_input, "Titel van uw idee").value == "Bankjes"
    fill(at, store)
    click(at, "Idee versturen")  # put right: sent now
    assert [s.value for s in at.success] == ["Dank u wel! Uw idee is verstuurd."]


def test_a_form_already_sent_is_not_sent_again(visitor: str, app_db: Path) -> None:
    """A second click while the first sending is under way (its run already marked the
    form as sent) stores nothing twice."""
    store = _store(str(app_db))
    at = fill(open_page(FORM), store)
    at.session_state["_forms_seen"] = {"idee@0"}  # the first click's run got that far
    before = fingerprint(store)
    click(at, "Idee versturen")
    assert "Dit formulier was al verstuurd en is één keer verwerkt." in [i.value for i in at.info]
    assert fingerprint(store) == before


def test_too_many_ideas_from_one_address_are_refused(visitor: str, app_db: Path) -> None:
    store = _store(str(app_db))
    while client_limits.IDEAS.take(visitor).allowed:
        pass
    at = fill(open_page(FORM), store)
    before = fingerprint(store)
    click(at, "Idee versturen")
    assert [e.value for e in at.error] == [
        "Te veel pogingen vanaf dit adres; probeer het over 6 minuten opnieuw."
    ]
    assert fingerprint(store) == before


def test_the_form_in_english(app_db: Path) -> None:
    at = open_page(FORM, lang="en")
    assert at.title[0].value == "Propose an idea"
    assert by_label(at.text_input, "Title of your idea")
    assert [b.label for b in at.button] == ["Send idea"]
    notice = "\n".join(m.value for m in at.markdown)
    assert "**What do we do with your details?**" in notice
    assert "Only the organisers of your neighbourhood see your name" in notice


def test_the_public_list_shows_typed_text_as_text_and_never_the_contact(app_db: Path) -> None:
    store = _store(str(app_db))
    waiting = submitted(store, "Nog niet bekeken")
    idea = submitted(store)
    publish_idea(store, ORGANISER, idea.id)
    at = open_page(LIST)
    markdown = [m.value for m in at.markdown]
    headings = [h.value for h in at.header]  # each idea under a heading of its own
    assert f"{MARKUP} ({idea.reference})" in [shown(h) for h in headings]
    assert any(plain(MARKUP) in h for h in headings)  # every mark escaped: text, not markup
    assert "Eerste regel met **vet** en [een link](https://evil.example).\n\nTweede alinea." in [
        shown(m) for m in markdown
    ]
    everything = text_of(at) + everything_shown(at)
    assert waiting.reference not in everything and "Nog niet bekeken" not in everything
    assert not [value for value in CONTACT if value in everything]
    english = open_page(LIST, lang="en")
    assert english.title[0].value == "Ideas from the neighbourhood"


def book() -> AppTest:
    at = app_pages.open_page(BOOK, caller=ORGANISER, query={"tabblad": "Ideeën"})
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, idea: ideas.Idea) -> AppTest:
    at.selectbox(key="idee_gekozen").set_value(idea.id).run()
    assert not at.exception, at.exception
    return at


def test_organisers_publish_an_idea_and_residents_see_it(app_db: Path) -> None:
    store = _store(str(app_db))
    idea = submitted(store)
    at = choose(book(), idea)
    assert any(shown(m.value).startswith(f"**{MARKUP}** ({idea.reference}") for m in at.markdown)
    assert any(plain(MARKUP) in m.value for m in at.markdown)  # text, not markup
    click(at, "Idee publiceren")
    assert f"Idee {idea.reference} is gepubliceerd." in [s.value for s in at.success]
    assert f"{MARKUP} ({idea.reference})" in text_of(open_page(LIST))


def test_a_rejection_without_a_reason_is_refused_and_with_one_is_public(app_db: Path) -> None:
    store = _store(str(app_db))
    idea = submitted(store, "Stoeptegels repareren")
    at = choose(book(), idea)
    before = fingerprint(store)
    click(at, "Idee afwijzen")
    assert "Vul de reden van afwijzing in." in [shown(e.value) for e in at.error]
    assert fingerprint(store) == before
    by_label(at.text_area, "Reden van afwijzing (verplicht, openbaar)").input(
        "Dit is onderhoud; dat doet de gemeente zelf."
    )
    click(at, "Idee afwijzen")
    assert f"Idee {idea.reference} is afgewezen; bewoners lezen de reden." in [
        s.value for s in at.success
    ]
    text = text_of(open_page(LIST))
    assert "Stoeptegels repareren" in text and "Dit is onderhoud; dat doet de gemeente" in text


def test_a_published_idea_becomes_a_proposal_and_both_show_the_link(app_db: Path) -> None:
    store = _store(str(app_db))
    idea = submitted(store, "Picknicktafel bij de speeltuin")
    publish_idea(store, ORGANISER, idea.id)
    duplicate = submitted(store, "Nog een picknicktafel")
    at = choose(book(), duplicate)
    by_label(at.selectbox, "Samenvoegen met").select(idea.id)
    click(at, "Idee samenvoegen")
    assert f"Idee {duplicate.reference} is samengevoegd met {idea.reference}." in [
        s.value for s in at.success
    ]
    choose(at, idea)
    before = count(store, "SELECT count(*) FROM proposal")
    click(at, "Maak er een voorstel van")
    [message] = [s.value for s in at.success]
    found = re.match(r"Voorstel (WR-\d{4}-\d{5}) is gemaakt van idee (I-\d{4}-\d{4})", message)
    assert found and found.group(2) == idea.reference, message
    assert count(store, "SELECT count(*) FROM proposal") == before + 1
    proposals_table = at.dataframe[1].value  # tab Voorstellen: the proposal says where from
    row = proposals_table[proposals_table["Kenmerk"] == found.group(1)]
    assert list(row["Uit idee"]) == [idea.reference]
    assert any(found.group(1) in m.value for m in at.info)  # the idea names the proposal
    text = text_of(open_page(LIST))
    assert f"**Voorstel:** {found.group(1)} · Ingediend" in text
    assert f"**Samengevoegd met:** {idea.reference} (Picknicktafel bij de speeltuin)" in text


def test_the_contact_shows_on_request_only_and_each_look_is_audited(app_db: Path) -> None:
    store = _store(str(app_db))
    idea = submitted(store)
    at = choose(book(), idea)
    assert not [value for value in CONTACT if value in everything_shown(at)]
    events = count(store, "SELECT count(*) FROM audit_event WHERE action = 'idea.contact_view'")
    click(at, "Contact van de indiener tonen")
    assert at.text[-1].value == f"Naam: {CONTACT[0]}\nE-mail: {CONTACT[1]}\nTelefoon: {CONTACT[2]}"
    assert (
        count(store, "SELECT count(*) FROM audit_event WHERE action = 'idea.contact_view'")
        == events + 1
    )
