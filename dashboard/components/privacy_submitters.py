"""Organisers: erase the contact of whoever submitted a proposal or proposed an idea
online, at their request. The search is audited once per search and kind (how many were
found, never what was searched for); its results stay in the session, so that working on
the page does not search again."""

from __future__ import annotations

import streamlit as st

from dashboard.components.forms import show_error
from dashboard.components.text import plain
from dashboard.domain.auth import Caller, PermissionDenied
from dashboard.services import Store, privacy

_FOUND = "privacy_submitters_found"
_DONE = "privacy_message"  # the page shows it after the rerun


def render(db: Store, caller: Caller) -> None:
    found = st.session_state.get(_FOUND)
    with st.expander("Indiener van een voorstel of een idee", expanded=found is not None):
        st.caption(
            "Vraagt iemand die een voorstel of een idee indiende om zijn naam, e-mailadres en "
            "telefoonnummer te wissen? Zoek op e-mailadres, telefoonnummer of naam. Het "
            "voorstel of idee zelf blijft bestaan. Zoeken en wissen komen in het logboek, "
            f"zonder naam. Van afgeronde en afgewezen voorstellen, en van afgewezen en "
            f"samengevoegde ideeën, worden ze {privacy.retention_days()} dagen daarna "
            "vanzelf gewist."
        )
        with st.form("zoeken_indiener"):
            query = st.text_input("E-mailadres, telefoonnummer of naam van de indiener")
            if st.form_submit_button("Indiener zoeken"):
                try:
                    found = [
                        *privacy.find_proposal_contacts(db, caller, query),
                        *privacy.find_idea_contacts(db, caller, query),
                    ]
                except (privacy.PrivacyError, PermissionDenied) as exc:
                    show_error(exc)
                    found = None
                st.session_state[_FOUND] = found
        if found is None:
            return
        if not found:
            st.info("In uw wijken is geen indiener met deze gegevens gevonden.")
            return
        _matches(db, caller, found)


def _matches(
    db: Store, caller: Caller, found: list[privacy.ProposalContact | privacy.IdeaContact]
) -> None:
    reference = st.text_input(
        "Zaaknummer van het verzoek (geen naam)", key="privacy_reference_indiener"
    )
    sure = st.checkbox(
        "Ik begrijp dat wissen niet ongedaan kan worden.", key="privacy_sure_indiener"
    )
    for match in found:
        reach = ", ".join(v for v in (match.email, match.phone) if v)
        if isinstance(match, privacy.IdeaContact):
            ref, key = match.reference, f"wis_idee_indiener_{match.idea_id}"
        else:
            ref, key = match.external_ref, f"wis_indiener_{match.proposal_id}"
        row = st.columns([3, 1])
        row[0].markdown(
            f"{plain(ref)} · {plain(match.title)}: {plain(match.name)} ({plain(reach)})"
        )
        if row[1].button(f"Wis bij {ref}", key=key, disabled=not sure):
            try:
                if isinstance(match, privacy.IdeaContact):
                    privacy.erase_idea_contact(db, caller, match.idea_id, reference.strip() or None)
                else:
                    privacy.erase_proposal_contact(
                        db, caller, match.proposal_id, reference.strip() or None
                    )
            except (privacy.PrivacyError, PermissionDenied) as exc:
                show_error(exc)
            else:
                st.session_state[_FOUND] = [m for m in found if m is not match]
                st.session_state[_DONE] = "De contactgegevens van de indiener zijn gewist."
                st.rerun()
