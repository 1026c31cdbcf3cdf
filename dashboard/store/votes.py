"""Neighbourhood votes (migration 0014): the vote and its ballot, the anonymous ballots and
the turnout per group counted at closing. The code list lives in `vote_codes`; nothing
here reads it, and nothing here links a ballot to a code or a person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from dashboard.domain.votes import Vote, VoteItem, VoteStatus
from dashboard.store.rows import Cursor, first_row, insert, select, select_one


def add_vote(cur: Cursor, values: dict[str, Any]) -> int:
    return insert(cur, "vote", values)


def update_vote(cur: Cursor, vote_id: int, values: dict[str, Any]) -> None:
    """Change a vote's set-up (its columns by name: trusted keys from the services)."""
    columns = ", ".join(f"{name} = ?" for name in values)
    cur.execute(f"UPDATE vote SET {columns} WHERE id = ?", [*values.values(), vote_id])


def lock(cur: Cursor, vote_id: int) -> None:
    """Touch the vote's row: two sessions changing the same vote (set-up, codes, paper
    ballots, closing) conflict here and the later one is retried on fresh data."""
    cur.execute("UPDATE vote SET status = status WHERE id = ?", [vote_id])


def delete_concept(cur: Cursor, vote_id: int) -> int:
    """Delete a concept vote and its ballot's ideas (a concept has no codes, ballots or
    turnout); how many ideas were on it."""
    items = cur.execute("DELETE FROM vote_item WHERE vote_id = ? RETURNING id", [vote_id])
    removed = len(items.fetchall())
    cur.execute("DELETE FROM vote WHERE id = ? AND status = ?", [vote_id, VoteStatus.CONCEPT])
    return removed


def vote(cur: Cursor, vote_id: int) -> Vote | None:
    return select_one(cur, Vote, "vote", "id = ?", [vote_id])


def votes_for_neighbourhood(cur: Cursor, neighbourhood_id: int) -> list[Vote]:
    """The neighbourhood's votes, the newest first."""
    return select(
        cur, Vote, "vote", "neighbourhood_id = ?", [neighbourhood_id],
        order_by="opens_on DESC, id DESC",
    )  # fmt: skip


def votes_with_status(cur: Cursor, statuses: Sequence[str]) -> list[Vote]:
    """Votes in one of `statuses`, of every neighbourhood, the first to close first."""
    return select(
        cur, Vote, "vote", "status = ANY(?)", [list(statuses)],
        order_by="closes_on, id",
    )  # fmt: skip


# The ballot --------------------------------------------------------------------------------------


def replace_items(
    cur: Cursor, vote_id: int, items: Sequence[tuple[int, str, str, Decimal]]
) -> None:
    """The ballot's ideas, numbered 1, 2, ... in the order given: (idea id, title,
    description, cost)."""
    cur.execute("DELETE FROM vote_item WHERE vote_id = ?", [vote_id])
    for number, (idea_id, title, description, cost) in enumerate(items, start=1):
        insert(
            cur,
            "vote_item",
            {"vote_id": vote_id, "number": number, "idea_id": idea_id, "title": title,
             "description": description, "cost": cost},
        )  # fmt: skip


def items(cur: Cursor, vote_id: int) -> list[VoteItem]:
    return select(cur, VoteItem, "vote_item", "vote_id = ?", [vote_id], order_by="number")


def set_item_proposal(cur: Cursor, item_id: int, proposal_id: int) -> None:
    cur.execute("UPDATE vote_item SET proposal_id = ? WHERE id = ?", [proposal_id, item_id])


def ideas_on_running_ballots(cur: Cursor, idea_ids: Sequence[int]) -> dict[int, str]:
    """Of these ideas, those on the ballot of a vote that is not closed: idea -> vote title."""
    if not idea_ids:
        return {}
    rows = cur.execute(
        "SELECT i.idea_id, v.title FROM vote_item i JOIN vote v ON v.id = i.vote_id "
        "WHERE v.status <> 'gesloten' AND i.idea_id = ANY(?)",
        [list(idea_ids)],
    ).fetchall()
    return {int(i): str(t) for i, t in rows}


# Ballots: anonymous ------------------------------------------------------------------------------


def add_ballot(
    cur: Cursor, vote_id: int, ballot_id: str, channel: str, item_ids: Sequence[int]
) -> None:
    cur.execute(
        "INSERT INTO vote_ballot (id, vote_id, channel) VALUES (?, ?, ?)",
        [ballot_id, vote_id, channel],
    )
    if item_ids:
        cur.execute(
            "INSERT INTO vote_choice (ballot_id, item_id) SELECT ?, unnest(?)",
            [ballot_id, list(item_ids)],
        )


@dataclass(frozen=True)
class StoredBallot:
    id: str  # random: says nothing about when or by whom
    channel: str
    numbers: tuple[int, ...]  # the ideas chosen, by their number on the ballot


def ballots(cur: Cursor, vote_id: int) -> list[StoredBallot]:
    """Every ballot of the vote in the order of its random id (not the order of voting)."""
    rows = cur.execute(
        """
        SELECT b.id, b.channel,
               array_agg(i.number ORDER BY i.number) FILTER (WHERE i.number IS NOT NULL)
        FROM vote_ballot b
        LEFT JOIN vote_choice c ON c.ballot_id = b.id
        LEFT JOIN vote_item i ON i.id = c.item_id
        WHERE b.vote_id = ?
        GROUP BY b.id, b.channel
        ORDER BY b.id
        """,
        [vote_id],
    ).fetchall()
    return [
        StoredBallot(str(b), str(c), tuple(int(n) for n in (numbers or [])))
        for b, c, numbers in rows
    ]


def ballot_counts(cur: Cursor, vote_id: int) -> dict[str, int]:
    """Ballots per channel (online, papier)."""
    rows = cur.execute(
        "SELECT channel, count(*) FROM vote_ballot WHERE vote_id = ? GROUP BY channel",
        [vote_id],
    ).fetchall()
    return {str(c): int(n) for c, n in rows}


# Turnout per group -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TurnoutCount:
    feature: str  # part, age_band
    value: str  # the buurt's code, the age band
    eligible: int
    voters: int


def add_turnout(cur: Cursor, vote_id: int, counts: Sequence[TurnoutCount]) -> None:
    for c in counts:
        cur.execute(
            "INSERT INTO vote_turnout VALUES (?, ?, ?, ?, ?)",
            [vote_id, c.feature, c.value, c.eligible, c.voters],
        )


def turnout(cur: Cursor, vote_id: int) -> list[TurnoutCount]:
    return select(
        cur, TurnoutCount, "vote_turnout", "vote_id = ?", [vote_id], order_by="feature, value"
    )


def close(cur: Cursor, vote_id: int, at: datetime, destroyed: int) -> None:
    cur.execute(
        "UPDATE vote SET status = ?, closed_at = ?, codes_destroyed = ? WHERE id = ?",
        [VoteStatus.GESLOTEN, at, destroyed, vote_id],
    )


def ballot_total(cur: Cursor, vote_id: int) -> int:
    row = first_row(cur, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?", [vote_id])
    return int(row[0]) if row else 0
