"""Two organiser sessions acting on the same money at the same moment: threads, each
with its own cursors through the one Store, as Streamlit serves two browser sessions.
No duplicates, no lost updates, no overdrawn budget: the neighbourhood's ledger lock
(`budget.lock_neighbourhood`) makes the later writer retry on fresh books.

Draws are not covered here yet: the draw workspace (issue 6) brings their writes, and two
sessions running the same draw step belong in its tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from dashboard.domain.auth import Caller, Role
from dashboard.domain.errors import UserError
from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.decisions import DecisionInput, publish_decision, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.spending import book_spending, reverse_allocation, reverse_spending
from dashboard.services.budget.spending_import import import_spending
from dashboard.store import budget, proposals
from dashboard.store.db import Store
from tests.database_state import count
from tests.funded import TODAY, Council, neighbourhood_council
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


D = Decimal
ALICE = Caller("alice", Role.ORGANISER, frozenset({1}))
BOB = Caller("bob", Role.ORGANISER, None)


@dataclass(frozen=True)
class Hood:
    seat: Council  # neighbourhood 1's council, a past meeting, a theme
    envelope: int  # a shared budget of € 10.000


@pytest.fixture
def hood(store: Store) -> Hood:
    envelope = add_envelope(store, ALICE, 1, 2026, "fonds", "10.000", "Gedeeld budget")
    return Hood(neighbourhood_council(store), envelope)


def refused(results: list[object]) -> list[UserError]:
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, UserError)]
    assert not unexpected, unexpected  # only a clear refusal, never a crash or a conflict
    return [r for r in results if isinstance(r, UserError)]


def proposal(store: Store, hood: Hood, title: str = "Speeltuin") -> int:
    return hood.seat.proposal(store, title, ALICE)


def decision(hood: Hood, proposal_id: int, amount: str, kind: str = "toekennen") -> DecisionInput:
    return hood.seat.decision(proposal_id, amount, hood.envelope, kind)


def granted(store: Store, hood: Hood, amount: str = "5.000") -> int:
    proposal_id = proposal(store, hood)
    record_decision(store, ALICE, decision(hood, proposal_id, amount))
    return proposal_id


def test_the_same_payment_booked_by_two_sessions_is_booked_once(store: Store, hood: Hood) -> None:
    proposal_id = granted(store, hood)
    results = race(
        *(lambda who=who: book_spending(store, who, proposal_id, "FACT-2026-001", TODAY,
                                            "250", "Hekwerk") for who in (ALICE, BOB))
    )  # fmt: skip
    [refusal] = refused(results)
    assert "al geboekt" in str(refusal)
    assert count(store, "SELECT count(*) FROM spending_transaction WHERE reference = ?",
                 ["FACT-2026-001"]) == 1  # fmt: skip
    assert load_books_for(store, 1).spent_on(proposal_id) == D("250.00")


def test_the_same_payment_reversed_by_two_sessions_is_reversed_once(
    store: Store, hood: Hood
) -> None:
    proposal_id = granted(store, hood)
    payment = book_spending(store, ALICE, proposal_id, "F-9", TODAY, "400", "Verf")
    results = race(
        *(lambda who=who: reverse_spending(store, who, payment.spending_id,
                                               "Dubbel ingevoerd") for who in (ALICE, BOB))
    )  # fmt: skip
    assert len(refused(results)) == 1
    assert count(store, "SELECT count(*) FROM spending_transaction WHERE reverses_id = ?",
                 [payment.spending_id]) == 1  # fmt: skip
    assert load_books_for(store, 1).spent_on(proposal_id) == D("0.00")


def test_the_same_allocation_reversed_by_two_sessions_is_reversed_once(
    store: Store, hood: Hood
) -> None:
    proposal_id = granted(store, hood)
    with store.read() as cur:
        [allocation] = [a for a in budget.allocations_for_neighbourhood(cur, 1)
                        if a.proposal_id == proposal_id]  # fmt: skip
    results = race(
        *(lambda who=who: reverse_allocation(store, who, allocation.id, "Verkeerd budget")
          for who in (ALICE, BOB))
    )  # fmt: skip
    assert len(refused(results)) == 1
    assert load_books_for(store, 1).allocated_to(proposal_id) == D("0.00")


def test_two_grants_that_each_fit_but_not_together_never_overdraw_the_budget(
    store: Store, hood: Hood
) -> None:
    first, second = proposal(store, hood, "Bankjes"), proposal(store, hood, "Bomen")
    results = race(
        lambda: record_decision(store, ALICE, decision(hood, first, "6.000")),
        lambda: record_decision(store, BOB, decision(hood, second, "6.000")),
    )
    [refusal] = refused(results)
    assert "beschikbaar" in str(refusal)
    books = load_books_for(store, 1)
    assert books.allocated_to(first) + books.allocated_to(second) == D("6000.00")
    assert books.year_totals(1, 2026).available >= 0


def test_one_proposal_decided_by_two_sessions_gets_one_decision(store: Store, hood: Hood) -> None:
    proposal_id = proposal(store, hood)
    results = race(
        *(lambda who=who: record_decision(store, who, decision(hood, proposal_id, "3.000"))
          for who in (ALICE, BOB))
    )  # fmt: skip
    [refusal] = refused(results)
    assert "al besloten" in str(refusal)
    assert count(store, "SELECT count(*) FROM decision WHERE proposal_id = ?", [proposal_id]) == 1
    assert load_books_for(store, 1).allocated_to(proposal_id) == D("3000.00")


def test_two_raises_of_one_allocation_both_count(store: Store, hood: Hood) -> None:
    """No lost update: two sessions each raise the same project's money by € 500."""
    proposal_id = granted(store, hood, "2.000")
    results = race(
        *(lambda who=who: record_decision(store, who,
                                               decision(hood, proposal_id, "500", "bijstellen"))
          for who in (ALICE, BOB))
    )  # fmt: skip
    assert refused(results) == []
    assert load_books_for(store, 1).allocated_to(proposal_id) == D("3000.00")


