"""Tab *Voorstellen*: proposals, submitting one, reviewing it, and moving a project on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain.money import euro
from dashboard.domain.statuses import NEXT_STATUSES, UNDECIDED, ProposalStatus
from dashboard.services.budget.proposals import (
    SUBMITTER_TYPES,
    ProposalInput,
    change_proposal_status,
    parse_location,
    review_proposal,
    submit_proposal,
    theme_names,
)


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    hood_id = page.hood_id
    view = page.view
    projects = page.projects
    st.dataframe(
        pd.DataFrame(
            {
                "Kenmerk": [p.proposal.external_ref for p in view.projects],
                "Titel": [p.proposal.title for p in view.projects],
                "Status": [p.proposal.status for p in view.projects],
                "Gevraagd": [euro(p.proposal.requested_amount) for p in view.projects],
                "Ingediend": [p.proposal.submitted_on.strftime("%d-%m-%Y") for p in view.projects],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form(form_key("voorstel")):
        st.markdown("**Nieuw voorstel**")
        title = st.text_input("Titel")
        text = st.text_area("Omschrijving")
        c1, c2 = st.columns(2)
        submitter = c1.selectbox("Ingediend door", SUBMITTER_TYPES)
        requested = c2.text_input("Gevraagd bedrag (€)", placeholder="7.500")
        themes = theme_names(db)
        chosen = st.multiselect(
            "Thema's",
            list(themes),
            format_func=lambda code: themes.get(code, code),
            placeholder="Kies thema's",
        )
        place = st.text_input(
            "Plek (breedtegraad, lengtegraad; mag leeg)",
            placeholder="53.2012, 6.5531",
            help="Met een plek staat het project op de kaart van de monitor.",
        )
        if st.form_submit_button("Voorstel indienen") and first_submission("voorstel"):
            attempt(
                lambda: submit_proposal(
                    db,
                    caller,
                    ProposalInput(
                        hood_id,
                        title,
                        text,
                        submitter,
                        requested,
                        chosen,
                        council_id=view.council_ids[0] if view.council_ids else None,
                        location=parse_location(place),
                    ),
                ),
                "Het voorstel is ingediend.",
            )
    open_ids = [i for i, p in projects.items() if p.proposal.status in UNDECIDED]
    with st.form(form_key("beoordeling")):
        st.markdown("**Voorstel beoordelen**")
        target = page.choose_project(open_ids, "Voorstel")
        feasible = st.radio(
            "Haalbaar?",
            [True, False],
            horizontal=True,
            format_func=lambda f: "Ja" if f else "Nee, afwijzen",
        )
        assessment = st.text_area("Beoordeling (haalbaarheid)")
        estimate = st.text_input("Kostenraming (€, mag leeg)")
        reason = st.text_area("Reden van afwijzing (verplicht bij afwijzen)")
        if st.form_submit_button("Beoordeling vastleggen"):
            if target is None:
                st.error("Kies eerst een voorstel.")
            elif first_submission("beoordeling"):
                proposal_id = int(target)
                attempt(
                    lambda: review_proposal(
                        db, caller, proposal_id, feasible, assessment, estimate, reason
                    ),
                    "De beoordeling is vastgelegd.",
                )
    moving = (ProposalStatus.BESLOTEN, ProposalStatus.IN_UITVOERING)  # a step by hand
    movable = [i for i, p in projects.items() if p.proposal.status in moving]
    with st.form(form_key("status")):
        st.markdown("**Status bijwerken** (besloten en afgewezen volgen uit besluiten)")
        target = page.choose_project(movable, key="status_project")
        if st.form_submit_button("Naar de volgende stap"):
            if target is None:
                st.error("Kies eerst een project.")
            else:
                following = NEXT_STATUSES[ProposalStatus(projects[target].proposal.status)][0]
                attempt(
                    lambda: change_proposal_status(db, caller, target, following),
                    f"Het project is nu '{following}'.",
                )
