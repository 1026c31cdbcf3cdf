"""The two status machines: a proposal's (ingediend -> in behandeling -> besloten -> in
uitvoering -> afgerond, or afgewezen) and a draw's (open -> committed -> completed, or
cancelled). Members are `StrEnum`s: they are the stored strings. Pure."""

from __future__ import annotations

from enum import StrEnum

from dashboard.domain.translatable import N_


class ProposalStatus(StrEnum):
    INGEDIEND = "ingediend"
    IN_BEHANDELING = "in behandeling"
    BESLOTEN = "besloten"
    IN_UITVOERING = "in uitvoering"
    AFGEROND = "afgerond"
    AFGEWEZEN = "afgewezen"

    @property
    def is_final(self) -> bool:
        return not NEXT_STATUSES[self]

    @property
    def is_undecided(self) -> bool:
        """Before the council's decision: it may still be reviewed, granted or rejected."""
        return self in UNDECIDED


# The status flow of a proposal; the key is the status it leaves.
NEXT_STATUSES: dict[ProposalStatus, tuple[ProposalStatus, ...]] = {
    ProposalStatus.INGEDIEND: (ProposalStatus.IN_BEHANDELING, ProposalStatus.AFGEWEZEN),
    ProposalStatus.IN_BEHANDELING: (ProposalStatus.BESLOTEN, ProposalStatus.AFGEWEZEN),
    ProposalStatus.BESLOTEN: (ProposalStatus.IN_UITVOERING,),
    ProposalStatus.IN_UITVOERING: (ProposalStatus.AFGEROND,),
    ProposalStatus.AFGEROND: (),
    ProposalStatus.AFGEWEZEN: (),
}
UNDECIDED = (ProposalStatus.INGEDIEND, ProposalStatus.IN_BEHANDELING)
# A project: decided, money granted (milestones and spending belong to these).
DECIDED = (ProposalStatus.BESLOTEN, ProposalStatus.IN_UITVOERING, ProposalStatus.AFGEROND)
# Still going somewhere (not finished, not rejected).
NOT_FINAL = tuple(s for s in ProposalStatus if NEXT_STATUSES[s])
# Only a council decision sets these; an organiser cannot move a proposal there by hand.
BY_DECISION = (ProposalStatus.BESLOTEN, ProposalStatus.AFGEWEZEN)


def manual_step_refusal(current: str, target: str) -> str | None:
    """Why an organiser may not move a proposal from `current` to `target` by hand, in
    Dutch; None when the step is allowed."""
    allowed = NEXT_STATUSES.get(current, ())  # type: ignore[call-overload]
    if target not in allowed:
        return f"Van '{current}' kan een voorstel niet naar '{target}'" + (
            f"; wel naar: {', '.join(allowed)}." if allowed else "."
        )
    if target in BY_DECISION:
        return f"'{target}' volgt uit een besluit van de wijkraad; leg dat vast."
    return None


def path_to(current: str, target: ProposalStatus) -> tuple[ProposalStatus, ...]:
    """The steps that take a proposal from `current` to `target` along the flow, in order
    (empty when it is there already); ValueError when `target` cannot be reached."""
    if current == target:
        return ()
    for step in NEXT_STATUSES.get(current, ()):  # type: ignore[call-overload]
        try:
            return (step, *path_to(step, target))
        except ValueError:
            continue
    raise ValueError(f"{target} is not reachable from {current}")


class DrawStatus(StrEnum):
    OPEN = "open"  # steps 1 to 6 (and back, when a preparation is undone)
    COMMITTED = "committed"  # the fingerprint is made; the ceremony and confirmations follow
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def is_running(self) -> bool:
        """Still changing: its steps can be done, it can be stopped."""
        return self in RUNNING

    @property
    def label(self) -> str:
        """The status as organisers read it."""
        return DRAW_STATUS_NAMES[self]


DRAW_NEXT_STATUSES: dict[DrawStatus, tuple[DrawStatus, ...]] = {
    DrawStatus.OPEN: (DrawStatus.COMMITTED, DrawStatus.CANCELLED),
    DrawStatus.COMMITTED: (DrawStatus.OPEN, DrawStatus.COMPLETED, DrawStatus.CANCELLED),
    DrawStatus.COMPLETED: (),
    DrawStatus.CANCELLED: (),
}
RUNNING = (DrawStatus.OPEN, DrawStatus.COMMITTED)
DRAW_STATUS_NAMES = {
    DrawStatus.OPEN: N_("loopt"),
    DrawStatus.COMMITTED: N_("controlecode gemaakt"),
    DrawStatus.COMPLETED: N_("afgerond"),
    DrawStatus.CANCELLED: N_("gestopt"),
}


def draw_status_name(status: str) -> str:
    """A stored draw status in Dutch (an unknown one as it is)."""
    return DRAW_STATUS_NAMES.get(status, status)  # type: ignore[call-overload]


def draw_stage_name(status: str, drawn: bool) -> str:
    """Where a draw stands, as organisers read it: a committed draw is first waiting for
    its public ceremony, then (`drawn`) its members are being asked to confirm."""
    if status == DrawStatus.COMMITTED:
        return (
            N_("getrokken, leden bevestigen")
            if drawn
            else N_("controlecode gemaakt, trekking volgt")
        )
    return draw_status_name(status)


def closed_draw_refusal(status: str) -> str | None:
    """Why nothing about a draw with this status can change any more; None while it runs."""
    if status in RUNNING:
        return None
    return f"Deze loting is {draw_status_name(status)}; er kan niets meer aan veranderen."
