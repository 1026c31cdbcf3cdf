"""The neighbourhood's household book: budgets, proposals, meetings, decisions,
allocations, spending, year end and progress. Organisers of the neighbourhood only.

Each write runs in one transaction that first locks the neighbourhood's books
(`budget.lock_neighbourhood`), re-reads them, checks the ledger's rules, appends rows and
an audit event. A concurrent booking conflicts on the lock and is retried on fresh books,
so two sessions can neither double-book nor overspend together.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from dashboard.config import overspend_policy
from dashboard.domain import governance, ledger, progress
from dashboard.domain.auth import (
    SYSTEM,
    Caller,
    PermissionDenied,
    Role,
    require_organiser,
    require_staff,
)
from dashboard.domain.errors import UserError
from dashboard.domain.governance import Votes
from dashboard.domain.ledger import AllocationRow, Books, EnvelopeRow, SpendingRow
from dashboard.domain.models import (
    Allocation,
    BudgetEnvelope,
    Consultation,
    Decision,
    Meeting,
    Proposal,
    SpendingTransaction,
)
from dashboard.domain.money import ZERO, parse_amount
from dashboard.domain.statuses import DECIDED, UNDECIDED, ProposalStatus, manual_step_refusal
from dashboard.files import spending_csv
from dashboard.files.photos import save_photo
from dashboard.store import audit, budget, council, geography, proposals
from dashboard.store import public as public_records
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

T = TypeVar("T")

SUBMITTER_TYPES = ("bewoner", "raadslid", "gemeente", "partner")
CONSULTATION_KINDS = ("peiling", "stemming", "bijeenkomst")
MILESTONE_STATUSES = ("gepland", "bezig", "klaar")


def load_books(cur: Unit, neighbourhood_id: int) -> Books:
    allocations = budget.allocations_for_neighbourhood(cur, neighbourhood_id)
    return Books(
        envelopes=tuple(
            EnvelopeRow(
                e.id,
                e.neighbourhood_id,
                e.year,
                e.source,
                e.amount,
                e.year_end_rule,
                e.carried_from_id,
            )
            for e in budget.envelopes(cur, neighbourhood_id)
        ),
        allocations=tuple(
            AllocationRow(
                a.id, a.proposal_id, a.envelope_id, a.decision_id, a.amount, a.reverses_id
            )
            for a in allocations
        ),
        spending=tuple(
            SpendingRow(s.id, s.allocation_id, s.amount, s.reference, s.reverses_id)
            for s in budget.spending_for_neighbourhood(cur, neighbourhood_id)
        ),
    )


def _require_organiser_role(caller: Caller) -> None:
    """Before looking at the input: only organisers book. Which neighbourhood they may
    book for is checked once the neighbourhood is known."""
    if caller is not SYSTEM and caller.role is not Role.ORGANISER:
        require_organiser(caller, -1)


def load_books_for(store: Store, neighbourhood_id: int) -> Books:
    with store.read() as cur:
        return load_books(cur, neighbourhood_id)


def _booking(
    store: Store, caller: Caller, neighbourhood_id: int, work: Callable[[Unit, Books], T]
) -> T:
    """Run one booking for a neighbourhood: authorised, locked, on fresh books."""
    require_organiser(caller, neighbourhood_id)

    def attempt(cur: Unit) -> T:
        budget.lock_neighbourhood(cur, neighbourhood_id)
        return work(cur, load_books(cur, neighbourhood_id))

    return store.write(attempt)


def _text(value: str, label: str, minimum: int = 1, maximum: int = 5000) -> str:
    cleaned = " ".join(value.split()) if "\n" not in value else value.strip()
    if len(cleaned) < minimum:
        raise UserError(
            f"Vul {label} in."
            if minimum == 1
            else f"{label} is te kort (minstens {minimum} tekens)."
        )
    if len(cleaned) > maximum:
        raise UserError(f"{label} is te lang (hoogstens {maximum} tekens).")
    return cleaned


def _not_future(day: date, label: str, today: date | None = None) -> date:
    if day > (today or clock.today()):
        raise UserError(f"{label} ligt in de toekomst ({day:%d-%m-%Y}); dat kan niet.")
    return day


def _proposal(cur: Unit, proposal_id: int) -> Proposal:
    found = proposals.proposal(cur, proposal_id)
    if found is None:
        raise UserError(f"Voorstel {proposal_id} bestaat niet.")
    return found


def _neighbourhood_of_proposal(store: Store, proposal_id: int) -> int:
    with store.read() as cur:
        return _proposal(cur, proposal_id).neighbourhood_id


# Budgets ----------------------------------------------------------------------------------


def add_envelope(
    store: Store,
    caller: Caller,
    neighbourhood_id: int,
    year: int,
    source: str,
    amount: str | Decimal,
    description: str,
    year_end_rule: str = ledger.YearEndRule.CARRY_OVER,
) -> int:
    _require_organiser_role(caller)
    value = parse_amount(amount)
    ledger.check_envelope(value, source)
    text = _text(description, "een omschrijving")
    if not 2000 <= year <= 2100:
        raise UserError(f"{year} is geen geldig jaar.")
    if year_end_rule not in tuple(ledger.YearEndRule):
        raise UserError("Kies wat er aan het eind van het jaar met het geld gebeurt.")

    def work(cur: Unit, books: Books) -> int:
        envelope_id = budget.add_envelope(
            cur, neighbourhood_id, year, source, value, text, clock.utc_naive_now(), year_end_rule
        )
        audit.append(
            cur,
            caller.actor,
            "budget.envelope",
            "budget_envelope",
            envelope_id,
            {
                "neighbourhood_id": neighbourhood_id,
                "year": year,
                "source": source,
                "amount": str(value),
            },
        )
        return envelope_id

    return _booking(store, caller, neighbourhood_id, work)


# Proposals ----------------------------------------------------------------------------------


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


def submit_proposal(store: Store, caller: Caller, data: ProposalInput) -> int:
    _require_organiser_role(caller)
    title = _text(data.title, "een titel", maximum=200)
    description = _text(data.description, "een omschrijving")
    if data.submitter_type not in SUBMITTER_TYPES:
        raise UserError(f"Kies wie het voorstel indient: {', '.join(SUBMITTER_TYPES)}.")
    amount = parse_amount(data.requested_amount)
    if amount < 0:
        raise UserError("Het gevraagde bedrag kan niet negatief zijn.")
    submitted = _not_future(data.submitted_on or clock.today(), "De datum van indienen")
    if not data.theme_ids:
        raise UserError("Kies minstens één thema.")

    iv3 = (data.iv3_taakveld or "").strip() or None
    if iv3 is not None and not re.match(r"^\d\.\d+(\.\d+)?( .+)?$", iv3):
        raise UserError(
            "Schrijf het Iv3-taakveld als nummer en naam, bijvoorbeeld "
            "'6.1 Samenkracht en burgerparticipatie'."
        )

    def work(cur: Unit, books: Books) -> int:
        known = proposals.themes(cur)
        unknown = [t for t in data.theme_ids if t not in known]
        if unknown:
            raise UserError("Onbekend thema gekozen.")
        if data.parent_id is not None:
            parent = _proposal(cur, data.parent_id)
            if parent.neighbourhood_id != data.neighbourhood_id or parent.parent_id is not None:
                raise UserError("Een deelproject hoort bij een hoofdproject in dezelfde wijk.")
        if data.part_id is not None and data.part_id not in {
            p.id for p in geography.neighbourhood_parts(cur, data.neighbourhood_id)
        }:
            raise UserError("Kies een buurt van deze wijk.")
        proposal_id = proposals.add_proposal(
            cur,
            proposals.next_external_ref(cur, submitted.year),
            data.neighbourhood_id,
            title,
            description,
            data.submitter_type,
            amount,
            submitted,
            clock.utc_naive_now(),
            theme_ids=data.theme_ids,
            council_id=data.council_id,
            part_id=data.part_id,
            location=data.location,
            parent_id=data.parent_id,
            iv3_taakveld=iv3,
        )
        audit.append(
            cur, caller.actor, "proposal.submit", "proposal", proposal_id, {"amount": str(amount)}
        )
        return proposal_id

    return _booking(store, caller, data.neighbourhood_id, work)


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
    _require_organiser_role(caller)
    text = _text(assessment, "de beoordeling")
    estimate = None if cost_estimate in (None, "") else parse_amount(cost_estimate)
    if estimate is not None and estimate < 0:
        raise UserError("De kostenraming kan niet negatief zijn.")
    reason = None
    if not feasible:
        reason = _text(rejection_reason or "", "De reden van afwijzing", minimum=10)
    day = _not_future(on or clock.today(), "De datum")

    def work(cur: Unit, books: Books) -> None:
        found = _proposal(cur, proposal_id)
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

    _booking(store, caller, _neighbourhood_of_proposal(store, proposal_id), work)


def change_proposal_status(
    store: Store, caller: Caller, proposal_id: int, to_status: str, on: date | None = None
) -> None:
    """Move along the status flow. Decisions set besloten and afgewezen themselves."""
    _require_organiser_role(caller)
    day = _not_future(on or clock.today(), "De datum")

    def work(cur: Unit, books: Books) -> None:
        found = _proposal(cur, proposal_id)
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

    _booking(store, caller, _neighbourhood_of_proposal(store, proposal_id), work)


# Meetings and decisions ---------------------------------------------------------------------


def plan_meeting(
    store: Store, caller: Caller, council_id: int, held_on: date, location: str, agenda: str
) -> int:
    _require_organiser_role(caller)
    place = _text(location, "de plaats", maximum=200)
    items = _text(agenda, "de agenda")
    neighbourhood_id = _council_neighbourhood(store, council_id)

    def work(cur: Unit, books: Books) -> int:
        status = "gehouden" if held_on <= clock.today() else "gepland"
        meeting_id = council.add_meeting(cur, council_id, held_on, place, items, status)
        audit.append(
            cur,
            caller.actor,
            "meeting.plan",
            "meeting",
            meeting_id,
            {"council_id": council_id, "held_on": held_on.isoformat()},
        )
        return meeting_id

    return _booking(store, caller, neighbourhood_id, work)


def _council_neighbourhood(store: Store, council_id: int) -> int:
    with store.read() as cur:
        ids = council.council_neighbourhood_ids(cur, council_id)
    if not ids:
        raise UserError(f"Wijkraad {council_id} bestaat niet.")
    return ids[0]


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
    _require_organiser_role(caller)
    governance.check_kind(data.kind)
    rationale = _text(data.rationale, "De motivering", minimum=10)
    governance.check_consultation_method(data.consultation_method)
    votes = Votes(data.votes_for, data.votes_against, data.votes_abstain, data.members_present)
    votes.check()
    amount = governance.check_subject(data.kind, data.proposal_id, data.amount, data.envelope_id)
    neighbourhood_id = _council_neighbourhood(store, data.council_id)

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
            consultation_id=data.consultation_id,
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

    return _booking(store, caller, neighbourhood_id, work)


def _decision_meeting(cur: Unit, data: DecisionInput, votes: Votes) -> Meeting:
    """The meeting the decision was taken in, held, with a quorum and the majority the
    decision needs."""
    found_council = council.council(cur, data.council_id)
    meeting = council.meeting(cur, data.meeting_id)
    if found_council is None or meeting is None or meeting.council_id != data.council_id:
        raise UserError("Kies een vergadering van deze wijkraad.")
    _not_future(meeting.held_on, "De vergadering")
    votes.check_attendance(
        found_council.seats_drawn + found_council.seats_appointed, found_council.quorum
    )
    governance.check_majority(data.kind, votes)
    return meeting


def _decision_proposal(
    cur: Unit, data: DecisionInput, books: Books, amount: Decimal | None
) -> Proposal | None:
    """The proposal decided on, of the council's neighbourhood and open to this kind of
    decision; the money it is granted fits its budget."""
    if data.proposal_id is None:
        return None
    proposal = _proposal(cur, data.proposal_id)
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
    _require_organiser_role(caller)
    with store.read() as cur:
        found = council.decision(cur, decision_id)
    if found is None:
        raise UserError(f"Besluit {decision_id} bestaat niet.")
    neighbourhood_id = _council_neighbourhood(store, found.council_id)

    def work(cur: Unit, books: Books) -> None:
        current = council.decision(cur, decision_id)
        if current is None or current.status == "gepubliceerd":
            raise UserError("Dit besluit is al gepubliceerd.")
        council.publish_decision(cur, decision_id, clock.utc_naive_now())
        audit.append(cur, caller.actor, "decision.publish", "decision", decision_id)

    _booking(store, caller, neighbourhood_id, work)


def decisions(store: Store, caller: Caller, council_id: int) -> list[Decision]:
    """All decisions, drafts included: staff only."""
    require_staff(caller)
    with store.read() as cur:
        return council.decisions_for_council(cur, council_id, published_only=False)


# Spending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingResult:
    spending_id: int
    warning: str | None


def book_spending(
    store: Store,
    caller: Caller,
    proposal_id: int,
    reference: str,
    booked_on: date,
    amount: str | Decimal,
    description: str,
) -> BookingResult:
    _require_organiser_role(caller)
    ref = _text(reference, "een kenmerk (bijvoorbeeld het factuurnummer)", maximum=80)
    text = _text(description, "een omschrijving", maximum=500)
    value = parse_amount(amount)
    day = _not_future(booked_on, "De boekdatum")
    policy = overspend_policy()

    def work(cur: Unit, books: Books) -> BookingResult:
        proposal = _proposal(cur, proposal_id)
        if budget.spending_by_references(cur, [ref]):
            raise UserError(f"Kenmerk '{ref}' is al geboekt; elke uitgave heeft een eigen kenmerk.")
        warning = ledger.check_spending(books, proposal_id, value, policy)
        allocation_id = ledger.allocation_for_spending(books, proposal_id, value)
        spending_id = budget.add_spending(
            cur, allocation_id, ref, day, value, text, clock.utc_naive_now()
        )
        if proposal.status == ProposalStatus.BESLOTEN:
            proposals.change_status(cur, proposal_id, ProposalStatus.IN_UITVOERING, day)
        audit.append(
            cur,
            caller.actor,
            "spending.book",
            "spending_transaction",
            spending_id,
            {
                "amount": str(value),
                "proposal_id": proposal_id,
                "overspend_warning": warning is not None,
            },
        )
        return BookingResult(spending_id, warning)

    return _booking(store, caller, _neighbourhood_of_proposal(store, proposal_id), work)


def reverse_spending(store: Store, caller: Caller, spending_id: int, reason: str) -> int:
    """A correction: a reversing entry with the opposite amount. Nothing is edited."""
    _require_organiser_role(caller)
    why = _text(reason, "De reden van de correctie", minimum=5, maximum=500)
    with store.read() as cur:
        original = budget.spending_transaction(cur, spending_id)
        if original is None:
            raise UserError(f"Uitgave {spending_id} bestaat niet.")
        allocation = budget.allocation(cur, original.allocation_id)
        assert allocation is not None
        neighbourhood_id = _proposal(cur, allocation.proposal_id).neighbourhood_id

    def work(cur: Unit, books: Books) -> int:
        amount = ledger.check_reversal(books, "spending", spending_id)
        reversal_id = budget.add_spending(
            cur,
            original.allocation_id,
            f"{original.reference}-C",
            clock.today(),
            amount,
            f"Correctie van {original.reference}: {why}",
            clock.utc_naive_now(),
            reverses_id=spending_id,
        )
        audit.append(
            cur,
            caller.actor,
            "spending.reverse",
            "spending_transaction",
            reversal_id,
            {"reverses": spending_id, "amount": str(amount)},
        )
        return reversal_id

    return _booking(store, caller, neighbourhood_id, work)


def reverse_allocation(store: Store, caller: Caller, allocation_id: int, reason: str) -> int:
    """Undo an allocation booked by mistake (e.g. the wrong budget): a reversing row under
    the same decision. A real change of the amount is a new decision (bijstellen)."""
    _require_organiser_role(caller)
    why = _text(reason, "De reden van de correctie", minimum=5, maximum=500)
    with store.read() as cur:
        original = budget.allocation(cur, allocation_id)
        if original is None:
            raise UserError(f"Toekenning {allocation_id} bestaat niet.")
        neighbourhood_id = _proposal(cur, original.proposal_id).neighbourhood_id

    def work(cur: Unit, books: Books) -> int:
        amount = ledger.check_reversal(books, "allocation", allocation_id)
        reversal_id = budget.add_allocation(
            cur,
            original.decision_id,
            original.proposal_id,
            original.envelope_id,
            amount,
            clock.today(),
            clock.utc_naive_now(),
            reverses_id=allocation_id,
        )
        audit.append(
            cur,
            caller.actor,
            "allocation.reverse",
            "allocation",
            reversal_id,
            {"reverses": allocation_id, "amount": str(amount), "reason": why},
        )
        return reversal_id

    return _booking(store, caller, neighbourhood_id, work)


def add_theme(store: Store, caller: Caller, name: str) -> int:
    """Themes are configurable: organisers add the policy drivers their city uses."""
    if caller.role not in (Role.ORGANISER, Role.ADMINISTRATOR):
        raise PermissionDenied("Alleen organisatoren en beheerders kunnen thema's toevoegen.")
    label = _text(name, "de naam van het thema", minimum=3, maximum=60)
    code = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")

    def work(cur: Unit) -> int:
        if code in {c.lower() for c in proposals.theme_codes(cur)}:
            raise UserError(f"Het thema '{label}' bestaat al.")
        theme_id = proposals.add_theme(cur, code, label)
        audit.append(cur, caller.actor, "theme.add", "theme", theme_id, {"name": label})
        return theme_id

    return store.write(work)


# Year end and progress ----------------------------------------------------------------------


def close_year(
    store: Store, caller: Caller, neighbourhood_id: int, year: int, today: date | None = None
) -> list[int]:
    """Book the year end: unallocated money carries over or returns, by each budget's rule."""
    _require_organiser_role(caller)
    if year >= (today or clock.today()).year:
        raise UserError(f"Het jaar {year} is nog niet voorbij; afsluiten kan vanaf 1 januari.")

    def work(cur: Unit, books: Books) -> list[int]:
        created = []
        for plan in ledger.plan_year_end(books, neighbourhood_id, year):
            for row in ledger.closing_rows(books, plan):
                created.append(
                    budget.add_envelope(
                        cur,
                        row.neighbourhood_id,
                        row.year,
                        row.source,
                        row.amount,
                        row.description,
                        clock.utc_naive_now(),
                        row.year_end_rule,
                        row.carried_from_id,
                    )
                )
        audit.append(
            cur,
            caller.actor,
            "budget.close_year",
            "neighbourhood",
            neighbourhood_id,
            {"year": year, "rows": len(created)},
        )
        return created

    return _booking(store, caller, neighbourhood_id, work)


