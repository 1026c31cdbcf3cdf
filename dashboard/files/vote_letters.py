"""The letters of a neighbourhood vote: the mail-merge table for the print shop (made into a
CSV by dashboard/components/exports.py) and printable letters, each with the voting code,
the voting page's address with the code filled in (written out and as a QR code) and a
paper ballot with the same code. Pure: rows in, a table or HTML out.

Both hold names and addresses: they are made only when an organiser downloads them and
are never stored or logged. The letter's parts come from the draw's letters
(dashboard/files/draw_documents.py): the head with the address, the QR code, the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

import pandas as pd

from dashboard.domain.money import euro
from dashboard.files.draw_documents import (
    dutch_date,
    html_page,
    letter_head,
    salutation,
    signup_link,
)
from dashboard.files.qr_codes import qr_svg

QR_TITLE = "QR-code van het adres om te stemmen"

MAIL_MERGE_COLUMNS = (
    "code", "aanhef", "voornaam", "achternaam", "straat", "huisnummer", "postcode", "woonplaats",
    "wijk", "stemadres",
)  # fmt: skip


@dataclass(frozen=True)
class BallotLine:
    number: int
    title: str
    cost: Decimal


@dataclass(frozen=True)
class VoteLetterSettings:
    municipality: str
    title: str  # the vote's name: "Buurtbudget Noorderplein 2027"
    budget: Decimal
    knapsack: bool  # kiezen binnen het budget
    opens_on: date
    closes_on: date
    min_age: int
    phone: str
    email: str
    sender: str
    dated: date
    vote_page: str  # the voting page's address, without a code
    ideas: tuple[BallotLine, ...]


def mail_merge_frame(rows: pd.DataFrame, vote_page: str) -> pd.DataFrame:
    """One row per letter with the salutation and the voting page's address with the
    code filled in, in the mail-merge columns."""
    frame = rows.copy()
    frame["aanhef"] = [
        salutation(first, last)
        for first, last in zip(frame["voornaam"], frame["achternaam"], strict=True)
    ]
    frame["stemadres"] = [signup_link(vote_page, str(code)) for code in frame["code"]]
    return frame[list(MAIL_MERGE_COLUMNS)]


def _how(s: VoteLetterSettings) -> str:
    if s.knapsack:
        return f"Kies de ideeën die u wilt, zolang ze samen niet meer kosten dan {euro(s.budget)}."
    return "Kies alle ideeën die u steunt: één, een paar of allemaal."


@lru_cache(maxsize=4)
def _ballot_rows(s: VoteLetterSettings) -> str:
    """The ballot's ideas, the same on every letter (made once for all of them)."""
    e = html.escape
    return "\n".join(
        f"<tr><td class='box'>&#9744;</td><td>{i.number}. {e(i.title)}</td>"
        f"<td class='cost'>{e(euro(i.cost))}</td></tr>"
        for i in s.ideas
    )


def _ballot(code: str, s: VoteLetterSettings) -> str:
    e = html.escape
    rows = _ballot_rows(s)
    return f"""<div class="ballot">
<h2>Stembiljet: {e(s.title)}</h2>
<p>Code: <span class="code">{e(code)}</span> &middot; {e(_how(s))}</p>
<table>{rows}</table>
<p>Kruis de ideeën aan en lever dit biljet uiterlijk {dutch_date(s.closes_on)} in bij de
organisatie, of stuur het op. Een biljet telt één keer, net als de code op internet: wie
online stemt, hoeft dit biljet niet in te leveren.</p>
</div>"""


def _letter(row: dict[str, object], s: VoteLetterSettings) -> str:
    e = html.escape
    code = str(row.get("code") or "")
    link = signup_link(s.vote_page, code)
    wijk = e(str(row.get("wijk") or "uw wijk"))
    return f"""<section class="letter">
{letter_head(row, s.municipality, s.dated)}
<h1>Stem mee: waar gaat {e(euro(s.budget))} voor {wijk} naartoe?</h1>
<p>{e(salutation(row.get("voornaam"), row.get("achternaam")))},</p>
<p>Bewoners van {wijk} hebben ideeën bedacht voor hun buurt. Nu mag u kiezen welke ideeën
geld krijgen: samen {e(euro(s.budget))}. Iedereen van {s.min_age} jaar en ouder in de wijk
krijgt deze brief met een eigen code. Stemmen kan van {dutch_date(s.opens_on)} tot en met
{dutch_date(s.closes_on)}. Uw stem is geheim: niemand kan zien wat u kiest.</p>
<div class="online">{qr_svg(link, QR_TITLE)}
<p>Scan de QR-code met de camera van uw telefoon, of typ dit adres over. Uw code staat
er dan al in.<br><span class="link">{e(link)}</span></p></div>
<p>Uw code: <span class="code">{e(code)}</span>. Met deze code kunt u één keer stemmen.</p>
<p>Heeft u vragen, of wilt u hulp bij het stemmen? Bel {e(s.phone)} of mail naar
{e(s.email)}.</p>
<p>Met vriendelijke groet,<br>{e(s.sender)}</p>
{_ballot(code, s)}
</section>"""


_STYLE = """<style>
.ballot { margin-top: 1cm; border-top: 2px dashed #000; padding-top: 0.5cm; }
.ballot h2 { font-size: 13pt; margin: 0 0 0.3cm 0; }
.ballot table { border-collapse: collapse; width: 100%; }
.ballot td { padding: 0.1cm 0.2cm; border-bottom: 1px solid #999; }
.ballot .box { font-size: 16pt; width: 1cm; }
.ballot .cost { text-align: right; white-space: nowrap; }
</style>"""


def letters_html(rows: pd.DataFrame, settings: VoteLetterSettings, part: str = "") -> str:
    """The letters of `rows` in one HTML page (one letter a page), each with its ballot."""
    letters = [_letter(r, settings) for r in rows.to_dict("records")]
    title = f"Stembrieven {settings.title}" + (f" ({part})" if part else "")
    return html_page(title, [_STYLE, *letters])


def lines(items: Sequence[tuple[int, str, Decimal]]) -> tuple[BallotLine, ...]:
    return tuple(BallotLine(n, t, c) for n, t, c in items)
