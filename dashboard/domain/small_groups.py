"""The council compared with its neighbourhood, per group, without exposing anyone.

No group of fewer than MIN_GROUP council members is shown on its own:
- groups with an order (age bands, education levels) are merged with a neighbouring
  group until each merged group has MIN_GROUP members or more ("25-44 + 45-64");
- other groups (gender, tenure, part of the neighbourhood) that are too small are shown
  together in one row ("overige groepen samen"), and so are ordered groups when merging
  neighbours would leave only one group of everyone.
A group that stays too small is not shown ("–"), and neither is the neighbourhood share
of a group of fewer than MIN_GROUP inhabitants. A group without any member reads 0: that
shows no one, and a group nobody on the council comes from is worth seeing.

Complementary suppression. The number of drawn members is public, so a hidden count next
to shown ones could be worked out by subtraction, and someone who knows these rules can
reason further (a row on its own has 5 or more members, a hidden row fewer, ...). So the
rule is checked the way such a person would attack it: for a council of N members and k
groups, every possible council (every way to share N members over k groups) is laid out,
and councils whose pages would look the same form one class; that is all a reader can
know. Wherever a class pins a hidden group to one count from 1 to MIN_GROUP - 1, the
whole class hides its smallest shown group as well, and again, until no class gives a
hidden count away; a class with nothing left to hide shows no council numbers at all, in
a layout that says nothing about which groups are small ("every group, no numbers"), and
if even that class pins a group, more classes join it. Worked out once per (k, N) and
kept; a council of N = 11 over 4 groups has 364 possible councils. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import comb
from typing import TypeVar

MIN_GROUP = 5
OTHERS = "__others__"  # the row of small unordered groups together
# Beyond this many possible councils the check is not run and no council numbers are
# shown (a council of 20 over 7 groups has 230,230; councils are far smaller).
MAX_COUNCILS = 250_000

T = TypeVar("T")
# A layout: per row, whether it is the row of small groups together, the positions of
# its groups, and its count (None: not shown).
Cell = tuple[bool, tuple[int, ...], int | None]
Layout = tuple[Cell, ...]


@dataclass(frozen=True)
class GroupRow:
    groups: tuple[str, ...]  # one group, several merged ones, or (OTHERS, *members)
    council: int | None  # None: not shown (too small, or hidden to protect one that is)
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
    counts = tuple(council.get(g, 0) for g in groups)
    members = sum(counts)
    inhabitants = sum(reference.values())
    rows = []
    for others, positions, count in safe_layout(counts, ordered):
        names = tuple(groups[i] for i in positions)
        people = sum(reference.get(g, 0) for g in names)
        rows.append(
            GroupRow(
                groups=(OTHERS, *names) if others else names,
                council=count,
                council_share=count / members if count is not None and members else None,
                population_share=people / inhabitants if people >= MIN_GROUP else None,
            )
        )
    return rows


def safe_layout(counts: tuple[int, ...], ordered: bool) -> Layout:
    """The rows for these counts, with every complementary suppression applied."""
    groups, total = len(counts), sum(counts)
    if groups <= 1:
        return _layout(counts, ordered)  # one group: its count is the public total
    if comb(total + groups - 1, groups - 1) > MAX_COUNCILS:
        return _no_numbers(groups)
    return _policy(groups, total, ordered)[counts]


def _layout(counts: tuple[int, ...], ordered: bool) -> Layout:
    """Merged and hidden small groups, before complementary suppression."""

    def cell(others: bool, positions: tuple[int, ...]) -> Cell:
        count = sum(counts[i] for i in positions)
        return others, positions, count if count >= MIN_GROUP or count == 0 else None

    positions = list(range(len(counts)))
    if ordered:
        buckets = _merge_neighbours(positions, dict(enumerate(counts)))
        if len(buckets) > 1 or len(positions) == 1:
            return tuple(cell(False, bucket) for bucket in buckets)
        # Merging neighbours left one group of everyone: small groups together instead.
    big = [i for i in positions if counts[i] >= MIN_GROUP]
    small = tuple(i for i in positions if i not in big)
    rows = [cell(False, (i,)) for i in positions if i in big or not big]
    if big and small:
        rows.append(cell(True, small))
    return tuple(rows)


def _no_numbers(groups: int) -> Layout:
    return tuple((False, (i,), None) for i in range(groups))


@lru_cache(maxsize=512)
def _policy(groups: int, total: int, ordered: bool) -> dict[tuple[int, ...], Layout]:
    """The layout of every possible council of `total` members over `groups` groups,
    such that no class of councils that look alike pins a hidden count."""
    shown = {counts: _layout(counts, ordered) for counts in _councils(total, groups)}
    nothing = _no_numbers(groups)
    changed = True
    while changed:
        changed = False
        for layout, councils in _classes(shown).items():
            if layout != nothing and _gives_away(layout, councils):
                coarser = _hide_smallest(layout) or nothing
                shown.update(dict.fromkeys(councils, coarser))
                changed = True
    # The class without numbers must not give anything away either: other classes join
    # it (those showing the fewest numbers first) until it does not.
    while True:
        classes = _classes(shown)
        plain = classes.get(nothing, [])
        if not plain or not _gives_away(nothing, plain):
            return shown
        layout = min(
            (c for c in classes if c != nothing),
            key=lambda c: (sum(count is not None for _, _, count in c), -len(classes[c])),
        )
        shown.update(dict.fromkeys(classes[layout], nothing))


def _councils(total: int, groups: int) -> Iterator[tuple[int, ...]]:
    """Every way to share `total` members over `groups` groups."""
    if groups == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _councils(total - first, groups - 1):
            yield (first, *rest)


def _classes(shown: dict[tuple[int, ...], Layout]) -> dict[Layout, list[tuple[int, ...]]]:
    classes: dict[Layout, list[tuple[int, ...]]] = defaultdict(list)
    for counts, layout in shown.items():
        classes[layout].append(counts)
    return classes


def _gives_away(layout: Layout, councils: Sequence[tuple[int, ...]]) -> bool:
    """Whether every council that shows this layout has the same small count (1 to
    MIN_GROUP - 1) in one of its hidden rows."""
    for _, positions, count in layout:
        if count is None:
            values = {sum(c[i] for i in positions) for c in councils}
            if len(values) == 1 and 0 < next(iter(values)) < MIN_GROUP:
                return True
    return False


def _hide_smallest(layout: Layout) -> Layout | None:
    """The layout with its smallest shown count (the first on a tie) hidden too; None
    when no count above 0 is left to hide."""
    shown = [i for i, (_, _, count) in enumerate(layout) if count]
    if not shown:
        return None
    pick = min(shown, key=lambda i: (layout[i][2], i))
    others, positions, _ = layout[pick]
    return (*layout[:pick], (others, positions, None), *layout[pick + 1 :])


def _merge_neighbours(groups: list[T], council: dict[T, int]) -> list[tuple[T, ...]]:
    """Merge each too-small group (with members) into its smaller neighbour until none is
    left; groups without members stay as they are."""
    buckets: list[tuple[T, ...]] = [(g,) for g in groups]

    def size(bucket: tuple[T, ...]) -> int:
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
