"""The household book: choose the neighbourhood and year, see its totals, and work in one
tab per subject."""

from __future__ import annotations

import streamlit as st

from dashboard import services
from dashboard.components.budget import (
    consultations,
    decisions,
    envelopes,
    ideas,
    meetings,
    progress,
    proposals,
    spending,
    year_end,
)
from dashboard.components.budget.page import BookPage
from dashboard.domain.auth import Caller
from dashboard.domain.money import euro
from dashboard.services import Store
from dashboard.services.budget.view import book_view
from sortition import clock

TABS = {
    "Budgetten": envelopes.render,
    "Voorstellen": proposals.render,
    "Ideeën": ideas.render,
    "Vergaderingen": meetings.render,
    "Besluiten": decisions.render,
    "Uitgaven": spending.render,
    "Voortgang": progress.render,
    "Raadplegingen": consultations.render,
    "Jaarafsluiting": year_end.render,
}


def render(db: Store, caller: Caller) -> None:
    hoods = [h for h in services.neighbourhoods(db) if caller.covers(h.id)]
    if not hoods:
        st.info("U bent nog voor geen enkele wijk organisator. Vraag de beheerder om een wijk.")
        return
    by_id = {h.id: h for h in hoods}
    left, right = st.columns([3, 1])
    hood_id = left.selectbox(
        "Wijk", list(by_id), format_func=lambda i: by_id[i].name, key="boek_wijk"
    )
    this_year = clock.today().year
    years = sorted({*services.budget_years(db), this_year})
    year = right.selectbox("Jaar", years, index=years.index(this_year), key="boek_jaar")
    view = book_view(db, caller, hood_id, year)

    totals = view.totals
    cols = st.columns(4)
    cols[0].metric("Budget", euro(totals.budget))
    cols[1].metric("Toegekend", euro(totals.allocated), help="Ook besluiten die nog concept zijn.")
    cols[2].metric("Uitgegeven", euro(totals.spent))
    cols[3].metric("Beschikbaar", euro(totals.available))

    page = BookPage(db, caller, hood_id, year, years, view)
    # The open tab lives in the address (?tabblad=Besluiten), as the draw's step does: a
    # message appearing above the tabs after a rerun then no longer sends the organiser
    # back to the first tab, where a refusal in another tab would go unseen.
    tabs = st.tabs(list(TABS), key="tabblad", bind="query-params")
    for tab, render_tab in zip(tabs, TABS.values(), strict=True):
        with tab:
            render_tab(page)
