"""Step 8 of a draw: who says yes, who declines and who takes their place, and the
council's roster with terms and rotation.

A member who declines (or leaves) is replaced once, from the ranked reserve list the
ceremony drew: the first reserve with whom every quota and the one-per-household rule
still hold (`sortition.reserve_candidates`), so the replacement is as checkable as the
draw itself. A confirmed council member gets a seat for the draw's term; appointed seats
(municipal councillors) are added by role. The draw is completed when every place is
confirmed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

import sortition
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.models import PanelMember, Seat, Term
from dashboard.services.draws import rotation
from dashboard.services.draws.context import (
    DrawContext,
    add_months,
    context,
    log,
    members_closed_reason,
    part_names,
    require_members_changeable,
    require_no_running_replacement,
    require_open,
    require_organiser_role,
    term_of,
    written_reason,
)
from dashboard.store import draws
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

SITTING = ("selected", "confirmed")
STATUS_NAMES = {
    "selected": "geloot, nog niet bevestigd",
    "confirmed": "doet mee",
    "declined": "afgezegd",
    "replaced": "vervangen",
    "left": "gestopt",
    "reserve": "reserve",
}


def _member(
    cur: Unit, caller: Caller, member_id: int, *, replacing: bool = False
) -> tuple[DrawContext, PanelMember]:
    found = draws.member(cur, member_id)
    if found is None:
        raise UserError(f"Lid {member_id} bestaat niet.")
    ctx = context(cur, caller, found.draw_id)
    require_members_changeable(cur, ctx, replacing=replacing)
    return ctx, found


def confirm_member(store: Store, caller: Caller, member_id: int) -> None:
    """The member says yes: for a council, a drawn seat for the draw's term."""
    require_organiser_role(caller)

    def work(cur: Unit) -> None:
        ctx, found = _member(cur, caller, member_id)
        if found.status == "confirmed":
            raise UserError("Dit lid heeft al bevestigd.")
        if found.status != "selected":
            raise UserError(
                f"Alleen wie geloot is, kan bevestigen; dit lid is {STATUS_NAMES[found.status]}."
            )
        draws.set_member_status(cur, member_id, "confirmed", clock.utc_naive_now())
        term = term_of(cur, ctx)
        if ctx.draw.purpose in ("council", "rotation") and term is not None:
            # A replacement who joins a sitting council starts today, not with the term.
            draws.add_seat(cur, {
                "council_id": ctx.council.id, "term_id": term.id, "kind": "drawn",
                "resident_id": found.resident_id, "panel_member_id": member_id,
                "is_chair": False, "starts_on": max(term.starts_on, clock.today()),
            })  # fmt: skip
        log(cur, caller, "draw.confirm", found.draw_id, {"member_id": member_id})

    store.write(work)


def decline_member(
    store: Store, caller: Caller, member_id: int, reason: str, on: date | None = None
) -> None:
    """The member says no (or, after confirming, leaves on `on`, default today, not in the
    future): the seat ends that day and is free for a reserve."""
    require_organiser_role(caller)
    text = " ".join(reason.split()) or "afgezegd"

    def work(cur: Unit) -> None:
        _ctx, found = _member(cur, caller, member_id)
        require_no_running_replacement(cur, found.draw_id)
        if found.status not in SITTING:
            raise UserError(f"Dit lid is al {STATUS_NAMES.get(found.status, found.status)}.")
        seat = draws.seat_of_member(cur, member_id)
        if seat is not None and seat.ends_on is not None and seat.ends_on <= clock.today():
            raise UserError(
                f"De zetel van dit lid is op {seat.ends_on:%d-%m-%Y} al geëindigd "
                f"({seat.end_reason or 'einde'}); er valt niets af te zeggen."
            )
        day = on or clock.today()
        if day > clock.today():
            raise UserError(
                "Die datum ligt in de toekomst. Leg het stoppen vast op of na de dag zelf."
            )
        if seat is not None and day < seat.starts_on <= clock.today():
            raise UserError(
                f"Die datum ligt voor het begin van de zetel ({seat.starts_on:%d-%m-%Y})."
            )
        status = "declined" if found.status == "selected" else "left"
        draws.set_member_status(cur, member_id, status, clock.utc_naive_now())
        if seat is not None and seat.ends_on is None:
            draws.end_seat(cur, seat.id, max(day, seat.starts_on), text[:200])
        log(cur, caller, f"draw.{status}", found.draw_id, {"member_id": member_id})

    store.write(work)


