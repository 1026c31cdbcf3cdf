"""Charts of a draw, as pure functions returning plotly figures. Colour is never the only
signal: series differ in line style or bar pattern too, and carry their names."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

from dashboard.components.draw.common import group_name, percent
from dashboard.i18n import t

configure_streamlit_plotly_theme()
NEIGHBOURHOOD, VOLUNTEERS, EXPECTED, COUNCIL = "#9aa5b1", "#f0a202", "#1f5fa8", "#1b7f4c"


def chances_chart(chances: pd.DataFrame) -> go.Figure:
    """Every volunteer's chance to be drawn, lowest first: leximin next to the old greedy
    algorithm. The higher the lowest chance, the fairer to those least likely to be drawn."""
    figure = go.Figure()
    series = [
        ("leximin", t("Wijkraad (leximin)"), EXPECTED, "solid"),
        ("legacy", t("Oude methode (greedy)"), VOLUNTEERS, "dash"),
    ]
    for column, name, colour, dash in series:
        values = np.sort(chances[column].dropna().to_numpy())
        if not len(values):
            continue
        figure.add_trace(
            go.Scatter(
                x=np.arange(1, len(values) + 1),
                y=100 * values,
                mode="lines+markers",
                name=name,
                line={"color": colour, "dash": dash, "width": 3},
                marker={"size": 5, "symbol": "circle" if dash == "solid" else "x"},
            )
        )
    figure.update_layout(
        xaxis_title=t("Aanmeldingen, van kleinste naar grootste kans"),
        yaxis_title=t("Kans om in de raad te komen (%)"),
        height=360,
        margin={"t": 20, "b": 10},
        legend={"orientation": "h", "y": 1.08},
    )
    return figure


def groups_chart(rows: pd.DataFrame) -> go.Figure:
    """Per group of one feature: share of the neighbourhood, the volunteers, the council
    expected from the chances and (after the ceremony) the drawn council."""
    groups = [group_name(str(v)) for v in rows["value"]]
    series = [
        ("neighbourhood", t("Wijk"), NEIGHBOURHOOD, ""),
        ("volunteers", t("Aanmeldingen"), VOLUNTEERS, "."),
        ("expected", t("Raad, verwacht"), EXPECTED, "/"),
        ("council", t("Getrokken raad"), COUNCIL, "x"),
    ]
    bars = [
        go.Bar(
            name=name,
            x=groups,
            y=100 * rows[column].fillna(0),
            marker_color=colour,
            marker_pattern_shape=pattern,
            text=rows[column].map(percent),
        )
        for column, name, colour, pattern in series
        if column in rows and rows[column].notna().any()
    ]
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="group", yaxis_title=t("Aandeel (%)"), height=340, margin={"t": 20, "b": 10},
        legend={"orientation": "h", "y": 1.1},
    )  # fmt: skip
    return figure
