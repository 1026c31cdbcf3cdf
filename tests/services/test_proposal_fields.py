"""A proposal's buurt, its place on the map (inside its neighbourhood) and the contact of
whoever submitted it: organisers of the neighbourhood only, every look audited, never in
the audit log itself, erased on request and by the retention rule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashboard.domain.auth import PUBLIC, SYSTEM, Caller, PermissionDenied, Role
from dashboard.domain.contact import check_contact
from dashboard.domain.errors import UserError
from dashboard.domain.models import Proposal
from dashboard.domain.statuses import ProposalStatus
from dashboard.services import privacy
from dashboard.services.budget.proposals import (
    ProposalInput,
    proposals_with_contact,
    reference_of,
    review_proposal,
    submit_proposal,
    submitter_contact,
)
from dashboard.store import audit, geography, proposals
from dashboard.store.db import Store
from sortition import clock
from tests.database_state import fingerprint


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


HOOD = 7  # Beekveld in the demo: parts Noord, Oost, Zuid, West
ORGANISER = Caller("org", Role.ORGANISER, frozenset({HOOD}))
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({1}))
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
IN_WEST = (53.2035, 6.5610)  # inside Beekveld West
NEXT_DOOR = (53.2012, 6.5531)  # in Vinkhuizen-Zuid
CONTACT = ("Fatima el Amrani", "fatima.elamrani@example.nl", "06 12345678")


def parts(store: Store) -> dict[str, int]:
    with store.read() as cur:
        return {p.name: p.id for p in geography.neighbourhood_parts(cur, HOOD)}


def theme(store: Store) -> int:
    with store.read() as cur:
        return next(iter(proposals.themes(cur)))


def proposal(store: Store, **changes: object) -> ProposalInput:
    values: dict[str, object] = {
        "neighbourhood_id": HOOD,
        "title": "Bankjes bij de vijver",
        "description": "Drie bankjes zodat ouderen kunnen rusten.",
        "submitter_type": "bewoner",
        "requested_amount": "2.400",
        "theme_ids": [theme(store)],
        "contact": check_contact(*CONTACT),
    }
    values.update(changes)
    return ProposalInput(**values)  # type: ignore[arg-type]


def stored(store: Store, proposal_id: int) -> Proposal:
    with store.read() as cur:
        found = proposals.proposal(cur, proposal_id)
    assert found is not None
    return found


def test_the_buurt_comes_from_the_place_when_none_is_chosen(store: Store) -> None:
    made = stored(store, submit_proposal(store, ORGANISER, proposal(store, location=IN_WEST)))
    assert made.part_id == parts(store)["Beekveld West"]
    assert (made.location_lat, made.location_lon) == IN_WEST
    chosen = parts(store)["Beekveld Noord"]
    made = stored(store, submit_proposal(store, ORGANISER, proposal(store, part_id=chosen)))
    assert made.part_id == chosen and made.location_lat is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"location": NEXT_DOOR}, "De plek 53.20120, 6.55310 ligt niet in Beekveld"),
        ({"location": IN_WEST, "part_id": "Beekveld Noord"}, "ligt in Beekveld West, niet in"),
        ({"part_id": 1}, "Kies een buurt van deze wijk"),  # a buurt of another wijk
    ],
)
def test_a_place_outside_the_neighbourhood_or_its_buurt_is_refused(
    store: Store, changes: dict[str, object], message: str
) -> None:
    if changes.get("part_id") == "Beekveld Noord":
        changes = {**changes, "part_id": parts(store)["Beekveld Noord"]}
    before = fingerprint(store)
    with pytest.raises(UserError, match=message):
        submit_proposal(store, ORGANISER, proposal(store, **changes))
    assert fingerprint(store) == before


def test_the_contact_is_kept_apart_and_every_look_is_audited(store: Store) -> None:
    proposal_id = submit_proposal(store, ORGANISER, proposal(store))
    assert reference_of(store, ORGANISER, proposal_id).startswith(f"WR-{clock.today().year}-")
    assert proposals_with_contact(store, ALDERMAN, [proposal_id, 1]) == {proposal_id}
    found = submitter_contact(store, ORGANISER, proposal_id)
    assert found is not None and (found.name, found.email, found.phone) == CONTACT
    with store.read() as cur:
        events = audit.events(cur)
    assert [e.action for e in events[-2:]] == ["proposal.submit", "proposal.contact_view"]
    assert '"contact": true' in events[-2].payload_json
    log = "\n".join(e.payload_json for e in events)
    assert not any(value in log for value in CONTACT)  # the log says that, never who
    assert audit.verify_chain(events) == []


def test_only_the_neighbourhoods_organisers_see_the_contact(store: Store) -> None:
    proposal_id = submit_proposal(store, ORGANISER, proposal(store))
    before = fingerprint(store)
    for caller in (PUBLIC, ALDERMAN, OTHER_ORGANISER):
        with pytest.raises(PermissionDenied):
            submitter_contact(store, caller, proposal_id)
    for caller in (PUBLIC, ALDERMAN):
        with pytest.raises(PermissionDenied):
            privacy.find_proposal_contacts(store, caller, CONTACT[1])
    assert privacy.find_proposal_contacts(store, OTHER_ORGANISER, CONTACT[1]) == []  # not theirs
    with pytest.raises(PermissionDenied):
        privacy.erase_proposal_contact(store, OTHER_ORGANISER, proposal_id)
    changed = fingerprint(store)
    assert {t for t in changed if changed[t] != before[t]} <= {"audit_event"}  # the search


def test_a_wrong_contact_is_refused_before_anything_is_stored(store: Store) -> None:
    before = fingerprint(store)
    with pytest.raises(UserError, match="klopt niet"):
        submit_proposal(store, ORGANISER, proposal(store, contact=check_contact("Jan", "jan@", "")))
    assert fingerprint(store) == before


@pytest.mark.parametrize("query", [CONTACT[1].upper(), "+31 (0)6-1234 5678", "el amrani"])
def test_an_erasure_request_finds_and_erases_the_submitters_contact(
    store: Store, query: str
) -> None:
    proposal_id = submit_proposal(store, ORGANISER, proposal(store))
    if query.startswith("+31"):
        query = "0612345678"  # the digits as stored, typed another way
    [match] = privacy.find_proposal_contacts(store, ORGANISER, query)
    assert match.proposal_id == proposal_id and match.name == CONTACT[0]
    privacy.erase_proposal_contact(store, ORGANISER, proposal_id, "ZAAK-2026/31")
    assert submitter_contact(store, ORGANISER, proposal_id) is None
    assert privacy.find_proposal_contacts(store, ORGANISER, query) == []
    assert stored(store, proposal_id).title == "Bankjes bij de vijver"  # the proposal stays
    with store.read() as cur:
        events = audit.events(cur)
    erased = [e for e in events if e.action == "privacy.erase"][-1]
    assert erased.entity == "proposal_contact" and "ZAAK-2026/31" in erased.payload_json
    assert not any(value in e.payload_json for e in events for value in CONTACT)
    with pytest.raises(privacy.PrivacyError, match="geen contactgegevens"):
        privacy.erase_proposal_contact(store, ORGANISER, proposal_id)
    with pytest.raises(privacy.PrivacyError, match="zaaknummer"):
        privacy.erase_proposal_contact(store, SYSTEM, proposal_id, "Fatima el Amrani")


def test_retention_erases_the_contact_once_the_proposal_is_long_finished(store: Store) -> None:
    kept = submit_proposal(store, ORGANISER, proposal(store))
    rejected = submit_proposal(store, ORGANISER, proposal(store, title="Afgewezen plan"))
    review_proposal(store, ORGANISER, rejected, False, "Niet haalbaar.", None,
                    "Dit kan de wijkraad niet betalen.")  # fmt: skip
    assert stored(store, rejected).status == ProposalStatus.AFGEWEZEN
    later = clock.today() + timedelta(days=30)
    dry = privacy.apply_retention(store, SYSTEM, days=30, today=later, dry_run=True)
    assert dry.proposal_contacts == 1
    assert privacy.apply_retention(store, SYSTEM, days=31, today=later).proposal_contacts == 0
    report = privacy.apply_retention(store, SYSTEM, days=30, today=later)
    assert report.proposal_contacts == 1
    assert submitter_contact(store, ORGANISER, rejected) is None
    assert submitter_contact(store, ORGANISER, kept) is not None  # still being handled
