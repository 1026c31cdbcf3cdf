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
NASH = "#8e3b8e"


def chances_chart(chances: pd.DataFrame, fair: str = "leximin") -> go.Figure:
    """Every volunteer's chance to be drawn, lowest first: the draw's fair method (column
    "leximin") next to the old greedy algorithm. The higher the lowest chance, the fairer to
    those least likely to be drawn."""
    return _chance_lines(
        chances,
        [
            ("leximin", t("Wijkraad ({methode})", methode=fair), EXPECTED, "solid"),
            ("legacy", t("Oude methode (greedy)"), VOLUNTEERS, "dash"),
        ],
    )


def objectives_chart(chances: pd.DataFrame, names: dict[str, str], share: float) -> go.Figure:
    """Every volunteer's chance under each objective, lowest first, with the equal share
    k/n as a dotted line (`names`: column -> name in the legend)."""
    styles = {
        "leximin": (EXPECTED, "solid"),
        "goldilocks": (COUNCIL, "dot"),
        "nash": (NASH, "dashdot"),
        "legacy": (VOLUNTEERS, "dash"),
    }
    series = [(c, names[c], *styles[c]) for c in styles if c in chances and c in names]
    figure = _chance_lines(chances, series)
    figure.add_hline(
        y=100 * share, line_dash="dot", line_color=NEIGHBOURHOOD,
        annotation_text=t("gelijke kans k/n"), annotation_position="top left",
    )  # fmt: skip
    return figure


def _chance_lines(chances: pd.DataFrame, series: list[tuple[str, str, str, str]]) -> go.Figure:
    figure = go.Figure()
    symbols = {"solid": "circle", "dash": "x", "dot": "diamond", "dashdot": "square"}
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
                marker={"size": 5, "symbol": symbols[dash]},
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