def replace_member(store: Store, caller: Caller, member_id: int) -> int:
    """The first suitable reserve takes the place of a member who declined or left; once."""
    require_organiser_role(caller)

    def work(cur: Unit) -> int:
        ctx, found = _member(cur, caller, member_id, replacing=True)
        replaced = draws.replaced_members(cur, found.draw_id)
        if member_id in replaced:
            raise UserError("Dit lid is al vervangen; iemand twee keer vervangen kan niet.")
        require_no_running_replacement(cur, found.draw_id)
        if found.status not in ("declined", "left"):
            raise UserError("Alleen wie heeft afgezegd of is gestopt, kan worden vervangen.")
        bundle = draws.bundle(cur, found.draw_id)
        assert bundle is not None
        everyone = draws.members(cur, found.draw_id)
        number = {m.id: ctx.bundle_id(m.resident_id) for m in everyone}  # in the bundle
        current = [number[m.id] for m in everyone if m.status in SITTING]
        leaving = number[found.id]
        # Other seats that are open and not yet refilled count as held by who left them:
        # each reserve is judged for this seat alone, as the reserve list was drawn for.
        still_open = [
            number[m.id] for m in everyone
            if m.status in ("declined", "left") and m.id != found.id and m.id not in replaced
        ]  # fmt: skip
        asked_before = {number[m.id] for m in everyone if m.status not in ("reserve",)}
        try:
            candidates = sortition.reserve_candidates(
                bundle, leaving, [*current, *still_open, leaving]
            )
        except sortition.SortitionError as exc:
            raise UserError(f"Vervangen kan zo niet: {exc}") from exc
        candidates = [c for c in candidates if c not in asked_before]
        if not candidates:
            raise UserError(
                "Niemand op de reservelijst kan deze plaats innemen zonder de quota te breken. "
                "Er is niets veranderd."
            )
        chosen = next(m for m in everyone if number[m.id] == candidates[0])
        at = clock.utc_naive_now()
        draws.set_member_status(cur, chosen.id, "selected", at)
        draws.set_member_status(cur, member_id, "replaced", at)
        draws.add_replacement(cur, found.draw_id, member_id, chosen.id, found.status, at)
        log(cur, caller, "draw.replace_member", found.draw_id,
            {"member_id": member_id, "replacement_member_id": chosen.id,
             "reserve_rank": chosen.reserve_rank})  # fmt: skip
        return chosen.id

    return store.write(work)


def add_appointed_seat(store: Store, caller: Caller, draw_id: int, role: str) -> int:
    """An appointed seat (e.g. a municipal councillor) for the draw's term, by role; while
    the term runs also after the draw (a councillor who follows another starts today)."""
    require_organiser_role(caller)
    text = written_reason(
        role, "Beschrijf de benoemde zetel, bijvoorbeeld 'Gemeenteraadslid (fractie A)'.", 3
    )

    def work(cur: Unit) -> int:
        ctx, term = _appointing(cur, caller, draw_id)
        day = max(clock.today(), term.starts_on)
        if len(_appointed_sitting(cur, ctx, term, day)) >= ctx.council.seats_appointed:
            raise UserError(
                f"Deze raad heeft {ctx.council.seats_appointed} benoemde zetels; die zijn al "
                "bezet. Beëindig eerst de zetel van wie vertrekt."
            )
        seat_id = draws.add_seat(cur, {
            "council_id": ctx.council.id, "term_id": term.id, "kind": "appointed",
            "appointed_role": text, "is_chair": False, "starts_on": day,
        })  # fmt: skip
        log(cur, caller, "draw.appoint", draw_id, {"seat_id": seat_id})
        return seat_id

    return store.write(work)


