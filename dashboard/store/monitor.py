"""Figures across all neighbourhoods for the aldermen's monitor: one query per figure,
never one per neighbourhood. Drafts count here as in the ledger (they are bookings); the
`draft_allocated` column says how much of the allocated money is not yet published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from dashboard.domain.models import Council
from dashboard.domain.statuses import NOT_FINAL
from dashboard.store.dialect import arg_max, days_between, local_day, median, year_of
from dashboard.store.public import LAST_ACTIVITY
from dashboard.store.register import age_band_between
from dashboard.store.rows import Cursor, select


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
        ), budget AS (
            SELECT neighbourhood_id, sum(amount) AS total FROM env WHERE amount > 0 GROUP BY 1
        ), allocated AS (
            SELECT neighbourhood_id, sum(amount) AS total,
                   sum(amount) FILTER (WHERE status <> 'gepubliceerd') AS drafts
            FROM alloc GROUP BY 1
        ), spent AS (
            SELECT alloc.neighbourhood_id, sum(t.amount) AS total
            FROM spending_transaction t JOIN alloc ON alloc.id = t.allocation_id GROUP BY 1
        )  -- grouped and joined, not a subquery per neighbourhood: PostgreSQL would run those
        SELECT n.id, coalesce(b.total, 0), coalesce(a.total, 0), coalesce(a.drafts, 0),
               coalesce(s.total, 0)
        FROM neighbourhood n
        LEFT JOIN budget b ON b.neighbourhood_id = n.id
        LEFT JOIN allocated a ON a.neighbourhood_id = n.id
        LEFT JOIN spent s ON s.neighbourhood_id = n.id
        ORDER BY n.id
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
        f"""
        WITH {LAST_ACTIVITY}
        SELECT p.id, p.neighbourhood_id, p.external_ref, p.title, p.status,
               coalesce(last.day, p.submitted_on)
        FROM proposal p LEFT JOIN last ON last.proposal_id = p.id
        WHERE p.status = ANY($open)
          AND coalesce(last.day, p.submitted_on) < $since
        ORDER BY 6, p.id
        """,
        {"open": [str(s) for s in NOT_FINAL], "since": quiet_since},
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


# Per proposal the days it was submitted, decided and finished, and its first payment:
# the steps of the lead times, shared by their medians and by the drill-down's rows.
_PROPOSAL_STEPS = """WITH steps AS (
            SELECT proposal_id,
                   min(changed_on) FILTER (WHERE to_status = 'ingediend') AS submitted,
                   min(changed_on) FILTER (WHERE to_status = 'besloten') AS decided,
                   min(changed_on) FILTER (WHERE to_status = 'afgerond') AS done
            FROM proposal_status_change GROUP BY 1
        ), first_payment AS (
            SELECT a.proposal_id, min(t.booked_on) AS day
            FROM spending_transaction t JOIN allocation a ON a.id = t.allocation_id
            WHERE t.amount > 0 GROUP BY 1
        )"""


_SUBMITTED = "coalesce(s.submitted, p.submitted_on)"


def lead_times(cur: Cursor, year: int) -> dict[int, LeadTimes]:
    rows = cur.execute(
        f"""
        {_PROPOSAL_STEPS}
        SELECT p.neighbourhood_id, count(*),
               {median(cur, days_between(cur, _SUBMITTED, "s.decided"))},
               {median(cur, days_between(cur, "s.decided", "f.day"))},
               {median(cur, days_between(cur, "f.day", "s.done"))}
        FROM proposal p JOIN steps s ON s.proposal_id = p.id
        LEFT JOIN first_payment f ON f.proposal_id = p.id
        WHERE {year_of("s.decided")} = $year
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


def population_stats(cur: Cursor) -> dict[int, dict[str, dict[str, int]]]:
    """Per neighbourhood, the latest year's population statistics per feature and group."""
    rows = cur.execute(
        """SELECT neighbourhood_id, feature, value, count FROM population_stat
        WHERE year = (SELECT max(year) FROM population_stat)"""
    ).fetchall()
    stats: dict[int, dict[str, dict[str, int]]] = {}
    for nid, feature, value, count in rows:
        stats.setdefault(int(nid), {}).setdefault(str(feature), {})[str(value)] = int(count)
    return stats


