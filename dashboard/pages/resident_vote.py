"""Residents: vote on the ideas for the neighbourhood's budget with the code of the letter
(the letter's link and QR code fill it in). One vote per code; the vote is secret."""

import streamlit as st

from dashboard.components import ballot_form
from dashboard.i18n import t
from dashboard.services.vote import results
from dashboard.web.app_state import store

st.title(t("Stemmen over het buurtbudget"))
st.write(
    t(
        "Heeft u een brief gekregen met een stemcode? Dan mag u meebeslissen welke ideeën "
        "uit de buurt geld krijgen. Vul de code uit de brief in, kies de ideeën en breng uw "
        "stem uit. Met elke code kunt u één keer stemmen. Uw stem is geheim."
    )
)
db = store()
ballot_form.render(db, results.running_votes(db))
