"""Volunteer pools: people, their feature values, households, and types of equal people."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sortition.errors import SortitionInputError
from sortition.quotas import QuotaTable
from sortition.text import clean, fold


@dataclass(frozen=True)
class Pool:
    """People with one value per feature; value codes index the quota table's values."""

    ids: tuple[str, ...]
    features: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]  # per feature, the quota table's spelling
    codes: np.ndarray  # (n, F) int, codes[i, f] indexes values[f]
    households: np.ndarray | None  # (n,) int household number, or None

    @property
    def size(self) -> int:
        return len(self.ids)

    def household_count(self) -> int:
        if self.households is None:
            return self.size
        return len(np.unique(self.households))


def _rows(positions: np.ndarray | list[int], limit: int = 5) -> str:
    """Spreadsheet row numbers (the header is row 1) for a message."""
    nums = [int(p) + 2 for p in positions]
    text = ", ".join(str(n) for n in nums[:limit])
    return text + (f" and {len(nums) - limit} more" if len(nums) > limit else "")


def _find_column(frame: pd.DataFrame, name: str, what: str) -> str:
    wanted = fold(name)
    for col in frame.columns:
        if fold(col) == wanted:
            return str(col)
    available = ", ".join(f"'{clean(c)}'" for c in frame.columns)
    raise SortitionInputError(
        f"The pool has no {what} column '{clean(name)}'. Columns present: {available}."
    )


def build_pool(
    frame: pd.DataFrame,
    quotas: QuotaTable,
    id_column: str = "id",
    household_column: str | None = None,
) -> Pool:
    """Check a volunteer table against the quota table and encode it."""
    if len(frame) == 0:
        raise SortitionInputError("The pool is empty: there are no volunteers to select from.")
    id_col = _find_column(frame, id_column, "id")
    ids = [clean(v) for v in frame[id_col].tolist()]
    empty = [i for i, v in enumerate(ids) if not v]
    if empty:
        raise SortitionInputError(f"Column '{id_col}' is empty in row(s) {_rows(empty)}.")
    first_seen: dict[str, int] = {}
    for i, v in enumerate(ids):
        if v in first_seen:
            raise SortitionInputError(
                f"Duplicate id '{v}' in column '{id_col}': rows {first_seen[v] + 2} and {i + 2}."
            )
        first_seen[v] = i

    features = quotas.features
    codes = np.zeros((len(ids), len(features)), dtype=np.int64)
    values: list[tuple[str, ...]] = []
    for f, feature in enumerate(features):
        col = _find_column(frame, feature, "feature")
        rows = quotas.for_feature(feature)
        lookup = {fold(q.value): j for j, q in enumerate(rows)}
        values.append(tuple(q.value for q in rows))
        raw = [fold(v) for v in frame[col].tolist()]
        unknown: dict[str, list[int]] = {}
        for i, v in enumerate(raw):
            j = lookup.get(v)
            if j is None:
                unknown.setdefault(v, []).append(i)
            else:
                codes[i, f] = j
        if unknown:
            problems = []
            for v, where in unknown.items():
                shown = "an empty value" if not v else f"value '{clean(frame[col].iloc[where[0]])}'"
                problems.append(f"{shown} in row(s) {_rows(where)}")
            known = ", ".join(f"'{q.value}'" for q in rows)
            raise SortitionInputError(
                f"Column '{col}' has values no quota mentions: {'; '.join(problems)}. "
                f"The quota table knows {known}."
            )

    households = None
    if household_column is not None:
        hh_col = _find_column(frame, household_column, "household")
        hh = [clean(v) for v in frame[hh_col].tolist()]
        empty = [i for i, v in enumerate(hh) if not v]
        if empty:
            raise SortitionInputError(f"Column '{hh_col}' is empty in row(s) {_rows(empty)}.")
        _, households = np.unique(np.array(hh, dtype=object), return_inverse=True)
        households = households.astype(np.int64)

    return Pool(tuple(ids), tuple(features), tuple(values), codes, households)


@dataclass(frozen=True)
class Types:
    """People collapsed into types of interchangeable people.

    Two people share a type when they have the same feature values and neither lives in a
    household with another volunteer. Members of a multi-volunteer household are typed per
    (household, feature values) and such a type may appear at most once on a panel.
    """

    codes: np.ndarray  # (T, F)
    sizes: np.ndarray  # (T,) people per type
    caps: np.ndarray  # (T,) most members of the type on one panel
    members: tuple[np.ndarray, ...]  # person indices per type, in pool order
    person_type: np.ndarray  # (n,)
    household_groups: tuple[np.ndarray, ...]  # type indices sharing one household

    @property
    def count(self) -> int:
        return len(self.sizes)


def collapse_types(pool: Pool) -> Types:
    n = pool.size
    if pool.households is not None:
        hh_sizes = np.bincount(pool.households)
        shared = hh_sizes[pool.households] > 1
        tag = np.where(shared, pool.households, -1)
    else:
        tag = np.full(n, -1, dtype=np.int64)
    keys = np.column_stack([tag, pool.codes])
    uniq, person_type = np.unique(keys, axis=0, return_inverse=True)
    person_type = person_type.reshape(-1)
    order = np.argsort(person_type, kind="stable")
    sizes = np.bincount(person_type, minlength=len(uniq))
    members = tuple(np.split(order, np.cumsum(sizes)[:-1]))
    caps = np.where(uniq[:, 0] >= 0, 1, sizes)
    groups: dict[int, list[int]] = {}
    for t, h in enumerate(uniq[:, 0]):
        if h >= 0:
            groups.setdefault(int(h), []).append(t)
    household_groups = tuple(np.array(g, dtype=np.int64) for g in groups.values() if len(g) > 1)
    return Types(
        codes=uniq[:, 1:],
        sizes=sizes,
        caps=caps,
        members=members,
        person_type=person_type,
        household_groups=household_groups,
    )