def add_milestone(
    store: Store,
    caller: Caller,
    proposal_id: int,
    title: str,
    due_on: date | None,
    noticeable: str,
    status: str = "gepland",
    progress_pct: int | None = None,
    photo: bytes | None = None,
) -> int:
    _require_organiser_role(caller)
    name = _text(title, "een titel", maximum=200)
    notice = _text(noticeable, "wat bewoners ervan merken", maximum=1000)
    if status not in MILESTONE_STATUSES:
        raise UserError(f"Kies een status: {', '.join(MILESTONE_STATUSES)}.")
    if progress_pct is not None and not 0 <= progress_pct <= 100:
        raise UserError("De voortgang is een percentage van 0 tot en met 100.")
    require_organiser(caller, _neighbourhood_of_proposal(store, proposal_id))
    photo_name = save_photo(photo) if photo else None  # content-named: safe to keep if refused

    def work(cur: Unit, books: Books) -> int:
        proposal = _proposal(cur, proposal_id)
        if proposal.status not in DECIDED:
            raise UserError("Mijlpalen horen bij projecten waarover besloten is.")
        done = clock.today() if status == "klaar" else None
        pct = 100 if status == "klaar" else progress_pct
        milestone_id = proposals.add_milestone(
            cur, proposal_id, name, due_on, status, notice, pct, photo_name, done_on=done
        )
        audit.append(
            cur,
            caller.actor,
            "milestone.add",
            "milestone",
            milestone_id,
            {"proposal_id": proposal_id, "status": status},
        )
        return milestone_id

    return _booking(store, caller, _neighbourhood_of_proposal(store, proposal_id), work)


