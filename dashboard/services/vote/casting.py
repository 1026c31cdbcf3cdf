"""Voting with the letter's code: online by the resident (no login) and on paper, typed in by
an organiser. One ballot per code, whatever happens at once.

A code opens the ballot of its own vote only, and only while that vote runs (from the
opening day to the closing day). A code that is wrong, unknown, used, of a vote that has
not opened or is over gets one and the same message (`BAD_CODE`), and counts against the
client like a wrong password (dashboard/services/code_guard.py); the page also limits how
often a code may be tried at all (dashboard/web/client_limits.py, VOTE_CODE).

Casting marks the code used and stores the ballot in one transaction: two tabs sending at
once conflict on the code's row, and the later one is retried and finds the code used.
The ballot gets a random id and no moment, code or person (the code list is kept apart,
store/vote_codes.py), and no audit event names it: the log's order would tell who voted
when. A paper ballot is the same, typed in by an organiser, who is audited (that a paper
ballot was entered, never what it said).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError, UserErrors
from dashboard.domain.translatable import N_
from dashboard.domain.votes import (
    Vote,
    VoteItem,
    ballot_problems,
    may_vote_online,
    paper_refusal,
)
from dashboard.services.budget.common import require_organiser_role
from dashboard.services.code_guard import BadCode, CodeGuard
from dashboard.services.draws.answers import normal_code
from dashboard.services.vote.common import organisers_vote
from dashboard.store import audit, geography, vote_codes, votes
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

BAD_CODE = N_(
    "Met deze code kunt u niet stemmen. Kijk of u de code goed heeft overgenomen uit de "
    "brief: 8 letters en cijfers, zoals K7QM-2XHD. Met een code kunt u één keer stemmen, "
    "en alleen zolang de stemming loopt (de dagen staan in de brief). Heeft u al gestemd? "
    "Dan is uw stem geteld. Klopt er iets niet? Bel of mail de organisatie: het "
    "telefoonnummer en het e-mailadres staan in uw brief."
)
PAPER_BAD_CODE = (
    "Deze code hoort niet bij deze stemming of is al gebruikt (online of op papier). Een "
    "code telt één keer; dit biljet is niet ingevoerd."
)
# Wrong codes per client (digests, in memory, like login names that are no account).
GUARD = CodeGuard(BAD_CODE)


@dataclass(frozen=True)
class BallotIdea:
    number: int
    title: str
    description: str
    cost: Decimal


@dataclass(frozen=True)
class BallotPaper:
    """The ballot a code opens: what the voting page shows."""

    vote_id: int
    code: str  # as printed on the letter: 'K7QM-2XHD'
    title: str
    neighbourhood: str
    budget: Decimal
    kind: str  # approval, knapsack
    closes_on: date
    ideas: tuple[BallotIdea, ...]


@dataclass(frozen=True)
class Cast:
    """What the resident sees after voting (and nothing is kept of it)."""

    title: str
    chosen: tuple[BallotIdea, ...]
    total: Decimal


def _printed(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _open_vote(cur: Unit, code: str, today: date) -> tuple[Vote, str]:
    """The running vote an unused `code` belongs to, and the code as stored; else BadCode."""
    normal = normal_code(code)
    found = vote_codes.find(cur, normal) if len(normal) == 8 else None
    if found is None or found.used:
        raise BadCode
    vote = votes.vote(cur, found.vote_id)
    if vote is None or not may_vote_online(vote, today):
        raise BadCode
    return vote, normal


def _paper(cur: Unit, vote: Vote, code: str, items: list[VoteItem]) -> BallotPaper:
    hood = geography.neighbourhood(cur, vote.neighbourhood_id)
    return BallotPaper(
        vote.id,
        _printed(code),
        vote.title,
        hood.name if hood else "",
        vote.budget,
        vote.ballot_kind,
        vote.closes_on,
        tuple(BallotIdea(i.number, i.title, i.description, i.cost) for i in items),
    )


def open_ballot(
    store: Store,
    code: str,
    client: str | None,
    today: date | None = None,
    now: datetime | None = None,
) -> BallotPaper:
    """The ballot `code` opens now; BAD_CODE for any code that opens none."""
    day = today or clock.today()

    def act() -> BallotPaper:
        with store.read() as cur:
            vote, normal = _open_vote(cur, code, day)
            return _paper(cur, vote, normal, votes.items(cur, vote.id))

    return GUARD.run(store, client, now, act)


def _numbers(items: list[VoteItem], vote: Vote, chosen: Sequence[int]) -> list[int]:
    """The items chosen by their numbers on the ballot, checked (UserErrors)."""
    by_number = {i.number: i for i in items}
    costs = {i.number: i.cost for i in items}
    problems = ballot_problems(vote.ballot_kind, vote.budget, costs, list(chosen))
    if problems:
        raise UserErrors(problems)
    return [by_number[n].id for n in sorted(set(chosen))]


def _store_ballot(cur: Unit, vote: Vote, item_ids: list[int], channel: str) -> None:
    votes.add_ballot(cur, vote.id, uuid.uuid4().hex, channel, item_ids)


def cast(
    store: Store,
    vote_id: int,
    code: str,
    chosen: Sequence[int],
    client: str | None,
    today: date | None = None,
    now: datetime | None = None,
) -> Cast:
    """Cast the ballot: the ideas `chosen` by their numbers on the ballot of vote `vote_id`.
    A ballot that breaks the rules (over the budget) is refused with the reason and the
    code stays unused; a code that opens nothing (used meanwhile in another tab, too)
    reads BAD_CODE."""
    day = today or clock.today()

    def work(cur: Unit) -> Cast:
        vote, normal = _open_vote(cur, code, day)
        if vote.id != vote_id:
            raise BadCode
        items = votes.items(cur, vote.id)
        item_ids = _numbers(items, vote, chosen)
        if not vote_codes.use(cur, vote.id, normal):
            raise BadCode
        _store_ballot(cur, vote, item_ids, "online")
        picked = tuple(
            BallotIdea(i.number, i.title, i.description, i.cost) for i in items if i.id in item_ids
        )
        return Cast(vote.title, picked, sum((i.cost for i in picked), Decimal(0)))

    return GUARD.run(store, client, now, lambda: store.write(work))


def enter_paper_ballot(
    store: Store,
    caller: Caller,
    vote_id: int,
    code: str,
    chosen: Sequence[int],
    today: date | None = None,
) -> None:
    """An organiser types in a paper ballot with the code printed on it: the same rules as
    online, one ballot per code (a code used online cannot be used on paper, nor twice).
    Paper ballots may be typed in from the opening day until the vote is closed."""
    require_organiser_role(caller)
    day = today or clock.today()

    def work(cur: Unit) -> None:
        vote = organisers_vote(cur, caller, vote_id)
        refusal = paper_refusal(vote, day)
        if refusal:
            raise UserError(refusal)
        normal = normal_code(code)
        if len(normal) != 8:
            raise UserError(
                "Typ de code van het biljet over: 8 letters en cijfers, zoals K7QM-2XHD."
            )
        item_ids = _numbers(votes.items(cur, vote.id), vote, chosen)
        if not vote_codes.use(cur, vote.id, normal):
            raise UserError(PAPER_BAD_CODE)
        _store_ballot(cur, vote, item_ids, "papier")
        audit.append(cur, caller.actor, "vote.paper_ballot", "vote", vote.id, {})

    store.write(work)
