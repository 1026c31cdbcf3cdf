"""The household book's meetings (attendance list, minutes as a draft, published) and the
proposal form's buurt, place and submitter's contact, rendered with AppTest; residents see
published minutes only, with a count of members and never a name or a submitter's contact."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.components import monitor_tables
from dashboard.components.budget import place
from dashboard.components.decisions_view import decisions_csv, projects_csv
from dashboard.domain.auth import Caller, Role
from dashboard.domain.contact import check_contact
from dashboard.services import neighbourhoods, public
from dashboard.services.budget.decisions import (
    DecisionInput,
    plan_meeting,
    publish_decision,
    record_decision,
)
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.meetings import meeting_record
from dashboard.services.budget.proposals import ProposalInput, submit_proposal, submitter_contact
from dashboard.store import audit, council, geography, proposals
from dashboard.store.db import Store
from dashboard.web.app_state import _store
from sortition import clock
from tests import app_pages
from tests.dashboard.test_organiser_budget_page import (
    ENERGY,
    by_label,
    newest_proposal,
    submit,
    submitted_reference,
)
from tests.dashboard.test_public_privacy import everything_shown, public_pages
from tests.database_state import fingerprint
from tests.shown import shown

BOOK = "dashboard/pages/organiser_budget.py"
DECISIONS = "dashboard/pages/resident_decisions.py"
PRIVACY = "dashboard/pages/organiser_privacy.py"
HOOD, CODE = 7, "WK007"  # Beekveld, the book's first neighbourhood (by name)
ORGANISER = Caller("organisator", Role.ORGANISER, None)
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
MINUTES = "De voorzitter opent om 19.30 uur.\n**vet** <b>x</b> $x^2$ www.example.nl\n\nRondvraag."
CONTACT = ("Fatima el Amrani", "fatima.elamrani@example.nl", "06 12345678")


def book() -> AppTest:
    at = app_pages.open_page(BOOK, caller=ORGANISER)
    assert not at.exception, at.exception
    return at


def residents_page() -> str:
    at = app_pages.open_page(DECISIONS, query={"wijk": CODE})
    assert not at.exception, at.exception
    return everything_shown(at)


def new_meeting(store: Store) -> int:
    """A meeting of Beekveld's council yesterday: the newest one held, chosen first."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, HOOD)[0].id
    return plan_meeting(
        store, ORGANISER, council_id, clock.today() - timedelta(days=1), "Buurthuis Beekveld",
        "Opening; speeltuin; rondvraag",
    )  # fmt: skip


def test_attendance_and_minutes_from_the_book_reach_residents_when_published(
    app_db: Path,
) -> None:
    store = _store(str(app_db))
    meeting_id = new_meeting(store)
    seated = meeting_record(store, ORGANISER, meeting_id).seated
    names = [m.name for m in seated if m.name]
    at = book()
    assert at.selectbox(key="vergadering_bijhouden").value == meeting_id
    boxes = [c for c in at.checkbox if str(c.key).startswith(f"aanwezig_{meeting_id}_")]
    assert len(boxes) == len(seated) >= 11
    assert any(names[0] in shown(c.label) for c in boxes)  # organisers tick members by name
    for box in boxes[:11]:
        box.check()
    submit(at, "Presentielijst vastleggen")
    assert "De presentielijst is vastgelegd: 11 leden aanwezig." in [s.value for s in at.success]

    by_label(at.text_area, "Notulen").input(MINUTES)
    submit(at, "Notulen opslaan als concept")
    assert any("Versie 1 van de notulen is opgeslagen" in s.value for s in at.success)
    assert "De voorzitter opent om 19" not in shown(residents_page())  # a draft: not public

    submit(at, "Notulen publiceren")
    assert "Versie 1 van de notulen is gepubliceerd." in [s.value for s in at.success]
    page = app_pages.open_page(DECISIONS, query={"wijk": CODE})
    markdown = [shown(m.value) for m in page.markdown]
    assert (
        "De voorzitter opent om 19.30 uur.  \n**vet** <b>x</b> $x^2$ www.example.nl\n\nRondvraag."
        in markdown
    )
    assert any("\\*\\*vet\\*\\* \\<b\\>" in m.value for m in page.markdown)  # text, not markup
    text = "\n".join([*markdown, *(shown(e.label) for e in page.expander)])
    assert "11 leden van de wijkraad" in text and "Opening; speeltuin; rondvraag" in text
    everything = text + everything_shown(page)
    assert not [name for name in names if name in everything]  # a count, never who


