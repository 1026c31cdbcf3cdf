"""What residents may see, read straight from published records.

Every query here counts a decision only once it is published (`status = 'gepubliceerd'`)
and a meeting only when it is public: drafts, their votes, their allocations and the
spending booked on those allocations never leave this module. Council members appear
only as counts per group, never as rows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from dashboard.domain.models import Meeting
from dashboard.store import audit
from dashboard.store.dialect import local_day, unpivot, year_of
from dashboard.store.draws import latest_outcomes
from dashboard.store.register import age_band_sql
from dashboard.store.rows import Cursor, first_row, select

_PUBLISHED = "d.status = 'gepubliceerd'"
_COUNCILS_OF = "SELECT council_id FROM council_neighbourhood WHERE neighbourhood_id = $nid"
# A decision moves its proposal at once, also while it is a draft; residents see the status
# a published decision gave, and until then "in behandeling" (`p` is the proposal).
PUBLIC_PROPOSAL_STATUS = """
    CASE
        WHEN p.status IN ('besloten', 'in uitvoering', 'afgerond') AND NOT EXISTS (
            SELECT 1 FROM decision d WHERE d.proposal_id = p.id AND d.kind = 'toekennen'
            AND d.status = 'gepubliceerd') THEN 'in behandeling'
        WHEN p.status = 'afgewezen' AND EXISTS (
            SELECT 1 FROM decision d WHERE d.proposal_id = p.id AND d.kind = 'afwijzen'
            AND d.status <> 'gepubliceerd') THEN 'in behandeling'
        ELSE p.status
    END"""
# The last thing that happened to each proposal: a status change, a finished milestone or a
# payment. The monitor's stalled proposals and the residents' "staat stil" both read it.
LAST_ACTIVITY = """
    activity AS (
        SELECT proposal_id, changed_on AS day FROM proposal_status_change
        UNION ALL
        SELECT proposal_id, done_on FROM milestone WHERE done_on IS NOT NULL
        UNION ALL
        SELECT a.proposal_id, t.booked_on FROM spending_transaction t
        JOIN allocation a ON a.id = t.allocation_id
    ), last AS (
        SELECT proposal_id, max(day) AS day FROM activity GROUP BY 1
    )"""


@dataclass(frozen=True)
class PublishedDecision:
    id: int
    decided_on: date
    kind: str
    amount: Decimal | None
    votes_for: int
    votes_against: int
    votes_abstain: int
    members_present: int
    rationale: str
    consultation_method: str | None
    proposal_ref: str | None
    proposal_title: str | None
    meeting_location: str | None
    consultation_question: str | None
    consultation_participants: int | None


@dataclass(frozen=True)
class PublishedProject:
    """A proposal with money from at least one published decision."""

    id: int
    external_ref: str
    parent_id: int | None
    title: str
    status: str
    themes: tuple[str, ...]
    allocated: Decimal
    spent: Decimal
    first_decided_on: date
    neighbourhood_id: int


@dataclass(frozen=True)
class MilestoneLine:
    id: int
    proposal_id: int
    title: str
    status: str
    progress_pct: int | None
    noticeable: str | None
    due_on: date | None
    done_on: date | None
    photo_path: str | None


@dataclass(frozen=True)
class DrawCounts:
    """A completed council draw in numbers; never who."""

    draw_id: int
    method: str
    completed_on: date | None
    seats: int | None
    invited: int
    by_channel: dict[str, int]
    outcomes: dict[str, int]
    confirmed: int
    reserves: int
    commitment: str | None  # published before the ceremony; None for draws without one
    ceremony_inputs: tuple[str, ...]
    chosen_index: int | None
    has_bundle: bool


def decision_years(cur: Cursor, neighbourhood_id: int) -> list[int]:
    rows = cur.execute(
        f"""SELECT DISTINCT {year_of("d.decided_on")} FROM decision d
        WHERE {_PUBLISHED} AND d.council_id IN ({_COUNCILS_OF}) ORDER BY 1""",
        {"nid": neighbourhood_id},
    ).fetchall()
    return [int(r[0]) for r in rows]


def published_decisions(
    cur: Cursor, neighbourhood_id: int, year: int | None = None
) -> list[PublishedDecision]:
    return [decision for _, decision in _published_decisions(cur, neighbourhood_id, year)]


def published_decisions_by_council(cur: Cursor) -> list[tuple[int, PublishedDecision]]:
    """Every published decision with its council, newest first: one query for all
    neighbourhoods (the open data)."""
    return _published_decisions(cur, None, None)


def _published_decisions(
    cur: Cursor, neighbourhood_id: int | None, year: int | None
) -> list[tuple[int, PublishedDecision]]:
    rows = cur.execute(
        f"""
        SELECT d.council_id, d.id, d.decided_on, d.kind, d.amount, d.votes_for,
               d.votes_against, d.votes_abstain, d.members_present, d.rationale,
               d.consultation_method, p.external_ref, p.title, m.location, c.question,
               c.participants
        FROM decision d
        LEFT JOIN proposal p ON p.id = d.proposal_id
        LEFT JOIN meeting m ON m.id = d.meeting_id AND m.is_public
        LEFT JOIN consultation c ON c.id = d.consultation_id
        WHERE {_PUBLISHED} AND ($nid IS NULL OR d.council_id IN ({_COUNCILS_OF}))
          AND ($year IS NULL OR {year_of("d.decided_on")} = $year)
        ORDER BY d.decided_on DESC, d.id DESC
        """,
        {"nid": neighbourhood_id, "year": year},
    ).fetchall()
    return [(int(row[0]), PublishedDecision(*row[1:])) for row in rows]


def published_projects(cur: Cursor, neighbourhood_id: int | None = None) -> list[PublishedProject]:
    """Projects with their published allocations (reversals included) and the spending
    booked on those allocations; all neighbourhoods when `neighbourhood_id` is None."""
    rows = cur.execute(
        f"""
        WITH alloc AS (
            SELECT a.id, a.proposal_id, a.amount, d.decided_on
            FROM allocation a JOIN decision d ON d.id = a.decision_id AND {_PUBLISHED}
            JOIN proposal p ON p.id = a.proposal_id
            WHERE $nid IS NULL OR p.neighbourhood_id = $nid
        ), money AS (
            SELECT proposal_id, sum(amount) AS allocated, min(decided_on) AS first_decided_on
            FROM alloc GROUP BY proposal_id
        ), spent AS (
            SELECT alloc.proposal_id, sum(t.amount) AS spent
            FROM spending_transaction t JOIN alloc ON alloc.id = t.allocation_id
            GROUP BY alloc.proposal_id
        )
        SELECT p.id, p.external_ref, p.parent_id, p.title, p.status,
               coalesce((SELECT array_agg(t.name ORDER BY t.name) FROM proposal_theme pt
                         JOIN theme t ON t.id = pt.theme_id WHERE pt.proposal_id = p.id),
                        CAST(ARRAY[] AS VARCHAR[])),
               money.allocated, coalesce(spent.spent, 0), money.first_decided_on,
               p.neighbourhood_id
        FROM money JOIN proposal p ON p.id = money.proposal_id
        LEFT JOIN spent ON spent.proposal_id = p.id
        ORDER BY money.first_decided_on DESC, p.id DESC
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [
        PublishedProject(
            int(i),
            ref,
            parent,
            title,
            status,
            tuple(themes),
            _money(a),
            _money(s),
            first,
            int(hood),
        )
        for i, ref, parent, title, status, themes, a, s, first, hood in rows
    ]


