"""Letters after the draw: to the members drawn, to the reserves and to the volunteers who
were not drawn, each saying plainly what happens next. Printable HTML (the invitation
letters' layout, dashboard/files/draw_documents.py) and a mail-merge table (made into a
CSV by dashboard/components/exports.py). Pure: rows in, a table or HTML out.

They hold names and addresses: made only when an organiser asks for them, never stored
or logged. "Geloot" means chosen; the letters never say "uitgeloot", which Dutch readers
take as not chosen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.files.draw_documents import (
    LetterSettings,
    dutch_date,
    html_page,
    letter_head,
    salutation,
)

MEMBER, RESERVE, NOT_DRAWN = "member", "reserve", "not_drawn"
KINDS = (MEMBER, RESERVE, NOT_DRAWN)
KIND_WORDS = {MEMBER: "lid", RESERVE: "reserve", NOT_DRAWN: "niet geloot"}
TITLES = {
    MEMBER: "Brieven aan de leden",
    RESERVE: "Brieven aan de reservelijst",
    NOT_DRAWN: "Brieven aan wie niet is geloot",
}
MAIL_MERGE_COLUMNS = (
    "soort", "aanhef", "voornaam", "achternaam", "straat", "huisnummer", "postcode", "woonplaats",
    "wijk", "bevestigd", "reserveplaats", "antwoord_voor", "termijn_begint", "termijn_eindigt",
    "vergadering",
)  # fmt: skip


@dataclass(frozen=True)
class Meeting:
    """The council's next planned meeting in the term (the first one for a new term)."""

    held_on: date
    location: str


@dataclass(frozen=True)
class AfterDrawSettings:
    """The invitation letters' settings (`letter.reply_by`: the day members answer by)
    and what the letters after the draw add."""

    letter: LetterSettings
    panel: bool  # a wijkpanel, not a council: no term, no meetings
    seats: int
    term_starts: date | None
    term_ends: date | None
    meeting: Meeting | None
    website: str = ""


def _e(value: object) -> str:
    return html.escape(str(value))


def _questions(s: LetterSettings) -> str:
    return f"Bel {_e(s.phone)} of mail naar {_e(s.email)}"


def _where(s: AfterDrawSettings) -> str:
    return "het wijkpanel" if s.panel else "de raad"


def _group(s: AfterDrawSettings) -> str:
    name = _e(s.letter.council_name)
    return f"het wijkpanel van de {name}" if s.panel else f"de {name}"


def _term(s: AfterDrawSettings, confirmed: bool) -> str:
    if s.panel or s.term_ends is None:
        return ""
    ends = dutch_date(s.term_ends)
    if s.term_starts is not None and s.term_starts > s.letter.dated:
        when = f"Uw termijn begint op {dutch_date(s.term_starts)} en loopt tot {ends}."
    elif confirmed:
        when = f"U zit in de raad tot {ends}."
    else:
        when = f"De raad is al begonnen. U zit in de raad vanaf de dag dat u ja zegt, tot {ends}."
    return f"<p>{when} De raad komt ongeveer één keer in de zes weken bij elkaar.</p>"


def _meeting(s: AfterDrawSettings) -> str:
    if s.panel:
        return (
            "<p>Als lid van het wijkpanel vragen wij u af en toe naar uw mening over plannen "
            "voor de wijk.</p>"
        )
    started = s.term_starts is not None and s.term_starts <= s.letter.dated
    which = "volgende" if started else "eerste"
    if s.meeting is None:
        return f"<p>Wij laten u op tijd weten wanneer de {which} vergadering is.</p>"
    return (
        f"<p>De {which} vergadering is op {dutch_date(s.meeting.held_on)} in "
        f"{_e(s.meeting.location)}. U krijgt daarvoor nog een uitnodiging.</p>"
    )


def _member(row: dict[str, object], s: AfterDrawSettings) -> str:
    b = s.letter
    confirmed = row.get("status") == "confirmed"
    if confirmed:
        answer = (
            "<p>U heeft ons al laten weten dat u meedoet. Dank u wel! U hoeft nu niets te doen.</p>"
        )
        change = "Kunt u toch niet meer meedoen? Laat het ons dan weten."
    else:
        answer = (
            f"<p><strong>Wat moet u nu doen?</strong> Laat ons vóór "
            f"{dutch_date(b.reply_by)} weten of u meedoet. {_questions(b)}.</p>"
        )
        change = (
            "Wilt of kunt u toch niet meedoen? Laat het ons dan ook weten. Dan vragen wij "
            "iemand van de reservelijst."
        )
    return f"""<h1>U bent geloot voor {_group(s)}</h1>
<p>{_e(salutation(row.get("voornaam"), row.get("achternaam")))},</p>
<p>U heeft gezegd dat u wilt meedoen met {_group(s)}. Dank u wel! Bij de
loting bent u geloot: er is een plaats in {_where(s)} voor u.</p>
{answer}
{_term(s, confirmed)}
{_meeting(s)}
<p>{change}</p>"""


