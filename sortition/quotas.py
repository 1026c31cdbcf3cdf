"""Quota tables: per feature value, how many panel members at least and at most."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sortition.errors import SortitionInputError
from sortition.text import clean, fold


@dataclass(frozen=True)
class Quota:
    """`min_flex` and `max_flex` (the Sortition Foundation's columns) bound how far a
    suggested relaxation may move the minimum down and the maximum up; the selection itself
    never reads them. None: no bound."""

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


@dataclass(frozen=True)
class QuotaTable:
    """Quotas grouped by feature, in the order they were given."""

    quotas: tuple[Quota, ...]

    def __post_init__(self) -> None:
        if not self.quotas:
            raise SortitionInputError("The quota table is empty: give at least one quota row.")
        seen: set[tuple[str, str]] = set()
        for q in self.quotas:
            if not q.feature or not q.value:
                raise SortitionInputError(
                    f"Quota for feature '{q.feature}' value '{q.value}': feature and value "
                    "must not be empty."
                )
            key = (fold(q.feature), fold(q.value))
            if key in seen:
                raise SortitionInputError(
                    f"Quota for {q.feature} {q.value} is given twice; keep one row per value."
                )
            seen.add(key)
            if q.min < 0 or q.max < 0:
                raise SortitionInputError(
                    f"Quota for {q.feature} {q.value}: min {q.min} and max {q.max} "
                    "must not be negative."
                )
            if q.min > q.max:
                raise SortitionInputError(
                    f"Quota for {q.feature} {q.value}: min {q.min} is larger than max {q.max}."
                )
            if q.min_flex is not None and not 0 <= q.min_flex <= q.min:
                raise SortitionInputError(
                    f"Quota for {q.feature} {q.value}: min_flex {q.min_flex} must lie between "
                    f"0 and min {q.min}."
                )
            if q.max_flex is not None and q.max_flex < q.max:
                raise SortitionInputError(
                    f"Quota for {q.feature} {q.value}: max_flex {q.max_flex} is smaller than "
                    f"max {q.max}."
                )

    @property
    def features(self) -> list[str]:
        """Feature names, first spelling wins, in order of first appearance."""
        out: dict[str, str] = {}
        for q in self.quotas:
            out.setdefault(fold(q.feature), q.feature)
        return list(out.values())

    def for_feature(self, feature: str) -> list[Quota]:
        key = fold(feature)
        return [q for q in self.quotas if fold(q.feature) == key]

    def to_rows(self) -> list[dict[str, object]]:
        return [
            {"feature": q.feature, "value": q.value, "min": q.min, "max": q.max}
            for q in self.quotas
        ]


QuotaRow = Mapping[str, object] | tuple[object, object, int, int]


def make_quotas(rows: Iterable[QuotaRow]) -> QuotaTable:
    """Build a table from (feature, value, min, max) tuples or dicts with those keys."""
    quotas = []
    for row in rows:
        if isinstance(row, Mapping):
            f, v, lo, hi = row["feature"], row["value"], row["min"], row["max"]
        else:
            f, v, lo, hi = row
        quotas.append(Quota(clean(f), clean(v), int(str(lo)), int(str(hi))))
    return QuotaTable(tuple(quotas))


def quotas_from_shares(shares: Mapping[str, Mapping[str, float]], k: int) -> QuotaTable:
    """Quotas that mirror the population: floor and ceil of k times each value's share.

    Shares per feature are normalised to sum to one first.
    """
    quotas = []
    for feature, by_value in shares.items():
        total = float(sum(by_value.values()))
        if total <= 0:
            raise SortitionInputError(f"Feature {feature}: the population shares add up to 0.")
        for value, share in by_value.items():
            if share < 0:
                raise SortitionInputError(
                    f"Feature {feature} value {value}: negative population share {share}."
                )
            exact = k * share / total
            # Round away float noise so 0.3 * 10 counts as exactly 3.
            exact = round(exact, 9)
            quotas.append(Quota(clean(feature), clean(value), math.floor(exact), math.ceil(exact)))
    return QuotaTable(tuple(quotas))
