"""Proposals: submitting one, its review, its steps along the status flow, and the
themes they are filed under."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dashboard.domain.auth import (
    Caller,
    PermissionDenied,
    Role,
    may_see_personal_data,
    require_staff,
)
from dashboard.domain.contact import Contact
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.money import parse_amount
from dashboard.domain.statuses import UNDECIDED, ProposalStatus, manual_step_refusal
from dashboard.services.budget.common import (
    booking,
    clean_text,
    neighbourhood_of_proposal,
    not_future,
    place_of,
    proposal_of,
    require_organiser_role,
)
from dashboard.store import audit, proposal_contacts, proposals
from dashboard.store.db import Store
from dashboard.store.proposal_contacts import ProposalContact
from dashboard.store.unit import Unit
from sortition import clock

SUBMITTER_TYPES = ("bewoner", "raadslid", "gemeente", "partner")


@dataclass(frozen=True)
class ProposalInput:
    neighbourhood_id: int
    title: str
    description: str
    submitter_type: str
    requested_amount: str | Decimal
    theme_ids: list[int] = field(default_factory=list)
    council_id: int | None = None
    part_id: int | None = None
    location: tuple[float, float] | None = None
    submitted_on: date | None = None
    parent_id: int | None = None
    iv3_taakveld: str | None = None
    contact: Contact | None = None  # from check_contact; personal data, organisers only


@dataclass(frozen=True)
class _Checked:
    title: str
    description: str
    amount: Decimal
    submitted: date
    iv3: str | None


def _check_input(data: ProposalInput) -> _Checked:
    """What can be checked without the database (UserError otherwise)."""
    title = clean_text(data.title, "een titel", maximum=200)
    description = clean_text(data.description, "een omschrijving")
    if data.submitter_type not in SUBMITTER_TYPES:
        raise UserError(f"Kies wie het voorstel indient: {', '.join(SUBMITTER_TYPES)}.")
    amount = parse_amount(data.requested_amount)
    if amount < 0:
        raise UserError("Het gevraagde bedrag kan niet negatief zijn.")
    submitted = not_future(data.submitted_on or clock.today(), "De datum van indienen")
    if not data.theme_ids:
        raise UserError("Kies minstens één thema.")

    iv3 = (data.iv3_taakveld or "").strip() or None
    if iv3 is not None and not re.match(r"^\d\.\d+(\.\d+)?( .+)?$", iv3):
        raise UserError(
            "Schrijf het Iv3-taakveld als nummer en naam, bijvoorbeeld "
            "'6.1 Samenkracht en burgerparticipatie'."
        )
    return _Checked(title, description, amount, submitted, iv3)


def submit_proposal(
    store: Store,
    caller: Caller,
    data: ProposalInput,
    and_then: Callable[[Unit, int], None] | None = None,
) -> int:
    """Record a new proposal; returns its id (`reference_of` gives its reference).
    `and_then(unit, proposal_id)` runs in the same transaction (an idea that becomes this
    proposal is linked there, or neither happens)."""
    require_organiser_role(caller)
    checked = _check_input(data)

    def work(cur: Unit, books: Books) -> int:
        proposal_id = _add(cur, caller, data, checked)
        if and_then is not None:
            and_then(cur, proposal_id)
        return proposal_id

    return booking(store, caller, data.neighbourhood_id, work)


def add_proposal_in(cur: Unit, caller: Caller, data: ProposalInput) -> int:
    """Check and record a new proposal inside a booking the caller runs already (several
    proposals in one transaction: the winners of a neighbourhood vote); returns its id."""
    require_organiser_role(caller)
    return _add(cur, caller, data, _check_input(data))


def _add(cur: Unit, caller: Caller, data: ProposalInput, checked: _Checked) -> int:
    known = proposals.themes(cur)
    unknown = [t for t in data.theme_ids if t not in known]
    if unknown:
        raise UserError("Onbekend thema gekozen.")
    if data.parent_id is not None:
        parent = proposal_of(cur, data.parent_id)
        if parent.neighbourhood_id != data.neighbourhood_id or parent.parent_id is not None:
            raise UserError("Een deelproject hoort bij een hoofdproject in dezelfde wijk.")
    part_id = place_of(cur, data.neighbourhood_id, data.part_id, data.location)
    proposal_id = proposals.add_proposal(
        cur,
        proposals.next_external_ref(cur, checked.submitted.year),
        data.neighbourhood_id,
        checked.title,
        checked.description,
        data.submitter_type,
        checked.amount,
        checked.submitted,
        clock.utc_naive_now(),
        theme_ids=data.theme_ids,
        council_id=data.council_id,
        part_id=part_id,
        location=data.location,
        parent_id=data.parent_id,
        iv3_taakveld=checked.iv3,
    )
    if data.contact is not None:
        proposal_contacts.add_contact(cur, proposal_id, data.contact, clock.utc_naive_now())
    audit.append(
        cur,
        caller.actor,
        "proposal.submit",
        "proposal",
        proposal_id,
        {"amount": str(checked.amount), "contact": data.contact is not None},  # never the contact
    )
    return proposal_id


def reference_of(store: Store, caller: Caller, proposal_id: int) -> str:
    """The proposal's reference (WR-2026-00214), to tell whoever submitted it."""
    require_staff(caller)
    with store.read() as cur:
        return proposal_of(cur, proposal_id).external_ref


