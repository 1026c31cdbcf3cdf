"""Proposals (initiatives), their themes and their status history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from dashboard.domain.models import Milestone, Proposal
from dashboard.domain.statuses import ProposalStatus
from dashboard.store.rows import Cursor, first_row, insert, select, select_one


def add_theme(cur: Cursor, code: str, name: str) -> int:
    return insert(cur, "theme", {"code": code, "name": name})


def theme_codes(cur: Cursor) -> list[str]:
    return [str(r[0]) for r in cur.execute("SELECT code FROM theme").fetchall()]


def themes(cur: Cursor) -> dict[int, str]:
    rows = cur.execute("SELECT id, name FROM theme WHERE active ORDER BY name").fetchall()
    return {int(i): str(n) for i, n in rows}


def add_proposal(
    cur: Cursor,
    external_ref: str,
    neighbourhood_id: int,
    title: str,
    description: str,
    submitter_type: str,
    requested_amount: Decimal,
    submitted_on: date,
    created_at: datetime,
    theme_ids: list[int] | None = None,
    council_id: int | None = None,
    part_id: int | None = None,
    location: tuple[float, float] | None = None,
    parent_id: int | None = None,
    iv3_taakveld: str | None = None,
) -> int:
    proposal_id = insert(
        cur,
        "proposal",
        {
            "external_ref": external_ref,
            "neighbourhood_id": neighbourhood_id,
            "council_id": council_id,
            "title": title,
            "description": description,
            "submitter_type": submitter_type,
            "requested_amount": requested_amount,
            "part_id": part_id,
            "location_lat": location[0] if location else None,
            "location_lon": location[1] if location else None,
            "status": ProposalStatus.INGEDIEND,
            "parent_id": parent_id,
            "iv3_taakveld": iv3_taakveld,
            "submitted_on": submitted_on,
            "created_at": created_at,
        },
    )
    for theme_id in theme_ids or []:
        cur.execute("INSERT INTO proposal_theme VALUES (?, ?)", [proposal_id, theme_id])
    insert(
        cur,
        "proposal_status_change",
        {
            "proposal_id": proposal_id,
            "from_status": None,
            "to_status": ProposalStatus.INGEDIEND,
            "changed_on": submitted_on,
        },
    )
    return proposal_id


def change_status(
    cur: Cursor, proposal_id: int, to_status: str, changed_on: date, note: str | None = None
) -> None:
    """Move a proposal to a new status and record the change with its date."""
    row = first_row(cur, "SELECT status FROM proposal WHERE id = ?", [proposal_id])
    if row is None:
        raise KeyError(f"no proposal with id {proposal_id}")
    cur.execute("UPDATE proposal SET status = ? WHERE id = ?", [to_status, proposal_id])
    insert(
        cur,
        "proposal_status_change",
        {
            "proposal_id": proposal_id,
            "from_status": row[0],
            "to_status": to_status,
            "changed_on": changed_on,
            "note": note,
        },
    )


def proposal(cur: Cursor, proposal_id: int) -> Proposal | None:
    return select_one(cur, Proposal, "proposal", "id = ?", [proposal_id])


def proposals_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[Proposal]:
    return select(
        cur,
        Proposal,
        "proposal",
        "neighbourhood_id = ?",
        [neighbourhood_id],
        order_by="submitted_on DESC, id",
    )


def proposal_by_ref(cur: Cursor, external_ref: str) -> Proposal | None:
    return select_one(cur, Proposal, "proposal", "external_ref = ?", [external_ref])


def next_external_ref(cur: Cursor, year: int) -> str:
    """WR-<year>-<number>: stable references for import and export."""
    row = first_row(
        cur,
        "SELECT count(*) FROM proposal WHERE external_ref LIKE ?",
        [f"WR-{year}-%"],
    )
    number = (int(row[0]) if row else 0) + 1
    while first_row(
        cur, "SELECT 1 FROM proposal WHERE external_ref = ?", [f"WR-{year}-{number:05d}"]
    ):
        number += 1
    return f"WR-{year}-{number:05d}"


def record_review(
    cur: Cursor,
    proposal_id: int,
    feasibility: str,
    cost_estimate: Decimal | None,
    rejection_reason: str | None,
) -> None:
    cur.execute(
        "UPDATE proposal SET feasibility = ?, cost_estimate = ?, rejection_reason = ? WHERE id = ?",
        [feasibility, cost_estimate, rejection_reason, proposal_id],
    )


def add_milestone(
    cur: Cursor,
    proposal_id: int,
    title: str,
    due_on: date | None,
    status: str,
    noticeable: str | None,
    progress_pct: int | None,
    photo_path: str | None = None,
    done_on: date | None = None,
) -> int:
    return insert(
        cur,
        "milestone",
        {
            "proposal_id": proposal_id,
            "title": title,
            "due_on": due_on,
            "done_on": done_on,
            "status": status,
            "noticeable": noticeable,
            "photo_path": photo_path,
            "progress_pct": progress_pct,
        },
    )


def milestone(cur: Cursor, milestone_id: int) -> Milestone | None:
    return select_one(cur, Milestone, "milestone", "id = ?", [milestone_id])
