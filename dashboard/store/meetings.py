"""A meeting's record: the members seated on its day, who attended, and its minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from dashboard.domain.meetings import MinutesVersion
from dashboard.domain.models import Decision
from dashboard.store.rows import Cursor, first_row, insert, select


@dataclass(frozen=True)
class SeatedMember:
    """A seat taken on the meeting's day. `name` is personal data (organisers only): the
    drawn member's name, None once erased; appointed seats carry their public role."""

    seat_id: int
    kind: str  # drawn, appointed
    appointed_role: str | None
    is_chair: bool
    name: str | None


def seated_members(cur: Cursor, council_id: int, day: date) -> list[SeatedMember]:
    """Seats of the council taken on `day`: the seat's own end, else its term's."""
    rows = cur.execute(
        """
        SELECT s.id, s.kind, s.appointed_role, s.is_chair,
               CASE WHEN c.resident_id IS NULL THEN NULL
                    ELSE c.first_name || ' ' || c.last_name END
        FROM seat_now s JOIN term t ON t.id = s.term_id
        LEFT JOIN resident_contact c ON c.resident_id = s.resident_id
        WHERE s.council_id = $council AND t.starts_on <= $day
          AND s.starts_on <= $day AND coalesce(s.ends_on, t.ends_on) > $day
        ORDER BY s.is_chair DESC, s.kind DESC, s.id
        """,
        {"council": council_id, "day": day},
    ).fetchall()
    return [SeatedMember(int(i), str(k), r, bool(ch), n) for i, k, r, ch, n in rows]


def attendance(cur: Cursor, meeting_id: int) -> set[int]:
    rows = cur.execute(
        "SELECT seat_id FROM meeting_attendance WHERE meeting_id = ?", [meeting_id]
    ).fetchall()
    return {int(r[0]) for r in rows}


def attendance_counts(cur: Cursor, meeting_ids: list[int]) -> dict[int, int]:
    rows = cur.execute(
        "SELECT meeting_id, count(*) FROM meeting_attendance WHERE meeting_id = ANY(?) GROUP BY 1",
        [meeting_ids],
    ).fetchall()
    return {int(m): int(n) for m, n in rows}


def set_attendance(cur: Cursor, meeting_id: int, seat_ids: set[int]) -> tuple[int, int]:
    """Make the list exactly `seat_ids`; returns (added, removed). Only the difference is
    written, so a seat that stays is never deleted and inserted again."""
    before = attendance(cur, meeting_id)
    gone = sorted(before - seat_ids)
    new = sorted(seat_ids - before)
    if gone:
        cur.execute(
            "DELETE FROM meeting_attendance WHERE meeting_id = ? AND seat_id = ANY(?)",
            [meeting_id, gone],
        )
    for seat_id in new:
        cur.execute("INSERT INTO meeting_attendance VALUES (?, ?)", [meeting_id, seat_id])
    return len(new), len(gone)


def mark_held(cur: Cursor, meeting_id: int) -> None:
    cur.execute("UPDATE meeting SET status = 'gehouden' WHERE id = ?", [meeting_id])


def decisions_of_meeting(cur: Cursor, meeting_id: int) -> list[Decision]:
    """Every decision taken in the meeting, drafts included, in the order recorded."""
    return select(cur, Decision, "decision", "meeting_id = ?", [meeting_id], order_by="id")


def minutes_versions(cur: Cursor, meeting_id: int) -> list[MinutesVersion]:
    """The meeting's minutes, oldest version first."""
    return select(
        cur, MinutesVersion, "meeting_minutes", "meeting_id = ?", [meeting_id], order_by="version"
    )


def minutes_states(cur: Cursor, meeting_ids: list[int]) -> dict[int, tuple[int, bool]]:
    """Per meeting with minutes: its newest version and whether that one is published."""
    rows = cur.execute(
        "SELECT meeting_id, version, published_at IS NOT NULL FROM meeting_minutes m "
        "WHERE meeting_id = ANY(?) AND version = "
        "(SELECT max(v.version) FROM meeting_minutes v WHERE v.meeting_id = m.meeting_id)",
        [meeting_ids],
    ).fetchall()
    return {int(m): (int(v), bool(p)) for m, v, p in rows}


