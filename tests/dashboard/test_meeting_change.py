"""A planned meeting moves: the organiser changes its day, time and place in the budget
book afterwards (audited), residents read the new ones, and the calendar file keeps the
event's UID with a higher SEQUENCE so a subscribed calendar updates it. A meeting that
took place (attendance, minutes, a decision, or its day passed) is refused with a Dutch
reason, and a refusal changes nothing."""

from __future__ import annotations

import json
from datetime import time, timedelta
from pathlib import Path

import pytest

from dashboard.components.follow_files import calendar_file
from dashboard.domain.errors import UserError
from dashboard.services import follow
from dashboard.services.budget.decisions import plan_meeting
from dashboard.services.budget.meetings import (
    MeetingChange,
    change_meeting,
    meeting_record,
    record_attendance,
    save_minutes,
)
from dashboard.store import audit, council
from dashboard.store.db import Store
from dashboard.web.app_state import _store
from sortition import clock
from tests import app_pages
from tests.dashboard.test_follow import unfold
from tests.dashboard.test_organiser_budget_page import submit
from tests.database_state import fingerprint
from tests.funded import ORGANISER, neighbourhood_council

BOOK = "dashboard/pages/organiser_budget.py"
DECISIONS = "dashboard/pages/resident_decisions.py"
BOOK_HOOD, BOOK_CODE = 7, "WK007"  # Beekveld, the book's first neighbourhood (by name)


