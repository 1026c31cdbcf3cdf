"""How closely a council mirrors its neighbourhood. Pure.

For each feature (age band, gender, education, tenure, part of the neighbourhood) the
distance between the council's shares c_g and the eligible population's shares p_g is
the total variation distance  d = 1/2 * sum_g |c_g - p_g|  (0: the same mix; 1: no
overlap). The index is  100 * (1 - mean of d over the features):  100 means the council
mirrors the neighbourhood on every feature; a council of one group only, in a
neighbourhood where that group is a small minority, scores near 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date


def distance(council: Mapping[str, int], population: Mapping[str, int]) -> float | None:
    """Total variation distance between two group counts; None when either is empty."""
    members, people = sum(council.values()), sum(population.values())
    if members <= 0 or people <= 0:
        return None
    groups = set(council) | set(population)
    # fsum: exactly rounded, so the same counts give the same figure in any order of groups
    # (the order rows come from the database, or a set's, is not fixed).
    return 0.5 * math.fsum(abs(council.get(g, 0) / members - population.get(g, 0) / people)
                           for g in groups)  # fmt: skip


def index(
    council: Mapping[str, Mapping[str, int]],
    population: Mapping[str, Mapping[str, int]],
    features: Iterable[str],
    leave_out: Mapping[str, Iterable[str]] | None = None,
) -> tuple[float | None, dict[str, float]]:
    """The index (0-100) and the distance per feature; features without data are skipped."""
    dropped = leave_out or {}
    distances: dict[str, float] = {}
    for feature in features:
        excluded = set(dropped.get(feature, ()))
        reference = {g: n for g, n in population.get(feature, {}).items() if g not in excluded}
        found = distance(council.get(feature, {}), reference)
        if found is not None:
            distances[feature] = found
    if not distances:
        return None, distances
    return 100 * (1 - math.fsum(distances.values()) / len(distances)), distances


def standing(terms: Iterable[tuple[date, date]], drawn_sitting: int, today: date) -> str | None:
    """Why a council has no index today, in words for the monitor; None when drawn members
    sit. `terms` are (first day, last day) of each of its terms."""
    if drawn_sitting > 0:
        return None
    known = sorted(terms)
    if any(starts <= today <= ends for starts, ends in known):
        return "Geen gelote leden meer: iedereen is gestopt"
    ended = [ends for _, ends in known if ends < today]
    coming = [starts for starts, _ in known if starts > today]
    if coming:
        return f"Termijn begint op {min(coming):%d-%m-%Y}"
    if ended:
        return f"Termijn afgelopen op {max(ended):%d-%m-%Y}"
    return "Nog geen termijn"
