"""One ballot per code even when a resident sends it from two browser tabs at the same
moment: the store marks the code used and stores the ballot in one transaction, and the
second cast conflicts on the code's row, is retried and finds the code used."""

from __future__ import annotations

from functools import partial

import pytest

from dashboard.domain.errors import UserError
from dashboard.services.vote import casting, closing
from dashboard.store.db import Store
from tests.database_state import count
from tests.services.test_vote import AFTER, ORGANISER, open_vote
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ROUNDS = 8  # codes, each sent by two threads at once


def test_two_tabs_casting_with_one_code_store_one_ballot(store: Store) -> None:
    vote_id, codes = open_vote(store)
    for code in codes[:ROUNDS]:
        outcomes = race(
            partial(casting.cast, store, vote_id, code, [1], None),
            partial(casting.cast, store, vote_id, code.lower(), [2], None),
        )
        cast = [o for o in outcomes if isinstance(o, casting.Cast)]
        refused = [o for o in outcomes if isinstance(o, UserError)]
        assert len(cast) == 1 and len(refused) == 1, outcomes
        assert str(refused[0]) == casting.BAD_CODE
    ballots = "SELECT count(*) FROM vote_ballot WHERE vote_id = ?"
    assert count(store, ballots, [vote_id]) == ROUNDS
    used = "SELECT count(*) FROM vote_code WHERE vote_id = ? AND used"
    assert count(store, used, [vote_id]) == ROUNDS


def test_a_paper_ballot_and_an_online_vote_with_one_code_store_one(store: Store) -> None:
    vote_id, codes = open_vote(store)
    outcomes = race(
        lambda: casting.cast(store, vote_id, codes[0], [1], None),
        lambda: casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[0], [2]),
    )
    assert sum(isinstance(o, UserError) for o in outcomes) == 1, outcomes
    assert count(store, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?", [vote_id]) == 1


def test_closing_while_a_paper_ballot_comes_in_loses_nothing(store: Store) -> None:
    """Either the ballot is in before the count, or it is refused as too late."""
    vote_id, codes = open_vote(store)
    outcomes = race(
        lambda: closing.close_vote(store, ORGANISER, vote_id, today=AFTER),
        lambda: casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[0], [1], today=AFTER),
    )
    closed = outcomes[0]
    assert isinstance(closed, closing.Closed), outcomes
    stored = count(store, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?", [vote_id])
    assert closed.ballots == stored
    assert stored == (0 if isinstance(outcomes[1], UserError) else 1)
