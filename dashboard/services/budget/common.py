"""What every use case of the household book shares: the caller check, the booking
(one locked transaction on fresh books), the books read from the store, and the
checks of typed text and dates.

Each write runs in one transaction that first locks the neighbourhood's books
(`budget.lock_neighbourhood`), re-reads them, checks the ledger's rules, appends rows and
an audit event. A concurrent booking conflicts on the lock and is retried on fresh books,
so two sessions can neither double-book nor overspend together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from dashboard.domain import geo
from dashboard.domain.auth import SYSTEM, Caller, Role, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import AllocationRow, Books, EnvelopeRow, SpendingRow
from dashboard.domain.models import Proposal
from dashboard.store import budget, council, geography, proposals
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

T = TypeVar("T")


def load_books(cur: Unit, neighbourhood_id: int) -> Books:
    allocations = budget.allocations_for_neighbourhood(cur, neighbourhood_id)
    return Books(
        envelopes=tuple(
            EnvelopeRow(
                e.id,
                e.neighbourhood_id,
                e.year,
                e.source,
                e.amount,
                e.year_end_rule,
                e.carried_from_id,
            )
            for e in budget.envelopes(cur, neighbourhood_id)
        ),
        allocations=tuple(
            AllocationRow(
                a.id, a.proposal_id, a.envelope_id, a.decision_id, a.amount, a.reverses_id
            )
            for a in allocations
        ),
        spending=tuple(
            SpendingRow(s.id, s.allocation_id, s.amount, s.reference, s.reverses_id)
            for s in budget.spending_for_neighbourhood(cur, neighbourhood_id)
        ),
    )


def require_organiser_role(caller: Caller) -> None:
    """Before looking at the input: only organisers book. Which neighbourhood they may
    book for is checked once the neighbourhood is known."""
    if caller is not SYSTEM and caller.role is not Role.ORGANISER:
        require_organiser(caller, -1)


def load_books_for(store: Store, neighbourhood_id: int) -> Books:
    with store.read() as cur:
        return load_books(cur, neighbourhood_id)


def booking(
    store: Store, caller: Caller, neighbourhood_id: int, work: Callable[[Unit, Books], T]
) -> T:
    """Run one booking for a neighbourhood: authorised, locked, on fresh books."""
    require_organiser(caller, neighbourhood_id)

    def attempt(cur: Unit) -> T:
        budget.lock_neighbourhood(cur, neighbourhood_id)
        return work(cur, load_books(cur, neighbourhood_id))

    return store.write(attempt)


def clean_text(value: str, label: str, minimum: int = 1, maximum: int = 5000) -> str:
    cleaned = " ".join(value.split()) if "\n" not in value else value.strip()
    # "een titel" starts a sentence as "Een titel", "De motivering" follows "Vul" as "de".
    subject, item = label[:1].upper() + label[1:], label[:1].lower() + label[1:]
    if len(cleaned) < minimum:
        raise UserError(
            f"Vul {item} in."
            if minimum == 1 or not cleaned
            else f"{subject} is te kort (minstens {minimum} tekens)."
        )
    if len(cleaned) > maximum:
        raise UserError(f"{subject} is te lang (hoogstens {maximum} tekens).")
    return cleaned


def not_future(day: date, label: str, today: date | None = None) -> date:
    if day > (today or clock.today()):
        raise UserError(f"{label} ligt in de toekomst ({day:%d-%m-%Y}); dat kan niet.")
    return day


def place_of(
    cur: Unit,
    neighbourhood_id: int,
    part_id: int | None,
    location: tuple[float, float] | None,
) -> int | None:
    """The buurt of a proposal or an idea: as chosen, or the one its map point lies in.
    The point lies in the neighbourhood, and in the chosen buurt."""
    parts = {p.id: p for p in geography.neighbourhood_parts(cur, neighbourhood_id)}
    if part_id is not None and part_id not in parts:
        raise UserError("Kies een buurt van deze wijk.")
    if location is None:
        return part_id
    lat, lon = location
    hood = geography.neighbourhood(cur, neighbourhood_id)
    if hood is None:
        raise UserError(f"Wijk {neighbourhood_id} bestaat niet.")
    if not geo.contains(hood.polygon_geojson, lat, lon):
        raise UserError(
            f"De plek {lat:.5f}, {lon:.5f} ligt niet in {hood.name}. Kies een plek binnen de "
            "wijk: klik op de kaart, of laat de plek leeg."
        )
    inside = next((p for p in parts.values() if geo.contains(p.polygon_geojson, lat, lon)), None)
    if part_id is None:
        return None if inside is None else inside.id
    if inside is not None and inside.id != part_id:
        raise UserError(
            f"De plek ligt in {inside.name}, niet in {parts[part_id].name}. Kies de "
            "buurt van de plek, of een andere plek."
        )
    return part_id


def proposal_of(cur: Unit, proposal_id: int) -> Proposal:
    found = proposals.proposal(cur, proposal_id)
    if found is None:
        raise UserError(f"Voorstel {proposal_id} bestaat niet.")
    return found


def neighbourhood_of_proposal(store: Store, proposal_id: int) -> int:
    with store.read() as cur:
        return proposal_of(cur, proposal_id).neighbourhood_id


def council_neighbourhood(store: Store, council_id: int) -> int:
    with store.read() as cur:
        ids = council.council_neighbourhood_ids(cur, council_id)
    if not ids:
        raise UserError(f"Wijkraad {council_id} bestaat niet.")
    return ids[0]
