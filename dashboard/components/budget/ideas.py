"""Tab *Ideeën*: the ideas residents sent in online. The waiting ones first; for the idea
chosen, what the resident wrote (as text) and the steps its status allows: publish it,
merge it into a published idea, reject it with a reason residents read, or make a
proposal of a published idea. The contact is shown on request only, and each look is
audited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.budget.page import BookPage
from dashboard.components.clock import local_moment
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.components.text import plain, plain_lines
from dashboard.domain.auth import PermissionDenied
from dashboard.domain.errors import UserError
from dashboard.domain.ideas import MERGE_TARGETS, OPEN, IdeaStatus
from dashboard.domain.money import euro
from dashboard.files.photos import photo_path
from dashboard.services.budget.ideas import (
    IdeaLine,
    idea_to_proposal,
    merge_idea,
    neighbourhood_ideas,
    proposer_contact,
    publish_idea,
    reject_idea,
)

STATUS_WORDS = {
    IdeaStatus.INGEDIEND: "wacht op beoordeling",
    IdeaStatus.GEPUBLICEERD: "gepubliceerd",
    IdeaStatus.SAMENGEVOEGD: "samengevoegd",
    IdeaStatus.AFGEWEZEN: "afgewezen",
    IdeaStatus.VOORSTEL: "voorstel",
}


def render(page: BookPage) -> None:
    lines = neighbourhood_ideas(page.db, page.caller, page.hood_id)
    if not lines:
        st.info(
            "Uit deze wijk zijn nog geen ideeën ingestuurd. Bewoners sturen ze in op de "
            "pagina Idee indienen."
        )
        return
    waiting = sum(1 for line in lines if line.idea.status == IdeaStatus.INGEDIEND)
    st.markdown(
        f"**{waiting} {'idee wacht' if waiting == 1 else 'ideeën wachten'} op beoordeling.** "
        "Bewoners zien een idee pas als u het publiceert, samenvoegt of afwijst."
    )
    st.dataframe(_table(lines), hide_index=True, width="stretch")
    by_id = {line.idea.id: line for line in lines}
    chosen = st.selectbox(
        "Idee", list(by_id), format_func=lambda i: _label(by_id[i]), key="idee_gekozen"
    )
    if chosen is None:
        return
    line = by_id[chosen]
    with st.container(border=True):
        _details(line)
    if line.idea.status == IdeaStatus.INGEDIEND:
        _publish(page, line)
    if line.idea.status == IdeaStatus.GEPUBLICEERD:
        _to_proposal(page, line)
    if line.idea.status in OPEN:
        _merge(page, line, lines)
        _reject(page, line)
    _contact(page, line)


def _table(lines: list[IdeaLine]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kenmerk": [line.idea.reference for line in lines],
            "Titel": [line.idea.title for line in lines],
            "Status": [STATUS_WORDS.get(IdeaStatus(line.idea.status), "") for line in lines],
            "Ingediend": [local_moment(line.idea.submitted_at) for line in lines],
            "Kosten": [euro(line.idea.estimated_cost) for line in lines],
            "Voorstel": [line.proposal_reference or "" for line in lines],
        }
    )


def _label(line: IdeaLine) -> str:
    status = STATUS_WORDS.get(IdeaStatus(line.idea.status), line.idea.status)
    return f"{line.idea.reference} · {line.idea.title} ({status})"


def _details(line: IdeaLine) -> None:
    idea = line.idea
    status = STATUS_WORDS.get(IdeaStatus(idea.status), idea.status)
    st.markdown(f"**{plain(idea.title)}** ({plain(idea.reference)}, {status})")
    facts = [
        f"Ingediend {local_moment(idea.submitted_at)}",
        f"thema {line.theme}",
        f"kosten volgens de indiener {euro(idea.estimated_cost)}",
    ]
    if line.part_name:
        facts.append(f"buurt {line.part_name}")
    if idea.location is not None:
        facts.append(f"plek {idea.location[0]:.5f}, {idea.location[1]:.5f}")
    st.caption(plain(" · ".join(facts)))
    st.markdown(plain_lines(idea.description))
    picture = photo_path(idea.photo_path) if idea.photo_path else None
    if picture is not None:
        st.image(str(picture), caption="Foto van de indiener (openbaar na publiceren)")
    if idea.status == IdeaStatus.SAMENGEVOEGD:
        st.info(f"Samengevoegd met {line.merged_into_reference or '?'}.")
    elif idea.status == IdeaStatus.AFGEWEZEN:
        hidden = " De titel staat niet op de openbare lijst." if idea.text_hidden else ""
        st.info(plain(f"Afgewezen. Reden (openbaar): {idea.rejection_reason}.{hidden}"))
    elif idea.status == IdeaStatus.VOORSTEL:
        st.info(
            f"Voorstel {line.proposal_reference} in het huishoudboekje "
            f"({line.proposal_status}); zie de tab Voorstellen."
        )


def _publish(page: BookPage, line: IdeaLine) -> None:
    idea = line.idea
    st.caption("Publiceren: bewoners zien het idee met de foto, nooit de naam of het contact.")
    if st.button(
        "Idee publiceren", type="primary", key=form_key(f"idee_publiceren_{idea.id}")
    ) and first_submission(f"idee_publiceren_{idea.id}"):
        attempt(
            lambda: publish_idea(page.db, page.caller, idea.id),
            f"Idee {idea.reference} is gepubliceerd.",
        )


def _to_proposal(page: BookPage, line: IdeaLine) -> None:
    idea = line.idea
    st.caption(
        "Het voorstel krijgt de titel, de omschrijving, de kosten, het thema, de buurt, de "
        "plek en het contact van het idee, als ingediend door een bewoner."
    )
    if st.button(
        "Maak er een voorstel van", type="primary", key=form_key(f"idee_voorstel_{idea.id}")
    ) and first_submission(f"idee_voorstel_{idea.id}"):
        attempt(
            lambda: idea_to_proposal(page.db, page.caller, idea.id),
            lambda ref: (
                f"Voorstel {ref} is gemaakt van idee {idea.reference}; u vindt het "
                "in de tab Voorstellen."
            ),
        )


def _merge(page: BookPage, line: IdeaLine, lines: list[IdeaLine]) -> None:
    idea = line.idea
    targets = {
        other.idea.id: other
        for other in lines
        if other.idea.id != idea.id and other.idea.status in MERGE_TARGETS
    }
    with st.form(form_key(f"idee_samenvoegen_{idea.id}")):
        st.markdown("**Samenvoegen** met een gepubliceerd idee dat hetzelfde wil")
        into = st.selectbox(
            "Samenvoegen met",
            list(targets),
            format_func=lambda i: _label(targets[i]),
            index=None,
            placeholder="Kies een gepubliceerd idee",
        )
        if st.form_submit_button("Idee samenvoegen") and first_submission(f"samenvoegen_{idea.id}"):
            into_ref = targets[into].idea.reference if into in targets else "?"
            attempt(
                lambda: merge_idea(page.db, page.caller, idea.id, into),
                f"Idee {idea.reference} is samengevoegd met {into_ref}.",
            )


def _reject(page: BookPage, line: IdeaLine) -> None:
    idea = line.idea
    with st.form(form_key(f"idee_afwijzen_{idea.id}")):
        st.markdown("**Afwijzen** (bewoners lezen de reden op de openbare lijst)")
        reason = st.text_area("Reden van afwijzing (verplicht, openbaar)")
        hide = st.checkbox(
            "Titel niet openbaar tonen (beledigend, of er staan persoonsgegevens in)"
        )
        if st.form_submit_button("Idee afwijzen") and first_submission(f"afwijzen_{idea.id}"):
            attempt(
                lambda: reject_idea(page.db, page.caller, idea.id, reason, hide),
                f"Idee {idea.reference} is afgewezen; bewoners lezen de reden.",
            )


def _contact(page: BookPage, line: IdeaLine) -> None:
    """How to reach whoever proposed the idea: on request only, and each look is audited."""
    idea = line.idea
    if idea.status == IdeaStatus.VOORSTEL:
        st.caption(
            f"Het contact van de indiener staat nu bij voorstel {line.proposal_reference} "
            "(tab Voorstellen)."
        )
        return
    if not line.has_contact:
        st.caption("Van dit idee zijn geen contactgegevens (meer) opgeslagen.")
        return
    st.caption("Contact van de indiener: persoonsgegevens, elke keer inzien komt in het logboek.")
    if not st.button("Contact van de indiener tonen", key=f"idee_contact_{idea.id}"):
        return
    try:
        found = proposer_contact(page.db, page.caller, idea.id)
    except (UserError, PermissionDenied) as exc:
        show_error(exc)
        return
    if found is None:
        st.info("Van dit idee zijn geen contactgegevens (meer) opgeslagen.")
        return
    lines = [f"Naam: {found.name}"]
    lines += [f"E-mail: {found.email}"] if found.email else []
    lines += [f"Telefoon: {found.phone}"] if found.phone else []
    st.text("\n".join(lines))  # as typed: no Markdown, no links made of it
