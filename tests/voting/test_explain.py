"""Every idea's why, in Dutch, for both rules, and a count's report."""

from __future__ import annotations

from collections.abc import Callable

from tests.voting.elections import election
from voting import Outcome, equal_shares, explain, greedy_by_votes, report
from voting.model import Election


def why(count: Callable[[Election], Outcome], e: Election, idea: str) -> str:
    outcome = count(e)
    return explain(outcome, outcome.verdict(idea))


def test_greedy_why() -> None:
    e = election(25_000, {"X": 22_000, "Y": 5_000, "Z": 1_000, "N": 10},
                 ["X"] * 88 + ["X Y"] * 412 + ["Z"] * 10)  # fmt: skip
    assert why(greedy_by_votes, e, "X") == (
        "500 stemmen; als 1e gekozen: er was nog € 25.000 over, het kost € 22.000."
    )
    assert why(greedy_by_votes, e, "Y") == (
        "412 stemmen; paste niet meer: er was nog € 3.000 over, het kost € 5.000."
    )
    assert why(greedy_by_votes, e, "Z") == (
        "10 stemmen; als 2e gekozen: er was nog € 3.000 over, het kost € 1.000."
    )
    assert why(greedy_by_votes, e, "N") == "Geen stemmen; een idee zonder stemmen krijgt geen geld."


def test_equal_shares_why() -> None:
    """1,000 voters with EUR 10 each: 770 buy X (7,700) with all they have; Y's 230
    supporters buy W (200) together and keep 2,100, too little for Y (5,000)."""
    e = election(10_000, {"X": 7_700, "W": 200, "Y": 5_000}, ["X"] * 770 + ["W Y"] * 230)
    assert why(equal_shares, e, "X") == (
        "770 stemmen; in ronde 1 gekozen met gelijke delen: de 770 voorstanders betaalden "
        "ieder € 10; samen € 7.700."
    )
    assert why(equal_shares, e, "W") == (
        "230 stemmen; in ronde 2 gekozen met gelijke delen: de 230 voorstanders betaalden "
        "ieder ongeveer € 0,87; samen € 200."
    )
    assert why(equal_shares, e, "Y") == (
        "230 stemmen; de 230 voorstanders hadden samen nog € 2.100 van hun gelijke deel, te "
        "weinig voor € 5.000. Ook in de aanvulling paste het niet: er was nog € 2.100 over."
    )


def test_equal_shares_why_with_supporters_who_had_less_or_nothing() -> None:
    """Five voters with 10 each; A (32) takes 8 from each of four, B (10) then 2 from
    voter 1 (all that is left) and 8 from voter 5; C (10) gets nothing from voter 1."""
    e = election(50, {"A": 32, "B": 10}, ["A B", "A", "A", "A", "B"])
    assert why(equal_shares, e, "B") == (
        "2 stemmen; in ronde 2 gekozen met gelijke delen: 1 voorstander betaalde € 8; "
        "1 voorstander had minder en betaalde alles wat die nog had (€ 2); samen € 10."
    )
    e = election(50, {"A": 40, "C": 10}, ["A C", "A", "A", "A", "C"])
    assert why(equal_shares, e, "C") == (
        "2 stemmen; in ronde 2 gekozen met gelijke delen: 1 voorstander betaalde € 10; "
        "1 voorstander had niets meer over; samen € 10."
    )


def test_won_in_the_completion_and_over_the_budget() -> None:
    e = election(100, {"A": 60, "B": 60, "C": 150}, ["A C", "B"])
    assert why(equal_shares, e, "A") == (
        "1 stem; de enige voorstander had nog € 59,50 van zijn of haar gelijke deel, te "
        "weinig voor € 60. Gekozen in de aanvulling (meeste stemmen eerst, zolang het past): "
        "er was nog € 100 over."
    )
    assert why(equal_shares, e, "C") == ("1 stem; kost € 150, meer dan het hele budget van € 100.")
    assert why(greedy_by_votes, e, "C") == why(equal_shares, e, "C")


def test_the_report_names_the_rule_the_winners_the_money_and_every_idea() -> None:
    e = election(90, {"A": 70, "B": 20, "C": 5}, ["A", "A", "B"])
    lines = report(equal_shares(e))
    assert lines[0] == "Gelijke delen (Method of Equal Shares)"
    assert lines[1].startswith(
        "Het budget van € 90 is gelijk verdeeld over 3 stembiljetten: ieder € 30 voor de "
    )
    assert lines[2].endswith("het gelijke deel werd € 35,10 (17 keer verhoogd).")
    assert lines[4:] == [
        "Gekozen (2):",
        "  1. idee A (nr. A): € 70, 2 stemmen",
        "  2. idee B (nr. B): € 20, 1 stem",
        "Besteed: € 90 van € 90; over: € 0.",
        "Waarom, per idee:",
        "  idee A (nr. A): gekozen. 2 stemmen; in ronde 1 gekozen met gelijke delen: de 2 "
        "voorstanders betaalden ieder € 35; samen € 70.",
        "  idee B (nr. B): gekozen. 1 stem; in ronde 2 gekozen met gelijke delen: de enige "
        "voorstander betaalde € 20; samen € 20.",
        "  idee C (nr. C): niet gekozen. Geen stemmen; een idee zonder stemmen krijgt geen geld.",
    ]
    greedy = report(greedy_by_votes(e))
    assert greedy[0] == "Meeste stemmen (zoals de meeste gemeenten tellen)"
    assert "  1. idee A (nr. A): € 70, 2 stemmen" in greedy
