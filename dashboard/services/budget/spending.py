"""Spending on projects: booking a payment, and corrections by reversing entries (of a
payment or an allocation); nothing is edited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard.config import overspend_policy
from dashboard.domain import ledger
from dashboard.domain.auth import Caller, require_staff
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.models import Allocation
from dashboard.domain.money import parse_amount
from dashboard.domain.statuses import ProposalStatus
from dashboard.services.budget.common import (
    booking,
    clean_text,
    neighbourhood_of_proposal,
    not_future,
    proposal_of,
    require_organiser_role,
)
from dashboard.store import audit, budget, proposals
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


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
    require_organiser_role(caller)
    ref = clean_text(reference, "een kenmerk (bijvoorbeeld het factuurnummer)", maximum=80)
    text = clean_text(description, "een omschrijving", maximum=500)
    value = parse_amount(amount)
    day = not_future(booked_on, "De boekdatum")
    policy = overspend_policy()

    def work(cur: Unit, books: Books) -> BookingResult:
        proposal = proposal_of(cur, proposal_id)
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

    return booking(store, caller, neighbourhood_of_proposal(store, proposal_id), work)


def reverse_spending(store: Store, caller: Caller, spending_id: int, reason: str) -> int:
    """A correction: a reversing entry with the opposite amount. Nothing is edited."""
    require_organiser_role(caller)
    why = clean_text(reason, "De reden van de correctie", minimum=5, maximum=500)
    with store.read() as cur:
        original = budget.spending_transaction(cur, spending_id)
        if original is None:
            raise UserError(f"Uitgave {spending_id} bestaat niet.")
        allocation = budget.allocation(cur, original.allocation_id)
        assert allocation is not None
        neighbourhood_id = proposal_of(cur, allocation.proposal_id).neighbourhood_id

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

    return booking(store, caller, neighbourhood_id, work)


def reverse_allocation(store: Store, caller: Caller, allocation_id: int, reason: str) -> int:
    """Undo an allocation booked by mistake (e.g. the wrong budget): a reversing row under
    the same decision. A real change of the amount is a new decision (bijstellen)."""
    require_organiser_role(caller)
    why = clean_text(reason, "De reden van de correctie", minimum=5, maximum=500)
    with store.read() as cur:
        original = budget.allocation(cur, allocation_id)
        if original is None:
            raise UserError(f"Toekenning {allocation_id} bestaat niet.")
        neighbourhood_id = proposal_of(cur, original.proposal_id).neighbourhood_id

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

    return booking(store, caller, neighbourhood_id, work)


def allocations_of(store: Store, caller: Caller, neighbourhood_id: int) -> list[Allocation]:
    """Allocations that can still be reversed (not reversals, not reversed)."""
    require_staff(caller)
    with store.read() as cur:
        rows = budget.allocations_for_neighbourhood(cur, neighbourhood_id)
    reversed_ids = {a.reverses_id for a in rows if a.reverses_id is not None}
    return [a for a in rows if a.reverses_id is None and a.id not in reversed_ids]
