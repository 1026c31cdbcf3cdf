"""Headings in order: the page's title is level 1, its parts level 2, their parts level 3,
so that a screen reader can list them and jump between them (no level skipped). A
decision, project or idea is a heading at the top of its own frame, not bold text; the
style sheet (dashboard/web/page_shell.css) keeps such a heading modest in size."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def heading(markdown: str, level: int = 2) -> None:
    """A heading of `level` 2 or 3, without Streamlit's link icon (Markdown: escape typed
    text with `text.plain`)."""
    show = st.header if level == 2 else st.subheader
    show(markdown, anchor=False)


def item(kind: str, number: int) -> DeltaGenerator:
    """A frame for one decision, project, idea, ...: its heading is styled as an item's."""
    return st.container(border=True, key=f"item-{kind}-{number}")
