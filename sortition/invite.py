"""Stage 1: the invitation lottery over the population register.

Every household with a member of eligible age gets one candidate addressee, an eligible
member chosen at random. The household's stratum is that member's neighbourhood (and age
band, when stratifying by age). Letters are shared out over strata so that the expected
number of responses is proportional to each stratum's share of the eligible population:
letters_s ∝ share_s / response_rate_s. Within a stratum, households are drawn without
replacement, so no household gets two letters.

The inclusion probability recorded for an invitation is that of its addressee given the
candidate addressees: letters_s / households_s / eligible members of the household. Without
age bands it does not depend on the candidates at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sortition.errors import SortitionInputError
from sortition.text import clean, fold


@dataclass(frozen=True)
class AgeBand:
    label: str
    min_age: int
    max_age: int | None  # inclusive; None for open-ended


DEFAULT_AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("16-24", 16, 24),
    AgeBand("25-34", 25, 34),
    AgeBand("35-44", 35, 44),
    AgeBand("45-54", 45, 54),
    AgeBand("55-64", 55, 64),
    AgeBand("65+", 65, None),
)

# Share of invited people who sign up, by age band: young people answer letters least.
# Planning assumptions in the range reported for civic lotteries (a few percent); override
# them with local experience.
DEFAULT_RESPONSE_RATES: dict[str, float] = {
    "16-24": 0.03,
    "25-34": 0.04,
    "35-44": 0.05,
    "45-54": 0.06,
    "55-64": 0.07,
    "65+": 0.08,
}
DEFAULT_RATE = 0.05  # for strata without a band or an override


@dataclass(frozen=True)
class Invitations:
    """One row per letter, and one row per stratum with the plan behind the numbers."""

    invitations: pd.DataFrame  # person_id, household_id, stratum, inclusion_probability
    strata: pd.DataFrame  # stratum, eligible, share, households, response_rate, letters


def _rate(stratum: str, neighbourhood: str, band: str | None, rates: Mapping[str, float]) -> float:
    for key in (stratum, neighbourhood, band):
        if key is not None and fold(key) in rates:
            return rates[fold(key)]
    if band is not None and band in DEFAULT_RESPONSE_RATES:
        return DEFAULT_RESPONSE_RATES[band]
    return DEFAULT_RATE


def allocate(total: int, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Integers summing to `total`, proportional to weights, each at most its cap."""
    if total > caps.sum():
        raise SortitionInputError(
            f"{total} invitations asked, but only {int(caps.sum())} households can be invited."
        )
    out = np.zeros(len(weights), dtype=np.int64)
    open_ = (caps > 0) & (weights > 0)
    remaining = total
    while remaining > 0:
        if not open_.any():
            # Weight-free strata take the rest, as evenly as their caps allow.
            open_ = caps > out
            w = open_.astype(float)
        else:
            w = np.where(open_, weights, 0.0)
        exact = remaining * w / w.sum()
        room = caps - out
        over = open_ & (exact >= room)
        if over.any():
            out[over] = caps[over]
            open_ &= ~over
            remaining = total - int(out.sum())
            continue
        base = np.floor(exact).astype(np.int64)
        rest = remaining - int(base.sum())
        order = np.argsort(-(exact - base), kind="stable")
        base[order[:rest]] += 1
        out += base
        remaining = 0
    return out


