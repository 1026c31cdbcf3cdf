"""What the vote's use cases share: finding a vote, checking its organiser, the vote as the
count's `voting.Election` (ideas by their number on the ballot, anonymous ballots in the
order of their random ids), and the turnout per buurt and age band next to the residents
who got a code, small groups hidden (for the public result and for the organisers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.domain.votes import Vote, VoteItem
from dashboard.services.budget.common import require_organiser_role
from dashboard.store import geography, votes
from dashboard.store.unit import Unit
from dashboard.store.votes import TurnoutCount
from voting import Ballot, Election, Idea, turnout_by_group
from voting.turnout import GroupCount, TurnoutTable

PABULIB_RULES = {"equal-shares": "equalshares", "greedy": "greedy"}


def vote_of(cur: Unit, vote_id: int) -> Vote:
    found = votes.vote(cur, vote_id)
    if found is None:
        raise UserError(f"Stemming {vote_id} bestaat niet.")
    return found


def organisers_vote(cur: Unit, caller: Caller, vote_id: int) -> Vote:
    """The vote, for an organiser of its neighbourhood (PermissionDenied otherwise)."""
    require_organiser_role(caller)
    found = vote_of(cur, vote_id)
    require_organiser(caller, found.neighbourhood_id)
    return found


def election(cur: Unit, vote: Vote, items: list[VoteItem] | None = None) -> Election:
    """The vote with every ballot stored, for the count and the pabulib file."""
    on_ballot = votes.items(cur, vote.id) if items is None else items
    hood = geography.neighbourhood(cur, vote.neighbourhood_id)
    place = hood.name if hood else ""
    meta = (
        ("description", vote.title),
        ("country", "Nederland"),
        ("unit", place),
        ("instance", str(vote.closes_on.year)),
        ("language", "nl"),
        ("date_begin", f"{vote.opens_on:%d.%m.%Y}"),
        ("date_end", f"{vote.closes_on:%d.%m.%Y}"),
        ("rule", PABULIB_RULES[vote.rule]),
        ("min_age", str(vote.min_age)),
    )
    return Election(
        budget=vote.budget,
        ideas=tuple(Idea(str(i.number), " ".join(i.title.split()), i.cost) for i in on_ballot),
        ballots=tuple(
            Ballot(frozenset(str(n) for n in b.numbers)) for b in votes.ballots(cur, vote.id)
        ),
        kind="knapsack" if vote.ballot_kind == "knapsack" else "approval",
        meta=meta,
    )


@dataclass(frozen=True)
class TurnoutGroups:
    feature: str  # part, age_band
    table: TurnoutTable


def turnout_groups(
    cur: Unit, vote: Vote, counts: Sequence[TurnoutCount]
) -> tuple[TurnoutGroups, ...]:
    """Per buurt (by name) and age band: voters next to the residents who got a code,
    groups smaller than MIN_GROUP hidden as on every public page."""
    names = {p.code: p.name for p in geography.neighbourhood_parts(cur, vote.neighbourhood_id)}
    bands = [name for name, _, _ in AGE_BANDS]
    groups = []
    for feature, order in (("part", sorted(names)), ("age_band", bands)):
        rows = sorted(
            (c for c in counts if c.feature == feature),
            key=lambda c: order.index(c.value) if c.value in order else len(order),
        )
        if not rows:
            continue
        label = names if feature == "part" else {}
        table = [GroupCount(label.get(c.value, c.value), c.voters, c.eligible) for c in rows]
        groups.append(TurnoutGroups(feature, turnout_by_group(table, MIN_GROUP)))
    return tuple(groups)
