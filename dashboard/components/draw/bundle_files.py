"""The two verification files of a draw, side by side: the public one to publish and the
full one for the organisers and the independent auditor (notary), marked not to publish.

Files from the store are made during the run, never lazily (see ceremony_step)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.forms import show_error
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import selection as draw_selection


def downloads(
    db: Store, caller: Caller, draw_id: int, stem: str, key: str, council: bool = False
) -> None:
    """Download buttons for draw `draw_id`'s files, named `<stem>.json` (public) and
    `<stem>-volledig-niet-publiceren.json` (full); `council`: the files of the council's
    draw, next to a replacement draw's own."""
    try:
        public = draw_selection.public_bundle_file(db, caller, draw_id)
    except UserError as exc:
        show_error(exc)
    else:
        st.download_button(
            t("Controlebestand van de raad om te publiceren (JSON)")
            if council
            else t("Controlebestand om te publiceren (JSON)"),
            public,
            file_name=f"{stem}.json",
            mime="application/json",
            key=f"{key}_openbaar",
            on_click="ignore",
        )
    st.download_button(
        t("Volledig controlebestand van de raad: niet publiceren (JSON)")
        if council
        else t("Volledig controlebestand: niet publiceren (JSON)"),
        draw_selection.bundle_file(db, caller, draw_id),
        file_name=f"{stem}-volledig-niet-publiceren.json",
        mime="application/json",
        key=f"{key}_volledig",
        on_click="ignore",
    )
    if not council:
        st.download_button(
            t("Aanmelders en quota voor programma's van de Sortition Foundation (ZIP)"),
            draw_selection.foundation_file(db, caller, draw_id),
            file_name=f"{stem}-sortition-foundation-niet-publiceren.zip",
            mime="application/zip",
            key=f"{key}_foundation",
            on_click="ignore",
        )
    st.caption(
        t(
            "Publiceer alleen het eerste bestand: daarin staan groepen van minstens {aantal} "
            "aanmelders en aantallen. Het volledige bestand noemt van elke aanmelder een "
            "nummer en alle kenmerken; daarmee is iemand vaak te herkennen. Geef het alleen "
            "aan de onafhankelijke controleur (bijvoorbeeld een notaris). Het ZIP-bestand bevat "
            "dezelfde nummers en kenmerken in de vorm die de programma's van de Sortition "
            "Foundation lezen: ook niet publiceren.",
            aantal=MIN_GROUP,
        )
    )
