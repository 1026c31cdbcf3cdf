"""Home visits on a real store (direct method): each visit's day and visitor, and the
walking list of the addresses still to visit, for the neighbourhood's organisers only,
each one audited without personal data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard.domain.auth import PUBLIC, PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.services.draws import invitations as draw_invitations
from dashboard.services.draws import walking_list as walking
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from sortition import clock
from tests.conftest import DEMO_TODAY
from tests.database_state import count
from tests.services.test_draws import (
    ALDERMAN,
    ORGANISER,
    OTHER_ORGANISER,
    assert_no_personal_data,
    events,
    imported,
)


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


LOTTERY_DAY = DEMO_TODAY - timedelta(days=7)


@pytest.fixture
def direct_draw(store: Store, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[int]]:
    """A direct draw in neighbourhood 1 whose 12 addresses were drawn a week ago: the draw
    and its invitations."""
    draw_id = imported(store, "direct")
    monkeypatch.setenv(clock.FIXED_DAY, LOTTERY_DAY.isoformat())
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 12)
    monkeypatch.setenv(clock.FIXED_DAY, DEMO_TODAY.isoformat())
    with store.read() as cur:
        return draw_id, [i.id for i in draw_rows.invitations(cur, draw_id)]


def visit(store: Store, invitation_id: int, outcome: str, day: date | None = None) -> int:
    return draw_invitations.record_visit(
        store, ORGANISER, invitation_id, outcome, visitor="Anna de Vries", visited_on=day
    )


def responses(store: Store) -> int:
    return count(store, "SELECT count(*) FROM response")


def test_a_visit_keeps_its_day_and_visitor(
    store: Store, direct_draw: tuple[int, list[int]]
) -> None:
    draw_id, ids = direct_draw
    draw_invitations.record_visit(
        store, ORGANISER, ids[0], "later", visitor="  Anna   de Vries ",
        visited_on=LOTTERY_DAY + timedelta(days=2),
    )  # fmt: skip
    visit(store, ids[1], "niet thuis")  # today by default
    with store.read() as cur:
        made = {r.invitation_id: r for r in draw_rows.responses(cur, draw_id)}
    assert made[ids[0]].visited_on == LOTTERY_DAY + timedelta(days=2)
    assert made[ids[0]].visitor == "Anna de Vries"
    assert made[ids[1]].visited_on == DEMO_TODAY
    shown = draw_invitations.visit_list(store, ORGANISER, draw_id).set_index("invitation_id")
    assert shown.loc[ids[0], "visitor"] == "Anna de Vries"
    assert shown.loc[ids[0], "visit_day"].date() == LOTTERY_DAY + timedelta(days=2)
    history = draw_invitations.visit_history(store, ORGANISER, draw_id)
    assert list(history["invitation_id"]) == [ids[0], ids[1]]  # in the order they were made
    assert "Anna" not in " ".join(e.payload_json for e in events(store, "draw.visit"))


def test_a_visit_typed_in_late_does_not_hide_a_later_one(
    store: Store, direct_draw: tuple[int, list[int]]
) -> None:
    """Paper results are typed in out of order: the latest visit is the one made last."""
    draw_id, ids = direct_draw
    visit(store, ids[0], "later", DEMO_TODAY - timedelta(days=1))
    visit(store, ids[0], "niet thuis", DEMO_TODAY - timedelta(days=3))
    with store.read() as cur:
        assert draw_rows.latest_outcomes(cur, draw_id)[ids[0]] == "later"


@pytest.mark.parametrize(
    ("visitor", "day", "message"),
    [
        ("", None, "Vul de naam van de bezoeker in"),
        ("   ", None, "Vul de naam van de bezoeker in"),
        ("x" * 81, None, "te lang"),
        ("Anna", DEMO_TODAY + timedelta(days=1), "in de toekomst"),
        ("Anna", LOTTERY_DAY - timedelta(days=1), "vóór de loting"),
    ],
)
def test_a_visit_without_visitor_or_with_an_impossible_day_is_refused(
    store: Store, direct_draw: tuple[int, list[int]], visitor: str, day: date | None, message: str
) -> None:
    _, ids = direct_draw
    before = responses(store), len(events(store, "draw.visit"))
    with pytest.raises(UserError, match=message):
        draw_invitations.record_visit(
            store, ORGANISER, ids[0], "nee", visitor=visitor, visited_on=day
        )
    assert (responses(store), len(events(store, "draw.visit"))) == before


def test_the_walking_list_has_the_addresses_still_to_visit(
    store: Store, direct_draw: tuple[int, list[int]]
) -> None:
    draw_id, ids = direct_draw
    later, away, yes, no, replaced = ids[:5]
    visit(store, later, "later", DEMO_TODAY - timedelta(days=2))
    visit(store, away, "niet thuis", DEMO_TODAY - timedelta(days=4))
    visit(store, away, "niet thuis", DEMO_TODAY - timedelta(days=1))
    visit(store, yes, "ja")
    visit(store, no, "nee")
    visit(store, replaced, "nee")
    replacement = draw_invitations.replace_refusal(store, ORGANISER, replaced)

    made = walking.walking_list(store, ORGANISER, draw_id)

    listed = set(made.table["nr"])
    assert listed == (set(ids) - {yes, no, replaced}) | {replacement}
    assert made.addresses == len(made.table) == 10
    rows = made.table.set_index("nr")
    assert rows.loc[away, "bezoeken"] == 2
    assert rows.loc[away, "laatste_bezoek"] == f"{DEMO_TODAY - timedelta(days=1):%d-%m-%Y}"
    assert rows.loc[away, "laatste_uitkomst"] == "niet thuis"
    assert rows.loc[later, "laatste_uitkomst"] == "later"
    assert rows.loc[replacement, "vervangt_nr"] == replaced
    assert rows.loc[replacement, "bezoeken"] == 0
    # Grouped by street: each street's rows stand together.
    streets = list(made.table["straat"])
    assert all(s not in streets[streets.index(s) + streets.count(s) :] for s in set(streets))
    assert made.streets == made.table.groupby(["straat", "woonplaats"]).ngroups
    for code in made.table["code"]:
        assert code in made.html
    [event] = events(store, "draw.walking_list")
    assert event.actor == ORGANISER.actor and event.entity_id == str(draw_id)
    assert '"addresses": 10' in event.payload_json
    assert_no_personal_data(store)


def test_each_walking_list_made_is_audited(
    store: Store, direct_draw: tuple[int, list[int]]
) -> None:
    draw_id, _ = direct_draw
    walking.walking_list(store, ORGANISER, draw_id)
    walking.walking_list(store, ORGANISER, draw_id)
    assert len(events(store, "draw.walking_list")) == 2


def test_another_neighbourhoods_organiser_gets_no_walking_list(
    store: Store, direct_draw: tuple[int, list[int]]
) -> None:
    draw_id, _ = direct_draw
    before = count(store, "SELECT count(*) FROM audit_event")
    with pytest.raises(PermissionDenied, match="geen organisator voor deze wijk"):
        walking.walking_list(store, OTHER_ORGANISER, draw_id)
    for stranger in (PUBLIC, ALDERMAN):
        with pytest.raises(PermissionDenied):
            walking.walking_list(store, stranger, draw_id)
        with pytest.raises(PermissionDenied):
            draw_invitations.visit_history(store, stranger, draw_id)
    assert count(store, "SELECT count(*) FROM audit_event") == before


def test_no_walking_list_for_a_draw_by_letters(store: Store) -> None:
    letters = imported(store)
    draw_invitations.draw_invitations(store, ORGANISER, letters, 5)
    with pytest.raises(UserError, match="hoort bij huisbezoeken"):
        walking.walking_list(store, ORGANISER, letters)


def test_no_walking_list_when_every_address_has_answered(store: Store) -> None:
    draw_id = imported(store, "direct")
    with pytest.raises(UserError, match="Loot eerst de adressen"):
        walking.walking_list(store, ORGANISER, draw_id)
    draw_invitations.draw_invitations(store, ORGANISER, draw_id, 2)
    with store.read() as cur:
        first, second = (i.id for i in draw_rows.invitations(cur, draw_id))
    visit(store, first, "ja")
    visit(store, second, "nee")
    before = len(events(store, "draw.walking_list"))
    with pytest.raises(UserError, match="geen adres meer te bezoeken"):
        walking.walking_list(store, ORGANISER, draw_id)
    assert len(events(store, "draw.walking_list")) == before
