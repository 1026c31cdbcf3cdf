"""What a count decided: the ideas taken, the money spent and, per idea, why it won or lost
(`Verdict`, put into words by `voting.explain`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from voting.model import Election, Idea

Rule = Literal["greedy", "equal-shares"]
RULES: tuple[Rule, ...] = ("greedy", "equal-shares")
# Where an idea's fate was decided: greedy by votes, the equal shares themselves, the
# completion of equal shares, or not at all (no votes, or more than the whole budget).
Stage = Literal["greedy", "shares", "completion", "none"]


@dataclass(frozen=True)
class Payment:
    """How the supporters of an idea chosen by equal shares paid for it."""

    round: int  # 1: the first idea chosen
    each: Fraction  # what each supporter who could paid
    full: int  # supporters who paid `each`
    partial: int  # supporters who had less and paid all they had left
    partial_total: Fraction
    empty: int  # supporters who had nothing left


@dataclass(frozen=True)
class Verdict:
    idea: Idea
    votes: int
    won: bool
    stage: Stage
    position: int | None = None  # the order in which the winners were taken, from 1
    left: Decimal | None = None  # money left when the idea came up (greedy, completion)
    payment: Payment | None = None  # won by equal shares
    # Not won by equal shares: what its supporters had left of their shares at the end.
    supporters_money: Fraction | None = None


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    election: Election
    winners: tuple[Idea, ...]  # in the order taken
    verdicts: tuple[Verdict, ...]  # one per idea, in the election's order
    # Equal shares only: each voter's share (budget / ballots), the share after the
    # completion raised it, and how many steps of 1% of the budget that took.
    share: Fraction | None = None
    final_share: Fraction | None = None
    raises: int = 0

    @property
    def spent(self) -> Decimal:
        return sum((idea.cost for idea in self.winners), Decimal(0))

    @property
    def left(self) -> Decimal:
        return self.election.budget - self.spent

    def verdict(self, idea_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.idea.id == idea_id)
