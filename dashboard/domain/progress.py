"""How far a project is, in percent: from its milestones, else from its status; a
parent project rolls up its parts. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain.statuses import ProposalStatus

STATUS_DEFAULT: dict[str, int] = {
    ProposalStatus.INGEDIEND: 0,
    ProposalStatus.IN_BEHANDELING: 0,
    ProposalStatus.BESLOTEN: 10,
    ProposalStatus.IN_UITVOERING: 50,
    ProposalStatus.AFGEROND: 100,
    ProposalStatus.AFGEWEZEN: 0,
}


@dataclass(frozen=True)
class MilestoneState:
    status: str  # gepland, bezig, klaar
    progress_pct: int | None


# An unfinished project never shows 100%: its milestones may all be done while the
# project is not (more milestones to come, the final bill), and "100% klaar · Bezig"
# contradicts itself on the residents' page.
UNFINISHED_MAX = 95


def own_progress(status: str, milestones: Sequence[MilestoneState]) -> int:
    """A finished project is 100; otherwise the mean of its milestones (a finished
    milestone counts 100), at most UNFINISHED_MAX, or the default of its status when it
    has none."""
    if status == ProposalStatus.AFGEROND:
        return 100
    if not milestones:
        return STATUS_DEFAULT.get(status, 0)
    values = [100 if m.status == "klaar" else (m.progress_pct or 0) for m in milestones]
    return min(round(sum(values) / len(values)), UNFINISHED_MAX)


def rolled_up(parts: Sequence[tuple[int, Decimal]]) -> int:
    """A parent's progress: its parts' progress weighted by their allocated money
    (equal weights when none of them has money yet)."""
    if not parts:
        return 0
    total = sum((weight for _, weight in parts), Decimal(0))
    if total <= 0:
        return round(sum(p for p, _ in parts) / len(parts))
    return round(sum(Decimal(p) * w for p, w in parts) / total)


@dataclass(frozen=True)
class ProjectState:
    id: int
    status: str
    parent_id: int | None
    allocated: Decimal


def progress_by_project(
    projects: Sequence[ProjectState], milestones: dict[int, list[MilestoneState]]
) -> dict[int, int]:
    """Progress of every project in one pass: parts from their milestones or status,
    parents rolled up from their parts (one level of parts, as proposals allow)."""
    own = {p.id: own_progress(p.status, milestones.get(p.id, [])) for p in projects}
    parts: dict[int, list[tuple[int, Decimal]]] = {}
    for p in projects:
        if p.parent_id is not None:
            parts.setdefault(p.parent_id, []).append((own[p.id], p.allocated))
    return {p.id: rolled_up(parts[p.id]) if p.id in parts else own[p.id] for p in projects}
