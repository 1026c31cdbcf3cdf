"""Public figures across neighbourhoods and years: inhabitants per year (counts of whole
neighbourhoods, never of a group) and the published money per project and budget year,
which the comparison adds up by Iv3 taakveld. The same rules as `budget.budget_summaries`:
allocations of published decisions, counted in the year and neighbourhood of the budget
they came from, and the payments booked on them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.store.rows import Cursor


def inhabitants_by_year(cur: Cursor) -> dict[tuple[int, int], int]:
    """(neighbourhood id, year) -> inhabitants, from each year's population statistics
    (all ages: the sum over the age bands)."""
    rows = cur.execute(
        """SELECT neighbourhood_id, year, sum(count) FROM population_stat
        WHERE feature = 'age_band' GROUP BY neighbourhood_id, year"""
    ).fetchall()
    return {(int(nid), int(year)): int(n) for nid, year, n in rows}


@dataclass(frozen=True)
class ProjectYearMoney:
    """One project's published money from one neighbourhood's budget of one year."""

    neighbourhood_id: int  # of the budget the money came from
    year: int
    proposal_id: int
    iv3_taakveld: str | None
    theme_codes: tuple[str, ...]
    allocated: Decimal
    spent: Decimal


def project_year_money(cur: Cursor) -> list[ProjectYearMoney]:
    rows = cur.execute(
        """
        WITH alloc AS (
            SELECT a.id, a.proposal_id, a.amount, e.year, e.neighbourhood_id
            FROM allocation a JOIN decision d ON d.id = a.decision_id
                 AND d.status = 'gepubliceerd'
            JOIN budget_envelope e ON e.id = a.envelope_id
        ), money AS (
            SELECT neighbourhood_id, year, proposal_id, sum(amount) AS allocated
            FROM alloc GROUP BY neighbourhood_id, year, proposal_id
        ), spent AS (
            SELECT alloc.neighbourhood_id, alloc.year, alloc.proposal_id, sum(t.amount) AS spent
            FROM spending_transaction t JOIN alloc ON alloc.id = t.allocation_id
            GROUP BY alloc.neighbourhood_id, alloc.year, alloc.proposal_id
        )
        SELECT money.neighbourhood_id, money.year, p.id, p.iv3_taakveld,
               coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM proposal_theme pt
                         JOIN theme t ON t.id = pt.theme_id WHERE pt.proposal_id = p.id),
                        CAST(ARRAY[] AS VARCHAR[])),
               money.allocated, coalesce(spent.spent, 0)
        FROM money JOIN proposal p ON p.id = money.proposal_id
        LEFT JOIN spent ON spent.neighbourhood_id = money.neighbourhood_id
             AND spent.year = money.year AND spent.proposal_id = money.proposal_id
        ORDER BY 1, 2, 3
        """
    ).fetchall()
    return [
        ProjectYearMoney(int(n), int(y), int(p), iv3, tuple(themes), _money(a), _money(s))
        for n, y, p, iv3, themes, a, s in rows
    ]


def _money(value: object) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))  # type: ignore[arg-type]


def theme_names(cur: Cursor) -> dict[str, str]:
    """Theme code -> name, of every theme (also those no longer offered)."""
    rows = cur.execute("SELECT code, name FROM theme ORDER BY name").fetchall()
    return {str(code): str(name) for code, name in rows}
