"""Goldilocks and Nash welfare: two more answers to "as equal as possible", over type panels.

Both are convex objectives over the selection probabilities pi_t = x_t / n_t of the types
(x_t the expected count of type t), so by symmetry types suffice, as for leximin.

Goldilocks (Baharav and Flanigan, "Fair, manipulation-robust, and transparent sortition",
2024) minimises max_t pi_t / a + max_t a / pi_t with a = k / n, the equal share: it bounds
the highest and the lowest chance together. For a fixed lowest chance L the smallest
highest chance U(L) is an LP, convex and piecewise linear in L, whose slope is the sum of
the duals of the rows pi_t >= L; so f(L) = U(L) / a + a / L is convex and its minimum is
found by bisection on the sign of that slope (`_bisect`). As for leximin the LP relaxation
of the panel rules comes first (`_RelaxedBand`): its optimum bounds every distribution's,
and when the point chosen there (the leximin point among the relaxation's points with every
chance at most U) is a mix of panels (`leximin._decompose`), that mix is Goldilocks-optimal,
exactly (failing the rounding steps, column generation towards the point is tried, as for
leximin: `leximin._towards`). Otherwise the bisection runs again with each U(L) computed
by column generation over panels (`_PanelBand`), priced by the same integer program as
leximin (`PanelFinder`).
Only the lowest and the highest chance of a Goldilocks optimum are unique.

Nash welfare maximises sum_t n_t log pi_t (the product of everybody's chance), as
sortition-algorithms does. Column generation: the master (`_nash_master`, a barrier method
with Newton steps over the panels' weights) gives x; the panel maximising
sum_t c_t n_t / x_t (the gradient) is priced by `PanelFinder`, and
    best welfare - welfare(x) <= max_P sum_t c_t(P) n_t / x_t - sum_t n_t,
so the loop stops with a proven gap. The Nash probabilities are unique.

People who are on no panel at all (the quotas leave no room for anyone like them) have
chance 0 under every distribution; both objectives are taken over the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import highspy
import numpy as np

from sortition.errors import SolverTimeLimitError
from sortition.leximin import (
    TypeDistribution,
    _decompose,
    _mixture,
    _towards,
    relaxed_leximin,
)
from sortition.panels import INF, PanelFinder, PanelRows, relaxation
from sortition.pool import Types

OBJECTIVES = ("goldilocks", "nash")
TIME_LIMIT = 120.0  # seconds for one objective's computation, by default
PRICE_TOL = 1e-9  # a new panel must improve the master LP by this much
BISECTION_WIDTH = 1e-11  # the lowest chance of Goldilocks is found to within this
BIG = 1e3  # cost of the slack that keeps the panel master feasible for any L
NASH_GAP = 1e-9  # proven distance to the best Nash welfare at which the loop stops
MATCH_TOL = 1e-8  # largest accepted gap between decomposed and relaxed probabilities
DROP = 1e-10  # Nash: panels with less weight leave the master (pricing finds them again)


@dataclass(frozen=True)
class ObjectiveResult:
    """A distribution over type panels and how it was found."""

    dist: TypeDistribution
    value: float  # the objective: Goldilocks (lower is better) or Nash welfare (higher)
    route: str  # "relaxation" (exact by the bound) or "panels" (column generation)
    gap: float  # proven distance to the optimum of the objective (0 when exact by route)


class _Clock:
    def __init__(self, objective: str, limit: float | None) -> None:
        self.objective = objective
        self.limit = TIME_LIMIT if limit is None else limit
        self.started = time.perf_counter()

    def check(self, gap: float = np.inf) -> None:
        spent = time.perf_counter() - self.started
        if spent > self.limit:
            raise SolverTimeLimitError(self.objective, self.limit, gap)


def goldilocks_value(type_prob: np.ndarray, sizes: np.ndarray, k: int, reach: np.ndarray) -> float:
    """max pi / a + max a / pi over the types that can be on a panel, a = k / n."""
    a = k / float(sizes.sum())
    p = type_prob[reach]
    return float(p.max() / a + a / p.min()) if p.min() > 0 else np.inf


def nash_value(type_prob: np.ndarray, sizes: np.ndarray, reach: np.ndarray) -> float:
    """sum over people of log(chance), over the types that can be on a panel."""
    p = type_prob[reach]
    return float(sizes[reach] @ np.log(p)) if p.min() > 0 else -np.inf


def covering_panels(finder: PanelFinder, types: Types) -> tuple[list[np.ndarray], np.ndarray]:
    """Panels that between them take every type that is on any panel, and those types."""
    panels: list[np.ndarray] = []
    covered = np.zeros(types.count, dtype=bool)
    while not covered.all():
        found = finder.best(np.where(covered, 0.0, 1.0 / types.sizes))
        if found is None:
            break
        if found[1] <= 0:  # no panel takes anyone not yet covered
            break
        panels.append(found[0])
        covered |= found[0] > 0
    return panels, covered


# Goldilocks ---------------------------------------------------------------------------------


Evaluate = Callable[[float], tuple[float, float] | None]


def _bisect(evaluate: Evaluate, a: float, clock: _Clock) -> tuple[float, float]:
    """The lowest chance L in (0, 1] minimising U(L) / a + a / L, and U(L).

    `evaluate(L)` gives U(L) and its slope (a subgradient), or None when no distribution
    gives everybody at least L. f is convex, so the sign of a subgradient of f says on which
    side of L the minimum lies."""
    lo, hi = 0.0, 1.0
    while hi - lo > BISECTION_WIDTH:
        clock.check()
        mid = (lo + hi) / 2
        found = evaluate(mid)
        if found is None or found[1] / a - a / mid**2 > 0:
            hi = mid
        else:
            lo = mid
    return at_level(evaluate, lo)


def at_level(evaluate: Evaluate, level: float) -> tuple[float, float]:
    """evaluate(level); at the very edge of what is possible a solve may call the level
    just impossible, so step back by up to 1e-8 (the objective moves less than that)."""
    for back in (0.0, 1e-11, 1e-10, 1e-9, 1e-8):
        if level - back > 0:
            found = evaluate(level - back)
            if found is not None:
                return level - back, found[0]
    raise RuntimeError("Goldilocks: no lowest chance above 0 was found")


class _RelaxedBand:
    """U(L) over the LP relaxation: min U s.t. x in the relaxation, L <= x_t / n_t <= U."""

    def __init__(self, types: Types, rows: PanelRows, reach: np.ndarray) -> None:
        t = types.count
        self.t = t
        self.reach = reach
        sizes = types.sizes.astype(float)
        h = relaxation(rows, types.caps)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        self.r = len(rows.lower)
        h.addCol(1.0, 0.0, INF, 0, np.zeros(0, dtype=np.int32), np.zeros(0))  # U, column t
        idx = np.arange(t, dtype=np.int32)
        # band rows x_t / n_t - U <= 0, then floor rows x_t / n_t >= L (reachable types)
        starts = np.arange(0, 2 * t, 2, dtype=np.int32)
        index = np.column_stack([idx, np.full(t, t)]).ravel().astype(np.int32)
        value = np.column_stack([1.0 / sizes, -np.ones(t)]).ravel()
        h.addRows(t, np.full(t, -INF), np.zeros(t), len(index), starts, index, value)
        h.addRows(t, np.zeros(t), np.full(t, INF), t, idx, idx, 1.0 / sizes)
        self.h = h

    def __call__(self, level: float) -> tuple[float, float] | None:
        h = self.h
        rows = np.arange(self.r + self.t, self.r + 2 * self.t, dtype=np.int32)
        lower = np.where(self.reach, level, 0.0)
        h.changeRowsBounds(self.t, rows, lower, np.full(self.t, INF))  # type: ignore[attr-defined]
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the Goldilocks LP: {status}")
        sol = h.getSolution()
        slope = float(np.maximum(np.asarray(sol.row_dual)[rows], 0.0).sum())
        return float(sol.col_value[self.t]), slope


class _PanelBand:
    """U(L) over distributions of panels, by column generation (priced by PanelFinder).

    Master LP over panel weights q, U and a slack s (cost BIG) that keeps it feasible:
        min U + BIG s  s.t.  sum_P q_P c_t(P) / n_t + s >= L  (types on some panel),
                             sum_P q_P c_t(P) / n_t - U <= 0,  sum_P q_P = 1.
    With duals y >= 0 (floor rows), v <= 0 (band rows) and mu (convexity), a panel improves
    the LP when sum_t (y_t + v_t) c_t / n_t + mu > 0; none does at the optimum. When s stays
    positive, no distribution gives everybody L."""

    def __init__(self, types: Types, finder: PanelFinder, reach: np.ndarray, clock: _Clock):
        t = types.count
        self.t, self.finder, self.reach, self.clock = t, finder, reach, clock
        self.sizes = types.sizes.astype(float)
        h = highspy.Highs()
        h.silent()
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        h.addRows(t, np.zeros(t), np.full(t, INF), 0, np.zeros(t, np.int32), np.zeros(0, np.int32),
                  np.zeros(0))  # fmt: skip
        h.addRows(t, np.full(t, -INF), np.zeros(t), 0, np.zeros(t, np.int32),
                  np.zeros(0, np.int32), np.zeros(0))  # fmt: skip
        h.addRow(1.0, 1.0, 0, np.zeros(0, np.int32), np.zeros(0))
        band = np.arange(t, 2 * t, dtype=np.int32)
        h.addCol(1.0, 0.0, INF, t, band, -np.ones(t))  # U
        floor = np.flatnonzero(reach).astype(np.int32)
        h.addCol(BIG, 0.0, INF, len(floor), floor, np.ones(len(floor)))  # s
        self.h = h
        self.panels: list[np.ndarray] = []
        self.keys: set[bytes] = set()
        self.priced = 0

    def add(self, counts: np.ndarray) -> bool:
        key = counts.tobytes()
        if key in self.keys:
            return False
        self.keys.add(key)
        nz = np.flatnonzero(counts)
        share = counts[nz] / self.sizes[nz]
        floor_rows = nz[self.reach[nz]]
        idx = np.concatenate([floor_rows, nz + self.t, [2 * self.t]]).astype(np.int32)
        val = np.concatenate([counts[floor_rows] / self.sizes[floor_rows], share, [1.0]])
        self.h.addCol(0.0, 0.0, INF, len(idx), idx, val)
        self.panels.append(counts)
        return True

    def _solve(self) -> highspy.HighsSolution:
        h = self.h
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            h.clearSolver()
            h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the Goldilocks master: {h.getModelStatus()}")
        return h.getSolution()

    def __call__(self, level: float) -> tuple[float, float] | None:
        t = self.t
        lower = np.where(self.reach, level, 0.0)
        rows = np.arange(t, dtype=np.int32)
        self.h.changeRowsBounds(t, rows, lower, np.full(t, INF))  # type: ignore[attr-defined]
        while True:
            self.clock.check()
            sol = self._solve()
            dual = np.asarray(sol.row_dual)
            y, v, mu = np.maximum(dual[:t], 0.0), np.minimum(dual[t : 2 * t], 0.0), dual[2 * t]
            found = self.finder.best((y + v) / self.sizes)
            assert found is not None, "the master's own panels meet the quotas"
            self.priced += 1
            if not (found[1] + mu > PRICE_TOL and self.add(found[0])):
                break
        col = np.asarray(sol.col_value)
        if col[1] > 1e-9:  # the slack: nobody-below-L is impossible
            return None
        return float(col[0]), float(y.sum())

    def weights(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().col_value)[2:]


def _as_mix(
    types: Types,
    rows: PanelRows,
    finder: PanelFinder,
    relaxed: tuple[np.ndarray, int],
    start: list[np.ndarray],
    clock: _Clock,
) -> TypeDistribution | None:
    """The relaxation's point as a mix of panels, as leximin does it (rounding steps, then
    column generation towards it); None when it is no mix (or not found to be one)."""
    target, levels = relaxed
    sizes = types.sizes.astype(float)
    panels, weights, ok = _decompose(target, PanelFinder(rows, types.caps), rows)
    if ok:
        dist = _mixture(types, panels, np.array(weights), levels, len(panels))
        if np.abs(dist.type_prob - target / sizes).max() <= MATCH_TOL:
            return replace(dist, integer_programs=finder.mip_calls)
    clock.check()
    q, columns, priced = _towards(target, finder, start + panels)
    if len(q):
        dist = _mixture(types, columns, q, levels, len(panels) + priced)
        if np.abs(dist.type_prob - target / sizes).max() <= MATCH_TOL:
            return replace(dist, integer_programs=finder.mip_calls)
    return None


def goldilocks(
    types: Types, rows: PanelRows, time_limit: float | None = None
) -> ObjectiveResult | None:
    """The Goldilocks distribution over type panels; None when no panel meets the quotas."""
    clock = _Clock("goldilocks", time_limit)
    k = rows.k
    sizes = types.sizes.astype(float)
    a = k / sizes.sum()
    finder = PanelFinder(rows, types.caps, types)
    start, reach = covering_panels(finder, types)
    if not start:
        return None
    _, upper = _bisect(_RelaxedBand(types, rows, reach), a, clock)
    # Among the relaxation's points with every chance at most U: the leximin one.
    capped = replace(types, caps=np.minimum(types.caps, upper * sizes + 1e-10))
    relaxed = relaxed_leximin(capped, rows)
    if relaxed is not None:
        found = _as_mix(types, rows, finder, relaxed, start, clock)
        if found is not None:
            value = goldilocks_value(found.type_prob, sizes, k, reach)
            return ObjectiveResult(found, value, "relaxation", 0.0)
    band = _PanelBand(types, finder, reach, clock)
    for counts in start:
        band.add(counts)
    _bisect(band, a, clock)  # the master now holds the solution at the best lowest chance
    q = band.weights()
    kept = q > 1e-12
    support = np.array(band.panels)[kept]
    probs = q[kept] / q[kept].sum()
    ips = finder.mip_calls
    dist = TypeDistribution(support, probs, (probs @ support) / sizes, 1, band.priced, ips)
    return ObjectiveResult(dist, goldilocks_value(dist.type_prob, sizes, k, reach), "panels", 0.0)


# Nash welfare -------------------------------------------------------------------------------


def _nash_master(counts: np.ndarray, n: np.ndarray, start: np.ndarray, mu: float) -> np.ndarray:
    """Panel weights q maximising sum_t n_t log (q @ counts)_t over the simplex.

    A barrier method: Newton steps on sum_t n_t log x_t + mu sum_P log q_P with sum q = 1,
    mu (from `mu`, small when warm-started) shrinking a hundredfold until the barrier's own gap
    (P mu) is negligible; then Newton steps without the barrier on the support (`_polish`)."""
    p = len(counts)
    total = float(n.sum())
    q = np.maximum(start, 0.0)
    q = (1 - 1e-3) * q / q.sum() + 1e-3 / p
    ones = np.ones(p)

    def phi(w: np.ndarray, m: float) -> float:
        return float(n @ np.log(w @ counts) + m * np.log(w).sum())

    while True:
        for _ in range(50):
            x = q @ counts
            g = counts @ (n / x) + mu / q
            s = (counts * (n / x**2)) @ counts.T
            s[np.diag_indices(p)] += mu / q**2
            both = np.linalg.solve(s, np.column_stack([g, ones]))
            d = both[:, 0] - (both[:, 0].sum() / both[:, 1].sum()) * both[:, 1]
            decrement = float(g @ d)
            if decrement < max(mu, 1e-13 * total):
                break
            shrink = d < 0
            step = min(1.0, 0.99 * float(np.min(-q[shrink] / d[shrink]))) if shrink.any() else 1.0
            now = phi(q, mu)
            while step > 1e-12 and phi(q + step * d, mu) < now + 0.25 * step * decrement:
                step /= 2
            if step <= 1e-12:
                break
            q = q + step * d
        if mu * p < 1e-12 * total:
            return _polish(counts, n, q / q.sum())
        mu /= 100


def _polish(counts: np.ndarray, n: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Newton steps without the barrier on the panels with weight: there the optimum has
    sum_t c_t n_t / x_t = sum_t n_t exactly, which the barrier only approaches."""
    support = q > 1e-9 * q.max()
    best = q.copy()
    value = float(n @ np.log(q @ counts))
    for _ in range(20):
        sub = counts[support]
        x = q[support] @ sub
        g = sub @ (n / x)
        s = (sub * (n / x**2)) @ sub.T + 1e-14 * np.eye(len(sub))
        both = np.linalg.lstsq(s, np.column_stack([g, np.ones(len(sub))]), rcond=None)[0]
        d = both[:, 0] - (both[:, 0].sum() / both[:, 1].sum()) * both[:, 1]
        trial = q.copy()
        trial[support] += d
        if trial.min() < 0:
            break
        trial_value = float(n @ np.log(trial @ counts))
        if trial_value < value - 1e-15 * abs(value):
            break
        q, value = trial, trial_value
        best = q.copy()
    return best / best.sum()


