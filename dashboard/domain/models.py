"""Typed rows returned by the repositories. Money is Decimal, dates are dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Municipality:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class District:
    id: int
    municipality_id: int
    code: str
    name: str


@dataclass(frozen=True)
class Neighbourhood:
    id: int
    district_id: int
    code: str
    name: str
    polygon_geojson: str
    centroid_lat: float
    centroid_lon: float


@dataclass(frozen=True)
class NeighbourhoodPart:
    id: int
    neighbourhood_id: int
    code: str
    name: str
    polygon_geojson: str


@dataclass(frozen=True)
class Council:
    id: int
    name: str
    kind: str
    seats_drawn: int
    seats_appointed: int
    term_months: int
    eligible_age: int
    quorum: int
    cool_down_months: int
    created_at: datetime


@dataclass(frozen=True)
class Term:
    id: int
    council_id: int
    number: int
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class BudgetEnvelope:
    id: int
    neighbourhood_id: int
    year: int
    source: str
    amount: Decimal
    description: str
    year_end_rule: str
    carried_from_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class Proposal:
    id: int
    external_ref: str
    neighbourhood_id: int
    council_id: int | None
    parent_id: int | None
    title: str
    description: str
    submitter_type: str
    requested_amount: Decimal
    part_id: int | None
    location_lat: float | None
    location_lon: float | None
    status: str
    iv3_taakveld: str | None
    feasibility: str | None
    cost_estimate: Decimal | None
    rejection_reason: str | None
    submitted_on: date
    created_at: datetime


@dataclass(frozen=True)
class Meeting:
    id: int
    council_id: int
    held_on: date
    location: str
    agenda: str
    is_public: bool
    status: str


@dataclass(frozen=True)
class Decision:
    id: int
    council_id: int
    meeting_id: int | None
    proposal_id: int | None
    consultation_id: int | None
    kind: str
    amount: Decimal | None
    votes_for: int
    votes_against: int
    votes_abstain: int
    members_present: int
    quorum_met: bool
    rationale: str
    consultation_method: str | None
    status: str
    decided_on: date
    published_at: datetime | None


@dataclass(frozen=True)
class Allocation:
    id: int
    decision_id: int
    proposal_id: int
    envelope_id: int
    amount: Decimal
    booked_on: date
    reverses_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class SpendingTransaction:
    id: int
    allocation_id: int
    reference: str
    booked_on: date
    amount: Decimal
    description: str
    source: str
    import_batch: str | None
    reverses_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    occurred_at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    payload_json: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class BudgetSummary:
    """Money of one neighbourhood and year, as the public may see it.

    Only allocations of published decisions count: a draft is not yet a decision.
    """

    neighbourhood_id: int
    year: int
    budget: Decimal
    allocated: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        """Budget not yet allocated by a decision."""
        return self.budget - self.allocated


@dataclass(frozen=True)
class Milestone:
    id: int
    proposal_id: int
    title: str
    due_on: date | None
    done_on: date | None
    status: str
    noticeable: str | None
    photo_path: str | None
    progress_pct: int | None


@dataclass(frozen=True)
class Consultation:
    id: int
    neighbourhood_id: int
    panel_id: int | None
    kind: str
    question: str
    amount: Decimal | None
    opens_on: date
    closes_on: date
    participants: int


@dataclass(frozen=True)
class ConsultationOption:
    id: int
    consultation_id: int
    label: str
    votes: int
    proposal_id: int | None


@dataclass(frozen=True)
class Draw:
    """A draw without its (possibly large) verification bundle."""

    id: int
    council_id: int | None
    panel_id: int | None
    purpose: str  # council, panel, replacement, rotation
    method: str  # two_stage, direct
    stage: str
    algorithm: str | None
    k: int | None
    parameters_json: str
    commitment: str | None
    seed_inputs_json: str | None
    chosen_index: int | None
    code_version: str | None
    status: str  # open, committed, completed, cancelled
    created_at: datetime
    completed_at: datetime | None
    parent_draw_id: int | None = None  # replacement and rotation draws: the draw continued


@dataclass(frozen=True)
class Invitation:
    id: int
    draw_id: int
    resident_id: int
    household_id: int
    stratum: str
    inclusion_probability: float
    channel: str  # brief, huisbezoek
    sent_on: date | None
    letter_code: str | None
    replaces_id: int | None


@dataclass(frozen=True)
class Response:
    id: int
    invitation_id: int
    answered_at: datetime
    outcome: str  # ja, nee, later, niet thuis
    age_band: str | None
    gender: str | None
    education: str | None
    tenure: str | None
    part_code: str | None
    origin: str | None
    visited_on: date | None = None  # a home visit's day (its result may be typed in later)
    visitor: str | None = None  # who made the home visit (typed by the organiser)
    channel: str | None = None  # 'online': sent by the resident; None: recorded by an organiser
    resident_id: int | None = None  # who in the household signed up; None: the letter's addressee


@dataclass(frozen=True)
class QuotaRow:
    id: int
    draw_id: int
    feature: str
    value: str
    min_count: int
    max_count: int


@dataclass(frozen=True)
class PanelMember:
    id: int
    draw_id: int
    resident_id: int
    status: str  # selected, reserve, confirmed, declined, replaced, left
    reserve_rank: int | None
    status_changed_at: datetime


@dataclass(frozen=True)
class Seat:
    id: int
    council_id: int
    term_id: int
    kind: str  # drawn, appointed
    resident_id: int | None
    panel_member_id: int | None
    appointed_role: str | None
    is_chair: bool
    starts_on: date
    ends_on: date | None
    end_reason: str | None
