"""`verify` check by check (sortition.checks): every check of a good bundle holds, a change
of one panel or one input fails exactly the check it should, the ceremony's checks wait
for the ceremony, a replacement is tied to its parent only with the parent's bundle,
and the command line prints the same checks in Dutch (with its exit codes as before)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sortition import make_quotas, prepare, public_bundle, reveal, verify, verify_checks
from sortition.checks import TEXTS, Check, differences
from sortition.cli import main
from sortition.errors import SortitionInputError
from sortition.replace import replacement_draw_inputs
from tests.sortition.conftest import random_instance


@pytest.fixture(scope="module")
def drawn() -> dict[str, Any]:
    frame, quotas = random_instance(7, 60, 8, households=True)
    bundle = prepare(frame, quotas, 8, household_column="household", m=60, rounding_seconds=0)
    return reveal(bundle, ["4", "2", "6"])


@pytest.fixture(scope="module")
def replacement(drawn: dict[str, Any]) -> dict[str, Any]:
    inputs, record = replacement_draw_inputs(drawn, drawn["panel"][:2])
    child = prepare(
        inputs.people, inputs.quotas, inputs.seats, household_column=inputs.household_column,
        purpose="replacement", parent=record, m=40, rounding_seconds=0,
    )  # fmt: skip
    return reveal(child, ["7"])


def results(checks: list[Check]) -> dict[str, bool | None]:
    return {c.code: c.passed for c in checks}


def test_every_check_of_a_good_bundle_holds(drawn: dict[str, Any]) -> None:
    full = verify_checks(drawn)
    assert results(full) == dict.fromkeys(
        ["commitment", "pool", "probabilities", "lottery", "seed", "number", "panel", "reserve"],
        True,
    )
    public = verify_checks(public_bundle(drawn))
    assert results(public) == dict.fromkeys(
        ["commitment", "lottery", "chances", "seed", "number", "panel", "small_groups"], True
    )
    assert all(c.code in TEXTS for c in [*full, *public])


def test_before_the_ceremony_its_checks_wait(drawn: dict[str, Any]) -> None:
    before = {**copy.deepcopy(drawn), "ceremony": None, "panel": None, "reserve": None}
    found = results(verify_checks(before))
    assert [found[c] for c in ("seed", "number", "panel", "reserve")] == [None] * 4
    assert found["commitment"] and found["lottery"]
    assert verify(before) == []


def test_one_changed_count_in_a_panel_fails_the_panel_and_the_fingerprint(
    drawn: dict[str, Any],
) -> None:
    bundle = public_bundle(drawn)
    bundle["panel"][0] += 1
    found = verify_checks(bundle)
    assert [c.code for c in found if c.passed is False] == ["panel"]
    listed = public_bundle(drawn)
    listed["lottery"]["panels"][3][0] += 1  # the list changed after the fingerprint
    failed = [c.code for c in verify_checks(listed) if c.passed is False]
    assert failed[0] == "commitment" and "lottery" in failed


def test_one_changed_input_fails_the_seed_and_what_follows(drawn: dict[str, Any]) -> None:
    bundle = copy.deepcopy(drawn)
    bundle["ceremony"]["inputs"][1] = "3"
    found = {c.code: c for c in verify_checks(bundle)}
    assert found["seed"].passed is False and found["commitment"].passed
    assert found["seed"].problems[0].startswith("seed: the bundle says")
    public = public_bundle(drawn)
    public["ceremony"]["inputs"][0] = "5"
    failed = [c.code for c in verify_checks(public) if c.passed is False]
    assert failed[0] == "seed" and "commitment" not in failed


def test_verify_lists_the_checks_differences(drawn: dict[str, Any]) -> None:
    bundle = copy.deepcopy(drawn)
    bundle["ceremony"]["chosen_index"] = (bundle["ceremony"]["chosen_index"] + 1) % 60
    bundle["reserve"] = list(reversed(bundle["reserve"]))
    assert verify(bundle) == differences(verify_checks(bundle))
    assert {c.code for c in verify_checks(bundle) if c.passed is False} == {"number", "reserve"}


def test_a_replacement_is_tied_to_its_parent_only_with_the_parents_bundle(
    drawn: dict[str, Any], replacement: dict[str, Any]
) -> None:
    alone = {c.code: c for c in verify_checks(replacement)}
    assert alone["parent"].passed is None and alone["parent"].problems == ()
    assert results(verify_checks(replacement, drawn))["parent"] is True
    public = verify_checks(public_bundle(replacement), public_bundle(drawn))
    assert all(c.passed for c in public), [c for c in public if not c.passed]
    assert results(verify_checks(public_bundle(replacement)))["parent"] is None
    stranger = reveal(prepare(*random_instance(8, 60, 8), 8, m=20, rounding_seconds=0), ["1"])
    wrong = results(verify_checks(public_bundle(replacement), public_bundle(stranger)))
    assert wrong["parent"] is False


def test_counts_too_large_for_a_number_are_unreadable_not_a_crash(drawn: dict[str, Any]) -> None:
    for change in (
        lambda b: b["types"][0].__setitem__("volunteers", 10**30),
        lambda b: b["lottery"]["panels"][0].__setitem__(0, 10**30),
        lambda b: b["types"][0].__setitem__("probability", 10**400),
        lambda b: b["quotas"].append({"feature": 1, "group": "x", "min": 0, "max": 1}),
    ):
        bundle = public_bundle(drawn)
        change(bundle)
        with pytest.raises(SortitionInputError, match="cannot be read"):
            verify(bundle)


def test_a_panel_off_its_quotas_is_named() -> None:
    people = pd.DataFrame({"id": [f"p{i}" for i in range(60)], "gender": ["vrouw", "man"] * 30})
    quotas = make_quotas([
        {"feature": "gender", "value": "vrouw", "min": 5, "max": 5},
        {"feature": "gender", "value": "man", "min": 5, "max": 5},
    ])  # fmt: skip
    bundle = public_bundle(reveal(prepare(people, quotas, 10, m=20, rounding_seconds=0), ["1"]))
    assert len(bundle["types"]) == 2 and verify(bundle) == []
    panel = bundle["lottery"]["panels"][4]
    panel[0], panel[1] = panel[0] + 1, panel[1] - 1  # 6 and 4: still 10 seats
    lottery = {c.code: c for c in verify_checks(bundle)}["lottery"]
    assert lottery.passed is False
    assert any(p.startswith("lottery panel 4: gender ") and "quota 5-5" in p
               for p in lottery.problems), lottery.problems  # fmt: skip


def test_the_command_line_prints_the_checks_in_dutch(
    drawn: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "public.json"
    path.write_text(json.dumps(public_bundle(drawn)), encoding="utf-8")
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("identical")
    assert f"[goed] {TEXTS['commitment'].holds}" in out
    assert f"[goed] {TEXTS['panel'].holds}" in out
    tampered = public_bundle(drawn)
    tampered["panel"][0] += 1
    path.write_text(json.dumps(tampered), encoding="utf-8")
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT IDENTICAL") and f"[FOUT] {TEXTS['panel'].fails}" in out
