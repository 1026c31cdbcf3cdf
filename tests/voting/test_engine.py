"""The fast search of mes_run is exact however loose its floating-point bounds are: with
the bounds a billion times wider (far more ideas and voters compared exactly), and with
every voter compared exactly, the count is the same."""

from __future__ import annotations

from decimal import Decimal

import pytest

from data.vote_sample import neighbourhood_vote
from tests.voting.elections import random_election
from voting import equal_shares, mes_run
from voting.model import Election


def elections() -> list[Election]:
    return [random_election(seed) for seed in range(500, 530)] + [
        neighbourhood_vote(8, 200, 10, Decimal(8_000)),
        neighbourhood_vote(9, 150, 8, Decimal(5_000), "knapsack"),
    ]


def test_wider_bounds_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    votes = elections()
    expected = [equal_shares(e) for e in votes]
    monkeypatch.setattr(mes_run, "EPS", 2.0**-52 * 1e9)
    assert [equal_shares(e) for e in votes] == expected


def test_every_voter_compared_exactly_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    votes = elections()
    expected = [equal_shares(e) for e in votes]
    monkeypatch.setattr(mes_run, "EPS", 1.0)  # every budget is "close" to every payment
    assert [equal_shares(e) for e in votes] == expected
