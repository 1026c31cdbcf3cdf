"""Residents' ideas: a submission reports every problem at once and stores nothing then;
the contact stays with the organisers of the neighbourhood (every look audited, never in
the audit log, erased on request and by the retention rule); moderation follows its rules,
checks its caller and is audited; a published idea becomes a proposal once, with its
buurt, place, cost, theme and contact, and both keep the link."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from PIL import Image

from dashboard.config import photo_folder
from dashboard.domain import geo
from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError, UserErrors
from dashboard.domain.ideas import IdeaStatus
from dashboard.domain.models import AuditEvent
from dashboard.services import privacy, public
from dashboard.services.budget.decisions import publish_decision, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.ideas import (
    IdeaInput,
    idea_references,
    idea_to_proposal,
    merge_idea,
    neighbourhood_ideas,
    proposer_contact,
    publish_idea,
    reject_idea,
    submit_idea,
)
from dashboard.services.budget.proposals import submitter_contact
from dashboard.store import audit, geography, ideas, proposals
from dashboard.store.db import Store
from sortition import clock
from tests.database_state import fingerprint
from tests.funded import neighbourhood_council
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


HOOD = 1
ORGANISER = Caller("org", Role.ORGANISER, frozenset({HOOD}))
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({2}))
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
CONTACT = ("Fatima el Amrani", "fatima.elamrani@example.nl", "06 12345678")


def theme(store: Store) -> int:
    with store.read() as cur:
        return next(iter(proposals.themes(cur)))


def a_place(store: Store) -> tuple[tuple[float, float], int]:
    """A point of the neighbourhood's map that lies in one of its buurten, and that buurt."""
    with store.read() as cur:
        hood = geography.neighbourhood(cur, HOOD)
        parts = geography.neighbourhood_parts(cur, HOOD)
    assert hood is not None
    for lat, lon in geo.grid_inside(hood.polygon_geojson):
        inside = [p.id for p in parts if geo.contains(p.polygon_geojson, lat, lon)]
        if inside:
            return (lat, lon), inside[0]
    raise AssertionError("no point in a buurt")


def form(store: Store, **changes: object) -> IdeaInput:
    values: dict[str, object] = {
        "neighbourhood_id": HOOD,
        "title": "Bankjes bij de vijver",
        "description": "Drie bankjes zodat ouderen onderweg kunnen rusten.",
        "estimated_cost": "2.400",
        "theme_id": theme(store),
        "name": CONTACT[0],
        "email": CONTACT[1],
        "phone": CONTACT[2],
    }
    values.update(changes)
    return IdeaInput(**values)  # type: ignore[arg-type]


def idea_id(store: Store, reference: str) -> int:
    with store.read() as cur:
        found = [i for i in ideas.ideas_for_neighbourhood(cur, HOOD) if i.reference == reference]
    assert len(found) == 1
    return found[0].id


def status(store: Store, idea: int) -> str:
    with store.read() as cur:
        found = ideas.idea(cur, idea)
    assert found is not None
    return found.status


def events(store: Store) -> list[AuditEvent]:
    with store.read() as cur:
        return audit.events(cur)


def published(store: Store, **changes: object) -> int:
    idea = idea_id(store, submit_idea(store, form(store, **changes)))
    publish_idea(store, ORGANISER, idea)
    return idea


def public_list(store: Store) -> dict[str, public.PublicIdea]:
    return {i.reference: i for i in public.ideas(store, HOOD)}


# Submitting -------------------------------------------------------------------------------


def test_every_problem_of_the_form_is_reported_at_once_and_nothing_is_stored(
    store: Store,
) -> None:
    before = fingerprint(store)
    with pytest.raises(UserErrors) as refused:
        submit_idea(
            store,
            form(store, title=" ", description="Kort", estimated_cost="12,345",
                 theme_id=None, name="", email="", phone="", location="1, 2",
                 photo=b"GIF89a not a photo"),
        )  # fmt: skip
    assert refused.value.problems == [
        "Vul een titel in.",
        "Een omschrijving is te kort (minstens 10 tekens).",
        "De kosten: '12,345' heeft meer dan twee cijfers achter de komma.",
        "Kies een thema.",
        "Vul uw naam in en uw telefoonnummer of e-mailadres, zodat de organisator u kan "
        "bereiken over uw idee.",
        "Die plek ligt niet in Nederland. Schrijf eerst de breedtegraad (53…).",
        "Alleen foto's in JPEG- of PNG-formaat kunnen worden opgeslagen.",
    ]
    assert fingerprint(store) == before


