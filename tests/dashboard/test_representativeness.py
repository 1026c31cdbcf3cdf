"""The representativeness index: 100 for a council that mirrors its neighbourhood."""

import random
from datetime import date

import pytest

from dashboard.domain import representativeness
from dashboard.domain.representativeness import distance, index

FEATURES = ("age_band", "gender")


def test_the_same_mix_scores_100_and_no_overlap_scores_0() -> None:
    people = {"age_band": {"16-24": 200, "65+": 200}, "gender": {"vrouw": 50, "man": 50}}
    mirror = {"age_band": {"16-24": 5, "65+": 5}, "gender": {"vrouw": 5, "man": 5}}
    assert index(mirror, people, FEATURES) == (100.0, {"age_band": 0.0, "gender": 0.0})
    apart = {"age_band": {"45-64": 10}, "gender": {"anders": 10}}
    assert index(apart, people, FEATURES)[0] == 0.0


def test_a_worked_example() -> None:
    # Council 9 men, 2 women; neighbourhood half and half: d = 1/2 (|9/11-1/2| + |2/11-1/2|).
    assert distance({"man": 9, "vrouw": 2}, {"man": 50, "vrouw": 50}) == pytest.approx(7 / 22)
    score, _ = index(
        {"gender": {"man": 9, "vrouw": 2}, "age_band": {"25-44": 11}},
        {"gender": {"man": 50, "vrouw": 50}, "age_band": {"0-15": 900, "25-44": 100}},
        FEATURES,
        leave_out={"age_band": ["0-15"]},  # children cannot sit: 25-44 is everyone eligible
    )
    assert score == pytest.approx(100 * (1 - (7 / 22 + 0) / 2))


def test_features_without_data_are_skipped() -> None:
    assert index({}, {}, FEATURES) == (None, {})


TERM = (date(2024, 6, 1), date(2026, 5, 31))


@pytest.mark.parametrize(
    ("terms", "sitting", "today", "said"),
    [
        ([TERM], 7, date(2025, 1, 1), None),
        ([TERM], 0, date(2025, 1, 1), "Geen gelote leden meer: iedereen is gestopt"),
        ([TERM], 0, date(2026, 6, 1), "Termijn afgelopen op 31-05-2026"),
        ([TERM], 0, date(2024, 5, 31), "Termijn begint op 01-06-2024"),
        ([TERM, (date(2026, 9, 1), date(2028, 8, 31))], 0, date(2026, 7, 1),
         "Termijn begint op 01-09-2026"),
        ([], 0, date(2025, 1, 1), "Nog geen termijn"),
    ],
)  # fmt: skip
def test_standing_says_why_a_council_has_no_index(
    terms: list[tuple[date, date]], sitting: int, today: date, said: str | None
) -> None:
    assert representativeness.standing(terms, sitting, today) == said


def test_the_same_counts_in_any_order_give_exactly_the_same_index() -> None:
    """The database hands rows over in no fixed order (DuckDB and PostgreSQL differ), so the
    figure must not depend on it, not even in its last digit."""
    rng = random.Random(3)
    for _ in range(300):
        groups = [f"g{i}" for i in range(rng.randint(2, 9))]
        council = {g: rng.randint(0, 30) for g in groups}
        people = {g: rng.randint(1, 3000) for g in groups}
        expected = index({"f": council}, {"f": people}, ["f"])
        for _ in range(4):
            order = rng.sample(groups, len(groups))
            shuffled = index({"f": {g: council[g] for g in order}},
                             {"f": {g: people[g] for g in reversed(order)}}, ["f"])  # fmt: skip
            assert shuffled == expected
