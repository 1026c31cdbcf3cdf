"""How a council decides and the two status machines: hypothesis properties over every
count and status, and the exact Dutch messages an organiser reads."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain import governance
from dashboard.domain.errors import UserError
from dashboard.domain.governance import Votes
from dashboard.domain.statuses import (
    BY_DECISION,
    DRAW_NEXT_STATUSES,
    NEXT_STATUSES,
    DrawStatus,
    ProposalStatus,
    closed_draw_refusal,
    draw_stage_name,
    manual_step_refusal,
    path_to,
)

counts = st.integers(min_value=-3, max_value=40)
statuses = st.sampled_from(list(ProposalStatus))
draw_statuses = st.sampled_from(list(DrawStatus))


def refused(check: Callable[..., object], *args: object) -> str | None:
    try:
        check(*args)
    except UserError as exc:
        return str(exc)
    return None


def decides(kind: str, votes: Votes, seats: int, quorum: int) -> bool:
    """Every vote rule of a decision, in the order record_decision applies them."""
    try:
        votes.check()
        votes.check_attendance(seats, quorum)
        governance.check_majority(kind, votes)
    except UserError:
        return False
    return True


# Votes, quorum, majority ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(counts, counts, counts, counts)
def test_a_count_is_accepted_iff_nothing_is_negative_and_everyone_present_voted(
    for_: int, against: int, abstain: int, present: int
) -> None:
    votes = Votes(for_, against, abstain, present)
    ok = min(for_, against, abstain, present) >= 0 and for_ + against + abstain == present
    assert (refused(votes.check) is None) == ok


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 15),
    st.integers(0, 15),
    st.integers(0, 15),
    st.integers(1, 40),
    st.integers(1, 40),
    st.sampled_from(governance.DECISION_KINDS),
)
def test_money_moves_iff_the_count_adds_up_quorum_is_met_and_for_beats_against(
    for_: int, against: int, abstain: int, seats: int, quorum: int, kind: str
) -> None:
    present = for_ + against + abstain
    votes = Votes(for_, against, abstain, present)
    lawful = quorum <= present <= seats
    majority = for_ > against
    money = kind in governance.MONEY_KINDS
    assert decides(kind, votes, seats, quorum) == (lawful and (majority or not money))
    assert votes.passed == majority  # abstentions never tip it


@given(st.integers(0, 500), st.integers(0, 500))
def test_a_new_councils_quorum_is_more_than_half_its_seats(drawn: int, appointed: int) -> None:
    quorum = governance.quorum_for(drawn, appointed)
    seats = drawn + appointed
    assert 2 * quorum > seats
    assert 2 * (quorum - 1) <= seats


def test_the_messages_of_the_vote_rules() -> None:
    assert refused(Votes(3, -1, 0, 2).check) == (
        "Aantallen stemmen en aanwezigen kunnen niet negatief zijn."
    )
    assert refused(Votes(3, 1, 0, 5).check) == (
        "Voor (3) + tegen (1) + onthouding (0) = 4, maar er waren 5 leden aanwezig. Tel opnieuw."
    )
    assert refused(Votes(3, 1, 1, 5).check_attendance, 13, 8) == (
        "Het quorum is niet gehaald: 5 leden aanwezig, 8 nodig. "
        "Zonder quorum kan de raad niet besluiten."
    )
    assert refused(Votes(10, 4, 1, 15).check_attendance, 13, 7) == (
        "Er waren 15 aanwezigen, maar de raad heeft 13 zetels."
    )
    assert refused(governance.check_majority, "toekennen", Votes(4, 4, 1, 9)) == (
        "Het voorstel kreeg geen meerderheid (voor moet meer zijn dan tegen). "
        "Leg het vast als afwijzing."
    )
    assert refused(governance.check_majority, "afwijzen", Votes(0, 9, 0, 9)) is None
    assert refused(governance.check_majority, "overig", Votes(2, 5, 0, 7)) is None


def test_the_messages_of_kind_and_subject() -> None:
    assert refused(governance.check_kind, "besluiten") == (
        "Kies het soort besluit: toekennen, bijstellen, afwijzen, overig."
    )
    assert refused(governance.check_consultation_method, "enquête") == (
        "Kies hoe bewoners vooraf zijn geraadpleegd."
    )
    assert refused(governance.check_subject, "afwijzen", None, None, None) == (
        "Kies het voorstel waarover besloten is."
    )
    assert refused(governance.check_subject, "overig", None, None, None) is None
    assert refused(governance.check_subject, "bijstellen", 1, "5", None) == (
        "Vul het bedrag in en kies uit welk budget het komt."
    )
    assert refused(governance.check_subject, "toekennen", 1, "", 2) == (
        "Vul het bedrag in en kies uit welk budget het komt."
    )
    assert refused(governance.check_subject, "toekennen", 1, "0,00", 2) == (
        "Een toekenning moet groter zijn dan € 0."
    )
    assert governance.check_subject("bijstellen", 1, "-20", 2) == Decimal("-20")
    assert governance.check_subject("toekennen", 1, "1.250,50", 2) == Decimal("1250.50")
    assert governance.check_subject("afwijzen", 1, "99", None) is None


@given(statuses, st.sampled_from(governance.DECISION_KINDS), st.integers(0, 2))
def test_a_decision_about_a_proposal(status: ProposalStatus, kind: str, allocated: int) -> None:
    """Granting and rejecting need an undecided proposal, adjusting needs money granted;
    an accepted grant ends in besloten, an accepted rejection in afgewezen, each step
    along the flow."""
    message = refused(governance.check_proposal, kind, status, Decimal(allocated))
    if kind in ("toekennen", "afwijzen"):
        assert (message is None) == status.is_undecided
    elif kind == "bijstellen":
        assert (message is None) == (allocated > 0)
    else:
        assert message is None
    if message is not None:
        return
    steps = governance.status_steps(kind, status)
    current = status
    for step in steps:
        assert step in NEXT_STATUSES[current]
        current = step
    expected = {"toekennen": ProposalStatus.BESLOTEN, "afwijzen": ProposalStatus.AFGEWEZEN}
    assert current == expected.get(kind, status)


def test_the_messages_about_the_proposal() -> None:
    assert refused(governance.check_proposal, "toekennen", "afgerond", Decimal(0)) == (
        "Over dit voorstel is al besloten (status: afgerond)."
    )
    assert refused(governance.check_proposal, "bijstellen", "besloten", Decimal(0)) == (
        "Dit voorstel heeft nog geen toekenning om bij te stellen."
    )
    assert governance.status_steps("toekennen", "ingediend") == (
        ProposalStatus.IN_BEHANDELING,
        ProposalStatus.BESLOTEN,
    )


# The proposal's status machine ---------------------------------------------------------------


def test_the_stored_strings_stay_the_same() -> None:
    assert [str(s) for s in ProposalStatus] == [
        "ingediend",
        "in behandeling",
        "besloten",
        "in uitvoering",
        "afgerond",
        "afgewezen",
    ]
    assert [str(s) for s in DrawStatus] == ["open", "committed", "completed", "cancelled"]
    assert ProposalStatus("in behandeling") == "in behandeling"


@given(statuses)
def test_every_status_is_reachable_from_ingediend_and_final_ones_lead_nowhere(
    status: ProposalStatus,
) -> None:
    steps = path_to(ProposalStatus.INGEDIEND, status)
    assert (steps[-1] if steps else ProposalStatus.INGEDIEND) == status
    assert status.is_final == (status in (ProposalStatus.AFGEROND, ProposalStatus.AFGEWEZEN))
    if status.is_final:
        assert NEXT_STATUSES[status] == ()
        with pytest.raises(ValueError):
            path_to(status, ProposalStatus.INGEDIEND)


@given(statuses, statuses)
def test_an_organiser_moves_a_proposal_one_step_and_never_into_a_decision(
    current: ProposalStatus, target: ProposalStatus
) -> None:
    message = manual_step_refusal(current, target)
    assert (message is None) == (target in NEXT_STATUSES[current] and target not in BY_DECISION)
    if current.is_final:
        assert message is not None


def test_the_messages_of_a_manual_step() -> None:
    assert manual_step_refusal("afgerond", "besloten") == (
        "Van 'afgerond' kan een voorstel niet naar 'besloten'."
    )
    assert manual_step_refusal("besloten", "afgerond") == (
        "Van 'besloten' kan een voorstel niet naar 'afgerond'; wel naar: in uitvoering."
    )
    assert manual_step_refusal("in behandeling", "besloten") == (
        "'besloten' volgt uit een besluit van de wijkraad; leg dat vast."
    )
    assert manual_step_refusal("besloten", "in uitvoering") is None


# The draw's status machine -------------------------------------------------------------------


@given(draw_statuses)
def test_a_draw_runs_until_completed_or_cancelled(status: DrawStatus) -> None:
    final = status in (DrawStatus.COMPLETED, DrawStatus.CANCELLED)
    assert status.is_running != final
    assert (DRAW_NEXT_STATUSES[status] == ()) == final
    assert (closed_draw_refusal(status) is None) == status.is_running
    if status.is_running:  # a running draw can always be stopped
        assert DrawStatus.CANCELLED in DRAW_NEXT_STATUSES[status]


def test_every_draw_status_is_reachable_from_open() -> None:
    seen, todo = {DrawStatus.OPEN}, [DrawStatus.OPEN]
    while todo:
        for step in DRAW_NEXT_STATUSES[todo.pop()]:
            if step not in seen:
                seen.add(step)
                todo.append(step)
    assert seen == set(DrawStatus)


def test_the_messages_of_a_closed_draw() -> None:
    assert closed_draw_refusal("cancelled") == (
        "Deze loting is gestopt; er kan niets meer aan veranderen."
    )
    assert closed_draw_refusal("completed") == (
        "Deze loting is afgerond; er kan niets meer aan veranderen."
    )
    assert closed_draw_refusal("vreemd") == (
        "Deze loting is vreemd; er kan niets meer aan veranderen."
    )
    assert DrawStatus.COMMITTED.label == "controlecode gemaakt"


def test_a_committed_draw_says_whether_its_ceremony_took_place() -> None:
    # It said "controlecode gemaakt" through the ceremony and the confirmations.
    assert draw_stage_name("committed", drawn=False) == "controlecode gemaakt, trekking volgt"
    assert draw_stage_name("committed", drawn=True) == "getrokken, leden bevestigen"
    assert draw_stage_name("open", drawn=False) == "loopt"
    assert draw_stage_name("completed", drawn=True) == "afgerond"
