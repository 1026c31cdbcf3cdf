"""Tab *Budgetten*: the neighbourhood's budgets and a form to add one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.format import SOURCE_NAMES
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain.ledger import SOURCES
from dashboard.domain.money import euro
from dashboard.services.budget.envelopes import add_envelope


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    hood_id = page.hood_id
    year = page.year
    view = page.view
    st.dataframe(
        pd.DataFrame(
            {
                "Bron": [
                    SOURCE_NAMES.get(e.envelope.source, e.envelope.source) for e in view.envelopes
                ],
                "Omschrijving": [e.envelope.description for e in view.envelopes],
                "Bedrag": [euro(e.envelope.amount) for e in view.envelopes],
                "Beschikbaar": [euro(e.available) for e in view.envelopes],
                "Jaareinde": [
                    "naar volgend jaar"
                    if e.envelope.year_end_rule == "carry_over"
                    else "terug naar bron"
                    for e in view.envelopes
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form(form_key("budget")):
        st.markdown("**Budget toevoegen**")
        c1, c2, c3 = st.columns(3)
        source = c1.selectbox("Bron", SOURCES, format_func=lambda s: SOURCE_NAMES[s])
        amount = c2.text_input("Bedrag (€)", placeholder="25.000")
        envelope_year = c3.number_input("Jaar", 2000, 2100, year)
        description = st.text_input("Omschrijving", placeholder="Wijkbudget gemeente")
        rule = st.radio(
            "Wat gebeurt er aan het eind van het jaar met geld dat niet is toegekend?",
            ["carry_over", "return"],
            format_func=lambda r: (
                "Gaat naar volgend jaar" if r == "carry_over" else "Gaat terug naar de bron"
            ),
            horizontal=True,
        )
        if st.form_submit_button("Budget toevoegen") and first_submission("budget"):
            attempt(
                lambda: add_envelope(
                    db, caller, hood_id, int(envelope_year), source, amount, description, rule
                ),
                "Het budget is toegevoegd.",
            )
