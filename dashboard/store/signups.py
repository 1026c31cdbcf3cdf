"""Registrations that residents send themselves on the sign-up page (issue 16): finding a
letter by its code, the household that may answer it, and how to reach whoever signed up
(`signup_contact`, migration 0012: personal data, for the draw's organisers only; no
public query reads it). The registration itself is a `response` (store/draws.py) with
channel 'online'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dashboard.domain.models import Invitation, Response
from dashboard.store.dialect import year_of
from dashboard.store.register import age_band_sql
from dashboard.store.rows import Cursor, select, select_one

ONLINE = "online"


def letters_with_code(cur: Cursor, code: str) -> list[Invitation]:
    """The letters (of any draw) whose code reads `code` once case, spaces and dashes are
    left out (`code` is written that way: 'K7QM2XHD')."""
    return select(
        cur,
        Invitation,
        "invitation",
        "channel = 'brief' AND regexp_replace(upper(letter_code), '[^0-9A-Z]', '', 'g') = ?",
        [code],
        order_by="id",
    )


@dataclass(frozen=True)
class HouseholdMember:
    """Someone in the letter's household as the draw's register snapshot has them, with
    the register's answer to each registration question (`answers`, by question)."""

    resident_id: int
    initial: str | None  # of the first name; None when the contact data is gone or erased
    birth_year: int
    age: int  # on the draw's reference day
    answers: dict[str, str | None]


def household(
    cur: Cursor, draw_id: int, household_id: int, reference: date
) -> list[HouseholdMember]:
    """Everyone of the household in the draw's snapshot, oldest first."""
    rows = cur.execute(
        f"""
        SELECT r.resident_id,
               CASE WHEN e.resident_id IS NULL THEN upper(left(trim(c.first_name), 1)) END,
               {year_of("r.birth_date")},
               CAST(extract(year FROM age(DATE '{reference.isoformat()}', r.birth_date))
                    AS INTEGER),
               {age_band_sql(reference)}, r.gender, r.education, r.tenure, p.code, r.origin
        FROM draw_register r
        JOIN neighbourhood_part p ON p.id = r.part_id
        LEFT JOIN resident_contact c ON c.resident_id = r.resident_id
        LEFT JOIN contact_erasure e ON e.resident_id = r.resident_id
        WHERE r.draw_id = ? AND r.household_id = ?
        ORDER BY r.birth_date, r.resident_id
        """,
        [draw_id, household_id],
    ).fetchall()
    keys = ("age_band", "gender", "education", "tenure", "part_code", "origin")
    return [
        HouseholdMember(
            int(row[0]),
            row[1] or None,
            int(row[2]),
            int(row[3]),
            dict(zip(keys, row[4:], strict=True)),
        )
        for row in rows
    ]


def latest_response(cur: Cursor, invitation_id: int) -> Response | None:
    """The letter's answer that counts: the latest (a correction or withdrawal comes last)."""
    found = select(
        cur, Response, "response", "invitation_id = ?", [invitation_id],
        order_by="answered_at DESC, id DESC",
    )  # fmt: skip
    return found[0] if found else None


# How to reach whoever signed up ------------------------------------------------------------------


@dataclass(frozen=True)
class SignupContact:
    response_id: int
    invitation_id: int
    phone: str | None
    email: str | None
    created_at: datetime


def contact(cur: Cursor, invitation_id: int) -> SignupContact | None:
    return select_one(cur, SignupContact, "signup_contact", "invitation_id = ?", [invitation_id])


def replace_contact(
    cur: Cursor, invitation_id: int, response_id: int, phone: str | None, email: str | None,
    at: datetime,
) -> None:  # fmt: skip
    """The letter's contact is the one left with its latest online registration."""
    delete_contact(cur, invitation_id)
    cur.execute(
        "INSERT INTO signup_contact (response_id, invitation_id, phone, email, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [response_id, invitation_id, phone, email, at],
    )


def delete_contact(cur: Cursor, invitation_id: int) -> int:
    """Delete the letter's contact (a withdrawal); returns how many rows went."""
    return len(
        cur.execute(
            "DELETE FROM signup_contact WHERE invitation_id = ? RETURNING response_id",
            [invitation_id],
        ).fetchall()
    )


# Who signed up: the household member the registration names, else the letter's addressee.
_SIGNER = "coalesce(x.resident_id, i.resident_id)"


def contacts_in_draw(cur: Cursor, draw_id: int) -> dict[int, SignupContact]:
    """The contacts left online in a draw, by the resident who signed up."""
    rows = cur.execute(
        f"""
        SELECT {_SIGNER}, s.response_id, s.invitation_id, s.phone, s.email, s.created_at
        FROM signup_contact s
        JOIN response x ON x.id = s.response_id
        JOIN invitation i ON i.id = s.invitation_id
        WHERE i.draw_id = ?
        ORDER BY s.created_at, s.response_id
        """,
        [draw_id],
    ).fetchall()
    return {int(row[0]): SignupContact(*row[1:]) for row in rows}


def delete_for_resident(cur: Cursor, resident_id: int) -> int:
    """Delete every contact left online by this resident (an erasure on request)."""
    return len(
        cur.execute(
            f"""
            DELETE FROM signup_contact WHERE response_id IN (
                SELECT s.response_id FROM signup_contact s
                JOIN response x ON x.id = s.response_id
                JOIN invitation i ON i.id = s.invitation_id
                WHERE {_SIGNER} = ?
            ) RETURNING response_id
            """,
            [resident_id],
        ).fetchall()
    )


def registrations(cur: Cursor, draw_id: int) -> pd.DataFrame:
    """Every letter of the draw with an answer: its code, the answer that counts, when it
    was recorded, its channel ('online' or empty), its response, and how many answers the
    letter had in all (a correction or withdrawal adds one). No names."""
    return cur.execute(
        """
        SELECT code, outcome, answered_at, channel, response_id, answers FROM (
            SELECT i.letter_code AS code, x.outcome, x.answered_at, x.channel,
                   x.id AS response_id, count(*) OVER (PARTITION BY x.invitation_id) AS answers,
                   row_number() OVER (
                       PARTITION BY x.invitation_id ORDER BY x.answered_at DESC, x.id DESC
                   ) AS newest
            FROM response x JOIN invitation i ON i.id = x.invitation_id
            WHERE i.draw_id = ? AND i.channel = 'brief'
        ) answered
        WHERE newest = 1
        ORDER BY answered_at DESC, response_id DESC
        """,
        [draw_id],
    ).df()
