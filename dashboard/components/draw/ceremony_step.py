"""Step 7: the public ceremony, fit for a projector: the published control code (what the
residents' pages call the commitment, *controlecode*), the public inputs typed in as they
are called out, the council that follows from them, and the file anyone can check it
with. In plain Dutch (B1) for the room: no "quota" or "lijst", the arithmetic last, for
those who check it. Numbers and groups only, never a name."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.components.draw import announcement, bundle_files
from dashboard.components.draw.common import FEATURES, PROJECTOR, go_to, group_name
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import attempt, first_submission
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import selection as draw_selection
from dashboard.services.draws.context import DrawContext
from dashboard.services.draws.workspace import DrawState

# Projector: no sidebar or toolbar, large type, strong contrast.
_PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.4rem; }
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 {
  font-size: 2.6rem !important; }
[data-testid="stMain"] code { font-size: 1.6rem !important; color: #000; }
[data-testid="stMain"] .block-container { max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.4rem !important; }
</style>
"""


def render(db: Store, caller: Caller, state: DrawState, projector: bool = False) -> None:
    """The ceremony; with `projector` only the ceremony, large (`?scherm=projector`: the
    workspace then shows no draw picker and no steps), with a way back."""
    ctx = state.context
    draw_id = ctx.draw.id
    replacement = ctx.draw.purpose == "replacement"
    if ctx.draw.commitment is None:
        st.subheader(t("Stap 7. Openbare trekking"))
        st.info(t("Bereid eerst de selectie voor en publiceer de controlecode (stap 6)."))
        return
    _screen_switch(draw_id, projector)
    view = draw_selection.selection_view(db, caller, draw_id)
    _introduction(ctx, view, replacement)
    if not projector:
        announcement.render(db, caller, draw_id, view.revealed)
    if not view.revealed:
        _inputs(db, caller, draw_id)
        return
    st.markdown(t("**2. De getallen uit de zaal, in deze volgorde**"))
    st.code("  ·  ".join(view.inputs or []), language=None, wrap_lines=True)  # all visible
    if replacement:
        chosen = t("De getallen kiezen groepje {n}", n=view.chosen_index)
    else:
        chosen = t("De getallen kiezen mogelijke raad {n}", n=view.chosen_index)
    st.markdown(t("**3. Wat de getallen kiezen**"))
    st.markdown("## " + chosen)
    st.write(
        t("Zo gaat het: de computer maakt van de controlecode en de getallen uit de zaal één "
          "groot getal. Dat getal bepaalt welke van de {m} mogelijkheden het wordt (ze hebben "
          "de nummers 0 tot en met {laatste}). Niemand kon dat vooraf weten, en iedereen kan "
          "het narekenen.", m=view.m, laatste=(view.m or 1) - 1)
    )  # fmt: skip
    st.caption(
        t("Voor wie het zelf narekent: SHA-256 van de controlecode en de getallen geeft "
          "{seed} (hexadecimaal); de rest na delen door {m} is {n}.",
          seed=view.seed, m=view.m, n=view.chosen_index)
    )  # fmt: skip
    shown = view.panel_groups.copy()
    for column in shown.columns:
        if column != "id":
            shown[column] = shown[column].map(lambda v: group_name(str(v)))
    shown = shown.rename(columns={"id": t("Nummer"), **{k: t(v) for k, v in FEATURES.items()}})
    if projector:  # the room sees what the public file shows: groups, never one person
        _public_council(db, caller, draw_id, replacement)
    else:
        if replacement:
            st.markdown(t("**4. De vervangers** (nummers uit het controlebestand, geen namen)"))
        else:
            st.markdown(t("**4. De nieuwe raad** (nummers uit het controlebestand, geen namen)"))
        st.dataframe(shown, hide_index=True, width="stretch", height=38 * (len(shown) + 1) + 4)
    c1, c2, c3 = st.columns(3)
    # Files from the store are made during the run, never lazily: Streamlit calls a lazy
    # `data` on its server's event loop, where waiting for the database froze every
    # session's connection (seen as download buttons that stayed disabled).
    with c1:
        bundle_files.downloads(db, caller, draw_id, f"loting-{draw_id}", f"bundel_{draw_id}")
    c2.download_button(
        t("De nieuwe raad (CSV: nummers met kenmerken, niet publiceren)"),
        lambda: csv_bytes(pd.DataFrame(shown)),
        file_name=f"raad-loting-{draw_id}.csv",
        mime="text/csv",
        key=f"raad_csv_{draw_id}",
        on_click="ignore",
    )
    if c3.button(t("Controleer de trekking opnieuw"), key=f"controle_{draw_id}"):
        with st.spinner(t("Alles wordt opnieuw uitgerekend uit het controlebestand…")):
            differences = draw_selection.verify_draw(db, caller, draw_id)
        if differences:
            st.error(t("Het controlebestand klopt niet:") + "\n\n" + "\n".join(
                f"- {plain(d)}" for d in differences))  # fmt: skip
        else:
            st.success(
                t("Klopt: de controlecode, de getallen uit de zaal, het nummer en de raad volgen "
                  "precies uit het controlebestand.")
            )  # fmt: skip
    _how_to_check(db, caller, ctx, c1, projector)


