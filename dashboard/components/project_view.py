"""One project for residents: what it is and where, its photos, and its timeline from the
proposal to the decision, the payments and the milestones, with links to the decision's
meeting. Text first (a list of dated steps), so it reads well on a phone and with a screen
reader; the map next to it has the same places as a sentence."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.decisions_view import decision_lines
from dashboard.components.headings import heading
from dashboard.components.labels import DECISION_KIND, STATUS, label
from dashboard.components.text import plain
from dashboard.domain.money import euro
from dashboard.domain.translatable import N_
from dashboard.files.photos import photo_path
from dashboard.i18n import language, t
from dashboard.services.public_projects import ProjectDecision, ProjectPage, Step

STEP_STATUS = {
    "ingediend": N_("Voorstel ingediend"),
    "in behandeling": N_("De organisatie bekijkt het voorstel (in behandeling)"),
    "in uitvoering": N_("Het werk is begonnen"),
    "afgerond": N_("Het project is klaar"),
}


def link(page: str, **query: str) -> str:
    """A link within the app, to a page with its query (the address residents can share)."""
    return f"/{page}?{urlencode(query)}" if query else f"/{page}"


def project(page: ProjectPage, today: date) -> None:
    view, place = page.view, page.place
    p = view.project
    heading(plain(p.title))
    st.caption(t("Kenmerk {kenmerk}", kenmerk=plain(p.external_ref)))
    st.progress(
        view.progress / 100,
        text=t("{procent}% klaar", procent=view.progress) + " · " + label(STATUS, p.status),
    )
    lines = [
        f"**{t('Geld')}:** "
        + t("{toegekend} toegekend, {uitgegeven} uitgegeven",
            toegekend=euro(p.allocated, language()),
            uitgegeven=euro(p.spent, language())),
    ]  # fmt: skip
    where = plain(place.neighbourhood_name)
    if place.part_name:
        where = f"{plain(place.part_name)}, {where}"
    lines.append(f"**{t('Waar')}:** {where}")
    if p.themes:
        lines.append(f"**{t('Thema')}:** " + ", ".join(plain(theme) for theme in p.themes))
    lines.append(f"**{t('Iv3-taakveld')}:** {plain(page.taakveld.label)}")
    if view.noticeable:
        notice = t("Wat u ervan merkt") if view.noticeable_done else t("Wat u straks merkt")
        lines.append(f"**{notice}:** {plain(view.noticeable)}")
    if place.idea_reference:
        lines.append(
            t(
                "Dit project begon als idee van een bewoner: {idee}.",
                idee=plain(place.idea_reference),
            )
        )
    st.markdown("  \n".join(lines))
    photos(page)
    timeline(page, today)
    decisions(page)


def photos(page: ProjectPage) -> None:
    shown = [(photo, path) for photo in page.photos if (path := photo_path(photo.path))]
    heading(t("Foto's"), 3)
    if not shown:
        st.write(t("Van dit project zijn nog geen foto's."))
        return
    columns = st.columns(min(3, len(shown)))
    for number, (photo, path) in enumerate(shown):
        when = f" ({long_date(photo.day)})" if photo.day else ""
        columns[number % len(columns)].image(
            str(path), caption=t("Foto bij “{mijlpaal}”", mijlpaal=photo.milestone) + when
        )


def timeline(page: ProjectPage, today: date) -> None:
    heading(t("Tijdlijn"), 3)
    st.write(
        t(
            "Van voorstel tot besluit, betalingen en mijlpalen, de oudste eerst. Wat nog "
            "gepland is, staat onderaan."
        )
    )
    done = [s for s in page.steps if not s.planned]
    ahead = [s for s in page.steps if s.planned]
    st.markdown("\n".join(f"- {_step(s, today)}" for s in done) or t("Nog geen stappen."))
    if ahead:
        st.markdown("**" + t("Nog te doen") + "**")
        st.markdown("\n".join(f"- {_step(s, today)}" for s in ahead))


def _step(step: Step, today: date) -> str:
    day = f"**{long_date(step.day)}**" if step.day else f"**{t('Nog geen datum')}**"
    if step.status is not None:
        return f"{day}: {t(STEP_STATUS[step.status.to_status])}"
    if step.decision is not None:
        d = step.decision
        text = f"{day}: {t('Besluit')}: {label(DECISION_KIND, d.kind)}"
        if d.amount is not None:
            text += f" ({euro(d.amount, language())})"
        if d.meeting_id is not None and d.meeting_on is not None:
            text += ", " + t("in de vergadering van {datum}", datum=long_date(d.meeting_on))
        return text + f" · [{t('lees het besluit')}](#besluit-{d.id})"
    if step.payment is not None:
        pay = step.payment
        if pay.is_correction:
            return f"{day}: " + t(
                "Correctie van een betaling: {bedrag}", bedrag=euro(pay.amount, language())
            )
        return f"{day}: " + t("Betaling van {bedrag}", bedrag=euro(pay.amount, language()))
    m = step.milestone
    assert m is not None
    if step.planned:
        text = f"{day}: {t('Mijlpaal')}: {plain(m.title)}"
        if step.day is not None and step.day < today:
            text += " · " + t("later dan gepland")
        return text
    text = f"{day}: {t('Mijlpaal klaar')}: {plain(m.title)}"
    if m.noticeable:
        text += f". {t('Wat u ervan merkt')}: {plain(m.noticeable)}"
    return text


def decisions(page: ProjectPage) -> None:
    heading(t("Besluiten over dit project"), 3)
    code = page.place.neighbourhood_code
    for d in page.decisions:
        with st.container(border=True):
            _decision(page, d, code)
    everything = t(
        "Alle besluiten van de wijkraad van {wijk}", wijk=plain(page.place.neighbourhood_name)
    )
    st.markdown(f"[{everything}]({link('resident_decisions', wijk=code)})")


def _decision(page: ProjectPage, d: ProjectDecision, code: str) -> None:
    st.html(f'<span id="besluit-{d.id}"></span>')  # where the timeline's link lands
    st.markdown(f"**{label(DECISION_KIND, d.kind)}** · {long_date(d.decided_on)}")
    lines = decision_lines(d)
    meeting = page.meetings.get(d.meeting_id) if d.meeting_id is not None else None
    if meeting is not None:
        when = long_date(meeting.held_on, weekday=True)
        if meeting.starts_at is not None:
            when += " " + t("om {tijd}", tijd=f"{meeting.starts_at:%H:%M}")
        text = t("Genomen in de openbare vergadering van {wanneer} in {plaats}.", wanneer=when,
                 plaats=plain(meeting.location))  # fmt: skip
        if meeting.minutes_published:
            text += " " + (
                f"[{t('Lees de notulen van deze vergadering')}]"
                f"({link('resident_decisions', wijk=code, tab='vergaderingen')})"
            )
        lines.append(f"**{t('Vergadering')}:** {text}")
    st.markdown("  \n".join(lines))
