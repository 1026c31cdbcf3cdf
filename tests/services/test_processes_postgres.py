"""Two app servers acting at once on one PostgreSQL database (issue 20): each action runs
in its own OS process with its own store, released together. The same guarantees as for
two sessions of one server (tests/services/test_concurrency.py and
test_draw_concurrency.py, test_signup_concurrency.py, threads): every sign-up recorded
once, no payment booked twice, no budget overdrawn by two
grants that each fit, no draw step taken twice, and one unbroken audit chain after all of
it. The loser gets the same clear refusal as on one server."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.domain.auth import Caller
from dashboard.services import signup
from dashboard.services.budget.common import load_books_for
from dashboard.services.budget.decisions import record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.spending import book_spending
from dashboard.services.draws import selection as draw_selection
from dashboard.store import audit
from dashboard.store.db import Store
from tests.backends import with_store
from tests.database_state import count
from tests.funded import TODAY, neighbourhood_council
from tests.processes import Outcome, race_processes
from tests.services.test_concurrency import ALICE, BOB, Hood, decision, granted, proposal
from tests.services.test_draws_public import ORGANISER, ready_for_selection
from tests.services.test_online_signup import FORM, codes, letters, responses

pytestmark = pytest.mark.postgres


def _hood(store: Store) -> Hood:
    envelope = add_envelope(store, ALICE, 1, 2026, "fonds", "10.000", "Gedeeld budget")
    return Hood(neighbourhood_council(store), envelope)


def _refusals(outcomes: list[Outcome]) -> list[str]:
    unexpected = [o for o in outcomes if o.error and not o.refused]
    assert not unexpected, unexpected  # a clear refusal, never a crash or a conflict
    return [o.message for o in outcomes if o.refused]


def _chain_verifies(url: str) -> None:
    def check(store: Store) -> None:
        with store.read() as cur:
            chain = audit.events(cur)
            assert audit.event_count(cur) == len(chain)  # none left waiting
        assert audit.verify_chain(chain) == []
        assert [e.seq for e in chain] == list(range(1, len(chain) + 1))

    with_store(url, check)


def book(store: Store, who: Caller, proposal_id: int, reference: str) -> None:
    book_spending(store, who, proposal_id, reference, TODAY, "250", "Hekwerk")


def grant(store: Store, who: Caller, hood: Hood, proposal_id: int) -> None:
    record_decision(store, who, decision(hood, proposal_id, "6.000"))


def prepare(store: Store, draw_id: int) -> None:
    draw_selection.prepare_selection(store, ORGANISER, draw_id)


def reveal(store: Store, draw_id: int, numbers: list[str]) -> None:
    draw_selection.reveal_draw(store, ORGANISER, draw_id, numbers)


def sign_up_all(store: Store, draw_id: int, codes: list[str]) -> list[str]:
    return [signup.sign_up(store, draw_id, code, FORM, None).change for code in codes]


def test_residents_signing_up_through_two_servers_at_once_are_all_recorded_once(
    postgres_demo_url: str,
) -> None:
    """The servers' sign-ups of one draw take the draw's turn in the database; each
    server's own lock only orders its own (dashboard/services/signup.py)."""
    draw_id = with_store(postgres_demo_url, letters)
    found = with_store(postgres_demo_url, lambda store: codes(store, draw_id))[:24]
    outcomes = race_processes(
        postgres_demo_url,
        (sign_up_all, (draw_id, found[:12])),
        (sign_up_all, (draw_id, found[12:])),
    )
    assert [o.result for o in outcomes] == [["new"] * 12] * 2, outcomes

    def recorded(store: Store) -> tuple[list[int], int]:
        return [len(responses(store, c)) for c in found], count(
            store, "SELECT count(*) FROM signup_contact"
        )

    assert with_store(postgres_demo_url, recorded) == ([1] * 24, 24)
    _chain_verifies(postgres_demo_url)


def test_the_same_payment_booked_through_two_servers_is_booked_once(
    postgres_demo_url: str,
) -> None:
    def setup(store: Store) -> int:
        return granted(store, _hood(store))

    proposal_id = with_store(postgres_demo_url, setup)
    outcomes = race_processes(
        postgres_demo_url, *((book, (who, proposal_id, "FACT-2026-001")) for who in (ALICE, BOB))
    )
    [refusal] = _refusals(outcomes)
    assert "al geboekt" in refusal

    def booked(store: Store) -> tuple[int, Decimal]:
        return (
            count(store, "SELECT count(*) FROM spending_transaction WHERE reference = ?",
                  ["FACT-2026-001"]),
            load_books_for(store, 1).spent_on(proposal_id),
        )  # fmt: skip

    assert with_store(postgres_demo_url, booked) == (1, Decimal("250.00"))
    _chain_verifies(postgres_demo_url)


def test_two_grants_through_two_servers_that_each_fit_but_not_together_never_overdraw(
    postgres_demo_url: str,
) -> None:
    def setup(store: Store) -> tuple[Hood, int, int]:
        hood = _hood(store)
        return hood, proposal(store, hood, "Bankjes"), proposal(store, hood, "Bomen")

    hood, first, second = with_store(postgres_demo_url, setup)
    outcomes = race_processes(
        postgres_demo_url, (grant, (ALICE, hood, first)), (grant, (BOB, hood, second))
    )
    [refusal] = _refusals(outcomes)
    assert "beschikbaar" in refusal

    def books(store: Store) -> tuple[Decimal, Decimal]:
        ledger = load_books_for(store, 1)
        allocated = ledger.allocated_to(first) + ledger.allocated_to(second)
        return allocated, ledger.year_totals(1, 2026).available

    allocated, available = with_store(postgres_demo_url, books)
    assert allocated == Decimal("6000.00") and available >= 0
    _chain_verifies(postgres_demo_url)


def test_a_draw_prepared_and_revealed_through_two_servers_at_once_happens_once(
    postgres_demo_url: str,
) -> None:
    draw_id = with_store(postgres_demo_url, ready_for_selection)
    assert len(_refusals(race_processes(postgres_demo_url, *((prepare, (draw_id,)),) * 2))) == 1
    outcomes = race_processes(
        postgres_demo_url, (reveal, (draw_id, ["1", "2"])), (reveal, (draw_id, ["6", "6"]))
    )
    assert len(_refusals(outcomes)) == 1

    def after(store: Store) -> tuple[int, int, int, list[str]]:
        with store.read() as cur:
            actions = [e.action for e in audit.events(cur)]
        return (
            actions.count("draw.prepare"),
            actions.count("draw.reveal"),
            count(store, "SELECT count(*) FROM panel_member WHERE draw_id = ?", [draw_id]),
            draw_selection.verify_draw(store, ORGANISER, draw_id),
        )

    assert with_store(postgres_demo_url, after) == (1, 1, 40, [])
    _chain_verifies(postgres_demo_url)
