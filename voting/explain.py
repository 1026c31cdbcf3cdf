"""Why each idea won or lost, in plain Dutch, and a count's whole report.

Greedy: "412 stemmen; paste niet meer: er was nog € 3.000 over, het kost € 5.000".
Equal shares: "de 230 voorstanders hadden samen nog € 2.100 van hun gelijke deel, te weinig
voor € 5.000", and what the completion then did. Amounts of money that are not whole cents
are rounded ("ongeveer"); what supporters had left is rounded down, so it never reads as
enough when it was not.
"""

from __future__ import annotations

from voting.model import KIND_NAMES, Election, priority
from voting.money import about_euro, euro
from voting.outcome import Outcome, Payment, Verdict


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _votes(n: int) -> str:
    return "1 stem" if n == 1 else f"{number(n)} stemmen"


def _supporters(n: int, verb_one: str, verb_more: str) -> str:
    if n == 1:
        return f"de enige voorstander {verb_one}"
    return f"de {number(n)} voorstanders {verb_more}"


def explain(outcome: Outcome, verdict: Verdict) -> str:
    """One idea's fate under the outcome's rule, as one or two sentences."""
    idea, budget = verdict.idea, outcome.election.budget
    if verdict.votes == 0:
        return "Geen stemmen; een idee zonder stemmen krijgt geen geld."
    head = _votes(verdict.votes)
    if idea.cost > budget:
        return f"{head}; kost {euro(idea.cost)}, meer dan het hele budget van {euro(budget)}."
    if verdict.stage == "greedy":
        return f"{head}; {_fit(verdict)}."
    if verdict.stage == "shares" and verdict.payment is not None:
        return f"{head}; {_paid(verdict.payment, verdict)}."
    money = verdict.supporters_money
    short = (
        f"{_supporters(verdict.votes, 'had', 'hadden samen')} nog {euro(money or 0, down=True)} "
        f"van {'zijn of haar' if verdict.votes == 1 else 'hun'} gelijke deel, te weinig voor "
        f"{euro(idea.cost)}"
    )
    if verdict.won:
        return (
            f"{head}; {short}. Gekozen in de aanvulling (meeste stemmen eerst, zolang het "
            f"past): er was nog {euro(verdict.left or 0)} over."
        )
    return (
        f"{head}; {short}. Ook in de aanvulling paste het niet: er was nog "
        f"{euro(verdict.left or 0)} over."
    )


def _fit(verdict: Verdict) -> str:
    left, cost = euro(verdict.left or 0), euro(verdict.idea.cost)
    if verdict.won:
        return f"als {verdict.position}e gekozen: er was nog {left} over, het kost {cost}"
    return f"paste niet meer: er was nog {left} over, het kost {cost}"


def _paid(payment: Payment, verdict: Verdict) -> str:
    everyone = payment.full == verdict.votes
    if payment.full == 1:
        who = "de enige voorstander betaalde" if everyone else "1 voorstander betaalde"
    else:
        who = f"{'de ' if everyone else ''}{number(payment.full)} voorstanders betaalden ieder"
    parts = [
        f"in ronde {payment.round} gekozen met gelijke delen: {who} {about_euro(payment.each)}"
    ]
    if payment.partial == 1:
        parts.append(
            "1 voorstander had minder en betaalde alles wat die nog had "
            f"({about_euro(payment.partial_total)})"
        )
    elif payment.partial:
        parts.append(
            f"{number(payment.partial)} voorstanders hadden minder en betaalden alles wat ze "
            f"nog hadden (samen {about_euro(payment.partial_total)})"
        )
    if payment.empty:
        who = (
            "1 voorstander had"
            if payment.empty == 1
            else f"{number(payment.empty)} voorstanders hadden"
        )
        parts.append(f"{who} niets meer over")
    return "; ".join(parts) + f"; samen {euro(verdict.idea.cost)}"


RULE_TITLES = {
    "greedy": "Meeste stemmen (zoals de meeste gemeenten tellen)",
    "equal-shares": "Gelijke delen (Method of Equal Shares)",
}


def _method(outcome: Outcome) -> list[str]:
    election = outcome.election
    if outcome.rule == "greedy":
        return [
            "De ideeën op volgorde van stemmen; een idee krijgt geld als het nog past in wat "
            "over is, anders gaat de telling door met het volgende."
        ]
    ballots = len(election.ballots)
    lines = [
        f"Het budget van {euro(election.budget)} is gelijk verdeeld over "
        f"{number(ballots)} stembiljetten: ieder {about_euro(outcome.share or 0)} voor de "
        "ideeën waar die kiezer voor stemde. Een idee is gekozen als zijn voorstanders het "
        "samen konden betalen; het idee dat ieder het kleinste deel van zijn kosten vroeg, "
        "ging voor."
    ]
    if outcome.raises:
        lines.append(
            f"Omdat er geld over bleef, is de telling opnieuw gedaan met steeds 1% meer "
            f"budget, zolang de gekozen ideeën samen binnen het budget bleven: het gelijke "
            f"deel werd {about_euro(outcome.final_share or 0)} ({outcome.raises} keer verhoogd)."
        )
    if any(v.won and v.stage == "completion" for v in outcome.verdicts):
        lines.append(
            "Wat daarna over was, ging naar de ideeën met de meeste stemmen die nog pasten "
            "(de aanvulling)."
        )
    return lines


def report(outcome: Outcome) -> list[str]:
    """The count as lines of text: the rule, the winners, the money, and every idea's why."""
    election = outcome.election
    lines = [f"{RULE_TITLES[outcome.rule]}", *_method(outcome)]
    lines.append(
        "Bij gelijke stand gaat het idee met meer stemmen voor, dan het goedkopere, dan het "
        "lagere nummer."
    )
    lines.append(f"Gekozen ({len(outcome.winners)}):")
    for position, idea in enumerate(outcome.winners, start=1):
        lines.append(
            f"  {position}. {idea.label}: {euro(idea.cost)}, {_votes(election.votes[idea.id])}"
        )
    lines.append(
        f"Besteed: {euro(outcome.spent)} van {euro(election.budget)}; over: {euro(outcome.left)}."
    )
    lines.append("Waarom, per idee:")
    key = priority(election)
    won = {idea.id: n for n, idea in enumerate(outcome.winners)}
    for verdict in sorted(
        outcome.verdicts,
        key=lambda v: (v.idea.id not in won, won.get(v.idea.id, 0), key[v.idea.id]),
    ):
        state = "gekozen" if verdict.won else "niet gekozen"
        lines.append(f"  {verdict.idea.label}: {state}. {explain(outcome, verdict)}")
    return lines


def heading(election: Election) -> str:
    """The election in one line: budget, ideas, ballots and the kind of ballot."""
    return (
        f"Budget {euro(election.budget)}, {number(len(election.ideas))} ideeën, "
        f"{number(len(election.ballots))} stembiljetten ({KIND_NAMES[election.kind]})"
    )
