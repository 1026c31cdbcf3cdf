"""One project as residents see it: where it is, its photos, and a dated timeline from the
proposal to the decision, the payments and the milestones, with the decision and the
meeting it was taken in. Public, like `services/public.py`: the store's queries read
published decisions, the payments on their allocations and public meetings only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard.domain import iv3
from dashboard.domain.iv3 import Taakveld
from dashboard.services import public
from dashboard.services.public import ProjectView
from dashboard.store import public as records
from dashboard.store import public_timeline as timeline
from dashboard.store.db import Store
from dashboard.store.public import MilestoneLine
from dashboard.store.public_timeline import (
    PaymentLine,
    ProjectDecision,
    ProjectPlace,
    PublicMeeting,
    StatusLine,
)

# Steps of one day in the order they happen: a proposal is submitted, then reviewed,
# decided, paid and worked on.
_ORDER = {"status": 0, "besluit": 1, "betaling": 2, "mijlpaal": 3}


@dataclass(frozen=True)
class Step:
    """One dated step of a project's timeline; `planned` steps lie ahead (a milestone's
    planned date) and come last."""

    day: date | None
    kind: str  # status, besluit, betaling, mijlpaal
    status: StatusLine | None = None
    decision: ProjectDecision | None = None
    payment: PaymentLine | None = None
    milestone: MilestoneLine | None = None
    planned: bool = False


@dataclass(frozen=True)
class Photo:
    path: str
    milestone: str
    day: date | None


@dataclass(frozen=True)
class ProjectPage:
    view: ProjectView
    place: ProjectPlace
    taakveld: Taakveld
    decisions: list[ProjectDecision]
    payments: list[PaymentLine]
    milestones: list[MilestoneLine]
    steps: list[Step]
    photos: list[Photo]
    meetings: dict[int, PublicMeeting]  # the public meetings of its decisions, by id

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))


@dataclass(frozen=True)
class ProjectMapPoint:
    """A project with a point on the map."""

    external_ref: str
    title: str
    status: str
    lat: float
    lon: float


def project_refs(store: Store, neighbourhood_id: int) -> list[tuple[str, str]]:
    """(reference, title) of the neighbourhood's projects, the newest decision first."""
    with store.read() as cur:
        found = records.published_projects(cur, neighbourhood_id)
    return [(p.external_ref, p.title) for p in found]


def project_points(store: Store, neighbourhood_id: int | None) -> list[ProjectMapPoint]:
    """The projects (with published money) that have a point, of one neighbourhood or all."""
    with store.read() as cur:
        found = records.published_projects(cur, neighbourhood_id)
        places = timeline.project_places(cur, [p.id for p in found])
    return [
        ProjectMapPoint(p.external_ref, p.title, p.status, place.lat, place.lon)
        for p in found
        if (place := places.get(p.id)) is not None
        and place.lat is not None
        and place.lon is not None
    ]


def project_page(store: Store, external_ref: str, today: date) -> ProjectPage | None:
    """The project with this reference; None when there is no project by it that residents
    may see (no published decision gave it money)."""
    with store.read() as cur:
        proposal_id = timeline.project_id(cur, external_ref.strip())
        if proposal_id is None:
            return None
        place = timeline.project_places(cur, [proposal_id])[proposal_id]
        decisions = timeline.project_decisions(cur, [proposal_id])
        payments = timeline.project_payments(cur, [proposal_id])
        statuses = timeline.status_lines(cur, [proposal_id])
        meetings = {
            m.id: m
            for m in timeline.public_meetings(cur, place.neighbourhood_id)
            if any(d.meeting_id == m.id for d in decisions)
        }
    views = [v for v in public.projects(store, place.neighbourhood_id, today)
             if v.project.id == proposal_id]  # fmt: skip
    view = views[0]
    with store.read() as cur:
        milestones = records.milestones_of_projects(cur, [proposal_id])
    photos = [
        Photo(m.photo_path, m.title, m.done_on)
        for m in sorted(milestones, key=lambda m: (m.done_on or date.max, m.id))
        if m.status == "klaar" and m.photo_path
    ]
    return ProjectPage(
        view=view,
        place=place,
        taakveld=iv3.taakveld(place.iv3_taakveld, place.theme_codes),
        decisions=decisions,
        payments=payments,
        milestones=milestones,
        steps=steps(statuses, decisions, payments, milestones),
        photos=photos,
        meetings=meetings,
    )


def steps(
    statuses: list[StatusLine],
    decisions: list[ProjectDecision],
    payments: list[PaymentLine],
    milestones: list[MilestoneLine],
) -> list[Step]:
    """The timeline, oldest first: status changes, decisions, payments and finished
    milestones by their day; then the milestones still to come by their planned day
    (those without one last)."""
    done = [
        *(Step(s.changed_on, "status", status=s) for s in statuses),
        *(Step(d.decided_on, "besluit", decision=d) for d in decisions),
        *(Step(p.booked_on, "betaling", payment=p) for p in payments),
        *(Step(m.done_on, "mijlpaal", milestone=m) for m in milestones
          if m.status == "klaar" and m.done_on is not None),
    ]  # fmt: skip
    ahead = [
        Step(m.due_on, "mijlpaal", milestone=m, planned=True)
        for m in milestones
        if m.status != "klaar" or m.done_on is None
    ]
    done.sort(key=lambda s: (s.day or date.min, _ORDER[s.kind]))
    ahead.sort(key=lambda s: (s.day is None, s.day or date.max))
    return done + ahead
