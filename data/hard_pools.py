"""A hard family of volunteer pools for the sortition benchmark (issue 19): households.

Real registration pools have couples, families and flatmates, and the engine may take at
most one person per household. These pools are built to make that hard:
- households of 1 to 4 volunteers (35% alone, 40% two, 15% three, 10% four);
- the household's features are shared: buurt, wonen (tenure), herkomst (mostly), gezin
  (household size); partners are mostly of opposite gender, in the same or the next age
  band, and mostly share their education; a third or fourth member is a young adult child
  or an elderly parent, and werk follows age;
- nine features, with min = max quotas on geslacht and buurt (k times the population share,
  rounded so that they add up to k), narrow floor/ceil quotas elsewhere, small categories
  (geslacht anders 1%, herkomst buiten Europa 8%), and odd panel sizes.
Quotas follow the population (as organisers set them), not the pool; when no panel meets
them, the smallest relaxation is applied, as the workspace offers an organiser.
Deterministic: the same (n, k, seed) always gives the same pool.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data.pools import POPULATION, Instance
from sortition import apply_changes, read_pool, read_quotas
from sortition.diagnose import needed_relaxation

HOUSEHOLD_SIZES = {1: 0.35, 2: 0.40, 3: 0.15, 4: 0.10}
EXTRA = {
    "herkomst": {"Nederland": 0.72, "Europa": 0.20, "buiten Europa": 0.08},
    "werk": {"werkend": 0.55, "niet werkend": 0.30, "studerend": 0.15},
    "gezin": {"alleen": 0.35, "met z'n tweeën": 0.40, "groot": 0.25},
    "internet": {"dagelijks": 0.80, "soms of nooit": 0.20},
}
SHARES = {**POPULATION, **EXTRA}
FEATURES = [
    "geslacht",
    "leeftijd",
    "opleiding",
    "buurt",
    "wonen",
    "herkomst",
    "werk",
    "gezin",
    "internet",
]
EXACT = ("geslacht", "buurt")  # min = max
AGES = list(POPULATION["leeftijd"])


def _pick(rng: np.random.Generator, feature: str) -> str:
    values = list(SHARES[feature])
    p = np.array([SHARES[feature][v] for v in values])
    return str(rng.choice(values, p=p / p.sum()))


def _work(rng: np.random.Generator, age: str) -> str:
    if age == "16-24":
        return str(rng.choice(["studerend", "werkend", "niet werkend"], p=[0.6, 0.3, 0.1]))
    if age == "65+":
        return str(rng.choice(["niet werkend", "werkend"], p=[0.85, 0.15]))
    return str(rng.choice(["werkend", "niet werkend", "studerend"], p=[0.75, 0.2, 0.05]))


def _household(rng: np.random.Generator, size: int) -> list[dict[str, str]]:
    shared = {
        "buurt": _pick(rng, "buurt"),
        "wonen": _pick(rng, "wonen"),
        "gezin": {1: "alleen", 2: "met z'n tweeën"}.get(size, "groot"),
    }
    origin = _pick(rng, "herkomst")
    first_age = int(rng.integers(1, len(AGES)))  # the household's first adult: 25+
    first_gender = _pick(rng, "geslacht")
    education = _pick(rng, "opleiding")
    members = []
    for m in range(size):
        if m == 0:
            age, gender, edu = first_age, first_gender, education
        elif m == 1:
            age = int(np.clip(first_age + rng.integers(-1, 2), 1, len(AGES) - 1))
            opposite = {"vrouw": "man", "man": "vrouw"}.get(first_gender, "vrouw")
            gender = opposite if rng.random() < 0.85 else first_gender
            edu = education if rng.random() < 0.7 else _pick(rng, "opleiding")
        else:
            age = 0 if first_age <= 3 or rng.random() < 0.7 else len(AGES) - 1
            gender, edu = _pick(rng, "geslacht"), _pick(rng, "opleiding")
        members.append(
            {
                **shared,
                "geslacht": gender,
                "leeftijd": AGES[age],
                "opleiding": edu,
                "herkomst": origin if rng.random() < 0.9 else _pick(rng, "herkomst"),
                "werk": _work(rng, AGES[age]),
                "internet": "soms of nooit" if age == len(AGES) - 1 and rng.random() < 0.5
                else _pick(rng, "internet"),
            }
        )  # fmt: skip
    return members


def _exact_counts(shares: dict[str, float], k: int) -> dict[str, int]:
    """k x share rounded so that the counts add up to k (largest remainders)."""
    exact = {v: k * s / sum(shares.values()) for v, s in shares.items()}
    counts = {v: math.floor(x) for v, x in exact.items()}
    for v in sorted(exact, key=lambda v: exact[v] - counts[v], reverse=True)[
        : k - sum(counts.values())
    ]:
        counts[v] += 1
    return counts


def hard_quotas(k: int) -> pd.DataFrame:
    rows = []
    for feature in FEATURES:
        shares = SHARES[feature]
        if feature in EXACT:
            for value, count in _exact_counts(shares, k).items():
                rows.append({"feature": feature, "value": value, "min": count, "max": count})
            continue
        for value, share in shares.items():
            exact = round(k * share, 9)
            rows.append(
                {"feature": feature, "value": value, "min": math.floor(exact),
                 "max": math.ceil(exact)}
            )  # fmt: skip
    return pd.DataFrame(rows)


def hard_instance(n: int, k: int, seed: int) -> Instance:
    """n volunteers in households, panel size k, quotas as described above."""
    rng = np.random.default_rng(seed)
    sizes = list(HOUSEHOLD_SIZES)
    p = np.array(list(HOUSEHOLD_SIZES.values()))
    rows: list[dict[str, str]] = []
    household: list[str] = []
    while len(rows) < n:
        size = min(int(rng.choice(sizes, p=p)), n - len(rows))
        label = f"H{len(household):05d}"
        for member in _household(rng, size):
            rows.append(member)
            household.append(label)
    people = pd.DataFrame(rows)[FEATURES]
    people.insert(0, "household", household)
    people.insert(0, "id", [f"V{i:05d}" for i in range(n)])
    quotas = hard_quotas(k)
    table = read_quotas(quotas)
    changes = needed_relaxation(read_pool(people, table, "id", "household"), table, k)
    if changes:
        table = apply_changes(table, changes)
        quotas = pd.DataFrame(table.to_rows())
    return Instance(f"households {n}/k={k} seed {seed}", people, quotas, k)


def hard_instances() -> list[Instance]:
    """The bench's hard family: the sizes of the issue and odd panel sizes."""
    return [
        hard_instance(200, 20, seed=1),
        hard_instance(200, 21, seed=2),
        hard_instance(500, 40, seed=3),
        hard_instance(500, 41, seed=4),
        hard_instance(1000, 60, seed=5),
        hard_instance(1000, 61, seed=6),
    ]
