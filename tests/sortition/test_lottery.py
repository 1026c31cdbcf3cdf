"""The transparent lottery: m panels, each meeting the quotas, chances barely changed."""

from __future__ import annotations

import numpy as np
import pytest

from sortition import (
    InfeasibleQuotasError,
    SortitionInputError,
    build_lottery,
    fair_distribution,
    read_pool,
)
from sortition.bundle import panel_problems
from sortition.lottery import check_m, marginals
from tests.sortition.conftest import random_instance

INSTANCES = [(seed, 30 + 7 * seed, 6 + seed % 5, seed % 3 == 0) for seed in range(20)]


def _feasible(seed: int, n: int, k: int, households: bool) -> tuple:
    frame, quotas = random_instance(seed, n, k, households=households)
    pool = read_pool(frame, quotas, household_column="household" if households else None)
    try:
        types, dist = fair_distribution(pool, quotas, k)
    except InfeasibleQuotasError:
        pytest.skip("random quotas without a panel are not this test's subject")
    return pool, quotas, types, dist


@pytest.mark.parametrize(("seed", "n", "k", "households"), INSTANCES)
@pytest.mark.parametrize("seconds", [0.0, 0.5])
def test_rounding_keeps_every_chance_within_k_over_m(
    seed: int, n: int, k: int, households: bool, seconds: float
) -> None:
    pool, quotas, types, dist = _feasible(seed, n, k, households)
    m = 200  # small m makes the bound tight enough to mean something
    lottery = build_lottery(types, dist, pool.ids, m, seconds=seconds)
    assert lottery.m == m
    assert lottery.max_deviation <= k / m
    np.testing.assert_allclose(lottery.fair, dist.type_prob[types.person_type])
    np.testing.assert_allclose(lottery.marginals, marginals(lottery.panels, pool.size))
    for panel in lottery.panels:
        assert panel_problems(pool, quotas, k, [pool.ids[i] for i in panel]) == []


@pytest.mark.parametrize(("seed", "n", "k", "households"), INSTANCES[:6])
def test_members_of_a_type_are_on_equally_many_tickets_give_or_take_one(
    seed: int, n: int, k: int, households: bool
) -> None:
    pool, _, types, dist = _feasible(seed, n, k, households)
    lottery = build_lottery(types, dist, pool.ids, 1000, seconds=0.5)
    tickets = np.rint(lottery.marginals * 1000).astype(int)
    for members in types.members:
        assert tickets[members].max() - tickets[members].min() <= 1


def test_the_integer_program_never_makes_the_rounding_worse() -> None:
    pool, _, types, dist = _feasible(3, 51, 9, False)
    plain = build_lottery(types, dist, pool.ids, 300, seconds=0)
    polished = build_lottery(types, dist, pool.ids, 300, seconds=2)
    # The program minimises the per-type error; the per-person error may differ by the
    # within-type rounding of one ticket.
    assert polished.max_deviation <= plain.max_deviation + 1 / 300


@pytest.mark.parametrize("m", [0, -5, 1.5, True, "1000", 10**6])
def test_a_bad_lottery_size_is_refused(m: object) -> None:
    with pytest.raises(SortitionInputError, match="lottery size m"):
        check_m(m)
