"""Closing a neighbourhood vote, and its winners into the budget book (organisers).

`close_vote`, from the day after the closing day: in one transaction the turnout per buurt
and age band is counted from the code list, the code list is destroyed (the audit event
says how many codes), the vote is marked closed and both rules count it; the result is
public from then on. `winners_to_proposals`: the winners by the vote's own rule become
proposals of the budget book (their idea is linked, the proposer's contact moves along),
and the vote is recorded as a consultation (kind *stemming*) whose options are the ideas
with their votes, the winners pointing at their proposals; one action, once.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.ideas import IdeaStatus
from dashboard.domain.ledger import Books
from dashboard.domain.votes import Vote, VoteItem, VoteStatus, close_refusal
from dashboard.services.budget.common import booking, require_organiser_role
from dashboard.services.budget.ideas import idea_proposal, link_idea
from dashboard.services.budget.proposals import add_proposal_in
from dashboard.services.vote.common import (
    TurnoutGroups,
    election,
    organisers_vote,
    turnout_groups,
    vote_of,
)
from dashboard.store import audit, council, idea_contacts, ideas, proposals, vote_codes, votes
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from dashboard.store.votes import TurnoutCount
from sortition import clock
from voting import Outcome, equal_shares, greedy_by_votes


@dataclass(frozen=True)
class Closed:
    ballots: int
    codes_destroyed: int
    winners: dict[str, tuple[int, ...]]  # per rule: the winners' numbers, in order


def count(cur: Unit, vote: Vote) -> dict[str, Outcome]:
    """Both rules on the vote's ballots."""
    counted = election(cur, vote)
    return {"equal-shares": equal_shares(counted), "greedy": greedy_by_votes(counted)}


def organiser_turnout(store: Store, caller: Caller, vote_id: int) -> tuple[TurnoutGroups, ...]:
    """For the vote's organisers, during the vote and after: per buurt and age band who
    voted (online or on paper) next to who got a code, small groups hidden as on the
    public result. While the vote is open it is counted from the code list, after
    closing it is what was counted then; a concept has none."""
    require_organiser_role(caller)
    with store.read() as cur:
        found = organisers_vote(cur, caller, vote_id)
        if found.status == VoteStatus.CONCEPT:
            return ()
        if found.status == VoteStatus.GESLOTEN:
            counts = votes.turnout(cur, vote_id)
        else:
            counts = [TurnoutCount(f, v, n, used)
                      for f, v, n, used in vote_codes.per_group(cur, vote_id)]  # fmt: skip
        return turnout_groups(cur, found, counts)


def close_vote(store: Store, caller: Caller, vote_id: int, today: date | None = None) -> Closed:
    """Count the vote and destroy its code list, once."""
    require_organiser_role(caller)
    day = today or clock.today()

    def work(cur: Unit) -> Closed:
        found = organisers_vote(cur, caller, vote_id)
        votes.lock(cur, vote_id)  # paper ballots and a second closing wait for this one
        refusal = close_refusal(found, day)
        if refusal:
            raise UserError(refusal)
        counts = [
            TurnoutCount(f, v, n, used) for f, v, n, used in vote_codes.per_group(cur, vote_id)
        ]
        votes.add_turnout(cur, vote_id, counts)
        destroyed = vote_codes.destroy(cur, vote_id)
        votes.close(cur, vote_id, clock.utc_naive_now(), destroyed)
        outcomes = count(cur, found)
        by_channel = votes.ballot_counts(cur, vote_id)
        winners = {r: tuple(int(i.id) for i in o.winners) for r, o in outcomes.items()}
        audit.append(
            cur, caller.actor, "vote.close", "vote", vote_id,
            {"codes_destroyed": destroyed, "ballots": sum(by_channel.values()),
             "online": by_channel.get("online", 0), "paper": by_channel.get("papier", 0),
             "winners": {r: list(w) for r, w in winners.items()}, "rule": found.rule},
        )  # fmt: skip
        return Closed(sum(by_channel.values()), destroyed, winners)

    closed = store.write(work)
    # Write the deletion into the database file itself too (no other session may be busy:
    # then DuckDB writes it at its next checkpoint).
    with contextlib.suppress(Exception):
        store.checkpoint()
    return closed


def winners_to_proposals(store: Store, caller: Caller, vote_id: int) -> list[str]:
    """The winners by the vote's rule as proposals of the budget book, with the vote as
    their consultation; returns the proposals' references, in the winners' order. An idea
    that became a proposal already keeps that proposal."""
    require_organiser_role(caller)
    with store.read() as cur:
        found = vote_of(cur, vote_id)
    require_organiser(caller, found.neighbourhood_id)

    def work(cur: Unit, books: Books) -> list[str]:
        vote = vote_of(cur, vote_id)
        votes.lock(cur, vote_id)
        if vote.status != VoteStatus.GESLOTEN:
            raise UserError(
                "Sluit en tel de stemming eerst; daarna worden de winnaars voorstellen."
            )
        if vote.consultation_id is not None:
            raise UserError(
                "De winnaars van deze stemming staan al als voorstellen in het huishoudboekje; "
                "er is niets dubbel gemaakt."
            )
        outcome = count(cur, vote)[vote.rule]
        items = {str(i.number): i for i in votes.items(cur, vote_id)}
        made: dict[int, int] = {}
        for winner in outcome.winners:
            item = items[winner.id]
            made[item.number] = _proposal(cur, caller, vote, item)
            votes.set_item_proposal(cur, item.id, made[item.number])
        tally = outcome.election.votes
        consultation_id = council.add_consultation(
            cur, vote.neighbourhood_id, "stemming", vote.title, vote.opens_on, vote.closes_on,
            len(outcome.election.ballots),
            [(f"{i.number}. {i.title}", tally[str(i.number)], made.get(i.number))
             for i in items.values()],
            amount=vote.budget,
        )  # fmt: skip
        votes.update_vote(cur, vote_id, {"consultation_id": consultation_id})
        audit.append(
            cur, caller.actor, "vote.to_proposals", "vote", vote_id,
            {"consultation_id": consultation_id, "proposal_ids": list(made.values()),
             "rule": vote.rule},
        )  # fmt: skip
        return [_reference(cur, p) for p in made.values()]

    return booking(store, caller, found.neighbourhood_id, work)


def _reference(cur: Unit, proposal_id: int) -> str:
    found = proposals.proposal(cur, proposal_id)
    assert found is not None
    return found.external_ref


def _proposal(cur: Unit, caller: Caller, vote: Vote, item: VoteItem) -> int:
    """The proposal of a winning idea: the one it became already, else a new one with the
    ballot's title, text and cost and the idea's theme and place, its proposer's contact
    moved along (as `idea_to_proposal` does)."""
    idea = ideas.idea(cur, item.idea_id)
    if idea is not None and idea.status == IdeaStatus.VOORSTEL and idea.proposal_id:
        return idea.proposal_id
    if idea is None:
        raise UserError(f"Idee {item.idea_id} van het stembiljet bestaat niet meer.")
    linked = idea.status == IdeaStatus.GEPUBLICEERD
    reach = idea_contacts.contact(cur, idea.id) if linked else None
    proposal = idea_proposal(cur, caller, idea, reach, item.title, item.description, item.cost)
    proposal_id = add_proposal_in(cur, caller, proposal)
    if linked:
        link_idea(cur, caller, idea.id, proposal_id, reach is not None, vote_id=vote.id)
    return proposal_id
