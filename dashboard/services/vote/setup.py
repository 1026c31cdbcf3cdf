"""Setting up a neighbourhood vote and sending its codes (organisers of the neighbourhood).

A vote starts as a concept (`create_vote`, `change_vote`): neighbourhood, budget, the
published ideas on the ballot with their costs, the kind of ballot, the rule that decides,
the days and the minimum age; every problem of the form at once. `issue_codes` then gives
every resident of the vote's age (on the opening day) in the register of the neighbourhood
a one-time code (`voting.codes`, from `secrets`), which opens the vote and fixes its
ballot. The letters (`mail_merge`, `letters_file`) carry the code, the voting page's
address with the code filled in and a paper ballot. A concept may be deleted
(`delete_vote`); once the codes are out it stays. A resident who lost the letter gets a
new code while the vote can still be voted in (`code_holders` finds them by address,
`reissue_code` makes the code and that one letter; the old code stops working). Every
step is audited, with counts only: never a code or who.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

import pandas as pd

from dashboard import config
from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import Problems, UserError
from dashboard.domain.ideas import Idea, IdeaStatus
from dashboard.domain.money import AmountError, parse_amount
from dashboard.domain.votes import (
    BUDGET_POSITIVE,
    Phase,
    SetUp,
    Vote,
    VoteItem,
    VoteStatus,
    change_refusal,
    delete_refusal,
    phase,
    reissue_refusal,
    setup_problems,
)
from dashboard.files import vote_letters
from dashboard.files.draw_documents import full_name
from dashboard.services.budget.common import require_organiser_role
from dashboard.services.draws.invitations import LetterDetails, check_letter_details
from dashboard.services.vote.common import organisers_vote
from dashboard.store import audit, geography, ideas, vote_codes, votes
from dashboard.store import privacy as contacts
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock
from voting.codes import new_codes

VOTE_PAGE = "resident_vote"  # the voting page's address (dashboard/pages/resident_vote.py)
LETTERS_PER_FILE = 500  # printable letters per file: each has its own QR code (~5-10 ms)


@dataclass(frozen=True)
class VoteInput:
    """The set-up as the organiser filled it in."""

    neighbourhood_id: int
    title: str
    budget: str | Decimal
    ballot_kind: str
    rule: str
    opens_on: date
    closes_on: date
    min_age: int
    items: Sequence[tuple[int, str | Decimal]]  # (idea id, cost as typed), in ballot order


def ballot_ideas(store: Store, caller: Caller, neighbourhood_id: int) -> list[Idea]:
    """The neighbourhood's published ideas: what may go on a ballot."""
    require_organiser(caller, neighbourhood_id)
    with store.read() as cur:
        return [
            i
            for i in ideas.ideas_for_neighbourhood(cur, neighbourhood_id)
            if i.status == IdeaStatus.GEPUBLICEERD
        ]


def _checked(cur: Unit, data: VoteInput, today: date) -> tuple[SetUp, list[Idea]]:
    """The set-up read and checked (every problem at once), with the ideas in ballot order."""
    problems = Problems()
    budget = problems.check(lambda: _amount(data.budget, "Het budget"))
    if geography.neighbourhood(cur, data.neighbourhood_id) is None:
        problems.add("Kies de wijk.")
    published = {
        i.id: i
        for i in ideas.ideas_for_neighbourhood(cur, data.neighbourhood_id)
        if i.status == IdeaStatus.GEPUBLICEERD
    }
    costs: dict[int, Decimal] = {}
    for idea_id, typed in data.items:
        name = published[idea_id].reference if idea_id in published else f"Idee {idea_id}"
        if idea_id in costs:
            problems.add(f"{name} staat twee keer op het stembiljet.")
            continue
        cost = problems.check(partial(_amount, typed, f"{name}: de kosten"))
        costs[idea_id] = cost if cost is not None else Decimal(1)
    setup = SetUp(
        data.title.strip(),
        budget if budget is not None else Decimal(0),
        data.ballot_kind,
        data.rule,
        data.opens_on,
        data.closes_on,
        int(data.min_age),
        costs,
    )
    names = {i: idea.reference for i, idea in published.items()}
    for problem in setup_problems(setup, today, names):
        if budget is not None or problem != BUDGET_POSITIVE:  # said already: unreadable
            problems.add(problem)
    problems.raise_any()
    return setup, [published[i] for i in costs]


def _amount(typed: str | Decimal, label: str) -> Decimal:
    try:
        return parse_amount(typed)
    except AmountError as exc:
        raise UserError(f"{label}: {exc}") from None


def _values(setup: SetUp, neighbourhood_id: int) -> dict[str, object]:
    return {
        "neighbourhood_id": neighbourhood_id,
        "title": setup.title,
        "budget": setup.budget,
        "ballot_kind": setup.ballot_kind,
        "rule": setup.rule,
        "opens_on": setup.opens_on,
        "closes_on": setup.closes_on,
        "min_age": setup.min_age,
    }


