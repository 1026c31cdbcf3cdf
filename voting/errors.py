"""The one exception family of the vote's core, and a problem found in its input."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an election or a file: its line (files; 0 when the problem is
    the file as a whole) and what is wrong, in Dutch."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.message}" if self.line else self.message


class VotingError(Exception):
    """Base class: every error the vote's core raises on purpose."""


class VotingInputError(VotingError):
    """An election, ballot or file is refused; `problems` holds every reason at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p.line))  # stable: found order
        super().__init__("\n".join(str(p) for p in self.problems))
