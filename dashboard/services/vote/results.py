"""What residents see of neighbourhood votes (public, no login): which votes run, and after
closing the result by both rules side by side with why each idea won or lost, the turnout
per buurt and age band next to the population (small groups hidden), and the files: the
anonymous ballots, the result and the pabulib file anyone can count again with
`python -m voting tally`.

Nothing is shown of a vote before it closes but its ballot and days: no interim counts.
Nothing here reads the code list; the ballots file holds the choices only (not even
whether a ballot came in on paper: a handful of paper ballots would be a small group)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard.domain.errors import UserError
from dashboard.domain.votes import Phase, Vote, VoteStatus, phase
from dashboard.services.vote.closing import count
from dashboard.services.vote.common import TurnoutGroups, election, turnout_groups
from dashboard.store import geography, proposals, votes
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock
from voting import explain, report, write_pabulib
from voting.explain import RULE_TITLES
from voting.outcome import Outcome

RULE_ORDER = ("equal-shares", "greedy")


@dataclass(frozen=True)
class VoteCard:
    """A vote as residents see it in a list."""

    id: int
    title: str
    neighbourhood_id: int
    neighbourhood: str
    budget: Decimal
    kind: str
    rule: str
    opens_on: date
    closes_on: date
    min_age: int
    phase: Phase
    ideas: tuple[tuple[int, str, Decimal], ...]  # (number, title, cost) on the ballot


def _card(cur: Unit, vote: Vote, today: date) -> VoteCard:
    hood = geography.neighbourhood(cur, vote.neighbourhood_id)
    return VoteCard(
        vote.id,
        vote.title,
        vote.neighbourhood_id,
        hood.name if hood else "",
        vote.budget,
        vote.ballot_kind,
        vote.rule,
        vote.opens_on,
        vote.closes_on,
        vote.min_age,
        phase(vote, today),
        tuple((i.number, i.title, i.cost) for i in votes.items(cur, vote.id)),
    )


def running_votes(store: Store, today: date | None = None) -> list[VoteCard]:
    """Votes whose codes are out and that are not closed, of every neighbourhood."""
    day = today or clock.today()
    with store.read() as cur:
        return [_card(cur, v, day) for v in votes.votes_with_status(cur, [VoteStatus.OPEN])]


def neighbourhood_votes(
    store: Store, neighbourhood_id: int, today: date | None = None
) -> list[VoteCard]:
    """The neighbourhood's votes residents may know of (not the concepts), newest first."""
    day = today or clock.today()
    with store.read() as cur:
        return [
            _card(cur, v, day)
            for v in votes.votes_for_neighbourhood(cur, neighbourhood_id)
            if v.status != VoteStatus.CONCEPT
        ]


@dataclass(frozen=True)
class IdeaResult:
    number: int
    title: str
    cost: Decimal
    votes: int
    won: dict[str, bool]  # per rule
    why: dict[str, str]  # per rule, in plain Dutch (voting.explain)
    proposal: str | None  # the proposal it became in the budget book (its reference)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    title: str  # "Gelijke delen (Method of Equal Shares)"
    winners: tuple[int, ...]  # numbers, in the order taken
    spent: Decimal
    left: Decimal
    report: tuple[str, ...]  # the whole count in words (voting.report)


@dataclass(frozen=True)
class VoteResult:
    card: VoteCard
    ballots: int
    online: int
    paper: int
    codes: int  # residents who got a code
    rules: tuple[RuleResult, ...]  # the vote's own rule first
    ideas: tuple[IdeaResult, ...]  # in the order of the ballot
    turnout: tuple[TurnoutGroups, ...]


def _closed(cur: Unit, vote_id: int) -> Vote:
    found = votes.vote(cur, vote_id)
    if found is None or found.status != VoteStatus.GESLOTEN:
        raise UserError("Van deze stemming is (nog) geen uitslag.")
    return found


