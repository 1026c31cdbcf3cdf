"""The organisers' draw workspace, step 1 and the state of a draw: create a council and a
draw, list the draws an organiser may run, and read where a draw stands.

A draw belongs to a council; its neighbourhoods are the council's. Every function checks
its caller: organisers of all the council's neighbourhoods only. Every write runs in one
transaction with an audit event on entity 'draw' that never holds personal data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.governance import quorum_for
from dashboard.domain.models import Council, Draw, Neighbourhood, Term
from dashboard.domain.statuses import DrawStatus
from dashboard.domain.translatable import N_
from dashboard.services.draws import rotation
from dashboard.services.draws.context import (
    DrawContext,
    add_months,
    context,
    log,
    require_open,
    require_organiser_role,
    term_of,
    written_reason,
)
from dashboard.store import audit, council, draws, geography, register_import
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock, pseudonym

METHODS = {
    "two_stage": N_("Twee stappen: brieven, aanmelden, selectie met quota"),
    "direct": N_("Direct: huisbezoeken, elke weigering vervangen uit dezelfde groep"),
}
PURPOSES = {"council": N_("wijkraad"), "panel": N_("wijkpanel"), "rotation": N_("rotatie")}
# Replacement draws are started from step 8 of the draw they continue (draw_replacements).
LABELS = {**PURPOSES, "replacement": N_("vervanging")}
KINDS = ("wijkraad", "wijkpanel")


# Step 1: council and draw ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewCouncil:
    name: str
    neighbourhood_ids: list[int]
    seats_drawn: int
    seats_appointed: int
    term_months: int
    eligible_age: int = 16
    kind: str = "wijkraad"


@dataclass(frozen=True)
class DrawRequest:
    """A draw for an existing council (`council_id`) or for `new_council`."""

    method: str
    term_starts_on: date
    council_id: int | None = None
    new_council: NewCouncil | None = None
    purpose: str = "council"
    panel_size: int | None = None  # wijkpanel: how many residents
    rotating_seats: int | None = None  # rotation: how many drawn seats are renewed


def _check_new_council(data: NewCouncil, hoods: dict[int, Neighbourhood]) -> str:
    name = " ".join(data.name.split())
    if len(name) < 3:
        raise UserError("Geef de raad een naam van minstens 3 tekens.")
    if len(name) > 120:
        raise UserError("De naam is te lang (hoogstens 120 tekens).")
    if data.kind not in KINDS:
        raise UserError("Kies wijkraad of wijkpanel.")
    if not data.neighbourhood_ids:
        raise UserError("Kies minstens één wijk.")
    if any(h not in hoods for h in data.neighbourhood_ids):
        raise UserError("Een gekozen wijk bestaat niet.")
    if not 1 <= data.seats_drawn <= 1000:
        raise UserError("Het aantal gelote zetels moet tussen 1 en 1000 liggen.")
    if not 0 <= data.seats_appointed <= 100:
        raise UserError("Het aantal benoemde zetels moet tussen 0 en 100 liggen.")
    if not 1 <= data.term_months <= 120:
        raise UserError("De zittingstermijn moet tussen 1 en 120 maanden liggen.")
    if not 12 <= data.eligible_age <= 99:
        raise UserError("De minimumleeftijd moet tussen 12 en 99 jaar liggen.")
    return name


def start_draw(store: Store, caller: Caller, request: DrawRequest) -> int:
    """Create the council when it is new, the term the draw fills, and the draw."""
    require_organiser_role(caller)
    _check_request(request)

    def work(cur: Unit) -> int:
        owner = _council_of(cur, caller, request)
        running = draws.open_draw(cur, owner.id, request.purpose)
        if running is not None:
            raise UserError(
                f"Voor {owner.name} loopt al een loting (nummer {running.id}). "
                "Maak die eerst af, of stop hem."
            )
        # Volunteers' numbers in the published bundle (sortition.pseudonym); private.
        id_secret = secrets.token_hex(16)
        chosen = _rotation(cur, owner, request, id_secret)
        k = chosen.to_fill if chosen is not None else owner.seats_drawn
        panel_id = None
        if request.purpose == "panel":
            k = int(request.panel_size)  # type: ignore[arg-type]
            panel_id = draws.add_panel(
                cur, owner.id, council.council_neighbourhood_ids(cur, owner.id)[0],
                f"Wijkpanel {owner.name}", k, clock.utc_naive_now(),
            )  # fmt: skip
        term_id = _new_term(cur, owner, request)
        # The invitation lottery's seed, fixed now: the plan an organiser sees is then
        # exactly what the lottery will do, and trying again cannot draw other people.
        parameters: dict[str, object] = {
            "eligible_age": owner.eligible_age,
            "term_id": term_id,
            "lottery_seed": secrets.randbits(32),
            "id_secret": id_secret,
        }
        if chosen is not None:
            parameters["rotation"] = chosen.parameters()
        draw_id = draws.add_draw(
            cur, owner.id, request.purpose, request.method, k, parameters,
            clock.utc_naive_now(), panel_id,
        )  # fmt: skip
        log(cur, caller, "draw.create", draw_id, {
            "council_id": owner.id, "purpose": request.purpose, "method": request.method,
            "k": k, "term_id": term_id, **_rotation_event(chosen),
        })  # fmt: skip
        return draw_id

    return store.write(work)


def _check_request(request: DrawRequest) -> None:
    """What a request says by itself, before anything is read."""
    if request.method not in METHODS:
        raise UserError("Kies de methode: in twee stappen of direct met huisbezoeken.")
    if request.purpose not in PURPOSES:
        raise UserError("Kies of u een wijkraad of een wijkpanel loot.")
    if (request.council_id is None) == (request.new_council is None):
        raise UserError("Kies een bestaande raad of maak een nieuwe.")
    if request.term_starts_on < clock.today():
        raise UserError("De zittingstermijn kan niet in het verleden beginnen.")
    if request.purpose == "panel" and not (request.panel_size and 5 <= request.panel_size <= 5000):
        raise UserError("Een wijkpanel heeft tussen 5 en 5000 leden.")
    if request.purpose == "rotation" and request.council_id is None:
        raise UserError("Een rotatie is voor een raad die al zit; kies die raad.")


def _council_of(cur: Unit, caller: Caller, request: DrawRequest) -> Council:
    """The request's council, created when it is new; the caller organises all its
    neighbourhoods."""
    if request.new_council is not None:
        council_id = _create_council(cur, caller, request.new_council)
    else:
        council_id = int(request.council_id)  # type: ignore[arg-type]
        if council.council(cur, council_id) is None:
            raise UserError("Die raad bestaat niet.")
        for hood in council.council_neighbourhood_ids(cur, council_id):
            require_organiser(caller, hood)
    owner = council.council(cur, council_id)
    assert owner is not None
    return owner


def _create_council(cur: Unit, caller: Caller, data: NewCouncil) -> int:
    name = _check_new_council(data, {h.id: h for h in geography.neighbourhoods(cur)})
    for hood in data.neighbourhood_ids:
        require_organiser(caller, hood)
    if name.lower() in (n.lower() for n in draws.council_names(cur)):
        raise UserError(f"Er is al een raad met de naam '{name}'. Kies die raad.")
    council_id = council.add_council(
        cur,
        name,
        sorted(data.neighbourhood_ids),
        data.seats_drawn,
        data.seats_appointed,
        data.term_months,
        quorum_for(data.seats_drawn, data.seats_appointed),
        clock.utc_naive_now(),
        eligible_age=data.eligible_age,
        kind=data.kind,
    )
    audit.append(
        cur,
        caller.actor,
        "council.create",
        "council",
        council_id,
        {"seats_drawn": data.seats_drawn, "seats_appointed": data.seats_appointed},
    )
    return council_id


def _rotation(
    cur: Unit, owner: Council, request: DrawRequest, id_secret: str
) -> rotation.RotationChoice | None:
    """A rotation's plan: who leaves is fixed now, by length of service and a public lot
    for ties. None for other draws."""
    if request.purpose != "rotation":
        return None
    return rotation.choose(
        cur, owner.id, request.term_starts_on, int(request.rotating_seats or 0),
        lambda resident: pseudonym(id_secret, str(resident)),
    )  # fmt: skip


def _new_term(cur: Unit, owner: Council, request: DrawRequest) -> int | None:
    """The term a council draw seats its members for; a rotation's newcomers form a cohort
    with a full term of their own. A wijkpanel has none."""
    if request.purpose not in ("council", "rotation"):
        return None
    return council.add_term(
        cur,
        owner.id,
        draws.next_term_number(cur, owner.id),
        request.term_starts_on,
        add_months(request.term_starts_on, owner.term_months),
    )


def _rotation_event(chosen: rotation.RotationChoice | None) -> dict[str, object]:
    """What the audit event of a new rotation records about who leaves and stays."""
    if chosen is None:
        return {}
    return {
        "rotating_out": len(chosen.out),
        "open_seats": chosen.open_seats,
        "staying": len(chosen.staying),
        "tie_seed": chosen.seed,
        "tie_seed_draw_id": chosen.seed_draw_id,
    }


def cancel_draw(store: Store, caller: Caller, draw_id: int, reason: str) -> None:
    """Stop a draw that is still running; everything recorded stays for the audit."""
    require_organiser_role(caller)
    text = written_reason(reason, "Schrijf kort op waarom de loting stopt (minstens 5 tekens).")

    def work(cur: Unit) -> None:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        draws.cancel(cur, draw_id, clock.utc_naive_now())
        log(cur, caller, "draw.cancel", draw_id, {"reason_length": len(text)})

    store.write(work)


# Choosing and reading draws ----------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilChoice:
    council: Council
    neighbourhoods: list[str]
    next_term_starts: date | None = None  # the day the latest term ends, when still ahead
    has_terms: bool = False  # a council that never sat has nothing to rotate


def councils_for(store: Store, caller: Caller) -> list[CouncilChoice]:
    """Councils of which the caller organises every neighbourhood."""
    require_organiser_role(caller)
    with store.read() as cur:
        names = {h.id: h.name for h in geography.neighbourhoods(cur)}
        hoods_of = council.neighbourhood_ids_by_council(cur)
        last_end: dict[int, date] = {}
        for term in council.all_terms(cur):
            last_end[term.council_id] = max(
                term.ends_on, last_end.get(term.council_id, term.ends_on)
            )
        choices = []
        for owner in council.councils(cur):
            hoods = hoods_of.get(owner.id, [])
            if hoods and all(caller.covers(h) for h in hoods):
                ends = last_end.get(owner.id)
                ahead = ends if ends is not None and ends > clock.today() else None
                choices.append(
                    CouncilChoice(owner, [names[h] for h in hoods], ahead, ends is not None)
                )
        return choices


@dataclass(frozen=True)
class DrawChoice:
    draw: Draw
    council_name: str


def draws_for(store: Store, caller: Caller) -> list[DrawChoice]:
    """The caller's draws, running ones first."""
    choices = councils_for(store, caller)
    by_id = {c.council.id: c.council.name for c in choices}
    with store.read() as cur:
        return [DrawChoice(d, by_id[d.council_id or 0]) for d in
                draws.draws_for_councils(cur, list(by_id))]  # fmt: skip


