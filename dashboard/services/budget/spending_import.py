"""Import of the municipality's finance export: every payment is booked, or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from dashboard.config import overspend_policy
from dashboard.domain import ledger
from dashboard.domain.auth import Caller, PermissionDenied, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.models import Proposal, SpendingTransaction
from dashboard.domain.statuses import ProposalStatus
from dashboard.files import spending_csv
from dashboard.files.spending_csv import PaymentRow, Problem
from dashboard.services.budget.common import load_books, require_organiser_role
from dashboard.store import audit, budget, proposals
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock


@dataclass(frozen=True)
class ImportResult:
    booked: int
    already_known: int
    warnings: list[str]
    problems: list[str]  # when there are any, nothing was booked

    @property
    def ok(self) -> bool:
        return not self.problems


def import_spending(
    store: Store, caller: Caller, file_name: str, data: bytes, today: date | None = None
) -> ImportResult:
    """Book every payment in the finance export, or none: all rows are checked first.

    A payment whose reference is already booked with the same date, amount and project is
    skipped, so importing the same file again changes nothing.
    """
    require_organiser_role(caller)
    parsed = spending_csv.parse(data, today or clock.today())
    found = _projects(store, parsed.rows)
    projects = {ref: project for ref, project in found.items() if project is not None}
    known = [row for row in parsed.rows if row.project_ref in projects]
    # Every problem of the file at once: the lines that could be read are checked against
    # the projects and the books too, whatever is wrong elsewhere in the file.
    problems = [*parsed.problems, *_unknown_projects(parsed.rows, found)]
    problems += _foreign_projects(caller, known, projects)
    refused = {problem.line for problem in problems}
    bookable = [row for row in known if row.line not in refused]
    digest = hashlib.sha256(data).hexdigest()
    bookable_projects = {row.project_ref: projects[row.project_ref] for row in bookable}
    job = _Import(caller, file_name, digest, bookable, bookable_projects, overspend_policy(),
                  problems)  # fmt: skip
    try:
        return store.write(job.book)
    except _RollBack as undone:
        return undone.result


def _refused(problems: list[Problem]) -> ImportResult:
    """Nothing booked; the problems in the order of the file's lines (those about the
    file as a whole last)."""
    ordered = sorted(problems, key=lambda p: p.line or float("inf"))
    return ImportResult(0, 0, [], [str(p) for p in ordered])


def _projects(store: Store, rows: list[PaymentRow]) -> dict[str, Proposal | None]:
    """The project each reference in the file names; None for a reference that is no
    project."""
    with store.read() as cur:
        return {
            ref: proposals.proposal_by_ref(cur, ref) for ref in {row.project_ref for row in rows}
        }


def _unknown_projects(
    rows: list[PaymentRow], projects: dict[str, Proposal | None]
) -> list[Problem]:
    return [
        Problem(row.line, f"project '{row.project_ref}' bestaat niet.")
        for row in rows
        if projects[row.project_ref] is None
    ]


def _foreign_projects(
    caller: Caller, rows: list[PaymentRow], projects: dict[str, Proposal]
) -> list[Problem]:
    """A line for each payment on a project in a neighbourhood the caller does not
    organise."""
    hoods = {p.neighbourhood_id for p in projects.values()}
    foreign = {n for n in hoods if not _organises(caller, n)}
    return [
        Problem(
            row.line,
            f"project '{row.project_ref}' hoort bij een wijk waarvan u geen organisator bent.",
        )
        for row in rows
        if projects[row.project_ref].neighbourhood_id in foreign
    ]


# A payment to book: its row, the allocation it is booked on, its project.
_Booking = tuple[PaymentRow, int, Proposal]


@dataclass(frozen=True)
class _Import:
    """A finance export checked outside the transaction: the rows left to book name a
    project that exists and is the caller's; `problems` are those found so far."""

    caller: Caller
    file_name: str
    digest: str  # of the file's bytes
    rows: list[PaymentRow]
    projects: dict[str, Proposal]  # by reference
    policy: ledger.OverspendPolicy
    problems: list[Problem]

    def book(self, cur: Unit) -> ImportResult:
        """Book the payments not booked before, all in one transaction (it may run more
        than once); _RollBack when one is refused or none is new."""
        plan, warnings = self._plan(cur)
        if not plan:  # every payment was booked before: nothing changes at all
            raise _RollBack(ImportResult(0, len(self.rows), warnings, []))
        at = clock.utc_naive_now()
        budget.add_spending_batch(cur, [
            {"allocation_id": allocation_id, "reference": row.reference,
             "booked_on": row.booked_on, "amount": row.amount, "description": row.description,
             "source": "import", "import_batch": self.digest[:16], "created_at": at}
            for row, allocation_id, _ in plan
        ])  # fmt: skip
        _start_projects(cur, plan)
        already = len(self.rows) - len(plan)
        actor = self.caller.actor
        budget.record_import(
            cur, self.file_name, self.digest, len(plan), already, actor, clock.utc_naive_now()
        )
        audit.append(
            cur,
            actor,
            "spending.import",
            "spending_import",
            self.digest[:16],
            {"rows_booked": len(plan), "rows_already_known": already},
        )
        return ImportResult(len(plan), already, warnings, [])

    def _plan(self, cur: Unit) -> tuple[list[_Booking], list[str]]:
        """The payments to book, each on its allocation, and the warnings; _RollBack with
        every problem when a payment cannot be booked (the locks' bumps undone too)."""
        project_books = self._project_books(cur)
        known = budget.spending_by_references(cur, [row.reference for row in self.rows])
        funds = budget.allocation_projects(cur, [t.allocation_id for t in known.values()])
        problems, warnings, plan = list(self.problems), [], []
        for row in self.rows:
            project = self.projects[row.project_ref]
            existing = known.get(row.reference)
            if existing is not None:
                if not _same_payment(existing, row, funds.get(existing.allocation_id), project):
                    problems.append(Problem(
                        row.line,
                        f"kenmerk '{row.reference}' is al geboekt met een andere datum, "
                        "een ander bedrag of project.",
                    ))  # fmt: skip
                continue
            try:
                current = project_books[project.id]
                warning = ledger.check_spending(current, project.id, row.amount, self.policy)
                allocation_id = ledger.allocation_for_spending(current, project.id, row.amount)
            except UserError as exc:
                problems.append(Problem(row.line, f"project {row.project_ref}: {exc}"))
                continue
            if warning:
                warnings.append(f"Regel {row.line} ({row.project_ref}): {warning}")
            project_books[project.id] = current.with_spent(allocation_id, row.amount)
            plan.append((row, allocation_id, project))
        if problems:
            raise _RollBack(_refused(problems))
        return plan, warnings

    def _project_books(self, cur: Unit) -> dict[int, ledger.Books]:
        """Each project's books as its spending rules read them, its neighbourhood locked:
        a handful of rows, so every payment is checked in constant time however long the
        file is."""
        hoods = sorted({p.neighbourhood_id for p in self.projects.values()})
        for neighbourhood_id in hoods:
            budget.lock_neighbourhood(cur, neighbourhood_id)
        books = {n: load_books(cur, n) for n in hoods}
        return {p.id: books[p.neighbourhood_id].for_project(p.id) for p in self.projects.values()}


def _same_payment(
    existing: SpendingTransaction, row: PaymentRow, funded: int | None, project: Proposal
) -> bool:
    """Whether a payment booked before is this row: the same amount, date and project
    (`funded`: the project its allocation funds)."""
    same_money = (existing.amount, existing.booked_on) == (row.amount, row.booked_on)
    return same_money and funded == project.id


def _start_projects(cur: Unit, plan: list[_Booking]) -> None:
    """A decided project is in progress from its first payment's date."""
    started: set[int] = set()
    for row, _, project in plan:
        if project.status == ProposalStatus.BESLOTEN and project.id not in started:
            proposals.change_status(cur, project.id, ProposalStatus.IN_UITVOERING, row.booked_on)
            started.add(project.id)


def _organises(caller: Caller, neighbourhood_id: int) -> bool:
    try:
        require_organiser(caller, neighbourhood_id)
    except PermissionDenied:
        return False
    return True


class _RollBack(Exception):
    """Raised inside the import's transaction to end it without a trace: a refused
    import, or one that books nothing new, leaves the database exactly as it was."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("import refused")
        self.result = result
