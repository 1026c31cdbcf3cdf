"""Ideas residents propose online (issue 16): submitting one (anyone, without logging in)
and the organisers' moderation: publish it, merge it into another published idea, reject
it with a reason residents read, or turn a published idea into a proposal of the budget
book (once; its buurt, place, cost, theme and contact go along, and both keep the link).

The contact (name with a phone number or an e-mail address) is for the organisers of the
idea's neighbourhood only: every look is audited, it is erased on request or by the
retention rule (`services.privacy`), and when the idea becomes a proposal it moves to the
proposal's contact. Every step writes an audit event, never with personal data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from dashboard.domain.auth import (
    PUBLIC,
    Caller,
    PermissionDenied,
    may_see_personal_data,
    require_organiser,
    require_staff,
)
from dashboard.domain.contact import Contact, check_contact
from dashboard.domain.errors import Problems, UserError
from dashboard.domain.ideas import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    REASON_MIN,
    TITLE_MAX,
    Idea,
    merge_refusal,
    proposal_refusal,
    publish_refusal,
    reject_refusal,
)
from dashboard.domain.money import AmountError, parse_amount
from dashboard.files.photos import Photo, check_photo, save_photo
from dashboard.services.budget.common import clean_text, place_of, require_organiser_role
from dashboard.services.budget.proposals import (
    ProposalInput,
    parse_location,
    reference_of,
    submit_proposal,
)
from dashboard.store import audit, council, geography, idea_contacts, ideas, proposals
from dashboard.store.db import Store
from dashboard.store.idea_contacts import IdeaContact
from dashboard.store.unit import Unit
from sortition import clock


@dataclass(frozen=True)
class IdeaInput:
    """An idea as a resident typed it on the form."""

    neighbourhood_id: int
    title: str
    description: str
    estimated_cost: str | Decimal
    theme_id: int | None
    name: str
    email: str
    phone: str
    part_id: int | None = None
    location: str = ""  # "53.20120, 6.55310", clicked on the map or typed; empty: no place
    photo: bytes | None = None


@dataclass(frozen=True)
class _Checked:
    title: str
    description: str
    cost: Decimal
    theme_id: int
    contact: Contact
    part_id: int | None
    location: tuple[float, float] | None
    photo: Photo | None


def submit_idea(store: Store, data: IdeaInput) -> str:
    """Record a resident's idea; returns its reference (I-2026-0007) to keep. Every problem
    of the form is reported at once (UserErrors) and nothing is stored then. Public by
    design: the idea stays hidden until an organiser has looked at it."""
    checked = _check(store, data)
    photo_name = save_photo(checked.photo) if checked.photo else None  # content-named

    def work(cur: Unit) -> str:
        now = clock.utc_naive_now()
        ref = ideas.next_reference(cur, clock.today().year)
        idea_id = ideas.add_idea(
            cur,
            ref,
            data.neighbourhood_id,
            checked.part_id,
            checked.title,
            checked.description,
            checked.cost,
            checked.theme_id,
            checked.location,
            photo_name,
            now,
        )
        idea_contacts.add_contact(cur, idea_id, checked.contact, now)
        audit.append(
            cur,
            PUBLIC.actor,
            "idea.submit",
            "idea",
            idea_id,
            {"neighbourhood_id": data.neighbourhood_id, "photo": photo_name is not None},
        )  # never the contact
        return ref

    return store.write(work)


def _check(store: Store, data: IdeaInput) -> _Checked:
    problems = Problems()
    title = problems.check(lambda: clean_text(data.title, "een titel", maximum=TITLE_MAX))
    description = problems.check(
        lambda: clean_text(
            data.description, "een omschrijving", minimum=DESCRIPTION_MIN, maximum=DESCRIPTION_MAX
        )
    )
    cost = problems.check(lambda: _cost(data.estimated_cost))
    if data.theme_id is None:
        problems.add("Kies een thema.")
    contact = problems.check(lambda: _contact(data))
    location = problems.check(lambda: parse_location(data.location))
    sent = data.photo
    photo = problems.check(lambda: check_photo(sent)) if sent else None
    part_id = None
    with store.read() as cur:
        if geography.neighbourhood(cur, data.neighbourhood_id) is None:
            problems.add("Kies uw wijk.")
        else:
            part_id = problems.check(
                lambda: place_of(cur, data.neighbourhood_id, data.part_id, location)
            )
        if data.theme_id is not None and data.theme_id not in proposals.themes(cur):
            problems.add("Kies een thema uit de lijst.")
    problems.raise_any()
    assert title and description and cost is not None and contact and data.theme_id
    return _Checked(title, description, cost, data.theme_id, contact, part_id, location, photo)


def _cost(typed: str | Decimal) -> Decimal:
    if isinstance(typed, str) and not typed.strip():
        raise UserError(
            "Vul in wat het ongeveer kost, bijvoorbeeld 1.250 (een ruwe schatting is goed; "
            "0 als het niets kost)."
        )
    try:
        amount = parse_amount(typed)
    except AmountError as exc:
        raise UserError(f"De kosten: {exc}") from None
    if amount < 0:
        raise UserError("De kosten kunnen niet negatief zijn.")
    return amount


def _contact(data: IdeaInput) -> Contact:
    found = check_contact(data.name, data.email, data.phone)
    if found is None:
        raise UserError(
            "Vul uw naam in en uw telefoonnummer of e-mailadres, zodat de organisator u "
            "kan bereiken over uw idee."
        )
    return found


# Moderation (organisers of the idea's neighbourhood) -------------------------------------


@dataclass(frozen=True)
class IdeaLine:
    """An idea as the organisers' tab shows it."""

    idea: Idea
    theme: str
    part_name: str | None
    merged_into_reference: str | None
    proposal_reference: str | None
    proposal_status: str | None  # the budget book's own status, drafts included
    has_contact: bool


