"""Meetings and decisions of the council: a decision is recorded as a draft with its
votes (the rules are dashboard/domain/governance.py), books the money it grants at once,
and is published later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from dashboard.domain import governance, ledger
from dashboard.domain.auth import Caller, require_staff
from dashboard.domain.errors import UserError
from dashboard.domain.governance import Votes
from dashboard.domain.ledger import Books
from dashboard.domain.meetings import check_hours, check_present_at_decision
from dashboard.domain.models import Decision, Meeting, Proposal
from dashboard.domain.statuses import ProposalStatus
from dashboard.services.budget.common import (
    booking,
    clean_text,
    council_neighbourhood,
    not_future,
    proposal_of,
    require_organiser_role,
)
from dashboard.store import audit, budget, council, meetings, proposals
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


def plan_meeting(
    store: Store,
    caller: Caller,
    council_id: int,
    held_on: date,
    location: str,
    agenda: str,
    starts_at: time | None = None,
    ends_at: time | None = None,
) -> int:
    """Plan (or record) a meeting; with its time of day from `starts_at` to `ends_at`
    (Europe/Amsterdam), which residents read and their calendars receive."""
    require_organiser_role(caller)
    place = clean_text(location, "de plaats", maximum=200)
    items = clean_text(agenda, "de agenda")
    check_hours(starts_at, ends_at)
    neighbourhood_id = council_neighbourhood(store, council_id)

    def work(cur: Unit, books: Books) -> int:
        status = "gehouden" if held_on <= clock.today() else "gepland"
        meeting_id = council.add_meeting(cur, council_id, held_on, place, items, status)
        if starts_at is not None:
            meetings.set_time(cur, meeting_id, starts_at, ends_at)
        audit.append(
            cur,
            caller.actor,
            "meeting.plan",
            "meeting",
            meeting_id,
            {
                "council_id": council_id,
                "held_on": held_on.isoformat(),
                "starts_at": None if starts_at is None else f"{starts_at:%H:%M}",
                "ends_at": None if ends_at is None else f"{ends_at:%H:%M}",
            },
        )
        return meeting_id

    return booking(store, caller, neighbourhood_id, work)


@dataclass(frozen=True)
class DecisionInput:
    council_id: int
    meeting_id: int
    kind: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    members_present: int
    rationale: str
    proposal_id: int | None = None
    amount: str | Decimal | None = None
    envelope_id: int | None = None
    consultation_method: str = "geen"
    consultation_id: int | None = None


def record_decision(store: Store, caller: Caller, data: DecisionInput) -> int:
    """Record a council decision as a draft; allocations it makes are booked at once (so no
    one allocates the same money twice), but stay out of public figures until published."""
    require_organiser_role(caller)
    governance.check_kind(data.kind)
    rationale = clean_text(data.rationale, "De motivering", minimum=10)
    governance.check_consultation_method(data.consultation_method)
    votes = Votes(data.votes_for, data.votes_against, data.votes_abstain, data.members_present)
    votes.check()
    amount = governance.check_subject(data.kind, data.proposal_id, data.amount, data.envelope_id)
    neighbourhood_id = council_neighbourhood(store, data.council_id)

    def work(cur: Unit, books: Books) -> int:
        meeting = _decision_meeting(cur, data, votes)
        proposal = _decision_proposal(cur, data, books, amount)
        decision_id = council.add_decision(
            cur,
            data.council_id,
            data.kind,
            votes.as_tuple(),
            votes.present,
            True,
            rationale,
            "concept",
            meeting.held_on,
            meeting_id=meeting.id,
            proposal_id=data.proposal_id,
            amount=amount,
            consultation_id=_consultation(cur, data),
            consultation_method=data.consultation_method,
        )
        if proposal is not None:
            _carry_out(cur, data, decision_id, proposal, amount, meeting.held_on, rationale)
        audit.append(
            cur,
            caller.actor,
            "decision.record",
            "decision",
            decision_id,
            {
                "kind": data.kind,
                "amount": None if amount is None else str(amount),
                "proposal_id": data.proposal_id,
                "votes": list(votes.as_tuple()),
            },
        )
        return decision_id

    return booking(store, caller, neighbourhood_id, work)


def _consultation(cur: Unit, data: DecisionInput) -> int | None:
    """The consultation the decision followed: as given, else for a decision after a vote
    (`stemming`) on a proposal, the neighbourhood vote its idea won (recorded when the
    vote's winners became proposals, dashboard/services/vote/closing.py)."""
    if data.consultation_id is not None or data.consultation_method != "stemming":
        return data.consultation_id
    if data.proposal_id is None:
        return None
    return council.consultation_of_proposal(cur, data.proposal_id)


def _decision_meeting(cur: Unit, data: DecisionInput, votes: Votes) -> Meeting:
    """The meeting the decision was taken in, held, with a quorum and the majority the
    decision needs; no more members present than its attendance list names (one may
    leave before a vote, nobody joins uncounted)."""
    found_council = council.council(cur, data.council_id)
    meeting = council.meeting(cur, data.meeting_id)
    if found_council is None or meeting is None or meeting.council_id != data.council_id:
        raise UserError("Kies een vergadering van deze wijkraad.")
    not_future(meeting.held_on, "De vergadering")
    votes.check_attendance(
        found_council.seats_drawn + found_council.seats_appointed, found_council.quorum
    )
    attended = len(meetings.attendance(cur, meeting.id))
    check_present_at_decision(votes.present, attended or None)
    governance.check_majority(data.kind, votes)
    return meeting


def _decision_proposal(
    cur: Unit, data: DecisionInput, books: Books, amount: Decimal | None
) -> Proposal | None:
    """The proposal decided on, of the council's neighbourhood and open to this kind of
    decision; the money it is granted fits its budget."""
    if data.proposal_id is None:
        return None
    proposal = proposal_of(cur, data.proposal_id)
    if proposal.neighbourhood_id not in council.council_neighbourhood_ids(cur, data.council_id):
        raise UserError("Dit voorstel hoort niet bij de wijk van deze wijkraad.")
    governance.check_proposal(data.kind, proposal.status, books.allocated_to(proposal.id))
    if amount is not None:
        envelope = budget.envelope(cur, data.envelope_id)  # type: ignore[arg-type]
        if envelope is None or envelope.neighbourhood_id != proposal.neighbourhood_id:
            raise UserError("Kies een budget van de wijk van dit voorstel.")
        ledger.check_allocation(books, envelope.id, proposal.id, amount)
    return proposal


def _carry_out(
    cur: Unit,
    data: DecisionInput,
    decision_id: int,
    proposal: Proposal,
    amount: Decimal | None,
    day: date,
    rationale: str,
) -> None:
    """What a decision does to its proposal: the money it grants, a rejection's reason,
    and the status steps."""
    if amount is not None:
        budget.add_allocation(
            cur,
            decision_id,
            proposal.id,
            data.envelope_id,  # type: ignore[arg-type]
            amount,
            day,
            clock.utc_naive_now(),
        )
    if data.kind == "afwijzen":
        proposals.record_review(
            cur, proposal.id, proposal.feasibility or "", proposal.cost_estimate, rationale
        )
    for step in governance.status_steps(data.kind, proposal.status):
        note = rationale if step is ProposalStatus.AFGEWEZEN else None
        proposals.change_status(cur, proposal.id, step, day, note)


def publish_decision(store: Store, caller: Caller, decision_id: int) -> None:
    require_organiser_role(caller)
    with store.read() as cur:
        found = council.decision(cur, decision_id)
    if found is None:
        raise UserError(f"Besluit {decision_id} bestaat niet.")
    neighbourhood_id = council_neighbourhood(store, found.council_id)

    def work(cur: Unit, books: Books) -> None:
        current = council.decision(cur, decision_id)
        if current is None or current.status == "gepubliceerd":
            raise UserError("Dit besluit is al gepubliceerd.")
        council.publish_decision(cur, decision_id, clock.utc_naive_now())
        audit.append(cur, caller.actor, "decision.publish", "decision", decision_id)

    booking(store, caller, neighbourhood_id, work)


def decisions(store: Store, caller: Caller, council_id: int) -> list[Decision]:
    """All decisions, drafts included: staff only."""
    require_staff(caller)
    with store.read() as cur:
        return council.decisions_for_council(cur, council_id, published_only=False)
