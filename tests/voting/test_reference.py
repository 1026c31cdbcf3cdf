"""Both rules give exactly what pabutools gives (see tests/voting/reference.py): on many
seeded random elections with ties, ideas costing more than the budget, empty ballots and
a single voter, and on pabulib files of realistic neighbourhood votes that pabutools reads
itself."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from data.vote_sample import neighbourhood_vote
from tests.voting.elections import random_election
from tests.voting.reference import reference, reference_of_file
from voting import equal_shares, greedy_by_votes, read_pabulib, write_pabulib
from voting.model import KINDS, BallotKind, Election
from voting.outcome import RULES, Outcome, Rule

SEEDS = range(110)


def count(election: Election, rule: Rule) -> Outcome:
    return equal_shares(election) if rule == "equal-shares" else greedy_by_votes(election)


def ids(outcome: Outcome) -> list[str]:
    return [idea.id for idea in outcome.winners]


@pytest.mark.parametrize("kind", ["approval", "knapsack"])
@pytest.mark.parametrize("rule", ["greedy", "equal-shares"])
def test_random_elections_agree_with_pabutools(rule: Rule, kind: BallotKind) -> None:
    different = []
    for seed in SEEDS:
        election = random_election(seed, kind)
        ours = count(election, rule)
        if ids(ours) != reference(election, rule):
            different.append(seed)
        assert ours.spent <= election.budget
    assert different == []


def test_the_random_elections_hold_the_hard_cases() -> None:
    """The generator does produce what the comparison is meant to cover."""
    elections = [random_election(seed) for seed in SEEDS]
    assert any(len(e.ballots) == 1 for e in elections)
    assert any(any(not b.ideas for b in e.ballots) for e in elections)
    assert any(any(i.cost > e.budget for i in e.ideas) for e in elections)
    assert any(0 in e.votes.values() for e in elections)
    assert any(len(set(e.votes.values())) < len(e.ideas) for e in elections)  # equal votes
    raised = [equal_shares(e).raises for e in elections[:40]]
    assert any(raised) and 0 in raised


FILES: dict[str, Callable[[], Election]] = {
    "oosterpark.pb": lambda: neighbourhood_vote(11, 260, 12, Decimal(10_000)),
    "de-hoogte-knapsack.pb": lambda: neighbourhood_vote(12, 200, 10, Decimal(8_000), "knapsack"),
    "korrewegwijk.pb": lambda: neighbourhood_vote(13, 300, 14, Decimal(15_000), over_budget=1),
}


@pytest.fixture(scope="module")
def vote_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("votes")
    written = {}
    for name, make in FILES.items():
        path = folder / name
        path.write_text(write_pabulib(make()), encoding="utf-8")
        written[name] = path
    return written


@pytest.mark.parametrize("name", sorted(FILES))
def test_files_of_neighbourhood_votes_agree_with_pabutools(
    vote_files: dict[str, Path], name: str
) -> None:
    text = vote_files[name].read_text(encoding="utf-8")
    election = read_pabulib(vote_files[name].read_bytes())
    for rule in RULES:
        ours = count(election, rule)
        assert ids(ours) == reference_of_file(text, election, rule)
        assert ours.spent <= election.budget
    assert equal_shares(election).raises > 0


@pytest.mark.parametrize("seed", range(30))
def test_the_fast_search_is_the_exact_one(seed: int) -> None:
    """The floating-point search with exact checks chooses exactly what comparing every
    idea exactly in every round chooses (mes_run's fast=False)."""
    for kind in KINDS:
        election = random_election(1000 + seed, kind)
        fast, slow = equal_shares(election), equal_shares(election, fast=False)
        assert fast == slow


def test_a_realistic_vote_fast_and_exact_alike() -> None:
    election = neighbourhood_vote(5, ballots=150, ideas=10, budget=Decimal(6_000))
    assert equal_shares(election) == equal_shares(election, fast=False)
