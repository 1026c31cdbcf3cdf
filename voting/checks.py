"""Whether an election holds together: every problem at once, in Dutch.

`problems` names ideas and ballots by their line in a file when the reader passes the
lines, and otherwise by their place ("idee 3", "stembiljet 12").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from voting.errors import Problem, VotingInputError
from voting.model import KINDS, Ballot, Election, Idea
from voting.money import euro, whole_cents

MAX_ID = 100  # characters of an idea's id or a voter's id
MAX_TEXT = 1000  # characters of a name or category
_FORBIDDEN_IN_ID = set(",;\"'")


def checked(election: Election) -> Election:
    """The election itself, or VotingInputError with every problem."""
    found = problems(election)
    if found:
        raise VotingInputError(found)
    return election


def problems(
    election: Election,
    idea_lines: Sequence[int] | None = None,
    ballot_lines: Sequence[int] | None = None,
) -> list[Problem]:
    return _budget_problems(election) + content_problems(election, idea_lines, ballot_lines)


def content_problems(
    election: Election,
    idea_lines: Sequence[int] | None = None,
    ballot_lines: Sequence[int] | None = None,
    need_ideas: bool = True,
) -> list[Problem]:
    """The ideas and ballots (not the budget itself, which a file's reader checks)."""
    found: list[Problem] = []
    if not election.ideas and need_ideas:
        found.append(Problem(0, "Er staan geen ideeën in de stemming."))
    seen: Counter[str] = Counter(idea.id for idea in election.ideas)
    for number, idea in enumerate(election.ideas):
        line, where = _place(idea_lines, number, f"idee {idea.id or number + 1}")
        found += [Problem(line, f"{where}: {text}") for text in _idea_problems(idea, seen)]
    voters: Counter[str] = Counter(b.voter for b in election.ballots if b.voter)
    for number, ballot in enumerate(election.ballots):
        line, where = _place(ballot_lines, number, f"stembiljet {number + 1}")
        texts = _ballot_problems(election, ballot, voters)
        found += [Problem(line, f"{where}: {text}") for text in texts]
    return found


def _place(lines: Sequence[int] | None, number: int, name: str) -> tuple[int, str]:
    if lines is None:
        return 0, name[0].upper() + name[1:]
    return lines[number], name


def _budget_problems(election: Election) -> list[Problem]:
    found: list[Problem] = []
    if election.kind not in KINDS:
        found.append(Problem(0, f"Onbekende soort stembiljet {election.kind!r}."))
    for key, value in election.meta:
        texts = _text_problems(f"META-regel {key!r}", key + value, MAX_TEXT)
        found += [Problem(0, text[0].upper() + text[1:] + ".") for text in texts]
    if not whole_cents(election.budget) or election.budget <= 0:
        found.append(
            Problem(
                0,
                f"Het budget ({election.budget}) moet een bedrag boven € 0 in hele centen zijn.",
            )
        )
    return found


def _text_problems(label: str, value: str, limit: int) -> list[str]:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return [f"{label} bevat een regeleinde of een ander stuurteken"]
    if len(value) > limit:
        return [f"{label} is langer dan {limit} tekens"]
    return []


def _id_problems(label: str, value: str) -> list[str]:
    if not value.strip():
        return [f"{label} ontbreekt"]
    if value != value.strip() or _FORBIDDEN_IN_ID & set(value):
        return [
            f"{label} {value!r} mag geen spatie aan begin of eind, komma, puntkomma of "
            "aanhalingsteken hebben"
        ]
    if value.lower() in ("meta", "projects", "votes"):
        return [f"{label} mag niet {value!r} zijn (zo heet een deel van een pabulib-bestand)"]
    return _text_problems(label, value, MAX_ID)


def _idea_problems(idea: Idea, seen: Counter[str]) -> list[str]:
    found = _id_problems("het nummer", idea.id)
    if idea.id and seen[idea.id] > 1:
        found.append(f"het nummer {idea.id!r} komt {seen[idea.id]} keer voor")
    found += _text_problems("de naam", idea.name, MAX_TEXT)
    found += _text_problems("de categorie", idea.category, MAX_TEXT)
    if not whole_cents(idea.cost) or idea.cost <= 0:
        found.append(f"de kosten ({idea.cost}) moeten een bedrag boven € 0 in hele centen zijn")
    return found


def _ballot_problems(election: Election, ballot: Ballot, voters: Counter[str]) -> list[str]:
    found: list[str] = []
    if ballot.voter:
        found += _id_problems("de kiezer", ballot.voter)
        if voters[ballot.voter] > 1:
            found.append(f"kiezer {ballot.voter!r} heeft {voters[ballot.voter]} stembiljetten")
    unknown = sorted(set(ballot.ideas) - set(election.by_id))
    if unknown:
        found.append("onbekend idee " + ", ".join(repr(i) for i in unknown))
    costs = [election.by_id[i].cost for i in ballot.ideas if i in election.by_id]
    if election.kind == "knapsack" and all(whole_cents(c) for c in [election.budget, *costs]):
        total = sum(costs, Decimal(0))
        if total > election.budget:
            found.append(
                f"de gekozen ideeën kosten samen {euro(total)}, meer dan het budget van "
                f"{euro(election.budget)}; bij kiezen binnen het budget telt dit stembiljet niet"
            )
    return found
