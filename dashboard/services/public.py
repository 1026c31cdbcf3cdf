"""What residents read: published decisions, the projects they pay for, upcoming public
meetings and the published minutes of past ones, and the sitting council as groups. No
caller: everything here is public by construction, because the store's public queries
(`store/public.py`) read published records only and never return a council member, only
counts per group."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from dashboard.domain import progress, waiting
from dashboard.domain.groups import AGE_BANDS
from dashboard.domain.models import Meeting, NeighbourhoodPart
from dashboard.domain.small_groups import GroupRow, compare
from dashboard.domain.statuses import NOT_FINAL, UNDECIDED
from dashboard.services import verification
from dashboard.services.verification import BundleCheck
from dashboard.store import announcements, council, geography, public_draws, register
from dashboard.store import ideas as idea_records
from dashboard.store import public as records
from dashboard.store.announcements import AnnouncedDraw
from dashboard.store.db import Store
from dashboard.store.ideas import PublicIdea
from dashboard.store.public import (
    DrawCounts,
    FollowUpDraw,
    MilestoneLine,
    MinutesDecision,
    OpenProposal,
    PublishedDecision,
    PublishedMinutes,
    PublishedProject,
)
from dashboard.store.public_draws import CheckableDraw
from sortition import SortitionError, public_bundle

# The groups the council is compared on, in the order they are shown.
FEATURES = ("age_band", "gender", "education", "tenure", "part")
GROUP_ORDER = {
    "age_band": [name for name, _, _ in AGE_BANDS],
    "gender": ["vrouw", "man", "anders"],
    "education": ["laag", "middelbaar", "hoog"],
    "tenure": ["koop", "sociale huur", "particuliere huur"],
}
# Groups with an order: a small one is merged with its neighbour (25-44 + 45-64).
ORDERED = ("age_band", "education")
# Inhabitants who cannot sit on the council are left out of the comparison.
NOT_ELIGIBLE = {"age_band": ("0-15",), "education": ("onbekend",)}


@dataclass(frozen=True)
class ProjectView:
    project: PublishedProject
    progress: int
    noticeable: str | None  # what residents notice: latest finished milestone, else next
    noticeable_done: bool
    milestones_done: int
    milestones: int
    photo: str | None = None  # of the latest finished milestone that has one
    photo_title: str | None = None
    quiet_weeks: int = 0  # whole weeks since the last status change, milestone or payment
    stalled: bool = False  # as the monitor counts it (waiting.STALLED_WEEKS)
    next_step: waiting.Planned | None = None  # the next unfinished milestone
    next_step_late: bool = False  # its planned date has passed
    late_milestones: int = 0

    @property
    def overspent(self) -> bool:
        return self.project.spent > self.project.allocated


@dataclass(frozen=True)
class FeatureComparison:
    feature: str
    rows: list[GroupRow]


@dataclass(frozen=True)
class CouncilGroups:
    """The council sitting on a day as groups next to its neighbourhood: what the open data
    holds of it."""

    council_id: int
    drawn: int
    appointed: int
    population_year: int | None
    comparisons: list[FeatureComparison]
    part_names: dict[str, str]


@dataclass(frozen=True)
class CouncilView(CouncilGroups):
    """The council page: the groups, and how the council was drawn."""

    draw: DrawCounts | None
    follow_ups: tuple[FollowUpDraw, ...] = ()  # replacement and rotation draws since


def data_version(store: Store) -> int:
    with store.read() as cur:
        return records.data_version(cur)


def decision_years(store: Store, neighbourhood_id: int) -> list[int]:
    with store.read() as cur:
        return records.decision_years(cur, neighbourhood_id)


def decisions(store: Store, neighbourhood_id: int, year: int | None) -> list[PublishedDecision]:
    with store.read() as cur:
        return records.published_decisions(cur, neighbourhood_id, year)


def projects(store: Store, neighbourhood_id: int, today: date) -> list[ProjectView]:
    with store.read() as cur:
        found = records.published_projects(cur, neighbourhood_id)
        milestones = records.milestones_of_projects(cur, [p.id for p in found])
        active = records.last_activity(cur, [p.id for p in found])
    return _project_views(found, milestones, active, today)


def projects_by_neighbourhood(store: Store, today: date) -> dict[int, list[ProjectView]]:
    """`projects` of every neighbourhood (by id; one without projects is missing), read
    with one query per table instead of one per neighbourhood (the open data)."""
    with store.read() as cur:
        found = records.published_projects(cur, None)
        milestones = records.milestones_of_projects(cur, [p.id for p in found])
        active = records.last_activity(cur, [p.id for p in found])
    grouped: dict[int, list[ProjectView]] = {}
    for view in _project_views(found, milestones, active, today):
        grouped.setdefault(view.project.neighbourhood_id, []).append(view)
    return grouped


def _project_views(
    found: list[PublishedProject],
    milestones: list[MilestoneLine],
    active: dict[int, date],
    today: date,
) -> list[ProjectView]:
    by_project: dict[int, list[MilestoneLine]] = {}
    for line in milestones:
        by_project.setdefault(line.proposal_id, []).append(line)
    states = {
        pid: [progress.MilestoneState(m.status, m.progress_pct) for m in lines]
        for pid, lines in by_project.items()
    }
    percent = progress.progress_by_project(
        [progress.ProjectState(p.id, p.status, p.parent_id, p.allocated) for p in found], states
    )
    views = []
    for p in found:
        lines = by_project.get(p.id, [])
        notice, done = _noticeable(lines)
        pictured = [m for m in lines if m.status == "klaar" and m.photo_path]
        latest = max(pictured, key=lambda m: (m.done_on or date.min, m.id), default=None)
        plans = [waiting.MilestonePlan(m.title, m.due_on, m.status == "klaar") for m in lines]
        under_way = p.status in NOT_FINAL
        step = waiting.next_milestone(plans) if under_way else None
        views.append(
            ProjectView(
                project=p,
                progress=percent[p.id],
                noticeable=notice,
                noticeable_done=done,
                milestones_done=sum(1 for m in lines if m.status == "klaar"),
                milestones=len(lines),
                photo=latest.photo_path if latest else None,
                photo_title=latest.title if latest else None,
                quiet_weeks=waiting.quiet_weeks(active[p.id], today) if under_way else 0,
                stalled=under_way and waiting.is_stalled(active[p.id], today),
                next_step=step,
                next_step_late=step is not None and step.is_late(today),
                late_milestones=waiting.late_milestones(plans, today) if under_way else 0,
            )
        )
    return views


@dataclass(frozen=True)
class WaitingProposal:
    """A proposal the council has yet to decide on, as residents see it."""

    proposal: OpenProposal
    quiet_weeks: int
    stalled: bool
    next_step: waiting.Planned


def open_proposals(store: Store, neighbourhood_id: int, today: date) -> list[WaitingProposal]:
    """Proposals waiting for the council's decision, the longest waiting first, each with
    the next public meeting as its next step (the council decides in a meeting)."""
    with store.read() as cur:
        found = records.open_proposals(cur, neighbourhood_id, [str(s) for s in UNDECIDED])
        meetings = records.upcoming_meetings(cur, neighbourhood_id, today)
    return _waiting(found, meetings[0].held_on if meetings else None, today)


def open_proposals_by_neighbourhood(store: Store, today: date) -> dict[int, list[WaitingProposal]]:
    """`open_proposals` of every neighbourhood (by id), in one query per table."""
    with store.read() as cur:
        found = records.open_proposals(cur, None, [str(s) for s in UNDECIDED])
        meetings = records.upcoming_meetings(cur, None, today)  # the first first
        hoods_of = council.neighbourhood_ids_by_council(cur)
    next_meeting: dict[int, date] = {}
    for meeting in meetings:
        for hood in hoods_of.get(meeting.council_id, []):
            next_meeting.setdefault(hood, meeting.held_on)
    grouped: dict[int, list[OpenProposal]] = {}
    for proposal in found:
        grouped.setdefault(proposal.neighbourhood_id, []).append(proposal)
    return {
        hood: _waiting(proposals, next_meeting.get(hood), today)
        for hood, proposals in grouped.items()
    }


def _waiting(
    found: list[OpenProposal], meeting_on: date | None, today: date
) -> list[WaitingProposal]:
    step = waiting.Planned("vergadering", meeting_on)
    return [
        WaitingProposal(
            proposal=p,
            quiet_weeks=waiting.quiet_weeks(p.last_activity, today),
            stalled=waiting.is_stalled(p.last_activity, today),
            next_step=step,
        )
        for p in found
    ]


def _noticeable(lines: list[MilestoneLine]) -> tuple[str | None, bool]:
    finished = [m for m in lines if m.status == "klaar" and m.noticeable]
    if finished:
        latest = max(finished, key=lambda m: (m.done_on or date.min, m.due_on or date.min))
        return latest.noticeable, True
    coming = [m for m in lines if m.noticeable]
    return (coming[0].noticeable, False) if coming else (None, False)


def upcoming_meetings(store: Store, neighbourhood_id: int, today: date) -> list[Meeting]:
    with store.read() as cur:
        return records.upcoming_meetings(cur, neighbourhood_id, today)


@dataclass(frozen=True)
class MinutesView:
    minutes: PublishedMinutes
    decisions: list[MinutesDecision]


def meeting_minutes(store: Store, neighbourhood_id: int) -> list[MinutesView]:
    """Meetings with published minutes and the published decisions taken in them."""
    with store.read() as cur:
        found = records.published_minutes(cur, neighbourhood_id)
        decided = records.minutes_decisions(cur, [m.meeting_id for m in found])
    by_meeting: dict[int, list[MinutesDecision]] = {}
    for decision in decided:
        by_meeting.setdefault(decision.meeting_id, []).append(decision)
    return [MinutesView(m, by_meeting.get(m.meeting_id, [])) for m in found]


def draw_bundle(store: Store, draw_id: int) -> str | None:
    """The public verification bundle of a completed draw, as JSON text, for anyone to
    check: groups of at least the council page's MIN_GROUP volunteers and counts, never a
    volunteer's number or features (`sortition.public_bundle`). None without a bundle, and
    for a draw made before public bundles existed (its full bundle is not for everyone)."""
    with store.read() as cur:
        stored = records.draw_bundle(cur, draw_id)
    if stored is None:
        return None
    try:
        public = public_bundle(json.loads(stored))
    except (SortitionError, ValueError):
        return None
    return json.dumps(public, ensure_ascii=False, indent=1)


def council_view(store: Store, neighbourhood_id: int, today: date) -> CouncilView | None:
    """The council sitting today as groups next to the neighbourhood; None without one."""
    with store.read() as cur:
        council_id = records.sitting_council(cur, neighbourhood_id, today)
        if council_id is None:
            return None
        seats = records.seat_counts(cur, council_id, today)
        groups = records.drawn_member_groups(cur, council_id, today)
        year = records.population_year(cur, neighbourhood_id, today)
        population = {} if year is None else register.population_stats(cur, neighbourhood_id, year)
        parts = geography.neighbourhood_parts(cur, neighbourhood_id)
        draw = records.latest_council_draw(cur, council_id, today)
        follow_ups = (
            ()
            if draw is None
            else tuple(records.follow_up_draws(cur, council_id, draw.draw_id, today))
        )
    return CouncilView(
        council_id=council_id,
        drawn=seats.get("drawn", 0),
        appointed=seats.get("appointed", 0),
        population_year=year,
        comparisons=_comparisons(groups, population, parts),
        part_names={p.code: p.name for p in parts},
        draw=draw,
        follow_ups=follow_ups,
    )


def council_groups(store: Store, today: date) -> dict[int, CouncilGroups]:
    """Per neighbourhood with a council sitting today: that council as groups next to the
    neighbourhood, as `council_view` shows them; one query per table for all."""
    with store.read() as cur:
        sitting = records.sitting_councils(cur, today)
        seats = records.seat_counts_by_council(cur, today)
        groups = records.sitting_member_groups(cur, today)
        years = records.population_years(cur, today)
        population = register.population_stats_of(cur, years)
        parts = geography.all_neighbourhood_parts(cur)
    parts_of: dict[int, list[NeighbourhoodPart]] = {}
    for part in parts:
        parts_of.setdefault(part.neighbourhood_id, []).append(part)
    found = {}
    for hood, council_id in sitting.items():
        counts = seats.get(council_id, {})
        own_parts = parts_of.get(hood, [])
        found[hood] = CouncilGroups(
            council_id=council_id,
            drawn=counts.get("drawn", 0),
            appointed=counts.get("appointed", 0),
            population_year=years.get(hood),
            comparisons=_comparisons(groups.get(council_id, {}), population.get(hood, {}),
                                     own_parts),
            part_names={p.code: p.name for p in own_parts},
        )  # fmt: skip
    return found


def _comparisons(
    groups: dict[str, dict[str, int]],
    population: dict[str, dict[str, int]],
    parts: list[NeighbourhoodPart],
) -> list[FeatureComparison]:
    part_order = [p.code for p in parts]
    return [
        FeatureComparison(
            feature,
            compare(
                groups.get(feature, {}),
                population.get(feature, {}),
                order=GROUP_ORDER.get(feature, part_order),
                leave_out=NOT_ELIGIBLE.get(feature, ()),
                ordered=feature in ORDERED,
            ),
        )
        for feature in FEATURES
    ]


# Announced ceremonies and checking a draw (issue 17) --------------------------------------------


def ceremonies(store: Store) -> list[AnnouncedDraw]:
    """Every announced ceremony, by its moment, with what became of its draw."""
    with store.read() as cur:
        return announcements.announced_draws(cur)


def draw_announcement(store: Store, draw_id: int) -> AnnouncedDraw | None:
    """The announcement of one draw's ceremony; None when it had none."""
    with store.read() as cur:
        found = announcements.announced_draws(cur, draw_id)
    return found[0] if found else None