def proposals_with_contact(store: Store, caller: Caller, proposal_ids: list[int]) -> set[int]:
    """Which of the proposals have a submitter's contact (whether, not who)."""
    require_staff(caller)
    with store.read() as cur:
        return proposal_contacts.has_contact(cur, proposal_ids)


def submitter_contact(store: Store, caller: Caller, proposal_id: int) -> ProposalContact | None:
    """Who submitted the proposal and how to reach them: organisers of its neighbourhood
    only, and every look is written to the audit log (that it was looked at, not what)."""
    require_organiser_role(caller)
    neighbourhood_id = neighbourhood_of_proposal(store, proposal_id)
    if not may_see_personal_data(caller, neighbourhood_id):
        raise PermissionDenied("U bent geen organisator voor de wijk van dit voorstel.")

    def work(cur: Unit) -> ProposalContact | None:
        found = proposal_contacts.contact(cur, proposal_id)
        audit.append(
            cur,
            caller.actor,
            "proposal.contact_view",
            "proposal",
            proposal_id,
            {"neighbourhood_id": neighbourhood_id, "found": found is not None},
        )
        return found

    return store.write(work)


def review_proposal(
    store: Store,
    caller: Caller,
    proposal_id: int,
    feasible: bool,
    assessment: str,
    cost_estimate: str | Decimal | None,
    rejection_reason: str | None = None,
    on: date | None = None,
) -> None:
    """Record the review. A proposal found not feasible is rejected, with a written reason."""
    require_organiser_role(caller)
    text = clean_text(assessment, "de beoordeling")
    estimate = None if cost_estimate in (None, "") else parse_amount(cost_estimate)
    if estimate is not None and estimate < 0:
        raise UserError("De kostenraming kan niet negatief zijn.")
    reason = None
    if not feasible:
        reason = clean_text(rejection_reason or "", "De reden van afwijzing", minimum=10)
    day = not_future(on or clock.today(), "De datum")

    def work(cur: Unit, books: Books) -> None:
        found = proposal_of(cur, proposal_id)
        if found.status not in UNDECIDED:
            raise UserError(f"Dit voorstel is al {found.status}; beoordelen kan niet meer.")
        proposals.record_review(cur, proposal_id, text, estimate, reason)
        if found.status == ProposalStatus.INGEDIEND:
            proposals.change_status(cur, proposal_id, ProposalStatus.IN_BEHANDELING, day)
        if not feasible:
            proposals.change_status(cur, proposal_id, ProposalStatus.AFGEWEZEN, day, reason)
        audit.append(
            cur, caller.actor, "proposal.review", "proposal", proposal_id, {"feasible": feasible}
        )

    booking(store, caller, neighbourhood_of_proposal(store, proposal_id), work)


def change_proposal_status(
    store: Store, caller: Caller, proposal_id: int, to_status: str, on: date | None = None
) -> None:
    """Move along the status flow. Decisions set besloten and afgewezen themselves."""
    require_organiser_role(caller)
    day = not_future(on or clock.today(), "De datum")

    def work(cur: Unit, books: Books) -> None:
        found = proposal_of(cur, proposal_id)
        refusal = manual_step_refusal(found.status, to_status)
        if refusal is not None:
            raise UserError(refusal)
        proposals.change_status(cur, proposal_id, to_status, day)
        audit.append(
            cur,
            caller.actor,
            "proposal.status",
            "proposal",
            proposal_id,
            {"from": found.status, "to": to_status},
        )

    booking(store, caller, neighbourhood_of_proposal(store, proposal_id), work)


def add_theme(store: Store, caller: Caller, name: str) -> int:
    """Themes are configurable: organisers add the policy drivers their city uses."""
    if caller.role not in (Role.ORGANISER, Role.ADMINISTRATOR):
        raise PermissionDenied("Alleen organisatoren en beheerders kunnen thema's toevoegen.")
    label = clean_text(name, "de naam van het thema", minimum=3, maximum=60)
    code = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")

    def work(cur: Unit) -> int:
        if code in {c.lower() for c in proposals.theme_codes(cur)}:
            raise UserError(f"Het thema '{label}' bestaat al.")
        theme_id = proposals.add_theme(cur, code, label)
        audit.append(cur, caller.actor, "theme.add", "theme", theme_id, {"name": label})
        return theme_id

    return store.write(work)


def theme_names(store: Store) -> dict[int, str]:
    with store.read() as cur:
        return proposals.themes(cur)


def parse_location(text: str) -> tuple[float, float] | None:
    """'53.2012, 6.5531' (latitude, longitude) as typed; empty means no point."""
    if not text.strip():
        return None
    try:
        lat_text, lon_text = text.replace(";", ",").split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise UserError("Schrijf de plek als breedtegraad, lengtegraad: 53.2012, 6.5531.") from None
    if not (50.5 <= lat <= 53.8 and 3.2 <= lon <= 7.3):
        raise UserError("Die plek ligt niet in Nederland. Schrijf eerst de breedtegraad (53…).")
    return lat, lon