def test_empty_minutes_are_refused_and_change_nothing(app_db: Path) -> None:
    store = _store(str(app_db))
    new_meeting(store)
    at = book()
    before = fingerprint(store)
    submit(at, "Notulen opslaan als concept")
    assert "Vul de notulen in." in [shown(e.value) for e in at.error]
    assert fingerprint(store) == before
    assert not [b for b in at.button if b.label == "Notulen publiceren"]  # nothing to publish


def test_a_decision_offers_the_attendance_count_as_members_present(app_db: Path) -> None:
    store = _store(str(app_db))
    meeting_id = new_meeting(store)
    at = book()
    boxes = [c for c in at.checkbox if str(c.key).startswith(f"aanwezig_{meeting_id}_")]
    for box in boxes[:9]:
        box.check()
    submit(at, "Presentielijst vastleggen")
    at.selectbox(key="besluit_vergadering").set_value(meeting_id).run()
    assert by_label(at.number_input, "Aanwezig").value == 9
    by_label(at.selectbox, "Soort besluit").select("overig")
    by_label(at.number_input, "Aanwezig").set_value(10)
    by_label(at.number_input, "Voor").set_value(10)
    by_label(at.text_area, "Motivering in gewone woorden").input("Een goed plan voor de buurt.")
    by_label(at.selectbox, "Hoe zijn bewoners vooraf geraadpleegd?").select("geen")
    before = fingerprint(store)
    submit(at, "Besluit vastleggen")
    assert any("presentielijst waren er 9 leden" in shown(e.value) for e in at.error)
    assert fingerprint(store) == before


def test_a_meeting_just_recorded_is_the_one_chosen_for_its_list_and_decisions(
    app_db: Path,
) -> None:
    """The pickers kept the meeting chosen before: the attendance ticked right after
    recording a meeting went to an earlier one (found by the browser journey)."""
    store = _store(str(app_db))
    at = book()
    earlier = at.selectbox(key="vergadering_bijhouden").value
    by_label(at.text_input, "Plaats").input("Wijkcentrum De Beek")
    by_label(at.text_area, "Agenda").input("Opening; bankjes bij de vijver; rondvraag")
    submit(at, "Vergadering opslaan")
    assert "De vergadering is opgeslagen." in [s.value for s in at.success]
    chosen = at.selectbox(key="vergadering_bijhouden").value
    assert chosen is not None and chosen != earlier
    assert meeting_record(store, ORGANISER, chosen).meeting.location == "Wijkcentrum De Beek"
    assert at.selectbox(key="besluit_vergadering").value == chosen
    boxes = [c for c in at.checkbox if str(c.key).startswith(f"aanwezig_{chosen}_")]
    assert boxes and not any(box.value for box in boxes)  # its own, empty list


def test_the_proposal_form_takes_buurt_place_and_contact_and_names_the_reference(
    app_db: Path,
) -> None:
    store = _store(str(app_db))
    with store.read() as cur:
        west = next(
            p.id for p in geography.neighbourhood_parts(cur, HOOD) if p.name.endswith("West")
        )
    at = book()
    by_label(at.text_input, "Titel").input("Bankjes bij de vijver")
    by_label(at.text_area, "Omschrijving").input("Drie bankjes zodat ouderen kunnen rusten.")
    by_label(at.text_input, "Gevraagd bedrag (€)").input("2.400")
    by_label(at.multiselect, "Thema's").select(ENERGY)
    by_label(at.selectbox, "Buurt (mag leeg)").set_value(west)
    by_label(at.text_input, "Plek (breedtegraad, lengtegraad; mag leeg)").input("53.2035, 6.561")
    by_label(at.text_input, "Naam van de indiener").input(CONTACT[0])
    by_label(at.text_input, "E-mailadres van de indiener").input("fatima@")
    submit(at, "Voorstel indienen")
    assert any("Het e-mailadres 'fatima@' klopt niet" in shown(e.value) for e in at.error)
    by_label(at.text_input, "E-mailadres van de indiener").input(CONTACT[1])
    by_label(at.text_input, "Telefoonnummer van de indiener").input(CONTACT[2])
    submit(at, "Voorstel indienen")
    reference = submitted_reference(at)
    made = newest_proposal(app_db)
    assert (made.external_ref, made.part_id, made.location_lat) == (reference, west, 53.2035)
    assert not any(CONTACT[0] in shown(m.value) for m in at.markdown)  # not shown unasked

    at.selectbox(key="contact_voorstel").set_value(made.id).run()
    by_label(at.button, "Contactgegevens tonen").click().run()
    expected = "\n".join(
        f"{k}: {v}" for k, v in zip(("Naam", "E-mail", "Telefoon"), CONTACT, strict=True)
    )
    assert expected in [t.value for t in at.text]
    with store.read() as cur:
        assert audit.events(cur)[-1].action == "proposal.contact_view"


