"""Rotation of a sitting council: part of its drawn seats is renewed by a draw of its own
(purpose 'rotation'), the rest stays.

Who leaves: the longest-serving members (earliest start of their seat); members who
started on the same day are ordered by lot (`sortition.rotating_out`) from a public seed:
the ceremony seed of the council's latest public draw, hashed with the rotation's date
and number of seats, so nobody could pick it. The lot runs over the sitting members by
their numbers in the rotation's bundle, in the order of those numbers, and the bundle
publishes them with their starts (`sitting`), so anyone can recompute who rotates out
(`sortition.verify` does). A council without such a draw (its seats were drawn before the
workspace existed) gets a seed from its number, the date, the seats and the sitting
members instead; the parameters record which.

The new members are drawn from the volunteers of a new invitation round (steps 2-5 of
the workspace), with the council's quotas minus what the staying members fill
(`sortition.rotation_draw_inputs`). The draw also fills the drawn seats that are open on
the rotation's day (members who stopped earlier); a rotation of no seats fills only those.
Used by the draw services; no caller checks here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

import sortition
from dashboard.domain.errors import UserError
from dashboard.services.draws.context import DrawContext
from dashboard.store import council, draws
from dashboard.store.unit import Unit
from sortition.seed import canonical_json, seed_digest

OUT_REASON = "rotatie"


@dataclass(frozen=True)
class RotationChoice:
    day: date  # the day the new members start and the rotating ones leave
    seats: int  # seats that rotate
    open_seats: int  # drawn seats nobody holds on `day` (members who stopped earlier)
    out: list[int]  # resident numbers of the members who leave, longest-serving first
    staying: list[int]
    seed: str
    seed_draw_id: int | None  # the draw whose public ceremony seed decided ties
    sitting: list[tuple[str, str]]  # (number in the bundle, start) in the order of the lot

    @property
    def to_fill(self) -> int:
        return self.seats + self.open_seats

    def parameters(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "seats": self.seats,
            "open_seats": self.open_seats,
            "out": self.out,
            "staying": self.staying,
            "seed": self.seed,
            "seed_draw_id": self.seed_draw_id,
            "sitting": [list(member) for member in self.sitting],
        }


def choose(
    cur: Unit, council_id: int, day: date, seats: int, number: Callable[[int], str]
) -> RotationChoice:
    """Who rotates out on `day` when `seats` drawn seats are renewed, and how many drawn
    seats are open that day (the draw fills those too). `number` gives a resident's
    number in the rotation's bundle."""
    sitting = draws.sitting_drawn(cur, council_id, day)
    if not sitting:
        raise UserError(
            f"Op {day:%d-%m-%Y} zitten er geen gelote leden in deze raad (hun termijn is dan "
            "al voorbij); er valt niets te rouleren. Kies voor een rotatie een dag waarop de "
            "raad nog zit, of loot een nieuwe raad."
        )
    owner = council.council(cur, council_id)
    assert owner is not None
    open_seats = max(0, owner.seats_drawn - len(sitting))
    fewest = 0 if open_seats else 1  # with nothing open, a rotation must renew a seat
    if not fewest <= seats <= len(sitting):
        raise UserError(
            f"Kies tussen {fewest} en {len(sitting)} zetels die rouleren (er zitten "
            f"{len(sitting)} gelote leden op die dag). "
            + (f"De {open_seats} open zetel(s) vult de loting hoe dan ook." if open_seats
               else "Er is geen zetel open.")
        )  # fmt: skip
    latest = draws.latest_ceremony(cur, council_id)
    if latest is not None and (latest[1].get("ceremony") or {}).get("seed"):
        seed_draw_id: int | None = latest[0]
        seed = seed_digest(latest[1]["ceremony"]["seed"], ["rotatie", day.isoformat(), str(seats)])
    else:
        seed_draw_id = None
        text = canonical_json(
            {"council": council_id, "day": day.isoformat(), "seats": seats,
             "sitting": sorted(r for _, r, _, _ in sitting)}
        )  # fmt: skip
        seed = hashlib.sha256(text).hexdigest()
    named = {number(r): (r, start) for _, r, start, _ in sitting}
    if len(named) != len(sitting):
        raise UserError("Twee leden kregen hetzelfde nummer; probeer het opnieuw.")
    members = sorted((n, start) for n, (_, start) in named.items())
    leaving = sortition.rotating_out(members, seats, seed) if seats else []
    resident = {n: r for n, (r, _) in named.items()}
    out = [resident[n] for n in leaving]
    staying = sorted(r for _, r, _, _ in sitting if r not in out)
    public = [(n, start.isoformat()) for n, start in members]
    return RotationChoice(day, seats, open_seats, out, staying, seed, seed_draw_id, public)


def of(ctx: DrawContext) -> dict[str, Any]:
    """The rotation recorded with a rotation draw."""
    found = ctx.parameters.get("rotation")
    if ctx.draw.purpose != "rotation" or not isinstance(found, dict):
        raise UserError(f"Loting {ctx.draw.id} is geen rotatie.")
    return found


def require_council_unchanged(cur: Unit, ctx: DrawContext) -> None:
    """Who sits on the rotation's day is still who sat when it began: the members who
    stay, rotate out and the open seats were fixed then (a member who stopped, or a
    replacement seated since, would make its quotas and seats wrong)."""
    plan = of(ctx)
    day = date.fromisoformat(plan["day"])
    sitting = {resident for _, resident, _, _ in draws.sitting_drawn(cur, ctx.council.id, day)}
    if sitting != {int(r) for r in [*plan["out"], *plan["staying"]]}:
        raise UserError(
            "Sinds deze rotatie begon, is de raad veranderd: iemand stopte of een vervanger "
            "kwam erbij. Stop deze rotatie en begin een nieuwe; die telt de open zetels mee. "
            "Er is niets veranderd."
        )


def draw_inputs(
    cur: Unit, ctx: DrawContext, people: pd.DataFrame, quotas: pd.DataFrame
) -> sortition.DrawInputs:
    """Pool and residual quotas for the open seats: the council's quotas minus what the
    staying members fill (sortition.SortitionError when impossible)."""
    rotation = of(ctx)
    features = [c for c in people.columns if c not in ("id", "household")]
    staying = draws.member_features(
        cur, ctx.draw.id, [int(r) for r in rotation["staying"]], ctx.reference_date
    )[["id", "household", *features]]
    staying = staying.assign(id=[ctx.bundle_id(int(i)) for i in staying["id"]])
    table = sortition.make_quotas(list(quotas.itertuples(index=False, name=None)))
    return sortition.rotation_draw_inputs(
        people, table, staying, ctx.k, (), household_column="household"
    )


def quota_seats(ctx: DrawContext) -> int:
    """The seats a draw's quota table is for: the whole council's drawn seats for a
    rotation (the staying members count too), else the draw's own."""
    return ctx.council.seats_drawn if ctx.draw.purpose == "rotation" else ctx.k
