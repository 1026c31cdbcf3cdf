"""Public overview: neighbourhoods and their budget figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from dashboard.domain.ledger import CARRY_SOURCE, RETURN_SOURCE
from dashboard.domain.models import (
    BudgetEnvelope,
    BudgetSummary,
    Neighbourhood,
    NeighbourhoodPart,
)
from dashboard.domain.money import ZERO
from dashboard.store import budget, geography
from dashboard.store.db import Store, open_existing_store
from sortition import clock


def open_database(path: Path | str) -> Store:
    """Open the existing database (a DuckDB file, or a postgresql:// address); a missing
    file raises DatabaseMissingError and nothing is created (the demo municipality is made
    only on purpose: scripts/run.sh, data.generate)."""
    return open_existing_store(path)


@dataclass(frozen=True)
class YearEnd:
    """What became of a year's money that no decision allocated."""

    over: bool  # the year has ended (today is in a later year)
    carried: Decimal  # closed towards the next year
    returned: Decimal  # closed back to where it came from
    left: Decimal  # still unallocated

    @property
    def unclosed(self) -> bool:
        """The year is over but its unallocated money has not been closed yet."""
        return self.over and self.left > 0


@dataclass(frozen=True)
class NeighbourhoodBudget:
    neighbourhood: Neighbourhood
    summary: BudgetSummary
    envelopes: list[BudgetEnvelope]
    year_end: YearEnd


def neighbourhoods(store: Store) -> list[Neighbourhood]:
    with store.read() as cur:
        return geography.neighbourhoods(cur)


def budget_years(store: Store) -> list[int]:
    with store.read() as cur:
        return budget.budget_years(cur)


def default_year(years: list[int]) -> int:
    """This year when there is a budget for it, else the latest year with one."""
    this_year = clock.today().year
    return this_year if this_year in years else max(years, default=this_year)


def neighbourhood_budget(
    store: Store, neighbourhood_id: int, year: int, today: date
) -> NeighbourhoodBudget:
    with store.read() as cur:
        hood = geography.neighbourhood(cur, neighbourhood_id)
        if hood is None:
            raise LookupError(f"no neighbourhood with id {neighbourhood_id}")
        summary = budget.budget_summary(cur, neighbourhood_id, year)
        envelopes = budget.envelopes(cur, neighbourhood_id, year)
    closed = {
        source: -sum((e.amount for e in envelopes if e.source == source and e.amount < 0), ZERO)
        for source in (CARRY_SOURCE, RETURN_SOURCE)
    }
    year_end = YearEnd(
        over=year < today.year,
        carried=closed[CARRY_SOURCE],
        returned=closed[RETURN_SOURCE],
        left=summary.remaining,
    )
    return NeighbourhoodBudget(hood, summary, envelopes, year_end)


def neighbourhood_parts(store: Store, neighbourhood_id: int) -> list[NeighbourhoodPart]:
    with store.read() as cur:
        return geography.neighbourhood_parts(cur, neighbourhood_id)
