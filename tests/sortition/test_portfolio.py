"""From type panels to person panels: every person's probability is kept exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sortition.io import read_pool
from sortition.leximin import TypeDistribution
from sortition.pool import collapse_types
from sortition.portfolio import expand
from sortition.quotas import make_quotas


@pytest.mark.parametrize("seed", range(5))
def test_person_panels_have_exactly_the_type_probabilities(seed: int) -> None:
    frame = pd.DataFrame(
        {"id": [f"p{i}" for i in range(15)], "group": ["a"] * 4 + ["b"] * 6 + ["c"] * 5}
    )
    quotas = make_quotas([("group", g, 0, 5) for g in "abc"])
    pool = read_pool(frame, quotas)
    types = collapse_types(pool)
    assert types.sizes.tolist() == [4, 6, 5]
    panels = np.array([[2, 3, 0], [1, 2, 2], [4, 0, 1]])
    probs = np.array([0.5, 0.3, 0.2])
    type_prob = (probs @ panels) / types.sizes
    portfolio = expand(
        types, TypeDistribution(panels, probs, type_prob, 1, 0), np.random.default_rng(seed)
    )
    marginal = np.zeros(pool.size)
    for people, q in portfolio:
        assert len(np.unique(people)) == 5
        marginal[people] += q
    assert sum(q for _, q in portfolio) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(marginal, type_prob[types.person_type], atol=1e-12)
    # 2 of 4 and 3 of 6 start at 0 or 2 and at 0 or 3: 2 pieces. 1 of 4, 2 of 6 and 2 of 5:
    # breakpoints j/4, j/3, j/5: 10 pieces. All of a and 1 of 5: 5 pieces.
    assert len(portfolio) == 2 + 10 + 5
