"""Organisers: erase a resident's name and address at their request, or the contact of
whoever submitted a proposal."""

import streamlit as st

from dashboard.components import privacy_submitters
from dashboard.components.forms import show_error
from dashboard.domain.auth import PermissionDenied
from dashboard.services import privacy
from dashboard.web.app_state import store
from dashboard.web.session import current_caller

st.title("Persoonsgegevens wissen")
st.write(
    "Vraagt een bewoner om zijn naam en adres te wissen? Zoek de bewoner op adres en wis de "
    "gegevens; het telefoonnummer en e-mailadres van een online aanmelding gaan mee. In het "
    "logboek komt alleen de wijk en het zaaknummer van het verzoek, "
    "nooit de naam. Uitgenodigde bewoners die niet zijn geloot, worden "
    f"{privacy.retention_days()} dagen na de loting vanzelf gewist."
)
caller = current_caller()
db = store()

if done := st.session_state.pop("privacy_message", None):
    st.success(done)

# Before the residents' search below, which stops the page until an address is found.
privacy_submitters.render(db, caller)

with st.form("zoeken"):
    left, right = st.columns(2)
    postcode = left.text_input("Postcode", placeholder="1234 AB")
    number = right.text_input("Huisnummer", placeholder="12")
    searched = st.form_submit_button("Zoeken")
if searched:
    st.session_state["privacy_address"] = (postcode, number)

address = st.session_state.get("privacy_address")
if not address:
    st.stop()
try:
    found = privacy.find_residents(db, caller, *address)
except (privacy.PrivacyError, PermissionDenied) as exc:
    show_error(exc)
    st.stop()
if not found:
    st.info("Op dit adres staat in uw wijken niemand met opgeslagen contactgegevens.")
    st.stop()

reference = st.text_input("Zaaknummer van het verzoek (geen naam)", key="privacy_reference")
sure = st.checkbox("Ik begrijp dat wissen niet ongedaan kan worden.", key="privacy_sure")
for match in found:
    label = f"{match.first_name} {match.last_name}, geboren in {match.birth_year}"
    row = st.columns([3, 1])
    row[0].write(f"{label} — {match.street} {match.house_number}, {match.postcode}")
    erase = f"Wis {match.first_name} {match.last_name}"
    if row[1].button(erase, key=f"wis_{match.resident_id}", disabled=not sure):
        try:
            privacy.erase_contact(db, caller, match.resident_id, reference.strip() or None)
        except (privacy.PrivacyError, PermissionDenied) as exc:
            show_error(exc)
        else:
            st.session_state["privacy_message"] = "De contactgegevens zijn gewist."
            st.rerun()
