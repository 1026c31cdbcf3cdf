"""How to reach whoever submitted a proposal (personal data: organisers of the proposal's
neighbourhood only). No public query reads this table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.domain.contact import Contact
from dashboard.store.rows import Cursor, first_row

# Proposals whose contact is no longer needed: finished or rejected, with the day of it.
_FINISHED = """
    SELECT c.proposal_id, max(s.changed_on) AS finished_on
    FROM proposal_contact c
    JOIN proposal p ON p.id = c.proposal_id
    JOIN proposal_status_change s ON s.proposal_id = p.id AND s.to_status = p.status
    WHERE p.status IN ('afgerond', 'afgewezen')
    GROUP BY c.proposal_id
"""


@dataclass(frozen=True)
class ProposalContact:
    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    name: str
    email: str | None
    phone: str | None


_SELECT = """
    SELECT c.proposal_id, p.neighbourhood_id, p.external_ref, p.title, c.name, c.email, c.phone
    FROM proposal_contact c JOIN proposal p ON p.id = c.proposal_id
"""


def add_contact(cur: Cursor, proposal_id: int, contact: Contact, created_at: datetime) -> None:
    cur.execute(
        "INSERT INTO proposal_contact VALUES (?, ?, ?, ?, ?)",
        [proposal_id, contact.name, contact.email, contact.phone, created_at],
    )


def contact(cur: Cursor, proposal_id: int) -> ProposalContact | None:
    row = first_row(cur, _SELECT + " WHERE c.proposal_id = ?", [proposal_id])
    return None if row is None else ProposalContact(*row)


def has_contact(cur: Cursor, proposal_ids: list[int]) -> set[int]:
    rows = cur.execute(
        "SELECT proposal_id FROM proposal_contact WHERE proposal_id IN (SELECT unnest(?))",
        [proposal_ids],
    ).fetchall()
    return {int(r[0]) for r in rows}


def matching(query: str) -> tuple[str, str]:
    """The condition on a contact table `c` (name, email, phone) and its value `$q` that
    finds an e-mail address (whole), a phone number (its digits, whole) or part of a name;
    the search of ideas' contacts uses it too."""
    text = " ".join(query.split())
    digits = re.sub(r"\D", "", text)
    if "@" in text:
        return "lower(c.email) = lower($q)", text
    if len(digits) >= 6 and not re.search(r"[A-Za-z]", text):
        return "regexp_replace(c.phone, '[^0-9]', '', 'g') = $q", digits
    return "c.name ILIKE '%' || $q || '%'", text


def find(
    cur: Cursor, query: str, neighbourhood_ids: frozenset[int] | None
) -> list[ProposalContact]:
    """Contacts matching an e-mail address (whole), a phone number (its digits, whole) or
    part of a name, within the given neighbourhoods (None: all)."""
    where, value = matching(query)
    if neighbourhood_ids is not None:
        where += " AND list_contains($hoods, p.neighbourhood_id)"
    rows = cur.execute(
        f"{_SELECT} WHERE {where} ORDER BY p.external_ref",
        {"q": value, **({} if neighbourhood_ids is None else {"hoods": sorted(neighbourhood_ids)})},
    ).fetchall()
    return [ProposalContact(*row) for row in rows]


def delete_contact(cur: Cursor, proposal_id: int) -> bool:
    row = first_row(
        cur,
        "DELETE FROM proposal_contact WHERE proposal_id = ? RETURNING proposal_id",
        [proposal_id],
    )
    return row is not None


def count_due(cur: Cursor, days: int, today: date) -> int:
    """Contacts of proposals finished or rejected at least `days` ago."""
    row = first_row(
        cur,
        f"SELECT count(*) FROM ({_FINISHED}) f WHERE f.finished_on + CAST(? AS INTEGER) <= ?",
        [days, today],
    )
    return int(row[0]) if row else 0


def delete_due(cur: Cursor, days: int, today: date) -> int:
    """Delete the contacts `count_due` counts; returns how many."""
    deleted = cur.execute(
        f"DELETE FROM proposal_contact WHERE proposal_id IN (SELECT proposal_id FROM "
        f"({_FINISHED}) f WHERE f.finished_on + CAST(? AS INTEGER) <= ?) RETURNING proposal_id",
        [days, today],
    ).fetchall()
    return len(deleted)
