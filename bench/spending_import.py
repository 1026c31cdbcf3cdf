"""Benchmark: importing the finance export (services/budget/spending_import.py).

    uv run python -m bench.spending_import [--rows 50000] [--sample 300]

A file at the import's row limit (50,000 payments) spread over eight projects of one
neighbourhood of the demo municipality, booked in one transaction with every check.
As a baseline in the same run, the import's former way on a sample of the same file:
in one transaction, each payment checked against the neighbourhood's whole books (which
grow by the payments planned before it) and inserted with its own INSERT; extrapolated
linearly, which flatters it (that way is quadratic: 4.1 ms a row at 10,000 rows against
2.0 ms at 2,000). Target: the whole file in under 10 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from dashboard.domain import ledger
from dashboard.files import spending_csv
from dashboard.services.budget.common import load_books
from dashboard.services.budget.spending_import import import_spending
from dashboard.store import budget, proposals
from dashboard.store.db import Store, open_store
from data.generate import Settings, generate
from sortition import clock
from tests.funded import ORGANISER, funded_project

TODAY = date(2026, 11, 23)
PROJECTS = 8
TARGET_SECONDS = 10.0


def projects(store: Store) -> list[str]:
    """Eight funded projects (room for every payment, so none is refused)."""
    return [
        funded_project(store, "10.000.000", "1.000.000", f"Bench {n}").external_ref
        for n in range(PROJECTS)
    ]


def export(refs: list[str], rows: int, prefix: str) -> bytes:
    lines = [
        f"{prefix}-{i};2026-{1 + i % 10:02d}-{1 + i % 28:02d};{1 + i % 90},{i % 100:02d};"
        f"Factuur {i};{refs[i % len(refs)]}"
        for i in range(rows)
    ]
    return ("kenmerk;datum;bedrag;omschrijving;project\n" + "\n".join(lines) + "\n").encode()


def former_way(store: Store, data: bytes) -> float:
    """Seconds a row the way the import booked before (rolled back afterwards)."""
    rows = spending_csv.parse(data, TODAY).rows
    cur_started = time.perf_counter()
    with store.read() as reader:
        projects = {r: proposals.proposal_by_ref(reader, r) for r in {x.project_ref for x in rows}}
    # A transaction that is rolled back: the bench books nothing.
    with store.read() as cur:
        cur.execute("BEGIN TRANSACTION")
        try:
            books = load_books(cur, 1)
            for n, row in enumerate(rows):
                project = projects[row.project_ref]
                assert project is not None
                ledger.check_spending(books, project.id, row.amount, ledger.OverspendPolicy.REFUSE)
                allocation = ledger.allocation_for_spending(books, project.id, row.amount)
                budget.add_spending(cur, allocation, row.reference, row.booked_on, row.amount,
                                    row.description, clock.now(), source="import")  # fmt: skip
                planned = ledger.SpendingRow(-n, allocation, row.amount, row.reference)
                books = replace(books, spending=(*books.spending, planned))
            return (time.perf_counter() - cur_started) / len(rows)
        finally:
            cur.execute("ROLLBACK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=spending_csv.MAX_ROWS)
    parser.add_argument("--sample", type=int, default=2_000, help="baseline sample size")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        generate(path, Settings(residents=4_000, seed=11, today=TODAY))
        store = open_store(path)
        try:
            refs = projects(store)
            data = export(refs, args.rows, "B")
            per_row = former_way(store, export(refs, args.sample, "S"))  # on the same books
            started = time.perf_counter()
            result = import_spending(store, ORGANISER, "export.csv", data, TODAY)
            seconds = time.perf_counter() - started
            assert result.ok and result.booked == args.rows, result.problems[:3]
            started = time.perf_counter()
            again = import_spending(store, ORGANISER, "export.csv", data, TODAY)
            again_seconds = time.perf_counter() - started
            assert again.ok and again.booked == 0 and again.already_known == args.rows

        finally:
            store.close()
    baseline = per_row * args.rows
    print(f"rows in the file       {args.rows:>10,}   over {PROJECTS} projects")
    print(f"import (s)             {seconds:>10.2f}   {1000 * seconds / args.rows:.3f} ms a row; "
          f"ratio to target {seconds / TARGET_SECONDS:.2f} (< 1 meets it)")  # fmt: skip
    print(f"same file again (s)    {again_seconds:>10.2f}   (nothing new: every row compared)")
    print(f"former way (s)         {baseline:>10.1f}   {1000 * per_row:.2f} ms a row "
          f"(row by row, extrapolated from {args.sample:,})")  # fmt: skip
    print(f"speed-up               {baseline / seconds:>10.0f}x")


if __name__ == "__main__":
    main()
