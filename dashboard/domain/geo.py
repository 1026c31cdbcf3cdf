"""Points and the outlines of neighbourhoods and buurten (GeoJSON: longitude first)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

Ring = Sequence[Sequence[float]]  # [[lon, lat], ...], closed or not


def _polygons(geometry: str | dict[str, Any]) -> list[Any]:
    """The polygons (each a list of rings) of a GeoJSON Polygon or MultiPolygon."""
    shape = json.loads(geometry) if isinstance(geometry, str) else geometry
    if shape.get("type") == "Polygon":
        return [shape["coordinates"]]
    if shape.get("type") == "MultiPolygon":
        return list(shape["coordinates"])
    return []


def outer_rings(geometry: str | dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The outline (lon, lat points) of each polygon of a Polygon or MultiPolygon, for
    drawing; holes left out."""
    return [
        [(float(p[0]), float(p[1])) for p in polygon[0]]
        for polygon in _polygons(geometry)
        if polygon
    ]


def contains(geometry: str | dict[str, Any], lat: float, lon: float) -> bool:
    """Whether the point lies inside a GeoJSON Polygon or MultiPolygon (not in a hole).
    A point exactly on a border may count for either side."""
    return any(_in_polygon(polygon, lat, lon) for polygon in _polygons(geometry))


def _in_polygon(rings: Sequence[Ring], lat: float, lon: float) -> bool:
    if not rings or not _in_ring(rings[0], lat, lon):
        return False
    return not any(_in_ring(hole, lat, lon) for hole in rings[1:])


def _in_ring(ring: Ring, lat: float, lon: float) -> bool:
    """Ray casting: an odd number of edges crossed on the way east means inside."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % count][0], ring[(i + 1) % count][1]
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def bounds(geometry: str | dict[str, Any]) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a Polygon or MultiPolygon."""
    points = [p for polygon in _polygons(geometry) for ring in polygon for p in ring]
    if not points:
        raise ValueError("no outline")
    lons = [float(p[0]) for p in points]
    lats = [float(p[1]) for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def grid_inside(geometry: str | dict[str, Any], steps: int = 24) -> list[tuple[float, float]]:
    """Points (lat, lon) of an even grid over the outline that lie inside it: the places a
    click on the map can choose."""
    shape = json.loads(geometry) if isinstance(geometry, str) else geometry
    south, west, north, east = bounds(shape)
    points = []
    for row in range(steps):
        lat = south + (north - south) * (row + 0.5) / steps
        for column in range(steps):
            lon = west + (east - west) * (column + 0.5) / steps
            if contains(shape, lat, lon):
                points.append((round(lat, 6), round(lon, 6)))
    return points
