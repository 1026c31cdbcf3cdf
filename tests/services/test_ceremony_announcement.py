"""The public announcement of a ceremony (issue 17): published after the fingerprint, each
change kept as a new version and audited, refused with a clear message (and nothing
changed) once the ceremony is done or its moment has passed, for organisers of the
draw's neighbourhoods only; the residents' list shows it with what became of the draw."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from typing import Any

import pandas as pd
import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.services import public
from dashboard.services.draws import announcement as draw_announcement
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import selection as draw_selection
from dashboard.store import audit
from dashboard.store.db import Store
from sortition import clock
from tests.database_state import fingerprint
from tests.services.test_draws_public import ORGANISER, ready_for_selection


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


METHOD = "Drie mensen uit de zaal noemen elk een getal van 1 tot 1000."


def day(days: int = 10) -> date:
    return clock.today() + timedelta(days=days)


def announce(store: Store, draw_id: int, caller: Caller = ORGANISER, **change: Any) -> int:
    values: dict[str, Any] = {
        "day": day(),
        "time_of_day": time(19, 30),
        "location": "Wijkcentrum De Ster",
        "input_method": METHOD,
    }
    values.update(change)
    return draw_announcement.publish_announcement(store, caller, draw_id, **values)


def announce_events(store: Store) -> list[dict[str, object]]:
    with store.read() as cur:
        return [
            json.loads(e.payload_json) for e in audit.events(cur) if e.action == "draw.announce"
        ]


@pytest.fixture
def prepared(store: Store) -> int:
    draw_id = ready_for_selection(store, volunteers=30)
    draw_selection.prepare_selection(store, ORGANISER, draw_id)
    return draw_id


def test_an_announcement_is_published_and_changed_as_versions(store: Store, prepared: int) -> None:
    assert announce(store, prepared) == 1
    state = draw_announcement.announcement_state(store, ORGANISER, prepared)
    assert state.latest is not None and state.versions == 1 and state.refusal is None
    commitment = state.latest.commitment
    assert state.latest.location == "Wijkcentrum De Ster" and state.current
    assert announce(store, prepared, location="Buurthuis Het Anker") == 2
    events = announce_events(store)
    assert [e["version"] for e in events] == [1, 2]
    assert events[1]["changed"] == ["location"] and events[1]["commitment"] == commitment
    assert "Anker" not in str(events)  # the text is in the history, not in the log
    [shown] = public.ceremonies(store)
    assert shown.announcement.version == 2 and shown.announcement.location == "Buurthuis Het Anker"
    assert [old.location for old in shown.earlier] == ["Wijkcentrum De Ster"]
    assert shown.draw_commitment == commitment and shown.chosen_index is None
    assert shown.first_published_at <= shown.announcement.published_at


def test_the_same_announcement_again_changes_nothing(store: Store, prepared: int) -> None:
    announce(store, prepared)
    before = fingerprint(store)
    with pytest.raises(UserError, match="niets veranderd"):
        announce(store, prepared)
    assert fingerprint(store) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"location": "  "}, "Vul in waar de trekking is"),
        ({"input_method": "dobbelen"}, "Schrijf op hoe de getallen"),
        ({"day": date(2026, 1, 1)}, "nog moeten komen"),
    ],
)
def test_an_incomplete_announcement_stores_nothing(
    store: Store, prepared: int, change: dict[str, Any], message: str
) -> None:
    before = fingerprint(store)
    with pytest.raises(UserError, match=message):
        announce(store, prepared, **change)
    assert fingerprint(store) == before


def test_no_announcement_before_the_fingerprint(store: Store) -> None:
    draw_id = ready_for_selection(store, volunteers=15)
    before = fingerprint(store)
    with pytest.raises(UserError, match="Bereid eerst de selectie voor"):
        announce(store, draw_id)
    assert fingerprint(store) == before


def test_after_the_ceremony_the_announcement_stays_as_it_was(store: Store, prepared: int) -> None:
    announce(store, prepared)
    draw_selection.reveal_draw(store, ORGANISER, prepared, ["4", "2", "6"])
    before = fingerprint(store)
    with pytest.raises(UserError, match="De trekking is al gedaan"):
        announce(store, prepared, location="Ergens anders")
    assert fingerprint(store) == before
    state = draw_announcement.announcement_state(store, ORGANISER, prepared)
    assert state.refusal is not None and "al gedaan" in state.refusal
    [shown] = public.ceremonies(store)
    assert shown.inputs == ("4", "2", "6") and shown.chosen_index is not None
    assert shown.draw_commitment == shown.announcement.commitment
    assert shown.revealed_at is not None
    assert shown.revealed_at >= shown.announcement.published_at


def test_after_the_announced_moment_the_announcement_stays_as_it_was(
    store: Store, prepared: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    announce(store, prepared, day=day(2))
    later = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    before = fingerprint(store)
    with pytest.raises(UserError, match="moment van de trekking is voorbij"):
        announce(store, prepared, day=day(20))
    assert fingerprint(store) == before


def test_a_list_made_again_is_announced_again(store: Store, prepared: int) -> None:
    announce(store, prepared)
    draw_selection.discard_preparation(store, ORGANISER, prepared, "Aanmelding vergeten")
    [stale] = public.ceremonies(store)
    assert stale.draw_commitment is None  # the page says the announcement no longer holds
    quotas = pd.DataFrame(
        [("gender", "vrouw", 5, 6), ("gender", "man", 5, 6), ("gender", "anders", 0, 1)],
        columns=["feature", "value", "min", "max"],
    )
    draw_quotas.save_quotas(store, ORGANISER, prepared, quotas)  # so a list of other councils
    draw_selection.prepare_selection(store, ORGANISER, prepared)
    state = draw_announcement.announcement_state(store, ORGANISER, prepared)
    assert not state.current and state.refusal is None
    assert announce(store, prepared) == 2  # the same words, with the new fingerprint
    [shown] = public.ceremonies(store)
    assert shown.announcement.commitment == shown.draw_commitment
    assert shown.earlier[0].commitment != shown.announcement.commitment


@pytest.mark.parametrize(
    "caller",
    [
        PUBLIC,
        Caller("wethouder", Role.ALDERMAN, None),
        Caller("ander", Role.ORGANISER, frozenset({2})),
    ],
)
def test_only_the_neighbourhoods_organisers_announce(
    store: Store, prepared: int, caller: Caller
) -> None:
    before = fingerprint(store)
    with pytest.raises(PermissionDenied):
        announce(store, prepared, caller)
    with pytest.raises(PermissionDenied):
        draw_announcement.announcement_state(store, caller, prepared)
    assert fingerprint(store) == before
