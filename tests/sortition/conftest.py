from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sortition.quotas import QuotaTable, make_quotas


def random_instance(
    seed: int, n: int, k: int, households: bool = False
) -> tuple[pd.DataFrame, QuotaTable]:
    """A small pool with two or three features and loose random quotas around k x share."""
    rng = np.random.default_rng(seed)
    features = {
        "gender": ["f", "m"],
        "age": ["young", "middle", "old"],
        "edu": ["low", "high"],
    }
    if seed % 2:
        del features["edu"]
    frame = pd.DataFrame({"id": [f"v{i}" for i in range(n)]})
    rows = []
    for feature, values in features.items():
        col = rng.choice(values, n, p=rng.dirichlet(np.ones(len(values)) * 2))
        frame[feature] = col
        # Quotas from a different share than the pool's, as with a skewed volunteer pool.
        target = rng.dirichlet(np.ones(len(values)) * 3)
        for v, share in zip(values, target, strict=True):
            lo = max(0, int(np.floor(k * share)) - int(rng.integers(0, 2)))
            hi = int(np.ceil(k * share)) + int(rng.integers(0, 2))
            rows.append((feature, v, lo, hi))
    if households:
        frame["household"] = [f"h{i // 2 if i < n // 2 else i}" for i in range(n)]
    return frame, make_quotas(rows)


@pytest.fixture
def small_pool() -> tuple[pd.DataFrame, QuotaTable]:
    frame = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(10)],
            "gender": ["f", "f", "f", "f", "f", "m", "m", "m", "m", "m"],
            "age": ["young", "old", "old", "old", "young", "young", "old", "old", "old", "old"],
        }
    )
    quotas = make_quotas(
        [
            ("gender", "f", 2, 2),
            ("gender", "m", 2, 2),
            ("age", "young", 1, 2),
            ("age", "old", 2, 3),
        ]
    )
    return frame, quotas
