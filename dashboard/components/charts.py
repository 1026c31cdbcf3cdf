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

from dashboard.domain import geo
from dashboard.domain.models import Neighbourhood, NeighbourhoodPart
from dashboard.services.monitor import NeighbourhoodLine, ProjectPoint
from dashboard.services.public_projects import ProjectMapPoint

# `python -m dashboard.web.serve` starts Streamlit without plotly; charts register its theme.
configure_streamlit_plotly_theme()
# How a chart writes numbers (plotly's `separators`: the decimal mark, then the thousands
# separator): 1.234,5 on a Dutch page, 1,234.5 on an English one, as `money.euro` does.
SEPARATORS = {"nl": ",.", "en": ".,"}


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
    """The neighbourhoods as outlines with their names; a click on a dot chooses it. One
    colour for all: colour carries no meaning here.

    Drawn on plain axes (longitude across, latitude up, in the right proportion), not on
    MapLibre: the axes always fit every neighbourhood in the width there is, a phone's too,
    and the names show offline (MapLibre needs a font server for text on a map)."""
    figure = go.Figure()
    for hood in hoods:
        for ring in geo.outer_rings(hood.polygon_geojson):
            figure.add_trace(
                go.Scatter(
                    x=[point[0] for point in ring],
                    y=[point[1] for point in ring],
                    mode="lines",
                    fill="toself",
                    fillcolor="#e7eef6",
                    line={"color": "#333", "width": 1.5},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    lats = [h.centroid_lat for h in hoods]
    across = sorted(range(len(hoods)), key=lambda i: hoods[i].centroid_lon)
    # neighbours side by side name themselves above and below the dot, so the names of a
    # row do not run into each other on a phone
    above = {i for rank, i in enumerate(across) if rank % 2 == 0}
    figure.add_trace(
        go.Scatter(
            x=[h.centroid_lon for h in hoods],
            y=lats,
            mode="markers+text",
            marker={"size": 14, "color": "#1c4e80"},
            text=[escape(h.name) for h in hoods],
            textposition=[
                "top center" if i in above else "bottom center" for i in range(len(hoods))
            ],
            textfont={"size": 12, "color": "#111"},
            customdata=[h.code for h in hoods],
            hovertemplate="%{text}<extra></extra>",
            cliponaxis=False,
            showlegend=False,
            name="",
        )
    )
    middle = math.radians(sum(lats) / len(lats)) if lats else 0.0
    hidden = {"visible": False, "fixedrange": True}
    figure.update_layout(
        xaxis=hidden,
        # a degree of longitude is cos(latitude) of a degree of latitude
        yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1 / max(math.cos(middle), 0.1)},
        margin={"l": 8, "r": 8, "t": 24, "b": 24},
        height=380,
        plot_bgcolor="white",
        dragmode=False,
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
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 10, "b": 0}, height=380, separators=SEPARATORS["nl"]
    )
    figure.update_xaxes(type="category")
    return figure


def _ring_points(polygon_geojson: str) -> tuple[list[float], list[float]]:
    """Latitudes and longitudes of a GeoJSON polygon's (or multipolygon's) corners."""
    lats: list[float] = []
    lons: list[float] = []

    def walk(node: object) -> None:
        if (
            isinstance(node, list)
            and len(node) >= 2
            and all(isinstance(v, int | float) for v in node[:2])
        ):
            lons.append(float(node[0]))
            lats.append(float(node[1]))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(polygon_geojson).get("coordinates", []))
    return lats, lons


def projects_map(
    hood: Neighbourhood,
    parts: Sequence[NeighbourhoodPart],
    points: Sequence[ProjectMapPoint],
    chosen: str | None = None,
) -> go.Figure:
    """The neighbourhood's buurten as outlines and its projects as points; a click on a
    point chooses that project. The chosen project is larger and in another colour (size,
    not colour alone, tells it apart); its name is under the map, as text on a map would
    make MapLibre fetch a font from the internet."""
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": p.code, "geometry": json.loads(p.polygon_geojson)}
            for p in parts
        ],
    }
    figure = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            locations=[p.code for p in parts],
            z=[1] * len(parts),
            colorscale=[[0, "#eef3f8"], [1, "#eef3f8"]],
            showscale=False,
            marker_line_color="#555",
            marker_line_width=1,
            text=[escape(p.name) for p in parts],
            hovertemplate="%{text}<extra></extra>",
            name="",
        )
    )
    for is_chosen in (False, True):
        shown = [p for p in points if (p.external_ref == chosen) is is_chosen]
        if not shown:
            continue
        figure.add_trace(
            go.Scattermap(
                lat=[p.lat for p in shown],
                lon=[p.lon for p in shown],
                mode="markers",  # map text needs glyphs from a font server: none offline
                marker={"size": 18 if is_chosen else 11,
                        "color": "#d9480f" if is_chosen else "#1c4e80"},
                text=[escape(p.title) for p in shown],
                customdata=[p.external_ref for p in shown],
                hovertemplate="%{text}<extra></extra>",
                name="",
            )
        )  # fmt: skip
    lats, lons = _ring_points(hood.polygon_geojson)
    figure.update_layout(
        map_style="white-bg",
        map_center={"lat": hood.centroid_lat, "lon": hood.centroid_lon},
        map_zoom=_zoom(lats or [hood.centroid_lat], lons or [hood.centroid_lon]),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=420,
        showlegend=False,
        clickmode="event+select",
    )
    return figure


def amounts_chart(
    frame: pd.DataFrame, x: str, y: str, color: str, y_label: str, language: str = "nl"
) -> go.Figure:
    """Grouped bars of amounts (`y`) per `x`, one bar per `color`; each bar group has its
    own pattern as well as its colour, and the page shows the same figures as a table.
    Numbers are written the way of the page's `language`."""
    figure = px.bar(
        frame,
        x=x,
        y=y,
        color=color,
        pattern_shape=color,
        barmode="group",
        labels={y: y_label},
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 10, "b": 0}, height=380, separators=SEPARATORS[language]
    )
    figure.update_xaxes(type="category")
    return figure


def taakveld_chart(
    frame: pd.DataFrame, label: str, value: str, value_label: str, language: str = "nl"
) -> go.Figure:
    """Horizontal bars: an amount per taakveld, the largest at the top, its numbers
    written the way of the page's `language`."""
    ordered = frame.sort_values(value)
    figure = px.bar(ordered, x=value, y=label, orientation="h", labels={value: value_label,
                                                                        label: ""})  # fmt: skip
    figure.update_traces(marker_color="#1c4e80")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0},
                         height=max(220, 60 + 42 * len(ordered)),
                         separators=SEPARATORS[language])  # fmt: skip
    return figure