def result(store: Store, vote_id: int, today: date | None = None) -> VoteResult:
    """The closed vote's result; UserError for a vote that has none (yet)."""
    day = today or clock.today()
    with store.read() as cur:
        vote = _closed(cur, vote_id)
        card = _card(cur, vote, day)
        outcomes = count(cur, vote)
        items = votes.items(cur, vote_id)
        channels = votes.ballot_counts(cur, vote_id)
        refs = {
            i.number: found.external_ref
            for i in items
            if i.proposal_id and (found := proposals.proposal(cur, i.proposal_id))
        }
        turnout = _turnout(cur, vote)
    order = (vote.rule, *[r for r in RULE_ORDER if r != vote.rule])
    rules = tuple(_rule(outcomes[r]) for r in order)
    ideas = tuple(_idea(i.number, i.title, i.cost, outcomes, refs) for i in items)
    return VoteResult(
        card,
        sum(channels.values()),
        channels.get("online", 0),
        channels.get("papier", 0),
        vote.codes_destroyed or 0,
        rules,
        ideas,
        turnout,
    )


def _rule(outcome: Outcome) -> RuleResult:
    return RuleResult(
        outcome.rule,
        RULE_TITLES[outcome.rule],
        tuple(int(i.id) for i in outcome.winners),
        outcome.spent,
        outcome.left,
        tuple(report(outcome)),
    )


def _idea(
    number: int, title: str, cost: Decimal, outcomes: dict[str, Outcome], refs: dict[int, str]
) -> IdeaResult:
    verdicts = {r: o.verdict(str(number)) for r, o in outcomes.items()}
    return IdeaResult(
        number,
        title,
        cost,
        next(iter(verdicts.values())).votes,
        {r: v.won for r, v in verdicts.items()},
        {r: explain(outcomes[r], v) for r, v in verdicts.items()},
        refs.get(number),
    )


def _turnout(cur: Unit, vote: Vote) -> tuple[TurnoutGroups, ...]:
    """Per buurt (by name) and age band, as counted when the vote closed."""
    return turnout_groups(cur, vote, votes.turnout(cur, vote.id))


# Files -------------------------------------------------------------------------------------------


def ballots_rows(store: Store, vote_id: int) -> tuple[list[str], list[list[object]]]:
    """The anonymous ballots: one row per ballot (numbered 1, 2, ... in the order of their
    random ids), a column per idea with 1 when chosen."""
    with store.read() as cur:
        _closed(cur, vote_id)
        items = votes.items(cur, vote_id)
        stored = votes.ballots(cur, vote_id)
    header = ["stembiljet", *[f"idee {i.number}" for i in items]]
    rows: list[list[object]] = [
        [n, *[1 if i.number in b.numbers else 0 for i in items]]
        for n, b in enumerate(stored, start=1)
    ]
    return header, rows


def result_rows(store: Store, vote_id: int) -> tuple[list[str], list[list[object]]]:
    """Per idea: its number, title, cost, votes, and per rule whether it won and why."""
    found = result(store, vote_id)
    header = ["nummer", "idee", "kosten", "stemmen"]
    for rule in found.rules:
        short = "gelijke delen" if rule.rule == "equal-shares" else "meeste stemmen"
        header += [f"gekozen ({short})", f"waarom ({short})"]
    header.append("voorstel")
    rows: list[list[object]] = []
    for idea in found.ideas:
        row: list[object] = [idea.number, idea.title, str(idea.cost), idea.votes]
        for rule in found.rules:
            row += ["ja" if idea.won[rule.rule] else "nee", idea.why[rule.rule]]
        row.append(idea.proposal or "")
        rows.append(row)
    return header, rows


def pabulib_file(store: Store, vote_id: int) -> str:
    """The vote in the pabulib format: count it again with `python -m voting tally`."""
    with store.read() as cur:
        vote = _closed(cur, vote_id)
        return write_pabulib(election(cur, vote))
