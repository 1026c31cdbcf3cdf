"""What the vote's use cases share: finding a vote, checking its organiser, and the vote
as the count's `voting.Election` (ideas by their number on the ballot, anonymous ballots
in the order of their random ids)."""

from __future__ import annotations

from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.votes import Vote, VoteItem
from dashboard.services.budget.common import require_organiser_role
from dashboard.store import geography, votes
from dashboard.store.unit import Unit
from voting import Ballot, Election, Idea

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
