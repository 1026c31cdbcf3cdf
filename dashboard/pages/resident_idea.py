"""Residents: propose an idea for the neighbourhood, without logging in. It reaches the
organisers, who publish it on "Ideeën uit de buurt" (or say why not); the resident keeps
its reference. Name, phone and e-mail are for the organisers only."""

import streamlit as st

from dashboard.components import idea_form
from dashboard.components.choose import neighbourhood_or_stop
from dashboard.components.forms import show_flash
from dashboard.i18n import t
from dashboard.web.app_state import store

st.title(t("Idee indienen"))
st.write(
    t(
        "Heeft u een idee voor uw wijk? Een bankje, een buurtfeest, meer groen? De wijkraad "
        "beslist over het geld van de wijk. Stuur uw idee hier in; een organisator bekijkt "
        "het en zet het daarna op de lijst Ideeën uit de buurt."
    )
)
db = store()
hood = neighbourhood_or_stop(db)
show_flash()  # next to the reference, in sight on a phone
idea_form.render(db, hood)
