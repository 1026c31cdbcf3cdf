"""What residents may see of one project's history, of a neighbourhood's news and of its
meetings: published decisions only, payments booked on their allocations only, public
meetings only (see `store/public.py` for the rule). A payment is shown by its day and
amount, never its description: that is typed by the finance department and may name a
supplier who is a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from dashboard.store.public import PUBLIC_PROPOSAL_STATUS
from dashboard.store.rows import Cursor

_PUBLISHED = "d.status = 'gepubliceerd'"
_COUNCILS_OF = "SELECT council_id FROM council_neighbourhood WHERE neighbourhood_id = $nid"
# Allocations of published decisions: the only money residents see.
_PUBLISHED_ALLOCATIONS = f"""
    SELECT a.id, a.proposal_id FROM allocation a
    JOIN decision d ON d.id = a.decision_id AND {_PUBLISHED}"""
# Status changes residents read on a project's timeline. Being decided (or rejected) is
# shown as the published decision itself, with its date: a draft decision moves the
# proposal's status at once, and that change must not show before the decision does.
TIMELINE_STATUSES = ("ingediend", "in behandeling", "in uitvoering", "afgerond")


@dataclass(frozen=True)
class ProjectPlace:
    """Where a project is and what it is about: never its description (residents read a
    proposal's title only; its text may name who submitted it) nor its submitter."""

    proposal_id: int
    external_ref: str
    neighbourhood_id: int
    neighbourhood_code: str
    neighbourhood_name: str
    part_name: str | None
    lat: float | None
    lon: float | None
    submitted_on: date
    iv3_taakveld: str | None
    theme_codes: tuple[str, ...]
    idea_reference: str | None  # the published idea it came from, if any


def project_places(cur: Cursor, proposal_ids: list[int]) -> dict[int, ProjectPlace]:
    if not proposal_ids:
        return {}
    rows = cur.execute(
        """
        SELECT p.id, p.external_ref, n.id, n.code, n.name, np.name, p.location_lat,
               p.location_lon, p.submitted_on, p.iv3_taakveld,
               coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM proposal_theme pt
                         JOIN theme t ON t.id = pt.theme_id WHERE pt.proposal_id = p.id),
                        CAST(ARRAY[] AS VARCHAR[])),
               (SELECT min(i.reference) FROM idea i WHERE i.proposal_id = p.id
                AND i.published_at IS NOT NULL)
        FROM proposal p JOIN neighbourhood n ON n.id = p.neighbourhood_id
        LEFT JOIN neighbourhood_part np ON np.id = p.part_id
        WHERE p.id = ANY($ids)
        """,
        {"ids": proposal_ids},
    ).fetchall()
    return {
        int(r[0]): ProjectPlace(
            int(r[0]), r[1], int(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9],
            tuple(r[10]), r[11],
        )
        for r in rows
    }  # fmt: skip


def project_id(cur: Cursor, external_ref: str) -> int | None:
    """The proposal with this reference, when it has money from a published decision."""
    rows = cur.execute(
        f"""SELECT p.id FROM proposal p WHERE p.external_ref = $ref
        AND EXISTS (SELECT 1 FROM ({_PUBLISHED_ALLOCATIONS}) a WHERE a.proposal_id = p.id)""",
        {"ref": external_ref},
    ).fetchall()
    return int(rows[0][0]) if rows else None


@dataclass(frozen=True)
class StatusLine:
    proposal_id: int
    changed_on: date
    to_status: str


def status_lines(cur: Cursor, proposal_ids: list[int]) -> list[StatusLine]:
    if not proposal_ids:
        return []
    rows = cur.execute(
        """SELECT proposal_id, changed_on, to_status FROM proposal_status_change
        WHERE proposal_id = ANY($ids) AND to_status = ANY($shown)
        ORDER BY proposal_id, changed_on, id""",
        {"ids": proposal_ids, "shown": list(TIMELINE_STATUSES)},
    ).fetchall()
    return [StatusLine(int(p), day, str(s)) for p, day, s in rows]


@dataclass(frozen=True)
class ProjectDecision:
    """A published decision on a project, with the public meeting it was taken in."""

    id: int
    proposal_id: int
    kind: str
    decided_on: date
    amount: Decimal | None
    votes_for: int
    votes_against: int
    votes_abstain: int
    members_present: int
    rationale: str
    meeting_id: int | None  # None: not taken in a public meeting
    meeting_on: date | None
    meeting_location: str | None
    minutes_published: bool


def project_decisions(cur: Cursor, proposal_ids: list[int]) -> list[ProjectDecision]:
    if not proposal_ids:
        return []
    rows = cur.execute(
        f"""
        SELECT d.id, d.proposal_id, d.kind, d.decided_on, d.amount, d.votes_for,
               d.votes_against, d.votes_abstain, d.members_present, d.rationale,
               m.id, m.held_on, m.location,
               EXISTS (SELECT 1 FROM meeting_minutes mm WHERE mm.meeting_id = m.id
                       AND mm.published_at IS NOT NULL)
        FROM decision d LEFT JOIN meeting m ON m.id = d.meeting_id AND m.is_public
        WHERE {_PUBLISHED} AND d.proposal_id = ANY($ids)
        ORDER BY d.decided_on, d.id
        """,
        {"ids": proposal_ids},
    ).fetchall()
    return [
        ProjectDecision(
            id=int(r[0]), proposal_id=int(r[1]), kind=r[2], decided_on=r[3], amount=r[4],
            votes_for=r[5], votes_against=r[6], votes_abstain=r[7], members_present=r[8],
            rationale=r[9], meeting_id=None if r[10] is None else int(r[10]),
            meeting_on=r[11], meeting_location=r[12], minutes_published=bool(r[13]),
        )
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class PaymentLine:
    """A payment (or its correction) on a published allocation: day and amount only."""

    id: int
    proposal_id: int
    external_ref: str
    project_title: str
    neighbourhood_id: int
    booked_on: date
    amount: Decimal
    is_correction: bool


_PAYMENTS = f"""
    SELECT t.id, p.id, p.external_ref, p.title, p.neighbourhood_id, t.booked_on, t.amount,
           t.reverses_id IS NOT NULL
    FROM spending_transaction t JOIN ({_PUBLISHED_ALLOCATIONS}) a ON a.id = t.allocation_id
    JOIN proposal p ON p.id = a.proposal_id"""


def project_payments(cur: Cursor, proposal_ids: list[int]) -> list[PaymentLine]:
    if not proposal_ids:
        return []
    rows = cur.execute(
        f"{_PAYMENTS} WHERE p.id = ANY($ids) ORDER BY t.booked_on, t.id",
        {"ids": proposal_ids},
    ).fetchall()
    return [_payment(r) for r in rows]


def neighbourhood_payments(cur: Cursor, neighbourhood_id: int | None) -> list[PaymentLine]:
    """Payments on the neighbourhood's projects (all neighbourhoods: None), newest first."""
    rows = cur.execute(
        f"""{_PAYMENTS} WHERE $nid IS NULL OR p.neighbourhood_id = $nid
        ORDER BY t.booked_on DESC, t.id DESC""",
        {"nid": neighbourhood_id},
    ).fetchall()
    return [_payment(r) for r in rows]


def _payment(r: tuple[Any, ...]) -> PaymentLine:
    return PaymentLine(
        int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4]), r[5], r[6], bool(r[7])
    )