def _items(setup: SetUp, chosen: list[Idea]) -> list[tuple[int, str, str, Decimal]]:
    return [(i.id, i.title, i.description, setup.costs[i.id]) for i in chosen]


def create_vote(store: Store, caller: Caller, data: VoteInput, today: date | None = None) -> int:
    """A new vote as a concept; returns its id."""
    require_organiser_role(caller)
    require_organiser(caller, data.neighbourhood_id)
    day = today or clock.today()

    def work(cur: Unit) -> int:
        setup, chosen = _checked(cur, data, day)
        vote_id = votes.add_vote(
            cur,
            {**_values(setup, data.neighbourhood_id), "status": VoteStatus.CONCEPT,
             "created_at": clock.utc_naive_now()},
        )  # fmt: skip
        votes.replace_items(cur, vote_id, _items(setup, chosen))
        audit.append(
            cur, caller.actor, "vote.create", "vote", vote_id,
            {"neighbourhood_id": data.neighbourhood_id, "ideas": len(chosen),
             "budget": str(setup.budget), "kind": setup.ballot_kind, "rule": setup.rule},
        )  # fmt: skip
        return vote_id

    return store.write(work)


def change_vote(
    store: Store, caller: Caller, vote_id: int, data: VoteInput, today: date | None = None
) -> None:
    """Change a concept (everything, the ideas on the ballot too); refused once the codes
    are out."""
    require_organiser_role(caller)
    day = today or clock.today()

    def work(cur: Unit) -> None:
        found = organisers_vote(cur, caller, vote_id)
        votes.lock(cur, vote_id)
        refusal = change_refusal(found)
        if refusal:
            raise UserError(refusal)
        if data.neighbourhood_id != found.neighbourhood_id:
            raise UserError(
                "Een stemming blijft in haar wijk; maak een nieuwe voor een andere wijk."
            )
        setup, chosen = _checked(cur, data, day)
        votes.update_vote(cur, vote_id, _values(setup, found.neighbourhood_id))
        votes.replace_items(cur, vote_id, _items(setup, chosen))
        audit.append(
            cur, caller.actor, "vote.change", "vote", vote_id,
            {"ideas": len(chosen), "budget": str(setup.budget), "kind": setup.ballot_kind,
             "rule": setup.rule},
        )  # fmt: skip

    store.write(work)


def delete_vote(store: Store, caller: Caller, vote_id: int) -> str:
    """Delete a concept (before its codes are made; refused after, changing nothing).
    Returns its name. The ideas on its ballot are free for another vote."""
    require_organiser_role(caller)

    def work(cur: Unit) -> str:
        found = organisers_vote(cur, caller, vote_id)
        votes.lock(cur, vote_id)  # not while its codes are being made
        refusal = delete_refusal(found)
        if refusal:
            raise UserError(refusal)
        ideas_on_it = votes.delete_concept(cur, vote_id)
        audit.append(
            cur, caller.actor, "vote.delete", "vote", vote_id,
            {"neighbourhood_id": found.neighbourhood_id, "ideas": ideas_on_it},
        )  # fmt: skip
        return found.title

    return store.write(work)


# The organisers' overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteSummary:
    vote: Vote
    items: tuple[VoteItem, ...]
    phase: Phase
    codes: int  # handed out (0 once the list was destroyed: see vote.codes_destroyed)
    used: int  # codes used so far
    ballots: dict[str, int]  # per channel


def organiser_votes(
    store: Store, caller: Caller, neighbourhood_id: int, today: date | None = None
) -> list[VoteSummary]:
    """The neighbourhood's votes, the newest first, with how far each is."""
    require_organiser(caller, neighbourhood_id)
    day = today or clock.today()
    with store.read() as cur:
        found = votes.votes_for_neighbourhood(cur, neighbourhood_id)
        return [
            VoteSummary(
                v,
                tuple(votes.items(cur, v.id)),
                phase(v, day),
                (counts := vote_codes.counts(cur, v.id)).issued,
                counts.used,
                votes.ballot_counts(cur, v.id),
            )
            for v in found
        ]


# Codes and letters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRoom:
    eligible: int  # residents of the vote's age with an address: each gets a code
    left_out: int  # residents of the vote's age without an address to write to


def code_room(store: Store, caller: Caller, vote_id: int) -> CodeRoom:
    """How many codes `issue_codes` would make now, and who it leaves out."""
    require_organiser_role(caller)
    with store.read() as cur:
        found = organisers_vote(cur, caller, vote_id)
        frame = vote_codes.eligible(cur, found.neighbourhood_id, found.opens_on, found.min_age)
        missing = vote_codes.left_out(cur, found.neighbourhood_id, found.opens_on, found.min_age)
    return CodeRoom(len(frame), missing)