def end_appointed_seat(
    store: Store, caller: Caller, draw_id: int, seat_id: int, reason: str
) -> None:
    """An appointed member leaves (e.g. after council elections): the seat ends today
    and a new appointed seat can take its place."""
    require_organiser_role(caller)
    text = written_reason(reason, "Geef kort aan waarom de benoemde zetel eindigt.", 3)

    def work(cur: Unit) -> None:
        ctx, term = _appointing(cur, caller, draw_id)
        day = max(clock.today(), term.starts_on)
        seat = next((s for s in _appointed_sitting(cur, ctx, term, day) if s.id == seat_id), None)
        if seat is None:
            raise UserError(
                "Deze benoemde zetel hoort niet bij deze termijn of is al beëindigd. Er is "
                "niets veranderd."
            )
        draws.end_seat(cur, seat.id, max(clock.today(), seat.starts_on), text[:200])
        log(cur, caller, "draw.appoint_end", draw_id, {"seat_id": seat.id})

    store.write(work)


def _appointing(cur: Unit, caller: Caller, draw_id: int) -> tuple[DrawContext, Term]:
    """The draw and its term, once appointed seats of it may change (while the draw is
    open, and after it while the term runs)."""
    ctx = context(cur, caller, draw_id)
    require_members_changeable(cur, ctx, replacing=False)
    term = term_of(cur, ctx)
    if term is None:
        raise UserError("Een wijkpanel heeft geen benoemde zetels.")
    if ctx.draw.purpose == "rotation":
        raise UserError(
            "Bij een rotatie blijven de benoemde zetels zoals ze zijn; verander ze bij de "
            "loting van de raad."
        )
    return ctx, term


def _appointed_sitting(cur: Unit, ctx: DrawContext, term: Term, day: date) -> list[Seat]:
    """The term's appointed seats still taken on `day`."""
    return [
        s
        for s in draws.seats(cur, ctx.council.id)
        if s.term_id == term.id and s.kind == "appointed" and (s.ends_on is None or s.ends_on > day)
    ]


def complete_draw(store: Store, caller: Caller, draw_id: int) -> None:
    """Close the draw once every place is confirmed."""
    require_organiser_role(caller)

    def work(cur: Unit) -> None:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        draws.set_stage(cur, draw_id, "done")
        confirmed = sum(1 for m in draws.members(cur, draw_id) if m.status == "confirmed")
        if confirmed < ctx.k:
            raise UserError(
                f"{confirmed} van de {ctx.k} plaatsen zijn bevestigd. Rond de loting af als "
                "iedereen heeft bevestigd (vervang wie afzegt)."
            )
        ended = _rotate_out(cur, ctx) if ctx.draw.purpose == "rotation" else 0
        draws.complete(cur, draw_id, clock.utc_naive_now())
        log(cur, caller, "draw.complete", draw_id, {"confirmed": confirmed, "rotated_out": ended})

    store.write(work)


def _rotate_out(cur: Unit, ctx: DrawContext) -> int:
    """A rotation is complete: the seats of the members who rotate out end on its day
    (from then on their cool-down runs). Returns how many seats ended."""
    plan = rotation.of(ctx)
    day = date.fromisoformat(plan["day"])
    leaving = {int(r) for r in plan["out"]}
    ended = 0
    for seat_id, resident, _, _ in draws.sitting_drawn(cur, ctx.council.id, day):
        if resident in leaving:
            draws.end_seat(cur, seat_id, day, rotation.OUT_REASON)
            ended += 1
    return ended


