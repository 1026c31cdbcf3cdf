"""A council meeting's record: the attendance list (which marks the meeting held) and the
minutes, written as a draft, published, and corrected only as a new version. The rules
are dashboard/domain/meetings.py; members' names are for the neighbourhood's organisers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from dashboard.domain import meetings as rules
from dashboard.domain.auth import Caller, PermissionDenied, may_see_personal_data, require_staff
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.meetings import MinutesVersion
from dashboard.domain.models import Decision, Meeting
from dashboard.services.budget.common import (
    booking,
    clean_text,
    council_neighbourhood,
    require_organiser_role,
)
from dashboard.store import audit, council, meetings
from dashboard.store.db import Store
from dashboard.store.meetings import SeatedMember
from dashboard.store.unit import Unit
from sortition import clock

__all__ = ["MeetingLine", "MeetingRecord", "MinutesVersion", "SeatedMember"]


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    seated: list[SeatedMember]  # on the meeting's day, with names (personal data)
    attended: set[int]  # seat ids on the attendance list
    decisions: list[Decision]  # taken in the meeting, drafts included
    minutes: list[MinutesVersion]  # oldest first

    @property
    def latest(self) -> MinutesVersion | None:
        return self.minutes[-1] if self.minutes else None

    @property
    def published(self) -> MinutesVersion | None:
        """The version residents read: the newest published one."""
        return next((m for m in reversed(self.minutes) if m.published), None)


@dataclass(frozen=True)
class MeetingLine:
    """A meeting in the book's list: how many attended and how far its minutes are."""

    meeting: Meeting
    attended: int
    minutes_version: int | None
    minutes_published: bool
    starts_at: time | None = None  # the time of day, when given (Europe/Amsterdam)
    ends_at: time | None = None


def _meeting(cur: Unit, meeting_id: int) -> Meeting:
    found = council.meeting(cur, meeting_id)
    if found is None:
        raise UserError(f"Vergadering {meeting_id} bestaat niet.")
    return found


def _neighbourhood_of_meeting(store: Store, meeting_id: int) -> int:
    with store.read() as cur:
        found = _meeting(cur, meeting_id)
    return council_neighbourhood(store, found.council_id)


def meeting_lines(store: Store, caller: Caller, meetings_shown: list[Meeting]) -> list[MeetingLine]:
    """Counts only (no names): staff."""
    require_staff(caller)
    ids = [m.id for m in meetings_shown]
    with store.read() as cur:
        counts = meetings.attendance_counts(cur, ids)
        states = meetings.minutes_states(cur, ids)
        times = meetings.meeting_times(cur, ids)
    return [
        MeetingLine(
            m,
            counts.get(m.id, 0),
            states[m.id][0] if m.id in states else None,
            states[m.id][1] if m.id in states else False,
            *times.get(m.id, (None, None)),
        )
        for m in meetings_shown
    ]


def meeting_record(store: Store, caller: Caller, meeting_id: int) -> MeetingRecord:
    """The meeting with its members by name: organisers of its neighbourhood only."""
    require_organiser_role(caller)
    neighbourhood_id = _neighbourhood_of_meeting(store, meeting_id)
    if not may_see_personal_data(caller, neighbourhood_id):
        raise PermissionDenied("U bent geen organisator voor deze wijk.")
    with store.read() as cur:
        found = _meeting(cur, meeting_id)
        return MeetingRecord(
            meeting=found,
            seated=meetings.seated_members(cur, found.council_id, found.held_on),
            attended=meetings.attendance(cur, meeting_id),
            decisions=meetings.decisions_of_meeting(cur, meeting_id),
            minutes=meetings.minutes_versions(cur, meeting_id),
        )


def record_attendance(
    store: Store, caller: Caller, meeting_id: int, seat_ids: Iterable[int]
) -> int:
    """Make the attendance list exactly the ticked seats and mark the meeting held;
    returns how many attended."""
    require_organiser_role(caller)
    chosen = {int(s) for s in seat_ids}
    neighbourhood_id = _neighbourhood_of_meeting(store, meeting_id)

    def work(cur: Unit, books: Books) -> int:
        found = _meeting(cur, meeting_id)
        rules.check_held(found.held_on, clock.today())
        seated = {m.seat_id for m in meetings.seated_members(cur, found.council_id, found.held_on)}
        present = [d.members_present for d in meetings.decisions_of_meeting(cur, meeting_id)]
        rules.check_attendance(chosen, seated, present)
        added, removed = meetings.set_attendance(cur, meeting_id, chosen)
        if found.status != "gehouden":
            meetings.mark_held(cur, meeting_id)
        audit.append(
            cur,
            caller.actor,
            "meeting.attendance",
            "meeting",
            meeting_id,
            {"present": len(chosen), "added": added, "removed": removed},
        )
        return len(chosen)

    return booking(store, caller, neighbourhood_id, work)


