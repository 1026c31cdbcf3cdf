"""How a neighbourhood council decides: the kinds of decision, the vote count, the quorum
and the majority, and what a decision does to the proposal it is about. Every rule raises
`UserError` with the Dutch message the organiser reads. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain.errors import UserError
from dashboard.domain.money import parse_amount
from dashboard.domain.statuses import UNDECIDED, ProposalStatus, path_to

DECISION_KINDS = ("toekennen", "bijstellen", "afwijzen", "overig")
MONEY_KINDS = ("toekennen", "bijstellen")  # these book an amount from a budget
CONSULTATION_METHODS = ("wijkpanel", "bijeenkomst", "stemming", "geen")


def quorum_for(seats_drawn: int, seats_appointed: int) -> int:
    """A new council's quorum: more than half of its seats."""
    return (seats_drawn + seats_appointed) // 2 + 1


@dataclass(frozen=True)
class Votes:
    """The count of one vote in a council meeting."""

    in_favour: int
    against: int
    abstain: int
    present: int

    @property
    def cast(self) -> int:
        return self.in_favour + self.against + self.abstain

    @property
    def passed(self) -> bool:
        """A simple majority of the votes cast for or against: abstentions do not count."""
        return self.in_favour > self.against

    def as_tuple(self) -> tuple[int, int, int]:
        return self.in_favour, self.against, self.abstain

    def check(self) -> None:
        """No negative numbers, and every member present voted (or abstained)."""
        if min(self.in_favour, self.against, self.abstain, self.present) < 0:
            raise UserError("Aantallen stemmen en aanwezigen kunnen niet negatief zijn.")
        if self.cast != self.present:
            raise UserError(
                f"Voor ({self.in_favour}) + tegen ({self.against}) + onthouding "
                f"({self.abstain}) = {self.cast}, maar er waren {self.present} "
                "leden aanwezig. Tel opnieuw."
            )

    def check_attendance(self, seats: int, quorum: int) -> None:
        """No more present than the council has seats, and at least the quorum."""
        if self.present > seats:
            raise UserError(
                f"Er waren {self.present} aanwezigen, maar de raad heeft {seats} zetels."
            )
        if self.present < quorum:
            raise UserError(
                f"Het quorum is niet gehaald: {self.present} leden aanwezig, "
                f"{quorum} nodig. Zonder quorum kan de raad niet besluiten."
            )


def check_kind(kind: str) -> None:
    if kind not in DECISION_KINDS:
        raise UserError(f"Kies het soort besluit: {', '.join(DECISION_KINDS)}.")


def check_consultation_method(method: str) -> None:
    if method not in CONSULTATION_METHODS:
        raise UserError("Kies hoe bewoners vooraf zijn geraadpleegd.")


def check_subject(
    kind: str, proposal_id: int | None, amount: str | Decimal | None, envelope_id: int | None
) -> Decimal | None:
    """A decision other than 'overig' is about a proposal; one that grants or adjusts money
    names its amount and budget, and a grant is more than nothing. Returns the amount the
    decision books (None when it books none)."""
    if kind != "overig" and proposal_id is None:
        raise UserError("Kies het voorstel waarover besloten is.")
    if kind not in MONEY_KINDS:
        return None
    if amount in (None, "") or envelope_id is None:
        raise UserError("Vul het bedrag in en kies uit welk budget het komt.")
    value = parse_amount(str(amount))
    if kind == "toekennen" and value <= 0:
        raise UserError("Een toekenning moet groter zijn dan € 0.")
    return value


def check_majority(kind: str, votes: Votes) -> None:
    """Money moves only with a majority; a proposal without one is recorded as rejected."""
    if kind in MONEY_KINDS and not votes.passed:
        raise UserError(
            "Het voorstel kreeg geen meerderheid (voor moet meer zijn dan tegen). "
            "Leg het vast als afwijzing."
        )


def check_proposal(kind: str, status: str, allocated: Decimal) -> None:
    """Granting or rejecting is for a proposal not decided yet; adjusting is for one that
    has money granted (`allocated`)."""
    if kind in ("toekennen", "afwijzen") and status not in UNDECIDED:
        raise UserError(f"Over dit voorstel is al besloten (status: {status}).")
    if kind == "bijstellen" and allocated <= 0:
        raise UserError("Dit voorstel heeft nog geen toekenning om bij te stellen.")


def status_steps(kind: str, status: str) -> tuple[ProposalStatus, ...]:
    """The status changes a decision makes to its proposal, in order: a grant decides it
    (through 'in behandeling' when it was only submitted), a rejection rejects it; other
    kinds leave it. Call after `check_proposal`."""
    if kind == "toekennen":
        return path_to(status, ProposalStatus.BESLOTEN)
    if kind == "afwijzen":
        return (ProposalStatus.AFGEWEZEN,)
    return ()
