"""Leximin and maximin distributions over panels, over types of interchangeable people.

A distribution over panels gives each type t an expected count x_t = sum_P q_P c_t(P); its
members' probability is x_t / n_t. Every such x lies in the LP relaxation of the panel
constraints (0 <= x <= caps, each quota's and household's row within its bounds, sum k).

1. Leximin over the relaxation (`relaxed_leximin`): per level one LP over T + 1 variables,
       maximise z  subject to  x in the relaxation,  x_t / n_t >= z (unfixed),  >= f_t (fixed);
   types with a positive dual cannot rise above z in any optimal solution (complementary
   slackness) and are fixed. Its result is lexicographically at least as good as any
   distribution over panels.
2. If that point is a mix of panels, the mix is therefore leximin (and maximin), exactly.
   Rounding steps (`_decompose`) write it as one; failing that, column generation towards it
   (`_towards`). Over types the relaxation's point almost always is such a mix.
3. Otherwise leximin level by level with column generation. The master LP at each level,
   over panel probabilities q and the level z:
    maximise z
    subject to  sum_P q_P c_t(P) / n_t - z >= 0     for every type t not yet fixed
                sum_P q_P c_t(P) / n_t     >= f_t   for every type t fixed at level f_t
                sum_P q_P = 1,  q >= 0.
   Its duals y_t price a new panel: single-swap climbs and LP diving first, then the integer
   program maximising sum_t (y_t / n_t) c_t over all panels (PanelFinder), stopped at the
   first panel that improves the LP. When no panel beats the dual of the convexity row, the
   level is optimal and the types with y_t > 0 are fixed as above.
Leximin as in Flanigan, Gölz, Gupta, Hennig and Procaccia (Nature 2021). By symmetry every
member of a type has the same leximin probability, so types suffice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import highspy
import numpy as np

from sortition.panels import INF, PanelFinder, PanelRows, new_highs, relaxation
from sortition.pool import Types

PRICE_TOL = 1e-9  # a new panel must beat the convexity dual by this much
FIX_TOL = 1e-7  # dual weight above which a type is held at the current level
NEIGHBOURS = 3  # extra improving panels one swap away, added with each priced panel
SMOOTHING = 0.7  # weight of the stability centre in the smoothed pricing dual
STALL_ITERATIONS = 20000  # primal simplex iterations in one LP solve before switching to dual
MASS_TOL = 1e-10  # the decomposition stops when less probability than this is left
MATCH_TOL = 1e-8  # largest accepted gap between decomposed and relaxed probabilities
GOAL = 1 - 1e-10  # column generation towards the relaxed point stops at z >= GOAL
CLIMB_STARTS = 3  # local-search pricing starts from the master's best panels at the dual
CLIMB_STEPS = 50
DIVES = 10  # randomised LP dives per rounding step before its integer program


@dataclass(frozen=True)
class TypeDistribution:
    """A distribution over type-count panels and the probability of each type's members."""

    panels: np.ndarray  # (P, T) counts
    probs: np.ndarray  # (P,)
    type_prob: np.ndarray  # (T,) selection probability of each member of a type
    levels: int  # LP levels solved (of the relaxation, or of the master; 1 for maximin there)
    panels_priced: int  # panel searches: rounding steps and pricing problems
    integer_programs: int = 0  # of those, the ones that ran HiGHS's integer program


