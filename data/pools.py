"""Deterministic synthetic volunteer pools with quota tables, for benchmarks and tests.

Volunteer pools are not a mirror of the neighbourhood: older, highly educated home owners
sign up more often. Each pool is drawn from population shares tilted by such a skew, and
its quotas are derived from the population shares (not the pool's), as organisers do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Population shares (Dutch-neighbourhood-like); the skew multiplies shares before sampling.
POPULATION: dict[str, dict[str, float]] = {
    "geslacht": {"vrouw": 0.50, "man": 0.49, "anders": 0.01},
    "leeftijd": {
        "16-24": 0.13,
        "25-34": 0.16,
        "35-44": 0.15,
        "45-54": 0.17,
        "55-64": 0.17,
        "65+": 0.22,
    },
    "opleiding": {"laag": 0.30, "middelbaar": 0.38, "hoog": 0.32},
    "buurt": {
        "Centrum": 0.16,
        "Oost": 0.14,
        "Noord": 0.12,
        "Haven": 0.11,
        "Park": 0.12,
        "Zuid": 0.13,
        "Dorp": 0.10,
        "West": 0.12,
    },
    "wonen": {"koop": 0.55, "huur corporatie": 0.30, "huur particulier": 0.15},
}

# How much more often each value volunteers (1 = as often as the population).
SKEW: dict[str, dict[str, float]] = {
    "leeftijd": {"16-24": 0.5, "25-34": 0.7, "35-44": 0.9, "45-54": 1.1, "55-64": 1.4, "65+": 1.6},
    "opleiding": {"laag": 0.5, "middelbaar": 0.9, "hoog": 1.7},
    "wonen": {"koop": 1.5, "huur corporatie": 0.6, "huur particulier": 0.7},
}


@dataclass(frozen=True)
class Instance:
    name: str
    people: pd.DataFrame  # columns id, household, then one per feature
    quotas: pd.DataFrame  # columns feature, value, min, max
    k: int


def _draw(
    rng: np.random.Generator, n: int, features: list[str], skew: float
) -> dict[str, np.ndarray]:
    out = {}
    for feature in features:
        values = list(POPULATION[feature])
        share = np.array([POPULATION[feature][v] for v in values])
        tilt = np.array([SKEW.get(feature, {}).get(v, 1.0) for v in values]) ** skew
        p = share * tilt
        out[feature] = rng.choice(values, size=n, p=p / p.sum())
    return out


def quotas_for(features: list[str], k: int, slack: float) -> pd.DataFrame:
    """floor/ceil of k x population share, widened by `slack` x k x share on each side."""
    rows = []
    for feature in features:
        for value, share in POPULATION[feature].items():
            exact = round(k * share, 9)
            lo = max(0, math.floor(exact - slack * exact))
            hi = math.ceil(exact + slack * exact)
            rows.append({"feature": feature, "value": value, "min": lo, "max": hi})
    return pd.DataFrame(rows)


def make_instance(
    name: str,
    n: int,
    k: int,
    features: list[str],
    *,
    skew: float = 1.0,
    slack: float = 0.25,
    seed: int = 0,
    shared_households: float = 0.0,
) -> Instance:
    """A pool of n volunteers; `shared_households` of them live with another volunteer."""
    rng = np.random.default_rng(seed)
    columns = _draw(rng, n, features, skew)
    ids = [f"V{i:05d}" for i in range(n)]
    households = [f"H{i:05d}" for i in range(n)]
    pairs = int(n * shared_households / 2)
    for j in range(pairs):
        households[2 * j + 1] = households[2 * j]
    people = pd.DataFrame({"id": ids, "household": households, **columns})
    return Instance(name, people, quotas_for(features, k, slack), k)


FOUR = ["geslacht", "leeftijd", "opleiding", "buurt"]
FIVE = ["geslacht", "leeftijd", "opleiding", "buurt", "wonen"]


def benchmark_instances() -> list[Instance]:
    """The benchmark set: 150/22, 300/30, 1000/60 (loose and tight), 2000/200 (2 features)."""
    return [
        make_instance("150/k=22", 150, 22, FOUR, seed=150),
        make_instance("300/k=30", 300, 30, FOUR, seed=300),
        make_instance("1000/k=60", 1000, 60, FIVE, seed=1000),
        make_instance("1000/k=60 tight", 1000, 60, FIVE, skew=2.0, slack=0.0, seed=1001),
        make_instance("2000/k=200", 2000, 200, ["geslacht", "leeftijd"], seed=2000),
    ]