def issue_codes(store: Store, caller: Caller, vote_id: int, today: date | None = None) -> int:
    """Give every resident of the vote's age (on its opening day) who lives in its
    neighbourhood a one-time code, once; the vote is open from then on and its ballot is
    fixed. Returns how many codes were made."""
    require_organiser_role(caller)
    day = today or clock.today()
    randomness = secrets.SystemRandom()

    def work(cur: Unit) -> int:
        found = organisers_vote(cur, caller, vote_id)
        votes.lock(cur, vote_id)  # two sessions at once: the later one finds the codes
        if found.status != VoteStatus.CONCEPT:
            raise UserError(
                "De stemcodes van deze stemming zijn al gemaakt; er is niets veranderd."
            )
        if day > found.closes_on:
            raise UserError(
                f"De laatste dag om te stemmen ({found.closes_on:%d-%m-%Y}) is voorbij. Pas de "
                "dagen aan en maak dan de codes."
            )
        if len(votes.items(cur, vote_id)) < 2:
            raise UserError("Zet eerst minstens twee ideeën op het stembiljet.")
        frame = vote_codes.eligible(cur, found.neighbourhood_id, found.opens_on, found.min_age)
        if frame.empty:
            raise UserError(
                f"In het register van deze wijk woont niemand van {found.min_age} jaar of ouder "
                "met een adres; er zijn geen codes gemaakt."
            )
        codes = new_codes(len(frame), randomness, _with_dash(vote_codes.taken(cur)))
        frame = frame.assign(code=[c.replace("-", "") for c in codes], vote_id=vote_id)
        made = vote_codes.load_codes(
            cur, frame[["code", "vote_id", "resident_id", "part_id", "age_band"]]
        )
        missing = vote_codes.left_out(cur, found.neighbourhood_id, found.opens_on, found.min_age)
        votes.update_vote(
            cur, vote_id,
            {"status": VoteStatus.OPEN, "codes_issued_at": clock.utc_naive_now(),
             "codes_issued": made},
        )  # fmt: skip
        audit.append(
            cur, caller.actor, "vote.codes", "vote", vote_id,
            {"codes": made, "left_out": missing, "reference_date": found.opens_on.isoformat()},
        )  # fmt: skip
        return made

    return store.write(work)


def _with_dash(codes: set[str]) -> set[str]:
    """Stored codes ('K7QM2XHD') as `voting.codes` writes them ('K7QM-2XHD')."""
    return {f"{c[:4]}-{c[4:]}" for c in codes}


def vote_page() -> str:
    """The voting page's address for the letters (WIJKRAAD_PUBLIC_URL)."""
    try:
        return f"{config.public_url()}/{VOTE_PAGE}"
    except ValueError as exc:
        raise UserError(
            f"De instelling {config.PUBLIC_URL} (het adres van Wijkraad voor bewoners) klopt "
            "niet. Vraag de beheerder om die te verbeteren; het adres komt in de brieven."
        ) from exc


def _with_codes(cur: Unit, caller: Caller, vote_id: int) -> Vote:
    """The vote, when it has its codes (to write letters with)."""
    found = organisers_vote(cur, caller, vote_id)
    if found.status != VoteStatus.OPEN:
        raise UserError(
            "Deze stemming heeft geen stemcodes (meer): maak eerst de codes."
            if found.status == VoteStatus.CONCEPT
            else "Deze stemming is gesloten; de codes zijn vernietigd."
        )
    return found


def mail_merge(store: Store, caller: Caller, vote_id: int) -> pd.DataFrame:
    """The letters' codes, names and addresses for the print shop (personal data)."""
    require_organiser_role(caller)
    with store.read() as cur:
        _with_codes(cur, caller, vote_id)
        rows = vote_codes.mail_merge(cur, vote_id)
    return vote_letters.mail_merge_frame(rows, vote_page())


def letter_files(store: Store, caller: Caller, vote_id: int) -> int:
    """How many files of printable letters the vote has (LETTERS_PER_FILE each)."""
    require_organiser_role(caller)
    with store.read() as cur:
        found = organisers_vote(cur, caller, vote_id)
        letters = vote_codes.letters_count(cur, vote_id) if found.status == VoteStatus.OPEN else 0
    return math.ceil(letters / LETTERS_PER_FILE)


