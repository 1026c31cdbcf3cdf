"""`Books.for_project` (what the finance import checks each payment against, so that a
file of 50,000 payments is checked in linear time) gives the ledger's spending rules the
same answers as the whole books: the same refusals, warnings and allocations, payment
after payment, under both overspending policies."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain import ledger
from dashboard.domain.ledger import Books, LedgerError, OverspendPolicy, SpendingRow
from tests.ledger.test_ledger_properties import PROJECTS, run, scenarios, small

Outcome = tuple[str, str | None, int | None]


def book(books: Books, project: int, amount: Decimal, policy: OverspendPolicy) -> Outcome:
    try:
        warning = ledger.check_spending(books, project, amount, policy)
        allocation = ledger.allocation_for_spending(books, project, amount)
    except LedgerError as exc:
        return ("refused", str(exc), None)
    return ("booked", warning, allocation)


@settings(max_examples=150, deadline=None)
@given(
    operations=scenarios,
    policy=st.sampled_from(list(OverspendPolicy)),
    payments=st.lists(st.tuples(st.sampled_from(PROJECTS), small), max_size=20),
)
def test_project_books_answer_as_the_whole_books(
    operations: list[tuple], policy: OverspendPolicy, payments: list[tuple[int, Decimal]]
) -> None:
    whole = run(policy, operations).books
    compact = {project: whole.for_project(project) for project in PROJECTS}
    for n, (project, amount) in enumerate(payments):
        outcome = book(whole, project, amount, policy)
        assert book(compact[project], project, amount, policy) == outcome
        if outcome[0] == "booked":
            allocation = outcome[2]
            assert allocation is not None
            row = SpendingRow(-1000 - n, allocation, amount, f"P{n}")
            whole = replace(whole, spending=(*whole.spending, row))
            compact[project] = compact[project].with_spent(allocation, amount)
        for other in PROJECTS:
            assert compact[other].spent_on(other) == whole.spent_on(other)
            assert compact[other].allocated_to(other) == whole.allocated_to(other)
