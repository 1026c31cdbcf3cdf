"""Small elections checked by hand: what each rule chooses, and why."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tests.voting.elections import election
from voting import Ballot, Election, Idea, Outcome, VotingInputError, equal_shares, greedy_by_votes


def won(outcome: Outcome) -> str:
    return "".join(idea.id for idea in outcome.winners)


def test_greedy_skips_what_no_longer_fits_and_goes_on() -> None:
    e = election(10_000, {"A": 6000, "B": 5000, "C": 3000, "D": 1000},
                 ["A B C"] * 3 + ["A B", "A"])  # fmt: skip
    outcome = greedy_by_votes(e)
    assert won(outcome) == "AC"  # B (4 votes) no longer fits after A; D has no vote
    assert outcome.spent == 9000
    b, d = outcome.verdict("B"), outcome.verdict("D")
    assert (b.won, b.left, d.won, d.stage) == (False, 4000, False, "none")


def test_greedy_ties_go_to_the_cheaper_then_the_lower_number() -> None:
    e = election(300, {"3": 200, "10": 100, "2": 100}, ["3", "10", "2"])
    assert won(greedy_by_votes(e)) == "210"  # all 1 vote: 2 and 10 cost 100, 2 < 10
    assert won(equal_shares(e)) == "210"


def test_equal_shares_gives_the_minority_its_share() -> None:
    """51/49 in small: 3 voters like the R ideas, 2 the B ideas, money for 5 of the 10.
    Greedy gives everything to the 3; equal shares 3 ideas to the 3 and 2 to the 2."""
    costs = {f"R{n}": 200 for n in range(1, 6)} | {f"B{n}": 200 for n in range(1, 6)}
    e = election(1000, costs, ["R1 R2 R3 R4 R5"] * 3 + ["B1 B2 B3 B4 B5"] * 2)
    assert won(greedy_by_votes(e)) == "R1R2R3R4R5"
    outcome = equal_shares(e)
    assert won(outcome) == "R1R2R3B1B2"
    assert outcome.raises == 0 and outcome.share == 200
    r1, b1 = outcome.verdict("R1").payment, outcome.verdict("B1").payment
    assert r1 is not None and b1 is not None
    assert (r1.each, r1.full, b1.each, b1.full) == (Fraction(200, 3), 3, 100, 2)
    # exactly: after three payments of 200/3 the R voters have nothing left
    r4 = outcome.verdict("R4")
    assert (r4.stage, r4.supporters_money, r4.won) == ("completion", 0, False)


def test_raising_the_share_until_the_money_is_spent() -> None:
    """A (70) has 2 supporters with 30 each at first: too little. B (20) is bought by its
    one supporter. With the share raised 17 times by 1% of the budget (35.10 each) A's
    supporters can pay 35 each, and A and B together cost exactly the budget."""
    e = election(90, {"A": 70, "B": 20}, ["A", "A", "B"])
    outcome = equal_shares(e)
    assert won(outcome) == "AB"
    assert (outcome.share, outcome.raises, outcome.final_share) == (30, 17, Fraction("35.1"))
    a = outcome.verdict("A")
    assert a.stage == "shares" and a.payment is not None and a.payment.each == 35


def test_when_raising_overshoots_the_previous_result_stands_and_greedy_completes() -> None:
    """Each of two voters wants a different idea of 60; the budget is 100 (50 each).
    Neither can pay alone until the share is 60, and then both ideas are bought: 120, over
    the budget. The last result within it (nothing, at a share of 59.50) stands; the
    completion then takes A, the lower number of two equal ideas."""
    e = election(100, {"A": 60, "B": 60}, ["A", "B"])
    outcome = equal_shares(e)
    assert won(outcome) == "A"
    assert (outcome.raises, outcome.final_share) == (19, Fraction("59.5"))
    a, b = outcome.verdict("A"), outcome.verdict("B")
    assert (a.stage, a.won, a.left, a.supporters_money) == (
        "completion",
        True,
        100,
        Fraction("59.5"),
    )
    assert (b.stage, b.won, b.left) == ("completion", False, 40)


def test_one_voter() -> None:
    e = election(1000, {"A": 400, "B": 700, "C": 500}, ["A B C"])
    assert won(greedy_by_votes(e)) == "AC"  # equal votes: cheapest first
    assert won(equal_shares(e)) == "AC"


def test_an_idea_costing_more_than_the_budget_never_wins() -> None:
    e = election(1000, {"A": 1500, "B": 300}, ["A B", "A", "A"])
    for outcome in (greedy_by_votes(e), equal_shares(e)):
        assert won(outcome) == "B"
        assert not outcome.verdict("A").won


def test_no_ballots_and_empty_ballots() -> None:
    nobody = election(1000, {"A": 100}, [])
    assert won(greedy_by_votes(nobody)) == won(equal_shares(nobody)) == ""
    empty = election(1000, {"A": 600}, ["", "", "A"])  # a third of the money for A's voter
    outcome = equal_shares(empty)
    assert won(outcome) == "A"  # when the share is raised 80 times to 600
    assert (outcome.verdict("A").stage, outcome.raises) == ("shares", 80)


def test_a_knapsack_ballot_over_the_budget_is_refused_with_the_reason() -> None:
    e = election(1000, {"A": 600, "B": 500}, ["A", "A B"], kind="knapsack")
    with pytest.raises(VotingInputError) as refused:
        greedy_by_votes(e)
    assert [str(p) for p in refused.value.problems] == [
        "Stembiljet 2: de gekozen ideeën kosten samen € 1.100, meer dan het budget van "
        "€ 1.000; bij kiezen binnen het budget telt dit stembiljet niet"
    ]


def test_every_problem_of_an_election_at_once() -> None:
    e = Election(
        Decimal("100.001"),
        (Idea("1", "a", Decimal(0)), Idea("1", "b", Decimal(5)), Idea("x;y", "c", Decimal(5))),
        (Ballot(frozenset({"9"}), "v"), Ballot(frozenset(), "v")),
        meta=(("description", "twee\nregels"),),
    )
    with pytest.raises(VotingInputError) as refused:
        equal_shares(e)
    assert [str(p) for p in refused.value.problems] == [
        "META-regel 'description' bevat een regeleinde of een ander stuurteken.",
        "Het budget (100.001) moet een bedrag boven € 0 in hele centen zijn.",
        "Idee 1: het nummer '1' komt 2 keer voor",
        "Idee 1: de kosten (0) moeten een bedrag boven € 0 in hele centen zijn",
        "Idee 1: het nummer '1' komt 2 keer voor",
        "Idee x;y: het nummer 'x;y' mag geen spatie aan begin of eind, komma, puntkomma of "
        "aanhalingsteken hebben",
        "Stembiljet 1: kiezer 'v' heeft 2 stembiljetten",
        "Stembiljet 1: onbekend idee '9'",
        "Stembiljet 2: kiezer 'v' heeft 2 stembiljetten",
    ]