def milestones_of_projects(cur: Cursor, proposal_ids: list[int]) -> list[MilestoneLine]:
    if not proposal_ids:
        return []
    rows = cur.execute(
        """SELECT id, proposal_id, title, status, progress_pct, noticeable, due_on, done_on,
               photo_path
        FROM milestone WHERE proposal_id = ANY(?)
        ORDER BY proposal_id, due_on NULLS LAST, id""",
        [proposal_ids],
    ).fetchall()
    return [MilestoneLine(*row) for row in rows]


@dataclass(frozen=True)
class OpenProposal:
    """A proposal the council has not decided on yet: its title and where it stands, never
    its description or who submitted it."""

    id: int
    external_ref: str
    title: str
    status: str
    submitted_on: date
    status_since: date
    last_activity: date
    neighbourhood_id: int


def open_proposals(
    cur: Cursor, neighbourhood_id: int | None, statuses: list[str]
) -> list[OpenProposal]:
    """The neighbourhood's proposals (all neighbourhoods': None) whose status, as residents
    may know it, is one of `statuses`; the longest waiting first. A draft decision changes
    nothing here."""
    rows = cur.execute(
        f"""
        WITH {LAST_ACTIVITY}, shown AS (
            SELECT p.id, p.external_ref, p.title, p.submitted_on, p.neighbourhood_id,
                   {PUBLIC_PROPOSAL_STATUS} AS status
            FROM proposal p WHERE $nid IS NULL OR p.neighbourhood_id = $nid
        ), since AS (
            SELECT c.proposal_id, max(c.changed_on) AS day
            FROM proposal_status_change c JOIN shown s ON s.id = c.proposal_id
            WHERE c.to_status = s.status GROUP BY 1
        )
        SELECT s.id, s.external_ref, s.title, s.status, s.submitted_on,
               coalesce(since.day, s.submitted_on), coalesce(last.day, s.submitted_on),
               s.neighbourhood_id
        FROM shown s
        LEFT JOIN since ON since.proposal_id = s.id
        LEFT JOIN last ON last.proposal_id = s.id
        WHERE s.status = ANY($statuses)
        ORDER BY 7, s.id
        """,
        {"nid": neighbourhood_id, "statuses": statuses},
    ).fetchall()
    return [OpenProposal(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], int(r[7])) for r in rows]