def test_problems_with_the_place_and_the_contact_come_with_the_rest(store: Store) -> None:
    with pytest.raises(UserErrors) as refused:
        submit_idea(
            store,
            form(store, estimated_cost="-5", email="fatima@", phone="", location="53.0, 6.0"),
        )
    problems = refused.value.problems
    assert problems[0] == "De kosten kunnen niet negatief zijn."
    assert problems[1].startswith("Het e-mailadres 'fatima@' klopt niet.")
    assert problems[2].startswith("De plek 53.00000, 6.00000 ligt niet in ")
    with pytest.raises(UserErrors, match="Kies uw wijk"):
        submit_idea(store, form(store, neighbourhood_id=999_999))
    with pytest.raises(UserErrors, match="Kies een thema uit de lijst"):
        submit_idea(store, form(store, theme_id=999_999))


def test_a_submitted_idea_waits_unseen_with_its_contact_kept_apart(store: Store) -> None:
    place, part = a_place(store)
    ref = submit_idea(store, form(store, location=f"{place[0]}, {place[1]}", estimated_cost="0"))
    assert ref.startswith(f"I-{clock.today().year}-")
    with store.read() as cur:
        stored = ideas.idea(cur, idea_id(store, ref))
    assert stored is not None
    assert stored.status == IdeaStatus.INGEDIEND and stored.part_id == part  # from the point
    assert stored.location == place and stored.estimated_cost == Decimal("0.00")
    assert ref not in public_list(store)  # not before an organiser looked at it
    submitted = events(store)[-1]
    assert (submitted.action, submitted.actor, submitted.entity) == (
        "idea.submit",
        "publiek",
        "idea",
    )
    found = proposer_contact(store, ORGANISER, stored.id)
    assert found is not None and (found.name, found.email, found.phone) == CONTACT
    log = events(store)
    assert log[-1].action == "idea.contact_view"
    assert not any(value in e.payload_json for e in log for value in CONTACT)
    assert audit.verify_chain(log) == []


def test_the_photo_is_kept_without_its_metadata_and_shown_only_once_published(
    store: Store, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJKRAAD_DB", str(demo_db))
    exif = Image.Exif()
    exif[0x0112] = 6  # turned: the camera held sideways
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 5.0)}  # where it was taken
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 60)).save(
        picture, "JPEG", exif=exif.tobytes(), comment=b"Fatima el Amrani"
    )
    idea = published(store, photo=picture.getvalue())
    with store.read() as cur:
        name = ideas.idea(cur, idea).photo_path  # type: ignore[union-attr]
    assert name is not None
    stored = (photo_folder() / name).read_bytes()
    assert b"Fatima" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.size == (20, 40)  # upright, as the camera meant
        assert not kept.getexif()
    [shown] = [i for i in public.ideas(store, HOOD) if i.photo_path]
    assert shown.photo_path == name
    waiting = idea_id(store, submit_idea(store, form(store, photo=picture.getvalue())))
    assert waiting not in {i.photo_path for i in public.ideas(store, HOOD)}


# Moderation ---------------------------------------------------------------------------


