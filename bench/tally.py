"""Benchmark: counting a neighbourhood vote (voting/) and making its one-time codes.

    uv run python -m bench.tally [--ballots 5000] [--ideas 40] [--seed 1] [--repeat 3]

A seeded vote like a real one (data/vote_sample.py: EUR 25,000, ideas per buurt with
realistic costs, a few ideas far more popular, residents who tick one idea or ten),
counted by both rules, and by pabutools (the reference) on the same election in the same
run: the time of each, the ratio and whether the winners are the same. Targets: both
rules together in under 2 s; 20,000 one-time codes in under 10 s (letters to come).
"""

from __future__ import annotations

import argparse
import secrets
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TypeVar

from data.vote_sample import neighbourhood_vote
from tests.voting.reference import reference
from voting import equal_shares, greedy_by_votes, new_codes
from voting.model import Election
from voting.outcome import Outcome, Rule

TARGET_COUNT = 2.0
TARGET_CODES = 10.0
T = TypeVar("T")


def timed(work: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The fastest of `repeat` runs (the machine is shared) and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    assert result is not None
    return best, result


def count(election: Election, repeat: int) -> float:
    rules: dict[Rule, Callable[[Election], Outcome]] = {
        "greedy": greedy_by_votes,
        "equal-shares": equal_shares,
    }
    print("| rule | ours s | pabutools s | ratio | same winners | spent | raises |")
    print("|---|---|---|---|---|---|---|")
    total = 0.0
    for name, rule in rules.items():
        ours, outcome = timed(partial(rule, election), repeat)
        theirs, chosen = timed(partial(reference, election, name), 1)
        same = chosen == [idea.id for idea in outcome.winners]
        total += ours
        print(
            f"| {name} | {ours:.3f} | {theirs:.2f} | {theirs / ours:.0f}x | "
            f"{'yes' if same else 'NO'} | {outcome.spent} | {outcome.raises} |",
            flush=True,
        )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=5_000)
    parser.add_argument("--ideas", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--codes", type=int, default=20_000)
    args = parser.parse_args()
    made, election = timed(
        lambda: neighbourhood_vote(args.seed, args.ballots, args.ideas, Decimal(25_000)), 1
    )
    print(
        f"{args.ballots} ballots over {args.ideas} ideas, EUR 25,000 (seed {args.seed}, "
        f"made in {made:.2f} s); {sum(len(b.ideas) for b in election.ballots)} ticks"
    )
    total = count(election, args.repeat)
    verdict = "met" if total < TARGET_COUNT else "MISSED"
    print(f"both rules together: {total:.3f} s (target < {TARGET_COUNT:.0f} s: {verdict})")
    seconds, codes = timed(lambda: new_codes(args.codes, secrets.SystemRandom()), args.repeat)
    assert len(set(codes)) == args.codes
    verdict = "met" if seconds < TARGET_CODES else "MISSED"
    print(
        f"{args.codes} one-time codes (secrets.SystemRandom): {seconds:.3f} s "
        f"(target < {TARGET_CODES:.0f} s with letters: {verdict})"
    )


if __name__ == "__main__":
    main()