def last_activity(cur: Cursor, proposal_ids: list[int]) -> dict[int, date]:
    """The day of the last status change, finished milestone or payment of each proposal
    (its submission when nothing happened since)."""
    if not proposal_ids:
        return {}
    rows = cur.execute(
        f"""WITH {LAST_ACTIVITY}
        SELECT p.id, coalesce(last.day, p.submitted_on)
        FROM proposal p LEFT JOIN last ON last.proposal_id = p.id
        WHERE p.id = ANY($ids)""",
        {"ids": proposal_ids},
    ).fetchall()
    return {int(pid): day for pid, day in rows}


def upcoming_meetings(cur: Cursor, neighbourhood_id: int | None, today: date) -> list[Meeting]:
    """Planned public meetings from `today` on of the neighbourhood's councils (every
    council's: None), the first first."""
    return select(
        cur,
        Meeting,
        "meeting",
        f"is_public AND status = 'gepland' AND held_on >= $today "
        f"AND ($nid IS NULL OR council_id IN ({_COUNCILS_OF}))",
        {"today": today, "nid": neighbourhood_id},  # type: ignore[arg-type]
        order_by="held_on, id",
    )


def sitting_council(cur: Cursor, neighbourhood_id: int, day: date) -> int | None:
    """The council of the neighbourhood with a term running on `day` (the first one)."""
    rows = cur.execute(
        f"""SELECT t.council_id FROM term t
        WHERE t.council_id IN ({_COUNCILS_OF}) AND t.starts_on <= $day AND t.ends_on > $day
        ORDER BY t.council_id LIMIT 1""",
        {"nid": neighbourhood_id, "day": day},
    ).fetchall()
    return int(rows[0][0]) if rows else None


def sitting_councils(cur: Cursor, day: date) -> dict[int, int]:
    """Per neighbourhood: its council with a term running on `day` (the first one), as
    `sitting_council` finds it for one neighbourhood; in one query."""
    rows = cur.execute(
        """SELECT cn.neighbourhood_id, min(t.council_id) FROM term t
        JOIN council_neighbourhood cn ON cn.council_id = t.council_id
        WHERE t.starts_on <= $day AND t.ends_on > $day GROUP BY 1""",
        {"day": day},
    ).fetchall()
    return {int(hood): int(council) for hood, council in rows}


_SITTING = """
    FROM seat_now s JOIN term t ON t.id = s.term_id
    WHERE ($council IS NULL OR s.council_id = $council)
      AND t.starts_on <= $day AND t.ends_on > $day
      AND s.starts_on <= $day AND (s.ends_on IS NULL OR s.ends_on > $day)
"""


def seat_counts(cur: Cursor, council_id: int, day: date) -> dict[str, int]:
    """Seats filled on `day` per kind (drawn, appointed)."""
    rows = cur.execute(
        f"SELECT s.kind, count(*) {_SITTING} GROUP BY s.kind",
        {"council": council_id, "day": day},
    ).fetchall()
    return {str(kind): int(n) for kind, n in rows}


def seat_counts_by_council(cur: Cursor, day: date) -> dict[int, dict[str, int]]:
    """Per council: seats filled on `day` per kind (drawn, appointed); one query."""
    rows = cur.execute(
        f"SELECT s.council_id, s.kind, count(*) {_SITTING} GROUP BY 1, 2",
        {"council": None, "day": day},
    ).fetchall()
    counts: dict[int, dict[str, int]] = {}
    for council, kind, n in rows:
        counts.setdefault(int(council), {})[str(kind)] = int(n)
    return counts


