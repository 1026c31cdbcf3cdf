"""A project with money, booked through the budget book's services as an organiser would:
the starting point of the import, crash, concurrency and export tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.auth import Caller, Role
from dashboard.services.budget.decisions import DecisionInput, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.proposals import ProposalInput, submit_proposal
from dashboard.store import council, proposals
from dashboard.store.db import Store

ORGANISER = Caller("organisator", Role.ORGANISER, None)
TODAY = date(2026, 11, 23)
RATIONALE = "Een goed plan voor de buurt, iedereen was voor."


@dataclass(frozen=True)
class Council:
    """Neighbourhood 1's council, its latest past meeting and a theme."""

    council_id: int
    meeting_id: int
    theme_id: int

    def decision(
        self,
        proposal_id: int,
        amount: str,
        envelope_id: int,
        kind: str = "toekennen",
        rationale: str = RATIONALE,
    ) -> DecisionInput:
        return DecisionInput(self.council_id, self.meeting_id, kind, 9, 0, 0, 9, rationale,
                                  proposal_id=proposal_id, amount=amount,
                                  envelope_id=envelope_id)  # fmt: skip

    def proposal(self, store: Store, title: str = "Speeltuin", caller: Caller = ORGANISER) -> int:
        return submit_proposal(
            store, caller,
            ProposalInput(1, title, "Een plan voor de buurt.", "bewoner", "1.000",
                               [self.theme_id], council_id=self.council_id),
        )  # fmt: skip


@dataclass(frozen=True)
class Project:
    proposal_id: int
    external_ref: str
    envelope_id: int


def neighbourhood_council(store: Store) -> Council:
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, 1)[0].id
        meeting = next(m for m in reversed(council.meetings(cur, council_id))
                       if m.held_on <= TODAY)  # fmt: skip
        theme = next(iter(proposals.themes(cur)))
    return Council(council_id, meeting.id, theme)


def funded_project(
    store: Store, budget: str, allocated: str, title: str = "Speeltuin", theme: int | None = None
) -> Project:
    """A new budget of neighbourhood 1 in 2026 and a project with `allocated` of it."""
    seat = neighbourhood_council(store)
    if theme is not None:
        seat = Council(seat.council_id, seat.meeting_id, theme)
    envelope = add_envelope(store, ORGANISER, 1, 2026, "fonds", budget, "Testbudget")
    proposal_id = seat.proposal(store, title)
    record_decision(store, ORGANISER, seat.decision(proposal_id, allocated, envelope))
    with store.read() as cur:
        ref = proposals.proposal(cur, proposal_id).external_ref  # type: ignore[union-attr]
    return Project(proposal_id, ref, envelope)
