"""The neighbourhood vote's pages with AppTest: residents vote with the letter's code (its link
fills it in), within the budget with the running total, check and cast once (a second tab
finds the code used); a wrong code gets the one message and repeated ones lock the client
out; the result page shows both ways of counting, the turnout and the files, and nothing
of a vote that still runs; organisers set up a vote, make the codes, type in a paper
ballot, close it and turn the winners into proposals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.auth import Caller, Role
from dashboard.services.vote import casting, setup
from dashboard.store.db import Store
from dashboard.web import client_limits
from tests import app_pages
from tests.backends import with_store
from tests.conftest import DEMO_TODAY
from tests.dashboard.test_public_privacy import everything_shown
from tests.database_state import count
from tests.services.test_vote import ORGANISER as HOOD_ORGANISER
from tests.services.test_vote import open_vote, vote_input


@pytest.fixture
def app_db(app_location: str) -> str:
    """Every test of this file on DuckDB and on PostgreSQL (tests/dashboard/conftest.py)."""
    return app_location


VOTE = "dashboard/pages/resident_vote.py"
RESULTS = "dashboard/pages/resident_vote_results.py"
ORGANISER_PAGE = "dashboard/pages/organiser_vote.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)
VISITOR = "203.0.113.7"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The browser's address as the page sees it (AppTest has none): the list's one item."""
    address: list[str | None] = [None]
    monkeypatch.setattr(client_limits, "current_client", lambda: address[0])
    client_limits.VOTE_CODE.reset()
    yield address
    client_limits.VOTE_CODE.reset()


def shown(at: AppTest) -> str:
    return everything_shown(at).replace("\\", "").replace("\u00a0", " ")


