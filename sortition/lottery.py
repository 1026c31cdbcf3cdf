"""The transparent lottery: the fair distribution rounded to m equally likely panels.

Following Flanigan, Kehne and Procaccia, "Fair sortition made transparent" (NeurIPS 2021):
instead of a distribution with irrational-looking probabilities, publish a numbered list of
m panels (m = 1000 by default, panels may repeat) and let the public ceremony pick one
number. Rounding changes everybody's chance a little; this module keeps that change small
and reports the largest one.

How the rounding works, on the distribution over *type* panels (see pool.Types):
1. Each type panel j with probability p_j gets floor(m p_j) or ceil(m p_j) tickets, m in
   all. The choice starts with an iterative (Beck-Fiala style) rounding that keeps every
   type's expected seats fixed while it can, and is then improved by an integer program
   (HiGHS) minimising the largest change of a type's per-member chance.
2. The tickets of a type panel are filled with people: the members of each type sit on a
   circle (in the order of the SHA-256 of their ids, which nobody chooses), and every ticket
   that needs c members of that type takes the next c from the circle. So every member of a
   type is on the same number of tickets, give or take one, the quotas hold on every ticket
   (type counts do not change) and households never get two seats (household members have
   their own types with room for one).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import highspy
import numpy as np

from sortition.errors import SortitionInputError
from sortition.leximin import TypeDistribution
from sortition.panels import INF, new_highs
from sortition.pool import Types

DEFAULT_M = 1000
MAX_M = 100_000
ROUNDING_SECONDS = 2.0
_EPS = 1e-9


@dataclass(frozen=True)
class Lottery:
    """m panels of person indices (sorted), each drawn with probability 1/m."""

    panels: tuple[np.ndarray, ...]
    fair: np.ndarray  # per person: the fair probability the lottery approximates
    marginals: np.ndarray  # per person: tickets with that person / m

    @property
    def m(self) -> int:
        return len(self.panels)

    @property
    def max_deviation(self) -> float:
        """The largest change of anybody's probability caused by the rounding."""
        return float(np.abs(self.marginals - self.fair).max())


def check_m(m: object) -> int:
    if isinstance(m, bool) or not isinstance(m, int | np.integer) or not 1 <= m <= MAX_M:
        raise SortitionInputError(
            f"The lottery size m must be a whole number 1-{MAX_M}, got {m!r}."
        )
    return int(m)


def marginals(panels: list[np.ndarray] | tuple[np.ndarray, ...], n: int) -> np.ndarray:
    """Each person's share of the tickets."""
    counts = np.zeros(n, dtype=np.int64)
    for panel in panels:
        counts[panel] += 1
    return counts / max(len(panels), 1)


def build_lottery(
    types: Types,
    dist: TypeDistribution,
    ids: tuple[str, ...],
    m: int = DEFAULT_M,
    *,
    seconds: float = ROUNDING_SECONDS,
) -> Lottery:
    m = check_m(m)
    support, probs = np.unique(dist.panels, axis=0, return_inverse=True)
    merged = np.bincount(probs.reshape(-1), weights=dist.probs, minlength=len(support))
    merged = np.clip(merged, 0, None).astype(float)
    merged = merged / merged.sum()
    tickets = _ticket_counts(support, merged, types, dist.type_prob, m, seconds)
    panels = _fill_tickets(support, tickets, types, ids)
    fair = dist.type_prob[types.person_type]
    return Lottery(tuple(panels), fair, marginals(panels, len(ids)))


def _ticket_counts(
    support: np.ndarray,
    probs: np.ndarray,
    types: Types,
    type_prob: np.ndarray,
    m: int,
    seconds: float,
) -> np.ndarray:
    """Tickets per type panel: floor or ceil of m p_j, m in all, per-type error small."""
    x = m * probs
    base = np.floor(x + _EPS)
    frac = np.clip(x - base, 0.0, 1.0)
    frac[frac < _EPS] = 0.0
    extra = int(np.rint(m - base.sum()))
    # Per type and per member: how many tickets the rounding part must add.
    weights = support.T / types.sizes[:, None]  # (T, J)
    target = m * type_prob - weights @ base
    start = _iterative_rounding(weights, frac, extra)
    best = _polish(weights, target, extra, start, seconds)
    return (base + best).astype(np.int64)


