"""Residents: sign up for the council's draw with the code of the letter (the letter's link
and QR code fill it in), and until the selection is prepared see, change or withdraw the
sign-up. Shows household members only by initial and birth year; the phone number and
e-mail address typed here go to the organisers only."""

import streamlit as st

from dashboard.components import signup_form
from dashboard.i18n import t
from dashboard.web.app_state import store

st.title(t("Aanmelden voor de wijkraad"))
st.write(
    t(
        "Heeft u een brief gekregen omdat uw adres is geloot voor de wijkraad? Meld u hier "
        "aan met de code uit de brief. Daarna kunt u met dezelfde code uw aanmelding bekijken, "
        "wijzigen of intrekken, tot de loting wordt voorbereid."
    )
)
signup_form.render(store())