def test_publish_merge_and_reject_are_audited_and_shown_to_residents(store: Store) -> None:
    target = published(store)
    duplicate = idea_id(store, submit_idea(store, form(store, title="Nog een bankje")))
    rejected = idea_id(store, submit_idea(store, form(store, title="Stoep repareren")))
    merge_idea(store, ORGANISER, duplicate, target)
    reject_idea(store, ORGANISER, rejected, "Dit is onderhoud; dat doet de gemeente zelf.")
    assert [status(store, i) for i in (target, duplicate, rejected)] == [
        "gepubliceerd", "samengevoegd", "afgewezen",
    ]  # fmt: skip
    log = events(store)
    assert [(e.action, e.entity_id) for e in log[-2:]] == [
        ("idea.merge", str(duplicate)), ("idea.reject", str(rejected)),
    ]  # fmt: skip
    assert ("idea.publish", str(target)) in [(e.action, e.entity_id) for e in log]
    assert f'"into": {target}' in log[-2].payload_json
    seen = public_list(store)
    refs = {i: r for r, i in ((r, idea_id(store, r)) for r in seen)}
    merged = seen[refs[duplicate]]
    assert merged.merged_into_reference == refs[target]
    assert merged.merged_into_title == "Bankjes bij de vijver"
    assert merged.description is None and merged.photo_path is None  # only the title and why
    refused = seen[refs[rejected]]
    assert refused.rejection_reason == "Dit is onderhoud; dat doet de gemeente zelf."
    assert refused.title == "Stoep repareren" and refused.description is None
    assert seen[refs[target]].description == "Drie bankjes zodat ouderen onderweg kunnen rusten."


def test_a_rejection_needs_a_reason_and_may_hide_the_title(store: Store) -> None:
    idea = idea_id(store, submit_idea(store, form(store, title="Iets over de buurman")))
    before = fingerprint(store)
    with pytest.raises(UserError, match="Vul de reden van afwijzing in"):
        reject_idea(store, ORGANISER, idea, "   ")
    with pytest.raises(UserError, match="te kort"):
        reject_idea(store, ORGANISER, idea, "Nee.")
    assert fingerprint(store) == before
    reject_idea(store, ORGANISER, idea, "Er staan persoonsgegevens in.", hide_text=True)
    [shown] = [i for i in public.ideas(store, HOOD) if i.status == "afgewezen" and not i.title]
    assert shown.rejection_reason == "Er staan persoonsgegevens in."
    assert "Iets over de buurman" not in str(public.ideas(store, HOOD))
    with pytest.raises(UserError, match="al afgewezen"):
        reject_idea(store, ORGANISER, idea, "Nog een keer afwijzen.")


def test_merge_only_into_a_published_idea(store: Store) -> None:
    waiting = idea_id(store, submit_idea(store, form(store)))
    other = idea_id(store, submit_idea(store, form(store, title="Ander idee")))
    before = fingerprint(store)
    with pytest.raises(UserError, match="Voeg samen met een gepubliceerd idee"):
        merge_idea(store, ORGANISER, waiting, other)  # not published yet
    with pytest.raises(UserError, match="Kies het idee"):
        merge_idea(store, ORGANISER, waiting, None)
    with pytest.raises(UserError, match="met zichzelf"):
        merge_idea(store, ORGANISER, waiting, waiting)
    assert fingerprint(store) == before
    with store.read() as cur:  # a demo idea of another neighbourhood
        elsewhere = next(
            i.id for i in ideas.ideas_for_neighbourhood(cur, 2) if i.status == "gepubliceerd"
        )
    with pytest.raises(UserError, match="dezelfde wijk"):
        merge_idea(store, ORGANISER, waiting, elsewhere)
    publish_idea(store, ORGANISER, other)
    merge_idea(store, ORGANISER, waiting, other)
    with pytest.raises(UserError, match="samenvoegen kan niet meer"):
        merge_idea(store, ORGANISER, waiting, other)


