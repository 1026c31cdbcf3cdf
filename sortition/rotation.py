"""Rotation: councils renew part of their seats each term, and who may be drawn again.

A rotation draw is a draw for the open seats next to the members who stay (see
replace.residual_inputs). Sitting members cannot be drawn, nor anybody whose seat ended
less than the cool-down period ago.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

from sortition.errors import SortitionInputError
from sortition.quotas import QuotaTable
from sortition.replace import DrawInputs, residual_inputs
from sortition.seed import generator


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def not_eligible(
    service: Iterable[tuple[str, date | None]], today: date, cool_down_months: int
) -> set[str]:
    """Ids that may not be drawn: seats without an end (sitting) or ending on or after
    today, and seats that ended less than `cool_down_months` months before today."""
    if cool_down_months < 0:
        raise SortitionInputError("The cool-down period cannot be negative.")
    limit = months_before(today, cool_down_months)
    return {person for person, ended in service if ended is None or ended > limit}


def rotating_out(members: Sequence[tuple[str, date]], seats: int, seed_hex: str) -> list[str]:
    """The `seats` members who leave: the longest serving first (earliest start); members
    who started on the same day are ordered by lot from a ceremony seed."""
    if not 0 < seats <= len(members):
        raise SortitionInputError(f"Between 1 and {len(members)} seats can rotate, not {seats}.")
    lot = generator(seed_hex).permutation(len(members))
    order = sorted(range(len(members)), key=lambda i: (members[i][1], int(lot[i])))
    return [members[i][0] for i in order[:seats]]


def rotation_draw_inputs(
    people: pd.DataFrame,
    quotas: QuotaTable,
    staying_members: pd.DataFrame,
    seats: int,
    not_drawable: Iterable[str],
    *,
    id_column: str = "id",
    household_column: str | None = None,
) -> DrawInputs:
    """Pool and residual quotas for a rotation draw of `seats` seats.

    `staying_members` are the rows (id, household, features) of the members who stay;
    `not_drawable` is `not_eligible(...)` for this council.
    """
    staying = [str(v) for v in staying_members[id_column]] if len(staying_members) else []
    return residual_inputs(
        people,
        quotas,
        staying,
        seats,
        set(not_drawable),
        id_column=id_column,
        household_column=household_column,
        members=staying_members if len(staying_members) else None,
    )
