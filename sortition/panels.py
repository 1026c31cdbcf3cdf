"""The integer program over type counts: which panels meet the quotas and household rule.

A panel is a vector c of how many members of each type it takes, with
  sum(c) = k,  min <= (members with each feature value) <= max,  0 <= c <= caps,
  and at most one member per household.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from sortition.pool import Pool, Types
from sortition.quotas import QuotaTable

INF = highspy.kHighsInf
BATCH_FROM = 8  # LP dives round up several counts at once while this many are fractional


@dataclass(frozen=True)
class PanelRows:
    """Constraint rows over types, in CSR form, plus what each quota row means."""

    k: int
    lower: np.ndarray
    upper: np.ndarray
    starts: np.ndarray
    index: np.ndarray
    quota_keys: tuple[tuple[int, int], ...]  # (feature, value) for the first rows
    quota_min: np.ndarray
    quota_max: np.ndarray

    @property
    def quota_count(self) -> int:
        return len(self.quota_keys)


def panel_rows(pool: Pool, quotas: QuotaTable, types: Types, k: int) -> PanelRows:
    lower: list[float] = []
    upper: list[float] = []
    rows: list[np.ndarray] = []
    keys: list[tuple[int, int]] = []
    for f, feature in enumerate(pool.features):
        for j, q in enumerate(quotas.for_feature(feature)):
            rows.append(np.flatnonzero(types.codes[:, f] == j))
            lower.append(q.min)
            upper.append(q.max)
            keys.append((f, j))
    qmin = np.array(lower, dtype=np.int64)
    qmax = np.array(upper, dtype=np.int64)
    rows.append(np.arange(types.count))
    lower.append(k)
    upper.append(k)
    for group in types.household_groups:
        rows.append(group)
        lower.append(0)
        upper.append(1)
    starts = np.zeros(len(rows) + 1, dtype=np.int32)
    starts[1:] = np.cumsum([len(r) for r in rows])
    index = np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, np.int32)
    return PanelRows(
        k=k,
        lower=np.array(lower, dtype=float),
        upper=np.array(upper, dtype=float),
        starts=starts,
        index=index,
        quota_keys=tuple(keys),
        quota_min=qmin,
        quota_max=qmax,
    )


def new_highs() -> highspy.Highs:
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("random_seed", 0)
    return h


def relaxation(rows: PanelRows, caps: np.ndarray, *, integer: bool = False) -> highspy.Highs:
    """A HiGHS model with one variable per type (0 <= c_t <= caps_t) and the panel rows."""
    h = new_highs()
    n = len(caps)
    h.addVars(n, np.zeros(n), caps.astype(float))
    if integer:
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
    nnz = len(rows.index)
    h.addRows(
        len(rows.lower), rows.lower, rows.upper, nnz, rows.starts[:-1], rows.index, np.ones(nnz)
    )
    return h


class PanelFinder:
    """Finds the panel maximising a weighted count of types (the pricing problem)."""

    def __init__(self, rows: PanelRows, caps: np.ndarray, types: Types | None = None) -> None:
        self.rows = rows
        self.n = len(caps)
        self.caps = caps
        if types is not None:
            self._swaps_setup(rows, types)
        h = relaxation(rows, caps, integer=True)
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-10)
        h.setOptionValue("presolve", "on")
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        # Stop at the first solution above a target (`above`): a column that improves the
        # master is all pricing needs; only proving that none exists takes the full search.
        self.target = np.inf
        self.reached = False
        h.cbMipImprovingSolution.subscribe(self._improved)
        h.cbMipInterrupt.subscribe(self._interrupt)
        self.h = h
        self.cols = np.arange(self.n, dtype=np.int32)
        # The LP relaxation, warm-started from call to call: when its optimum is integral
        # (often, over types) it is the panel we want and the MIP is skipped.
        lp = relaxation(rows, caps)
        lp.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.lp = lp
        self.mip_calls = 0
        self.rng = np.random.default_rng(0)
        self.col_bounds = (np.zeros(self.n), caps.astype(float))
        self.row_bounds = (rows.lower, rows.upper)

    def restrict(
        self, lower: np.ndarray, upper: np.ndarray, row_lower: np.ndarray, row_upper: np.ndarray
    ) -> None:
        """From now on only panels with lower <= c <= upper and row sums in the given bounds."""
        rows = np.arange(len(row_lower), dtype=np.int32)
        for h in (self.lp, self.h):
            h.changeColsBounds(self.n, self.cols, lower.astype(float), upper.astype(float))
            h.changeRowsBounds(  # type: ignore[attr-defined]  # missing from highspy's stubs
                len(rows), rows, row_lower.astype(float), row_upper.astype(float)
            )
        self.col_bounds = (lower.astype(float), upper.astype(float))
        self.row_bounds = (row_lower.astype(float), row_upper.astype(float))

    def _swaps_setup(self, rows: PanelRows, types: Types) -> None:
        nf = types.codes.shape[1]
        offset = np.zeros(nf, dtype=np.int64)
        for f, _ in enumerate(offset[1:], start=1):
            offset[f] = offset[f - 1] + int(types.codes[:, f - 1].max(initial=-1)) + 1
        # Quota row of each type for each feature, in the order panel_rows made them.
        key_row = {key: r for r, key in enumerate(rows.quota_keys)}
        self.row_of = np.array(
            [[key_row[(f, int(types.codes[t, f]))] for f in range(nf)] for t in range(types.count)],
            dtype=np.int64,
        ).reshape(types.count, nf)
        self.group_of = np.full(types.count, -1, dtype=np.int64)
        for g, members in enumerate(types.household_groups):
            self.group_of[members] = g
        self.groups = len(types.household_groups)

    def neighbours(self, counts: np.ndarray, weights: np.ndarray, limit: int) -> list[np.ndarray]:
        """Up to `limit` panels one swap away (one member out, another in), best first, within
        the current restriction (`restrict`)."""
        nq = self.rows.quota_count
        lower, upper = self.row_bounds
        col_lower, col_upper = self.col_bounds
        filled = np.bincount(
            self.row_of.ravel(), weights=np.repeat(counts, self.row_of.shape[1]), minlength=nq
        )
        out_types = np.flatnonzero(counts > col_lower)
        r_out = self.row_of[out_types]
        can_drop = filled[r_out] - 1 >= lower[r_out]
        can_take = filled[self.row_of] + 1 <= upper[self.row_of]
        same = r_out[:, None, :] == self.row_of[None, :, :]
        ok = (same | (can_drop[:, None, :] & can_take[None, :, :])).all(axis=2)
        ok &= (counts < col_upper)[None, :]
        ok[np.arange(len(out_types)), out_types] = False
        if self.groups:
            member = self.group_of >= 0
            used = np.bincount(self.group_of[member], weights=counts[member], minlength=self.groups)
            g_lower, g_upper = lower[nq + 1 :], upper[nq + 1 :]
            g_in = self.group_of[None, :]
            g_out = self.group_of[out_types][:, None]
            moved = g_in != g_out
            in_ok = (g_in < 0) | ~moved | (used[np.maximum(g_in, 0)] + 1 <= g_upper[g_in])
            out_ok = (g_out < 0) | ~moved | (used[np.maximum(g_out, 0)] - 1 >= g_lower[g_out])
            ok &= in_ok & out_ok
        gain = np.where(ok, weights[None, :] - weights[out_types][:, None], -np.inf)
        flat = np.argsort(-gain, axis=None)[:limit]
        found = []
        for cell in flat:
            i, b = divmod(int(cell), self.n)
            if not np.isfinite(gain[i, b]):
                break
            swapped = counts.copy()
            swapped[out_types[i]] -= 1
            swapped[b] += 1
            found.append(swapped)
        return found

    def best(
        self, weights: np.ndarray, *, exact: bool = True, mip: bool = True, dives: int = 0
    ) -> tuple[np.ndarray, float, float] | None:
        """Counts, objective and proven upper bound; None when no panel exists.

        With exact=False any panel with a good objective will do: when the LP optimum is
        fractional, LP diving (then up to `dives` randomised dives) rounds it before the
        MIP, and the MIP stops at its first panel.
        """
        lp = self.lp
        lp.changeColsCost(self.n, self.cols, weights.astype(float))
        lp.run()
        status = lp.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status == highspy.HighsModelStatus.kOptimal:
            x = np.asarray(lp.getSolution().col_value)
            counts = np.rint(x)
            if np.abs(x - counts).max() < 1e-9:
                value = float(weights @ counts)
                return counts.astype(np.int64), value, value
            if not exact:
                lp_bound = float(lp.getInfo().objective_function_value)
                rounded = self._rounded(x, weights, dives)
                if rounded is not None:
                    value = float(weights @ rounded)
                    return rounded, value, max(value, lp_bound)
        if not mip:
            return None
        if exact:
            return self._mip(weights)
        self.target, self.reached = -np.inf, False
        try:
            return self._mip(weights)
        finally:
            self.target, self.reached = np.inf, False

    def _mip(self, weights: np.ndarray) -> tuple[np.ndarray, float, float] | None:
        self.mip_calls += 1
        h = self.h
        h.changeColsCost(self.n, self.cols, weights.astype(float))
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        interrupted = status == highspy.HighsModelStatus.kInterrupt and self.reached
        if status != highspy.HighsModelStatus.kOptimal and not interrupted:
            raise RuntimeError(f"HiGHS could not solve the panel program: {status}")
        counts = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
        value = float(weights @ counts)
        return counts, value, max(value, float(h.getInfo().mip_dual_bound))

    def _rounded(self, x: np.ndarray, weights: np.ndarray, dives: int) -> np.ndarray | None:
        """A panel from LP diving at the LP optimum x, else from up to `dives` dives at
        randomly perturbed weights with random choices (seeded: the same calls give the same
        panels). The LP is left with `weights` as its objective."""
        found = self._dive(x)
        if found is not None or dives == 0:
            return found
        lp = self.lp
        spread = 0.5 * max(float(np.abs(weights).max()), 1e-12)
        for _ in range(dives):
            noisy = weights + self.rng.random(self.n) * spread
            lp.changeColsCost(self.n, self.cols, noisy)
            lp.run()
            if lp.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            found = self._dive(np.asarray(lp.getSolution().col_value), random=True)
            if found is not None:
                break
        lp.changeColsCost(self.n, self.cols, weights.astype(float))
        return found

    def _improved(self, event: highspy.HighsCallbackEvent) -> None:
        if event.data_out.objective_function_value > self.target:
            self.reached = True

    def _interrupt(self, event: highspy.HighsCallbackEvent) -> None:
        # Set either way: HiGHS keeps the flag from one run to the next.
        event.interrupt(self.reached)

    def above(self, weights: np.ndarray, target: float) -> tuple[np.ndarray, float, float] | None:
        """A panel whose weighted count exceeds `target` if there is one (not necessarily the
        best), else the best panel with a proven bound, as `best`."""
        self.target, self.reached = target, False
        try:
            return self.best(weights)
        finally:
            self.target, self.reached = np.inf, False

    def climb(self, counts: np.ndarray, weights: np.ndarray, steps: int) -> list[np.ndarray]:
        """Panels on a steepest-ascent path of single swaps from `counts`, each better."""
        path = []
        value = float(weights @ counts)
        for _ in range(steps):
            found = self.neighbours(counts, weights, 1)
            if not found or float(weights @ found[0]) <= value + 1e-12:
                break
            counts = found[0]
            value = float(weights @ counts)
            path.append(counts)
        return path

    def _dive(self, x: np.ndarray, *, random: bool = False) -> np.ndarray | None:
        """LP diving: fix the count with the largest fractional part to its ceiling (or, if the
        LP then has no solution, to its floor), re-solve from the warm basis, until the LP
        optimum is whole. None if both sides fail; the bounds are restored either way.
        (Rounding up the most decided count first: on the household pools of issue 19 it
        finds a panel on a face about three times as often as rounding the count nearest a
        whole number, in fewer LP solves.)"""
        lp = self.lp
        fixed: list[int] = []
        found = None
        for _ in range(self.n):
            frac = x - np.floor(x)
            open_ = np.flatnonzero((frac > 1e-9) & (frac < 1 - 1e-9))
            if len(open_) == 0:
                found = np.rint(x).astype(np.int64)
                break
            batched = self._fix_batch(x, open_)
            if batched is not None:
                fixed.extend(batched[0])
                x = batched[1]
                continue
            t, sides = self._branch(x, open_, random)
            fixed.append(t)
            for value in sides:
                lp.changeColBounds(t, value, value)
                lp.run()
                if lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    break
            else:
                break
            x = np.asarray(lp.getSolution().col_value)
        lower, upper = self.col_bounds
        for t in fixed:
            lp.changeColBounds(t, float(lower[t]), float(upper[t]))
        return found

    def _fix_batch(self, x: np.ndarray, open_: np.ndarray) -> tuple[list[int], np.ndarray] | None:
        """Round up the quarter of the open counts with the largest fractional parts at once:
        the fixed counts and the new LP optimum, or None (bounds restored) if the LP then has
        no solution. Far fewer LP solves per dive than one count at a time (measured on the
        household pools of issue 19: 5,800 instead of 21,000 LP solves at 1000/60)."""
        if len(open_) < BATCH_FROM:
            return None
        frac = x[open_] - np.floor(x[open_])
        batch = open_[np.argsort(frac)[-(len(open_) // 4) :]].astype(np.int32)
        up = np.ceil(x[batch])
        lp = self.lp
        lp.changeColsBounds(len(batch), batch, up, up)
        lp.run()
        if lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return [int(t) for t in batch], np.asarray(lp.getSolution().col_value)
        lower, upper = self.col_bounds
        lp.changeColsBounds(len(batch), batch, lower[batch], upper[batch])
        return None

    def _branch(self, x: np.ndarray, open_: np.ndarray, random: bool) -> tuple[int, list[float]]:
        """The count a dive fixes next and the values to try, in order: the largest
        fractional part rounded up first, or (random) a count drawn with probability
        proportional to its fractional part, rounded up with that probability."""
        frac = x[open_] - np.floor(x[open_])
        if not random:
            t = int(open_[np.argmax(frac)])
            return t, [float(np.ceil(x[t])), float(np.floor(x[t]))]
        i = int(self.rng.choice(len(open_), p=frac / frac.sum()))
        t = int(open_[i])
        sides = [float(np.ceil(x[t])), float(np.floor(x[t]))]
        if self.rng.random() >= frac[i]:
            sides.reverse()
        return t, sides
