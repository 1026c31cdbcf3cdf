"""Municipality, districts, neighbourhoods and their parts."""

from __future__ import annotations

from dashboard.domain.models import District, Municipality, Neighbourhood, NeighbourhoodPart
from dashboard.store.rows import Cursor, select, select_one


def municipality(cur: Cursor) -> Municipality | None:
    found = select(cur, Municipality, "municipality", order_by="id")
    return found[0] if found else None


def districts(cur: Cursor) -> list[District]:
    return select(cur, District, "district", order_by="name")


def neighbourhoods(cur: Cursor) -> list[Neighbourhood]:
    return select(cur, Neighbourhood, "neighbourhood", order_by="name")


def neighbourhood(cur: Cursor, neighbourhood_id: int) -> Neighbourhood | None:
    return select_one(cur, Neighbourhood, "neighbourhood", "id = ?", [neighbourhood_id])


def neighbourhood_parts(cur: Cursor, neighbourhood_id: int) -> list[NeighbourhoodPart]:
    return select(
        cur,
        NeighbourhoodPart,
        "neighbourhood_part",
        "neighbourhood_id = ?",
        [neighbourhood_id],
        order_by="code",
    )


def all_neighbourhood_parts(cur: Cursor) -> list[NeighbourhoodPart]:
    """The parts of every neighbourhood, in one query."""
    return select(cur, NeighbourhoodPart, "neighbourhood_part", order_by="neighbourhood_id, code")