@dataclass(frozen=True)
class FinishedMilestone:
    id: int
    proposal_id: int
    external_ref: str
    project_title: str
    title: str
    done_on: date
    noticeable: str | None


def finished_milestones(cur: Cursor, neighbourhood_id: int) -> list[FinishedMilestone]:
    """Milestones finished on the neighbourhood's projects (those with published money),
    newest first."""
    rows = cur.execute(
        f"""
        SELECT m.id, p.id, p.external_ref, p.title, m.title, m.done_on, m.noticeable
        FROM milestone m JOIN proposal p ON p.id = m.proposal_id
        WHERE p.neighbourhood_id = $nid AND m.status = 'klaar' AND m.done_on IS NOT NULL
          AND EXISTS (SELECT 1 FROM ({_PUBLISHED_ALLOCATIONS}) a WHERE a.proposal_id = p.id)
        ORDER BY m.done_on DESC, m.id DESC
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [FinishedMilestone(int(r[0]), int(r[1]), *r[2:]) for r in rows]


@dataclass(frozen=True)
class PublicMeeting:
    """A public meeting of one of the neighbourhood's councils, with its time when known."""

    id: int
    council_id: int
    held_on: date
    starts_at: time | None
    ends_at: time | None
    location: str
    agenda: str
    status: str  # gepland, gehouden
    minutes_published: bool
    changes: int = 0  # how often it was moved after it was planned (the calendar's SEQUENCE)


def public_meetings(cur: Cursor, neighbourhood_id: int | None) -> list[PublicMeeting]:
    """Every public meeting (all neighbourhoods: None), the earliest first."""
    rows = cur.execute(
        f"""
        SELECT m.id, m.council_id, m.held_on, mt.starts_at, mt.ends_at, m.location, m.agenda,
               m.status,
               EXISTS (SELECT 1 FROM meeting_minutes mm WHERE mm.meeting_id = m.id
                       AND mm.published_at IS NOT NULL),
               (SELECT count(*) FROM meeting_change mc WHERE mc.meeting_id = m.id)
        FROM meeting m LEFT JOIN meeting_time mt ON mt.meeting_id = m.id
        WHERE m.is_public AND ($nid IS NULL OR m.council_id IN ({_COUNCILS_OF}))
        ORDER BY m.held_on, m.id
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [
        PublicMeeting(
            id=int(r[0]), council_id=int(r[1]), held_on=r[2], starts_at=r[3], ends_at=r[4],
            location=r[5], agenda=r[6], status=r[7], minutes_published=bool(r[8]),
            changes=int(r[9]),
        )
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class PublicDecisionLine:
    """A published decision for the neighbourhood's news and the open data."""

    id: int
    council_id: int
    decided_on: date
    kind: str
    amount: Decimal | None
    proposal_ref: str | None
    proposal_title: str | None
    proposal_status: str | None  # as residents may know it
    meeting_id: int | None


def decision_lines(cur: Cursor, neighbourhood_id: int | None) -> list[PublicDecisionLine]:
    """Published decisions of the neighbourhood's councils (all: None), newest first."""
    rows = cur.execute(
        f"""
        SELECT d.id, d.council_id, d.decided_on, d.kind, d.amount, p.external_ref, p.title,
               CASE WHEN p.id IS NULL THEN NULL ELSE {PUBLIC_PROPOSAL_STATUS} END,
               m.id
        FROM decision d LEFT JOIN proposal p ON p.id = d.proposal_id
        LEFT JOIN meeting m ON m.id = d.meeting_id AND m.is_public
        WHERE {_PUBLISHED} AND ($nid IS NULL OR d.council_id IN ({_COUNCILS_OF}))
        ORDER BY d.decided_on DESC, d.id DESC
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [
        PublicDecisionLine(
            id=int(r[0]), council_id=int(r[1]), decided_on=r[2], kind=r[3], amount=r[4],
            proposal_ref=r[5], proposal_title=r[6], proposal_status=r[7],
            meeting_id=None if r[8] is None else int(r[8]),
        )
        for r in rows
    ]  # fmt: skip