def save_minutes(
    store: Store, caller: Caller, meeting_id: int, text: str, correction_reason: str = ""
) -> int:
    """Write the minutes' draft; after publishing, a correction as a new version with its
    reason. Returns the version written."""
    require_organiser_role(caller)
    body = clean_text(text, "de notulen", maximum=rules.MINUTES_MAX)
    neighbourhood_id = _neighbourhood_of_meeting(store, meeting_id)

    def work(cur: Unit, books: Books) -> int:
        found = _meeting(cur, meeting_id)
        rules.check_held(found.held_on, clock.today())
        versions = meetings.minutes_versions(cur, meeting_id)
        version = rules.check_minutes_change(versions, correction_reason)
        reason = " ".join(correction_reason.split())[:1000] if version > 1 else None
        meetings.write_minutes(
            cur, meeting_id, version, body, reason, clock.utc_naive_now(), caller.actor
        )
        audit.append(
            cur,
            caller.actor,
            "minutes.save",
            "meeting",
            meeting_id,
            {"version": version, "characters": len(body)},
        )
        return version

    return booking(store, caller, neighbourhood_id, work)


def publish_minutes(store: Store, caller: Caller, meeting_id: int) -> int:
    """Publish the draft with the attendance list's count; returns its version."""
    require_organiser_role(caller)
    neighbourhood_id = _neighbourhood_of_meeting(store, meeting_id)

    def work(cur: Unit, books: Books) -> int:
        _meeting(cur, meeting_id)
        present = len(meetings.attendance(cur, meeting_id))
        draft = rules.draft_to_publish(meetings.minutes_versions(cur, meeting_id), present)
        meetings.publish_minutes(
            cur, meeting_id, draft.version, clock.utc_naive_now(), caller.actor, present
        )
        audit.append(
            cur,
            caller.actor,
            "minutes.publish",
            "meeting",
            meeting_id,
            {"version": draft.version, "present": present},
        )
        return draft.version

    return booking(store, caller, neighbourhood_id, work)


@dataclass(frozen=True)
class MeetingChange:
    """A planned meeting's new day, time of day (Europe/Amsterdam), place and agenda."""

    held_on: date
    starts_at: time | None
    ends_at: time | None
    location: str
    agenda: str


def change_meeting(store: Store, caller: Caller, meeting_id: int, change: MeetingChange) -> int:
    """Move a planned meeting: another day, time, place or agenda, while it has not taken
    place (no attendance list, minutes or decision, its day not passed). The old day, time
    and place are kept (`meeting_change`) and audited; residents' pages and the calendar
    show the new ones, the calendar's event with the same UID and a higher SEQUENCE.
    Returns that number of changes; a refusal changes nothing."""
    require_organiser_role(caller)
    place = clean_text(change.location, "de plaats", maximum=200)
    items = clean_text(change.agenda, "de agenda")
    rules.check_hours(change.starts_at, change.ends_at)
    neighbourhood_id = _neighbourhood_of_meeting(store, meeting_id)

    def work(cur: Unit, books: Books) -> int:
        found = _meeting(cur, meeting_id)
        kept = (
            bool(meetings.attendance(cur, meeting_id)),
            bool(meetings.minutes_versions(cur, meeting_id)),
            bool(meetings.decisions_of_meeting(cur, meeting_id)),
        )
        rules.check_change(found.held_on, found.status, clock.today(), change.held_on, kept)
        starts, ends = meetings.meeting_times(cur, [meeting_id]).get(meeting_id, (None, None))
        before = (found.held_on, starts, ends, found.location)
        after = (change.held_on, change.starts_at, change.ends_at, place)
        if before == after and items == found.agenda:
            raise UserError(
                "Er is niets veranderd: de datum, tijd, plaats en agenda zijn dezelfde."
            )
        meetings.move_meeting(cur, meeting_id, change.held_on, place, items)
        if change.starts_at is None:
            meetings.clear_time(cur, meeting_id)
        else:
            meetings.set_time(cur, meeting_id, change.starts_at, change.ends_at)
        sequence = meetings.change_count(cur, meeting_id) + 1
        meetings.record_change(cur, meeting_id, sequence, clock.utc_naive_now(), before)
        audit.append(
            cur,
            caller.actor,
            "meeting.change",
            "meeting",
            meeting_id,
            {
                "sequence": sequence,
                "before": _when(*before[:3]),
                "after": _when(*after[:3]),
                "place_changed": place != found.location,
                "agenda_changed": items != found.agenda,
            },
        )
        return sequence

    return booking(store, caller, neighbourhood_id, work)


def _when(day: date, starts: time | None, ends: time | None) -> dict[str, str | None]:
    return {
        "held_on": day.isoformat(),
        "starts_at": None if starts is None else f"{starts:%H:%M}",
        "ends_at": None if ends is None else f"{ends:%H:%M}",
    }
