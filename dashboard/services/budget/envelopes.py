"""Budgets (envelopes): money a neighbourhood gets for a year, from a source."""

from __future__ import annotations

from decimal import Decimal

from dashboard.domain import ledger
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.money import parse_amount
from dashboard.services.budget.common import booking, clean_text, require_organiser_role
from dashboard.store import audit, budget
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


def add_envelope(
    store: Store,
    caller: Caller,
    neighbourhood_id: int,
    year: int,
    source: str,
    amount: str | Decimal,
    description: str,
    year_end_rule: str = ledger.YearEndRule.CARRY_OVER,
) -> int:
    require_organiser_role(caller)
    value = parse_amount(amount)
    ledger.check_envelope(value, source)
    text = clean_text(description, "een omschrijving")
    if not 2000 <= year <= 2100:
        raise UserError(f"{year} is geen geldig jaar.")
    if year_end_rule not in tuple(ledger.YearEndRule):
        raise UserError("Kies wat er aan het eind van het jaar met het geld gebeurt.")

    def work(cur: Unit, books: Books) -> int:
        envelope_id = budget.add_envelope(
            cur, neighbourhood_id, year, source, value, text, clock.utc_naive_now(), year_end_rule
        )
        audit.append(
            cur,
            caller.actor,
            "budget.envelope",
            "budget_envelope",
            envelope_id,
            {
                "neighbourhood_id": neighbourhood_id,
                "year": year,
                "source": source,
                "amount": str(value),
            },
        )
        return envelope_id

    return booking(store, caller, neighbourhood_id, work)
