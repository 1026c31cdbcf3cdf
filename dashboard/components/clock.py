"""Moments as people in Wijkdam read them: Europe/Amsterdam, Dutch order."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_moment(moment: datetime, now: datetime | None = None) -> str:
    """ "14:35" today, else "24-11-2026 14:35" (naive moments are UTC, as stored)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone(AMSTERDAM)
    today = (now or datetime.now(UTC)).astimezone(AMSTERDAM).date()
    clock = local.strftime("%H:%M")
    return clock if local.date() == today else f"{local:%d-%m-%Y} {clock}"