def test_a_published_idea_becomes_a_proposal_once_with_everything_and_both_keep_the_link(
    store: Store,
) -> None:
    place, part = a_place(store)
    idea = published(store, location=f"{place[0]}, {place[1]}", estimated_cost="1.250,50")
    reference = idea_to_proposal(store, ORGANISER, idea)
    assert [e.action for e in events(store)[-2:]] == ["proposal.submit", "idea.to_proposal"]
    with store.read() as cur:
        made = proposals.proposal_by_ref(cur, reference)
        found = ideas.idea(cur, idea)
    assert made is not None and found is not None
    assert (made.title, made.description) == ("Bankjes bij de vijver", found.description)
    assert made.requested_amount == Decimal("1250.50") and made.submitter_type == "bewoner"
    assert (made.part_id, made.location_lat, made.location_lon) == (part, *place)
    assert made.status == "ingediend" and made.council_id is not None
    assert found.status == IdeaStatus.VOORSTEL and found.proposal_id == made.id
    assert idea_references(store, ALDERMAN, [made.id, 1]) == {made.id: found.reference}
    contact = submitter_contact(store, ORGANISER, made.id)  # the contact moved along
    assert contact is not None and (contact.name, contact.email, contact.phone) == CONTACT
    assert proposer_contact(store, ORGANISER, idea) is None  # one copy, at the proposal
    line = next(
        line for line in neighbourhood_ideas(store, ORGANISER, HOOD) if line.idea.id == idea
    )
    assert line.proposal_reference == reference and not line.has_contact
    shown = public_list(store)[found.reference]
    assert (shown.proposal_reference, shown.proposal_status) == (reference, "ingediend")
    before = fingerprint(store)
    with pytest.raises(UserError, match="maar één keer"):
        idea_to_proposal(store, ORGANISER, idea)
    assert fingerprint(store) == before


def test_a_waiting_merged_or_rejected_idea_does_not_become_a_proposal(store: Store) -> None:
    target = published(store)
    waiting = idea_id(store, submit_idea(store, form(store)))
    merged = idea_id(store, submit_idea(store, form(store)))
    rejected = idea_id(store, submit_idea(store, form(store)))
    merge_idea(store, ORGANISER, merged, target)
    reject_idea(store, ORGANISER, rejected, "Dit past niet bij de wijk.")
    before = fingerprint(store)
    for idea, message in ((waiting, "Publiceer idee"), (merged, "samengevoegd"),
                          (rejected, "afgewezen en kan geen voorstel")):  # fmt: skip
        with pytest.raises(UserError, match=message):
            idea_to_proposal(store, ORGANISER, idea)
    assert fingerprint(store) == before


def test_residents_see_the_proposals_status_of_published_decisions_only(store: Store) -> None:
    idea = published(store)
    reference = idea_to_proposal(store, ORGANISER, idea)
    seat = neighbourhood_council(store)
    with store.read() as cur:
        proposal = proposals.proposal_by_ref(cur, reference)
        ref = ideas.idea(cur, idea).reference  # type: ignore[union-attr]
    assert proposal is not None
    envelope = add_envelope(store, ORGANISER, HOOD, 2026, "fonds", "10.000", "Testbudget")
    decision = record_decision(store, ORGANISER, seat.decision(proposal.id, "1.000", envelope))
    assert public_list(store)[ref].proposal_status == "in behandeling"  # the draft stays unseen
    publish_decision(store, ORGANISER, decision)
    assert public_list(store)[ref].proposal_status == "besloten"


def test_two_organisers_making_a_proposal_of_one_idea_at_once_make_one(store: Store) -> None:
    idea = published(store)
    count = len(proposals_of(store))
    results = race(
        lambda: idea_to_proposal(store, ORGANISER, idea),
        lambda: idea_to_proposal(store, Caller("bob", Role.ORGANISER, None), idea),
    )
    made = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, UserError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert len(proposals_of(store)) == count + 1


def proposals_of(store: Store) -> list[object]:
    with store.read() as cur:
        return list(proposals.proposals_for_neighbourhood(cur, HOOD))


@pytest.mark.parametrize(
    "caller", [PUBLIC, ALDERMAN, OTHER_ORGANISER], ids=["public", "alderman", "elsewhere"]
)
def test_only_the_neighbourhoods_organisers_moderate(store: Store, caller: Caller) -> None:
    target = published(store)
    idea = idea_id(store, submit_idea(store, form(store)))
    before = fingerprint(store)
    steps: list[Callable[[], object]] = [
        lambda: publish_idea(store, caller, idea),
        lambda: merge_idea(store, caller, idea, target),
        lambda: reject_idea(store, caller, idea, "Geen goed plan voor de wijk."),
        lambda: idea_to_proposal(store, caller, target),
        lambda: proposer_contact(store, caller, idea),
        lambda: neighbourhood_ideas(store, caller, HOOD),
    ]
    for step in steps:
        with pytest.raises(PermissionDenied):
            step()
    assert fingerprint(store) == before


# Personal data ------------------------------------------------------------------------


