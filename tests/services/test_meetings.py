"""A council meeting's record on the demo database: the attendance list (members seated
that day only, marking the meeting held), the decisions' count of members present, and
minutes written, published and corrected as new versions; residents read only what was
published. Every change is audited; bad input changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from dashboard.domain.auth import PUBLIC, Caller, PermissionDenied, Role
from dashboard.domain.errors import UserError
from dashboard.domain.models import AuditEvent
from dashboard.services import public
from dashboard.services.budget.decisions import (
    DecisionInput,
    plan_meeting,
    publish_decision,
    record_decision,
)
from dashboard.services.budget.meetings import (
    meeting_lines,
    meeting_record,
    publish_minutes,
    record_attendance,
    save_minutes,
)
from dashboard.store import audit, council
from dashboard.store import meetings as meeting_rows
from dashboard.store.db import Store
from sortition import clock
from tests.database_state import fingerprint


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


ORGANISER = Caller("org", Role.ORGANISER, frozenset({1}))
OTHER_ORGANISER = Caller("elders", Role.ORGANISER, frozenset({2}))
ALDERMAN = Caller("wethouder", Role.ALDERMAN, None)
MINUTES = "Opening door de voorzitter.\nDe raad besprak de speeltuin.\n\nRondvraag: geen."


@dataclass(frozen=True)
class Fixture:
    council_id: int
    meeting_id: int
    seated: list[int]  # seat ids seated on the meeting's day
    not_seated: int  # a seat of the council that was not seated that day


@pytest.fixture
def meeting(store: Store) -> Fixture:
    """Neighbourhood 1's council with a new meeting a week ago (no attendance yet)."""
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
    day = clock.today() - timedelta(days=7)
    meeting_id = plan_meeting(store, ORGANISER, council_id, day, "Buurthuis", "Opening; rondvraag")
    with store.read() as cur:
        seated = [m.seat_id for m in meeting_rows.seated_members(cur, council_id, day)]
        earlier = meeting_rows.seated_members(cur, council_id, day - timedelta(days=365))
    strangers = [m.seat_id for m in earlier if m.seat_id not in seated]
    assert len(seated) == 15 and strangers
    return Fixture(council_id, meeting_id, seated, strangers[0])


def actions(store: Store) -> list[str]:
    with store.read() as cur:
        return [e.action for e in audit.events(cur)]


def published(store: Store, fx: Fixture) -> public.MinutesView | None:
    """What residents read of the meeting's minutes."""
    found = [v for v in public.meeting_minutes(store, 1) if v.minutes.meeting_id == fx.meeting_id]
    return found[0] if found else None


def decision(fx: Fixture, present: int) -> DecisionInput:
    return DecisionInput(
        fx.council_id, fx.meeting_id, "overig", present, 0, 0, present,
        "De raad spreekt steun uit voor het buurtfeest.", consultation_method="geen",
    )  # fmt: skip


def test_attendance_of_the_members_seated_that_day_marks_the_meeting_held(
    store: Store, meeting: Fixture
) -> None:
    plan_meeting(store, ORGANISER, meeting.council_id, clock.today(), "Buurthuis", "Opening")
    record = meeting_record(store, ORGANISER, meeting.meeting_id)
    assert {m.seat_id for m in record.seated} == set(meeting.seated)
    assert any(m.name for m in record.seated if m.kind == "drawn")  # names, for organisers
    assert all(m.appointed_role for m in record.seated if m.kind == "appointed")
    assert record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:10]) == 10
    record = meeting_record(store, ORGANISER, meeting.meeting_id)
    assert record.attended == set(meeting.seated[:10])
    assert record.meeting.status == "gehouden"
    event = [e for e in audit_events(store) if e.action == "meeting.attendance"][-1]
    assert '"present": 10' in event.payload_json
    # corrected: one more, one less; only the difference is written
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[1:11])
    assert meeting_record(store, ORGANISER, meeting.meeting_id).attended == set(
        meeting.seated[1:11]
    )
    [line] = [
        x
        for x in meeting_lines(store, ALDERMAN, [record.meeting])
        if x.meeting.id == record.meeting.id
    ]
    assert line.attended == 10 and line.minutes_version is None


def audit_events(store: Store) -> list[AuditEvent]:
    with store.read() as cur:
        return audit.events(cur)


@pytest.mark.parametrize("case", ["stranger", "unknown seat", "future", "no meeting"])
def test_a_wrong_attendance_list_is_refused_and_changes_nothing(
    store: Store, meeting: Fixture, case: str
) -> None:
    meeting_id, seats, message = meeting.meeting_id, meeting.seated[:9], "hoorden daar niet bij"
    if case == "stranger":
        seats = [*seats, meeting.not_seated]
    elif case == "unknown seat":
        seats = [*seats, 999_999]
    elif case == "future":
        meeting_id = plan_meeting(
            store, ORGANISER, meeting.council_id, clock.today() + timedelta(days=14), "Buurthuis",
            "Opening",
        )  # fmt: skip
        message = "pas op"
    else:
        meeting_id, message = 987_654, "bestaat niet"
    before = fingerprint(store)
    with pytest.raises(UserError, match=message):
        record_attendance(store, ORGANISER, meeting_id, seats)
    assert fingerprint(store) == before


def test_others_may_neither_see_the_names_nor_record(store: Store, meeting: Fixture) -> None:
    before = fingerprint(store)
    for caller in (PUBLIC, ALDERMAN, OTHER_ORGANISER):
        with pytest.raises(PermissionDenied):
            meeting_record(store, caller, meeting.meeting_id)
        with pytest.raises(PermissionDenied):
            record_attendance(store, caller, meeting.meeting_id, meeting.seated[:9])
        with pytest.raises(PermissionDenied):
            save_minutes(store, caller, meeting.meeting_id, MINUTES)
        with pytest.raises(PermissionDenied):
            publish_minutes(store, caller, meeting.meeting_id)
    with pytest.raises(PermissionDenied):
        meeting_lines(store, PUBLIC, [])
    assert fingerprint(store) == before


