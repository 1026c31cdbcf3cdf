"""Tab *Uitgaven*: spending per project, booking and reversing, and the import."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, first_submission, flash, form_key, show_error
from dashboard.components.text import plain
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.money import euro
from dashboard.services.budget.spending import book_spending, reverse_spending
from dashboard.services.budget.spending_import import import_spending
from sortition import clock


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    year = page.year
    view = page.view
    projects = page.projects
    flagged = [p for p in view.projects if p.overspent]
    for project in flagged:
        st.warning(
            f"⚠ {plain(project.proposal.external_ref)} {plain(project.proposal.title)}: uitgegeven "
            f"{euro(project.spent)}, toegekend {euro(project.allocated)} (overschreden)."
        )
    st.caption(f"Uitgaven geboekt in {year}.")
    booked_this_year = [(s, ref) for s, ref in view.spending if s.booked_on.year == year]
    st.dataframe(
        pd.DataFrame(
            {
                "Kenmerk": [s.reference for s, _ in booked_this_year],
                "Datum": [s.booked_on.strftime("%d-%m-%Y") for s, _ in booked_this_year],
                "Project": [ref for _, ref in booked_this_year],
                "Bedrag": [euro(s.amount) for s, _ in booked_this_year],
                "Omschrijving": [s.description for s, _ in booked_this_year],
                "Bron": [s.source for s, _ in booked_this_year],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    spendable = [i for i, p in projects.items() if p.allocated > 0]
    with st.form(form_key("uitgave")):
        st.markdown("**Uitgave boeken**")
        target = page.choose_project(spendable)
        c1, c2, c3 = st.columns(3)
        reference = c1.text_input("Kenmerk (factuurnummer)")
        paid = c2.text_input("Bedrag (€)", placeholder="1.234,56")
        booked_on = c3.date_input("Boekdatum", clock.today(), format="DD-MM-YYYY")
        what = st.text_input("Omschrijving")
        if st.form_submit_button("Uitgave boeken"):
            if target is None:
                st.error("Kies eerst een project.")
            elif first_submission("uitgave"):
                attempt(
                    lambda: book_spending(db, caller, target, reference, booked_on, paid, what),
                    "De uitgave is geboekt.",
                    warning=lambda result: result.warning,
                )
    with st.form(form_key("correctie")):
        st.markdown("**Uitgave corrigeren** (een tegenboeking; er wordt niets gewist)")
        originals = [s for s, _ in view.spending if s.amount > 0]
        wrong = st.selectbox(
            "Uitgave",
            [s.id for s in originals],
            index=None,
            format_func=lambda i: next(
                f"{s.reference} · {euro(s.amount)}" for s in originals if s.id == i
            ),
            placeholder="Kies een uitgave",
        )
        why = st.text_input("Reden")
        if st.form_submit_button("Tegenboeken"):
            if wrong is None:
                st.error("Kies eerst een uitgave.")
            else:
                attempt(
                    lambda: reverse_spending(db, caller, wrong, why),
                    "De tegenboeking is gemaakt.",
                )
    st.markdown("**Importeren uit de financiële administratie** (CSV)")
    st.caption(
        "Kolommen: kenmerk, datum, bedrag, omschrijving, project (het kenmerk van het "
        "project, bijvoorbeeld WR-2026-00012). Alles of niets: bij één fout regel wordt "
        "niets geboekt. Dezelfde export nog eens inlezen verandert niets."
    )
    upload = st.file_uploader("Exportbestand (CSV)", type=["csv"], key="export")
    if upload is not None and st.button("Importeren", key="importeren"):
        try:
            outcome = import_spending(db, caller, upload.name, upload.getvalue())
        except PermissionDenied as refused:
            show_error(refused)
            return
        if outcome.ok:
            flash(
                f"{outcome.booked} uitgaven geboekt; {outcome.already_known} waren al bekend.",
                outcome.warnings,
            )
        else:
            st.error(
                "Er is niets geboekt. Verbeter het bestand en probeer opnieuw:\n\n"
                + "\n".join(f"- {plain(p)}" for p in outcome.problems[:50])
            )
