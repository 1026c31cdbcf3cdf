"""How to reach whoever proposed an idea (personal data: organisers of the idea's
neighbourhood only). No public query reads this table. When the idea becomes a proposal
its contact moves to `proposal_contact`, where it follows the proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dashboard.domain.contact import Contact
from dashboard.store.proposal_contacts import matching
from dashboard.store.rows import Cursor, first_row

# Ideas whose contact is no longer needed: rejected or merged, with the day of it.
_CLOSED = """
    SELECT c.idea_id, CAST(i.status_since AS DATE) AS closed_on
    FROM idea_contact c JOIN idea i ON i.id = c.idea_id
    WHERE i.status IN ('afgewezen', 'samengevoegd')
"""


@dataclass(frozen=True)
class IdeaContact:
    idea_id: int
    neighbourhood_id: int
    reference: str
    title: str
    name: str
    email: str | None
    phone: str | None


_SELECT = """
    SELECT c.idea_id, i.neighbourhood_id, i.reference, i.title, c.name, c.email, c.phone
    FROM idea_contact c JOIN idea i ON i.id = c.idea_id
"""


def add_contact(cur: Cursor, idea_id: int, contact: Contact, created_at: datetime) -> None:
    cur.execute(
        "INSERT INTO idea_contact VALUES (?, ?, ?, ?, ?)",
        [idea_id, contact.name, contact.email, contact.phone, created_at],
    )


def contact(cur: Cursor, idea_id: int) -> IdeaContact | None:
    row = first_row(cur, _SELECT + " WHERE c.idea_id = ?", [idea_id])
    return None if row is None else IdeaContact(*row)


def has_contact(cur: Cursor, idea_ids: list[int]) -> set[int]:
    rows = cur.execute(
        "SELECT idea_id FROM idea_contact WHERE idea_id IN (SELECT unnest(?))", [idea_ids]
    ).fetchall()
    return {int(r[0]) for r in rows}


def find(cur: Cursor, query: str, neighbourhood_ids: frozenset[int] | None) -> list[IdeaContact]:
    """Contacts matching an e-mail address (whole), a phone number (its digits, whole) or
    part of a name, within the given neighbourhoods (None: all)."""
    where, value = matching(query)
    if neighbourhood_ids is not None:
        where += " AND list_contains($hoods, i.neighbourhood_id)"
    rows = cur.execute(
        f"{_SELECT} WHERE {where} ORDER BY i.reference",
        {"q": value, **({} if neighbourhood_ids is None else {"hoods": sorted(neighbourhood_ids)})},
    ).fetchall()
    return [IdeaContact(*row) for row in rows]


def delete_contact(cur: Cursor, idea_id: int) -> bool:
    row = first_row(cur, "DELETE FROM idea_contact WHERE idea_id = ? RETURNING idea_id", [idea_id])
    return row is not None


def count_due(cur: Cursor, days: int, today: date) -> int:
    """Contacts of ideas rejected or merged at least `days` ago."""
    row = first_row(
        cur,
        f"SELECT count(*) FROM ({_CLOSED}) f WHERE f.closed_on + CAST(? AS INTEGER) <= ?",
        [days, today],
    )
    return int(row[0]) if row else 0


def delete_due(cur: Cursor, days: int, today: date) -> int:
    """Delete the contacts `count_due` counts; returns how many."""
    deleted = cur.execute(
        f"DELETE FROM idea_contact WHERE idea_id IN (SELECT idea_id FROM ({_CLOSED}) f "
        "WHERE f.closed_on + CAST(? AS INTEGER) <= ?) RETURNING idea_id",
        [days, today],
    ).fetchall()
    return len(deleted)
