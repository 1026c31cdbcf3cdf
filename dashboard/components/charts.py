"""Charts as pure functions returning plotly figures. Maps draw offline: our own GeoJSON
polygons on MapLibre's blank style (`white-bg`), no tile server, no CDN."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from html import escape

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

from dashboard.domain.models import Neighbourhood
from dashboard.services.monitor import NeighbourhoodLine, ProjectPoint

# `python -m dashboard.web.serve` starts Streamlit without plotly; charts register its theme.
configure_streamlit_plotly_theme()


def execution_map(lines: Sequence[NeighbourhoodLine], points: Sequence[ProjectPoint]) -> go.Figure:
    """Neighbourhoods coloured by the share of allocated money spent; projects as points."""
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": line.neighbourhood.code,
                "properties": {"name": line.neighbourhood.name},
                "geometry": json.loads(line.neighbourhood.polygon_geojson),
            }
            for line in lines
        ],
    }
    rates = [
        None if line.execution_rate is None else round(100 * line.execution_rate) for line in lines
    ]
    lats = [line.neighbourhood.centroid_lat for line in lines]
    lons = [line.neighbourhood.centroid_lon for line in lines]
    figure = px.choropleth_map(
        {
            "code": [line.neighbourhood.code for line in lines],
            "wijk": [escape(line.neighbourhood.name) for line in lines],
            "besteed": rates,
        },
        geojson=geojson,
        locations="code",
        color="besteed",
        hover_name="wijk",
        color_continuous_scale="Blues",
        range_color=(0, 100),
        map_style="white-bg",
        center={"lat": sum(lats) / len(lats), "lon": sum(lons) / len(lons)} if lines else None,
        zoom=_zoom(lats, lons),
        opacity=0.8,
        labels={"besteed": "Besteed (%)", "code": "Code"},
    )
    figure.update_traces(marker_line_color="#444", marker_line_width=1)
    if points:
        figure.add_trace(
            go.Scattermap(
                lat=[p.lat for p in points],
                lon=[p.lon for p in points],
                mode="markers",
                marker={"size": 7, "color": "#d9480f"},
                text=[escape(f"{p.external_ref} {p.title} ({p.status})") for p in points],
                hoverinfo="text",
                name="Projecten",
            )
        )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=520,
        legend={"yanchor": "top", "y": 0.99, "xanchor": "left", "x": 0.01},
    )
    return figure


def _zoom(lats: Sequence[float], lons: Sequence[float]) -> float:
    """A zoom level that shows every neighbourhood."""
    if not lats:
        return 10
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * 0.6, 0.005)
    return max(1.0, min(15.0, math.log2(360 / span) - 1.2))


def choice_map(hoods: Sequence[Neighbourhood]) -> go.Figure:
    """The neighbourhoods as outlines with their names; a click on a name chooses it.
    One colour for all: colour carries no meaning here."""
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": h.code, "geometry": json.loads(h.polygon_geojson)}
            for h in hoods
        ],
    }
    lats = [h.centroid_lat for h in hoods]
    lons = [h.centroid_lon for h in hoods]
    figure = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            locations=[h.code for h in hoods],
            z=[1] * len(hoods),
            colorscale=[[0, "#e7eef6"], [1, "#e7eef6"]],
            showscale=False,
            marker_line_color="#333",
            marker_line_width=1.5,
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scattermap(
            lat=lats,
            lon=lons,
            mode="markers+text",
            marker={"size": 14, "color": "#1c4e80"},
            text=[escape(h.name) for h in hoods],
            textposition="top center",
            textfont={"size": 13, "color": "#111"},
            customdata=[h.code for h in hoods],
            hovertemplate="%{text}<extra></extra>",
            name="",
        )
    )
    figure.update_layout(
        map_style="white-bg",
        map_center={"lat": sum(lats) / len(lats), "lon": sum(lons) / len(lons)} if hoods else None,
        map_zoom=_zoom(lats, lons),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=520,
        showlegend=False,
        clickmode="event+select",
    )
    return figure


def chosen_code(event: object) -> str | None:
    """The neighbourhood code of the point clicked on `choice_map`, if any."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points if isinstance(points, list) else []:
        code = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(code, list):
            code = code[0] if code else None
        if isinstance(code, str) and code:
            return code
    return None


def theme_years_chart(frame: pd.DataFrame) -> go.Figure:
    """Allocated money per theme and year as grouped bars; the table next to it has the
    same figures, and each theme has its own pattern as well as its colour."""
    themes = [c for c in frame.columns if c != "Jaar"]
    long = frame.melt(id_vars="Jaar", value_vars=themes, var_name="Thema", value_name="Euro")
    figure = px.bar(
        long,
        x="Jaar",
        y="Euro",
        color="Thema",
        pattern_shape="Thema",
        barmode="group",
        labels={"Euro": "Toegekend (€)"},
    )
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0}, height=380)
    figure.update_xaxes(type="category")
    return figure