def ideas(store: Store, neighbourhood_id: int | None) -> list[PublicIdea]:
    """Residents' ideas an organiser has looked at (every neighbourhood's: None), as
    residents may read them (the store's query withholds the rest, and no contact is ever
    read)."""
    with store.read() as cur:
        return idea_records.public_ideas(cur, neighbourhood_id)


def checkable_draws(store: Store, today: date) -> list[CheckableDraw]:
    with store.read() as cur:
        return public_draws.checkable_draws(cur, today)


def draw_check(store: Store, draw_id: int, today: date) -> BundleCheck | None:
    """Every check `sortition verify` makes of a checkable draw's public bundle (a
    replacement together with its council draw's); None for any other draw. UserError
    when the bundle cannot be checked at all."""
    with store.read() as cur:
        found = {d.draw_id: d for d in public_draws.checkable_draws(cur, today)}.get(draw_id)
        if found is None:
            return None
        stored = records.draw_bundle(cur, draw_id)
        parent = None
        if found.purpose == "replacement" and found.parent_draw_id is not None:
            parent = public_draws.revealed_bundle(cur, found.parent_draw_id)
    bundle = _public(stored)
    if bundle is None:
        return None
    return verification.check_bundle(bundle, _public(parent))


def _public(stored: str | None) -> dict[str, Any] | None:
    """The public bundle of a stored full bundle; None without one, or for a draw made
    before public bundles existed."""
    if stored is None:
        return None
    try:
        return public_bundle(json.loads(stored))
    except (SortitionError, ValueError):
        return None
