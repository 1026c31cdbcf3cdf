"""The Method of Equal Shares, completed as equalshares.net and pabutools do.

1. Equal shares (`mes_run`): the budget is divided equally over the ballots (empty ballots
   too) and each idea is paid for by its own supporters, as equally as possible; cost
   satisfaction (docs/voting.md says why).
2. Completion by raising the share: while the result leaves money that would still pay
   for an idea with votes, the count is done again with a budget 1% higher (each voter's
   share 1% of the first share higher), until the result would cost more than the real
   budget (then the previous result stands) or leaves no such money: pabutools'
   exhaustion_by_budget_increase with its default step, as equalshares.net's "Add1" but in
   steps of 1% rather than one euro per voter (a share here is a few euros).
3. Greedy completion of what is still left (`greedy.fill`: most votes first, each idea that
   still fits), equalshares.net's "utilitarian completion".

Equal to pabutools' completion_by_rule_combination of exhaustion_by_budget_increase(
method_of_equal_shares, Cost_Sat) and greedy_utilitarian_welfare(Cost_Sat), with the same
tie-break, on the ideas with at least one vote (tests/voting). An idea nobody voted for is
never chosen and never keeps the count going.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from voting.checks import checked
from voting.greedy import fill, ordered
from voting.mes_run import Prepared, Run, prepare, run
from voting.model import Election, Idea, priority
from voting.outcome import Outcome, Verdict

STEP = Fraction(1, 100)  # of the budget, per raise


def equal_shares(election: Election, fast: bool = True) -> Outcome:
    checked(election)
    candidates = ordered(election, election.ideas)
    prep = _prepare(election, candidates)
    final, raises = _raised(election, candidates, prep, fast)
    shares_won = [candidates[p] for p in (final.chosen if final else [])]
    left = election.budget - sum((i.cost for i in shares_won), Decimal(0))
    rest = [i for i in candidates if i not in shares_won]
    completion, more = fill(election, rest, left, "completion", len(shares_won))
    verdicts = _verdicts(election, candidates, final, completion)
    n = len(election.ballots)
    share = Fraction(election.budget) / n if n else None
    return Outcome(
        "equal-shares",
        election,
        tuple(shares_won + more),
        verdicts,
        share=share,
        final_share=final.share if final else None,
        raises=raises,
    )


def _prepare(election: Election, candidates: list[Idea]) -> Prepared:
    index = {idea.id: p for p, idea in enumerate(candidates)}
    supporters: list[list[int]] = [[] for _ in candidates]
    for voter, ballot in enumerate(election.ballots):
        for idea_id in ballot.ideas:
            if idea_id in index:
                supporters[index[idea_id]].append(voter)
    key = priority(election)
    by_key = sorted(range(len(candidates)), key=lambda p: key[candidates[p].id])
    rank = [0] * len(candidates)
    for position, p in enumerate(by_key):
        rank[p] = position
    costs = [Fraction(idea.cost) for idea in candidates]
    return prepare(len(election.ballots), costs, [sorted(s) for s in supporters], rank)


def _raised(
    election: Election, candidates: list[Idea], prep: Prepared, fast: bool
) -> tuple[Run | None, int]:
    """Equal shares with the budget raised step by step (see the module's docstring); the
    run whose result stands and how many raises it took."""
    n = len(election.ballots)
    if n == 0:
        return None, 0
    budget = Fraction(election.budget)
    level, bound = budget, budget * (n + 1)
    previous: Run | None = None
    raises = 0
    while level <= bound:
        result = run(prep, level / n, fast)
        cost = sum((prep.costs[p] for p in result.chosen), Fraction(0))
        if cost > budget:
            return previous, max(raises - 1, 0)
        left = budget - cost
        chosen = set(result.chosen)
        if all(prep.costs[p] > left for p in range(len(candidates)) if p not in chosen):
            return result, raises
        previous = result
        level += budget * STEP
        raises += 1
    return previous, max(raises - 1, 0)


def _verdicts(
    election: Election,
    candidates: list[Idea],
    final: Run | None,
    completion: list[Verdict],
) -> tuple[Verdict, ...]:
    votes = election.votes
    found: dict[str, Verdict] = {}
    if final is not None:
        for payment, p in zip(final.payments, final.chosen, strict=True):
            idea = candidates[p]
            found[idea.id] = Verdict(
                idea, votes[idea.id], True, "shares", payment.round, payment=payment
            )
    index = {idea.id: p for p, idea in enumerate(candidates)}
    for verdict in completion:
        money = final.supporters_money(index[verdict.idea.id]) if final else Fraction(0)
        found[verdict.idea.id] = Verdict(
            verdict.idea,
            verdict.votes,
            verdict.won,
            "completion",
            verdict.position,
            verdict.left,
            supporters_money=money,
        )
    return tuple(
        found.get(idea.id) or Verdict(idea, votes[idea.id], False, "none")
        for idea in election.ideas
    )
