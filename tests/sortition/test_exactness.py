"""Leximin and maximin against brute force on small pools."""

from __future__ import annotations

import numpy as np
import pytest

from sortition.diagnose import apply_changes
from sortition.errors import InfeasibleQuotasError
from sortition.io import read_pool
from sortition.select import select
from tests.sortition import brute
from tests.sortition.conftest import random_instance

SIZES = [(9, 3, False), (10, 4, True), (12, 4, True), (12, 5, False)]
CASES = [(seed, n, k, hh) for seed in range(12) for n, k, hh in SIZES]


@pytest.mark.parametrize(("seed", "n", "k", "households"), CASES)
def test_leximin_matches_brute_force(seed: int, n: int, k: int, households: bool) -> None:
    frame, quotas = random_instance(seed, n, k, households)
    pool = read_pool(frame, quotas, household_column="household" if households else None)
    panels = brute.feasible_panels(pool, quotas, k)
    if len(panels) == 0:
        with pytest.raises(InfeasibleQuotasError) as info:
            select(pool, quotas, k)
        relaxed = apply_changes(quotas, info.value.changes)
        assert len(brute.feasible_panels(pool, relaxed, k)) > 0
        return
    expected = brute.leximin(panels)
    got = select(pool, quotas, k, algorithm="leximin")
    np.testing.assert_allclose(got.probabilities, expected, atol=1e-6)
    assert np.sort(got.probabilities)[0] == pytest.approx(expected.min(), abs=1e-6)

    maximin = select(pool, quotas, k, algorithm="maximin")
    assert maximin.min_probability == pytest.approx(expected.min(), abs=1e-6)


def test_portfolio_marginals_equal_probabilities(small_pool) -> None:
    frame, quotas = small_pool
    got = select(frame, quotas, 4, seed=5)
    marginal = dict.fromkeys(got.ids, 0.0)
    for panel, q in got.portfolio:
        assert len(panel) == 4
        for person in panel:
            marginal[person] += q
    assert sum(q for _, q in got.portfolio) == pytest.approx(1.0, abs=1e-9)
    for person, p in got.probability_of().items():
        assert marginal[person] == pytest.approx(p, abs=1e-9)
    assert got.selected in {panel for panel, _ in got.portfolio}


def test_small_pool_known_answer(small_pool) -> None:
    frame, quotas = small_pool
    pool = read_pool(frame, quotas)
    expected = brute.leximin(brute.feasible_panels(pool, quotas, 4))
    got = select(frame, quotas, 4)
    np.testing.assert_allclose(got.probabilities, expected, atol=1e-6)
    assert got.probabilities.sum() == pytest.approx(4)
