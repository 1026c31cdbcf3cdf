"""An election: the budget, the ideas with their costs, and the ballots.

Two kinds of ballot: *approval* (a resident ticks any ideas they support) and *knapsack*
(kiezen binnen het budget: the ideas ticked may together cost at most the budget). Both
are a set of ideas; `voting.checks` refuses what does not hold together.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Literal

BallotKind = Literal["approval", "knapsack"]
KINDS: tuple[BallotKind, ...] = ("approval", "knapsack")
KIND_NAMES = {"approval": "voor of tegen per idee", "knapsack": "kiezen binnen het budget"}


@dataclass(frozen=True)
class Idea:
    id: str  # as in the pabulib file's project_id; numbers sort as numbers
    name: str
    cost: Decimal
    category: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} (nr. {self.id})" if self.name else f"idee nr. {self.id}"


@dataclass(frozen=True)
class Ballot:
    ideas: frozenset[str]
    voter: str = ""  # the file's voter_id; empty when unknown


@dataclass(frozen=True)
class Election:
    budget: Decimal
    ideas: tuple[Idea, ...]
    ballots: tuple[Ballot, ...]
    kind: BallotKind = "approval"
    # Other META lines of a pabulib file (description, country, unit, instance, ...), in order.
    meta: tuple[tuple[str, str], ...] = field(default=())

    @cached_property
    def votes(self) -> dict[str, int]:
        """Per idea (every idea, also those without a vote) the number of ballots naming it."""
        counted = Counter(idea for ballot in self.ballots for idea in ballot.ideas)
        return {idea.id: counted.get(idea.id, 0) for idea in self.ideas}

    @cached_property
    def by_id(self) -> dict[str, Idea]:
        return {idea.id: idea for idea in self.ideas}

    def meta_value(self, key: str) -> str:
        return next((value for k, value in self.meta if k == key), "")


def id_key(idea_id: str) -> tuple[int, int, str]:
    """Ideas in number order: '2' before '10', numbers before other ids."""
    if idea_id.isascii() and idea_id.isdigit():
        return (0, int(idea_id), idea_id)
    return (1, 0, idea_id)


def priority(election: Election) -> dict[str, tuple[int, Decimal, tuple[int, int, str]]]:
    """The tie-break, the same for both rules: of ideas otherwise equal, the one with more
    votes goes first, then the cheaper one, then the lower number (`id_key`)."""
    votes = election.votes
    return {idea.id: (-votes[idea.id], idea.cost, id_key(idea.id)) for idea in election.ideas}
