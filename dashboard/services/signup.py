"""Residents sign up for a draw online with the code of their letter (issue 16).

No login: the letter's code is the key. A code opens its own letter only, and only while
its draw takes registrations (two-stage, the letters drawn, the selection not yet prepared:
no fingerprint). Until then whoever holds the code sees the answer that counts, corrects it
or withdraws; every change is a new `response` (channel 'online') and the earlier one stays
as its trace, as for the organisers' form (dashboard/services/draws/answers.py). After the
fingerprint the organisers handle a withdrawal (a decline in step 8).

A code that is wrong, unknown, of a letter of another draw, or whose registration is over
gets one and the same message (`BAD_CODE`), so a guesser learns nothing from it; wrong
codes are counted per client (the browser's address, dashboard/web/client_limits.py) and,
like logins, a client is refused for a while after `LockoutPolicy.max_failures` of them
(dashboard/security/lockout.py; the page also limits how often a code may be tried at
all). A client that cannot be told apart (no address) is not limited, as everywhere.

What a resident leaves to be reached by (phone, e-mail) is personal data: stored apart
(`signup_contact`), shown back only to whoever holds the code, to the organisers in the
draw's contact list (audited), and erased on request and by the retention rule
(dashboard/services/privacy.py). The audit log gets counts and kinds, never who or how to
reach them. Household members are shown by initial and birth year only ("J. (1978)").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from dashboard.domain.auth import PUBLIC
from dashboard.domain.contact import check_reach
from dashboard.domain.errors import UserError
from dashboard.domain.models import Invitation, Response
from dashboard.domain.statuses import DrawStatus
from dashboard.domain.translatable import N_
from dashboard.security.lockout import LockoutPolicy, UnknownNames
from dashboard.security.rate_limit import refusal_message
from dashboard.services.draws.answers import confirmation_number, normal_code
from dashboard.services.draws.context import (
    ANSWER_LABELS,
    Answers,
    DrawContext,
    answer_choices,
    check_answers,
    letter_context,
    log,
    part_names,
    unknown_answers,
)
from dashboard.services.draws.invitations import not_drawable
from dashboard.store import draws, signups
from dashboard.store.db import Store
from dashboard.store.signups import HouseholdMember
from dashboard.store.unit import Unit
from sortition import clock

T = TypeVar("T")

BAD_CODE = N_(
    "Met deze code kunt u zich hier niet aanmelden. Kijk of u de code goed heeft "
    "overgenomen uit de brief: 8 letters en cijfers, zoals K7QM-2XHD. Aanmelden, en uw "
    "aanmelding bekijken of wijzigen, kan alleen zolang de aanmeldingen open zijn. Heeft u "
    "zich al aangemeld en is de loting al voorbereid? Dan regelt de organisatie het verder. "
    "Wilt u toch niet meedoen, of klopt er iets niet? Bel of mail de organisatie: het "
    "telefoonnummer en het e-mailadres staan in uw brief."
)
NO_MEMBER = N_("Kies wie van uw huishouden zich aanmeldt.")
NO_CONTACT = N_(
    "Vul een telefoonnummer of een e-mailadres in (of allebei), zodat de organisatie u kan "
    "bereiken."
)
NO_CONSENT = N_(
    "Lees eerst wat wij met uw gegevens doen en zet daarna het vinkje. Zonder dat vinkje "
    "kunnen wij uw aanmelding niet aannemen."
)
NOT_SIGNED_UP = N_("U bent niet aangemeld; er is niets om in te trekken.")
# Wrong codes per client (digests, in memory, like login names that are no account).
FAILURES = UnknownNames()


class _BadCode(Exception):
    """The code opens no letter that takes a registration now (never shown as such)."""


@dataclass(frozen=True)
class Member:
    """Someone in the household who may sign up: by number (1 is the oldest), shown only by
    the initial of the first name and the birth year."""

    number: int
    label: str  # "J. (1978)"


@dataclass(frozen=True)
class Question:
    key: str  # as in ANSWER_LABELS
    label: str  # Dutch: "opleiding"
    choices: dict[str, str]  # accepted value -> how it reads (a buurt by its name)


@dataclass(frozen=True)
class Current:
    """The answer that counts now for the letter."""

    outcome: str  # ja, nee
    member: int | None  # who signed up (Member.number); None when not in the household list
    answers: dict[str, str]  # question -> the answer given, as it reads
    phone: str | None
    email: str | None
    online: bool  # sent on this page (else recorded by the organisation)
    confirmation: str  # the confirmation number of an online answer, else ""
    answered_at: datetime  # UTC, naive as stored


@dataclass(frozen=True)
class SignUp:
    """A letter whose code opened it: what the page shows and asks."""

    draw_id: int
    code: str  # as printed on the letter: 'K7QM-2XHD'
    council_name: str
    min_age: int
    members: tuple[Member, ...]
    questions: dict[int, tuple[Question, ...]]  # per member: what the register does not know
    current: Current | None


@dataclass(frozen=True)
class Form:
    """What the resident filled in."""

    member: int  # Member.number
    answers: Mapping[str, str | None]  # question -> value; empty: rather not say
    phone: str
    email: str
    read_privacy: bool


@dataclass(frozen=True)
class Confirmation:
    """What a resident keeps: the confirmation number and what was recorded."""

    number: str
    code: str
    council_name: str
    outcome: str  # ja, nee (a withdrawal)
    member: str  # the label of who signed up
    answers: tuple[tuple[str, str], ...]  # (question as in ANSWER_LABELS, answer as it reads)
    phone: str | None
    email: str | None
    at: datetime  # UTC, naive as stored
    change: str  # new, changed, withdrawn, same (sent before: nothing new recorded)


# Opening a letter by its code --------------------------------------------------------------------


def _registration_open(ctx: DrawContext) -> bool:
    """The draw takes registrations on its letters (which exist once drawn): two stages,
    the selection not prepared (or its preparation undone)."""
    draw = ctx.draw
    return draw.method == "two_stage" and draw.status == DrawStatus.OPEN and not draw.commitment


def _letter(cur: Unit, code: str, draw_id: int | None) -> tuple[DrawContext, Invitation]:
    """The one letter `code` opens now (of draw `draw_id` when given), else _BadCode."""
    normal = normal_code(code)
    found = []
    for letter in signups.letters_with_code(cur, normal):  # also for a malformed code
        if draw_id is not None and letter.draw_id != draw_id:
            continue
        ctx = letter_context(cur, letter.draw_id)
        if ctx is not None and _registration_open(ctx):
            found.append((ctx, letter))
    if len(normal) != 8 or len(found) != 1:
        raise _BadCode
    return found[0]


def _guarded(store: Store, client: str | None, now: datetime | None, act: Callable[[], T]) -> T:
    """Run `act` unless the client is locked out after wrong codes; a wrong code (_BadCode)
    counts against the client and reads BAD_CODE."""
    moment = now or clock.now()
    key = FAILURES.key(store.path, client) if client is not None else None
    if key is not None:
        locked = FAILURES.locked_until(key, moment)
        if locked is not None:
            raise UserError(refusal_message((locked - moment).total_seconds()))
    try:
        return act()
    except _BadCode:
        if key is not None:
            FAILURES.fail(key, moment, LockoutPolicy.from_env())
        raise UserError(BAD_CODE) from None


def find_signup(store: Store, code: str, client: str | None, now: datetime | None = None) -> SignUp:
    """The letter `code` opens, with its household and the answer that counts; BAD_CODE
    for any code that opens none now."""

    def act() -> SignUp:
        with store.read() as cur:
            ctx, letter = _letter(cur, code, None)
            return _view(cur, ctx, letter)

    return _guarded(store, client, now, act)


def _members(cur: Unit, ctx: DrawContext, letter: Invitation) -> list[HouseholdMember]:
    """Who in the letter's household may sign up: of the draw's age on its reference day,
    not sitting on the council nor in its cool-down, contact data not erased on request
    (as for the invitation lottery)."""
    left_out = set(not_drawable(cur, ctx, ctx.reference_date))
    erased = set(draws.erased_in_register(cur, ctx.draw.id))
    return [
        m
        for m in signups.household(cur, ctx.draw.id, letter.household_id, ctx.reference_date)
        if m.age >= ctx.min_age and m.resident_id not in left_out | erased
    ]


def _labels(members: list[HouseholdMember]) -> list[str]:
    """Initial and birth year; two alike get a number after them."""
    plain = [f"{m.initial}. ({m.birth_year})" if m.initial else f"({m.birth_year})"
             for m in members]  # fmt: skip
    return [
        label if plain.count(label) == 1 else f"{label} {plain[: n + 1].count(label)}"
        for n, label in enumerate(plain)
    ]


def _view(cur: Unit, ctx: DrawContext, letter: Invitation) -> SignUp:
    members = _members(cur, ctx, letter)
    labels = _labels(members)
    choices = answer_choices(cur, ctx)
    names = part_names(cur, ctx)
    questions = {
        n: tuple(
            Question(key, ANSWER_LABELS[key], {v: names.get(v, v) for v in choices[key]})
            for key in unknown_answers(m.answers)
        )
        for n, m in enumerate(members, start=1)
    }
    return SignUp(
        ctx.draw.id,
        str(letter.letter_code),
        ctx.council.name,
        ctx.min_age,
        tuple(Member(n, label) for n, label in enumerate(labels, start=1)),
        questions,
        _current(cur, ctx, letter, members, names),
    )


def _current(
    cur: Unit, ctx: DrawContext, letter: Invitation, members: list[HouseholdMember],
    names: dict[str, str],
) -> Current | None:  # fmt: skip
    latest = signups.latest_response(cur, letter.id)
    if latest is None:
        return None
    signer = latest.resident_id or letter.resident_id
    number = next((n for n, m in enumerate(members, 1) if m.resident_id == signer), None)
    online = latest.channel == signups.ONLINE
    reach = signups.contact(cur, letter.id) if online else None
    return Current(
        latest.outcome,
        number,
        _answers_read(latest, names),
        reach.phone if reach else None,
        reach.email if reach else None,
        online,
        confirmation_number(ctx.draw.id, latest.id) if online else "",
        latest.answered_at,
    )


def _answers_read(response: Response, names: dict[str, str]) -> dict[str, str]:
    """The answers a response gave (question -> as it reads)."""
    given = {k: getattr(response, k) for k in ANSWER_LABELS if getattr(response, k)}
    return {k: names.get(v, v) if k == "part_code" else v for k, v in given.items()}


# Signing up, correcting, withdrawing -------------------------------------------------------------


def sign_up(
    store: Store, draw_id: int, code: str, form: Form, client: str | None,
    now: datetime | None = None,
) -> Confirmation:  # fmt: skip
    """Sign up (or correct the sign-up) on the letter `code` of draw `draw_id`. Sending the
    same again (a second tab, a double click) records nothing new and gives the same
    confirmation."""
    email, phone = check_reach(form.email, form.phone)
    if not (email or phone):
        raise UserError(NO_CONTACT)
    if not form.read_privacy:
        raise UserError(NO_CONSENT)

    def work(cur: Unit) -> Confirmation:
        ctx, letter = _letter(cur, code, draw_id)
        draws.set_stage(cur, draw_id, "registration")  # two at once conflict here
        members = _members(cur, ctx, letter)
        if not 1 <= form.member <= len(members):
            raise UserError(NO_MEMBER)
        member = members[form.member - 1]
        asked = unknown_answers(member.answers)
        answers = check_answers(cur, ctx, Answers(**{k: form.answers.get(k) for k in asked}))
        latest = signups.latest_response(cur, letter.id)
        reach = signups.contact(cur, letter.id)
        label = _labels(members)[form.member - 1]
        if _unchanged(latest, member.resident_id, answers, reach, phone, email):
            assert latest is not None
            return _confirmation(cur, ctx, letter, latest, label, phone, email, "same")
        at = clock.utc_naive_now()
        values = {"invitation_id": letter.id, "answered_at": at, "outcome": "ja",
                  **answers.__dict__, "channel": signups.ONLINE,
                  "resident_id": member.resident_id}  # fmt: skip
        response_id = draws.add_response(cur, values)
        signups.replace_contact(cur, letter.id, response_id, phone, email, at)
        change = "new" if latest is None else "changed"
        log(cur, PUBLIC, "draw.signup", draw_id, {"channel": signups.ONLINE, "change": change})
        stored = Response(response_id, letter.id, at, "ja", **answers.__dict__,
                          channel=signups.ONLINE, resident_id=member.resident_id)  # fmt: skip
        return _confirmation(cur, ctx, letter, stored, label, phone, email, change)

    return _guarded(store, client, now, lambda: store.write(work))


def _unchanged(
    latest: Response | None, resident_id: int, answers: Answers,
    reach: signups.SignupContact | None, phone: str | None, email: str | None,
) -> bool:  # fmt: skip
    """The letter's answer that counts is this very sign-up, sent online before."""
    return (
        latest is not None
        and latest.channel == signups.ONLINE
        and latest.outcome == "ja"
        and latest.resident_id == resident_id
        and all(getattr(latest, k) == v for k, v in answers.__dict__.items())
        and reach is not None
        and (reach.phone, reach.email) == (phone, email)
    )


