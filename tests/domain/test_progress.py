"""How far a project is: an unfinished project never reads as done."""

from decimal import Decimal

from dashboard.domain.progress import (
    UNFINISHED_MAX,
    MilestoneState,
    ProjectState,
    own_progress,
    progress_by_project,
)
from dashboard.domain.statuses import ProposalStatus


def test_a_done_first_milestone_does_not_make_a_running_project_done() -> None:
    # Project WR-2026-00177: its one milestone "klaar" showed "100% klaar · Bezig".
    done = [MilestoneState("klaar", None)]
    assert own_progress(ProposalStatus.IN_UITVOERING, done) == UNFINISHED_MAX < 100
    assert own_progress(ProposalStatus.AFGEROND, done) == 100


def test_milestones_average_below_the_cap() -> None:
    lines = [MilestoneState("klaar", None), MilestoneState("bezig", 25)]
    assert own_progress(ProposalStatus.IN_UITVOERING, lines) == 62
    assert own_progress(ProposalStatus.BESLOTEN, []) == 10


def test_a_parent_of_unfinished_parts_is_not_done() -> None:
    projects = [
        ProjectState(1, ProposalStatus.IN_UITVOERING, None, Decimal(0)),
        ProjectState(2, ProposalStatus.IN_UITVOERING, 1, Decimal(100)),
        ProjectState(3, ProposalStatus.AFGEROND, 1, Decimal(100)),
    ]
    done = {2: [MilestoneState("klaar", None)]}
    assert progress_by_project(projects, done) == {1: 98, 2: 95, 3: 100}
