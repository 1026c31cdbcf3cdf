"""Streamlit's file uploader in Dutch on Dutch pages.

Streamlit has no setting for the uploader's own words ("Upload", "160MB per file • CSV");
a style sheet puts Dutch words in their place. The label above each uploader says what
kind of file it takes. English pages keep Streamlit's English."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import language

_BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def dutch_style(limit_mb: int) -> str:
    return (
        "<style>"
        f"{_BUTTON}, {_LIMIT} {{ font-size: 0; }}"
        f'{_BUTTON}::after {{ content: "Bestand kiezen"; font-size: 0.875rem; }}'
        f'{_LIMIT}::after {{ content: "of sleep het hierheen · hoogstens {limit_mb} MB"; '
        "font-size: 0.875rem; }"
        "</style>"
    )


def dutch_uploaders() -> None:
    if language() == "nl":
        st.html(dutch_style(int(st.get_option("server.maxUploadSize"))))
