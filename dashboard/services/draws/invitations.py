"""Steps 3 and 4 of a draw: the invitation lottery over the draw's register extract, its
letters, and (direct method) home visits with the replacement of each refusal by a new
draw from the same group.

The lottery is the engine's stage 1 (`sortition.invite_frame`): households drawn per
stratum (neighbourhood and age band), more letters where fewer people are expected to
answer, one letter per household.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

import sortition
from dashboard import config
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.groups import AGE_BANDS
from dashboard.files import draw_documents
from dashboard.services.budget.common import clean_text, not_future
from dashboard.services.draws.context import (
    Answers,
    DrawContext,
    check_answers,
    context,
    log,
    read_context,
    require_not_committed,
    require_open,
    require_organiser_role,
)
from dashboard.store import draws, geography
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

# Expected share of people who say yes, per age band: letters (two-stage) and a knock on
# the door (direct). Planning assumptions; the organiser edits them per group.
DEFAULT_RATES = {
    "two_stage": {"0-15": 0.03, "16-24": 0.03, "25-44": 0.045, "45-64": 0.065, "65+": 0.08},
    "direct": {"0-15": 0.10, "16-24": 0.10, "25-44": 0.14, "45-64": 0.18, "65+": 0.20},
}
OUTCOMES = ("niet thuis", "nee", "later", "ja")
REPLACEABLE = ("nee", "niet thuis")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _age_bands(min_age: int) -> list[sortition.AgeBand]:
    """The register's age bands from the eligible age up (the first one may start later)."""
    bands = []
    for label, low, high in AGE_BANDS:
        if high < min_age:
            continue
        bands.append(sortition.AgeBand(label, max(low, min_age), None if high >= 200 else high))
    return bands


def _band_of(age: int, bands: list[sortition.AgeBand]) -> str:
    for band in bands:
        if age >= band.min_age and (band.max_age is None or age <= band.max_age):
            return band.label
    raise AssertionError(f"age {age} in no band")


@dataclass(frozen=True)
class LotteryPlan:
    """Per stratum: eligible people, households, the expected response rate, letters."""

    strata: pd.DataFrame
    letters: int

    @property
    def expected(self) -> float:
        return float(self.strata["expected_responses"].sum())


def _rates(ctx: DrawContext, rates: Mapping[str, float] | None) -> dict[str, float]:
    merged = dict(DEFAULT_RATES[ctx.draw.method])
    for key, value in (rates or {}).items():
        if not 0 < float(value) <= 1:
            raise UserError(
                f"De verwachte respons voor {key} moet tussen 0 en 100 procent liggen (niet 0)."
            )
        merged[key] = float(value)
    return merged


def _invite(
    ctx: DrawContext,
    frame: pd.DataFrame,
    letters: int,
    rates: Mapping[str, float] | None,
    seed: int,
) -> sortition.Invitations:
    if frame.empty:
        raise UserError("Lees eerst het uittreksel uit het bevolkingsregister in (stap 2).")
    if isinstance(letters, bool) or not isinstance(letters, int | np.integer) or letters < 1:
        raise UserError("Het aantal uitnodigingen moet een heel getal van minstens 1 zijn.")
    try:
        return sortition.invite_frame(
            frame,
            int(letters),
            seed=seed,
            min_age=ctx.min_age,
            age_bands=_age_bands(ctx.min_age),
            response_rates=_rates(ctx, rates),
        )
    except sortition.SortitionInputError as exc:
        text = str(exc)
        if "households can be invited" in text:
            raise UserError(
                f"{letters} uitnodigingen is meer dan er huishoudens zijn met iemand van "
                f"{ctx.min_age} jaar of ouder. Kies een kleiner aantal."
            ) from exc
        if "is " in text and "or older" in text:
            raise UserError(f"In het uittreksel is niemand {ctx.min_age} jaar of ouder.") from exc
        raise UserError(f"De loting kan zo niet: {text}") from exc


def not_drawable(cur: Unit, ctx: DrawContext, day: date) -> list[int]:
    """Residents who may not be invited (nor sign up on their household's letter): sitting
    members of this council and those whose seat ended less than the council's cool-down
    period ago (rotation)."""
    service = [(str(r), e) for r, e in draws.council_service(cur, ctx.council.id)]
    return sorted(
        int(r) for r in sortition.not_eligible(service, day, ctx.council.cool_down_months)
    )


