"""Goldilocks and Nash welfare: optimality against brute force on small pools (with and
without households), bundles that verify, refusals, time limits, and the reference
library's Nash on the same pools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import highspy
import numpy as np
import pandas as pd
import pytest

from bench.nash_reference import POOL, REFERENCE_FILE, SEEDS, K, peer_nash, summary
from sortition import objectives
from sortition.bundle import prepare, reveal
from sortition.errors import InfeasibleQuotasError, SolverTimeLimitError, SortitionInputError
from sortition.io import read_pool
from sortition.panels import PanelFinder, panel_rows
from sortition.pool import Pool, collapse_types
from sortition.quotas import QuotaTable, make_quotas
from sortition.select import Selection, select
from sortition.verify import verify
from tests.sortition import brute
from tests.sortition.conftest import random_instance

INF = highspy.kHighsInf
ROOT = Path(__file__).resolve().parents[2]
SIZES = [(9, 3, False), (10, 4, True), (12, 4, True), (12, 5, False)]
CASES = [(seed, n, k, hh) for seed in range(10) for n, k, hh in SIZES]


def _instance(
    seed: int, n: int, k: int, households: bool
) -> tuple[pd.DataFrame, QuotaTable, Pool, np.ndarray]:
    frame, quotas = random_instance(seed, n, k, households)
    pool = read_pool(frame, quotas, household_column="household" if households else None)
    return frame, quotas, pool, brute.feasible_panels(pool, quotas, k)


def _lowest_given_highest(panels: np.ndarray, upper: float) -> float | None:
    """Brute force: the largest lowest chance of the people on some panel when nobody's
    chance exceeds `upper`, by one LP over all panels of people (no types, no columns)."""
    m, n = panels.shape
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.addVars(m + 1, np.zeros(m + 1), np.concatenate([np.full(m, INF), [1.0]]))
    h.changeColCost(m, -1.0)
    for i in range(n):
        on = np.flatnonzero(panels[:, i]).astype(np.int32)
        if not len(on):
            continue
        h.addRow(-INF, upper, len(on), on, np.ones(len(on)))
        both = np.concatenate([on, [m]]).astype(np.int32)
        h.addRow(0.0, INF, len(both), both, np.concatenate([np.ones(len(on)), [-1.0]]))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return float(h.getSolution().col_value[m])


def _brute_goldilocks(panels: np.ndarray, k: int) -> float:
    """min over U of U / a + a / L(U): convex in U, found by ternary search."""
    a = k / panels.shape[1]

    def f(upper: float) -> float:
        lowest = _lowest_given_highest(panels, upper)
        return np.inf if not lowest else upper / a + a / lowest

    lo, hi = a, 1.0
    for _ in range(120):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    return f((lo + hi) / 2)


@pytest.mark.parametrize(("seed", "n", "k", "households"), CASES)
def test_goldilocks_matches_brute_force(seed: int, n: int, k: int, households: bool) -> None:
    _, quotas, pool, panels = _instance(seed, n, k, households)
    if len(panels) == 0:
        with pytest.raises(InfeasibleQuotasError):
            select(pool, quotas, k, algorithm="goldilocks")
        return
    got = select(pool, quotas, k, algorithm="goldilocks")
    a = k / n
    reach = panels.any(axis=0)
    p = got.probabilities
    assert np.all(p[~reach] == 0)
    value = p[reach].max() / a + a / p[reach].min()
    assert value == pytest.approx(got.details["objective"], abs=1e-9)
    assert value == pytest.approx(_brute_goldilocks(panels, k), abs=1e-6)
    # The distribution is real: its panels are feasible and give these probabilities.
    _check_portfolio(got, panels, pool.ids)


def _check_portfolio(got: Selection, panels: np.ndarray, ids: tuple[str, ...]) -> None:
    feasible = {tuple(np.flatnonzero(row)) for row in panels}
    index = {person: i for i, person in enumerate(ids)}
    marginal = np.zeros(len(ids))
    for panel, q in got.portfolio:
        people = tuple(sorted(index[i] for i in panel))
        assert people in feasible
        marginal[list(people)] += q
    np.testing.assert_allclose(marginal, got.probabilities, atol=1e-9)


@pytest.mark.parametrize(("seed", "n", "k", "households"), CASES)
def test_nash_is_optimal_by_brute_force(seed: int, n: int, k: int, households: bool) -> None:
    """Optimality condition checked over every feasible panel of people: the Nash welfare
    sum_i log p_i is maximal iff no panel P has sum_{i in P} 1 / p_i > (people on some
    panel). Also against a plain multiplicative-weights solution over all panels."""
    _, quotas, pool, panels = _instance(seed, n, k, households)
    if len(panels) == 0:
        with pytest.raises(InfeasibleQuotasError):
            select(pool, quotas, k, algorithm="nash")
        return
    got = select(pool, quotas, k, algorithm="nash")
    reach = panels.any(axis=0)
    p = got.probabilities
    assert np.all(p[~reach] == 0) and np.all(p[reach] > 0)
    gradient = panels[:, reach] @ (1 / p[reach])
    assert gradient.max() <= reach.sum() * (1 + 1e-7)
    welfare = float(np.log(p[reach]).sum())
    assert welfare == pytest.approx(got.details["objective"], abs=1e-9)
    q = np.full(len(panels), 1 / len(panels))
    on = panels[:, reach]
    for _ in range(5000):
        q *= (on @ (1 / (q @ on))) / reach.sum()
    assert welfare >= float(np.log(q @ on).sum()) - 1e-9
    _check_portfolio(got, panels, pool.ids)


def test_goldilocks_bounds_the_highest_chance_that_leximin_leaves_high() -> None:
    """One type is needed (quota min 1) and has one member: leximin lifts everybody else
    as high as it can, Goldilocks keeps the highest chance near the equal share."""
    frame = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(8)],
            "age": ["young"] + ["old"] * 7,
        }
    )
    quotas = make_quotas([("age", "young", 0, 1), ("age", "old", 1, 3)])
    leximin = select(frame, quotas, 3)
    goldilocks = select(frame, quotas, 3, algorithm="goldilocks")
    nash = select(frame, quotas, 3, algorithm="nash")
    for got in (leximin, goldilocks, nash):
        assert got.probabilities.sum() == pytest.approx(3)
    assert goldilocks.max_probability <= leximin.max_probability + 1e-9


def _bundle(algorithm: str) -> dict[str, object]:
    frame, quotas = random_instance(3, 12, 4, True)
    return prepare(
        frame, quotas, 4, household_column="household", algorithm=algorithm, m=200,
        rounding_seconds=0.5,
    )  # fmt: skip


@pytest.mark.parametrize("algorithm", ["goldilocks", "nash"])
def test_a_bundle_of_each_objective_verifies(algorithm: str, tmp_path: Path) -> None:
    bundle = reveal(_bundle(algorithm), ["3", "5"])
    assert bundle["algorithm"] == algorithm
    assert verify(bundle) == []
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    done = _cli("verify", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    # A changed chance is found: every one for Nash (unique), the extremes for Goldilocks.
    changed = json.loads(json.dumps(bundle))
    probabilities = changed["probabilities"]
    highest = max(probabilities, key=probabilities.get)
    probabilities[highest] += 0.01
    assert any("probabilit" in d for d in verify(changed))


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sortition", *argv],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("algorithm", "version", "reason"),
    [
        ("fairest", None, "unknown to wijkraad-sortition 1.3"),
        ("goldilocks", "wijkraad-sortition 1.2", "did not know the algorithm 'goldilocks'"),
        ("nash", "wijkraad-sortition 1.1", "did not know the algorithm 'nash'"),
    ],
)
def test_verify_refuses_an_objective_the_code_version_does_not_know(
    algorithm: str, version: str | None, reason: str, tmp_path: Path
) -> None:
    bundle = _bundle("leximin")
    bundle["algorithm"] = algorithm
    if version:
        bundle["code_version"] = version
    with pytest.raises(SortitionInputError, match=reason):
        verify(bundle)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    done = _cli("verify", str(path))
    assert done.returncode == 2
    assert reason in done.stderr and "Traceback" not in done.stderr


def test_a_time_limit_refuses_rather_than_approximates(tmp_path: Path) -> None:
    frame, quotas = random_instance(3, 12, 4, True)
    for algorithm in ("goldilocks", "nash"):
        with pytest.raises(SolverTimeLimitError, match="could not be proven optimal"):
            select(frame, quotas, 4, algorithm=algorithm, household_column="household",
                   time_limit=0.0)  # fmt: skip
    frame.to_csv(tmp_path / "people.csv", index=False)
    pd.DataFrame(quotas.to_rows()).to_csv(tmp_path / "quotas.csv", index=False)
    out = tmp_path / "result.json"
    done = _cli(
        "select", "--people", str(tmp_path / "people.csv"), "--quotas",
        str(tmp_path / "quotas.csv"), "--k", "4", "--household-column", "household",
        "--algorithm", "nash", "--time-limit", "0", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 2
    assert "did not finish within 0 seconds" in done.stderr
    assert not out.exists()
    done = _cli(
        "select", "--people", str(tmp_path / "people.csv"), "--quotas",
        str(tmp_path / "quotas.csv"), "--k", "4", "--household-column", "household",
        "--algorithm", "goldilocks", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["algorithm"] == "goldilocks"


def test_the_panel_route_is_exact_too() -> None:
    """Where the relaxation's Goldilocks point is no mix of panels, column generation over
    panels gives the same optimum as brute force (the route is forced here)."""
    tried = 0
    for seed, n, k, households in CASES:
        _, quotas, pool, panels = _instance(seed, n, k, households)
        if len(panels) == 0:
            continue
        types = collapse_types(pool)
        rows = panel_rows(pool, quotas, types, k)
        finder = PanelFinder(rows, types.caps, types)
        start, reach = objectives.covering_panels(finder, types)
        clock = objectives._Clock("goldilocks", None)
        band = objectives._PanelBand(types, finder, reach, clock)
        for counts in start:
            band.add(counts)
        level, upper = objectives._bisect(band, k / n, clock)
        a = k / n
        assert upper / a + a / level == pytest.approx(_brute_goldilocks(panels, k), abs=1e-6)
        tried += 1
        if tried == 8:
            break
    assert tried == 8


REFERENCE = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_nash_agrees_with_sortition_algorithms(seed: int) -> None:
    """The reference library solves the same Nash welfare problem with SCS (its figures on
    these pools are stored by bench/nash_reference.py, as CI does not install it): the
    same welfare, never a better one than ours, the same people without a chance, lowest
    and highest chance within its tolerance."""
    frame, quotas = random_instance(seed, POOL, K)
    theirs = REFERENCE[str(seed)]
    if theirs is None:
        with pytest.raises(InfeasibleQuotasError):
            select(frame, quotas, K, algorithm="nash")
        return
    ours = select(frame, quotas, K, algorithm="nash")
    reach = ours.probabilities > 1e-6
    assert sorted(np.array(ours.ids)[~reach]) == theirs["no_chance"]
    welfare = float(np.log(ours.probabilities[reach]).sum())
    assert theirs["welfare"] <= welfare + 1e-6
    assert theirs["welfare"] == pytest.approx(welfare, abs=1e-3)
    # SCS's accuracy (about 1e-4 on the welfare) moves single chances by up to about 1e-2.
    assert theirs["lowest"] == pytest.approx(ours.probabilities[reach].min(), abs=2e-2)
    assert theirs["highest"] == pytest.approx(ours.max_probability, abs=2e-2)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_stored_reference_is_what_the_library_gives(seed: int) -> None:
    """Where the library is installed (the bench group), its answer today is the stored one
    (else rerun bench/nash_reference.py)."""
    pytest.importorskip("sortition_algorithms")
    frame, quotas = random_instance(seed, POOL, K)
    stored = REFERENCE[str(seed)]
    if stored is None:
        return
    now = summary(peer_nash(frame, quotas, K))
    assert now["no_chance"] == stored["no_chance"]
    for key in ("welfare", "lowest", "highest"):
        assert now[key] == pytest.approx(stored[key], abs=2e-2)
