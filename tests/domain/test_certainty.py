"""Volunteers certain to be drawn are found with the reason."""

from dashboard.domain.certainty import Certainty, certain_count, why_certain

POOL = [{"id": str(n), "gender": "vrouw" if n < 2 else "man"} for n in range(12)]


def quota(value: str, least: int, most: int) -> dict[str, object]:
    return {"feature": "gender", "value": value, "min": least, "max": most}


def test_a_group_with_no_more_volunteers_than_its_minimum_is_certain() -> None:
    quotas = [quota("vrouw", 2, 2), quota("man", 9, 9)]
    assert why_certain(POOL, quotas, 11) == [Certainty("gender", "vrouw", 2, 2)]


def test_no_reason_when_every_group_has_a_choice() -> None:
    assert why_certain(POOL, [quota("vrouw", 1, 2), quota("man", 9, 10)], 11) == []
    assert why_certain(POOL, [quota("vrouw", 0, 0)], 11) == []  # none of them at all


def test_a_pool_no_larger_than_the_council() -> None:
    assert why_certain(POOL[:5], [], 5) == [Certainty(None, None, 5, 5)]


def test_chances_of_one_up_to_the_solvers_rounding_count_as_certain() -> None:
    assert certain_count([1.0, 0.9999999, 0.99, 0.5]) == 2
