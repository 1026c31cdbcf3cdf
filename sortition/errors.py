"""The one exception family of the sortition engine."""

from __future__ import annotations

from dataclasses import dataclass


class SortitionError(Exception):
    """Base class: every error the engine raises on purpose."""


class SortitionInputError(SortitionError):
    """The pool, the quota table or a parameter is not usable as given."""


class CeremonyInputError(SortitionInputError):
    """A public ceremony input is refused (see `sortition.seed.canonical_input`).

    The message is English; the attributes let a user interface say it in its own
    language: `reason` (a code, see `sortition.seed.REASONS`), `number` (the input's
    position, from 1; None when the list as a whole is refused) and `character` (the
    offending character as typed, when there is one).
    """

    def __init__(
        self, message: str, reason: str, number: int | None = None, character: str | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.number = number
        self.character = character


@dataclass(frozen=True)
class QuotaChange:
    """One quota bound changed by the suggested relaxation."""

    feature: str
    value: str
    old_min: int
    old_max: int
    new_min: int
    new_max: int
    reason: str

    def describe(self) -> str:
        parts = []
        if self.new_min != self.old_min:
            parts.append(f"lower the minimum from {self.old_min} to {self.new_min}")
        if self.new_max != self.old_max:
            parts.append(f"raise the maximum from {self.old_max} to {self.new_max}")
        return f"{self.feature} {self.value}: {self.reason}; suggestion: {' and '.join(parts)}"


class InfeasibleQuotasError(SortitionError):
    """No panel of size k meets every quota; carries the smallest relaxation found."""

    def __init__(self, message: str, changes: list[QuotaChange], problems: list[str]) -> None:
        super().__init__(message)
        self.changes = changes
        self.problems = problems


class SolverTimeLimitError(SortitionError):
    """An objective's solver hit its time limit before it could prove its result optimal;
    nothing is returned (an approximation is never presented as exact). `gap` is the best
    proven distance to the optimum so far (inf when none)."""

    def __init__(self, objective: str, seconds: float, gap: float) -> None:
        proven = ""
        if gap < float("inf"):
            proven = f" (the best found was within {gap:.2g} of the optimum)"
        super().__init__(
            f"The {objective} computation did not finish within {seconds:g} seconds{proven}; "
            "no result is given, because it could not be proven optimal. Allow more time "
            "(--time-limit) or use leximin."
        )
        self.objective = objective
        self.seconds = seconds
        self.gap = gap
