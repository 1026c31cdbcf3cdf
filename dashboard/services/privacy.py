"""Use cases for residents' personal data: the retention rule, erasure on request, and
finding one resident's record. Names and addresses never enter the audit log."""

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
from dashboard.store import audit
from dashboard.store import privacy as contacts
from dashboard.store.db import Store
from dashboard.store.privacy import ContactMatch
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


def apply_retention(
    store: Store,
    caller: Caller,
    days: int | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> RetentionReport:
    """Delete the contact data of residents invited in a draw but not selected, `days`
    after the draw (or their seat) ended, and set `delete_after` for the rest of the
    invited. With `dry_run` only count. Administrators (and the system) only."""
    require_administrator(caller)
    keep = retention_days() if days is None else days
    if keep < 0 or keep > 3650:
        raise PrivacyError("De bewaartermijn is 0 tot 3650 dagen.")
    day = today or clock.today()
    if dry_run:
        with store.read() as cur:
            due = contacts.count_due(cur, keep, day)
        return RetentionReport(keep, day, due, 0, True)

    def work(cur: Unit) -> RetentionReport:
        scheduled = contacts.mark_retention(cur, keep, day)
        deleted = contacts.delete_due(cur, day)
        audit.append(
            cur,
            caller.actor,
            "privacy.retention",
            "resident_contact",
            payload={"days": keep, "today": day.isoformat(), "deleted": deleted},
        )
        return RetentionReport(keep, day, scheduled, deleted, False)

    return store.write(work)


def erase_contact(
    store: Store, caller: Caller, resident_id: int, reference: str | None = None
) -> None:
    """Erase one resident's name and address at their request, for good: the erasure is
    remembered by the resident's number, and register imports skip their contact fields.

    Organisers of the resident's neighbourhood (and the system, for the CLI) only. The
    audit event names the neighbourhood and the request's reference (a case number,
    never a name), not the resident.
    """
    if caller is not SYSTEM and caller.role is not Role.ORGANISER:
        raise PermissionDenied("Alleen organisatoren mogen persoonsgegevens wissen.")
    if reference is not None and not REFERENCE.match(reference):
        raise PrivacyError(
            "Het kenmerk van het verzoek is een zaaknummer: letters, cijfers en / _ . - "
            "(hoogstens 40 tekens), nooit een naam."
        )

    def work(cur: Unit) -> None:
        hood = contacts.resident_neighbourhood(cur, resident_id)
        if hood is None:
            raise PrivacyError("Deze bewoner staat niet in het register.")
        if caller is not SYSTEM and not may_see_personal_data(caller, hood):
            raise PermissionDenied("U bent geen organisator voor de wijk van deze bewoner.")
        deleted = contacts.delete_contact(cur, resident_id)
        # Remembered even when the data was already gone (the retention job deleted it):
        # the next register extract would otherwise bring it back.
        remembered = contacts.remember_erasure(cur, resident_id, clock.today())
        if not deleted and not remembered:
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
