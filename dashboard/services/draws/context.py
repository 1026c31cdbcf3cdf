"""What every step of a draw needs: the draw with its council, checked against the caller,
the clock, and the audit event of a step. Used by the draw services
(dashboard/services/draw*.py)."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.domain.auth import SYSTEM, Caller, Role, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.models import Council, Draw, Term
from dashboard.domain.statuses import RUNNING, DrawStatus, closed_draw_refusal
from dashboard.store import audit, council, draws, geography
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import DrawInputs, QuotaChange, clock, pseudonym


def require_organiser_role(caller: Caller) -> None:
    """Before anything else: only organisers run draws. Which neighbourhoods they may
    work for is checked once the draw is known."""
    if caller is not SYSTEM and caller.role is not Role.ORGANISER:
        require_organiser(caller, -1)


@dataclass(frozen=True)
class DrawContext:
    """A draw with its council, neighbourhoods, term and parameters, after the caller
    was found to organise every neighbourhood of it."""

    draw: Draw
    council: Council
    neighbourhood_ids: tuple[int, ...]
    parameters: dict[str, Any]

    @property
    def min_age(self) -> int:
        return int(self.parameters.get("eligible_age", self.council.eligible_age))

    @property
    def k(self) -> int:
        return int(self.draw.k or self.council.seats_drawn)

    @property
    def reference_date(self) -> date:
        """The day ages are counted on: the lottery's day once drawn, else today."""
        saved = self.parameters.get("reference_date")
        return date.fromisoformat(saved) if saved else clock.today()

    @property
    def is_open(self) -> bool:
        return self.draw.status in RUNNING

    def bundle_id(self, resident_id: int) -> str:
        """The person's number in this draw's bundle (`sortition.pseudonym`; a replacement
        draw has its council draw's secret). Draws made before there was a secret publish
        the register number."""
        secret = self.parameters.get("id_secret")
        return str(resident_id) if not secret else pseudonym(str(secret), str(resident_id))

    def residents_by_bundle_id(self, resident_ids: Iterable[int]) -> dict[str, int]:
        """Bundle number -> resident, for the given residents (refused if two share one)."""
        people = {int(r) for r in resident_ids}
        found = {self.bundle_id(r): r for r in people}
        if len(found) != len(people):
            raise UserError(
                "Twee mensen kregen hetzelfde nummer in deze loting; dat is zo onwaarschijnlijk "
                "dat het op een fout wijst. Neem contact op met de beheerder."
            )
        return found


def context(cur: Unit, caller: Caller, draw_id: int) -> DrawContext:
    """The draw, once the caller may work on it (PermissionDenied otherwise)."""
    require_organiser_role(caller)
    found = letter_context(cur, draw_id)
    if found is None:
        raise UserError(f"Loting {draw_id} bestaat niet.")
    for hood in found.neighbourhood_ids:
        require_organiser(caller, hood)
    return found


def letter_context(cur: Unit, draw_id: int) -> DrawContext | None:
    """The draw with its council, or None when there is none, WITHOUT a check of the
    caller: only for a resident who showed the code of one of its letters
    (dashboard/services/signup.py); everything else goes through `context`."""
    found = draws.draw(cur, draw_id)
    if found is None or found.council_id is None:
        return None
    owner = council.council(cur, found.council_id)
    assert owner is not None
    hoods = tuple(council.council_neighbourhood_ids(cur, owner.id))
    return DrawContext(found, owner, hoods, json.loads(found.parameters_json or "{}"))


def volunteer_pool(cur: Unit, ctx: DrawContext) -> pd.DataFrame:
    """The draw's volunteers as `draws.pool_frame` has them, by their bundle numbers."""
    pool = draws.pool_frame(cur, ctx.draw.id, ctx.reference_date)
    number = {r: n for n, r in ctx.residents_by_bundle_id(int(i) for i in pool["id"]).items()}
    return pool.assign(id=[number[int(i)] for i in pool["id"]])


def read_context(store: Store, caller: Caller, draw_id: int) -> DrawContext:
    with store.read() as cur:
        return context(cur, caller, draw_id)


def require_open(ctx: DrawContext) -> None:
    refusal = closed_draw_refusal(ctx.draw.status)
    if refusal is not None:
        raise UserError(refusal)


def term_of(cur: Unit, ctx: DrawContext) -> Term | None:
    """The term the draw seats its members for (a wijkpanel has none)."""
    term_id = ctx.parameters.get("term_id")
    return next((t for t in council.terms(cur, ctx.council.id) if t.id == term_id), None)


