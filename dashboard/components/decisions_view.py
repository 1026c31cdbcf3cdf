"""Residents' view of decisions, projects and meetings: text first, so it reads well on
a phone and with a screen reader; progress bars always carry their number in words."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol
from urllib.parse import urlencode

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.exports import rows_csv
from dashboard.components.headings import heading, item
from dashboard.components.labels import CONSULTATION, DECISION_KIND, STATUS, label
from dashboard.components.text import plain
from dashboard.domain import waiting
from dashboard.domain.money import euro
from dashboard.files.photos import photo_path
from dashboard.i18n import language, t
from dashboard.services.public import ProjectView, PublishedDecision, WaitingProposal


def decision_list(decisions: list[PublishedDecision]) -> None:
    if not decisions:
        st.info(t("In dit jaar zijn geen openbare besluiten genomen."))
        return
    public_download(
        t("Deze besluiten als CSV"),
        lambda: decisions_csv(decisions),
        file_name=t("besluiten.csv"),
        mime="text/csv",
        key="besluiten_csv",
    )
    for number, decision in enumerate(decisions):
        with item("besluit", number):
            _decision(decision)


class DecidedVote(Protocol):
    """What a published decision and a project's decision both tell (read only)."""

    @property
    def amount(self) -> Decimal | None: ...
    @property
    def rationale(self) -> str: ...
    @property
    def votes_for(self) -> int: ...
    @property
    def votes_against(self) -> int: ...
    @property
    def votes_abstain(self) -> int: ...
    @property
    def members_present(self) -> int: ...


def decision_lines(d: DecidedVote) -> list[str]:
    """A decision's amount, reason and vote, one Markdown line each."""
    lines = []
    if d.amount is not None:
        lines.append(f"**{t('Bedrag')}:** {euro(d.amount, language())}")
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
    return lines


def _decision(d: PublishedDecision) -> None:
    subject = plain(d.proposal_title) if d.proposal_title else t("Besluit van de wijkraad")
    ref = f" ({plain(d.proposal_ref)})" if d.proposal_ref else ""
    heading(f"{label(DECISION_KIND, d.kind)}: {subject}{ref}")
    where = f" · {plain(d.meeting_location)}" if d.meeting_location else ""
    st.caption(t("Besloten op {datum}", datum=long_date(d.decided_on)) + where)
    lines = decision_lines(d)
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
        select_all=False,
    )
    everything = t("Alle thema's")
    theme = right.selectbox(t("Thema"), [everything, *themes], key="project_thema")
    behind = st.checkbox(
        t("Alleen projecten die stilstaan of later zijn dan gepland"), key="project_achter"
    )
    shown = [
        p
        for p in projects
        if p.project.status in chosen_statuses
        and (theme == everything or theme in p.project.themes)
        and (not behind or p.stalled or p.late_milestones > 0)
    ]
    st.write(t("{aantal} van de {totaal} projecten", aantal=len(shown), totaal=len(projects)))
    public_download(
        t("Deze projecten als CSV"),
        lambda: projects_csv(shown),
        file_name=t("projecten.csv"),
        mime="text/csv",
        key="projecten_csv",
    )
    for number, view in enumerate(shown):
        with item("project", number):
            _project(view)


def _project(view: ProjectView) -> None:
    p = view.project
    heading(f"{plain(p.title)} ({plain(p.external_ref)})")
    st.progress(
        view.progress / 100,
        text=t("{procent}% klaar", procent=view.progress)
        + (
            " · " + t("{klaar} van {totaal} mijlpalen klaar", klaar=view.milestones_done,
                      totaal=view.milestones)
            if view.milestones else ""
        )
        + f" · {_status(view)}",
    )  # fmt: skip
    lines = []
    if view.noticeable:
        notice = t("Wat u ervan merkt") if view.noticeable_done else t("Wat u straks merkt")
        lines.append(f"**{notice}:** {plain(view.noticeable)}")
    lines += _under_way(view)
    share = f" ({round(100 * p.spent / p.allocated)}%)" if p.allocated > 0 else ""
    lines.append(
        f"**{t('Geld')}:** "
        + t("{toegekend} toegekend, {uitgegeven} uitgegeven",
            toegekend=euro(p.allocated, language()),
            uitgegeven=euro(p.spent, language()))
        + share
    )  # fmt: skip
    if view.overspent:
        lines.append("⚠️ " + t("Er is meer uitgegeven dan toegekend."))
    if p.themes:
        lines.append(f"**{t('Thema')}:** " + ", ".join(plain(theme) for theme in p.themes))
    st.markdown("  \n".join(lines))
    more = f"/resident_project?{urlencode({'project': p.external_ref})}"
    st.markdown(f"[{t('Tijdlijn, foto’s en kaart van dit project')}]({more})")
    picture = photo_path(view.photo) if view.photo else None
    if picture is not None:
        st.image(
            str(picture),
            caption=t("Foto bij “{mijlpaal}”", mijlpaal=view.photo_title or ""),
            width=360,
        )