def test_an_erasure_request_finds_and_erases_the_contact_of_an_idea(store: Store) -> None:
    idea = idea_id(store, submit_idea(store, form(store)))
    for caller in (PUBLIC, ALDERMAN):
        with pytest.raises(PermissionDenied):
            privacy.find_idea_contacts(store, caller, CONTACT[1])
    assert privacy.find_idea_contacts(store, OTHER_ORGANISER, CONTACT[1]) == []
    with pytest.raises(PermissionDenied):
        privacy.erase_idea_contact(store, OTHER_ORGANISER, idea)
    [match] = privacy.find_idea_contacts(store, ORGANISER, "0612345678")
    assert match.idea_id == idea and match.name == CONTACT[0]
    privacy.erase_idea_contact(store, ORGANISER, idea, "ZAAK-2026/44")
    assert proposer_contact(store, ORGANISER, idea) is None
    assert status(store, idea) == IdeaStatus.INGEDIEND  # the idea stays
    erased = [e for e in events(store) if e.action == "privacy.erase"][-1]
    assert erased.entity == "idea_contact" and "ZAAK-2026/44" in erased.payload_json
    assert not any(value in e.payload_json for e in events(store) for value in CONTACT)
    with pytest.raises(privacy.PrivacyError, match="geen contactgegevens"):
        privacy.erase_idea_contact(store, ORGANISER, idea)


def test_retention_erases_the_contact_of_ideas_long_rejected_or_merged(store: Store) -> None:
    target = published(store)
    rejected = idea_id(store, submit_idea(store, form(store)))
    merged = idea_id(store, submit_idea(store, form(store)))
    reject_idea(store, ORGANISER, rejected, "Dit past niet bij de wijk.")
    merge_idea(store, ORGANISER, merged, target)
    later = clock.today() + timedelta(days=30)
    demo_closed = privacy.apply_retention(store, SYSTEM, days=30, today=later, dry_run=True)
    assert demo_closed.idea_contacts >= 2  # ours, and the demo's closed ideas
    report = privacy.apply_retention(store, SYSTEM, days=30, today=later)
    assert report.idea_contacts == demo_closed.idea_contacts
    assert proposer_contact(store, ORGANISER, rejected) is None
    assert proposer_contact(store, ORGANISER, merged) is None
    assert proposer_contact(store, ORGANISER, target) is not None  # still open
    assert privacy.apply_retention(store, SYSTEM, days=30, today=later).idea_contacts == 0


def test_a_rejection_just_after_midnight_counts_from_that_day_in_amsterdam(
    store: Store,
) -> None:
    # 23:30 UTC is 00:30 on the demo's day in Amsterdam: the UTC date is the day before.
    with time_machine.travel(datetime(2026, 11, 22, 23, 30, tzinfo=UTC)):
        rejected = idea_id(store, submit_idea(store, form(store)))
        reject_idea(store, ORGANISER, rejected, "Dit past niet bij de wijk.")
        privacy.apply_retention(store, SYSTEM, days=30, today=clock.today() + timedelta(days=29))
        assert proposer_contact(store, ORGANISER, rejected) is not None
        privacy.apply_retention(store, SYSTEM, days=30, today=clock.today() + timedelta(days=30))
        assert proposer_contact(store, ORGANISER, rejected) is None


def test_the_demo_has_ideas_in_every_status_that_the_pages_can_work_with(store: Store) -> None:
    """Generated with the demo (data/demo_ideas.py): every status in every neighbourhood,
    their points inside the neighbourhood, and a published one goes on to a proposal."""
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        for hood in hoods:
            found = ideas.ideas_for_neighbourhood(cur, hood.id)
            assert {i.status for i in found} == set(IdeaStatus), hood.name
            for idea in found:
                if idea.location is not None:
                    assert geo.contains(hood.polygon_geojson, *idea.location), idea.reference
    demo = next(
        line.idea.id
        for line in neighbourhood_ideas(store, ORGANISER, HOOD)
        if line.idea.status == IdeaStatus.GEPUBLICEERD and line.idea.location is not None
    )
    assert idea_to_proposal(store, ORGANISER, demo).startswith("WR-")