def invite(
    person_id: Sequence[object] | np.ndarray,
    household_id: Sequence[object] | np.ndarray,
    neighbourhood: Sequence[object] | np.ndarray,
    age: Sequence[int] | np.ndarray,
    n_invitations: int,
    *,
    seed: int | np.random.Generator | None = 0,
    min_age: int = 16,
    age_bands: Sequence[AgeBand] | None = None,
    response_rates: Mapping[str, float] | None = None,
) -> Invitations:
    """Draw `n_invitations` households, one letter each, stratified by neighbourhood.

    `age_bands` also stratifies by age band. `response_rates` overrides the expected
    response rate per stratum: keys are a neighbourhood, an age band, or
    "neighbourhood / band"; the most specific key wins.
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    ages = np.asarray(age)
    n = len(ages)
    if not (len(person_id) == len(household_id) == len(neighbourhood) == n):
        raise SortitionInputError(
            "Person ids, households, neighbourhoods and ages differ in length."
        )
    if n_invitations < 1:
        raise SortitionInputError(
            f"The number of invitations must be at least 1, got {n_invitations}."
        )
    if not np.issubdtype(ages.dtype, np.number):
        raise SortitionInputError("Ages must be numbers.")
    rates = {fold(k): float(v) for k, v in (response_rates or {}).items()}
    bad = {k: v for k, v in rates.items() if not 0 < v <= 1}
    if bad:
        raise SortitionInputError(
            "Response rates must be between 0 and 1: "
            + ", ".join(f"{k} = {v}" for k, v in bad.items())
        )

    eligible = np.flatnonzero(ages >= min_age)
    if len(eligible) == 0:
        raise SortitionInputError(f"Nobody in the register is {min_age} or older.")
    hh_codes, hh_labels = pd.factorize(np.asarray(household_id, dtype=object)[eligible])
    nb_codes, nb_labels = pd.factorize(np.asarray(neighbourhood, dtype=object)[eligible])
    if age_bands:
        band_of = np.full(len(eligible), -1, dtype=np.int64)
        for b, band in enumerate(age_bands):
            upper = np.inf if band.max_age is None else band.max_age
            band_of[(ages[eligible] >= band.min_age) & (ages[eligible] <= upper)] = b
        if (band_of < 0).any():
            example = int(ages[eligible][band_of < 0][0])
            raise SortitionInputError(f"Age {example} falls in none of the age bands.")
        stratum_code = nb_codes * len(age_bands) + band_of
        names = [f"{clean(nb)} / {band.label}" for nb in nb_labels for band in age_bands]
    else:
        stratum_code = nb_codes
        names = [clean(nb) for nb in nb_labels]
    n_strata = len(names)

    # One candidate addressee per household: the first eligible member in a random order.
    shuffled = rng.permutation(len(eligible))
    _, first = np.unique(hh_codes[shuffled], return_index=True)
    candidate = shuffled[first]  # positions in `eligible`, one per household, by household
    members = np.bincount(hh_codes)
    household_stratum = stratum_code[candidate]

    people = np.bincount(stratum_code, minlength=n_strata)
    households = np.bincount(household_stratum, minlength=n_strata)
    share = people / people.sum()
    rate = np.array(
        [
            _rate(
                names[s],
                clean(nb_labels[s // len(age_bands)] if age_bands else nb_labels[s]),
                age_bands[s % len(age_bands)].label if age_bands else None,
                rates,
            )
            for s in range(n_strata)
        ]
    )
    letters = allocate(n_invitations, share / rate, households)

    # Within each stratum take the households with the smallest random keys.
    key = rng.random(len(candidate))
    order = np.lexsort((key, household_stratum))
    starts = np.concatenate([[0], np.cumsum(households)[:-1]])
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.repeat(starts, households)
    chosen = np.flatnonzero(rank < letters[household_stratum])
    chosen = chosen[np.argsort(key[chosen] + household_stratum[chosen], kind="stable")]

    person = eligible[candidate[chosen]]
    s = household_stratum[chosen]
    prob = letters[s] / households[s] / members[chosen]
    invitations = pd.DataFrame(
        {
            "person_id": np.asarray(person_id, dtype=object)[person],
            "household_id": hh_labels[chosen],
            "stratum": np.asarray(names, dtype=object)[s],
            "inclusion_probability": prob,
        }
    )
    strata = pd.DataFrame(
        {
            "stratum": names,
            "eligible": people,
            "share": share,
            "households": households,
            "response_rate": rate,
            "letters": letters,
            "expected_responses": letters * rate,
        }
    )
    return Invitations(invitations, strata)


def invite_frame(
    register: pd.DataFrame,
    n_invitations: int,
    *,
    id_column: str = "id",
    household_column: str = "household",
    neighbourhood_column: str = "neighbourhood",
    age_column: str = "age",
    **options: object,
) -> Invitations:
    """`invite` on a register table; column names are matched case-insensitively."""
    columns = {fold(c): c for c in register.columns}
    picked = []
    for name in (id_column, household_column, neighbourhood_column, age_column):
        if fold(name) not in columns:
            present = ", ".join(f"'{c}'" for c in register.columns)
            raise SortitionInputError(
                f"The register has no column '{name}'. Columns present: {present}."
            )
        picked.append(register[columns[fold(name)]])
    ages = pd.to_numeric(picked[3], errors="coerce")
    if ages.isna().any():
        row = int(np.flatnonzero(ages.isna().to_numpy())[0]) + 2
        raise SortitionInputError(
            f"Column '{age_column}' must hold ages in whole years; row {row} does not."
        )
    return invite(
        picked[0].to_numpy(),
        picked[1].to_numpy(),
        picked[2].to_numpy(),
        ages.to_numpy(),
        n_invitations,
        **options,  # type: ignore[arg-type]
    )
