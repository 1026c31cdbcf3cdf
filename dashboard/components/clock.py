"""Moments as people in Wijkdam read them: Europe/Amsterdam, Dutch order."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sortition import clock
from sortition.clock import AMSTERDAM


def local_moment(moment: datetime, now: datetime | None = None) -> str:
    """ "14:35" today, else "24-11-2026 14:35" (naive moments are UTC, as stored)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone(AMSTERDAM)
    today = now.astimezone(AMSTERDAM).date() if now else clock.today()
    time_of_day = local.strftime("%H:%M")
    return time_of_day if local.date() == today else f"{local:%d-%m-%Y} {time_of_day}"


def local_day(moment: datetime) -> date:
    """The day of a moment in Wijkdam (naive moments are UTC, as stored)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM).date()
