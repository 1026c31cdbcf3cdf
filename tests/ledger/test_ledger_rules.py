from decimal import Decimal

import pytest

from dashboard.domain import ledger
from dashboard.domain.ledger import (
    AllocationRow,
    Books,
    EnvelopeRow,
    LedgerError,
    OverspendPolicy,
    SpendingRow,
    YearEndRule,
)

D = Decimal
ENVELOPE = EnvelopeRow(1, 7, 2026, "gemeente", D("10000.00"))
FUND = EnvelopeRow(2, 7, 2026, "fonds", D("2000.00"), year_end_rule="return")
ALLOCATION = AllocationRow(10, proposal_id=5, envelope_id=1, decision_id=3, amount=D("4000.00"))
PAID = SpendingRow(20, allocation_id=10, amount=D("1500.00"), reference="FIN-1")
BOOKS = Books((ENVELOPE, FUND), (ALLOCATION,), (PAID,))


def test_available_is_envelope_minus_allocations() -> None:
    assert BOOKS.available(1) == D("6000.00")
    assert BOOKS.allocated_to(5) == D("4000.00")
    assert BOOKS.spent_on(5) == D("1500.00")
    totals = BOOKS.year_totals(7, 2026)
    assert (totals.budget, totals.allocated, totals.spent, totals.available) == (
        D("12000.00"), D("4000.00"), D("1500.00"), D("8000.00"),
    )  # fmt: skip


def test_allocating_more_than_available_names_both_amounts() -> None:
    with pytest.raises(
        LedgerError, match=r"nog €\u00a06\.000 beschikbaar.*vraagt €\u00a06\.000,01"
    ):
        ledger.check_allocation(BOOKS, 1, 6, D("6000.01"))
    ledger.check_allocation(BOOKS, 1, 6, D("6000.00"))


def test_lowering_an_allocation_below_what_was_spent_is_refused() -> None:
    with pytest.raises(LedgerError, match=r"al €\u00a01\.500 uitgegeven"):
        ledger.check_allocation(BOOKS, 1, 5, D("-2500.01"))
    ledger.check_allocation(BOOKS, 1, 5, D("-2500.00"))
    with pytest.raises(LedgerError, match="kan niet met"):
        ledger.check_allocation(BOOKS, 2, 5, D("-1.00"))  # nothing from the fund yet


def test_overspending_is_refused_or_warned_by_policy() -> None:
    assert ledger.check_spending(BOOKS, 5, D("2500.00"), OverspendPolicy.REFUSE) is None
    with pytest.raises(LedgerError, match=r"op €\u00a04\.000,01.*Verhoog eerst"):
        ledger.check_spending(BOOKS, 5, D("2500.01"), OverspendPolicy.REFUSE)
    warning = ledger.check_spending(BOOKS, 5, D("3000.00"), OverspendPolicy.WARN)
    assert warning is not None and "€\u00a04.500" in warning


@pytest.mark.parametrize("amount", [D("0"), D("-5.00")])
def test_spending_must_be_positive(amount: Decimal) -> None:
    with pytest.raises(LedgerError, match="groter zijn dan € 0"):
        ledger.check_spending(BOOKS, 5, amount, OverspendPolicy.REFUSE)


def test_spending_on_a_project_without_allocation_is_refused() -> None:
    with pytest.raises(LedgerError, match="geen toekenning"):
        ledger.check_spending(BOOKS, 99, D("1.00"), OverspendPolicy.WARN)


def test_a_booking_is_reversed_once_and_a_reversal_never() -> None:
    assert ledger.check_reversal(BOOKS, "spending", 20) == D("-1500.00")
    reversal = SpendingRow(21, 10, D("-1500.00"), "FIN-1-C", reverses_id=20)
    books = Books(BOOKS.envelopes, BOOKS.allocations, (PAID, reversal))
    with pytest.raises(LedgerError, match="al tegengeboekt"):
        ledger.check_reversal(books, "spending", 20)
    with pytest.raises(LedgerError, match="zelf een tegenboeking"):
        ledger.check_reversal(books, "spending", 21)
    with pytest.raises(LedgerError, match="bestaat niet"):
        ledger.check_reversal(books, "spending", 999)


def test_an_allocation_with_spending_cannot_be_reversed() -> None:
    with pytest.raises(LedgerError, match=r"al €\u00a01\.500 uitgegeven"):
        ledger.check_reversal(BOOKS, "allocation", 10)


def test_year_end_carries_over_or_returns_by_source() -> None:
    plans = ledger.plan_year_end(BOOKS, 7, 2026)
    assert plans == [
        ledger.ClosingPlan(1, D("6000.00"), YearEndRule.CARRY_OVER),
        ledger.ClosingPlan(2, D("2000.00"), YearEndRule.RETURN),
    ]
    carry = ledger.closing_rows(BOOKS, plans[0])
    assert [(r.year, r.source, r.amount) for r in carry] == [
        (2026, "overgeheveld", D("-6000.00")),
        (2027, "overgeheveld", D("6000.00")),
    ]
    back = ledger.closing_rows(BOOKS, plans[1])
    assert [(r.year, r.source, r.amount) for r in back] == [(2026, "teruggave", D("-2000.00"))]


def test_spending_goes_to_the_oldest_allocation_with_room() -> None:
    old = EnvelopeRow(3, 7, 2025, "gemeente", D("500.00"))
    books = Books(
        (ENVELOPE, old),
        (ALLOCATION, AllocationRow(11, 5, 3, 4, D("500.00"))),
        (),
    )
    assert ledger.allocation_for_spending(books, 5, D("400.00")) == 11
    assert ledger.allocation_for_spending(books, 5, D("600.00")) == 10


@pytest.mark.parametrize(
    ("source", "amount", "message"),
    [("gemeente", D("0"), "groter zijn dan"), ("loterij", D("5"), "Onbekende bron")],
)
def test_bad_envelopes_are_refused(source: str, amount: Decimal, message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        ledger.check_envelope(amount, source)
