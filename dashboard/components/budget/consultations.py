"""Tab *Raadplegingen*: residents' polls and votes that inform decisions."""

from __future__ import annotations

import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, form_key
from dashboard.components.text import plain
from dashboard.services.budget.consultations import (
    CONSULTATION_KINDS,
    record_consultation,
)
from sortition import clock


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    hood_id = page.hood_id
    view = page.view
    for consultation in view.consultations:
        st.markdown(
            f"**{plain(consultation.question)}** ({consultation.kind}, "
            f"{consultation.opens_on:%d-%m-%Y} tot {consultation.closes_on:%d-%m-%Y}, "
            f"{consultation.participants} deelnemers)"
        )
        results = view.results.get(consultation.id, [])
        if results:
            st.caption("Uitslag: " + "; ".join(f"{plain(o.label)}: {o.votes}" for o in results))
    with st.form(form_key("raadpleging")):
        st.markdown("**Raadpleging vastleggen** (uitslag van een peiling of stemming)")
        question = st.text_input("Vraag")
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Soort", CONSULTATION_KINDS)
        opens = c2.date_input("Van", clock.today(), format="DD-MM-YYYY")
        closes = c3.date_input("Tot en met", clock.today(), format="DD-MM-YYYY")
        participants = st.number_input("Aantal deelnemers", 0, 1_000_000, 0)
        options_text = st.text_area("Keuzes met stemmen, één per regel: Speeltuin; 612")
        divided = st.text_input("Te verdelen bedrag (€, mag leeg)")
        if st.form_submit_button("Raadpleging vastleggen"):
            try:
                options = [
                    (label.strip(), int(votes))
                    for label, votes in (
                        line.rsplit(";", 1) for line in options_text.splitlines() if line.strip()
                    )
                ]
            except ValueError:
                st.error("Schrijf elke keuze als: naam; aantal stemmen (bijvoorbeeld Bankjes; 40).")
            else:
                attempt(
                    lambda: record_consultation(
                        db,
                        caller,
                        hood_id,
                        kind,
                        question,
                        opens,
                        closes,
                        int(participants),
                        options,
                        divided or None,
                    ),
                    "De raadpleging is vastgelegd.",
                )
