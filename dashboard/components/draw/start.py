"""Step 1: a new draw, for an existing council or a new one."""

from __future__ import annotations

import math
from datetime import timedelta

import streamlit as st

from dashboard import services
from dashboard.components.draw.common import METHOD_NAMES
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.domain.translatable import N_
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import workspace as draws
from sortition import clock

NEW_COUNCIL = 0
_PURPOSES = {
    "council": N_("De raad"),
    "panel": N_("Een wijkpanel"),
    "rotation": N_("Een rotatie: een deel van de zetels"),
}


def render(db: Store, caller: Caller) -> None:
    st.subheader(t("Stap 1. Een nieuwe loting beginnen"))
    st.write(
        t(
            "Kies de raad waarvoor u loot, of maak een nieuwe raad. Een raad kan gelote en "
            "benoemde zetels hebben (bijvoorbeeld gemeenteraadsleden). Een wijkpanel is een "
            "grotere groep bewoners die op dezelfde manier wordt geloot."
        )
    )
    councils = {c.council.id: c for c in draws.councils_for(db, caller)}
    hoods = {h.id: h.name for h in services.neighbourhoods(db) if caller.covers(h.id)}
    options = [*councils, NEW_COUNCIL]
    chosen = st.selectbox(
        t("Raad"),
        options,
        format_func=lambda i: (
            t("Nieuwe raad maken")
            if i == NEW_COUNCIL
            else f"{councils[i].council.name} ({', '.join(councils[i].neighbourhoods)})"
        ),
        key="loting_raad",
    )
    with st.form(form_key("nieuwe_loting")):
        new = None
        if chosen == NEW_COUNCIL:
            st.markdown(t("**De nieuwe raad**"))
            name = st.text_input(t("Naam van de raad"), placeholder="Wijkraad Oosterparkwijk")
            kind = st.radio(t("Soort"), ["wijkraad", "wijkpanel"], horizontal=True)
            chosen_hoods = st.multiselect(
                t("Wijk of wijken"), list(hoods), format_func=lambda i: hoods[i],
                placeholder=t("Kies een of meer wijken"), select_all=False,
            )  # fmt: skip
            c1, c2, c3, c4 = st.columns(4)
            drawn = c1.number_input(t("Gelote zetels"), 1, 1000, 11)
            appointed = c2.number_input(t("Benoemde zetels"), 0, 100, 0)
            months = c3.number_input(t("Zittingstermijn (maanden)"), 1, 120, 24)
            age = c4.number_input(t("Minimumleeftijd"), 12, 99, 16)
            new = draws.NewCouncil(
                name, chosen_hoods, int(drawn), int(appointed), int(months), int(age), kind
            )
        else:
            picked = councils[chosen].council
            st.caption(
                t(
                    "{naam}: {geloot} gelote en {benoemd} benoemde zetels, termijn {maanden} "
                    "maanden, vanaf {leeftijd} jaar.",
                    naam=plain(picked.name),
                    geloot=picked.seats_drawn,
                    benoemd=picked.seats_appointed,
                    maanden=picked.term_months,
                    leeftijd=picked.eligible_age,
                )
            )
        method = st.radio(
            t("Methode"), list(METHOD_NAMES), format_func=lambda m: t(METHOD_NAMES[m])
        )
        # Only a council that has sat can rotate: a new one is drawn whole.
        rotates = chosen != NEW_COUNCIL and councils[chosen].has_terms
        purpose = st.radio(
            t("Wat loot u?"), [p for p in _PURPOSES if rotates or p != "rotation"],
            horizontal=True, format_func=lambda p: t(_PURPOSES[p]),
        )  # fmt: skip
        c1, c2 = st.columns(2)
        following = None if chosen == NEW_COUNCIL else councils[chosen].next_term_starts
        starts = c1.date_input(
            t("De termijn begint op"),
            following or clock.today() + timedelta(days=90),
            format="DD-MM-YYYY",
            help=t("Standaard de dag waarop de huidige termijn van de raad eindigt."),
        )
        panel_size = c2.number_input(t("Grootte van het wijkpanel (alleen bij een wijkpanel)"),
                                     5, 5000, 400)  # fmt: skip
        seats_now = councils[chosen].council.seats_drawn if rotates else 0
        rotating = 0 if not rotates else c2.number_input(
            t("Zetels die rouleren (alleen bij een rotatie)"), 0, max(seats_now, 1),
            max(1, math.ceil(seats_now / 3)),
            help=t("Wie het langst zit, rouleert uit; bij een gelijke start beslist het lot. "
                   "De termijn hierboven is de dag waarop de nieuwe leden beginnen. Zetels die "
                   "dan open zijn (wie eerder stopte), vult de rotatie ook; kies 0 om alleen "
                   "die te vullen."),
        )  # fmt: skip
        submitted = st.form_submit_button(t("Loting aanmaken"), type="primary")
    if submitted and first_submission("nieuwe_loting"):
        request = draws.DrawRequest(
            method,
            starts,
            council_id=None if chosen == NEW_COUNCIL else chosen,
            new_council=new,
            purpose=purpose,
            panel_size=int(panel_size) if purpose == "panel" else None,
            rotating_seats=int(rotating) if purpose == "rotation" else None,
        )

        def start() -> int:
            draw_id = draws.start_draw(db, caller, request)
            st.session_state["loting_gekozen"] = draw_id
            return draw_id

        attempt(start, t("De loting is aangemaakt. Lees nu het bevolkingsregister in (stap 2)."))