def members_closed_reason(cur: Unit, ctx: DrawContext, day: date, *, replacing: bool) -> str | None:
    """Why members of this draw can no longer confirm or leave (or, `replacing`, be
    replaced) on `day`; None when they can.

    Who sits on the council changes while the draw is open, and after it is completed for
    as long as its term runs: a member who leaves mid-term is replaced from the same draw
    (its reserve list, or a replacement draw over its volunteers with its quotas). Not
    after the term. Replacing also needs the draw's public ceremony (its bundle) and no
    rotation of the council since: this draw's quotas then no longer describe the
    council; a rotation fills the open seat (one of no rotating seats fills only that)."""
    if ctx.is_open:
        return None
    if ctx.draw.status != DrawStatus.COMPLETED or ctx.draw.purpose not in (
        "council",
        "rotation",
        "panel",
    ):
        return closed_draw_refusal(ctx.draw.status)
    term = term_of(cur, ctx)
    if term is not None and term.ends_on < day:
        return (
            f"De termijn van deze raad liep tot {term.ends_on:%d-%m-%Y}; na de termijn "
            "verandert er niets meer aan de leden en wordt niemand meer vervangen. Loot een "
            "nieuwe raad."
        )
    if not replacing:
        return None
    if ctx.draw.chosen_index is None:
        return (
            "Deze raad is geloot zonder openbare trekking in deze werkplaats; er is geen "
            "reservelijst of controlecode om uit te vervangen. Wie stopt, legt u wel vast; "
            "de open zetel vult een rotatie (met 0 zetels die rouleren vult die alleen de "
            "open zetels) of de volgende loting."
        )
    later = draws.later_rotation(cur, ctx.council.id, ctx.draw.id)
    if later is not None and ctx.draw.purpose != "panel":
        return (
            f"Na deze loting is de raad gerouleerd (loting {later}). Wie uit deze groep stopt, "
            "legt u wel vast, maar vervangen vanuit deze loting kan niet meer: haar quota "
            "gelden niet meer voor de hele raad. De open zetel vult een rotatie; met 0 zetels "
            "die rouleren vult die alleen de open zetels."
        )
    return None


def require_members_changeable(cur: Unit, ctx: DrawContext, *, replacing: bool) -> None:
    """Before a member of the draw confirms or leaves (or, `replacing`, is replaced; see
    `members_closed_reason`); also takes the draw's row, so two sessions changing its
    members at once conflict and one is retried."""
    reason = members_closed_reason(cur, ctx, clock.today(), replacing=replacing)
    if reason is not None:
        raise UserError(reason)
    draws.set_stage(cur, ctx.draw.id, "confirmation" if ctx.is_open else ctx.draw.stage)


def require_no_running_replacement(cur: Unit, draw_id: int) -> None:
    """Members of a draw do not change while a replacement draw for it is prepared: its
    pool and quotas were computed from them (dashboard/services/draws/replacements.py)."""
    running = draws.running_replacement(cur, draw_id)
    if running is not None:
        raise UserError(
            f"Er loopt al een vervangingsloting (nummer {running.id}). Doe eerst die "
            "trekking, of stop die loting."
        )


def log(cur: Unit, caller: Caller, action: str, draw_id: int, payload: dict[str, Any]) -> None:
    """The audit event of a step: counts and settings only, never who."""
    audit.append(cur, caller.actor, action, "draw", draw_id, payload)


# Registration answers (a letter's registration or a home visit's yes) ----------------------------

ANSWER_VALUES: dict[str, tuple[str, ...]] = {
    "gender": ("vrouw", "man", "anders"),
    "education": ("laag", "middelbaar", "hoog"),
    "tenure": ("koop", "sociale huur", "particuliere huur"),
    "origin": ("Nederland", "Europa", "buiten Europa"),
}
ANSWER_LABELS = {
    "age_band": "leeftijd",
    "gender": "geslacht",
    "education": "opleiding",
    "tenure": "woonsituatie",
    "part_code": "buurt",
    "origin": "herkomst",
}


@dataclass(frozen=True)
class Answers:
    """Answers to the registration questions; None: not asked (the register's value)."""

    age_band: str | None = None
    gender: str | None = None
    education: str | None = None
    tenure: str | None = None
    part_code: str | None = None
    origin: str | None = None


def answer_choices(cur: Unit, ctx: DrawContext) -> dict[str, tuple[str, ...]]:
    """The values each question accepts for this draw."""
    bands = tuple(label for label, _, high in AGE_BANDS if high >= ctx.min_age)
    parts = tuple(
        p.code for hood in ctx.neighbourhood_ids for p in geography.neighbourhood_parts(cur, hood)
    )
    return {"age_band": bands, "part_code": parts, **ANSWER_VALUES}


