"""Residents: the neighbourhood's votes: a running one with its days, and after closing the
result by both ways of counting, why each idea won or lost, who voted (as groups) and the
files to count it again."""

import streamlit as st

from dashboard.components import vote_results_view
from dashboard.components.choose import neighbourhood_or_stop
from dashboard.i18n import t
from dashboard.services.vote import results
from dashboard.web.app_state import store

st.title(t("Uitslag van de buurtstemming"))
st.write(
    t(
        "Bewoners stemden over ideeën voor hun wijk. Hier ziet u welke ideeën geld krijgen en "
        "waarom, en wie er stemden, als groepen en zonder namen."
    )
)
db = store()
hood = neighbourhood_or_stop(db)
vote_results_view.render(db, results.neighbourhood_votes(db, hood.id))
