"""Infeasible quotas: named problems and the smallest feasible relaxation."""

from __future__ import annotations

import pandas as pd
import pytest

from sortition import InfeasibleQuotasError, apply_changes, make_quotas, select


def _pool() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(8)],
            "age": ["16-24", "16-24", "25-64", "25-64", "25-64", "65+", "65+", "65+"],
            "gender": ["f", "m", "f", "m", "f", "m", "f", "m"],
        }
    )


def test_too_few_volunteers_named_with_numbers() -> None:
    quotas = make_quotas(
        [
            ("age", "16-24", 3, 3),
            ("age", "25-64", 0, 2),
            ("age", "65+", 0, 2),
            ("gender", "f", 0, 4),
            ("gender", "m", 0, 4),
        ]
    )
    with pytest.raises(InfeasibleQuotasError) as info:
        select(_pool(), quotas, 4)
    text = str(info.value)
    assert "age 16-24: at least 3 asked, but only 2 volunteers in the pool" in text
    changes = info.value.changes
    assert [(c.feature, c.value, c.new_min) for c in changes] == [("age", "16-24", 2)]
    assert select(_pool(), apply_changes(quotas, changes), 4).probabilities.sum() == 4


def test_conflicting_quotas_smallest_total_change() -> None:
    # Four seats, four women, three of them 25-64: only two women are 25-64.
    quotas = make_quotas(
        [
            ("age", "16-24", 0, 0),
            ("age", "25-64", 3, 3),
            ("age", "65+", 1, 1),
            ("gender", "f", 4, 4),
            ("gender", "m", 0, 1),
        ]
    )
    with pytest.raises(InfeasibleQuotasError) as info:
        select(_pool(), quotas, 4)
    changes = info.value.changes
    total = sum(abs(c.new_min - c.old_min) + abs(c.new_max - c.old_max) for c in changes)
    assert total == 1
    relaxed = apply_changes(quotas, changes)
    assert select(_pool(), relaxed, 4).probabilities.sum() == pytest.approx(4)


def test_sums_of_bounds() -> None:
    quotas = make_quotas([("gender", "f", 3, 3), ("gender", "m", 3, 3)])
    with pytest.raises(InfeasibleQuotasError, match="minimums add up to 6, more than the panel"):
        select(_pool(), quotas, 4)
    quotas = make_quotas([("gender", "f", 1, 1), ("gender", "m", 1, 1)])
    with pytest.raises(InfeasibleQuotasError, match="maximums add up to 2, less than the panel"):
        select(_pool(), quotas, 4)


def test_quota_value_nobody_has() -> None:
    quotas = make_quotas([("gender", "f", 1, 3), ("gender", "m", 1, 3), ("gender", "x", 1, 1)])
    with pytest.raises(
        InfeasibleQuotasError, match="gender x: at least 1 asked, but no volunteers"
    ):
        select(_pool(), quotas, 4)
    zero = make_quotas([("gender", "f", 1, 3), ("gender", "m", 1, 3), ("gender", "x", 0, 1)])
    assert select(_pool(), zero, 4).probabilities.sum() == pytest.approx(4)
