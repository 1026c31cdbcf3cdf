"""Residents sign up for a draw online with the code of their letter (issue 16).

No login: the letter's code is the key. A code opens its own letter only, and only while
its draw takes registrations (two-stage, the letters drawn, the selection not yet prepared:
no fingerprint). Until then whoever holds the code sees the answer that counts, corrects it
or withdraws; every change is a new `response` (channel 'online') and the earlier one stays
as its trace, as for the organisers' form (dashboard/services/draws/answers.py). After the
fingerprint the organisers handle a withdrawal (a decline in step 8).

A code that is wrong, unknown, of a letter of another draw, or whose registration is over
gets one and the same message (`BAD_CODE`), so a guesser learns nothing from it; wrong
codes count against the client like a wrong password (dashboard/services/code_guard.py,
as for the vote; the page also limits how often a code may be tried at all).

Many residents at once: every sign-up, correction and withdrawal records an answer in
its draw's turn (store/draws.py: take_turn), and so does the organisers' preparation of
the selection: two of them committing at the same moment conflict on the draw's row and
one is undone; the one that comes second is retried and sees the other, so no sign-up
slips in after the fingerprint. Sign-ups of one draw therefore take turns in this process
(`_ONE_AT_A_TIME`) instead of colliding and being retried, and the turn is short: the
letter, its household and the answers are read and checked before it; the transaction
only checks that the draw still takes registrations, reads the letter's answer that
counts and writes. One that still conflicts after the store's retries (an organiser's
long write, or another app server's sign-up) is refused with `BUSY`, which changes
nothing; the page keeps what the resident typed.

What a resident leaves to be reached by (phone, e-mail) is personal data: stored apart
(`signup_contact`), shown back only to whoever holds the code, to the organisers in the
draw's contact list (audited), and erased on request and by the retention rule
(dashboard/services/privacy.py). The audit log gets counts and kinds, never who or how to
reach them. Household members are shown by initial and birth year only ("J. (1978)").
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from dashboard.domain.auth import PUBLIC
from dashboard.domain.contact import check_reach
from dashboard.domain.errors import UserError
from dashboard.domain.models import Draw, Invitation, Response
from dashboard.domain.statuses import DrawStatus
from dashboard.domain.translatable import N_
from dashboard.services.code_guard import BadCode, CodeGuard
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
from dashboard.store.errors import WriteConflict
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
BUSY = N_(
    "Het is nu erg druk. Uw aanmelding is daardoor nog niet opgeslagen; er is niets "
    "veranderd. Wat u invulde staat er nog: probeer het over een minuut opnieuw."
)
# Wrong codes per client (digests, in memory, like login names that are no account).
GUARD = CodeGuard(BAD_CODE)
# Sign-ups, corrections and withdrawals of this process, one at a time (see above).
_ONE_AT_A_TIME = threading.Lock()


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

    def after(self, done: Confirmation) -> SignUp:
        """The letter as it reads once `done` (new, changed or withdrawn) was recorded:
        what the page shows right after the resident's action without reading it again."""
        number = next((m.number for m in self.members if m.label == done.member), None)
        current = Current(done.outcome, number, dict(done.answers), done.phone, done.email,
                          True, done.number, done.at)  # fmt: skip
        return replace(self, current=current)


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


def _takes_registrations(draw: Draw) -> bool:
    """The draw takes registrations on its letters (which exist once drawn): two stages,
    the selection not prepared (or its preparation undone)."""
    return draw.method == "two_stage" and draw.status == DrawStatus.OPEN and not draw.commitment


def _letter(cur: Unit, code: str, draw_id: int | None) -> tuple[DrawContext, Invitation]:
    """The one letter `code` opens now (of draw `draw_id` when given), else BadCode."""
    normal = normal_code(code)
    found = []
    for letter in signups.letters_with_code(cur, normal):  # also for a malformed code
        if draw_id is not None and letter.draw_id != draw_id:
            continue
        ctx = letter_context(cur, letter.draw_id)
        if ctx is not None and _takes_registrations(ctx.draw):
            found.append((ctx, letter))
    if len(normal) != 8 or len(found) != 1:
        raise BadCode
    return found[0]


def _write(store: Store, work: Callable[[Unit], T]) -> T:
    """`work` in a transaction, after the sign-ups before it (one at a time); still
    conflicting after the store's retries: BUSY, nothing changed."""
    with _ONE_AT_A_TIME:
        try:
            return store.write(work)
        except WriteConflict:
            raise UserError(BUSY) from None


