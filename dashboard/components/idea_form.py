"""The residents' form for an idea: the idea, its buurt and (optionally) its place on the
neighbourhood's map and a photo, and how the organiser can reach the resident, with what
happens to those details. Sent once per showing (`forms.first_submission`), within the
per-client limit on ideas; afterwards the reference to keep and what happens next.

No `st.form`: the map, which fills in the place, sits between the fields where it belongs
(a chart cannot live in a form), and Enter in a field does not send a half-filled idea.
"""

from __future__ import annotations

import streamlit as st

from dashboard import services
from dashboard.components.budget import place
from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.components.headings import heading
from dashboard.domain.ideas import TITLE_MAX
from dashboard.domain.models import Neighbourhood, NeighbourhoodPart
from dashboard.i18n import t
from dashboard.services import Store, privacy
from dashboard.services.budget.ideas import IdeaInput, submit_idea
from dashboard.services.budget.proposals import theme_names
from dashboard.web import client_limits

LIST_PAGE = "dashboard/pages/resident_ideas.py"
FORM_PAGE = "dashboard/pages/resident_idea.py"
SENT = "idee_verstuurd"  # the reference of the idea just sent, until a new one is begun
PHOTO_MB = 5


def render(db: Store, hood: Neighbourhood) -> None:
    sent = st.session_state.get(SENT)
    if sent:
        _what_now(str(sent))
        return
    parts = services.neighbourhood_parts(db, hood.id)
    themes = theme_names(db)
    title = st.text_input(t("Titel van uw idee"), max_chars=TITLE_MAX, key=form_key("idee_titel"))
    text = st.text_area(
        t("Beschrijf uw idee"),
        help=t("Wat wilt u doen, waar, en wie in de wijk heeft er iets aan?"),
        key=form_key("idee_tekst"),
    )
    cost = st.text_input(
        t("Wat kost het ongeveer? (euro)"),
        placeholder="1.250",
        help=t("Een ruwe schatting is goed. Kost het niets, vul dan 0 in."),
        key=form_key("idee_kosten"),
    )
    theme = st.selectbox(
        t("Thema"),
        list(themes),
        format_func=lambda code: themes.get(code, str(code)),
        index=None,
        placeholder=t("Kies een thema"),
        key=form_key("idee_thema"),
    )
    names = {p.id: p.name for p in parts}
    part = st.selectbox(
        t("Buurt (mag leeg)"),
        list(names),
        format_func=lambda i: names[i],
        index=None,
        placeholder=t("Kies een buurt"),
        key=form_key(f"idee_buurt_{hood.id}"),
    )
    location = _place(hood, parts)
    photo = st.file_uploader(
        t("Foto (JPEG of PNG, hoogstens {mb} MB; mag leeg)", mb=PHOTO_MB),
        type=["jpg", "jpeg", "png"],
        max_upload_size=PHOTO_MB,
        key=form_key("idee_foto"),
    )
    heading(t("Hoe kunnen we u bereiken?"))
    name = st.text_input(t("Uw naam"), autocomplete="name", key=form_key("idee_naam"))
    phone = st.text_input(t("Telefoonnummer"), autocomplete="tel", key=form_key("idee_telefoon"))
    email = st.text_input(t("E-mailadres"), autocomplete="email", key=form_key("idee_email"))
    _privacy_notice()
    if not st.button(t("Idee versturen"), type="primary", key=form_key("idee_versturen")):
        return
    too_many = client_limits.refusal(client_limits.IDEAS, client_limits.current_client())
    if too_many:
        st.error(too_many)
        return
    if not first_submission("idee"):
        return
    data = IdeaInput(
        hood.id, title, text, cost, theme, name, email, phone, part_id=part,
        location=location, photo=photo.getvalue() if photo is not None else None,
    )  # fmt: skip
    attempt(lambda: submit_idea(db, data), _remember)


def _place(hood: Neighbourhood, parts: list[NeighbourhoodPart]) -> str:
    """The place as clicked on the map (or typed); empty when none."""
    field = form_key(f"idee_plek_{hood.id}")
    with st.expander(t("Plek op de kaart (mag leeg)")):
        st.caption(t("Tik of klik op een stip: die plek komt in het veld onder de kaart."))
        place.pick_place(hood, parts, field, form_key(f"idee_kaart_{hood.id}"))
        return str(
            st.text_input(
                t("Gekozen plek"),
                help=t("Breedtegraad, lengtegraad. Maak het veld leeg voor geen plek."),
                key=field,
            )
        )


def _privacy_notice() -> None:
    st.markdown(
        f"**{t('Wat doen we met uw gegevens?')}**\n\n- "
        + t(
            "Alleen de organisatoren van uw wijk zien uw naam, telefoonnummer en "
            "e-mailadres, om u te bereiken over dit idee. Ze komen nooit op de website, in "
            "een download of in het logboek."
        )
        + "\n- "
        + t(
            "We bewaren ze tot {dagen} dagen nadat over uw idee is beslist; daarna worden "
            "ze gewist. Eerder wissen? Vraag het de gemeente en noem uw kenmerk.",
            dagen=privacy.retention_days(),
        )
        + "\n- "
        + t(
            "Uw idee zelf (titel, omschrijving, kosten, buurt en foto) komt op de website "
            "zodra een organisator het heeft bekeken. Zet er dus geen namen of adressen in, "
            "en geen herkenbare mensen op de foto."
        )
    )


def _remember(reference: str) -> str:
    st.session_state[SENT] = reference
    return t("Dank u wel! Uw idee is verstuurd.")


def _what_now(reference: str) -> None:
    st.markdown(
        t(
            "Uw kenmerk is **{kenmerk}**. Bewaar het: daarmee vindt u uw idee terug en "
            "noemt u het als u contact opneemt.",
            kenmerk=reference,
        )
    )
    heading(t("Wat gebeurt er nu?"))
    st.markdown(
        "1. "
        + t("Een organisator van uw wijk leest uw idee en belt of mailt u als er vragen zijn.")
        + "\n2. "
        + t(
            "Daarna staat het op de lijst Ideeën uit de buurt, zonder uw naam. Wil een ander "
            "hetzelfde, dan voegen we de ideeën samen. Gaat het niet door, dan leest u daar "
            "waarom."
        )
        + "\n3. "
        + t(
            "Een goed idee wordt een voorstel voor de wijkraad. De raad beslist erover in een "
            "openbare vergadering; op de lijst ziet u hoe ver het is."
        )
    )
    st.page_link(LIST_PAGE, label=t("Naar de ideeën uit de buurt"))
    if st.button(t("Nog een idee indienen"), key="idee_nog_een"):
        st.session_state.pop(SENT, None)
        st.rerun()