def _reserve(row: dict[str, object], s: AfterDrawSettings) -> str:
    rank = _rank(row)
    until = (
        f"Dat kan tot {dutch_date(s.term_ends)}."
        if s.term_ends is not None and not s.panel
        else f"Dat kan zolang {_where(s)} bestaat."
    )
    far = (
        "<p>Er staan al veel mensen vóór u op de lijst. De kans dat wij u vragen, is daarom "
        "klein.</p>"
        if rank is not None and rank > s.seats
        else ""
    )
    return f"""<h1>U staat op de reservelijst van {_group(s)}</h1>
<p>{_e(salutation(row.get("voornaam"), row.get("achternaam")))},</p>
<p>U heeft gezegd dat u wilt meedoen met {_group(s)}. Dank u wel! Bij de
loting bent u niet geloot voor een plaats in {_where(s)}. U staat wel op de
reservelijst.</p>
<p class="code">Plaats {rank if rank is not None else "?"} op de reservelijst</p>
<p><strong>Wat betekent dat?</strong> Zegt een lid af of stopt iemand, dan vragen wij
iemand van de reservelijst. Wij beginnen bovenaan de lijst. Wij kijken ook of {_where(s)}
dan nog lijkt op de wijk: jong en oud, uit alle buurten. Daarom vragen wij soms iemand die
lager op de lijst staat. {until}</p>
{far}
<p><strong>Wat moet u nu doen?</strong> Niets. Hebben wij u nodig, dan nemen wij contact
met u op. Verhuist u, of wilt u niet meer op de reservelijst staan? Laat het ons
weten.</p>"""


def _not_drawn(row: dict[str, object], s: AfterDrawSettings) -> str:
    site = f" ({_e(s.website)})" if s.website else ""
    return f"""<h1>Bedankt dat u mee wilde doen met {_group(s)}</h1>
<p>{_e(salutation(row.get("voornaam"), row.get("achternaam")))},</p>
<p>U heeft gezegd dat u wilt meedoen met {_group(s)}. Dank u wel! Bij de
loting bent u deze keer niet geloot. Er wilden meer mensen meedoen dan er plaatsen zijn.
De loting is toeval: het zegt niets over u.</p>
<p><strong>Wat kunt u nog doen?</strong></p>
<ul>
<li>Volg de raad. Op de website van de gemeente{site} ziet u wat de raad besluit en waar
het geld voor de wijk naartoe gaat.</li>
<li>Heeft u een idee voor de wijk? Stuur het naar de raad. Bewoners mogen zelf voorstellen
doen.</li>
<li>Bij een volgende loting kunt u opnieuw een uitnodiging krijgen.</li>
</ul>"""


_BODIES = {MEMBER: _member, RESERVE: _reserve, NOT_DRAWN: _not_drawn}


def _rank(row: dict[str, object]) -> int | None:
    value = row.get("reserve_rank")
    return None if value is None or pd.isna(value) else int(str(value))


def _letter(kind: str, row: dict[str, object], s: AfterDrawSettings) -> str:
    b = s.letter
    return f"""<section class="letter">
{letter_head(row, b.municipality, b.dated)}
{_BODIES[kind](row, s)}
<p>Heeft u vragen? {_questions(b)}. U kunt ook iemand vragen om u te helpen.</p>
<p>Met vriendelijke groet,<br>{_e(b.sender)}</p>
</section>"""


def letters_html(kind: str, rows: pd.DataFrame, settings: AfterDrawSettings) -> str:
    """One kind of letter for every row (the mail-merge columns, `status` and
    `reserve_rank`), one a page."""
    letters = [_letter(kind, r, settings) for r in rows.to_dict("records")]
    return html_page(f"{TITLES[kind]}, {settings.letter.council_name}", letters)


def mail_merge_frame(kind: str, rows: pd.DataFrame, settings: AfterDrawSettings) -> pd.DataFrame:
    """One row per letter in the mail-merge columns, with the dates the letters name."""
    s = settings
    frame = rows.copy()
    frame["soort"] = KIND_WORDS[kind]
    frame["aanhef"] = [
        salutation(first, last)
        for first, last in zip(frame["voornaam"], frame["achternaam"], strict=True)
    ]
    frame["bevestigd"] = [
        ("ja" if status == "confirmed" else "nee") if kind == MEMBER else ""
        for status in frame["status"]
    ]
    frame["reserveplaats"] = [
        str(_rank({"reserve_rank": r}) or "") if kind == RESERVE else ""
        for r in frame["reserve_rank"]
    ]
    meeting = s.meeting
    frame["antwoord_voor"] = dutch_date(s.letter.reply_by) if kind == MEMBER else ""
    frame["termijn_begint"] = dutch_date(s.term_starts) if s.term_starts else ""
    frame["termijn_eindigt"] = dutch_date(s.term_ends) if s.term_ends else ""
    frame["vergadering"] = (
        f"{dutch_date(meeting.held_on)}, {meeting.location}" if meeting and kind == MEMBER else ""
    )
    return frame[list(MAIL_MERGE_COLUMNS)].reset_index(drop=True)
