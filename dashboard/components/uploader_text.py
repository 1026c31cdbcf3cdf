"""Streamlit's file uploader in Dutch on Dutch pages.

Streamlit has no setting for the uploader's own words ("Upload", "160MB per file • CSV");
a style sheet puts Dutch words in their place. It cannot know each uploader's limit, so
the label above an uploader says what kind of file it takes and, where a file can be
large or the limit is small, how large it may be. English pages keep Streamlit's English."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import language

_BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"] span'

DUTCH_STYLE = (
    "<style>"
    f"{_BUTTON}, {_INSTRUCTIONS} {{ font-size: 0; }}"
    f'{_BUTTON}::after {{ content: "Bestand kiezen"; font-size: 0.875rem; }}'
    f'{_INSTRUCTIONS}::after {{ content: "of sleep het hierheen"; font-size: 0.875rem; }}'
    "</style>"
)


def dutch_uploaders() -> None:
    if language() == "nl":
        st.html(DUTCH_STYLE)
