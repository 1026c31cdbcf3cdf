"""Step 8 after the public draw: letters to the members, the reserves and the volunteers
who were not drawn (printable and for the print shop), and the council's contact list.

Both hold names and addresses. They are made by the service on an explicit click, which
audits it, and only kept for that one run of the page: the download buttons come with
it (a download does not run the page again), and the next click elsewhere hides them.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.components.draw.common import document_downloads
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import show_error
from dashboard.components.text import plain
from dashboard.domain.auth import Caller, PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.i18n import t
from dashboard.services import Store
from dashboard.services.draws import after_draw
from dashboard.services.draws.invitations import LetterDetails
from dashboard.services.draws.workspace import DrawState
from sortition import clock

_FILE_NAMES = {"member": "leden", "reserve": "reserves", "not_drawn": "niet-geloot"}


def render(db: Store, caller: Caller, state: DrawState) -> None:
    draw_id = state.context.draw.id
    try:
        groups = after_draw.letter_groups(db, caller, draw_id)
    except (UserError, PermissionDenied) as exc:
        st.caption(t("Brieven na de loting en contactlijst: {reden}", reden=plain(str(exc))))
        return
    # Keyed, so that a section stays open across the run its button starts (the message
    # above it disappearing used to fold it shut, with the downloads inside).
    with st.expander(t("Brieven na de loting"), key=f"brieven_na_loting_open_{draw_id}"):
        _letters(db, caller, draw_id, groups)
    with st.expander(t("Contactlijst van de raad"), key=f"contactlijst_open_{draw_id}"):
        _contacts(db, caller, draw_id)


def _letters(db: Store, caller: Caller, draw_id: int, groups: after_draw.LetterGroups) -> None:
    labels = {"member": t("Leden"), "reserve": t("Reservelijst"), "not_drawn": t("Niet geloot")}
    st.caption(
        t("Elke brief zegt wat er nu gebeurt: leden laten weten of ze meedoen, reserves "
          "horen hun plaats op de lijst, wie niet is geloot leest wat er nog kan. De "
          "brieven bevatten namen en adressen: elke keer dat u ze maakt, komt in het "
          "logboek. Bewaar ze alleen zolang nodig.")
    )  # fmt: skip
    if groups.reserves_closed is not None:
        st.caption(
            t("Uit de reservelijst wordt niemand meer gevraagd; wie erop staat, krijgt de brief "
              "voor wie niet is geloot.")
        )  # fmt: skip
    elif groups.groups["not_drawn"].letters == 0:
        st.caption(
            t("Na de openbare trekking staat iedereen die ja zei en niet is geloot op de "
              "reservelijst; de brief voor wie niet is geloot is dan voor niemand.")
        )  # fmt: skip
    with st.form(f"brieven_na_loting_{draw_id}"):
        kind = st.radio(
            t("Brieven voor"), list(labels), horizontal=True,
            format_func=lambda k: f"{labels[k]} ({groups.groups[k].letters})",
        )  # fmt: skip
        c1, c2 = st.columns(2)
        reply_by = c1.date_input(
            t("Leden laten weten of ze meedoen vóór"), clock.today() + timedelta(days=14),
            format="DD-MM-YYYY",
        )  # fmt: skip
        phone = c2.text_input(t("Telefoonnummer voor vragen"), placeholder="14 050")
        email = c1.text_input(t("E-mailadres voor vragen"), placeholder="wijkraad@gemeente.nl")
        sender = c2.text_input(t("Afzender (ondertekening)"), placeholder="Team Wijkraad")
        website = st.text_input(t("Website waar bewoners de raad volgen (mag leeg blijven)"),
                                placeholder="www.gemeente.nl/wijkraad")  # fmt: skip
        made = st.form_submit_button(t("Brieven maken"))
    if not made:
        return
    try:
        details = LetterDetails(reply_by, phone, email, sender)
        letters = after_draw.after_draw_letters(db, caller, draw_id, kind, details, website)
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    _downloads(draw_id, letters)


def _downloads(draw_id: int, letters: after_draw.AfterDrawLetters) -> None:
    st.success(
        t("{n} brieven gemaakt. Download ze nu: de pagina bewaart ze niet.",
          n=len(letters.mail_merge))
    )  # fmt: skip
    if letters.without_address:
        st.warning(
            t("{n} mensen krijgen geen brief: hun naam en adres zijn op hun verzoek gewist of "
              "niet meer bewaard.", n=letters.without_address)
        )  # fmt: skip
    name = f"brieven-{_FILE_NAMES[letters.kind]}-loting-{draw_id}"
    document_downloads(
        (t("Brieven om te printen (HTML, één brief per pagina)"),
         t("Bestand voor de drukker (CSV)")),
        letters.html, letters.mail_merge, name, f"na_loting_{draw_id}",
    )  # fmt: skip


def _contacts(db: Store, caller: Caller, draw_id: int) -> None:
    st.caption(
        t("Namen en adressen van de leden uit deze loting en de benoemde zetels van hun "
          "termijn, bijvoorbeeld voor de uitnodiging voor de eerste vergadering, met het "
          "telefoonnummer of e-mailadres van wie zich online aanmeldde. Alleen voor de "
          "organisatoren van deze wijk; elke keer dat u ze toont, komt in het logboek.")
    )  # fmt: skip
    if not st.button(t("Toon contactgegevens"), key=f"contactlijst_{draw_id}"):
        return
    try:
        found = after_draw.contact_list(db, caller, draw_id)
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    table = contact_table(found.rows)
    st.dataframe(table, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3)
    if found.without_contact:
        st.caption(
            t("Van {n} leden zijn geen naam en adres bekend (op hun verzoek gewist of niet meer "
              "bewaard).", n=found.without_contact)
        )  # fmt: skip
    st.download_button(
        t("Contactlijst (CSV)"),
        csv_bytes(table),
        file_name=f"contactlijst-loting-{draw_id}.csv",
        mime="text/csv",
        key=f"contactlijst_csv_{draw_id}",
        on_click="ignore",
    )
    st.caption(t("De lijst verdwijnt weer bij de volgende klik op deze pagina."))


def contact_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The contact list as shown and downloaded, headings and fixed words translated."""
    words = {
        "geloot": t("geloot"),
        "benoemd": t("benoemd"),
        "wijkpanel": t("wijkpanel"),
        "bevestigd": t("bevestigd"),
        "nog niet bevestigd": t("nog niet bevestigd"),
        after_draw.NO_CONTACT: t("Geen naam en adres: gewist op verzoek of niet meer bewaard"),
    }

    def word(value: object) -> str:
        return words.get(str(value), str(value))

    return pd.DataFrame(
        {
            t("Nummer"): rows["nummer"],
            t("Naam"): rows["naam"],
            t("Straat"): rows["straat"],
            t("Huisnummer"): rows["huisnummer"],
            t("Postcode"): rows["postcode"],
            t("Woonplaats"): rows["woonplaats"],
            t("Wijk"): rows["wijk"],
            t("Telefoon"): rows["telefoon"],
            t("E-mail"): rows["e-mail"],
            t("Zetel"): rows["zetel"].map(word),
            t("Status"): rows["status"].map(word),
            t("Opmerking"): rows["opmerking"].map(word),
        }
    )
