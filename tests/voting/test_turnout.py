"""Turnout per group next to the population, with small groups hidden."""

from __future__ import annotations

import pytest

from voting import GroupCount, TurnoutRow, VotingInputError, turnout_by_group
from voting.turnout import OTHERS

MIN = 5  # dashboard/domain/small_groups.py MIN_GROUP


def test_turnout_and_shares() -> None:
    table = turnout_by_group(
        [GroupCount("16-24", 40, 400), GroupCount("25-64", 300, 1200), GroupCount("65+", 160, 400)],
        MIN,
    )
    young = table.rows[0]
    assert (young.voters, young.eligible, young.turnout) == (40, 400, 0.1)
    assert young.voter_share == pytest.approx(40 / 500)
    assert young.population_share == pytest.approx(400 / 2000)
    assert young.compared == pytest.approx(0.4)  # voted less than their share
    assert table.rows[2].compared == pytest.approx(1.6)
    assert table.others is None
    assert (table.total.voters, table.total.eligible, table.total.turnout) == (500, 2000, 0.25)


def test_small_groups_are_hidden_and_so_is_one_more() -> None:
    """3 voters is too few to show; with one group hidden the smallest shown one is hidden
    too, or the total would give the 3 away. The two together are shown."""
    table = turnout_by_group(
        [
            GroupCount("Oosterpark", 120, 900),
            GroupCount("De Hoogte", 3, 80),
            GroupCount("Korrewegwijk", 60, 700),
            GroupCount("Indische buurt", 45, 500),
        ],
        MIN,
    )
    assert [r.shown for r in table.rows] == [True, False, True, False]
    assert table.rows[1] == TurnoutRow("De Hoogte", False)
    assert table.others is not None
    assert (table.others.group, table.others.voters, table.others.eligible) == (OTHERS, 48, 580)
    assert table.total.voters == 228


@pytest.mark.parametrize(
    ("voters", "eligible", "shown"),
    [
        (0, 50, True),  # nobody voted: shown, worth seeing
        (4, 50, False),
        (5, 50, True),
        (46, 50, False),  # 4 did not vote
        (50, 50, True),  # everybody voted
        (0, 4, False),  # too few residents
    ],
)
def test_the_rule_for_one_group(voters: int, eligible: int, shown: bool) -> None:
    groups = [
        GroupCount("a", voters, eligible),
        GroupCount("b", 100, 400),
        GroupCount("c", 90, 300),
    ]
    assert turnout_by_group(groups, MIN).rows[0].shown is shown


def test_hidden_groups_together_too_small_stay_hidden() -> None:
    table = turnout_by_group(
        [GroupCount("a", 1, 10), GroupCount("b", 2, 10), GroupCount("c", 50, 100)], MIN
    )
    assert [r.shown for r in table.rows] == [False, False, True]
    assert table.others == TurnoutRow(OTHERS, False)


def test_bad_counts() -> None:
    with pytest.raises(VotingInputError) as refused:
        turnout_by_group([GroupCount("a", 6, 5), GroupCount("a", -1, 5)], 0)
    assert [p.message for p in refused.value.problems] == [
        "De kleinste groep moet 1 of meer zijn, niet 0.",
        "Dubbele groep: a.",
        "a: 6 kiezers, meer dan de 5 stemgerechtigden.",
        "a: aantallen kunnen niet negatief zijn.",
    ]