def _frame(cur: Unit, ctx: DrawContext, day: date) -> pd.DataFrame:
    """The lottery's frame: the draw's register snapshot without who may not be drawn,
    nor anyone whose contact data was erased on request (no letter or visit can reach
    them, and their address is not kept)."""
    frame = draws.lottery_frame(cur, ctx.draw.id, day)
    left_out = [*not_drawable(cur, ctx, day), *draws.erased_in_register(cur, ctx.draw.id)]
    return frame[~frame["id"].isin(left_out)]


def lottery_plan(
    store: Store,
    caller: Caller,
    draw_id: int,
    letters: int,
    rates: Mapping[str, float] | None = None,
) -> LotteryPlan:
    """What the lottery would do with these numbers (nothing is drawn or stored)."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        frame = _frame(cur, ctx, clock.today())
    result = _invite(ctx, frame, letters, rates, seed=_seed(ctx))
    return LotteryPlan(result.strata, int(letters))


def _seed(ctx: DrawContext) -> int:
    """The draw's lottery seed (made when the draw was created; see draws.start_draw)."""
    return int(ctx.parameters.get("lottery_seed", ctx.draw.id))


def draw_invitations(
    store: Store,
    caller: Caller,
    draw_id: int,
    letters: int,
    rates: Mapping[str, float] | None = None,
) -> int:
    """Draw the letters (or home visits) once; a second call changes nothing. The result
    is the plan `lottery_plan` showed for the same numbers (same seed)."""
    require_organiser_role(caller)

    def work(cur: Unit) -> int:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        # Touch the draw first: two sessions drawing at once conflict here, and the one
        # retried then finds the invitations of the other.
        draws.set_stage(cur, draw_id, "invitation")
        if draws.invitation_count(cur, draw_id):
            raise UserError(
                "De uitnodigingen van deze loting zijn al geloot; er is niets opnieuw geloot."
            )
        day = clock.today()
        seed = _seed(ctx)
        result = _invite(ctx, _frame(cur, ctx, day), letters, rates, seed)
        drawn = result.invitations
        channel = "huisbezoek" if ctx.draw.method == "direct" else "brief"
        count = len(drawn)
        frame = pd.DataFrame(
            {
                "draw_id": [draw_id] * count,
                "resident_id": drawn["person_id"].astype("int64").to_numpy(),
                "household_id": drawn["household_id"].astype("int64").to_numpy(),
                "stratum": drawn["stratum"].astype(str).to_numpy(),
                "inclusion_probability": drawn["inclusion_probability"].astype(float).to_numpy(),
                "channel": [channel] * count,
                "sent_on": pd.Series([day if channel == "brief" else None] * count, dtype=object),
                "letter_code": _letter_codes(count),
                "replaces_id": pd.array([None] * count, dtype="Int64"),
            }
        )
        draws.load_invitations(cur, frame)
        parameters = dict(ctx.parameters)
        parameters.update(
            {
                "letters": int(letters),
                "response_rates": _rates(ctx, rates),
                "lottery_seed": seed,
                "reference_date": day.isoformat(),
            }
        )
        draws.set_parameters(cur, draw_id, parameters)
        draws.set_stage(cur, draw_id, "registration")
        log(
            cur,
            caller,
            "draw.invitations",
            draw_id,
            {"invitations": len(frame), "channel": channel, "strata": len(result.strata)},
        )
        return len(frame)

    return store.write(work)


def _letter_codes(count: int) -> list[str]:
    """`count` different codes like 'K7QM-2XHD': not guessable, easy to read aloud."""
    codes: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if code not in codes:
            codes.add(code)
            out.append(code)
    return out


