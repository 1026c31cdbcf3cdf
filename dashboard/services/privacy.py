"""Use cases for residents' personal data: the retention rule, erasure on request, and
finding one resident's record; the same for the contact of whoever submitted a proposal
or proposed an idea online.
Names, addresses, e-mail addresses and phone numbers never enter the audit log."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

from dashboard.domain.auth import (
    SYSTEM,
    Caller,
    PermissionDenied,
    Role,
    may_see_personal_data,
    require_administrator,
)
from dashboard.domain.errors import UserError
from dashboard.store import audit, idea_contacts, proposal_contacts, signups, vote_codes
from dashboard.store import privacy as contacts
from dashboard.store.contact_tables import ContactTable, Row
from dashboard.store.db import Store
from dashboard.store.idea_contacts import IdeaContact
from dashboard.store.privacy import ContactMatch
from dashboard.store.proposal_contacts import ProposalContact
from dashboard.store.unit import Unit
from sortition import clock

DEFAULT_RETENTION_DAYS = 90
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$")


class PrivacyError(UserError):
    """Bad input; nothing was changed. The message is Dutch."""


def retention_days() -> int:
    """WIJKRAAD_RETENTION_DAYS, else 90."""
    raw = os.environ.get("WIJKRAAD_RETENTION_DAYS", "")
    return int(raw) if raw.isdigit() else DEFAULT_RETENTION_DAYS


@dataclass(frozen=True)
class RetentionReport:
    days: int
    today: date
    scheduled: int  # contact records that now have a delete-after date (before deleting)
    deleted: int
    dry_run: bool
    # submitters' contacts of proposals finished or rejected `days` ago (dry run: due)
    proposal_contacts: int = 0
    # contacts of ideas rejected or merged `days` ago (dry run: due)
    idea_contacts: int = 0
    # phone numbers and e-mail addresses left with an online sign-up for a draw, by the
    # rule of the signer's name and address (dry run: due)
    signup_contacts: int = 0


def apply_retention(
    store: Store,
    caller: Caller,
    days: int | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> RetentionReport:
    """Delete the contact data of residents invited in a draw but not selected, `days`
    after the draw (or their seat) ended, and set `delete_after` for the rest of the
    invited; delete the submitters' contacts of proposals finished or rejected `days`
    ago, and the contacts of ideas rejected or merged `days` ago (an idea that became a
    proposal took its contact along). With `dry_run` only count. Administrators (and the
    system) only."""
    require_administrator(caller)
    keep = retention_days() if days is None else days
    if keep < 0 or keep > 3650:
        raise PrivacyError("De bewaartermijn is 0 tot 3650 dagen.")
    day = today or clock.today()
    if dry_run:
        with store.read() as cur:
            due = contacts.count_due(cur, keep, day)
            submitters = proposal_contacts.count_due(cur, keep, day)
            proposers = idea_contacts.count_due(cur, keep, day)
            signed_up = contacts.count_due_signups(cur, keep, day)
        return RetentionReport(
            keep, day, due, 0, True, submitters, proposers, signup_contacts=signed_up
        )

    def work(cur: Unit) -> RetentionReport:
        scheduled = contacts.mark_retention(cur, keep, day)
        deleted = contacts.delete_due(cur, day)
        submitters = proposal_contacts.delete_due(cur, keep, day)
        proposers = idea_contacts.delete_due(cur, keep, day)
        signed_up = contacts.delete_due_signups(cur, keep, day)
        audit.append(
            cur,
            caller.actor,
            "privacy.retention",
            "resident_contact",
            payload={"days": keep, "today": day.isoformat(), "deleted": deleted,
                     "proposal_contacts_deleted": submitters,
                     "idea_contacts_deleted": proposers,
                     "signup_contacts_deleted": signed_up},
        )  # fmt: skip
        return RetentionReport(
            keep, day, scheduled, deleted, False, submitters, proposers, signup_contacts=signed_up
        )

    return store.write(work)


def erase_contact(
    store: Store, caller: Caller, resident_id: int, reference: str | None = None
) -> None:
    """Erase one resident's name and address at their request, for good: the erasure is
    remembered by the resident's number, and register imports skip their contact fields.
    The phone numbers and e-mail addresses they left when signing up online go too, and
    so does the link between them and a voting code of a running vote (the code still works).

    Organisers of the resident's neighbourhood (and the system, for the CLI) only. The
    audit event names the neighbourhood and the request's reference (a case number,
    never a name), not the resident.
    """
    _may_erase(caller, reference)

    def work(cur: Unit) -> None:
        hood = contacts.resident_neighbourhood(cur, resident_id)
        if hood is None:
            raise PrivacyError("Deze bewoner staat niet in het register.")
        if caller is not SYSTEM and not may_see_personal_data(caller, hood):
            raise PermissionDenied("U bent geen organisator voor de wijk van deze bewoner.")
        deleted = contacts.delete_contact(cur, resident_id)
        signed_up = signups.delete_for_resident(cur, resident_id)
        # A running vote's code stays valid without the link to the resident.
        vote_codes.forget_resident(cur, resident_id)
        # Remembered even when the data was already gone (the retention job deleted it):
        # the next register extract would otherwise bring it back.
        remembered = contacts.remember_erasure(cur, resident_id, clock.today())
        if not deleted and not signed_up and not remembered:
            raise PrivacyError("Van deze bewoner zijn geen contactgegevens (meer) opgeslagen.")
        audit.append(
            cur,
            caller.actor,
            "privacy.erase",
            "resident_contact",
            payload={"neighbourhood_id": hood, "reference": reference},
        )

    store.write(work)


def find_residents(
    store: Store, caller: Caller, postcode: str, house_number: str
) -> list[ContactMatch]:
    """Residents at one address, for an erasure request: organisers, their wijken only."""
    if caller.role is not Role.ORGANISER:
        raise PermissionDenied("Alleen organisatoren mogen persoonsgegevens inzien.")
    if not postcode.strip() or not house_number.strip():
        raise PrivacyError("Vul een postcode en een huisnummer in.")
    with store.read() as cur:
        found = contacts.find_by_address(cur, postcode, house_number, caller.neighbourhood_ids)
    return [m for m in found if may_see_personal_data(caller, m.neighbourhood_id)]


def find_proposal_contacts(store: Store, caller: Caller, query: str) -> list[ProposalContact]:
    """Submitters of proposals by e-mail address, phone number or part of the name, for an
    erasure request: organisers, their wijken only. The search is audited (how many were
    found, never what was searched for)."""
    return _find(store, caller, query, proposal_contacts.TABLE)


def _find(store: Store, caller: Caller, query: str, table: ContactTable[Row]) -> list[Row]:
    """The contacts of `table` that `query` finds in the caller's wijken; the audit event
    counts them and names their records (e.g. proposal_ids), never what was searched for."""
    _may_search(caller, query)

    def work(cur: Unit) -> list[Row]:
        found = table.find(cur, query, caller.neighbourhood_ids)
        shown = [c for c in found if may_see_personal_data(caller, c.neighbourhood_id)]
        audit.append(
            cur,
            caller.actor,
            "privacy.lookup",
            table.table,
            payload={"found": len(shown), f"{table.key}s": [getattr(c, table.key) for c in shown]},
        )
        return shown

    return store.write(work)


def _may_search(caller: Caller, query: str) -> None:
    """A search for someone's contact is an organiser's, on at least 3 characters."""
    if caller.role is not Role.ORGANISER:
        raise PermissionDenied("Alleen organisatoren mogen persoonsgegevens inzien.")
    if len(" ".join(query.split())) < 3:
        raise PrivacyError("Vul een e-mailadres, telefoonnummer of naam in (minstens 3 tekens).")


def _may_erase(caller: Caller, reference: str | None) -> None:
    """An erasure is an organiser's (or the system's), with a case number, never a name."""
    if caller is not SYSTEM and caller.role is not Role.ORGANISER:
        raise PermissionDenied("Alleen organisatoren mogen persoonsgegevens wissen.")
    if reference is not None and not REFERENCE.match(reference):
        raise PrivacyError(
            "Het kenmerk van het verzoek is een zaaknummer: letters, cijfers en / _ . - "
            "(hoogstens 40 tekens), nooit een naam."
        )


def erase_proposal_contact(
    store: Store, caller: Caller, proposal_id: int, reference: str | None = None
) -> None:
    """Erase the contact of a proposal's submitter at their request; the proposal itself
    stays (it is a public record once decided on). Organisers of its neighbourhood (and
    the system) only; the audit event names the proposal, the neighbourhood and the
    request's case number, never the person."""
    _erase(store, caller, proposal_contacts.TABLE, proposal_id, reference, "voorstel")


