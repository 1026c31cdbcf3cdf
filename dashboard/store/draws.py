"""Draws: their invitations, answers (registrations and home visits), quotas and the
volunteer pool. Figures per group come from the draw's register snapshot
(`draw_register`, see migration 0004), never from the live register."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from typing import Any

import pandas as pd

from dashboard.domain.models import Draw, Invitation, PanelMember, QuotaRow, Response, Seat
from dashboard.store.bulk import load_frame, reserve_ids
from dashboard.store.dialect import local_day, unpivot
from dashboard.store.register import age_band_sql
from dashboard.store.rows import Cursor, first_row, insert, select, select_one

_DRAW_COLUMNS = ", ".join(f.name for f in fields(Draw))
# The day of an answer: a home visit's own day (migration 0009), else the day it was
# recorded (`answered_at` is UTC) in Amsterdam. `{r}` is the response table's alias.
_DAY = "coalesce({r}.visited_on, " + local_day("{r}.answered_at") + ")"
# Each invitation's latest answer (a home visit can be answered more than once). Home
# visits are typed in from paper afterwards, not always in the order they were made: the
# visit's day counts first, then when it was recorded.
_LATEST = f"""
    SELECT invitation_id, outcome, response_id FROM (
        SELECT invitation_id, outcome, id AS response_id, row_number() OVER (
            PARTITION BY invitation_id
            ORDER BY {_DAY.format(r="x")} DESC, answered_at DESC, id DESC
        ) AS newest
        FROM response x
        WHERE invitation_id IN (SELECT id FROM invitation WHERE draw_id = $draw)
    ) ranked
    WHERE newest = 1
"""


def _count(cur: Cursor, sql: str, params: list[Any] | dict[str, Any]) -> int:
    row = first_row(cur, sql, params)
    return int(row[0]) if row and row[0] is not None else 0


# Draws -------------------------------------------------------------------------------------------


def add_draw(
    cur: Cursor,
    council_id: int,
    purpose: str,
    method: str,
    k: int,
    parameters: dict[str, Any],
    created_at: datetime,
    panel_id: int | None = None,
    parent_draw_id: int | None = None,
) -> int:
    return insert(
        cur,
        "draw",
        {
            "council_id": council_id,
            "panel_id": panel_id,
            "parent_draw_id": parent_draw_id,
            "purpose": purpose,
            "method": method,
            "stage": "invitation",
            "k": k,
            "parameters_json": json.dumps(parameters, sort_keys=True, default=str),
            "status": "open",
            "created_at": created_at,
        },
    )


def draw(cur: Cursor, draw_id: int) -> Draw | None:
    rows = cur.execute(f"SELECT {_DRAW_COLUMNS} FROM draw WHERE id = ?", [draw_id]).fetchall()
    return Draw(*rows[0]) if rows else None


def draws_for_councils(cur: Cursor, council_ids: list[int]) -> list[Draw]:
    rows = cur.execute(
        f"SELECT {_DRAW_COLUMNS} FROM draw WHERE council_id = ANY(?) "
        "ORDER BY status IN ('open', 'committed') DESC, created_at DESC, id DESC",
        [council_ids],
    ).fetchall()
    return [Draw(*row) for row in rows]


def open_draw(cur: Cursor, council_id: int, purpose: str) -> Draw | None:
    rows = cur.execute(
        f"SELECT {_DRAW_COLUMNS} FROM draw WHERE council_id = ? AND purpose = ? "
        "AND status IN ('open', 'committed') ORDER BY id LIMIT 1",
        [council_id, purpose],
    ).fetchall()
    return Draw(*rows[0]) if rows else None


def set_stage(cur: Cursor, draw_id: int, stage: str) -> None:
    cur.execute("UPDATE draw SET stage = ? WHERE id = ?", [stage, draw_id])


def set_parameters(cur: Cursor, draw_id: int, parameters: dict[str, Any]) -> None:
    cur.execute(
        "UPDATE draw SET parameters_json = ? WHERE id = ?",
        [json.dumps(parameters, sort_keys=True, default=str), draw_id],
    )


def add_panel(
    cur: Cursor,
    council_id: int,
    neighbourhood_id: int,
    name: str,
    target_size: int,
    created_at: datetime,
) -> int:
    return insert(
        cur,
        "panel",
        {
            "council_id": council_id,
            "neighbourhood_id": neighbourhood_id,
            "name": name,
            "target_size": target_size,
            "created_at": created_at,
        },
    )


def council_names(cur: Cursor) -> list[str]:
    return [str(r[0]) for r in cur.execute("SELECT name FROM council ORDER BY 1").fetchall()]


def next_term_number(cur: Cursor, council_id: int) -> int:
    return 1 + _count(cur, "SELECT max(number) FROM term WHERE council_id = ?", [council_id])


# The register as the lottery sees it -------------------------------------------------------------


def lottery_frame(cur: Cursor, draw_id: int, reference: date) -> pd.DataFrame:
    """Everyone in the draw's extract: id, household, neighbourhood (name) and age."""
    return cur.execute(
        """
        SELECT r.resident_id AS id, r.household_id AS household, n.name AS neighbourhood,
               CAST(extract(year FROM age(CAST(? AS DATE), r.birth_date)) AS INTEGER) AS age
        FROM draw_register r
        JOIN neighbourhood n ON n.id = r.neighbourhood_id
        WHERE r.draw_id = ?
        ORDER BY r.resident_id
        """,
        [reference, draw_id],
    ).df()


