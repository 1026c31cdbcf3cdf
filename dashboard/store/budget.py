"""Budget envelopes, allocations and spending: append-only money records."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from dashboard.domain.models import Allocation, BudgetEnvelope, BudgetSummary, SpendingTransaction
from dashboard.store.bulk import load_frame
from dashboard.store.rows import Cursor, insert, select, select_one

# Allocations count for the public only once their decision is published.
_PUBLISHED_ALLOCATION = """
    allocation a JOIN decision d ON d.id = a.decision_id AND d.status = 'gepubliceerd'
"""


def add_envelope(
    cur: Cursor,
    neighbourhood_id: int,
    year: int,
    source: str,
    amount: Decimal,
    description: str,
    created_at: datetime,
    year_end_rule: str = "carry_over",
    carried_from_id: int | None = None,
) -> int:
    return insert(
        cur,
        "budget_envelope",
        {
            "neighbourhood_id": neighbourhood_id,
            "year": year,
            "source": source,
            "amount": amount,
            "description": description,
            "year_end_rule": year_end_rule,
            "carried_from_id": carried_from_id,
            "created_at": created_at,
        },
    )


def envelopes(cur: Cursor, neighbourhood_id: int, year: int | None = None) -> list[BudgetEnvelope]:
    where, params = "neighbourhood_id = ?", [neighbourhood_id]
    if year is not None:
        where, params = where + " AND year = ?", [*params, year]
    return select(cur, BudgetEnvelope, "budget_envelope", where, params, order_by="year, id")


def all_envelopes(cur: Cursor) -> list[BudgetEnvelope]:
    """Every neighbourhood's budgets, by neighbourhood, year and number; one query."""
    return select(cur, BudgetEnvelope, "budget_envelope", order_by="neighbourhood_id, year, id")


def add_allocation(
    cur: Cursor,
    decision_id: int,
    proposal_id: int,
    envelope_id: int,
    amount: Decimal,
    booked_on: date,
    created_at: datetime,
    reverses_id: int | None = None,
) -> int:
    return insert(
        cur,
        "allocation",
        {
            "decision_id": decision_id,
            "proposal_id": proposal_id,
            "envelope_id": envelope_id,
            "amount": amount,
            "booked_on": booked_on,
            "reverses_id": reverses_id,
            "created_at": created_at,
        },
    )


def add_spending(
    cur: Cursor,
    allocation_id: int,
    reference: str,
    booked_on: date,
    amount: Decimal,
    description: str,
    created_at: datetime,
    source: str = "handmatig",
    import_batch: str | None = None,
    reverses_id: int | None = None,
) -> int:
    return insert(
        cur,
        "spending_transaction",
        {
            "allocation_id": allocation_id,
            "reference": reference,
            "booked_on": booked_on,
            "amount": amount,
            "description": description,
            "source": source,
            "import_batch": import_batch,
            "reverses_id": reverses_id,
            "created_at": created_at,
        },
    )


def add_spending_batch(cur: Cursor, rows: list[dict[str, object]]) -> int:
    """Insert many payments at once (the finance import): the keys of `add_spending`,
    money as Decimal. One INSERT from a frame instead of one per row."""
    if not rows:
        return 0
    frame = pd.DataFrame(rows)
    frame["amount"] = frame["amount"].map(str)  # exact: cast to DECIMAL(18,2) on insert
    return load_frame(cur, "spending_transaction", frame)


def allocation_projects(cur: Cursor, allocation_ids: list[int]) -> dict[int, int]:
    """Allocation id -> the project (proposal) it funds, for the given ids."""
    if not allocation_ids:
        return {}
    rows = cur.execute(
        "SELECT id, proposal_id FROM allocation WHERE id = ANY(?)",
        [sorted(set(allocation_ids))],
    ).fetchall()
    return {int(a): int(p) for a, p in rows}


def budget_years(cur: Cursor) -> list[int]:
    rows = cur.execute("SELECT DISTINCT year FROM budget_envelope ORDER BY year").fetchall()
    return [int(r[0]) for r in rows]


