"""The legacy greedy baseline: valid panels, estimated probabilities."""

from __future__ import annotations

import pytest

from sortition import select
from tests.sortition.conftest import random_instance


def test_legacy_panels_valid_and_probabilities_sum_to_k() -> None:
    frame, quotas = random_instance(1, 40, 6, households=True)
    try:
        result = select(
            frame, quotas, 6, algorithm="legacy", household_column="household", legacy_runs=200
        )
    except Exception as exc:  # pragma: no cover - instance chosen to be feasible
        pytest.fail(str(exc))
    assert result.details["runs"] == 200
    assert result.probabilities.sum() == pytest.approx(6)
    people = frame.set_index("id")
    for panel, _ in result.portfolio:
        rows = people.loc[list(panel)]
        assert rows["household"].is_unique
        for q in quotas.quotas:
            assert q.min <= int((rows[q.feature] == q.value).sum()) <= q.max
