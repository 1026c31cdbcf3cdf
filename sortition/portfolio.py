"""From type panels to panels of people, with every person's probability kept exact."""

from __future__ import annotations

import math

import numpy as np

from sortition.leximin import TypeDistribution
from sortition.pool import Types


def expand(
    types: Types, dist: TypeDistribution, rng: np.random.Generator
) -> list[tuple[np.ndarray, float]]:
    """Person panels (sorted person indices) with their probabilities.

    Within a type panel taking c of the n members of a type, the members are put on a circle
    in a seeded random order and the panel takes the c consecutive members starting at
    position g floor(u n / g), g = gcd(c, n), with one u uniform on [0, 1) shared by all
    types. Each of the n / g starts is equally likely and covers every member in c / g of
    them, so each member is on the panel with probability exactly c / n, and the pieces of
    [0, 1) between the breakpoints j g / n give finitely many person panels.
    """
    order = [rng.permutation(m) for m in types.members]
    out: list[tuple[np.ndarray, float]] = []
    for counts, prob in zip(dist.panels, dist.probs, strict=True):
        taken = np.flatnonzero(counts)
        part = [int(t) for t in taken if counts[t] < types.sizes[t]]
        starts = [
            int(types.sizes[t]) // math.gcd(int(counts[t]), int(types.sizes[t])) for t in part
        ]
        cuts = [np.array([0.0, 1.0])] + [np.arange(1, m) / m for m in starts]
        points = np.unique(np.round(np.concatenate(cuts), 12))
        u = (points[:-1] + points[1:]) / 2
        chosen = [
            np.broadcast_to(order[t], (len(u), len(order[t])))
            for t in taken
            if counts[t] == types.sizes[t]
        ]
        for t, m in zip(part, starts, strict=True):
            n, c = int(types.sizes[t]), int(counts[t])
            first = (n // m) * np.floor(u * m).astype(np.int64)
            chosen.append(order[t][(first[:, None] + np.arange(c)[None, :]) % n])
        people = np.sort(np.concatenate(chosen, axis=1), axis=1)
        out.extend(
            (panel, float(w)) for panel, w in zip(people, prob * np.diff(points), strict=True)
        )
    return out


def gini(values: np.ndarray) -> float:
    """Gini coefficient: 0 when everybody has the same chance, towards 1 when few have all."""
    v = np.sort(np.asarray(values, dtype=float))
    n = len(v)
    if n == 0 or v.sum() <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1) @ v / (n * v.sum()))