@dataclass(frozen=True)
class DrawState:
    """Where a draw stands: what each step has recorded so far."""

    context: DrawContext
    neighbourhood_names: list[str]
    term: Term | None
    register_rows: int
    register_files: int
    invitations: int
    answers: int
    volunteers: int
    quotas: int

    @property
    def steps_done(self) -> dict[int, bool]:
        ctx = self.context
        return {
            1: True,
            2: self.register_rows > 0,
            3: self.invitations > 0,
            4: self.volunteers >= ctx.k,
            5: self.quotas > 0,
            6: ctx.draw.commitment is not None,
            7: ctx.draw.chosen_index is not None,
            8: ctx.draw.status == DrawStatus.COMPLETED,
        }


def draw_state(store: Store, caller: Caller, draw_id: int) -> DrawState:
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        names = {h.id: h.name for h in geography.neighbourhoods(cur)}
        term = term_of(cur, ctx)
        outcomes = draws.latest_outcomes(cur, draw_id)
        return DrawState(
            context=ctx,
            neighbourhood_names=[names[h] for h in ctx.neighbourhood_ids],
            term=term,
            register_rows=register_import.register_size(cur, draw_id),
            register_files=len(register_import.imports(cur, draw_id)),
            invitations=draws.invitation_count(cur, draw_id),
            answers=draws.response_count(cur, draw_id),
            volunteers=sum(1 for o in outcomes.values() if o == "ja"),
            quotas=len(draws.quotas(cur, draw_id)),
        )
