"""Stage 2: select a panel from the volunteers (the engine's main entry point)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from sortition import diagnose, legacy, objectives
from sortition.errors import SortitionError, SortitionInputError
from sortition.io import Source, read_pool, read_quotas
from sortition.leximin import TypeDistribution, distribution
from sortition.panels import PanelFinder, PanelRows, panel_rows
from sortition.pool import Pool, Types, collapse_types
from sortition.portfolio import expand, gini
from sortition.quotas import QuotaTable

ALGORITHMS = ("leximin", "maximin", "goldilocks", "nash", "legacy")
FAIR = ("leximin", "maximin", *objectives.OBJECTIVES)  # exact fair distributions


@dataclass(frozen=True)
class Selection:
    """The outcome of a selection: the distribution over panels and one drawn panel."""

    algorithm: str
    k: int
    ids: tuple[str, ...]
    probabilities: np.ndarray  # aligned with ids
    portfolio: tuple[tuple[tuple[str, ...], float], ...]
    selected: tuple[str, ...]
    seconds: float
    details: dict[str, object] = field(default_factory=dict)

    @property
    def min_probability(self) -> float:
        return float(self.probabilities.min())

    @property
    def max_probability(self) -> float:
        return float(self.probabilities.max())

    @property
    def gini(self) -> float:
        return gini(self.probabilities)

    def probability_of(self) -> dict[str, float]:
        return {i: float(p) for i, p in zip(self.ids, self.probabilities, strict=True)}

    def to_dict(self) -> dict[str, object]:
        """The result.json format of `python -m sortition select`."""
        return {
            "algorithm": self.algorithm,
            "k": self.k,
            "probabilities": self.probability_of(),
            "portfolio": [{"panel": list(p), "probability": q} for p, q in self.portfolio],
            "selected": list(self.selected),
            "seconds": self.seconds,
        }


def _rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def check_k(pool: Pool, k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int | np.integer):
        raise SortitionInputError(f"The panel size k must be a whole number, got {k!r}.")
    if k < 1:
        raise SortitionInputError(f"The panel size k must be at least 1, got {k}.")
    if k > pool.size:
        raise SortitionInputError(
            f"The panel size k = {k} is larger than the pool of {pool.size} volunteers."
        )
    households = pool.household_count()
    if k > households:
        raise SortitionInputError(
            f"The panel size k = {k} is larger than the {households} households in the pool "
            "(at most one person per household)."
        )


def select(
    people: Source | Pool,
    quotas: Source | QuotaTable,
    k: int,
    *,
    algorithm: str = "leximin",
    seed: int | np.random.Generator | None = 0,
    id_column: str = "id",
    household_column: str | None = None,
    legacy_runs: int = 1000,
    time_limit: float | None = None,
) -> Selection:
    """Select k people from the pool so that every quota is met.

    `people` is a CSV/XLSX path, a DataFrame or a Pool; `quotas` a path, a DataFrame with
    columns feature, value, min, max, or a QuotaTable. Raises SortitionInputError for bad
    input and InfeasibleQuotasError (with the smallest relaxation) when no panel exists.
    Goldilocks and Nash stop after `time_limit` seconds (default `objectives.TIME_LIMIT`)
    with SolverTimeLimitError rather than return a result not proven optimal.
    """
    started = time.perf_counter()
    if algorithm not in ALGORITHMS:
        raise SortitionInputError(
            f"Unknown algorithm '{algorithm}'; choose one of {', '.join(ALGORITHMS)}."
        )
    table = quotas if isinstance(quotas, QuotaTable) else read_quotas(quotas)
    pool = (
        people
        if isinstance(people, Pool)
        else read_pool(people, table, id_column, household_column)
    )
    rng = _rng(seed)
    if algorithm == "legacy":
        types, rows = _checked_types(pool, table, k)
        if legacy_runs < 1:
            raise SortitionInputError(f"legacy_runs must be at least 1, got {legacy_runs}.")
        result = legacy.estimate(pool, table, k, rng, runs=legacy_runs)
        if result is None:
            if PanelFinder(rows, types.caps).best(np.zeros(types.count)) is None:
                raise diagnose.infeasible(pool, table, types, rows, [])
            raise SortitionError(
                f"The legacy algorithm found no panel in {legacy.MAX_ATTEMPTS} attempts, "
                "although panels meeting the quotas exist; use leximin."
            )
        probabilities, portfolio_idx, selected_idx, details = result
    else:
        types, dist, found = _fair(pool, table, k, algorithm, time_limit)
        probabilities = dist.type_prob[types.person_type]
        portfolio_idx = expand(types, dist, rng)
        pick = rng.choice(len(portfolio_idx), p=_normalised([q for _, q in portfolio_idx]))
        selected_idx = portfolio_idx[pick][0]
        details = {
            "types": types.count,
            "levels": dist.levels,
            "panel_searches": dist.panels_priced,
            "integer_programs": dist.integer_programs,
            "type_panels": len(dist.probs),
        }
        if found is not None:
            details.update({"objective": found.value, "route": found.route, "gap": found.gap})
    ids = pool.ids
    portfolio = tuple((tuple(ids[i] for i in panel), float(q)) for panel, q in portfolio_idx)
    return Selection(
        algorithm=algorithm,
        k=k,
        ids=ids,
        probabilities=np.asarray(probabilities, dtype=float),
        portfolio=portfolio,
        selected=tuple(ids[i] for i in selected_idx),
        seconds=time.perf_counter() - started,
        details=details,
    )


def _checked_types(pool: Pool, table: QuotaTable, k: int) -> tuple[Types, PanelRows]:
    check_k(pool, k)
    types = collapse_types(pool)
    rows = panel_rows(pool, table, types, k)
    problems = diagnose.cheap_problems(pool, table, k)
    if problems:
        raise diagnose.infeasible(pool, table, types, rows, problems)
    return types, rows


def fair_distribution(
    pool: Pool,
    table: QuotaTable,
    k: int,
    algorithm: str = "leximin",
    time_limit: float | None = None,
) -> tuple[Types, TypeDistribution]:
    """The leximin, maximin, Goldilocks or Nash distribution over type panels, or
    InfeasibleQuotasError (SolverTimeLimitError when Goldilocks or Nash run out of time)."""
    types, dist, _ = _fair(pool, table, k, algorithm, time_limit)
    return types, dist


def _fair(
    pool: Pool, table: QuotaTable, k: int, algorithm: str, time_limit: float | None
) -> tuple[Types, TypeDistribution, objectives.ObjectiveResult | None]:
    if algorithm not in FAIR:
        raise SortitionInputError(
            f"A fair distribution needs one of {', '.join(FAIR)}, not '{algorithm}'."
        )
    types, rows = _checked_types(pool, table, k)
    found = None
    if algorithm in objectives.OBJECTIVES:
        found = objectives.solve(algorithm, types, rows, time_limit)
        dist = None if found is None else found.dist
    else:
        dist = distribution(types, rows, maximin_only=algorithm == "maximin")
    if dist is None:
        raise diagnose.infeasible(pool, table, types, rows, [])
    return types, dist, found


def _normalised(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()
