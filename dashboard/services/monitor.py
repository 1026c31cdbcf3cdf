"""The aldermen's monitor: every neighbourhood in one table and on a map. Staff only
(`require_staff`): it counts draft decisions too, as the ledger does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dashboard.auth import Caller, require_staff
from dashboard.money import ZERO
from dashboard.store import geography
from dashboard.store import monitor as figures
from dashboard.store.db import Store
from dashboard.store.models import Neighbourhood
from dashboard.store.monitor import LeadTimes, Overspend, ProjectPoint, StalledProposal

DEFAULT_STALLED_WEEKS = 12


@dataclass(frozen=True)
class NeighbourhoodLine:
    neighbourhood: Neighbourhood
    inhabitants: int
    budget: Decimal
    allocated: Decimal
    draft_allocated: Decimal
    spent: Decimal
    stalled: int
    overspent: int
    lead: LeadTimes | None = None

    @property
    def execution_rate(self) -> float | None:
        """Spent as a share of allocated; None without allocations."""
        return float(self.spent / self.allocated) if self.allocated > 0 else None

    def per_inhabitant(self, amount: Decimal) -> Decimal | None:
        if not self.inhabitants:
            return None
        return (amount / self.inhabitants).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class MonitorView:
    year: int
    stalled_weeks: int
    lines: list[NeighbourhoodLine]
    stalled: list[StalledProposal]
    overspends: list[Overspend]
    points: list[ProjectPoint]

    def total(self, field: str) -> Decimal:
        return sum((getattr(line, field) for line in self.lines), ZERO)


def monitor(
    store: Store, caller: Caller, year: int, stalled_weeks: int, today: date
) -> MonitorView:
    require_staff(caller)
    weeks = max(1, stalled_weeks)
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        money = figures.year_money(cur, year)
        people = figures.inhabitants(cur)
        stalled = figures.stalled_proposals(cur, today - timedelta(weeks=weeks))
        over = figures.overspends(cur)
        points = figures.project_points(cur)
        lead = figures.lead_times(cur, year)
    lines = []
    for hood in hoods:
        m = money.get(hood.id, figures.YearMoney(hood.id, ZERO, ZERO, ZERO, ZERO))
        lines.append(
            NeighbourhoodLine(
                neighbourhood=hood,
                inhabitants=people.get(hood.id, 0),
                budget=m.budget,
                allocated=m.allocated,
                draft_allocated=m.draft_allocated,
                spent=m.spent,
                stalled=sum(1 for s in stalled if s.neighbourhood_id == hood.id),
                overspent=sum(1 for o in over if o.neighbourhood_id == hood.id),
                lead=lead.get(hood.id),
            )
        )
    return MonitorView(year, weeks, lines, stalled, over, points)
