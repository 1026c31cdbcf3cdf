"""The council compared with its neighbourhood, per group, without exposing anyone.

No group of fewer than MIN_GROUP council members is shown on its own:
- groups with an order (age bands, education levels) are merged with a neighbouring
  group until each merged group has MIN_GROUP members or more ("25-44 + 45-64");
- other groups (gender, tenure, part of the neighbourhood) that are too small are shown
  together in one row ("overige groepen samen"), and so are ordered groups when merging
  neighbours would leave only one group of everyone.
A group that stays too small, and any group of fewer than MIN_GROUP inhabitants, reads
"< 5" instead of a number. A group without any member reads 0: that shows no one, and
a group nobody on the council comes from is worth seeing. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MIN_GROUP = 5
OTHERS = "__others__"  # the row of small unordered groups together


@dataclass(frozen=True)
class GroupRow:
    groups: tuple[str, ...]  # one group, several merged ones, or (OTHERS, *members)
    council: int | None  # None: 1 to MIN_GROUP - 1 members, not shown
    council_share: float | None
    population_share: float | None  # None: fewer than MIN_GROUP inhabitants

    @property
    def is_others(self) -> bool:
        return self.groups[0] == OTHERS

    @property
    def difference(self) -> float | None:
        """Council share minus neighbourhood share, in percentage points."""
        if self.council_share is None or self.population_share is None:
            return None
        return 100 * (self.council_share - self.population_share)


def compare(
    council: dict[str, int],
    population: dict[str, int],
    order: Iterable[str] = (),
    leave_out: Iterable[str] = (),
    ordered: bool = False,
) -> list[GroupRow]:
    """Rows for the groups in `order` first, then any other group alphabetically.

    `leave_out` drops groups that cannot sit on the council (children) from the
    neighbourhood's reference population; `ordered` merges neighbouring small groups.
    """
    dropped = set(leave_out)
    reference = {g: n for g, n in population.items() if g not in dropped}
    known = [g for g in order if g in reference or g in council]
    groups = known + sorted((set(reference) | set(council)) - set(known) - dropped)
    members = sum(council.values())
    inhabitants = sum(reference.values())

    def row(bucket: tuple[str, ...]) -> GroupRow:
        count = sum(council.get(g, 0) for g in bucket if g != OTHERS)
        people = sum(reference.get(g, 0) for g in bucket if g != OTHERS)
        shown = count >= MIN_GROUP or count == 0
        return GroupRow(
            groups=bucket,
            council=count if shown else None,
            council_share=count / members if shown and members else None,
            population_share=people / inhabitants if people >= MIN_GROUP else None,
        )

    if ordered:
        buckets = _merge_neighbours(groups, council)
        if len(buckets) > 1 or len(groups) == 1:
            return [row(bucket) for bucket in buckets]
        # Merging neighbours left one group of everyone: small groups together instead.
    big = [g for g in groups if council.get(g, 0) >= MIN_GROUP]
    small = [g for g in groups if g not in big]
    rows = [row((g,)) for g in groups if g in big or not big]
    if big and small:
        rows.append(row((OTHERS, *small)))
    return rows


def _merge_neighbours(groups: list[str], council: dict[str, int]) -> list[tuple[str, ...]]:
    """Merge each too-small group (with members) into its smaller neighbour until none is
    left; groups without members stay as they are."""
    buckets = [(g,) for g in groups]

    def size(bucket: tuple[str, ...]) -> int:
        return sum(council.get(g, 0) for g in bucket)

    while len(buckets) > 1:
        small = [i for i, b in enumerate(buckets) if 0 < size(b) < MIN_GROUP]
        if not small:
            break
        i = min(small, key=lambda j: (size(buckets[j]), j))
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(buckets)]
        # Prefer a neighbour with members: merging with an empty group gains nothing.
        j = min(neighbours, key=lambda k: (size(buckets[k]) == 0, size(buckets[k]), k))
        first, second = sorted((i, j))
        buckets[first : second + 1] = [buckets[first] + buckets[second]]
    return buckets
