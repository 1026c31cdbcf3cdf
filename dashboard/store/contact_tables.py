"""A table of contacts, one per record they belong to (a proposal's submitter, an idea's
proposer): personal data for the organisers of the record's neighbourhood only, found by
e-mail address, phone number or part of a name, erased on request, deleted by the
retention rule once the record no longer needs it. No public query reads these tables.
`proposal_contacts` and `idea_contacts` each describe their table with one `ContactTable`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from dashboard.domain.contact import Contact
from dashboard.store.rows import Cursor, first_row


class OwnedContact(Protocol):
    @property
    def neighbourhood_id(self) -> int: ...


Row = TypeVar("Row", bound=OwnedContact)


def matching(query: str) -> tuple[str, str]:
    """The condition on a contact table `c` (name, email, phone) and its value `$q` that
    finds an e-mail address (whole), a phone number (its digits, whole) or part of a name."""
    text = " ".join(query.split())
    digits = re.sub(r"\D", "", text)
    if "@" in text:
        return "lower(c.email) = lower($q)", text
    if len(digits) >= 6 and not re.search(r"[A-Za-z]", text):
        return "regexp_replace(c.phone, '[^0-9]', '', 'g') = $q", digits
    return "c.name ILIKE '%' || $q || '%'", text


@dataclass(frozen=True)
class ContactTable(Generic[Row]):
    table: str  # e.g. proposal_contact (its columns: key, name, email, phone, created_at)
    key: str  # the column naming the record, e.g. proposal_id
    owner: str  # the record joined as `o` on `c`, e.g. "proposal o ON o.id = c.proposal_id"
    reference: str  # the record's reference column on `o`, e.g. external_ref
    done: str  # SQL: (key, day) of the records that no longer need their contact
    row: Callable[..., Row]  # (key, neighbourhood, reference, title, name, email, phone)

    @property
    def _select(self) -> str:
        return (
            f"SELECT c.{self.key}, o.neighbourhood_id, o.{self.reference}, o.title, c.name, "
            f"c.email, c.phone FROM {self.table} c JOIN {self.owner}"
        )

    def add(self, cur: Cursor, owner_id: int, contact: Contact, created_at: datetime) -> None:
        cur.execute(
            f"INSERT INTO {self.table} VALUES (?, ?, ?, ?, ?)",
            [owner_id, contact.name, contact.email, contact.phone, created_at],
        )

    def contact(self, cur: Cursor, owner_id: int) -> Row | None:
        row = first_row(cur, f"{self._select} WHERE c.{self.key} = ?", [owner_id])
        return None if row is None else self.row(*row)

    def has_contact(self, cur: Cursor, owner_ids: list[int]) -> set[int]:
        rows = cur.execute(
            f"SELECT {self.key} FROM {self.table} WHERE {self.key} = ANY(?)",
            [owner_ids],
        ).fetchall()
        return {int(r[0]) for r in rows}

    def find(self, cur: Cursor, query: str, neighbourhood_ids: frozenset[int] | None) -> list[Row]:
        """Contacts matching an e-mail address (whole), a phone number (its digits, whole)
        or part of a name, within the given neighbourhoods (None: all)."""
        where, value = matching(query)
        params: dict[str, object] = {"q": value}
        if neighbourhood_ids is not None:
            where += " AND o.neighbourhood_id = ANY($hoods)"
            params["hoods"] = sorted(neighbourhood_ids)
        rows = cur.execute(
            f"{self._select} WHERE {where} ORDER BY o.{self.reference}", params
        ).fetchall()
        return [self.row(*row) for row in rows]

    def delete(self, cur: Cursor, owner_id: int) -> bool:
        row = first_row(
            cur,
            f"DELETE FROM {self.table} WHERE {self.key} = ? RETURNING {self.key}",
            [owner_id],
        )
        return row is not None

    def count_due(self, cur: Cursor, days: int, today: date) -> int:
        """Contacts of records done at least `days` ago."""
        row = first_row(
            cur,
            f"SELECT count(*) FROM ({self.done}) f WHERE f.day + CAST(? AS INTEGER) <= ?",
            [days, today],
        )
        return int(row[0]) if row else 0

    def delete_due(self, cur: Cursor, days: int, today: date) -> int:
        """Delete the contacts `count_due` counts; returns how many."""
        deleted = cur.execute(
            f"DELETE FROM {self.table} WHERE {self.key} IN (SELECT f.{self.key} FROM "
            f"({self.done}) f WHERE f.day + CAST(? AS INTEGER) <= ?) RETURNING {self.key}",
            [days, today],
        ).fetchall()
        return len(deleted)
