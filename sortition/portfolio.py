"""From type panels to panels of people, with every person's probability kept exact."""

from __future__ import annotations

import itertools

import numpy as np

from sortition.leximin import TypeDistribution
from sortition.pool import Types


def expand(
    types: Types, dist: TypeDistribution, rng: np.random.Generator
) -> list[tuple[np.ndarray, float]]:
    """Person panels (sorted person indices) with their probabilities.

    Within a type panel taking c of the n members of a type, the members are put on a circle
    in a seeded random order and the panel takes the c consecutive members starting at
    position floor(u * n), with one u uniform on [0, 1) shared by all types. Each start is
    equally likely, so each member is on the panel with probability exactly c / n, and the
    pieces of [0, 1) between the breakpoints j / n give finitely many person panels.
    """
    order = [rng.permutation(m) for m in types.members]
    out: list[tuple[np.ndarray, float]] = []
    for counts, prob in zip(dist.panels, dist.probs, strict=True):
        taken = np.flatnonzero(counts)
        whole = [order[t] for t in taken if counts[t] == types.sizes[t]]
        part = [t for t in taken if counts[t] < types.sizes[t]]
        cuts = [np.array([0.0, 1.0])]
        cuts += [np.arange(1, types.sizes[t]) / types.sizes[t] for t in part]
        points = np.unique(np.round(np.concatenate(cuts), 12))
        for a, b in itertools.pairwise(points):
            u = (a + b) / 2
            chosen = list(whole)
            for t in part:
                n, c = int(types.sizes[t]), int(counts[t])
                start = int(u * n)
                chosen.append(order[t][(start + np.arange(c)) % n])
            people = np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, np.int64)
            out.append((people, float(prob * (b - a))))
    return out


def gini(values: np.ndarray) -> float:
    """Gini coefficient: 0 when everybody has the same chance, towards 1 when few have all."""
    v = np.sort(np.asarray(values, dtype=float))
    n = len(v)
    if n == 0 or v.sum() <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1) @ v / (n * v.sum()))