# What step 8 shows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembersView:
    members: pd.DataFrame  # member_id, number (in the bundle), name, status, reserve_rank, ...
    confirmed: int
    seats: int
    roster: pd.DataFrame  # the council's seats with terms and rotation dates
    closed_reason: str | None  # why members can no longer confirm or leave
    replace_closed_reason: str | None  # why members can no longer be replaced


def members_view(store: Store, caller: Caller, draw_id: int) -> MembersView:
    """Members and reserves with names (personal data: organisers of the neighbourhood)."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        everyone = draws.members(cur, draw_id)
        replaced = draws.replaced_members(cur, draw_id)
        names = draws.names(cur, [m.resident_id for m in everyone])
        pool = draws.pool_frame(cur, draw_id, ctx.reference_date).set_index("id")
        # Members chosen before the workspace kept the draw's answers: the register's groups.
        unknown = [m.resident_id for m in everyone if str(m.resident_id) not in pool.index]
        if unknown:
            known = draws.member_features(cur, draw_id, unknown, ctx.reference_date)
            pool = pd.concat([pool, known.set_index("id")])
        names_of_parts = part_names(cur, ctx)
        roster = (
            draws.roster(cur, ctx.council.id)
            if ctx.draw.purpose in ("council", "rotation")
            else None
        )
        running = draws.open_draw(cur, ctx.council.id, "rotation")
        closed_reason = members_closed_reason(cur, ctx, clock.today(), replacing=False)
        replace_closed_reason = members_closed_reason(cur, ctx, clock.today(), replacing=True)
    rows = []
    number_of = {m.id: ctx.bundle_id(m.resident_id) for m in everyone}
    for m in everyone:
        groups = pool.loc[str(m.resident_id)] if str(m.resident_id) in pool.index else None
        by = replaced.get(m.id)
        rows.append({
            "member_id": m.id, "number": number_of[m.id], "name": names.get(m.resident_id, ""),
            "status": m.status, "reserve_rank": m.reserve_rank,
            "replaced_by": number_of.get(by) if by is not None else None,
            "age_band": None if groups is None else groups["age_band"],
            "gender": None if groups is None else groups["gender"],
            "part": None if groups is None else names_of_parts.get(groups["part"], groups["part"]),
        })  # fmt: skip
    members = pd.DataFrame(rows)
    confirmed = sum(1 for m in everyone if m.status == "confirmed")
    plan = json.loads(running.parameters_json).get("rotation") if running else None
    roster_view = _rotation(roster, ctx, plan) if roster is not None else pd.DataFrame()
    return MembersView(members, confirmed, ctx.k, roster_view, closed_reason, replace_closed_reason)


def _rotation(
    roster: pd.DataFrame, ctx: DrawContext, plan: dict[str, Any] | None = None
) -> pd.DataFrame:
    """When each seat ends, from when a drawn member may be drawn again (cool-down), and,
    while a rotation runs (`plan`), who rotates out on which day."""
    if roster.empty:
        return roster
    out = roster.copy()
    leaving = {int(r) for r in plan["out"]} if plan else set()
    day = date.fromisoformat(plan["day"]) if plan else None
    out["rotates_out"] = [
        day
        if day and kind == "drawn" and pd.isna(end) and int(resident) in leaving
        and pd.Timestamp(term_ends) > pd.Timestamp(day)
        else None
        for kind, end, resident, term_ends in zip(
            out["kind"], out["ends_on"], out["resident_id"].fillna(-1), out["term_ends"],
            strict=True,
        )
    ]  # fmt: skip
    # A seat ends early (its own end, or its rotation), else with its term.
    ends = [
        r if r is not None else e if isinstance(e, date) and not pd.isna(e) else t
        for r, e, t in zip(out["rotates_out"], out["ends_on"], out["term_ends"], strict=True)
    ]
    out["seat_ends"] = ends
    out["drawable_again"] = [
        add_months(e, ctx.council.cool_down_months) if kind == "drawn" else None
        for e, kind in zip(ends, out["kind"], strict=True)
    ]
    return out