def write_minutes(
    cur: Cursor,
    meeting_id: int,
    version: int,
    text: str,
    correction_reason: str | None,
    written_at: datetime,
    written_by: str,
) -> None:
    """Write the draft of `version`: a new row, or the draft's text rewritten."""
    found = first_row(
        cur,
        "SELECT published_at FROM meeting_minutes WHERE meeting_id = ? AND version = ?",
        [meeting_id, version],
    )
    if found is None:
        insert(
            cur,
            "meeting_minutes",
            {
                "meeting_id": meeting_id,
                "version": version,
                "text": text,
                "correction_reason": correction_reason,
                "written_at": written_at,
                "written_by": written_by,
            },
        )
        return
    if found[0] is not None:
        raise ValueError("a published version is never rewritten")
    cur.execute(
        "UPDATE meeting_minutes SET text = ?, correction_reason = ?, written_at = ?, "
        "written_by = ? WHERE meeting_id = ? AND version = ?",
        [text, correction_reason, written_at, written_by, meeting_id, version],
    )


def publish_minutes(
    cur: Cursor,
    meeting_id: int,
    version: int,
    published_at: datetime,
    published_by: str,
    members_present: int,
) -> None:
    cur.execute(
        "UPDATE meeting_minutes SET published_at = ?, published_by = ?, members_present = ? "
        "WHERE meeting_id = ? AND version = ? AND published_at IS NULL",
        [published_at, published_by, members_present, meeting_id, version],
    )


def set_time(cur: Cursor, meeting_id: int, starts_at: time, ends_at: time | None) -> None:
    """The meeting's time of day (Europe/Amsterdam): from `starts_at`, until `ends_at`."""
    cur.execute(
        "INSERT INTO meeting_time VALUES (?, ?, ?) ON CONFLICT (meeting_id) "
        "DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at",
        [meeting_id, starts_at, ends_at],
    )


def meeting_times(cur: Cursor, meeting_ids: list[int]) -> dict[int, tuple[time, time | None]]:
    """Start and end (None: not given) of the meetings that have a time."""
    if not meeting_ids:
        return {}
    rows = cur.execute(
        "SELECT meeting_id, starts_at, ends_at FROM meeting_time WHERE meeting_id = ANY(?)",
        [meeting_ids],
    ).fetchall()
    return {int(m): (s, e) for m, s, e in rows}


def clear_time(cur: Cursor, meeting_id: int) -> None:
    """The meeting has no time of day (any longer): the calendar holds the whole day."""
    cur.execute("DELETE FROM meeting_time WHERE meeting_id = ?", [meeting_id])


def move_meeting(cur: Cursor, meeting_id: int, held_on: date, location: str, agenda: str) -> None:
    """The meeting's day, place and agenda as they are now (`record_change` keeps the old)."""
    cur.execute(
        "UPDATE meeting SET held_on = ?, location = ?, agenda = ? WHERE id = ?",
        [held_on, location, agenda, meeting_id],
    )


def change_count(cur: Cursor, meeting_id: int) -> int:
    """How often the meeting was changed after it was planned (its calendar SEQUENCE)."""
    row = first_row(cur, "SELECT count(*) FROM meeting_change WHERE meeting_id = ?", [meeting_id])
    return int(row[0]) if row else 0


def record_change(
    cur: Cursor,
    meeting_id: int,
    sequence: int,
    changed_at: datetime,
    before: tuple[date, time | None, time | None, str],
) -> None:
    """Change number `sequence` of the meeting, with its day, times and place `before`."""
    held_on, starts_at, ends_at, location = before
    insert(
        cur,
        "meeting_change",
        {
            "meeting_id": meeting_id,
            "sequence": sequence,
            "changed_at": changed_at,
            "held_on_before": held_on,
            "starts_at_before": starts_at,
            "ends_at_before": ends_at,
            "location_before": location,
        },
        returning="sequence",
    )
