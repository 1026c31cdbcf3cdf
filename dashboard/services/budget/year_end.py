"""The year end: money not allocated carries over or returns, by each budget's rule."""

from __future__ import annotations

from datetime import date

from dashboard.domain import ledger
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.services.budget.common import booking, require_organiser_role
from dashboard.store import audit, budget
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


def close_year(
    store: Store, caller: Caller, neighbourhood_id: int, year: int, today: date | None = None
) -> list[int]:
    """Book the year end: unallocated money carries over or returns, by each budget's rule."""
    require_organiser_role(caller)
    if year >= (today or clock.today()).year:
        raise UserError(f"Het jaar {year} is nog niet voorbij; afsluiten kan vanaf 1 januari.")

    def work(cur: Unit, books: Books) -> list[int]:
        created = []
        for plan in ledger.plan_year_end(books, neighbourhood_id, year):
            for row in ledger.closing_rows(books, plan):
                created.append(
                    budget.add_envelope(
                        cur,
                        row.neighbourhood_id,
                        row.year,
                        row.source,
                        row.amount,
                        row.description,
                        clock.utc_naive_now(),
                        row.year_end_rule,
                        row.carried_from_id,
                    )
                )
        audit.append(
            cur,
            caller.actor,
            "budget.close_year",
            "neighbourhood",
            neighbourhood_id,
            {"year": year, "rows": len(created)},
        )
        return created

    return booking(store, caller, neighbourhood_id, work)
