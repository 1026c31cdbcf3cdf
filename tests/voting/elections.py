"""Seeded random elections for the comparison with pabutools: small, so that ties are
common (few costs, few voters), with ideas that cost more than the budget, empty ballots,
a single voter and ideas nobody voted for."""

from __future__ import annotations

import random
from decimal import Decimal

from voting.model import Ballot, BallotKind, Election, Idea

COSTS = (50, 100, 100, 150, 200, 250, 300, 300, 450, 600, 999)


def random_election(seed: int, kind: BallotKind = "approval") -> Election:
    rng = random.Random(seed)
    budget = Decimal(rng.choice((300, 500, 600, 1000, 1200)))
    ideas = tuple(
        Idea(str(n + 1), f"idee {n + 1}", _cost(rng, budget)) for n in range(rng.randint(1, 9))
    )
    voters = rng.choice((1, 1, 2, 3, 5, 8, 13, 21, 34))
    liked = [rng.random() for _ in ideas]  # how popular each idea is
    ballots = []
    for v in range(voters):
        ticked = [i.id for i, p in zip(ideas, liked, strict=True) if rng.random() < p]
        if rng.random() < 0.1:
            ticked = []  # an empty ballot
        if kind == "knapsack":
            ticked = _within(rng, ticked, ideas, budget)
        ballots.append(Ballot(frozenset(ticked), f"k{v + 1}"))
    return Election(budget, ideas, tuple(ballots), kind)


def _cost(rng: random.Random, budget: Decimal) -> Decimal:
    if rng.random() < 0.08:
        return budget + rng.choice((1, 100, 500))  # more than the whole budget
    cents = rng.choice((0, 0, 0, 0, 1, 33, 50)) / 100
    return Decimal(str(rng.choice(COSTS) + cents))


def _within(
    rng: random.Random, ticked: list[str], ideas: tuple[Idea, ...], budget: Decimal
) -> list[str]:
    cost = {i.id: i.cost for i in ideas}
    rng.shuffle(ticked)
    kept, total = [], Decimal(0)
    for idea in ticked:
        if total + cost[idea] <= budget:
            kept.append(idea)
            total += cost[idea]
    return kept


def election(
    budget: int, costs: dict[str, int], ballots: list[str], kind: BallotKind = "approval"
) -> Election:
    """`ballots`: one string per ballot, the ids of its ideas with spaces between them ('' is
    an empty ballot)."""
    ideas = tuple(Idea(i, f"idee {i}", Decimal(c)) for i, c in costs.items())
    cast = tuple(Ballot(frozenset(b.split())) for b in ballots)
    return Election(Decimal(budget), ideas, cast, kind)
