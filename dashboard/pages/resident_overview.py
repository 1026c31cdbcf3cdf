"""Residents: the money of one neighbourhood at a glance."""

import streamlit as st

from dashboard import services
from dashboard.app_state import store
from dashboard.components.format import SOURCE_NAMES
from dashboard.components.tables import markdown_table
from dashboard.money import euro

st.title("Het geld van uw wijk")
st.write(
    "Hier ziet u hoeveel geld er is voor uw wijk, waarover de wijkraad al heeft besloten "
    "en wat er al is uitgegeven."
)

db = store()
hoods = services.neighbourhoods(db)
years = services.budget_years(db)
if not hoods or not years:
    st.info("Er zijn nog geen wijken of budgetten ingevoerd.")
    st.stop()

by_code = {h.code: h for h in hoods}
requested = st.query_params.get("wijk")
codes = list(by_code)
start = codes.index(requested) if requested in by_code else 0
left, right = st.columns([3, 1])
code = left.selectbox(
    "Kies uw wijk", codes, index=start, format_func=lambda c: by_code[c].name, key="wijk"
)
year = right.selectbox("Jaar", years, index=years.index(services.default_year(years)), key="jaar")
st.query_params["wijk"] = code

view = services.neighbourhood_budget(db, by_code[code].id, year)
money = view.summary
st.subheader(f"{view.neighbourhood.name} in {year}")
st.markdown(
    f"Van de **{euro(money.budget)}** voor {year} is **{euro(money.allocated)}** besloten "
    f"en **{euro(money.spent)}** uitgegeven."
)
columns = st.columns(4)
columns[0].metric("Budget", euro(money.budget))
columns[1].metric("Besloten", euro(money.allocated))
columns[2].metric("Uitgegeven", euro(money.spent))
columns[3].metric("Nog te verdelen", euro(money.remaining))
st.caption(
    "Besloten: geld dat de wijkraad heeft toegekend in een gepubliceerd besluit. "
    "Uitgegeven: betalingen voor die besluiten. Nog te verdelen: budget min besloten."
)

st.subheader("Waar komt het geld vandaan?")
st.markdown(
    markdown_table(
        ["Bron", "Omschrijving", "Bedrag"],
        [
            [SOURCE_NAMES.get(e.source, e.source), e.description, euro(e.amount)]
            for e in view.envelopes
        ],
        align_right={2},
    )
)