def councils(cur: Cursor) -> list[Council]:
    return select(cur, Council, "council", order_by="id")


@dataclass(frozen=True)
class ResponseRate:
    council_id: int
    draw_id: int
    method: str
    feature: str  # age_band (on the draw's date), gender, education, tenure, part
    group: str
    invited: int
    yes: int


_RATE_FEATURES = ("age_band", "gender", "education", "tenure", "part")


def _feature_of_set(features: tuple[str, ...]) -> str:
    """Which feature a row of `GROUP BY GROUPING SETS ((draw_id, f), ...)` counts."""
    cases = " ".join(f"WHEN GROUPING({f}) = 0 THEN '{f}'" for f in features)
    return f"CASE {cases} END"


def response_rates(cur: Cursor, day: date) -> list[ResponseRate]:
    """Invitations and yeses per group in each council's latest completed council draw up
    to `day`, from the register's (pseudonymous) features of the people invited."""
    rows = cur.execute(
        f"""
        WITH latest AS (
            SELECT council_id, {arg_max(cur, "id", "completed_at")} AS draw_id
            FROM draw WHERE purpose = 'council' AND status = 'completed'
              AND {local_day("completed_at")} <= $day
            GROUP BY 1
        ), answer AS (  -- each letter's latest answer: a withdrawal counts
            SELECT invitation_id, outcome = 'ja' AS yes FROM (
                SELECT x.invitation_id, x.outcome, row_number() OVER (
                    PARTITION BY x.invitation_id ORDER BY x.answered_at DESC, x.id DESC
                ) AS newest
                FROM response x JOIN invitation i ON i.id = x.invitation_id
                WHERE i.draw_id IN (SELECT draw_id FROM latest)
            ) ranked
            WHERE newest = 1
        ), invited AS (
            SELECT i.draw_id, {age_band_between("birth", "reference")} AS age_band,
                   gender, education, tenure, part, yes
            FROM (
                SELECT i.id, i.draw_id, coalesce(g.gender, r.gender) AS gender,
                       coalesce(g.education, r.education) AS education,
                       coalesce(g.tenure, r.tenure) AS tenure,
                       (SELECT code FROM neighbourhood_part np
                        WHERE np.id = coalesce(g.part_id, r.part_id)) AS part,
                       coalesce(g.birth_date, r.birth_date) AS birth,
                       {local_day("dr.created_at")} AS reference,
                       coalesce(a.yes, false) AS yes
                -- The groups as the draw saw them: its register snapshot, else the register.
                FROM invitation i JOIN resident_now r ON r.id = i.resident_id
                LEFT JOIN draw_register g
                    ON g.draw_id = i.draw_id AND g.resident_id = i.resident_id
                JOIN draw dr ON dr.id = i.draw_id
                LEFT JOIN answer a ON a.invitation_id = i.id
                WHERE i.draw_id IN (SELECT draw_id FROM latest)
            ) i
        ), counted AS (  -- per draw and feature: one grouping set each, no unpivot
            SELECT draw_id, {_feature_of_set(_RATE_FEATURES)} AS feature,
                   coalesce({", ".join(_RATE_FEATURES)}) AS value,
                   count(*) AS invited, count(*) FILTER (WHERE yes) AS yeses
            FROM invited
            GROUP BY GROUPING SETS ({", ".join(f"(draw_id, {f})" for f in _RATE_FEATURES)})
        )
        SELECT l.council_id, l.draw_id, d.method, c.feature, c.value, c.invited, c.yeses
        FROM counted c JOIN latest l ON l.draw_id = c.draw_id JOIN draw d ON d.id = l.draw_id
        WHERE c.value IS NOT NULL  -- an unknown value is no group (as UNPIVOT leaves it out)
        ORDER BY 1, 4, 5
        """,
        {"day": day},
    ).fetchall()
    return [
        ResponseRate(int(r[0]), int(r[1]), r[2], r[3], r[4], int(r[5]), int(r[6])) for r in rows
    ]


