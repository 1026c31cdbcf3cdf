"""Residents: the money of one neighbourhood at a glance."""

import streamlit as st

from dashboard import services
from dashboard.components.choose import choose_neighbourhood
from dashboard.components.format import SOURCE_NAMES
from dashboard.components.headings import heading
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.money import euro
from dashboard.i18n import language, t
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Het geld van uw wijk"))
st.write(
    t(
        "Hier ziet u hoeveel geld er is voor uw wijk, waarover de wijkraad al heeft besloten "
        "en wat er al is uitgegeven."
    )
)

db = store()
hoods = services.neighbourhoods(db)
years = services.budget_years(db)
if not hoods or not years:
    st.info(t("Er zijn nog geen wijken of budgetten ingevoerd."))
    st.stop()

left, right = st.columns([3, 1])
hood = choose_neighbourhood(hoods, left)
if left.button(t("Kies uw wijk op de kaart"), key="naar_kaart"):
    st.switch_page("dashboard/pages/resident_map.py")
year = right.selectbox(
    t("Jaar"), years, index=years.index(services.default_year(years)), key="jaar"
)

view = services.neighbourhood_budget(db, hood.id, year, clock.today())
money = view.summary
heading(t("{wijk} in {jaar}", wijk=plain(view.neighbourhood.name), jaar=year))
st.markdown(
    t(
        "Van de **{budget}** voor {jaar} is **{besloten}** besloten en **{uitgegeven}** "
        "uitgegeven.",
        budget=euro(money.budget, language()),
        jaar=year,
        besloten=euro(money.allocated, language()),
        uitgegeven=euro(money.spent, language()),
    )
)
columns = st.columns(4)
columns[0].metric(t("Budget"), euro(money.budget, language()))
columns[1].metric(t("Besloten"), euro(money.allocated, language()))
columns[2].metric(t("Uitgegeven"), euro(money.spent, language()))
ended = view.year_end
columns[3].metric(
    t("Niet verdeeld") if ended.over else t("Nog te verdelen"), euro(money.remaining, language())
)
st.caption(
    t(
        "Besloten: geld dat de wijkraad heeft toegekend in een openbaar besluit. Uitgegeven: "
        "wat er voor die besluiten is betaald. Nog te verdelen: het budget min het geld "
        "waarover al is besloten."
    )
)
if ended.unclosed:
    st.info(
        t(
            "{jaar} is voorbij, maar het jaar is nog niet afgesloten: {bedrag} is niet "
            "verdeeld. Bij het afsluiten gaat dit geld naar {volgend} of terug naar wie het "
            "gaf, zoals voor elk budget is afgesproken.",
            jaar=year,
            bedrag=euro(ended.left, language()),
            volgend=year + 1,
        )
    )
elif ended.carried or ended.returned:
    st.info(
        t(
            "Het jaar is afgesloten: {mee} gaat mee naar {volgend}, {terug} ging terug naar "
            "wie het gaf.",
            mee=euro(ended.carried, language()),
            volgend=year + 1,
            terug=euro(ended.returned, language()),
        )
    )

heading(t("Waar komt het geld vandaan?"))
st.markdown(
    markdown_table(
        [t("Bron"), t("Omschrijving"), t("Bedrag")],
        [
            [t(SOURCE_NAMES.get(e.source, e.source)), e.description, euro(e.amount, language())]
            for e in view.envelopes
        ],
        align_right={2},
    )
)
