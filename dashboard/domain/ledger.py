"""Budget rules of the neighbourhood's household book, on Decimal. Pure: no database.

The books of a neighbourhood are three append-only lists:
- envelope rows: money that comes in (positive) per year and source, and year-end
  closing rows (negative, pointing at the envelope they close: `carried_from_id`);
- allocation rows: a council decision moves money from an envelope to a project
  (a proposal); a later decision raises (+) or lowers (-) it; a reversal negates a row;
- spending rows: payments booked against a project's allocation; a correction is a
  reversing row, never an edit.

`postings()` turns every row into balanced double-entry postings, so that the totals
shown anywhere can be checked against an independent computation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from dashboard.domain.errors import UserError
from dashboard.domain.money import ZERO, euro


class LedgerError(UserError):
    """A booking that breaks a rule. The message is Dutch and names the amounts."""


class OverspendPolicy(StrEnum):
    REFUSE = "refuse"
    WARN = "warn"


class YearEndRule(StrEnum):
    CARRY_OVER = "carry_over"  # unallocated money moves to next year's budget
    RETURN = "return"  # unallocated money goes back to the source


SOURCES = ("gemeente", "woningcorporatie", "fonds", "overig")
CARRY_SOURCE = "overgeheveld"
RETURN_SOURCE = "teruggave"


@dataclass(frozen=True)
class EnvelopeRow:
    id: int
    neighbourhood_id: int
    year: int
    source: str
    amount: Decimal
    year_end_rule: str = YearEndRule.CARRY_OVER
    carried_from_id: int | None = None

    @property
    def is_closing(self) -> bool:
        """A year-end row that takes money out of the envelope it points at."""
        return self.carried_from_id is not None and self.amount < 0


@dataclass(frozen=True)
class AllocationRow:
    id: int
    proposal_id: int
    envelope_id: int
    decision_id: int
    amount: Decimal
    reverses_id: int | None = None


@dataclass(frozen=True)
class SpendingRow:
    id: int
    allocation_id: int
    amount: Decimal
    reference: str
    reverses_id: int | None = None


@dataclass(frozen=True)
class Posting:
    entry: str  # which row made it, e.g. "allocation:12"
    account: str  # e.g. "envelope:3", "project:7", "source:gemeente", "paid"
    amount: Decimal


@dataclass(frozen=True)
class Books:
    envelopes: tuple[EnvelopeRow, ...] = ()
    allocations: tuple[AllocationRow, ...] = ()
    spending: tuple[SpendingRow, ...] = ()

    # Lookups --------------------------------------------------------------------------

    def envelope(self, envelope_id: int) -> EnvelopeRow:
        for row in self.envelopes:
            if row.id == envelope_id:
                return row
        raise LedgerError(f"Budget {envelope_id} bestaat niet.")

    def allocation(self, allocation_id: int) -> AllocationRow:
        for row in self.allocations:
            if row.id == allocation_id:
                return row
        raise LedgerError(f"Toekenning {allocation_id} bestaat niet.")

    def for_project(self, proposal_id: int) -> Books:
        """What the spending rules of one project read (`check_spending`,
        `allocation_for_spending`): the envelopes, the project's allocations, and per
        allocation one row with what was spent on it. The same answers from a handful of
        rows, so that a bulk booking checks each payment in constant time."""
        allocations = tuple(a for a in self.allocations if a.proposal_id == proposal_id)
        ids = {a.id for a in allocations}
        spent: dict[int, Decimal] = {}
        for row in self.spending:
            if row.allocation_id in ids:
                spent[row.allocation_id] = spent.get(row.allocation_id, ZERO) + row.amount
        summed = tuple(SpendingRow(-a, a, total, "") for a, total in sorted(spent.items()))
        return Books(self.envelopes, allocations, summed)

    def with_spent(self, allocation_id: int, amount: Decimal) -> Books:
        """Project books (`for_project`) after a payment of `amount` on the allocation."""
        rows = {row.allocation_id: row.amount for row in self.spending}
        rows[allocation_id] = rows.get(allocation_id, ZERO) + amount
        summed = tuple(SpendingRow(-a, a, total, "") for a, total in sorted(rows.items()))
        return replace(self, spending=summed)

    def spending_row(self, spending_id: int) -> SpendingRow:
        for row in self.spending:
            if row.id == spending_id:
                return row
        raise LedgerError(f"Uitgave {spending_id} bestaat niet.")

    # Balances ---------------------------------------------------------------------------

    def available(self, envelope_id: int) -> Decimal:
        """Money in an envelope that no decision has allocated and no year end took out."""
        envelope = self.envelope(envelope_id)
        closed = sum((r.amount for r in self.envelopes if r.is_closing and
                      r.carried_from_id == envelope_id), ZERO)  # fmt: skip
        allocated = sum((a.amount for a in self.allocations if a.envelope_id == envelope_id), ZERO)
        return envelope.amount + closed - allocated

    def allocated_to(self, proposal_id: int) -> Decimal:
        return sum((a.amount for a in self.allocations if a.proposal_id == proposal_id), ZERO)

    def spent_on(self, proposal_id: int) -> Decimal:
        rows = {a.id for a in self.allocations if a.proposal_id == proposal_id}
        return sum((s.amount for s in self.spending if s.allocation_id in rows), ZERO)

    def budget_of_year(self, neighbourhood_id: int, year: int) -> Decimal:
        """Incoming money of the year, before year-end closing."""
        return sum(
            (e.amount for e in self.envelopes
             if e.neighbourhood_id == neighbourhood_id and e.year == year and e.amount > 0),
            ZERO,
        )  # fmt: skip

    def year_totals(self, neighbourhood_id: int, year: int) -> YearTotals:
        envelope_ids = {
            e.id
            for e in self.envelopes
            if e.neighbourhood_id == neighbourhood_id and e.year == year and not e.is_closing
        }
        allocation_ids = {a.id for a in self.allocations if a.envelope_id in envelope_ids}
        closed = sum(
            (
                e.amount
                for e in self.envelopes
                if e.is_closing and e.carried_from_id in envelope_ids
            ),
            ZERO,
        )
        return YearTotals(
            budget=self.budget_of_year(neighbourhood_id, year),
            allocated=sum((a.amount for a in self.allocations if a.id in allocation_ids), ZERO),
            spent=sum((s.amount for s in self.spending if s.allocation_id in allocation_ids), ZERO),
            closed=-closed,
        )

    def is_reversed(self, kind: str, row_id: int) -> bool:
        rows: Iterable[AllocationRow | SpendingRow] = (
            self.allocations if kind == "allocation" else self.spending
        )
        return any(r.reverses_id == row_id for r in rows)


@dataclass(frozen=True)
class YearTotals:
    budget: Decimal
    allocated: Decimal
    spent: Decimal
    closed: Decimal  # taken out at year end (carried over or returned)

    @property
    def available(self) -> Decimal:
        return self.budget - self.allocated - self.closed


# Rules ----------------------------------------------------------------------------------


def check_envelope(amount: Decimal, source: str) -> None:
    if source not in SOURCES:
        raise LedgerError(f"Onbekende bron '{source}'. Kies uit: {', '.join(SOURCES)}.")
    if amount <= 0:
        raise LedgerError("Een budget moet groter zijn dan € 0.")


def check_allocation(books: Books, envelope_id: int, proposal_id: int, amount: Decimal) -> None:
    """A decision may allocate at most what is available, and lower at most to what is spent."""
    envelope = books.envelope(envelope_id)
    if envelope.is_closing:
        raise LedgerError("Van een jaarafsluiting kan niets worden toegekend.")
    if amount == 0:
        raise LedgerError("Een toekenning van € 0 verandert niets.")
    if amount > 0:
        available = books.available(envelope_id)
        if amount > available:
            raise LedgerError(
                f"Er is nog {euro(available)} beschikbaar in dit budget ({envelope.year}, "
                f"{envelope.source}); het besluit vraagt {euro(amount)}."
            )
        return
    on_line = sum(
        (a.amount for a in books.allocations
         if a.proposal_id == proposal_id and a.envelope_id == envelope_id),
        ZERO,
    )  # fmt: skip
    allocated, spent = books.allocated_to(proposal_id), books.spent_on(proposal_id)
    if on_line + amount < 0:
        raise LedgerError(
            f"Uit dit budget is {euro(on_line)} toegekend aan dit project; het kan niet met "
            f"{euro(-amount)} worden verlaagd."
        )
    if allocated + amount < spent:
        raise LedgerError(
            f"Er is al {euro(spent)} uitgegeven; de toekenning kan niet lager worden dan dat "
            f"(na verlaging zou het {euro(allocated + amount)} zijn)."
        )


def check_spending(
    books: Books, proposal_id: int, amount: Decimal, policy: OverspendPolicy
) -> str | None:
    """Refuse (or warn about) spending beyond the project's allocation.

    Returns a warning under the WARN policy, None when all is well.
    """
    if amount <= 0:
        raise LedgerError(
            "Een uitgave moet groter zijn dan € 0. Een correctie boekt u als tegenboeking."
        )
    allocated, spent = books.allocated_to(proposal_id), books.spent_on(proposal_id)
    if allocated <= 0:
        raise LedgerError("Dit project heeft geen toekenning; boek eerst een besluit.")
    if spent + amount <= allocated:
        return None
    message = (
        f"Deze uitgave brengt het project op {euro(spent + amount)}, meer dan de toegekende "
        f"{euro(allocated)} (nog {euro(allocated - spent)} over)."
    )
    if policy is OverspendPolicy.REFUSE:
        raise LedgerError(message + " Verhoog eerst de toekenning met een besluit.")
    return message


def allocation_for_spending(books: Books, proposal_id: int, amount: Decimal) -> int:
    """The allocation row a payment is booked against: the oldest with room left."""
    lines: dict[int, Decimal] = defaultdict(lambda: ZERO)
    first_row: dict[int, int] = {}
    for row in sorted(books.allocations, key=lambda a: a.id):
        if row.proposal_id != proposal_id:
            continue
        lines[row.envelope_id] += row.amount
        if row.amount > 0:
            first_row.setdefault(row.envelope_id, row.id)
    if not first_row:
        raise LedgerError("Dit project heeft geen toekenning; boek eerst een besluit.")
    spent_per_line: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for spending in books.spending:
        allocation = books.allocation(spending.allocation_id)
        if allocation.proposal_id == proposal_id:
            spent_per_line[allocation.envelope_id] += spending.amount
    by_year = sorted(first_row, key=lambda e: (books.envelope(e).year, e))
    for envelope_id in by_year:
        if lines[envelope_id] - spent_per_line[envelope_id] >= amount:
            return first_row[envelope_id]
    return first_row[by_year[-1]]


def check_reversal(books: Books, kind: str, row_id: int) -> Decimal:
    """A row may be reversed once, and a reversal is not reversed again. Returns the
    amount of the reversing row."""
    row: AllocationRow | SpendingRow
    if kind == "allocation":
        row = books.allocation(row_id)
    elif kind == "spending":
        row = books.spending_row(row_id)
    else:
        raise ValueError(kind)
    if row.reverses_id is not None:
        raise LedgerError("Dit is zelf een tegenboeking; boek het bedrag opnieuw als het klopt.")
    if books.is_reversed(kind, row_id):
        raise LedgerError("Deze boeking is al tegengeboekt.")
    if kind == "allocation":
        allocation = books.allocation(row_id)
        check_allocation(books, allocation.envelope_id, allocation.proposal_id, -allocation.amount)
    return -row.amount


@dataclass(frozen=True)
class ClosingPlan:
    """What the year end books for one envelope."""

    envelope_id: int
    amount: Decimal  # positive: what leaves the envelope
    rule: YearEndRule


def plan_year_end(books: Books, neighbourhood_id: int, year: int) -> list[ClosingPlan]:
    """Unallocated money of every envelope of the year follows the envelope's rule.

    Only what is still available is closed, so running the year end twice books nothing
    new; money freed later (a lowered or reversed allocation) is closed by the next run.
    Money allocated to projects but not yet spent stays with those projects.
    """
    plans = []
    for envelope in books.envelopes:
        if (
            envelope.neighbourhood_id != neighbourhood_id
            or envelope.year != year
            or envelope.amount <= 0
        ):
            continue
        left = books.available(envelope.id)
        if left > 0:
            plans.append(ClosingPlan(envelope.id, left, YearEndRule(envelope.year_end_rule)))
    return plans


@dataclass(frozen=True)
class NewEnvelopeRow:
    """An envelope row to book (ids come from the store)."""

    neighbourhood_id: int
    year: int
    source: str
    amount: Decimal
    description: str
    year_end_rule: str
    carried_from_id: int


def closing_rows(books: Books, plan: ClosingPlan) -> list[NewEnvelopeRow]:
    """The rows a year-end plan books: a carry-over closes the envelope and opens the same
    amount next year; a return closes it towards its source."""
    origin = books.envelope(plan.envelope_id)
    if plan.rule is YearEndRule.CARRY_OVER:
        return [
            NewEnvelopeRow(origin.neighbourhood_id, origin.year, CARRY_SOURCE, -plan.amount,
                           f"Overgeheveld naar {origin.year + 1}", origin.year_end_rule,
                           origin.id),
            NewEnvelopeRow(origin.neighbourhood_id, origin.year + 1, CARRY_SOURCE, plan.amount,
                           f"Overgeheveld uit {origin.year} ({origin.source})",
                           origin.year_end_rule, origin.id),
        ]  # fmt: skip
    return [
        NewEnvelopeRow(origin.neighbourhood_id, origin.year, RETURN_SOURCE, -plan.amount,
                       f"Terug naar {origin.source}", origin.year_end_rule, origin.id),
    ]  # fmt: skip


# Double entry ---------------------------------------------------------------------------


def postings(books: Books) -> list[Posting]:
    """Every row as balanced postings: the postings of each row add up to zero."""
    result = []
    for e in books.envelopes:
        entry = f"envelope:{e.id}"
        if e.is_closing:
            origin = books.envelope(e.carried_from_id)  # type: ignore[arg-type]
            other = f"carry:{origin.id}" if e.source == CARRY_SOURCE else f"source:{origin.source}"
            result += [
                Posting(entry, f"envelope:{origin.id}", e.amount),
                Posting(entry, other, -e.amount),
            ]
        elif e.carried_from_id is not None:  # next year's side of a carry-over
            result += [
                Posting(entry, f"carry:{e.carried_from_id}", -e.amount),
                Posting(entry, f"envelope:{e.id}", e.amount),
            ]
        else:
            result += [
                Posting(entry, f"source:{e.source}", -e.amount),
                Posting(entry, f"envelope:{e.id}", e.amount),
            ]
    for a in books.allocations:
        entry = f"allocation:{a.id}"
        result += [
            Posting(entry, f"envelope:{a.envelope_id}", -a.amount),
            Posting(entry, f"project:{a.proposal_id}", a.amount),
        ]
    for s in books.spending:
        entry = f"spending:{s.id}"
        project = books.allocation(s.allocation_id).proposal_id
        result += [
            Posting(entry, f"project:{project}", -s.amount),
            Posting(entry, "paid", s.amount),
        ]
    return result
