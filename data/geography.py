"""A fictitious municipality: districts, neighbourhoods and their parts as polygons.

Neighbourhoods are cells of a jittered grid, so neighbours share their borders and the
map tiles without gaps. Each neighbourhood is split into 2 x 2 parts (buurten).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

ORIGIN_LAT, ORIGIN_LON = 53.190, 6.520  # somewhere in the north of the Netherlands
CELL_LAT, CELL_LON = 0.0110, 0.0185  # about 1.2 km by 1.2 km

NEIGHBOURHOOD_NAMES = [
    "Oosterhoek", "De Dreef", "Molenbuurt", "Zuiderpark", "Het Rieth", "Vinkhuizen-Zuid",
    "Beekveld", "De Linde", "Kanaalzone", "Schildersbuurt", "Korrewegwijk", "Lindenhof",
    "Noorderhaven", "De Wierden", "Westerkwartier", "Stadspark", "Helperzoom", "De Velden",
    "Klinkerpark", "Hoogkerk-Oost",
]  # fmt: skip
DISTRICT_NAMES = ["Noord", "Oost", "Zuid", "West", "Centrum", "Midden"]
PART_SUFFIXES = ["Noord", "Oost", "Zuid", "West"]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    ring: list[tuple[float, float]]  # (lon, lat), closed

    @property
    def geojson(self) -> str:
        return json.dumps(
            {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in self.ring]]}
        )

    @property
    def centroid(self) -> tuple[float, float]:
        """(lat, lon) of the ring's vertex mean: good enough for convex-ish cells."""
        points = np.array(self.ring[:-1])
        return float(points[:, 1].mean()), float(points[:, 0].mean())


@dataclass(frozen=True)
class Neighbourhood(Area):
    district_index: int
    parts: tuple[Area, ...]


def grid_shape(count: int) -> tuple[int, int]:
    """Columns and rows of the smallest near-square grid with at least `count` cells."""
    columns = int(np.ceil(np.sqrt(count * 4 / 3)))
    rows = int(np.ceil(count / columns))
    return columns, rows


def build(rng: np.random.Generator, neighbourhoods: int, districts: int) -> list[Neighbourhood]:
    if neighbourhoods < 1 or districts < 1 or districts > neighbourhoods:
        raise ValueError("need at least one neighbourhood per district")
    columns, rows = grid_shape(neighbourhoods)
    # Vertices of a grid twice as fine, so each cell has edge midpoints for its parts.
    fine_x, fine_y = 2 * columns + 1, 2 * rows + 1
    jitter = rng.uniform(-0.18, 0.18, size=(fine_y, fine_x, 2))
    jitter[[0, -1], :, 1] = 0  # keep the outer border straight
    jitter[:, [0, -1], 0] = 0
    ys, xs = np.mgrid[0:fine_y, 0:fine_x].astype(float)
    lon = ORIGIN_LON + (xs + jitter[..., 0]) * CELL_LON / 2
    lat = ORIGIN_LAT + (ys + jitter[..., 1]) * CELL_LAT / 2

    def point(fy: int, fx: int) -> tuple[float, float]:
        return float(lon[fy, fx]), float(lat[fy, fx])

    result = []
    for index in range(neighbourhoods):
        row, column = divmod(index, columns)
        y0, x0 = 2 * row, 2 * column
        outline = [(y0, x0), (y0, x0 + 1), (y0, x0 + 2), (y0 + 1, x0 + 2), (y0 + 2, x0 + 2),
                   (y0 + 2, x0 + 1), (y0 + 2, x0), (y0 + 1, x0), (y0, x0)]  # fmt: skip
        name = _name(index)
        code = f"WK{index + 1:03d}"
        parts = []
        for part_index, (dy, dx) in enumerate([(1, 0), (1, 1), (0, 1), (0, 0)]):
            cy, cx = y0 + dy, x0 + dx
            ring = [point(cy, cx), point(cy, cx + 1), point(cy + 1, cx + 1), point(cy + 1, cx)]
            parts.append(
                Area(
                    code=f"BU{index + 1:03d}{part_index + 1}",
                    name=f"{name} {PART_SUFFIXES[part_index]}",
                    ring=[*ring, ring[0]],
                )
            )
        result.append(
            Neighbourhood(
                code=code,
                name=name,
                ring=[point(y, x) for y, x in outline],
                district_index=min(index * districts // neighbourhoods, districts - 1),
                parts=tuple(parts),
            )
        )
    return result


def district_name(index: int) -> str:
    base = DISTRICT_NAMES[index % len(DISTRICT_NAMES)]
    return base if index < len(DISTRICT_NAMES) else f"{base} {index // len(DISTRICT_NAMES) + 1}"


def _name(index: int) -> str:
    base = NEIGHBOURHOOD_NAMES[index % len(NEIGHBOURHOOD_NAMES)]
    cycle = index // len(NEIGHBOURHOOD_NAMES)
    return base if cycle == 0 else f"{base} {cycle + 1}"