def find_signup(store: Store, code: str, client: str | None, now: datetime | None = None) -> SignUp:
    """The letter `code` opens, with its household and the answer that counts; BAD_CODE
    for any code that opens none now."""

    def act() -> SignUp:
        with store.read() as cur:
            ctx, letter = _letter(cur, code, None)
            return _view(cur, ctx, letter)

    return GUARD.run(store, client, now, act)


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
    confirmation (and so does a sign-up sent from two tabs at once: they take turns)."""
    email, phone = check_reach(form.email, form.phone)
    if not (email or phone):
        raise UserError(NO_CONTACT)
    if not form.read_privacy:
        raise UserError(NO_CONSENT)

    def act() -> Confirmation:
        with store.read() as cur:  # what stays as it is while the draw takes registrations
            ctx, letter = _letter(cur, code, draw_id)
            members = _members(cur, ctx, letter)
            if not 1 <= form.member <= len(members):
                raise UserError(NO_MEMBER)
            member = members[form.member - 1]
            asked = unknown_answers(member.answers)
            answers = check_answers(cur, ctx, Answers(**{k: form.answers.get(k) for k in asked}))
            names = part_names(cur, ctx)

        def work(cur: Unit) -> tuple[Response, str]:  # short: sign-ups take turns here
            _still_open(cur, letter)
            latest = signups.latest_response(cur, letter.id)
            reach = signups.contact(cur, letter.id)
            if _unchanged(latest, member.resident_id, answers, reach, phone, email):
                assert latest is not None
                return latest, "same"
            at = clock.utc_naive_now()
            values = {"invitation_id": letter.id, "answered_at": at, "outcome": "ja",
                      **answers.__dict__, "channel": signups.ONLINE,
                      "resident_id": member.resident_id}  # fmt: skip
            response_id = draws.add_response(cur, letter.draw_id, values)
            signups.replace_contact(cur, letter.id, response_id, phone, email, at)
            change = "new" if latest is None else "changed"
            log(cur, PUBLIC, "draw.signup", draw_id, {"channel": signups.ONLINE, "change": change})
            stored = Response(response_id, letter.id, at, "ja", **answers.__dict__,
                              channel=signups.ONLINE, resident_id=member.resident_id)  # fmt: skip
            return stored, change

        response, change = _write(store, work)
        label = _labels(members)[form.member - 1]
        return _confirmation(ctx, letter, response, label, phone, email, change, names)

    return GUARD.run(store, client, now, act)


def _still_open(cur: Unit, letter: Invitation) -> None:
    """In the transaction that records: the letter's draw still takes registrations (the
    organisers may have prepared the selection since the letter was opened)."""
    draw = draws.draw(cur, letter.draw_id)
    if draw is None or not _takes_registrations(draw):
        raise BadCode


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

    def act() -> Confirmation:
        with store.read() as cur:  # what stays as it is while the draw takes registrations
            ctx, letter = _letter(cur, code, draw_id)
            members = _members(cur, ctx, letter)
            names = part_names(cur, ctx)

        def work(cur: Unit) -> tuple[Response, str]:  # short: sign-ups take turns here
            _still_open(cur, letter)
            latest = signups.latest_response(cur, letter.id)
            if latest is None:
                raise UserError(NOT_SIGNED_UP)
            if latest.outcome != "ja":
                return latest, "same"
            at = clock.utc_naive_now()
            response_id = draws.add_response(
                cur,
                letter.draw_id,
                {"invitation_id": letter.id, "answered_at": at, "outcome": "nee",
                 "channel": signups.ONLINE, "resident_id": latest.resident_id},
            )  # fmt: skip
            signups.delete_contact(cur, letter.id)
            log(cur, PUBLIC, "draw.signup", draw_id,
                {"channel": signups.ONLINE, "change": "withdrawn"})  # fmt: skip
            stored = Response(response_id, letter.id, at, "nee", **Answers().__dict__,
                              channel=signups.ONLINE, resident_id=latest.resident_id)  # fmt: skip
            return stored, "withdrawn"

        response, change = _write(store, work)
        signer = response.resident_id or letter.resident_id
        number = next((n for n, m in enumerate(members) if m.resident_id == signer), None)
        label = "" if number is None else _labels(members)[number]
        return _confirmation(ctx, letter, response, label, None, None, change, names)

    return GUARD.run(store, client, now, act)


def _confirmation(
    ctx: DrawContext, letter: Invitation, response: Response, member: str,
    phone: str | None, email: str | None, change: str, names: dict[str, str],
) -> Confirmation:  # fmt: skip
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
