"""A neighbourhood's news as an Atom feed and its meetings as a calendar file, with links
to the residents' pages at WIJKRAAD_PUBLIC_URL, in the language of the page that offers
them (`dashboard.i18n.language()`): Dutch, or English with `?lang=en` like the pages. The
fixed words are translated; what people typed (titles, places, agendas) stays as typed.
The same bytes are served at a fixed address (`dashboard/web/routes.py`:
/feed/WK001.atom, /agenda/WK001.ics, each with `?lang=en` for English) and offered as
downloads on the residents' pages."""

from __future__ import annotations

import os
from datetime import datetime, time
from urllib.parse import quote, urlencode, urlsplit

from dashboard.components.dates import long_date
from dashboard.config import PUBLIC_URL, public_url
from dashboard.domain.money import euro
from dashboard.domain.translatable import N_
from dashboard.files.atom import Entry, Feed, atom_bytes, stable_id
from dashboard.files.ical import Event, calendar_bytes
from dashboard.i18n import DEFAULT, QUERY_KEY, language, t
from dashboard.services.follow import Agenda, News, NewsItem
from sortition import clock
from sortition.clock import AMSTERDAM

FEED_PATH = "feed"
AGENDA_PATH = "agenda"
DECISION_WORDS = {
    "toekennen": N_("geld toegekend"),
    "bijstellen": N_("bedrag aangepast"),
    "afwijzen": N_("afgewezen"),
    "overig": N_("ander besluit"),
}


def _asked() -> dict[str, str]:
    """The address's language part: nothing for Dutch, `lang=en` for English."""
    chosen = language()
    return {} if chosen == DEFAULT else {QUERY_KEY: chosen}


def _with_language(path: str) -> str:
    asked = _asked()
    return path + (f"?{urlencode(asked)}" if asked else "")


def feed_path(code: str) -> str:
    """The feed's address on this server (a link on a page works on any host and port),
    in the page's language."""
    return _with_language(f"/{FEED_PATH}/{quote(code)}.atom")


def agenda_path(code: str) -> str:
    return _with_language(f"/{AGENDA_PATH}/{quote(code)}.ics")


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
    """A residents' page, in the language of the feed or calendar that links to it."""
    query = {**query, **_asked()}
    return f"{base or public_url()}/{page}" + (f"?{urlencode(query)}" if query else "")


def feed_bytes(news: News, base: str | None = None) -> bytes:
    hood = news.neighbourhood
    entries = [_entry(news, item, base) for item in news.items]
    newest = max((e.updated for e in entries), default=_moment(clock.today()))
    return atom_bytes(
        Feed(
            id=stable_id("wijkraad", news.municipality, "nieuws", hood.code),
            title=t("Wijkraad {wijk}: besluiten, betalingen en mijlpalen", wijk=hood.name),
            subtitle=t(
                "Nieuws van de wijkraad van {wijk}: gepubliceerde besluiten, betalingen voor "
                "projecten en mijlpalen die klaar zijn.",
                wijk=hood.name,
            ),
            updated=newest,
            self_link=feed_url(hood.code, base),
            page_link=page_url("resident_decisions", base, wijk=hood.code),
            author=t("Wijkraad {wijk}", wijk=hood.name),
            rights=t(
                "Vrij te gebruiken onder CC0 1.0 Universeel: iedereen mag dit nieuws zonder "
                "voorwaarden gebruiken, delen en bewerken. "
                "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
            ),
            language=language(),
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
    """Title, summary and category of an item, in the feed's language."""
    project = f"{item.project_title} ({item.project_ref})" if item.project_ref else ""
    day = long_date(item.day)
    if item.kind == "besluit":
        what = t(DECISION_WORDS.get(item.decision_kind or "", N_("besluit")))
        title = t("Besluit: {wat}", wat=what) + (f": {project}" if project else "")
        if item.amount is None:
            summary = t("De wijkraad besloot op {datum}: {wat}.", datum=day, wat=what)
        else:
            summary = t("De wijkraad besloot op {datum}: {wat} ({bedrag}).", datum=day,
                        wat=what, bedrag=euro(item.amount, language()))  # fmt: skip
        return title, summary, t("Besluit")
    if item.kind == "betaling":
        amount = euro(item.amount, language()) if item.amount is not None else ""
        if item.is_correction:
            return (
                t("Correctie van een betaling: {bedrag} voor {project}", bedrag=amount,
                  project=project),
                t("Op {datum} is een eerdere betaling voor {project} gecorrigeerd: {bedrag}.",
                  datum=day, project=project, bedrag=amount),
                t("Betaling"),
            )  # fmt: skip
        return (
            t("Betaling: {bedrag} voor {project}", bedrag=amount, project=project),
            t("Op {datum} is {bedrag} betaald voor {project}.", datum=day, bedrag=amount,
              project=project),
            t("Betaling"),
        )  # fmt: skip
    summary = t("Klaar op {datum}: {mijlpaal}.", datum=day, mijlpaal=item.milestone)
    if item.noticeable:
        summary += " " + t("Wat u ervan merkt: {wat}", wat=item.noticeable)
    title = t("Mijlpaal klaar: {mijlpaal} ({project})", mijlpaal=item.milestone, project=project)
    return title, summary, t("Mijlpaal")


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
        description = (
            t("Agenda: {agenda}", agenda=m.agenda)
            + "\n\n"
            + t("De vergadering is openbaar: iedereen mag komen luisteren.")
        )
        if m.minutes_published:
            description += "\n" + t("De notulen staan op {adres}", adres=minutes)
        events.append(
            Event(
                uid=stable_id("wijkraad", agenda.municipality, "vergadering", m.id).removeprefix(
                    "urn:uuid:"
                )
                + "@wijkraad",
                day=m.held_on,
                starts=starts,
                ends=ends,
                summary=t("Vergadering wijkraad {wijk}", wijk=hood.name),
                location=m.location,
                description=description,
                url=page,
                sequence=m.changes,
            )
        )
    return calendar_bytes(t("Wijkraad {wijk}: vergaderingen", wijk=hood.name), events, clock.now())


def _moment(day: object) -> datetime:
    return datetime.combine(day, time(0, 0), AMSTERDAM)  # type: ignore[arg-type]