def test_the_place_map_offers_dots_inside_the_neighbourhood_and_reads_a_click(
    app_db: Path,
) -> None:
    store = _store(str(app_db))
    hood = next(h for h in neighbourhoods(store) if h.id == HOOD)
    with store.read() as cur:
        parts = geography.neighbourhood_parts(cur, HOOD)
    figure = place.place_map(hood, parts, (53.2035, 6.561))
    dots = figure.data[1]
    assert len(dots.lat) > 200
    assert [t.text for t in figure.data[3:]] == [("gekozen plek",)]  # said in words too
    event = {"selection": {"points": [{"curve_number": 1, "lat": 53.2035, "lon": 6.561}]}}
    assert place.clicked_point(event) == (53.2035, 6.561)
    assert place.clicked_point({"selection": {"points": [{"curve_number": 2}]}}) is None
    assert place.parse_typed("53.2, 6.5") == (53.2, 6.5) and place.parse_typed("x") is None


def public_proposal_with_contact(store: Store) -> tuple[int, str]:
    """A submitted proposal with a contact, granted money in a published decision, so that
    its title is on the public pages; returns its id and title."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, HOOD)[0].id
        theme = next(iter(proposals.themes(cur)))
    title = "Bankjes bij de vijver van Beekveld"
    proposal_id = submit_proposal(
        store, ORGANISER,
        ProposalInput(HOOD, title, "Drie bankjes.", "bewoner", "2.400", [theme],
                      council_id=council_id, contact=check_contact(*CONTACT)),
    )  # fmt: skip
    envelope = add_envelope(store, ORGANISER, HOOD, clock.today().year, "fonds", "5.000", "Test")
    meeting_id = new_meeting(store)
    decision = record_decision(
        store, ORGANISER,
        DecisionInput(council_id, meeting_id, "toekennen", 9, 0, 0, 9,
                      "Een goed plan voor de buurt.", proposal_id=proposal_id, amount="2.400",
                      envelope_id=envelope, consultation_method="geen"),
    )  # fmt: skip
    publish_decision(store, ORGANISER, decision)
    return proposal_id, title


def test_no_public_page_or_download_shows_a_submitters_contact(app_db: Path) -> None:
    store = _store(str(app_db))
    _, title = public_proposal_with_contact(store)
    texts = []
    for page in public_pages():
        at = app_pages.open_page(page, query={"wijk": CODE})
        assert not at.exception
        texts.append(everything_shown(at))
    monitor = app_pages.open_page("dashboard/pages/alderman_monitor.py", caller=ALDERMAN)
    for tab in monitor_tables.TABS:  # aldermen do not see it either, in any tab
        monitor.session_state[monitor_tables.TAB_KEY] = tab
        texts.append(everything_shown(monitor.run()))
    year = clock.today().year
    texts.append(decisions_csv(public.decisions(store, HOOD, year)).decode("utf-8-sig"))
    texts.append(projects_csv(public.projects(store, HOOD, clock.today())).decode("utf-8-sig"))
    text = shown("\n".join(texts))
    assert title in text  # the proposal itself is public
    assert not [value for value in CONTACT if value in text]


def test_the_privacy_page_erases_a_submitters_contact(app_db: Path) -> None:
    store = _store(str(app_db))
    proposal_id, _ = public_proposal_with_contact(store)
    at = app_pages.open_page(PRIVACY, caller=ORGANISER)
    assert not at.exception, at.exception
    by_label(at.text_input, "E-mailadres, telefoonnummer of naam van de indiener").input(CONTACT[1])
    submit(at, "Indiener zoeken")
    assert any(CONTACT[0] in shown(m.value) for m in at.markdown)
    erase = next(b for b in at.button if b.key == f"wis_indiener_{proposal_id}")
    assert erase.disabled  # not before confirming
    at.checkbox(key="privacy_sure_indiener").check().run()
    next(b for b in at.button if b.key == f"wis_indiener_{proposal_id}").click().run()
    assert not at.exception, at.exception
    assert "De contactgegevens van de indiener zijn gewist." in [s.value for s in at.success]
    assert submitter_contact(store, ORGANISER, proposal_id) is None
