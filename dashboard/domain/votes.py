"""A neighbourhood vote (buurtbudget) as the app runs it: its life, its set-up and what a
ballot may hold. Pure; the count itself is the package `voting`.

A vote starts as a *concept*: the organiser chooses the neighbourhood, the budget, the
published ideas on the ballot with their costs, the kind of ballot, the rule that decides,
the days and the minimum age, and may change all of it. Making the codes opens it: the
ballot is fixed from then on, and residents vote from the opening day up to and including
the closing day, online with their code or on paper (an organiser types the paper ballot
in, also after the closing day, until the vote is closed). Closing counts the vote and
destroys the code list; from then on the result is public.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from dashboard.domain.money import euro


class VoteStatus(StrEnum):
    CONCEPT = "concept"
    OPEN = "open"
    GESLOTEN = "gesloten"


KINDS = ("approval", "knapsack")
KIND_NAMES = {"approval": "voor of tegen per idee", "knapsack": "kiezen binnen het budget"}
RULES = ("equal-shares", "greedy")
RULE_NAMES = {"equal-shares": "gelijke delen", "greedy": "meeste stemmen"}
CHANNELS = ("online", "papier")
TITLE_MAX = 150
MIN_IDEAS = 2
MAX_IDEAS = 100
MIN_AGE_RANGE = (12, 120)
BUDGET_POSITIVE = "Het budget moet meer dan € 0 zijn."


@dataclass(frozen=True)
class Vote:
    id: int
    neighbourhood_id: int
    title: str
    budget: Decimal
    ballot_kind: str
    rule: str
    opens_on: date
    closes_on: date
    min_age: int
    status: str
    created_at: datetime
    codes_issued_at: datetime | None
    codes_issued: int | None
    closed_at: datetime | None
    codes_destroyed: int | None
    consultation_id: int | None


@dataclass(frozen=True)
class VoteItem:
    """An idea on the ballot, as it read when the vote was set up."""

    id: int
    vote_id: int
    number: int
    idea_id: int
    title: str
    description: str
    cost: Decimal
    proposal_id: int | None


class Phase(StrEnum):
    """Where a vote is on a given day."""

    CONCEPT = "concept"  # being set up; no codes yet
    SOON = "binnenkort"  # codes made, before the opening day
    RUNNING = "loopt"  # residents vote today
    COUNTING = "wacht op sluiten"  # after the closing day, not yet closed
    CLOSED = "gesloten"  # counted, code list destroyed, result public


def phase(vote: Vote, today: date) -> Phase:
    if vote.status == VoteStatus.CONCEPT:
        return Phase.CONCEPT
    if vote.status == VoteStatus.GESLOTEN:
        return Phase.CLOSED
    if today < vote.opens_on:
        return Phase.SOON
    return Phase.RUNNING if today <= vote.closes_on else Phase.COUNTING


def may_vote_online(vote: Vote, today: date) -> bool:
    return phase(vote, today) is Phase.RUNNING


def paper_refusal(vote: Vote, today: date) -> str | None:
    """Why a paper ballot cannot be typed in today (Dutch), or None. Paper ballots that
    arrived by the closing day may be typed in until the vote is closed."""
    current = phase(vote, today)
    if current is Phase.CONCEPT:
        return "Maak eerst de stemcodes; daarna kunt u papieren stembiljetten invoeren."
    if current is Phase.SOON:
        return f"De stemming opent pas op {vote.opens_on:%d-%m-%Y}."
    if current is Phase.CLOSED:
        return "De stemming is gesloten; er kunnen geen stembiljetten meer bij."
    return None


def close_refusal(vote: Vote, today: date) -> str | None:
    """Why the vote cannot be closed today (Dutch), or None."""
    current = phase(vote, today)
    if current is Phase.CLOSED:
        return "Deze stemming is al gesloten en geteld."
    if current is Phase.CONCEPT:
        return "Deze stemming is nog niet begonnen: er zijn nog geen stemcodes."
    if current is not Phase.COUNTING:
        return (
            f"De stemming loopt tot en met {vote.closes_on:%d-%m-%Y}. Sluiten en tellen kan "
            "vanaf de dag daarna."
        )
    return None


def change_refusal(vote: Vote) -> str | None:
    """Why the set-up cannot change any more (Dutch), or None."""
    if vote.status == VoteStatus.CONCEPT:
        return None
    return (
        "De stemcodes zijn al gemaakt: het stembiljet, het budget en de dagen liggen vast. "
        "Maak zo nodig een nieuwe stemming."
    )


def reissue_refusal(vote: Vote, today: date) -> str | None:
    """Why a resident's lost code cannot be replaced by a new one today (Dutch), or None:
    only while the codes are out and the resident can still vote with a new one."""
    current = phase(vote, today)
    if current is Phase.CONCEPT:
        return "Deze stemming heeft nog geen stemcodes: er is geen code om te vervangen."
    if current is Phase.COUNTING:
        return (
            f"Stemmen kon tot en met {vote.closes_on:%d-%m-%Y}: met een nieuwe code kan niemand "
            "meer stemmen. Er is niets veranderd."
        )
    if current is Phase.CLOSED:
        return "Deze stemming is gesloten en de codes zijn vernietigd. Er is niets veranderd."
    return None


def delete_refusal(vote: Vote) -> str | None:
    """Why the vote cannot be deleted (Dutch), or None: only a concept can go."""
    if vote.status == VoteStatus.CONCEPT:
        return None
    if vote.status == VoteStatus.GESLOTEN:
        return (
            "Deze stemming is gesloten en geteld: de uitslag blijft bewaard. Er is niets veranderd."
        )
    return (
        "De stemcodes van deze stemming zijn al gemaakt (en misschien al verstuurd): de "
        "stemming kan niet meer weg. Er is niets veranderd."
    )


@dataclass(frozen=True)
class SetUp:
    """What the organiser chose for a vote, read and typed as the services pass it."""

    title: str
    budget: Decimal
    ballot_kind: str
    rule: str
    opens_on: date
    closes_on: date
    min_age: int
    costs: Mapping[int, Decimal]  # idea id -> cost on the ballot, in the ballot's order


def setup_problems(setup: SetUp, today: date, idea_names: Mapping[int, str]) -> list[str]:
    """Every problem of a set-up at once, in Dutch. `idea_names` names the published ideas
    of the neighbourhood (idea id -> reference), the only ideas that may go on a ballot."""
    found: list[str] = []
    if not setup.title.strip():
        found.append("Geef de stemming een naam, bijvoorbeeld 'Buurtbudget 2027'.")
    elif len(setup.title) > TITLE_MAX:
        found.append(f"De naam is te lang (hoogstens {TITLE_MAX} tekens).")
    if setup.budget <= 0:
        found.append(BUDGET_POSITIVE)
    if setup.ballot_kind not in KINDS:
        found.append(
            "Kies het soort stembiljet: voor of tegen per idee, of kiezen binnen het budget."
        )
    if setup.rule not in RULES:
        found.append("Kies hoe de stemmen worden geteld: gelijke delen of meeste stemmen.")
    if setup.opens_on < today:
        found.append(f"De stemming kan niet openen in het verleden ({setup.opens_on:%d-%m-%Y}).")
    if setup.closes_on < setup.opens_on:
        found.append("De laatste dag om te stemmen ligt vóór de eerste dag.")
    low, high = MIN_AGE_RANGE
    if not low <= setup.min_age <= high:
        found.append(f"De minimumleeftijd moet tussen {low} en {high} jaar liggen.")
    return found + _idea_problems(setup, idea_names)


def _idea_problems(setup: SetUp, idea_names: Mapping[int, str]) -> list[str]:
    found: list[str] = []
    if len(setup.costs) < MIN_IDEAS:
        found.append(f"Zet minstens {MIN_IDEAS} ideeën op het stembiljet.")
    if len(setup.costs) > MAX_IDEAS:
        found.append(f"Zet hoogstens {MAX_IDEAS} ideeën op het stembiljet.")
    for idea_id, cost in setup.costs.items():
        name = idea_names.get(idea_id)
        if name is None:
            found.append(
                f"Idee {idea_id} is geen gepubliceerd idee van deze wijk; alleen gepubliceerde "
                "ideeën kunnen op het stembiljet."
            )
            continue
        if cost <= 0:
            found.append(f"{name}: de kosten moeten meer dan € 0 zijn.")
        elif setup.budget > 0 and cost > setup.budget:
            found.append(
                f"{name} kost {euro(cost)}, meer dan het hele budget van {euro(setup.budget)}; "
                "zo'n idee kan nooit winnen."
            )
    return found


def ballot_problems(
    kind: str, budget: Decimal, costs: Mapping[int, Decimal], chosen: Sequence[int]
) -> list[str]:
    """What is wrong with a ballot (Dutch): ideas not on it, an idea twice, and for
    kiezen binnen het budget a total above the budget. An empty ballot is allowed (it
    counts as a resident who voted for none of the ideas)."""
    found: list[str] = []
    if len(set(chosen)) != len(chosen):
        found.append("U heeft een idee twee keer gekozen.")
    if any(item not in costs for item in chosen):
        found.append("U koos een idee dat niet op dit stembiljet staat.")
    total = sum((costs[i] for i in set(chosen) if i in costs), Decimal(0))
    if kind == "knapsack" and total > budget:
        found.append(
            f"De gekozen ideeën kosten samen {euro(total)}, meer dan het budget van "
            f"{euro(budget)}. Haal een of meer ideeën weg, zodat het samen binnen het "
            "budget past."
        )
    return found


def chosen_total(costs: Mapping[int, Decimal], chosen: Sequence[int]) -> Decimal:
    return sum((costs[i] for i in set(chosen) if i in costs), Decimal(0))