def neighbourhood_ideas(store: Store, caller: Caller, neighbourhood_id: int) -> list[IdeaLine]:
    """Every idea of the neighbourhood, the waiting ones first (never the contacts)."""
    require_organiser(caller, neighbourhood_id)
    with store.read() as cur:
        found = ideas.ideas_for_neighbourhood(cur, neighbourhood_id)
        themes = proposals.themes(cur)
        parts = {p.id: p.name for p in geography.neighbourhood_parts(cur, neighbourhood_id)}
        merged = ideas.references(cur, [i.merged_into_id for i in found if i.merged_into_id])
        linked = {
            p.id: p
            for p in proposals.proposals_for_neighbourhood(cur, neighbourhood_id)
            if p.id in {i.proposal_id for i in found}
        }
        with_contact = idea_contacts.has_contact(cur, [i.id for i in found])
    return [
        IdeaLine(
            i,
            themes.get(i.theme_id, "?"),
            parts.get(i.part_id) if i.part_id is not None else None,
            merged.get(i.merged_into_id) if i.merged_into_id is not None else None,
            linked[i.proposal_id].external_ref if i.proposal_id in linked else None,
            linked[i.proposal_id].status if i.proposal_id in linked else None,
            i.id in with_contact,
        )
        for i in found
    ]


def publish_idea(store: Store, caller: Caller, idea_id: int) -> None:
    """Residents see the idea from now on, with its photo (never the contact)."""

    def step(cur: Unit, idea: Idea, now: datetime) -> dict[str, object]:
        _refuse(publish_refusal(idea))
        ideas.publish(cur, idea.id, now)
        return {}

    _moderate(store, caller, idea_id, "idea.publish", step)


def merge_idea(store: Store, caller: Caller, idea_id: int, into_id: int | None) -> None:
    """The idea says what a published idea says already: residents read it as merged with
    that one, which goes on in its place."""

    def step(cur: Unit, idea: Idea, now: datetime) -> dict[str, object]:
        target = None if into_id is None else ideas.idea(cur, into_id)
        _refuse(merge_refusal(idea, target))
        assert target is not None
        ideas.merge(cur, idea.id, target.id, now)
        return {"into": target.id, "into_reference": target.reference}

    _moderate(store, caller, idea_id, "idea.merge", step)


def reject_idea(
    store: Store, caller: Caller, idea_id: int, reason: str, hide_text: bool = False
) -> None:
    """Reject the idea with a reason residents read (never silently). `hide_text` keeps its
    title off the public list too (abuse, or someone's personal data in it)."""
    require_organiser_role(caller)
    why = clean_text(reason, "de reden van afwijzing", minimum=REASON_MIN, maximum=1000)

    def step(cur: Unit, idea: Idea, now: datetime) -> dict[str, object]:
        _refuse(reject_refusal(idea))
        ideas.reject(cur, idea.id, why, hide_text, now)
        return {"text_hidden": hide_text}

    _moderate(store, caller, idea_id, "idea.reject", step)


