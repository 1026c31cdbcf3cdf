"""Replacement by a public draw (issue 6 step 8, trustworthy draws 4): members who left
are replaced by a draw of its own over the volunteers who are left, with residual
quotas (or the nearest feasible ones, said in Dutch); its bundle verifies together with
the council's; once per member, one at a time, every step audited, nothing changed on
a refusal."""

from __future__ import annotations

import json

import pytest

import sortition
from dashboard.domain.errors import UserError
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws import workspace as draws
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from tests.database_state import fingerprint
from tests.services.test_draws_public import (
    ORGANISER,
    actions,
    bundle_number,
    council_problems,
    count,
    revealed,
)


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


INPUTS = ["3", "5", "5", "2024"]


def members(store: Store, draw_id: int) -> dict[int, str]:
    view = draw_members.members_view(store, ORGANISER, draw_id).members
    return {int(m): str(s) for m, s in zip(view["member_id"], view["status"], strict=True)}


def selected(store: Store, draw_id: int) -> list[int]:
    return [m for m, s in members(store, draw_id).items() if s == "selected"]


def bundles(store: Store, draw_id: int) -> tuple[dict, dict]:
    with store.read() as cur:
        parent = draw_rows.draw(cur, draw_id)
        assert parent is not None and parent.parent_draw_id is not None
        child = draw_rows.bundle(cur, draw_id)
        council = draw_rows.bundle(cur, parent.parent_draw_id)
    assert child is not None and council is not None
    return child, council


def test_two_members_replaced_by_a_public_draw_once(store: Store) -> None:
    draw_id = revealed(store)
    leaving = selected(store, draw_id)[:2]
    for member_id in leaving:
        draw_members.decline_member(store, ORGANISER, member_id, "geen tijd")
    plan = draw_replacements.replacement_plan(store, ORGANISER, draw_id, leaving)
    assert plan.seats == 2 and plan.volunteers == 40 - 11 and not plan.relaxed

    new_id = draw_replacements.prepare_replacement(store, ORGANISER, draw_id, leaving)
    state = draws.draw_state(store, ORGANISER, new_id)
    assert state.context.draw.purpose == "replacement" and state.context.k == 2
    assert state.context.draw.parent_draw_id == draw_id
    assert state.context.draw.status == "committed"
    # Double click, the same members again, a reserve for them, or another decline: refused.
    before = fingerprint(store)
    with pytest.raises(UserError, match="loopt al een vervangingsloting"):
        draw_replacements.prepare_replacement(store, ORGANISER, draw_id, leaving)
    with pytest.raises(UserError, match="al vervangen"):
        draw_members.replace_member(store, ORGANISER, leaving[0])
    with pytest.raises(UserError, match="vervangingsloting"):
        draw_members.decline_member(store, ORGANISER, selected(store, draw_id)[0], "ziek")
    assert fingerprint(store) == before

    # The ceremony of the replacement draw seats the drawn in the council's draw.
    draw_selection.reveal_draw(store, ORGANISER, new_id, INPUTS)
    after = members(store, draw_id)
    assert [after[m] for m in leaving] == ["replaced", "replaced"]
    links = draw_members.members_view(store, ORGANISER, draw_id).members.set_index("member_id")
    newcomers = [str(links.loc[m, "replaced_by"]) for m in leaving]
    child, council = bundles(store, new_id)
    assert sorted(newcomers) == sorted(child["panel"])
    assert sum(1 for s in after.values() if s == "selected") == 11
    assert draws.draw_state(store, ORGANISER, new_id).context.draw.status == "completed"
    with pytest.raises(UserError, match=r"al gedaan|afgerond"):
        draw_selection.reveal_draw(store, ORGANISER, new_id, ["1"])
    # Anyone can check it with the two bundles; tampering with the parent is noticed.
    assert draw_selection.verify_draw(store, ORGANISER, new_id) == []
    assert sortition.verify(child, council) == []
    assert child["purpose"] == "replacement" and child["parent"]["commitment"] == council[
        "commitment"]  # fmt: skip
    assert json.loads(draw_selection.bundle_file(store, ORGANISER, new_id)) == child
    council["quotas"][0]["max"] += 1
    assert sortition.verify(child, council)
    # The council is still a valid panel of the council's bundle.
    assert council_problems(store, draw_id, "selected") == []
    # Replacing the same member twice is refused, nothing changes.
    before = fingerprint(store)
    with pytest.raises(UserError, match="al vervangen"):
        draw_replacements.prepare_replacement(store, ORGANISER, draw_id, leaving[:1])
    assert fingerprint(store) == before
    done = actions(store)
    for action in ("draw.replacement_draw", "draw.replacement_seated"):
        assert done.count(action) == 1
    assert done.count("draw.prepare") == 2 and done.count("draw.reveal") == 2


