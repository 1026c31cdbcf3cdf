"""Tab *Voorstellen*: proposals, submitting one (with its buurt, its place on the map and
how to reach whoever submitted it), reviewing it, and moving a project on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import services
from dashboard.components.budget import place
from dashboard.components.budget.page import BookPage
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.contact import check_contact
from dashboard.domain.errors import UserError
from dashboard.domain.money import euro
from dashboard.domain.statuses import NEXT_STATUSES, UNDECIDED, ProposalStatus
from dashboard.services.budget.ideas import idea_references
from dashboard.services.budget.proposals import (
    SUBMITTER_TYPES,
    ProposalInput,
    change_proposal_status,
    parse_location,
    proposals_with_contact,
    reference_of,
    review_proposal,
    submit_proposal,
    submitter_contact,
    theme_names,
)


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    view = page.view
    projects = page.projects
    from_ideas = idea_references(db, caller, list(projects))
    st.dataframe(
        pd.DataFrame(
            {
                "Kenmerk": [p.proposal.external_ref for p in view.projects],
                "Titel": [p.proposal.title for p in view.projects],
                "Status": [p.proposal.status for p in view.projects],
                "Gevraagd": [euro(p.proposal.requested_amount) for p in view.projects],
                "Ingediend": [p.proposal.submitted_on.strftime("%d-%m-%Y") for p in view.projects],
                "Uit idee": [from_ideas.get(p.proposal.id, "") for p in view.projects],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    _submit(page)
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
    _contact(page)


def _submit(page: BookPage) -> None:
    """A new proposal with its buurt, its place (typed, or clicked on the map) and how to
    reach whoever submitted it; the success names its reference."""
    db, caller, view = page.db, page.caller, page.view
    hood = next(h for h in services.neighbourhoods(db) if h.id == page.hood_id)
    parts = services.neighbourhood_parts(db, page.hood_id)
    place_key = form_key(f"voorstel_plek_{page.hood_id}")
    st.markdown("**Nieuw voorstel**")
    with st.expander("Plek kiezen op de kaart"):
        st.caption("Klik op een stip: de plek komt in het formulier hieronder.")
        place.pick_place(hood, parts, place_key, form_key(f"voorstel_kaart_{page.hood_id}"))
    with st.form(form_key("voorstel")):
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
            select_all=False,
        )
        c1, c2 = st.columns(2)
        names = {p.id: p.name for p in parts}
        part = c1.selectbox(
            "Buurt (mag leeg)",
            list(names),
            format_func=lambda i: names[i],
            index=None,
            placeholder="Kies een buurt",
            help="Met een plek en zonder buurt kiezen we de buurt waar de plek in ligt.",
        )
        location = c2.text_input(
            "Plek (breedtegraad, lengtegraad; mag leeg)",
            placeholder=f"{hood.centroid_lat:.5f}, {hood.centroid_lon:.5f}",
            help="Met een plek staat het project op de kaart van de monitor. Klik op de "
            "kaart hierboven, of typ de plek.",
            key=place_key,
        )
        st.markdown("**Contact van de indiener** (alleen voor organisatoren, nooit openbaar)")
        c1, c2, c3 = st.columns(3)
        name = c1.text_input("Naam van de indiener")
        email = c2.text_input("E-mailadres van de indiener")
        phone = c3.text_input("Telefoonnummer van de indiener")
        if st.form_submit_button("Voorstel indienen") and first_submission("voorstel"):
            attempt(
                lambda: reference_of(
                    db,
                    caller,
                    submit_proposal(
                        db,
                        caller,
                        ProposalInput(
                            page.hood_id,
                            title,
                            text,
                            submitter,
                            requested,
                            chosen,
                            council_id=view.council_ids[0] if view.council_ids else None,
                            part_id=part,
                            location=parse_location(location),
                            contact=check_contact(name, email, phone),
                        ),
                    ),
                ),
                lambda ref: f"Voorstel {ref} is ingediend. Noem dit kenmerk aan de indiener.",
            )


def _contact(page: BookPage) -> None:
    """How to reach a submitter: shown on request only, and each look is audited."""
    with_contact = proposals_with_contact(page.db, page.caller, list(page.projects))
    if not with_contact:
        return
    st.markdown(
        "**Contact van een indiener** (persoonsgegevens: elke keer inzien komt in het logboek)"
    )
    target = page.choose_project(
        [i for i in page.projects if i in with_contact],
        "Voorstel met contactgegevens",
        key="contact_voorstel",
    )
    if not st.button("Contactgegevens tonen", key="contact_tonen"):
        return
    if target is None:
        st.error("Kies eerst een voorstel.")
        return
    try:
        found = submitter_contact(page.db, page.caller, int(target))
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    if found is None:
        st.info("Van dit voorstel zijn geen contactgegevens (meer) opgeslagen.")
        return
    lines = [f"Naam: {found.name}"]
    lines += [f"E-mail: {found.email}"] if found.email else []
    lines += [f"Telefoon: {found.phone}"] if found.phone else []
    st.text("\n".join(lines))  # as typed: no Markdown, no links made of it
