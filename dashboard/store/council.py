"""Councils, their neighbourhoods, terms, meetings and decisions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from dashboard.domain.models import (
    Consultation,
    ConsultationOption,
    Council,
    Decision,
    Meeting,
    Term,
)
from dashboard.store.rows import Cursor, first_row, insert, select, select_one


def add_council(
    cur: Cursor,
    name: str,
    neighbourhood_ids: list[int],
    seats_drawn: int,
    seats_appointed: int,
    term_months: int,
    quorum: int,
    created_at: datetime,
    eligible_age: int = 16,
    kind: str = "wijkraad",
    cool_down_months: int = 24,
) -> int:
    council_id = insert(
        cur,
        "council",
        {
            "name": name,
            "kind": kind,
            "seats_drawn": seats_drawn,
            "seats_appointed": seats_appointed,
            "term_months": term_months,
            "eligible_age": eligible_age,
            "quorum": quorum,
            "cool_down_months": cool_down_months,
            "created_at": created_at,
        },
    )
    for neighbourhood_id in neighbourhood_ids:
        cur.execute(
            "INSERT INTO council_neighbourhood VALUES (?, ?)", [council_id, neighbourhood_id]
        )
    return council_id


def council(cur: Cursor, council_id: int) -> Council | None:
    return select_one(cur, Council, "council", "id = ?", [council_id])


def councils(cur: Cursor) -> list[Council]:
    """Every council, by name."""
    return select(cur, Council, "council", order_by="name")


def councils_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[Council]:
    return select(
        cur,
        Council,
        "council",
        "id IN (SELECT council_id FROM council_neighbourhood WHERE neighbourhood_id = ?)",
        [neighbourhood_id],
        order_by="id",
    )


def council_neighbourhood_ids(cur: Cursor, council_id: int) -> list[int]:
    rows = cur.execute(
        "SELECT neighbourhood_id FROM council_neighbourhood WHERE council_id = ? ORDER BY 1",
        [council_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def neighbourhood_ids_by_council(cur: Cursor) -> dict[int, list[int]]:
    """Every council's neighbourhoods, in one query."""
    rows = cur.execute(
        "SELECT council_id, neighbourhood_id FROM council_neighbourhood ORDER BY 1, 2"
    ).fetchall()
    by_council: dict[int, list[int]] = {}
    for council_id, neighbourhood_id in rows:
        by_council.setdefault(int(council_id), []).append(int(neighbourhood_id))
    return by_council


def add_term(cur: Cursor, council_id: int, number: int, starts_on: date, ends_on: date) -> int:
    return insert(
        cur,
        "term",
        {"council_id": council_id, "number": number, "starts_on": starts_on, "ends_on": ends_on},
    )


def terms(cur: Cursor, council_id: int) -> list[Term]:
    return select(cur, Term, "term", "council_id = ?", [council_id], order_by="number")


def all_terms(cur: Cursor) -> list[Term]:
    """Every council's terms, in one query (the monitor reads them for all councils)."""
    return select(cur, Term, "term", order_by="council_id, number")


def add_meeting(
    cur: Cursor,
    council_id: int,
    held_on: date,
    location: str,
    agenda: str,
    status: str,
    is_public: bool = True,
) -> int:
    return insert(
        cur,
        "meeting",
        {
            "council_id": council_id,
            "held_on": held_on,
            "location": location,
            "agenda": agenda,
            "is_public": is_public,
            "status": status,
        },
    )


def meetings(cur: Cursor, council_id: int) -> list[Meeting]:
    return select(cur, Meeting, "meeting", "council_id = ?", [council_id], order_by="held_on")


def add_decision(
    cur: Cursor,
    council_id: int,
    kind: str,
    votes: tuple[int, int, int],
    members_present: int,
    quorum_met: bool,
    rationale: str,
    status: str,
    decided_on: date,
    meeting_id: int | None = None,
    proposal_id: int | None = None,
    amount: Decimal | None = None,
    consultation_id: int | None = None,
    consultation_method: str | None = None,
    published_at: datetime | None = None,
) -> int:
    votes_for, votes_against, votes_abstain = votes
    return insert(
        cur,
        "decision",
        {
            "council_id": council_id,
            "meeting_id": meeting_id,
            "proposal_id": proposal_id,
            "consultation_id": consultation_id,
            "kind": kind,
            "amount": amount,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "votes_abstain": votes_abstain,
            "members_present": members_present,
            "quorum_met": quorum_met,
            "rationale": rationale,
            "consultation_method": consultation_method,
            "status": status,
            "decided_on": decided_on,
            "published_at": published_at,
        },
    )


def decision(cur: Cursor, decision_id: int) -> Decision | None:
    return select_one(cur, Decision, "decision", "id = ?", [decision_id])


def decisions_for_council(
    cur: Cursor, council_id: int, published_only: bool = True
) -> list[Decision]:
    where = "council_id = ?" + (" AND status = 'gepubliceerd'" if published_only else "")
    return select(cur, Decision, "decision", where, [council_id], order_by="decided_on DESC, id")


def publish_decision(cur: Cursor, decision_id: int, published_at: datetime) -> None:
    cur.execute(
        "UPDATE decision SET status = 'gepubliceerd', published_at = ? WHERE id = ?",
        [published_at, decision_id],
    )


def meeting(cur: Cursor, meeting_id: int) -> Meeting | None:
    return select_one(cur, Meeting, "meeting", "id = ?", [meeting_id])


def add_consultation(
    cur: Cursor,
    neighbourhood_id: int,
    kind: str,
    question: str,
    opens_on: date,
    closes_on: date,
    participants: int,
    options: list[tuple[str, int, int | None]],
    amount: Decimal | None = None,
    panel_id: int | None = None,
) -> int:
    """A residents' poll or vote with its options: (label, votes, proposal id or None)."""
    consultation_id = insert(
        cur,
        "consultation",
        {
            "neighbourhood_id": neighbourhood_id,
            "panel_id": panel_id,
            "kind": kind,
            "question": question,
            "amount": amount,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "participants": participants,
        },
    )
    for label, votes, proposal_id in options:
        insert(
            cur,
            "consultation_option",
            {
                "consultation_id": consultation_id,
                "label": label,
                "votes": votes,
                "proposal_id": proposal_id,
            },
        )
    return consultation_id


def consultations(cur: Cursor, neighbourhood_id: int) -> list[Consultation]:
    return select(
        cur,
        Consultation,
        "consultation",
        "neighbourhood_id = ?",
        [neighbourhood_id],
        order_by="opens_on DESC, id",
    )


def consultation_options(cur: Cursor, neighbourhood_id: int) -> list[ConsultationOption]:
    """The options of every consultation in the neighbourhood with their votes: per
    consultation, most votes first."""
    return select(
        cur,
        ConsultationOption,
        "consultation_option",
        "consultation_id IN (SELECT id FROM consultation WHERE neighbourhood_id = ?)",
        [neighbourhood_id],
        order_by="consultation_id, votes DESC, id",
    )


def consultation_of_proposal(cur: Cursor, proposal_id: int) -> int | None:
    """The latest consultation with an option for this proposal (a neighbourhood vote its
    idea won), or None."""
    row = first_row(
        cur,
        "SELECT max(consultation_id) FROM consultation_option WHERE proposal_id = ?",
        [proposal_id],
    )
    return int(row[0]) if row and row[0] is not None else None
