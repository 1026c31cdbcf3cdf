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
    st.write(_plan(direct))
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
    _plan_table(plan, draw_id, direct)
    st.write(_expectation(plan.expected, ctx.k, direct))
    if st.button(t("Loting uitvoeren"), type="primary", key=f"loten_{draw_id}") and (
        first_submission("uitnodigen")
    ):

        def lottery() -> int:
            drawn = inv.draw_invitations(db, caller, draw_id, int(letters), rates)
            go_to(draw_id, 3)
            return drawn

        attempt(lottery, t("De {wat} zijn geloot.", wat=what))


def _plan(direct: bool) -> str:
    """What the lottery does and what comes after it, for the draw's method."""
    if direct:
        return t(
            "Bij de directe methode gaan bezoekers langs de deur. Wijkraad loot adressen per "
            "groep (wijk en leeftijd), één adres per huishouden. Groepen waar minder mensen ja "
            "zeggen, krijgen meer adressen. Daarna maakt u bij stap 4 een looplijst per straat, "
            "gaan de bezoekers langs en zet u elk bezoek in Wijkraad. Zegt iemand nee, of is "
            "er steeds niemand thuis? Dan loot Wijkraad een nieuw adres uit dezelfde groep. Zo "
            "blijft elke groep even groot. Pas de verwachte respons per groep aan als u betere "
            "cijfers heeft, bijvoorbeeld van een vorige loting."
        )
    return t(
        "Wijkraad loot huishoudens per groep (wijk en leeftijd), één uitnodiging per "
        "huishouden. Groepen die minder vaak reageren, krijgen meer uitnodigingen. Pas de "
        "verwachte respons per groep aan als u betere cijfers heeft, bijvoorbeeld van een "
        "vorige loting."
    )


def _plan_table(plan: inv.LotteryPlan, draw_id: int, direct: bool) -> None:
    """The lottery's plan per group, with the expected response to edit."""
    strata = [str(s) for s in plan.strata["stratum"]]
    sent, answered = ("Adressen", "Verwacht ja") if direct else (
        "Uitnodigingen", "Verwachte aanmeldingen")  # fmt: skip
    table = pd.DataFrame(
        {
            "Groep": strata,
            "Inwoners": plan.strata["eligible"].astype(int),
            "Huishoudens": plan.strata["households"].astype(int),
            "Verwachte respons (%)": (100 * plan.strata["response_rate"]).round(1),
            sent: plan.strata["letters"].astype(int),
            answered: plan.strata["expected_responses"].round(1),
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
            answered: st.column_config.NumberColumn(format="localized"),
        },
        on_change=_edited,
        args=(key, draw_id, strata),
    )  # fmt: skip


def _expectation(expected: float, k: int, direct: bool) -> str:
    verdict = (
        t("genoeg voor {k} zetels", k=k) if expected >= 2 * k
        else t("waarschijnlijk te weinig voor een goede keuze uit {k} zetels", k=k)
    )  # fmt: skip
    if direct:
        return t("Verwacht: ongeveer **{n} keer ja** bij de huisbezoeken, {oordeel}.",
                 n=round(expected), oordeel=verdict)  # fmt: skip
    return t("Verwacht: ongeveer **{n} aanmeldingen**, {oordeel}.", n=round(expected),
             oordeel=verdict)  # fmt: skip


def _dutch(day: str | None) -> str:
    return date.fromisoformat(day).strftime("%d-%m-%Y") if day else "?"


def _next_visits() -> None:
    """What happens after the lottery in the direct method."""
    st.markdown(t("**Wat nu: de huisbezoeken (stap 4)**"))
    st.markdown(
        t("1. Maak bij stap 4 de looplijst: de adressen per straat, op huisnummer, met de "
          "naam van de bewoner. Print hem voor de bezoekers.\n"
          "2. De bezoekers gaan langs en schrijven bij elk adres de datum, hun naam en de "
          "uitkomst op: niet thuis, nee, later of ja. Bij ja vragen ze ook de antwoorden op "
          "de vragen van de aanmelding.\n"
          "3. Zet elk bezoek bij stap 4 in Wijkraad, met de datum en de bezoeker. Niet thuis "
          "of later: het adres komt terug op de volgende looplijst.\n"
          "4. Zegt iemand nee, of is er steeds niemand thuis? Loot dan bij stap 4 een "
          "vervanger. Wijkraad kiest een nieuw huishouden uit dezelfde groep (wijk en "
          "leeftijd); dat adres staat meteen op de looplijst.")
    )  # fmt: skip


def _after(db: Store, caller: Caller, state: DrawState) -> None:
    ctx = state.context
    draw_id = ctx.draw.id
    per_group = inv.invitations_per_stratum(db, caller, draw_id)
    day = _dutch(ctx.parameters.get("reference_date"))
    direct = ctx.draw.method == "direct"
    st.success(
        t("Geloot op {datum}: {n} adressen voor huisbezoeken.", datum=day, n=state.invitations)
        if direct
        else t("Geloot op {datum}: {n} uitnodigingen.", datum=day, n=state.invitations)
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("Groep"): per_group["stratum"],
                t("Adressen") if direct else t("Uitnodigingen"): per_group["invitations"],
                t("Waarvan vervangers"): per_group["replacements"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if direct:
        _next_visits()
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
