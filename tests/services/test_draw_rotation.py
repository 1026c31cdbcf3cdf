"""Rotation of a sitting council (trustworthy draws 5, issue 6 step 8): a chosen number of
drawn seats is renewed by a draw of its own. The longest-serving rotate out (ties by lot
from a public seed), sitting and recent members cannot be invited, the new members are
drawn with the council's quotas minus what the staying members fill, their seats form a
cohort with a term of its own, and completing the rotation ends the leaving seats."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import pytest

import sortition
from dashboard.domain.errors import UserError
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import rotation
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws import workspace as draws
from dashboard.store import audit, council
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from dashboard.store.register_import import register_as_extract
from sortition import clock
from tests.database_state import fingerprint
from tests.services.test_draws_public import (
    ORGANISER,
    bundle_number,
    register_volunteers,
    residents_by_number,
)


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


DAY = clock.today() + timedelta(days=60)


def council_id(store: Store) -> int:
    with store.read() as cur:
        return council.councils_for_neighbourhood(cur, 1)[0].id


def start(store: Store, seats: int = 4) -> int:
    request = draws.DrawRequest(
        "two_stage", DAY, council_id(store), purpose="rotation", rotating_seats=seats
    )
    return draws.start_draw(store, ORGANISER, request)


def with_volunteers(store: Store, draw_id: int) -> None:
    with store.read() as cur:
        extract = register_as_extract(cur, [1]).to_csv(index=False, sep=";").encode()
    register_volunteers(store, draw_id, extract, 30)


def test_the_longest_serving_rotate_out_by_a_public_lot(store: Store) -> None:
    before = fingerprint(store)
    for seats in (0, 12):
        with pytest.raises(UserError, match="tussen 1 en 11"):
            start(store, seats)
    assert fingerprint(store) == before
    draw_id = start(store)
    state = draws.draw_state(store, ORGANISER, draw_id)
    plan = state.context.parameters["rotation"]
    assert state.context.k == 4 and state.context.draw.purpose == "rotation"
    assert len(plan["out"]) == 4 and len(plan["staying"]) == 7
    assert state.term is not None and state.term.starts_on == DAY
    # The lot runs over the sitting members by their numbers in the rotation's bundle
    # (published with their starts), so anyone can recompute who rotates out.
    number = bundle_number(store, draw_id)
    with store.read() as cur:
        sitting = draw_rows.sitting_drawn(cur, council_id(store), DAY)
        again = rotation.choose(cur, council_id(store), DAY, 4, number)
    assert plan["sitting"] == sorted([number(r), start.isoformat()] for _, r, start, _ in sitting)
    members = [(n, date.fromisoformat(start)) for n, start in plan["sitting"]]
    out = sortition.rotating_out(members, 4, plan["seed"])
    assert out == [number(r) for r in plan["out"]]
    assert again.out == plan["out"]
    # One rotation at a time.
    before = fingerprint(store)
    with pytest.raises(UserError, match="loopt al een loting"):
        start(store, 3)
    assert fingerprint(store) == before
    with store.read() as cur:
        [event] = [e for e in audit.events(cur) if e.action == "draw.create"]
    assert json.loads(event.payload_json)["rotating_out"] == 4


def test_a_rotation_from_invitations_to_the_new_cohort(store: Store) -> None:
    draw_id = start(store)
    with_volunteers(store, draw_id)
    plan = draws.draw_state(store, ORGANISER, draw_id).context.parameters["rotation"]
    sitting = {*plan["out"], *plan["staying"]}
    with store.read() as cur:
        invited = {i.resident_id for i in draw_rows.invitations(cur, draw_id)}
    assert not invited & sitting  # sitting members are not invited
    assert draw_invitations.lottery_room(store, ORGANISER, draw_id).not_drawable >= 11

    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender", "age_band"])
    assert proposed[proposed["feature"] == "gender"]["max"].sum() >= 11  # the whole council
    result = draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    assert result.feasible and any("7 leden blijven, 4 plaatsen" in p for p in result.problems)

    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    draw_selection.reveal_draw(store, ORGANISER, draw_id, ["6", "1", "4"])
    resident = residents_by_number(store, draw_id)
    number = bundle_number(store, draw_id)
    with store.read() as cur:
        bundle = draw_rows.bundle(cur, draw_id)
        assert bundle is not None  # the draw was revealed
        newcomers = [str(resident[p]) for p in bundle["panel"]]
        staying = draw_rows.member_features(cur, draw_id, plan["staying"], DAY)
        # The newcomers' groups as they answered them (what the draw used).
        answered = draw_rows.pool_frame(cur, draw_id, DAY).set_index("id").loc[newcomers]
    assert bundle["purpose"] == "rotation" and bundle["k"] == 4
    assert bundle["parent"]["staying"] == sorted(number(s) for s in plan["staying"])
    # The published rotation names members by their numbers in this bundle only.
    published = bundle["parent"]["rotation"]
    assert published["out"] == [number(r) for r in plan["out"]]
    assert published["staying"] == bundle["parent"]["staying"]
    assert published["seed"] == plan["seed"] and published["day"] == plan["day"]
    assert sortition.verify(bundle) == []
    # Who rotated out is checked against the published sitting members and the seed.
    tampered = json.loads(json.dumps(bundle))
    record = tampered["parent"]["rotation"]
    record["out"] = [record["staying"][0], *record["out"][1:]]
    assert any(d.startswith("rotation: the bundle says") for d in sortition.verify(tampered))
    # Staying members and newcomers together meet the council's quotas (or the nearest
    # feasible ones the bundle records). Who rotates out is by lot, so the staying members
    # may already hold more of a group than its maximum: then no newcomer is of it.
    if not bundle["parent"]["relaxation"]:
        council_now = pd.concat([staying, answered.reset_index()])
        for row in proposed.itertuples(index=False):
            have = int((council_now[row.feature] == row.value).sum())
            kept = int((staying[row.feature] == row.value).sum())
            assert row.min <= have <= max(row.max, kept), (row, have, kept)
            assert kept <= row.max or have == kept, (row, have, kept)

    view = draw_members.members_view(store, ORGANISER, draw_id)
    leaving = view.roster[view.roster["rotates_out"].notna()]
    assert sorted(int(r) for r in leaving["resident_id"]) == sorted(plan["out"])
    with pytest.raises(UserError, match="benoemde zetels"):
        draw_members.add_appointed_seat(store, ORGANISER, draw_id, "Raadslid")
    for member_id in view.members.loc[view.members["status"] == "selected", "member_id"]:
        draw_members.confirm_member(store, ORGANISER, int(member_id))
    draw_members.complete_draw(store, ORGANISER, draw_id)

    with store.read() as cur:
        after = {r for _, r, _, _ in draw_rows.sitting_drawn(cur, council_id(store), DAY)}
        ended = cur.execute(
            "SELECT resident_id, ends_on, end_reason FROM seat_now WHERE council_id = ? AND "
            "end_reason = 'rotatie'", [council_id(store)]
        ).fetchall()  # fmt: skip
        service = [(str(r), e) for r, e in draw_rows.council_service(cur, council_id(store))]
    assert after == {*plan["staying"], *(resident[p] for p in bundle["panel"])}
    assert sorted(r for r, _, _ in ended) == sorted(plan["out"])
    assert {e for _, e, _ in ended} == {DAY}
    # Who rotated out may not be drawn again within the cool-down.
    blocked = sortition.not_eligible(service, DAY + timedelta(days=1), 24)
    assert {str(r) for r in plan["out"]} <= blocked


def test_the_roster_says_who_rotates_out_when_and_may_be_drawn_again_when(store: Store) -> None:
    draw_id = start(store)
    plan = draws.draw_state(store, ORGANISER, draw_id).context.parameters["rotation"]
    roster = draw_members.members_view(store, ORGANISER, draw_id).roster
    leaving = roster[roster["rotates_out"].notna()]
    assert sorted(int(r) for r in leaving["resident_id"]) == sorted(plan["out"])
    assert set(leaving["seat_ends"]) == {DAY}
    again = {pd.Timestamp(d).date() for d in leaving["drawable_again"]}
    assert again == {date(DAY.year + 2, DAY.month, DAY.day)}  # a cool-down of 24 months


def stop_a_member(store: Store) -> int:
    """A sitting drawn member of the council stops today; returns their resident number."""
    with store.read() as cur:
        seat_id, resident, _, _ = draw_rows.sitting_drawn(cur, council_id(store), clock.today())[0]
        [(member_id,)] = cur.execute(
            "SELECT panel_member_id FROM seat_now WHERE id = ?", [seat_id]
        ).fetchall()
    draw_members.decline_member(store, ORGANISER, int(member_id), "verhuisd")
    return resident


def test_a_rotation_also_fills_the_seats_open_on_its_day(store: Store) -> None:
    gone = stop_a_member(store)
    draw_id = start(store, 2)
    state = draws.draw_state(store, ORGANISER, draw_id)
    plan = state.context.parameters["rotation"]
    assert plan["open_seats"] == 1 and len(plan["out"]) == 2 and len(plan["staying"]) == 8
    assert state.context.k == 3 and gone not in {*plan["out"], *plan["staying"]}
    with store.read() as cur:
        [event] = [e for e in audit.events(cur) if e.action == "draw.create"]
    assert json.loads(event.payload_json)["open_seats"] == 1
    # More seats than members sitting cannot rotate; with an open seat, 0 may.
    draws.cancel_draw(store, ORGANISER, draw_id, "opnieuw, met alleen de open zetel")
    before = fingerprint(store)
    with pytest.raises(UserError, match="tussen 0 en 10"):
        start(store, 11)
    assert fingerprint(store) == before


def test_a_rotation_of_no_seats_fills_only_the_open_seat(store: Store) -> None:
    gone = stop_a_member(store)
    draw_id = start(store, 0)
    plan = draws.draw_state(store, ORGANISER, draw_id).context.parameters["rotation"]
    assert plan["out"] == [] and len(plan["staying"]) == 10
    with_volunteers(store, draw_id)
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender", "age_band"])
    result = draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    assert result.feasible and any("10 leden blijven, 1 plaatsen" in p for p in result.problems)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    draw_selection.reveal_draw(store, ORGANISER, draw_id, ["2", "7", "1"])
    resident = residents_by_number(store, draw_id)
    with store.read() as cur:
        bundle = draw_rows.bundle(cur, draw_id)
    assert bundle is not None  # the draw was revealed
    assert bundle["k"] == 1 and sortition.verify(bundle) == []
    view = draw_members.members_view(store, ORGANISER, draw_id)
    assert view.roster["rotates_out"].isna().all()  # nobody rotates out
    for member_id in view.members.loc[view.members["status"] == "selected", "member_id"]:
        draw_members.confirm_member(store, ORGANISER, int(member_id))
    draw_members.complete_draw(store, ORGANISER, draw_id)
    with store.read() as cur:
        after = {r for _, r, _, _ in draw_rows.sitting_drawn(cur, council_id(store), DAY)}
    [newcomer] = [resident[p] for p in bundle["panel"]]
    assert after == {*plan["staying"], newcomer} and len(after) == 11 and gone not in after


def test_a_rotation_is_not_prepared_once_the_council_changed(store: Store) -> None:
    """Its seats and staying members were fixed when it began: a member who stops
    meanwhile makes it refuse, with what to do, and change nothing."""
    draw_id = start(store, 2)
    with_volunteers(store, draw_id)
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender", "age_band"])
    draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    stop_a_member(store)
    before = fingerprint(store)
    with pytest.raises(UserError, match="Sinds deze rotatie begon, is de raad veranderd"):
        draw_selection.prepare_selection(store, ORGANISER, draw_id)
    assert fingerprint(store) == before
    draws.cancel_draw(store, ORGANISER, draw_id, "de raad veranderde")
    again = draws.draw_state(store, ORGANISER, start(store, 2)).context.parameters["rotation"]
    assert again["open_seats"] == 1


def test_a_rotation_after_the_term_says_to_choose_a_day_the_council_sits(store: Store) -> None:
    later = clock.today() + timedelta(days=3 * 366)
    request = draws.DrawRequest(
        "two_stage", later, council_id(store), purpose="rotation", rotating_seats=4
    )
    before = fingerprint(store)
    with pytest.raises(UserError, match="Kies voor een rotatie een dag waarop de raad nog zit"):
        draws.start_draw(store, ORGANISER, request)
    assert fingerprint(store) == before