def test_nearest_feasible_quotas_when_no_exact_replacement_exists(store: Store) -> None:
    draw_id = revealed(store)
    pool = draw_selection.selection_view(store, ORGANISER, draw_id)
    number = bundle_number(store, draw_id)
    with store.read() as cur:
        genders = dict(cur.execute(
            "SELECT i.resident_id, x.gender FROM response x "
            "JOIN invitation i ON i.id = x.invitation_id WHERE i.draw_id = ?", [draw_id]
        ).fetchall())  # fmt: skip
    gender_of = {number(r): g for r, g in genders.items()}
    women = [p for p in pool.panel if gender_of[p] == "vrouw"]
    # Every woman on the reserve list has said no already: none is left to draw.
    with store.transaction() as cur:
        cur.execute(
            "UPDATE panel_member SET status = 'declined' WHERE draw_id = ? AND status = "
            "'reserve' AND resident_id IN (SELECT unnest(?))",
            [draw_id, [r for r, g in genders.items() if g == "vrouw"]],
        )
    by_number = {number(m.resident_id): m.id for m in _members(store, draw_id)}
    leaving = [by_number[p] for p in women[: len(women) - 3]]  # 3 women stay: below min 4
    for member_id in leaving:
        draw_members.decline_member(store, ORGANISER, member_id, "verhuisd")
    plan = draw_replacements.replacement_plan(store, ORGANISER, draw_id, leaving)
    assert plan.relaxed
    assert any("dichtstbijzijnde haalbare quota" in n and "geslacht vrouw" in n
               for n in plan.notes), plan.notes  # fmt: skip
    new_id = draw_replacements.prepare_replacement(store, ORGANISER, draw_id, leaving)
    draw_selection.reveal_draw(store, ORGANISER, new_id, INPUTS)
    child, council = bundles(store, new_id)
    assert child["parent"]["relaxation"] and sortition.verify(child, council) == []
    view = draw_replacements.replacement_view(store, ORGANISER, new_id)
    assert view.parent_draw_id == draw_id and view.notes == list(plan.notes)
    assert view.leaving["replaced_by"].notna().all()


def _members(store: Store, draw_id: int) -> list:
    with store.read() as cur:
        return draw_rows.members(cur, draw_id)


def test_bad_requests_change_nothing(store: Store) -> None:
    draw_id = revealed(store)
    sitting = selected(store, draw_id)
    before = fingerprint(store)
    for wanted, message in (
        ([], "minstens één lid"),
        ([sitting[0]], "niet afgezegd"),
        ([sitting[0], sitting[0]], "twee keer"),
        ([10**9], "hoort niet bij"),
    ):
        with pytest.raises(UserError, match=message):
            draw_replacements.prepare_replacement(store, ORGANISER, draw_id, wanted)
    assert fingerprint(store) == before
    # A replacement draw that is stopped before its ceremony frees the seat again.
    draw_members.decline_member(store, ORGANISER, sitting[0], "geen tijd")
    new_id = draw_replacements.prepare_replacement(store, ORGANISER, draw_id, [sitting[0]])
    draws.cancel_draw(store, ORGANISER, new_id, "verkeerd lid gekozen")
    again = draw_replacements.prepare_replacement(store, ORGANISER, draw_id, [sitting[0]])
    assert again != new_id
    assert count(store, "SELECT count(*) FROM draw WHERE purpose = 'replacement'") == 2