def _status(view: ProjectView) -> str:
    """The project's status in words; a decided project with work done is not "nog niet
    begonnen", even before the organiser marks it as under way."""
    work_done = view.milestones > 0 and view.progress > 0  # without milestones: the default
    if view.project.status == "besloten" and work_done:
        return t("Besloten, al begonnen")
    return label(STATUS, view.project.status)


def _under_way(view: ProjectView) -> list[str]:
    """What comes next for an unfinished project, and whether it is late or stalled."""
    lines = []
    if view.next_step is not None:
        step = plain(view.next_step.what)
        if view.next_step.planned_on is not None:
            step += ", " + t("gepland op {datum}", datum=long_date(view.next_step.planned_on))
            if view.next_step_late:
                step += " · " + t("later dan gepland")
        lines.append(f"**{t('Volgende stap')}:** {step}")
    if view.late_milestones > 1:
        lines.append(t("{aantal} stappen zijn later dan gepland.", aantal=view.late_milestones))
    if view.stalled:
        lines.append(_stalled(view.quiet_weeks))
    return lines


def _stalled(weeks: int) -> str:
    return t(
        "Staat stil: al {weken} weken geen nieuws (geen nieuwe stap, mijlpaal of betaling).",
        weken=weeks,
    )


def open_proposal_list(proposals: list[WaitingProposal]) -> None:
    """Proposals waiting for the council's decision: since when, stalled or not, and the
    meeting where the council can decide."""
    if not proposals:
        st.info(t("Er wachten geen voorstellen op een besluit van de wijkraad."))
        return
    stalled = sum(1 for p in proposals if p.stalled)
    summary = t("{aantal} voorstellen wachten op een besluit van de wijkraad.",
                aantal=len(proposals))  # fmt: skip
    if stalled:
        summary += " " + t(
            "{aantal} daarvan staan stil: al meer dan {weken} weken is er niets mee gebeurd.",
            aantal=stalled,
            weken=waiting.STALLED_WEEKS,
        )
    st.write(summary)
    public_download(
        t("Deze voorstellen als CSV"),
        lambda: open_proposals_csv(proposals),
        file_name=t("voorstellen.csv"),
        mime="text/csv",
        key="voorstellen_csv",
    )
    for number, proposal in enumerate(proposals):
        with item("voorstel", number):
            _open_proposal(proposal)


def _open_proposal(waiting_item: WaitingProposal) -> None:
    p = waiting_item.proposal
    heading(f"{plain(p.title)} ({plain(p.external_ref)})")
    lines = [
        f"**{t('Status')}:** {label(STATUS, p.status)}, "
        + t("sinds {datum}", datum=long_date(p.status_since)),
        f"**{t('Ingediend')}:** {long_date(p.submitted_on)}",
        f"**{t('Volgende stap')}:** {_meeting_step(waiting_item.next_step)}",
    ]
    if waiting_item.stalled:
        lines.append(_stalled(waiting_item.quiet_weeks))
    st.markdown("  \n".join(lines))


def _meeting_step(step: waiting.Planned) -> str:
    if step.planned_on is None:
        return t("Er is nog geen vergadering gepland waarin de wijkraad kan besluiten.")
    return t(
        "De wijkraad kan erover besluiten in de vergadering van {datum}.",
        datum=long_date(step.planned_on, weekday=True),
    )


def decisions_csv(decisions: list[PublishedDecision]) -> bytes:
    """The published decisions as shown, one row each, in the page's language (amounts
    as 1234,50 in Dutch, 1234.50 in English)."""
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
        language(),
    )  # fmt: skip


def projects_csv(projects: list[ProjectView]) -> bytes:
    return rows_csv(
        [t("Kenmerk"), t("Project"), t("Status"), t("Voortgang (%)"), t("Toegekend"),
         t("Uitgegeven"), t("Thema"), t("Wat u ervan merkt"), t("Volgende stap"),
         t("Gepland op"), t("Weken zonder nieuws"), t("Staat stil")],
        [
            [v.project.external_ref, v.project.title, label(STATUS, v.project.status),
             v.progress, _amount(v.project.allocated), _amount(v.project.spent),
             ", ".join(v.project.themes), v.noticeable or "",
             v.next_step.what if v.next_step else "", _day(v.next_step),
             v.quiet_weeks, _yes(v.stalled)]
            for v in projects
        ],
        language(),
    )  # fmt: skip


def open_proposals_csv(proposals: list[WaitingProposal]) -> bytes:
    return rows_csv(
        [t("Kenmerk"), t("Voorstel"), t("Status"), t("Sinds"), t("Ingediend"),
         t("Weken zonder nieuws"), t("Staat stil"), t("Volgende vergadering")],
        [
            [w.proposal.external_ref, w.proposal.title, label(STATUS, w.proposal.status),
             w.proposal.status_since.isoformat(), w.proposal.submitted_on.isoformat(),
             w.quiet_weeks, _yes(w.stalled), _day(w.next_step)]
            for w in proposals
        ],
        language(),
    )  # fmt: skip


def _day(step: waiting.Planned | None) -> str:
    return step.planned_on.isoformat() if step and step.planned_on else ""


def _yes(flag: bool) -> str:
    return t("ja") if flag else t("nee")


def _amount(amount: Decimal | None) -> Decimal | str:
    return "" if amount is None else amount  # rows_csv writes it the language's way