def project_progress(store: Store, proposal_id: int) -> int:
    """Progress in percent; a parent project rolls up its parts."""
    with store.read() as cur:
        proposal = _proposal(cur, proposal_id)
        return _progress_of(cur, proposal.neighbourhood_id)[proposal_id]


def _progress_of(cur: Unit, neighbourhood_id: int) -> dict[int, int]:
    """Progress of every project of a neighbourhood, with two queries."""
    books = load_books(cur, neighbourhood_id)
    found = proposals.proposals_for_neighbourhood(cur, neighbourhood_id)
    milestones: dict[int, list[progress.MilestoneState]] = {}
    for line in public_records.milestones_of_projects(cur, [p.id for p in found]):
        milestones.setdefault(line.proposal_id, []).append(
            progress.MilestoneState(line.status, line.progress_pct)
        )
    return progress.progress_by_project(
        [
            progress.ProjectState(p.id, p.status, p.parent_id, books.allocated_to(p.id))
            for p in found
        ],
        milestones,
    )


def record_consultation(
    store: Store,
    caller: Caller,
    neighbourhood_id: int,
    kind: str,
    question: str,
    opens_on: date,
    closes_on: date,
    participants: int,
    options: list[tuple[str, int]],
    amount: str | Decimal | None = None,
) -> int:
    """A wijkpanel poll or a neighbourhood vote, counts entered by hand (paper ballots)."""
    _require_organiser_role(caller)
    if kind not in CONSULTATION_KINDS:
        raise UserError(f"Kies het soort raadpleging: {', '.join(CONSULTATION_KINDS)}.")
    text = _text(question, "de vraag", maximum=500)
    if closes_on < opens_on:
        raise UserError("De raadpleging kan niet sluiten voordat ze opent.")
    if participants < 0 or any(votes < 0 for _, votes in options):
        raise UserError("Aantallen kunnen niet negatief zijn.")
    labels = [_text(label, "de naam van elke keuze", maximum=200) for label, _ in options]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise UserError("Geef minstens twee verschillende keuzes.")
    value = None if amount in (None, "") else parse_amount(amount)  # type: ignore[arg-type]

    def work(cur: Unit, books: Books) -> int:
        consultation_id = council.add_consultation(
            cur,
            neighbourhood_id,
            kind,
            text,
            opens_on,
            closes_on,
            participants,
            [(label, votes, None) for label, (_, votes) in zip(labels, options, strict=True)],
            amount=value,
        )
        audit.append(
            cur,
            caller.actor,
            "consultation.record",
            "consultation",
            consultation_id,
            {"kind": kind, "participants": participants},
        )
        return consultation_id

    return _booking(store, caller, neighbourhood_id, work)


