"""Tab *Jaarafsluiting*: closing a year, with what happens to unallocated money."""

from __future__ import annotations

import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt
from dashboard.services.budget.year_end import close_year
from sortition import clock


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    hood_id = page.hood_id
    st.markdown(
        "Aan het eind van een jaar gaat geld dat niet is toegekend naar het volgende jaar of "
        "terug naar de bron, zoals bij elk budget is ingesteld. Toegekend geld dat nog niet is "
        "uitgegeven blijft bij het project. Dit kan vanaf 1 januari en meer dan eens: alleen "
        "wat nog vrij is, wordt geboekt."
    )
    closable = [y for y in page.years if y < clock.today().year]
    if closable:
        closing = st.selectbox("Jaar afsluiten", closable[::-1], key="afsluiten_jaar")
        if st.button(f"Jaar {closing} afsluiten", key="afsluiten"):
            attempt(
                lambda: close_year(db, caller, hood_id, closing),
                f"Het jaar {closing} is afgesloten.",
                warning=lambda rows: (
                    None if rows else "Er was niets meer vrij; er is niets geboekt."
                ),
            )
    else:
        st.info("Er is nog geen voorbij jaar om af te sluiten.")
