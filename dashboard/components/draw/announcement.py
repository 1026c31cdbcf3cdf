"""Step 7, before the inputs: announce the ceremony (moment, place, how the inputs are
chosen, the fingerprint) on the residents' page "Openbare trekkingen"; change it while
the ceremony has not begun (each change stays readable there)."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta

import streamlit as st

from dashboard.components.ceremonies_view import CEREMONIES_PAGE, moment
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.components.text import plain
from dashboard.domain.announcements import MAX_METHOD, MAX_PLACE
from dashboard.domain.auth import Caller
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import announcement as draw_announcement
from dashboard.services.draws.announcement import AnnouncementState
from sortition import clock
from sortition.clock import AMSTERDAM

DEFAULT_TIME = time(19, 30)


def render(db: Store, caller: Caller, draw_id: int, revealed: bool) -> None:
    state = draw_announcement.announcement_state(db, caller, draw_id)
    st.markdown(t("**Aankondiging van de trekking**"))
    if state.latest is not None:
        _summary(state)
    if revealed:
        if state.latest is None:
            st.caption(t("Deze trekking is niet vooraf aangekondigd op de website."))
        return
    if state.refusal is not None:
        st.info(plain(state.refusal))
        return
    if state.latest is None:
        st.warning(
            t("Nog niet aangekondigd. Maak de trekking vooraf bekend: wanneer en waar, hoe de "
              "getallen uit de zaal worden gekozen, en de controlecode. Dan kan iedereen "
              "erbij zijn en nagaan dat de lijst vastlag.")
        )  # fmt: skip
        _form(db, caller, draw_id, state)
        return
    if not state.current:
        st.warning(
            t("De controlecode is veranderd sinds de aankondiging. Publiceer de aankondiging "
              "opnieuw: dan staat de nieuwe controlecode erin.")
        )  # fmt: skip
        _form(db, caller, draw_id, state)
        return
    with st.expander(t("Aankondiging wijzigen")):
        _form(db, caller, draw_id, state)


def _summary(state: AnnouncementState) -> None:
    said = state.latest
    assert said is not None
    st.markdown(
        t("Aangekondigd voor **{moment}** in {plaats}. Zo worden de getallen gekozen: "
          "{methode}", moment=moment(said.held_at), plaats=plain(said.location),
          methode=plain(said.input_method))
    )  # fmt: skip
    st.caption(
        t("Gepubliceerd op {moment} (versie {versie}) met controlecode {begin}….",
          moment=moment(said.published_at), versie=said.version, begin=said.commitment[:12])
    )  # fmt: skip
    st.page_link(CEREMONIES_PAGE, label=t("Bekijk de aankondiging zoals bewoners haar zien"))
    local = said.held_at.replace(tzinfo=UTC)
    if state.current and state.refusal is None and local > clock.now():
        st.caption(
            t("Voer de getallen pas in tijdens de aangekondigde bijeenkomst.")
        )  # fmt: skip


def _defaults(state: AnnouncementState) -> tuple[date, time, str, str]:
    said = state.latest
    if said is None or not state.current:
        return clock.today() + timedelta(days=14), DEFAULT_TIME, "", ""
    local = said.held_at.replace(tzinfo=UTC).astimezone(AMSTERDAM)
    return local.date(), local.time().replace(tzinfo=None), said.location, said.input_method


def _form(db: Store, caller: Caller, draw_id: int, state: AnnouncementState) -> None:
    day, at, place, method = _defaults(state)
    with st.form(form_key(f"aankondiging_{draw_id}")):
        c1, c2 = st.columns(2)
        chosen_day = c1.date_input(t("Datum van de trekking"), day, format="DD-MM-YYYY")
        chosen_time = c2.time_input(t("Begintijd"), at, step=timedelta(minutes=5))
        location = st.text_input(
            t("Plaats"), place, max_chars=MAX_PLACE,
            placeholder=t("Bijvoorbeeld: Wijkcentrum De Ster, grote zaal"),
        )  # fmt: skip
        how = st.text_area(
            t("Hoe worden de getallen uit de zaal gekozen?"), method, max_chars=MAX_METHOD,
            placeholder=t("Bijvoorbeeld: drie mensen uit de zaal noemen elk een getal van 1 "
                          "tot 1000."),
        )  # fmt: skip
        sent = st.form_submit_button(t("Aankondiging publiceren"), type="primary")
    if not sent:
        return
    if not isinstance(chosen_day, date) or chosen_time is None:
        st.error(t("Kies een datum en een begintijd."))
        return
    if not first_submission(f"aankondiging_{draw_id}"):
        return
    attempt(
        lambda: draw_announcement.publish_announcement(
            db, caller, draw_id, chosen_day, chosen_time, location, how
        ),
        lambda version: t(
            "De aankondiging is gepubliceerd (versie {versie}). Bewoners zien haar op de "
            "pagina Openbare trekkingen.",
            versie=version,
        ),
    )