def budget_summaries(
    cur: Cursor, year: int, neighbourhood_id: int | None = None
) -> dict[int, BudgetSummary]:
    """Budget, published allocations and their spending per neighbourhood for one year."""
    rows = cur.execute(
        f"""
        WITH env AS (
            SELECT neighbourhood_id, sum(amount) AS budget
            FROM budget_envelope WHERE year = $year GROUP BY neighbourhood_id
        ), alloc AS (
            SELECT e.neighbourhood_id, a.id, a.amount
            FROM {_PUBLISHED_ALLOCATION}
            JOIN budget_envelope e ON e.id = a.envelope_id AND e.year = $year
        ), spent AS (
            SELECT alloc.neighbourhood_id, sum(t.amount) AS spent
            FROM spending_transaction t JOIN alloc ON alloc.id = t.allocation_id
            GROUP BY alloc.neighbourhood_id
        )
        SELECT n.id,
               coalesce(env.budget, 0),
               coalesce((SELECT sum(amount) FROM alloc WHERE alloc.neighbourhood_id = n.id), 0),
               coalesce(spent.spent, 0)
        FROM neighbourhood n
        LEFT JOIN env ON env.neighbourhood_id = n.id
        LEFT JOIN spent ON spent.neighbourhood_id = n.id
        WHERE $nid IS NULL OR n.id = $nid
        """,
        {"year": year, "nid": neighbourhood_id},
    ).fetchall()
    return {
        int(nid): BudgetSummary(int(nid), year, _money(b), _money(a), _money(s))
        for nid, b, a, s in rows
    }


def budget_summary(cur: Cursor, neighbourhood_id: int, year: int) -> BudgetSummary:
    return budget_summaries(cur, year, neighbourhood_id).get(
        neighbourhood_id,
        BudgetSummary(neighbourhood_id, year, Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
    )


def _money(value: object) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))  # type: ignore[arg-type]


def lock_neighbourhood(cur: Cursor, neighbourhood_id: int) -> None:
    """Serialise bookings per neighbourhood: concurrent writers conflict here and retry."""
    cur.execute("INSERT INTO ledger_lock VALUES (?, 0) ON CONFLICT DO NOTHING", [neighbourhood_id])
    cur.execute(
        "UPDATE ledger_lock SET version = version + 1 WHERE neighbourhood_id = ?",
        [neighbourhood_id],
    )


def allocations_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[Allocation]:
    return select(
        cur,
        Allocation,
        "allocation",
        "envelope_id IN (SELECT id FROM budget_envelope WHERE neighbourhood_id = ?)",
        [neighbourhood_id],
        order_by="id",
    )


def spending_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[SpendingTransaction]:
    return select(
        cur,
        SpendingTransaction,
        "spending_transaction",
        "allocation_id IN (SELECT a.id FROM allocation a JOIN budget_envelope e "
        "ON e.id = a.envelope_id WHERE e.neighbourhood_id = ?)",
        [neighbourhood_id],
        order_by="booked_on, id",
    )


def spending_by_references(cur: Cursor, references: list[str]) -> dict[str, SpendingTransaction]:
    if not references:
        return {}
    found = select(
        cur,
        SpendingTransaction,
        "spending_transaction",
        "reference = ANY(?)",
        [references],
    )
    return {t.reference: t for t in found}


def spending_transaction(cur: Cursor, spending_id: int) -> SpendingTransaction | None:
    return select_one(cur, SpendingTransaction, "spending_transaction", "id = ?", [spending_id])


def allocation(cur: Cursor, allocation_id: int) -> Allocation | None:
    return select_one(cur, Allocation, "allocation", "id = ?", [allocation_id])


def envelope(cur: Cursor, envelope_id: int) -> BudgetEnvelope | None:
    return select_one(cur, BudgetEnvelope, "budget_envelope", "id = ?", [envelope_id])


def record_import(
    cur: Cursor,
    file_name: str,
    file_sha256: str,
    rows_booked: int,
    rows_already_known: int,
    imported_by: str,
    imported_at: datetime,
) -> int:
    return insert(
        cur,
        "spending_import",
        {
            "file_name": file_name,
            "file_sha256": file_sha256,
            "rows_booked": rows_booked,
            "rows_already_known": rows_already_known,
            "imported_by": imported_by,
            "imported_at": imported_at,
        },
    )
