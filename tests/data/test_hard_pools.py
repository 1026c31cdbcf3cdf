"""The benchmark's hard family (issue 19): deterministic pools whose households share
features, with quotas that some panel meets."""

from __future__ import annotations

import pandas as pd

from data.hard_pools import FEATURES, hard_instance
from sortition import read_pool, read_quotas
from sortition.diagnose import needed_relaxation


def test_a_hard_pool_is_the_same_for_the_same_seed_and_has_households() -> None:
    first, again = hard_instance(200, 21, seed=2), hard_instance(200, 21, seed=2)
    pd.testing.assert_frame_equal(first.people, again.people)
    pd.testing.assert_frame_equal(first.quotas, again.quotas)
    people = first.people
    assert list(people.columns) == ["id", "household", *FEATURES] and len(people) == 200
    sizes = people.groupby("household").size()
    assert sizes.max() == 4 and (sizes > 1).sum() > len(sizes) / 2
    # A household shares its buurt and tenure.
    assert (people.groupby("household")[["buurt", "wonen"]].nunique() == 1).all().all()
    # Exact quotas on gender and buurt add up to k.
    exact = first.quotas[first.quotas["feature"].isin(["geslacht", "buurt"])]
    assert (exact.groupby("feature")["min"].sum() == 21).all()


def test_some_panel_meets_a_hard_pools_quotas() -> None:
    instance = hard_instance(200, 21, seed=2)
    table = read_quotas(instance.quotas)
    pool = read_pool(instance.people, table, "id", "household")
    assert needed_relaxation(pool, table, instance.k) is None