def _iterative_rounding(weights: np.ndarray, frac: np.ndarray, extra: int) -> np.ndarray:
    """Move the fractional parts to 0 or 1, keeping their sum and, while the number of
    fractional panels allows, every type's weighted sum (Beck-Fiala)."""
    y = frac.copy()
    degree = max(int((weights > 0).sum(axis=0).max()), 1)
    while True:
        open_ = np.flatnonzero((y > _EPS) & (y < 1 - _EPS))
        if len(open_) <= 1:
            break
        sub = weights[:, open_]
        load = (sub > 0).sum(axis=1)
        active = [int(t) for t in np.argsort(-load, kind="stable") if load[t] > degree]
        while active and len(active) + 1 >= len(open_):
            active.pop()  # drop the active row with the fewest fractional panels
        cols = open_[: len(active) + 2]
        matrix = np.vstack(
            [
                weights[np.ix_(np.asarray(active, dtype=np.intp), np.asarray(cols, dtype=np.intp))],
                np.ones(len(cols)),
            ]
        )
        direction = np.linalg.svd(matrix)[2][-1]
        direction[np.abs(direction) < 1e-12] = 0.0
        if direction[np.flatnonzero(direction)[0]] < 0:
            direction = -direction
        values = y[cols]
        up = np.where(direction > 0, (1 - values) / np.where(direction > 0, direction, 1), INF)
        down = np.where(direction < 0, -values / np.where(direction < 0, direction, 1), INF)
        step = float(min(up.min(), down.min()))
        y[cols] = np.clip(values + step * direction, 0.0, 1.0)
        y[np.abs(y) < _EPS] = 0.0
        y[np.abs(1 - y) < _EPS] = 1.0
    rounded = np.rint(y)
    # Guard against float drift in the sum: fix the count by the largest remainders.
    order = np.argsort(-(y - rounded), kind="stable")
    diff = extra - int(rounded.sum())
    if diff > 0:
        rounded[[j for j in order if rounded[j] == 0][:diff]] = 1
    elif diff < 0:
        rounded[[j for j in order[::-1] if rounded[j] == 1][:-diff]] = 0
    return rounded


def _error(weights: np.ndarray, target: np.ndarray, y: np.ndarray) -> float:
    return float(np.abs(weights @ y - target).max()) if len(target) else 0.0


def _polish(
    weights: np.ndarray, target: np.ndarray, extra: int, start: np.ndarray, seconds: float
) -> np.ndarray:
    """Binary choice of which panels get the extra ticket, minimising the largest
    per-member error of any type (the integer program of Flanigan et al.)."""
    t, j = weights.shape
    if j <= 1 or seconds <= 0:
        return start
    h = new_highs()
    h.setOptionValue("time_limit", float(seconds))
    h.setOptionValue("mip_rel_gap", 1e-4)
    h.setOptionValue("mip_abs_gap", 0.25)  # a quarter ticket per member is plenty
    h.addVars(j + 1, np.zeros(j + 1), np.concatenate([np.ones(j), [INF]]))
    h.changeColsCost(1, np.array([j], dtype=np.int32), np.array([1.0]))
    h.changeColsIntegrality(
        j, np.arange(j, dtype=np.int32), np.full(j, highspy.HighsVarType.kInteger)
    )
    h.addRow(extra, extra, j, np.arange(j, dtype=np.int32), np.ones(j))
    for row in range(t):
        nz = np.flatnonzero(weights[row])
        idx = np.concatenate([nz, [j]]).astype(np.int32)
        h.addRow(-INF, target[row], len(idx), idx, np.concatenate([weights[row, nz], [-1.0]]))
        h.addRow(target[row], INF, len(idx), idx, np.concatenate([weights[row, nz], [1.0]]))
    solution = highspy.HighsSolution()
    solution.col_value = [*start.tolist(), _error(weights, target, start)]
    h.setSolution(solution)
    h.run()
    values = h.getSolution().col_value
    if not h.getSolution().value_valid or len(values) != j + 1:
        return start
    candidate = np.rint(np.asarray(values[:j]))
    if int(candidate.sum()) != extra or np.any((candidate < 0) | (candidate > 1)):
        return start
    if _error(weights, target, candidate) <= _error(weights, target, start):
        return candidate
    return start


def circle_order(members: np.ndarray, ids: tuple[str, ...]) -> np.ndarray:
    """Members of a type in the order of SHA-256 of their ids: fixed, and chosen by nobody."""
    keys = [hashlib.sha256(ids[i].encode("utf-8")).hexdigest() for i in members]
    return members[np.argsort(keys, kind="stable")]


def _fill_tickets(
    support: np.ndarray, tickets: np.ndarray, types: Types, ids: tuple[str, ...]
) -> list[np.ndarray]:
    circles = [circle_order(members, ids) for members in types.members]
    pointer = np.zeros(types.count, dtype=np.int64)
    panels = []
    for counts, copies in zip(support, tickets, strict=True):
        taken = np.flatnonzero(counts)
        for _ in range(int(copies)):
            chosen = []
            for t in taken:
                size, c = int(types.sizes[t]), int(counts[t])
                chosen.append(circles[t][(pointer[t] + np.arange(c)) % size])
                pointer[t] += c
            panels.append(np.sort(np.concatenate(chosen)))
    return panels
