"""Import of the municipality's finance export: every payment is booked, or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from dashboard.config import overspend_policy
from dashboard.domain import ledger
from dashboard.domain.auth import Caller, PermissionDenied, require_organiser
from dashboard.domain.errors import UserError
from dashboard.domain.statuses import ProposalStatus
from dashboard.files import spending_csv
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
    if parsed.problems:
        return ImportResult(0, 0, [], [str(p) for p in parsed.problems])
    with store.read() as cur:
        projects = {
            ref: proposals.proposal_by_ref(cur, ref)
            for ref in {row.project_ref for row in parsed.rows}
        }
    unknown = [row for row in parsed.rows if projects[row.project_ref] is None]
    if unknown:
        return ImportResult(
            0,
            0,
            [],
            [f"Regel {row.line}: project '{row.project_ref}' bestaat niet." for row in unknown],
        )
    hoods = sorted({p.neighbourhood_id for p in projects.values() if p is not None})
    foreign = [n for n in hoods if not _organises(caller, n)]
    if foreign:
        return ImportResult(0, 0, [], [
            f"Regel {row.line}: project '{row.project_ref}' hoort bij een wijk waarvan u "
            "geen organisator bent."
            for row in parsed.rows
            if (project := projects[row.project_ref]) and project.neighbourhood_id in foreign
        ])  # fmt: skip
    policy = overspend_policy()
    digest = hashlib.sha256(data).hexdigest()

    def attempt(cur: Unit) -> ImportResult:
        for neighbourhood_id in hoods:
            budget.lock_neighbourhood(cur, neighbourhood_id)
        books = {n: load_books(cur, n) for n in hoods}
        # Each project's books as its spending rules read them: a handful of rows, so
        # every payment is checked in constant time however long the file is.
        project_books = {
            p.id: books[p.neighbourhood_id].for_project(p.id)
            for p in projects.values()
            if p is not None
        }
        known = budget.spending_by_references(cur, [row.reference for row in parsed.rows])
        funds = budget.allocation_projects(cur, [t.allocation_id for t in known.values()])
        problems, warnings, plan = [], [], []
        for row in parsed.rows:
            project = projects[row.project_ref]
            assert project is not None
            existing = known.get(row.reference)
            if existing is not None:
                same = (existing.amount, existing.booked_on) == (row.amount, row.booked_on) and (
                    funds.get(existing.allocation_id) == project.id
                )
                if not same:
                    problems.append(
                        f"Regel {row.line}: kenmerk '{row.reference}' is al geboekt "
                        "met een andere datum, een ander bedrag of project."
                    )
                continue
            try:
                current = project_books[project.id]
                warning = ledger.check_spending(current, project.id, row.amount, policy)
                allocation_id = ledger.allocation_for_spending(current, project.id, row.amount)
            except UserError as exc:
                problems.append(f"Regel {row.line} ({row.project_ref}): {exc}")
                continue
            if warning:
                warnings.append(f"Regel {row.line} ({row.project_ref}): {warning}")
            project_books[project.id] = current.with_spent(allocation_id, row.amount)
            plan.append((row, allocation_id, project))
        if problems:
            raise _RollBack(ImportResult(0, 0, [], problems))  # the lock's bump too
        if not plan:  # every payment was booked before: nothing changes at all
            raise _RollBack(ImportResult(0, len(parsed.rows), warnings, []))
        at = clock.utc_naive_now()
        budget.add_spending_batch(cur, [
            {"allocation_id": allocation_id, "reference": row.reference,
             "booked_on": row.booked_on, "amount": row.amount, "description": row.description,
             "source": "import", "import_batch": digest[:16], "created_at": at}
            for row, allocation_id, _ in plan
        ])  # fmt: skip
        started: set[int] = set()
        for row, _, project in plan:
            if project.status == ProposalStatus.BESLOTEN and project.id not in started:
                proposals.change_status(
                    cur, project.id, ProposalStatus.IN_UITVOERING, row.booked_on
                )
                started.add(project.id)
        already = len(parsed.rows) - len(plan)
        budget.record_import(
            cur, file_name, digest, len(plan), already, caller.actor, clock.utc_naive_now()
        )
        audit.append(
            cur,
            caller.actor,
            "spending.import",
            "spending_import",
            digest[:16],
            {"rows_booked": len(plan), "rows_already_known": already},
        )
        return ImportResult(len(plan), already, warnings, [])

    try:
        return store.write(attempt)
    except _RollBack as undone:
        return undone.result


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
