"""Reads that only tests need: finding demo records to work on, and independent counts to
hold a page or a service against. The app has no use for them, so they live here."""

from __future__ import annotations

from datetime import date

from dashboard.store.rows import Cursor, first_row


def current_council_draws(cur: Cursor, day: date) -> list[int]:
    """Completed council draws with a public ceremony whose term runs on `day`."""
    rows = cur.execute(
        "SELECT d.id FROM draw d JOIN term t "
        "ON t.id = CAST(CAST(d.parameters_json AS JSON) ->> 'term_id' AS BIGINT) "
        "WHERE d.purpose = 'council' AND d.status = 'completed' "
        "AND d.chosen_index IS NOT NULL AND t.starts_on <= ? AND t.ends_on > ? ORDER BY d.id",
        [day, day],
    ).fetchall()
    return [int(r[0]) for r in rows]


def proposal_theme_ids(cur: Cursor, proposal_id: int) -> list[int]:
    rows = cur.execute(
        "SELECT theme_id FROM proposal_theme WHERE proposal_id = ? ORDER BY 1", [proposal_id]
    ).fetchall()
    return [int(r[0]) for r in rows]


def seats_on(cur: Cursor, council_id: int, day: date) -> int:
    """Seats filled on a day (drawn and appointed), counted apart from the public reads."""
    row = first_row(
        cur,
        "SELECT count(*) FROM seat_now WHERE council_id = ? AND starts_on <= ? "
        "AND (ends_on IS NULL OR ends_on > ?) AND term_id IN "
        "(SELECT id FROM term WHERE council_id = ? AND starts_on <= ? AND ends_on > ?)",
        [council_id, day, day, council_id, day, day],
    )
    return int(row[0]) if row else 0
