"""Accounts of organisers, aldermen and administrators (app_user, app_user_neighbourhood)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dashboard.store.rows import Cursor, first_row, insert, select, select_one


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    password_hash: str
    role: str
    failed_logins: int
    locked_until: datetime | None  # naive UTC, like every timestamp in the store
    created_at: datetime
    session_version: int
    active: bool
    all_neighbourhoods: bool


def by_username(cur: Cursor, username: str) -> UserRow | None:
    return select_one(cur, UserRow, "app_user", "username = ?", [username])


def by_id(cur: Cursor, user_id: int) -> UserRow | None:
    return select_one(cur, UserRow, "app_user", "id = ?", [user_id])


def all_users(cur: Cursor) -> list[UserRow]:
    return select(cur, UserRow, "app_user", order_by="username")


def create(
    cur: Cursor,
    username: str,
    password_hash: str,
    role: str,
    created_at: datetime,
    all_neighbourhoods: bool = False,
) -> int:
    return insert(
        cur,
        "app_user",
        {
            "username": username,
            "password_hash": password_hash,
            "role": role,
            "failed_logins": 0,
            "created_at": created_at,
            "session_version": 1,
            "active": True,
            "all_neighbourhoods": all_neighbourhoods,
        },
    )


def neighbourhood_ids(cur: Cursor, user_id: int) -> frozenset[int]:
    rows = cur.execute(
        "SELECT neighbourhood_id FROM app_user_neighbourhood WHERE user_id = ?", [user_id]
    ).fetchall()
    return frozenset(int(r[0]) for r in rows)


def neighbourhoods_by_user(cur: Cursor) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = {}
    for user_id, hood_id in cur.execute(
        "SELECT user_id, neighbourhood_id FROM app_user_neighbourhood ORDER BY 1, 2"
    ).fetchall():
        found.setdefault(int(user_id), set()).add(int(hood_id))
    return {user: frozenset(hoods) for user, hoods in found.items()}


def set_neighbourhoods(cur: Cursor, user_id: int, hood_ids: Iterable[int]) -> None:
    cur.execute("DELETE FROM app_user_neighbourhood WHERE user_id = ?", [user_id])
    for hood_id in sorted(set(hood_ids)):
        cur.execute("INSERT INTO app_user_neighbourhood VALUES (?, ?)", [user_id, hood_id])


def set_role(cur: Cursor, user_id: int, role: str, all_neighbourhoods: bool) -> None:
    """A new role; the user's sessions end (their session version goes up)."""
    cur.execute(
        "UPDATE app_user SET role = ?, all_neighbourhoods = ?, "
        "session_version = session_version + 1 WHERE id = ?",
        [role, all_neighbourhoods, user_id],
    )


def set_password(cur: Cursor, user_id: int, password_hash: str, end_sessions: bool) -> None:
    bump = ", session_version = session_version + 1" if end_sessions else ""
    cur.execute(
        f"UPDATE app_user SET password_hash = ?{bump} WHERE id = ?", [password_hash, user_id]
    )


def set_active(cur: Cursor, user_id: int, active: bool) -> None:
    cur.execute(
        "UPDATE app_user SET active = ?, session_version = session_version + 1 WHERE id = ?",
        [active, user_id],
    )


def end_sessions(cur: Cursor, user_id: int) -> None:
    cur.execute("UPDATE app_user SET session_version = session_version + 1 WHERE id = ?", [user_id])


def record_attempt(
    cur: Cursor, user_id: int, failed_logins: int, locked_until: datetime | None
) -> None:
    """The failure count and lock after a login attempt (0 and None after a success)."""
    cur.execute(
        "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?",
        [failed_logins, locked_until, user_id],
    )


def active_administrators(cur: Cursor) -> int:
    row = first_row(cur, "SELECT count(*) FROM app_user WHERE role = 'administrator' AND active")
    return int(row[0]) if row else 0


def neighbourhood_ids_for_codes(cur: Cursor, codes: Iterable[str]) -> dict[str, int]:
    """The ids of the neighbourhoods with these codes; unknown codes are left out."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = cur.execute(
        "SELECT code, id FROM neighbourhood WHERE code = ANY(?) ORDER BY code",
        [wanted],
    ).fetchall()
    return {str(code): int(hood_id) for code, hood_id in rows}


def known_neighbourhood_ids(cur: Cursor, hood_ids: Iterable[int]) -> set[int]:
    wanted = sorted(set(hood_ids))
    rows = cur.execute(
        "SELECT id FROM neighbourhood WHERE id = ANY(?) ORDER BY id", [wanted]
    ).fetchall()
    return {int(r[0]) for r in rows}
