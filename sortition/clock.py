"""The one clock of Wijkraad: "now" and "today" as people in the municipality read them
(Europe/Amsterdam).

Every page, service, command and generator asks this module, never `date.today()` or
`datetime.now()`, so that one setting moves all of them: `WIJKRAAD_TODAY=YYYY-MM-DD` runs
a demonstration (and the test suite) on a fixed day, the time of day still running. It
lives in `sortition`, the lowest layer, because the sortition command line needs today
too and must not import the dashboard.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIXED_DAY = "WIJKRAAD_TODAY"


class ClockError(ValueError):
    """WIJKRAAD_TODAY is not a date."""


def fixed_day() -> date | None:
    """The day WIJKRAAD_TODAY names, or None when the real day counts."""
    value = os.environ.get(FIXED_DAY, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{FIXED_DAY} must be a date as YYYY-MM-DD, not {value!r}") from None


def local_now() -> datetime:
    """Now in Europe/Amsterdam (aware). On a fixed day: that day at the real time of day."""
    real = datetime.now(AMSTERDAM)
    day = fixed_day()
    if day is None:
        return real
    return datetime.combine(day, real.timetz())


def now() -> datetime:
    """Now as an aware UTC moment."""
    return local_now().astimezone(UTC)


def utc_naive_now() -> datetime:
    """Now as the database stores moments: naive UTC."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date in Europe/Amsterdam (between 00:00 and 01:00 or 02:00 local time,
    UTC still says yesterday)."""
    return local_now().date()