def erased_in_register(cur: Cursor, draw_id: int) -> list[int]:
    """Residents in the draw's extract whose contact data was erased on request."""
    rows = cur.execute(
        "SELECT r.resident_id FROM draw_register r WHERE r.draw_id = ? AND EXISTS "
        "(SELECT 1 FROM contact_erasure e WHERE e.resident_id = r.resident_id) ORDER BY 1",
        [draw_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def invited_households(cur: Cursor, draw_id: int) -> set[int]:
    rows = cur.execute(
        "SELECT DISTINCT household_id FROM invitation WHERE draw_id = ?", [draw_id]
    ).fetchall()
    return {int(r[0]) for r in rows}


# Invitations -------------------------------------------------------------------------------------


def load_invitations(cur: Cursor, frame: pd.DataFrame) -> int:
    """Bulk insert; `frame` has the invitation columns except id."""
    with_ids = frame.assign(id=reserve_ids(cur, "invitation", len(frame)))
    return load_frame(cur, "invitation", with_ids)


def add_invitation(cur: Cursor, values: dict[str, Any]) -> int:
    return insert(cur, "invitation", values)


def invitation_count(cur: Cursor, draw_id: int) -> int:
    return _count(cur, "SELECT count(*) FROM invitation WHERE draw_id = ?", [draw_id])


def invitations(cur: Cursor, draw_id: int) -> list[Invitation]:
    return select(cur, Invitation, "invitation", "draw_id = ?", [draw_id], order_by="id")


def invitation(cur: Cursor, invitation_id: int) -> Invitation | None:
    return select_one(cur, Invitation, "invitation", "id = ?", [invitation_id])


def invitations_by_code(cur: Cursor, draw_id: int) -> dict[str, Invitation]:
    return {i.letter_code: i for i in invitations(cur, draw_id) if i.letter_code}


def replacement_of(cur: Cursor, invitation_id: int) -> Invitation | None:
    return select_one(cur, Invitation, "invitation", "replaces_id = ?", [invitation_id])


def mail_merge(cur: Cursor, draw_id: int) -> pd.DataFrame:
    """Letters with names and addresses: personal data, for the organisers' export only."""
    return cur.execute(
        """
        SELECT i.letter_code AS code, c.first_name AS voornaam, c.last_name AS achternaam,
               c.street AS straat, c.house_number AS huisnummer, c.postcode AS postcode,
               c.city AS woonplaats, n.name AS wijk
        FROM invitation i
        JOIN draw_register r ON r.draw_id = i.draw_id AND r.resident_id = i.resident_id
        JOIN neighbourhood n ON n.id = r.neighbourhood_id
        LEFT JOIN resident_contact c ON c.resident_id = i.resident_id
        WHERE i.draw_id = ? AND i.channel = 'brief'
        ORDER BY c.postcode, c.street, c.house_number, i.id
        """,
        [draw_id],
    ).df()


def visit_list(cur: Cursor, draw_id: int) -> pd.DataFrame:
    """Home visits with address and each one's latest outcome, with that visit's day and
    visitor (personal data)."""
    return cur.execute(
        f"""
        SELECT i.id AS invitation_id, i.stratum, i.replaces_id, i.letter_code,
               c.first_name, c.last_name, c.street, c.house_number, c.postcode, c.city,
               l.outcome, (SELECT count(*) FROM response x WHERE x.invitation_id = i.id) AS visits,
               (SELECT min(j.id) FROM invitation j WHERE j.replaces_id = i.id) AS replaced_by,
               {_DAY.format(r="v")} AS visit_day, v.visitor
        FROM invitation i
        LEFT JOIN resident_contact c ON c.resident_id = i.resident_id
        LEFT JOIN ({_LATEST}) l ON l.invitation_id = i.id
        LEFT JOIN response v ON v.id = l.response_id
        WHERE i.draw_id = $draw
        ORDER BY i.id
        """,
        {"draw": draw_id},
    ).df()


def visits(cur: Cursor, draw_id: int) -> pd.DataFrame:
    """Every home visit of the draw, one row each, in the order they were made."""
    day = _DAY.format(r="x")
    return cur.execute(
        f"""
        SELECT x.invitation_id, {day} AS visit_day, x.visitor, x.outcome,
               c.street, c.house_number
        FROM response x
        JOIN invitation i ON i.id = x.invitation_id
        LEFT JOIN resident_contact c ON c.resident_id = i.resident_id
        WHERE i.draw_id = ? AND i.channel = 'huisbezoek'
        ORDER BY visit_day, x.answered_at, x.id
        """,
        [draw_id],
    ).df()


# Answers -----------------------------------------------------------------------------------------


def take_turn(cur: Cursor, draw_id: int) -> None:
    """Order what changes the draw's volunteers against the preparation of its selection:
    two writers at once conflict on the draw's row of `draw_turn`, and the later retries
    on what the earlier wrote (migration 0018)."""
    cur.execute(
        "INSERT INTO draw_turn VALUES (?, 1) "
        "ON CONFLICT (draw_id) DO UPDATE SET version = draw_turn.version + 1",
        [draw_id],
    )


def add_response(cur: Cursor, draw_id: int, values: dict[str, Any]) -> int:
    """An answer to a letter of draw `draw_id` (or at a door); in the draw's turn."""
    take_turn(cur, draw_id)
    return insert(cur, "response", values)


def responses(cur: Cursor, draw_id: int) -> list[Response]:
    return select(
        cur,
        Response,
        "response",
        "invitation_id IN (SELECT id FROM invitation WHERE draw_id = ?)",
        [draw_id],
        order_by="answered_at, id",
    )


def response_count(cur: Cursor, draw_id: int) -> int:
    """Letters (or addresses visited) with an answer; a changed answer counts once."""
    return _count(
        cur,
        "SELECT count(DISTINCT invitation_id) FROM response WHERE invitation_id IN "
        "(SELECT id FROM invitation WHERE draw_id = ?)",
        [draw_id],
    )


def latest_outcomes(cur: Cursor, draw_id: int) -> dict[int, str]:
    rows = cur.execute(
        f"SELECT invitation_id, outcome FROM ({_LATEST}) latest", {"draw": draw_id}
    ).fetchall()
    return {int(i): str(o) for i, o in rows}


def group_table(cur: Cursor, draw_id: int, reference: date, min_age: int) -> pd.DataFrame:
    """Per feature and group: residents of eligible age in the extract, invited, and the
    invitations' latest answers, counted for who answered (the household member who
    signed up online, else the letter's addressee). Groups are the register's, on
    `reference`."""
    age = f"extract(year FROM age(DATE '{reference.isoformat()}', r.birth_date))"
    return cur.execute(
        f"""
        WITH base AS (
            SELECT {age_band_sql(reference)} AS age_band,
                   r.gender, r.education, r.tenure, p.code AS part, r.origin,
                   i.id IS NOT NULL AS invited, a.outcome
            FROM draw_register r
            JOIN neighbourhood_part p ON p.id = r.part_id
            LEFT JOIN invitation i ON i.draw_id = r.draw_id AND i.resident_id = r.resident_id
            LEFT JOIN (
                SELECT l.outcome, coalesce(x.resident_id, j.resident_id) AS resident_id
                FROM ({_LATEST}) l JOIN response x ON x.id = l.response_id
                JOIN invitation j ON j.id = l.invitation_id
            ) a ON a.resident_id = r.resident_id
            WHERE r.draw_id = $draw AND {age} >= $min_age
        )
        SELECT feature, value, count(*) AS eligible,
               count(*) FILTER (WHERE invited) AS invited,
               count(outcome) AS answered,
               count(*) FILTER (WHERE outcome = 'ja') AS yes,
               count(*) FILTER (WHERE outcome = 'nee') AS no,
               count(*) FILTER (WHERE outcome = 'niet thuis') AS not_home,
               count(*) FILTER (WHERE outcome = 'later') AS later
        FROM {unpivot("base", ("age_band", "gender", "education", "tenure", "part", "origin"))}
            AS groups
        GROUP BY feature, value ORDER BY feature, value
        """,
        {"draw": draw_id, "min_age": min_age},
    ).df()


def pool_frame(cur: Cursor, draw_id: int, reference: date) -> pd.DataFrame:
    """The volunteers (latest answer 'ja'): id, household and features. A feature the
    volunteer did not answer comes from the register. The volunteer is who in the
    household signed up (online, migration 0012), else the letter's addressee."""
    return cur.execute(
        f"""
        SELECT CAST(r.resident_id AS VARCHAR) AS id,
               CAST(r.household_id AS VARCHAR) AS household,
               coalesce(x.age_band,
                        {age_band_sql(reference)})
                   AS age_band,
               coalesce(x.gender, r.gender) AS gender,
               coalesce(x.education, r.education) AS education,
               coalesce(x.tenure, r.tenure) AS tenure,
               coalesce(x.part_code, p.code) AS part,
               coalesce(x.origin, r.origin) AS origin
        FROM ({_LATEST}) l
        JOIN response x ON x.id = l.response_id
        JOIN invitation i ON i.id = l.invitation_id
        JOIN draw_register r ON r.draw_id = i.draw_id
                             AND r.resident_id = coalesce(x.resident_id, i.resident_id)
        JOIN neighbourhood_part p ON p.id = r.part_id
        WHERE l.outcome = 'ja'
        ORDER BY r.resident_id
        """,
        {"draw": draw_id},
    ).df()


# Quotas ------------------------------------------------------------------------------------------


def quotas(cur: Cursor, draw_id: int) -> list[QuotaRow]:
    return select(cur, QuotaRow, "quota", "draw_id = ?", [draw_id], order_by="id")


def replace_quotas(cur: Cursor, draw_id: int, rows: list[tuple[str, str, int, int]]) -> None:
    cur.execute("DELETE FROM quota WHERE draw_id = ?", [draw_id])
    for feature, value, low, high in rows:
        insert(
            cur,
            "quota",
            {
                "draw_id": draw_id,
                "feature": feature,
                "value": value,
                "min_count": low,
                "max_count": high,
            },
        )


def invitations_per_stratum(cur: Cursor, draw_id: int) -> pd.DataFrame:
    return cur.execute(
        "SELECT stratum, count(*) AS invitations, count(replaces_id) AS replacements "
        "FROM invitation WHERE draw_id = ? GROUP BY stratum ORDER BY stratum",
        [draw_id],
    ).df()


# The public draw: commitment, ceremony, members --------------------------------------------------


def save_prepared(
    cur: Cursor,
    draw_id: int,
    bundle: dict[str, Any],
    parameters: dict[str, Any],
    probabilities: pd.DataFrame,
) -> None:
    """The prepared bundle (before the ceremony) and every volunteer's probability."""
    take_turn(cur, draw_id)
    cur.execute(
        "UPDATE draw SET commitment = ?, bundle_json = ?, algorithm = ?, code_version = ?, "
        "parameters_json = ?, status = 'committed', stage = 'selection' WHERE id = ?",
        [
            bundle["commitment"],
            json.dumps(bundle, ensure_ascii=False, sort_keys=True),
            bundle["algorithm"],
            bundle["code_version"],
            json.dumps(parameters, sort_keys=True, default=str),
            draw_id,
        ],
    )
    cur.execute("DELETE FROM selection_probability WHERE draw_id = ?", [draw_id])
    load_frame(cur, "selection_probability", probabilities.assign(draw_id=draw_id))


def discard_prepared(cur: Cursor, draw_id: int) -> None:
    """Undo `save_prepared` before the ceremony: the draw is open again, its bundle and
    probabilities gone (the audit log keeps the old commitment)."""
    take_turn(cur, draw_id)
    cur.execute(
        "UPDATE draw SET commitment = NULL, bundle_json = NULL, status = 'open' WHERE id = ?",
        [draw_id],
    )
    cur.execute("DELETE FROM selection_probability WHERE draw_id = ?", [draw_id])


def bundle(cur: Cursor, draw_id: int) -> dict[str, Any] | None:
    row = first_row(cur, "SELECT bundle_json FROM draw WHERE id = ?", [draw_id])
    return None if row is None or row[0] is None else dict(json.loads(row[0]))


def save_revealed(cur: Cursor, draw_id: int, revealed: dict[str, Any]) -> None:
    ceremony = revealed["ceremony"]
    cur.execute(
        "UPDATE draw SET seed_inputs_json = ?, chosen_index = ?, bundle_json = ?, "
        "stage = 'confirmation' WHERE id = ?",
        [
            json.dumps(ceremony["inputs"], ensure_ascii=False),
            int(ceremony["chosen_index"]),
            json.dumps(revealed, ensure_ascii=False, sort_keys=True),
            draw_id,
        ],
    )


def add_member(
    cur: Cursor, draw_id: int, resident_id: int, status: str, at: datetime, rank: int | None = None
) -> int:
    return insert(
        cur,
        "panel_member",
        {
            "draw_id": draw_id,
            "resident_id": resident_id,
            "status": status,
            "reserve_rank": rank,
            "status_changed_at": at,
        },
    )


def members(cur: Cursor, draw_id: int) -> list[PanelMember]:
    return select(
        cur,
        PanelMember,
        "panel_member",
        "draw_id = ?",
        [draw_id],
        order_by="reserve_rank NULLS FIRST, id",
    )


def member(cur: Cursor, member_id: int) -> PanelMember | None:
    return select_one(cur, PanelMember, "panel_member", "id = ?", [member_id])


def set_member_status(cur: Cursor, member_id: int, status: str, at: datetime) -> None:
    cur.execute(
        "UPDATE panel_member SET status = ?, status_changed_at = ? WHERE id = ?",
        [status, at, member_id],
    )


def add_replacement(
    cur: Cursor,
    draw_id: int,
    replaced: int,
    replacement: int | None,
    reason: str,
    at: datetime,
    replacement_draw_id: int | None = None,
) -> int:
    return insert(
        cur,
        "replacement",
        {
            "draw_id": draw_id,
            "replaced_member_id": replaced,
            "replacement_member_id": replacement,
            "replacement_draw_id": replacement_draw_id,
            "reason": reason,
            "created_at": at,
        },
    )


def replaced_members(cur: Cursor, draw_id: int) -> dict[int, int | None]:
    """Member id -> the member who took the seat (None: a replacement draw is running).
    The links of a replacement draw that was stopped before its ceremony do not count."""
    rows = cur.execute(
        "SELECT x.replaced_member_id, x.replacement_member_id FROM replacement x "
        "LEFT JOIN draw d ON d.id = x.replacement_draw_id "
        "WHERE x.draw_id = ? AND coalesce(d.status, '') <> 'cancelled'",
        [draw_id],
    ).fetchall()
    return {int(a): None if b is None else int(b) for a, b in rows}


def running_replacement(cur: Cursor, parent_id: int) -> Draw | None:
    """The replacement draw of `parent_id` that has not had its ceremony yet, if any."""
    rows = cur.execute(
        f"SELECT {_DRAW_COLUMNS} FROM draw WHERE parent_draw_id = ? AND purpose = 'replacement' "
        "AND status IN ('open', 'committed') ORDER BY id LIMIT 1",
        [parent_id],
    ).fetchall()
    return Draw(*rows[0]) if rows else None


def later_rotation(cur: Cursor, council_id: int, draw_id: int) -> int | None:
    """The first rotation of the council completed after draw `draw_id` was, if any."""
    row = first_row(
        cur,
        "SELECT r.id FROM draw r, draw d WHERE d.id = ? AND r.council_id = ? "
        "AND r.purpose = 'rotation' AND r.status = 'completed' AND r.id <> d.id "
        "AND r.completed_at > d.completed_at ORDER BY r.completed_at, r.id LIMIT 1",
        [draw_id, council_id],
    )
    return None if row is None else int(row[0])


def replacement_links(cur: Cursor, replacement_draw_id: int) -> list[tuple[int, int, int | None]]:
    """(link id, replaced member, replacement member) of one replacement draw, in the
    order of the replaced members."""
    rows = cur.execute(
        "SELECT id, replaced_member_id, replacement_member_id FROM replacement "
        "WHERE replacement_draw_id = ? ORDER BY replaced_member_id",
        [replacement_draw_id],
    ).fetchall()
    return [(int(a), int(b), None if c is None else int(c)) for a, b, c in rows]


def fill_replacement(cur: Cursor, link_id: int, replacement_member_id: int) -> None:
    cur.execute(
        "UPDATE replacement SET replacement_member_id = ? WHERE id = ?",
        [replacement_member_id, link_id],
    )


def add_seat(cur: Cursor, values: dict[str, Any]) -> int:
    return insert(cur, "seat", values)


def seats(cur: Cursor, council_id: int) -> list[Seat]:
    return select(cur, Seat, "seat_now", "council_id = ?", [council_id],
                  order_by="starts_on DESC, kind DESC, id")  # fmt: skip


def seat_of_member(cur: Cursor, member_id: int) -> Seat | None:
    return select_one(cur, Seat, "seat_now", "panel_member_id = ?", [member_id])


def end_seat(cur: Cursor, seat_id: int, ends_on: date, reason: str) -> None:
    """End a seat early (in `seat_end`: DuckDB cannot update a seat with meetings behind
    it; readers see the end through the view `seat_now`)."""
    cur.execute(
        "INSERT INTO seat_end (seat_id, ends_on, end_reason) VALUES (?, ?, ?) "
        "ON CONFLICT (seat_id) DO UPDATE SET ends_on = excluded.ends_on, "
        "end_reason = excluded.end_reason",
        [seat_id, ends_on, reason],
    )


def cancel(cur: Cursor, draw_id: int, at: datetime) -> None:
    """Stop a running draw; what it recorded stays."""
    cur.execute(
        "UPDATE draw SET status = 'cancelled', completed_at = ? WHERE id = ?", [at, draw_id]
    )


def complete(cur: Cursor, draw_id: int, at: datetime) -> None:
    cur.execute(
        "UPDATE draw SET status = 'completed', stage = 'done', completed_at = ? WHERE id = ?",
        [at, draw_id],
    )


def roster(cur: Cursor, council_id: int) -> pd.DataFrame:
    """Every seat of the council with its term and, for drawn seats, the member's name
    (personal data: organisers only)."""
    return cur.execute(
        """
        SELECT s.id AS seat_id, t.number AS term, t.starts_on AS term_starts,
               t.ends_on AS term_ends, s.kind, s.appointed_role, s.is_chair, s.starts_on,
               s.ends_on, s.end_reason, s.resident_id,
               c.first_name, c.last_name
        FROM seat_now s JOIN term t ON t.id = s.term_id
        LEFT JOIN resident_contact c ON c.resident_id = s.resident_id
        WHERE s.council_id = ?
        ORDER BY t.number DESC, s.kind DESC, s.id
        """,
        [council_id],
    ).df()


def names(cur: Cursor, resident_ids: list[int]) -> dict[int, str]:
    """Names of residents (personal data: organisers only)."""
    rows = cur.execute(
        "SELECT resident_id, first_name || ' ' || last_name FROM resident_contact "
        "WHERE resident_id = ANY(?)",
        [resident_ids],
    ).fetchall()
    return {int(i): str(n) for i, n in rows}


def eligible_households(
    cur: Cursor, draw_id: int, reference: date, min_age: int, excluded: list[int]
) -> int:
    """Households in the draw's snapshot with someone of `min_age` or older on `reference`
    who is not `excluded`."""
    return _count(
        cur,
        "SELECT count(DISTINCT household_id) FROM draw_register WHERE draw_id = ? "
        "AND extract(year FROM age(CAST(? AS DATE), birth_date)) >= ? "
        "AND resident_id <> ALL(?)",
        [draw_id, reference, min_age, excluded],
    )


def sitting_drawn(cur: Cursor, council_id: int, day: date) -> list[tuple[int, int, date, date]]:
    """Drawn seats of the council that are taken on `day`: (seat id, resident, start, end);
    the end is the seat's own or else its term's."""
    rows = cur.execute(
        "SELECT s.id, s.resident_id, s.starts_on, coalesce(s.ends_on, t.ends_on) FROM seat_now s "
        "JOIN term t ON t.id = s.term_id WHERE s.council_id = ? AND s.kind = 'drawn' "
        "AND s.starts_on <= ? AND coalesce(s.ends_on, t.ends_on) > ? ORDER BY s.id",
        [council_id, day, day],
    ).fetchall()
    return [(int(a), int(b), c, d) for a, b, c, d in rows]


def latest_ceremony(cur: Cursor, council_id: int) -> tuple[int, dict[str, Any]] | None:
    """The council's most recent draw with a public ceremony, and its bundle."""
    rows = cur.execute(
        "SELECT id, bundle_json FROM draw WHERE council_id = ? AND chosen_index IS NOT NULL "
        "AND bundle_json IS NOT NULL AND purpose IN ('council', 'rotation') "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        [council_id],
    ).fetchall()
    return (int(rows[0][0]), dict(json.loads(rows[0][1]))) if rows else None


def member_features(
    cur: Cursor, draw_id: int, resident_ids: list[int], reference: date
) -> pd.DataFrame:
    """Groups of residents as the pool has them (id, household, age band, gender,
    education, tenure, part, origin): from the draw's register snapshot when they are in
    it, else from the stored register. For council members who stay (rotation)."""
    return cur.execute(
        f"""
        SELECT id, household, {age_band_sql(reference)} AS age_band, gender, education,
               tenure, part, origin
        FROM (
            SELECT CAST(x.id AS VARCHAR) AS id,
                   CAST(coalesce(d.household_id, x.household_id) AS VARCHAR) AS household,
                   coalesce(d.birth_date, x.birth_date) AS birth_date,
                   coalesce(d.gender, x.gender) AS gender,
                   coalesce(d.education, x.education) AS education,
                   coalesce(d.tenure, x.tenure) AS tenure,
                   p.code AS part, coalesce(d.origin, x.origin) AS origin
            FROM resident_now x
            LEFT JOIN draw_register d ON d.resident_id = x.id AND d.draw_id = ?
            JOIN neighbourhood_part p ON p.id = coalesce(d.part_id, x.part_id)
            WHERE x.id = ANY(?)
        ) members
        ORDER BY CAST(id AS BIGINT)
        """,
        [draw_id, resident_ids],
    ).df()


def council_service(cur: Cursor, council_id: int) -> list[tuple[int, date]]:
    """Every drawn seat of the council: who, and the day it ends (its term's end when the
    seat itself has no end)."""
    rows = cur.execute(
        "SELECT s.resident_id, coalesce(s.ends_on, t.ends_on) FROM seat_now s "
        "JOIN term t ON t.id = s.term_id WHERE s.council_id = ? AND s.kind = 'drawn'",
        [council_id],
    ).fetchall()
    return [(int(r), e) for r, e in rows]


def people_after_draw(cur: Cursor, draw_id: int) -> pd.DataFrame:
    """Everyone the draw's letters after the ceremony can go to: its members and reserves
    (`member_id`, `status`, `reserve_rank`) and the volunteers (latest answer 'ja') who
    are neither (no member_id), with name and address in the mail-merge columns (personal
    data: organisers only). Contact data erased on request is never read: those rows have
    no name or address (`has_contact` false), as have rows whose data is gone."""
    return cur.execute(
        f"""
        WITH people AS (
            SELECT resident_id FROM panel_member WHERE draw_id = $draw
            UNION
            SELECT coalesce(x.resident_id, i.resident_id)  -- who signed up (see pool_frame)
            FROM ({_LATEST}) l JOIN invitation i ON i.id = l.invitation_id
            JOIN response x ON x.id = l.response_id
            WHERE l.outcome = 'ja'
        ), contact AS (
            SELECT * FROM resident_contact kept WHERE NOT EXISTS (
                SELECT 1 FROM contact_erasure e WHERE e.resident_id = kept.resident_id
            )
        )
        SELECT p.resident_id, m.id AS member_id, m.status, m.reserve_rank,
               c.first_name AS voornaam, c.last_name AS achternaam, c.street AS straat,
               c.house_number AS huisnummer, c.postcode, c.city AS woonplaats,
               n.name AS wijk, c.resident_id IS NOT NULL AS has_contact
        FROM people p
        LEFT JOIN panel_member m ON m.draw_id = $draw AND m.resident_id = p.resident_id
        LEFT JOIN draw_register r ON r.draw_id = $draw AND r.resident_id = p.resident_id
        LEFT JOIN resident_now x ON x.id = p.resident_id
        LEFT JOIN neighbourhood n ON n.id = coalesce(r.neighbourhood_id, x.neighbourhood_id)
        LEFT JOIN contact c ON c.resident_id = p.resident_id
        ORDER BY m.reserve_rank NULLS FIRST, c.postcode, c.street, c.house_number, p.resident_id
        """,
        {"draw": draw_id},
    ).df()
