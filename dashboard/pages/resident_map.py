"""Residents: choose the neighbourhood on a map (the list on every page does the same)."""

import streamlit as st

from dashboard import services
from dashboard.components import charts
from dashboard.components.choose import REMEMBERED
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.web.app_state import store

st.title(t("Wijken op de kaart"))
st.write(
    t(
        "Klik op de naam van uw wijk om te zien hoeveel geld er is en wat ermee gebeurt. "
        "Liever een lijst? Op elke pagina kunt u uw wijk ook kiezen uit een lijst."
    )
)
hoods = services.neighbourhoods(store())
if not hoods:
    st.info(t("Er zijn nog geen wijken ingevoerd."))
    st.stop()
event = st.plotly_chart(
    charts.choice_map(hoods), on_select="rerun", selection_mode="points", key="wijkkaart"
)
code = charts.chosen_code(event)
if code in {h.code for h in hoods}:
    st.session_state[REMEMBERED] = code
    st.session_state.pop("wijk", None)  # the list on the next page starts at this choice
    st.query_params["wijk"] = code
    st.switch_page("dashboard/pages/resident_overview.py")
st.markdown(
    t("Wijken op de kaart, van noord naar zuid:")
    + " "
    + ", ".join(plain(h.name) for h in sorted(hoods, key=lambda h: -h.centroid_lat))
    + "."
)