def letters_file(
    store: Store, caller: Caller, vote_id: int, details: LetterDetails, part: int = 1
) -> str:
    """Printable letters in plain Dutch, one per page with its paper ballot (HTML; print to
    paper or PDF): file `part` of `letter_files`."""
    require_organiser_role(caller)
    _check_details(details)
    with store.read() as cur:
        found = _with_codes(cur, caller, vote_id)
        files = max(1, math.ceil(vote_codes.letters_count(cur, vote_id) / LETTERS_PER_FILE))
        if not 1 <= part <= files:
            raise UserError(f"Kies een bestand van 1 tot en met {files}.")
        first = (part - 1) * LETTERS_PER_FILE
        chunk = vote_codes.mail_merge(cur, vote_id, first, LETTERS_PER_FILE)
        settings = _letter_settings(cur, found, details)
    label = f"deel {part} van {files}" if files > 1 else ""
    return vote_letters.letters_html(chunk, settings, label)


def _check_details(details: LetterDetails) -> None:
    # The voting letters have no answer date (the vote's closing day is in them); the
    # draw's check of the phone, e-mail and sender is reused with a date that passes.
    check_letter_details(
        LetterDetails(clock.today() + timedelta(days=1), details.phone, details.email,
                      details.sender)
    )  # fmt: skip


def _letter_settings(
    cur: Unit, found: Vote, details: LetterDetails
) -> vote_letters.VoteLetterSettings:
    town = geography.municipality(cur)
    on_ballot = votes.items(cur, found.id)
    return vote_letters.VoteLetterSettings(
        municipality=town.name if town else "",
        title=found.title,
        budget=found.budget,
        knapsack=found.ballot_kind == "knapsack",
        opens_on=found.opens_on,
        closes_on=found.closes_on,
        min_age=found.min_age,
        phone=details.phone.strip(),
        email=details.email.strip(),
        sender=details.sender.strip(),
        dated=clock.today(),
        vote_page=vote_page(),
        ideas=vote_letters.lines([(i.number, i.title, i.cost) for i in on_ballot]),
    )


# A lost code -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeHolder:
    """Someone at an address with a code of the vote (for the organisers only)."""

    resident_id: int
    name: str
    birth_year: int
    voted: bool  # the code was used, online or on paper: a new one cannot vote again


def code_holders(
    store: Store, caller: Caller, vote_id: int, postcode: str, house_number: str,
    today: date | None = None,
) -> list[CodeHolder]:  # fmt: skip
    """Who at this address in the vote's neighbourhood has a code of the vote: to give
    one of them, who lost the letter, a new code (`reissue_code`)."""
    require_organiser_role(caller)
    day = today or clock.today()
    if not postcode.strip() or not house_number.strip():
        raise UserError("Vul een postcode en een huisnummer in.")
    with store.read() as cur:
        found = organisers_vote(cur, caller, vote_id)
        refusal = reissue_refusal(found, day)
        if refusal:
            raise UserError(refusal)
        people = contacts.find_by_address(
            cur, postcode, house_number, frozenset({found.neighbourhood_id})
        )
        codes = vote_codes.used_by_resident(cur, vote_id, [p.resident_id for p in people])
    return [
        CodeHolder(p.resident_id, full_name(p.first_name, p.last_name), p.birth_year,
                   codes[p.resident_id])
        for p in people
        if p.resident_id in codes
    ]  # fmt: skip


def reissue_code(
    store: Store, caller: Caller, vote_id: int, resident_id: int, details: LetterDetails,
    today: date | None = None,
) -> str:  # fmt: skip
    """A new code for a resident who lost the letter, while the vote can still be voted
    in: the old code stops working at once (unless it was used: then nothing changes, a
    resident votes once). Returns the new letter for that one resident (HTML, with its
    paper ballot). Audited without the resident or a code."""
    require_organiser_role(caller)
    _check_details(details)
    day = today or clock.today()
    randomness = secrets.SystemRandom()

    def work(cur: Unit) -> str:
        found = organisers_vote(cur, caller, vote_id)
        votes.lock(cur, vote_id)  # not while the vote is closed and its codes destroyed
        refusal = reissue_refusal(found, day)
        if refusal:
            raise UserError(refusal)
        held = vote_codes.used_by_resident(cur, vote_id, [resident_id])
        if resident_id not in held:
            raise UserError("Deze bewoner heeft geen stemcode van deze stemming.")
        if held[resident_id]:
            raise UserError(
                "Met de code van deze bewoner is al gestemd (online of op papier). Iedereen "
                "stemt één keer; een nieuwe code kan daarom niet. Er is niets veranderd."
            )
        (code,) = new_codes(1, randomness, _with_dash(vote_codes.taken(cur)))
        vote_codes.replace_code(cur, vote_id, resident_id, code.replace("-", ""))
        audit.append(cur, caller.actor, "vote.code_reissued", "vote", vote_id, {"codes": 1})
        letter = vote_codes.mail_merge(cur, vote_id, resident_id=resident_id)
        return vote_letters.letters_html(letter, _letter_settings(cur, found, details),
                                         "nieuwe code")  # fmt: skip

    return store.write(work)
