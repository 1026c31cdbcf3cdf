"""Aldermen: every neighbourhood in one table and on a map, with what is stuck and what
is overspent; exports for the gemeenteraad. Staff only (the service checks the caller)."""

from datetime import datetime

import streamlit as st

from dashboard import services
from dashboard.app_state import store
from dashboard.auth import PermissionDenied
from dashboard.components import charts, monitor_tables
from dashboard.components.clock import AMSTERDAM
from dashboard.components.exports import csv_bytes, xlsx_bytes
from dashboard.money import euro
from dashboard.services import monitor
from dashboard.session import current_caller

st.title("Monitor alle wijken")
db = store()
years = services.budget_years(db)
if not years:
    st.info("Er zijn nog geen budgetten ingevoerd.")
    st.stop()
left, right = st.columns(2)
year = left.selectbox("Jaar", years, index=years.index(services.default_year(years)), key="jaar")
weeks = right.number_input(
    "Vastgelopen: zonder voortgang sinds (weken)",
    min_value=1,
    max_value=260,
    value=monitor.DEFAULT_STALLED_WEEKS,
    step=1,
    key="weken",
    help="Een open voorstel zonder statuswijziging, afgeronde mijlpaal of betaling in "
    "zoveel weken telt als vastgelopen.",
)
today = datetime.now(AMSTERDAM).date()
try:
    view = monitor.monitor(db, current_caller(), year, int(weeks), today)
    councils = monitor.representation(db, current_caller(), today)
except PermissionDenied as refused:
    st.error(str(refused))
    st.stop()

allocated, spent = view.total("allocated"), view.total("spent")
columns = st.columns(5)
columns[0].metric("Budget", euro(view.total("budget")))
columns[1].metric("Toegekend", euro(allocated))
columns[2].metric("Uitgegeven", euro(spent))
columns[3].metric("Vastgelopen voorstellen", len(view.stalled))
columns[4].metric("Overschrijdingen", len(view.overspends))
st.caption(
    f"Alle wijken samen in {year}. Toegekend telt ook besluiten die nog niet openbaar zijn "
    f"({euro(view.total('draft_allocated'))}); bewoners zien die pas na publicatie."
)

st.subheader("Alle wijken")
table = monitor_tables.neighbourhood_frame(view)
st.dataframe(table, hide_index=True, column_config=monitor_tables.NEIGHBOURHOOD_COLUMNS)
st.caption(
    "Besteed: uitgegeven als deel van toegekend. Doorlooptijden: de mediaan in dagen van "
    f"de voorstellen waarover in {year} is besloten (voorstel → besluit → eerste betaling "
    "→ klaar)."
)
download_csv, download_xlsx = st.columns(2)
download_csv.download_button(
    "Tabel als CSV",
    csv_bytes(table),
    file_name=f"wijken-{year}.csv",
    mime="text/csv",
    key="csv",
)
download_xlsx.download_button(
    "Tabel als Excel (XLSX)",
    xlsx_bytes(table, f"Wijken {year}"),
    file_name=f"wijken-{year}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="xlsx",
)

st.subheader("Op de kaart")
st.plotly_chart(charts.execution_map(view.lines, view.points), key="kaart")
st.caption(
    "Kleur: het deel van het toegekende geld dat is uitgegeven (donkerder is meer; de "
    "tabel hierboven geeft dezelfde cijfers). Punten: projecten met een plek."
)

st.subheader(f"Vastgelopen: {len(view.stalled)} voorstellen zonder voortgang in {weeks} weken")
if view.stalled:
    st.dataframe(monitor_tables.stalled_frame(view), hide_index=True)
st.subheader(f"Meer uitgegeven dan toegekend: {len(view.overspends)} projecten")
if view.overspends:
    st.dataframe(monitor_tables.overspend_frame(view), hide_index=True)

st.subheader("Hoe representatief is elke wijkraad?")
council_table = monitor_tables.council_frame(councils)
st.dataframe(council_table, hide_index=True)
st.caption(
    "Index = 100 × (1 − gemiddelde afstand). Per kenmerk (leeftijd, geslacht, opleiding, "
    "woning, deel van de wijk) is de afstand ½ × de som over de groepen van |aandeel in de "
    "raad − aandeel in de wijk|: 0 is dezelfde verdeling, 1 geen enkele overlap. De raad: "
    "de gelote leden die nu zitten; de wijk: inwoners van 16 jaar en ouder bij leeftijd en "
    "opleiding, anders alle inwoners. Ja (%): deel van de uitgenodigden dat ja zei bij de "
    "laatste loting, per leeftijdsgroep op de dag van de loting."
)
st.download_button(
    "Representativiteit als CSV",
    csv_bytes(council_table),
    file_name="representativiteit.csv",
    mime="text/csv",
    key="csv_raden",
)
