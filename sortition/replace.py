"""Draws that fill seats next to members who stay: replacements and rotation.

The members who stay already fill part of every quota. The new draw is an ordinary fair
draw (prepare, ceremony, verify) over the volunteers who are left, with *residual* quotas
(the old bounds minus what the staying members fill) for the open seats. When no panel
meets the residual quotas, the nearest feasible quotas (the smallest relaxation) are used
and the notes say which quotas were loosened and why.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from sortition import diagnose
from sortition.bundle import (
    HOUSEHOLD,
    bundle_pool,
    bundle_quotas,
    check_structure,
    panel_problems,
    pool_frame,
)
from sortition.diagnose import apply_changes
from sortition.errors import QuotaChange, SortitionInputError
from sortition.io import read_table
from sortition.panels import panel_rows
from sortition.pool import build_pool, collapse_types
from sortition.quotas import Quota, QuotaTable
from sortition.select import check_k
from sortition.text import clean, fold


@dataclass(frozen=True)
class DrawInputs:
    """What a replacement or rotation draw selects from, and for how many seats."""

    people: pd.DataFrame  # the volunteers who can be drawn (id, household, features)
    residual: QuotaTable  # the quotas minus what the staying members fill
    quotas: QuotaTable  # residual, or its nearest feasible relaxation
    seats: int
    household_column: str | None
    relaxation: tuple[QuotaChange, ...]
    notes: tuple[str, ...]

    def parent_record(
        self, parent_commitment: str | None, staying: Sequence[str], excluded: Collection[str]
    ) -> dict[str, Any]:
        """What the new bundle records about where it comes from (checked by verify; a
        rotation draw has no parent bundle, so no commitment)."""
        return {
            "commitment": parent_commitment,
            "staying": sorted(staying),
            "excluded": sorted(excluded),
            "relaxation": [asdict(change) for change in self.relaxation],
        }


def _column(frame: pd.DataFrame, name: str) -> str:
    for column in frame.columns:
        if fold(column) == fold(name):
            return str(column)
    raise SortitionInputError(f"The pool has no column '{name}'.")


def residual_inputs(
    people: pd.DataFrame,
    quotas: QuotaTable,
    staying: Sequence[str],
    seats: int,
    excluded: Collection[str] = (),
    *,
    id_column: str = "id",
    household_column: str | None = None,
    members: pd.DataFrame | None = None,
) -> DrawInputs:
    """The pool and quotas for filling `seats` seats next to the `staying` members.

    `members` holds the staying members' rows (same columns as `people`); by default they
    are looked up in `people`. Excluded people, the staying members and anybody sharing a
    household with a staying member cannot be drawn.
    """
    frame = read_table(people)
    ids = frame[_column(frame, id_column)].map(clean)
    source = frame if members is None else read_table(members)
    source_ids = source[_column(source, id_column)].map(clean)
    staying_set = {clean(s) for s in staying}
    if len(staying_set) != len(staying):
        raise SortitionInputError("A staying member is listed twice.")
    unknown = sorted(staying_set - set(source_ids))
    if unknown:
        raise SortitionInputError(f"Staying member(s) not found: {', '.join(unknown[:5])}.")
    kept = source[source_ids.isin(staying_set)]
    residual, notes = _residual_quotas(kept, quotas, id_column, household_column)

    drop = staying_set | {clean(e) for e in excluded}
    eligible = ~ids.isin(drop)
    if household_column is not None and len(kept):
        homes = set(kept[_column(kept, household_column)].map(clean))
        eligible &= ~frame[_column(frame, household_column)].map(clean).isin(homes)
    pool_frame = frame[eligible].reset_index(drop=True)
    if isinstance(seats, bool) or not isinstance(seats, int | np.integer) or seats < 1:
        raise SortitionInputError(f"The number of seats to fill must be at least 1, got {seats}.")
    if len(pool_frame) == 0:
        raise SortitionInputError("Nobody is left in the pool to draw from.")
    pool = build_pool(pool_frame, residual, id_column, household_column)
    check_k(pool, int(seats))
    needed = diagnose.needed_relaxation(pool, residual, int(seats))
    relaxation: list[QuotaChange] = []
    final = residual
    if needed is not None:
        if not needed:  # no change of quotas helps: say why, with the usual message
            types = collapse_types(pool)
            rows = panel_rows(pool, residual, types, int(seats))
            raise diagnose.infeasible(pool, residual, types, rows, [])
        relaxation = needed
        final = apply_changes(residual, relaxation)
        notes.append(
            "No group of the remaining volunteers fits the quotas exactly; the nearest "
            "feasible quotas are used: " + "; ".join(c.describe() for c in relaxation)
        )
    return DrawInputs(
        pool_frame,
        residual,
        final,
        int(seats),
        household_column,
        tuple(relaxation),
        tuple(notes),
    )


def _residual_quotas(
    kept: pd.DataFrame, quotas: QuotaTable, id_column: str, household_column: str | None
) -> tuple[QuotaTable, list[str]]:
    notes: list[str] = []
    if len(kept) == 0:
        return quotas, notes
    members = build_pool(kept, quotas, id_column, household_column)
    out = []
    for f, feature in enumerate(members.features):
        counts = np.bincount(members.codes[:, f], minlength=len(members.values[f]))
        for j, q in enumerate(quotas.for_feature(feature)):
            filled = int(counts[j])
            if filled > q.max:
                notes.append(
                    f"{feature} {q.value}: the staying members already fill {filled} seats, "
                    f"more than the maximum {q.max}; no more are drawn"
                )
            out.append(Quota(q.feature, q.value, max(0, q.min - filled), max(0, q.max - filled)))
    return QuotaTable(tuple(out)), notes


def replacement_draw_inputs(
    bundle: dict[str, Any],
    leaving: Sequence[str],
    unavailable: Collection[str] = (),
    members: Sequence[str] | None = None,
) -> tuple[DrawInputs, dict[str, Any]]:
    """Inputs for replacing `leaving` members of a revealed draw, and the parent record.

    `members` are the current members (by default the drawn panel); `unavailable` are
    people who may not be drawn (who declined, left or were replaced before).
    """
    check_structure(bundle)
    if bundle.get("panel") is None:
        raise SortitionInputError("This draw has not been revealed yet; nobody can be replaced.")
    current = [str(m) for m in (members if members is not None else bundle["panel"])]
    leaving_ids = [clean(x) for x in leaving]
    if not leaving_ids:
        raise SortitionInputError("Name at least one member who leaves.")
    if len(set(leaving_ids)) != len(leaving_ids):
        raise SortitionInputError("A leaving member is listed twice.")
    not_members = [x for x in leaving_ids if x not in current]
    if not_members:
        raise SortitionInputError(
            f"Not a current member, so cannot be replaced: {', '.join(not_members)}."
        )
    staying = [m for m in current if m not in leaving_ids]
    excluded = set(leaving_ids) | {clean(u) for u in unavailable}
    household = HOUSEHOLD if HOUSEHOLD in bundle["pool"]["columns"] else None
    inputs = residual_inputs(
        pool_frame(bundle),
        bundle_quotas(bundle),
        staying,
        len(leaving_ids),
        excluded,
        household_column=household,
    )
    record = inputs.parent_record(bundle["commitment"], staying, excluded)
    record["leaving"] = leaving_ids
    return inputs, record


def reserve_candidates(
    bundle: dict[str, Any], leaving: str, members: Sequence[str] | None = None
) -> list[str]:
    """The reserve list in rank order, keeping only those who could take `leaving`'s seat
    with every quota and the household rule still met."""
    check_structure(bundle)
    if bundle.get("reserve") is None:
        raise SortitionInputError("This draw has not been revealed yet; there is no reserve list.")
    current = [str(m) for m in (members if members is not None else bundle["panel"])]
    if leaving not in current:
        raise SortitionInputError(f"Not a current member: {leaving}.")
    pool, quotas = bundle_pool(bundle), bundle_quotas(bundle)
    staying = [m for m in current if m != leaving]
    k = len(current)
    return [
        person
        for person in bundle["reserve"]
        if person not in current and not panel_problems(pool, quotas, k, [*staying, person])
    ]
