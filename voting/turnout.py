"""Turnout per group (a part of the neighbourhood, an age band) compared with the
population, without exposing anyone.

Per group: the voters, the eligible residents, the turnout (voters / eligible) and the
group's share of all voters next to its share of all eligible residents. A group is shown
only when it has at least `min_group` eligible residents and neither its voters nor its
residents who did not vote number 1 to `min_group` - 1 (0 is shown: nobody of the group
voted, which is worth seeing). The totals are public, so when exactly one group is hidden
the smallest shown group is hidden too: otherwise the hidden one is the total minus the
rest. Hidden groups are shown together ("overige groepen samen") when that row meets the
same rule. The threshold is the app's small-group rule (dashboard/domain/small_groups.py,
MIN_GROUP), passed in because this package may not import the app.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from voting.errors import Problem, VotingInputError

OTHERS = "overige groepen samen"
TOTAL = "totaal"


@dataclass(frozen=True)
class GroupCount:
    group: str
    voters: int
    eligible: int


@dataclass(frozen=True)
class TurnoutRow:
    group: str
    shown: bool  # False: every figure below is None
    voters: int | None = None
    eligible: int | None = None
    turnout: float | None = None  # voters / eligible
    voter_share: float | None = None  # of all voters
    population_share: float | None = None  # of all eligible residents
    compared: float | None = None  # voter_share / population_share: 1 is as in the population


@dataclass(frozen=True)
class TurnoutTable:
    rows: tuple[TurnoutRow, ...]  # one per group, in the order given
    others: TurnoutRow | None  # the hidden groups together; None when none is hidden
    total: TurnoutRow


def turnout_by_group(counts: Sequence[GroupCount], min_group: int) -> TurnoutTable:
    _check(counts, min_group)
    voters = sum(c.voters for c in counts)
    eligible = sum(c.eligible for c in counts)
    hidden = {c.group for c in counts if not _safe(c.voters, c.eligible, min_group)}
    shown = [c for c in counts if c.group not in hidden]
    if len(hidden) == 1 and shown:
        hidden.add(min(shown, key=lambda c: (c.voters, c.eligible, c.group)).group)
    rows = tuple(
        _row(c.group, c.voters, c.eligible, voters, eligible)
        if c.group not in hidden
        else TurnoutRow(c.group, False)
        for c in counts
    )
    others = None
    if hidden:
        rest = [c for c in counts if c.group in hidden]
        v, e = sum(c.voters for c in rest), sum(c.eligible for c in rest)
        safe = _safe(v, e, min_group)
        others = _row(OTHERS, v, e, voters, eligible) if safe else TurnoutRow(OTHERS, False)
    return TurnoutTable(rows, others, _row(TOTAL, voters, eligible, voters, eligible))


def _safe(voters: int, eligible: int, min_group: int) -> bool:
    def small(n: int) -> bool:
        return 0 < n < min_group

    return eligible >= min_group and not small(voters) and not small(eligible - voters)


def _row(group: str, voters: int, eligible: int, all_voters: int, all_eligible: int) -> TurnoutRow:
    voter_share = voters / all_voters if all_voters else None
    population_share = eligible / all_eligible if all_eligible else None
    compared = (
        voter_share / population_share if voter_share is not None and population_share else None
    )
    return TurnoutRow(
        group,
        True,
        voters,
        eligible,
        voters / eligible if eligible else None,
        voter_share,
        population_share,
        compared,
    )


def _check(counts: Sequence[GroupCount], min_group: int) -> None:
    problems: list[Problem] = []
    if min_group < 1:
        problems.append(Problem(0, f"De kleinste groep moet 1 of meer zijn, niet {min_group}."))
    doubled = sorted(g for g, n in Counter(c.group for c in counts).items() if n > 1)
    if doubled:
        problems.append(Problem(0, f"Dubbele groep: {', '.join(doubled)}."))
    for c in counts:
        if c.voters < 0 or c.eligible < 0:
            problems.append(Problem(0, f"{c.group}: aantallen kunnen niet negatief zijn."))
        elif c.voters > c.eligible:
            problems.append(
                Problem(
                    0, f"{c.group}: {c.voters} kiezers, meer dan de {c.eligible} stemgerechtigden."
                )
            )
    if problems:
        raise VotingInputError(problems)
