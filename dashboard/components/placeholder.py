"""Shared text for pages that a later piece of work builds."""

import streamlit as st


def coming_soon(title: str, what: str) -> None:
    st.title(title)
    st.info(f"Deze pagina is nog niet gebouwd. Hier komt: {what}")