def withdraw(
    store: Store, draw_id: int, code: str, client: str | None, now: datetime | None = None
) -> Confirmation:
    """Withdraw ("Ik doe toch niet mee"): the letter's answer becomes no (the sign-up stays as its
    trace) and the phone number and e-mail address left online are deleted. Withdrawing
    again records nothing new."""

    def work(cur: Unit) -> Confirmation:
        ctx, letter = _letter(cur, code, draw_id)
        draws.set_stage(cur, draw_id, "registration")  # two at once conflict here
        latest = signups.latest_response(cur, letter.id)
        if latest is None:
            raise UserError(NOT_SIGNED_UP)
        signer = latest.resident_id or letter.resident_id
        members = _members(cur, ctx, letter)
        number = next((n for n, m in enumerate(members) if m.resident_id == signer), None)
        label = "" if number is None else _labels(members)[number]
        if latest.outcome != "ja":
            return _confirmation(cur, ctx, letter, latest, label, None, None, "same")
        at = clock.utc_naive_now()
        response_id = draws.add_response(
            cur,
            {"invitation_id": letter.id, "answered_at": at, "outcome": "nee",
             "channel": signups.ONLINE, "resident_id": latest.resident_id},
        )  # fmt: skip
        signups.delete_contact(cur, letter.id)
        log(cur, PUBLIC, "draw.signup", draw_id, {"channel": signups.ONLINE, "change": "withdrawn"})
        stored = Response(response_id, letter.id, at, "nee", **Answers().__dict__,
                          channel=signups.ONLINE, resident_id=latest.resident_id)  # fmt: skip
        return _confirmation(cur, ctx, letter, stored, label, None, None, "withdrawn")

    return _guarded(store, client, now, lambda: store.write(work))


def _confirmation(
    cur: Unit, ctx: DrawContext, letter: Invitation, response: Response, member: str,
    phone: str | None, email: str | None, change: str,
) -> Confirmation:  # fmt: skip
    names = part_names(cur, ctx)
    return Confirmation(
        confirmation_number(ctx.draw.id, response.id),
        str(letter.letter_code),
        ctx.council.name,
        response.outcome,
        member,
        tuple(_answers_read(response, names).items()),
        phone,
        email,
        response.answered_at,
        change,
    )