def test_a_decision_counts_no_more_present_than_the_attendance_list(
    store: Store, meeting: Fixture
) -> None:
    record_decision(store, ORGANISER, decision(meeting, 12))  # no list yet: quorum rules only
    with pytest.raises(UserError, match="niet minder namen"):  # the list covers the decision
        record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:10])
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:12])
    before = fingerprint(store)
    with pytest.raises(UserError, match="presentielijst waren er 12 leden"):
        record_decision(store, ORGANISER, decision(meeting, 13))
    assert fingerprint(store) == before
    record_decision(store, ORGANISER, decision(meeting, 11))  # one left before the vote


def test_minutes_are_written_published_and_corrected_as_a_new_version(
    store: Store, meeting: Fixture
) -> None:
    assert save_minutes(store, ORGANISER, meeting.meeting_id, "Eerste opzet.") == 1
    assert save_minutes(store, ORGANISER, meeting.meeting_id, MINUTES) == 1  # the draft again
    assert published(store, meeting) is None  # a draft is not for residents
    with pytest.raises(UserError, match="Leg eerst de presentielijst vast"):
        publish_minutes(store, ORGANISER, meeting.meeting_id)
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:11])
    assert publish_minutes(store, ORGANISER, meeting.meeting_id) == 1
    with pytest.raises(UserError, match="al gepubliceerd"):
        publish_minutes(store, ORGANISER, meeting.meeting_id)

    shown = published(store, meeting)
    assert shown is not None
    assert (shown.minutes.text, shown.minutes.members_present, shown.minutes.version) == (
        MINUTES, 11, 1,
    )  # fmt: skip
    assert shown.minutes.location == "Buurthuis" and shown.minutes.agenda == "Opening; rondvraag"

    before = fingerprint(store)
    with pytest.raises(UserError, match="minstens 10 tekens"):
        save_minutes(store, ORGANISER, meeting.meeting_id, MINUTES + " Correctie.")
    assert fingerprint(store) == before
    corrected = MINUTES.replace("speeltuin", "speeltuin aan de Beekweg")
    assert save_minutes(store, ORGANISER, meeting.meeting_id, corrected, "Plaats genoemd") == 2
    # the correction is a draft: residents still read version 1
    shown = published(store, meeting)
    assert shown is not None
    assert shown.minutes.version == 1 and shown.minutes.text == MINUTES
    assert publish_minutes(store, ORGANISER, meeting.meeting_id) == 2
    shown = published(store, meeting)
    assert shown is not None
    assert (shown.minutes.version, shown.minutes.text) == (2, corrected)
    assert shown.minutes.correction_reason == "Plaats genoemd"

    history = meeting_record(store, ORGANISER, meeting.meeting_id).minutes
    assert [(v.version, v.text, v.published) for v in history] == [
        (1, MINUTES, True),
        (2, corrected, True),
    ]  # the published version 1 is kept as it was
    assert actions(store)[-6:] == [
        "minutes.save", "minutes.save", "meeting.attendance", "minutes.publish",
        "minutes.save", "minutes.publish",
    ]  # fmt: skip
    with store.read() as cur:
        assert audit.verify_chain(audit.events(cur)) == []
        assert all(MINUTES not in e.payload_json for e in audit.events(cur))


@pytest.mark.parametrize(
    ("text", "message"), [("", "Vul de notulen in"), ("x" * 20_001, "te lang")]
)
def test_empty_or_endless_minutes_are_refused(
    store: Store, meeting: Fixture, text: str, message: str
) -> None:
    before = fingerprint(store)
    with pytest.raises(UserError, match=message):
        save_minutes(store, ORGANISER, meeting.meeting_id, text)
    with pytest.raises(UserError, match="Schrijf eerst de notulen"):
        publish_minutes(store, ORGANISER, meeting.meeting_id)
    assert fingerprint(store) == before


def test_the_minutes_list_the_meetings_published_decisions(store: Store, meeting: Fixture) -> None:
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:12])
    shown_one = record_decision(store, ORGANISER, decision(meeting, 12))
    record_decision(store, ORGANISER, decision(meeting, 10))  # stays a draft
    publish_decision(store, ORGANISER, shown_one)
    save_minutes(store, ORGANISER, meeting.meeting_id, MINUTES)
    publish_minutes(store, ORGANISER, meeting.meeting_id)
    record = meeting_record(store, ORGANISER, meeting.meeting_id)
    assert [d.members_present for d in record.decisions] == [12, 10]  # organisers: all
    view = published(store, meeting)
    assert view is not None
    assert [(d.kind, d.votes_for) for d in view.decisions] == [("overig", 12)]  # residents


def test_a_later_change_of_the_list_shows_to_residents_only_with_a_new_version(
    store: Store, meeting: Fixture
) -> None:
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:12])
    save_minutes(store, ORGANISER, meeting.meeting_id, MINUTES)
    publish_minutes(store, ORGANISER, meeting.meeting_id)
    record_attendance(store, ORGANISER, meeting.meeting_id, meeting.seated[:13])
    view = published(store, meeting)
    assert view is not None
    assert view.minutes.members_present == 12  # as published
    save_minutes(store, ORGANISER, meeting.meeting_id, MINUTES, "Een lid kwam later binnen.")
    publish_minutes(store, ORGANISER, meeting.meeting_id)
    view = published(store, meeting)
    assert view is not None
    assert view.minutes.members_present == 13
