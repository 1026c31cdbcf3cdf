"""Past council draws of the demo municipality, done the way the app does them: quotas
from the neighbourhood's population, the fair (leximin) distribution, a lottery of 1000
panels with a commitment, public inputs (dice rolls) and the chosen panel. Each draw keeps
its verification bundle, so residents can download and check it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sortition import (
    InfeasibleQuotasError,
    QuotaTable,
    apply_changes,
    make_quotas,
    prepare,
    pseudonym,
    reveal,
)

FEATURES = ("age_band", "gender", "education", "part")  # as the draw workspace names them
SLACK = 1  # organisers loosen population quotas by one seat each way
RESERVES = 5


@dataclass(frozen=True)
class DemoDraw:
    members: list[int]  # resident ids on the council, in panel order
    reserves: list[int]  # resident ids: every other volunteer, in the ceremony's order
    probabilities: dict[int, float]
    quotas: QuotaTable
    bundle: dict[str, Any]

    @property
    def bundle_json(self) -> str:
        return json.dumps(self.bundle, ensure_ascii=False)


def band(age: int) -> str:
    return "16-24" if age <= 24 else "25-44" if age <= 44 else "45-64" if age <= 64 else "65+"


def features_at(people: pd.DataFrame, today: date, day: date) -> pd.DataFrame:
    """The quota features of `people` (columns age, gender, education, part) on `day`."""
    years_back = today.year - day.year
    return pd.DataFrame(
        {
            "age_band": [band(int(a) - years_back) for a in people["age"]],
            "gender": people["gender"].astype(str).to_numpy(),
            "education": people["education"].astype(str).to_numpy(),
            "part": people["part"].astype(str).to_numpy(),
        }
    )


def population_quotas(population: pd.DataFrame, pool: pd.DataFrame, k: int) -> QuotaTable:
    """Floor/ceil of k x population share, loosened by SLACK, for every feature; values
    only the pool has get share 0."""
    rows = []
    for feature in FEATURES:
        shares = population[feature].value_counts(normalize=True)
        for value in set(pool[feature]) - set(shares.index):
            shares[value] = 0.0
        for value, share in shares.sort_index().items():
            exact = round(k * float(share), 9)
            low, high = int(np.floor(exact)) - SLACK, int(np.ceil(exact)) + SLACK
            rows.append((feature, str(value), max(0, low), min(k, high)))
    return make_quotas(rows)


def demo_draw(
    rng: np.random.Generator,
    volunteers: pd.DataFrame,
    population: pd.DataFrame,
    k: int,
    today: date,
    drawn_on: date,
    secret: str,
) -> DemoDraw | None:
    """A fair public draw of k from `volunteers` (columns id, household_id, age, gender,
    education, part); None when there are too few volunteers."""
    if volunteers["household_id"].nunique() < k + RESERVES:
        return None
    pool = features_at(volunteers, today, drawn_on)
    # Numbers as the draw workspace's bundles have them (keyed by the draw's secret).
    resident = {pseudonym(secret, str(int(r))): int(r) for r in volunteers["id"]}
    pool.insert(0, "id", [pseudonym(secret, str(int(r))) for r in volunteers["id"]])
    pool.insert(1, "household", volunteers["household_id"].astype(str).to_numpy())
    quotas = population_quotas(features_at(population, today, drawn_on), pool, k)
    try:
        bundle = prepare(pool, quotas, k, household_column="household", rounding_seconds=0)
    except InfeasibleQuotasError as exc:
        quotas = apply_changes(quotas, exc.changes)
        bundle = prepare(pool, quotas, k, household_column="household", rounding_seconds=0)
    dice = [str(int(d)) for d in rng.integers(1, 7, size=3)]
    bundle = reveal(bundle, [*dice, f"getuige {int(rng.integers(1, 1000))}"])
    return DemoDraw(
        members=[resident[p] for p in bundle["panel"]],
        reserves=[resident[p] for p in bundle["reserve"]],
        probabilities={resident[p]: float(q) for p, q in bundle["probabilities"].items()},
        quotas=quotas,
        bundle=bundle,
    )
