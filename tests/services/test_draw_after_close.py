"""A member who leaves after the council's draw is completed (issue 6 step 8): while the
term runs, the seat is refilled from the same draw, by its reserve list or by a public
replacement draw, without reopening the draw (residents keep seeing it); the newcomer
sits from the day of confirming. After the term, or once the council was rotated after
the draw, members can no longer be replaced from it: a clear message, nothing changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import sortition
from dashboard.domain.auth import Caller, Role
from dashboard.domain.errors import UserError
from dashboard.services import public
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws import workspace as draws
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from sortition import clock
from tests import records
from tests.conftest import DEMO_TODAY
from tests.database_state import count, fingerprint
from tests.services.test_draws_public import ORGANISER, actions, council_problems, revealed


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


def set_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setenv(clock.FIXED_DAY, day.isoformat())


def statuses(store: Store, draw_id: int) -> dict[int, str]:
    view = draw_members.members_view(store, ORGANISER, draw_id).members
    return {int(m): str(s) for m, s in zip(view["member_id"], view["status"], strict=True)}


def completed_council(store: Store) -> int:
    """A council draw of 11 members, every one confirmed, and closed."""
    draw_id = revealed(store)
    for member_id, status in statuses(store, draw_id).items():
        if status == "selected":
            draw_members.confirm_member(store, ORGANISER, member_id)
    draw_members.complete_draw(store, ORGANISER, draw_id)
    return draw_id


def term_of(store: Store, draw_id: int) -> tuple[date, date]:
    term = draws.draw_state(store, ORGANISER, draw_id).term
    assert term is not None
    return term.starts_on, term.ends_on


def mid_term(store: Store, monkeypatch: pytest.MonkeyPatch, days: int) -> tuple[int, date]:
    """A completed council draw and the day `days` into its term, made today."""
    draw_id = completed_council(store)
    starts, _ = term_of(store, draw_id)
    day = starts + timedelta(days=days)
    set_today(monkeypatch, day)
    return draw_id, day


def sitting_member(store: Store, draw_id: int) -> int:
    return next(m for m, s in statuses(store, draw_id).items() if s == "confirmed")


def sitting_on(store: Store, draw_id: int, day: date) -> set[int]:
    """Panel members of the draw whose seat is taken on `day`."""
    with store.read() as cur:
        rows = cur.execute(
            "SELECT s.panel_member_id FROM seat_now s JOIN panel_member m "
            "ON m.id = s.panel_member_id WHERE m.draw_id = ? AND s.starts_on <= ? "
            "AND (s.ends_on IS NULL OR s.ends_on > ?)",
            [draw_id, day, day],
        ).fetchall()
    return {int(r[0]) for r in rows}


def test_a_member_who_leaves_mid_term_is_replaced_from_the_reserve_list(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, day = mid_term(store, monkeypatch, 200)
    assert draw_members.members_view(store, ORGANISER, draw_id).closed_reason is None
    leaving = sitting_member(store, draw_id)

    draw_members.decline_member(store, ORGANISER, leaving, "verhuisd")
    assert statuses(store, draw_id)[leaving] == "left"
    assert leaving not in sitting_on(store, draw_id, day)
    newcomer = draw_members.replace_member(store, ORGANISER, leaving)
    with pytest.raises(UserError, match="twee keer vervangen"):
        draw_members.replace_member(store, ORGANISER, leaving)
    draw_members.confirm_member(store, ORGANISER, newcomer)

    # The newcomer sits from the day of confirming, not from the start of the term.
    assert newcomer not in sitting_on(store, draw_id, day - timedelta(days=1))
    assert len(sitting_on(store, draw_id, day + timedelta(days=1))) == 11
    state = draws.draw_state(store, ORGANISER, draw_id)
    assert state.context.draw.status == "completed" and state.context.draw.stage == "done"
    assert council_problems(store, draw_id) == []  # still a valid panel of the bundle
    assert actions(store).count("draw.replace_member") == 1


def test_after_the_draw_a_public_replacement_draw_fills_the_seats(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, day = mid_term(store, monkeypatch, 400)
    leaving = [m for m, s in statuses(store, draw_id).items() if s == "confirmed"][:2]
    for member_id in leaving:
        draw_members.decline_member(store, ORGANISER, member_id, "geen tijd meer")

    new_id = draw_replacements.prepare_replacement(store, ORGANISER, draw_id, leaving)
    draw_selection.reveal_draw(store, ORGANISER, new_id, ["7", "1", "3", "2027"])
    after = statuses(store, draw_id)
    assert [after[m] for m in leaving] == ["replaced", "replaced"]
    newcomers = [m for m, s in after.items() if s == "selected"]
    assert len(newcomers) == 2
    for member_id in newcomers:
        draw_members.confirm_member(store, ORGANISER, member_id)
    assert len(sitting_on(store, draw_id, day + timedelta(days=1))) == 11

    with store.read() as cur:
        child = draw_rows.bundle(cur, new_id)
        parent = draw_rows.bundle(cur, draw_id)
    assert child is not None and parent is not None
    assert sortition.verify(child, parent) == []
    # Residents see the council's draw and, once completed, the replacement draw with it.
    council_id = draws.draw_state(store, ORGANISER, draw_id).context.council.id
    with store.read() as cur:
        neighbourhood = cur.execute(
            "SELECT neighbourhood_id FROM council_neighbourhood WHERE council_id = ?",
            [council_id],
        ).fetchall()[0][0]
    view = public.council_view(store, int(neighbourhood), day + timedelta(days=1))
    assert view is not None and view.draw is not None and view.draw.draw_id == draw_id
    assert [f.draw_id for f in view.follow_ups] == [new_id]
    assert draws.draw_state(store, ORGANISER, draw_id).context.draw.status == "completed"


def test_after_the_term_nobody_is_replaced_and_nothing_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id = completed_council(store)
    _, ends = term_of(store, draw_id)
    set_today(monkeypatch, ends + timedelta(days=1))
    member_id = sitting_member(store, draw_id)
    reason = draw_members.members_view(store, ORGANISER, draw_id).closed_reason
    assert reason is not None and "termijn" in reason
    before = fingerprint(store)
    with pytest.raises(UserError, match="na de termijn"):
        draw_members.decline_member(store, ORGANISER, member_id, "te laat")
    with pytest.raises(UserError, match="na de termijn"):
        draw_replacements.replacement_plan(store, ORGANISER, draw_id, [member_id])
    assert fingerprint(store) == before


def test_once_the_council_was_rotated_its_earlier_draw_replaces_nobody(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, _ = mid_term(store, monkeypatch, 500)
    member_id = sitting_member(store, draw_id)
    draw_members.decline_member(store, ORGANISER, member_id, "verhuisd")
    council_id = draws.draw_state(store, ORGANISER, draw_id).context.council.id
    with store.transaction() as cur:  # a rotation completed since (its steps: elsewhere)
        rotation_id = draw_rows.add_draw(
            cur, council_id, "rotation", "two_stage", 3, {}, clock.utc_naive_now()
        )
        draw_rows.complete(cur, rotation_id, clock.utc_naive_now() + timedelta(seconds=1))
    before = fingerprint(store)
    with pytest.raises(UserError, match=f"gerouleerd \\(loting {rotation_id}\\)"):
        draw_members.replace_member(store, ORGANISER, member_id)
    with pytest.raises(UserError, match="gerouleerd"):
        draw_replacements.prepare_replacement(store, ORGANISER, draw_id, [member_id])
    assert fingerprint(store) == before
    assert count(store, "SELECT count(*) FROM replacement") == 0
    # Who stops is still recorded: the seat ends.
    view = draw_members.members_view(store, ORGANISER, draw_id)
    assert view.closed_reason is None and "gerouleerd" in str(view.replace_closed_reason)
    other = sitting_member(store, draw_id)
    draw_members.decline_member(store, ORGANISER, other, "verhuisd")
    assert statuses(store, draw_id)[other] == "left"


def test_a_member_whose_seat_ended_cannot_stop_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, day = mid_term(store, monkeypatch, 30)
    member_id = sitting_member(store, draw_id)
    with store.transaction() as cur:  # e.g. rotated out
        seat = draw_rows.seat_of_member(cur, member_id)
        assert seat is not None
        draw_rows.end_seat(cur, seat.id, day - timedelta(days=1), "rotatie")
    before = fingerprint(store)
    with pytest.raises(UserError, match="al geëindigd \\(rotatie\\)"):
        draw_members.decline_member(store, ORGANISER, member_id, "verhuisd")
    assert fingerprint(store) == before


def test_a_council_drawn_without_a_public_ceremony_records_leaving_only(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id = completed_council(store)
    with store.transaction() as cur:  # as the councils drawn before the workspace existed
        cur.execute("UPDATE draw SET chosen_index = NULL WHERE id = ?", [draw_id])
    member_id = sitting_member(store, draw_id)
    draw_members.decline_member(store, ORGANISER, member_id, "verhuisd")
    before = fingerprint(store)
    with pytest.raises(UserError, match="zonder openbare trekking"):
        draw_members.replace_member(store, ORGANISER, member_id)
    assert fingerprint(store) == before


def test_a_cancelled_draw_stays_closed(store: Store) -> None:
    draw_id = revealed(store)
    member_id = next(m for m, s in statuses(store, draw_id).items() if s == "selected")
    with store.transaction() as cur:
        cur.execute("UPDATE draw SET status = 'cancelled' WHERE id = ?", [draw_id])
    before = fingerprint(store)
    with pytest.raises(UserError, match="gestopt; er kan niets meer"):
        draw_members.confirm_member(store, ORGANISER, member_id)
    assert fingerprint(store) == before


EVERYWHERE = Caller("org", Role.ORGANISER, None)


def replaceable_demo_member(store: Store) -> tuple[int, int, str]:
    """A demo council's completed draw whose term runs on DEMO_TODAY, one of its sitting
    members a reserve can follow (for some members no reserve keeps the quotas: then the
    replacement draw with the nearest feasible quotas does, as tested above), and that
    member's number in the bundle: (draw, member, number)."""
    with store.read() as cur:
        found = records.current_council_draws(cur, DEMO_TODAY)
    for draw_id in found:
        sitting = draw_members.members_view(store, EVERYWHERE, draw_id).members
        sitting = sitting[sitting["status"] == "confirmed"]
        with store.read() as cur:
            bundle = draw_rows.bundle(cur, draw_id)
        assert bundle is not None
        numbers = [str(n) for n in sitting["number"]]
        for member_id, number in zip(sitting["member_id"], numbers, strict=True):
            if sortition.reserve_candidates(bundle, number, numbers):
                return draw_id, int(member_id), number
    raise AssertionError("no demo council member a reserve can follow")