def _how_to_check(
    db: Store, caller: Caller, ctx: DrawContext, column: DeltaGenerator, projector: bool
) -> None:
    """A replacement's council files, and how anyone checks the draw: for the room in
    words, for the organiser with the command."""
    draw_id = ctx.draw.id
    replacement = ctx.draw.purpose == "replacement"
    if replacement:
        with column:
            st.markdown(t("**Controlebestanden van de raad**"))
            parent = int(ctx.draw.parent_draw_id or 0)
            key = f"bundel_ouder_{draw_id}"
            bundle_files.downloads(db, caller, parent, f"loting-{parent}", key, council=True)
    if projector:  # the room: where to check it, no command line
        st.caption(
            t("Iedereen kan dit nakijken met het controlebestand, op de pagina Controleer een "
              "loting van deze website.")
        )  # fmt: skip
    elif replacement:
        st.caption(
            t("Iedereen kan dit nagaan met beide controlebestanden: `python -m sortition verify "
              "loting-{nr}.json --parent loting-{ouder}.json`.", nr=draw_id,
              ouder=ctx.draw.parent_draw_id)
        )  # fmt: skip
    else:
        st.caption(
            t("Iedereen kan dit nagaan met het controlebestand en `python -m sortition verify`.")
        )


def _public_council(db: Store, caller: Caller, draw_id: int, replacement: bool) -> None:
    """The drawn council for the room, as groups of the public verification file: a
    number with its features would single a person out in a small neighbourhood."""
    if replacement:
        st.markdown(t("**4. De vervangers**, als groepen zoals in het openbare controlebestand"))
    else:
        st.markdown(t("**4. De nieuwe raad**, als groepen zoals in het openbare controlebestand"))
    groups = draw_selection.public_panel_groups(db, caller, draw_id)
    if groups is None:
        st.info(t("Wie er geloot is, staat in het controlebestand van de organisatoren."))
        return
    table = pd.DataFrame(
        {
            t("Groep"): [_group_label(group) for group, _ in groups],
            t("In de raad"): [seats for _, seats in groups],
        }
    )
    st.table(table.set_index(table.columns[0]))  # large type from the projector's stylesheet


def _group_label(group: dict[str, str]) -> str:
    """'Geslacht: vrouw · Leeftijd: 16-24 + 25-44', or 'Iedereen' for the one group."""
    if not group:
        return t("Iedereen")
    return " · ".join(
        f"{t(FEATURES.get(feature, feature))}: "
        + " + ".join(group_name(v) for v in str(values).split(" + "))
        for feature, values in group.items()
    )


def _screen_switch(draw_id: int, projector: bool) -> None:
    """On the projector: its stylesheet and the way back; else the way to the projector."""
    if projector:
        st.html(_PROJECTOR_CSS)
        if st.button(t("← Terug naar de werkruimte"), key=f"terug_{draw_id}"):
            st.query_params.pop("scherm", None)
            st.rerun()
    elif st.button(t("Projectorweergave (alleen de trekking, groot)"), key=f"projector_{draw_id}"):
        st.query_params["scherm"] = PROJECTOR
        st.rerun()


def _introduction(ctx: DrawContext, view: draw_selection.SelectionView, replacement: bool) -> None:
    """The heading, the commitment (the control code) published before, and what it fixes:
    the possible councils, each meeting the quotas, said in plain words for the room."""
    if replacement:
        st.subheader(t("Openbare trekking van vervangers: {raad}", raad=plain(ctx.council.name)))
    else:
        st.subheader(t("Openbare trekking: {raad}", raad=plain(ctx.council.name)))
    st.markdown(t("**1. De controlecode, vooraf bekendgemaakt**"))
    st.code(view.commitment, language=None)
    if replacement:
        st.markdown(
            t("Deze code legt de keuze vooraf vast. Er zijn **{m}** mogelijke groepjes van "
              "**{k}** vervangers, gemaakt uit de **{n}** mensen die zich aanmeldden en nog "
              "over zijn. Met elk groepje zitten er in de raad genoeg mensen uit elke groep. "
              "Wie de code vóór de trekking kende, kan nagaan dat niemand de groepjes daarna "
              "nog heeft veranderd.",
              m=view.m, k=ctx.k, n=len(view.chances))
        )  # fmt: skip
    else:
        st.markdown(
            t("Deze code legt de keuze vooraf vast. Er zijn **{m}** mogelijke raden van "
              "**{k}** leden, gemaakt uit de **{n}** mensen die zich aanmeldden. In elke "
              "mogelijke raad zitten genoeg mensen uit elke groep. Wie de code vóór de trekking "
              "kende, kan nagaan dat niemand de mogelijke raden daarna nog heeft veranderd.",
              m=view.m, k=ctx.k, n=len(view.chances))
        )  # fmt: skip


def _inputs(db: Store, caller: Caller, draw_id: int) -> None:
    st.markdown(t("**2. De getallen uit de zaal**"))
    st.write(
        t("Vraag aanwezigen om toeval: dobbelstenen, een getal dat een getuige zelf bedenkt, de "
          "uitslag van een openbare loterij. Typ elk getal op een eigen regel, in de "
          "volgorde waarin ze zijn genoemd, precies zoals ze zijn opgeschreven.")
    )  # fmt: skip
    with st.form(f"trekking_{draw_id}"):
        text = st.text_area(t("Getallen uit de zaal, één per regel"), height=140,
                            placeholder="4\n2\n6\n1887")  # fmt: skip
        read_aloud = st.checkbox(t("De getallen zijn hardop voorgelezen en kloppen."))
        sent = st.form_submit_button(t("Trekking doen"), type="primary")
    if not sent:
        return
    inputs = [line for line in text.splitlines() if line.strip()]
    if not read_aloud:
        st.error(t("Lees de getallen eerst hardop voor en vink dat aan."))
    elif first_submission("trekking"):

        def reveal() -> int:
            index = draw_selection.reveal_draw(db, caller, draw_id, inputs)
            go_to(draw_id, 7)
            return index

        attempt(reveal, t("De trekking is gedaan."))
