"""Step 3: the invitation lottery with its oversampling table, then the mail-merge file
and the printable letters (two-stage) or the list of home visits (direct)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard.components.draw.common import go_to
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import attempt, first_submission, show_error
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import invitations as inv
from dashboard.services.draws.workspace import DrawState
from sortition import clock

_RATES = "_lottery_rates"
_VERSION = "_lottery_table_version"
_LETTERS = "_letters_html"


def _rates(draw_id: int) -> dict[str, float]:
    store: dict[int, dict[str, float]] = st.session_state.setdefault(_RATES, {})
    return store.setdefault(draw_id, {})


def _edited(key: str, draw_id: int, strata: list[str]) -> None:
    """The oversampling table was edited: keep the new rates, draw a fresh table."""
    changes = st.session_state.get(key, {}).get("edited_rows", {})
    rates = _rates(draw_id)
    for row, values in changes.items():
        value = values.get("Verwachte respons (%)")
        if value is not None and int(row) < len(strata):
            rates[strata[int(row)]] = float(value) / 100
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def render(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    direct = ctx.draw.method == "direct"
    what = t("huisbezoeken") if direct else t("brieven")
    st.subheader(t("Stap 3. Uitnodigen: de loting van de {wat}", wat=what))
    if state.register_rows == 0:
        st.info(t("Lees eerst het uittreksel uit het bevolkingsregister in (stap 2)."))
        return
    if state.invitations:
        _after(db, caller, state)
        return
    st.write(
        t(
            "Wijkraad loot huishoudens per groep (wijk en leeftijd), één uitnodiging per "
            "huishouden. Groepen die minder vaak reageren, krijgen meer uitnodigingen. Pas de "
            "verwachte respons per groep aan als u betere cijfers heeft, bijvoorbeeld van een "
            "vorige loting."
        )
    )
    draw_id = ctx.draw.id
    rates = _rates(draw_id)
    average = 0.15 if direct else 0.05
    suggested = max(1, math.ceil(5 * ctx.k / average))
    room = inv.lottery_room(db, caller, draw_id)
    households = room.households
    if room.not_drawable:
        st.caption(
            t("{n} inwoners doen niet mee: zij zitten in deze raad of zaten er minder dan "
              "{maanden} maanden geleden in.", n=room.not_drawable,
              maanden=ctx.council.cool_down_months)
        )  # fmt: skip
    if room.erased:
        st.caption(
            t("{n} inwoners doen niet mee: hun naam en adres zijn op hun verzoek gewist.",
              n=room.erased)
        )  # fmt: skip
    if households == 0:
        st.error(t("In het uittreksel woont niemand van {leeftijd} jaar of ouder.",
                   leeftijd=ctx.min_age))  # fmt: skip
        return
    letters = st.number_input(
        t("Aantal {wat}", wat=what), 1, max(households, 1), min(suggested, households),
        key=f"aantal_{draw_id}",
        help=t("Er zijn {n} huishoudens met iemand van {leeftijd} jaar of ouder.",
               n=households, leeftijd=ctx.min_age),
    )  # fmt: skip
    try:
        plan = inv.lottery_plan(db, caller, draw_id, int(letters), rates)
    except UserError as exc:
        show_error(exc)
        return
    strata = [str(s) for s in plan.strata["stratum"]]
    table = pd.DataFrame(
        {
            "Groep": strata,
            "Inwoners": plan.strata["eligible"].astype(int),
            "Huishoudens": plan.strata["households"].astype(int),
            "Verwachte respons (%)": (100 * plan.strata["response_rate"]).round(1),
            "Uitnodigingen": plan.strata["letters"].astype(int),
            "Verwachte aanmeldingen": plan.strata["expected_responses"].round(1),
        }
    )
    key = f"respons_{draw_id}_{st.session_state.get(_VERSION, 0)}"
    st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[c for c in table.columns if c != "Verwachte respons (%)"],
        column_config={
            "Verwachte respons (%)": st.column_config.NumberColumn(
                t("Verwachte respons (%)"), min_value=0.1, max_value=100.0, step=0.5,
                help=t("Welk deel van de uitgenodigden ja zegt, naar verwachting."),
                format="localized",
            ),
            "Verwachte aanmeldingen": st.column_config.NumberColumn(format="localized"),
        },
        on_change=_edited,
        args=(key, draw_id, strata),
    )  # fmt: skip
    expected = plan.expected
    verdict = (
        t("genoeg voor {k} zetels", k=ctx.k) if expected >= 2 * ctx.k
        else t("waarschijnlijk te weinig voor een goede keuze uit {k} zetels", k=ctx.k)
    )  # fmt: skip
    st.write(
        t("Verwacht: ongeveer **{n} aanmeldingen**, {oordeel}.", n=round(expected), oordeel=verdict)
    )
    if st.button(t("Loting uitvoeren"), type="primary", key=f"loten_{draw_id}") and (
        first_submission("uitnodigen")
    ):

        def lottery() -> int:
            drawn = inv.draw_invitations(db, caller, draw_id, int(letters), rates)
            go_to(draw_id, 3)
            return drawn

        attempt(lottery, t("De {wat} zijn geloot.", wat=what))


def _dutch(day: str | None) -> str:
    return date.fromisoformat(day).strftime("%d-%m-%Y") if day else "?"


def _after(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    per_group = inv.invitations_per_stratum(db, caller, draw_id)
    day = _dutch(ctx.parameters.get("reference_date"))
    st.success(t("Geloot op {datum}: {n} uitnodigingen.", datum=day, n=state.invitations))
    st.dataframe(
        pd.DataFrame(
            {
                t("Groep"): per_group["stratum"],
                t("Uitnodigingen"): per_group["invitations"],
                t("Waarvan vervangers"): per_group["replacements"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if ctx.draw.method == "direct":
        st.info(t("De adressen voor de huisbezoeken en de uitkomsten staan bij stap 4."))
        return
    st.markdown(t("**Brieven maken**"))
    st.caption(
        t(
            "Het bestand voor de drukker (samenvoegen in Word) en de brieven bevatten namen en "
            "adressen. Bewaar ze alleen zolang nodig en deel ze niet verder."
        )
    )
    st.download_button(
        t("Bestand voor de drukker (CSV)"),
        csv_bytes(inv.mail_merge(db, caller, draw_id)),  # not lazily: see ceremony_step
        file_name=f"uitnodigingen-loting-{draw_id}.csv",
        mime="text/csv",
        key=f"samenvoegen_{draw_id}",
        on_click="ignore",
    )
    with st.form(f"brieven_{draw_id}"):
        c1, c2 = st.columns(2)
        reply_by = c1.date_input(t("Aanmelden vóór"), clock.today() + timedelta(days=21),
                                 format="DD-MM-YYYY")  # fmt: skip
        phone = c2.text_input(t("Telefoonnummer voor vragen en aanmelden"), placeholder="14 050")
        email = c1.text_input(t("E-mailadres voor aanmelden"), placeholder="wijkraad@gemeente.nl")
        sender = c2.text_input(t("Afzender (ondertekening)"), placeholder="Team Wijkraad")
        made = st.form_submit_button(t("Brieven maken"))
    if made:
        try:
            details = inv.LetterDetails(reply_by, phone, email, sender)
            st.session_state[_LETTERS] = (draw_id, inv.letters_file(db, caller, draw_id, details))
        except UserError as exc:
            show_error(exc)
    made_letters = st.session_state.get(_LETTERS)
    if made_letters and made_letters[0] == draw_id:
        st.download_button(
            t("Brieven om te printen (HTML, één brief per pagina)"),
            made_letters[1].encode("utf-8"),
            file_name=f"brieven-loting-{draw_id}.html",
            mime="text/html",
            key=f"brieven_html_{draw_id}",
            on_click="ignore",
        )
