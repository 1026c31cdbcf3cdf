"""Wijkraad: entry point. Page configuration and navigation; nothing else."""

import streamlit as st

st.set_page_config(page_title="Wijkraad", layout="wide")

PAGES = "dashboard/pages"
navigation = st.navigation(
    {
        "Voor bewoners": [
            st.Page(f"{PAGES}/resident_overview.py", title="Het geld van uw wijk", default=True),
            st.Page(f"{PAGES}/resident_decisions.py", title="Besluiten en projecten"),
            st.Page(f"{PAGES}/resident_council.py", title="De wijkraad"),
        ],
        "Organisatie": [
            st.Page(f"{PAGES}/organiser_draw.py", title="Loting"),
            st.Page(f"{PAGES}/organiser_budget.py", title="Huishoudboekje"),
        ],
        "Wethouder": [
            st.Page(f"{PAGES}/alderman_monitor.py", title="Monitor alle wijken"),
        ],
    }
)
navigation.run()
