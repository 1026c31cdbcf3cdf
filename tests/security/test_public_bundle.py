"""The public verification bundle undoes no small-group suppression (issue 15, finding 6).

The council page hides every group of fewer than MIN_GROUP members; the bundle anyone can
download from it used to list every volunteer's pseudonym and features, and in the demo
each council member had a combination nobody else had. Now the page serves the public
bundle: types of at least MIN_GROUP volunteers (or one type of everyone), counts per type
on every panel of the list, never a pseudonym. Checked here on every demo draw, for the
pool, every listed panel and what it leaves out, and for the difference between a
council's bundle and its replacement's; and `verify` accepts every public bundle.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dashboard.domain.small_groups import MIN_GROUP
from dashboard.services import public
from dashboard.store.db import open_store
from sortition import matches_full, prepare, public_bundle, reveal, verify
from sortition.coarse import MIN_GROUP as ENGINE_MIN_GROUP
from sortition.errors import SortitionInputError
from sortition.replace import replacement_draw_inputs
from tests.sortition.conftest import random_instance

ROOT = Path(__file__).resolve().parents[2]


def _stored(path: Path) -> list[tuple[int, str, str]]:
    store = open_store(path)
    with store.read() as cur:
        rows = cur.execute(
            "SELECT id, purpose, bundle_json FROM draw WHERE bundle_json IS NOT NULL "
            "AND status = 'completed' ORDER BY id"
        ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def small_counts(bundle: dict) -> list[str]:
    """Every published count of a public bundle that is a group of 1 to MIN_GROUP - 1:
    volunteers of a type, members of a type on any listed panel, and volunteers of a type
    left off it. One type of everyone only publishes the totals."""
    volunteers = np.array([t["volunteers"] for t in bundle["types"]])
    if len(volunteers) == 1:
        return []
    tickets = np.array(bundle["lottery"]["panels"])
    found = []
    for name, counts in (
        ("pool", volunteers[None, :]),
        ("panels", tickets),
        ("left off", volunteers[None, :] - tickets),
    ):
        if np.any((counts > 0) & (counts < MIN_GROUP)):
            found.append(name)
    return found


def test_the_engine_uses_the_council_pages_threshold() -> None:
    assert ENGINE_MIN_GROUP == MIN_GROUP


def test_every_demo_draws_public_bundle_is_coarse_and_verifies(demo_db: Path) -> None:
    stored = _stored(demo_db)
    assert len(stored) >= 5
    store = open_store(demo_db)
    shown_types = 0
    for draw_id, _, full_text in stored:
        text = public.draw_bundle(store, draw_id)  # what the council page serves
        assert text is not None
        bundle = json.loads(text)
        full = json.loads(full_text)
        assert small_counts(bundle) == [], (draw_id, bundle["types"])
        assert bundle["parameters"]["min_group"] == MIN_GROUP
        assert verify(bundle) == []
        assert verify(full) == []
        assert matches_full(bundle, full) == []
        assert bundle["commitment"] == full["commitment"]
        # No pseudonym, household label or single volunteer's row is in the file.
        ids = [row[0] for row in full["pool"]["rows"]]
        assert not [i for i in ids if i in text]
        assert "household" not in text and '"h1"' not in text
        assert bundle["panel"] == bundle["lottery"]["panels"][bundle["ceremony"]["chosen_index"]]
        shown_types += len(bundle["types"]) > 1
    assert shown_types >= 1  # some draws can show groups, not only the totals


def test_a_replacement_and_its_council_differ_only_in_totals(demo_db: Path) -> None:
    """A replacement's pool is its council's pool minus the members who stay and the
    excluded: published per type, the difference would give those members' groups away,
    and its quotas are the council's minus theirs. So it shows one type and no quotas."""
    _, _, full_text = _stored(demo_db)[0]
    parent = json.loads(full_text)
    leaving = parent["panel"][:2]
    inputs, record = replacement_draw_inputs(parent, leaving)
    child = prepare(
        inputs.people,
        inputs.quotas,
        inputs.seats,
        household_column=inputs.household_column,
        purpose="replacement",
        parent=record,
        m=200,
        rounding_seconds=0,
    )
    child = reveal(child, ["3", "5"])
    public_parent, public_child = public_bundle(parent), public_bundle(child)
    assert len(public_child["types"]) == 1 and public_child["quotas"] == []
    assert public_child["groups"] == []
    assert small_counts(public_child) == [] and small_counts(public_parent) == []
    assert verify(public_child, public_parent) == []
    assert verify(child, parent) == []
    # What the two files say together: totals only (volunteers and seats).
    text = json.dumps(public_child)
    assert not [row[0] for row in parent["pool"]["rows"] if row[0] in text]
    assert "staying" not in text and "relaxation" not in text


@pytest.fixture(scope="module")
def drawn() -> dict:
    frame, quotas = random_instance(5, 60, 10, households=True)
    return reveal(prepare(frame, quotas, 10, household_column="household", m=100), ["4", "2"])


def test_tampering_with_the_public_bundle_is_found(drawn: dict) -> None:
    bundle = public_bundle(drawn)
    assert verify(bundle) == []
    changed = json.loads(json.dumps(bundle))
    changed["ceremony"]["chosen_index"] = (bundle["ceremony"]["chosen_index"] + 1) % 100
    assert any("chosen panel number" in d for d in verify(changed))
    changed = json.loads(json.dumps(bundle))
    changed["types"][0]["probability"] += 0.01
    assert any(d.startswith("commitment") for d in verify(changed))
    changed = json.loads(json.dumps(bundle))
    changed["panel"] = [0] * len(bundle["panel"])
    assert any(d.startswith("panel") for d in verify(changed))
    # The auditor's check: a changed public bundle does not belong to the full one.
    assert matches_full(changed, drawn) != []


def test_a_public_bundle_cannot_stand_in_for_the_full_one(drawn: dict) -> None:
    with pytest.raises(SortitionInputError, match="public bundle"):
        replacement_draw_inputs(public_bundle(drawn), [drawn["panel"][0]])


def test_the_command_line_publishes_and_verifies_both(drawn: dict, tmp_path: Path) -> None:
    full = tmp_path / "full.json"
    full.write_text(json.dumps(drawn), encoding="utf-8")
    published = tmp_path / "public.json"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sortition", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )

    done = run("publish", str(full), "--out", str(published))
    assert done.returncode == 0, done.stderr
    assert json.loads(published.read_text(encoding="utf-8")) == public_bundle(drawn)
    done = run("verify", str(published))
    assert done.returncode == 0 and "identical" in done.stdout, done.stdout + done.stderr
    assert "full bundle" in done.stdout
    done = run("verify", str(published), "--full", str(full))
    assert done.returncode == 0, done.stdout + done.stderr
    done = run("verify", str(full))
    assert done.returncode == 0, done.stdout + done.stderr
    bad = json.loads(published.read_text(encoding="utf-8"))
    bad["lottery"]["panels"][0][0] += 1
    published.write_text(json.dumps(bad), encoding="utf-8")
    done = run("verify", str(published))
    assert done.returncode == 1 and "NOT IDENTICAL" in done.stdout
    done = run("verify", str(published), "--full", str(published))
    assert done.returncode == 2 and "Traceback" not in done.stderr