def mail_merge(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    """The letters' codes, names and addresses for the print shop (personal data)."""
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        rows = draws.mail_merge(cur, draw_id)
    if rows.empty:
        raise UserError("Er zijn nog geen brieven geloot.")
    return draw_documents.mail_merge_frame(rows, _signup_page())


def _signup_page() -> str:
    """The sign-up page's address for the letters (config.signup_page_url)."""
    try:
        return config.signup_page_url()
    except ValueError as exc:
        raise UserError(
            f"De instelling {config.PUBLIC_URL} (het adres van Wijkraad voor bewoners) klopt "
            "niet. Vraag de beheerder om die te verbeteren; het adres komt in de brieven."
        ) from exc


@dataclass(frozen=True)
class LetterDetails:
    """What the organiser fills in for the letters; not stored."""

    reply_by: date
    phone: str
    email: str
    sender: str


def check_letter_details(details: LetterDetails) -> None:
    """What every letter needs from the organiser (UserError otherwise); also for the
    letters after the draw (dashboard/services/draws/after_draw.py)."""
    for value, label in ((details.phone, "een telefoonnummer"), (details.email, "een e-mailadres"),
                         (details.sender, "de afzender")):  # fmt: skip
        if not value.strip():
            raise UserError(f"Vul {label} in; dat komt in de brief.")
    if "@" not in details.email:
        raise UserError("Het e-mailadres is niet goed (er staat geen @ in).")
    if details.reply_by <= clock.today():
        raise UserError("De datum om te antwoorden moet na vandaag liggen.")


def letter_settings(
    cur: Unit, ctx: DrawContext, details: LetterDetails, signup_page: str = ""
) -> draw_documents.LetterSettings:
    """The letters' settings for this draw, dated today (with the sign-up page's address
    for the invitations)."""
    town = geography.municipality(cur)
    return draw_documents.LetterSettings(
        municipality=town.name if town else "",
        council_name=ctx.council.name,
        eligible_age=ctx.min_age,
        term_months=ctx.council.term_months,
        reply_by=details.reply_by,
        phone=details.phone.strip(),
        email=details.email.strip(),
        sender=details.sender.strip(),
        dated=clock.today(),
        signup_page=signup_page,
    )


def letters_file(store: Store, caller: Caller, draw_id: int, details: LetterDetails) -> str:
    """Printable letters in plain Dutch, one per page (HTML; print to paper or PDF)."""
    require_organiser_role(caller)
    check_letter_details(details)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        rows = draws.mail_merge(cur, draw_id)
        settings = letter_settings(cur, ctx, details, _signup_page())
    if rows.empty:
        raise UserError("Er zijn nog geen brieven geloot.")
    return draw_documents.letters_html(rows, settings)


# Home visits (direct method) ---------------------------------------------------------------------


def _visit_target(cur: Unit, caller: Caller, invitation_id: int) -> tuple[DrawContext, int]:
    found = draws.invitation(cur, invitation_id)
    if found is None:
        raise UserError(f"Huisbezoek {invitation_id} bestaat niet.")
    ctx = context(cur, caller, found.draw_id)
    require_open(ctx)
    require_not_committed(ctx)
    if found.channel != "huisbezoek":
        raise UserError("Dit is een uitnodiging per brief, geen huisbezoek.")
    return ctx, found.draw_id


def record_visit(
    store: Store,
    caller: Caller,
    invitation_id: int,
    outcome: str,
    answers: Answers | None = None,
    at: datetime | None = None,
    *,
    visitor: str,
    visited_on: date | None = None,
) -> int:
    """One home visit: not at home, no, later or yes (with the answers, when given), on
    `visited_on` (default today) by `visitor` (a name, required). Results are often typed
    in from the paper walking list afterwards: the day may lie in the past, but not before
    the addresses were drawn nor in the future."""
    require_organiser_role(caller)
    if outcome not in OUTCOMES:
        raise UserError("Kies wat het bezoek opleverde: niet thuis, nee, later of ja.")
    who = clean_text(visitor, "de naam van de bezoeker", maximum=80)
    day = not_future(visited_on or clock.today(), "De datum van het bezoek")
    given = answers or Answers()

    def work(cur: Unit) -> int:
        ctx, draw_id = _visit_target(cur, caller, invitation_id)
        if day < ctx.reference_date:
            raise UserError(
                f"De datum van het bezoek ({day:%d-%m-%Y}) ligt vóór de loting van de "
                f"adressen ({ctx.reference_date:%d-%m-%Y}); dat kan niet."
            )
        draws.set_stage(cur, draw_id, "registration")
        latest = draws.latest_outcomes(cur, draw_id).get(invitation_id)
        if latest == "ja":
            raise UserError("Deze bewoner heeft al ja gezegd; een nieuw bezoek is niet nodig.")
        if draws.replacement_of(cur, invitation_id) is not None:
            raise UserError("Deze bewoner is al vervangen; leg het bezoek bij de vervanger vast.")
        checked = check_answers(cur, ctx, given) if outcome == "ja" else Answers()
        response_id = draws.add_response(
            cur,
            draw_id,
            {
                "invitation_id": invitation_id,
                "answered_at": at or clock.utc_naive_now(),
                "outcome": outcome,
                **checked.__dict__,
                "visited_on": day,
                "visitor": who,
            },
        )
        log(cur, caller, "draw.visit", draw_id, {"outcome": outcome})
        return response_id

    return store.write(work)


def replace_refusal(store: Store, caller: Caller, invitation_id: int) -> int:
    """Draw a new household from the refusal's group (neighbourhood and age band); once."""
    require_organiser_role(caller)
    seed = secrets.randbits(32)

    def work(cur: Unit) -> int:
        ctx, draw_id = _visit_target(cur, caller, invitation_id)
        draws.set_stage(cur, draw_id, "registration")  # serialises replacements of a draw
        refused = draws.invitation(cur, invitation_id)
        assert refused is not None
        if draws.replacement_of(cur, invitation_id) is not None:
            raise UserError("Deze bewoner is al vervangen; iemand twee keer vervangen kan niet.")
        latest = draws.latest_outcomes(cur, draw_id).get(invitation_id)
        if latest not in REPLACEABLE:
            raise UserError(
                "Alleen wie nee zei of niet thuis was, kan worden vervangen. Leg eerst het "
                "bezoek vast."
            )
        day = ctx.reference_date
        frame = _frame(cur, ctx, day)
        bands = _age_bands(ctx.min_age)
        frame = frame[frame["age"] >= ctx.min_age]
        frame = frame[~frame["household"].isin(draws.invited_households(cur, draw_id))]
        hood, _, band = refused.stratum.partition(" / ")
        in_group = (frame["neighbourhood"] == hood) & (
            frame["age"].map(lambda a: _band_of(int(a), bands)) == band
        )
        candidates = frame[in_group]
        if candidates.empty:
            raise UserError(
                f"In de groep {refused.stratum} is niemand meer over die nog niet is bezocht."
            )
        result = sortition.invite_frame(
            candidates,
            1,
            seed=seed,
            min_age=ctx.min_age,
            age_bands=[b for b in bands if b.label == band],
        )
        picked = result.invitations.iloc[0]
        new_id = draws.add_invitation(
            cur,
            {
                "draw_id": draw_id,
                "resident_id": int(picked["person_id"]),
                "household_id": int(picked["household_id"]),
                "stratum": refused.stratum,
                "inclusion_probability": float(picked["inclusion_probability"]),
                "channel": "huisbezoek",
                "letter_code": _letter_codes(1)[0],
                "replaces_id": invitation_id,
            },
        )
        log(cur, caller, "draw.replace_refusal", draw_id, {"stratum": refused.stratum})
        return new_id

    return store.write(work)


def visit_list(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    """Every address to visit with its latest outcome (its day and visitor) and
    replacement (personal data)."""
    require_organiser_role(caller)
    read_context(store, caller, draw_id)
    with store.read() as cur:
        return draws.visit_list(cur, draw_id)


def visit_history(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    """Every home visit made, one row each with its day, visitor and outcome."""
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        return draws.visits(cur, draw_id)


def invitations_per_stratum(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    """How many letters (or visits) each group got, replacements included."""
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        return draws.invitations_per_stratum(cur, draw_id)


@dataclass(frozen=True)
class LotteryRoom:
    households: int  # households the lottery can invite
    not_drawable: int  # residents left out: sitting or recent members (cool-down)
    erased: int = 0  # residents left out: contact data erased on request


def lottery_room(store: Store, caller: Caller, draw_id: int) -> LotteryRoom:
    """How many households the lottery can invite, and how many residents it leaves out."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        excluded = not_drawable(cur, ctx, clock.today())
        erased = draws.erased_in_register(cur, draw_id)
        households = draws.eligible_households(
            cur, draw_id, clock.today(), ctx.min_age, [*excluded, *erased]
        )
    return LotteryRoom(households, len(excluded), len(erased))
