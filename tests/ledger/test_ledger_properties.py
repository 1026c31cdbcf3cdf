"""The ledger's invariants under random sequences of bookings (hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain import ledger
from dashboard.domain.ledger import (
    AllocationRow,
    Books,
    EnvelopeRow,
    LedgerError,
    OverspendPolicy,
    SpendingRow,
)

HOODS = (1, 2)
YEARS = (2025, 2026)
PROJECTS = (10, 11, 12, 13)
PROJECT_HOOD = {10: 1, 11: 1, 12: 2, 13: 2}


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=low * 100, max_value=high * 100).map(lambda c: Decimal(c) / 100)


big, medium, small = cents(1_000, 200_000), cents(1, 30_000), cents(1, 8_000)


@dataclass
class Machine:
    """Applies bookings the way the services do: check with the ledger, then append."""

    policy: OverspendPolicy
    books: Books = field(default_factory=Books)
    next_id: int = 1
    refused: int = 0

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def envelope(self, hood: int, year: int, source: str, amount: Decimal, rule: str) -> None:
        ledger.check_envelope(amount, source)
        row = EnvelopeRow(self._id(), hood, year, source, amount, rule)
        self.books = replace(self.books, envelopes=(*self.books.envelopes, row))

    def allocate(self, pick: int, project: int, amount: Decimal, lower: bool) -> None:
        candidates = [
            e for e in self.books.envelopes
            if not e.is_closing and e.neighbourhood_id == PROJECT_HOOD[project]
        ]  # fmt: skip
        if not candidates:
            return
        envelope = candidates[pick % len(candidates)]
        signed = -amount if lower else amount
        ledger.check_allocation(self.books, envelope.id, project, signed)
        row = AllocationRow(self._id(), project, envelope.id, decision_id=0, amount=signed)
        self.books = replace(self.books, allocations=(*self.books.allocations, row))

    def spend(self, project: int, amount: Decimal) -> None:
        ledger.check_spending(self.books, project, amount, self.policy)
        allocation = ledger.allocation_for_spending(self.books, project, amount)
        row = SpendingRow(self._id(), allocation, amount, reference=f"R{self.next_id}")
        self.books = replace(self.books, spending=(*self.books.spending, row))

    def reverse(self, kind: str, pick: int) -> None:
        rows = self.books.allocations if kind == "allocation" else self.books.spending
        if not rows:
            return
        original = rows[pick % len(rows)]
        amount = ledger.check_reversal(self.books, kind, original.id)
        if kind == "allocation":
            assert isinstance(original, AllocationRow)
            row = replace(original, id=self._id(), amount=amount, reverses_id=original.id)
            self.books = replace(self.books, allocations=(*self.books.allocations, row))
        else:
            assert isinstance(original, SpendingRow)
            new = replace(original, id=self._id(), amount=amount, reverses_id=original.id)
            self.books = replace(self.books, spending=(*self.books.spending, new))

    def year_end(self, hood: int, year: int) -> None:
        for plan in ledger.plan_year_end(self.books, hood, year):
            for new in ledger.closing_rows(self.books, plan):
                row = EnvelopeRow(self._id(), new.neighbourhood_id, new.year, new.source,
                                  new.amount, new.year_end_rule, new.carried_from_id)  # fmt: skip
                self.books = replace(self.books, envelopes=(*self.books.envelopes, row))


operation = st.one_of(
    st.tuples(st.just("envelope"), st.sampled_from(HOODS), st.sampled_from(YEARS),
              st.sampled_from(ledger.SOURCES), big,
              st.sampled_from(["carry_over", "return"])),
    st.tuples(st.just("allocate"), st.integers(0, 20), st.sampled_from(PROJECTS), medium,
              st.sampled_from([False, False, False, True])),
    st.tuples(st.just("allocate"), st.integers(0, 20), st.sampled_from(PROJECTS), medium,
              st.just(False)),
    st.tuples(st.just("spend"), st.sampled_from(PROJECTS), small),
    st.tuples(st.just("spend"), st.sampled_from(PROJECTS), small),
    st.tuples(st.just("reverse"), st.sampled_from(["allocation", "spending"]),
              st.integers(0, 50)),
    st.tuples(st.just("year_end"), st.sampled_from(HOODS), st.sampled_from(YEARS)),
)  # fmt: skip


# Every scenario starts with money in both neighbourhoods, so bookings have something to
# work with; the operations that follow are random.
opening = st.lists(
    st.tuples(st.just("envelope"), st.sampled_from(HOODS), st.sampled_from(YEARS),
              st.sampled_from(ledger.SOURCES), big,
              st.sampled_from(["carry_over", "return"])),
    min_size=2, max_size=4,
)  # fmt: skip
scenarios = st.tuples(opening, st.lists(operation, min_size=8, max_size=40)).map(
    lambda t: t[0] + t[1]
)


def run(policy: OverspendPolicy, operations: list[tuple]) -> Machine:
    machine = Machine(policy)
    machine.envelope(1, 2025, "gemeente", Decimal("50000.00"), "carry_over")
    machine.envelope(2, 2025, "fonds", Decimal("20000.00"), "return")
    for name, *args in operations:
        try:
            getattr(machine, name)(*args)
        except LedgerError:
            machine.refused += 1
        check_invariants(machine)
    return machine


def balances_of(postings: list[ledger.Posting]) -> dict[str, Decimal]:
    """The balance of every account: the sum of its postings."""
    totals: dict[str, Decimal] = {}
    for posting in postings:
        totals[posting.account] = totals.get(posting.account, Decimal(0)) + posting.amount
    return totals


def check_invariants(machine: Machine) -> None:
    books = machine.books
    postings = ledger.postings(books)
    # All postings balance, per entry and in total.
    per_entry: dict[str, Decimal] = {}
    for posting in postings:
        per_entry[posting.entry] = per_entry.get(posting.entry, Decimal(0)) + posting.amount
    assert all(total == 0 for total in per_entry.values())
    balances = balances_of(postings)
    # Available never goes negative: money leaves an envelope only by a decision that fits.
    for envelope in books.envelopes:
        if envelope.is_closing:
            continue
        available = books.available(envelope.id)
        assert available >= 0
        assert balances.get(f"envelope:{envelope.id}", Decimal(0)) == available
    # What a project holds in the double entry is allocated minus spent.
    for project in PROJECTS:
        held = books.allocated_to(project) - books.spent_on(project)
        assert balances.get(f"project:{project}", Decimal(0)) == held
        assert books.allocated_to(project) >= 0
        if machine.policy is OverspendPolicy.REFUSE:
            assert books.spent_on(project) <= books.allocated_to(project)
    # Reversals net to zero, and nothing is reversed twice.
    for rows in (books.allocations, books.spending):
        by_id = {r.id: r for r in rows}
        reversed_ids = [r.reverses_id for r in rows if r.reverses_id is not None]
        assert len(reversed_ids) == len(set(reversed_ids))
        for original_id in reversed_ids:
            reversal = next(r for r in rows if r.reverses_id == original_id)
            assert by_id[original_id].amount + reversal.amount == 0
    # Totals per neighbourhood equal the sum of their parts.
    for hood in HOODS:
        years = {e.year for e in books.envelopes if e.neighbourhood_id == hood}
        parts = [books.year_totals(hood, year) for year in years]
        envelope_ids = {e.id for e in books.envelopes
                        if e.neighbourhood_id == hood and not e.is_closing}  # fmt: skip
        allocated = sum(
            (a.amount for a in books.allocations if a.envelope_id in envelope_ids), Decimal(0)
        )
        assert sum((p.allocated for p in parts), Decimal(0)) == allocated
        assert all(p.available >= 0 for p in parts)
    # Carried-over money is not lost: every carry closes exactly what it opens.
    carry = {k: v for k, v in balances.items() if k.startswith("carry:")}
    assert all(v == 0 for v in carry.values())


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_invariants_hold_when_overspending_is_refused(operations: list[tuple]) -> None:
    run(OverspendPolicy.REFUSE, operations)


@settings(max_examples=40, deadline=None)
@given(scenarios)
def test_invariants_hold_when_overspending_only_warns(operations: list[tuple]) -> None:
    run(OverspendPolicy.WARN, operations)


@settings(max_examples=30, deadline=None)
@given(scenarios)
def test_year_end_twice_books_nothing_new(operations: list[tuple]) -> None:
    machine = run(OverspendPolicy.REFUSE, operations)
    machine.year_end(1, 2025)
    after_first = machine.books
    machine.year_end(1, 2025)
    assert machine.books == after_first
    for envelope in after_first.envelopes:
        if envelope.neighbourhood_id == 1 and envelope.year == 2025 and envelope.amount > 0:
            assert after_first.available(envelope.id) == 0