@dataclass(frozen=True)
class ThemeMoney:
    theme: str
    year: int
    neighbourhood_id: int
    projects: int
    allocated: Decimal


def theme_money(cur: Cursor) -> list[ThemeMoney]:
    """Allocated money per theme, budget year and neighbourhood (drafts included). A
    project with several themes counts in each of them."""
    rows = cur.execute(
        """
        SELECT t.name, e.year, e.neighbourhood_id, count(DISTINCT a.proposal_id),
               sum(a.amount)
        FROM allocation a
        JOIN budget_envelope e ON e.id = a.envelope_id
        JOIN proposal_theme pt ON pt.proposal_id = a.proposal_id
        JOIN theme t ON t.id = pt.theme_id
        GROUP BY t.name, e.year, e.neighbourhood_id ORDER BY 2, 1, 3
        """
    ).fetchall()
    return [ThemeMoney(r[0], int(r[1]), int(r[2]), int(r[3]), _money(r[4])) for r in rows]


@dataclass(frozen=True)
class AllocationLine:
    allocation_id: int
    booked_on: date
    amount: Decimal
    decision_id: int
    decision_status: str
    decided_on: date
    external_ref: str
    title: str
    reverses_id: int | None
    neighbourhood_id: int
    proposal_id: int
    budget_year: int


@dataclass(frozen=True)
class PaymentLine:
    spending_id: int
    booked_on: date
    reference: str
    amount: Decimal
    description: str
    external_ref: str
    title: str
    reverses_id: int | None
    neighbourhood_id: int
    proposal_id: int
    budget_year: int


_ALLOCATIONS = """
    SELECT a.id, a.booked_on, a.amount, d.id, d.status, d.decided_on, p.external_ref,
           p.title, a.reverses_id, e.neighbourhood_id, p.id, e.year
    FROM allocation a
    JOIN budget_envelope e ON e.id = a.envelope_id
    JOIN decision d ON d.id = a.decision_id
    JOIN proposal p ON p.id = a.proposal_id
"""
_PAYMENTS = """
    SELECT t.id, t.booked_on, t.reference, t.amount, t.description, p.external_ref,
           p.title, t.reverses_id, e.neighbourhood_id, p.id, e.year
    FROM spending_transaction t
    JOIN allocation a ON a.id = t.allocation_id
    JOIN budget_envelope e ON e.id = a.envelope_id
    JOIN proposal p ON p.id = a.proposal_id
"""
# The year's budgets as `year_money` counts them (a returned remainder is no allocation).
_OF_THE_YEAR = """
    WHERE e.year = $year AND ($nid IS NULL OR e.neighbourhood_id = $nid)
      AND NOT (e.carried_from_id IS NOT NULL AND e.amount < 0)
"""


def year_allocations(cur: Cursor, neighbourhood_id: int | None, year: int) -> list[AllocationLine]:
    """The allocations behind `year_money`'s allocated figure, of one neighbourhood or
    (None) of all."""
    rows = cur.execute(
        _ALLOCATIONS + _OF_THE_YEAR + " ORDER BY a.booked_on, a.id",
        {"year": year, "nid": neighbourhood_id},
    ).fetchall()
    return [_allocation(r) for r in rows]


def year_payments(cur: Cursor, neighbourhood_id: int | None, year: int) -> list[PaymentLine]:
    """The payments behind `year_money`'s spent figure, of one neighbourhood or (None)
    of all."""
    rows = cur.execute(
        _PAYMENTS + _OF_THE_YEAR + " ORDER BY t.booked_on, t.id",
        {"year": year, "nid": neighbourhood_id},
    ).fetchall()
    return [_payment(r) for r in rows]


