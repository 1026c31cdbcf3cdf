"""Deterministic synthetic neighbourhood votes (buurtbudget), for benchmarks and tests.

A vote like Groningen's Oosterparkwijk one (EUR 25,000 over residents' ideas): ideas for
each buurt of the neighbourhood and a few for all of it, with realistic costs (a bench, a
street party, a playground); residents who mostly tick ideas for their own buurt, some
ideas far more popular than others, some residents who tick one idea and some who tick
ten. Approval ballots, or kiezen binnen het budget (knapsack: each resident adds the ideas
they like, in their own order, while the total stays within the budget).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from voting.model import Ballot, BallotKind, Election, Idea

BUURTEN = ("Oosterpark", "De Hoogte", "Korrewegwijk", "Indische buurt")
KINDS_OF_IDEA = (
    # (name, category, lowest and highest cost in euros)
    ("Bankjes langs het water", "openbare ruimte", 600, 2_400),
    ("Straatfeest", "sociale samenhang", 400, 1_500),
    ("Speeltoestel voor kleine kinderen", "jeugd", 3_000, 9_000),
    ("Geveltuinen", "klimaatadaptatie", 500, 3_000),
    ("Buurtmoestuin", "sociale samenhang", 1_500, 6_000),
    ("Pannakooi", "jeugd", 8_000, 15_000),
    ("Extra verlichting in het steegje", "veilig en gezond", 2_000, 7_000),
    ("Koffieochtend voor ouderen", "zorg en welzijn", 300, 1_800),
    ("Boomspiegels beplanten", "klimaatadaptatie", 700, 2_500),
    ("Warmtecamera om te lenen", "energietransitie", 500, 1_200),
    ("Muurschildering", "openbare ruimte", 2_500, 8_000),
    ("Huiswerkklas", "jeugd", 1_000, 4_000),
)
HEADER = (
    ("description", "Buurtbudget (synthetisch)"),
    ("country", "Nederland"),
    ("unit", "Wijkdam"),
    ("instance", "2026"),
    ("rule", "equalshares"),
    ("language", "nl"),
)


def neighbourhood_vote(
    seed: int,
    ballots: int = 5_000,
    ideas: int = 40,
    budget: Decimal = Decimal(25_000),
    kind: BallotKind = "approval",
    over_budget: int = 0,
) -> Election:
    """A vote of `ballots` residents over `ideas` ideas; `over_budget` of the ideas cost more
    than the whole budget (it happens: a wish for a new square)."""
    rng = np.random.default_rng(seed)
    made = _ideas(rng, ideas, budget, over_budget)
    home = rng.choice(len(BUURTEN) + 1, size=len(made), p=[0.22, 0.22, 0.22, 0.22, 0.12])
    appeal = rng.lognormal(mean=-2.6, sigma=0.8, size=len(made))  # a few ideas stand out
    voter_buurt = rng.choice(len(BUURTEN), size=ballots, p=[0.3, 0.25, 0.25, 0.2])
    activity = rng.gamma(shape=2.0, scale=0.75, size=ballots)  # ticks 1 idea, or 10
    near = np.where(home[None, :] == len(BUURTEN), 1.0, 0.45)  # ideas for everyone
    near = np.where(home[None, :] == voter_buurt[:, None], 2.2, near)
    chance = np.clip(activity[:, None] * appeal[None, :] * near, 0, 0.95)
    ticks = rng.random((ballots, len(made))) < chance
    for v in np.flatnonzero(~ticks.any(axis=1)).tolist():  # who votes, ticks something
        ticks[v, rng.choice(len(made), p=chance[v] / chance[v].sum())] = True
    if kind == "knapsack":
        ticks = _within(rng, ticks, chance, made, budget)
    cast = tuple(
        Ballot(frozenset(made[j].id for j in np.flatnonzero(row)), str(v + 1))
        for v, row in enumerate(ticks)
    )
    return Election(budget, tuple(made), cast, kind, HEADER)


def _ideas(rng: np.random.Generator, count: int, budget: Decimal, over: int) -> list[Idea]:
    made = []
    for n in range(count):
        name, category, low, high = KINDS_OF_IDEA[int(rng.integers(len(KINDS_OF_IDEA)))]
        cost = int(rng.integers(low, high + 1)) // 50 * 50
        if n < over:
            cost = int(budget) + 50 * int(rng.integers(1, 200))
        where = BUURTEN[n % len(BUURTEN)]
        made.append(Idea(str(n + 1), f"{name} ({where})", Decimal(cost), category))
    order = rng.permutation(count)  # the expensive ones are not always first
    return [
        Idea(str(k + 1), made[i].name, made[i].cost, made[i].category) for k, i in enumerate(order)
    ]


def _within(
    rng: np.random.Generator,
    ticks: np.ndarray,
    chance: np.ndarray,
    ideas: list[Idea],
    budget: Decimal,
) -> np.ndarray:
    """Knapsack ballots: the ideas a resident ticked, most wanted first, while they fit."""
    costs = [idea.cost for idea in ideas]
    kept = np.zeros_like(ticks)
    for v in range(ticks.shape[0]):
        wanted = np.flatnonzero(ticks[v])
        wanted = wanted[np.argsort(-chance[v, wanted] * rng.random(len(wanted)))]
        total = Decimal(0)
        for j in wanted.tolist():
            if total + costs[j] <= budget:
                kept[v, j] = True
                total += costs[j]
    return kept
