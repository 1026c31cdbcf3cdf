"""Personal data of residents (resident_contact, and the phone or e-mail left with an
online sign-up: signup_contact): retention and erasure, and finding one resident's record
for an organiser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.store.dialect import local_day, year_of
from dashboard.store.rows import Cursor, first_row

# Draw statuses after which the draw no longer needs anyone's contact data.
_FINISHED = "('completed', 'cancelled')"

# For every resident invited in a draw (or who signed up on a household's letter,
# migration 0012): the day their contact data may be deleted, or NULL while it is still
# needed (a draw that is still running, a panel member who is selected, confirmed or
# reserve in such a draw, a seat that has not ended). Otherwise `days` after the last of:
# the end of their draws and the end of their seats.
_PLAN = f"""
    SELECT invited.resident_id,
           CASE WHEN invited.running OR pending.resident_id IS NOT NULL
                     OR coalesce(seats.sitting, FALSE) THEN NULL
                ELSE greatest(invited.finished_on, coalesce(seats.last_day, invited.finished_on))
                     + CAST($days AS INTEGER)
           END AS delete_after
    FROM (
        SELECT p.resident_id,
               max({local_day("coalesce(d.completed_at, d.created_at)")}) AS finished_on,
               bool_or(d.status NOT IN {_FINISHED}) AS running
        FROM (
            SELECT resident_id, draw_id FROM invitation
            UNION
            SELECT x.resident_id, i.draw_id FROM response x
            JOIN invitation i ON i.id = x.invitation_id WHERE x.resident_id IS NOT NULL
        ) p JOIN draw d ON d.id = p.draw_id
        GROUP BY p.resident_id
    ) invited
    LEFT JOIN (
        SELECT DISTINCT pm.resident_id
        FROM panel_member pm JOIN draw d ON d.id = pm.draw_id
        WHERE pm.status IN ('selected', 'confirmed', 'reserve') AND d.status NOT IN {_FINISHED}
    ) pending ON pending.resident_id = invited.resident_id
    LEFT JOIN (
        SELECT resident_id,
               bool_or(ends_on IS NULL OR ends_on >= $today) AS sitting,
               max(ends_on) AS last_day
        FROM seat_now WHERE resident_id IS NOT NULL
        GROUP BY resident_id
    ) seats ON seats.resident_id = invited.resident_id
"""


def mark_retention(cur: Cursor, days: int, today: date) -> int:
    """Set `delete_after` for every invited resident's contact data; returns how many
    now have a date."""
    cur.execute(
        f"UPDATE resident_contact SET delete_after = plan.delete_after FROM ({_PLAN}) plan "
        "WHERE resident_contact.resident_id = plan.resident_id",
        {"days": days, "today": today},
    )
    row = first_row(cur, "SELECT count(*) FROM resident_contact WHERE delete_after IS NOT NULL")
    return int(row[0]) if row else 0


def count_due(cur: Cursor, days: int, today: date) -> int:
    """How many contact records the retention rule would delete today (changes nothing)."""
    row = first_row(
        cur,
        f"SELECT count(*) FROM ({_PLAN}) plan JOIN resident_contact c USING (resident_id) "
        "WHERE plan.delete_after <= $today",
        {"days": days, "today": today},
    )
    return int(row[0]) if row else 0


def delete_due(cur: Cursor, today: date) -> int:
    """Delete the contact data whose `delete_after` has come; returns how many."""
    deleted = cur.execute(
        "DELETE FROM resident_contact WHERE delete_after <= ? RETURNING resident_id", [today]
    ).fetchall()
    return len(deleted)


# Contacts left with an online sign-up whose signer's contact data may go (`_PLAN`).
_SIGNUPS_DUE = f"""
    SELECT s.response_id FROM signup_contact s
    JOIN response x ON x.id = s.response_id
    JOIN invitation i ON i.id = s.invitation_id
    JOIN ({_PLAN}) plan ON plan.resident_id = coalesce(x.resident_id, i.resident_id)
    WHERE plan.delete_after <= $today
"""


def count_due_signups(cur: Cursor, days: int, today: date) -> int:
    """How many contacts left online the retention rule would delete today: by the rule
    of the signer's name and address."""
    row = first_row(
        cur, f"SELECT count(*) FROM ({_SIGNUPS_DUE}) due", {"days": days, "today": today}
    )
    return int(row[0]) if row else 0


def delete_due_signups(cur: Cursor, days: int, today: date) -> int:
    """Delete the contacts `count_due_signups` counts; returns how many."""
    deleted = cur.execute(
        f"DELETE FROM signup_contact WHERE response_id IN ({_SIGNUPS_DUE}) RETURNING response_id",
        {"days": days, "today": today},
    ).fetchall()
    return len(deleted)


def resident_neighbourhood(cur: Cursor, resident_id: int) -> int | None:
    row = first_row(cur, "SELECT neighbourhood_id FROM resident_now WHERE id = ?", [resident_id])
    return int(row[0]) if row else None


def delete_contact(cur: Cursor, resident_id: int) -> bool:
    """Delete one resident's contact data; False when there was none."""
    row = first_row(
        cur,
        "DELETE FROM resident_contact WHERE resident_id = ? RETURNING resident_id",
        [resident_id],
    )
    return row is not None


def remember_erasure(cur: Cursor, resident_id: int, day: date) -> bool:
    """Note that this resident's contact data was erased on request (by number only), so
    that no later register import brings it back; False when it was noted before."""
    row = first_row(
        cur,
        "INSERT INTO contact_erasure (resident_id, erased_on) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING RETURNING resident_id",
        [resident_id, day],
    )
    return row is not None


@dataclass(frozen=True)
class ContactMatch:
    resident_id: int
    neighbourhood_id: int
    first_name: str
    last_name: str
    street: str
    house_number: str
    postcode: str
    city: str
    birth_year: int


def find_by_address(
    cur: Cursor, postcode: str, house_number: str, neighbourhood_ids: frozenset[int] | None
) -> list[ContactMatch]:
    """Residents at one address, within the given neighbourhoods (None: all)."""
    where = "replace(upper(c.postcode), ' ', '') = ? AND upper(c.house_number) = ?"
    params: list[object] = [postcode.replace(" ", "").upper(), house_number.strip().upper()]
    if neighbourhood_ids is not None:
        where += " AND r.neighbourhood_id = ANY(?)"
        params.append(sorted(neighbourhood_ids))
    rows = cur.execute(
        "SELECT r.id, r.neighbourhood_id, c.first_name, c.last_name, c.street, c.house_number, "
        f"c.postcode, c.city, {year_of('r.birth_date')} "
        "FROM resident_contact c JOIN resident_now r ON r.id = c.resident_id "
        f"WHERE {where} ORDER BY c.last_name, c.first_name, r.id",
        params,
    ).fetchall()
    return [ContactMatch(*row) for row in rows]
