"""Points in the outlines of neighbourhoods and buurten (GeoJSON, longitude first)."""

from __future__ import annotations

import json

import pytest

from dashboard.domain import geo

SQUARE = {"type": "Polygon", "coordinates": [[[6.0, 53.0], [6.1, 53.0], [6.1, 53.1], [6.0, 53.1]]]}
WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[6.0, 53.0], [6.1, 53.0], [6.1, 53.1], [6.0, 53.1], [6.0, 53.0]],
        [[6.04, 53.04], [6.06, 53.04], [6.06, 53.06], [6.04, 53.06], [6.04, 53.04]],
    ],
}


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [(53.05, 6.05, True), (53.05, 6.2, False), (53.2, 6.05, False), (52.99, 5.99, False)],
)
def test_a_point_inside_or_outside_a_polygon(lat: float, lon: float, inside: bool) -> None:
    assert geo.contains(SQUARE, lat, lon) is inside
    assert geo.contains(json.dumps(SQUARE), lat, lon) is inside  # as stored: text


def test_a_hole_is_outside_and_a_multipolygon_counts_each_part() -> None:
    assert not geo.contains(WITH_HOLE, 53.05, 6.05)
    assert geo.contains(WITH_HOLE, 53.02, 6.02)
    far = [[[7.0, 52.0], [7.1, 52.0], [7.1, 52.1], [7.0, 52.1]]]
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], far]}
    assert geo.contains(multi, 52.05, 7.05) and geo.contains(multi, 53.05, 6.05)
    assert not geo.contains({"type": "Point", "coordinates": [6.05, 53.05]}, 53.05, 6.05)


def test_the_grid_to_click_lies_inside_and_covers_the_outline() -> None:
    points = geo.grid_inside(WITH_HOLE, steps=10)
    assert points and all(geo.contains(WITH_HOLE, lat, lon) for lat, lon in points)
    assert len(points) == 100 - 4  # the hole's four cells are left out
    assert geo.bounds(SQUARE) == (53.0, 6.0, 53.1, 6.1)
