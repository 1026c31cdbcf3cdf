"""The draws anyone may check on the residents' page "Controleer een loting": completed
council, replacement and rotation draws with a public ceremony and a bundle. Councils,
neighbourhoods and dates only; the bundle itself is read with `store.public.draw_bundle`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.store.dialect import local_day
from dashboard.store.rows import Cursor


@dataclass(frozen=True)
class CheckableDraw:
    draw_id: int
    purpose: str  # council, replacement, rotation
    council_name: str
    neighbourhoods: tuple[tuple[str, str], ...]  # (code, name)
    completed_on: date | None
    parent_draw_id: int | None  # a replacement's council draw, whose bundle it needs


def checkable_draws(cur: Cursor, day: date) -> list[CheckableDraw]:
    """Completed on or before `day`, newest first."""
    rows = cur.execute(
        f"""
        SELECT d.id, d.purpose, c.name,
               (SELECT array_agg(ARRAY[n.code, n.name] ORDER BY n.name)
                FROM council_neighbourhood cn JOIN neighbourhood n ON n.id = cn.neighbourhood_id
                WHERE cn.council_id = d.council_id),
               {local_day("d.completed_at")}, d.parent_draw_id
        FROM draw d JOIN council c ON c.id = d.council_id
        WHERE d.status = 'completed' AND d.purpose IN ('council', 'replacement', 'rotation')
          AND d.bundle_json IS NOT NULL AND d.commitment IS NOT NULL
          AND d.seed_inputs_json IS NOT NULL AND {local_day("d.completed_at")} <= $day
        ORDER BY d.completed_at DESC, d.id DESC
        """,
        {"day": day},
    ).fetchall()
    return [
        CheckableDraw(
            draw_id=int(r[0]),
            purpose=str(r[1]),
            council_name=str(r[2]),
            neighbourhoods=tuple((str(code), str(name)) for code, name in r[3] or []),
            completed_on=r[4],
            parent_draw_id=None if r[5] is None else int(r[5]),
        )
        for r in rows
    ]


def revealed_bundle(cur: Cursor, draw_id: int) -> str | None:
    """The bundle of a draw whose ceremony is done (completed or still confirming its
    members): a replacement is checked against its council draw's."""
    rows = cur.execute(
        "SELECT bundle_json FROM draw WHERE id = ? AND seed_inputs_json IS NOT NULL "
        "AND status IN ('committed', 'completed')",
        [draw_id],
    ).fetchall()
    return None if not rows or rows[0][0] is None else str(rows[0][0])
