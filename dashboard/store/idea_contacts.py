"""How to reach whoever proposed an idea (personal data: organisers of the idea's
neighbourhood only; see `contact_tables`). When the idea becomes a proposal its contact
moves to `proposal_contact`, where it follows the proposal."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.store.contact_tables import ContactTable
from dashboard.store.dialect import local_day


@dataclass(frozen=True)
class IdeaContact:
    idea_id: int
    neighbourhood_id: int
    reference: str
    title: str
    name: str
    email: str | None
    phone: str | None


# Ideas whose contact is no longer needed: rejected or merged, with the day of it.
_CLOSED = f"""
    SELECT c.idea_id, {local_day("i.status_since")} AS day
    FROM idea_contact c JOIN idea i ON i.id = c.idea_id
    WHERE i.status IN ('afgewezen', 'samengevoegd')
"""

TABLE = ContactTable(
    table="idea_contact",
    key="idea_id",
    owner="idea o ON o.id = c.idea_id",
    reference="reference",
    done=_CLOSED,
    row=IdeaContact,
)
add_contact = TABLE.add
contact = TABLE.contact
has_contact = TABLE.has_contact
find = TABLE.find
delete_contact = TABLE.delete
count_due = TABLE.count_due
delete_due = TABLE.delete_due
