"""Tab *Besluiten*: decisions (first as drafts) in a meeting, and publishing them. The
meetings themselves are in the tab *Vergaderingen* (components/budget/meetings.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.format import SOURCE_NAMES
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.domain import governance
from dashboard.domain.money import euro
from dashboard.services.budget.decisions import (
    DecisionInput,
    publish_decision,
    record_decision,
)
from dashboard.services.budget.meetings import meeting_lines
from dashboard.services.budget.spending import allocations_of, reverse_allocation
from sortition import clock

MEETING_KEY = "besluit_vergadering"  # the meeting a decision is recorded in


def render(page: BookPage) -> None:
    db = page.db
    caller = page.caller
    view = page.view
    projects = page.projects
    st.dataframe(
        pd.DataFrame(
            {
                "Datum": [d.decided_on.strftime("%d-%m-%Y") for d in view.decisions],
                "Soort": [d.kind for d in view.decisions],
                "Voorstel": [
                    projects[d.proposal_id].proposal.external_ref
                    if d.proposal_id in projects
                    else ""
                    for d in view.decisions
                ],
                "Bedrag": ["" if d.amount is None else euro(d.amount) for d in view.decisions],
                "Voor/tegen/onth.": [
                    f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}" for d in view.decisions
                ],
                "Status": [d.status for d in view.decisions],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    held = [m for m in view.meetings if m.held_on <= clock.today()]
    if not view.council_ids:
        st.info("Deze wijk heeft nog geen wijkraad.")
    else:
        st.markdown("**Besluit vastleggen** (eerst als concept)")
        # Outside the form, so that the members present follow the meeting's attendance list.
        meeting = st.selectbox(
            "Vergadering",
            [m.id for m in held][::-1],
            format_func=lambda i: next(
                f"{m.held_on:%d-%m-%Y} · {m.location}" for m in held if m.id == i
            ),
            key=MEETING_KEY,
            help="Plan een vergadering en leg de presentielijst vast in het tabblad Vergaderingen.",
        )
        attended = next(
            (
                line.attended
                for line in meeting_lines(db, caller, held)
                if line.meeting.id == meeting
            ),
            0,
        )
        with st.form(form_key("besluit")):
            kind = st.selectbox("Soort besluit", governance.DECISION_KINDS)
            target = page.choose_project(list(projects), "Voorstel")
            c1, c2 = st.columns(2)
            decided = c1.text_input("Bedrag (€; bij bijstellen mag het negatief zijn)")
            envelope = c2.selectbox(
                "Uit budget",
                [e.envelope.id for e in view.envelopes if e.envelope.amount > 0],
                format_func=lambda i: next(
                    f"{SOURCE_NAMES.get(e.envelope.source, e.envelope.source)} · "
                    f"nog {euro(e.available)}"
                    for e in view.envelopes
                    if e.envelope.id == i
                ),
            )
            c1, c2, c3, c4 = st.columns(4)
            present = c1.number_input(
                "Aanwezig",
                0,
                100,
                attended,
                key=form_key(f"besluit_aanwezig_{meeting}"),
                help=f"Volgens de presentielijst {attended} leden. Wie voor de stemming wegging, "
                "telt niet mee; meer dan op de lijst kan niet."
                if attended
                else "Er is nog geen presentielijst van deze vergadering.",
            )
            votes_for = c2.number_input("Voor", 0, 100, 0)
            against = c3.number_input("Tegen", 0, 100, 0)
            abstain = c4.number_input("Onthouding", 0, 100, 0)
            rationale = st.text_area("Motivering in gewone woorden")
            # No default: whatever is chosen is told to residents as a fact.
            method = st.selectbox(
                "Hoe zijn bewoners vooraf geraadpleegd?",
                governance.CONSULTATION_METHODS,
                index=None,
                placeholder="Kies: wijkpanel, bijeenkomst, stemming of geen",
            )
            if st.form_submit_button("Besluit vastleggen") and first_submission("besluit"):
                attempt(
                    lambda: record_decision(
                        db,
                        caller,
                        DecisionInput(
                            view.council_ids[0],
                            meeting,
                            kind,
                            int(votes_for),
                            int(against),
                            int(abstain),
                            int(present),
                            rationale,
                            proposal_id=target,
                            amount=decided or None,
                            envelope_id=envelope,
                            consultation_method=method or "",
                        ),
                    ),
                    "Het besluit is vastgelegd als concept. Publiceer het om het te tonen.",
                )
    drafts = [d for d in view.decisions if d.status == "concept"]
    if drafts:
        choice = st.selectbox(
            "Concept publiceren",
            [d.id for d in drafts],
            format_func=lambda i: next(
                f"{d.decided_on:%d-%m-%Y} · {d.kind} · {d.rationale[:60]}"
                for d in drafts
                if d.id == i
            ),
        )
        if st.button("Publiceren", key="publiceer"):
            attempt(lambda: publish_decision(db, caller, choice), "Het besluit is gepubliceerd.")
    _correct_allocation(page)


def _correct_allocation(page: BookPage) -> None:
    """Undo an allocation booked by mistake (the wrong budget, a typing error): a reversing
    row under the same decision. Changing the amount itself is a new decision."""
    correctable = allocations_of(page.db, page.caller, page.hood_id)
    if not correctable:
        return
    with st.form(form_key("toekenning_corrigeren")):
        st.markdown(
            "**Toekenning corrigeren** (verkeerd geboekt; een ander bedrag is een nieuw besluit)"
        )
        chosen = st.selectbox(
            "Toekenning",
            [a.id for a in correctable],
            format_func=lambda i: next(
                f"{a.booked_on:%d-%m-%Y} · {page.project_label(a.proposal_id)} · {euro(a.amount)}"
                if a.proposal_id in page.projects
                else f"{a.booked_on:%d-%m-%Y} · {euro(a.amount)}"
                for a in correctable
                if a.id == i
            ),
            index=None,
            placeholder="Kies een toekenning",
        )
        reason = st.text_input("Reden van de correctie")
        if st.form_submit_button("Toekenning terugboeken"):
            if chosen is None:
                st.error("Kies eerst een toekenning.")
            elif first_submission("toekenning_corrigeren"):
                allocation_id = int(chosen)
                attempt(
                    lambda: reverse_allocation(page.db, page.caller, allocation_id, reason),
                    "De toekenning is teruggeboekt; het geld is weer beschikbaar in het budget.",
                )
