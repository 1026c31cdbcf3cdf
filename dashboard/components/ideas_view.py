"""Residents' view of the ideas from their neighbourhood: each with where it stands, from
published to the council's decision on the proposal it became; a merged or rejected idea
with its reason. What residents typed is shown as text; no name, phone number or e-mail
address is ever here (the public query does not read them)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.clock import local_day
from dashboard.components.dates import long_date
from dashboard.components.headings import heading, item
from dashboard.components.labels import STATUS, label
from dashboard.components.text import plain, plain_lines
from dashboard.domain.ideas import IdeaStatus
from dashboard.domain.money import euro
from dashboard.files.photos import photo_path
from dashboard.i18n import language, t
from dashboard.services.public import PublicIdea

ORDER = (
    IdeaStatus.GEPUBLICEERD,
    IdeaStatus.VOORSTEL,
    IdeaStatus.SAMENGEVOEGD,
    IdeaStatus.AFGEWEZEN,
)


def status_name(status: str) -> str:
    return {
        IdeaStatus.GEPUBLICEERD: t("Gepubliceerd"),
        IdeaStatus.VOORSTEL: t("Voorstel voor de wijkraad"),
        IdeaStatus.SAMENGEVOEGD: t("Samengevoegd"),
        IdeaStatus.AFGEWEZEN: t("Afgewezen"),
    }.get(status, status)  # type: ignore[call-overload]


def idea_list(ideas: list[PublicIdea]) -> None:
    if not ideas:
        st.info(t("Uit deze wijk zijn nog geen ideeën gepubliceerd."))
        return
    st.caption(
        t(
            "Gepubliceerd: een organisator heeft het idee bekeken. Voorstel: het idee ligt bij "
            "de wijkraad; erachter staat hoe ver de raad is. Samengevoegd: het gaat verder "
            "samen met een idee dat hetzelfde wil. Afgewezen: het gaat niet door, met de reden."
        )
    )
    present = [s for s in ORDER if any(i.status == s for i in ideas)]
    chosen = st.multiselect(
        t("Status"),
        present,
        default=present,
        format_func=status_name,
        key="ideeen_status",
        placeholder=t("Kies een of meer statussen"),
        select_all=False,
    )
    shown = [i for i in ideas if i.status in chosen]
    st.write(t("{aantal} van de {totaal} ideeën", aantal=len(shown), totaal=len(ideas)))
    for number, idea in enumerate(shown):
        with item("idee", number):
            _idea(idea)


def _idea(idea: PublicIdea) -> None:
    title = plain(idea.title) if idea.title else t("Titel niet getoond")
    heading(f"{title} ({plain(idea.reference)})")
    st.caption(
        status_name(idea.status)
        + " · "
        + t("sinds {datum}", datum=long_date(local_day(idea.status_since)))
    )
    outcome = _outcome(idea)
    lines = [outcome] if outcome else []
    lines.append(f"**{t('Thema')}:** {plain(idea.theme)}")
    if idea.part_name:
        lines.append(f"**{t('Buurt')}:** {plain(idea.part_name)}")
    if idea.estimated_cost is not None:
        lines.append(
            f"**{t('Kosten volgens de indiener')}:** {euro(idea.estimated_cost, language())}"
        )
    lines.append(f"**{t('Ingediend')}:** {long_date(local_day(idea.submitted_at))}")
    st.markdown("  \n".join(lines))
    if idea.description:
        st.markdown(plain_lines(idea.description))
    picture = photo_path(idea.photo_path) if idea.photo_path else None
    if picture is not None:
        st.image(str(picture), caption=t("Foto van de indiener"), width="stretch")


def _outcome(idea: PublicIdea) -> str | None:
    if idea.status == IdeaStatus.VOORSTEL and idea.proposal_reference:
        return f"**{t('Voorstel')}:** {plain(idea.proposal_reference)} · " + label(
            STATUS, idea.proposal_status
        )
    if idea.status == IdeaStatus.SAMENGEVOEGD and idea.merged_into_reference:
        other = plain(idea.merged_into_reference)
        if idea.merged_into_title:
            other += f" ({plain(idea.merged_into_title)})"
        return f"**{t('Samengevoegd met')}:** {other}"
    if idea.status == IdeaStatus.AFGEWEZEN and idea.rejection_reason:
        return f"**{t('Reden')}:** {plain(idea.rejection_reason)}"
    return None
