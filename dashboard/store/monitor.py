"""Figures across all neighbourhoods for the aldermen's monitor: one query per figure,
never one per neighbourhood. Drafts count here as in the ledger (they are bookings); the
`draft_allocated` column says how much of the allocated money is not yet published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard.store.rows import Cursor

OPEN_STATUSES = ("ingediend", "in behandeling", "besloten", "in uitvoering")


@dataclass(frozen=True)
class YearMoney:
    neighbourhood_id: int
    budget: Decimal
    allocated: Decimal
    draft_allocated: Decimal
    spent: Decimal


@dataclass(frozen=True)
class StalledProposal:
    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    status: str
    last_activity: date


@dataclass(frozen=True)
class Overspend:
    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    allocated: Decimal
    spent: Decimal


@dataclass(frozen=True)
class ProjectPoint:
    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    status: str
    lat: float
    lon: float


def year_money(cur: Cursor, year: int) -> dict[int, YearMoney]:
    """Per neighbourhood, as the ledger's `year_totals`: incoming money of the year, the
    allocations booked on the year's budgets (drafts included) and their spending."""
    rows = cur.execute(
        """
        WITH env AS (
            SELECT id, neighbourhood_id, amount, carried_from_id
            FROM budget_envelope WHERE year = $year
        ), alloc AS (
            SELECT a.id, e.neighbourhood_id, a.amount, d.status
            FROM allocation a
            JOIN env e ON e.id = a.envelope_id
                AND NOT (e.carried_from_id IS NOT NULL AND e.amount < 0)
            JOIN decision d ON d.id = a.decision_id
        )
        SELECT n.id,
            coalesce((SELECT sum(amount) FROM env
                      WHERE env.neighbourhood_id = n.id AND amount > 0), 0),
            coalesce((SELECT sum(amount) FROM alloc WHERE alloc.neighbourhood_id = n.id), 0),
            coalesce((SELECT sum(amount) FROM alloc
                      WHERE alloc.neighbourhood_id = n.id AND status <> 'gepubliceerd'), 0),
            coalesce((SELECT sum(t.amount) FROM spending_transaction t
                      JOIN alloc ON alloc.id = t.allocation_id
                      WHERE alloc.neighbourhood_id = n.id), 0)
        FROM neighbourhood n ORDER BY n.id
        """,
        {"year": year},
    ).fetchall()
    return {
        int(nid): YearMoney(int(nid), _money(b), _money(a), _money(d), _money(s))
        for nid, b, a, d, s in rows
    }


def inhabitants(cur: Cursor) -> dict[int, int]:
    """Inhabitants per neighbourhood from the latest population statistics."""
    rows = cur.execute(
        """SELECT neighbourhood_id, sum(count) FROM population_stat
        WHERE feature = 'age_band'
          AND year = (SELECT max(year) FROM population_stat WHERE feature = 'age_band')
        GROUP BY 1"""
    ).fetchall()
    return {int(n): int(c) for n, c in rows}


def stalled_proposals(cur: Cursor, quiet_since: date) -> list[StalledProposal]:
    """Open proposals with no status change, finished milestone or payment since
    `quiet_since`."""
    rows = cur.execute(
        """
        WITH activity AS (
            SELECT proposal_id, changed_on AS day FROM proposal_status_change
            UNION ALL
            SELECT proposal_id, done_on FROM milestone WHERE done_on IS NOT NULL
            UNION ALL
            SELECT a.proposal_id, t.booked_on FROM spending_transaction t
            JOIN allocation a ON a.id = t.allocation_id
        ), last AS (
            SELECT proposal_id, max(day) AS day FROM activity GROUP BY 1
        )
        SELECT p.id, p.neighbourhood_id, p.external_ref, p.title, p.status,
               coalesce(last.day, p.submitted_on)
        FROM proposal p LEFT JOIN last ON last.proposal_id = p.id
        WHERE p.status IN (SELECT unnest($open))
          AND coalesce(last.day, p.submitted_on) < $since
        ORDER BY 6, p.id
        """,
        {"open": list(OPEN_STATUSES), "since": quiet_since},
    ).fetchall()
    return [StalledProposal(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


def overspends(cur: Cursor) -> list[Overspend]:
    """Projects with more spent than allocated (possible under the 'warn' policy)."""
    rows = cur.execute(
        """
        WITH alloc AS (
            SELECT proposal_id, sum(amount) AS allocated FROM allocation GROUP BY 1
        ), spent AS (
            SELECT a.proposal_id, sum(t.amount) AS spent FROM spending_transaction t
            JOIN allocation a ON a.id = t.allocation_id GROUP BY 1
        )
        SELECT p.id, p.neighbourhood_id, p.external_ref, p.title, alloc.allocated, spent.spent
        FROM spent JOIN alloc USING (proposal_id) JOIN proposal p ON p.id = spent.proposal_id
        WHERE spent.spent > alloc.allocated ORDER BY p.id
        """
    ).fetchall()
    return [Overspend(int(r[0]), int(r[1]), r[2], r[3], _money(r[4]), _money(r[5])) for r in rows]


def project_points(cur: Cursor) -> list[ProjectPoint]:
    rows = cur.execute(
        """SELECT id, neighbourhood_id, external_ref, title, status, location_lat, location_lon
        FROM proposal WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
          AND status NOT IN ('afgewezen') ORDER BY id"""
    ).fetchall()
    return [ProjectPoint(*row) for row in rows]


def _money(value: object) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class LeadTimes:
    """Median days per step for the proposals decided in one year."""

    neighbourhood_id: int
    decided: int
    to_decision: float | None  # submitted -> decided
    to_first_payment: float | None  # decided -> first payment
    to_done: float | None  # first payment -> finished


def lead_times(cur: Cursor, year: int) -> dict[int, LeadTimes]:
    rows = cur.execute(
        """
        WITH steps AS (
            SELECT proposal_id,
                   min(changed_on) FILTER (WHERE to_status = 'ingediend') AS submitted,
                   min(changed_on) FILTER (WHERE to_status = 'besloten') AS decided,
                   min(changed_on) FILTER (WHERE to_status = 'afgerond') AS done
            FROM proposal_status_change GROUP BY 1
        ), first_payment AS (
            SELECT a.proposal_id, min(t.booked_on) AS day
            FROM spending_transaction t JOIN allocation a ON a.id = t.allocation_id
            WHERE t.amount > 0 GROUP BY 1
        )
        SELECT p.neighbourhood_id, count(*),
               median(date_diff('day', coalesce(s.submitted, p.submitted_on), s.decided)),
               median(date_diff('day', s.decided, f.day)),
               median(date_diff('day', f.day, s.done))
        FROM proposal p JOIN steps s ON s.proposal_id = p.id
        LEFT JOIN first_payment f ON f.proposal_id = p.id
        WHERE year(s.decided) = $year
        GROUP BY 1 ORDER BY 1
        """,
        {"year": year},
    ).fetchall()
    return {
        int(r[0]): LeadTimes(int(r[0]), int(r[1]), _days(r[2]), _days(r[3]), _days(r[4]))
        for r in rows
    }


def _days(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
