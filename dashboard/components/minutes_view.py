"""Residents' view of past meetings: the published minutes with the date, place, agenda,
how many members were there (a number, never who) and the decisions taken."""

from __future__ import annotations

from datetime import UTC, date, datetime

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.headings import heading
from dashboard.components.labels import DECISION_KIND, label
from dashboard.components.text import plain, plain_lines
from dashboard.domain.money import euro
from dashboard.i18n import language, t
from dashboard.services.public import MinutesDecision, MinutesView
from sortition.clock import AMSTERDAM


def minutes_list(views: list[MinutesView]) -> None:
    heading(t("Verslagen van vergaderingen"))
    if not views:
        st.info(t("Er zijn nog geen notulen van vergaderingen gepubliceerd."))
        return
    for number, view in enumerate(views):
        m = view.minutes
        title = f"{long_date(m.held_on, weekday=True)} · {plain(m.location)}"
        with st.expander(title, expanded=number == 0):
            _minutes(view)


def _minutes(view: MinutesView) -> None:
    m = view.minutes
    st.markdown(
        f"**{t('Agenda')}:** {plain(m.agenda)}  \n"
        f"**{t('Aanwezig')}:** " + t("{aantal} leden van de wijkraad", aantal=m.members_present)
    )
    st.markdown(f"**{t('Notulen')}**")
    st.markdown(plain_lines(m.text))
    published = long_date(_local_day(m.published_on))
    if m.version > 1:
        st.caption(
            t("Verbeterde versie ({versie}), gepubliceerd op {datum}.", versie=m.version,
              datum=published)
            + " "
            + t("Wat is verbeterd: {reden}", reden=plain(m.correction_reason or ""))
        )  # fmt: skip
    else:
        st.caption(t("Gepubliceerd op {datum}.", datum=published))
    st.markdown(f"**{t('Besluiten in deze vergadering')}**")
    if not view.decisions:
        st.write(t("In deze vergadering zijn geen openbare besluiten genomen."))
        return
    st.markdown("\n".join(f"- {_decision(d)}" for d in view.decisions))


def _decision(d: MinutesDecision) -> str:
    subject = plain(d.proposal_title) if d.proposal_title else t("Besluit van de wijkraad")
    ref = f" ({plain(d.proposal_ref)})" if d.proposal_ref else ""
    amount = f" · {euro(d.amount, language())}" if d.amount is not None else ""
    votes = t(
        "{voor} voor, {tegen} tegen, {onthouding} onthouding",
        voor=d.votes_for,
        tegen=d.votes_against,
        onthouding=d.votes_abstain,
    )
    return f"{label(DECISION_KIND, d.kind)}: {subject}{ref}{amount} · {votes}"


def _local_day(moment: datetime) -> date:
    """Stored moments are naive UTC; residents read the day in Amsterdam."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM).date()