class _Master:
    def __init__(self, sizes: np.ndarray) -> None:
        self.sizes = sizes.astype(float)
        self.t = len(sizes)
        h = new_highs()
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        h.setOptionValue("presolve", "off")
        # New columns keep the basis primal feasible, so primal simplex resumes from it.
        h.setOptionValue("simplex_strategy", 4)
        h.setOptionValue("simplex_iteration_limit", STALL_ITERATIONS)
        lower = np.concatenate([np.zeros(self.t), [1.0]])
        upper = np.concatenate([np.full(self.t, INF), [1.0]])
        h.addRows(
            self.t + 1,
            lower,
            upper,
            0,
            np.zeros(self.t + 1, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        # Column 0 is z, cost -1 so that minimising maximises z; row t has coefficient -1
        # for z only while type t is unfixed.
        h.addCol(-1.0, 0.0, 1.0, self.t, np.arange(self.t, dtype=np.int32), -np.ones(self.t))
        self.h = h
        self.panels: list[np.ndarray] = []
        self.keys: set[bytes] = set()
        self._matrix: np.ndarray | None = None

    def add_panel(self, counts: np.ndarray) -> bool:
        """Add a panel as a column; False if it is already there."""
        key = counts.tobytes()
        if key in self.keys:
            return False
        self.keys.add(key)
        nz = np.flatnonzero(counts)
        idx = np.concatenate([nz, [self.t]]).astype(np.int32)
        val = np.concatenate([counts[nz] / self.sizes[nz], [1.0]])
        self.h.addCol(0.0, 0.0, INF, len(idx), idx, val)
        self.panels.append(counts)
        self._matrix = None
        return True

    def matrix(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = np.array(self.panels, dtype=float)
        return self._matrix

    def fix(self, types: np.ndarray, level: float) -> None:
        for t in types:
            self.h.changeCoeff(int(t), 0, 0.0)
            self.h.changeRowBounds(int(t), level, INF)

    def solve(self) -> tuple[float, np.ndarray, float, np.ndarray]:
        """Level z, type duals y >= 0, convexity dual, panel probabilities."""
        h = self.h
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kIterationLimit:
            # Primal simplex can stall on this very degenerate LP; dual simplex from the same
            # basis gets it unstuck.
            h.setOptionValue("simplex_strategy", 1)
            h.setOptionValue("simplex_iteration_limit", 2**31 - 1)
            h.run()
            status = h.getModelStatus()
            h.setOptionValue("simplex_strategy", 4)
            h.setOptionValue("simplex_iteration_limit", STALL_ITERATIONS)
        if status != highspy.HighsModelStatus.kOptimal:
            # Primal simplex may give up at once on a basis made infeasible by fixing; a cold
            # start does not.
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the master LP: {status}")
        sol = h.getSolution()
        col = np.asarray(sol.col_value)
        dual = np.asarray(sol.row_dual)
        return float(col[0]), np.maximum(dual[: self.t], 0.0), float(dual[self.t]), col[1:]


def _initial_panels(finder: PanelFinder, types: Types) -> list[np.ndarray] | None:
    """A few deterministic panels that between them cover many types."""
    first = finder.best(1.0 / types.sizes, exact=False, dives=DIVES)
    if first is None:
        return None
    panels = [first[0]]
    covered = first[0] > 0
    for _ in range(min(types.count, 10)):
        if covered.all():
            break
        weights = np.where(covered, 0.0, 1.0 / types.sizes)
        found = finder.best(weights, exact=False, dives=DIVES)
        if found is None or found[1] <= 0:
            break
        panels.append(found[0])
        covered |= found[0] > 0
    return panels


def _solve_level(
    master: _Master,
    finder: PanelFinder,
    sizes: np.ndarray,
    fixed: np.ndarray,
    fixed_level: np.ndarray,
    goal: float = np.inf,
    smoothing: float = SMOOTHING,
) -> tuple[float, np.ndarray, int]:
    """Column generation for one level: its optimal z and an optimal dual y.

    With a `goal` known to bound z from above, it stops as soon as the LP reaches it (y is
    then not certified).

    Pricing uses Wentges' dual smoothing: the integer program is solved at a convex
    combination of the LP dual and the best dual found so far (the stability centre), which
    damps the oscillation of LP duals that otherwise makes later levels crawl. Every dual
    y (y >= 0, summing to 1 over unfixed types) gives the Lagrangian bound
        z* <= max_P sum_t y_t c_t(P) / n_t - sum_{t fixed} y_t f_t,
    so the level is done once the best bound meets the LP value. The final certificate is
    always checked at the LP dual itself, whose positive entries then mark the types to fix.
    """
    priced = 0
    centre = np.zeros(0)
    centre_bound = np.inf
    alpha = smoothing
    while True:
        z, y, mu, _ = master.solve()
        if z >= goal:
            return z, y, priced
        if _climbed(master, finder, y / sizes, -mu + PRICE_TOL):
            continue
        dived = finder.best(y / sizes, exact=False, mip=False, dives=DIVES)
        if dived is not None and dived[1] > -mu + PRICE_TOL and master.add_panel(dived[0]):
            continue
        smooth = len(centre) > 0 and centre_bound > z + PRICE_TOL and alpha > 0
        point = alpha * centre + (1 - alpha) * y if smooth else y
        if smooth:
            found = finder.best(point / sizes)
        else:
            found = finder.above(point / sizes, -mu + PRICE_TOL)
        if found is None:
            # Only a restricted finder (towards x*'s face) can have no panel at all.
            return z, y, priced
        counts, _, bound = found
        priced += 1
        lagrange = bound - float(point[fixed] @ fixed_level[fixed])
        if lagrange < centre_bound:
            centre, centre_bound = point, lagrange
        reduced = float((counts / sizes) @ y) + mu
        if reduced > PRICE_TOL and master.add_panel(counts):
            # Panels one swap away that also improve the LP: more columns per LP solve.
            for other in finder.neighbours(counts, y / sizes, NEIGHBOURS):
                if float((other / sizes) @ y) + mu > PRICE_TOL:
                    master.add_panel(other)
            alpha = smoothing
        elif smooth:
            alpha = max(0.0, alpha - smoothing / 2)  # mispriced: move towards the LP dual
        else:
            # Priced at the LP dual itself: no panel improves the LP (a panel already in it
            # can only look better by rounding noise), so y is optimal.
            return z, y, priced


def _climbed(master: _Master, finder: PanelFinder, weights: np.ndarray, target: float) -> bool:
    """Pricing by local search: from the master's best panels at these weights, single swaps
    uphill; every panel found above `target` is added. False if none was (only the integer
    program can then tell whether one exists)."""
    values = master.matrix() @ weights
    added = False
    for start in np.argsort(-values)[:CLIMB_STARTS]:
        for counts in finder.climb(master.panels[int(start)], weights, CLIMB_STEPS):
            if float(counts @ weights) > target:
                added |= master.add_panel(counts)
    return added


def relaxed_leximin(types: Types, rows: PanelRows) -> tuple[np.ndarray, int] | None:
    """Leximin over the LP relaxation of the panel polytope: expected counts x and levels.

    Expected counts of any distribution over panels lie in the relaxation (0 <= x <= caps,
    every panel row's bounds), so its leximin point is lexicographically at least as good as
    any distribution's. Each level is one small LP over T + 1 variables, with the same fixing
    rule as the master LP below (positive dual: the type cannot rise above z).
    """
    t_count = types.count
    sizes = types.sizes.astype(float)
    h = relaxation(rows, types.caps)
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    r = len(rows.lower)
    # z is column T (cost -1: minimising maximises z); level row t: x_t / n_t - z >= 0.
    h.addCol(-1.0, 0.0, 1.0, 0, np.zeros(0, dtype=np.int32), np.zeros(0))
    starts = np.arange(0, 2 * t_count, 2, dtype=np.int32)
    index = np.column_stack([np.arange(t_count), np.full(t_count, t_count)]).ravel()
    value = np.column_stack([1.0 / sizes, -np.ones(t_count)]).ravel()
    h.addRows(
        t_count,
        np.zeros(t_count),
        np.full(t_count, INF),
        len(index),
        starts,
        index.astype(np.int32),
        value,
    )
    unfixed = np.ones(t_count, dtype=bool)
    levels = 0
    while unfixed.any():
        levels += 1
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible and levels == 1:
            return None  # not even a fractional panel meets the quotas
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the relaxed level LP: {status}")
        sol = h.getSolution()
        z = float(sol.col_value[t_count])
        y = np.maximum(np.asarray(sol.row_dual)[r:], 0.0)
        stuck = unfixed & (y > FIX_TOL)
        if not stuck.any():
            stuck = unfixed & (y == y[unfixed].max())
        for t in np.flatnonzero(stuck):
            h.changeCoeff(r + int(t), t_count, 0.0)
            h.changeRowBounds(r + int(t), z, INF)
        unfixed &= ~stuck
    x = np.asarray(h.getSolution().col_value)[:t_count]
    return np.clip(x, 0.0, types.caps), levels


def face_bounds(
    point: np.ndarray, rows: PanelRows, caps: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Count and row bounds of the smallest face of the relaxation that holds `point`."""
    row_of = np.repeat(np.arange(len(rows.lower)), np.diff(rows.starts))
    sums = np.bincount(row_of, weights=point[rows.index], minlength=len(rows.lower))
    at_lower = sums <= rows.lower + 1e-9
    at_upper = sums >= rows.upper - 1e-9
    caps = caps.astype(float)
    lower = np.where(point >= caps - 1e-9, caps, 0.0)
    upper = np.where(point <= 1e-9, 0.0, caps)
    row_lower = np.where(at_upper, rows.upper, rows.lower)
    row_upper = np.where(at_lower, rows.lower, rows.upper)
    return lower, upper, row_lower, row_upper


def _decompose(
    target: np.ndarray, finder: PanelFinder, rows: PanelRows
) -> tuple[list[np.ndarray], list[float], bool]:
    """Write expected counts as a convex combination of panels: panels, weights, success.

    Rounding steps, as in a constructive proof of Caratheodory's theorem: at the current point p
    take a panel c with c_t in {floor p_t, ceil p_t} that meets with equality every row already
    at a bound (found by LP diving, then randomised dives; never the MIP), give it the largest
    weight that keeps the rest, p + mu (p - c), inside the relaxation and between the same
    floors and ceilings, and continue from there. Each step makes one more p_t whole or one more
    row tight, and the mass left shrinks geometrically (about 100 steps for 400 types). When p
    has no such rounding, any panel on p's face of the relaxation is taken instead. Success when
    the mass left is below MASS_TOL (it is dropped and the weights renormalised, which moves no
    probability by more than about MASS_TOL). Failure (no dive finds a panel on the face: p may
    be no mix of panels, because the target is not or because a step went too far) leaves it to
    column generation, which goes on from the panels found here: cheaper than an integer program
    per step (measured on the household pools of issue 19).
    """
    lower, upper = rows.lower, rows.upper
    row_of = np.repeat(np.arange(len(lower)), np.diff(rows.starts))

    def row_sums(v: np.ndarray) -> np.ndarray:
        return np.bincount(row_of, weights=v[rows.index], minlength=len(lower))

    p = target.astype(float).copy()
    whole = np.rint(p)
    p = np.where(np.abs(p - whole) < 1e-9, whole, p)
    sums = row_sums(p)
    at_lower = sums <= lower + 1e-9
    at_upper = sums >= upper - 1e-9
    mass = 1.0
    panels: list[np.ndarray] = []
    weights: list[float] = []
    caps = finder.caps.astype(float)
    for _ in range(3 * (len(p) + len(lower)) + 2):
        row_lower, row_upper = np.where(at_upper, upper, lower), np.where(at_lower, lower, upper)
        floor, ceil = np.floor(p), np.ceil(p)
        finder.restrict(floor, ceil, row_lower, row_upper)
        found = finder.best(p - floor, exact=False, mip=False, dives=DIVES)
        if found is None:
            # No rounding of p: any panel on p's face of the relaxation.
            floor, ceil = np.where(p >= caps, caps, 0.0), np.where(p <= 0, 0.0, caps)
            finder.restrict(floor, ceil, row_lower, row_upper)
            found = finder.best(p - np.floor(p), exact=False, mip=False, dives=DIVES)
        if found is None:
            return panels, weights, False
        counts = found[0]
        d = p - counts
        if not d.any():
            panels.append(counts)
            weights.append(mass)
            return panels, weights, True
        ratio = np.full(len(p), np.inf)
        down, up = d < 0, d > 0
        ratio[down] = (p - floor)[down] / -d[down]
        ratio[up] = (ceil - p)[up] / d[up]
        sums = row_sums(p)
        slope = row_sums(d)
        free = ~(at_lower | at_upper)
        row_down, row_up = free & (slope < 0), free & (slope > 0)
        row_ratio = np.full(len(lower), np.inf)
        row_ratio[row_down] = np.maximum(sums - lower, 0.0)[row_down] / -slope[row_down]
        row_ratio[row_up] = np.maximum(upper - sums, 0.0)[row_up] / slope[row_up]
        mu = min(float(ratio.min()), float(row_ratio.min()))
        if not np.isfinite(mu):
            return panels, weights, False
        if mu > 0:
            panels.append(counts)
            weights.append(mass * mu / (1 + mu))
            mass /= 1 + mu
        p = p + mu * d
        hit = ratio <= mu * (1 + 1e-12)
        p[hit & down] = floor[hit & down]
        p[hit & up] = ceil[hit & up]
        p = np.clip(p, floor, ceil)
        hit_row = row_ratio <= mu * (1 + 1e-12)
        at_lower |= hit_row & row_down
        at_upper |= hit_row & row_up
        if mass <= MASS_TOL:
            return panels, weights, True
    return panels, weights, False


def _mixture(
    types: Types, panels: list[np.ndarray], weights: np.ndarray, levels: int, priced: int
) -> TypeDistribution:
    """Merge repeated panels, drop zero weights and normalise."""
    support, inverse = np.unique(np.array(panels), axis=0, return_inverse=True)
    probs = np.bincount(inverse.reshape(-1), weights=weights, minlength=len(support))
    keep = probs > 1e-12
    support, probs = support[keep], probs[keep] / probs[keep].sum()
    type_prob = (probs @ support) / types.sizes
    return TypeDistribution(support, probs, type_prob, levels, priced)


def _towards(
    target: np.ndarray, finder: PanelFinder, panels: list[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray], int]:
    """Column generation for a mix of panels with expected counts `target`.

    The master LP maximises z with sum_P q_P c_t(P) >= z target_t: a maximin level with the
    target in place of the type sizes. It stops when z reaches 1 (then every count is met to
    within (1 - z) k) or when pricing proves that z stays below 1: the target is not a mix
    of panels. Returns the weights of the master's panels, the panels and the pricings.
    """
    empty = target <= 0
    scale = np.where(empty, 1.0, target)
    master = _Master(scale)
    for counts in panels:
        master.add_panel(counts)
    master.fix(np.flatnonzero(empty), 0.0)
    # No smoothing here: the search stops at the goal without a certificate, so pricing
    # only needs a panel above the LP dual's threshold, and the integer program stops at
    # the first one it finds (measured: fewer seconds, though more pricing rounds).
    z, _, priced = _solve_level(master, finder, scale, empty, np.zeros(len(target)), GOAL, 0.0)
    _, _, _, q = master.solve()
    return (q if z >= GOAL else np.zeros(0)), master.panels, priced


def distribution(
    types: Types, rows: PanelRows, *, maximin_only: bool = False
) -> TypeDistribution | None:
    """The leximin (or maximin) distribution over type panels; None if no panel exists.

    The leximin point of the LP relaxation is lexicographically at least as good as any
    distribution over panels, so when it is a mix of panels that mix is leximin (and
    maximin). That is tried first, by rounding steps, then by column generation towards
    it; only when the point is no mix of panels does leximin run level by level with column
    generation over the master LP (started with every panel found so far).
    """
    relaxed = relaxed_leximin(types, rows)
    if relaxed is None:
        return None
    target, relaxed_levels = relaxed
    sizes = types.sizes.astype(float)
    rounder = PanelFinder(rows, types.caps)
    panels, weights, ok = _decompose(target, rounder, rows)
    priced = rounder.mip_calls + len(panels)
    if ok:
        dist = _mixture(types, panels, np.array(weights), relaxed_levels, priced)
        if np.abs(dist.type_prob - target / sizes).max() <= MATCH_TOL:
            return replace(dist, integer_programs=rounder.mip_calls)
    finder = PanelFinder(rows, types.caps, types)
    start = _initial_panels(finder, types)
    if start is None:
        return None
    priced += len(start)
    # A mix of panels with expected counts x* uses only panels on x*'s face of the
    # relaxation (rows tight at x* tight, counts at 0 or the cap kept there): pricing over
    # those alone is a smaller integer program and wastes no column.
    face = PanelFinder(rows, types.caps, types)
    face.restrict(*face_bounds(target, rows, types.caps))
    q, panels, priced_here = _towards(target, face, start + panels)
    priced += priced_here
    if len(q):
        dist = _mixture(types, panels, q, relaxed_levels, priced)
        if np.abs(dist.type_prob - target / sizes).max() <= MATCH_TOL:
            return replace(dist, integer_programs=_mip_calls(rounder, finder, face))
    master = _Master(types.sizes)
    for counts in panels:
        master.add_panel(counts)
    unfixed = np.ones(types.count, dtype=bool)
    fixed_level = np.zeros(types.count)
    levels = 0
    while True:
        levels += 1
        z, y, priced_here = _solve_level(master, finder, types.sizes, ~unfixed, fixed_level)
        priced += priced_here
        if maximin_only:
            break
        stuck = unfixed & (y > FIX_TOL)
        if not stuck.any():
            stuck = unfixed & (y == y[unfixed].max())
        master.fix(np.flatnonzero(stuck), z)
        fixed_level[stuck] = z
        unfixed &= ~stuck
        if not unfixed.any():
            break
    _, _, _, q = master.solve()
    kept = q > 1e-12
    probs = q[kept] / q[kept].sum()
    support = np.array(master.panels)[kept]
    type_prob = (probs @ support) / types.sizes
    ips = _mip_calls(rounder, finder, face)
    return TypeDistribution(support, probs, type_prob, levels, priced, ips)


def _mip_calls(*finders: PanelFinder) -> int:
    return sum(f.mip_calls for f in finders)
