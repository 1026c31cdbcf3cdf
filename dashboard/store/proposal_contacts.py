"""How to reach whoever submitted a proposal (personal data: organisers of the proposal's
neighbourhood only; see `contact_tables`). Kept until the proposal is finished or
rejected, then as long as the retention rule says."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.store.contact_tables import ContactTable


@dataclass(frozen=True)
class ProposalContact:
    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    name: str
    email: str | None
    phone: str | None


# Proposals whose contact is no longer needed: finished or rejected, with the day of it.
_FINISHED = """
    SELECT c.proposal_id, max(s.changed_on) AS day
    FROM proposal_contact c
    JOIN proposal p ON p.id = c.proposal_id
    JOIN proposal_status_change s ON s.proposal_id = p.id AND s.to_status = p.status
    WHERE p.status IN ('afgerond', 'afgewezen')
    GROUP BY c.proposal_id
"""

TABLE = ContactTable(
    table="proposal_contact",
    key="proposal_id",
    owner="proposal o ON o.id = c.proposal_id",
    reference="external_ref",
    done=_FINISHED,
    row=ProposalContact,
)
add_contact = TABLE.add
contact = TABLE.contact
has_contact = TABLE.has_contact
find = TABLE.find
delete_contact = TABLE.delete
count_due = TABLE.count_due
delete_due = TABLE.delete_due
