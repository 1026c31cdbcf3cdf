"""Choosing a place on a map of the neighbourhood, for a proposal or a resident's idea:
a click on one of the dots fills in the place field below it (typing the place works
too). Offline: the buurten's own outlines on a blank map, no tiles."""

from __future__ import annotations

import json
import math
from html import escape

import plotly.graph_objects as go
import streamlit as st
from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

from dashboard.domain import geo
from dashboard.domain.models import Neighbourhood, NeighbourhoodPart
from dashboard.i18n import t

configure_streamlit_plotly_theme()
_APPLIED = "_plek_van_kaart"  # the last point a click put in the field


def place_map(
    hood: Neighbourhood, parts: list[NeighbourhoodPart], chosen: tuple[float, float] | None
) -> go.Figure:
    """The neighbourhood's buurten with their names, a grid of dots to click, and the
    chosen place (marked with words too, not only a colour)."""
    outlines = parts or [NeighbourhoodPart(0, hood.id, hood.code, hood.name, hood.polygon_geojson)]
    figure = go.Figure(
        go.Choroplethmap(
            geojson={
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "id": p.code, "geometry": json.loads(p.polygon_geojson)}
                    for p in outlines
                ],
            },
            locations=[p.code for p in outlines],
            z=[1] * len(outlines),
            colorscale=[[0, "#eef3f8"], [1, "#eef3f8"]],
            showscale=False,
            marker_line_color="#333",
            marker_line_width=1.5,
            hoverinfo="skip",
        )
    )
    dots = geo.grid_inside(hood.polygon_geojson)
    figure.add_trace(
        go.Scattermap(
            lat=[lat for lat, _ in dots],
            lon=[lon for _, lon in dots],
            mode="markers",
            marker={"size": 9, "color": "#1c4e80", "opacity": 0.25},
            hovertemplate=t("Kies deze plek") + ": %{lat:.5f}, %{lon:.5f}<extra></extra>",
            name="",
        )
    )
    centres = [_centre(p.polygon_geojson) for p in outlines]
    figure.add_trace(
        go.Scattermap(
            lat=[lat for lat, _ in centres],
            lon=[lon for _, lon in centres],
            mode="text",
            text=[escape(p.name) for p in outlines],
            textfont={"size": 13, "color": "#111"},
            hoverinfo="skip",
            name="",
        )
    )
    if chosen is not None:
        figure.add_trace(
            go.Scattermap(
                lat=[chosen[0]],
                lon=[chosen[1]],
                mode="markers+text",
                marker={"size": 16, "color": "#b3261e"},
                text=[t("gekozen plek")],
                textposition="bottom center",
                hoverinfo="skip",
                name="",
            )
        )
    south, west, north, east = geo.bounds(hood.polygon_geojson)
    span = max(north - south, (east - west) * 0.6, 0.002)
    figure.update_layout(
        map_style="white-bg",
        map_center={"lat": (south + north) / 2, "lon": (west + east) / 2},
        map_zoom=max(1.0, min(17.0, math.log2(360 / span) - 1.4)),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=420,
        showlegend=False,
        clickmode="event+select",
    )
    return figure


def _centre(geometry: str) -> tuple[float, float]:
    south, west, north, east = geo.bounds(geometry)
    return (south + north) / 2, (west + east) / 2


def clicked_point(event: object) -> tuple[float, float] | None:
    """The dot clicked on `place_map`, if any."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points if isinstance(points, list) else []:
        if isinstance(point, dict) and point.get("curve_number", point.get("curveNumber")) == 1:
            lat, lon = point.get("lat"), point.get("lon")
            if isinstance(lat, int | float) and isinstance(lon, int | float):
                return float(lat), float(lon)
    return None


def parse_typed(text: str) -> tuple[float, float] | None:
    """The place as typed in the field, when it reads as 'lat, lon' (else no marker)."""
    try:
        lat, lon = (float(v) for v in text.replace(";", ",").split(","))
    except (ValueError, AttributeError):
        return None
    return lat, lon


def pick_place(
    hood: Neighbourhood, parts: list[NeighbourhoodPart], field_key: str, map_key: str
) -> None:
    """The map; a click puts its point into the text field `field_key` (rendered after
    this, in the form). Only a new click does: what the user typed since stays."""
    chosen = parse_typed(str(st.session_state.get(field_key, "")))
    event = st.plotly_chart(
        place_map(hood, parts, chosen),
        on_select="rerun",
        selection_mode="points",
        key=map_key,
        config={"scrollZoom": False},
    )
    point = clicked_point(event)
    if point is not None and st.session_state.get(_APPLIED) != (map_key, point):
        st.session_state[_APPLIED] = (map_key, point)
        st.session_state[field_key] = f"{point[0]:.5f}, {point[1]:.5f}"
        st.rerun()  # draw the map again with the chosen place on it
