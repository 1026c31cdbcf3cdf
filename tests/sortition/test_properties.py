"""Property-based tests: whatever the pool and quotas, the guarantees hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sortition import InfeasibleQuotasError, apply_changes, make_quotas, select
from sortition.quotas import QuotaTable

VALUES = {"gender": ["f", "m", "x"], "age": ["young", "middle", "old"]}


@st.composite
def instances(draw: st.DrawFn) -> tuple[pd.DataFrame, QuotaTable, int, bool]:
    n = draw(st.integers(4, 14))
    k = draw(st.integers(1, min(5, n)))
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(n)]})
    rows = []
    for feature, values in VALUES.items():
        frame[feature] = draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))
        for v in values:
            lo = draw(st.integers(0, 2))
            rows.append((feature, v, lo, lo + draw(st.integers(0, 3))))
    households = draw(st.booleans())
    if households:
        frame["hh"] = [f"h{draw(st.integers(0, n - 1))}" for _ in range(n)]
    return frame, make_quotas(rows), k, households


def _check_panel(frame: pd.DataFrame, quotas: QuotaTable, panel: tuple[str, ...], hh: bool):
    rows = frame.set_index("id").loc[list(panel)]
    for q in quotas.quotas:
        assert q.min <= int((rows[q.feature] == q.value).sum()) <= q.max
    if hh:
        assert rows["hh"].is_unique


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.sampled_from(["leximin", "maximin", "legacy"]), st.integers(0, 99))
def test_guarantees(instance, algorithm: str, seed: int) -> None:
    frame, quotas, k, hh = instance
    column = "hh" if hh else None
    if hh and frame["hh"].nunique() < k:
        return
    try:
        result = select(
            frame,
            quotas,
            k,
            algorithm=algorithm,
            seed=seed,
            household_column=column,
            legacy_runs=50,
        )
    except InfeasibleQuotasError as exc:
        relaxed = apply_changes(quotas, exc.changes)
        assert exc.changes, str(exc)
        result = select(frame, relaxed, k, algorithm="leximin", household_column=column)
        for panel, _ in result.portfolio:
            _check_panel(frame, relaxed, panel, hh)
        return
    assert abs(result.probabilities.sum() - k) < 1e-6
    assert abs(sum(q for _, q in result.portfolio) - 1) < 1e-6
    for panel, _ in result.portfolio:
        assert len(panel) == k
        _check_panel(frame, quotas, panel, hh)
    _check_panel(frame, quotas, result.selected, hh)
    again = select(
        frame, quotas, k, algorithm=algorithm, seed=seed, household_column=column, legacy_runs=50
    )
    assert again.selected == result.selected
    np.testing.assert_allclose(again.probabilities, result.probabilities)
