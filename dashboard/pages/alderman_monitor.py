"""Aldermen: every neighbourhood in one table and on a map, what is stuck or overspent,
how representative each council is, themes, and the bookings behind each figure;
exports for the gemeenteraad. Staff only (the services check the caller)."""

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard import services
from dashboard.app_state import store
from dashboard.auth import PermissionDenied
from dashboard.components import charts, monitor_tables
from dashboard.components.clock import AMSTERDAM
from dashboard.components.exports import csv_bytes, xlsx_bytes
from dashboard.components.public_cache import StaffReader
from dashboard.money import euro
from dashboard.services import monitor
from dashboard.session import current_caller


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and XLSX of a table, side by side; each file is made only when it is clicked."""
    left, right = st.columns(2)
    left.download_button(
        "Als CSV",
        lambda: csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )
    right.download_button(
        "Als Excel (XLSX)", lambda: xlsx_bytes(frame, name), file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )  # fmt: skip


st.title("Monitor alle wijken")
db = store()
caller = current_caller()
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
read = StaffReader(db, caller)
try:
    view = read(monitor.monitor, year, int(weeks), today)
    councils = read(monitor.representation, today)
    themes = read(monitor.themes)
except PermissionDenied as refused:
    st.error(str(refused))
    st.stop()

allocated, spent = view.total("allocated"), view.total("spent")
money = st.columns(3)
money[0].metric("Budget", euro(view.total("budget")))
money[1].metric("Toegekend", euro(allocated))
money[2].metric("Uitgegeven", euro(spent))
counts = st.columns(3)
counts[0].metric("Besteed", f"{round(100 * spent / allocated)}%" if allocated > 0 else "–")
counts[1].metric("Vastgelopen voorstellen", len(view.stalled))
counts[2].metric("Overschrijdingen", len(view.overspends))
st.caption(
    f"Alle wijken samen in {year}. Toegekend telt ook besluiten die nog niet openbaar zijn "
    f"({euro(view.total('draft_allocated'))}); bewoners zien die pas na publicatie."
)

by_code = {line.neighbourhood.code: line for line in view.lines}


def bookings(line: monitor.NeighbourhoodLine, key: str) -> None:
    """The allocations and payments behind one neighbourhood's figures of the year."""
    code = line.neighbourhood.code
    found = read(monitor.detail, line.neighbourhood.id, year)
    st.markdown(
        f"**{line.neighbourhood.name}: toegekend in {year}: {euro(line.allocated)}** — de "
        "toekenningen van de besluiten (correcties als tegenboeking):"
    )
    allocations = monitor_tables.allocations_frame(found)
    st.dataframe(allocations, hide_index=True)
    downloads(allocations, f"toekenningen-{code}-{year}", f"toekenningen_{key}")
    st.markdown(f"**Uitgegeven in {year}: {euro(line.spent)}** — de betalingen:")
    payments = monitor_tables.payments_frame(found)
    st.dataframe(payments, hide_index=True)
    downloads(payments, f"betalingen-{code}-{year}", f"betalingen_{key}")


tabs = st.tabs(
    ["Wijken", "Kaart", "Vastgelopen en overschrijdingen", "Representativiteit", "Thema's",
     "Boekingen per wijk"]
)  # fmt: skip
with tabs[0]:
    table = monitor_tables.neighbourhood_frame(view)
    chosen = st.dataframe(
        table,
        hide_index=True,
        column_config=monitor_tables.NEIGHBOURHOOD_COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
        key="wijken_tabel",
    )
    st.caption(
        "Besteed: uitgegeven als deel van toegekend. Doorlooptijden: de mediaan in dagen "
        f"van de voorstellen waarover in {year} is besloten (voorstel → besluit → eerste "
        "betaling → klaar). Kies een rij (vakje links) om de boekingen achter de bedragen "
        "te zien; ook onder *Boekingen per wijk*."
    )
    downloads(table, f"wijken-{year}", "wijken")
    rows = chosen.selection.rows if chosen else []
    if rows:
        bookings(by_code[str(table.iloc[rows[0]]["Code"])], "rij")
with tabs[1]:
    st.plotly_chart(charts.execution_map(view.lines, view.points), key="kaart")
    st.caption(
        "Kleur: het deel van het toegekende geld dat is uitgegeven (donkerder is meer; de "
        "tabel *Wijken* geeft dezelfde cijfers). Punten: projecten met een plek."
    )
with tabs[2]:
    st.subheader(f"{len(view.stalled)} voorstellen zonder voortgang in {weeks} weken")
    if view.stalled:
        stalled = monitor_tables.stalled_frame(view)
        st.dataframe(stalled, hide_index=True)
        downloads(stalled, f"vastgelopen-{today:%Y-%m-%d}", "vastgelopen")
    st.subheader(f"{len(view.overspends)} projecten met meer uitgegeven dan toegekend")
    if view.overspends:
        st.dataframe(monitor_tables.overspend_frame(view), hide_index=True)
with tabs[3]:
    council_table = monitor_tables.council_frame(councils)
    st.dataframe(council_table, hide_index=True)
    st.caption(
        "Index = 100 × (1 − gemiddelde afstand). Per kenmerk (leeftijd, geslacht, opleiding, "
        "woning, deel van de wijk) is de afstand ½ × de som over de groepen van |aandeel in "
        "de raad − aandeel in de wijk|: 0 is dezelfde verdeling, 1 geen enkele overlap. De "
        "raad: de gelote leden die nu zitten; de wijk: inwoners van 16 jaar en ouder bij "
        "leeftijd en opleiding, anders alle inwoners. Ja (%): deel van de uitgenodigden dat "
        "ja zei bij de laatste loting, per leeftijdsgroep op de dag van de loting."
    )
    downloads(council_table, "representativiteit", "raden")
    st.subheader("Wie zei ja bij de laatste loting?")
    st.caption(
        "Per groep: hoeveel mensen een uitnodiging kregen en hoeveel ja zeiden. Groepen die "
        "minder vaak ja zeggen, verdienen bij de volgende loting extra uitnodigingen of een "
        "huisbezoek."
    )
    responses = monitor_tables.response_frame(councils)
    st.dataframe(responses, hide_index=True)
    downloads(responses, "respons-per-groep", "respons")
with tabs[4]:
    by_year = monitor_tables.theme_years_frame(themes)
    if by_year.empty:
        st.info("Er is nog geen geld toegekend aan projecten met een thema.")
    else:
        st.plotly_chart(charts.theme_years_chart(by_year), key="themas")
        st.caption(
            "Toegekend geld per thema en jaar, alle wijken samen. Een project met meer "
            "thema's telt bij elk thema mee. Dezelfde cijfers als tabel:"
        )
        st.dataframe(by_year, hide_index=True)
        st.markdown("**Aantal initiatieven met geld, per thema en jaar**")
        st.dataframe(monitor_tables.theme_years_frame(themes, count=True), hide_index=True)
        st.subheader(f"Per wijk in {year}")
        per_hood = monitor_tables.theme_neighbourhoods_frame(themes, view, year)
        st.dataframe(per_hood, hide_index=True)
        downloads(per_hood, f"themas-{year}", "themas")
with tabs[5]:
    code = st.selectbox(
        "Wijk",
        list(by_code),
        format_func=lambda c: by_code[c].neighbourhood.name,
        key="detail_wijk",
    )
    bookings(by_code[code], "tab")