def idea_to_proposal(store: Store, caller: Caller, idea_id: int) -> str:
    """Turn a published idea into a proposal of the budget book, in one transaction: its
    title, text, cost, theme, buurt and place, submitted by a resident, with the contact
    moved along. Returns the proposal's reference."""
    require_organiser_role(caller)
    found = _idea(store, idea_id)
    require_organiser(caller, found.neighbourhood_id)
    _refuse(proposal_refusal(found))
    with store.read() as cur:
        reach = idea_contacts.contact(cur, idea_id)
        proposal = idea_proposal(
            cur, caller, found, reach, found.title, found.description, found.estimated_cost
        )

    def link(cur: Unit, proposal_id: int) -> None:
        now = ideas.idea(cur, idea_id)
        assert now is not None
        _refuse(proposal_refusal(now))
        if (idea_contacts.contact(cur, idea_id) is None) != (reach is None):
            raise UserError("Het idee is intussen gewijzigd. Probeer het opnieuw.")
        link_idea(cur, caller, idea_id, proposal_id, reach is not None)

    proposal_id = submit_proposal(
        store,
        caller,
        proposal,
        and_then=link,
    )
    return reference_of(store, caller, proposal_id)


def idea_proposal(
    cur: Unit,
    caller: Caller,
    idea: Idea,
    reach: IdeaContact | None,
    title: str,
    description: str,
    cost: Decimal,
) -> ProposalInput:
    """The proposal an idea becomes: submitted by a resident, with the idea's theme, buurt
    and place, for its neighbourhood's council, and its proposer's contact (`reach`)."""
    require_organiser(caller, idea.neighbourhood_id)
    councils = council.councils_for_neighbourhood(cur, idea.neighbourhood_id)
    return ProposalInput(
        idea.neighbourhood_id,
        title,
        description,
        "bewoner",
        cost,
        [idea.theme_id],
        council_id=councils[0].id if councils else None,
        part_id=idea.part_id,
        location=idea.location,
        contact=None if reach is None else Contact(reach.name, reach.email, reach.phone),
    )


def link_idea(
    cur: Unit, caller: Caller, idea_id: int, proposal_id: int, contact_moved: bool, **extra: object
) -> None:
    """The idea became the proposal: linked both ways, its contact moved to the proposal
    (so it is deleted here), and audited."""
    require_organiser_role(caller)
    idea_contacts.delete_contact(cur, idea_id)
    ideas.link_proposal(cur, idea_id, proposal_id, clock.utc_naive_now())
    audit.append(
        cur, caller.actor, "idea.to_proposal", "idea", idea_id,
        {"proposal_id": proposal_id, "contact_moved": contact_moved, **extra},
    )  # fmt: skip


def proposer_contact(store: Store, caller: Caller, idea_id: int) -> IdeaContact | None:
    """Who proposed the idea and how to reach them: organisers of its neighbourhood only,
    and every look is written to the audit log (that it was looked at, not what). After
    the idea became a proposal the contact is the proposal's (`submitter_contact`)."""
    require_organiser_role(caller)
    found = _idea(store, idea_id)
    if not may_see_personal_data(caller, found.neighbourhood_id):
        raise PermissionDenied("U bent geen organisator voor de wijk van dit idee.")

    def work(cur: Unit) -> IdeaContact | None:
        reach = idea_contacts.contact(cur, idea_id)
        audit.append(
            cur,
            caller.actor,
            "idea.contact_view",
            "idea",
            idea_id,
            {"neighbourhood_id": found.neighbourhood_id, "found": reach is not None},
        )
        return reach

    return store.write(work)


def idea_references(store: Store, caller: Caller, proposal_ids: list[int]) -> dict[int, str]:
    """The idea each of these proposals came from: proposal id -> I-2026-0007."""
    require_staff(caller)
    with store.read() as cur:
        return ideas.references_of_proposals(cur, proposal_ids)


def _moderate(
    store: Store,
    caller: Caller,
    idea_id: int,
    action: str,
    step: Callable[[Unit, Idea, datetime], dict[str, object]],
) -> None:
    """One moderation step on fresh data: the caller checked first, the idea read again
    inside the transaction (a colleague may have moderated it meanwhile), the step's
    rule applied, and an audit event with what the step reports."""
    require_organiser_role(caller)
    require_organiser(caller, _idea(store, idea_id).neighbourhood_id)

    def work(cur: Unit) -> None:
        found = ideas.idea(cur, idea_id)
        assert found is not None
        payload = step(cur, found, clock.utc_naive_now())
        audit.append(cur, caller.actor, action, "idea", idea_id, {"from": found.status, **payload})

    store.write(work)


def _idea(store: Store, idea_id: int) -> Idea:
    with store.read() as cur:
        found = ideas.idea(cur, idea_id)
    if found is None:
        raise UserError(f"Idee {idea_id} bestaat niet.")
    return found


def _refuse(refusal: str | None) -> None:
    if refusal is not None:
        raise UserError(refusal)
