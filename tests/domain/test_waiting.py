"""Stalled and late, as residents and the monitor are told (issue 18, item 1)."""

from __future__ import annotations

from datetime import date

from dashboard.domain import waiting
from dashboard.domain.waiting import MilestonePlan, Planned

TODAY = date(2026, 11, 23)


def test_an_item_stalls_after_twelve_quiet_weeks_not_on_the_day() -> None:
    assert waiting.quiet_since(TODAY) == date(2026, 8, 31)
    assert not waiting.is_stalled(date(2026, 8, 31), TODAY)  # exactly twelve weeks
    assert waiting.is_stalled(date(2026, 8, 30), TODAY)
    assert waiting.is_stalled(date(2026, 11, 1), TODAY, weeks=2)
    assert waiting.quiet_since(TODAY, weeks=0) == waiting.quiet_since(TODAY, weeks=1)


def test_quiet_weeks_are_whole_weeks_and_never_negative() -> None:
    assert waiting.quiet_weeks(date(2026, 11, 17), TODAY) == 0
    assert waiting.quiet_weeks(date(2026, 11, 16), TODAY) == 1
    assert waiting.quiet_weeks(date(2025, 9, 17), TODAY) == 61
    assert waiting.quiet_weeks(date(2026, 12, 1), TODAY) == 0


def test_the_next_step_is_the_earliest_planned_unfinished_milestone() -> None:
    plans = [
        MilestonePlan("Ontwerp", date(2026, 3, 1), done=True),
        MilestonePlan("Zonder datum", None, done=False),
        MilestonePlan("Bankjes plaatsen", date(2026, 12, 15), done=False),
        MilestonePlan("Aanbesteden", date(2026, 10, 1), done=False),
    ]
    step = waiting.next_milestone(plans)
    assert step == Planned("Aanbesteden", date(2026, 10, 1))
    assert step is not None and step.is_late(TODAY)
    assert waiting.late_milestones(plans, TODAY) == 1
    undated = waiting.next_milestone([MilestonePlan("Zonder datum", None, done=False)])
    assert undated == Planned("Zonder datum", None) and not undated.is_late(TODAY)
    assert waiting.next_milestone([MilestonePlan("Klaar", TODAY, done=True)]) is None
    assert not Planned("Vandaag", TODAY).is_late(TODAY)