UNKNOWN = "onbekend"  # the register's value when the extract had no such column


def unknown_answers(register: Mapping[str, str | None]) -> tuple[str, ...]:
    """The registration questions (in the order of ANSWER_LABELS) whose answer the
    register does not know for someone: `register` has its value per question. Only these
    are worth asking a resident; the register's value counts for the others (as for an
    answer left empty on the organisers' form)."""
    return tuple(key for key in ANSWER_LABELS if register.get(key) in (None, "", UNKNOWN))


def part_names(cur: Unit, ctx: DrawContext) -> dict[str, str]:
    """The names of the draw's parts (buurten) by code, for showing groups."""
    return {
        p.code: p.name
        for hood in ctx.neighbourhood_ids
        for p in geography.neighbourhood_parts(cur, hood)
    }


def check_answers(cur: Unit, ctx: DrawContext, answers: Answers) -> Answers:
    """The answers in their stored spelling; an unknown value is refused (UserError)."""
    choices = answer_choices(cur, ctx)
    checked: dict[str, str | None] = {}
    for key, value in answers.__dict__.items():
        text = " ".join(str(value).split()) if value is not None else ""
        if not text:
            checked[key] = None
            continue
        known = {c.lower(): c for c in choices[key]}
        if text.lower() not in known:
            # 'geslacht' is a het-word: "onbekend geslacht", the others "onbekende ...".
            unknown = "Onbekend" if key == "gender" else "Onbekende"
            raise UserError(
                f"{unknown} {ANSWER_LABELS[key]} '{text}'. Kies uit: {', '.join(choices[key])}."
            )
        checked[key] = known[text.lower()]
    return Answers(**checked)


def written_reason(text: str, message: str, minimum: int = 5) -> str:
    """A short reason typed by the organiser, on one line; `message` when too short."""
    cleaned = " ".join(text.split())
    if len(cleaned) < minimum:
        raise UserError(message)
    return cleaned[:500]


def require_not_committed(ctx: DrawContext) -> None:
    """After the fingerprint is made, the volunteers and quotas are fixed."""
    if ctx.draw.commitment is not None:
        raise UserError(
            "De controlecode van deze loting is al gemaakt; aanmeldingen en quota liggen vast. "
            "Moet er toch iets veranderen, maak dan bij stap 6 de voorbereiding ongedaan (dan "
            "komt er een nieuwe controlecode, die u opnieuw publiceert)."
        )


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


FEATURE_NAMES = {
    "age_band": "leeftijd",
    "gender": "geslacht",
    "education": "opleiding",
    "tenure": "woonsituatie",
    "part": "buurt",
    "origin": "herkomst",
}


def describe_change(change: QuotaChange, part_names: Mapping[str, str] | None = None) -> str:
    """A suggested quota relaxation in plain Dutch (a buurt by its name when given)."""
    parts = []
    if change.new_min != change.old_min:
        parts.append(f"minimum van {change.old_min} naar {change.new_min}")
    if change.new_max != change.old_max:
        parts.append(f"maximum van {change.old_max} naar {change.new_max}")
    name = FEATURE_NAMES.get(change.feature, change.feature)
    value = (part_names or {}).get(change.value, change.value)
    return f"{name} {value}: {' en '.join(parts)}"


_OVER_MAX = re.compile(
    r"^(\S+) (.+): the staying members already fill (\d+) seats, more than the maximum (\d+); "
    r"no more are drawn$"
)


def residual_notes(inputs: DrawInputs) -> list[str]:
    """The engine's notes on residual quotas (replacement and rotation draws) in plain
    Dutch: groups the staying members already overfill, and the nearest feasible quotas."""
    notes = []
    for note in inputs.notes:
        found = _OVER_MAX.match(note)
        if found:
            feature, value, filled, most = found.groups()
            notes.append(
                f"{FEATURE_NAMES.get(feature, feature)} {value}: de leden die blijven, vullen al "
                f"{filled} plaatsen, meer "
                f"dan het maximum {most}; uit die groep wordt niemand meer geloot."
            )
        elif not note.startswith("No group of the remaining volunteers"):
            notes.append(note)
    if inputs.relaxation:
        notes.append(
            "Met deze aanmeldingen kunnen de open plaatsen niet zo worden gevuld dat de raad "
            "precies aan alle quota voldoet. Daarom gelden voor de open plaatsen de "
            "dichtstbijzijnde haalbare quota: "
            + "; ".join(describe_change(c) for c in inputs.relaxation)
            + "."
        )
    return notes
