"""What residents are told about an item still under way: since when nothing happened,
whether it has stalled, and what comes next with its planned date against today. The
monitor's "vastgelopen" and the residents' "staat stil" are the same rule. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# No status change, finished milestone or payment for this long: the item has stalled.
STALLED_WEEKS = 12


def quiet_since(today: date, weeks: int = STALLED_WEEKS) -> date:
    """The day before which the last activity must lie for an item to count as stalled."""
    return today - timedelta(weeks=max(1, weeks))


def is_stalled(last_activity: date, today: date, weeks: int = STALLED_WEEKS) -> bool:
    return last_activity < quiet_since(today, weeks)


def quiet_weeks(last_activity: date, today: date) -> int:
    """Whole weeks without news (0 when something happened in the last seven days)."""
    return max(0, (today - last_activity).days // 7)


@dataclass(frozen=True)
class Planned:
    """A next step with the date it is planned for (None when nobody planned it)."""

    what: str
    planned_on: date | None

    def is_late(self, today: date) -> bool:
        return self.planned_on is not None and self.planned_on < today


@dataclass(frozen=True)
class MilestonePlan:
    title: str
    due_on: date | None
    done: bool


def next_milestone(milestones: list[MilestonePlan]) -> Planned | None:
    """The first unfinished milestone: the one with the earliest planned date, then those
    without a date in their order."""
    open_ones = [m for m in milestones if not m.done]
    if not open_ones:
        return None
    first = min(open_ones, key=lambda m: (m.due_on is None, m.due_on or date.min))
    return Planned(first.title, first.due_on)


def late_milestones(milestones: list[MilestonePlan], today: date) -> int:
    """Unfinished milestones whose planned date has passed."""
    return sum(1 for m in milestones if not m.done and m.due_on is not None and m.due_on < today)
