"""Two organiser sessions on the same draw at the same moment (threads, each with its own
cursors through the one Store, as Streamlit serves two browser sessions): preparing,
revealing, confirming, replacing from the reserve list and by a replacement draw. Each
step happens once, nothing is lost, and the other session gets a clear refusal."""

from __future__ import annotations

import pytest

from dashboard.services.draws import members as draw_members
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import selection as draw_selection
from dashboard.store import audit
from dashboard.store import draws as draw_rows
from dashboard.store.db import Store
from tests.services.test_concurrency import refused
from tests.services.test_draws_public import ORGANISER, count, ready_for_selection, revealed
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


def actions(store: Store, action: str) -> int:
    with store.read() as cur:
        return sum(1 for e in audit.events(cur) if e.action == action)


def statuses(store: Store, draw_id: int) -> dict[int, str]:
    with store.read() as cur:
        return {m.id: m.status for m in draw_rows.members(cur, draw_id)}


def selected(store: Store, draw_id: int) -> list[int]:
    return [m for m, s in statuses(store, draw_id).items() if s == "selected"]


def test_two_sessions_prepare_and_reveal_once(store: Store) -> None:
    draw_id = ready_for_selection(store)
    results = race(*(lambda: draw_selection.prepare_selection(store, ORGANISER, draw_id),) * 2)
    assert len(refused(results)) == 1
    assert actions(store, "draw.prepare") == 1
    assert count(store, "SELECT count(*) FROM selection_probability WHERE draw_id = ?",
                 [draw_id]) == 40  # fmt: skip
    results = race(
        lambda: draw_selection.reveal_draw(store, ORGANISER, draw_id, ["1", "2"]),
        lambda: draw_selection.reveal_draw(store, ORGANISER, draw_id, ["6", "6"]),
    )
    assert len(refused(results)) == 1
    assert actions(store, "draw.reveal") == 1
    members = statuses(store, draw_id)
    assert len(members) == 40  # every volunteer once: 11 drawn, 29 reserves
    assert sum(1 for s in members.values() if s == "selected") == 11
    assert draw_selection.verify_draw(store, ORGANISER, draw_id) == []


def test_two_confirmations_at_once_are_both_kept(store: Store) -> None:
    draw_id = revealed(store)
    first, second = selected(store, draw_id)[:2]
    results = race(
        lambda: draw_members.confirm_member(store, ORGANISER, first),
        lambda: draw_members.confirm_member(store, ORGANISER, second),
    )
    assert refused(results) == []  # the later one was retried, not lost
    after = statuses(store, draw_id)
    assert after[first] == after[second] == "confirmed"
    assert count(store, "SELECT count(*) FROM seat WHERE panel_member_id IN (?, ?)",
                 [first, second]) == 2  # fmt: skip


def test_two_sessions_replace_the_same_member_once(store: Store) -> None:
    draw_id = revealed(store)
    leaving, other = selected(store, draw_id)[:2]
    draw_members.decline_member(store, ORGANISER, leaving, "geen tijd")
    results = race(*(lambda: draw_members.replace_member(store, ORGANISER, leaving),) * 2)
    assert len(refused(results)) == 1
    assert count(store, "SELECT count(*) FROM replacement WHERE replaced_member_id = ?",
                 [leaving]) == 1  # fmt: skip
    assert sum(1 for s in statuses(store, draw_id).values() if s == "selected") == 11
    # By a public draw: prepared once, and its ceremony seats the drawn once.
    draw_members.decline_member(store, ORGANISER, other, "verhuisd")
    results = race(
        *(lambda: draw_replacements.prepare_replacement(store, ORGANISER, draw_id, [other]),) * 2
    )
    assert len(refused(results)) == 1
    [new_id] = [r for r in results if isinstance(r, int)]
    assert count(store, "SELECT count(*) FROM draw WHERE parent_draw_id = ?", [draw_id]) == 1
    results = race(
        lambda: draw_selection.reveal_draw(store, ORGANISER, new_id, ["2", "5"]),
        lambda: draw_selection.reveal_draw(store, ORGANISER, new_id, ["3", "1"]),
    )
    assert len(refused(results)) == 1
    after = statuses(store, draw_id)
    assert after[other] == "replaced"
    assert sum(1 for s in after.values() if s == "selected") == 11
    assert actions(store, "draw.replacement_seated") == 1
    assert draw_selection.verify_draw(store, ORGANISER, new_id) == []


def test_a_replacement_draw_and_a_decline_at_once_lose_nothing(store: Store) -> None:
    draw_id = revealed(store)
    leaving, other = selected(store, draw_id)[:2]
    draw_members.decline_member(store, ORGANISER, leaving, "geen tijd")
    results = race(
        lambda: draw_replacements.prepare_replacement(store, ORGANISER, draw_id, [leaving]),
        lambda: draw_members.decline_member(store, ORGANISER, other, "ziek"),
    )
    refusals = refused(results)
    prepared, declined = not isinstance(results[0], Exception), results[1] is None
    assert len(refusals) == 2 - prepared - declined
    assert (statuses(store, draw_id)[other] == "declined") == declined
    drafts = count(store, "SELECT count(*) FROM draw WHERE parent_draw_id = ?", [draw_id])
    assert drafts == int(prepared)
    if prepared:  # its ceremony works only when the council is still what it was made from
        new_id = results[0]
        assert isinstance(new_id, int)
        outcome = race(lambda: draw_selection.reveal_draw(store, ORGANISER, new_id, ["4"]))
        assert refused(outcome) == []  # a decline either came first or was refused
