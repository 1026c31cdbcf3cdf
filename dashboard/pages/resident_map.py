"""Residents: choose the neighbourhood on a map (the list on every page does the same); the
projects of a neighbourhood have a map of their own (`resident_project`)."""

import streamlit as st

from dashboard import services
from dashboard.components import charts
from dashboard.components.choose import REMEMBERED
from dashboard.components.headings import heading
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.web.app_state import store

st.title(t("Wijken op de kaart"))
st.write(
    t(
        "Tik of klik op de stip bij uw wijk. Dan ziet u hoeveel geld er is en wat ermee "
        "gebeurt. Liever een lijst? Onder de kaart staan alle wijken."
    )
)
OVERVIEW = "dashboard/pages/resident_overview.py"
hoods = services.neighbourhoods(store())
if not hoods:
    st.info(t("Er zijn nog geen wijken ingevoerd."))
    st.stop()
event = st.plotly_chart(
    charts.choice_map(hoods),
    on_select="rerun",
    selection_mode="points",
    key="wijkkaart",
    config={"displayModeBar": False},  # zoom and pan tools mean nothing here
    alt=t("Kaart van de wijken. Onder de kaart staan dezelfde wijken als lijst."),
)
code = charts.chosen_code(event)
if code in {h.code for h in hoods}:
    st.session_state[REMEMBERED] = code
    st.session_state.pop("wijk", None)  # the list on the next page starts at this choice
    st.query_params["wijk"] = code
    st.switch_page(OVERVIEW)
# The same choice without the map (a screen reader, a keyboard): every wijk as a link.
heading(t("Alle wijken, van noord naar zuid"))
for hood in sorted(hoods, key=lambda h: -h.centroid_lat):
    st.page_link(OVERVIEW, label=plain(hood.name), query_params={"wijk": hood.code})
st.page_link(
    "dashboard/pages/resident_project.py", label=t("De projecten van een wijk op de kaart")
)
