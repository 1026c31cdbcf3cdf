"""Groups coarse enough to publish: no published count singles out fewer than `min_group`.

The public bundle (`sortition.publish`) shows the draw at the level of *types*: groups of
volunteers defined by the values of some features, where the values of a feature may be
merged ("man + anders") and a feature may be left out altogether. A grouping is *safe*
when every count the public bundle publishes is 0 or at least `min_group`:

- the volunteers of each type in the pool;
- on every panel of the lottery list (any of them can be drawn), the members of each type,
  and the volunteers of each type who are *not* on it (the pool minus the panel, which a
  reader gets by subtraction).

A grouping with a single type (everyone) is always allowed: its counts are the public
totals (volunteers, seats). Sums of safe counts are safe, so merging the groups of a safe
grouping keeps it safe; the search below uses that to prune. Pure: numpy only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

MIN_GROUP = 5  # the council page's threshold (dashboard/domain/small_groups.MIN_GROUP)
MAX_VALUES = 8  # a feature with more values is shown only as a whole (Bell(8) = 4140)
MAX_CHECKS = 5000  # safety checks per search: a count, not a time, so every run agrees

Partition = tuple[tuple[int, ...], ...]  # blocks of value codes, each sorted, in order


@dataclass(frozen=True)
class Grouping:
    """Per shown feature, its values merged into blocks; features not listed are left out."""

    features: tuple[int, ...]  # positions of the shown features
    partitions: tuple[Partition, ...]  # one per shown feature

    def labels(self, codes: np.ndarray) -> np.ndarray:
        """Each person's type: the blocks of the shown features, in mixed radix."""
        label = np.zeros(len(codes), dtype=np.int64)
        for f, partition in zip(self.features, self.partitions, strict=True):
            block_of = np.zeros(max(max(block) for block in partition) + 1, dtype=np.int64)
            for b, block in enumerate(partition):
                block_of[list(block)] = b
            label = label * len(partition) + block_of[codes[:, f]]
        return label

    @property
    def size(self) -> int:
        """How many types the grouping can have (the product of the block counts)."""
        return int(np.prod([len(p) for p in self.partitions])) if self.partitions else 1


def is_safe(label: np.ndarray, size: int, tickets: np.ndarray, min_group: int) -> bool:
    """Whether every published count is 0 or at least min_group (see the module's rule).

    `label` is each person's type (0 .. size-1), `tickets` the lottery's panels as an
    (m, k) array of person indices.
    """
    if size <= 1:
        return True
    pool = np.bincount(label, minlength=size)
    if len(np.unique(label)) <= 1:
        return True  # one type with volunteers: its counts are the public totals
    counts = ticket_counts(label, size, tickets)
    rest = pool[None, :] - counts
    return bool(
        _fine(pool, min_group).all()
        and _fine(counts, min_group).all()
        and _fine(rest, min_group).all()
    )


def _fine(counts: np.ndarray, min_group: int) -> np.ndarray:
    return (counts == 0) | (counts >= min_group)


def ticket_counts(label: np.ndarray, size: int, tickets: np.ndarray) -> np.ndarray:
    """(m, size): the members of each type on each panel."""
    m = len(tickets)
    if m == 0:
        return np.zeros((0, size), dtype=np.int64)
    flat = (np.arange(m)[:, None] * size + label[tickets]).reshape(-1)
    return np.bincount(flat, minlength=m * size).reshape(m, size)


def partitions(values: int) -> Iterator[Partition]:
    """Every way to merge `values` values into blocks (set partitions), coarsest first
    within the recursion's order; deterministic."""

    def split(items: list[int]) -> Iterator[list[list[int]]]:
        if not items:
            yield []
            return
        first, rest = items[0], items[1:]
        for smaller in split(rest):
            for i in range(len(smaller)):
                yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]
            yield [[first], *smaller]

    for blocks in split(list(range(values))):
        yield tuple(sorted(tuple(sorted(b)) for b in blocks))


def safe_grouping(
    value_counts: Sequence[int], codes: np.ndarray, tickets: np.ndarray, min_group: int
) -> Grouping:
    """The finest safe grouping found: the most types with volunteers, then the fewest
    blocks (no group shown that only says nobody is in it); ties go to the first in a
    fixed order (features in order, partitions in the order of `partitions`). Exhaustive
    over products of single-feature partitions, with pruning (a product can only be safe
    when every part of it is), up to MAX_CHECKS safety checks; a grouping with one type
    of volunteers counts as showing nothing."""
    codes = np.asarray(codes, dtype=np.int64).reshape(len(codes), len(value_counts))
    tickets = np.asarray(tickets, dtype=np.int64).reshape(len(tickets), -1)
    checks = [MAX_CHECKS]

    def safe(grouping: Grouping) -> bool:
        if checks[0] <= 0:
            return False
        checks[0] -= 1
        return is_safe(grouping.labels(codes), grouping.size, tickets, min_group)

    options: list[list[Partition]] = []
    for f, count in enumerate(value_counts):
        found = []
        if 1 < count <= MAX_VALUES:
            found = [
                partition
                for partition in partitions(count)
                if len(partition) > 1 and safe(Grouping((f,), (partition,)))
            ]
        options.append(found)
    best = Grouping((), ())
    best_score = (1, 0)

    def search(f: int, chosen: Grouping) -> None:
        nonlocal best, best_score
        if f == len(options):
            types = len(np.unique(chosen.labels(codes))) if chosen.features else 1
            score = (types, -sum(len(p) for p in chosen.partitions))
            if types > 1 and score > best_score:
                best, best_score = chosen, score
            return
        search(f + 1, chosen)
        for partition in options[f]:
            wider = Grouping((*chosen.features, f), (*chosen.partitions, partition))
            if safe(wider):
                search(f + 1, wider)

    search(0, Grouping((), ()))
    return best
