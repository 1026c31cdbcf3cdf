"""Residents' view of decisions, projects and meetings: text first, so it reads well on
a phone and with a screen reader; progress bars always carry their number in words."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.exports import rows_csv
from dashboard.components.labels import CONSULTATION, DECISION_KIND, STATUS, label
from dashboard.components.text import plain
from dashboard.domain.models import Meeting
from dashboard.domain.money import euro
from dashboard.files.photos import photo_path
from dashboard.i18n import t
from dashboard.services.public import ProjectView, PublishedDecision


def decision_list(decisions: list[PublishedDecision]) -> None:
    if not decisions:
        st.info(t("In dit jaar zijn geen openbare besluiten genomen."))
        return
    public_download(
        t("Deze besluiten als CSV"),
        lambda: decisions_csv(decisions),
        file_name="besluiten.csv",
        mime="text/csv",
        key="besluiten_csv",
    )
    for decision in decisions:
        with st.container(border=True):
            _decision(decision)


def _decision(d: PublishedDecision) -> None:
    subject = plain(d.proposal_title) if d.proposal_title else t("Besluit van de wijkraad")
    ref = f" ({plain(d.proposal_ref)})" if d.proposal_ref else ""
    st.markdown(f"**{label(DECISION_KIND, d.kind)}: {subject}**{ref}")
    where = f" · {plain(d.meeting_location)}" if d.meeting_location else ""
    st.caption(t("Besloten op {datum}", datum=long_date(d.decided_on)) + where)
    lines = []
    if d.amount is not None:
        lines.append(f"**{t('Bedrag')}:** {euro(d.amount)}")
    lines.append(f"**{t('Waarom')}:** {plain(d.rationale)}")
    lines.append(
        f"**{t('Stemming')}:** "
        + t(
            "{voor} voor, {tegen} tegen, {onthouding} onthouding ({aanwezig} leden aanwezig)",
            voor=d.votes_for,
            tegen=d.votes_against,
            onthouding=d.votes_abstain,
            aanwezig=d.members_present,
        )
    )
    asked = label(CONSULTATION, d.consultation_method or "geen")
    if d.consultation_question:
        asked += " " + t(
            "Vraag aan bewoners: “{vraag}” ({aantal} deelnemers).",
            vraag=plain(d.consultation_question),
            aantal=d.consultation_participants or 0,
        )
    lines.append(f"**{t('Bewoners')}:** {asked}")
    st.markdown("  \n".join(lines))


def project_list(projects: list[ProjectView]) -> None:
    if not projects:
        st.info(t("Er zijn nog geen projecten waarvoor geld is toegekend."))
        return
    statuses = sorted({p.project.status for p in projects}, key=lambda s: list(STATUS).index(s))
    themes = sorted({theme for p in projects for theme in p.project.themes})
    left, right = st.columns(2)
    chosen_statuses = left.multiselect(
        t("Status"),
        statuses,
        default=statuses,
        format_func=lambda s: label(STATUS, s),
        key="project_status",
        placeholder=t("Kies een of meer statussen"),
    )
    everything = t("Alle thema's")
    theme = right.selectbox(t("Thema"), [everything, *themes], key="project_thema")
    shown = [
        p
        for p in projects
        if p.project.status in chosen_statuses
        and (theme == everything or theme in p.project.themes)
    ]
    st.write(t("{aantal} van de {totaal} projecten", aantal=len(shown), totaal=len(projects)))
    public_download(
        t("Deze projecten als CSV"),
        lambda: projects_csv(shown),
        file_name="projecten.csv",
        mime="text/csv",
        key="projecten_csv",
    )
    for view in shown:
        with st.container(border=True):
            _project(view)


def _project(view: ProjectView) -> None:
    p = view.project
    st.markdown(f"**{plain(p.title)}** ({plain(p.external_ref)})")
    st.progress(
        view.progress / 100,
        text=t("{procent}% klaar", procent=view.progress)
        + (
            " · " + t("{klaar} van {totaal} mijlpalen klaar", klaar=view.milestones_done,
                      totaal=view.milestones)
            if view.milestones else ""
        )
        + f" · {label(STATUS, p.status)}",
    )  # fmt: skip
    lines = []
    if view.noticeable:
        heading = t("Wat u ervan merkt") if view.noticeable_done else t("Wat u straks merkt")
        lines.append(f"**{heading}:** {plain(view.noticeable)}")
    share = f" ({round(100 * p.spent / p.allocated)}%)" if p.allocated > 0 else ""
    lines.append(
        f"**{t('Geld')}:** "
        + t("{toegekend} toegekend, {uitgegeven} uitgegeven", toegekend=euro(p.allocated),
            uitgegeven=euro(p.spent))
        + share
    )  # fmt: skip
    if view.overspent:
        lines.append("⚠️ " + t("Er is meer uitgegeven dan toegekend."))
    if p.themes:
        lines.append(f"**{t('Thema')}:** " + ", ".join(plain(theme) for theme in p.themes))
    st.markdown("  \n".join(lines))
    picture = photo_path(view.photo) if view.photo else None
    if picture is not None:
        st.image(
            str(picture),
            caption=t("Foto bij “{mijlpaal}”", mijlpaal=view.photo_title or ""),
            width=360,
        )


def meeting_list(meetings: list[Meeting]) -> None:
    if not meetings:
        st.info(t("Er zijn nog geen nieuwe vergaderingen gepland."))
        return
    st.write(t("De vergaderingen zijn openbaar: iedereen mag komen luisteren."))
    for meeting in meetings:
        with st.container(border=True):
            st.markdown(
                f"**{long_date(meeting.held_on, weekday=True)}** · {plain(meeting.location)}  \n"
                f"**{t('Agenda')}:** {plain(meeting.agenda)}"
            )


def decisions_csv(decisions: list[PublishedDecision]) -> bytes:
    """The published decisions as shown, one row each (amounts as 1234,50)."""
    return rows_csv(
        [t("Datum"), t("Besluit"), t("Kenmerk"), t("Voorstel"), t("Bedrag"), t("Voor"),
         t("Tegen"), t("Onthouding"), t("Aanwezig"), t("Waarom"), t("Bewoners")],
        [
            [d.decided_on.isoformat(), label(DECISION_KIND, d.kind), d.proposal_ref or "",
             d.proposal_title or "", _amount(d.amount), d.votes_for, d.votes_against,
             d.votes_abstain, d.members_present, d.rationale,
             label(CONSULTATION, d.consultation_method or "geen")]
            for d in decisions
        ],
    )  # fmt: skip


def projects_csv(projects: list[ProjectView]) -> bytes:
    return rows_csv(
        [t("Kenmerk"), t("Project"), t("Status"), t("Voortgang (%)"), t("Toegekend"),
         t("Uitgegeven"), t("Thema"), t("Wat u ervan merkt")],
        [
            [v.project.external_ref, v.project.title, label(STATUS, v.project.status),
             v.progress, _amount(v.project.allocated), _amount(v.project.spent),
             ", ".join(v.project.themes), v.noticeable or ""]
            for v in projects
        ],
    )  # fmt: skip


def _amount(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")