def _erase(
    store: Store,
    caller: Caller,
    table: ContactTable[Row],
    owner_id: int,
    reference: str | None,
    record: str,  # in Dutch: voorstel, idee
) -> None:
    _may_erase(caller, reference)

    def work(cur: Unit) -> None:
        found = table.contact(cur, owner_id)
        if found is None:
            raise PrivacyError(f"Van dit {record} zijn geen contactgegevens (meer) opgeslagen.")
        if caller is not SYSTEM and not may_see_personal_data(caller, found.neighbourhood_id):
            raise PermissionDenied(f"U bent geen organisator voor de wijk van dit {record}.")
        table.delete(cur, owner_id)
        audit.append(
            cur,
            caller.actor,
            "privacy.erase",
            table.table,
            owner_id,
            {"neighbourhood_id": found.neighbourhood_id, "reference": reference},
        )

    store.write(work)


def find_idea_contacts(store: Store, caller: Caller, query: str) -> list[IdeaContact]:
    """Whoever proposed an idea, by e-mail address, phone number or part of the name, for
    an erasure request: organisers, their wijken only. The search is audited (how many
    were found, never what was searched for)."""
    return _find(store, caller, query, idea_contacts.TABLE)


def erase_idea_contact(
    store: Store, caller: Caller, idea_id: int, reference: str | None = None
) -> None:
    """Erase the contact of whoever proposed an idea, at their request; the idea itself
    stays. Organisers of its neighbourhood (and the system) only; the audit event names
    the idea, the neighbourhood and the request's case number, never the person."""
    _erase(store, caller, idea_contacts.TABLE, idea_id, reference, "idee")