# Import of the finance export ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    booked: int
    already_known: int
    warnings: list[str]
    problems: list[str]  # when there are any, nothing was booked

    @property
    def ok(self) -> bool:
        return not self.problems


def import_spending(
    store: Store, caller: Caller, file_name: str, data: bytes, today: date | None = None
) -> ImportResult:
    """Book every payment in the finance export, or none: all rows are checked first.

    A payment whose reference is already booked with the same date, amount and project is
    skipped, so importing the same file again changes nothing.
    """
    _require_organiser_role(caller)
    parsed = spending_csv.parse(data, today or clock.today())
    if parsed.problems:
        return ImportResult(0, 0, [], [str(p) for p in parsed.problems])
    with store.read() as cur:
        projects = {
            ref: proposals.proposal_by_ref(cur, ref)
            for ref in {row.project_ref for row in parsed.rows}
        }
    unknown = [row for row in parsed.rows if projects[row.project_ref] is None]
    if unknown:
        return ImportResult(
            0,
            0,
            [],
            [f"Regel {row.line}: project '{row.project_ref}' bestaat niet." for row in unknown],
        )
    hoods = sorted({p.neighbourhood_id for p in projects.values() if p is not None})
    for neighbourhood_id in hoods:
        require_organiser(caller, neighbourhood_id)
    policy = overspend_policy()
    digest = hashlib.sha256(data).hexdigest()

    def attempt(cur: Unit) -> ImportResult:
        for neighbourhood_id in hoods:
            budget.lock_neighbourhood(cur, neighbourhood_id)
        books = {n: load_books(cur, n) for n in hoods}
        # Each project's books as its spending rules read them: a handful of rows, so
        # every payment is checked in constant time however long the file is.
        project_books = {
            p.id: books[p.neighbourhood_id].for_project(p.id)
            for p in projects.values()
            if p is not None
        }
        known = budget.spending_by_references(cur, [row.reference for row in parsed.rows])
        funds = budget.allocation_projects(cur, [t.allocation_id for t in known.values()])
        problems, warnings, plan = [], [], []
        for row in parsed.rows:
            project = projects[row.project_ref]
            assert project is not None
            existing = known.get(row.reference)
            if existing is not None:
                same = (existing.amount, existing.booked_on) == (row.amount, row.booked_on) and (
                    funds.get(existing.allocation_id) == project.id
                )
                if not same:
                    problems.append(
                        f"Regel {row.line}: kenmerk '{row.reference}' is al geboekt "
                        "met een andere datum, een ander bedrag of project."
                    )
                continue
            try:
                current = project_books[project.id]
                warning = ledger.check_spending(current, project.id, row.amount, policy)
                allocation_id = ledger.allocation_for_spending(current, project.id, row.amount)
            except UserError as exc:
                problems.append(f"Regel {row.line} ({row.project_ref}): {exc}")
                continue
            if warning:
                warnings.append(f"Regel {row.line} ({row.project_ref}): {warning}")
            project_books[project.id] = current.with_spent(allocation_id, row.amount)
            plan.append((row, allocation_id, project))
        if problems:
            raise _RollBack(ImportResult(0, 0, [], problems))  # the lock's bump too
        if not plan:  # every payment was booked before: nothing changes at all
            raise _RollBack(ImportResult(0, len(parsed.rows), warnings, []))
        at = clock.utc_naive_now()
        budget.add_spending_batch(cur, [
            {"allocation_id": allocation_id, "reference": row.reference,
             "booked_on": row.booked_on, "amount": row.amount, "description": row.description,
             "source": "import", "import_batch": digest[:16], "created_at": at}
            for row, allocation_id, _ in plan
        ])  # fmt: skip
        started: set[int] = set()
        for row, _, project in plan:
            if project.status == ProposalStatus.BESLOTEN and project.id not in started:
                proposals.change_status(
                    cur, project.id, ProposalStatus.IN_UITVOERING, row.booked_on
                )
                started.add(project.id)
        already = len(parsed.rows) - len(plan)
        budget.record_import(
            cur, file_name, digest, len(plan), already, caller.actor, clock.utc_naive_now()
        )
        audit.append(
            cur,
            caller.actor,
            "spending.import",
            "spending_import",
            digest[:16],
            {"rows_booked": len(plan), "rows_already_known": already},
        )
        return ImportResult(len(plan), already, warnings, [])

    try:
        return store.write(attempt)
    except _RollBack as undone:
        return undone.result