def planned(store: Store, days: int = 20, hood: int = 1) -> int:
    """A meeting planned `days` ahead, 19:30-21:30, of the council of `hood`."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, hood)[0].id
    return plan_meeting(
        store, ORGANISER, council_id, clock.today() + timedelta(days=days), "Buurthuis",
        "Opening; speeltuin", time(19, 30), time(21, 30),
    )  # fmt: skip


def event_of(store: Store, meeting_id: int) -> dict[str, str]:
    """The calendar event of the meeting, as its properties."""
    agenda = follow.agenda(store, "WK001")
    assert agenda is not None
    events: list[dict[str, str]] = []
    for line in unfold(calendar_file(agenda)):
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and ":" in line and "END:VEVENT" not in line:
            key, _, value = line.partition(":")
            events[-1][key] = value
    return events[[m.id for m in agenda.meetings].index(meeting_id)]


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(app_db: Path) -> None:
    store = _store(str(app_db))
    meeting_id = planned(store)
    first = event_of(store, meeting_id)
    assert first["SEQUENCE"] == "0"
    new_day = clock.today() + timedelta(days=27)
    changed = MeetingChange(new_day, time(20, 0), time(22, 0), "Wijkcentrum De Ster", "Opening")
    assert change_meeting(store, ORGANISER, meeting_id, changed) == 1
    moved = event_of(store, meeting_id)
    assert moved["UID"] == first["UID"] and moved["SEQUENCE"] == "1"
    assert moved["DTSTART"] == f"{new_day:%Y%m%d}T190000Z"  # 20:00 in Amsterdam in winter
    assert moved["LOCATION"] == "Wijkcentrum De Ster"
    found = next(m for m in follow.agenda(store, "WK001").meetings if m.id == meeting_id)  # type: ignore[union-attr]
    assert (found.held_on, found.starts_at, found.ends_at, found.changes) == (
        new_day, time(20, 0), time(22, 0), 1,
    )  # fmt: skip
    # Again, now without a time of day: a whole-day event, sequence 2.
    untimed = MeetingChange(new_day, None, None, "Wijkcentrum De Ster", "Opening")
    assert change_meeting(store, ORGANISER, meeting_id, untimed) == 2
    again = event_of(store, meeting_id)
    assert again["SEQUENCE"] == "2" and again["DTSTART;VALUE=DATE"] == f"{new_day:%Y%m%d}"
    with store.read() as cur:
        events = [e for e in audit.events(cur) if e.action == "meeting.change"]
    assert [e.entity_id for e in events[-2:]] == [str(meeting_id)] * 2
    payloads = [json.loads(e.payload_json) for e in events[-2:]]
    assert payloads[0]["before"]["starts_at"] == "19:30" and payloads[1]["sequence"] == 2
    assert "Wijkcentrum" not in str(payloads)  # the place typed is not logged


def refused(store: Store, meeting_id: int, change: MeetingChange, reason: str) -> None:
    before = fingerprint(store)
    with pytest.raises(UserError, match=reason):
        change_meeting(store, ORGANISER, meeting_id, change)
    assert fingerprint(store) == before


def test_a_meeting_that_took_place_is_refused_and_nothing_changes(app_db: Path) -> None:
    store = _store(str(app_db))
    today = clock.today()
    later = MeetingChange(today + timedelta(days=30), time(20), None, "Elders", "Agenda")
    held = neighbourhood_council(store).meeting_id  # held, with decisions
    refused(store, held, later, "al gehouden")
    seat = neighbourhood_council(store)
    yesterday = plan_meeting(store, ORGANISER, seat.council_id, today - timedelta(days=1),
                             "Buurthuis", "Agenda")  # fmt: skip
    record_attendance(store, ORGANISER, yesterday, [])
    refused(store, yesterday, later, "al gehouden")
    save_minutes(store, ORGANISER, yesterday, "De voorzitter opent de vergadering.")
    refused(store, yesterday, later, "al notulen")
    upcoming = planned(store)
    refused(store, upcoming, MeetingChange(today - timedelta(days=2), None, None, "X", "Y"),
            "al voorbij")  # fmt: skip
    same = meeting_record(store, ORGANISER, upcoming).meeting
    unchanged = MeetingChange(same.held_on, time(19, 30), time(21, 30), same.location, same.agenda)
    refused(store, upcoming, unchanged, "niets veranderd")
    refused(store, upcoming, MeetingChange(same.held_on, time(21), time(20), "X", "Y"),
            "later eindigen")  # fmt: skip
    refused(store, upcoming, MeetingChange(same.held_on, None, None, " ", "Y"), "plaats")


def test_the_day_passing_ends_the_change(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(str(app_db))
    meeting_id = planned(store, days=3)
    day = meeting_record(store, ORGANISER, meeting_id).meeting.held_on
    monkeypatch.setenv("WIJKRAAD_TODAY", (day + timedelta(days=1)).isoformat())
    later = MeetingChange(day + timedelta(days=7), None, None, "Elders", "Agenda")
    refused(store, meeting_id, later, "is voorbij")


def test_the_book_moves_a_planned_meeting_and_residents_see_it(app_db: Path) -> None:
    store = _store(str(app_db))
    meeting_id = planned(store, days=40, hood=BOOK_HOOD)
    at = app_pages.open_page(BOOK, caller=ORGANISER)
    assert not at.exception, at.exception
    picker = at.selectbox(key="vergadering_wijzigen")
    picker.set_value(meeting_id).run()
    new_day = clock.today() + timedelta(days=41)
    dates = [d for d in at.date_input if d.label == "Nieuwe datum"]
    assert len(dates) == 1
    dates[0].set_value(new_day)
    [place] = [w for w in at.text_input if w.label == "Plaats" and w.value == "Buurthuis"]
    place.input("Wijkcentrum De Ster")
    submit(at, "Wijziging opslaan")
    assert any("De vergadering is gewijzigd." in s.value for s in at.success), [
        e.value for e in at.error
    ]
    moved = meeting_record(store, ORGANISER, meeting_id).meeting
    assert (moved.held_on, moved.location) == (new_day, "Wijkcentrum De Ster")
    page = app_pages.open_page(DECISIONS, query={"wijk": BOOK_CODE, "tab": "vergaderingen"})
    assert not page.exception, page.exception
    text = " ".join(m.value for m in page.markdown) + " ".join(c.value for c in page.caption)
    assert "Wijkcentrum De Ster" in text and "verplaatst of gewijzigd" in text
