"""Step 6: prepare the selection (fair chances, the list of possible councils and its
fingerprint), with progress while the engine runs, and the charts that show why it
matters: every volunteer's chance, leximin next to the old greedy method, and the
council next to the neighbourhood per feature."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.draw import bundle_files, objectives_view
from dashboard.components.draw.charts import chances_chart, groups_chart
from dashboard.components.draw.common import feature_name, go_to, percent
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import attempt, first_submission
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.domain.translatable import N_
from dashboard.i18n import in_language, language, t
from dashboard.services import Store
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws.workspace import DrawState

# The methods a draw can use, as the choice shows them (leximin first: the default).
METHODS = {
    "leximin": N_("leximin (aanbevolen)"),
    "goldilocks": N_("Goldilocks"),
    "nash": N_("Nash"),
    "maximin": N_("maximin"),
}
METHOD_NAMES = {"leximin": "leximin", "goldilocks": N_("Goldilocks"), "nash": N_("Nash")}


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    st.subheader(t("Stap 6. Selectie"))
    if not state.quotas:
        st.info(t("Sla eerst de quota op (stap 5)."))
        return
    view = draw_selection.selection_view(db, caller, draw_id)
    if view.commitment is None:
        _prepare(db, caller, state)
        return
    st.success(
        t("De selectie is voorbereid. Publiceer deze controlecode vóór de openbare trekking:")
    )
    st.code(view.commitment, language=None)
    deviation = view.max_deviation or 0
    st.caption(
        t("De controlecode legt de keuze vooraf vast: {m} mogelijke raden, elk met genoeg "
          "mensen uit elke groep (de quota). Wie de code kent, kan later nagaan dat niemand de "
          "mogelijke raden na de bekendmaking heeft veranderd. Bewoners zien de code als "
          "controlecode op de pagina Openbare trekkingen.", m=view.m)
        + " "
        + t("Door het afronden naar {m} raden verandert ieders kans een heel klein beetje: een "
            "kans van 20% wordt hooguit {hoog} of {laag}.", m=view.m,
            hoog=percent(0.2 + deviation, 2), laag=percent(0.2 - deviation, 2))
    )  # fmt: skip
    _certainty(view)
    stem, key = f"loting-{draw_id}-voorbereid", f"bundel_voor_{draw_id}"
    bundle_files.downloads(db, caller, draw_id, stem, key)
    _charts(view, draw_id)
    with st.expander(t("De methoden vergeleken op deze aanmeldingen")):
        objectives_view.render(db, caller, draw_id)
    if not view.revealed:
        with st.expander(t("Voorbereiding ongedaan maken")):
            st.write(t("Alleen als er echt iets moet veranderen. Daarna komt er een nieuwe "
                       "controlecode, die u opnieuw publiceert, met uitleg."))  # fmt: skip
            reason = st.text_input(t("Waarom?"), key=f"ongedaan_reden_{draw_id}")
            if st.button(t("Ongedaan maken"), key=f"ongedaan_{draw_id}"):
                attempt(
                    lambda: draw_selection.discard_preparation(db, caller, draw_id, reason),
                    t("De voorbereiding is ongedaan gemaakt."),
                )


def _certainty(view: draw_selection.SelectionView) -> None:
    """Say plainly who has no lottery: volunteers certain to be drawn, and why."""
    if not view.certain:
        return
    reasons = [
        t("er zijn {n} aanmeldingen voor {k} plaatsen", n=c.volunteers, k=c.seats)
        if c.feature is None
        else t("in de groep {kenmerk} “{waarde}” zijn {n} aanmeldingen voor minimaal {min} "
               "plaatsen", kenmerk=feature_name(c.feature).lower(), waarde=plain(c.value or ""),
               n=c.volunteers, min=c.seats)
        for c in view.why_certain
    ] or [t("de quota samen laten geen andere keuze")]  # fmt: skip
    st.warning(
        (t("1 aanmelding wordt zeker geloot (kans 100%).") if view.certain == 1
         else t("{n} aanmeldingen worden zeker geloot (kans 100%).", n=view.certain))
        + " " + t("Voor hen is er geen loting: {redenen}.", redenen="; ".join(reasons))
        + " " + t("Is dat niet de bedoeling, maak dan de voorbereiding ongedaan en verruim de "
                  "quota of zoek meer aanmeldingen in die groep.")
    )  # fmt: skip


def _prepare(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    st.write(
        t(
            "Wijkraad berekent voor elke aanmelding een eerlijke kans (standaard met leximin: "
            "de kleinste kans zo groot mogelijk; hieronder vergelijkt u de methoden en kiest u "
            "er een) en maakt een genummerde lijst van mogelijke raden die aan alle quota "
            "voldoen. Daarvan komt een controlecode die u vóór de trekking "
            "publiceert: de code legt de keuze vooraf vast. Bij de openbare trekking kiezen de "
            "getallen uit de zaal het nummer."
        )
    )
    c = st.columns(3)
    c[0].metric(t("Aanmeldingen"), state.volunteers)
    c[1].metric(t("Plaatsen"), ctx.k)
    c[2].metric(t("Quota"), state.quotas)
    objectives_view.render(db, caller, draw_id)
    algorithm = st.radio(
        t("Methode"), list(METHODS), horizontal=True, key=f"algoritme_{draw_id}",
        format_func=lambda a: t(METHODS[a]),
    )  # fmt: skip
    if st.button(t("Selectie voorbereiden"), type="primary", key=f"voorbereiden_{draw_id}") and (
        first_submission("voorbereiden")
    ):
        bar = st.progress(0.0, text=t("Bezig…"))

        def progress(fraction: float, text: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=t(text))

        def run() -> draw_selection.Prepared:
            with st.status(t("De selectie wordt berekend…"), expanded=True):
                prepared = draw_selection.prepare_selection(
                    db, caller, draw_id, algorithm, progress
                )
            go_to(draw_id, 6)
            return prepared

        attempt(run, t("De selectie is voorbereid. Publiceer de controlecode."))


def _charts(view: draw_selection.SelectionView, draw_id: int) -> None:
    chances = view.chances
    st.markdown(t("**Kans per aanmelding**"))
    c = st.columns(3)
    lowest = chances["leximin"].min()
    method = t(METHOD_NAMES.get(view.algorithm, view.algorithm))
    c[0].metric(t("Kleinste kans ({methode})", methode=method), percent(lowest, 1))
    if chances["legacy"].notna().any():
        c[1].metric(t("Kleinste kans (oude methode)"), percent(chances["legacy"].min(), 1))
    c[2].metric(
        t("Grootste kans ({methode})", methode=method), percent(chances["leximin"].max(), 1)
    )
    st.plotly_chart(chances_chart(chances, method), width="stretch", key=f"kansen_{draw_id}")
    chosen = objectives_view.PROTECTS.get(view.algorithm)
    st.caption(
        t("De oude methode vult de raad plaats voor plaats met wie de quota het hardst nodig "
          "hebben; dan krijgen sommige aanmeldingen bijna geen kans.")
        + (" " + t(chosen) if chosen else "")
    )  # fmt: skip
    if view.groups.empty:
        return
    st.markdown(t("**De raad naast de wijk**"))
    features = list(dict.fromkeys(view.groups["feature"]))
    feature = st.radio(t("Groepskenmerk"), features, horizontal=True, format_func=feature_name,
                       key=f"selectie_kenmerk_{draw_id}")  # fmt: skip
    rows = view.groups[view.groups["feature"] == feature]
    st.plotly_chart(groups_chart(rows), width="stretch", key=f"groepen_{draw_id}")
    st.download_button(
        t("Kansen per aanmelding (CSV)"),
        in_language(lambda: csv_bytes(
            pd.DataFrame({
                t("Nummer"): chances["id"],
                t("Kans ({methode})", methode=method): chances["leximin"],
                t("Kans (oude methode)"): chances["legacy"],
            }),
            language(),
        )),
        file_name=f"kansen-loting-{draw_id}.csv",
        mime="text/csv",
        key=f"kansen_csv_{draw_id}", on_click="ignore",
    )  # fmt: skip
