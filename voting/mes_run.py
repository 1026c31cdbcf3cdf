"""One run of the Method of Equal Shares with a fixed share per voter, exact.

Every voter starts with the same share of money. Round by round, each idea whose supporters
together still have its cost could be paid by them as equally as possible: everyone pays
the same amount `each`, and a supporter who has less pays all they have left. With cost
satisfaction on approval ballots (see docs/voting.md) the idea chosen is the one whose
`each` is the smallest part of its cost (`each / cost`, the equal-shares literature's rho);
ties by `model.priority`. The run ends when no idea can be paid any more.

Exact where it decides: payments are Fractions and every budget is the share minus the
payments its voter made, so it is known exactly from those. The search uses floating-point
copies of the budgets, whose error is bounded (`_State.error`); whenever two ideas, or a
budget and a payment, are closer than that bound, they are compared exactly instead. Each
chosen payment is computed exactly and checked; if a check ever failed, the run would fall
back to exact budgets for that idea (`_State.slow_split`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from voting.outcome import Payment

EPS = 2.0**-52  # twice the unit roundoff of a double


@dataclass(frozen=True)
class Prepared:
    """The candidates of a count (ideas with at least one vote), ready for many runs."""

    voters: int
    costs: tuple[Fraction, ...]
    cost_f: tuple[float, ...]
    supporters: tuple[np.ndarray, ...]  # voter numbers, per candidate
    rank: tuple[int, ...]  # tie-break: the lower rank goes first


def prepare(
    voters: int, costs: Sequence[Fraction], supporters: Sequence[Sequence[int]], rank: Sequence[int]
) -> Prepared:
    return Prepared(
        voters,
        tuple(costs),
        tuple(float(c) for c in costs),
        tuple(np.asarray(s, dtype=np.int64) for s in supporters),
        tuple(rank),
    )


@dataclass(frozen=True)
class _Split:
    """The exact payment for one idea and who pays what."""

    each: Fraction
    rich: np.ndarray  # pay `each` and keep something
    zeroed: np.ndarray  # pay everything they had left (at most `each`)
    full: int  # paid `each` (also those for whom that was exactly everything)
    partial: int  # had less than `each`, more than nothing
    partial_total: Fraction
    empty: int  # had nothing left


@dataclass
class Run:
    share: Fraction
    chosen: list[int]  # candidates, in the order chosen
    payments: list[Payment]
    state: _State

    def supporters_money(self, candidate: int) -> Fraction:
        """What the candidate's supporters had left together at the end of the run."""
        return self.state.exact_sum(self.state.prep.supporters[candidate])


def run(prep: Prepared, share: Fraction, fast: bool = True) -> Run:
    """Equal shares with `share` per voter. `fast=False` compares every idea exactly in
    every round (the slow reference the tests hold the fast search to)."""
    state = _State(prep, share)
    live = {p: 0.0 for p in range(len(prep.costs))}  # candidate -> lower bound of its rho
    chosen: list[int] = []
    payments: list[Payment] = []
    while live:
        found = state.step(live) if fast else state.step_exact(live)
        if found is None:
            break
        winner, split = found
        chosen.append(winner)
        payments.append(
            Payment(
                len(chosen), split.each, split.full, split.partial, split.partial_total, split.empty
            )
        )
    return Run(share, chosen, payments, state)


def _float_payment(budgets: np.ndarray, cost: float) -> float:
    """The x with sum(min(b, x)) = cost over the supporters' budgets, in floating point."""
    ordered = np.sort(budgets)
    poorer = np.cumsum(ordered) - ordered  # money of the supporters before each one
    each = (cost - poorer) / np.arange(len(ordered), 0, -1)
    enough = each <= ordered
    if not enough.any():
        return float(ordered[-1])
    return float(each[int(enough.argmax())])


