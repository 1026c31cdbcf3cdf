"""Replacements and rotation keep the quotas and exclude the right people."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pandas as pd
import pytest

from sortition import (
    SortitionInputError,
    make_quotas,
    not_eligible,
    prepare,
    read_pool,
    replacement_draw_inputs,
    reserve_candidates,
    reveal,
    rotating_out,
    rotation_draw_inputs,
    verify,
)
from sortition.bundle import bundle_pool, bundle_quotas, panel_problems
from sortition.rotation import months_before
from tests.sortition.conftest import random_instance

Bundle = dict[str, Any]


@pytest.fixture(scope="module")
def council() -> Bundle:
    frame, quotas = random_instance(3, 40, 8, households=True)
    bundle = prepare(frame, quotas, 8, household_column="household", m=200, rounding_seconds=0)
    return reveal(bundle, ["3", "1", "4"])


def _replace(council: Bundle, leaving: list[str], **kwargs: Any) -> tuple[Bundle, Any]:
    inputs, record = replacement_draw_inputs(council, leaving, **kwargs)
    bundle = prepare(
        inputs.people,
        inputs.quotas,
        inputs.seats,
        household_column=inputs.household_column,
        m=100,
        rounding_seconds=0,
        purpose="replacement",
        parent=record,
    )
    return reveal(bundle, ["6"]), inputs


@pytest.mark.parametrize("leaving", [[0], [3], [1, 5]])
def test_a_replacement_keeps_every_quota_and_verifies_against_its_parent(
    council: Bundle, leaving: list[int]
) -> None:
    gone = [council["panel"][i] for i in leaving]
    replacement, inputs = _replace(council, gone)
    assert inputs.relaxation == ()
    staying = [p for p in council["panel"] if p not in gone]
    new_council = staying + replacement["panel"]
    pool, quotas = bundle_pool(council), bundle_quotas(council)
    assert panel_problems(pool, quotas, 8, new_council) == []
    assert not set(replacement["panel"]) & set(gone)
    assert verify(replacement, parent=council) == []


def test_a_replacement_never_draws_a_housemate_of_a_staying_member(council: Bundle) -> None:
    rows = {r[0]: r[1] for r in council["pool"]["rows"]}
    inputs, _ = replacement_draw_inputs(council, [council["panel"][0]])
    staying_homes = {rows[p] for p in council["panel"][1:]}
    drawable = set(inputs.people["id"])
    assert not {p for p, home in rows.items() if home in staying_homes} & drawable


def test_people_who_declined_before_are_not_drawn_again(council: Bundle) -> None:
    declined = council["reserve"][:5]
    inputs, record = replacement_draw_inputs(council, [council["panel"][2]], declined)
    assert not set(declined) & set(inputs.people["id"])
    assert set(declined) <= set(record["excluded"])


def test_a_tampered_replacement_pool_is_found_with_the_parent(council: Bundle) -> None:
    replacement, _ = _replace(council, [council["panel"][0]])
    other = copy.deepcopy(replacement)
    other["parent"]["excluded"] = []  # pretend nobody was excluded
    assert any(d.startswith("parent:") for d in verify(other, parent=council))
    frame, quotas = random_instance(1, 60, 12)
    stranger = reveal(prepare(frame, quotas, 12, m=50, rounding_seconds=0), ["1"])
    assert any("commitment is not the given parent" in d for d in verify(replacement, stranger))


def test_when_no_replacement_fits_the_nearest_feasible_quotas_are_used_and_said() -> None:
    frame = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(8)],
            "gender": ["f", "f", "f", "m", "m", "m", "m", "m"],
        }
    )
    quotas = make_quotas([("gender", "f", 2, 2), ("gender", "m", 2, 2)])
    council = reveal(prepare(frame, quotas, 4, m=20, rounding_seconds=0), ["1"])
    women = [p for p in council["panel"] if p in {"p0", "p1", "p2"}]
    third = ({"p0", "p1", "p2"} - set(women)).pop()
    inputs, record = replacement_draw_inputs(council, [women[0]], unavailable=[third])
    assert inputs.relaxation and "nearest feasible quotas" in inputs.notes[0]
    assert "gender f" in inputs.notes[0]
    replacement = reveal(
        prepare(inputs.people, inputs.quotas, 1, m=10, rounding_seconds=0, parent=record),
        ["2"],
    )
    assert verify(replacement, parent=council) == []
    assert replacement["panel"][0] not in {"p0", "p1", "p2"}


def test_bad_replacement_requests_are_refused(council: Bundle) -> None:
    outsider = council["reserve"][0]
    with pytest.raises(SortitionInputError, match="Not a current member"):
        replacement_draw_inputs(council, [outsider])
    with pytest.raises(SortitionInputError, match="listed twice"):
        replacement_draw_inputs(council, [council["panel"][0]] * 2)
    with pytest.raises(SortitionInputError, match="at least one member"):
        replacement_draw_inputs(council, [])
    unrevealed = dict(council, panel=None, reserve=None, ceremony=None)
    with pytest.raises(SortitionInputError, match="not been revealed"):
        replacement_draw_inputs(unrevealed, [council["panel"][0]])
    with pytest.raises(SortitionInputError, match="no reserve list"):
        reserve_candidates(unrevealed, council["panel"][0])


def test_reserve_candidates_keep_the_quotas_in_reserve_order(council: Bundle) -> None:
    leaving = council["panel"][0]
    ranked = reserve_candidates(council, leaving)
    assert ranked, "the reserve list should hold someone who fits"
    order = [p for p in council["reserve"] if p in ranked]
    assert ranked == order
    pool, quotas = bundle_pool(council), bundle_quotas(council)
    staying = council["panel"][1:]
    for person in ranked:
        assert panel_problems(pool, quotas, 8, [*staying, person]) == []


def test_cool_down_excludes_sitting_and_recent_members_only() -> None:
    service = [
        ("sitting", None),
        ("ends-later", date(2027, 3, 1)),
        ("left-last-year", date(2025, 12, 1)),
        ("left-exactly-24-months-ago", date(2024, 11, 23)),
        ("left-long-ago", date(2022, 1, 1)),
    ]
    assert not_eligible(service, date(2026, 11, 23), 24) == {
        "sitting",
        "ends-later",
        "left-last-year",
    }
    assert not_eligible(service, date(2026, 11, 23), 0) == {"sitting", "ends-later"}
    with pytest.raises(SortitionInputError, match="negative"):
        not_eligible(service, date(2026, 11, 23), -1)


def test_months_before_handles_short_months() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_longest_serving_rotate_out_and_ties_go_by_lot() -> None:
    members = [
        ("a", date(2024, 1, 1)),
        ("b", date(2024, 1, 1)),
        ("c", date(2024, 1, 1)),
        ("d", date(2023, 1, 1)),
        ("e", date(2025, 1, 1)),
    ]
    seed = "ab" * 32
    out = rotating_out(members, 2, seed)
    assert out[0] == "d" and out[1] in {"a", "b", "c"}
    assert rotating_out(members, 2, seed) == out
    others = {rotating_out(members, 2, f"{i:064x}")[1] for i in range(30)}
    assert others == {"a", "b", "c"}
    with pytest.raises(SortitionInputError, match="seats can rotate"):
        rotating_out(members, 6, seed)


def test_a_rotation_draw_excludes_sitting_and_cooling_down_people_and_keeps_quotas() -> None:
    frame, quotas = random_instance(1, 60, 9)
    first = reveal(prepare(frame, quotas, 9, m=50, rounding_seconds=0), ["1"])
    staying = frame[frame["id"].isin(first["panel"][:6])]
    volunteers = frame[~frame["id"].isin(first["panel"])].reset_index(drop=True)
    cooling = set(volunteers["id"].iloc[:10])
    inputs = rotation_draw_inputs(volunteers, quotas, staying, 3, cooling)
    assert inputs.relaxation == () and inputs.notes == ()
    assert not cooling & set(inputs.people["id"])
    assert not set(staying["id"]) & set(inputs.people["id"])
    bundle = reveal(
        prepare(inputs.people, inputs.quotas, 3, m=50, rounding_seconds=0, purpose="rotation"),
        ["9"],
    )
    council = list(staying["id"]) + bundle["panel"]
    assert panel_problems(read_pool(frame, quotas), quotas, 9, council) == []


def test_staying_members_above_a_maximum_are_reported() -> None:
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(10)], "age": ["old"] * 4 + ["young"] * 6})
    quotas = make_quotas([("age", "old", 1, 2), ("age", "young", 2, 4)])
    inputs = rotation_draw_inputs(frame.iloc[4:], quotas, frame.iloc[:3], 2, set())
    assert any("already fill 3 seats, more than the maximum 2" in n for n in inputs.notes)
    assert [q.max for q in inputs.quotas.quotas] == [0, 4]
