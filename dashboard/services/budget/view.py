"""Reading the book (staff): everything the organisers' household book shows for one
neighbourhood and year, drafts included."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain import ledger
from dashboard.domain.auth import Caller, require_staff
from dashboard.domain.models import (
    BudgetEnvelope,
    Consultation,
    ConsultationOption,
    Decision,
    Meeting,
    Proposal,
    SpendingTransaction,
)
from dashboard.domain.money import ZERO
from dashboard.services.budget.common import load_books
from dashboard.services.budget.milestones import progress_of
from dashboard.store import budget, council, proposals
from dashboard.store.db import Store


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
    results: dict[int, list[ConsultationOption]]  # per consultation, most votes first


def book_view(store: Store, caller: Caller, neighbourhood_id: int, year: int) -> BookView:
    """Everything the organiser's book shows for one neighbourhood, drafts included."""
    require_staff(caller)
    with store.read() as cur:
        books = load_books(cur, neighbourhood_id)
        all_envelopes = budget.envelopes(cur, neighbourhood_id)
        council_ids = [c.id for c in council.councils_for_neighbourhood(cur, neighbourhood_id)]
        percent = progress_of(cur, neighbourhood_id)
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
            results=_by_consultation(council.consultation_options(cur, neighbourhood_id)),
        )


def _by_consultation(options: list[ConsultationOption]) -> dict[int, list[ConsultationOption]]:
    grouped: dict[int, list[ConsultationOption]] = {}
    for option in options:
        grouped.setdefault(option.consultation_id, []).append(option)
    return grouped