def errors(at: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def click(at: AppTest, label: str) -> AppTest:
    found = [b for b in at.button if b.label == label]
    assert found, [b.label for b in at.button]
    at = found[0].click().run()
    assert not at.exception, at.exception
    return at


def open_ballot(code: str | None, query: dict[str, str] | None = None) -> AppTest:
    at = app_pages.open_page(VOTE, query=query or {})
    assert not at.exception, at.exception
    if code is not None:
        next(x for x in at.text_input if x.label == "Code uit uw brief").input(code)
    return click(at, "Naar het stembiljet")


def running_code(store: Store) -> str:
    """An unused code of the demo's running vote."""
    with store.read() as cur:
        row = cur.execute(
            "SELECT c.code FROM vote_code c JOIN vote v ON v.id = c.vote_id "
            "WHERE v.status = 'open' AND NOT c.used ORDER BY c.code LIMIT 1"
        ).fetchall()
    return f"{row[0][0][:4]}-{row[0][0][4:]}"


def test_the_letters_link_opens_the_ballot_and_the_vote_is_cast_once(
    app_db: str, client: list[str | None]
) -> None:
    code = with_store(app_db, running_code)
    before = with_store(app_db, lambda s: count(s, "SELECT count(*) FROM vote_ballot"))
    at = open_ballot(None, {"code": code.lower().replace("-", "")})
    assert at.title[0].value == "Stemmen over het buurtbudget"
    assert f"code **{code}**" in shown(at) and len(at.checkbox) == 8
    at.checkbox[0].check()
    at.checkbox[3].check()
    at = at.run()
    assert "U koos 2 van de 8 ideeën." in shown(at)
    at = click(at, "Verder: mijn keuze controleren")
    assert "Controleer uw keuze" in shown(at) and all(c.disabled for c in at.checkbox)
    at = click(at, "Stem uitbrengen")
    assert [s.value for s in at.success] == ["Dank u wel! Uw stem is geteld."]
    assert "U stemde bij" in shown(at) and "code" not in at.query_params
    after = with_store(app_db, lambda s: count(s, "SELECT count(*) FROM vote_ballot"))
    assert after == before + 1
    # The same code again: the one message.
    at = open_ballot(code)
    assert errors(at) == [casting.BAD_CODE]


def test_within_the_budget_the_page_shows_the_total_and_refuses_more(
    app_db: str, client: list[str | None]
) -> None:
    _, codes = with_store(app_db, open_vote)
    at = open_ballot(codes[0])
    at.checkbox[0].check()
    at = at.run()
    assert "Uw keuze kost samen € 900 van € 2.000.** Er is nog € 1.100 over." in shown(at)
    at.checkbox[1].check()
    at = at.run()
    assert "Dat is € 700 te veel." in shown(at)
    assert any("meer dan het budget" in e for e in errors(at))
    assert next(b for b in at.button if b.label.startswith("Verder")).disabled
    at.checkbox[0].uncheck()
    at = at.run()
    assert not at.error and not next(b for b in at.button if b.label.startswith("Verder")).disabled


def test_a_second_tab_finds_the_code_used(app_db: str, client: list[str | None]) -> None:
    vote_id, codes = with_store(app_db, open_vote)
    tabs = [open_ballot(codes[0]) for _ in range(2)]
    for n, tab in enumerate(tabs):
        tab.checkbox[n].check()
        tabs[n] = click(tab.run(), "Verder: mijn keuze controleren")
    first = click(tabs[0], "Stem uitbrengen")
    assert [s.value for s in first.success] == ["Dank u wel! Uw stem is geteld."]
    second = click(tabs[1], "Stem uitbrengen")
    assert errors(second) == [casting.BAD_CODE] and not second.success
    ballots = "SELECT count(*) FROM vote_ballot WHERE vote_id = ?"
    assert with_store(app_db, lambda s: count(s, ballots, [vote_id])) == 1


def test_wrong_codes_get_the_one_message_and_then_lock_the_address_out(
    app_db: str, client: list[str | None]
) -> None:
    code = with_store(app_db, running_code)
    client[0] = VISITOR
    at = open_ballot("ZZZZ-ZZZZ")
    assert errors(at) == [casting.BAD_CODE]
    for _ in range(4):
        at = open_ballot("**ZZZZ**-[x](https://evil.example)")
        assert errors(at) == [casting.BAD_CODE]
    at = open_ballot(code)  # the right code, too late
    assert errors(at)[0].startswith("Te veel pogingen vanaf dit adres")
    client[0] = "198.51.100.20"  # someone else
    at = open_ballot(code)
    assert not at.error and at.checkbox


def test_the_result_shows_both_counts_the_turnout_and_the_files(app_db: str) -> None:
    def hoods(store: Store) -> dict[str, str]:
        with store.read() as cur:
            rows = cur.execute(
                "SELECT v.status, n.code FROM vote v JOIN neighbourhood n "
                "ON n.id = v.neighbourhood_id"
            ).fetchall()
        return {str(status): str(code) for status, code in rows}

    codes = with_store(app_db, hoods)
    at = app_pages.open_page(RESULTS, query={"wijk": codes["gesloten"]})
    assert not at.exception, at.exception
    text = shown(at)
    for expected in ("Gelijke delen (Method of Equal Shares)", "Deze uitslag telt.",
                     "Meeste stemmen (zoals de meeste gemeenten tellen)", "Ter vergelijking.",
                     "Wie stemden er?", "Per buurt", "Per leeftijd", "Gekozen (",
                     "python -m voting tally"):  # fmt: skip
        assert expected in text, expected
    labels = [getattr(b, "label", "") for b in at.get("download_button")]
    assert labels == [
        "Stembiljetten (CSV)",
        "Uitslag per idee (CSV)",
        "Stemming als pabulib-bestand (.pb)",
    ]
    running = app_pages.open_page(RESULTS, query={"wijk": codes["open"]})
    text = shown(running)
    assert "Tussenstanden laten we niet zien." in text and "Gekozen (" not in text
    english = app_pages.open_page(RESULTS, query={"wijk": codes["gesloten"], "lang": "en"})
    assert english.title[0].value == "Result of the neighbourhood vote"


def organiser_page(hood: int = 1) -> AppTest:
    at = app_pages.open_page(ORGANISER_PAGE, caller=ORGANISER)
    assert not at.exception, at.exception
    at = at.selectbox(key="stemming_wijk").set_value(hood).run()
    assert not at.exception, at.exception
    return at


def test_organisers_set_up_a_vote_and_make_its_codes(app_db: str) -> None:
    at = organiser_page()
    assert at.title[0].value == "Buurtstemming"
    assert at.selectbox(key="stemming_keuze_1").value == 0  # a new vote
    next(x for x in at.text_input if x.label == "Budget (€)").input("2.000")
    at = click(at, "Stemming aanmaken")
    assert at.success[0].value.startswith("De stemming is aangemaakt als concept")
    assert "concept: nog geen stemcodes" in shown(at)
    at = click(at, "Stemcodes maken")
    assert "stemcodes gemaakt" in at.success[0].value
    labels = [getattr(b, "label", "") for b in at.get("download_button")]
    assert labels == ["Bestand voor de drukker (CSV)"]
    assert "Papieren stembiljetten kunt u invoeren vanaf" in shown(at)


def test_organisers_type_in_a_paper_ballot_close_the_vote_and_make_proposals(
    app_db: str,
) -> None:
    def ended(store: Store) -> list[str]:
        earlier = DEMO_TODAY - timedelta(days=20)
        data = vote_input(
            store, opens_on=earlier, closes_on=DEMO_TODAY - timedelta(days=1), title="Vorige"
        )
        vote_id = setup.create_vote(store, HOOD_ORGANISER, data, today=earlier)
        setup.issue_codes(store, HOOD_ORGANISER, vote_id, today=earlier)
        return list(setup.mail_merge(store, HOOD_ORGANISER, vote_id)["code"])

    codes = with_store(app_db, ended)
    at = organiser_page()
    assert "stemmen voorbij, nog niet gesloten" in shown(at)
    next(x for x in at.text_input if x.label == "Code op het stembiljet").input(codes[0])
    at.checkbox[0].check()
    at = click(at, "Stembiljet invoeren")
    assert [s.value for s in at.success] == [
        "Het papieren stembiljet is ingevoerd en de code is gebruikt."
    ]
    next(x for x in at.text_input if x.label == "Code op het stembiljet").input(codes[0])
    at.checkbox[1].check()
    at = click(at, "Stembiljet invoeren")
    assert "al gebruikt" in errors(at)[0]
    assert next(b for b in at.button if b.label == "Stemming sluiten en tellen").disabled
    sure = next(c for c in at.checkbox if c.label == "Alle papieren stembiljetten zijn ingevoerd.")
    at = sure.check().run()
    at = click(at, "Stemming sluiten en tellen")
    assert at.success[0].value.startswith("Gesloten en geteld: 1 stemmen")
    assert "gesloten en geteld" in shown(at)
    at = click(at, "Winnaars als voorstellen in het huishoudboekje")
    assert at.success[0].value.startswith("1 voorstellen gemaakt: WR-")


def _running_vote(store: Store) -> tuple[int, str, int, str, str]:
    """A running vote of the first neighbourhood with 12 votes cast; an unused code, its
    resident, and their postcode and house number."""
    vote_id, codes = open_vote(store)
    for code in codes[:12]:
        casting.cast(store, vote_id, code, [1], None)
    with store.read() as cur:
        resident, postcode, number = cur.execute(
            "SELECT v.resident_id, c.postcode, c.house_number FROM vote_code v "
            "JOIN resident_contact c ON c.resident_id = v.resident_id WHERE v.code = ?",
            [codes[20].replace("-", "")],
        ).fetchall()[0]
    return vote_id, codes[20], resident, postcode, number


def test_organisers_give_a_new_code_for_a_lost_letter_and_see_the_turnout_per_group(
    app_db: str,
) -> None:
    vote_id, old, resident, postcode, number = with_store(app_db, _running_vote)
    at = organiser_page()
    at = at.selectbox(key="stemming_keuze_1").set_value(vote_id).run()
    assert not at.exception, at.exception
    assert "bewoners stemmen nu" in shown(at)
    text = shown(at)
    assert "Opkomst per buurt en leeftijd" in text and "Per buurt" in text
    assert "Per leeftijd" in text and "Deel van bewoners" in text
    next(x for x in at.text_input if x.label == "Postcode").input(postcode)
    next(x for x in at.text_input if x.label == "Huisnummer").input(number)
    at = click(at, "Zoeken")
    assert at.radio and at.radio[0].label == "Voor wie?"
    at.radio[0].set_value(resident)
    for label, value in (("Telefoonnummer voor vragen", "14 050"),
                         ("E-mailadres voor vragen", "wijkraad@wijkdam.nl"),
                         ("Afzender (ondertekening)", "Team Wijkraad")):  # fmt: skip
        [x for x in at.text_input if x.label == label][-1].input(value)
    at = click(at, "Nieuwe code en brief maken")
    assert at.success[0].value.startswith("Nieuwe code gemaakt; de oude code werkt niet meer.")
    labels = [getattr(b, "label", "") for b in at.get("download_button")]
    assert "Nieuwe brief om te printen (HTML)" in labels
    left = "SELECT count(*) FROM vote_code WHERE code = ?"
    assert with_store(app_db, lambda s: count(s, left, [old.replace("-", "")])) == 0


def test_organisers_delete_a_concept_and_only_a_concept(app_db: str) -> None:
    def concept(store: Store) -> int:
        return setup.create_vote(store, HOOD_ORGANISER, vote_input(store, title="Weg ermee"))

    vote_id = with_store(app_db, concept)
    at = organiser_page()
    at = at.selectbox(key="stemming_keuze_1").set_value(vote_id).run()
    assert not at.exception, at.exception
    assert next(b for b in at.button if b.label == "Stemming weggooien").disabled
    sure = next(c for c in at.checkbox if c.label == "Ja, gooi deze stemming weg.")
    at = sure.check().run()
    at = click(at, "Stemming weggooien")
    assert [s.value for s in at.success] == ["De stemming 'Weg ermee' is weggegooid."]
    assert vote_id not in at.selectbox(key="stemming_keuze_1").options
    gone = "SELECT count(*) FROM vote WHERE id = ?"
    assert with_store(app_db, lambda s: count(s, gone, [vote_id])) == 0
    # A vote with codes shows no such button.
    running, *_ = with_store(app_db, _running_vote)
    at = organiser_page()
    at = at.selectbox(key="stemming_keuze_1").set_value(running).run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.label == "Stemming weggooien"]
