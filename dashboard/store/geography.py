"""Municipality, districts, neighbourhoods and their parts."""

from __future__ import annotations

from dashboard.domain.models import District, Municipality, Neighbourhood, NeighbourhoodPart
from dashboard.store.rows import Cursor, insert, select, select_one


def add_municipality(cur: Cursor, code: str, name: str) -> int:
    return insert(cur, "municipality", {"code": code, "name": name})


def add_district(cur: Cursor, municipality_id: int, code: str, name: str) -> int:
    return insert(cur, "district", {"municipality_id": municipality_id, "code": code, "name": name})


def add_neighbourhood(
    cur: Cursor,
    district_id: int,
    code: str,
    name: str,
    polygon_geojson: str,
    centroid_lat: float,
    centroid_lon: float,
) -> int:
    return insert(
        cur,
        "neighbourhood",
        {
            "district_id": district_id,
            "code": code,
            "name": name,
            "polygon_geojson": polygon_geojson,
            "centroid_lat": centroid_lat,
            "centroid_lon": centroid_lon,
        },
    )


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
