"""Residents: the council's next meetings with their time, place and agenda, each in the
calendar, and how to follow the neighbourhood without an account (a news feed and a
calendar to subscribe to, at fixed addresses, or as downloads)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.follow_files import (
    agenda_path,
    agenda_url,
    calendar_file,
    feed_bytes,
    feed_path,
    feed_url,
    site_url,
)
from dashboard.components.headings import heading
from dashboard.components.text import plain
from dashboard.i18n import t
from dashboard.services.follow import Agenda, News, PublicMeeting


def here() -> str:
    """The app's address as this visitor reaches it (WIJKRAAD_PUBLIC_URL when set)."""
    return site_url(st.context.url)


def when(meeting: PublicMeeting) -> str:
    """ "donderdag 3 december 2026, 19:30 tot 21:30" (the time when it is known)."""
    text = long_date(meeting.held_on, weekday=True)
    if meeting.starts_at is None:
        return text + ", " + t("tijd volgt")
    if meeting.ends_at is None:
        return text + ", " + t("vanaf {begin}", begin=f"{meeting.starts_at:%H:%M}")
    return (
        text
        + ", "
        + t(
            "{begin} tot {eind}",
            begin=f"{meeting.starts_at:%H:%M}",
            eind=f"{meeting.ends_at:%H:%M}",
        )
    )


def meeting_list(agenda: Agenda, today: date) -> None:
    """The planned public meetings from today on, and the calendar file of all of them."""
    planned = [m for m in agenda.meetings if m.status == "gepland" and m.held_on >= today]
    if not planned:
        st.info(t("Er zijn nog geen nieuwe vergaderingen gepland."))
    else:
        st.write(t("De vergaderingen zijn openbaar: iedereen mag komen luisteren."))
        for meeting in planned:
            with st.container(border=True):
                st.markdown(
                    f"**{when(meeting)}**  \n"
                    f"**{t('Plaats')}:** {plain(meeting.location)}  \n"
                    f"**{t('Agenda')}:** {plain(meeting.agenda)}"
                )
                if meeting.changes:
                    st.caption(
                        t(
                            "Let op: deze vergadering is verplaatst of gewijzigd. Hierboven "
                            "staan de nieuwe datum, tijd en plaats."
                        )
                    )
    code = agenda.neighbourhood.code
    base = here()
    public_download(
        t("Alle vergaderingen in uw agenda (.ics)"),
        lambda: calendar_file(agenda, base),
        file_name=t("vergaderingen-{wijk}.ics", wijk=code),
        mime="text/calendar",
        key=f"agenda_ics_{code}",
    )
    st.write(
        t(
            "Of abonneer uw agenda op dit adres: dan komen nieuwe vergaderingen en wijzigingen "
            "vanzelf in uw agenda."
        )
    )
    st.code(agenda_url(code, base), language=None)
    st.markdown(f"[{t('Open de agenda')}]({agenda_path(code)})")


def follow_box(news: News) -> None:
    """Follow the neighbourhood: its news feed, as an address and as a file."""
    hood = news.neighbourhood
    heading(t("Volg deze wijk"))
    st.write(
        t(
            "Wilt u weten wanneer de wijkraad iets besluit, er iets wordt betaald of een "
            "project een stap verder is? Zet dit adres in een feedlezer (RSS of Atom). U heeft "
            "er geen account voor nodig."
        )
    )
    base = here()
    st.code(feed_url(hood.code, base), language=None)
    st.markdown(f"[{t('Open het nieuws')}]({feed_path(hood.code)})")
    public_download(
        t("Het nieuws van {wijk} als bestand (Atom)", wijk=plain(hood.name)),
        lambda: feed_bytes(news, base),
        file_name=t("nieuws-{wijk}.atom", wijk=hood.code),
        mime="application/atom+xml",
        key=f"feed_{hood.code}",
    )
