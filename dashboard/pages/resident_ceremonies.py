"""Residents: the public ceremonies announced before they happen (when, where, how the
inputs are chosen, the fingerprint) and the past ones with their outcome. No name, no
member's number."""

import streamlit as st

from dashboard.components import ceremonies_view
from dashboard.components.public_cache import PublicReader
from dashboard.i18n import t
from dashboard.services import public
from dashboard.web.app_state import store
from sortition import clock

st.title(t("Openbare trekkingen"))
st.write(
    t(
        "Wie in de wijkraad komt, wordt in het openbaar geloot. Iedereen mag erbij zijn. "
        "Vooraf maken we bekend wanneer en waar de loting is, en hoe de getallen worden "
        "gekozen. We maken ook vooraf een controlecode bekend. Met die code kan iedereen "
        "later nagaan dat er niets is veranderd."
    )
)

now = clock.now()
announced = PublicReader(store())(public.ceremonies)
coming = [a for a in announced if ceremonies_view.is_upcoming(a, now)]
past = [a for a in reversed(announced) if not ceremonies_view.is_upcoming(a, now)]

st.header(t("Komende trekkingen"))
if not coming:
    st.info(t("Er is op dit moment geen trekking aangekondigd."))
for item in coming:
    ceremonies_view.announcement(item, now)

st.header(t("Eerdere trekkingen"))
if not past:
    st.info(t("Er zijn nog geen eerdere aangekondigde trekkingen."))
for item in past:
    ceremonies_view.announcement(item, now)
st.page_link(ceremonies_view.CHECK_PAGE, label=t("Zelf een loting nakijken"))  # fmt: skip
