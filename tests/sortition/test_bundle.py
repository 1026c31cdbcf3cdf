"""The draw bundle: prepare, reveal, verify; every single tampering is found."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from sortition import SortitionInputError, prepare, pseudonym, reveal, verify
from sortition.bundle import bundle_pool, bundle_quotas, panel_problems
from sortition.quotas import QuotaTable
from tests.sortition.conftest import random_instance

Bundle = dict[str, Any]


@pytest.fixture(scope="module")
def instance() -> tuple[pd.DataFrame, QuotaTable]:
    frame, quotas = random_instance(3, 40, 8, households=True)
    frame["name"] = [f"Jansen-{i}" for i in range(len(frame))]  # must never reach a bundle
    frame["household"] = [f"Dorpsstraat {h}" for h in frame["household"]]
    return frame, quotas


@pytest.fixture(scope="module")
def prepared(instance: tuple[pd.DataFrame, QuotaTable]) -> Bundle:
    frame, quotas = instance
    return prepare(frame, quotas, 8, household_column="household", m=300, rounding_seconds=0.5)


@pytest.fixture(scope="module")
def revealed(prepared: Bundle) -> Bundle:
    return reveal(prepared, ["4", "2", "6", "Lotto 1234"])


def test_an_honest_bundle_verifies_before_and_after_the_ceremony(
    prepared: Bundle, revealed: Bundle
) -> None:
    assert verify(prepared) == []
    assert verify(revealed) == []
    assert revealed["commitment"] == prepared["commitment"]
    assert revealed["panel"] == revealed["lottery"]["panels"][revealed["ceremony"]["chosen_index"]]
    pool, quotas = bundle_pool(revealed), bundle_quotas(revealed)
    assert panel_problems(pool, quotas, 8, revealed["panel"]) == []
    assert sorted(revealed["reserve"] + revealed["panel"]) == sorted(pool.ids)


def test_a_bundle_survives_json_and_holds_no_personal_data(revealed: Bundle) -> None:
    text = json.dumps(revealed, ensure_ascii=False)
    assert verify(json.loads(text)) == []
    assert "Jansen" not in text and "Dorpsstraat" not in text
    assert revealed["pool"]["columns"][:2] == ["id", "household"]
    assert all(row[1].startswith("h") for row in revealed["pool"]["rows"])


def test_the_same_inputs_give_the_same_panel_on_any_run(prepared: Bundle, revealed: Bundle) -> None:
    again = reveal(prepared, [" 4", "2 ", "6", "Lotto  1234"])  # spacing does not count
    assert again["panel"] == revealed["panel"]
    other = reveal(prepared, ["4", "2", "6", "Lotto 1235"])
    assert other["ceremony"]["seed"] != revealed["ceremony"]["seed"]


def _set_pool_value(b: Bundle) -> None:
    row = b["pool"]["rows"][0]
    row[2] = next(
        q["value"]
        for q in b["quotas"]
        if q["feature"] == b["pool"]["columns"][2] and q["value"] != row[2]
    )


def _drop_pool_row(b: Bundle) -> None:
    b["pool"]["rows"].pop()


def _raise_quota(b: Bundle) -> None:
    b["quotas"][0]["max"] += 1


def _change_seed_input(b: Bundle) -> None:
    b["ceremony"]["inputs"][0] = "5"


def _change_chosen_index(b: Bundle) -> None:
    b["ceremony"]["chosen_index"] = (b["ceremony"]["chosen_index"] + 1) % 300


def _swap_lottery_panels(b: Bundle) -> None:
    panels = b["lottery"]["panels"]
    index = b["ceremony"]["chosen_index"]
    other = next(i for i, p in enumerate(panels) if p != panels[index])
    panels[index], panels[other] = panels[other], panels[index]


def _edit_lottery_panel(b: Bundle) -> None:
    panel = b["lottery"]["panels"][0]
    outsider = next(r[0] for r in b["pool"]["rows"] if r[0] not in panel)
    panel[0] = outsider


def _change_panel(b: Bundle) -> None:
    b["panel"][0] = b["reserve"][0]


def _change_reserve(b: Bundle) -> None:
    b["reserve"].reverse()


def _change_probability(b: Bundle) -> None:
    first = next(iter(b["probabilities"]))
    b["probabilities"][first] += 0.01


def _change_commitment(b: Bundle) -> None:
    b["commitment"] = "0" * 64


def _change_k(b: Bundle) -> None:
    b["k"] = 7


TAMPERINGS: dict[str, tuple[Callable[[Bundle], None], str]] = {
    "pool row changed": (_set_pool_value, "commitment"),
    "pool row removed": (_drop_pool_row, "commitment"),
    "quota changed": (_raise_quota, "commitment"),
    "seed input changed": (_change_seed_input, "seed"),
    "chosen index changed": (_change_chosen_index, "chosen panel number"),
    "lottery list reordered": (_swap_lottery_panels, "commitment"),
    "lottery panel edited": (_edit_lottery_panel, "lottery panel 0"),
    "panel changed": (_change_panel, "panel"),
    "reserve list changed": (_change_reserve, "reserve list"),
    "probability changed": (_change_probability, "probability of"),
    "commitment replaced": (_change_commitment, "commitment"),
    "panel size changed": (_change_k, "commitment"),
}


@pytest.mark.parametrize("name", TAMPERINGS)
def test_every_single_tampering_is_found(revealed: Bundle, name: str) -> None:
    tamper, expected = TAMPERINGS[name]
    bundle = copy.deepcopy(revealed)
    tamper(bundle)
    differences = verify(bundle)
    assert differences, name
    assert any(d.startswith(expected) for d in differences), differences


def test_a_redone_ceremony_verifies_so_the_inputs_must_be_written_down_in_public(
    prepared: Bundle, revealed: Bundle
) -> None:
    # Someone re-runs the ceremony with other inputs and records the result consistently:
    # the bundle verifies, but its seed and panel differ from the published ones, which is
    # why the inputs are written down in public.
    redone = reveal(prepared, ["1", "1", "1"])
    assert verify(redone) == []
    assert redone["ceremony"]["inputs"] != revealed["ceremony"]["inputs"]


@pytest.mark.parametrize(
    ("bundle", "message"),
    [
        ([], "not a draw bundle"),
        ({"format": "x"}, "lacks field"),
    ],
)
def test_an_unreadable_bundle_is_an_input_error(bundle: Any, message: str) -> None:
    with pytest.raises(SortitionInputError, match=message):
        verify(bundle)


def test_reveal_refuses_twice_changed_bundles_and_empty_inputs(
    prepared: Bundle, revealed: Bundle
) -> None:
    with pytest.raises(SortitionInputError, match="already been revealed"):
        reveal(revealed, ["1"])
    changed = copy.deepcopy(prepared)
    _raise_quota(changed)
    with pytest.raises(SortitionInputError, match="no longer matches its commitment"):
        reveal(changed, ["1"])
    with pytest.raises(SortitionInputError, match="at least one public input"):
        reveal(prepared, [])
    with pytest.raises(SortitionInputError, match="input 2 is empty"):
        reveal(prepared, ["3", "  "])


def test_prepare_refuses_the_legacy_algorithm_and_bad_purposes(
    instance: tuple[pd.DataFrame, QuotaTable],
) -> None:
    frame, quotas = instance
    with pytest.raises(SortitionInputError, match="leximin or maximin"):
        prepare(frame, quotas, 8, algorithm="legacy")
    with pytest.raises(SortitionInputError, match="Unknown purpose"):
        prepare(frame, quotas, 8, purpose="party")


def test_a_maximin_bundle_verifies_its_lowest_chance(
    instance: tuple[pd.DataFrame, QuotaTable],
) -> None:
    frame, quotas = instance
    bundle = prepare(frame, quotas, 8, algorithm="maximin", m=100, rounding_seconds=0)
    assert verify(bundle) == []
    lowest = min(bundle["probabilities"], key=bundle["probabilities"].get)
    bundle["probabilities"][lowest] -= 0.01
    assert any(d.startswith("lowest probability") for d in verify(bundle))


def test_a_pseudonym_depends_on_the_draw_secret_and_tells_nobody_the_number() -> None:
    ids = [str(n) for n in range(5000)]
    first = [pseudonym("geheim-1", i) for i in ids]
    assert first == [pseudonym("geheim-1", i) for i in ids]  # the same draw: the same number
    assert len(set(first)) == len(ids)
    assert not set(first) & {pseudonym("geheim-2", i) for i in ids}  # other draws: unlinked
    assert all(p.startswith("P") and len(p) == 13 and p[1:] not in ids for p in first)
