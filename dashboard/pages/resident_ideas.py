"""Residents: the ideas residents proposed for the neighbourhood, with where each stands:
published, merged or rejected (with the reason), or a proposal with the council's
progress on it. Ideas not yet looked at, and every name, phone number and e-mail address,
stay out."""

import streamlit as st

from dashboard.components import ideas_view
from dashboard.components.choose import neighbourhood_or_stop
from dashboard.components.idea_form import FORM_PAGE
from dashboard.components.public_cache import PublicReader
from dashboard.i18n import t
from dashboard.services import public
from dashboard.web.app_state import store

st.title(t("Ideeën uit de buurt"))
st.write(
    t(
        "Wat bewoners voor hun wijk bedachten, en hoe ver het is: van gepubliceerd tot het "
        "besluit van de wijkraad. Zonder namen: wie een idee instuurt, blijft hier onbekend."
    )
)
db = store()
hood = neighbourhood_or_stop(db)
st.page_link(FORM_PAGE, label=t("Zelf een idee indienen"))
ideas_view.idea_list(PublicReader(db)(public.ideas, hood.id))
