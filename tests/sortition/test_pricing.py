"""Pricing by local search and by an integer program that stops early, against brute force.

Small pools with households: every feasible panel of people is enumerated and turned into
type counts, so the best panel for any weights is known exactly. The randomised LP dives
are checked on pools of the hard household family (too many panels to enumerate): each
panel they give is on the face, they are reproducible, and they leave the LP as it was.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from data.hard_pools import hard_instance
from sortition import leximin
from sortition import panels as panels_module
from sortition.io import read_pool, read_quotas
from sortition.panels import PanelFinder, PanelRows, panel_rows
from sortition.pool import Types, collapse_types
from tests.sortition import brute
from tests.sortition.conftest import random_instance

CASES = [(1, 12, 4), (27, 12, 5), (9, 10, 4), (2, 10, 4), (5, 12, 5)]


def _setup(seed: int, n: int, k: int) -> tuple[Types, PanelRows, np.ndarray]:
    frame, quotas = random_instance(seed, n, k, households=True)
    pool = read_pool(frame, quotas, household_column="household")
    types = collapse_types(pool)
    rows = panel_rows(pool, quotas, types, k)
    people = brute.feasible_panels(pool, quotas, k)
    counts = np.zeros((len(people), types.count), dtype=np.int64)
    for t in range(types.count):
        counts[:, t] = people[:, types.members[t]].sum(axis=1)
    return types, rows, np.unique(counts, axis=0)


def _inside(rows: PanelRows, counts: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> bool:
    row_of = np.repeat(np.arange(len(rows.lower)), np.diff(rows.starts))
    sums = np.bincount(row_of, weights=counts[rows.index], minlength=len(rows.lower))
    return bool(((sums >= lower - 1e-9) & (sums <= upper + 1e-9)).all())


@pytest.mark.parametrize(("seed", "n", "k"), CASES)
def test_the_early_stop_finds_a_panel_above_the_target_or_proves_there_is_none(
    seed: int, n: int, k: int
) -> None:
    types, rows, panels = _setup(seed, n, k)
    if len(panels) == 0:
        pytest.skip("no feasible panel")
    finder = PanelFinder(rows, types.caps, types)
    rng = np.random.default_rng(seed)
    for _ in range(6):
        weights = rng.normal(size=types.count)
        best = float((panels @ weights).max())
        for target in (best - 0.5, best - 1e-6, best + 1e-6):
            found = finder.above(weights, target)
            assert found is not None
            counts, value, bound = found
            assert any((counts == p).all() for p in panels)
            assert value == pytest.approx(float(counts @ weights))
            assert bound >= best - 1e-7
            if target < best:
                assert value > target
            else:
                assert value == pytest.approx(best, abs=1e-7)
        # The early stop does not stay switched on for later exact calls.
        exact = finder.best(weights)
        assert exact is not None
        assert exact[1] == pytest.approx(best, abs=1e-7)


@pytest.mark.parametrize(("seed", "n", "k"), CASES)
def test_swaps_and_climbs_stay_within_the_restriction(seed: int, n: int, k: int) -> None:
    types, rows, panels = _setup(seed, n, k)
    if len(panels) < 2:
        pytest.skip("too few panels")
    finder = PanelFinder(rows, types.caps, types)
    rng = np.random.default_rng(seed)
    point = panels[rng.choice(len(panels), 2, replace=False)].mean(axis=0)
    lower, upper, row_lower, row_upper = leximin.face_bounds(point, rows, types.caps)
    finder.restrict(lower, upper, row_lower, row_upper)
    on_face = [
        p
        for p in panels
        if (p >= lower).all() and (p <= upper).all() and _inside(rows, p, row_lower, row_upper)
    ]
    for start in on_face:
        weights = rng.normal(size=types.count)
        for swapped in finder.neighbours(start, weights, 50):
            assert any((swapped == p).all() for p in on_face)
        path = finder.climb(start, weights, 20)
        values = [float(start @ weights)] + [float(p @ weights) for p in path]
        assert all(b > a for a, b in itertools.pairwise(values))
        assert all(any((p == q).all() for q in on_face) for p in path)


@pytest.mark.parametrize("batch_from", [panels_module.BATCH_FROM, 2])
@pytest.mark.parametrize(("n", "k", "seed"), [(60, 9, 1), (60, 9, 2), (60, 9, 3)])
def test_randomised_dives_find_only_panels_on_the_face_and_are_reproducible(
    n: int, k: int, seed: int, batch_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Household pools of the hard family: many types, so the LP optimum is often fractional
    # and the dives (batched when batch_from is 2) do the rounding.
    monkeypatch.setattr(panels_module, "BATCH_FROM", batch_from)
    inst = hard_instance(n, k, seed)
    table = read_quotas(inst.quotas)
    pool = read_pool(inst.people, table, household_column="household")
    types = collapse_types(pool)
    rows = panel_rows(pool, table, types, k)
    relaxed = leximin.relaxed_leximin(types, rows)
    assert relaxed is not None
    bounds = leximin.face_bounds(relaxed[0], rows, types.caps)
    lower, upper, row_lower, row_upper = bounds
    finders = [PanelFinder(rows, types.caps, types) for _ in range(3)]
    for finder in finders:
        finder.restrict(*bounds)
    rng = np.random.default_rng(seed)
    dived = 0
    for _ in range(10):
        weights = rng.random(types.count)
        found = [f.best(weights, exact=False, mip=False, dives=10) for f in finders[:2]]
        exact = finders[2].best(weights)
        assert exact is not None
        # Seeded: the same calls from a fresh finder give the same panels.
        assert (found[0] is None) == (found[1] is None)
        if found[0] is not None and found[1] is not None:
            counts, value, bound = found[0]
            assert (counts == found[1][0]).all()
            assert (counts >= lower).all() and (counts <= upper).all()
            assert _inside(rows, counts, row_lower, row_upper)
            assert value == pytest.approx(float(counts @ weights))
            assert bound >= exact[1] - 1e-7
            dived += value < exact[1] - 1e-9 or bound > value + 1e-9
        # The dives leave the LP's bounds and objective as they were (both finders, so that
        # they keep seeing the same calls).
        for finder in finders[:2]:
            again = finder.best(weights)
            assert again is not None
            assert again[1] == pytest.approx(exact[1], abs=1e-7)
    assert dived > 0  # some panels came from rounding a fractional LP optimum
