"""The announcement of a public ceremony: what it must say, and when it may still change.

An announcement names the moment and the place of the ceremony, how the inputs will be
chosen, and the fingerprint of the list of possible councils. It is made for a moment to
come, and it is fixed once the ceremony is done or its announced moment has passed:
what was promised beforehand must stay readable afterwards. (When the list itself is
made again, its new fingerprint needs a new announcement.) Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dashboard.domain.errors import UserError
from sortition.clock import AMSTERDAM

MAX_PLACE = 200
MIN_METHOD = 10
MAX_METHOD = 500
AHEAD = timedelta(days=366)  # an announcement further ahead is a typing error
FIELDS = ("held_at", "location", "input_method")


@dataclass(frozen=True)
class AnnouncementText:
    """What the organiser announces; `held_at` in UTC, naive (as stored)."""

    held_at: datetime
    location: str
    input_method: str


def announcement_text(
    day: date, time_of_day: time, location: str, input_method: str, now: datetime
) -> AnnouncementText:
    """The announcement as typed (day and time in Amsterdam), checked; UserError says what
    to change. `now` is aware."""
    place = " ".join(str(location).split())
    method = " ".join(str(input_method).split())
    if not place:
        raise UserError(
            "Vul in waar de trekking is, bijvoorbeeld: Wijkcentrum De Ster, grote zaal."
        )
    if len(place) > MAX_PLACE:
        raise UserError(f"De plaats is te lang: hoogstens {MAX_PLACE} tekens.")
    if len(method) < MIN_METHOD:
        raise UserError(
            "Schrijf op hoe de getallen worden gekozen, bijvoorbeeld: drie mensen uit de zaal "
            "noemen elk een getal van 1 tot 1000."
        )
    if len(method) > MAX_METHOD:
        raise UserError(
            f"De uitleg hoe de getallen worden gekozen is te lang: hoogstens {MAX_METHOD} tekens."
        )
    moment = datetime.combine(day, time_of_day, tzinfo=AMSTERDAM)
    if moment <= now:
        raise UserError(
            "Kies een datum en tijd die nog moeten komen: de aankondiging is vóór de trekking."
        )
    if moment > now + AHEAD:
        raise UserError("Kies een datum binnen een jaar.")
    return AnnouncementText(moment.astimezone(UTC).replace(tzinfo=None), place, method)


def changed_fields(before: AnnouncementText | None, after: AnnouncementText) -> list[str]:
    """Which of FIELDS differ (all of them for a first announcement)."""
    if before is None:
        return list(FIELDS)
    return [name for name in FIELDS if getattr(before, name) != getattr(after, name)]


def change_refusal(
    revealed: bool, announced_at: datetime | None, same_list: bool, now: datetime
) -> str | None:
    """Why the announcement can no longer change; None when it can. `announced_at` is the
    latest announcement's moment (naive UTC; None: none yet), `same_list` whether it names
    the draw's current fingerprint, `now` aware."""
    if revealed:
        return (
            "De trekking is al gedaan. Daarna verandert de aankondiging niet meer: zo kan "
            "iedereen zien wat vooraf was beloofd."
        )
    if announced_at is not None and same_list and announced_at.replace(tzinfo=UTC) <= now:
        return (
            "Het aangekondigde moment van de trekking is voorbij; de aankondiging verandert "
            "daarna niet meer. Gaat de trekking niet door? Maak dan de voorbereiding ongedaan "
            "en kondig de nieuwe trekking aan."
        )
    return None
