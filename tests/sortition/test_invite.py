"""Stage 1: the stratified household lottery."""

from __future__ import annotations

from typing import TypedDict

import numpy as np
import pandas as pd
import pytest

from sortition import DEFAULT_AGE_BANDS, SortitionInputError, invite
from sortition.invite import allocate


class _Register(TypedDict):
    """The four columns `invite` takes, by their argument names."""

    person_id: np.ndarray
    household_id: np.ndarray
    neighbourhood: np.ndarray
    age: np.ndarray


def _register(n: int, seed: int = 0) -> _Register:
    rng = np.random.default_rng(seed)
    households = n // 2
    hh = np.minimum(np.arange(n) * households // n, households - 1)
    nb = np.array(["Noord", "Zuid", "Oost", "West"], dtype=object)[hh % 4]
    return {
        "person_id": np.arange(n),
        "household_id": hh,
        "neighbourhood": nb,
        "age": rng.integers(0, 95, n),
    }


def test_one_letter_per_household_eligible_and_reproducible() -> None:
    reg = _register(4000)
    a = invite(**reg, n_invitations=300, seed=7).invitations
    b = invite(**reg, n_invitations=300, seed=7).invitations
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 300 and a["household_id"].is_unique
    assert (reg["age"][a["person_id"].to_numpy(dtype=int)] >= 16).all()
    c = invite(**reg, n_invitations=300, seed=8).invitations
    assert set(a["person_id"]) != set(c["person_id"])


def test_letters_follow_share_over_response_rate() -> None:
    reg = _register(20000)
    rates = {"Noord": 0.02, "Zuid": 0.04, "Oost": 0.04, "West": 0.08}
    result = invite(**reg, n_invitations=1000, seed=1, response_rates=rates)
    strata = result.strata.set_index("stratum")
    expected = strata["expected_responses"]
    # Expected responses proportional to each stratum's share of the eligible population.
    np.testing.assert_allclose(expected / expected.sum(), strata["share"], atol=0.01)
    assert strata.loc["Noord", "letters"] > 3 * strata.loc["West", "letters"]
    inv = result.invitations
    counts = inv["stratum"].value_counts()
    assert counts.to_dict() == strata["letters"].to_dict()


def test_inclusion_probability_matches_frequency() -> None:
    reg = _register(400)
    hits = np.zeros(400)
    runs = 400
    for seed in range(runs):
        inv = invite(**reg, n_invitations=40, seed=seed).invitations
        hits[inv["person_id"].to_numpy(dtype=int)] += 1
    inv = invite(**reg, n_invitations=40, seed=0).invitations
    p = dict(zip(inv["person_id"], inv["inclusion_probability"], strict=True))
    for person, prob in list(p.items())[:20]:
        assert abs(hits[person] / runs - prob) < 4 * np.sqrt(prob * (1 - prob) / runs) + 0.01


def test_age_bands_and_errors() -> None:
    reg = _register(3000)
    result = invite(**reg, n_invitations=200, seed=1, age_bands=DEFAULT_AGE_BANDS)
    assert result.invitations["household_id"].is_unique
    assert result.strata["stratum"].str.contains(" / 16-24").any()
    with pytest.raises(SortitionInputError, match="households can be invited"):
        invite(**reg, n_invitations=10**6, seed=1)
    with pytest.raises(SortitionInputError, match="between 0 and 1"):
        invite(**reg, n_invitations=10, response_rates={"Noord": 3})


def test_allocate_respects_caps() -> None:
    got = allocate(10, np.array([1.0, 1.0, 8.0]), np.array([5, 5, 2]))
    assert got.tolist() == [4, 4, 2] and got.sum() == 10


@pytest.mark.slow
def test_a_million_rows_over_many_neighbourhoods_give_every_letter() -> None:
    """The size of a large city's register (its time: bench/invite.py, target 2 s)."""
    reg = _register(1_000_000)
    reg["neighbourhood"] = (
        reg["neighbourhood"]
        + np.array([f" {i}" for i in range(10)], dtype=object)[reg["household_id"] % 10]
    )
    result = invite(**reg, n_invitations=5000, seed=1)
    assert len(result.invitations) == 5000
