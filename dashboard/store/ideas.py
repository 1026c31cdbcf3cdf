"""Ideas residents propose online (migration 0013), for the organisers who moderate them
and, through `public_ideas`, for residents: that query returns moderated ideas only and
withholds by construction what residents may not read (a hidden title, the text and the
photo of an idea that was never published or was closed, a draft decision's effect on
the proposal). Contacts live in `idea_contacts`; no query here reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from dashboard.domain.ideas import Idea, IdeaStatus, reference
from dashboard.store.public import PUBLIC_PROPOSAL_STATUS
from dashboard.store.rows import Cursor, first_row, insert, select, select_one


def next_reference(cur: Cursor, year: int) -> str:
    row = first_row(cur, "SELECT count(*) FROM idea WHERE reference LIKE ?", [f"I-{year}-%"])
    number = (int(row[0]) if row else 0) + 1
    while first_row(cur, "SELECT 1 FROM idea WHERE reference = ?", [reference(year, number)]):
        number += 1
    return reference(year, number)


def add_idea(
    cur: Cursor,
    ref: str,
    neighbourhood_id: int,
    part_id: int | None,
    title: str,
    description: str,
    estimated_cost: Decimal,
    theme_id: int,
    location: tuple[float, float] | None,
    photo_path: str | None,
    submitted_at: datetime,
) -> int:
    return insert(
        cur,
        "idea",
        {
            "reference": ref,
            "neighbourhood_id": neighbourhood_id,
            "part_id": part_id,
            "title": title,
            "description": description,
            "estimated_cost": estimated_cost,
            "theme_id": theme_id,
            "location_lat": location[0] if location else None,
            "location_lon": location[1] if location else None,
            "photo_path": photo_path,
            "status": IdeaStatus.INGEDIEND,
            "submitted_at": submitted_at,
            "status_since": submitted_at,
        },
    )


def idea(cur: Cursor, idea_id: int) -> Idea | None:
    return select_one(cur, Idea, "idea", "id = ?", [idea_id])


def ideas_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[Idea]:
    """Every idea of the neighbourhood, the waiting ones first, then the newest."""
    return select(
        cur,
        Idea,
        "idea",
        "neighbourhood_id = ?",
        [neighbourhood_id],
        order_by="status <> 'ingediend', submitted_at DESC, id DESC",
    )


def publish(cur: Cursor, idea_id: int, at: datetime) -> None:
    cur.execute(
        "UPDATE idea SET status = ?, published_at = ?, status_since = ? WHERE id = ?",
        [IdeaStatus.GEPUBLICEERD, at, at, idea_id],
    )


def merge(cur: Cursor, idea_id: int, into_id: int, at: datetime) -> None:
    cur.execute(
        "UPDATE idea SET status = ?, merged_into_id = ?, status_since = ? WHERE id = ?",
        [IdeaStatus.SAMENGEVOEGD, into_id, at, idea_id],
    )


def reject(cur: Cursor, idea_id: int, reason: str, text_hidden: bool, at: datetime) -> None:
    cur.execute(
        "UPDATE idea SET status = ?, rejection_reason = ?, text_hidden = ?, status_since = ? "
        "WHERE id = ?",
        [IdeaStatus.AFGEWEZEN, reason, text_hidden, at, idea_id],
    )


def link_proposal(cur: Cursor, idea_id: int, proposal_id: int, at: datetime) -> None:
    cur.execute(
        "UPDATE idea SET status = ?, proposal_id = ?, status_since = ? WHERE id = ?",
        [IdeaStatus.VOORSTEL, proposal_id, at, idea_id],
    )


def references_of_proposals(cur: Cursor, proposal_ids: list[int]) -> dict[int, str]:
    """The idea each proposal came from: proposal id -> the idea's reference."""
    if not proposal_ids:
        return {}
    rows = cur.execute(
        "SELECT proposal_id, reference FROM idea WHERE proposal_id = ANY(?)",
        [proposal_ids],
    ).fetchall()
    return {int(p): str(r) for p, r in rows}


def references(cur: Cursor, idea_ids: list[int]) -> dict[int, str]:
    if not idea_ids:
        return {}
    rows = cur.execute("SELECT id, reference FROM idea WHERE id = ANY(?)", [idea_ids]).fetchall()
    return {int(i): str(r) for i, r in rows}


@dataclass(frozen=True)
class PublicIdea:
    """An idea as residents read it. None where residents may not read a field."""

    reference: str
    status: str
    title: str | None  # None: rejected for its text
    description: str | None  # published and open or a proposal only
    estimated_cost: Decimal | None  # likewise
    theme: str
    part_name: str | None
    photo_path: str | None  # published and open or a proposal only
    submitted_at: datetime
    status_since: datetime
    rejection_reason: str | None
    merged_into_reference: str | None
    merged_into_title: str | None
    proposal_reference: str | None
    proposal_status: str | None  # as residents may know it: a draft decision does not count
    neighbourhood_id: int


# The text and photo of an idea show while it is published or a proposal; a rejected or
# merged idea shows its title (unless hidden) and why.
_SHOWN = "i.status IN ('gepubliceerd', 'voorstel') AND i.published_at IS NOT NULL"


def public_ideas(cur: Cursor, neighbourhood_id: int | None) -> list[PublicIdea]:
    """The neighbourhood's moderated ideas (every neighbourhood's: None), the latest change
    first. Waiting ideas and every contact stay out."""
    rows = cur.execute(
        f"""
        SELECT i.reference, i.status,
               CASE WHEN i.text_hidden THEN NULL ELSE i.title END,
               CASE WHEN {_SHOWN} THEN i.description END,
               CASE WHEN {_SHOWN} THEN i.estimated_cost END,
               t.name, np.name,
               CASE WHEN {_SHOWN} THEN i.photo_path END,
               i.submitted_at, i.status_since,
               CASE WHEN i.status = 'afgewezen' THEN i.rejection_reason END,
               m.reference,
               CASE WHEN m.text_hidden THEN NULL ELSE m.title END,
               p.external_ref,
               CASE WHEN p.id IS NULL THEN NULL ELSE {PUBLIC_PROPOSAL_STATUS} END,
               i.neighbourhood_id
        FROM idea i
        JOIN theme t ON t.id = i.theme_id
        LEFT JOIN neighbourhood_part np ON np.id = i.part_id
        LEFT JOIN idea m ON m.id = i.merged_into_id AND i.status = 'samengevoegd'
            AND m.status <> 'ingediend'
        LEFT JOIN proposal p ON p.id = i.proposal_id AND i.status = 'voorstel'
        WHERE ($nid IS NULL OR i.neighbourhood_id = $nid) AND i.status <> 'ingediend'
        ORDER BY i.status_since DESC, i.id DESC
        """,
        {"nid": neighbourhood_id},
    ).fetchall()
    return [PublicIdea(*row) for row in rows]
