"""Step 4, direct method: the walking list for the visitors, street by street in
visiting order, of the addresses still to visit (dashboard.domain.home_visits decides
which and in what order; dashboard.files.walking_list makes the page to print).

The list holds names and addresses: only the organisers of the draw's neighbourhoods get
it, and each time one is made an audit event records who, for which draw and how many
addresses (never which).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.domain import home_visits
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.files import draw_documents
from dashboard.files import walking_list as documents
from dashboard.services.draws.context import (
    context,
    log,
    require_not_committed,
    require_open,
    require_organiser_role,
)
from dashboard.store import draws, geography
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


@dataclass(frozen=True)
class WalkingList:
    html: str  # to print
    table: pd.DataFrame  # the same rows, for a CSV
    addresses: int
    streets: int


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _date(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _stops(rows: pd.DataFrame) -> list[home_visits.Stop]:
    """The addresses of `draws.visit_list` that are still to visit."""
    found = []
    for row in rows.to_dict("records"):
        outcome = row["outcome"] if isinstance(row["outcome"], str) else None
        if not home_visits.still_to_visit(outcome, not pd.isna(row["replaced_by"])):
            continue
        found.append(
            home_visits.Stop(
                invitation_id=int(row["invitation_id"]),
                code=_text(row["letter_code"]),
                name=draw_documents.full_name(row["first_name"], row["last_name"]),
                street=_text(row["street"]),
                house_number=_text(row["house_number"]),
                postcode=_text(row["postcode"]),
                city=_text(row["city"]),
                group=_text(row["stratum"]),
                replaces_id=None if pd.isna(row["replaces_id"]) else int(row["replaces_id"]),
                visits=int(row["visits"]),
                last_visit=_date(row["visit_day"]),
                last_outcome=outcome,
            )
        )
    return found


def walking_list(store: Store, caller: Caller, draw_id: int) -> WalkingList:
    """The walking list of the addresses still to visit; audited (it names residents)."""
    require_organiser_role(caller)

    def work(cur: Unit) -> WalkingList:
        ctx = context(cur, caller, draw_id)
        if ctx.draw.method != "direct":
            raise UserError(
                "Een looplijst hoort bij huisbezoeken (de directe methode); deze loting "
                "werkt met brieven."
            )
        require_open(ctx)
        require_not_committed(ctx)
        rows = draws.visit_list(cur, draw_id)
        if rows.empty:
            raise UserError("Loot eerst de adressen voor de huisbezoeken (stap 3).")
        streets = home_visits.by_street(_stops(rows))
        if not streets:
            raise UserError(
                "Er is geen adres meer te bezoeken: overal is ja of nee gezegd, of het adres "
                "is vervangen. Loot een vervanger voor wie nee zei of niet thuis was."
            )
        names = {h.id: h.name for h in geography.neighbourhoods(cur)}
        settings = documents.ListSettings(
            council_name=ctx.council.name,
            neighbourhoods=", ".join(names.get(h, "") for h in ctx.neighbourhood_ids),
            draw_id=draw_id,
            made_on=clock.today(),
        )
        addresses = sum(len(s.stops) for s in streets)
        log(cur, caller, "draw.walking_list", draw_id,
            {"addresses": addresses, "streets": len(streets)})  # fmt: skip
        return WalkingList(
            documents.walking_list_html(streets, settings),
            documents.walking_list_frame(streets),
            addresses,
            len(streets),
        )

    return store.write(work)