def project_allocations(cur: Cursor, proposal_ids: list[int]) -> list[AllocationLine]:
    """Every allocation of these projects, in every year."""
    rows = cur.execute(
        _ALLOCATIONS + " WHERE p.id = ANY($ids) ORDER BY p.id, a.booked_on, a.id",
        {"ids": proposal_ids},
    ).fetchall()
    return [_allocation(r) for r in rows]


def project_payments(cur: Cursor, proposal_ids: list[int]) -> list[PaymentLine]:
    """Every payment of these projects, in every year."""
    rows = cur.execute(
        _PAYMENTS + " WHERE p.id = ANY($ids) ORDER BY p.id, t.booked_on, t.id",
        {"ids": proposal_ids},
    ).fetchall()
    return [_payment(r) for r in rows]


def _allocation(r: tuple[Any, ...]) -> AllocationLine:
    return AllocationLine(int(r[0]), r[1], _money(r[2]), int(r[3]), r[4], r[5], r[6], r[7],
                          r[8], int(r[9]), int(r[10]), int(r[11]))  # fmt: skip


def _payment(r: tuple[Any, ...]) -> PaymentLine:
    return PaymentLine(int(r[0]), r[1], r[2], _money(r[3]), r[4], r[5], r[6], r[7], int(r[8]),
                       int(r[9]), int(r[10]))  # fmt: skip


@dataclass(frozen=True)
class BudgetLine:
    envelope_id: int
    neighbourhood_id: int
    source: str
    amount: Decimal
    description: str
    carried_from_id: int | None


def year_budgets(cur: Cursor, neighbourhood_id: int | None, year: int) -> list[BudgetLine]:
    """The money coming in behind `year_money`'s budget figure (rows above zero)."""
    rows = cur.execute(
        """SELECT id, neighbourhood_id, source, amount, description, carried_from_id
        FROM budget_envelope
        WHERE year = $year AND amount > 0 AND ($nid IS NULL OR neighbourhood_id = $nid)
        ORDER BY neighbourhood_id, id""",
        {"year": year, "nid": neighbourhood_id},
    ).fetchall()
    return [BudgetLine(int(r[0]), int(r[1]), r[2], _money(r[3]), r[4], r[5]) for r in rows]


@dataclass(frozen=True)
class DecidedProposal:
    """One proposal behind `lead_times`: its steps' dates."""

    proposal_id: int
    neighbourhood_id: int
    external_ref: str
    title: str
    submitted: date
    decided: date
    first_payment: date | None
    done: date | None


def decided_proposals(
    cur: Cursor, neighbourhood_id: int | None, year: int
) -> list[DecidedProposal]:
    """The proposals decided in `year` whose steps `lead_times` takes the medians of."""
    rows = cur.execute(
        f"""
        {_PROPOSAL_STEPS}
        SELECT p.id, p.neighbourhood_id, p.external_ref, p.title,
               coalesce(s.submitted, p.submitted_on), s.decided, f.day, s.done
        FROM proposal p JOIN steps s ON s.proposal_id = p.id
        LEFT JOIN first_payment f ON f.proposal_id = p.id
        WHERE {year_of("s.decided")} = $year AND ($nid IS NULL OR p.neighbourhood_id = $nid)
        ORDER BY s.decided, p.id
        """,
        {"year": year, "nid": neighbourhood_id},
    ).fetchall()
    return [DecidedProposal(int(r[0]), int(r[1]), *r[2:]) for r in rows]


@dataclass(frozen=True)
class StatusStep:
    proposal_id: int
    from_status: str | None
    to_status: str
    changed_on: date


def status_steps(cur: Cursor, proposal_ids: list[int]) -> list[StatusStep]:
    rows = cur.execute(
        """SELECT proposal_id, from_status, to_status, changed_on FROM proposal_status_change
        WHERE proposal_id = ANY($ids) ORDER BY proposal_id, changed_on, id""",
        {"ids": proposal_ids},
    ).fetchall()
    return [StatusStep(int(r[0]), r[1], r[2], r[3]) for r in rows]
