"""Replacement by a public draw (step 8 of a draw, and its own draw row).

When members decline or leave and no reserve keeps the quotas, or when the organiser
prefers a draw anyway, the open seats are filled by a new public draw over the
volunteers who are left, with *residual* quotas: each bound minus what the staying
members already fill (`sortition.replacement_draw_inputs`). When no group of the
remaining volunteers meets them exactly, the nearest feasible quotas are used and the
notes say which quota was loosened. The new draw is a draw row of its own (purpose
'replacement', `parent_draw_id` the council's draw) with its own bundle, fingerprint,
ceremony and verification: `sortition.verify(bundle, parent)` checks that its pool and
quotas follow from the council's draw. Its ceremony seats the drawn replacements in the
council's draw (links in table `replacement`).

One replacement draw per council draw at a time; a member is replaced once. Every step
writes an audit event with numbers and counts only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

import sortition
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.models import PanelMember
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.services.draws.context import (
    DrawContext,
    context,
    log,
    members_closed_reason,
    require_members_changeable,
    require_no_running_replacement,
    require_organiser_role,
    residual_notes,
)
from dashboard.store import draws
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock
from sortition.bundle import pool_frame

SITTING = ("selected", "confirmed")
LEAVING = ("declined", "left")


@dataclass(frozen=True)
class ReplacementPlan:
    """What a replacement draw for these members would do (nothing stored)."""

    member_ids: tuple[int, ...]  # panel members of the council's draw who leave
    seats: int
    volunteers: int  # who can be drawn
    notes: tuple[str, ...]  # in Dutch: loosened quotas and why
    relaxed: bool


@dataclass(frozen=True)
class _Inputs:
    parent: DrawContext
    bundle: dict[str, Any]
    leaving: list[PanelMember]
    inputs: sortition.DrawInputs
    record: dict[str, Any]
    key: str  # the council's state the inputs were computed from


def _engine_error(exc: sortition.SortitionError) -> UserError:
    text = str(exc)
    if "Nobody is left" in text or "larger than" in text or "households" in text:
        return UserError(
            "Er zijn niet genoeg aanmeldingen meer over om deze plaatsen door loting te vullen. "
            "Er is niets veranderd."
        )
    if isinstance(exc, sortition.InfeasibleQuotasError):
        return UserError(
            "Met de aanmeldingen die over zijn, kan geen vervanging aan de quota voldoen, ook "
            "niet met aangepaste quota. Er is niets veranderd."
        )
    return UserError(f"Een vervangingsloting kan zo niet: {text}. Er is niets veranderd.")


def _inputs(cur: Unit, caller: Caller, draw_id: int, member_ids: Sequence[int]) -> _Inputs:
    """Check the request against the council's draw and compute the draw's inputs."""
    parent = context(cur, caller, draw_id)
    if parent.draw.purpose == "replacement":
        raise UserError("Vervang leden vanuit de loting van de raad zelf.")
    if parent.draw.chosen_index is None:
        raise UserError("Doe eerst de openbare trekking (stap 7).")
    reason = members_closed_reason(cur, parent, clock.today(), replacing=True)
    if reason is not None:
        raise UserError(reason)
    wanted = [int(m) for m in member_ids]
    if not wanted:
        raise UserError("Kies minstens één lid dat heeft afgezegd of is gestopt.")
    if len(set(wanted)) != len(wanted):
        raise UserError("Een lid staat twee keer in de keuze.")
    require_no_running_replacement(cur, draw_id)
    everyone = draws.members(cur, draw_id)
    by_id = {m.id: m for m in everyone}
    replaced = draws.replaced_members(cur, draw_id)
    leaving = []
    for member_id in wanted:
        member = by_id.get(member_id)
        if member is None:
            raise UserError(f"Lid {member_id} hoort niet bij deze loting.")
        if member_id in replaced:
            raise UserError(
                f"Lid nr {member.resident_id} is al vervangen; iemand twee keer vervangen kan "
                "niet. Er is niets veranderd."
            )
        if member.status not in LEAVING:
            raise UserError(
                f"Lid nr {member.resident_id} heeft niet afgezegd en is niet gestopt; alleen "
                "die plaatsen worden door loting opnieuw gevuld."
            )
        leaving.append(member)
    bundle = draws.bundle(cur, draw_id)
    assert bundle is not None
    number = parent.bundle_id  # people as the council's bundle names them
    sitting = [number(m.resident_id) for m in everyone if m.status in SITTING]
    leaving_ids = [number(m.resident_id) for m in leaving]
    # Who said no or left before (and who was replaced) is not asked again.
    unavailable = sorted(
        number(m.resident_id)
        for m in everyone
        if m.status not in ("reserve", *SITTING) and number(m.resident_id) not in leaving_ids
    )
    try:
        inputs, record = sortition.replacement_draw_inputs(
            bundle, leaving_ids, unavailable, members=[*sitting, *leaving_ids]
        )
    except sortition.SortitionError as exc:
        raise _engine_error(exc) from exc
    state = sorted((m.id, m.status) for m in everyone)
    key = hashlib.sha256(json.dumps([state, sorted(wanted)]).encode()).hexdigest()
    return _Inputs(parent, bundle, leaving, inputs, record, key)


def replacement_plan(
    store: Store, caller: Caller, draw_id: int, member_ids: Sequence[int]
) -> ReplacementPlan:
    """What a replacement draw for these members would do: seats, volunteers, notes."""
    require_organiser_role(caller)
    with store.read() as cur:
        found = _inputs(cur, caller, draw_id, member_ids)
    inputs = found.inputs
    return ReplacementPlan(
        tuple(m.id for m in found.leaving),
        inputs.seats,
        len(inputs.people),
        tuple(residual_notes(inputs)),
        bool(inputs.relaxation),
    )


def prepare_replacement(
    store: Store, caller: Caller, draw_id: int, member_ids: Sequence[int]
) -> int:
    """Prepare the replacement draw (fair chances, list of possible replacements,
    fingerprint) as a draw of its own; returns its number. Once per member: a second
    request, or one while a replacement draw is running, is refused and changes nothing.
    """
    require_organiser_role(caller)
    with store.read() as cur:
        found = _inputs(cur, caller, draw_id, member_ids)
    inputs = found.inputs
    try:  # outside the transaction: the solver may take a moment
        bundle = sortition.prepare(
            inputs.people, inputs.quotas, inputs.seats,
            household_column=inputs.household_column, purpose="replacement",
            parent=found.record, min_group=MIN_GROUP,
        )  # fmt: skip
    except sortition.SortitionError as exc:
        raise _engine_error(exc) from exc
    notes = residual_notes(inputs)

    def work(cur: Unit) -> int:
        # Touch the council's draw first: two sessions at once conflict here, and the one
        # retried then finds the other's replacement draw.
        require_members_changeable(cur, context(cur, caller, draw_id), replacing=True)
        draws.take_turn(cur, draw_id)  # its volunteers are the pool: no answer slips in
        fresh = _inputs(cur, caller, draw_id, member_ids)
        if fresh.key != found.key:
            raise UserError(
                "De leden van deze loting zijn veranderd terwijl de vervangingsloting werd "
                "voorbereid. Er is niets opgeslagen; probeer het opnieuw."
            )
        parent = fresh.parent
        parameters = {
            "id_secret": parent.parameters.get("id_secret"),  # the council's bundle numbers
            "term_id": parent.parameters.get("term_id"),
            "eligible_age": parent.min_age,
            "replaces_member_ids": [m.id for m in fresh.leaving],
            "notes": notes,
            "relaxation": [change.__dict__ for change in inputs.relaxation],
        }
        new_id = draws.add_draw(
            cur, parent.council.id, "replacement", parent.draw.method, inputs.seats,
            parameters, clock.utc_naive_now(), parent.draw.panel_id, parent_draw_id=draw_id,
        )  # fmt: skip
        resident = parent.residents_by_bundle_id(m.resident_id for m in draws.members(cur, draw_id))
        probabilities = pd.DataFrame(
            {
                "resident_id": [resident[i] for i in bundle["probabilities"]],
                "probability": [float(p) for p in bundle["probabilities"].values()],
            }
        )
        draws.save_prepared(cur, new_id, bundle, parameters, probabilities)
        at = clock.utc_naive_now()
        for member in fresh.leaving:
            draws.add_replacement(cur, draw_id, member.id, None, member.status, at, new_id)
        log(cur, caller, "draw.create", new_id, {
            "council_id": parent.council.id, "purpose": "replacement", "parent_draw_id": draw_id,
            "k": inputs.seats,
        })  # fmt: skip
        log(cur, caller, "draw.prepare", new_id, {
            "commitment": bundle["commitment"], "volunteers": len(inputs.people),
            "k": inputs.seats, "algorithm": bundle["algorithm"], "m": bundle["lottery"]["m"],
            "max_deviation": bundle["lottery"]["max_deviation"],
            "relaxed_quotas": len(inputs.relaxation),
        })  # fmt: skip
        leaving_ids = [m.id for m in fresh.leaving]
        log(cur, caller, "draw.replacement_draw", draw_id,
            {"replacement_draw_id": new_id, "member_ids": leaving_ids})  # fmt: skip
        return new_id

    return store.write(work)


def seat_replacements(
    cur: Unit, caller: Caller, ctx: DrawContext, revealed: dict[str, Any]
) -> list[int]:
    """After the ceremony of replacement draw `ctx`: the drawn people take the seats in
    the council's draw (in the order of the members they replace). Returns their member
    ids. Refuses (and so undoes the ceremony) when the council changed meanwhile."""
    require_organiser_role(caller)
    parent_id = ctx.draw.parent_draw_id
    assert parent_id is not None
    parent = context(cur, caller, parent_id)
    require_members_changeable(cur, parent, replacing=True)
    everyone = {parent.bundle_id(m.resident_id): m for m in draws.members(cur, parent_id)}
    record = revealed.get("parent") or {}
    staying = sorted(n for n, m in everyone.items() if m.status in SITTING)
    links = draws.replacement_links(cur, ctx.draw.id)
    drawn = [everyone.get(str(person)) for person in revealed["panel"]]
    if (
        staying != sorted(record.get("staying", []))
        or len(links) != len(drawn)
        or any(m is None or m.status != "reserve" for m in drawn)
    ):
        raise UserError(
            "De raad is veranderd sinds deze vervangingsloting werd voorbereid; de trekking "
            "is niet gedaan. Stop deze vervangingsloting en bereid een nieuwe voor."
        )
    at = clock.utc_naive_now()
    seated = []
    for (link_id, replaced_id, _), newcomer in zip(links, drawn, strict=True):
        assert newcomer is not None
        draws.set_member_status(cur, newcomer.id, "selected", at)
        draws.set_member_status(cur, replaced_id, "replaced", at)
        draws.fill_replacement(cur, link_id, newcomer.id)
        seated.append(newcomer.id)
    draws.complete(cur, ctx.draw.id, at)
    log(cur, caller, "draw.replacement_seated", parent_id, {
        "replacement_draw_id": ctx.draw.id,
        "replacements": [[r, n] for (_, r, _), n in zip(links, seated, strict=True)],
    })  # fmt: skip
    return seated


# What the replacement draw's page shows ----------------------------------------------------------


@dataclass(frozen=True)
class ReplacementView:
    parent_draw_id: int
    notes: list[str]
    leaving: pd.DataFrame  # member_id, number (resident number), status, replaced_by (number)
    volunteers: int


def replacement_view(store: Store, caller: Caller, draw_id: int) -> ReplacementView:
    """The replacement draw: whose seats it fills, the notes, and who took them. Numbers
    only (the page may be on a projector)."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        parent_id = ctx.draw.parent_draw_id
        if ctx.draw.purpose != "replacement" or parent_id is None:
            raise UserError(f"Loting {draw_id} is geen vervangingsloting.")
        links = draws.replacement_links(cur, draw_id)
        member = {m.id: m for m in draws.members(cur, parent_id)}
        bundle = draws.bundle(cur, draw_id)
    number = ctx.bundle_id  # the council's bundle numbers (the same secret)
    rows = [
        {
            "member_id": replaced,
            "number": number(member[replaced].resident_id),
            "status": member[replaced].status,
            "replaced_by": None if by is None else number(member[by].resident_id),
        }
        for _, replaced, by in links
    ]
    volunteers = len(pool_frame(bundle)) if bundle else 0
    return ReplacementView(
        parent_id,
        list(ctx.parameters.get("notes") or []),
        pd.DataFrame(rows, columns=["member_id", "number", "status", "replaced_by"]),
        volunteers,
    )


def running_replacement(store: Store, caller: Caller, draw_id: int) -> int | None:
    """The number of the replacement draw for `draw_id` still before its ceremony."""
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        running = draws.running_replacement(cur, draw_id)
    return None if running is None else running.id