def test_the_demo_councils_can_replace_a_member_who_leaves(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo history's councils were drawn as the workspace draws (members and reserves
    by their numbers in the bundle), so a member who leaves is replaced."""
    set_today(monkeypatch, DEMO_TODAY)
    draw_id, member_id, _ = replaceable_demo_member(store)
    view = draw_members.members_view(store, EVERYWHERE, draw_id)
    assert view.closed_reason is None and view.replace_closed_reason is None
    draw_members.decline_member(store, EVERYWHERE, member_id, "verhuisd")
    newcomer = draw_members.replace_member(store, EVERYWHERE, member_id)
    draw_members.confirm_member(store, EVERYWHERE, newcomer)
    assert newcomer in sitting_on(store, draw_id, DEMO_TODAY + timedelta(days=1))


def test_an_appointed_member_who_leaves_is_followed_mid_term(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id = revealed(store)
    for member_id, status in statuses(store, draw_id).items():
        if status == "selected":
            draw_members.confirm_member(store, ORGANISER, member_id)
    seats = [
        draw_members.add_appointed_seat(store, ORGANISER, draw_id, f"Gemeenteraadslid ({n})")
        for n in "ABCD"
    ]
    draw_members.complete_draw(store, ORGANISER, draw_id)
    starts, _ = term_of(store, draw_id)
    day = starts + timedelta(days=300)
    set_today(monkeypatch, day)
    before = fingerprint(store)
    with pytest.raises(UserError, match=r"al bezet\. Beëindig eerst"):
        draw_members.add_appointed_seat(store, ORGANISER, draw_id, "Gemeenteraadslid (E)")
    with pytest.raises(UserError, match="waarom de benoemde zetel eindigt"):
        draw_members.end_appointed_seat(store, ORGANISER, draw_id, seats[0], "")
    assert fingerprint(store) == before

    draw_members.end_appointed_seat(store, ORGANISER, draw_id, seats[0], "verkiezingen")
    with pytest.raises(UserError, match="al beëindigd"):
        draw_members.end_appointed_seat(store, ORGANISER, draw_id, seats[0], "verkiezingen")
    successor = draw_members.add_appointed_seat(store, ORGANISER, draw_id, "Gemeenteraadslid (E)")
    with store.read() as cur:
        by_id = {s.id: s for s in draw_rows.seats(cur, draws.draw_state(
            store, ORGANISER, draw_id).context.council.id)}  # fmt: skip
    assert by_id[seats[0]].ends_on == day and by_id[seats[0]].end_reason == "verkiezingen"
    assert by_id[successor].starts_on == day
    done = actions(store)
    assert done.count("draw.appoint") == 5 and done.count("draw.appoint_end") == 1


def test_a_member_who_stopped_earlier_is_recorded_on_that_day(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, day = mid_term(store, monkeypatch, 100)
    starts, _ = term_of(store, draw_id)
    member_id = sitting_member(store, draw_id)
    before = fingerprint(store)
    with pytest.raises(UserError, match="in de toekomst"):
        draw_members.decline_member(store, ORGANISER, member_id, "verhuisd", day + timedelta(1))
    with pytest.raises(UserError, match="voor het begin van de zetel"):
        draw_members.decline_member(store, ORGANISER, member_id, "verhuisd", starts - timedelta(1))
    assert fingerprint(store) == before
    draw_members.decline_member(store, ORGANISER, member_id, "verhuisd", day - timedelta(days=20))
    assert member_id in sitting_on(store, draw_id, day - timedelta(days=21))
    assert member_id not in sitting_on(store, draw_id, day - timedelta(days=20))


def test_a_reserve_follows_one_member_while_another_seat_is_open(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another member who stopped and is not replaced yet does not block the reserve list:
    each open seat is judged as if the others were still held as before."""
    set_today(monkeypatch, DEMO_TODAY)
    draw_id, member_id, number = replaceable_demo_member(store)
    with store.read() as cur:
        bundle = draw_rows.bundle(cur, draw_id)
    assert bundle is not None
    view = draw_members.members_view(store, EVERYWHERE, draw_id).members
    sitting = view[view["status"] == "confirmed"]
    numbers = [str(n) for n in sitting["number"]]
    expected = sortition.reserve_candidates(bundle, number, numbers)[0]
    others = [int(m) for m in sitting["member_id"] if int(m) != member_id]
    for other in others[:3]:  # three more seats open at once
        draw_members.decline_member(store, EVERYWHERE, other, "verhuisd")
    draw_members.decline_member(store, EVERYWHERE, member_id, "verhuisd")
    newcomer = draw_members.replace_member(store, EVERYWHERE, member_id)
    after = draw_members.members_view(store, EVERYWHERE, draw_id).members
    assert str(after.set_index("member_id").loc[newcomer, "number"]) == expected