def drawn_member_groups(cur: Cursor, council_id: int, day: date) -> dict[str, dict[str, int]]:
    """Counts of the drawn members sitting on `day` per feature and group."""
    return sitting_member_groups(cur, day, council_id).get(council_id, {})


def sitting_member_groups(
    cur: Cursor, day: date, council_id: int | None = None
) -> dict[int, dict[str, dict[str, int]]]:
    """Per council (or one): counts of the drawn members sitting on `day` per feature
    and group; never who."""
    band = age_band_sql(day)
    rows = cur.execute(
        f"""
        WITH members AS (
            SELECT s.council_id, {band} AS age_band, r.gender, r.education, r.tenure,
                   (SELECT code FROM neighbourhood_part np WHERE np.id = r.part_id) AS part
            FROM seat_now s JOIN term t ON t.id = s.term_id
            JOIN resident_now r ON r.id = s.resident_id
            WHERE s.kind = 'drawn' AND t.starts_on <= $day AND t.ends_on > $day
              AND s.starts_on <= $day AND (s.ends_on IS NULL OR s.ends_on > $day)
              AND ($council IS NULL OR s.council_id = $council)
        )
        SELECT council_id, feature, value, count(*)
        FROM {unpivot("members", ("age_band", "gender", "education", "tenure", "part"))} AS g
        GROUP BY council_id, feature, value
        """,
        {"day": day, "council": council_id},
    ).fetchall()
    groups: dict[int, dict[str, dict[str, int]]] = {}
    for council, feature, value, count in rows:
        features = groups.setdefault(int(council), {})
        features.setdefault(str(feature), {})[str(value)] = int(count)
    return groups


@dataclass(frozen=True)
class FollowUpDraw:
    """A public draw after the council's draw: a replacement or a rotation; never who."""

    draw_id: int
    purpose: str  # replacement, rotation
    completed_on: date | None
    seats: int | None
    commitment: str
    ceremony_inputs: tuple[str, ...]
    chosen_index: int | None


def follow_up_draws(cur: Cursor, council_id: int, draw_id: int, day: date) -> list[FollowUpDraw]:
    """Replacement and rotation draws of the council since its draw `draw_id`, each with a
    verification bundle, completed on or before `day`, oldest first."""
    rows = cur.execute(
        f"""SELECT d.id, d.purpose, {local_day("d.completed_at")}, d.k, d.commitment,
                  d.seed_inputs_json, d.chosen_index
        FROM draw d, (SELECT completed_at FROM draw WHERE id = $draw) AS council_draw
        WHERE (d.council_id = $council OR d.parent_draw_id = $draw)
          AND d.purpose IN ('replacement', 'rotation') AND d.status = 'completed'
          AND d.bundle_json IS NOT NULL AND d.commitment IS NOT NULL
          AND d.completed_at >= council_draw.completed_at
          AND {local_day("d.completed_at")} <= $day
        ORDER BY d.completed_at, d.id""",
        {"council": council_id, "draw": draw_id, "day": day},
    ).fetchall()
    return [
        FollowUpDraw(
            draw_id=int(r[0]),
            purpose=str(r[1]),
            completed_on=r[2],
            seats=None if r[3] is None else int(r[3]),
            commitment=str(r[4]),
            ceremony_inputs=tuple(json.loads(r[5])) if r[5] else (),
            chosen_index=None if r[6] is None else int(r[6]),
        )
        for r in rows
    ]


def latest_council_draw(cur: Cursor, council_id: int, day: date) -> DrawCounts | None:
    row = first_row(
        cur,
        f"""SELECT id, method, {local_day("completed_at")}, k, commitment, seed_inputs_json,
                  chosen_index, bundle_json IS NOT NULL FROM draw
        WHERE council_id = ? AND purpose = 'council' AND status = 'completed'
          AND {local_day("completed_at")} <= ?
        ORDER BY completed_at DESC, id DESC LIMIT 1""",
        [council_id, day],
    )
    if row is None:
        return None
    draw_id = int(row[0])
    channels = cur.execute(
        "SELECT channel, count(*) FROM invitation WHERE draw_id = ? GROUP BY 1", [draw_id]
    ).fetchall()
    # each letter counts once, under its latest answer (a withdrawal replaces a "ja")
    outcomes = Counter(latest_outcomes(cur, draw_id).values())
    members = cur.execute(
        "SELECT status, count(*) FROM panel_member WHERE draw_id = ? GROUP BY 1", [draw_id]
    ).fetchall()
    by_status = {str(s): int(n) for s, n in members}
    by_channel = {str(c): int(n) for c, n in channels}
    return DrawCounts(
        draw_id=draw_id,
        method=str(row[1]),
        completed_on=row[2],
        seats=None if row[3] is None else int(row[3]),
        invited=sum(by_channel.values()),
        by_channel=by_channel,
        outcomes=dict(outcomes),
        confirmed=by_status.get("confirmed", 0),
        reserves=by_status.get("reserve", 0),
        commitment=None if row[4] is None else str(row[4]),
        ceremony_inputs=tuple(json.loads(row[5])) if row[5] else (),
        chosen_index=None if row[6] is None else int(row[6]),
        has_bundle=bool(row[7]),
    )


