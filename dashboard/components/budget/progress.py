"""Tab *Voortgang*: milestones of decided projects, with what residents notice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain.money import euro
from dashboard.domain.statuses import DECIDED
from dashboard.services.budget.milestones import MILESTONE_STATUSES, add_milestone


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    view = page.view
    running = [p for p in view.projects if p.proposal.status in DECIDED]
    st.dataframe(
        pd.DataFrame(
            {
                "Project": [f"{p.proposal.external_ref} {p.proposal.title}" for p in running],
                "Status": [p.proposal.status for p in running],
                "Voortgang": [p.progress for p in running],
                "Toegekend": [euro(p.allocated) for p in running],
                "Uitgegeven": [euro(p.spent) for p in running],
                "Let op": ["overschreden" if p.overspent else "" for p in running],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Voortgang": st.column_config.ProgressColumn(
                "Voortgang", format="%d%%", min_value=0, max_value=100
            )
        },
    )
    with st.form(form_key("mijlpaal")):
        st.markdown("**Mijlpaal toevoegen**")
        target = page.choose_project([p.proposal.id for p in running])
        name = st.text_input("Mijlpaal", placeholder="Bankjes geplaatst")
        noticeable = st.text_input("Wat merken bewoners ervan?")
        c1, c2, c3 = st.columns(3)
        due = c1.date_input("Gepland op", None, format="DD-MM-YYYY")
        state = c2.selectbox("Status", MILESTONE_STATUSES)
        pct = c3.number_input("Voortgang van deze mijlpaal (%)", 0, 100, 0)
        photo = st.file_uploader("Foto (JPEG of PNG, mag leeg)", type=["jpg", "jpeg", "png"])
        if st.form_submit_button("Mijlpaal toevoegen"):
            if target is None:
                st.error("Kies eerst een project.")
            elif first_submission("mijlpaal"):
                attempt(
                    lambda: add_milestone(
                        db,
                        caller,
                        target,
                        name,
                        due,
                        noticeable,
                        state,
                        int(pct),
                        photo=photo.getvalue() if photo else None,
                    ),
                    "De mijlpaal is toegevoegd.",
                )
