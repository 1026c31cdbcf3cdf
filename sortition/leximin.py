"""Leximin and maximin distributions over panels, by column generation over types.

The master LP at each level, over panel probabilities q and the level z:
    maximise z
    subject to  sum_P q_P c_t(P) / n_t - z >= 0     for every type t not yet fixed
                sum_P q_P c_t(P) / n_t     >= f_t   for every type t fixed at level f_t
                sum_P q_P = 1,  q >= 0.
Its duals y_t price a new panel: the integer program maximising sum_t (y_t / n_t) c_t over
all panels (PanelFinder). When no panel beats the dual of the convexity row, the level is
optimal; every type with y_t > 0 then has probability exactly z in every optimal solution
(complementary slackness) and is fixed. Repeating until every type is fixed gives the
leximin distribution (Flanigan, Gölz, Gupta, Hennig and Procaccia, Nature 2021). By symmetry
every member of a type has the same leximin probability, so types suffice.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from sortition.panels import INF, PanelFinder, PanelRows, new_highs
from sortition.pool import Types

PRICE_TOL = 1e-9  # a new panel must beat the convexity dual by this much
FIX_TOL = 1e-7  # dual weight above which a type is held at the current level
NEIGHBOURS = 3  # extra improving panels one swap away, added with each priced panel
SMOOTHING = 0.7  # weight of the stability centre in the smoothed pricing dual
STALL_ITERATIONS = 20000  # primal simplex iterations in one LP solve before switching to dual
PRUNE = False  # drop nonbasic panels between levels


@dataclass(frozen=True)
class TypeDistribution:
    """A distribution over type-count panels and the probability of each type's members."""

    panels: np.ndarray  # (P, T) counts
    probs: np.ndarray  # (P,)
    type_prob: np.ndarray  # (T,) selection probability of each member of a type
    levels: int  # LP levels solved (1 for maximin)
    panels_priced: int  # integer programs solved


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
        return True

    def prune(self) -> None:
        """Drop panels that are nonbasic at zero: a smaller LP for the next level."""
        status = self.h.getBasis().col_status
        basic = np.array([s == highspy.HighsBasisStatus.kBasic for s in status[1:]], dtype=bool)
        drop = np.flatnonzero(~basic)
        if len(drop) == 0:
            return
        self.h.deleteCols(len(drop), (drop + 1).astype(np.int32))
        keep = np.ones(len(self.panels), dtype=bool)
        keep[drop] = False
        self.panels = [p for p, k in zip(self.panels, keep, strict=True) if k]
        self.keys = {p.tobytes() for p in self.panels}

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
            raise RuntimeError(f"HiGHS could not solve the master LP: {status}")
        sol = h.getSolution()
        col = np.asarray(sol.col_value)
        dual = np.asarray(sol.row_dual)
        return float(col[0]), np.maximum(dual[: self.t], 0.0), float(dual[self.t]), col[1:]


def _initial_panels(finder: PanelFinder, types: Types) -> list[np.ndarray] | None:
    """A few deterministic panels that between them cover many types."""
    first = finder.best(1.0 / types.sizes)
    if first is None:
        return None
    panels = [first[0]]
    covered = first[0] > 0
    for _ in range(min(types.count, 10)):
        if covered.all():
            break
        weights = np.where(covered, 0.0, 1.0 / types.sizes)
        found = finder.best(weights)
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
) -> tuple[float, np.ndarray, int]:
    """Column generation for one level: its optimal z and an optimal dual y.

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
    alpha = SMOOTHING
    while True:
        z, y, mu, _ = master.solve()
        smooth = len(centre) > 0 and centre_bound > z + PRICE_TOL and alpha > 0
        point = alpha * centre + (1 - alpha) * y if smooth else y
        counts, _, bound = finder.best(point / sizes)
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
            alpha = SMOOTHING
        elif smooth:
            alpha = max(0.0, alpha - SMOOTHING / 2)  # mispriced: move towards the LP dual
        else:
            # Priced at the LP dual itself: no panel improves the LP (a panel already in it
            # can only look better by rounding noise), so y is optimal.
            return z, y, priced


def distribution(
    types: Types, rows: PanelRows, *, maximin_only: bool = False
) -> TypeDistribution | None:
    """The leximin (or maximin) distribution over type panels; None if no panel exists."""
    finder = PanelFinder(rows, types.caps, types)
    start = _initial_panels(finder, types)
    if start is None:
        return None
    priced = len(start)
    master = _Master(types.sizes)
    for counts in start:
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
        if PRUNE:
            master.prune()
        master.fix(np.flatnonzero(stuck), z)
        fixed_level[stuck] = z
        unfixed &= ~stuck
        if not unfixed.any():
            break
    _, _, _, q = master.solve()
    panels = np.array(master.panels)
    keep = q > 1e-12
    probs = q[keep] / q[keep].sum()
    panels = panels[keep]
    type_prob = (probs @ panels) / types.sizes
    return TypeDistribution(panels, probs, type_prob, levels, priced)
