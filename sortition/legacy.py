"""The field's old greedy algorithm, kept as the baseline that shows why leximin matters.

Seat by seat: among feature values still short of their minimum, take the one whose
shortfall is largest relative to the volunteers left who have it, and pick one of those
volunteers at random (anyone left if no minimum is short). Then drop the household and
everyone whose value has reached its maximum. Start again when stuck. Its selection
probabilities have no closed form; they are estimated from many independent runs.
"""

from __future__ import annotations

import numpy as np

from sortition.pool import Pool
from sortition.quotas import QuotaTable

MAX_ATTEMPTS = 200


class _Greedy:
    def __init__(self, pool: Pool, quotas: QuotaTable, k: int) -> None:
        self.k = k
        self.n = pool.size
        self.nf = len(pool.features)
        sizes = [len(v) for v in pool.values]
        self.offset = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        # Each person's quota rows (one per feature) in a flat numbering of all values.
        self.flat = pool.codes + self.offset
        self.nv = int(sum(sizes))
        self.qmin = np.array([q.min for f in pool.features for q in quotas.for_feature(f)])
        self.qmax = np.array([q.max for f in pool.features for q in quotas.for_feature(f)])
        self.total = np.bincount(self.flat.ravel(), minlength=self.nv)
        hh = pool.households if pool.households is not None else np.arange(self.n)
        order = np.argsort(hh, kind="stable")
        bounds = np.flatnonzero(np.diff(hh[order])) + 1
        groups = np.split(order, bounds)
        self.household_of = [np.zeros(0, np.int64)] * self.n
        for g in groups:
            for i in g:
                self.household_of[i] = g
        self.by_value = [np.flatnonzero((self.flat == v).any(axis=1)) for v in range(self.nv)]

    def run(self, rng: np.random.Generator) -> np.ndarray | None:
        for _ in range(MAX_ATTEMPTS):
            panel = self._attempt(rng)
            if panel is not None:
                return panel
        return None

    def _remove(self, alive: np.ndarray, left: np.ndarray, people: np.ndarray) -> None:
        people = people[alive[people]]
        if len(people):
            alive[people] = False
            left -= np.bincount(self.flat[people].ravel(), minlength=self.nv)

    def _attempt(self, rng: np.random.Generator) -> np.ndarray | None:
        alive = np.ones(self.n, dtype=bool)
        left = self.total.copy()
        chosen = np.zeros(self.nv, dtype=np.int64)
        for v in np.flatnonzero(self.qmax == 0):
            self._remove(alive, left, self.by_value[v])
        panel = []
        for _ in range(self.k):
            short = self.qmin - chosen
            urgent = short > 0
            if urgent.any():
                if (left[urgent] == 0).any():
                    return None
                ratio = np.where(urgent, short / np.maximum(left, 1), -1.0)
                best = np.flatnonzero(ratio == ratio.max())
                value = best[rng.integers(len(best))]
                candidates = self.by_value[value]
                candidates = candidates[alive[candidates]]
            else:
                candidates = np.flatnonzero(alive)
            if len(candidates) == 0:
                return None
            person = int(candidates[rng.integers(len(candidates))])
            panel.append(person)
            chosen[self.flat[person]] += 1
            self._remove(alive, left, self.household_of[person])
            for v in self.flat[person]:
                if chosen[v] >= self.qmax[v]:
                    self._remove(alive, left, self.by_value[v])
        if (chosen < self.qmin).any():
            return None
        return np.sort(np.array(panel, dtype=np.int64))


def estimate(
    pool: Pool, quotas: QuotaTable, k: int, rng: np.random.Generator, runs: int = 1000
) -> tuple[np.ndarray, list[tuple[np.ndarray, float]], np.ndarray, dict[str, object]] | None:
    """Monte-Carlo probabilities from `runs` panels, the empirical portfolio, one panel."""
    greedy = _Greedy(pool, quotas, k)
    hits = np.zeros(pool.size)
    counts: dict[bytes, tuple[np.ndarray, int]] = {}
    panels = []
    for _ in range(runs):
        panel = greedy.run(rng)
        if panel is None:
            return None
        panels.append(panel)
        hits[panel] += 1
        key = panel.tobytes()
        prev = counts.get(key)
        counts[key] = (panel, (prev[1] if prev else 0) + 1)
    portfolio = [(panel, c / runs) for panel, c in counts.values()]
    selected = panels[int(rng.integers(runs))]
    return hits / runs, portfolio, selected, {"runs": runs}
