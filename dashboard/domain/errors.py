"""The one kind of error a page shows to its user as it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class UserError(Exception):
    """Input or an action that cannot be accepted. The message is Dutch, names what is
    wrong and how to put it right, and nothing was changed."""


class UserErrors(UserError):
    """Several problems with one form, all reported at once (each a Dutch sentence), so
    that the user can put them right in one go."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class Problems:
    """Collects the problems of a form's fields: `check` runs one check and keeps its
    message instead of stopping; `raise_any` then reports them all together."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, check: Callable[[], T]) -> T | None:
        try:
            return check()
        except UserErrors as errors:
            self.found += errors.problems
        except UserError as error:
            self.found.append(str(error))
        return None

    def add(self, problem: str) -> None:
        self.found.append(problem)

    def raise_any(self) -> None:
        if self.found:
            raise UserErrors(self.found)
