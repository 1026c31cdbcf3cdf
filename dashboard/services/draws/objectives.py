"""Step 6's comparison of fairness objectives on the draw's own pool, computed on demand.

For the volunteers and quotas of the draw (the open seats of a rotation), each objective
the engine offers (leximin, Goldilocks, Nash welfare; `sortition.objectives`) gives every
volunteer a chance; per objective: the lowest and highest chance, how many volunteers get
less than the equal share k/n, the Gini coefficient and everybody's chance for the chart.
The field's old greedy method is added as an estimate from repeated draws, for comparison
only (it is no choice for a draw). An objective that does not finish within its time is
reported as such, never with a result that was not proven optimal. Nothing is stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

import sortition
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.services.draws import rotation
from dashboard.services.draws.context import context, require_organiser_role
from dashboard.services.draws.selection import (
    LEGACY_RUNS,
    _digest,
    _engine_error,
    _pool_and_quotas,
)
from dashboard.store.db import Store
from sortition.portfolio import gini

COMPARED = ("leximin", "goldilocks", "nash")  # what a draw may use, leximin first
LEGACY = "legacy"
TIME_LIMIT = 30.0  # seconds per objective in the workspace
SHARE_TOL = 1e-9  # a chance this close to k/n counts as the equal share


@dataclass(frozen=True)
class Outcome:
    objective: str  # one of COMPARED, or LEGACY (an estimate)
    chances: tuple[float, ...]  # per volunteer, in the order of `Comparison.ids`; () if none
    seconds: float
    timed_out: bool = False

    @property
    def computed(self) -> bool:
        return bool(self.chances)

    @property
    def lowest(self) -> float:
        return min(self.chances)

    @property
    def highest(self) -> float:
        return max(self.chances)

    def below(self, share: float) -> int:
        """How many volunteers get less than the equal share k/n."""
        return sum(p < share - SHARE_TOL for p in self.chances)

    @property
    def gini(self) -> float:
        return gini(np.array(self.chances))


@dataclass(frozen=True)
class Comparison:
    key: str  # fingerprint of the volunteers and quotas it was computed for
    ids: tuple[str, ...]  # volunteer numbers
    seats: int
    outcomes: tuple[Outcome, ...]

    @property
    def share(self) -> float:
        """k / n: everybody's chance if all were equal."""
        return self.seats / len(self.ids)

    def chances(self) -> pd.DataFrame:
        """id and one column per computed objective (for the chart)."""
        frame = pd.DataFrame({"id": list(self.ids)})
        for outcome in self.outcomes:
            if outcome.computed:
                frame[outcome.objective] = list(outcome.chances)
        return frame


def _inputs(store: Store, caller: Caller, draw_id: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        if ctx.draw.purpose == "replacement":
            raise UserError("Een vervangingsloting wordt voorbereid bij stap 8 van de raad.")
        pool, quotas = _pool_and_quotas(cur, ctx)
        if ctx.draw.purpose == "rotation":  # the open seats, next to the members who stay
            inputs = rotation.draw_inputs(cur, ctx, pool, quotas)
            pool, quotas = inputs.people, inputs.quotas
    return pool, quotas, ctx.k


def comparison_key(store: Store, caller: Caller, draw_id: int) -> str:
    """The fingerprint of the volunteers and quotas a comparison is for: a comparison
    made before they changed is not shown."""
    require_organiser_role(caller)
    pool, quotas, k = _inputs(store, caller, draw_id)
    return f"{_digest(pool, quotas)}:{k}"


def compare_objectives(
    store: Store, caller: Caller, draw_id: int, time_limit: float = TIME_LIMIT
) -> Comparison:
    """Every objective's chances for the draw's volunteers and quotas (UserError when no
    council can meet the quotas, as in preparing the selection)."""
    require_organiser_role(caller)
    pool, quotas, k = _inputs(store, caller, draw_id)
    if len(pool) < k:
        raise UserError(f"Er zijn {len(pool)} aanmeldingen voor {k} plaatsen; te weinig.")
    outcomes = [_outcome(pool, quotas, k, name, time_limit) for name in (*COMPARED, LEGACY)]
    return Comparison(
        f"{_digest(pool, quotas)}:{k}", tuple(str(i) for i in pool["id"]), k, tuple(outcomes)
    )


def _outcome(
    pool: pd.DataFrame, quotas: pd.DataFrame, k: int, objective: str, time_limit: float
) -> Outcome:
    started = time.perf_counter()
    try:
        found = sortition.select(
            pool, quotas, k, algorithm=objective, seed=0, household_column="household",
            legacy_runs=LEGACY_RUNS, time_limit=time_limit,
        )  # fmt: skip
    except sortition.SolverTimeLimitError:
        return Outcome(objective, (), time.perf_counter() - started, timed_out=True)
    except sortition.SortitionError as exc:  # the old method can fail where others do not
        if objective != LEGACY or isinstance(exc, sortition.InfeasibleQuotasError):
            raise _engine_error(exc) from exc
        return Outcome(objective, (), time.perf_counter() - started)
    chances = found.probability_of()
    return Outcome(
        objective, tuple(chances[str(i)] for i in pool["id"]), time.perf_counter() - started
    )