def nash(types: Types, rows: PanelRows, time_limit: float | None = None) -> ObjectiveResult | None:
    """The Nash-welfare distribution over type panels; None when no panel meets the quotas."""
    clock = _Clock("nash", time_limit)
    sizes = types.sizes.astype(float)
    finder = PanelFinder(rows, types.caps, types)
    panels, reach = covering_panels(finder, types)
    if not panels:
        return None
    n = sizes[reach]
    total = float(n.sum())
    keys = {c.tobytes() for c in panels}
    q = np.full(len(panels), 1.0 / len(panels))
    priced = len(panels)
    gap = np.inf
    first = True
    while True:
        clock.check(gap)
        matrix = np.array(panels, dtype=float)[:, reach]
        q = _nash_master(matrix, n, q, 1e-2 * total if first else 1e-7 * total)
        first = False
        x = np.array(panels, dtype=float).T @ q
        weights = np.where(reach, sizes / np.where(reach, x, 1.0), 0.0)
        found = finder.best(weights)
        assert found is not None
        priced += 1
        counts, _, bound = found
        gap = bound - total
        if gap <= NASH_GAP * total or counts.tobytes() in keys:
            break
        keys.add(counts.tobytes())
        panels.append(counts)
        for other in finder.neighbours(counts, weights, 3):
            if other.tobytes() not in keys and float(weights @ other) > total:
                keys.add(other.tobytes())
                panels.append(other)
        # Drop panels the master gave no weight; pricing finds them again if needed.
        keep = np.concatenate([q > DROP, np.ones(len(panels) - len(q), dtype=bool)])
        panels = [c for c, kept in zip(panels, keep, strict=True) if kept]
        keys = {c.tobytes() for c in panels}
        q = np.concatenate([q[q > DROP], np.zeros(len(panels) - int((q > DROP).sum()))])
        q = q + 1e-6 / len(q)
    kept = q > 1e-12
    support = np.array(panels)[kept]
    probs = q[kept] / q[kept].sum()
    ips = finder.mip_calls
    dist = TypeDistribution(support, probs, (probs @ support) / sizes, 1, priced, ips)
    return ObjectiveResult(dist, nash_value(dist.type_prob, sizes, reach), "panels", max(gap, 0.0))


def solve(
    objective: str, types: Types, rows: PanelRows, time_limit: float | None = None
) -> ObjectiveResult | None:
    """Goldilocks or Nash welfare over type panels (`OBJECTIVES`)."""
    if objective == "goldilocks":
        return goldilocks(types, rows, time_limit)
    if objective == "nash":
        return nash(types, rows, time_limit)
    raise ValueError(f"unknown objective {objective!r}")
