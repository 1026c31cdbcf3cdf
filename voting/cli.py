"""`python -m voting tally ballots.pb --rule equal-shares|greedy|both`: count a vote in a
pabulib file and print the winners, the money spent and why each idea won or lost.

Exit 0 when counted; 2 when the command or the file is wrong (a message, never a
traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from voting.errors import Problem, VotingInputError
from voting.explain import heading, report
from voting.greedy import greedy_by_votes
from voting.model import Election
from voting.outcome import Outcome
from voting.pabulib_read import MAX_BYTES, read_pabulib
from voting.shares import equal_shares

CHOICES = ("equal-shares", "greedy", "both")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m voting", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    tally = sub.add_parser("tally", help="count a vote in a pabulib file (.pb)")
    tally.add_argument("file", help="the vote: a pabulib file (META, PROJECTS, VOTES)")
    tally.add_argument("--rule", choices=CHOICES, default="equal-shares")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        election = read_pabulib(_read(Path(args.file)))
    except VotingInputError as error:
        print(f"{args.file} is niet te tellen:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{args.file} is niet te lezen: {error.strerror or error}", file=sys.stderr)
        return 2
    print(heading_of(election, args.file))
    for outcome in _count(election, args.rule):
        print()
        print("\n".join(report(outcome)))
    return 0


def _read(path: Path) -> bytes:
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        too_big = f"Het bestand is groter dan {MAX_BYTES // 1_000_000} MB."
        raise VotingInputError([Problem(0, too_big)])
    return path.read_bytes()


def heading_of(election: Election, name: str) -> str:
    title = election.meta_value("description") or name
    return f"{title}\n{heading(election)}"


def _count(election: Election, rule: str) -> list[Outcome]:
    rules = ("equal-shares", "greedy") if rule == "both" else (rule,)
    return [
        equal_shares(election) if r == "equal-shares" else greedy_by_votes(election) for r in rules
    ]
