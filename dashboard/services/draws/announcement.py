"""Step 7, before the inputs: the public announcement of the ceremony.

After the fingerprint (step 6) the organiser announces when and where the ceremony is,
how the inputs will be chosen, and the fingerprint itself; the residents' page
"Openbare trekkingen" shows it. A change is stored as a new version (the earlier ones
stay readable) and audited; once the inputs are entered or the announced moment has
passed, nothing changes (`dashboard.domain.announcements`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from dashboard.domain.announcements import (
    AnnouncementText,
    announcement_text,
    change_refusal,
    changed_fields,
)
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.services.draws.context import (
    DrawContext,
    context,
    log,
    require_open,
    require_organiser_role,
)
from dashboard.store import announcements, draws
from dashboard.store.announcements import Announcement
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


@dataclass(frozen=True)
class AnnouncementState:
    """What step 7 shows of the announcement: the latest version, how many there are, and
    why it can no longer change (None when it can)."""

    latest: Announcement | None
    versions: int
    refusal: str | None
    current: bool  # the latest names the draw's fingerprint as it is now


def _refusal(ctx: DrawContext, latest: Announcement | None) -> str | None:
    if ctx.draw.commitment is None:
        return (
            "Bereid eerst de selectie voor: de aankondiging noemt de controlecode van de lijst "
            "met mogelijke raden."
        )
    same = latest is not None and latest.commitment == ctx.draw.commitment
    return change_refusal(
        ctx.draw.chosen_index is not None,
        None if latest is None else latest.held_at,
        same,
        clock.now(),
    )


def announcement_state(store: Store, caller: Caller, draw_id: int) -> AnnouncementState:
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        found = announcements.versions(cur, [draw_id]).get(draw_id, [])
    latest = found[-1] if found else None
    return AnnouncementState(
        latest=latest,
        versions=len(found),
        refusal=_refusal(ctx, latest),
        current=latest is not None and latest.commitment == ctx.draw.commitment,
    )


def publish_announcement(
    store: Store,
    caller: Caller,
    draw_id: int,
    day: date,
    time_of_day: time,
    location: str,
    input_method: str,
) -> int:
    """Publish (or change) the announcement of draw `draw_id`'s ceremony; returns its
    version. Refused, with nothing stored, when the text is not complete, the moment is not
    to come, or the ceremony is done or its announced moment has passed."""
    require_organiser_role(caller)  # before anything else, even checking the text
    text = announcement_text(day, time_of_day, location, input_method, clock.now())

    def work(cur: Unit) -> int:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        draws.set_stage(cur, draw_id, ctx.draw.stage)  # two publications at once conflict here
        latest = announcements.latest(cur, draw_id)
        refusal = _refusal(ctx, latest)
        if refusal is not None:
            raise UserError(refusal)
        assert ctx.draw.commitment is not None  # _refusal says so otherwise
        before = (
            None
            if latest is None or latest.commitment != ctx.draw.commitment
            else AnnouncementText(latest.held_at, latest.location, latest.input_method)
        )
        changed = changed_fields(before, text)
        if not changed:
            raise UserError("De aankondiging is al precies zo gepubliceerd; er is niets veranderd.")
        version = 1 if latest is None else latest.version + 1
        announcements.add(
            cur, draw_id, version, text.held_at, text.location, text.input_method,
            ctx.draw.commitment, clock.utc_naive_now(),
        )  # fmt: skip
        log(cur, caller, "draw.announce", draw_id, {
            "version": version, "held_at": text.held_at.isoformat(),
            "commitment": ctx.draw.commitment, "changed": changed,
        })  # fmt: skip
        return version

    return store.write(work)
