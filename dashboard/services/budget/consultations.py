"""Consultations: a wijkpanel poll or a neighbourhood vote that informs a decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.money import parse_amount
from dashboard.services.budget.common import booking, clean_text, require_organiser_role
from dashboard.store import audit, council
from dashboard.store.db import Store
from dashboard.store.unit import Unit

CONSULTATION_KINDS = ("peiling", "stemming", "bijeenkomst")


def record_consultation(
    store: Store,
    caller: Caller,
    neighbourhood_id: int,
    kind: str,
    question: str,
    opens_on: date,
    closes_on: date,
    participants: int,
    options: list[tuple[str, int]],
    amount: str | Decimal | None = None,
) -> int:
    """A wijkpanel poll or a neighbourhood vote, counts entered by hand (paper ballots)."""
    require_organiser_role(caller)
    if kind not in CONSULTATION_KINDS:
        raise UserError(f"Kies het soort raadpleging: {', '.join(CONSULTATION_KINDS)}.")
    text = clean_text(question, "de vraag", maximum=500)
    if closes_on < opens_on:
        raise UserError("De raadpleging kan niet sluiten voordat ze opent.")
    if participants < 0 or any(votes < 0 for _, votes in options):
        raise UserError("Aantallen kunnen niet negatief zijn.")
    labels = [clean_text(label, "de naam van elke keuze", maximum=200) for label, _ in options]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise UserError("Geef minstens twee verschillende keuzes.")
    value = None if amount in (None, "") else parse_amount(amount)

    def work(cur: Unit, books: Books) -> int:
        consultation_id = council.add_consultation(
            cur,
            neighbourhood_id,
            kind,
            text,
            opens_on,
            closes_on,
            participants,
            [(label, votes, None) for label, (_, votes) in zip(labels, options, strict=True)],
            amount=value,
        )
        audit.append(
            cur,
            caller.actor,
            "consultation.record",
            "consultation",
            consultation_id,
            {"kind": kind, "participants": participants},
        )
        return consultation_id

    return booking(store, caller, neighbourhood_id, work)
