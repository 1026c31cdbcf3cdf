"""Infeasible quotas: what conflicts, and the smallest relaxation that makes them feasible."""

from __future__ import annotations

from dataclasses import replace

import highspy
import numpy as np

from sortition.errors import InfeasibleQuotasError, QuotaChange
from sortition.panels import INF, PanelFinder, PanelRows, new_highs, panel_rows
from sortition.pool import Pool, Types, collapse_types
from sortition.quotas import QuotaTable
from sortition.text import fold


def _too_few(minimum: int, people: int) -> str:
    only = f"only {people}" if people else "no"
    return f"at least {minimum} asked, but {only} volunteer{'s' if people != 1 else ''} in the pool"


def _available(pool: Pool, f: int, j: int) -> tuple[int, int]:
    """Volunteers with value j of feature f, and the households they live in."""
    mask = pool.codes[:, f] == j
    people = int(mask.sum())
    if pool.households is None:
        return people, people
    return people, len(np.unique(pool.households[mask]))


def cheap_problems(pool: Pool, quotas: QuotaTable, k: int) -> list[str]:
    """Direct checks that need no solver, in plain words."""
    problems = []
    for f, feature in enumerate(pool.features):
        rows = quotas.for_feature(feature)
        room = 0
        for j, q in enumerate(rows):
            people, households = _available(pool, f, j)
            room += min(q.max, households)
            if q.min > people:
                problems.append(f"{feature} {q.value}: {_too_few(q.min, people)}")
            elif q.min > households:
                problems.append(
                    f"{feature} {q.value}: at least {q.min} asked, but the {people} volunteers "
                    f"live in only {households} households (one person per household)"
                )
        lo = sum(q.min for q in rows)
        hi = sum(q.max for q in rows)
        if lo > k:
            problems.append(f"{feature}: the minimums add up to {lo}, more than the panel size {k}")
        if hi < k:
            problems.append(f"{feature}: the maximums add up to {hi}, less than the panel size {k}")
        elif room < k:
            problems.append(
                f"{feature}: counting the volunteers there are, at most {room} panel seats can "
                f"be filled within the maximums, less than the panel size {k}"
            )
    return problems


def relaxation(pool: Pool, quotas: QuotaTable, types: Types, rows: PanelRows) -> list[QuotaChange]:
    """Relaxed bounds min' <= min, max' >= max with a feasible panel, least total change."""
    h = new_highs()
    nt, nq = types.count, rows.quota_count
    # Columns: type counts, then per quota how much its min drops and its max rises.
    lower = np.zeros(nt + 2 * nq)
    upper = np.concatenate([types.caps.astype(float), *_flex_room(pool, quotas, rows)])
    cost = np.concatenate([np.zeros(nt), np.ones(2 * nq)])
    h.addVars(len(lower), lower, upper)
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    h.changeColsIntegrality(
        len(cost),
        np.arange(len(cost), dtype=np.int32),
        np.full(len(cost), highspy.HighsVarType.kInteger),
    )
    for r in range(len(rows.lower)):
        members = rows.index[rows.starts[r] : rows.starts[r + 1]]
        if r < nq:
            # count + drop >= min  and  count - rise <= max
            idx = np.concatenate([members, [nt + r]]).astype(np.int32)
            h.addRow(rows.lower[r], INF, len(idx), idx, np.ones(len(idx)))
            idx = np.concatenate([members, [nt + nq + r]]).astype(np.int32)
            val = np.concatenate([np.ones(len(members)), [-1.0]])
            h.addRow(-INF, rows.upper[r], len(idx), idx, val)
        else:
            idx = members.astype(np.int32)
            h.addRow(rows.lower[r], rows.upper[r], len(idx), idx, np.ones(len(idx)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return []
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    drop, rise = x[nt : nt + nq], x[nt + nq :]
    changes = []
    for r, (f, j) in enumerate(rows.quota_keys):
        if drop[r] == 0 and rise[r] == 0:
            continue
        feature = pool.features[f]
        q = quotas.for_feature(feature)[j]
        people, households = _available(pool, f, j)
        if drop[r] and q.min > people:
            reason = _too_few(q.min, people)
        elif drop[r] and q.min > households:
            reason = (
                f"at least {q.min} asked, but the {people} volunteers live in only "
                f"{households} households"
            )
        elif drop[r]:
            reason = f"at least {q.min} asked, which the other quotas leave no room for"
        else:
            reason = f"at most {q.max} asked, too few to fill {rows.k} seats with the other quotas"
        changes.append(
            QuotaChange(
                feature, q.value, q.min, q.max, q.min - int(drop[r]), q.max + int(rise[r]), reason
            )
        )
    return changes


def _flex_room(pool: Pool, quotas: QuotaTable, rows: PanelRows) -> tuple[np.ndarray, np.ndarray]:
    """How far each quota's minimum may drop and its maximum rise (min_flex, max_flex)."""
    drop, rise = rows.quota_min.astype(float), np.full(rows.quota_count, INF)
    for r, (f, j) in enumerate(rows.quota_keys):
        q = quotas.for_feature(pool.features[f])[j]
        if q.min_flex is not None:
            drop[r] = q.min - q.min_flex
        if q.max_flex is not None:
            rise[r] = q.max_flex - q.max
    return drop, rise


def _has_flex(quotas: QuotaTable) -> bool:
    return any(q.min_flex is not None or q.max_flex is not None for q in quotas.quotas)


def infeasible(
    pool: Pool, quotas: QuotaTable, types: Types, rows: PanelRows, problems: list[str]
) -> InfeasibleQuotasError:
    """The error to raise, with the relaxation and a message naming quotas and numbers."""
    changes = relaxation(pool, quotas, types, rows)
    lines = [f"No panel of {rows.k} people meets all quotas."]
    if problems:
        lines.append("Problems found:")
        lines += [f"  - {p}" for p in problems]
    if changes:
        total = sum(abs(c.new_min - c.old_min) + abs(c.new_max - c.old_max) for c in changes)
        lines.append(f"Smallest change that makes the quotas feasible (total change {total}):")
        lines += [f"  - {c.describe()}" for c in changes]
    elif _has_flex(quotas):
        lines.append("No change within the min_flex and max_flex columns makes them feasible.")
    return InfeasibleQuotasError("\n".join(lines), changes, problems)


def needed_relaxation(pool: Pool, quotas: QuotaTable, k: int) -> list[QuotaChange] | None:
    """None when some panel of k meets every quota; otherwise the smallest relaxation
    (empty when no change of quotas helps, e.g. too few households).

    Solves one pricing problem (milliseconds), not a whole selection, so it can run on
    every edit of a quota table.
    """
    types = collapse_types(pool)
    rows = panel_rows(pool, quotas, types, k)
    found = PanelFinder(rows, types.caps).best(np.zeros(types.count))
    if found is not None and not cheap_problems(pool, quotas, k):
        return None
    return relaxation(pool, quotas, types, rows)


def apply_changes(quotas: QuotaTable, changes: list[QuotaChange]) -> QuotaTable:
    """The quota table with a suggested relaxation applied."""
    by_key = {(fold(c.feature), fold(c.value)): c for c in changes}
    out = []
    for q in quotas.quotas:
        c = by_key.get((fold(q.feature), fold(q.value)))
        out.append(replace(q, min=c.new_min, max=c.new_max) if c else q)
    return QuotaTable(tuple(out))
