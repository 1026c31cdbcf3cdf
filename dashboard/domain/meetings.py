"""A council meeting's record: who attended, and its minutes (notulen) in versions.

The attendance list and a decision's count of members present tell the same story: a
member can leave before a vote, so a decision may count fewer members than the list, but
never more. Minutes are a draft until published; after that a correction is a new
version with its reason, and published versions are never changed: each keeps the count
of members present it was published with. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from dashboard.domain.errors import UserError

MINUTES_MAX = 20_000


@dataclass(frozen=True)
class MinutesVersion:
    id: int
    meeting_id: int
    version: int
    text: str
    correction_reason: str | None
    written_at: datetime
    written_by: str
    published_at: datetime | None
    published_by: str | None
    members_present: int | None  # the attendance list's count when published

    @property
    def published(self) -> bool:
        return self.published_at is not None


def check_held(held_on: date, today: date) -> None:
    """Attendance and minutes belong to a meeting that has taken place."""
    if held_on > today:
        raise UserError(
            f"Deze vergadering is pas op {held_on:%d-%m-%Y}. Een presentielijst en notulen "
            "kunnen vanaf die dag."
        )


def check_hours(starts_at: time | None, ends_at: time | None) -> None:
    """A meeting's time of day: a start, and an end (if any) after it."""
    if starts_at is None and ends_at is not None:
        raise UserError("Vul ook in hoe laat de vergadering begint.")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise UserError("De vergadering moet later eindigen dan ze begint.")


def check_change(
    held_on: date,
    status: str,
    today: date,
    new_day: date,
    kept: tuple[bool, bool, bool],
) -> None:
    """A planned meeting can move (another day, time or place) until it takes place.

    `kept`: whether the meeting has an attendance list, minutes and decisions. Any of
    them means it took place, as does its day having passed: then what was recorded stays
    as it was. The new day is today or later."""
    attended, minutes, decided = kept
    if minutes:
        raise UserError(
            "Deze vergadering heeft al notulen: ze is gehouden, dus de datum, tijd en plaats "
            "blijven zoals ze waren. Plan een nieuwe vergadering als de raad opnieuw bijeenkomt."
        )
    if status == "gehouden" or attended or decided:
        raise UserError(
            f"Deze vergadering is al gehouden ({held_on:%d-%m-%Y}): de datum, tijd en plaats "
            "blijven zoals ze waren. Plan een nieuwe vergadering als de raad opnieuw bijeenkomt."
        )
    if held_on < today:
        raise UserError(
            f"De dag van deze vergadering ({held_on:%d-%m-%Y}) is voorbij. Leg vast wie er "
            "was, of plan een nieuwe vergadering."
        )
    if new_day < today:
        raise UserError(
            f"Een vergadering kan niet naar een dag die al voorbij is ({new_day:%d-%m-%Y}). "
            "Kies vandaag of later."
        )


def check_attendance(chosen: set[int], seated: set[int], present_at_decisions: list[int]) -> None:
    """Only members seated on the meeting's day attend, and at least as many as any
    decision of the meeting counted."""
    strangers = chosen - seated
    if strangers:
        raise UserError(
            "Op de presentielijst staan alleen leden die op de dag van de vergadering in de "
            f"raad zaten; {len(strangers)} aangevinkte zetel(s) hoorden daar niet bij."
        )
    most = max(present_at_decisions, default=0)
    if len(chosen) < most:
        raise UserError(
            f"Bij een besluit van deze vergadering waren {most} leden aanwezig; de "
            f"presentielijst kan niet minder namen hebben ({len(chosen)} aangevinkt)."
        )


def check_present_at_decision(present: int, attended: int | None) -> None:
    """A decision counts at most the members on the attendance list, once there is one."""
    if attended is not None and present > attended:
        raise UserError(
            f"Volgens de presentielijst waren er {attended} leden bij deze vergadering; er "
            f"kunnen er bij het besluit niet {present} aanwezig zijn geweest."
        )


def check_minutes_change(versions: list[MinutesVersion], correction_reason: str) -> int:
    """The version a save writes: the draft itself, or after publishing a new version.
    Every version after the first corrects a published one and says why. `versions` are
    the meeting's, oldest first."""
    latest = versions[-1] if versions else None
    if latest is None:
        return 1
    version = latest.version + 1 if latest.published else latest.version
    if version > 1 and len(" ".join(correction_reason.split())) < 10:
        raise UserError(
            "Deze notulen zijn al gepubliceerd. Een correctie wordt een nieuwe versie: "
            "schrijf in minstens 10 tekens wat u verbetert en waarom."
        )
    return version


def draft_to_publish(versions: list[MinutesVersion], attended: int) -> MinutesVersion:
    """The draft that is published, once the attendance list is known."""
    latest = versions[-1] if versions else None
    if latest is None:
        raise UserError("Schrijf eerst de notulen en sla ze op.")
    if latest.published:
        raise UserError(
            f"Versie {latest.version} van de notulen is al gepubliceerd. Een correctie "
            "schrijft u als nieuwe versie."
        )
    if attended == 0:
        raise UserError(
            "Leg eerst de presentielijst vast: bewoners lezen bij de notulen hoeveel "
            "leden er waren."
        )
    return latest
