"""Announcements of public ceremonies (migration 0010): each version as published, and
what the public page lists of them. Councils, neighbourhoods, moments, places and
fingerprints only: never a member or a volunteer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.store.dialect import local_day
from dashboard.store.rows import Cursor, insert

_COLUMNS = "draw_id, version, held_at, location, input_method, commitment, published_at"


@dataclass(frozen=True)
class Announcement:
    """One version of a ceremony's announcement; moments in UTC (naive, as stored)."""

    draw_id: int
    version: int
    held_at: datetime
    location: str
    input_method: str
    commitment: str
    published_at: datetime


@dataclass(frozen=True)
class AnnouncedDraw:
    """The latest announcement of a draw with what became of the draw: for residents."""

    announcement: Announcement
    first_published_at: datetime
    earlier: tuple[Announcement, ...]  # the versions before, oldest first
    council_name: str
    neighbourhoods: tuple[tuple[str, str], ...]  # (code, name)
    purpose: str  # council, replacement, rotation, panel
    status: str
    draw_commitment: str | None  # the draw's fingerprint now (None: preparation undone)
    inputs: tuple[str, ...]  # the ceremony's inputs, once done
    chosen_index: int | None
    revealed_at: datetime | None  # when the inputs were entered (the audit log's moment)
    completed_on: date | None


def add(
    cur: Cursor,
    draw_id: int,
    version: int,
    held_at: datetime,
    location: str,
    input_method: str,
    commitment: str,
    published_at: datetime,
) -> int:
    return insert(
        cur,
        "ceremony_announcement",
        {
            "draw_id": draw_id,
            "version": version,
            "held_at": held_at,
            "location": location,
            "input_method": input_method,
            "commitment": commitment,
            "published_at": published_at,
        },
    )


def versions(cur: Cursor, draw_ids: list[int]) -> dict[int, list[Announcement]]:
    """Every version of the announcements of these draws, oldest first, by draw."""
    if not draw_ids:
        return {}
    rows = cur.execute(
        f"SELECT {_COLUMNS} FROM ceremony_announcement WHERE draw_id = ANY(?) "
        "ORDER BY draw_id, version",
        [draw_ids],
    ).fetchall()
    found: dict[int, list[Announcement]] = {}
    for row in rows:
        found.setdefault(int(row[0]), []).append(Announcement(*row))
    return found


def latest(cur: Cursor, draw_id: int) -> Announcement | None:
    found = versions(cur, [draw_id]).get(draw_id, [])
    return found[-1] if found else None


def announced_draws(cur: Cursor, draw_id: int | None = None) -> list[AnnouncedDraw]:
    """Every announced draw (or one), by its announced moment, earliest first."""
    rows = cur.execute(
        f"""
        SELECT d.id, d.purpose, d.status, d.commitment, d.seed_inputs_json, d.chosen_index,
               {local_day("d.completed_at")}, c.name,
               (SELECT array_agg(ARRAY[n.code, n.name] ORDER BY n.name)
                FROM council_neighbourhood cn JOIN neighbourhood n ON n.id = cn.neighbourhood_id
                WHERE cn.council_id = d.council_id),
               (SELECT min(e.occurred_at) FROM audit_event e
                WHERE e.action = 'draw.reveal' AND e.entity = 'draw'
                  AND e.entity_id = CAST(d.id AS VARCHAR))
        FROM draw d JOIN council c ON c.id = d.council_id
        WHERE d.id IN (SELECT draw_id FROM ceremony_announcement)
          AND ($draw IS NULL OR d.id = $draw)
        """,
        {"draw": draw_id},
    ).fetchall()
    every = versions(cur, [int(r[0]) for r in rows])
    found = []
    for row in rows:
        history = every[int(row[0])]
        found.append(
            AnnouncedDraw(
                announcement=history[-1],
                first_published_at=history[0].published_at,
                earlier=tuple(history[:-1]),
                council_name=str(row[7]),
                neighbourhoods=tuple((str(code), str(name)) for code, name in row[8] or []),
                purpose=str(row[1]),
                status=str(row[2]),
                draw_commitment=None if row[3] is None else str(row[3]),
                inputs=tuple(json.loads(row[4])) if row[4] else (),
                chosen_index=None if row[5] is None else int(row[5]),
                revealed_at=row[9],
                completed_on=row[6],
            )
        )
    return sorted(found, key=lambda a: (a.announcement.held_at, a.announcement.draw_id))