class _RollBack(Exception):
    """Raised inside the import's transaction to end it without a trace: a refused
    import, or one that books nothing new, leaves the database exactly as it was."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("import refused")
        self.result = result


def theme_names(store: Store) -> dict[int, str]:
    with store.read() as cur:
        return proposals.themes(cur)


# Reading the book (staff) -----------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLine:
    proposal: Proposal
    allocated: Decimal
    spent: Decimal
    progress: int

    @property
    def overspent(self) -> bool:
        return self.spent > self.allocated


@dataclass(frozen=True)
class EnvelopeLine:
    envelope: BudgetEnvelope
    available: Decimal


@dataclass(frozen=True)
class BookView:
    neighbourhood_id: int
    year: int
    totals: ledger.YearTotals
    envelopes: list[EnvelopeLine]
    projects: list[ProjectLine]
    council_ids: list[int]
    meetings: list[Meeting]
    decisions: list[Decision]
    spending: list[tuple[SpendingTransaction, str]]  # with the project's reference
    consultations: list[Consultation]


def book_view(store: Store, caller: Caller, neighbourhood_id: int, year: int) -> BookView:
    """Everything the organiser's book shows for one neighbourhood, drafts included."""
    require_staff(caller)
    with store.read() as cur:
        books = load_books(cur, neighbourhood_id)
        all_envelopes = budget.envelopes(cur, neighbourhood_id)
        council_ids = [c.id for c in council.councils_for_neighbourhood(cur, neighbourhood_id)]
        percent = _progress_of(cur, neighbourhood_id)
        projects = [
            ProjectLine(p, books.allocated_to(p.id), books.spent_on(p.id), percent[p.id])
            for p in proposals.proposals_for_neighbourhood(cur, neighbourhood_id)
        ]
        refs = {p.proposal.id: p.proposal.external_ref for p in projects}
        allocation_project = {a.id: a.proposal_id for a in books.allocations}
        return BookView(
            neighbourhood_id=neighbourhood_id,
            year=year,
            totals=books.year_totals(neighbourhood_id, year),
            envelopes=[
                EnvelopeLine(e, books.available(e.id) if e.amount > 0 else ZERO)
                for e in all_envelopes
                if e.year == year
            ],
            projects=projects,
            council_ids=council_ids,
            meetings=[m for c in council_ids for m in council.meetings(cur, c)],
            decisions=[
                d for c in council_ids for d in council.decisions_for_council(cur, c, False)
            ],
            spending=[
                (s, refs.get(allocation_project.get(s.allocation_id, -1), "?"))
                for s in budget.spending_for_neighbourhood(cur, neighbourhood_id)
            ],
            consultations=council.consultations(cur, neighbourhood_id),
        )


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


def allocations_of(store: Store, caller: Caller, neighbourhood_id: int) -> list[Allocation]:
    """Allocations that can still be reversed (not reversals, not reversed)."""
    require_staff(caller)
    with store.read() as cur:
        rows = budget.allocations_for_neighbourhood(cur, neighbourhood_id)
    reversed_ids = {a.reverses_id for a in rows if a.reverses_id is not None}
    return [a for a in rows if a.reverses_id is None and a.id not in reversed_ids]
