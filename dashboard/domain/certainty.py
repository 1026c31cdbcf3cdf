"""Who is certain to be drawn, and why. A relaxation of the quotas can leave a group
with no more volunteers than the seats it must fill: everyone in it then has a 100%
chance, which is no lottery for them. Organisers must be told so, plainly. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

CERTAIN = 1 - 1e-6  # a chance this close to 1 is certainty (the solver's rounding)


@dataclass(frozen=True)
class Certainty:
    """A group (None: the whole pool) with `volunteers` for at least `seats` seats."""

    feature: str | None
    value: str | None
    volunteers: int
    seats: int


def certain_count(chances: Sequence[float]) -> int:
    return sum(1 for chance in chances if chance >= CERTAIN)


def why_certain(
    pool: Sequence[Mapping[str, object]], quotas: Sequence[Mapping[str, object]], k: int
) -> list[Certainty]:
    """The groups that leave no choice: the pool no larger than the council, and every
    quota whose minimum takes all volunteers of its group."""
    if len(pool) <= k:
        return [Certainty(None, None, len(pool), k)]
    found = []
    for quota in quotas:
        feature, value = str(quota["feature"]), str(quota["value"])
        least = int(quota["min"])  # type: ignore[call-overload]
        volunteers = Counter(str(person.get(feature)) for person in pool)[value]
        if least > 0 and volunteers <= least:
            found.append(Certainty(feature, value, volunteers, least))
    return found