class _State:
    def __init__(self, prep: Prepared, share: Fraction) -> None:
        self.prep = prep
        self.share = share
        self.share_f = float(share)
        self.budget_f = np.full(prep.voters, self.share_f)
        self.alive = np.ones(prep.voters, dtype=bool)  # False: nothing left, exactly
        self.paid = np.zeros((prep.voters, 4), dtype=bool)  # paid[v, r]: v paid each[r]
        self.each: list[Fraction] = []

    @property
    def error(self) -> float:
        """Bound on |budget_f - budget| of any voter: the share rounded once, then at most
        one subtraction per payment, each rounding the payment and the result (both at most
        the share): 2 * EPS * share per payment, twice the bound."""
        return (2 * len(self.each) + 1) * EPS * self.share_f

    def _payment_error(self, supporters: int, cost: float, total: float) -> float:
        """Bound on the error of `_float_payment`: the payment moves by at most the sum of
        the budgets' errors (divided by the payers, at least one), plus the rounding of the
        sums and the division; four times that."""
        return 4 * supporters * (self.error + EPS * max(cost, total)) + 4 * EPS * cost

    def exact_sum(self, voters: np.ndarray) -> Fraction:
        live = voters[self.alive[voters]]
        total = self.share * len(live)
        if self.each and len(live):
            counts = self.paid[live, : len(self.each)].sum(axis=0).tolist()
            total -= sum((x * k for x, k in zip(self.each, counts, strict=True) if k), Fraction(0))
        return total

    def exact_budgets(self, voters: np.ndarray) -> list[Fraction]:
        rounds = len(self.each)
        if rounds == 0:
            return [self.share if a else Fraction(0) for a in self.alive[voters].tolist()]
        if len(voters) <= 8:  # the usual case: a few voters close to a payment
            return [self._budget_of(int(v)) for v in voters]
        patterns, inverse = np.unique(self.paid[voters, :rounds], axis=0, return_inverse=True)
        values = [self.share - self._payments(row) for row in patterns.tolist()]
        alive = self.alive[voters].tolist()
        kinds = inverse.ravel().tolist()
        return [values[i] if a else Fraction(0) for i, a in zip(kinds, alive, strict=True)]

    def _budget_of(self, voter: int) -> Fraction:
        if not self.alive[voter]:
            return Fraction(0)
        row = self.paid[voter, : len(self.each)].tolist()
        return self.share - self._payments(row)

    def _payments(self, row: list[bool]) -> Fraction:
        """What a voter who paid in full in the rounds marked in `row` paid together."""
        return sum((x for x, bit in zip(self.each, row, strict=True) if bit), Fraction(0))

    def look(self, p: int) -> tuple[float, float] | None:
        """rho = each / cost of candidate p in floating point, with a bound on its error;
        None when its supporters cannot pay for it any more (decided exactly when close)."""
        supporters = self.prep.supporters[p]
        cost = self.prep.cost_f[p]
        budgets = self.budget_f[supporters]
        total = float(budgets.sum())
        slack = len(supporters) * (self.error + EPS * total) + EPS * cost
        if total < cost - slack:
            return None
        if total <= cost + slack and self.exact_sum(supporters) < self.prep.costs[p]:
            return None
        each = _float_payment(budgets, cost)
        error = self._payment_error(len(supporters), cost, total)
        return each / cost, error / cost + EPS * each / cost

    def step(self, live: dict[int, float]) -> tuple[int, _Split] | None:
        """Choose and pay for the next idea; None when none can be paid any more."""
        rank = self.prep.rank
        best_high = math.inf
        seen: dict[int, float] = {}  # candidate -> lower end of its rho
        for p in sorted(live, key=lambda q: (live[q], rank[q])):
            if live[p] > best_high:
                break  # rho only grows round by round: this one and the rest cannot win
            found = self.look(p)
            if found is None:
                del live[p]  # budgets only shrink: never affordable again
                continue
            rho, error = found
            live[p] = max(live[p], rho - error)
            seen[p] = rho - error
            best_high = min(best_high, rho + error)
        contenders = [p for p, low in seen.items() if low <= best_high]
        if not contenders:
            return None
        splits = {p: self.split(p) for p in contenders}
        costs = self.prep.costs
        winner = min(contenders, key=lambda p: (splits[p].each / costs[p], rank[p]))
        self.pay(splits[winner])
        del live[winner]
        return winner, splits[winner]

    def step_exact(self, live: dict[int, float]) -> tuple[int, _Split] | None:
        costs = self.prep.costs
        splits: dict[int, _Split] = {}
        for p in list(live):
            if self.exact_sum(self.prep.supporters[p]) < costs[p]:
                del live[p]
            else:
                splits[p] = self.slow_split(p)
        if not splits:
            return None
        winner = min(splits, key=lambda p: (splits[p].each / costs[p], self.prep.rank[p]))
        self.pay(splits[winner])
        del live[winner]
        return winner, splits[winner]

    def split(self, p: int) -> _Split:
        """The exact payment for candidate p. Supporters whose float budget is clearly below
        or above the float payment are poor or rich for sure; those in between are ordered
        by their exact budgets."""
        supporters = self.prep.supporters[p]
        cost, cost_f = self.prep.costs[p], self.prep.cost_f[p]
        budgets = self.budget_f[supporters]
        guess = _float_payment(budgets, cost_f)
        margin = self._payment_error(len(supporters), cost_f, float(budgets.sum())) + self.error
        low, high = budgets < guess - margin, budgets > guess + margin
        poor, rich = supporters[low], supporters[high]
        unsure = supporters[~low & ~high]
        spent = poor_sum = self.exact_sum(poor)
        payers = len(supporters) - len(poor)
        walked = sorted(zip(self.exact_budgets(unsure), unsure.tolist(), strict=True))
        for budget, _ in walked:
            if cost - spent <= budget * payers:  # each <= budget: the rest can pay
                break
            spent += budget
            payers -= 1
        if payers == 0 or not self._holds(poor, rich, (cost - spent) / payers):
            return self.slow_split(p)
        each = (cost - spent) / payers
        return self._make_split(supporters, each, walked, (poor, poor_sum), rich)

    def _holds(self, poor: np.ndarray, rich: np.ndarray, each: Fraction) -> bool:
        """The exact check of the sure ones at the edges: the richest of the poor has at
        most `each`, the poorest of the rich more."""
        if len(poor):
            edge = poor[int(np.argmax(self.budget_f[poor]))]
            if self.exact_budgets(np.array([edge]))[0] > each:
                return False
        if len(rich):
            edge = rich[int(np.argmin(self.budget_f[rich]))]
            if self.exact_budgets(np.array([edge]))[0] <= each:
                return False
        return True

    def _make_split(
        self,
        supporters: np.ndarray,
        each: Fraction,
        walked: list[tuple[Fraction, int]],
        sure_poor: tuple[np.ndarray, Fraction],
        rich: np.ndarray,
    ) -> _Split:
        poor, poor_sum = sure_poor
        more_rich = [v for b, v in walked if b > each]
        zeroed_unsure = [v for b, v in walked if b <= each]
        at_each = sum(1 for b, _ in walked if b == each)
        partial_unsure = [b for b, _ in walked if 0 < b < each]
        empty = int(len(supporters) - np.count_nonzero(self.alive[supporters]))
        partial_poor = int(np.count_nonzero(self.alive[poor]))
        return _Split(
            each=each,
            rich=np.concatenate([rich, np.asarray(more_rich, dtype=np.int64)]),
            zeroed=np.concatenate([poor, np.asarray(zeroed_unsure, dtype=np.int64)]),
            full=len(rich) + len(more_rich) + at_each,
            partial=partial_poor + len(partial_unsure),
            partial_total=poor_sum + sum(partial_unsure, Fraction(0)),
            empty=empty,
        )

    def slow_split(self, p: int) -> _Split:
        """The exact payment from every supporter's exact budget."""
        supporters = self.prep.supporters[p]
        cost = self.prep.costs[p]
        walked = sorted(zip(self.exact_budgets(supporters), supporters.tolist(), strict=True))
        spent, payers = Fraction(0), len(walked)
        for budget, _ in walked:
            if cost - spent <= budget * payers:
                break
            spent += budget
            payers -= 1
        each = (cost - spent) / payers
        none = np.zeros(0, dtype=np.int64)
        return self._make_split(supporters, each, walked, (none, Fraction(0)), none)

    def pay(self, split: _Split) -> None:
        rounds = len(self.each)
        if rounds == self.paid.shape[1]:
            self.paid = np.concatenate([self.paid, np.zeros_like(self.paid)], axis=1)
        self.paid[split.rich, rounds] = True
        self.budget_f[split.rich] -= float(split.each)
        self.alive[split.zeroed] = False
        self.budget_f[split.zeroed] = 0.0
        self.each.append(split.each)