def test_one_decision_published_by_two_sessions_is_published_once(store: Store, hood: Hood) -> None:
    proposal_id = proposal(store, hood)
    decision_id = record_decision(store, ALICE, decision(hood, proposal_id, "1.000"))
    results = race(*(lambda who=who: publish_decision(store, who, decision_id)
                     for who in (ALICE, BOB)))  # fmt: skip
    assert len(refused(results)) == 1
    with store.read() as cur:
        events = cur.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'decision.publish' AND entity_id = ?",
            [str(decision_id)],
        ).fetchall()
    assert events[0][0] == 1


def test_the_same_export_imported_by_two_sessions_is_booked_once(store: Store, hood: Hood) -> None:
    proposal_id = granted(store, hood)
    with store.read() as cur:
        ref = proposals.proposal(cur, proposal_id).external_ref  # type: ignore[union-attr]
    data = ("kenmerk;datum;bedrag;omschrijving;project\n"
            + "".join(f"E-{i};2026-03-0{1 + i % 9};{10 + i};Regel {i};{ref}\n" for i in range(40))
            ).encode()  # fmt: skip
    results = race(
        *(lambda who=who: import_spending(store, who, "export.csv", data, TODAY)
          for who in (ALICE, BOB))
    )  # fmt: skip
    assert refused(results) == []
    outcomes = sorted((r.booked, r.already_known) for r in results)  # type: ignore[attr-defined]
    assert outcomes == [(0, 40), (40, 0)]
    booked = "SELECT count(*) FROM spending_transaction WHERE reference LIKE 'E-%'"
    assert count(store, booked) == 40
    assert count(store, "SELECT count(*) FROM spending_import") >= 1
    expected = sum(D(10 + i) for i in range(40))
    assert load_books_for(store, 1).spent_on(proposal_id) == expected


def test_four_sessions_booking_many_payments_lose_none(store: Store, hood: Hood) -> None:
    proposal_id = granted(store, hood, "10.000")

    def pay(who: Caller, session: int) -> int:
        for n in range(5):
            book_spending(store, who, proposal_id, f"S{session}-{n}", TODAY, "50", "Tegelijk")
        return 5

    results = race(*(lambda s=s: pay((ALICE, BOB)[s % 2], s) for s in range(4)))
    assert results == [5, 5, 5, 5]
    assert load_books_for(store, 1).spent_on(proposal_id) == D("1000.00")
