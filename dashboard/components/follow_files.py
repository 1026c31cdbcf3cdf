"""A neighbourhood's news as an Atom feed and its meetings as a calendar file, in Dutch,
with links to the residents' pages at WIJKRAAD_PUBLIC_URL. The same bytes are served at
a fixed address (`dashboard/web/routes.py`: /feed/WK001.atom, /agenda/WK001.ics) and
offered as downloads on the residents' pages."""

from __future__ import annotations

import os
from datetime import datetime, time
from urllib.parse import quote, urlencode, urlsplit

from dashboard.config import PUBLIC_URL, public_url
from dashboard.domain.money import euro
from dashboard.domain.open_data import LICENCE_TEXT
from dashboard.files.atom import Entry, Feed, atom_bytes, stable_id
from dashboard.files.ical import Event, calendar_bytes
from dashboard.services.follow import Agenda, News, NewsItem
from sortition import clock
from sortition.clock import AMSTERDAM

FEED_PATH = "feed"
AGENDA_PATH = "agenda"
OPEN_MEETING = "De vergadering is openbaar: iedereen mag komen luisteren."
DECISION_WORDS = {
    "toekennen": "geld toegekend",
    "bijstellen": "bedrag aangepast",
    "afwijzen": "afgewezen",
    "overig": "ander besluit",
}


def feed_path(code: str) -> str:
    """The feed's address on this server (a link on a page works on any host and port)."""
    return f"/{FEED_PATH}/{quote(code)}.atom"


def agenda_path(code: str) -> str:
    return f"/{AGENDA_PATH}/{quote(code)}.ics"


def site_url(seen: str | None = None) -> str:
    """Where residents reach the app: WIJKRAAD_PUBLIC_URL when it is set, else the address
    the visitor used (`seen`: the page's or the request's), else the default."""
    if os.environ.get(PUBLIC_URL, "").strip() or not seen:
        return public_url()
    parts = urlsplit(seen)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return public_url()


def feed_url(code: str, base: str | None = None) -> str:
    """The feed's address for a feed reader."""
    return (base or public_url()) + feed_path(code)


def agenda_url(code: str, base: str | None = None) -> str:
    return (base or public_url()) + agenda_path(code)


def page_url(page: str, base: str | None = None, **query: str) -> str:
    return f"{base or public_url()}/{page}" + (f"?{urlencode(query)}" if query else "")


def feed_bytes(news: News, base: str | None = None) -> bytes:
    hood = news.neighbourhood
    entries = [_entry(news, item, base) for item in news.items]
    newest = max((e.updated for e in entries), default=_moment(clock.today()))
    return atom_bytes(
        Feed(
            id=stable_id("wijkraad", news.municipality, "nieuws", hood.code),
            title=f"Wijkraad {hood.name}: besluiten, betalingen en mijlpalen",
            subtitle=(
                f"Nieuws van de wijkraad van {hood.name}: gepubliceerde besluiten, betalingen "
                "voor projecten en mijlpalen die klaar zijn."
            ),
            updated=newest,
            self_link=feed_url(hood.code, base),
            page_link=page_url("resident_decisions", base, wijk=hood.code),
            author=f"Wijkraad {hood.name}",
            rights=LICENCE_TEXT,
            language="nl",
            entries=entries,
        )
    )


def _entry(news: News, item: NewsItem, base: str | None) -> Entry:
    title, summary, label = _words(item)
    link = (
        page_url("resident_project", base, project=item.project_ref)
        if item.project_ref and (item.kind != "besluit" or item.decision_kind != "afwijzen")
        else page_url("resident_decisions", base, wijk=news.neighbourhood.code)
    )
    return Entry(
        id=stable_id("wijkraad", news.municipality, item.kind, item.key),
        title=title,
        updated=_moment(item.day),
        summary=summary,
        link=link,
        category=item.kind,
        category_label=label,
    )


def _words(item: NewsItem) -> tuple[str, str, str]:
    """Title, summary and category of an item, in Dutch."""
    project = f"{item.project_title} ({item.project_ref})" if item.project_ref else ""
    day = f"{item.day:%d-%m-%Y}"
    if item.kind == "besluit":
        what = DECISION_WORDS.get(item.decision_kind or "", "besluit")
        title = f"Besluit: {what}" + (f": {project}" if project else "")
        summary = f"De wijkraad besloot op {day}: {what}"
        summary += f" ({euro(item.amount)})." if item.amount is not None else "."
        return title, summary, "Besluit"
    if item.kind == "betaling":
        amount = euro(item.amount) if item.amount is not None else ""
        if item.is_correction:
            return (f"Correctie van een betaling: {amount} voor {project}",
                    f"Op {day} is een eerdere betaling voor {project} gecorrigeerd: {amount}.",
                    "Betaling")  # fmt: skip
        return (f"Betaling: {amount} voor {project}",
                f"Op {day} is {amount} betaald voor {project}.", "Betaling")  # fmt: skip
    summary = f"Klaar op {day}: {item.milestone}."
    if item.noticeable:
        summary += f" Wat u ervan merkt: {item.noticeable}"
    return f"Mijlpaal klaar: {item.milestone} ({project})", summary, "Mijlpaal"


def calendar_file(agenda: Agenda, base: str | None = None) -> bytes:
    hood = agenda.neighbourhood
    page = page_url("resident_decisions", base, wijk=hood.code)
    minutes = page_url("resident_decisions", base, wijk=hood.code, tab="vergaderingen")
    events = []
    for m in agenda.meetings:
        starts = (
            None if m.starts_at is None else datetime.combine(m.held_on, m.starts_at, AMSTERDAM)
        )
        ends = None if m.ends_at is None else datetime.combine(m.held_on, m.ends_at, AMSTERDAM)
        description = f"Agenda: {m.agenda}\n\n{OPEN_MEETING}"
        if m.minutes_published:
            description += f"\nDe notulen staan op {minutes}"
        events.append(
            Event(
                uid=stable_id("wijkraad", agenda.municipality, "vergadering", m.id).removeprefix(
                    "urn:uuid:"
                )
                + "@wijkraad",
                day=m.held_on,
                starts=starts,
                ends=ends,
                summary=f"Vergadering wijkraad {hood.name}",
                location=m.location,
                description=description,
                url=page,
            )
        )
    return calendar_bytes(f"Wijkraad {hood.name}: vergaderingen", events, clock.now())


def _moment(day: object) -> datetime:
    return datetime.combine(day, time(0, 0), AMSTERDAM)  # type: ignore[arg-type]