def draw_bundle(cur: Cursor, draw_id: int) -> str | None:
    """The verification bundle of a completed draw (pseudonymous ids and features only)."""
    row = first_row(
        cur,
        "SELECT bundle_json FROM draw WHERE id = ? AND status = 'completed'",
        [draw_id],
    )
    return None if row is None or row[0] is None else str(row[0])


def population_year(cur: Cursor, neighbourhood_id: int, day: date) -> int | None:
    """The latest year of population statistics up to `day`'s year (else the first)."""
    row = first_row(
        cur,
        "SELECT coalesce(max(year) FILTER (WHERE year <= ?), min(year)) "
        "FROM population_stat WHERE neighbourhood_id = ?",
        [day.year, neighbourhood_id],
    )
    return None if row is None or row[0] is None else int(row[0])


def population_years(cur: Cursor, day: date) -> dict[int, int]:
    """`population_year` of every neighbourhood with statistics, in one query."""
    rows = cur.execute(
        "SELECT neighbourhood_id, coalesce(max(year) FILTER (WHERE year <= ?), min(year)) "
        "FROM population_stat GROUP BY 1",
        [day.year],
    ).fetchall()
    return {int(hood): int(year) for hood, year in rows if year is not None}


def data_version(cur: Cursor) -> int:
    """Grows with every write that matters (each leaves an audit event): a cache key."""
    return audit.event_count(cur)


def _money(value: object) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class PublishedMinutes:
    """The newest published version of a public meeting's minutes; members present as a
    count (never who), as the attendance list counted when this version was published."""

    meeting_id: int
    held_on: date
    location: str
    agenda: str
    members_present: int
    version: int
    text: str
    published_on: datetime
    correction_reason: str | None
    council_id: int


@dataclass(frozen=True)
class MinutesDecision:
    """A published decision of a meeting whose minutes are published."""

    meeting_id: int
    kind: str
    proposal_ref: str | None
    proposal_title: str | None
    amount: Decimal | None
    votes_for: int
    votes_against: int
    votes_abstain: int


def published_minutes(cur: Cursor, neighbourhood_id: int | None) -> list[PublishedMinutes]:
    """Public meetings with published minutes (all neighbourhoods': None), the latest
    meeting first."""
    rows = cur.execute(
        f"""
        SELECT m.id, m.held_on, m.location, m.agenda, mm.members_present, mm.version, mm.text,
               mm.published_at, mm.correction_reason, m.council_id
        FROM meeting m JOIN meeting_minutes mm ON mm.meeting_id = m.id
        WHERE m.is_public AND mm.published_at IS NOT NULL
          AND ($nid IS NULL OR m.council_id IN ({_COUNCILS_OF}))
          AND mm.version = (SELECT max(v.version) FROM meeting_minutes v
                            WHERE v.meeting_id = m.id AND v.published_at IS NOT NULL)
        ORDER BY m.held_on DESC, m.id DESC
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [PublishedMinutes(*row) for row in rows]


def minutes_decisions(cur: Cursor, meeting_ids: list[int]) -> list[MinutesDecision]:
    """The published decisions of these meetings, in the order they were recorded."""
    rows = cur.execute(
        f"""
        SELECT d.meeting_id, d.kind, p.external_ref, p.title, d.amount, d.votes_for,
               d.votes_against, d.votes_abstain
        FROM decision d LEFT JOIN proposal p ON p.id = d.proposal_id
        WHERE {_PUBLISHED} AND d.meeting_id = ANY($ids)
        ORDER BY d.meeting_id, d.id
        """,
        {"ids": meeting_ids},
    ).fetchall()
    return [MinutesDecision(*row) for row in rows]
