"""Greedy by votes, the rule most cities use: ideas in order of votes, each taken when it
still fits in what is left of the budget; one that does not fit is skipped and the count
goes on with the next.

Ties (`model.priority`): more votes first, then the cheaper idea, then the lower number. An
idea without a single vote is never taken. Equal to pabutools' greedy_utilitarian_welfare
with cost satisfaction (its score per euro is then the number of votes) on the ideas with
a vote and the same tie-break (tests/voting).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from voting.checks import checked
from voting.model import Election, Idea, priority
from voting.outcome import Outcome, Stage, Verdict


def greedy_by_votes(election: Election) -> Outcome:
    checked(election)
    verdicts, winners = fill(election, ordered(election, election.ideas), election.budget, "greedy")
    by_id = {v.idea.id: v for v in verdicts}
    votes = election.votes
    everyone = tuple(
        by_id.get(idea.id) or Verdict(idea, votes[idea.id], False, "none")
        for idea in election.ideas
    )
    return Outcome("greedy", election, tuple(winners), everyone)


def ordered(election: Election, ideas: Iterable[Idea]) -> list[Idea]:
    """The ideas with at least one vote, most votes first (ties: `model.priority`)."""
    key = priority(election)
    return sorted((i for i in ideas if election.votes[i.id] > 0), key=lambda i: key[i.id])


def fill(
    election: Election, ideas: list[Idea], left: Decimal, stage: Stage, taken: int = 0
) -> tuple[list[Verdict], list[Idea]]:
    """Take each idea in turn when it fits in what is left; `taken` winners came before."""
    verdicts, winners = [], []
    for idea in ideas:
        votes = election.votes[idea.id]
        if idea.cost <= left:
            winners.append(idea)
            verdicts.append(Verdict(idea, votes, True, stage, taken + len(winners), left))
            left -= idea.cost
        else:
            verdicts.append(Verdict(idea, votes, False, stage, left=left))
    return verdicts, winners
