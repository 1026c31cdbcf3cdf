"""Hostile bundles: any single change anywhere gives differences or a clear input error,
never a crash."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sortition import SortitionInputError, prepare, reveal, verify
from tests.sortition.conftest import random_instance

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=5,
)


@cache
def _bundle() -> str:
    frame, quotas = random_instance(3, 40, 8, households=True)
    bundle = prepare(frame, quotas, 8, household_column="household", m=30, rounding_seconds=0)
    return json.dumps(reveal(bundle, ["2"]))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            found += _paths(child, (*prefix, index))
    return found


# The fuzzers take seconds each: left out of the year-ahead run (scripts/test.sh).
pytestmark = pytest.mark.slow


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), replacement=JSON_VALUES)
def test_any_single_change_gives_differences_or_an_input_error(
    data: st.DataObject, replacement: Any
) -> None:
    bundle = json.loads(_bundle())
    paths = _paths(bundle)
    path = data.draw(st.sampled_from(paths))
    target = bundle
    for key in path[:-1]:
        target = target[key]
    if copy.deepcopy(target[path[-1]]) == replacement:
        return
    target[path[-1]] = replacement
    try:
        differences = verify(bundle)
    except SortitionInputError:
        return
    assert differences, f"changing {path} to {replacement!r} went unnoticed"
