"""Project progress: milestones with what residents notice of them, and the progress
in percent of every project."""

from __future__ import annotations

from datetime import date

from dashboard.domain import progress
from dashboard.domain.auth import Caller, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.ledger import Books
from dashboard.domain.statuses import DECIDED
from dashboard.files.photos import save_photo
from dashboard.services.budget.common import (
    booking,
    clean_text,
    load_books,
    neighbourhood_of_proposal,
    proposal_of,
    require_organiser_role,
)
from dashboard.store import audit, proposals
from dashboard.store import public as public_records
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock

MILESTONE_STATUSES = ("gepland", "bezig", "klaar")


def add_milestone(
    store: Store,
    caller: Caller,
    proposal_id: int,
    title: str,
    due_on: date | None,
    noticeable: str,
    status: str = "gepland",
    progress_pct: int | None = None,
    photo: bytes | None = None,
) -> int:
    require_organiser_role(caller)
    name = clean_text(title, "een titel", maximum=200)
    notice = clean_text(noticeable, "wat bewoners ervan merken", maximum=1000)
    if status not in MILESTONE_STATUSES:
        raise UserError(f"Kies een status: {', '.join(MILESTONE_STATUSES)}.")
    if progress_pct is not None and not 0 <= progress_pct <= 100:
        raise UserError("De voortgang is een percentage van 0 tot en met 100.")
    if status == "klaar" and progress_pct not in (None, 0, 100):
        # A finished milestone counts 100; the typed figure was dropped without a word.
        raise UserError(
            f"Een mijlpaal die klaar is, telt voor 100%, niet voor {progress_pct}%. Is de "
            f"mijlpaal voor {progress_pct}% af, kies dan de status 'bezig'."
        )
    require_organiser(caller, neighbourhood_of_proposal(store, proposal_id))
    photo_name = save_photo(photo) if photo else None  # content-named: safe to keep if refused

    def work(cur: Unit, books: Books) -> int:
        proposal = proposal_of(cur, proposal_id)
        if proposal.status not in DECIDED:
            raise UserError("Mijlpalen horen bij projecten waarover besloten is.")
        done = clock.today() if status == "klaar" else None
        pct = 100 if status == "klaar" else progress_pct
        milestone_id = proposals.add_milestone(
            cur, proposal_id, name, due_on, status, notice, pct, photo_name, done_on=done
        )
        audit.append(
            cur,
            caller.actor,
            "milestone.add",
            "milestone",
            milestone_id,
            {"proposal_id": proposal_id, "status": status},
        )
        return milestone_id

    return booking(store, caller, neighbourhood_of_proposal(store, proposal_id), work)


def progress_of(cur: Unit, neighbourhood_id: int) -> dict[int, int]:
    """Progress of every project of a neighbourhood, with two queries."""
    books = load_books(cur, neighbourhood_id)
    found = proposals.proposals_for_neighbourhood(cur, neighbourhood_id)
    milestones: dict[int, list[progress.MilestoneState]] = {}
    for line in public_records.milestones_of_projects(cur, [p.id for p in found]):
        milestones.setdefault(line.proposal_id, []).append(
            progress.MilestoneState(line.status, line.progress_pct)
        )
    return progress.progress_by_project(
        [
            progress.ProjectState(p.id, p.status, p.parent_id, books.allocated_to(p.id))
            for p in found
        ],
        milestones,
    )
